"""Many desktops at once on PostgreSQL working the materials of parts that share components: reserving plans,
issuing (partly or whole), returning into lots and posting output, from several processes. Afterwards, from the
database: the stock invariants (tests/services/stock/stock_invariants.py), no lot reserved beyond its open
reservation lines (no double allocation), per part and lot never more returned than issued, and per part the
output value never above the material issued minus returned, equal to it (to the cent) once all is posted."""

from __future__ import annotations

import multiprocessing
import random
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from erp_desktop.db.models import Reservation, ReservationLine, StockDocument, StockMovement
from erp_desktop.domain.stock import COST_QUANTUM, ReservationStatus
from erp_desktop.errors import ValidationError
from erp_desktop.services import materials, stock
from erp_desktop.services.production import facts, parts, stages
from tests.factories import admin_of, make_plant
from tests.services.concurrency import run_random_ops
from tests.services.stock.stock_invariants import check_stock_invariants

pytestmark = pytest.mark.pg_only

WORKERS = 6
SECONDS = 4.0
PARTS = 4


def _one_op(db, rnd: random.Random, people: dict, part_ids: list[int], warehouse: int, products: list[int]) -> str:
    part = rnd.choice(part_ids)
    kind = rnd.choices(["reserve", "issue", "issue_some", "return", "post"], weights=[3, 3, 3, 3, 2])[0]
    if kind == "reserve":
        materials.reserve_plan(db, people["supply"], part, warehouse_id=warehouse)
    elif kind == "issue":
        materials.issue_to_part(db, people["supply"], part, warehouse_id=warehouse)
    elif kind == "issue_some":
        materials.issue_to_part(db, people["supply"], part, warehouse_id=warehouse,
                                quantities={rnd.choice(products): D(rnd.randint(1, 3000)) / 1000})
    elif kind == "return":
        sheet = materials.get_cost_sheet(db, people["supply"], part)
        issued = [line for line in sheet.materials if line.kind == "issue"]
        if not issued:
            return "return_none"
        line = rnd.choice(issued)
        materials.return_to_lot(db, people["supply"], part, lot_id=line.lot_id,
                                qty=max(line.qty / rnd.choice([1, 2, 4]), D("0.001")).quantize(D("0.001")))
    else:
        materials.post_output(db, rnd.choice([people["master"], people["supply"]]), part, warehouse_id=warehouse,
                              qty=rnd.randint(1, 4))
    return kind


def worker(url: str, people: dict, part_ids: list[int], warehouse: int, products: list[int], seed: int,
           seconds: float, start_at: float) -> dict:
    return run_random_ops(url, seed, seconds, start_at, lambda db, rnd: _one_op(db, rnd, people, part_ids, warehouse, products))


def _setup(db):
    plant = make_plant(db)
    admin, tech = plant.admin, plant.technologist
    store = stock.create_warehouse(db, admin, code="MAIN", name="Main store")
    steel = stock.create_product(db, admin, sku="STEEL", name="Steel", unit="kg", category="metal")
    bolt = stock.create_product(db, admin, sku="BOLT", name="Bolt", unit="pcs", category="fastener")
    shaft = stock.create_product(db, admin, sku="SHAFT", name="Shaft", unit="pcs", category="component")
    gear = stock.create_product(db, admin, sku="GEAR", name="Gear", unit="pcs", category="finished")
    materials.create_bom(db, tech, product_id=shaft.id, lines=[
        {"component_id": steel.id, "qty_per_unit": D("0.35"), "fixed_qty": D("0.2"), "scrap_percent": D("3")}])
    materials.create_bom(db, tech, product_id=gear.id, lines=[
        {"component_id": shaft.id, "qty_per_unit": D("1"), "sourcing": "make"},
        {"component_id": bolt.id, "qty_per_unit": D("3")}])
    for cost in ("10.5", "11.25", "12"):  # less than the parts need together: they compete for it
        stock.receive_stock(db, admin, product_id=steel.id, warehouse_id=store.id, qty=D(9), unit_cost=D(cost),
                            quality="APPROVED")
        stock.receive_stock(db, admin, product_id=bolt.id, warehouse_id=store.id, qty=D(60), unit_cost=D("0.37"),
                            quality="APPROVED")
    line = {s.code: s for s in stages.create_default_stages(db, tech)}
    part_ids = []
    for i in range(PARTS):
        part = parts.create_part(db, plant.master, code=f"G-{i}", name="Gear job", planned_qty=20,
                                 route=[line["fitting"].id])
        materials.set_part_bom(db, tech, part.id, product_id=gear.id)
        facts.create_fact(db, plant.master, part_id=part.id, stage_id=line["fitting"].id,
                          fact_date=date.today() - timedelta(days=1), qty_good=12)  # in progress: 12 to post
        part_ids.append(part.id)
    people = {role: getattr(plant, role) for role in ("supply", "master")}
    return plant, people, part_ids, store.id, [steel.id, bolt.id], line["fitting"].id


