"""Task board at service level: 10,000 tasks, 2,000 of them not done, on SQLite and PostgreSQL.

    python tests/benchmarks/bench_tasks_services.py [--tasks 10000] [--open 2000] [--backend both|sqlite|postgresql]

Target: the whole board (list_board with default filters) in <= 300 ms.
PostgreSQL: ERP_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres), a scratch database.
Prints medians in milliseconds; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from erp_desktop.config import normalise_url
from erp_desktop.db import migrate
from erp_desktop.db.engine import create_database
from erp_desktop.db.models import Organization, Part, Task, TaskEvent, TaskRead, User
from erp_desktop.db.types import utcnow
from erp_desktop.domain.roles import Role
from erp_desktop.services.access.auth import actor_for
from erp_desktop.services.tasks import board as tasks

try:
    import timing  # run as a script: this folder is on sys.path
except ImportError:  # imported as tests.benchmarks.*
    from tests.benchmarks import timing

TARGET_MS = 300
OPEN_STATUSES = ("open", "accepted", "in_progress", "review")
ROLES = (Role.MASTER, Role.OPERATOR, Role.SUPPLY, Role.QC, Role.TECHNOLOGIST, Role.MANAGER)
WORDS = ("cutter", "bar", "lathe", "coolant", "drawing", "gauge", "fixture", "insert", "bearing", "die", "press")


def median_ms(fn, runs: int = 9) -> float:
    return timing.median_ms(fn, runs)


def load(db, total: int, unfinished: int) -> None:
    rng = random.Random(7)
    now = utcnow()
    with db.engine.begin() as c:
        c.execute(insert(Organization.__table__), [{"id": 1, "name": "Bench", "created_at": now}])
        c.execute(insert(User.__table__), [
            {"id": i, "org_id": 1, "username": f"u{i}", "full_name": f"User {i}", "role": ROLES[i % len(ROLES)].value,
             "password_hash": "x", "is_active": True, "must_change_password": False, "created_at": now, "version": 1}
            for i in range(1, 41)])
        c.execute(insert(Part.__table__), [
            {"id": i, "org_id": 1, "code": f"P-{i:04d}", "name": f"Part {i}", "customer": "", "planned_qty": 10,
             "ready_qty": 0, "priority": 0, "status": "in_progress", "created_at": now, "updated_at": now, "version": 1}
            for i in range(1, 301)])
        rows, reads, events = [], [], []
        for i in range(1, total + 1):
            is_open = i <= unfinished
            status = rng.choice(OPEN_STATUSES) if is_open else ("cancelled" if i % 16 == 0 else "done")
            activity = now - timedelta(days=rng.uniform(0, 365 if not is_open else 30))
            role_task = is_open and status == "open" and i % 3 == 0
            rows.append({
                "id": i, "org_id": 1, "title": f"Task {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                "description": "Details " * rng.randint(1, 20), "creator_id": rng.randint(1, 40),
                "assignee_user_id": None if role_task else rng.randint(1, 40),
                "assignee_role": ROLES[i % len(ROLES)].value if role_task else None,
                "is_blocker": i % 11 == 0, "due_date": date.today() + timedelta(days=rng.randint(-20, 40)),
                "category": rng.choice(("tooling", "material", "equipment", "quality", "documentation", "other")),
                "part_id": rng.randint(1, 300) if i % 2 else None, "status": status,
                "created_at": activity - timedelta(days=3), "updated_at": activity, "last_activity_at": activity,
                "done_at": activity if status == "done" else None, "comment_count": rng.randint(0, 6), "version": 3,
            })
            for user in rng.sample(range(1, 41), 4):
                reads.append({"task_id": i, "user_id": user, "read_at": activity - timedelta(hours=rng.choice((-1, 1)))})
            events.append({"task_id": i, "actor_id": 1, "at": activity, "from_status": None, "to_status": "open",
                           "comment": ""})
        c.execute(insert(Task.__table__), rows)
        c.execute(insert(TaskRead.__table__), reads)
        c.execute(insert(TaskEvent.__table__), events)
        if db.is_postgres:
            c.execute(text("SELECT setval(pg_get_serial_sequence('tasks', 'id'), :n)"), {"n": total})
            c.execute(text("ANALYZE"))
        else:
            c.exec_driver_sql("ANALYZE")


def measure(db, total: int, unfinished: int) -> dict:
    started = time.perf_counter()
    load(db, total, unfinished)
    load_s = round(time.perf_counter() - started, 1)
    with db.sessions() as s:
        actor = actor_for(s.get(User, 2))  # a foreman: sees everything, reviews
    board = tasks.list_board(db, actor)
    some_ids = [c.id for c in board.cards("in_progress")[:50]]
    return {
        "load_s": load_s,
        "board_cards": board.total,
        "board_ms": median_ms(lambda: tasks.list_board(db, actor)),
        "board_mine_ms": median_ms(lambda: tasks.list_board(db, actor, mine=True, my_role=True)),
        "board_text_ms": median_ms(lambda: tasks.list_board(db, actor, text="gauge")),
        "board_done_90_days_ms": median_ms(lambda: tasks.list_board(db, actor, done_days=90)),
        "get_cards_50_ms": median_ms(lambda: tasks.get_cards(db, actor, some_ids)),
        "get_task_ms": median_ms(lambda: tasks.get_task(db, actor, some_ids[0])),
        "unread_count_ms": median_ms(lambda: tasks.unread_count(db, actor)),
        "open_report_ms": median_ms(lambda: tasks.open_tasks_report(db, actor), runs=5),
    }


def run_sqlite(total: int, unfinished: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        db = create_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            migrate.upgrade(db)
            return measure(db, total, unfinished)
        finally:
            db.dispose()


def run_postgres(total: int, unfinished: int) -> dict:
    base = normalise_url(os.environ.get("ERP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    name = f"erp_bench_tasks_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    db = create_database(make_url(base).set(database=name).render_as_string(hide_password=False))
    try:
        migrate.upgrade(db)
        return measure(db, total, unfinished)
    finally:
        db.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--open", type=int, default=2_000)
    parser.add_argument("--backend", choices=("both", "sqlite", "postgresql"), default="both")
    args = parser.parse_args()
    figures: dict = {"tasks": args.tasks, "not_done": args.open, "target_board_ms": TARGET_MS}
    runners = {"sqlite": run_sqlite, "postgresql": run_postgres}
    for backend, runner in runners.items():
        if args.backend in ("both", backend):
            figures[backend] = runner(args.tasks, args.open)
            print(f"--- {backend}")
            for key, value in figures[backend].items():
                print(f"{key:>24}: {value}")
    figures["board_within_target"] = all(
        figures[b]["board_ms"] <= TARGET_MS for b in runners if b in figures)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
