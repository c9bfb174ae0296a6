"""Issue stock: FIFO over approved available lots; the lots and their cost are shown before confirming."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from erp_desktop.domain.stock import exact_qty
from erp_desktop.errors import QT_TRANSLATE_NOOP, ErpError, ValidationError
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.errors import error_text, user_text
from erp_desktop.ui.stock.common import WARNING, WarehouseCombo, fmt_value, qty_with_unit
from erp_desktop.ui.stock.fifo_preview import FifoPreview
from erp_desktop.ui.stock.operation_base import OperationDialog
from erp_desktop.ui.stock.pickers import PartCombo, ProductField


def parse_qty(text: str, *, field: str = "qty", label: str = QT_TRANSLATE_NOOP("errors", "quantity"), allow_zero: bool = False) -> Decimal | None:
    """None for an empty field; raises ValidationError for something that is not a quantity."""
    if not text.strip():
        return None
    return exact_qty(text, field=field, label=label, allow_zero=allow_zero)


class QtyField(QWidget):
    """A quantity line with the product's unit after it."""

    def __init__(self, object_name: str = "qty", parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = OperationDialog.line(object_name, "0.000")
        self.unit = QLabel()
        self.unit.setMinimumWidth(40)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.unit)
        self.setFocusProxy(self.edit)

    def set_unit(self, product) -> None:
        self.unit.setText(product.unit.value if product else "")


class FifoOperationDialog(OperationDialog):
    """Product, warehouse and quantity with the FIFO preview; the confirm button waits for a preview
    that matches what is typed and says there is enough."""

    verb_field = "qty"

    def __init__(self, ctx, catalog, title: str, submit_text: str, parent: QWidget | None = None):
        super().__init__(ctx, catalog, title, submit_text, parent)
        self.product = ProductField(ctx, catalog)
        self.add_field(self.tr("Product"), self.product, "product_id", error=self.product.error)
        self.warehouse = WarehouseCombo(catalog)
        self.warehouse.setObjectName("warehouse")
        self.add_field(self.tr("Warehouse"), self.warehouse, "warehouse_id")
        self.qty = QtyField()
        self.add_field(self.tr("Quantity"), self.qty, "qty")
        self.preview = FifoPreview(ctx)
        self.extra.addWidget(self.preview, 1)
        self.resize(640, 600)
        self.product.product_changed.connect(self._product_changed)
        self.product.lot_scanned.connect(lambda lot: self.warehouse.set_warehouse(lot.warehouse_id))
        self.product.resolved.connect(lambda: self.qty.setFocus())
        self.warehouse.currentIndexChanged.connect(lambda _i: self._inputs_changed())
        self.qty.edit.textChanged.connect(lambda _t: self._inputs_changed())
        self.preview.updated.connect(self._preview_updated)
        self.submit_button.setEnabled(False)

    def preset(self, product_id: int | None = None, warehouse_id: int | None = None, qty: Decimal | None = None):
        if product_id is not None:
            self.product.set_product_id(product_id)
        if warehouse_id is not None:
            self.warehouse.set_warehouse(warehouse_id)
        if qty is not None:
            self.qty.edit.setText(str(qty))

    def _product_changed(self, product) -> None:
        self.qty.set_unit(product)
        self._inputs_changed()

    def current_qty(self) -> Decimal | None:
        return parse_qty(self.qty.edit.text())

    def _inputs_changed(self) -> None:
        if self.document is not None:
            return
        qty_error = self.field_error("qty")
        qty_error.clear_message()
        try:
            qty = self.current_qty()
        except ValidationError as error:
            qty_error.show_message(error_text(error))
            qty = None
        product = self.product.product
        self.preview.set_inputs(product.id if product else None, self.warehouse.currentData(), qty)

    def _preview_updated(self, preview) -> None:
        if self.document is not None:
            return
        qty_error = self.field_error("qty")
        if preview is not None and not preview.enough:
            qty_error.show_message(user_text(preview.message))
        elif preview is not None:
            qty_error.clear_message()
        self.submit_button.setEnabled(preview is not None and preview.enough)

    def values(self) -> dict:
        product = self.product.product
        if product is None:
            raise ValidationError(self.tr("Choose the product (scan or type its SKU)."), field="product_id")
        warehouse_id = self.warehouse.currentData()
        if warehouse_id is None:
            raise ValidationError(self.tr("Choose the warehouse."), field="warehouse_id")
        qty = self.current_qty()
        if qty is None:
            raise ValidationError(self.tr("Enter the quantity."), field="qty")
        return dict(product_id=product.id, warehouse_id=warehouse_id, qty=qty)

    def refused(self, error: ErpError) -> None:
        self.preview.refresh()  # show what is available now

    def taken_qty(self, movement) -> Decimal:
        """How much of its lot one of this operation's movements took (issue, transfer out); 0 for the others."""
        return -movement.qty if movement.qty < 0 else Decimal(0)

    def _succeeded(self, document) -> None:
        super()._succeeded(document)
        self.preview.show_taken(document.number, [(m, qty) for m in document.movements
                                                  if (qty := self.taken_qty(m)) > 0])


class IssueDialog(FifoOperationDialog):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(ctx, catalog, self.tr("Issue stock"), self.tr("Issue"), parent)
        self.setObjectName("issueDialog")
        self.part = PartCombo(ctx, self.tr("(no part)"))
        self.add_field(self.tr("For part"), self.part, "part_id")
        self.reason = self.line("reason", self.tr("e.g. for production, week 12"))
        self.add_field(self.tr("Reason"), self.reason, "reason")
        self.minimum_warning = QLabel()
        self.minimum_warning.setObjectName("belowMinimumWarning")
        self.minimum_warning.setWordWrap(True)
        self.minimum_warning.setStyleSheet(f"color: {WARNING}; font-weight: 600;")
        self.minimum_warning.hide()
        self.body.insertWidget(self.body.indexOf(self.error), self.minimum_warning)
        self.enter_moves_focus([self.warehouse, self.qty.edit, self.part, self.reason])
        self.product.setFocus()

    def _preview_updated(self, preview) -> None:
        super()._preview_updated(preview)
        if self.document is not None:
            return
        below = preview is not None and preview.below_minimum
        self.minimum_warning.setVisible(below)
        if below:
            product = self.product.product
            self.minimum_warning.setText(self.tr(
                "Below the minimum: after this issue {left} of {product} will be available in all warehouses; "
                "its minimum level is {minimum}. Issue anyway, and tell supply to order more.").format(
                left=qty_with_unit(preview.left_everywhere, preview.unit),
                product=product.name if product else "", minimum=qty_with_unit(preview.min_level, preview.unit)))

    def request(self):
        return stock_service.issue_stock, (), dict(self.values(), part_id=self.part.currentData(),
                                                   reason=self.reason.text())

    def success_text(self, document) -> str:
        unit = document.movements[0].unit
        return self.tr("Issued as document {number}: {qty} from {lots} lot(s), value {value}.").format(
            number=document.number, qty=qty_with_unit(-document.total_qty, unit), lots=len(document.movements),
            value=fmt_value(-document.total_value))
