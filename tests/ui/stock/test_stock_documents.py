"""A stock document's paper form is printable from the operation dialog's result and from the journal."""

from __future__ import annotations

from decimal import Decimal

from erp_desktop.ui.report_actions import build_report_now
from erp_desktop.ui.stock.common import Catalog
from erp_desktop.ui.stock.document_print import document_builder, document_request
from erp_desktop.ui.stock.journal import JournalView
from erp_desktop.ui.stock.receive_dialog import ReceiveDialog
from erp_desktop.ui.table_model import ROW_ROLE
from tests.services.stock.stock_fixtures import make_shop

D = Decimal


def _report_of(ctx, owner, chosen):
    return build_report_now(ctx, owner, document_request(chosen), document_builder(ctx))


def test_receive_dialog_offers_its_receipt_note_once_saved(qtbot, make_ctx, ui_plant):
    shop = make_shop(ui_plant)
    ctx = make_ctx("supply")
    dialog = ReceiveDialog(ctx, Catalog(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.print_button is None
    dialog.product.set_product_id(shop.steel.id)
    dialog.qty.edit.setText("7.5")
    dialog.unit_cost.setText("4.0000")
    dialog.lot_number.setText("LOT-PRINT")
    dialog.submit()
    assert dialog.document is not None, dialog.error.text()
    assert dialog.print_button is not None and dialog.print_button.isVisible()
    assert [a.text() for a in dialog.print_button.menu().actions()] == ["Print preview...", "Print...",
                                                                        "Save as PDF..."]
    text = _report_of(ctx, dialog, lambda: (dialog.document.id, dialog.document.number)).document().toPlainText()
    assert f"Goods receipt note No. {dialog.document.number}" in text and "LOT-PRINT" in text and "30.00" in text


def test_journal_prints_the_selected_rows_document(qtbot, make_ctx, ui_plant):
    shop = make_shop(ui_plant)
    shop.lot("20", "2.0000", days=1, lot_number="J-1")
    lot = shop.lot("5", "1.0000", days=2, lot_number="J-2")
    from erp_desktop.services import stock

    stock.adjust_lot(shop.db, shop.admin, lot_id=lot, counted_qty=D("4"), reason="count")
    ctx = make_ctx("viewer")
    view = JournalView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    assert not view.print_document.isEnabled()  # nothing selected
    kinds = [view.model.index(r, 0).data(ROW_ROLE).kind.value for r in range(view.model.rowCount())]
    view.table.selectRow(kinds.index("adjustment"))
    assert view.chosen_document() is None and not view.print_document.isEnabled()
    view.preview_document()
    assert "receipt, an issue or a transfer" in view.status.text()
    row = next(r for r in range(view.model.rowCount())
               if view.model.index(r, 0).data(ROW_ROLE).lot_number == "J-1")
    view.table.selectRow(row)
    movement = view.model.index(row, 0).data(ROW_ROLE)
    assert view.chosen_document() == (movement.document_id, movement.document_number)
    assert view.print_document.isEnabled()
    assert any(a.objectName() == "printDocumentAction" for a in view.table.actions())
    text = _report_of(ctx, view, view.chosen_document).document().toPlainText()
    assert movement.document_number in text and "J-1" in text and "40.00" in text
