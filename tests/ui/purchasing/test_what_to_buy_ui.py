"""The What to buy tab: the list grouped by supplier with pegging, tick boxes, draft orders in one step, the
printable report and a refusal shown."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from erp_desktop.printing import save_pdf
from erp_desktop.services import stock
from erp_desktop.ui.purchasing import PurchasingView
from tests.services.purchasing.po_fixtures import make_buyer


@pytest.fixture
def buyer(ui_plant):
    return make_buyer(ui_plant)


def test_tick_and_create_draft_orders_then_the_list_empties(qtbot, make_ctx, buyer, tmp_path, qtmodeltester):
    buyer.order((buyer.steel, 5, "2.5"), send=False)  # 5 of the minimum level of 50 on order already
    view = PurchasingView(make_ctx("supply"))
    qtbot.addWidget(view)
    view.show()
    tab = view.what_to_buy
    view.tabs.setCurrentWidget(tab)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 1
    row = tab.model.row_at(0)
    assert (row.sku, row.short, row.on_order, row.suggested_qty) == ("ST-40X-D40", D("45"), D("5"), D("45"))
    tab.table.selectRow(0)
    assert tab.orders_model.rowCount() == 1 and "minimum level" in tab.min_level.text()
    report = tab.build_report()
    assert "What to buy" in report.document().toPlainText() and "Steel Trade LLC" in report.document().toPlainText()
    save_pdf(report, tmp_path / "buy.pdf")
    assert (tmp_path / "buy.pdf").read_bytes().startswith(b"%PDF")

    tab.create_orders()
    assert "Tick the lines" in tab.error.text()
    assert tab.model.setData(tab.model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    tab.create_orders()
    assert "Draft orders created: PO-" in tab.outcome.text(), tab.error.text()
    assert tab.model.rowCount() == 0
    assert sum(1 for r in view.orders.model.rows if r.status.value == "draft") == 2


def test_a_product_without_supplier_cannot_be_ticked_and_a_viewer_gets_no_button(qtbot, make_ctx, buyer):
    stock.create_product(buyer.db, buyer.admin, sku="OIL-1", name="Cutting oil", unit="l", category="consumable",
                         min_level=D("20"))
    view = PurchasingView(make_ctx("viewer"))
    qtbot.addWidget(view)
    tab = view.what_to_buy
    assert tab.create_button is None
    oil = next(i for i, r in enumerate(tab.model.rows) if r.sku == "OIL-1")
    assert not tab.model.flags(tab.model.index(oil, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    tab.model.set_ticked(oil, True)
    assert tab.model.ticked() == []
