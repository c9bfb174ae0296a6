"""Stock operation dialogs: the FIFO preview before confirming, refusals next to the quantity,
keyboard-first receipt, barcode selection, one document number shown after success."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from erp_desktop.services import stock
from erp_desktop.ui.stock.common import Catalog
from erp_desktop.ui.stock.issue_dialog import IssueDialog
from erp_desktop.ui.stock.lot_dialogs import AdjustDialog, QualityDialog
from erp_desktop.ui.stock.receive_dialog import ReceiveDialog
from erp_desktop.ui.stock.reserve_dialog import ReserveDialog
from erp_desktop.ui.stock.transfer_dialog import TransferDialog
from tests.services.stock.stock_fixtures import available, lot_on_hand, make_shop

D = Decimal


@pytest.fixture(params=["sqlite", "postgresql"])
def ui_db(request):
    """The clerk's dialogs on both back ends: on PostgreSQL an issue is the server's procedure, not the Python path."""
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
def shop(ui_plant):
    return make_shop(ui_plant)


def _dialog(qtbot, cls, ctx):
    dialog = cls(ctx, Catalog(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _preview_shown(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.preview.preview is not None, timeout=3000)
    return dialog.preview.preview


def test_issue_dialog_previews_lots_and_cost_before_confirming(qtbot, qtmodeltester, make_ctx, shop, monkeypatch):
    old = shop.lot("60", "10.0000", days=1, lot_number="OLD-1")
    new = shop.lot("50", "12.0000", days=2, lot_number="NEW-2")
    calls = []
    real_preview = stock.preview_issue
    monkeypatch.setattr(stock, "preview_issue", lambda *a, **k: calls.append(k["qty"]) or real_preview(*a, **k))
    ctx = make_ctx("supply")
    dialog = _dialog(qtbot, IssueDialog, ctx)
    dialog.preset(shop.steel.id, shop.main.id)
    assert not dialog.submit_button.isEnabled()  # nothing is confirmed before the preview is seen

    for text in ("8", "80"):  # typed quickly: one preview, for the last quantity (debounced)
        dialog.qty.edit.setText(text)
    preview = _preview_shown(qtbot, dialog)
    assert calls == [D("80")]
    qtmodeltester.check(dialog.preview.model)
    table = dialog.preview.model
    assert [table.index(r, 0).data() for r in range(table.rowCount())] == ["OLD-1", "NEW-2"]
    assert [table.index(r, 2).data() for r in range(table.rowCount())] == ["60.000", "20.000"]
    assert [table.index(r, 3).data() for r in range(table.rowCount())] == ["10.0000", "12.0000"]
    assert preview.total_value == D("840.0000000")
    assert "840.00" in dialog.preview.summary.text() and "10.5000" in dialog.preview.summary.text()
    assert dialog.submit_button.isEnabled()

    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.document is not None and dialog.document.number.startswith("ISS-")
    assert dialog.document.number in dialog.result_label.text()
    assert dialog.document.number in dialog.preview.title.text()  # now the lots the document took
    assert [(table.index(r, 0).data(), table.index(r, 2).data(), table.index(r, 4).data())
            for r in range(table.rowCount())] == [("OLD-1", "60.000", "600.00"), ("NEW-2", "20.000", "240.00")]
    assert lot_on_hand(shop, old) == D("0.000") and lot_on_hand(shop, new) == D("30.000")
    assert dialog.submit_button.text() == dialog.tr("Close")
    assert not dialog.qty.edit.isEnabled()


def test_after_the_issue_the_dialog_shows_the_lots_really_taken_not_the_preview(qtbot, make_ctx, shop):
    """Another clerk took stock between the preview and the confirmation, and enough was left: the dialog shows
    what its own document took, which is not what the preview said."""
    shop.lot("60", "10.0000", days=1, lot_number="OLD-1")
    shop.lot("50", "12.0000", days=2, lot_number="NEW-2")
    dialog = _dialog(qtbot, IssueDialog, make_ctx("supply"))
    dialog.preset(shop.steel.id, shop.main.id, D("80"))
    assert [s.qty for s in _preview_shown(qtbot, dialog).slices] == [D("60.000"), D("20.000")]
    stock.issue_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("10"))
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    table = dialog.preview.model
    rows = [tuple(table.index(r, c).data() for c in (0, 1, 2, 3, 4)) for r in range(table.rowCount())]
    assert [(lot, qty, cost, value) for lot, _received, qty, cost, value in rows] == [
        ("OLD-1", "50.000", "10.0000", "500.00"), ("NEW-2", "30.000", "12.0000", "360.00")]
    assert all(received for _lot, received, *_ in rows)  # the lots' received dates, from the preview
    assert [(m.lot_number, m.qty) for m in dialog.document.movements] == [("OLD-1", D("-50.000")), ("NEW-2", D("-30.000"))]
    assert "860.00" in dialog.result_label.text()


def test_refused_issue_shows_the_numbers_next_to_the_quantity(qtbot, make_ctx, shop):
    shop.lot("95", "10", days=1)
    shop.lot("20", "10", days=2, quality="PENDING")
    shop.lot("5", "10", days=3, quality="QUARANTINE")
    dialog = _dialog(qtbot, IssueDialog, make_ctx("supply"))
    dialog.preset(shop.steel.id, shop.main.id, D("120"))
    preview = _preview_shown(qtbot, dialog)
    assert not preview.enough
    message = dialog.field_error("qty").text()
    assert dialog.field_error("qty").isVisible()
    for number in ("95.000 kg", "20.000 kg", "5.000 kg", "120.000 kg"):
        assert number in message
    assert "PENDING" in message and "QUARANTINE" in message
    assert not dialog.submit_button.isEnabled()

    dialog.submit()  # even forced, the service refuses it and nothing is half-done
    assert dialog.document is None
    assert "95.000 kg" in dialog.field_error("qty").text()
    assert available(shop) == D("95.000")


def test_stock_taken_meanwhile_is_refused_in_the_dialog(qtbot, make_ctx, shop):
    shop.lot("95", "10", days=1)
    dialog = _dialog(qtbot, IssueDialog, make_ctx("supply"))
    dialog.preset(shop.steel.id, shop.main.id, D("90"))
    assert _preview_shown(qtbot, dialog).enough
    stock.issue_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("50"))
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.document is None
    assert "Only 45.000 kg" in dialog.field_error("qty").text()
    assert _preview_shown(qtbot, dialog).available == D("45.000")  # the preview shows what is left now
    assert available(shop) == D("45.000")


def test_receive_dialog_by_keyboard_alone(qtbot, make_ctx, shop):
    dialog = _dialog(qtbot, ReceiveDialog, make_ctx("supply"))
    assert dialog.quality is None  # supply cannot approve: the lot arrives PENDING
    edit = dialog.product.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "st-40x-d40")  # as a scanner types it, then Enter
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.product.product.id == shop.steel.id
    assert dialog.focusWidget() is dialog.warehouse
    qtbot.keyClick(dialog.warehouse, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.supplier
    qtbot.keyClick(dialog.supplier, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.supplier, Qt.Key.Key_Return)
    for widget, text in ((dialog.lot_number, "H-77"), (dialog.certificate, "HEAT 4411"), (dialog.qty.edit, "12.5"),
                         (dialog.unit_cost, "101.25"), (dialog.reason, "delivery note 17")):
        assert dialog.focusWidget() is widget
        qtbot.keyClicks(widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert dialog.document is not None, dialog.error.text()
    assert dialog.document.number.startswith("RCV-")
    assert dialog.document.number in dialog.result_label.text()
    lot = stock.get_lot(shop.db, shop.admin, dialog.document.movements[0].lot_id)
    assert (lot.lot_number, lot.certificate, lot.on_hand, lot.unit_cost, lot.quality) == (
        "H-77", "HEAT 4411", D("12.500"), D("101.2500"), "PENDING")
    assert lot.supplier_id == shop.supplier.id
    qtbot.keyClick(dialog.submit_button, Qt.Key.Key_Return)  # Enter closes after success
    assert not dialog.isVisible()


def test_receive_refusal_shows_under_the_unit_cost(qtbot, make_ctx, shop):
    dialog = _dialog(qtbot, ReceiveDialog, make_ctx("supply"))
    dialog.product.set_product_id(shop.steel.id)
    dialog.qty.edit.setText("10")
    dialog.unit_cost.setText("1.23456")
    dialog.submit()
    assert dialog.document is None
    assert "4 decimal places" in dialog.field_error("unit_cost").text()


def test_scanned_lot_number_selects_product_and_warehouse(qtbot, make_ctx, shop):
    shop.lot("40", "10", warehouse=shop.shop1, lot_number="SCAN-77")
    dialog = _dialog(qtbot, IssueDialog, make_ctx("supply"))
    edit = dialog.product.edit
    qtbot.keyClicks(edit, "scan-77")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.product.product.id == shop.steel.id
    assert dialog.warehouse.currentData() == shop.shop1.id
    assert dialog.focusWidget() is dialog.qty.edit

    edit.clear()
    qtbot.keyClicks(edit, "NO-SUCH-CODE")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.product.product is None
    assert "NO-SUCH-CODE" in dialog.product.error.text()
    assert dialog.document is None  # a scanner's Enter never submits the form


def test_transfer_dialog_fifo_and_one_lot(qtbot, make_ctx, shop):
    shop.lot("30", "10", days=1, lot_number="T-1")
    second = shop.lot("30", "11", days=2, lot_number="T-2")
    dialog = _dialog(qtbot, TransferDialog, make_ctx("supply"))
    dialog.preset(shop.steel.id, shop.main.id, D("40"))
    dialog.target.set_warehouse(shop.shop1.id)
    assert _preview_shown(qtbot, dialog).enough
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.document.number.startswith("TRF-")
    assert available(shop, warehouse=shop.shop1) == D("40.000")
    table = dialog.preview.model  # the lots taken out of the source, not the lots made in the target
    assert [(table.index(r, 0).data(), table.index(r, 2).data()) for r in range(table.rowCount())] == [
        ("T-1", "30.000"), ("T-2", "10.000")]

    one = _dialog(qtbot, TransferDialog, make_ctx("supply"))
    one.preset(shop.steel.id, shop.main.id, D("5"))
    one.target.set_warehouse(shop.quarantine.id)
    one.lot.setCurrentIndex(one.lot.findData(second))
    assert one.preview.isHidden() and one.submit_button.isEnabled()
    one.submit()
    assert one.document is not None
    assert lot_on_hand(shop, second) == D("15.000")


def test_adjust_needs_a_reason_and_quality_dialog_approves(qtbot, make_ctx, shop):
    lot_id = shop.lot("50", "10", quality="PENDING", lot_number="ADJ-1")
    adjust = _dialog(qtbot, AdjustDialog, make_ctx("supply"))
    qtbot.keyClicks(adjust.lot.edit, "ADJ-1")
    qtbot.keyClick(adjust.lot.edit, Qt.Key.Key_Return)
    assert adjust.lot.lot.id == lot_id and adjust.focusWidget() is adjust.counted.edit
    adjust.counted.edit.setText("47")
    adjust.submit()
    assert "reason" in adjust.field_error("reason").text()
    assert adjust.document is None
    adjust.reason.setText("count: 3 kg short")
    adjust.submit()
    assert adjust.document.number.startswith("ADJ-") and lot_on_hand(shop, lot_id) == D("47.000")

    quality = _dialog(qtbot, QualityDialog, make_ctx("qc"))
    quality.preset(stock.get_lot(shop.db, shop.admin, lot_id))
    assert quality.quality.currentData() == "APPROVED"  # a pending lot is offered for approval
    quality.submit()
    assert quality.document.number.startswith("QC-")
    assert stock.get_lot(shop.db, shop.admin, lot_id).quality == "APPROVED"


def test_reserve_dialog_needs_part_or_order(qtbot, make_ctx, shop):
    shop.lot("50", "10")
    dialog = _dialog(qtbot, ReserveDialog, make_ctx("supply"))
    dialog.preset(shop.steel.id, shop.main.id, D("20"))
    assert _preview_shown(qtbot, dialog).enough
    dialog.submit()
    assert "order" in dialog.field_error("part_id").text()
    dialog.order_ref.setText("Order 7")
    dialog.submit()
    assert dialog.document.number.startswith("RES-")
    assert available(shop) == D("30.000")
    assert "Lots held by " + dialog.document.number in dialog.preview.title.text()
    table = dialog.preview.model
    assert [(table.index(r, 2).data(), table.index(r, 4).data()) for r in range(table.rowCount())] == [
        ("20.000", "200.00")]


def test_transfer_to_never_offers_the_source_and_starts_unchosen(qtbot, make_ctx, shop):
    dialog = _dialog(qtbot, TransferDialog, make_ctx("supply"))
    offered = lambda: [dialog.target.itemData(i) for i in range(dialog.target.count())]  # noqa: E731
    dialog.warehouse.set_warehouse(shop.main.id)
    assert dialog.target.currentData() is None  # not the quarantine area, nor anything else
    assert shop.main.id not in offered() and {shop.shop1.id, shop.quarantine.id} <= set(offered())
    dialog.target.set_warehouse(shop.shop1.id)
    dialog.warehouse.set_warehouse(shop.shop1.id)  # the source becomes the chosen target: it leaves the list
    assert shop.shop1.id not in offered() and shop.main.id in offered() and dialog.target.currentData() is None
    dialog.preset(shop.bolt.id, shop.shop1.id, D("1"))
    with pytest.raises(Exception, match="target warehouse"):
        dialog.request()


def test_adjust_shows_the_difference_before_posting(qtbot, make_ctx, shop):
    lot_id = shop.lot("50", "10", lot_number="ADJ-2")
    adjust = _dialog(qtbot, AdjustDialog, make_ctx("supply"))
    adjust.preset(stock.get_lot(shop.db, shop.admin, lot_id))
    adjust.counted.edit.setText("46.5")
    assert adjust.difference.text() == "-3.500 kg (recorded 50.000 kg, counted 46.500 kg), value -35.00"
    adjust.counted.edit.setText("50")
    assert adjust.difference.text().startswith("none")
    adjust.counted.edit.setText("52")
    assert adjust.difference.text().startswith("+2.000 kg")
    assert adjust.document is None  # nothing is posted by looking


def test_issue_dialog_says_when_the_product_falls_below_its_minimum(qtbot, make_ctx, shop):
    shop.lot("60", "10")
    dialog = _dialog(qtbot, IssueDialog, make_ctx("supply"))
    dialog.preset(shop.steel.id, shop.main.id, D("10"))
    _preview_shown(qtbot, dialog)
    assert dialog.minimum_warning.isHidden()  # 50 left: at the minimum, not below
    dialog.preview.preview = None
    dialog.qty.edit.setText("15")
    qtbot.waitUntil(lambda: dialog.preview.preview is not None and dialog.preview.preview.requested == D("15"),
                    timeout=3000)
    assert not dialog.minimum_warning.isHidden() and dialog.submit_button.isEnabled()
    assert "45.000 kg" in dialog.minimum_warning.text() and "50.000 kg" in dialog.minimum_warning.text()


def test_receive_dialog_takes_several_lines_into_one_document(qtbot, make_ctx, shop):
    dialog = _dialog(qtbot, ReceiveDialog, make_ctx("supply"))
    dialog.supplier.setCurrentIndex(dialog.supplier.findData(shop.supplier.id))
    dialog.reason.setText("delivery note 204")
    dialog.add_line()
    assert "Fill in the line first" in dialog.field_error("product_id").text() and dialog.lines == []
    dialog.product.set_product_id(shop.steel.id)
    dialog.warehouse.set_warehouse(shop.main.id)
    for edit, text in ((dialog.lot_number, "M-1"), (dialog.certificate, "HEAT 1"), (dialog.qty.edit, "100"),
                       (dialog.unit_cost, "85")):
        edit.setText(text)
    dialog.add_line()
    assert len(dialog.lines) == 1 and dialog.product.product is None and dialog.qty.edit.text() == ""
    assert dialog.lines_model.rowCount() == 1 and not dialog.lines_table.isHidden()
    assert dialog.warehouse.currentData() == shop.main.id  # kept for the next line
    dialog.product.set_product_id(shop.bolt.id)
    dialog.qty.edit.setText("500")
    dialog.add_line()
    dialog.product.set_product_id(shop.bolt.id)  # a third line, left in the form: Receive takes it too
    dialog.warehouse.set_warehouse(shop.shop1.id)
    dialog.qty.edit.setText("5")
    dialog.unit_cost.setText("1.10")
    dialog.lines_table.selectRow(1)
    dialog.remove_line()
    assert [line.product_id for line, _p, _w in dialog.lines] == [shop.steel.id]
    dialog.submit()
    assert dialog.document is not None, dialog.error.text()
    doc = dialog.document
    assert [(m.product_id, m.warehouse_id, m.qty) for m in doc.movements] == [
        (shop.steel.id, shop.main.id, D("100.000")), (shop.bolt.id, shop.shop1.id, D("5.000"))]
    assert doc.reason == "delivery note 204" and "2 lots" in dialog.result_label.text()
    lots = stock.get_lots(shop.db, shop.admin, [m.lot_id for m in doc.movements])
    assert [(lot.lot_number, lot.supplier_id) for lot in lots] == [("M-1", shop.supplier.id),
                                                                   (f"{doc.number}/2", shop.supplier.id)]


def test_a_refused_line_of_several_is_named_in_the_dialog(qtbot, make_ctx, shop):
    dialog = _dialog(qtbot, ReceiveDialog, make_ctx("supply"))
    for product in (shop.steel, shop.bolt):
        dialog.product.set_product_id(product.id)
        dialog.qty.edit.setText("1")
        dialog.unit_cost.setText("1")
        dialog.add_line()
    stock.set_product_active(shop.db, shop.admin, shop.bolt.id, False, version=shop.bolt.version)
    dialog.submit()
    assert dialog.document is None and dialog.error.text().startswith("Line 2:")
