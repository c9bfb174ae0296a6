"""FIFO issue throughput on PostgreSQL beside pgbench TPC-B on the same server, in the same run.

    python tests/benchmarks/bench_stock_issue_vs_pgbench.py [--seconds 10]

1 client and 8 clients (processes, each its own engine), each issuing small quantities of its own
product through the real service (issue_stock: permission, session check, position and lot locks,
document, movements, audit, notification, commit). The issue database is set up as a plant's
(stock_data.scratch_database: db setup's roles, migrated by the migration login); the clients connect
as the desktops' login and act with a signed-in supply clerk's session token. pgbench: a scratch database, `pgbench -i -s 10`,
then `-c 1 -j 1 -T s` and `-c 8 -j 2 -T s`. Target: at least half of pgbench's tps at both.
The machine is shared and noisy, so the two are measured in --rounds interleaved rounds (pgbench, then
the issues, at 1 and then at 8 clients) and each ratio is the median of the rounds' ratios. Both sides
start from analysed tables (pgbench -i ends with VACUUM ANALYZE; the issue database is analysed after
its set-up) and each issue run has a short warm-up before its clock starts.
Also printed: the same issues driven by pgbench itself straight into the server function
(CALL erp_issue_stock with the token, as the desktops' login), i.e. what the server does per issue without any Python client: the
ceiling the service can approach on this machine, where the client processes share its cores.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from stock_data import admin_url, desktop_login, scratch_database, seed_organization

from erp_desktop.db.engine import create_database
from erp_desktop.services import stock
from erp_desktop.services.uow import NOTIFY_CHANNEL

ISSUE_QTY = Decimal("0.750")


def _issuer(url: str, actor, product_id: int, warehouse_id: int, seconds: float, start_at: float) -> int:
    db = create_database(url, pool_size=1)
    stock.list_warehouses(db, actor)  # connect before the clock starts
    while time.time() < start_at - 1.0:
        time.sleep(0.002)
    while time.time() < start_at:  # warm-up: the server's plans and caches, this process's code paths
        stock.issue_stock(db, actor, product_id=product_id, warehouse_id=warehouse_id, qty=ISSUE_QTY)
    done = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        stock.issue_stock(db, actor, product_id=product_id, warehouse_id=warehouse_id, qty=ISSUE_QTY)
        done += 1
    db.dispose()
    return done


def issue_tps(url: str, actor, products: list[int], warehouse_id: int, clients: int, seconds: float) -> float:
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0 + 0.3 * clients
    with context.Pool(clients) as pool:
        counts = pool.starmap(_issuer, [(url, actor, products[i], warehouse_id, seconds, start_at)
                                        for i in range(clients)])
    return sum(counts) / seconds


def function_tps(url: str, actor, products: list[int], warehouse_id: int, seconds: float) -> tuple[float, float]:
    """The procedure erp_issue_stock called by pgbench (no Python in the loop), 1 and 8 clients, each on its own
    product: as the desktops' login, with the session token, as the service calls it."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(f"\\set p {products[0]} + (:client_id % {len(products)})\n"
                     f"CALL erp_issue_stock('{actor.token}', :p, {warehouse_id}, {ISSUE_QTY}, NULL, '', "
                     f"'{NOTIFY_CHANNEL}');\n")
    try:
        database, user = make_url(url).database, desktop_login(url)
        one = _pgbench(["-n", "-M", "prepared", "-f", script.name, "-c", "1", "-j", "1", "-T", str(int(seconds))],
                       database, user)
        eight = _pgbench(["-n", "-M", "prepared", "-f", script.name, "-c", "8", "-j", "2", "-T", str(int(seconds))],
                         database, user)
        return one, eight
    finally:
        os.unlink(script.name)


def _pgbench(args: list[str], dbname: str, user: str | None = None) -> float:
    url = make_url(admin_url())
    base = ["pgbench", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
            "-U", user or url.username or "postgres"]
    out = subprocess.run(base + args + [dbname], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))


@contextmanager
def pgbench_database():
    """A scratch database initialised by `pgbench -i -s 10`; its name."""
    name = f"erp_pgbench_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(admin_url())
        subprocess.run(["pgbench", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
                        "-U", url.username or "postgres", "-i", "-s", "10", "-q", name],
                       capture_output=True, check=True)
        yield name
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def pgbench_tps(name: str, clients: int, seconds: float) -> float:
    return _pgbench(["-c", str(clients), "-j", str(min(clients, 2)), "-T", str(int(seconds))], name)


def setup(db, *, products: int = 8, lots: int = 80) -> tuple:
    actors = seed_organization(db)
    admin = actors["admin"]
    warehouse = stock.create_warehouse(db, admin, code="MAIN", name="Main store")
    ids = []
    for i in range(products):
        product = stock.create_product(db, admin, sku=f"BENCH-{i}", name=f"Bench steel {i}", unit="kg",
                                       category="metal")
        for lot in range(lots):
            stock.receive_stock(db, admin, product_id=product.id, warehouse_id=warehouse.id, qty=Decimal(1000),
                                unit_cost=Decimal(100 + lot) + Decimal("0.1234"),
                                quality="APPROVED")
        ids.append(product.id)
    return actors["supply"], ids, warehouse.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rounds = {"issue_1": [], "pgbench_1": [], "issue_8": [], "pgbench_8": []}
    with scratch_database("erp_bench_issue") as (db, url), pgbench_database() as pgbench_db:
        actor, products, warehouse_id = setup(db)
        with db.admin.engine.begin() as c:
            c.execute(text("ANALYZE"))
        for _ in range(args.rounds):
            for clients in (1, 8):
                rounds[f"pgbench_{clients}"].append(pgbench_tps(pgbench_db, clients, args.seconds))
                rounds[f"issue_{clients}"].append(issue_tps(url, actor, products, warehouse_id, clients, args.seconds))
        function_1, function_8 = function_tps(url, actor, products, warehouse_id, args.seconds)
        from tests.services.stock.stock_invariants import check_stock_invariants

        violations = len(check_stock_invariants(db))
    ratios = {clients: [i / p for i, p in zip(rounds[f"issue_{clients}"], rounds[f"pgbench_{clients}"], strict=True)]
              for clients in (1, 8)}
    figures = {
        "issue_tps_1_client": round(statistics.median(rounds["issue_1"]), 1),
        "pgbench_tps_1_client": round(statistics.median(rounds["pgbench_1"]), 1),
        "ratio_1_client": round(statistics.median(ratios[1]), 2),
        "issue_tps_8_clients": round(statistics.median(rounds["issue_8"]), 1),
        "pgbench_tps_8_clients": round(statistics.median(rounds["pgbench_8"]), 1),
        "ratio_8_clients": round(statistics.median(ratios[8]), 2),
        "ratios_1_client_by_round": [round(r, 2) for r in ratios[1]],
        "ratios_8_clients_by_round": [round(r, 2) for r in ratios[8]],
        "function_only_tps_1_client": round(function_1, 1),
        "function_only_ratio_1_client": round(function_1 / statistics.median(rounds["pgbench_1"]), 2),
        "function_only_tps_8_clients": round(function_8, 1),
        "function_only_ratio_8_clients": round(function_8 / statistics.median(rounds["pgbench_8"]), 2),
        "invariant_violations": violations,
        "cpu_cores": multiprocessing.cpu_count(),
    }
    for key, value in figures.items():
        print(f"{key:>29}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
