"""Valuation as of a date over 1,000,000 movements on PostgreSQL (target: under 1 s).

    python tests/benchmarks/bench_stock_valuation.py [--movements 1000000]

Generates a consistent FIFO journal with stock_data.generate_journal (INSERT .. SELECT), then times
get_valuation as of today, a year ago and three months ago (median of 5), plus the stock overview,
a stock card and a journal page for reference. Checks the ledger invariants on the loaded data with
SQL sums and that today's valuation equals the FIFO value of the lots. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
from datetime import timedelta

from sqlalchemy import text
from stock_data import generate_journal, scratch_database, seed_organization

from erp_desktop.db.types import utcnow
from erp_desktop.services import stock
from tests.factories import admin_of

try:
    import timing  # run as a script: this folder is on sys.path
except ImportError:  # imported as tests.benchmarks.*
    from tests.benchmarks import timing


def median_ms(fn, runs: int = 5) -> float:
    return timing.median_ms(fn, runs)


def sql_invariants(db) -> int:
    """Positions = lots = journal per (product, warehouse), in SQL (the Python checker is for small data); through
    the superuser, who sees every organisation's rows."""
    with admin_of(db).engine.connect() as c:
        return c.execute(text(
            "SELECT count(*) FROM stock_positions p "
            "FULL JOIN (SELECT product_id, warehouse_id, sum(on_hand) AS on_hand FROM lots "
            "           GROUP BY 1, 2) l USING (product_id, warehouse_id) "
            "FULL JOIN (SELECT product_id, warehouse_id, sum(qty) AS qty FROM stock_movements "
            "           GROUP BY 1, 2) m USING (product_id, warehouse_id) "
            "WHERE p.on_hand IS DISTINCT FROM l.on_hand OR p.on_hand IS DISTINCT FROM m.qty "
            "   OR p.on_hand < 0")).scalar_one()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--movements", type=int, default=1_000_000)
    args = parser.parse_args()
    with scratch_database("erp_bench_valuation") as (db, _url):
        actors = seed_organization(db)
        loaded = generate_journal(db, actors, movements=args.movements)
        viewer = actors["viewer"]
        now = utcnow()
        today = stock.get_valuation(db, viewer, as_of=now)
        fifo_value = sum(row.fifo_value for row in stock.list_stock(db, viewer))
        product_id = today.rows[0].product_id
        first_page = stock.list_movements(db, viewer)
        figures = {
            "movements": loaded["movements"],
            "load_s": loaded["load_s"],
            "valuation_today_ms": median_ms(lambda: stock.get_valuation(db, viewer, as_of=now)),
            "valuation_year_ago_ms": median_ms(lambda: stock.get_valuation(db, viewer,
                                                                            as_of=now - timedelta(days=365))),
            "valuation_3_months_ago_ms": median_ms(lambda: stock.get_valuation(db, viewer,
                                                                                as_of=(now - timedelta(days=90)).date())),
            "valuation_rows": len(today.rows),
            "valuation_equals_fifo_value": today.total_value == fifo_value,
            "stock_overview_ms": median_ms(lambda: stock.list_stock(db, viewer)),
            "stock_card_90_days_ms": median_ms(lambda: stock.get_stock_card(
                db, viewer, product_id=product_id, date_from=(now - timedelta(days=90)).date())),
            "journal_first_page_ms": median_ms(lambda: stock.list_movements(db, viewer)),
            "journal_next_page_ms": median_ms(lambda: stock.list_movements(db, viewer, after=first_page.cursor)),
            "journal_last_page_ms": median_ms(lambda: stock.list_movements(db, viewer, oldest_first=True)),
            "journal_count_ms": median_ms(lambda: stock.count_movements(db, viewer)),
            "sql_invariant_violations": sql_invariants(db),
        }
    for key, value in figures.items():
        print(f"{key:>28}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
