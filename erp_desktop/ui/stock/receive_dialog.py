"""Receive stock: the lines of one delivery note (product, warehouse, lot and certificate numbers, quantity,
unit cost), each a new lot, all in one RCV- document with the note's supplier, quality and comment. Quality is
PENDING unless the clerk may approve it. "Add line" keeps the line typed and clears the form for the next;
Receive takes the listed lines and the one in the form (if any)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Quality, exact_cost, value_of
from erp_desktop.errors import ErpError, ValidationError
from erp_desktop.services import stock as stock_service
from erp_desktop.services.stock import ReceiptLine
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_qty
from erp_desktop.ui.stock.common import (
    MUTED,
    WarehouseCombo,
    fill_combo,
    fmt_value,
    qty_with_unit,
    quality_label,
)
from erp_desktop.ui.stock.issue_dialog import QtyField, parse_qty
from erp_desktop.ui.stock.operation_base import OperationDialog
from erp_desktop.ui.stock.pickers import ProductField
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, selected_row, setup_table


class ReceiveDialog(OperationDialog):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(ctx, catalog, self.tr("Receive stock"), self.tr("Receive"), parent)
        self.setObjectName("receiveDialog")
        self.product = ProductField(ctx, catalog)
        self.add_field(self.tr("Product"), self.product, "product_id", error=self.product.error)
        self.warehouse = WarehouseCombo(catalog)
        self.warehouse.setObjectName("warehouse")
        self.add_field(self.tr("Warehouse"), self.warehouse, "warehouse_id")
        self.supplier = QComboBox()
        self.supplier.setObjectName("supplier")
        self.add_field(self.tr("Supplier"), self.supplier, "supplier_id")
        self.lot_number = self.line("lotNumber", self.tr("as on the delivery note; empty: the document number"))
        self.add_field(self.tr("Lot number"), self.lot_number, "lot_number")
        self.certificate = self.line("certificate", self.tr("heat or certificate number"))
        self.add_field(self.tr("Certificate / heat no."), self.certificate, "certificate")
        self.qty = QtyField()
        self.add_field(self.tr("Quantity"), self.qty, "qty")
        self.unit_cost = self.line("unitCost", "0.0000")
        self.add_field(self.tr("Unit cost"), self.unit_cost, "unit_cost")
        self.value = QLabel()
        self.value.setObjectName("receiptValue")
        self.value.setStyleSheet(f"color: {MUTED};")
        self.form.addRow(self.tr("Value"), self.value)
        if ctx.actor.can(Op.CHANGE_QUALITY):
            self.quality = QComboBox()
            self.quality.setObjectName("quality")
            for quality in Quality:
                self.quality.addItem(quality_label(quality), quality.value)
            self.add_field(self.tr("Quality"), self.quality, "quality")
        else:
            self.quality = None
            note = QLabel(self.tr("Pending (quality control approves the lot before it can be issued)"))
            note.setStyleSheet(f"color: {MUTED};")
            self.form.addRow(self.tr("Quality"), note)
        self.reason = self.line("reason")
        self.add_field(self.tr("Comment"), self.reason, "reason")
        fields = [self.warehouse, self.supplier, self.lot_number, self.certificate, self.qty.edit, self.unit_cost]
        fields += [self.quality] if self.quality is not None else []
        self.enter_moves_focus(fields + [self.reason])
        self.product.product_changed.connect(self.qty.set_unit)
        self.product.resolved.connect(lambda: self.warehouse.setFocus())
        self.qty.edit.textChanged.connect(self._update_value)
        self.unit_cost.textChanged.connect(self._update_value)
        catalog.changed.connect(self._fill_suppliers)
        self._fill_suppliers()
        self._build_lines()
        self.labels_button = QPushButton(self.tr("Print labels..."))
        self.labels_button.setObjectName("printReceiptLabels")
        self.labels_button.setAutoDefault(False)
        self.labels_button.clicked.connect(self.print_labels)
        self.buttons.addButton(self.labels_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.labels_button.hide()  # shown once the receipt is saved
        self.product.setFocus()

    def _build_lines(self) -> None:
        self.lines: list[tuple[ReceiptLine, object, str]] = []  # (the line, its ProductDTO, its warehouse's name)
        self._submitted = 0
        columns = [
            Column("#", lambda r: r[0]),
            Column(self.tr("SKU"), lambda r: r[2].sku),
            Column(self.tr("Product"), lambda r: r[2].name),
            Column(self.tr("Warehouse"), lambda r: r[3]),
            Column(self.tr("Lot number"), lambda r: r[1].lot_number),
            Column(self.tr("Certificate / heat no."), lambda r: r[1].certificate),
            Column(self.tr("Quantity"), lambda r: r[1].qty, text=fmt_qty, align_right=True),
            Column(self.tr("Unit"), lambda r: r[2].unit.value),
            Column(self.tr("Unit cost"), lambda r: r[1].unit_cost, text=str, align_right=True),
            Column(self.tr("Value"), lambda r: value_of(r[1].qty, r[1].unit_cost), text=fmt_value, align_right=True),
        ]
        self.lines_model = RowsTableModel(columns, self)
        self.lines_table = QTableView()
        self.lines_table.setObjectName("receiptLines")
        self.lines_table.setModel(self.lines_model)
        setup_table(self.lines_table)
        self.lines_table.hide()
        self.lines_title = QLabel()
        self.lines_title.setObjectName("receiptLinesTitle")
        self.lines_title.hide()
        self.add_line_button = QPushButton(self.tr("Add &line"))
        self.add_line_button.setObjectName("addLineButton")
        self.add_line_button.setAutoDefault(False)
        self.add_line_button.setToolTip(self.tr("Keep this line and clear the form for the next line of the "
                                                "same delivery note"))
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button = QPushButton(self.tr("&Remove line"))
        self.remove_line_button.setObjectName("removeLineButton")
        self.remove_line_button.setAutoDefault(False)
        self.remove_line_button.clicked.connect(self.remove_line)
        self.remove_line_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.lines_title, 1)
        row.addWidget(self.remove_line_button)
        row.addWidget(self.add_line_button)
        self.extra.addLayout(row)
        self.extra.addWidget(self.lines_table, 1)
        self._inputs += [self.add_line_button, self.remove_line_button]

    def current_line(self) -> tuple[ReceiptLine, object, str] | None:
        """The line in the form; None when it is empty (nothing typed), a ValidationError when half done."""
        product = self.product.product
        qty_text, cost_text = self.qty.edit.text().strip(), self.unit_cost.text().strip()
        if product is None and not qty_text and not cost_text and not self.product.edit.text().strip():
            return None
        if product is None:
            raise ValidationError(self.tr("Choose the product (scan or type its SKU)."), field="product_id")
        qty = parse_qty(qty_text)
        if qty is None:
            raise ValidationError(self.tr("Enter the quantity received."), field="qty")
        warehouse_id = self.warehouse.currentData()
        if warehouse_id is None:
            raise ValidationError(self.tr("Choose the warehouse."), field="warehouse_id")
        line = ReceiptLine(product.id, warehouse_id, qty, exact_cost(cost_text), self.lot_number.text(),
                           self.certificate.text())
        return line, product, self.warehouse.currentText()

    def add_line(self) -> None:
        """Keep the form's line in the list and clear the form for the next one (the warehouse stays)."""
        self.clear_errors()
        try:
            current = self.current_line()
        except ValidationError as error:
            self.show_refusal(error)
            return
        if current is None:
            self.field_error("product_id").show_message(self.tr("Fill in the line first: product, quantity and "
                                                                "unit cost."))
            self.product.setFocus()
            return
        self.lines.append(current)
        self._show_lines()
        self.product.set_product(None)
        for edit in (self.lot_number, self.certificate, self.qty.edit, self.unit_cost):
            edit.clear()
        self.product.setFocus()

    def remove_line(self) -> None:
        row = selected_row(self.lines_table)
        if row is not None:
            del self.lines[row[0] - 1]
            self._show_lines()

    def _show_lines(self) -> None:
        rows = [(n, *entry) for n, entry in enumerate(self.lines, 1)]
        self.lines_model.set_rows(rows)
        shown = bool(rows)
        self.lines_table.setVisible(shown)
        self.lines_title.setVisible(shown)
        self.remove_line_button.setVisible(shown)
        total = sum((value_of(line.qty, line.unit_cost) for line, _, _ in self.lines), start=Decimal(0))
        self.lines_title.setText(self.tr("<b>Lines of this receipt: {count}</b>, value {value}. Receive adds the "
                                         "line in the form too, if one is typed.").format(
            count=len(rows), value=fmt_value(total)))
        if shown:
            fit_columns(self.lines_table)

    def show_refusal(self, error: ErpError) -> None:
        if self._submitted > 1:  # "Line n: ..." is about a listed line, not the form's fields
            self.error.show_message(error_text(error))
            return
        super().show_refusal(error)

    def preset(self, product_id: int | None = None, warehouse_id: int | None = None) -> None:
        if product_id is not None:
            self.product.set_product_id(product_id)
        if warehouse_id is not None:
            self.warehouse.set_warehouse(warehouse_id)

    def _fill_suppliers(self) -> None:
        fill_combo(self.supplier, [(self.tr("(none)"), None)] + [(s.name, s.id) for s in
                                                                 self.catalog.active_suppliers()])

    def _update_value(self) -> None:
        try:
            qty, cost = parse_qty(self.qty.edit.text()), exact_cost(self.unit_cost.text() or "x")
        except ValidationError:
            self.value.clear()
            return
        if qty is None:
            self.value.clear()
            return
        product = self.product.product
        self.value.setText(fmt_value(value_of(qty, cost)) + (
            f"  ({qty_with_unit(qty, product.unit)} \u00d7 {cost})" if product else ""))

    def request(self):
        self._submitted = 0
        current = self.current_line()
        lines = [line for line, _, _ in self.lines] + ([current[0]] if current is not None else [])
        if not lines:
            raise ValidationError(self.tr("Choose the product (scan or type its SKU)."), field="product_id")
        document = dict(supplier_id=self.supplier.currentData(), reason=self.reason.text(),
                        quality=self.quality.currentData() if self.quality is not None else Quality.PENDING.value)
        self._submitted = len(lines)
        return stock_service.receive_lines, (), dict(document, lines=lines)

    def _succeeded(self, document) -> None:
        super()._succeeded(document)
        self.labels_button.show()  # right after a receipt: labels for the new lot

    def print_labels(self) -> None:
        lot_ids = [m.lot_id for m in self.document.movements]
        self.labels_button.setEnabled(False)
        self.ctx.call(stock_service.get_lots, lot_ids, owner=self, on_success=self._open_labels,
                      on_error=self._failed_labels)

    def _open_labels(self, lots) -> None:
        from erp_desktop.printing.labels import lot_label
        from erp_desktop.ui.labels.print_dialog import open_label_dialog

        self.labels_button.setEnabled(True)
        self.label_dialog = open_label_dialog(self, [lot_label(lot, self.catalog.product(lot.product_id))
                                                     for lot in lots], self.tr("Lot labels"))

    def _failed_labels(self, error: Exception) -> None:
        self.labels_button.setEnabled(True)
        self._failed(error)

    def success_text(self, document) -> str:
        if len(document.movements) > 1:
            return self.tr("Received as document {number}: {count} lots ({lots}), {quality}.").format(
                number=document.number, count=len(document.movements),
                lots=", ".join(m.lot_number for m in document.movements),
                quality=quality_label(document.movements[0].quality_to))
        movement = document.movements[0]
        return self.tr("Received as document {number}: lot {lot}, {qty}, {quality}.").format(
            number=document.number, lot=movement.lot_number, qty=qty_with_unit(movement.qty, movement.unit),
            quality=quality_label(movement.quality_to))