def materials_invariants(db, org_id: int, part_ids: list[int]) -> list[str]:
    problems = []
    with admin_of(db).sessions() as session:
        held = dict(session.execute(
            select(ReservationLine.lot_id, func.sum(ReservationLine.qty))
            .join(Reservation, Reservation.id == ReservationLine.reservation_id)
            .where(Reservation.status == ReservationStatus.OPEN.value, Reservation.org_id == org_id)
            .group_by(ReservationLine.lot_id)).all())
        from erp_desktop.db.models import Lot

        for lot_id, reserved in session.execute(select(Lot.id, Lot.reserved).where(Lot.org_id == org_id)):
            if reserved != held.get(lot_id, D("0.000")):
                problems.append(f"lot {lot_id}: reserved {reserved}, open reservation lines {held.get(lot_id)}")
        per_lot = defaultdict(lambda: D(0))
        per_part = defaultdict(lambda: defaultdict(lambda: D(0)))
        for part_id, lot_id, kind, qty, value in session.execute(
                select(StockDocument.part_id, StockMovement.lot_id, StockMovement.kind, StockMovement.qty,
                       StockMovement.value)
                .join(StockDocument, StockDocument.id == StockMovement.document_id)
                .where(StockDocument.part_id.in_(part_ids), StockMovement.kind.in_(("issue", "return", "output")))):
            if kind in ("issue", "return"):
                per_lot[(part_id, lot_id)] -= qty  # issued (negative qty) minus returned
            per_part[part_id][kind] += value
            if kind == "output":
                per_part[part_id]["posted"] += qty
        for (part_id, lot_id), net in per_lot.items():
            if net < 0:
                problems.append(f"part {part_id}, lot {lot_id}: returned {-net} more than issued")
        for part_id in part_ids:
            entry = per_part[part_id]
            net = -entry["issue"] - entry["return"]
            output = entry["output"]
            if output > net + D("0.0001"):
                problems.append(f"part {part_id}: output {output} above issued - returned {net}")
            # all posted: the cent-rounded shares plus the last one's remainder to 0.0001 (what a lot holds) are the
            # issued value less returns rounded once to 0.0001 (comparing both to the cent failed at a half cent)
            if entry["posted"] == 20 and output != net.quantize(COST_QUANTUM, rounding=ROUND_HALF_UP):
                problems.append(f"part {part_id}: all posted at {output}, but issued - returned is {net}")
    return problems


def test_parts_sharing_components_from_many_processes_keep_every_invariant(pg_db, pg_url):
    plant, people, part_ids, warehouse, products, fitting = _setup(pg_db)
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(worker, [(pg_url, people, part_ids, warehouse, products, seed, SECONDS, start_at)
                                        for seed in range(WORKERS)])
    totals: Counter = Counter()
    for result in results:
        totals.update(result["stats"])
    unexpected = [u for result in results for u in result["unexpected"]]
    print(f"\n{sum(totals.values())} materials operations from {WORKERS} processes: {dict(totals)}")
    assert unexpected == []
    for kind in ("reserve", "issue_some", "return", "post"):
        assert totals[f"{kind}_ok"] > 0, totals
    # finish every part: the last 8 good, then post what is left, so the conservation to the cent is checked
    for part_id in part_ids:
        facts.create_fact(pg_db, plant.master, part_id=part_id, stage_id=fitting, fact_date=date.today(), qty_good=8)
        try:
            materials.post_output(pg_db, people["supply"], part_id, warehouse_id=warehouse)
        except ValidationError:
            pass  # all posted already
    assert check_stock_invariants(pg_db, plant.org_id) == []
    assert materials_invariants(pg_db, plant.org_id, part_ids) == []
