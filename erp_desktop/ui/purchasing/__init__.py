"""The Purchasing area: purchase orders, what to buy, receiving against them, the QC queue and the purchasing
reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from erp_desktop.domain.roles import Op
from erp_desktop.ui.purchasing.orders import OrdersView
from erp_desktop.ui.purchasing.qc import QcQueueView
from erp_desktop.ui.purchasing.receive import ReceiveAgainstPoDialog
from erp_desktop.ui.purchasing.reports import PurchasingReportsView
from erp_desktop.ui.purchasing.terms import TermsView
from erp_desktop.ui.purchasing.what_to_buy import WhatToBuyView
from erp_desktop.ui.stock.common import Catalog


class PurchasingView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("purchasingView")
        self.ctx = ctx
        self.catalog = Catalog(ctx, self)
        self.orders = OrdersView(ctx, self.catalog)
        self.qc = QcQueueView(ctx)
        self.reports = PurchasingReportsView(ctx)
        self.terms = TermsView(ctx, self.catalog)
        self.what_to_buy = WhatToBuyView(ctx, self.catalog)
        self.what_to_buy.orders_created.connect(lambda _orders: self.orders.refresh())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("purchasingTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.orders, self.tr("Purchase orders"))
        self.tabs.addTab(self.what_to_buy, self.tr("What to buy"))
        self.tabs.addTab(self.qc, self.tr("QC queue"))
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self.tabs.addTab(self.terms, self.tr("Supplier terms && tolerances"))
        self.orders.receive_requested.connect(lambda row: self.open_receive(row.number))
        if ctx.actor.can(Op.RECEIVE_STOCK):
            action = QAction(self.tr("Receive against an order..."), self)
            action.setObjectName("receiveAgainstPoAction")
            action.setShortcut(QKeySequence("F2"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda: self.open_receive())
            self.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs, 1)

    def open_receive(self, code: str | None = None, *, modal: bool = True) -> ReceiveAgainstPoDialog:
        dialog = ReceiveAgainstPoDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(lambda _note: (self.orders.refresh(), self.qc.refresh()))
        if modal:
            dialog.open()
        else:
            dialog.show()
        if code:
            dialog.find(code)
        return dialog

    def show_order(self, order_id: int) -> None:
        """A scanned order label: the order selected in the list and opened."""
        self.tabs.setCurrentWidget(self.orders)
        self.orders.status.setCurrentIndex(0)  # all orders (refreshes the list)
        self.orders.select_order(order_id)
        if self.orders.selected() is not None and self.orders.selected().id == order_id:
            self.orders.edit_selected()

    # --- headless check
    def smoke(self) -> None:
        """Visit every tab, open an order and the receive dialog, build every purchasing report as a PDF."""
        for index in range(self.tabs.count()):
            self.tabs.setCurrentIndex(index)
            QApplication.processEvents()
        if self.orders.model.rowCount() == 0:
            raise AssertionError("no purchase order listed")
        if self.terms.model.rowCount() == 0:
            raise AssertionError("no supplier terms listed")
        if self.what_to_buy.model.rowCount() == 0:
            raise AssertionError("the what-to-buy list is empty")
        self.what_to_buy.table.selectRow(0)
        if self.what_to_buy.parts_model.rowCount() + self.what_to_buy.orders_model.rowCount() == 0 \
                and self.what_to_buy.model.row_at(0).short_min_level == 0:
            raise AssertionError("no pegging shown for the first product to buy")
        if self.what_to_buy.build_report() is None:
            raise AssertionError("the what-to-buy report was not built")
        self.orders.table.selectRow(0)
        editor = self.orders.edit_selected()
        QApplication.processEvents()
        editor.close()
        if self.ctx.actor.can(Op.RECEIVE_STOCK):
            open_row = next((r for r in self.orders.model.rows if r.status.value in ("sent", "partly_received")), None)
            if open_row is not None:
                dialog = self.open_receive(open_row.number, modal=False)
                QApplication.processEvents()
                if dialog.table.rowCount() == 0:
                    raise AssertionError(f"no open line shown for {open_row.number}")
                dialog.close()
        with tempfile.TemporaryDirectory(prefix="erp-purchasing-smoke-") as folder:
            written = self.reports.smoke(Path(folder))
            if len(written) != 2:
                raise AssertionError(f"purchasing reports not written: {self.reports.error.text()}")
            pdfs = []
            self.orders.print_selected(ready=lambda report: pdfs.append(report))
            if not pdfs:
                raise AssertionError("the purchase order PDF was not built")
        self.tabs.setCurrentWidget(self.orders)


def create_view(ctx, parent=None):
    return PurchasingView(ctx, parent)
