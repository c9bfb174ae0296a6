"""Audit log over 1,000,000 rows on PostgreSQL: first page, a user's page, an entity page, a date range.

    python tests/benchmarks/bench_audit.py [--rows 1000000]

Needs ERP_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres); uses a scratch database.
Prints medians in milliseconds; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import uuid
from datetime import date, timedelta

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from erp_desktop.config import normalise_url
from erp_desktop.db import migrate
from erp_desktop.db.engine import create_database
from erp_desktop.db.models import User
from erp_desktop.services.access.auth import actor_for
from erp_desktop.services.admin import audit

try:
    import timing  # run as a script: this folder is on sys.path
except ImportError:  # imported as tests.benchmarks.*
    from tests.benchmarks import timing


def median_ms(fn, runs: int = 7) -> float:
    return timing.median_ms(fn, runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    base = normalise_url(os.environ.get("ERP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    name = f"erp_bench_audit_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    db = create_database(make_url(base).set(database=name).render_as_string(hide_password=False))
    try:
        migrate.upgrade(db)
        started = time.perf_counter()
        with db.engine.begin() as c:
            c.execute(text("INSERT INTO organizations (name, created_at) VALUES ('Bench', now())"))
            c.execute(text("INSERT INTO users (org_id, username, full_name, role, password_hash, is_active, "
                           "must_change_password, created_at, version) SELECT 1, 'u' || g, '', 'admin', 'x', true, "
                           "false, now(), 1 FROM generate_series(1, 20) g"))
            c.execute(text(
                "INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after) "
                "SELECT 1, 1 + g % 20, now() - (g || ' seconds')::interval * 30, "
                "(ARRAY['part','fact','task','lot','user','session'])[1 + g % 6], g::text, 'update', "
                "'{\"qty\": 1}'::json, '{\"qty\": 2}'::json FROM generate_series(1, :rows) g"), {"rows": args.rows})
            c.execute(text("ANALYZE audit_log"))
        load_s = time.perf_counter() - started
        with db.sessions() as s:
            actor = actor_for(s.get(User, 1))
        first = audit.list_audit(db, actor)
        cursor = (first.rows[-1].at, first.rows[-1].id)
        figures = {
            "rows": args.rows,
            "load_s": round(load_s, 1),
            "first_page_ms": median_ms(lambda: audit.list_audit(db, actor)),
            "next_page_ms": median_ms(lambda: audit.list_audit(db, actor, after=cursor)),
            "user_page_ms": median_ms(lambda: audit.list_audit(db, actor, user_id=7)),
            "entity_page_ms": median_ms(lambda: audit.list_audit(db, actor, entity="lot")),
            "old_date_range_ms": median_ms(lambda: audit.list_audit(
                db, actor, date_from=date.today() - timedelta(days=300), date_to=date.today() - timedelta(days=299))),
        }
        for key, value in figures.items():
            print(f"{key:>20}: {value}")
        print(json.dumps(figures))
    finally:
        db.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
