"""Purchasing screens: an order created, sent and printed; received in two parts through the scan dialog with a
refusal shown; QC approves one lot and rejects another, which goes back to the supplier; reports as PDF."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QInputDialog

from erp_desktop.domain.codes import CodeKind, label_payload
from erp_desktop.domain.purchasing import PoStatus
from erp_desktop.printing import save_pdf
from erp_desktop.services import purchasing
from erp_desktop.ui.purchasing import PurchasingView
from tests.services.purchasing.po_fixtures import make_buyer


@pytest.fixture
def buyer(ui_plant):
    return make_buyer(ui_plant)


def _view(qtbot, ctx) -> PurchasingView:
    view = PurchasingView(ctx)
    qtbot.addWidget(view)
    view.show()
    return view


def test_a_clerk_creates_sends_and_prints_an_order(qtbot, make_ctx, buyer, tmp_path, qtmodeltester):
    ctx = make_ctx("supply")
    view = _view(qtbot, ctx)
    editor = view.orders.new_order()
    editor.supplier.setCurrentIndex(editor.supplier.findData(buyer.supplier.id))
    combo = editor.lines.cellWidget(0, 0)
    combo.setCurrentIndex(combo.findData(buyer.steel.id))
    editor.lines.item(0, 1).setText("3")
    editor.lines.item(0, 2).setText("2,5")
    editor.save()
    assert "minimum order" in editor.error.text()  # the supplier's minimum is 5 kg
    editor.lines.item(0, 1).setText("20")
    editor.save()
    assert editor.order is not None and editor.order.status == PoStatus.DRAFT, editor.error.text()
    assert editor.lines.item(0, 3).text()  # the expected date from the lead time
    editor.close()
    assert view.orders.model.rowCount() == 1
    qtmodeltester.check(view.orders.model)
    view.orders.table.selectRow(0)
    view.orders.buttons["send"].click()
    assert view.orders.selected().status == PoStatus.SENT
    reports = []
    view.orders.print_selected(ready=reports.append)
    text = reports[0].document().toPlainText()
    assert "Purchase order PO-" in text and "Steel Trade LLC" in text and "50.00" in text
    save_pdf(reports[0], tmp_path / "po.pdf")
    assert (tmp_path / "po.pdf").read_bytes().startswith(b"%PDF")


def test_receiving_in_two_parts_through_a_scanned_label(qtbot, make_ctx, buyer):
    po = buyer.order((buyer.steel, 20, "2.5"), (buyer.bolt, 100, "0.12"))
    view = _view(qtbot, make_ctx("supply"))
    dialog = view.open_receive(modal=False)
    dialog.find(label_payload(CodeKind.PURCHASE_ORDER, po.id).replace("O", "Щ"))  # the Russian layout's key
    assert dialog.table.rowCount() == 2 and po.number in dialog.header.text()
    dialog.set_row(0, "25", "HEAT-1", "CERT-1")
    dialog.submit()
    assert "at most 20.000 more" in dialog.error.text()  # refused, with what is still open
    dialog.set_row(0, "12", "HEAT-1", "CERT-1")
    dialog.submit()
    assert dialog.note is not None and "RCV-" in dialog.result.text()
    reports = []
    dialog.print_note(ready=reports.append)
    text = reports[0].document().toPlainText()
    assert "Goods receipt note RCV-" in text and "HEAT-1" in text and "Received by" in text
    dialog.fill_all_open()
    dialog.submit()
    assert purchasing.get_purchase_order(buyer.db, buyer.admin, po.id).status == PoStatus.RECEIVED
    dialog.close()


def test_qc_approves_one_lot_and_rejects_another_which_goes_back(qtbot, make_ctx, buyer, monkeypatch):
    po = buyer.order((buyer.steel, 20, "2.5"))
    line = po.lines[0]
    for lot in ("S-1", "S-2"):
        purchasing.receive_against_order(buyer.db, buyer.plant.supply, po.id,
                                         [purchasing.ReceiptInput(line.id, D(10), lot, f"C-{lot}")])
    qc_view = _view(qtbot, make_ctx("qc"))
    assert "return" not in qc_view.qc.buttons
    assert [r.lot_number for r in qc_view.qc.model.rows] == ["S-1", "S-2"]
    assert qc_view.qc.model.rows[0].order_number == po.number
    qc_view.qc.table.selectRow(0)
    qc_view.qc.buttons["approve"].click()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("cracks", True)))
    qc_view.qc.table.selectRow(0)
    qc_view.qc.buttons["reject"].click()
    assert qc_view.qc.model.rowCount() == 0
    clerk = _view(qtbot, make_ctx("supply"))
    clerk.qc.quality.setCurrentIndex(clerk.qc.quality.findData("REJECTED"))
    assert [r.lot_number for r in clerk.qc.model.rows] == ["S-2"]
    clerk.qc.table.selectRow(0)
    clerk.qc.buttons["return"].click()
    assert "RTN-" in clerk.qc.result.text()
    order = purchasing.get_purchase_order(buyer.db, buyer.admin, po.id)
    assert (order.status, order.lines[0].received_qty) == (PoStatus.PARTLY_RECEIVED, D("10.000"))


def test_a_viewer_reads_orders_and_reports_but_gets_no_write_buttons(qtbot, make_ctx, buyer, tmp_path):
    buyer.order((buyer.steel, 20, "2.5"))
    view = _view(qtbot, make_ctx("viewer"))
    assert set(view.orders.buttons) == {"open", "print"}
    assert view.qc.buttons == {}
    written = view.reports.smoke(tmp_path)
    assert len(written) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in written)



def test_a_scanned_order_label_opens_the_order_in_purchasing(qtbot, make_ctx, buyer):
    from erp_desktop.services.labels.scan import resolve_code
    from erp_desktop.ui.main_window import MainWindow

    po = buyer.order((buyer.steel, 20, "2.5"))
    ctx = make_ctx("supply")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_scanned(resolve_code(ctx.db, ctx.actor, label_payload(CodeKind.PURCHASE_ORDER, po.id)))
    view = window.view("purchasing")
    assert window.stack.currentWidget() is view
    assert view.orders.selected().number == po.number


def test_supplier_terms_and_tolerances(qtbot, make_ctx, buyer, qtmodeltester):
    admin = _view(qtbot, make_ctx("admin"))
    terms = admin.terms
    assert [(r.sku, r.lead_time_days) for r in terms.model.rows] == [(buyer.steel.sku, 10)]
    qtmodeltester.check(terms.model)
    terms.table.selectRow(0)
    terms.lead.setValue(12)
    terms.save_terms()
    assert terms.model.rows[0].lead_time_days == 12
    terms.plant_pct.setText("3")
    terms.save_plant()
    terms.plant_pct.setText("300")
    terms.save_plant()
    assert "at most 100" in terms.error.text()
    assert purchasing.get_plant_tolerance(buyer.db, buyer.admin) == D("3.000")
    clerk = _view(qtbot, make_ctx("supply"))
    assert not clerk.terms.plant_pct.isEnabled() and clerk.terms.lead.isEnabled()
