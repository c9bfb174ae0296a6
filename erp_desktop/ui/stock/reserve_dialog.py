"""Reserve stock for a part or an order (FIFO, with the same preview of the lots held)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QWidget

from erp_desktop.errors import ValidationError
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.stock.common import qty_with_unit
from erp_desktop.ui.stock.issue_dialog import FifoOperationDialog
from erp_desktop.ui.stock.pickers import PartCombo


class ReserveDialog(FifoOperationDialog):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(ctx, catalog, self.tr("Reserve stock"), self.tr("Reserve"), parent)
        self.setObjectName("reserveDialog")
        self.preview.title_text = self.tr("<b>Lots that will be held (oldest first)</b>")
        self.preview.title.setText(self.preview.title_text)
        self.preview.taken_title_text = self.tr("<b>Lots held by {number} (oldest first)</b>")
        self.part = PartCombo(ctx, self.tr("(no part: enter the order)"))
        self.add_field(self.tr("For part"), self.part, "part_id")
        self.order_ref = self.line("orderRef", self.tr("e.g. Order 2026-117"))
        self.add_field(self.tr("Order"), self.order_ref, "order_ref")
        self.reason = self.line("reason")
        self.add_field(self.tr("Comment"), self.reason, "reason")
        self.enter_moves_focus([self.warehouse, self.qty.edit, self.part, self.order_ref, self.reason])
        self.product.setFocus()

    def request(self):
        values = self.values()
        if self.part.currentData() is None and not self.order_ref.text().strip():
            raise ValidationError(self.tr("Choose the part, or enter the order the stock is reserved for."),
                                  field="part_id")
        return stock_service.reserve_stock, (), dict(values, part_id=self.part.currentData(),
                                                     order_ref=self.order_ref.text(), reason=self.reason.text())

    def taken_qty(self, movement) -> Decimal:
        return movement.reserved_delta if movement.reserved_delta > 0 else Decimal(0)

    def success_text(self, document) -> str:
        unit = document.movements[0].unit
        held = sum((m.reserved_delta for m in document.movements), start=0)
        return self.tr("Reserved as document {number}: {qty} in {lots} lot(s).").format(
            number=document.number, qty=qty_with_unit(held, unit), lots=len(document.movements))
