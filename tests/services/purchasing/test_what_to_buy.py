"""What to buy: demand of open parts (made items netted level by level) and the minimum level against stock, the
QC queue and open orders; pegging; suggested orders per supplier at the minimum order quantity; draft orders from
ticked lines in one step; and the issue's "done when" through receiving and QC."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest

from erp_desktop.errors import PermissionDenied, ValidationError
from erp_desktop.services import purchasing, stock
from tests.services.materials.materials_fixtures import make_materials


@pytest.fixture
def m(plant):
    m = make_materials(plant, part_qty=400)
    db, supply = plant.db, plant.supply
    m.fasteners = stock.create_supplier(db, plant.admin, name="Fasteners Ltd")
    purchasing.set_supplier_terms(db, supply, supplier_id=m.shop.supplier.id, product_id=m.shop.steel.id,
                                  lead_time_days=10, min_order_qty=D("200"))
    purchasing.set_supplier_terms(db, supply, supplier_id=m.fasteners.id, product_id=m.shop.bolt.id,
                                  lead_time_days=3, min_order_qty=D("500"))
    return m


def _rows(plant, **kw):
    result = purchasing.what_to_buy(plant.db, plant.viewer, **kw)
    return result, {r.sku: r for r in result.rows}


def test_demand_explodes_made_items_and_adds_the_minimum_level(plant, m):
    result, rows = _rows(plant)
    # 400 gears: bolts 4 x 400 + 2 = 1602 against 200; steel (0.25 x 400 + 0.5) x 1.05 = 105.525 + min 50 against 30
    bolt, steel, sheet = rows["BOLT-M8"], rows["ST-40X-D40"], rows["SHEET-2"]
    assert (bolt.parts_demand, bolt.available, bolt.short) == (D("1602"), D("200"), D("1402"))
    assert bolt.supplier_id == m.fasteners.id and bolt.suggested_qty == D("1402")
    assert (steel.parts_demand, steel.short, steel.short_min_level) == (D("105.525"), D("125.525"), D("50"))
    assert steel.suggested_qty == D("200")  # rounded up to the minimum order quantity
    assert steel.order_by == m.part.deadline - timedelta(days=10)
    assert sheet.supplier_id is None and sheet.short == D("6")  # 2 x 400 x 1.05 bushings x 0.01 = 8.4 -> 9 sheets
    parts, orders = result.pegging_of(m.shop.bolt.id)
    assert [(p.code, p.qty, p.covered, p.short) for p in parts] == [("GA-40", D("1602"), D("200"), D("1402"))]
    assert orders == ()
    assert "GEAR-ASM" not in rows and "SHAFT-1" not in rows  # made, not bought

    # shafts in stock: only the 300 still missing explode into bushings and steel
    m.shop.lot(100, "5", product=m.shaft)
    _, rows = _rows(plant)
    assert rows["ST-40X-D40"].parts_demand == D("79.275")  # (0.25 x 300 + 0.5) x 1.05
    assert rows["SHEET-2"].parts_demand == D("7")  # 2 x 300 x 1.05 x 0.01 = 6.3 -> 7
    assert rows["BOLT-M8"].parts_demand == D("1602")  # bolts go into the gear itself

    one, only = _rows(plant, product_id=m.shop.bolt.id)
    assert list(only) == ["BOLT-M8"] and one.pegging_of(m.shop.bolt.id)[0][0].short == D("1402")
    for product in (m.shop.steel, m.sheet):  # one product alone (the BOMs using it only): the same line
        one, only = _rows(plant, product_id=product.id)
        assert list(only.values()) == [rows[product.sku]]


def test_open_orders_count_only_if_due_by_the_deadline(plant, m):
    steel = m.shop.steel
    late = purchasing.create_purchase_order(
        plant.db, plant.supply, supplier_id=m.shop.supplier.id, warehouse_id=m.shop.main.id,
        lines=[purchasing.PoLineInput(steel.id, D("300"), D("3"), m.part.deadline + timedelta(days=5))])
    result, rows = _rows(plant)
    # after the deadline: it covers the minimum level only (50), not the part
    assert rows["ST-40X-D40"].short == D("75.525") and rows["ST-40X-D40"].on_order == D("50")
    assert [(o.number, o.qty) for o in result.pegging_of(steel.id)[1]] == [(late.number, D("50"))]
    purchasing.create_purchase_order(
        plant.db, plant.supply, supplier_id=m.shop.supplier.id, warehouse_id=m.shop.main.id,
        lines=[purchasing.PoLineInput(steel.id, D("200"), D("3"), m.part.deadline)])
    _, rows = _rows(plant)
    assert "ST-40X-D40" not in rows


def test_create_orders_in_one_step_and_refusals(plant, m):
    with pytest.raises(PermissionDenied):
        purchasing.create_orders_from_suggestions(plant.db, plant.viewer, warehouse_id=m.shop.main.id, lines=[
            purchasing.SuggestionInput(m.shop.bolt.id, m.fasteners.id, D("1402"), D("0.2"))])
    with pytest.raises(ValidationError, match="Tick at least one"):
        purchasing.create_orders_from_suggestions(plant.db, plant.supply, warehouse_id=m.shop.main.id, lines=[])
    before = len(purchasing.list_purchase_orders(plant.db, plant.viewer))
    with pytest.raises(ValidationError, match="minimum order"):  # the second order is refused: neither is made
        purchasing.create_orders_from_suggestions(plant.db, plant.supply, warehouse_id=m.shop.main.id, lines=[
            purchasing.SuggestionInput(m.shop.bolt.id, m.fasteners.id, D("1402"), D("0.2")),
            purchasing.SuggestionInput(m.shop.steel.id, m.shop.supplier.id, D("20"), D("3"))])
    assert len(purchasing.list_purchase_orders(plant.db, plant.viewer)) == before


def test_done_when_buy_receive_in_two_partials_qc_approves_one_rejects_one(plant, m):
    db, supply, main = plant.db, plant.supply, m.shop.main
    _, rows = _rows(plant)
    ticked = [purchasing.SuggestionInput(r.product_id, r.supplier_id, r.suggested_qty, D("3"))
              for r in rows.values() if r.supplier_id is not None]
    orders = purchasing.create_orders_from_suggestions(db, supply, warehouse_id=main.id, lines=ticked)
    assert sorted(o.supplier_id for o in orders) == sorted([m.shop.supplier.id, m.fasteners.id])
    assert all(o.status == "draft" for o in orders)
    _, rows = _rows(plant)
    assert set(rows) == {"SHEET-2"}  # the drafts cover steel and bolts; sheets have no supplier yet

    po = next(o for o in orders if o.supplier_id == m.shop.supplier.id)
    po = purchasing.send_purchase_order(db, supply, po.id, version=po.version)
    line = po.lines[0]
    first = purchasing.receive_against_order(db, supply, po.id, [purchasing.ReceiptInput(line.id, D("120"),
                                                                                         "H-1", "C-1")])
    second = purchasing.receive_against_order(db, supply, po.id, [purchasing.ReceiptInput(line.id, D("80"),
                                                                                          "H-2", "C-2")])
    _, rows = _rows(plant)
    assert "ST-40X-D40" not in rows  # 200 pending QC now instead of on order
    good, bad = first.lots[0].lot_id, second.lots[0].lot_id
    purchasing.decide_lots(db, plant.qc, [good], "APPROVED")
    purchasing.decide_lots(db, plant.qc, [bad], "REJECTED", reason="cracks")
    _, rows = _rows(plant)  # 30 + 120 approved against 105.525 + 50; the rejected 80 is no supply
    steel = rows["ST-40X-D40"]
    assert (steel.available, steel.pending_qc, steel.on_order, steel.short) == (D("150"), D("0"), D("0"),
                                                                                D("5.525"))
    purchasing.return_to_supplier(db, supply, [bad], reason="cracks")
    result, rows = _rows(plant)  # the line owes 80 again, due by the deadline
    assert "ST-40X-D40" not in rows
    one = purchasing.what_to_buy(db, plant.viewer, product_id=m.shop.steel.id)
    assert one.rows == ()
