"""Production queries over 5,000 parts (6-stage routes) and 500,000 facts, on PostgreSQL and SQLite:
list_parts first page with progress, list_facts for one month (first page with totals), shift_report for the
busiest shift; medians of several runs in milliseconds. Target: each <= 300 ms on PostgreSQL.

    python tests/benchmarks/bench_production.py [--backend postgresql|sqlite|both] [--parts 5000] [--facts 500000]

Needs ERP_TEST_PG_URL for PostgreSQL (default postgresql://postgres@127.0.0.1:5432/postgres); uses scratch
databases. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_data import check_aggregates, generate, scratch_database  # noqa: E402

from erp_desktop.services.production import (
    facts,
    parts,  # noqa: E402
)

try:
    import timing  # run as a script: this folder is on sys.path
except ImportError:  # imported as tests.benchmarks.*
    from tests.benchmarks import timing

TARGET_MS = 300


def median_ms(fn, runs: int = 7) -> float:
    return timing.median_ms(fn, runs)


def bench(backend: str, part_count: int, fact_count: int) -> dict:
    with scratch_database(backend) as db:
        generated = generate(db, parts=part_count, facts=fact_count)
        actor, today = generated.admin, generated.today
        with db.engine.connect() as connection:
            busy = connection.execute(text(
                "SELECT fact_date, shift, count(*) AS n FROM stage_facts WHERE shift != 'none' "
                "GROUP BY fact_date, shift ORDER BY n DESC LIMIT 1")).one()
        month_to = today - timedelta(days=60)
        month_from = month_to - timedelta(days=30)
        first_parts = parts.list_parts(db, actor)
        month = facts.list_facts(db, actor, date_from=month_from, date_to=month_to)
        report = facts.shift_report(db, actor, report_date=busy.fact_date, shift=busy.shift)
        figures = {
            "parts": generated.parts,
            "facts": generated.facts,
            "load_s": generated.load_s,
            "list_parts_first_page_ms": median_ms(lambda: parts.list_parts(db, actor)),
            "list_parts_percent_sort_search_ms": median_ms(
                lambda: parts.list_parts(db, actor, sort="percent_done", descending=True, search="uralmash")),
            "list_parts_overdue_ms": median_ms(lambda: parts.list_parts(db, actor, overdue=True)),
            "list_facts_month_first_page_ms": median_ms(
                lambda: facts.list_facts(db, actor, date_from=month_from, date_to=month_to)),
            "list_facts_month_next_page_ms": median_ms(
                lambda: facts.list_facts(db, actor, date_from=month_from, date_to=month_to, after=month.next_cursor)),
            "shift_report_busy_shift_ms": median_ms(
                lambda: facts.shift_report(db, actor, report_date=busy.fact_date, shift=busy.shift)),
            "part_detail_ms": median_ms(lambda: parts.get_part_detail(db, actor, first_parts.rows[0].id)),
            "month_facts": month.totals.count,
            "busy_shift_facts": report.totals.count,
            "first_page_rows": len(first_parts.rows),
        }
        figures.update(check_aggregates(db))
        return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--parts", type=int, default=5000)
    parser.add_argument("--facts", type=int, default=500_000)
    args = parser.parse_args()
    results = {}
    for backend in ("postgresql", "sqlite") if args.backend == "both" else (args.backend,):
        results[backend] = figures = bench(backend, args.parts, args.facts)
        print(f"--- {backend}")
        for key, value in figures.items():
            print(f"{key:>36}: {value}")
    if "postgresql" in results:
        slow = [k for k, v in results["postgresql"].items() if k.endswith("_ms") and v > TARGET_MS]
        results["postgresql_within_target"] = not slow
        print(f"PostgreSQL within {TARGET_MS} ms: {'yes' if not slow else 'no: ' + ', '.join(slow)}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
