"""Which lots an issue (or a FIFO transfer or a reservation) would take, at what cost: asked of the
service's preview_issue as the clerk types, debounced, and shown before anything is confirmed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from erp_desktop.errors import ErpError
from erp_desktop.services import stock as stock_service
from erp_desktop.services.stock.dto import SliceDTO
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_date, fmt_qty
from erp_desktop.ui.stock.common import MUTED, fmt_cost, fmt_value, qty_with_unit
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import setup_table


class FifoPreview(QWidget):
    """``set_inputs(product_id, warehouse_id, qty)`` on every change; ``updated`` carries the
    IssuePreview matching the current inputs (None while it is being fetched or inputs are incomplete)."""

    updated = Signal(object)
    DELAY_MS = 250

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fifoPreview")
        self._ctx = ctx
        self._inputs: tuple | None = None
        self.preview = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DELAY_MS)
        self.timer.timeout.connect(self._request)
        self.model = RowsTableModel([
            Column(self.tr("Lot"), lambda s: s.lot_number),
            Column(self.tr("Received"), lambda s: s.received_at.date() if s.received_at else None,
                   text=lambda d: fmt_date(d) if d else ""),
            Column(self.tr("Quantity"), lambda s: s.qty, text=fmt_qty, align_right=True),
            Column(self.tr("Unit cost"), lambda s: s.unit_cost, text=fmt_cost, align_right=True),
            Column(self.tr("Value"), lambda s: s.value, text=fmt_value, align_right=True),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.setMinimumHeight(24 * 4)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.title_text = self.tr("<b>Lots that will be taken (oldest first)</b>")
        self.taken_title_text = self.tr("<b>Lots taken by {number} (oldest first)</b>")
        self.title = QLabel(self.title_text)
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {MUTED};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        self._show_hint()

    def set_inputs(self, product_id: int | None, warehouse_id: int | None, qty: Decimal | None) -> None:
        key = (product_id, warehouse_id, qty)
        if key == self._inputs:
            return
        self._inputs = key
        self.preview = None
        self.updated.emit(None)
        if None in key:
            self.timer.stop()
            self.model.set_rows([])
            self._show_hint()
            return
        self.summary.setText(self.tr("Checking the lots\u2026"))
        self.timer.start()

    def refresh(self) -> None:
        """Ask again now (stock may have moved: after a refusal, or on a live change)."""
        if self._inputs is not None and None not in self._inputs:
            self.timer.stop()
            self._request()

    def flush(self) -> None:
        """A pending (debounced) request goes out at once."""
        if self.timer.isActive():
            self.timer.stop()
            self._request()

    def show_taken(self, number: str, taken) -> None:
        """After the operation: the lots its document really took, ``taken`` as (movement, quantity) pairs in
        FIFO order. Stock may have moved between the preview and the confirmation, so the preview's rows are
        not repeated as if they were the result."""
        self.timer.stop()
        received = {piece.lot_id: piece.received_at for piece in self.preview.slices} if self.preview else {}
        self.model.set_rows([SliceDTO(m.lot_id, m.lot_number, received.get(m.lot_id), qty, m.unit_cost,
                                      qty * m.unit_cost) for m, qty in taken])
        self.title.setText(self.taken_title_text.format(number=number))
        self.summary.setText("")

    def _show_hint(self) -> None:
        self.summary.setText(self.tr("Choose the product and the warehouse and enter the quantity to see "
                                     "which lots will be taken and at what cost."))

    def _request(self) -> None:
        key = self._inputs
        product_id, warehouse_id, qty = key
        self._ctx.call(stock_service.preview_issue, product_id=product_id, warehouse_id=warehouse_id, qty=qty,
                       on_success=lambda preview: self._arrived(key, preview),
                       on_error=lambda error: self._failed(key, error), owner=self)

    def _arrived(self, key, preview) -> None:
        if key != self._inputs:
            return  # the clerk typed on meanwhile
        self.preview = preview
        self.model.set_rows(list(preview.slices))
        unit = preview.unit
        self.title.setText(self.title_text if preview.enough else
                           self.tr("<b>Not enough stock: these lots are all that is available</b>"))
        if preview.enough:
            lots = len(preview.slices)
            average = (preview.total_value / preview.total_qty).quantize(Decimal("0.0001"))
            self.summary.setText(self.tr("{count} lot(s), {qty} in total, value {value} (average {avg} per {unit}). "
                                         "Available now: {available}.").format(
                count=lots, qty=qty_with_unit(preview.total_qty, unit), value=fmt_value(preview.total_value),
                avg=fmt_cost(average), unit=unit.value, available=qty_with_unit(preview.available, unit)))
        else:
            self.summary.setText(self.tr("Not enough: {available} available, {short} short.").format(
                available=qty_with_unit(preview.available, unit), short=qty_with_unit(preview.shortfall, unit)))
        self.updated.emit(preview)

    def _failed(self, key, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        if key == self._inputs:
            self.model.set_rows([])
            self.summary.setText(error_text(error))
