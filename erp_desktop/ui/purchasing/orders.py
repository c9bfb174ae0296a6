"""Purchase orders: the list (filter by status), the editor (a draft freely; a sent order with every change
recorded), send, cancel with a reason, close, and the order as a PDF for the supplier."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.purchasing import EDITABLE, PoMove, PoStatus, can_move
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import exact_cost, exact_qty
from erp_desktop.errors import ErpError, ValidationError
from erp_desktop.printing import purchasing_reports
from erp_desktop.services import purchasing as purchasing_service
from erp_desktop.ui.errors import error_text, show_error
from erp_desktop.ui.formatting import date_edit_format, fmt_date, fmt_datetime, fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.print_preview import save_pdf_with_dialog, show_print_preview
from erp_desktop.ui.purchasing.common import STATUS_COLORS, po_status_text, selected_rows, table_view
from erp_desktop.ui.stock.common import WarehouseCombo, fill_combo, fmt_value
from erp_desktop.ui.table_model import Column, RowsTableModel

LINE_COLUMNS = 5  # product, quantity, unit price, expected date, received


class OrdersView(QWidget):
    """The list of purchase orders with the actions the signed-in role may take."""

    receive_requested = Signal(object)  # the PoRowDTO to receive against

    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("purchaseOrders")
        self.ctx = ctx
        self.catalog = catalog
        self.status = QComboBox()
        self.status.setObjectName("poStatusFilter")
        self.status.addItem(self.tr("All orders"), None)
        self.status.addItem(self.tr("Open (sent, partly received)"), "open")
        for status in PoStatus:
            self.status.addItem(po_status_text(status), status.value)
        self.search = QLineEdit()
        self.search.setObjectName("poSearch")
        self.search.setPlaceholderText(self.tr("Order number or supplier"))
        self.model = RowsTableModel([
            Column(self.tr("Order"), lambda r: r.number),
            Column(self.tr("Supplier"), lambda r: r.supplier_name),
            Column(self.tr("Order date"), lambda r: r.order_date, fmt_date),
            Column(self.tr("Status"), lambda r: r.status, po_status_text, color=lambda r: STATUS_COLORS[r.status]),
            Column(self.tr("Lines"), lambda r: r.line_count, align_right=True),
            Column(self.tr("Amount"), lambda r: r.total, fmt_value, align_right=True),
            Column(self.tr("Next expected"), lambda r: r.next_expected, fmt_date),
            Column(self.tr("Late"), lambda r: r.late, lambda late: self.tr("late") if late else "",
                   color=lambda r: "#b00020" if r.late else None),
        ], self)
        self.table = table_view("poTable", self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.error = ErrorLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.status)
        bar.addWidget(self.search, 1)
        self.buttons: dict[str, QPushButton] = {}
        may_edit = ctx.actor.can(Op.EDIT_PURCHASE_ORDERS)
        for key, text, slot, allowed in (
            ("new", self.tr("New order..."), self.new_order, may_edit),
            ("open", self.tr("Open..."), self.edit_selected, True),
            ("send", self.tr("Send"), lambda: self.move(PoMove.SEND), may_edit),
            ("cancel", self.tr("Cancel order..."), lambda: self.move(PoMove.CANCEL), may_edit),
            ("close", self.tr("Close order"), lambda: self.move(PoMove.CLOSE), may_edit),
            ("receive", self.tr("Receive..."), self._receive, ctx.actor.can(Op.RECEIVE_STOCK)),
            ("print", self.tr("Order PDF..."), self.print_selected, True),
        ):
            if not allowed:
                continue
            button = QPushButton(text)
            button.setObjectName(f"po_{key}")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.returnPressed.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        ctx.changes.changed.connect(self._on_change)
        self._enable()
        self.refresh()

    def refresh(self) -> None:
        choice = self.status.currentData()
        kwargs = {"open_only": True} if choice == "open" else {"status": choice}
        self.ctx.call(purchasing_service.list_purchase_orders, search=self.search.text(), owner=self,
                      on_success=self._loaded, on_error=self._failed, **kwargs)

    def _loaded(self, rows) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            self.select_order(selected.id)
        self._enable()

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic in ("*", purchasing_service.orders.CHANGED, "suppliers"):
            self.refresh()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def selected(self):
        rows = selected_rows(self.table)
        return rows[0] if rows else None

    def select_order(self, order_id: int) -> None:
        for position, row in enumerate(self.model.rows):
            if row.id == order_id:
                self.table.selectRow(position)
                return

    def _enable(self) -> None:
        row = self.selected()
        status = row.status if row else None
        rules = {"open": row is not None, "print": row is not None,
                 "send": status is not None and can_move(PoMove.SEND, status),
                 "cancel": status is not None and can_move(PoMove.CANCEL, status),
                 "close": status is not None and can_move(PoMove.CLOSE, status),
                 "receive": status in (PoStatus.SENT, PoStatus.PARTLY_RECEIVED, PoStatus.RECEIVED)}
        for key, button in self.buttons.items():
            button.setEnabled(rules.get(key, True))

    # --- actions
    def new_order(self) -> PoEditorDialog:
        dialog = PoEditorDialog(self.ctx, self.catalog, None, self)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> PoEditorDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = PoEditorDialog(self.ctx, self.catalog, row.id, self)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, order) -> None:
        self.refresh()
        self.select_order(order.id)

    def move(self, move: PoMove) -> None:
        row = self.selected()
        if row is None:
            return
        self.error.clear_message()
        if move == PoMove.CANCEL:
            reason, ok = QInputDialog.getText(self, self.tr("Cancel order"),
                                              self.tr("Why is {0} cancelled?").format(row.number))
            if not ok:
                return
            self.ctx.call(purchasing_service.cancel_purchase_order, row.id, version=row.version, reason=reason,
                          write=True, owner=self, on_success=self._saved, on_error=self._failed)
            return
        fn = {PoMove.SEND: purchasing_service.send_purchase_order,
              PoMove.CLOSE: purchasing_service.close_purchase_order}[move]
        self.ctx.call(fn, row.id, version=row.version, write=True, owner=self, on_success=self._saved,
                      on_error=self._failed)

    def _receive(self) -> None:
        row = self.selected()
        if row is not None:
            self.receive_requested.emit(row)

    def print_selected(self, ready=None) -> None:
        row = self.selected()
        if row is None:
            return
        org, who = self.ctx.organization, self.ctx.actor.full_name

        def build(order):
            report = purchasing_reports.purchase_order_document(order, organization=org, printed_by=who)
            (ready or self._show)(report)

        self.ctx.call(purchasing_service.get_purchase_order, row.id, owner=self, on_success=build,
                      on_error=self._failed)

    def _show(self, report) -> None:
        show_print_preview(self, report)


class PoEditorDialog(QDialog):
    """A new order, or an existing one: header, lines, and its history. Read-only where the order or the role
    allows no change."""

    saved = Signal(object)  # the PurchaseOrderDTO

    def __init__(self, ctx, catalog, order_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("poEditor")
        self.setMinimumSize(820, 520)
        self.ctx = ctx
        self.catalog = catalog
        self.order = None
        self.order_id = order_id
        self.setWindowTitle(self.tr("New purchase order") if order_id is None else self.tr("Purchase order"))
        self.supplier = QComboBox()
        self.supplier.setObjectName("poSupplier")
        fill_combo(self.supplier, [(s.name, s.id) for s in catalog.active_suppliers()])
        self.warehouse = WarehouseCombo(catalog)
        self.warehouse.setObjectName("poWarehouse")
        self.order_date = QDateEdit(QDate.currentDate())
        self.order_date.setCalendarPopup(True)
        self.order_date.setDisplayFormat(date_edit_format())
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("poNotes")
        self.notes.setMaximumHeight(60)
        self.status = QLabel(po_status_text(PoStatus.DRAFT))
        form = QFormLayout()
        form.addRow(self.tr("Supplier"), self.supplier)
        form.addRow(self.tr("Deliver to"), self.warehouse)
        form.addRow(self.tr("Order date"), self.order_date)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Notes"), self.notes)
        self.lines = QTableWidget(0, LINE_COLUMNS)
        self.lines.setObjectName("poLines")
        self.lines.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Quantity"),
                                              self.tr("Unit price (empty: last price)"),
                                              self.tr("Expected (empty: lead time)"), self.tr("Received")])
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.setColumnWidth(0, 280)
        self.add_button = QPushButton(self.tr("Add line"))
        self.add_button.setObjectName("poAddLine")
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(self.remove_line)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        line_bar = QHBoxLayout()
        line_bar.addWidget(self.add_button)
        line_bar.addWidget(self.remove_button)
        line_bar.addStretch(1)
        self.history = QPlainTextEdit()
        self.history.setObjectName("poHistory")
        self.history.setReadOnly(True)
        self.history.setMaximumHeight(90)
        self.error = ErrorLabel()
        self.error.setObjectName("poError")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("poSave")
        self.save_button.setAutoDefault(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_bar)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._line_ids: list[int | None] = []
        if order_id is None:
            self.add_line()
            self._set_editable(ctx.actor.can(Op.EDIT_PURCHASE_ORDERS), draft=True)
            self.history.hide()
        else:
            self._set_editable(False, draft=False)
            ctx.call(purchasing_service.get_purchase_order, order_id, owner=self, on_success=self.show_order,
                     on_error=self._failed)

    # --- lines
    def add_line(self, product_id: int | None = None, qty: str = "", price: str = "", expected: str = "",
                 received: str = "", line_id: int | None = None) -> int:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        combo = QComboBox()
        combo.setObjectName(f"poLineProduct{row}")
        fill_combo(combo, [(p.display_name, p.id) for p in self.catalog.active_products()], keep=product_id)
        self.lines.setCellWidget(row, 0, combo)
        for column, text in ((1, qty), (2, price), (3, expected), (4, received)):
            self.lines.setItem(row, column, QTableWidgetItem(text))
        self._line_ids.append(line_id)
        return row

    def remove_line(self) -> None:
        row = self.lines.currentRow()
        if row >= 0:
            self.lines.removeRow(row)
            del self._line_ids[row]

    def _set_editable(self, editable: bool, *, draft: bool) -> None:
        for widget in (self.add_button, self.remove_button, self.save_button, self.notes, self.lines, self.warehouse):
            widget.setEnabled(editable)
        self.supplier.setEnabled(editable and draft)
        self.order_date.setEnabled(editable and draft)

    def show_order(self, order) -> None:
        self.order = order
        self.setWindowTitle(self.tr("Purchase order {0}").format(order.number))
        index = self.supplier.findData(order.supplier_id)
        if index < 0:
            self.supplier.addItem(order.supplier_name, order.supplier_id)
            index = self.supplier.count() - 1
        self.supplier.setCurrentIndex(index)
        self.warehouse.set_warehouse(order.warehouse_id)
        self.order_date.setDate(QDate(order.order_date.year, order.order_date.month, order.order_date.day))
        self.notes.setPlainText(order.notes)
        self.status.setText(po_status_text(order.status) + (f" \u2014 {order.cancel_reason}" if order.cancel_reason
                                                            else ""))
        self.lines.setRowCount(0)
        self._line_ids = []
        for line in order.lines:
            self.add_line(line.product_id, str(line.qty), str(line.unit_price), line.expected_date.isoformat(),
                          fmt_qty(line.received_qty), line.id)
        self.history.setPlainText("\n".join(
            f"{fmt_datetime(e.at)}  {e.username}  {e.action}  {self._details(e.details)}" for e in order.events))
        self._set_editable(self.ctx.actor.can(Op.EDIT_PURCHASE_ORDERS) and order.status in EDITABLE,
                           draft=order.status == PoStatus.DRAFT)

    @staticmethod
    def _details(details: dict) -> str:
        return "; ".join(f"{key}: {value}" for key, value in details.items())

    def read_lines(self) -> list:
        lines = []
        for row in range(self.lines.rowCount()):
            n = row + 1
            product_id = self.lines.cellWidget(row, 0).currentData()
            qty_text, price_text, expected_text = (
                (self.lines.item(row, c).text() if self.lines.item(row, c) else "").strip() for c in (1, 2, 3))
            qty = exact_qty(qty_text or "0", field="lines", label=self.tr("quantity of line {0}").format(n))
            price = exact_cost(price_text, field="lines") if price_text else None
            try:
                expected = date.fromisoformat(expected_text) if expected_text else None
            except ValueError:
                raise ValidationError(self.tr("Line {0}: enter the expected date as YYYY-MM-DD.").format(n),
                                      field="lines") from None
            lines.append(purchasing_service.PoLineInput(product_id, qty, price, expected, self._line_ids[row]))
        return lines

    def save(self) -> None:
        self.error.clear_message()
        try:
            lines = self.read_lines()
        except ValidationError as error:
            self.error.show_message(error_text(error))
            return
        self.save_button.setEnabled(False)
        notes = self.notes.toPlainText()
        if self.order is None:
            self.ctx.call(purchasing_service.create_purchase_order, supplier_id=self.supplier.currentData(),
                          warehouse_id=self.warehouse.currentData(), order_date=self.order_date.date().toPython(),
                          notes=notes, lines=lines, write=True, owner=self, on_success=self._saved,
                          on_error=self._failed)
        else:
            draft = self.order.status == PoStatus.DRAFT
            self.ctx.call(purchasing_service.update_purchase_order, self.order.id, version=self.order.version,
                          lines=lines, notes=notes, warehouse_id=self.warehouse.currentData(),
                          supplier_id=self.supplier.currentData() if draft else None,
                          order_date=self.order_date.date().toPython() if draft else None,
                          write=True, owner=self, on_success=self._saved, on_error=self._failed)

    def _saved(self, order) -> None:
        self.show_order(order)
        self.saved.emit(order)

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(self.ctx.actor.can(Op.EDIT_PURCHASE_ORDERS))
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def save_pdf(self) -> None:
        if self.order is None:
            return
        report = purchasing_reports.purchase_order_document(self.order, organization=self.ctx.organization,
                                                            printed_by=self.ctx.actor.full_name)
        try:
            save_pdf_with_dialog(self, report, self.order.number)
        except ErpError as error:
            show_error(self, error)

