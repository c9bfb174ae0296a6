"""Server CPU per FIFO issue on PostgreSQL: N calls of CALL erp_issue_stock on one connection, the backend's
time on a CPU (/proc/<pid>/schedstat, same machine) read before and after; microseconds per call.

    python tests/benchmarks/bench_issue_server_cpu.py [--calls 1500] [--rounds 5] [--part]

--part: every issue for one part (its running total in part_issue_totals kept as well, migration 0011).

Set up as bench_stock_issue_vs_pgbench.py does (scratch plant, a supply clerk signed in); the calls go as that
benchmark's pgbench function-only run sends them (as the desktops' login with the token). Runs unchanged in an
older checkout (before issue 11 the procedure took session, org and user ids and a payload): compare trees by
running each in turn, several rounds, medians. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
from decimal import Decimal

import psycopg
import stock_data
from sqlalchemy import text
from sqlalchemy.engine import make_url
from stock_data import scratch_database, seed_organization

from erp_desktop.services import stock
from erp_desktop.services.uow import NOTIFY_CHANNEL

ISSUE_QTY = Decimal("0.750")
_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """The backend's time on a CPU: /proc/<pid>/schedstat in nanoseconds where the kernel has it (utime+stime
    come in 10 ms ticks: 2 % of a 1500-call round), else utime+stime."""
    try:
        with open(f"/proc/{pid}/schedstat") as f:
            return int(f.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        pass
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def _call_sql(actor, product: int, warehouse: int, part: int | None = None) -> str:
    if hasattr(actor, "token") and "desktop_login" in dir(stock_data):
        return (f"CALL erp_issue_stock('{actor.token}', {product}, {warehouse}, {ISSUE_QTY}, "
                f"{'NULL' if part is None else part}, '', "
                f"'{NOTIFY_CHANNEL}')")
    from erp_desktop.services.uow import notification_payload  # the tree before issue 11
    return (f"CALL erp_issue_stock({actor.session_id}, {actor.org_id}, {actor.user_id}, {product}, {warehouse}, "
            f"{ISSUE_QTY}, NULL, '', '{NOTIFY_CHANNEL}', '{notification_payload(actor.org_id, 'stock', [product])}')")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--functions", action="store_true", help="also print pg_stat_user_functions per call")
    parser.add_argument("--part", action="store_true", help="issue for a part (its running total kept too)")
    args = parser.parse_args()
    lots = int(args.calls * ISSUE_QTY * (args.rounds + 1) / 1000) + 2
    with scratch_database("erp_bench_cpu") as (db, url):
        actors = seed_organization(db)
        admin, actor = actors["admin"], actors["supply"]
        warehouse = stock.create_warehouse(db, admin, code="MAIN", name="Main store")
        product = stock.create_product(db, admin, sku="CPU-1", name="Cpu steel", unit="kg", category="metal")
        for lot in range(lots):
            stock.receive_stock(db, admin, product_id=product.id, warehouse_id=warehouse.id, qty=Decimal(1000),
                                unit_cost=Decimal(100 + lot) + Decimal("0.1234"), quality="APPROVED")
        with getattr(db, "admin", db).engine.begin() as c:  # before issue 11: one login
            c.execute(text("ANALYZE"))
            if args.functions:
                c.execute(text(f'ALTER DATABASE "{make_url(url).database}" SET track_functions = pl'))
        u = make_url(url)
        conninfo = f"host={u.host or '127.0.0.1'} port={u.port or 5432} dbname={u.database} user={u.username}"
        if u.password:
            conninfo += f" password={u.password}"
        part = None
        if args.part:
            with db.admin.engine.begin() as c:
                part = c.execute(text(
                    "INSERT INTO parts (org_id, code, name, customer, planned_qty, ready_qty, priority, status, "
                    "created_at, updated_at, version) VALUES (:org, 'CPU-PART', 'Part', '', 10, 0, 0, 'planned', "
                    "now(), now(), 1) RETURNING id"), {"org": actor.org_id}).scalar_one()
        sql = _call_sql(actor, product.id, warehouse.id, part)
        per_call = []
        with psycopg.connect(conninfo, autocommit=True, prepare_threshold=None) as conn:
            pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
            for _ in range(args.calls // 5):  # warm-up
                conn.execute(sql)
            for _ in range(args.rounds):
                before = _cpu_seconds(pid)
                for _ in range(args.calls):
                    conn.execute(sql)
                per_call.append((_cpu_seconds(pid) - before) / args.calls * 1e6)
        if args.functions:
            import time
            time.sleep(1.5)
            with getattr(db, "admin", db).engine.begin() as c:
                calls = args.calls * (args.rounds + 0.2)
                for name, n, total, own in c.execute(text(
                        "SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions ORDER BY 4 DESC")):
                    print(f"{name:40} calls/issue {n / calls:6.2f} total {total * 1000 / calls:7.1f} us"
                          f" self {own * 1000 / calls:7.1f} us")
        print("server CPU per call (us):", " ".join(f"{x:.0f}" for x in per_call))
        print(json.dumps({"calls": args.calls, "rounds": args.rounds, "part": args.part,
                          "server_cpu_us_per_call_median": round(statistics.median(per_call), 1),
                          "server_cpu_us_per_call": [round(x, 1) for x in per_call],
                          "signature": "token" if "'" in sql.split("(", 1)[1][:2] else "ids",
                          "source": inspect.getsourcefile(stock)}))


if __name__ == "__main__":
    main()
