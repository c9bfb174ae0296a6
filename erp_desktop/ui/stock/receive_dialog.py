"""Receive stock: a new lot (supplier, lot and certificate numbers, unit cost), quality PENDING unless
the clerk may approve it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QPushButton, QWidget

from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Quality, exact_cost, value_of
from erp_desktop.errors import ValidationError
from erp_desktop.services import stock as stock_service
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


class ReceiveDialog(OperationDialog):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(ctx, catalog, self.tr("Receive stock"), self.tr("Receive"), parent)
        self.setObjectName("receiveDialog")
        tr = self.tr
        self.product = ProductField(ctx, catalog)
        self.add_field(tr("Product"), self.product, "product_id", error=self.product.error)
        self.warehouse = WarehouseCombo(catalog)
        self.warehouse.setObjectName("warehouse")
        self.add_field(tr("Warehouse"), self.warehouse, "warehouse_id")
        self.supplier = QComboBox()
        self.supplier.setObjectName("supplier")
        self.add_field(tr("Supplier"), self.supplier, "supplier_id")
        self.lot_number = self.line("lotNumber", tr("as on the delivery note; empty: the document number"))
        self.add_field(tr("Lot number"), self.lot_number, "lot_number")
        self.certificate = self.line("certificate", tr("heat or certificate number"))
        self.add_field(tr("Certificate / heat no."), self.certificate, "certificate")
        self.qty = QtyField()
        self.add_field(tr("Quantity"), self.qty, "qty")
        self.unit_cost = self.line("unitCost", "0.0000")
        self.add_field(tr("Unit cost"), self.unit_cost, "unit_cost")
        self.value = QLabel()
        self.value.setObjectName("receiptValue")
        self.value.setStyleSheet(f"color: {MUTED};")
        self.form.addRow(tr("Value"), self.value)
        if ctx.actor.can(Op.CHANGE_QUALITY):
            self.quality = QComboBox()
            self.quality.setObjectName("quality")
            for quality in Quality:
                self.quality.addItem(quality_label(quality), quality.value)
            self.add_field(tr("Quality"), self.quality, "quality")
        else:
            self.quality = None
            note = QLabel(tr("Pending (quality control approves the lot before it can be issued)"))
            note.setStyleSheet(f"color: {MUTED};")
            self.form.addRow(tr("Quality"), note)
        self.reason = self.line("reason")
        self.add_field(tr("Comment"), self.reason, "reason")
        fields = [self.warehouse, self.supplier, self.lot_number, self.certificate, self.qty.edit, self.unit_cost]
        fields += [self.quality] if self.quality is not None else []
        self.enter_moves_focus(fields + [self.reason])
        self.product.product_changed.connect(self.qty.set_unit)
        self.product.resolved.connect(lambda: self.warehouse.setFocus())
        self.qty.edit.textChanged.connect(self._update_value)
        self.unit_cost.textChanged.connect(self._update_value)
        catalog.changed.connect(self._fill_suppliers)
        self._fill_suppliers()
        self.labels_button = QPushButton(tr("Print labels..."))
        self.labels_button.setObjectName("printReceiptLabels")
        self.labels_button.setAutoDefault(False)
        self.labels_button.clicked.connect(self.print_labels)
        self.buttons.addButton(self.labels_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.labels_button.hide()  # shown once the receipt is saved
        self.product.setFocus()

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
        product = self.product.product
        if product is None:
            raise ValidationError(self.tr("Choose the product (scan or type its SKU)."), field="product_id")
        qty = parse_qty(self.qty.edit.text())
        if qty is None:
            raise ValidationError(self.tr("Enter the quantity received."), field="qty")
        return stock_service.receive_stock, (), dict(
            product_id=product.id, warehouse_id=self.warehouse.currentData(), qty=qty,
            unit_cost=exact_cost(self.unit_cost.text()), supplier_id=self.supplier.currentData(),
            lot_number=self.lot_number.text(), certificate=self.certificate.text(),
            quality=self.quality.currentData() if self.quality is not None else Quality.PENDING.value,
            reason=self.reason.text())

    def _succeeded(self, document) -> None:
        super()._succeeded(document)
        self.labels_button.show()  # right after a receipt: labels for the new lot

    def print_labels(self) -> None:
        lot_ids = [m.lot_id for m in self.document.movements]
        self.labels_button.setEnabled(False)
        self.ctx.call(stock_service.get_lot, lot_ids[0], owner=self, on_success=self._open_labels,
                      on_error=self._failed_labels)

    def _open_labels(self, lot) -> None:
        from erp_desktop.printing.labels import lot_label
        from erp_desktop.ui.labels.print_dialog import open_label_dialog

        self.labels_button.setEnabled(True)
        self.label_dialog = open_label_dialog(self, [lot_label(lot, self.catalog.product(lot.product_id))],
                                              self.tr("Lot labels"))

    def _failed_labels(self, error: Exception) -> None:
        self.labels_button.setEnabled(True)
        self._failed(error)

    def success_text(self, document) -> str:
        movement = document.movements[0]
        return self.tr("Received as document {number}: lot {lot}, {qty}, {quality}.").format(
            number=document.number, lot=movement.lot_number, qty=qty_with_unit(movement.qty, movement.unit),
            quality=quality_label(movement.quality_to))
