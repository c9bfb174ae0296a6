"""Return unused material of a part back into the lot it was issued from (keeping the lot's received-at date and
cost): the lots with what is still returnable, the quantity, a reason; keyboard only (Enter returns)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from erp_desktop.domain.stock import ZERO
from erp_desktop.services import materials as materials_service
from erp_desktop.ui.formatting import fmt_qty
from erp_desktop.ui.forms import ConfirmDiscard
from erp_desktop.ui.materials.action_dialog import MaterialActionDialog
from erp_desktop.ui.materials.common import fmt_cost


def returnable_lots(sheet) -> list[tuple[object, Decimal]]:
    """Per lot issued to the part: its first issue line and what was issued minus returned, where above zero."""
    left: dict[int, Decimal] = defaultdict(lambda: ZERO)
    first: dict[int, object] = {}
    for line in sheet.materials:
        if line.kind == "issue":
            first.setdefault(line.lot_id, line)
            left[line.lot_id] += line.qty
        elif line.kind == "return":
            left[line.lot_id] -= abs(line.qty)
    return [(first[lot], left[lot]) for lot in first if left[lot] > 0]


class ReturnDialog(MaterialActionDialog):
    """``sheet`` is the part's CostSheetDTO. ``result_document`` is the RET- document once returned."""

    def __init__(self, ctx, sheet, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Return material of part {0}").format(sheet.code))
        self._sheet = sheet
        self.lots = returnable_lots(sheet)
        self.lot = QComboBox()
        self.lot.setObjectName("returnLot")
        for line, left in self.lots:
            self.lot.addItem(f"{line.sku} \u00b7 {line.lot_number} \u00b7 {fmt_qty(left)} {line.unit.value}", line.lot_id)
        self.preview = QLabel()
        self.preview.setObjectName("returnPreview")
        self.preview.setWordWrap(True)
        self.qty = QLineEdit()
        self.qty.setObjectName("returnQty")
        self.reason = self.reason_field("returnReason")
        form = QFormLayout()
        form.addRow(self.tr("&Lot"), self.lot)
        form.addRow("", self.preview)
        form.addRow(self.tr("&Quantity"), self.qty)
        form.addRow(self.tr("&Reason"), self.reason)
        self.return_button = self.finish_layout(form, self.tr("&Return"), "returnButton")
        self.lot.currentIndexChanged.connect(lambda _i: self._chosen())
        self._chosen()
        self.first_field = self.qty
        ConfirmDiscard(self)

    def _chosen(self) -> None:
        index = self.lot.currentIndex()
        if index < 0:
            return
        line, left = self.lots[index]
        self.qty.setText(f"{left.normalize():f}")  # all that is left by default
        self.preview.setText(self.tr(
            "Back into lot {lot} of {sku} at its cost {cost}, keeping its received-at date; at most {left} {unit} "
            "(issued to this part and not returned yet).").format(
            lot=line.lot_number, sku=line.sku, cost=fmt_cost(line.unit_cost), left=fmt_qty(left),
            unit=line.unit.value))

    def submit(self) -> None:
        self.error.clear_message()
        try:
            qty = Decimal(self.qty.text().strip().replace(",", "."))
        except InvalidOperation:
            self.error.show_message(self.tr("Enter the quantity as a number."))
            self.qty.setFocus()
            return
        self._ctx.call(materials_service.return_to_lot, self._sheet.part_id, lot_id=self.lot.currentData(), qty=qty,
                       reason=self.reason.text().strip(), write=True, owner=self, on_success=self._succeeded,
                       on_error=self._failed)
