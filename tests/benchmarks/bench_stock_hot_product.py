"""8 clients issuing the same product at once on PostgreSQL: throughput and invariant violations (must be 0).

    python tests/benchmarks/bench_stock_hot_product.py [--seconds 10] [--clients 8]

Every client is a process with its own engine calling issue_stock on one product and warehouse;
all of them queue on the same position lock. Afterwards the full invariant check runs (lots,
positions, journal sums, FIFO replayed from the journal). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from decimal import Decimal

from bench_stock_issue_vs_pgbench import setup
from stock_data import scratch_database

from erp_desktop.db.engine import create_database
from erp_desktop.errors import ConcurrentModification, InsufficientStock
from erp_desktop.services import stock


def _client(url: str, actor, product_id: int, warehouse_id: int, seconds: float, start_at: float) -> dict:
    db = create_database(url, pool_size=1)
    stock.list_warehouses(db, actor)
    while time.time() < start_at:
        time.sleep(0.002)
    done = refused = conflicts = 0
    latencies = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            stock.issue_stock(db, actor, product_id=product_id, warehouse_id=warehouse_id, qty=Decimal("1.250"))
            done += 1
        except InsufficientStock:
            refused += 1
        except ConcurrentModification:
            conflicts += 1
        latencies.append(time.perf_counter() - started)
    db.dispose()
    return {"done": done, "refused": refused, "conflicts": conflicts, "latencies": latencies}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    from tests.services.stock.stock_invariants import check_stock_invariants

    with scratch_database("erp_bench_hot") as (db, url):
        actor, products, warehouse_id = setup(db, products=1, lots=60)
        context = multiprocessing.get_context("spawn")
        start_at = time.time() + 2.0 + 0.3 * args.clients
        with context.Pool(args.clients) as pool:
            results = pool.starmap(_client, [(url, actor, products[0], warehouse_id, args.seconds, start_at)
                                             for _ in range(args.clients)])
        started = time.perf_counter()
        violations = check_stock_invariants(db)
        check_s = time.perf_counter() - started
        latencies = sorted(x for r in results for x in r["latencies"])
        done = sum(r["done"] for r in results)
        figures = {
            "clients": args.clients,
            "issues_per_s": round(done / args.seconds, 1),
            "issues": done,
            "refused": sum(r["refused"] for r in results),
            "conflicts_after_retries": sum(r["conflicts"] for r in results),
            "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else None,
            "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1) if latencies else None,
            "invariant_violations": len(violations),
            "invariant_check_s": round(check_s, 2),
        }
    for problem in violations[:10]:
        print("VIOLATION", problem)
    for key, value in figures.items():
        print(f"{key:>24}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
