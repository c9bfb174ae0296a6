"""FIFO stock ledger rules (SPEC "Stock (FIFO ledger)"), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select, text

from erp_desktop.db.models import AuditEntry, Lot, StockDocument, StockMovement
from erp_desktop.db.types import utcnow
from erp_desktop.domain.stock import MovementKind, Quality, ReservationStatus
from erp_desktop.errors import (
    InsufficientStock,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from erp_desktop.services import stock
from tests.factories import admin_of, make_plant
from tests.services.stock.stock_fixtures import available, lot_on_hand, make_shop
from tests.services.stock.stock_invariants import check_stock_invariants


@pytest.fixture
def shop(plant):
    return make_shop(plant)


def issue(shop, qty, **kw):
    kw.setdefault("warehouse_id", shop.main.id)
    kw.setdefault("product_id", shop.steel.id)
    return stock.issue_stock(shop.db, shop.plant.supply, qty=D(str(qty)), **kw)


def counts(db):
    with admin_of(db).sessions() as s:
        return (s.execute(select(func.count()).select_from(StockMovement)).scalar_one(),
                s.execute(select(func.count()).select_from(StockDocument)).scalar_one())


# --------------------------------------------------------------------------- receive


def test_receipt_creates_a_pending_lot_with_one_document(shop):
    doc = stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("120.5"), unit_cost=D("85.1234"), supplier_id=shop.supplier.id,
                              lot_number="B-77", certificate="HEAT 4471")
    assert re.fullmatch(r"RCV-\d{6}", doc.number)
    [movement] = doc.movements
    assert movement.kind == MovementKind.RECEIPT and movement.qty == D("120.500")
    assert movement.value == D("10257.3697000")
    lot = stock.get_lot(shop.db, shop.plant.viewer, movement.lot_id)
    assert (lot.quality, lot.lot_number, lot.certificate, lot.supplier_name) == (
        Quality.PENDING, "B-77", "HEAT 4471", "Steel Trade LLC")
    assert lot.available == 0  # pending stock is not available
    assert check_stock_invariants(shop.db) == []


def test_receipt_without_lot_number_takes_the_document_number(shop):
    doc = stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.bolt.id, warehouse_id=shop.main.id,
                              qty=100, unit_cost="1.5")
    assert doc.movements[0].lot_number == doc.number


def test_supply_clerk_cannot_receive_approved_stock_but_qc_approves_it(shop):
    with pytest.raises(Exception, match="quality"):
        stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.bolt.id, warehouse_id=shop.main.id,
                            qty=1, unit_cost=1, quality="APPROVED")
    doc = stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.bolt.id, warehouse_id=shop.main.id,
                              qty=10, unit_cost=1)
    qc = stock.change_quality(shop.db, shop.plant.qc, lot_id=doc.movements[0].lot_id, quality="APPROVED",
                              reason="certificate checked")
    assert re.fullmatch(r"QC-\d{6}", qc.number)
    assert qc.movements[0].quality_from == Quality.PENDING and qc.movements[0].quality_to == Quality.APPROVED
    assert available(shop, shop.bolt) == D("10")


@pytest.mark.parametrize("field,kwargs", [
    ("qty", {"qty": "0"}), ("qty", {"qty": "-5"}), ("qty", {"qty": "1.0005"}), ("unit_cost", {"unit_cost": "-1"}),
    ("unit_cost", {"unit_cost": "0.00001"}), ("lot_number", {"lot_number": "x" * 65}),
])
def test_invalid_receipts_are_refused_before_anything_is_written(shop, field, kwargs):
    before = counts(shop.db)
    args = {"product_id": shop.steel.id, "warehouse_id": shop.main.id, "qty": "1", "unit_cost": "1", **kwargs}
    with pytest.raises(ValidationError) as error:
        stock.receive_stock(shop.db, shop.plant.supply, **args)
    assert error.value.field == field
    assert counts(shop.db) == before


def test_floats_are_refused_everywhere(shop):
    with pytest.raises(TypeError):
        stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                            qty=1.5, unit_cost=D("1"))
    with pytest.raises(TypeError):
        stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                            qty=D("1"), unit_cost=0.1)
    with pytest.raises(TypeError):
        stock.issue_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=0.5)
    with pytest.raises(TypeError):
        stock.create_product(shop.db, shop.admin, sku="F1", name="F", unit="kg", category="metal", min_level=1.0)


def test_deactivated_product_or_warehouse_receives_nothing(shop):
    stock.set_warehouse_active(shop.db, shop.admin, shop.shop1.id, False, version=shop.shop1.version)
    with pytest.raises(ValidationError, match="deactivated"):
        stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.shop1.id,
                            qty=1, unit_cost=1)
    stock.set_product_active(shop.db, shop.admin, shop.bolt.id, False, version=shop.bolt.version)
    with pytest.raises(ValidationError, match="deactivated"):
        stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.bolt.id, warehouse_id=shop.main.id,
                            qty=1, unit_cost=1)


# --------------------------------------------------------------------------- issue


def test_issue_consumes_oldest_approved_lot_first_and_records_each_slice_cost(shop):
    newer = shop.lot(30, "12.5", days=20)
    older = shop.lot(10, "10", days=5)
    middle = shop.lot(10, "11", days=10)
    doc = issue(shop, 25, reason="for shafts")
    assert re.fullmatch(r"ISS-\d{6}", doc.number)
    assert [(m.lot_id, m.qty, m.unit_cost, m.value) for m in doc.movements] == [
        (older, D("-10"), D("10"), D("-100")), (middle, D("-10"), D("11"), D("-110")),
        (newer, D("-5"), D("12.5"), D("-62.5"))]
    assert doc.total_value == D("-272.5")
    assert {m.document_number for m in doc.movements} == {doc.number}
    assert lot_on_hand(shop, newer) == D("25")
    assert check_stock_invariants(shop.db) == []


def test_same_received_at_is_consumed_by_id(shop):
    first = shop.lot(5, "1", days=3)
    second = shop.lot(5, "2", days=3)
    assert [m.lot_id for m in issue(shop, 6).movements] == [first, second]


@pytest.mark.parametrize("quality", ["PENDING", "REJECTED", "QUARANTINE"])
def test_only_approved_stock_is_issued_or_reserved(shop, quality):
    shop.lot(50, "9", quality=quality, days=1)
    approved = shop.lot(5, "10", days=2)
    with pytest.raises(InsufficientStock):
        issue(shop, 6)
    with pytest.raises(InsufficientStock):
        stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                            qty=D("6"), order_ref="O-1")
    assert [m.lot_id for m in issue(shop, 5).movements] == [approved]


def test_refusal_says_what_is_available_and_what_is_pending_or_in_quarantine(shop):
    shop.lot(60, "10", days=1)
    shop.lot(35, "10", days=2)
    shop.lot(20, "10", quality="PENDING", days=3)
    shop.lot(5, "10", quality="QUARANTINE", days=4)
    before = counts(shop.db)
    with pytest.raises(InsufficientStock) as error:
        issue(shop, 120)
    message = str(error.value)
    assert message.startswith("Only 95.000 kg of 40X steel (SKU ST-40X-D40) is available in Main store; "
                              "20.000 kg more is PENDING and 5.000 kg in QUARANTINE.")
    assert error.value.field == "qty" and error.value.available == D("95")
    assert counts(shop.db) == before  # all or nothing: no lot touched, no document
    assert available(shop) == D("95")


def test_issue_from_an_empty_warehouse_is_refused_plainly(shop):
    with pytest.raises(InsufficientStock, match="No 40X steel"):
        issue(shop, 1, warehouse_id=shop.shop1.id)


def test_preview_uses_the_same_allocation_and_changes_nothing(shop):
    shop.lot(10, "10", days=1)
    shop.lot(10, "20", days=2)
    before = counts(shop.db)
    preview = stock.preview_issue(shop.db, shop.plant.viewer, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                  qty=D("15"))
    assert preview.enough and preview.total_value == D("200") and preview.available == D("20")
    assert counts(shop.db) == before
    doc = issue(shop, 15)
    assert [(s.lot_id, s.qty, s.unit_cost) for s in preview.slices] == [
        (m.lot_id, -m.qty, m.unit_cost) for m in doc.movements]
    short = stock.preview_issue(shop.db, shop.plant.viewer, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                qty=D("6"))
    assert not short.enough and short.shortfall == D("1") and short.message.startswith("Only 5.000 kg")


def test_issue_can_name_the_part_it_is_for(shop):
    shop.lot(10, "10")
    part_id = shop.part()
    doc = issue(shop, 2, part_id=part_id)
    assert doc.part_id == part_id and doc.movements[0].part_id == part_id
    with pytest.raises(NotFound):
        issue(shop, 1, part_id=part_id + 999)


# --------------------------------------------------------------------------- transfer


def test_transfer_keeps_received_at_cost_and_lot_number(shop):
    old = shop.lot(10, "10", days=1, lot_number="A-1")
    shop.lot(10, "20", days=2, lot_number="A-2")
    doc = stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                               to_warehouse_id=shop.shop1.id, qty=D("14"))
    assert re.fullmatch(r"TRF-\d{6}", doc.number)
    kinds = [(m.kind, m.warehouse_id, m.qty) for m in doc.movements]
    assert kinds == [(MovementKind.TRANSFER_OUT, shop.main.id, D("-10")), (MovementKind.TRANSFER_IN, shop.shop1.id, D("10")),
                     (MovementKind.TRANSFER_OUT, shop.main.id, D("-4")), (MovementKind.TRANSFER_IN, shop.shop1.id, D("4"))]
    moved = stock.list_lots(shop.db, shop.plant.viewer, warehouse_id=shop.shop1.id)
    source = {lot.id: lot for lot in stock.list_lots(shop.db, shop.plant.viewer, warehouse_id=shop.main.id)}
    assert [(lot.lot_number, lot.on_hand, lot.unit_cost) for lot in moved] == [("A-1", D("10"), D("10")),
                                                                                ("A-2", D("4"), D("20"))]
    for lot in moved:
        assert lot.received_at == source[lot.source_lot_id].received_at
        assert lot.quality == Quality.APPROVED and lot.certificate == source[lot.source_lot_id].certificate
    assert moved[0].source_lot_id == old
    # the moved stock is still the oldest in its new warehouse
    assert [m.lot_id for m in issue(shop, 1, warehouse_id=shop.shop1.id).movements] == [moved[0].id]
    assert check_stock_invariants(shop.db) == []


def test_a_chosen_lot_of_any_quality_can_move_to_the_quarantine_area(shop):
    suspect = shop.lot(8, "10", quality="QUARANTINE")
    doc = stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                               to_warehouse_id=shop.quarantine.id, qty=D("8"), lot_id=suspect, reason="bad heat")
    new_lot = stock.get_lot(shop.db, shop.plant.viewer, doc.movements[1].lot_id)
    assert new_lot.quality == Quality.QUARANTINE and new_lot.warehouse_id == shop.quarantine.id
    with pytest.raises(InsufficientStock, match="only 0.000 kg"):
        stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                             to_warehouse_id=shop.quarantine.id, qty=D("1"), lot_id=suspect)
    with pytest.raises(ValidationError):
        stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                             to_warehouse_id=shop.main.id, qty=D("1"))
    assert check_stock_invariants(shop.db) == []


def test_transfer_is_all_or_nothing(shop):
    shop.lot(5, "10")
    before = counts(shop.db)
    with pytest.raises(InsufficientStock, match="transfer"):
        stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                             to_warehouse_id=shop.shop1.id, qty=D("6"))
    assert counts(shop.db) == before


# --------------------------------------------------------------------------- adjust


def test_adjustment_needs_a_reason_and_corrects_the_lot(shop):
    lot = shop.lot(10, "10")
    with pytest.raises(ValidationError) as error:
        stock.adjust_lot(shop.db, shop.plant.supply, lot_id=lot, counted_qty=D("9.5"), reason="  ")
    assert error.value.field == "reason"
    doc = stock.adjust_lot(shop.db, shop.plant.supply, lot_id=lot, counted_qty=D("9.5"), reason="annual count")
    assert re.fullmatch(r"ADJ-\d{6}", doc.number) and doc.reason == "annual count"
    assert doc.movements[0].qty == D("-0.5") and doc.movements[0].value == D("-5")
    stock.adjust_lot(shop.db, shop.plant.supply, lot_id=lot, counted_qty=D("11"), reason="found more")
    assert lot_on_hand(shop, lot) == D("11")
    with pytest.raises(ValidationError, match="nothing to adjust"):
        stock.adjust_lot(shop.db, shop.plant.supply, lot_id=lot, counted_qty=D("11"), reason="again")
    assert check_stock_invariants(shop.db) == []


def test_adjustment_cannot_go_below_the_reserved_quantity(shop):
    lot = shop.lot(10, "10")
    res = stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("6"), order_ref="O-7")
    with pytest.raises(ValidationError, match=f"reserved \\({res.number}\\)"):
        stock.adjust_lot(shop.db, shop.plant.supply, lot_id=lot, counted_qty=D("5"), reason="count")
    stock.adjust_lot(shop.db, shop.plant.supply, lot_id=lot, counted_qty=D("6"), reason="count")
    assert check_stock_invariants(shop.db) == []


# --------------------------------------------------------------------------- quality


def test_quality_change_of_reserved_stock_is_refused_until_released(shop):
    lot = shop.lot(10, "10")
    res = stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("4"), order_ref="O-1")
    with pytest.raises(InvalidTransition, match=f"{res.number}.*Release"):
        stock.change_quality(shop.db, shop.plant.qc, lot_id=lot, quality="QUARANTINE")
    stock.release_reservation(shop.db, shop.plant.master, res.reservation_id)
    stock.change_quality(shop.db, shop.plant.qc, lot_id=lot, quality="QUARANTINE", reason="cracks")
    assert available(shop) == 0
    with pytest.raises(ValidationError, match="already QUARANTINE"):
        stock.change_quality(shop.db, shop.plant.qc, lot_id=lot, quality="quarantine")
    assert check_stock_invariants(shop.db) == []


# --------------------------------------------------------------------------- reservations


def test_reservation_holds_fifo_slices_and_is_issued_exactly(shop):
    first = shop.lot(5, "10", days=1)
    second = shop.lot(10, "20", days=2)
    part_id = shop.part("P-7")
    res = stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("8"), part_id=part_id)
    assert re.fullmatch(r"RES-\d{6}", res.number) and res.reservation_id
    assert [(m.lot_id, m.reserved_delta, m.qty) for m in res.movements] == [(first, D("5"), 0), (second, D("3"), 0)]
    assert available(shop) == D("7")
    # an issue now takes what is not reserved, even though it is newer
    assert [(m.lot_id, m.qty) for m in issue(shop, 2).movements] == [(second, D("-2"))]
    [listed] = stock.list_reservations(shop.db, shop.plant.viewer, part_id=part_id)
    assert listed.part_code == "P-7" and listed.value == D("110") and len(listed.lines) == 2
    doc = stock.issue_reservation(shop.db, shop.plant.supply, res.reservation_id)
    assert re.fullmatch(r"ISS-\d{6}", doc.number) and doc.part_id == part_id
    assert [(m.lot_id, m.qty, m.reserved_delta) for m in doc.movements] == [
        (first, D("-5"), D("-5")), (second, D("-3"), D("-3"))]
    assert stock.get_reservation(shop.db, shop.plant.viewer, res.reservation_id).status == ReservationStatus.ISSUED
    with pytest.raises(InvalidTransition):
        stock.release_reservation(shop.db, shop.plant.master, res.reservation_id)
    assert check_stock_invariants(shop.db) == []


def test_release_returns_stock_to_available(shop):
    shop.lot(10, "10")
    res = stock.reserve_stock(shop.db, shop.plant.manager, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("10"), order_ref="ORDER-5")
    assert available(shop) == 0
    with pytest.raises(InsufficientStock, match="10.000 kg is reserved"):
        issue(shop, 1)
    doc = stock.release_reservation(shop.db, shop.plant.manager, res.reservation_id, reason="order cancelled")
    assert re.fullmatch(r"REL-\d{6}", doc.number) and doc.movements[0].reserved_delta == D("-10")
    assert available(shop) == D("10")
    with pytest.raises(InvalidTransition):
        stock.issue_reservation(shop.db, shop.plant.supply, res.reservation_id)
    assert stock.list_reservations(shop.db, shop.plant.viewer) == []
    assert check_stock_invariants(shop.db) == []


def test_reservation_needs_a_part_or_an_order(shop):
    shop.lot(10, "10")
    with pytest.raises(ValidationError):
        stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                            qty=D("1"))


# --------------------------------------------------------------------------- documents, dates, audit


def test_every_operation_is_one_document_and_audited(shop):
    shop.lot(10, "10")
    doc = issue(shop, 3)
    with admin_of(shop.db).sessions() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.entity == "stock_document",
                                                   AuditEntry.entity_id == str(doc.id))).scalar_one()
    assert entry.action == "issue" and entry.after["number"] == doc.number
    again = stock.get_document(shop.db, shop.plant.viewer, number=doc.number.lower())
    assert again.movements == doc.movements


def test_document_date_cannot_go_back_before_the_last_movement_or_into_the_future(shop):
    shop.lot(10, "10")
    with pytest.raises(ValidationError, match="earlier than the last movement"):
        issue(shop, 1, at=utcnow() - timedelta(days=1))
    with pytest.raises(ValidationError, match="future"):
        issue(shop, 1, at=utcnow() + timedelta(days=1))
    assert issue(shop, 1, at=utcnow()).number


def test_journal_and_audit_log_are_append_only_at_the_database(shop):
    shop.lot(10, "10")
    for statement in ("UPDATE stock_movements SET qty = 0", "DELETE FROM stock_movements",
                      "UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"):
            with admin_of(shop.db).engine.begin() as connection:
                connection.execute(text(statement))
    with admin_of(shop.db).sessions() as s:
        assert s.execute(select(func.count()).select_from(StockMovement)).scalar_one() == 1


def test_organisations_never_see_each_others_stock(shop):
    lot = shop.lot(10, "10")
    other = make_plant(shop.db, "Plant B", prefix="b_")
    assert stock.list_products(shop.db, other.viewer) == []
    assert stock.list_stock(shop.db, other.viewer) == []
    assert stock.list_lots(shop.db, other.viewer) == []
    assert stock.list_movements(shop.db, other.viewer).rows == ()
    assert stock.get_valuation(shop.db, other.viewer, as_of=utcnow()).rows == ()
    with pytest.raises(NotFound):
        stock.get_lot(shop.db, other.viewer, lot)
    with pytest.raises(NotFound):
        stock.find_by_code(shop.db, other.viewer, "ST-40X-D40")
    with pytest.raises(NotFound):
        stock.issue_stock(shop.db, other.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=1)
    with pytest.raises(NotFound):
        stock.receive_stock(shop.db, other.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=1,
                            unit_cost=1)
    with pytest.raises(NotFound):
        stock.adjust_lot(shop.db, other.supply, lot_id=lot, counted_qty=1, reason="x")
    with pytest.raises(NotFound):
        stock.change_quality(shop.db, other.qc, lot_id=lot, quality="REJECTED")
    # and the same SKU is free in the other organisation
    stock.create_product(shop.db, other.admin, sku="ST-40X-D40", name="Their steel", unit="kg", category="metal")
    assert check_stock_invariants(shop.db) == []


def test_a_long_mixed_sequence_keeps_every_invariant(shop):
    for day, (qty, cost, quality) in enumerate([(10, "10", "APPROVED"), (7.5, "11", "PENDING"),
                                                (12, "9.5", "APPROVED"), (3, "12", "APPROVED")]):
        shop.lot(D(str(qty)), cost, quality=quality, days=day)
    issue(shop, "4.25")
    res = stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("6"), order_ref="A")
    stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                         to_warehouse_id=shop.shop1.id, qty=D("5"))
    pending = next(lot for lot in stock.list_lots(shop.db, shop.admin, quality="PENDING"))
    stock.change_quality(shop.db, shop.plant.qc, lot_id=pending.id, quality="APPROVED")
    issue(shop, 7)
    stock.issue_reservation(shop.db, shop.plant.supply, res.reservation_id)
    issue(shop, 2, warehouse_id=shop.shop1.id)
    assert check_stock_invariants(shop.db) == []
    with admin_of(shop.db).sessions() as s:
        assert s.execute(select(func.sum(Lot.on_hand))).scalar_one() == D("32.5") - D("4.25") - 7 - 6 - 2


# --------------------------------------------------------------------------- several lines, part of a reservation


def test_a_receipt_of_several_lines_is_one_document_with_a_lot_per_line(shop):
    before = counts(shop.db)
    doc = stock.receive_lines(shop.db, shop.plant.supply, supplier_id=shop.supplier.id, reason="delivery note 118", lines=[
        stock.ReceiptLine(shop.steel.id, shop.main.id, D("100"), D("85"), "B-1", "HEAT 1"),
        {"product_id": shop.bolt.id, "warehouse_id": shop.main.id, "qty": D("500"), "unit_cost": D("1.2")},
        stock.ReceiptLine(shop.steel.id, shop.shop1.id, D("20"), D("86"), "", "HEAT 2"),
    ])
    assert re.fullmatch(r"RCV-\d{6}", doc.number) and doc.reason == "delivery note 118"
    assert counts(shop.db) == (before[0] + 3, before[1] + 1)
    assert [(m.product_id, m.warehouse_id, m.qty, m.lot_number) for m in doc.movements] == [
        (shop.steel.id, shop.main.id, D("100"), "B-1"), (shop.bolt.id, shop.main.id, D("500"), f"{doc.number}/2"),
        (shop.steel.id, shop.shop1.id, D("20"), f"{doc.number}/3")]
    lots = [stock.get_lot(shop.db, shop.plant.viewer, m.lot_id) for m in doc.movements]
    assert {(lot.quality, lot.supplier_name) for lot in lots} == {(Quality.PENDING, "Steel Trade LLC")}
    assert [lot.certificate for lot in lots] == ["HEAT 1", "", "HEAT 2"]
    # two heats of one product into one warehouse: two lots of one position
    twice = stock.receive_lines(shop.db, shop.plant.supply, lines=[
        stock.ReceiptLine(shop.bolt.id, shop.main.id, D("10"), D("1"), "H-A"),
        stock.ReceiptLine(shop.bolt.id, shop.main.id, D("15"), D("1.1"), "H-B")])
    assert len({m.lot_id for m in twice.movements}) == 2
    assert stock.list_stock(shop.db, shop.admin, product_id=shop.bolt.id)[0].on_hand == D("525")
    assert check_stock_invariants(shop.db) == []


def test_a_bad_line_refuses_the_whole_receipt_and_names_the_line(shop):
    before = counts(shop.db)
    good = stock.ReceiptLine(shop.steel.id, shop.main.id, D("1"), D("1"))
    with pytest.raises(ValidationError, match="^Line 2: ") as refused:
        stock.receive_lines(shop.db, shop.plant.supply, lines=[good, stock.ReceiptLine(shop.bolt.id, shop.main.id,
                                                                                        D("0"), D("1"))])
    assert refused.value.field == "qty"
    stock.set_warehouse_active(shop.db, shop.admin, shop.shop1.id, False, version=shop.shop1.version)
    with pytest.raises(ValidationError, match="^Line 2: Shop 1 store is deactivated"):
        stock.receive_lines(shop.db, shop.plant.supply, lines=[good, stock.ReceiptLine(shop.bolt.id, shop.shop1.id,
                                                                                        D("5"), D("1"))])
    with pytest.raises(ValidationError, match="at least one line"):
        stock.receive_lines(shop.db, shop.plant.supply, lines=[])
    assert counts(shop.db) == before


def test_a_reservation_can_be_issued_in_part(shop):
    first = shop.lot(5, "10", days=1)
    second = shop.lot(10, "20", days=2)
    res = stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("8"), order_ref="ORDER-9")
    with pytest.raises(ValidationError, match="holds only 8.000 kg"):
        stock.issue_reservation(shop.db, shop.plant.supply, res.reservation_id, qty=D("9"))
    doc = stock.issue_reservation(shop.db, shop.plant.supply, res.reservation_id, qty=D("6"))
    assert [(m.lot_id, m.qty, m.reserved_delta) for m in doc.movements] == [
        (first, D("-5"), D("-5")), (second, D("-1"), D("-1"))]
    left = stock.get_reservation(shop.db, shop.plant.viewer, res.reservation_id)
    assert left.status == ReservationStatus.OPEN and left.qty == D("2")
    assert [(line.lot_id, line.qty) for line in left.lines] == [(second, D("2"))]
    assert available(shop) == D("7")  # 15 - 6 issued - 2 still held
    doc = stock.issue_reservation(shop.db, shop.plant.supply, res.reservation_id)
    assert [(m.lot_id, m.qty) for m in doc.movements] == [(second, D("-2"))]
    assert stock.get_reservation(shop.db, shop.plant.viewer, res.reservation_id).status == ReservationStatus.ISSUED
    assert available(shop) == D("7") and check_stock_invariants(shop.db) == []


def test_qc_approves_several_lots_each_its_own_audited_change(shop):
    pending = [shop.lot(5, "10", quality="PENDING"), shop.lot(6, "10", quality="PENDING")]
    approved = shop.lot(7, "10")
    before = counts(shop.db)
    result = stock.change_quality_of_lots(shop.db, shop.plant.qc, lot_ids=pending + [approved, pending[0]],
                                          quality="APPROVED", reason="certificates checked")
    assert [d.movements[0].lot_id for d in result.documents] == pending
    assert len({d.number for d in result.documents}) == 2 and all(d.number.startswith("QC-") for d in result.documents)
    assert [(lot_id, str(text)) for lot_id, text in result.refused] == [(approved, "Lot L003 is already APPROVED.")]
    assert counts(shop.db) == (before[0] + 2, before[1] + 2)
    assert {stock.get_lot(shop.db, shop.admin, lot_id).quality for lot_id in pending} == {Quality.APPROVED}
    with admin_of(shop.db).sessions() as session:
        audited = session.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "stock_document", AuditEntry.action == "quality")).scalar_one()
    assert audited == 2
    with pytest.raises(PermissionDenied):
        stock.change_quality_of_lots(shop.db, shop.plant.supply, lot_ids=pending, quality="QUARANTINE")
    assert check_stock_invariants(shop.db) == []


def test_the_issue_preview_says_when_the_product_would_fall_below_its_minimum(shop):
    shop.lot(40, "10")
    shop.lot(30, "10", warehouse=shop.shop1)
    shop.lot(100, "10", quality="PENDING")  # not available: does not count
    preview = stock.preview_issue(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                  qty=D("20"))
    assert (preview.min_level, preview.available_everywhere, preview.left_everywhere) == (D("50"), D("70"), D("50"))
    assert not preview.below_minimum
    preview = stock.preview_issue(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                  qty=D("20.001"))
    assert preview.below_minimum and preview.left_everywhere == D("49.999")
    bolts = stock.preview_issue(shop.db, shop.plant.supply, product_id=shop.bolt.id, warehouse_id=shop.main.id,
                                qty=D("1"))
    assert not bolts.below_minimum and bolts.available_everywhere == 0  # no minimum (and no stock)
