"""What to buy: the products short, grouped by supplier, with tick boxes; the selected product's pegging (the parts
and the minimum level causing the shortage, the orders covering part of it); draft orders from the ticked lines in
one step; preview, PDF and export of the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from erp_desktop.domain.roles import Op
from erp_desktop.errors import ErpError
from erp_desktop.printing import purchasing_reports
from erp_desktop.services import purchasing as purchasing_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_date
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.purchasing.common import table_view
from erp_desktop.ui.stock.common import WarehouseCombo, qty_with_unit
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import Column, RowsTableModel


class TickTableModel(RowsTableModel):
    """Rows with a tick box in the first column (ticked rows: ``ticked()``)."""

    def __init__(self, columns, tickable, parent=None):
        super().__init__(columns, parent)
        self._tickable = tickable
        self._ticked: set[int] = set()

    def set_rows(self, rows) -> None:
        keep = {row.product_id for row in self.ticked()}
        super().set_rows(rows)
        self._ticked = {i for i, row in enumerate(self.rows) if row.product_id in keep and self._tickable(row)}

    def ticked(self) -> list:
        return [self.rows[i] for i in sorted(self._ticked) if i < len(self.rows)]

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if index.column() == 0 and self._tickable(self.row_at(index.row())):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and index.isValid():
            if not self._tickable(self.row_at(index.row())):
                return None
            return Qt.CheckState.Checked if index.row() in self._ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        self.set_ticked(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def set_ticked(self, position: int, ticked: bool) -> None:
        if ticked and self._tickable(self.row_at(position)):
            self._ticked.add(position)
        else:
            self._ticked.discard(position)
        self.dataChanged.emit(self.index(position, 0), self.index(position, 0), [Qt.ItemDataRole.CheckStateRole])


class WhatToBuyView(QWidget):
    orders_created = Signal(list)

    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("whatToBuy")
        self.ctx = ctx
        self.result = None
        no_supplier = self.tr("(no supplier)")
        self.model = TickTableModel([
            Column(self.tr("Supplier"), lambda r: r.supplier_name or no_supplier),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: r.name),
            Column(self.tr("Parts need"), lambda r: r, lambda r: qty_with_unit(r.parts_demand, r.unit), align_right=True),
            Column(self.tr("Min. level"), lambda r: r, lambda r: qty_with_unit(r.min_level, r.unit), align_right=True),
            Column(self.tr("Available"), lambda r: r, lambda r: qty_with_unit(r.available, r.unit), align_right=True),
            Column(self.tr("Pending QC"), lambda r: r, lambda r: qty_with_unit(r.pending_qc, r.unit), align_right=True),
            Column(self.tr("On order"), lambda r: r, lambda r: qty_with_unit(r.on_order, r.unit), align_right=True),
            Column(self.tr("Short"), lambda r: r, lambda r: qty_with_unit(r.short, r.unit), align_right=True,
                   color=lambda _r: "#b00020"),
            Column(self.tr("Suggested order"), lambda r: r, lambda r: qty_with_unit(r.suggested_qty, r.unit),
                   align_right=True),
            Column(self.tr("Order by"), lambda r: r.order_by, fmt_date, color=lambda r: "#b00020" if r.late else None),
        ], lambda row: row is not None and row.supplier_id is not None, self)
        self.table = table_view("whatToBuyTable", self.model)
        self.actions = install_table_actions(self.table, title=self.tr("What to buy"), report_builder=self.build_report)
        self.parts_model = RowsTableModel([
            Column(self.tr("Part"), lambda p: p.code),
            Column(self.tr("Deadline"), lambda p: p.deadline, fmt_date),
            Column(self.tr("Order by"), lambda p: p.need_date, fmt_date),
            Column(self.tr("Need"), lambda p: p.qty, str, align_right=True),
            Column(self.tr("Covered"), lambda p: p.covered, str, align_right=True),
            Column(self.tr("Short"), lambda p: p.short, str, align_right=True),
        ], self)
        self.parts = table_view("whatToBuyParts", self.parts_model)
        self.orders_model = RowsTableModel([
            Column(self.tr("Covering order"), lambda o: o.number),
            Column(self.tr("Expected"), lambda o: o.expected_date, fmt_date),
            Column(self.tr("Quantity"), lambda o: o.qty, str, align_right=True),
        ], self)
        self.orders = table_view("whatToBuyOrders", self.orders_model)
        self.min_level = QLabel()
        self.min_level.setObjectName("whatToBuyMinLevel")
        self.warehouse = WarehouseCombo(catalog)
        self.warehouse.setObjectName("whatToBuyWarehouse")
        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setObjectName("whatToBuyStatus")
        self.outcome = QLabel()
        self.outcome.setObjectName("whatToBuyOutcome")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(refresh)
        bar.addStretch(1)
        self.create_button = None
        if ctx.actor.can(Op.EDIT_PURCHASE_ORDERS):
            bar.addWidget(QLabel(self.tr("Deliver to")))
            bar.addWidget(self.warehouse)
            self.create_button = QPushButton(self.tr("Create draft orders"))
            self.create_button.setObjectName("whatToBuyCreate")
            self.create_button.clicked.connect(self.create_orders)
            bar.addWidget(self.create_button)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.min_level)
        pegs = QHBoxLayout()
        pegs.addWidget(self.parts, 2)
        pegs.addWidget(self.orders, 1)
        detail_layout.addLayout(pegs)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.outcome)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self.show_pegging(current.row()))
        ctx.changes.changed.connect(self._on_change)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.call(purchasing_service.what_to_buy, owner=self, on_success=self._loaded, on_error=self._failed)

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic in ("*", "stock", "lots", "parts", purchasing_service.orders.CHANGED):
            self.refresh()

    def _loaded(self, result) -> None:
        self.result = result
        self.model.set_rows(result.rows)
        self.status.setText(self.tr("{0} product(s) to buy.").format(len(result.rows)))
        self.show_pegging(self.table.currentIndex().row())

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def show_pegging(self, position: int) -> None:
        row = self.model.row_at(position)
        if row is None or self.result is None:
            self.parts_model.set_rows([])
            self.orders_model.set_rows([])
            self.min_level.clear()
            return
        parts, orders = self.result.pegging_of(row.product_id)
        self.parts_model.set_rows(parts)
        self.orders_model.set_rows(orders)
        self.min_level.setText(self.tr("{0}: short {1}, of it {2} for the minimum level of {3}.").format(
            row.sku, qty_with_unit(row.short, row.unit), qty_with_unit(row.short_min_level, row.unit),
            qty_with_unit(row.min_level, row.unit)))

    def tick_all(self) -> None:
        for position in range(self.model.rowCount()):
            self.model.set_ticked(position, True)

    def create_orders(self) -> None:
        self.error.clear_message()
        self.outcome.clear()
        ticked = self.model.ticked()
        if not ticked:
            self.error.show_message(self.tr("Tick the lines to order first."))
            return
        lines = [purchasing_service.SuggestionInput(r.product_id, r.supplier_id, r.suggested_qty) for r in ticked]
        self.ctx.call(purchasing_service.create_orders_from_suggestions, warehouse_id=self.warehouse.currentData(),
                      lines=lines, write=True, owner=self, on_success=self._created, on_error=self._failed)

    def _created(self, orders) -> None:
        self.outcome.setText(self.tr("Draft orders created: {0}.").format(", ".join(o.number for o in orders)))
        self.orders_created.emit(orders)
        self.refresh()

    def build_report(self):
        if self.result is None:
            return None
        return purchasing_reports.what_to_buy_report(self.result, organization=self.ctx.organization,
                                                     printed_by=self.ctx.actor.full_name)
