"""Fixtures for the attacks on the PostgreSQL server with the desktops' own credential (issue 11).

``world`` is built once per worker on the run's throwaway database: two organisations (make_plant twice),
each with a row in every business table, so that a policy letting a row through has one to let through.
Tests that change people or settings make their own users, or put the settings back.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from erp_desktop.domain.roles import Role
from erp_desktop.services import materials, purchasing, stock
from erp_desktop.services.production import facts, parts, stages
from erp_desktop.services.tasks import board as tasks
from tests.conftest import _dispose, _pg_db
from tests.factories import make_plant
from tests.services.stock.stock_fixtures import make_shop


def _populate(plant, prefix: str) -> SimpleNamespace:
    """A row in every business table of ``plant``'s organisation, made through the services."""
    line = SimpleNamespace(**{s.code: s for s in stages.create_default_stages(plant.db, plant.technologist)})
    part = parts.create_part(plant.db, plant.master, code=f"{prefix}P-1", name="Shaft", planned_qty=100,
                             route=[line.machining.id, line.turning.id])
    fact = facts.create_fact(plant.db, plant.operator, part_id=part.id, stage_id=line.machining.id,
                             fact_date=date.today() - timedelta(days=1), qty_good=5, shift="day",
                             operator_id=plant.operator.user_id)
    task = tasks.create_task(plant.db, plant.master, title="Fixture for the lathe", assignee_role=Role.OPERATOR,
                             part_id=part.id)
    tasks.add_comment(plant.db, plant.operator, task.id, "Which lathe?")
    task = tasks.accept_task(plant.db, plant.operator, task.id, version=tasks.get_task(plant.db, plant.operator,
                                                                                       task.id).card.version)
    tasks.mark_read(plant.db, plant.viewer, task.id)
    shop = make_shop(plant)
    lot_id = shop.lot(100, "2.50")
    issue = stock.issue_stock(plant.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=Decimal("3"), reason="for the test")
    reservation = stock.reserve_stock(plant.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                      qty=Decimal("2"), part_id=part.id)
    # an issue for the part (through the issue procedure): its running total (part_issue_totals)
    stock.issue_stock(plant.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                      qty=Decimal("1.5"), part_id=part.id, reason="for the part")
    order = _purchasing(plant, shop)
    made = stock.create_product(plant.db, plant.admin, sku=f"{prefix}GEAR", name="Gear", unit="pcs",
                                category="finished")
    bom = materials.create_bom(plant.db, plant.technologist, product_id=made.id,
                               lines=[{"component_id": shop.steel.id, "qty_per_unit": Decimal("0.5")}])
    return SimpleNamespace(line=line, part=part, fact=fact, task=task, shop=shop, lot_id=lot_id, issue=issue,
                           reservation=reservation, bom=bom, order=order)


def _purchasing(plant, shop):
    """Terms, tolerances, an order received twice, one lot rejected and returned (rows in every purchasing table)."""
    db = plant.db
    purchasing.set_supplier_terms(db, plant.supply, supplier_id=shop.supplier.id, product_id=shop.steel.id,
                                  lead_time_days=7, min_order_qty=Decimal("1"))
    purchasing.set_plant_tolerance(db, plant.admin, Decimal("1"))
    purchasing.set_product_tolerance(db, plant.admin, shop.steel.id, Decimal("2"))
    order = purchasing.create_purchase_order(db, plant.supply, supplier_id=shop.supplier.id, warehouse_id=shop.main.id,
                                             lines=[purchasing.PoLineInput(shop.steel.id, Decimal("10"), Decimal("3"))])
    order = purchasing.send_purchase_order(db, plant.supply, order.id, version=order.version)
    line = order.lines[0].id
    purchasing.receive_against_order(db, plant.supply, order.id, [purchasing.ReceiptInput(line, Decimal("4"))])
    bad = purchasing.receive_against_order(db, plant.supply, order.id, [purchasing.ReceiptInput(line, Decimal("2"))])
    purchasing.decide_lots(db, plant.qc, [bad.lots[0].lot_id], "REJECTED")
    purchasing.return_to_supplier(db, plant.supply, [bad.lots[0].lot_id], reason="rejected")
    return order


def _build_world(pg) -> SimpleNamespace:
    db = _pg_db(pg)  # starts from an empty database
    marker = uuid.uuid4().hex[:8]
    a = make_plant(db, f"Plant A {marker}", "a_")
    b = make_plant(db, f"Plant B {marker}", "b_")
    a.data, b.data = _populate(a, "A"), _populate(b, "B")
    return SimpleNamespace(pg=pg, db=db, a=a, b=b, org_names=[f"Plant A {marker}", f"Plant B {marker}"])


def _still_there(world) -> bool:
    """Other tests on this worker empty the database between ours (tests/conftest.py _truncate_all)."""
    with world.db.admin.engine.connect() as connection:
        found = connection.execute(text("SELECT count(*) FROM organizations WHERE name = ANY(:names)"),
                                   {"names": world.org_names}).scalar_one()
    return found == 2


@pytest.fixture(scope="session")
def _worlds():
    built = []
    yield built
    for world in built:
        _dispose(world.db)


@pytest.fixture
def world(pg_test_database, _worlds, tmp_path, monkeypatch):
    """Plants A and B, each with rows in every table: ``world.a.viewer.token``, ``world.b.data.part.id`` ...
    Built once per worker, again only if another test emptied the database meanwhile."""
    monkeypatch.setenv("ERP_DATA_DIR", str(tmp_path))
    if not _worlds or not _still_there(_worlds[-1]):
        _worlds.append(_build_world(pg_test_database))
    return _worlds[-1]
