"""The QC queue: lots waiting for quality control, oldest first, with supplier, purchase order and certificate;
approve, reject or quarantine several at once (each its own document), and send rejected lots back."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Quality
from erp_desktop.errors import ErpError
from erp_desktop.services import purchasing as purchasing_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_datetime
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.purchasing.common import selected_rows, table_view
from erp_desktop.ui.stock.common import qty_with_unit, quality_color, quality_label
from erp_desktop.ui.table_model import Column, RowsTableModel


class QcQueueView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("qcQueue")
        self.ctx = ctx
        self.quality = QComboBox()
        self.quality.setObjectName("qcQuality")
        for quality in (Quality.PENDING, Quality.QUARANTINE, Quality.REJECTED):
            self.quality.addItem(quality_label(quality), quality.value)
        self.model = RowsTableModel([
            Column(self.tr("Received"), lambda r: r.received_at, fmt_datetime),
            Column(self.tr("Lot"), lambda r: r.lot_number),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: r.product_name),
            Column(self.tr("On hand"), lambda r: r, lambda r: qty_with_unit(r.on_hand, r.unit), align_right=True),
            Column(self.tr("Supplier"), lambda r: r.supplier_name),
            Column(self.tr("Purchase order"), lambda r: r.order_number),
            Column(self.tr("Certificate"), lambda r: r.certificate),
            Column(self.tr("Warehouse"), lambda r: r.warehouse_name),
            Column(self.tr("Quality"), lambda r: r.quality, quality_label, color=lambda r: quality_color(r.quality)),
        ], self)
        self.table = table_view("qcTable", self.model, multi=True)
        self.error = ErrorLabel()
        self.result = QLabel()
        self.result.setObjectName("qcResult")
        self.result.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.quality)
        bar.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        actions = []
        if ctx.actor.can(Op.CHANGE_QUALITY):
            actions += [("approve", self.tr("Approve"), lambda: self.decide(Quality.APPROVED)),
                        ("reject", self.tr("Reject..."), lambda: self.decide(Quality.REJECTED)),
                        ("quarantine", self.tr("Quarantine"), lambda: self.decide(Quality.QUARANTINE))]
        if ctx.actor.can(Op.RECEIVE_STOCK) and ctx.actor.can(Op.ADJUST_STOCK):
            actions.append(("return", self.tr("Return to supplier..."), lambda: self.return_selected()))
        for key, text, slot in actions:
            button = QPushButton(text)
            button.setObjectName(f"qc_{key}")
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        self.quality.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.changes.changed.connect(self._on_change)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.call(purchasing_service.list_qc_queue, quality=self.quality.currentData(), owner=self,
                      on_success=self.model.set_rows, on_error=self._failed)

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic in ("*", "stock", "lots", purchasing_service.orders.CHANGED):
            self.refresh()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def select_all(self) -> None:
        self.table.selectAll()

    def decide(self, quality: Quality, reason: str | None = None) -> None:
        lots = selected_rows(self.table)
        self.error.clear_message()
        if not lots:
            self.error.show_message(self.tr("Select the lots first."))
            return
        if quality == Quality.REJECTED and reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Reject lots"), self.tr("Why are the lots rejected?"))
            if not ok:
                return
        self.ctx.call(purchasing_service.decide_lots, [lot.lot_id for lot in lots], quality, reason=reason or "",
                      write=True, owner=self, on_success=self._decided, on_error=self._failed)

    def _decided(self, outcomes) -> None:
        done = [o for o in outcomes if o.document_number]
        refused = [o for o in outcomes if o.error]
        text = self.tr("{0} lot(s) decided.").format(len(done))
        if refused:
            text += " " + self.tr("Refused: {0}").format("; ".join(o.error for o in refused))
        self.result.setText(text)
        self.refresh()

    def return_selected(self, reason: str | None = None) -> None:
        lots = selected_rows(self.table)
        self.error.clear_message()
        if not lots:
            self.error.show_message(self.tr("Select the rejected lots to return."))
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Return to supplier"),
                                              self.tr("Reason for the return (printed on the return note)"))
            if not ok:
                return
        self.ctx.call(purchasing_service.return_to_supplier, [lot.lot_id for lot in lots], reason=reason, write=True,
                      owner=self, on_success=self._returned, on_error=self._failed)

    def _returned(self, note) -> None:
        self.last_return = note
        self.result.setText(self.tr("Returned as document {0}.").format(note.document.number))
        self.refresh()
