"""Purchase orders, receiving against them, QC and returns (issue 14), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from erp_desktop.db.models import Lot, PurchaseOrderLine, PurchaseReceipt, StockMovement
from erp_desktop.domain.codes import CodeKind, label_payload
from erp_desktop.domain.purchasing import PoStatus
from erp_desktop.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from erp_desktop.services import purchasing, stock
from erp_desktop.services.purchasing import PoLineInput, ReceiptInput
from tests.factories import admin_of
from tests.services.purchasing.po_fixtures import make_buyer
from tests.services.stock.stock_invariants import check_stock_invariants


@pytest.fixture
def buyer(plant):
    return make_buyer(plant)


def _receive(buyer, po, *items, who=None):
    return purchasing.receive_against_order(buyer.db, who or buyer.plant.supply, po.id,
                                            [ReceiptInput(line.id, D(str(q)), lot, cert) for line, q, lot, cert in items])


def received_from_receipts(db, line_id) -> D:
    with admin_of(db).sessions() as s:
        rows = s.execute(select(PurchaseReceipt.kind, func.sum(PurchaseReceipt.qty))
                         .where(PurchaseReceipt.line_id == line_id).group_by(PurchaseReceipt.kind)).all()
    sums = dict(rows)
    return D(sums.get("receipt", 0)) - D(sums.get("return", 0))


# --------------------------------------------------------------------------- orders


def test_a_new_order_is_a_draft_with_a_number_and_its_price_defaults_to_the_suppliers_last(buyer):
    first = buyer.order((buyer.steel, 20, "2.5000"), send=False)
    assert first.status == PoStatus.DRAFT and first.number.startswith("PO-")
    assert first.lines[0].expected_date == first.order_date + timedelta(days=10)  # the lead time
    second = purchasing.create_purchase_order(buyer.db, buyer.plant.supply, supplier_id=buyer.supplier.id,
                                              warehouse_id=buyer.main.id, lines=[PoLineInput(buyer.steel.id, D(8))])
    assert second.lines[0].unit_price == D("2.5000")
    assert second.number != first.number
    with pytest.raises(ValidationError, match="unit price"):  # no earlier price for bolts from this supplier
        purchasing.create_purchase_order(buyer.db, buyer.plant.supply, supplier_id=buyer.supplier.id,
                                         warehouse_id=buyer.main.id, lines=[PoLineInput(buyer.bolt.id, D(8))])
    with pytest.raises(ValidationError, match="minimum order"):
        buyer.order((buyer.steel, 2, "2.5"))


def test_status_moves_and_cancel_needs_a_reason_and_nothing_received(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"), send=False)
    supply = buyer.plant.supply
    with pytest.raises(ValidationError):
        purchasing.cancel_purchase_order(buyer.db, supply, po.id, version=po.version, reason="")
    po = purchasing.send_purchase_order(buyer.db, supply, po.id, version=po.version)
    assert po.status == PoStatus.SENT and po.sent_at is not None
    with pytest.raises(InvalidTransition):
        purchasing.send_purchase_order(buyer.db, supply, po.id, version=po.version)
    _receive(buyer, po, (po.lines[0], 5, "H-1", "CERT-1"))
    po = purchasing.get_purchase_order(buyer.db, supply, po.id)
    assert po.status == PoStatus.PARTLY_RECEIVED
    with pytest.raises(InvalidTransition, match="cannot be cancelled"):
        purchasing.cancel_purchase_order(buyer.db, supply, po.id, version=po.version, reason="changed our mind")
    po = purchasing.close_purchase_order(buyer.db, supply, po.id, version=po.version)
    assert po.status == PoStatus.CLOSED
    other = buyer.order((buyer.steel, 20, "2.5"))
    other = purchasing.cancel_purchase_order(buyer.db, supply, other.id, version=other.version, reason="price")
    assert (other.status, other.cancel_reason) == (PoStatus.CANCELLED, "price")


def test_a_sent_order_can_change_and_every_change_is_recorded(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"))
    line = po.lines[0]
    changed = purchasing.update_purchase_order(
        buyer.db, buyer.plant.supply, po.id, version=po.version, notes="call before delivery",
        lines=[PoLineInput(buyer.steel.id, D(25), D("2.4"), line.expected_date, line.id)])
    assert changed.version > po.version
    assert (changed.lines[0].qty, changed.lines[0].unit_price) == (D("25.000"), D("2.4000"))
    last = changed.events[-1]
    assert last.action == "changed_after_sending" and last.username == buyer.plant.supply.username
    assert last.details["lines"][0]["before"]["qty"] == "20.000"
    assert last.details["lines"][0]["after"]["qty"] == "25.000"
    from erp_desktop.errors import ConcurrentModification

    with pytest.raises(ConcurrentModification):  # a second editor with the old version
        purchasing.update_purchase_order(buyer.db, buyer.plant.supply, po.id, version=po.version, lines=[
            PoLineInput(buyer.steel.id, D(30), D("2.4"), line.expected_date, line.id)])


def test_a_viewer_and_a_qc_inspector_cannot_write_orders(buyer):
    for who in (buyer.plant.viewer, buyer.plant.qc, buyer.plant.operator):
        with pytest.raises(PermissionDenied):
            purchasing.create_purchase_order(buyer.db, who, supplier_id=buyer.supplier.id,
                                             warehouse_id=buyer.main.id, lines=[PoLineInput(buyer.steel.id, D(8), D(1))])
    po = buyer.order((buyer.steel, 20, "2.5"))
    with pytest.raises(PermissionDenied):
        _receive(buyer, po, (po.lines[0], 5, "", ""), who=buyer.plant.viewer)
    assert purchasing.get_purchase_order(buyer.db, buyer.plant.viewer, po.id).number == po.number  # reads


# --------------------------------------------------------------------------- receiving


def test_receiving_by_scanned_label_or_typed_number_shows_the_open_lines(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"), (buyer.bolt, 100, "0.12"))
    viewer = buyer.plant.viewer
    assert purchasing.order_for_receiving(buyer.db, viewer, label_payload(CodeKind.PURCHASE_ORDER, po.id)).id == po.id
    assert purchasing.order_for_receiving(buyer.db, viewer, po.number.lower()).id == po.id
    assert purchasing.order_for_receiving(buyer.db, viewer, str(po.id)).id == po.id
    with pytest.raises(NotFound):
        purchasing.order_for_receiving(buyer.db, viewer, "PO-999999")
    draft = buyer.order((buyer.steel, 20, "2.5"), send=False)
    with pytest.raises(InvalidTransition, match="draft"):
        purchasing.order_for_receiving(buyer.db, viewer, draft.number)


def test_partial_receipts_make_pending_lots_at_the_lines_price_linked_to_the_line(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"), (buyer.bolt, 100, "0.12"))
    steel, bolts = po.lines
    note = _receive(buyer, po, (steel, 12, "HEAT-7", "CERT-7"), (bolts, 100, "B-1", ""))
    assert note.document.number.startswith("RCV-") and note.order_number == po.number
    assert [(lot.qty, lot.unit_price, lot.quality.value) for lot in note.lots] == [
        (D("12.000"), D("2.5000"), "PENDING"), (D("100.000"), D("0.1200"), "PENDING")]
    lot = stock.get_lot(buyer.db, buyer.admin, note.lots[0].lot_id)
    assert (lot.lot_number, lot.certificate, lot.unit_cost) == ("HEAT-7", "CERT-7", D("2.5000"))
    po = purchasing.get_purchase_order(buyer.db, buyer.admin, po.id)
    assert po.status == PoStatus.PARTLY_RECEIVED
    assert [(x.received_qty, x.open_qty) for x in po.lines] == [(D("12.000"), D("8.000")), (D("100.000"), D("0"))]
    _receive(buyer, po, (steel, 8, "HEAT-8", ""))
    po = purchasing.get_purchase_order(buyer.db, buyer.admin, po.id)
    assert po.status == PoStatus.RECEIVED
    assert received_from_receipts(buyer.db, steel.id) == D("20.000")
    check_stock_invariants(buyer.db)


def test_over_receipt_is_refused_with_what_is_still_open_at_zero_tolerance(buyer):
    po = buyer.order((buyer.steel, 100, "2.5"))
    line = po.lines[0]
    with pytest.raises(ValidationError, match=r"at most 100.000 more") as refused:
        _receive(buyer, po, (line, "100.001", "", ""))
    assert "ordered 100.000" in str(refused.value)
    _receive(buyer, po, (line, 60, "", ""))
    with pytest.raises(ValidationError, match=r"at most 40.000 more"):
        _receive(buyer, po, (line, 30, "", ""), (line, 11, "", ""))  # two slices of one line count together
    with admin_of(buyer.db).sessions() as s:
        assert s.execute(select(func.count()).select_from(Lot)).scalar_one() == 1
        assert s.get(PurchaseOrderLine, line.id).received_qty == D("60.000")


def test_the_tolerance_is_the_plants_or_the_products_own(buyer):
    purchasing.set_plant_tolerance(buyer.db, buyer.admin, D("10"))
    po = buyer.order((buyer.steel, 100, "2.5"))
    line = po.lines[0]
    assert purchasing.get_purchase_order(buyer.db, buyer.admin, po.id).lines[0].limit == D("110.000")
    purchasing.set_product_tolerance(buyer.db, buyer.admin, buyer.steel.id, D("2.5"))
    with pytest.raises(ValidationError, match=r"at most 102.500 more"):
        _receive(buyer, po, (line, "102.501", "", ""))
    _receive(buyer, po, (line, "102.5", "", ""))
    with pytest.raises(PermissionDenied):
        purchasing.set_plant_tolerance(buyer.db, buyer.plant.supply, D("50"))


# --------------------------------------------------------------------------- QC and returns


def test_qc_queue_oldest_first_decides_several_lots_each_its_own_document(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"), (buyer.bolt, 100, "0.12"))
    _receive(buyer, po, (po.lines[0], 10, "S-1", "CERT-S1"))
    _receive(buyer, po, (po.lines[1], 50, "B-1", "CERT-B1"))
    queue = purchasing.list_qc_queue(buyer.db, buyer.plant.qc)
    assert [(q.lot_number, q.order_number, q.supplier_name, q.certificate) for q in queue] == [
        ("S-1", po.number, "Steel Trade LLC", "CERT-S1"), ("B-1", po.number, "Steel Trade LLC", "CERT-B1")]
    with pytest.raises(PermissionDenied):
        purchasing.decide_lots(buyer.db, buyer.plant.supply, [queue[0].lot_id], "APPROVED")
    outcomes = purchasing.decide_lots(buyer.db, buyer.plant.qc, [q.lot_id for q in queue] + [queue[0].lot_id],
                                      "APPROVED", reason="certificates fine")
    assert len({o.document_number for o in outcomes if o.document_number}) == 2
    assert purchasing.list_qc_queue(buyer.db, buyer.plant.qc) == []


def test_a_rejected_lot_goes_back_to_the_supplier_and_reopens_its_line(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"))
    line = po.lines[0]
    good = _receive(buyer, po, (line, 12, "S-1", "")).lots[0]
    bad = _receive(buyer, po, (line, 8, "S-2", "")).lots[0]
    assert purchasing.get_purchase_order(buyer.db, buyer.admin, po.id).status == PoStatus.RECEIVED
    purchasing.decide_lots(buyer.db, buyer.plant.qc, [good.lot_id], "APPROVED")
    with pytest.raises(InvalidTransition, match="only REJECTED"):
        purchasing.return_to_supplier(buyer.db, buyer.plant.supply, [bad.lot_id], reason="cracks")
    purchasing.decide_lots(buyer.db, buyer.plant.qc, [bad.lot_id], "REJECTED", reason="cracks")
    note = purchasing.return_to_supplier(buyer.db, buyer.plant.supply, [bad.lot_id], reason="cracks")
    assert note.document.number.startswith("RTN-") and note.lots[0].kind == "return"
    assert stock.get_lot(buyer.db, buyer.admin, bad.lot_id).on_hand == 0
    po = purchasing.get_purchase_order(buyer.db, buyer.admin, po.id)
    assert po.status == PoStatus.PARTLY_RECEIVED
    assert (po.lines[0].received_qty, po.lines[0].open_qty) == (D("12.000"), D("8.000"))
    assert received_from_receipts(buyer.db, line.id) == D("12.000")
    with pytest.raises(InvalidTransition, match="already"):
        purchasing.return_to_supplier(buyer.db, buyer.plant.supply, [bad.lot_id], reason="again")
    _receive(buyer, po, (line, 8, "S-3", ""))  # the replacement fits again
    with admin_of(buyer.db).sessions() as s:
        assert s.execute(select(func.count()).select_from(StockMovement)
                         .where(StockMovement.lot_id == bad.lot_id)).scalar_one() == 3  # receipt, quality, return
    check_stock_invariants(buyer.db)


def test_reports_list_open_and_late_orders(buyer):
    late = buyer.order((buyer.steel, 20, "2.5", date.today() - timedelta(days=2)))
    buyer.order((buyer.steel, 20, "2.5", date.today() + timedelta(days=5)))
    rows = purchasing.list_purchase_orders(buyer.db, buyer.plant.viewer, open_only=True)
    assert {r.number: r.late for r in rows} == {late.number: True, **{r.number: False for r in rows
                                                                       if r.number != late.number}}


def test_late_lines_and_supplier_performance(buyer):
    late = buyer.order((buyer.steel, 20, "2.5", date.today() - timedelta(days=2)))
    on_time = buyer.order((buyer.steel, 10, "2.5", date.today() + timedelta(days=2)))
    _receive(buyer, on_time, (on_time.lines[0], 10, "S-1", ""))
    lots = _receive(buyer, late, (late.lines[0], 5, "S-2", "")).lots
    purchasing.decide_lots(buyer.db, buyer.plant.qc, [lots[0].lot_id], "REJECTED")
    purchasing.return_to_supplier(buyer.db, buyer.plant.supply, [lots[0].lot_id], reason="bad")
    rows = purchasing.list_late_lines(buyer.db, buyer.plant.viewer)
    assert [(r.order_number, r.open_qty, r.days_late) for r in rows] == [(late.number, D("20.000"), 2)]
    (perf,) = purchasing.supplier_performance(buyer.db, buyer.plant.viewer)
    assert (perf.lines, perf.lines_received, perf.on_time_lines, perf.ordered_qty_lines_full, perf.returned_lots) == (
        2, 2, 1, 1, 1)
    assert (perf.on_time_pct, perf.fill_pct) == (D("50.0"), D("50.0"))


def test_odd_input_is_refused_with_a_message_and_nothing_changes(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"))
    line, supply = po.lines[0], buyer.plant.supply
    for bad in (ReceiptInput(line.id, "abc"), ReceiptInput(line.id, "1e40"), ReceiptInput(line.id, "-1"),
                ReceiptInput(line.id, D(1), "a\x00b"), ReceiptInput(line.id, D(1), "", "x" * 500)):
        with pytest.raises(ValidationError):
            purchasing.receive_against_order(buyer.db, supply, po.id, [bad])
    with pytest.raises(NotFound):
        purchasing.receive_against_order(buyer.db, supply, 2**40, [ReceiptInput(line.id, D(1))])
    with pytest.raises(NotFound):
        purchasing.receive_against_order(buyer.db, supply, po.id, [ReceiptInput(2**40, D(1))])
    with pytest.raises(ValidationError):
        purchasing.create_purchase_order(buyer.db, supply, supplier_id=buyer.supplier.id, warehouse_id=buyer.main.id,
                                         notes="n\x00", lines=[PoLineInput(buyer.steel.id, D(8), D(1))])
    with pytest.raises(ValidationError):
        purchasing.create_purchase_order(buyer.db, supply, supplier_id=buyer.supplier.id, warehouse_id=buyer.main.id,
                                         lines=[])
    with pytest.raises(ValidationError):
        purchasing.set_plant_tolerance(buyer.db, buyer.admin, "101")
    with pytest.raises(ValidationError):
        purchasing.find_purchase_order(buyer.db, supply, "   ")
    with admin_of(buyer.db).sessions() as s:
        assert s.execute(select(func.count()).select_from(Lot)).scalar_one() == 0
    assert purchasing.get_purchase_order(buyer.db, supply, po.id).lines[0].received_qty == 0


def test_the_order_list_searches_number_and_supplier_whatever_the_case(buyer):
    po = buyer.order((buyer.steel, 20, "2.5"))
    stock.update_supplier(buyer.db, buyer.admin, buyer.supplier.id, version=buyer.supplier.version,
                          name="Сталь-Трейд")
    supply = buyer.plant.supply
    assert [r.number for r in purchasing.list_purchase_orders(buyer.db, supply, search="сталь")] == [po.number]
    assert [r.number for r in purchasing.list_purchase_orders(buyer.db, supply, search=po.number.lower())] == [
        po.number]
    assert purchasing.list_purchase_orders(buyer.db, supply, search="nothing like it") == []
