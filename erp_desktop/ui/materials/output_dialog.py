"""Post output of a part: good pieces of its last stage not yet posted into a chosen warehouse, as a PENDING lot of
the made product carrying its share of the issued material cost (keyboard only: Tab through, Enter posts)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from erp_desktop.services import materials as materials_service
from erp_desktop.ui.forms import ConfirmDiscard
from erp_desktop.ui.materials.action_dialog import MaterialActionDialog
from erp_desktop.ui.materials.common import fmt_value


class PostOutputDialog(MaterialActionDialog):
    """``plan`` is the part's MaterialPlanDTO; ``warehouses`` (name, id) pairs, ``warehouse_id`` the preselected
    one. ``result_document`` is the OUT- document once posted."""

    def __init__(self, ctx, plan, warehouses: list[tuple[str, int]], warehouse_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("postOutputDialog")
        self.setWindowTitle(self.tr("Post output of part {0}").format(plan.code))
        self._plan = plan
        not_carried = plan.issued_value - plan.returned_value - plan.carried_value
        about = QLabel(self.tr(
            "{ready} good at the last stage, {posted} posted, {to_post} to post. The output becomes a lot of {sku}, "
            "quality PENDING. Issued material not yet carried: {value}; this posting carries its share in "
            "proportion to the pieces (all of it when the part is done).").format(
            ready=plan.ready_qty, posted=plan.posted_qty, to_post=plan.to_post, sku=plan.product_sku,
            value=fmt_value(not_carried)))
        about.setWordWrap(True)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("outputWarehouse")
        for name, warehouse in warehouses:
            self.warehouse.addItem(name, warehouse)
        self.warehouse.setCurrentIndex(max(self.warehouse.findData(warehouse_id), 0))
        self.qty = QSpinBox()
        self.qty.setObjectName("outputQty")
        self.qty.setRange(1, max(plan.to_post, 1))
        self.qty.setValue(max(plan.to_post, 1))
        self.reason = self.reason_field("outputReason")
        form = QFormLayout()
        form.addRow(self.tr("&Warehouse"), self.warehouse)
        form.addRow(self.tr("Good &pieces"), self.qty)
        form.addRow(self.tr("&Reason"), self.reason)
        self.post_button = self.finish_layout(form, self.tr("&Post output"), "postOutputButton", above=about)
        self.first_field = self.qty
        ConfirmDiscard(self)

    def submit(self) -> None:
        self.error.clear_message()
        if self.warehouse.currentData() is None:
            self.error.show_message(self.tr("Choose the warehouse that receives the output."))
            return
        self._ctx.call(materials_service.post_output, self._plan.part_id, warehouse_id=self.warehouse.currentData(),
                       qty=self.qty.value(), reason=self.reason.text().strip(), write=True, owner=self,
                       on_success=self._succeeded, on_error=self._failed)
