"""Operations on one lot: adjust after a stock count (reason required), change its quality status."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from erp_desktop.domain.stock import Quality, value_of
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.stock.common import MUTED, fmt_value, qty_with_unit, quality_label
from erp_desktop.ui.stock.issue_dialog import QtyField, parse_qty
from erp_desktop.ui.stock.operation_base import OperationDialog
from erp_desktop.ui.stock.pickers import LotPicker


class LotOperationDialog(OperationDialog):
    def __init__(self, ctx, catalog, title: str, submit_text: str, parent: QWidget | None = None):
        super().__init__(ctx, catalog, title, submit_text, parent)
        self.lot = LotPicker(ctx)
        self.add_field(self.tr("Lot"), self.lot, "lot_id", error=self.lot.error)
        self.lot.lot_changed.connect(self.lot_changed)

    def preset(self, lot) -> None:
        self.lot.set_lot(lot)

    def lot_changed(self, lot) -> None:
        """A hook for subclasses."""

    def chosen_lot(self):
        if self.lot.lot is None:
            raise ValidationError(self.tr("Scan or type the lot number."), field="lot_id")
        return self.lot.lot


class AdjustDialog(LotOperationDialog):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(ctx, catalog, self.tr("Adjust after a stock count"), self.tr("Adjust"), parent)
        self.setObjectName("adjustDialog")
        self.counted = QtyField("countedQty")
        self.add_field(self.tr("Counted quantity"), self.counted, "counted_qty")
        self.difference = QLabel()
        self.difference.setObjectName("adjustDifference")
        self.difference.setWordWrap(True)
        self.form.addRow(self.tr("Difference"), self.difference)
        self.reason = self.line("reason", self.tr("required, e.g. quarterly count: 37 pcs short"))
        self.add_field(self.tr("Reason"), self.reason, "reason")
        self.enter_moves_focus([self.counted.edit, self.reason])
        self.lot.resolved.connect(lambda: self.counted.setFocus())
        self.counted.edit.textChanged.connect(lambda _t: self._show_difference())
        self.lot.setFocus()

    def lot_changed(self, lot) -> None:
        self.counted.unit.setText(lot.unit.value if lot else "")
        if lot is not None and not self.counted.edit.text():
            self.counted.edit.setPlaceholderText(self.tr("recorded: {0}").format(lot.on_hand))
        self._show_difference()

    def _show_difference(self) -> None:
        """What the adjustment will post, before it is posted: recorded -> counted, and the difference."""
        lot = self.lot.lot
        try:
            counted = parse_qty(self.counted.edit.text(), field="counted_qty", allow_zero=True)
        except ValidationError:
            counted = None
        if lot is None or counted is None:
            self.difference.setText("")
            self.difference.setStyleSheet("")
            return
        delta = counted - lot.on_hand
        if delta == 0:
            text = self.tr("none: the count equals the recorded {0}").format(qty_with_unit(lot.on_hand, lot.unit))
        else:
            text = self.tr("{delta} (recorded {recorded}, counted {counted}), value {value}").format(
                delta=("+" if delta > 0 else "") + qty_with_unit(delta, lot.unit),
                recorded=qty_with_unit(lot.on_hand, lot.unit), counted=qty_with_unit(counted, lot.unit),
                value=fmt_value(value_of(delta, lot.unit_cost)))
        self.difference.setText(text)
        color = MUTED if delta == 0 else ("#1b7f3b" if delta > 0 else "#c62828")
        self.difference.setStyleSheet(f"color: {color}; font-weight: 600;")

    def request(self):
        lot = self.chosen_lot()
        counted = parse_qty(self.counted.edit.text(), field="counted_qty", label=QT_TRANSLATE_NOOP("errors", "counted quantity"), allow_zero=True)
        if counted is None:
            raise ValidationError(self.tr("Enter the quantity found by the count."), field="counted_qty")
        if not self.reason.text().strip():
            raise ValidationError(self.tr("Enter the reason for the adjustment (it goes into the journal)."),
                                  field="reason")
        return stock_service.adjust_lot, (), dict(lot_id=lot.id, counted_qty=counted, reason=self.reason.text())

    def success_text(self, document) -> str:
        movement = document.movements[0]
        return self.tr("Adjusted as document {number}: lot {lot} {delta}.").format(
            number=document.number, lot=movement.lot_number,
            delta=("+" if movement.qty > 0 else "") + qty_with_unit(movement.qty, movement.unit))


class QualityDialog(LotOperationDialog):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(ctx, catalog, self.tr("Change quality status"), self.tr("Set status"), parent)
        self.setObjectName("qualityDialog")
        self.quality = QComboBox()
        self.quality.setObjectName("quality")
        for quality in Quality:
            self.quality.addItem(quality_label(quality), quality.value)
        self.add_field(self.tr("New status"), self.quality, "quality")
        self.reason = self.line("reason", self.tr("e.g. certificate and dimensions checked"))
        self.add_field(self.tr("Comment"), self.reason, "reason")
        self.enter_moves_focus([self.quality, self.reason])
        self.lot.resolved.connect(lambda: self.quality.setFocus())
        self.lot.setFocus()

    def lot_changed(self, lot) -> None:
        if lot is not None and lot.quality == Quality.PENDING:
            self.quality.setCurrentIndex(self.quality.findData(Quality.APPROVED.value))

    def request(self):
        lot = self.chosen_lot()
        return stock_service.change_quality, (), dict(lot_id=lot.id, quality=self.quality.currentData(),
                                                      reason=self.reason.text())

    def success_text(self, document) -> str:
        movement = document.movements[0]
        return self.tr("Saved as document {number}: lot {lot} is now {quality}.").format(
            number=document.number, lot=movement.lot_number, quality=quality_label(movement.quality_to))
