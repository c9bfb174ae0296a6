"""Labels and scanning where the clerk works: print from the Lots view, right after a receipt, from Parts and
master data; scanned label codes (US and Russian layout) in the stock dialogs, the fact form and the main
window."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from erp_desktop.domain.codes import label_payload
from erp_desktop.printing.labels import format_by_key, lot_label, product_label
from erp_desktop.ui.labels.print_dialog import LabelPrintDialog
from erp_desktop.ui.labels.scan import ScanDetector
from erp_desktop.ui.main_window import MainWindow
from erp_desktop.ui.production.journal.fact_form import FactForm
from erp_desktop.ui.stock.common import Catalog
from erp_desktop.ui.stock.issue_dialog import IssueDialog
from erp_desktop.ui.stock.lot_dialogs import AdjustDialog
from erp_desktop.ui.stock.lots import LotsView
from erp_desktop.ui.stock.master_data import MasterDataView
from erp_desktop.ui.stock.receive_dialog import ReceiveDialog
from erp_desktop.ui.stock.transfer_dialog import TransferDialog
from tests.services.stock.stock_fixtures import make_shop
from tests.ui.labels.labels_data import LOT, STEEL
from tests.ui.production.production_setup import make_production

D = Decimal
RUSSIAN_KEYS = str.maketrans("LPTWD", "ДЗЕЦВ")  # what the same keys type with the Russian layout active


@pytest.fixture
def shop(ui_plant):
    return make_shop(ui_plant)


def _scan(qtbot, widget, code: str) -> None:
    """Keys as a keyboard-wedge scanner sends them (QTest cannot type Cyrillic), then Enter."""
    for char in code:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, ord(char.upper()), Qt.KeyboardModifier.NoModifier, char))
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _dialog(qtbot, cls, ctx):
    dialog = cls(ctx, Catalog(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture(params=["sqlite", "postgresql"])
def both_db(request):
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


def test_russian_layout_lot_scan_in_the_issue_dialog_selects_the_lot_on_both_back_ends(qtbot, both_db, qapp):
    from erp_desktop.config import Settings
    from erp_desktop.ui.context import ChangeHub, UiContext
    from erp_desktop.ui.runner import InlineRunner
    from tests.factories import make_plant

    plant = make_plant(both_db)
    shop = make_shop(plant)
    shop.lot(5, "1", warehouse=shop.main)
    lot_id = shop.lot(8, "2", warehouse=shop.shop1)
    ctx = UiContext(db=both_db, actor=plant.supply, runner=InlineRunner(), settings=Settings(),
                    organization="Plant A", changes=ChangeHub())
    dialog = _dialog(qtbot, IssueDialog, ctx)
    _scan(qtbot, dialog.product.edit, label_payload("lot", lot_id).translate(RUSSIAN_KEYS))
    assert dialog.product.product.id == shop.steel.id
    assert dialog.warehouse.currentData() == shop.shop1.id  # the lot's warehouse, not the first one
    assert dialog.product.error.text() == ""
    assert dialog.document is None  # the scanner's Enter never submits


def test_us_layout_lot_label_in_the_adjust_dialog_picks_that_lot(qtbot, make_ctx, shop):
    lot_id = shop.lot(7, "1")
    dialog = _dialog(qtbot, AdjustDialog, make_ctx("supply"))
    _scan(qtbot, dialog.lot.edit, label_payload("lot", lot_id))
    assert dialog.lot.lot.id == lot_id


def test_lot_label_in_the_transfer_dialog_chooses_that_lot_instead_of_fifo(qtbot, make_ctx, shop):
    shop.lot(5, "1")
    newer = shop.lot(5, "1")
    dialog = _dialog(qtbot, TransferDialog, make_ctx("supply"))
    _scan(qtbot, dialog.product.edit, label_payload("lot", newer).lower().translate(RUSSIAN_KEYS))
    assert dialog.lot.currentData() == newer


def test_product_label_in_the_receive_dialog_then_print_labels_for_the_new_lot(qtbot, make_ctx, shop):
    dialog = _dialog(qtbot, ReceiveDialog, make_ctx("supply"))
    _scan(qtbot, dialog.product.edit, label_payload("product", shop.bolt.id).translate(RUSSIAN_KEYS))
    assert dialog.product.product.id == shop.bolt.id
    assert not dialog.labels_button.isVisible()
    dialog.qty.edit.setText("40")
    dialog.unit_cost.setText("0.5")
    dialog.lot_number.setText("B-77")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.document is not None and dialog.labels_button.isVisible()
    qtbot.mouseClick(dialog.labels_button, Qt.MouseButton.LeftButton)
    labels = dialog.label_dialog.labels
    assert [label.payload for label in labels] == [label_payload("lot", dialog.document.movements[0].lot_id)]
    assert dict(labels[0].lines)["Lot"] == "B-77" and dict(labels[0].lines)["Quantity"] == "40.000 pcs"


def test_traveller_scanned_into_the_fact_form_selects_the_part(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    form = FactForm(make_ctx("master"))
    qtbot.addWidget(form)
    form.show()
    _scan(qtbot, form.part, label_payload("part", setup.p200.id).translate(RUSSIAN_KEYS))
    assert form.part.text() == "P-200" and form.stage.currentText() == "Fitting"
    form.part.clear()
    _scan(qtbot, form.part, label_payload("lot", 1))
    assert "not a part traveller" in form.errors["part"].text()


def test_lots_view_prints_labels_for_the_selected_lots_and_saves_a_58x40_pdf(qtbot, make_ctx, shop, tmp_path,
                                                                            monkeypatch):
    first, second = shop.lot(5, "1"), shop.lot(6, "1")
    shop.lot(7, "1")
    view = LotsView(make_ctx("viewer"), Catalog(make_ctx("viewer")))
    qtbot.addWidget(view)
    rows = {lot.id: position for position, lot in enumerate(view.model.rows)}
    selection = view.table.selectionModel()
    for lot_id in (first, second):
        view.table.selectRow(rows[lot_id]) if lot_id == first else selection.select(
            view.model.index(rows[lot_id], 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    dialog = view.print_labels()
    qtbot.addWidget(dialog)
    assert sorted(label.payload for label in dialog.labels) == sorted(label_payload("lot", i) for i in (first, second))
    assert dict(dialog.labels[0].lines)["Grade, size"] == "40X d40"
    assert not dialog.preview.pixmap().isNull()
    dialog.format.setCurrentIndex(dialog.format.findData("roll-58x40"))
    path = tmp_path / "lots.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    assert dialog.save_pdf() == path
    assert path.read_bytes().startswith(b"%PDF") and path.read_bytes().count(b"/MediaBox [0 0 164") == 2


def test_label_stock_is_remembered_per_printer(qtbot, qapp):
    first = LabelPrintDialog([product_label(STEEL)] * 30, "Labels")
    qtbot.addWidget(first)
    first.format.setCurrentIndex(first.format.findData("a4-3x8"))
    assert first.page.maximum() == 2 and first.page.isEnabled()
    again = LabelPrintDialog([product_label(STEEL)], "Labels")
    qtbot.addWidget(again)
    assert again.printer.currentData() == first.printer.currentData()
    assert again.label_format == format_by_key("a4-3x8")


def test_preview_dialog_paints_the_label_pages(qtbot, qapp):
    dialog = LabelPrintDialog([lot_label(LOT, STEEL)] * 2, "Labels")
    qtbot.addWidget(dialog)
    preview = dialog.preview_dialog()
    painted = []
    preview.paintRequested.connect(lambda printer: painted.append(printer.pageLayout().fullRect().size()))
    preview.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=3000)
    preview.close()


def test_master_data_prints_product_and_shelf_labels(qtbot, make_ctx, shop):
    ctx = make_ctx("viewer")
    view = MasterDataView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    view.products.table.selectRow(0)
    dialog = view.products.print_labels()
    qtbot.addWidget(dialog)
    assert dialog.labels[0].payload.startswith("P")
    view.warehouses.table.selectAll()
    dialog = view.warehouses.print_labels()
    qtbot.addWidget(dialog)
    assert sorted(label.title for label in dialog.labels) == ["MAIN", "QA", "SHOP1"]


def _window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def test_a_scan_anywhere_in_the_main_window_opens_the_lot(qtbot, make_ctx, shop):
    shop.lot(5, "1")
    lot_id = shop.lot(6, "1", warehouse=shop.shop1)
    window = _window(qtbot, make_ctx("supply"))
    window.show_area("tasks")
    window.nav.setFocus()
    _scan(qtbot, window.nav, label_payload("lot", lot_id).translate(RUSSIAN_KEYS))
    stock_view = window.stack.currentWidget()
    assert stock_view.objectName() == "stockView" and stock_view.tabs.currentWidget() is stock_view.lots
    assert stock_view.lots.selected().id == lot_id
    assert stock_view.lots.warehouse.currentData() == shop.shop1.id


def test_typing_slowly_is_not_a_scan(qtbot, make_ctx, shop):
    lot_id = shop.lot(5, "1")
    window = _window(qtbot, make_ctx("supply"))
    window.show_area("tasks")
    ticks = iter(range(0, 10_000, 200))  # a key every 200 ms: a person
    QApplication.instance().removeEventFilter(window.scan_detector)
    slow = ScanDetector(window, clock=lambda: next(ticks) / 1000)
    QApplication.instance().installEventFilter(slow)
    window.scan_detector = slow
    opened = []
    slow.scanned.connect(opened.append)
    window.nav.setFocus()
    _scan(qtbot, window.nav, label_payload("lot", lot_id))
    assert opened == [] and window.area_keys()[window.nav.currentRow()] == "tasks"


def test_find_by_code_opens_a_part_from_its_code(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    window = _window(qtbot, make_ctx("master"))
    dialog = window.find_code()
    _scan(qtbot, dialog.code, "p-300")  # a done part: shown whatever the status filter said
    parts_view = window.stack.currentWidget()
    assert parts_view.objectName() == "partsView"
    qtbot.waitUntil(lambda: parts_view.selected_part() is not None and parts_view.selected_part().id == setup.p300.id,
                    timeout=3000)
    traveller = parts_view.print_traveller()
    qtbot.addWidget(traveller)
    assert traveller.labels[0].payload == label_payload("part", setup.p300.id)
