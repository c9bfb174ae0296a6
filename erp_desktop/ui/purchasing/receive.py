"""Receive against a purchase order: scan its label or type its number, see its open lines, enter what came
(part or all of a line, with the lot number and certificate), save; then print the receipt note."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.stock import exact_qty
from erp_desktop.errors import ErpError, ValidationError
from erp_desktop.printing import purchasing_reports
from erp_desktop.services import purchasing as purchasing_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.print_preview import show_print_preview
from erp_desktop.ui.purchasing.common import po_status_text
from erp_desktop.ui.stock.common import fmt_cost

# columns: fixed ones first, then what the clerk enters
FIXED = 7  # no., SKU, product, ordered, received, receivable, price
QTY, LOT, CERT = 7, 8, 9


class ReceiveAgainstPoDialog(QDialog):
    completed = Signal(object)  # the ReceiptNoteDTO

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("receiveAgainstPo")
        self.setWindowTitle(self.tr("Receive against a purchase order"))
        self.setMinimumSize(900, 420)
        self.ctx = ctx
        self.order = None
        self.note = None
        self.code = QLineEdit()
        self.code.setObjectName("poCode")
        self.code.setPlaceholderText(self.tr("Scan the order's label or type its number (PO-000123)"))
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.setObjectName("poFind")
        self.find_button.setAutoDefault(False)
        self.header = QLabel()
        self.header.setObjectName("poHeader")
        self.table = QTableWidget(0, FIXED + 3)
        self.table.setObjectName("openLines")
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("SKU"), self.tr("Product"), self.tr("Ordered"), self.tr("Received"),
            self.tr("Can receive"), self.tr("Unit price"), self.tr("Receive now"), self.tr("Lot number"),
            self.tr("Certificate / heat no.")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.all_button = QPushButton(self.tr("Fill in everything open"))
        self.all_button.setObjectName("receiveAllOpen")
        self.all_button.setAutoDefault(False)
        self.all_button.clicked.connect(self.fill_all_open)
        self.error = ErrorLabel()
        self.error.setObjectName("receiveError")
        self.result = QLabel()
        self.result.setObjectName("receiveResult")
        self.result.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        self.buttons = QDialogButtonBox()
        self.receive_button = self.buttons.addButton(self.tr("Receive"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.receive_button.setObjectName("receiveSubmit")
        self.receive_button.setAutoDefault(False)  # a scanner's Enter never submits
        self.note_button = self.buttons.addButton(self.tr("Receipt note..."), QDialogButtonBox.ButtonRole.ActionRole)
        self.note_button.setObjectName("receiptNote")
        self.note_button.setAutoDefault(False)
        self.note_button.hide()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.receive_button.clicked.connect(self.submit)
        self.note_button.clicked.connect(lambda: self.print_note())
        self.find_button.clicked.connect(self.find)
        self.code.returnPressed.connect(self.find)
        top = QHBoxLayout()
        top.addWidget(self.code, 1)
        top.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        self.receive_button.setEnabled(False)
        self.code.setFocus()

    # --- the order
    def find(self, code: str | None = None) -> None:
        self.error.clear_message()
        code = self.code.text() if code is None else code
        self.code.setText(code)
        self.ctx.call(purchasing_service.order_for_receiving, code, owner=self, on_success=self.show_order,
                      on_error=self._failed)

    def show_order(self, order) -> None:
        self.order, self.note = order, None
        self.result.clear()
        self.note_button.hide()
        self.header.setText(self.tr("{number} from {supplier}, {status}; goods go to {warehouse}").format(
            number=order.number, supplier=order.supplier_name, status=po_status_text(order.status),
            warehouse=order.warehouse_name))
        lines = [line for line in order.lines if line.receivable > 0]
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            values = [str(line.position), line.sku, line.product_name, fmt_qty(line.qty), fmt_qty(line.received_qty),
                      fmt_qty(line.receivable), fmt_cost(line.unit_price)]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, line)
                self.table.setItem(row, column, item)
            for column in (QTY, LOT, CERT):
                self.table.setItem(row, column, QTableWidgetItem(""))
        self.table.setUpdatesEnabled(True)
        self.receive_button.setEnabled(bool(lines))
        if not lines:
            self.error.show_message(self.tr("Nothing is open on {0}.").format(order.number))

    def line_at(self, row: int):
        return self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)

    def fill_all_open(self) -> None:
        for row in range(self.table.rowCount()):
            line = self.line_at(row)
            self.table.item(row, QTY).setText(str(line.open_qty if line.open_qty > 0 else line.receivable))

    def set_row(self, row: int, qty: str, lot: str = "", certificate: str = "") -> None:
        for column, text in ((QTY, qty), (LOT, lot), (CERT, certificate)):
            self.table.item(row, column).setText(text)

    def read_receipts(self) -> list:
        receipts = []
        for row in range(self.table.rowCount()):
            text = self.table.item(row, QTY).text().strip()
            if not text:
                continue
            line = self.line_at(row)
            qty = exact_qty(text, field="receipts", label=self.tr("quantity of line {0}").format(line.position))
            receipts.append(purchasing_service.ReceiptInput(line.id, qty, self.table.item(row, LOT).text(),
                                                            self.table.item(row, CERT).text()))
        if not receipts:
            raise ValidationError(self.tr("Enter the quantity received on at least one line."), field="receipts")
        return receipts

    def submit(self) -> None:
        if self.order is None:
            return
        self.error.clear_message()
        try:
            receipts = self.read_receipts()
        except ValidationError as error:
            self.error.show_message(error_text(error))
            return
        self.receive_button.setEnabled(False)
        self.ctx.call(purchasing_service.receive_against_order, self.order.id, receipts, write=True, owner=self,
                      on_success=self._received, on_error=self._failed)

    def _received(self, note) -> None:
        self.note = note
        self.result.setText(self.tr("Received as document {number}: {count} lot(s), pending quality control.").format(
            number=note.document.number, count=len(note.lots)))
        self.note_button.show()
        self.completed.emit(note)
        self.ctx.call(purchasing_service.order_for_receiving, self.order.number, owner=self,
                      on_success=self._reloaded, on_error=lambda _e: self.table.setRowCount(0))

    def _reloaded(self, order) -> None:
        note = self.note
        self.show_order(order)
        self.note = note
        self.note_button.show()
        self.result.setText(self.tr("Received as document {number}: {count} lot(s), pending quality control.").format(
            number=note.document.number, count=len(note.lots)))

    def _failed(self, error: Exception) -> None:
        self.receive_button.setEnabled(self.order is not None)
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def print_note(self, ready=None):
        if self.note is None:
            return None
        report = purchasing_reports.receipt_note(self.note, organization=self.ctx.organization,
                                                 printed_by=self.ctx.actor.full_name)
        (ready or (lambda r: show_print_preview(self, r)))(report)
        return report


