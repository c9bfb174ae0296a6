"""Many desktops at once on PostgreSQL: the invariants hold and FIFO is never broken.

8 processes (spawn, each its own engine) run a random mix of receipts, issues, transfers,
reservations, releases, adjustments and quality changes on two hot products; then every
invariant is checked. And two clerks issuing 8 of 10 at the same instant: exactly one wins.
"""

from __future__ import annotations

import multiprocessing
import random
import threading
import time
from collections import Counter
from decimal import Decimal as D

import pytest

from erp_desktop.errors import InsufficientStock
from erp_desktop.services import stock
from tests.factories import make_plant
from tests.services.concurrency import run_random_ops
from tests.services.stock.stock_invariants import check_stock_invariants

pytestmark = pytest.mark.pg_only

WORKERS = 8
SECONDS = 4.0


def _qty(rnd: random.Random, high: int) -> D:
    return D(rnd.randint(1, high * 1000)) / 1000


def _one_op(db, rnd: random.Random, people: dict, products: list[int], warehouses: list[int]) -> str:
    product = rnd.choice(products)
    warehouse = rnd.choice(warehouses)
    kind = rnd.choices(["receive", "issue", "transfer", "reserve", "close", "quality", "adjust"],
                       weights=[3, 6, 2, 3, 2, 2, 1])[0]
    if kind == "receive":
        stock.receive_stock(db, people["admin"], product_id=product, warehouse_id=warehouse, qty=_qty(rnd, 20),
                            unit_cost=D(rnd.randint(1000, 99999)) / 100,
                            quality=rnd.choice(["APPROVED", "APPROVED", "APPROVED", "PENDING"]))
    elif kind == "issue":
        stock.issue_stock(db, people["supply"], product_id=product, warehouse_id=warehouse, qty=_qty(rnd, 8))
    elif kind == "transfer":
        target = rnd.choice([w for w in warehouses if w != warehouse])
        stock.transfer_stock(db, people["supply"], product_id=product, from_warehouse_id=warehouse,
                             to_warehouse_id=target, qty=_qty(rnd, 6))
    elif kind == "reserve":
        stock.reserve_stock(db, people["master"], product_id=product, warehouse_id=warehouse, qty=_qty(rnd, 6),
                            order_ref=f"O-{rnd.randint(1, 99)}")
    elif kind == "close":
        open_ones = stock.list_reservations(db, people["master"], product_id=product)
        if not open_ones:
            return "close_none"
        target = rnd.choice(open_ones)
        if rnd.random() < 0.5:
            stock.issue_reservation(db, people["supply"], target.id)
        else:
            stock.release_reservation(db, people["master"], target.id)
    else:
        lots = stock.list_lots(db, people["admin"], product_id=product, has_stock=True)
        if not lots:
            return f"{kind}_none"
        lot = rnd.choice(lots)
        if kind == "quality":
            new = rnd.choice([q for q in ("APPROVED", "QUARANTINE", "PENDING") if q != lot.quality])
            stock.change_quality(db, people["qc"], lot_id=lot.id, quality=new)
        else:
            counted = max(lot.on_hand + rnd.choice([D(-1), D(1), D("0.5")]), D(0))
            stock.adjust_lot(db, people["supply"], lot_id=lot.id, counted_qty=counted, reason="cycle count")
    return kind


def worker(url: str, people: dict, products: list[int], warehouses: list[int], seed: int, seconds: float,
           start_at: float) -> dict:
    return run_random_ops(url, seed, seconds, start_at, lambda db, rnd: _one_op(db, rnd, people, products, warehouses))


def _setup(db):
    plant = make_plant(db)
    admin = plant.admin
    warehouses = [stock.create_warehouse(db, admin, code=f"W{i}", name=f"Store {i}").id for i in range(2)]
    products = [stock.create_product(db, admin, sku=f"HOT-{i}", name=f"Hot {i}", unit="kg", category="metal").id
                for i in range(2)]
    for product in products:
        for warehouse in warehouses:
            for cost in ("10", "20", "30"):
                stock.receive_stock(db, admin, product_id=product, warehouse_id=warehouse, qty=D(40),
                                    unit_cost=D(cost), quality="APPROVED")
    people = {role: getattr(plant, role) for role in ("admin", "supply", "master", "qc")}
    return plant, people, products, warehouses


def test_random_mix_from_many_processes_keeps_every_invariant(pg_db, pg_url):
    _plant, people, products, warehouses = _setup(pg_db)
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0  # every process imported and connected before the first operation
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(worker, [(pg_url, people, products, warehouses, seed, SECONDS, start_at)
                                        for seed in range(WORKERS)])
    totals: Counter = Counter()
    for result in results:
        totals.update(result["stats"])
    unexpected = [u for result in results for u in result["unexpected"]]
    print(f"\n{sum(totals.values())} operations from {WORKERS} processes: {dict(totals)}")
    assert unexpected == []
    for kind in ("receive", "issue", "transfer", "reserve", "quality"):
        assert totals[f"{kind}_ok"] > 0, totals
    assert check_stock_invariants(pg_db) == []


def test_two_clerks_issue_8_of_10_at_the_same_instant_exactly_one_succeeds(pg_db):
    plant = make_plant(pg_db)
    store = stock.create_warehouse(pg_db, plant.admin, code="MAIN", name="Main store")
    for round_no in range(3):
        product = stock.create_product(pg_db, plant.admin, sku=f"RACE-{round_no}", name="Race steel", unit="kg",
                                       category="metal")
        stock.receive_stock(pg_db, plant.admin, product_id=product.id, warehouse_id=store.id, qty=D(4),
                            unit_cost=D(5), quality="APPROVED")
        stock.receive_stock(pg_db, plant.admin, product_id=product.id, warehouse_id=store.id, qty=D(6),
                            unit_cost=D(7), quality="APPROVED")
        barrier = threading.Barrier(2)
        outcomes: list = []

        def clerk(product_id=product.id, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                outcomes.append(stock.issue_stock(pg_db, plant.supply, product_id=product_id,
                                                  warehouse_id=store.id, qty=D(8)))
            except InsufficientStock as error:
                outcomes.append(error)

        threads = [threading.Thread(target=clerk) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        winners = [o for o in outcomes if not isinstance(o, Exception)]
        losers = [o for o in outcomes if isinstance(o, InsufficientStock)]
        assert len(winners) == 1 and len(losers) == 1, outcomes
        assert str(losers[0]).startswith("Only 2.000 kg of Race steel")
        assert winners[0].total_value == D(-4 * 5 - 4 * 7)
    assert check_stock_invariants(pg_db) == []
