"""A plant's worth of desktops on one PostgreSQL server (issue 12): desktops as separate processes, each with the
app's own engine (create_database: the connection budget), sign-in, live-update listener (ChangeFeed, LISTEN) and
view refetches as the app makes them (coalesced: at most once a second, only the view shown; the app's
ui/live.CoalescedChanges, here without Qt), once direct and once through PgBouncer in transaction mode, each
followed by a burst (every clerk issuing on the hot products without thinking, the others going on as before).

    python tests/benchmarks/bench_plant.py                      # a small configuration (2 shared cores)
    python tests/benchmarks/bench_plant.py --clerks 20 --foremen 10 --others 30 --seconds 60 --burst 20

Mix: clerks (supply) issue stock on 10 hot products (70%; 10% receipts; 20% look at stock) and show the stock
overview; foremen (master) record shift facts (50%) and read and show the shift journal; the others read and
show one of stock overview, lots, shift journal (switching now and then). Think time exponential, --think
mean seconds.

Printed: per operation p50/p95/p99 (ms), errors by kind (refusals a clerk acts on, such as a shortage, are
counted apart), server connections used (pg_stat_activity of the database, sampled), statements per second sent
to the server split into asked-for (people's actions and reads) and live refetch (counted in each desktop at
the engine; the listener's checks apart) and, for the steady phase, per kind of call (statements per second and
per call: what a refetch of each view costs), and stock invariant violations. The last line is one JSON object.
The throwaway server has max_connections = 200 for the direct mode (every desktop listens on a connection of its
own) and 100 through PgBouncer (the issue's target); --max-connections sets one for both.
Needs ERP_TEST_PG_URL to be a superuser's (a scratch database and roles are made and dropped); PgBouncer from
``apt-get install pgbouncer`` (skipped with a note if missing).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import random
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal as D
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when run as a script
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import event, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from stock_data import scratch_database  # noqa: E402

from erp_desktop.db.engine import create_database  # noqa: E402
from erp_desktop.db.models import User  # noqa: E402
from erp_desktop.errors import ErpError, InsufficientStock  # noqa: E402
from erp_desktop.services import stock  # noqa: E402
from erp_desktop.services.access.auth import hash_password, sign_in  # noqa: E402
from erp_desktop.services.live import ChangeFeed  # noqa: E402
from erp_desktop.services.production import facts, parts, stages  # noqa: E402
from tests.factories import admin_of  # noqa: E402
from tests.services.stock.stock_invariants import check_stock_invariants  # noqa: E402

PASSWORD = "bench-pass-1"
HOT_PRODUCTS = 10
REFETCH_INTERVAL = 1.0  # as ui/live.REFETCH_INTERVAL_MS
REFETCH_MAX_INTERVAL = 5.0  # as ui/live.REFETCH_MAX_INTERVAL_MS: doubled while changes keep coming
CATEGORIES = ("metal", "fastener", "tooling", "consumable", "component")  # the hot products, two of each
LOTS_LIMIT = 5000  # as ui/stock/lots.LotsView.LIMIT (list_lots' limit): a list that long is read whole
# the throwaway cluster's max_connections per mode (--max-connections sets one for both)
DIRECT_MAX_CONNECTIONS, POOLED_MAX_CONNECTIONS = 200, 100
VIEW_TOPICS = {"stock": {"stock", "products", "warehouses"}, "lots": {"stock", "lots"}, "journal": {"facts"}}


# ---------------------------------------------------------------------------------------------- one desktop


class Desktop:
    """One desktop process: its engine, its session, its listener, the view it shows and its refetches."""

    def __init__(self, spec: dict, plan: dict):
        self.spec, self.plan = spec, plan
        self.rnd = random.Random(spec["seed"])
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter = Counter()
        self.refusals: Counter = Counter()
        self.statements: Counter = Counter()  # "steady:asked", "burst:live", ...
        self.op_statements: Counter = Counter()  # "steady:refetch_stock", ...: what each kind of call costs
        self.op_calls: Counter = Counter()
        self.phase = "steady"
        self.purpose = threading.local()
        self.changes: queue.Queue = queue.Queue()
        self.live_states: list = []
        self.view = spec["view"]
        self.category = spec["category"]  # a stock overview shows one category, as a store clerk's does
        self.stopping = threading.Event()
        self.lot_rows: list = []

    # --- counting
    def _count(self, *_args) -> None:
        self.statements[f"{self.phase}:{getattr(self.purpose, 'name', 'check')}"] += 1
        op = getattr(self.purpose, "op", None)
        if op is not None:
            self.op_statements[f"{self.phase}:{op}"] += 1

    def timed(self, name: str, fn, *args, **kwargs):
        started = time.perf_counter()
        self.op_calls[f"{self.phase}:{name}"] += 1
        outer, self.purpose.op = getattr(self.purpose, "op", None), name
        try:
            result = fn(*args, **kwargs)
        except InsufficientStock:
            self.refusals["shortage"] += 1
            return None
        except ErpError as error:
            self.errors[f"{type(error).__name__}: {str(error)[:80]}"] += 1
            return None
        except Exception as error:  # noqa: BLE001 - every unexpected error is counted by kind
            self.errors[f"unexpected {type(error).__name__}: {str(error)[:80]}"] += 1
            return None
        finally:
            self.purpose.op = outer
        self.latencies[name].append((time.perf_counter() - started) * 1000)
        return result

    # --- the life of a desktop
    def run(self) -> dict:
        plan, spec = self.plan, self.spec
        self.db = db = create_database(plan["url"])
        event.listen(db.engine, "before_cursor_execute", self._count)
        real_direct = db.execute_direct

        def counted_direct(statement, args):
            self._count()
            return real_direct(statement, args)

        db.execute_direct = counted_direct
        self.purpose.name = "asked"
        while time.time() < plan["start_at"] + spec["stagger"]:
            time.sleep(0.01)
        signed = self.timed("sign_in", sign_in, db, spec["username"], PASSWORD)
        if signed is None:
            return self.result()
        self.actor = signed.actor
        feed = ChangeFeed(db, plan["org_id"])
        feed.start(lambda topic, ids: self.changes.put((topic, ids)), self.live_states.append)
        refetcher = threading.Thread(target=self._refetch_loop, daemon=True)
        refetcher.start()
        try:
            self._act_until(plan["steady_until"], plan["think"], burst=False)
            if plan["burst_until"] > plan["steady_until"]:
                self._act_until(plan["burst_until"], plan["burst_think"], burst=True)
        finally:
            self.stopping.set()
            feed.stop()
            refetcher.join(5)
            db.dispose()
        return self.result()

    def _act_until(self, until: float, think: float, *, burst: bool) -> None:
        kind, prefix = self.spec["kind"], "burst_" if burst else ""
        self.phase = "burst" if burst else "steady"
        if kind != "clerk":
            think = self.plan["think"]  # in the burst only the clerks stop thinking; the others go on as before
        while time.time() < until:
            time.sleep(min(self.rnd.expovariate(1 / think) if think > 0 else 0, max(0.0, until - time.time())))
            if time.time() >= until:
                break
            roll = self.rnd.random()
            if kind == "clerk" and (burst or roll < 0.7):
                self.timed(prefix + "issue", stock.issue_stock, self.db, self.actor, product_id=self._hot(),
                           warehouse_id=self.plan["warehouse_id"], qty=D(self.rnd.randint(1, 3)))
            elif kind == "clerk" and roll < 0.8:
                self.timed("receive", stock.receive_stock, self.db, self.actor, product_id=self._hot(),
                           warehouse_id=self.plan["warehouse_id"], qty=D(60), unit_cost=D(self.rnd.randint(5, 50)))
            elif kind == "foreman" and roll < 0.5:
                self.timed("record_fact", facts.create_fact, self.db, self.actor, part_id=self.rnd.choice(
                    self.plan["part_ids"]), stage_id=self.plan["stage_id"], fact_date=date.today(), shift="day",
                    operator_id=self.actor.user_id, qty_good=1)
            else:
                if kind == "other" and self.rnd.random() < 0.2:
                    self.view = self.rnd.choice(sorted(VIEW_TOPICS))  # another area shown: read as it opens
                    self.category = self.rnd.choice(CATEGORIES)
                self.timed(f"read_{self.view}", self._read, self.view)

    def _hot(self) -> int:
        return self.rnd.choice(self.plan["product_ids"])

    def _read(self, view: str, ids: tuple = ()):
        if view == "stock":
            return stock.list_stock(self.db, self.actor, product_id=ids or None, category=self.category)
        if view == "lots":
            rows = stock.list_lots(self.db, self.actor, has_stock=True)
            self.lot_rows = rows  # the list shown: live changes merge into it (as ui/stock/lots.LotsView)
            return rows
        if ids:  # the journal: the facts named and the totals, in one read (as journal_view does)
            return facts.changed_facts(self.db, self.actor, ids, date_from=date.today(), date_to=date.today())
        return facts.list_facts(self.db, self.actor, date_from=date.today(), date_to=date.today(), limit=50)

    def _lots_changed(self, topic: str, ids: set | None) -> None:
        """ui/stock/lots.LotsView._on_change with no filter but "with stock only": stock moved for some products
        reads those products' lots and merges them in (a product new to the list: the whole list); changed lots
        shown are read in one go; a change naming nothing reads the list."""
        if not ids or len(self.lot_rows) >= LOTS_LIMIT:
            self._read("lots")
        elif topic == "stock":
            products = sorted(ids)
            fetched = stock.list_lots(self.db, self.actor, product_ids=products, has_stock=True)
            merged = stock.merge_product_lots(list(self.lot_rows), products, fetched)
            if merged is None:
                self._read("lots")
            else:
                self.lot_rows = merged
        elif topic == "lots":
            shown = {lot.id for lot in self.lot_rows}
            named = [lot_id for lot_id in sorted(ids) if lot_id in shown]
            if named:
                replaced = {lot.id: lot for lot in stock.get_lots(self.db, self.actor, named)}
                self.lot_rows = [replaced.get(lot.id, lot) for lot in self.lot_rows]

    def _refetch_loop(self) -> None:
        """ui/live.CoalescedChanges without Qt: merge per topic, at most once per interval (1 s, doubled up to 5 s
        while changes keep coming, back to 1 s after a quiet interval), only the view shown; the overview of a
        category skips stock moved in another (ui/stock/overview._could_show)."""
        self.purpose.name = "live"
        last, interval = float("-inf"), REFETCH_INTERVAL
        while not self.stopping.is_set():
            try:
                first = self.changes.get(timeout=0.2)
            except queue.Empty:
                continue
            wait = last + interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
                interval = min(interval * 2, REFETCH_MAX_INTERVAL)
            else:
                interval = REFETCH_INTERVAL
            pending: dict[str, set | None] = {}
            item = first
            while item is not None:
                topic, ids = item
                if topic == "*" or "*" in pending:
                    pending = {"*": None}
                elif not ids or pending.get(topic, set()) is None:
                    pending[topic] = None
                else:
                    pending.setdefault(topic, set()).update(ids)
                try:
                    item = self.changes.get_nowait()
                except queue.Empty:
                    item = None
            last = time.monotonic()
            view = self.view
            if "*" in pending:
                self.timed(f"refetch_{view}", self._read, view)
                continue
            relevant = {t: ids for t, ids in pending.items() if t in VIEW_TOPICS[view]}
            if view == "stock" and relevant.get("stock"):
                categories = self.plan["product_categories"]
                relevant["stock"] = {i for i in relevant["stock"]
                                     if categories.get(i, self.category) == self.category}
                if not relevant["stock"] and len(relevant) == 1:
                    continue
            if not relevant:
                continue
            ids = set()
            whole = any(v is None for v in relevant.values())
            for v in relevant.values():
                ids |= v or set()
            if view == "lots":
                for topic, topic_ids in relevant.items():  # one handler call per topic, as LotsView._on_change
                    self.timed("refetch_lots", self._lots_changed, topic, topic_ids)
            elif whole:
                self.timed(f"refetch_{view}", self._read, view)
            else:
                self.timed(f"refetch_{view}", self._read, view, tuple(sorted(ids)))

    def result(self) -> dict:
        return {"latencies": dict(self.latencies), "errors": dict(self.errors), "refusals": dict(self.refusals),
                "statements": dict(self.statements), "op_statements": dict(self.op_statements),
                "op_calls": dict(self.op_calls), "live_states": self.live_states, "kind": self.spec["kind"]}


def run_desktop(spec: dict, plan: dict) -> dict:
    try:
        return Desktop(spec, plan).run()
    except Exception as error:  # noqa: BLE001 - a desktop that died is an error of its kind
        return {"latencies": {}, "errors": {f"desktop died: {type(error).__name__}: {str(error)[:100]}": 1},
                "refusals": {}, "statements": {}, "op_statements": {}, "op_calls": {}, "live_states": [],
                "kind": spec["kind"]}


# ---------------------------------------------------------------------------------------------- the plant


def seed(db, args) -> dict:
    """People (cost-4 bcrypt on both sides, as the tests have it), hot products with stock, parts with a route."""
    admin = admin_of(db)
    with admin.engine.begin() as connection:
        connection.execute(text("UPDATE security_settings SET password_hash_cost = 4"))
    from stock_data import seed_organization

    people = seed_organization(db, "Plant", roles=("admin", "technologist", "master"))
    org_id = people["admin"].org_id
    hashed = hash_password(PASSWORD, 4)
    kinds = [("clerk", "supply")] * args.clerks + [("foreman", "master")] * args.foremen
    kinds += [("other", ("viewer", "qc", "manager")[n % 3]) for n in range(args.others)]
    usernames = []
    with admin.sessions.begin() as session:
        for n, (kind, role) in enumerate(kinds):
            name = f"{kind}{n:03d}"
            session.add(User(org_id=org_id, username=name, full_name=name.title(), role=role, password_hash=hashed))
            usernames.append((kind, name))
    store = stock.create_warehouse(db, people["admin"], code="MAIN", name="Main store")
    products = []
    for n in range(HOT_PRODUCTS):
        product = stock.create_product(db, people["admin"], sku=f"HOT-{n}", name=f"Hot {n}", unit="pcs",
                                       category=CATEGORIES[n % len(CATEGORIES)])
        for cost in (10, 20, 30):
            stock.receive_stock(db, people["admin"], product_id=product.id, warehouse_id=store.id, qty=D(5000),
                                unit_cost=D(cost), quality="APPROVED")
        products.append(product.id)
    categories = {product_id: CATEGORIES[n % len(CATEGORIES)] for n, product_id in enumerate(products)}
    catalogue = {s.code: s for s in stages.create_default_stages(db, people["technologist"])}
    part_ids = [parts.create_part(db, people["master"], code=f"P-{n}", name=f"Part {n}", planned_qty=1_000_000,
                                  route=[catalogue["machining"].id]).id for n in range(5)]
    return {"org_id": org_id, "warehouse_id": store.id, "product_ids": products, "part_ids": part_ids,
            "product_categories": categories,
            "stage_id": catalogue["machining"].id, "usernames": usernames}


def _views_for(kind: str, rnd: random.Random) -> str:
    return {"clerk": "stock", "foreman": "journal"}.get(kind) or rnd.choice(sorted(VIEW_TOPICS))


def sample_connections(admin_url_engine, database: str, login: str, stop: threading.Event, samples: list) -> None:
    """The server connections of the desktops' login (the benchmark's own superuser connections not counted)."""
    query = text("SELECT count(*) FILTER (WHERE application_name = 'erp-desktop-listen'), count(*) "
                 "FROM pg_stat_activity WHERE datname = :name AND usename = :login AND pid <> pg_backend_pid()")
    with admin_url_engine.connect() as connection:
        while not stop.is_set():
            listen, total = connection.execute(query, {"name": database, "login": login}).one()
            samples.append((listen, total))
            connection.commit()
            stop.wait(0.25)


def server_counters(admin_engine, database: str) -> tuple[int, float]:
    with admin_engine.connect() as connection:
        commits = connection.execute(text("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                                          "WHERE datname = :name"), {"name": database}).scalar_one()
    return commits, time.monotonic()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def run_mode(mode: str, db, url: str, seeded: dict, args) -> dict:
    database = db.engine.url.database
    admin = admin_of(db)
    rnd = random.Random(7)
    start_at = time.time() + args.startup
    steady_until = start_at + args.seconds
    plan = {"url": url, "org_id": seeded["org_id"], "warehouse_id": seeded["warehouse_id"],
            "product_ids": seeded["product_ids"], "product_categories": seeded["product_categories"],
            "part_ids": seeded["part_ids"], "stage_id": seeded["stage_id"],
            "start_at": start_at, "steady_until": steady_until, "burst_until": steady_until + args.burst,
            "think": args.think, "burst_think": args.burst_think}
    specs = [{"kind": kind, "username": name, "seed": n, "view": _views_for(kind, rnd), "category": rnd.choice(CATEGORIES),
              "stagger": n * args.stagger} for n, (kind, name) in enumerate(seeded["usernames"])]
    samples: list = []
    stop = threading.Event()
    db.dispose()  # no pooled connection of this process is inherited by the desktops
    admin.dispose()
    context = multiprocessing.get_context("fork")  # the modules are imported once, in this process
    with context.Pool(len(specs)) as pool:
        watcher = create_database(admin.url, shared_connections=None)  # a tool, not a desktop: no cap
        sampler = threading.Thread(target=sample_connections, daemon=True,
                                   args=(watcher.engine, database, make_url(url).username, stop, samples))
        sampler.start()
        before = server_counters(admin.engine, database)
        results = pool.starmap(run_desktop, [(spec, plan) for spec in specs])
    after = server_counters(admin.engine, database)
    stop.set()
    sampler.join(5)
    watcher.dispose()
    return summarise(mode, results, samples, args, before, after)


def summarise(mode: str, results: list, samples: list, args, before, after) -> dict:
    latencies: dict[str, list] = defaultdict(list)
    errors, refusals, statements = Counter(), Counter(), Counter()
    op_statements, op_calls = Counter(), Counter()
    for result in results:
        for op, values in result["latencies"].items():
            latencies[op].extend(values)
        errors.update(result["errors"])
        refusals.update(result["refusals"])
        statements.update(result["statements"])
        op_statements.update(result["op_statements"])
        op_calls.update(result["op_calls"])
    ops = {op: {"n": len(v), "p50": percentile(v, 0.5), "p95": percentile(v, 0.95), "p99": percentile(v, 0.99)}
           for op, v in sorted(latencies.items()) if v}
    desktops = len(results)
    deaf = sum(1 for result in results if result["live_states"][-1:] == [False])
    report = {
        "mode": mode, "desktops": desktops, "seconds": args.seconds, "burst_seconds": args.burst,
        "ops": ops, "errors": dict(errors), "error_count": sum(errors.values()), "refusals": dict(refusals),
        "connections_max": max((t for _l, t in samples), default=0),
        "connections_mean": round(statistics.mean(t for _l, t in samples), 1) if samples else 0,
        "listen_connections_max": max((lc for lc, _t in samples), default=0),
        "connections_per_desktop_max": round(max((t for _l, t in samples), default=0) / max(desktops, 1), 2),
        "statements_per_s": {k: round(v / (args.burst if k.startswith("burst") else args.seconds), 1)
                             for k, v in sorted(statements.items()) if v},
        # steady phase, per kind of call: statements per second and per call
        "steady_statements_by_call": {op.split(":", 1)[1]: [round(n / args.seconds, 1), round(n / op_calls[op], 2)]
                                      for op, n in sorted(op_statements.items()) if op.startswith("steady:")},
        "live_to_asked_steady": round(statements["steady:live"] / max(statements["steady:asked"], 1), 2),
        "live_to_asked_burst": round(statements["burst:live"] / max(statements["burst:asked"], 1), 2),
        "server_transactions_per_s": round((after[0] - before[0]) / max(after[1] - before[1], 1e-9), 1),
        "listeners_not_live_at_end": deaf,
    }
    return report


def print_report(report: dict) -> None:
    print(f"\n== {report['mode']}: {report['desktops']} desktops, {report['seconds']} s steady + "
          f"{report['burst_seconds']} s burst, server max_connections {report.get('max_connections') or '?'}")
    print(f"{'operation':<22}{'n':>7}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for op, row in report["ops"].items():
        print(f"{op:<22}{row['n']:>7}{row['p50']:>10}{row['p95']:>10}{row['p99']:>10}")
    print(f"errors: {report['error_count']} {report['errors'] or ''}")
    print(f"refusals (a clerk acts on them): {report['refusals']}")
    print(f"server connections: max {report['connections_max']} (LISTEN {report['listen_connections_max']}), "
          f"mean {report['connections_mean']}, per desktop max {report['connections_per_desktop_max']}")
    print(f"statements/s sent by the desktops: {report['statements_per_s']}; live refetch / asked-for: steady "
          f"{report['live_to_asked_steady']}, burst {report['live_to_asked_burst']}")
    print("steady statements by call [per s, per call]: "
          + ", ".join(f"{op} {v}" for op, v in report["steady_statements_by_call"].items()))
    print(f"server transactions/s (pg_stat_database): {report['server_transactions_per_s']}; listeners not live "
          f"at the end: {report['listeners_not_live_at_end']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clerks", type=int, default=4)
    parser.add_argument("--foremen", type=int, default=2)
    parser.add_argument("--others", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=20, help="steady phase, with think time")
    parser.add_argument("--burst", type=float, default=10, help="burst phase: every desktop issues, no thinking")
    parser.add_argument("--think", type=float, default=5.0, help="mean think time (s)")
    parser.add_argument("--burst-think", type=float, default=0.05)
    parser.add_argument("--startup", type=float, default=3.0)
    parser.add_argument("--stagger", type=float, default=0.05, help="sign-ins this far apart (s)")
    parser.add_argument("--modes", default="direct,pgbouncer", help="direct, pgbouncer, pgbouncer-poll")
    parser.add_argument("--pool-size", type=int, default=20, help="PgBouncer's default_pool_size")
    parser.add_argument("--server", choices=("throwaway", "shared"), default="throwaway",
                        help="a throwaway cluster (initdb on a free port, --max-connections) or ERP_TEST_PG_URL's")
    parser.add_argument("--max-connections", type=int, default=None,
                        help=f"the throwaway cluster's max_connections (default: {DIRECT_MAX_CONNECTIONS} direct, "
                             "where every desktop listens on a connection of its own and 100 starves the listeners; "
                             f"{POOLED_MAX_CONNECTIONS} through PgBouncer, the issue's target)")
    args = parser.parse_args()
    cluster = None
    if args.server == "throwaway":  # never fill the shared server other work runs on
        from tests.faults.cluster import ThrowawayCluster

        cluster = ThrowawayCluster.create()
        with open(cluster.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("shared_buffers = 128MB\n")
        cluster.restart()
        os.environ["ERP_TEST_PG_URL"] = cluster.admin_url
    args.cluster = cluster
    try:
        run(args)
    finally:
        if cluster is not None:
            cluster.remove()


def max_connections_for(mode: str, args) -> int | None:
    if args.server != "throwaway":
        return None
    if args.max_connections is not None:
        return args.max_connections
    return DIRECT_MAX_CONNECTIONS if mode == "direct" else POOLED_MAX_CONNECTIONS


def set_max_connections(cluster, db, limit: int) -> None:
    """The throwaway cluster restarted with ``limit`` connections (no pooled connection of ours outlives it)."""
    db.dispose()
    admin_of(db).dispose()
    cluster.sql(f"ALTER SYSTEM SET max_connections = {int(limit)}")
    cluster.restart()


def run(args) -> None:
    reports = []
    with scratch_database("erp_plant") as (db, url):
        seeded = seed(db, args)
        current = None
        for mode in args.modes.split(","):
            limit = max_connections_for(mode, args)
            if limit is not None and limit != current:
                set_max_connections(args.cluster, db, limit)
                current = limit
            if mode == "direct":
                reports.append(run_mode(mode, db, url, seeded, args))
            elif mode in ("pgbouncer", "pgbouncer-poll"):  # LISTEN past the pooler, or none (a refresh every 15 s)
                from tests.faults.bouncer import ThrowawayBouncer, pgbouncer_bin

                if pgbouncer_bin() is None:
                    print("pgbouncer is not installed: apt-get install pgbouncer (mode skipped)")
                    continue

                bouncer = ThrowawayBouncer.start(admin_of(db).url, [make_url(url).username], pool_size=args.pool_size)
                try:
                    through = bouncer.url_for(url, listen_direct=mode == "pgbouncer")
                    reports.append(run_mode(mode, db, through, seeded, args))
                finally:
                    bouncer.stop()
            reports[-1]["max_connections"] = limit
            print_report(reports[-1])
        violations = check_stock_invariants(db)
    for report in reports:
        report["invariant_violations"] = len(violations)
    print(f"\nstock invariant violations: {len(violations)} {violations[:3] if violations else ''}")
    print(json.dumps({"benchmark": "plant", "cpus": os.cpu_count(), "server": args.server,
                      "reports": reports,
                      "invariant_violations": len(violations)}))


if __name__ == "__main__":
    main()
