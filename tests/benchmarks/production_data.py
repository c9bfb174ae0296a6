"""Benchmark data for production: 5,000 parts with 6-stage routes and 500,000 stage facts, loaded in bulk
(COPY on PostgreSQL, executemany on SQLite) with consistent cached aggregates (part_stages totals, ready
quantity, status) and the flow rule kept.

    python tests/benchmarks/production_data.py [--backend postgresql|sqlite|both] [--parts 5000] [--facts 500000]

Used by bench_production.py (``scratch_database`` + ``generate``). Run alone, it loads a scratch database
of each back end, checks the aggregates, prints the load times, and drops it again.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from erp_desktop.config import normalise_url
from erp_desktop.db import migrate
from erp_desktop.db.engine import Database, create_database
from erp_desktop.db.models import Organization, User
from erp_desktop.domain.progress import PartStatus, part_status
from erp_desktop.services.access.auth import actor_for
from erp_desktop.services.actor import Actor
from erp_desktop.services.production import stages

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
ROUTE_LENGTH = 6
OPERATORS = 24
CUSTOMERS = ("Uralmash", "Baltic Pumps", "Volga Hydraulics", "Nordtrak", "Kama Motors", "Severstal Service",
             "Amur Shipyard", "Don Agro")
DAYS_SPAN = 365


@dataclass
class Generated:
    org_id: int
    admin: Actor
    parts: int
    facts: int
    load_s: float
    today: date


@contextlib.contextmanager
def scratch_database(backend: str) -> Iterator[Database]:
    """A migrated, empty throwaway database of the back end; dropped afterwards."""
    if backend == "sqlite":
        folder = tempfile.mkdtemp(prefix="erp_bench_")
        db = create_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            migrate.upgrade(db)
            yield db
        finally:
            db.dispose()
            for file in Path(folder).iterdir():
                file.unlink()
            Path(folder).rmdir()
        return
    base = normalise_url(os.environ.get("ERP_TEST_PG_URL", PG_DEFAULT))
    name = f"erp_bench_prod_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    db = create_database(make_url(base).set(database=name).render_as_string(hide_password=False))
    try:
        migrate.upgrade(db)
        yield db
    finally:
        db.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _split(rng: random.Random, total: int, pieces: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(pieces - 1))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(pieces)]


def _people(db: Database) -> tuple[int, Actor, list[int], int]:
    with db.sessions.begin() as session:
        org = Organization(name="Bench Plant")
        session.add(org)
        session.flush()
        admin = User(org_id=org.id, username="bench_admin", full_name="Bench Admin", role="admin", password_hash="x")
        master = User(org_id=org.id, username="bench_master", full_name="Bench Master", role="master",
                      password_hash="x")
        operators = [User(org_id=org.id, username=f"op{n:02d}", full_name=f"Operator {n:02d}", role="operator",
                          password_hash="x") for n in range(OPERATORS)]
        session.add_all([admin, master, *operators])
        session.flush()
        return org.id, actor_for(admin), [u.id for u in operators], master.id


def _rows(rng: random.Random, org_id: int, catalogue: list, operator_ids: list[int], master_id: int, part_count: int,
          fact_count: int, today: date):
    """Parts, route steps and facts as tuples, with the cached totals computed along."""
    now = datetime.now(UTC).replace(tzinfo=None)
    per_part, extra = divmod(fact_count, part_count)
    parts, steps, facts = [], [], []
    step_id = 0
    for part_id in range(1, part_count + 1):
        route = sorted(rng.sample(range(len(catalogue)), ROUTE_LENGTH))
        planned = rng.randint(50, 2000)
        start = today - timedelta(days=rng.randint(20, DAYS_SPAN))
        deadline = start + timedelta(days=rng.randint(25, 60))
        finished = rng.random() < 0.3
        goods = []
        for position in range(ROUTE_LENGTH):
            if finished:
                good = planned
            elif position == 0:
                good = int(planned * rng.uniform(0.2, 1.05))
            else:
                good = int(goods[-1] * rng.uniform(0.5, 1.0))
            goods.append(good)
        n_facts = per_part + (1 if part_id <= extra else 0)
        per_stage = _split(rng, n_facts - ROUTE_LENGTH, ROUTE_LENGTH)  # at least one fact per stage
        scraps = []
        for position, stage_index in enumerate(route):
            stage = catalogue[stage_index]
            count = per_stage[position] + 1
            first_day = start + timedelta(days=2 * position)
            days = sorted(first_day + timedelta(days=rng.randint(0, 25)) for _ in range(count))
            scrap_total = 0
            for day, good in zip(days, _split(rng, goods[position], count), strict=True):
                day = min(day, today)
                scrap = rng.choice((0, 0, 0, 0, 1, 2, 3)) if good else rng.randint(1, 3)
                scrap_total += scrap
                if stage.needs_shift:
                    shift, operator = rng.choice(("day", "night")), rng.choice(operator_ids)
                else:
                    shift, operator = "none", None
                facts.append((org_id, part_id, stage.id, day, shift, operator, good, scrap, "", master_id, now, now, 1))
            scraps.append(scrap_total)
            step_id += 1
            steps.append((step_id, part_id, stage.id, position, goods[position], scrap_total))
        ready = goods[-1]
        status = PartStatus.CANCELLED if rng.random() < 0.03 else part_status(planned=planned, ready=ready,
                                                                               has_facts=True)
        parts.append((part_id, org_id, f"DRW-{part_id:06d}", f"Part {part_id}", rng.choice(CUSTOMERS), planned,
                      ready, deadline, rng.randint(0, 3), status.value, now, now, 1))
    return parts, steps, facts


PART_COLUMNS = ("id", "org_id", "code", "name", "customer", "planned_qty", "ready_qty", "deadline", "priority",
                "status", "created_at", "updated_at", "version")
STEP_COLUMNS = ("id", "part_id", "stage_id", "position", "qty_good", "qty_scrap")
FACT_COLUMNS = ("org_id", "part_id", "stage_id", "fact_date", "shift", "operator_id", "qty_good", "qty_scrap",
                "comment", "created_by", "created_at", "updated_at", "version")
TASK_COLUMNS = ("org_id", "title", "description", "creator_id", "is_blocker", "category", "part_id", "status",
                "created_at", "updated_at", "last_activity_at", "comment_count", "version")


def _load_postgres(db: Database, tables: dict[str, tuple[tuple[str, ...], list[tuple]]]) -> None:
    raw = db.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            # foreign-key checks are row triggers (2.5 million lookups here); the rows are consistent by
            # construction and this is a scratch database, so the load skips them (needs a superuser)
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table, (columns, rows) in tables.items():
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            for table in ("parts", "part_stages"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        raw.commit()
        driver = raw.driver_connection
        driver.autocommit = True
        driver.execute("VACUUM ANALYZE")
        driver.autocommit = False
    finally:
        raw.close()


def _sqlite_value(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _load_sqlite(db: Database, tables: dict[str, tuple[tuple[str, ...], list[tuple]]]) -> None:
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")  # consistent by construction; see _load_postgres
        cursor.execute("BEGIN IMMEDIATE")
        for table, (columns, rows) in tables.items():
            if not rows:
                continue
            marks = ", ".join("?" for _ in columns)
            # convert only the columns that hold dates, times or booleans (judged by the first row)
            convert = [i for i, v in enumerate(rows[0]) if isinstance(v, date | bool)]
            cache: dict = {}

            def fixed(row, convert=convert, cache=cache):
                row = list(row)
                for i in convert:
                    value = row[i]
                    if value not in cache:
                        cache[value] = _sqlite_value(value)
                    row[i] = cache[value]
                return row

            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", map(fixed, rows))
        cursor.execute("COMMIT")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("ANALYZE")
        cursor.close()
    finally:
        raw.close()


def generate(db: Database, *, parts: int = 5000, facts: int = 500_000, seed: int = 1,
             today: date | None = None) -> Generated:
    today = today or date.today()
    started = time.perf_counter()
    rng = random.Random(seed)
    org_id, admin, operator_ids, master_id = _people(db)
    catalogue = stages.create_default_stages(db, admin)
    part_rows, step_rows, fact_rows = _rows(rng, org_id, catalogue, operator_ids, master_id, parts, facts, today)
    now = datetime.now(UTC).replace(tzinfo=None)
    blockers = [(org_id, f"Tooling for part {part_id}", "", master_id, True, "tooling", part_id,
                 rng.choice(("open", "in_progress", "done")), now, now, now, 0, 1)
                for part_id in rng.sample(range(1, parts + 1), min(parts // 25, parts))]
    tables = {
        "parts": (PART_COLUMNS, part_rows),
        "part_stages": (STEP_COLUMNS, step_rows),
        "stage_facts": (FACT_COLUMNS, fact_rows),
        "tasks": (TASK_COLUMNS, blockers),
    }
    (_load_postgres if db.is_postgres else _load_sqlite)(db, tables)
    return Generated(org_id, admin, len(part_rows), len(fact_rows), round(time.perf_counter() - started, 1), today)


def check_aggregates(db: Database) -> dict:
    """Cached totals equal the facts' sums, ready equals the last stage, the flow rule holds."""
    with db.engine.connect() as connection:
        cache_off = connection.execute(text(
            "SELECT count(*) FROM part_stages ps LEFT JOIN (SELECT part_id, stage_id, sum(qty_good) AS g, "
            "sum(qty_scrap) AS s FROM stage_facts GROUP BY part_id, stage_id) f "
            "ON f.part_id = ps.part_id AND f.stage_id = ps.stage_id "
            "WHERE ps.qty_good != coalesce(f.g, 0) OR ps.qty_scrap != coalesce(f.s, 0)")).scalar()
        ready_off = connection.execute(text(
            "SELECT count(*) FROM parts p JOIN part_stages ps ON ps.part_id = p.id "
            "WHERE ps.position = (SELECT max(position) FROM part_stages x WHERE x.part_id = p.id) "
            "AND ps.qty_good != p.ready_qty")).scalar()
        flow_broken = connection.execute(text(
            "SELECT count(*) FROM part_stages a JOIN part_stages b ON b.part_id = a.part_id "
            "AND b.position = a.position + 1 WHERE b.qty_good > a.qty_good")).scalar()
    return {"cache_mismatches": cache_off, "ready_mismatches": ready_off, "flow_breaks": flow_broken}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--parts", type=int, default=5000)
    parser.add_argument("--facts", type=int, default=500_000)
    args = parser.parse_args()
    figures = {}
    for backend in ("postgresql", "sqlite") if args.backend == "both" else (args.backend,):
        with scratch_database(backend) as db:
            generated = generate(db, parts=args.parts, facts=args.facts)
            checks = check_aggregates(db)
        figures[backend] = {"parts": generated.parts, "facts": generated.facts, "load_s": generated.load_s, **checks}
        print(f"{backend:>10}: {figures[backend]}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
