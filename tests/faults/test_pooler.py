"""The app behind PgBouncer in transaction mode (Debian's 1.18, no protocol-level prepared statements), started
by the test in front of the shared server: sign-in, the issue's direct CALL from many desktops at once (before:
57% DuplicatePreparedStatement), the random stock mix from several processes, and live updates (LISTEN past the
pooler; LISTEN through it hears nothing, and says so)."""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D

import pytest

from erp_desktop.db.engine import create_database
from erp_desktop.db.notify import PostgresListener
from erp_desktop.services import stock
from erp_desktop.services.access.auth import sign_in
from erp_desktop.services.live import ChangeFeed, listener_conninfo
from tests.factories import PASSWORD, make_plant
from tests.services.stock.stock_invariants import check_stock_invariants
from tests.services.stock.test_stock_concurrency import _setup, worker

pytestmark = pytest.mark.pg_only


def _stocked(db, lines: int = 10):
    plant = make_plant(db)  # the admin signs in through the pooler
    store = stock.create_warehouse(db, plant.admin, code="MAIN", name="Main store")
    product = stock.create_product(db, plant.admin, sku="BAR-1", name="Bar", unit="pcs", category="metal")
    for cost in range(1, lines + 1):
        stock.receive_stock(db, plant.admin, product_id=product.id, warehouse_id=store.id, qty=D(100),
                            unit_cost=D(cost), quality="APPROVED")
    return plant, store, product


def test_issues_from_many_desktops_at_once_through_the_pooler(pooled_db, pg_test_database, bouncer):
    plant, store, product = _stocked(pooled_db)
    desktops = [create_database(bouncer.url_for(pg_test_database.desktop)) for _ in range(6)]
    try:
        def clerk(n):
            db = desktops[n % len(desktops)]
            stock.issue_stock(db, plant.supply, product_id=product.id, warehouse_id=store.id, qty=D(1))
            return len(stock.list_lots(db, plant.supply, product_id=product.id, has_stock=True))  # ORM reads

        with ThreadPoolExecutor(6) as pool:
            assert all(isinstance(n, int) for n in pool.map(clerk, range(120)))
    finally:
        for db in desktops:
            db.dispose()
    on_hand = sum(lot.on_hand for lot in stock.list_lots(pooled_db, plant.admin, product_id=product.id))
    assert on_hand == D(1000 - 120)
    assert check_stock_invariants(pooled_db) == []
    assert sign_in(pooled_db, "admin", PASSWORD).actor.username == "admin"


def test_random_mix_from_several_processes_through_the_pooler(pooled_db, pg_test_database, bouncer):
    _plant, people, products, warehouses = _setup(pooled_db)
    url = bouncer.url_for(pg_test_database.desktop)
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0
    with context.Pool(4) as pool:
        results = pool.starmap(worker, [(url, people, products, warehouses, seed, 3.0, start_at)
                                        for seed in range(4)])
    totals: Counter = Counter()
    for result in results:
        totals.update(result["stats"])
    assert [u for result in results for u in result["unexpected"]] == []
    assert totals["issue_ok"] > 0 and totals["receive_ok"] > 0, totals
    assert check_stock_invariants(pooled_db) == []


def test_live_updates_past_the_pooler_arrive_and_through_it_are_reported_off(pooled_db, pg_test_database, bouncer):
    plant, store, product = _stocked(pooled_db, lines=1)
    changes, states = queue.Queue(), queue.Queue()
    feed = ChangeFeed(pooled_db, plant.org_id)
    feed.start(lambda topic, ids: changes.put(topic), states.put)
    through = bouncer.url_for(pg_test_database.desktop, listen_direct=False)
    sender = create_database(through)
    deaf_states: queue.Queue = queue.Queue()
    # what the app did before: LISTEN through the pooler (it connects and answers its ping)
    deaf = PostgresListener(listener_conninfo(through), lambda *a: None, deaf_states.put, heard_within=1.0,
                            send_ping=lambda channel, payload: sender.execute_direct("SELECT pg_notify($1, $2)",
                                                                                     (channel, payload)))
    deaf.start()
    try:
        assert states.get(timeout=5) is True
        stock.issue_stock(pooled_db, plant.supply, product_id=product.id, warehouse_id=store.id, qty=D(1))
        deadline = time.monotonic() + 5
        while changes.get(timeout=max(0.01, deadline - time.monotonic())) != "stock":
            pass
        assert deaf_states.get(timeout=5) is True and deaf_states.get(timeout=10) is False
        assert states.empty()  # the one past the pooler hears its own checks
    finally:
        deaf.stop()
        feed.stop()
        sender.dispose()
