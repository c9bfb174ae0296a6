"""What to buy credits each open part with what it was issued less what it returned (issue 14), read from the
running totals the database keeps with the journal (part_issue_totals, migration 0011): on both back ends,
through every path an issue or a return takes, the totals equal the journal's own sums."""

from __future__ import annotations

import random
from decimal import Decimal as D

from sqlalchemy import case, func, select, type_coerce

from erp_desktop.db.models import PartIssueTotal, StockDocument, StockMovement
from erp_desktop.db.types import Qty
from erp_desktop.errors import ValidationError
from erp_desktop.services import materials, purchasing, stock
from erp_desktop.services.production import parts
from tests.factories import admin_of
from tests.services.materials.materials_fixtures import make_materials


def _journal_sums(db) -> dict[tuple[int, int, int], tuple[D, D]]:
    """Per (part, product, warehouse): the issues (as positive) and returns of documents for a part."""
    kind, qty = StockMovement.kind, StockMovement.qty
    query = (select(StockDocument.part_id, StockMovement.product_id, StockMovement.warehouse_id,
                    type_coerce(func.sum(case((kind == "issue", -qty), else_=0)), Qty()),
                    type_coerce(func.sum(case((kind == "return", qty), else_=0)), Qty()))
             .join(StockDocument, StockDocument.id == StockMovement.document_id)
             .where(StockDocument.part_id.is_not(None), kind.in_(("issue", "return")))
             .group_by(StockDocument.part_id, StockMovement.product_id, StockMovement.warehouse_id))
    with admin_of(db).engine.connect() as connection:
        return {(part, product, warehouse): (issued, returned)
                for part, product, warehouse, issued, returned in connection.execute(query)}


def _totals(db) -> dict[tuple[int, int, int], tuple[D, D]]:
    t = PartIssueTotal
    with admin_of(db).engine.connect() as connection:
        return {(part, product, warehouse): (issued, returned) for part, product, warehouse, issued, returned
                in connection.execute(select(t.part_id, t.product_id, t.warehouse_id, t.issued, t.returned))}


def _bolt_line(plant, m):
    return {r.sku: r for r in purchasing.what_to_buy(plant.db, plant.viewer).rows}["BOLT-M8"]


def test_issues_returns_and_issued_reservations_credit_the_part_in_what_to_buy(plant):
    m = make_materials(plant, part_qty=400)
    db, supply, bolt = plant.db, plant.supply, m.shop.bolt
    line = _bolt_line(plant, m)
    assert (line.parts_demand, line.available, line.short) == (D("1602"), D("200"), D("1402"))
    # 50 bolts issued to the part (its material issue): 50 less to buy for it, 50 less in stock
    materials.issue_to_part(db, supply, m.part.id, warehouse_id=m.shop.main.id, quantities={bolt.id: D("50")})
    line = _bolt_line(plant, m)
    assert (line.parts_demand, line.available, line.short) == (D("1552"), D("150"), D("1402"))
    # a plain FIFO issue for the part (on PostgreSQL the issue procedure), from another warehouse's stock too
    m.shop.lot(40, "0.15", product=bolt, warehouse=m.shop.shop1)
    stock.issue_stock(db, supply, product_id=bolt.id, warehouse_id=m.shop.main.id, qty=D("10"), part_id=m.part.id)
    issued = stock.issue_stock(db, supply, product_id=bolt.id, warehouse_id=m.shop.shop1.id, qty=D("15"),
                               part_id=m.part.id)
    line = _bolt_line(plant, m)
    assert (line.parts_demand, line.available) == (D("1527"), D("165"))  # 1602 - 75; 200 + 40 - 75
    # returned: credited back; an issue for no part changes only the stock
    materials.return_to_lot(db, supply, m.part.id, lot_id=issued.movements[0].lot_id, qty=D("5"))
    stock.issue_stock(db, supply, product_id=bolt.id, warehouse_id=m.shop.main.id, qty=D("1"))
    line = _bolt_line(plant, m)
    assert (line.parts_demand, line.available) == (D("1532"), D("169"))
    # a reservation for the part counts as held; issued, it counts as issued (the same credit, once)
    reservation = stock.reserve_stock(db, supply, product_id=bolt.id, warehouse_id=m.shop.main.id, qty=D("20"),
                                      part_id=m.part.id)
    assert _bolt_line(plant, m).parts_demand == D("1512")
    stock.issue_reservation(db, supply, reservation.reservation_id, qty=D("8"))
    line = _bolt_line(plant, m)
    assert line.parts_demand == D("1512")
    assert _totals(db) == _journal_sums(db)
    assert _totals(db)[(m.part.id, bolt.id, m.shop.main.id)] == (D("68"), D("0"))  # 50 + 10 + 8
    assert _totals(db)[(m.part.id, bolt.id, m.shop.shop1.id)] == (D("15"), D("5"))


def test_running_totals_equal_the_journals_sums_after_a_random_mix_of_operations(plant):
    m = make_materials(plant, part_qty=40)
    db, supply, shop = plant.db, plant.supply, m.shop
    other = parts.create_part(db, plant.master, code="P-2", name="Second", planned_qty=10,
                              route=[m.line.fitting.id])
    part_ids = [m.part.id, other.id]
    products, warehouses = [shop.steel, shop.bolt], [shop.main, shop.shop1]
    for product in products:
        for warehouse in warehouses:
            shop.lot(500, "1.25", product=product, warehouse=warehouse)
    rng = random.Random(14)
    issued_lots: list[tuple[int, int]] = []  # (part, lot) pairs something was issued from
    reservations: list[int] = []
    for _ in range(40):
        op = rng.choice(("issue", "issue", "plain", "material", "return", "return", "reserve", "issue_reserved"))
        product, warehouse = rng.choice(products), rng.choice(warehouses)
        part_id = rng.choice(part_ids)
        qty = D(rng.randint(1, 4000)) / 1000
        if op in ("issue", "plain"):
            document = stock.issue_stock(db, supply, product_id=product.id, warehouse_id=warehouse.id, qty=qty,
                                         part_id=part_id if op == "issue" else None)
            if op == "issue":
                issued_lots += [(part_id, mv.lot_id) for mv in document.movements]
        elif op == "material":
            document = materials.issue_to_part(db, supply, m.part.id, warehouse_id=warehouse.id,
                                               quantities={product.id: qty})
            issued_lots += [(m.part.id, mv.lot_id) for mv in document.movements]
        elif op == "return" and issued_lots:
            part_id, lot_id = rng.choice(issued_lots)
            try:
                materials.return_to_lot(db, supply, part_id, lot_id=lot_id, qty=D("0.001"))
            except ValidationError:  # everything issued from that lot may have come back already
                pass
        elif op == "reserve":
            reservations.append(stock.reserve_stock(db, supply, product_id=product.id, warehouse_id=warehouse.id,
                                                    qty=qty, part_id=part_id).reservation_id)
        elif op == "issue_reserved" and reservations:
            stock.issue_reservation(db, supply, reservations.pop(rng.randrange(len(reservations))))
    totals = _totals(db)
    assert totals == _journal_sums(db)
    assert len(totals) >= 4 and any(returned for _issued, returned in totals.values())
