"""Transfer stock between warehouses: FIFO over approved lots (with the preview), or one chosen lot."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from erp_desktop.errors import ValidationError
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.stock.common import WarehouseCombo, fill_combo, qty_with_unit
from erp_desktop.ui.stock.issue_dialog import FifoOperationDialog
from erp_desktop.ui.stock.pickers import lot_text


class TransferDialog(FifoOperationDialog):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(ctx, catalog, self.tr("Transfer stock"), self.tr("Transfer"), parent)
        self.setObjectName("transferDialog")
        self.form.labelForField(self.warehouse.parentWidget()).setText(self.tr("From"))
        # no default target (the next warehouse in the list was often the quarantine area) and never the source
        self.target = WarehouseCombo(catalog, self.tr("(choose the target warehouse)"))
        self.target.setObjectName("targetWarehouse")
        self.target.exclude(self.warehouse.currentData())
        self.warehouse.currentIndexChanged.connect(lambda _i: self.target.exclude(self.warehouse.currentData()))
        self.form.insertRow(2, self.tr("To"), self.target)
        self._inputs.append(self.target)
        self.lot = QComboBox()
        self.lot.setObjectName("lotChoice")
        self.add_field(self.tr("Lot"), self.lot, "lot_id")
        self.reason = self.line("reason", self.tr("e.g. stock for the lathe section"))
        self.add_field(self.tr("Reason"), self.reason, "reason")
        self.alias_field("to_warehouse_id", "warehouse_id")
        self.alias_field("from_warehouse_id", "warehouse_id")
        self.enter_moves_focus([self.warehouse, self.target, self.qty.edit, self.lot, self.reason])
        self._scanned_lot_id: int | None = None  # a scanned lot label: that lot, not FIFO
        self.product.lot_scanned.connect(self._lot_scanned)
        self.product.product_changed.connect(lambda _p: self._load_lots())
        self.warehouse.currentIndexChanged.connect(lambda _i: self._load_lots())
        self.lot.currentIndexChanged.connect(lambda _i: self._inputs_changed())
        self._load_lots()
        self.product.setFocus()

    def _lot_scanned(self, lot) -> None:
        self._scanned_lot_id = lot.id
        self._load_lots()

    def _load_lots(self) -> None:
        product, warehouse_id = self.product.product, self.warehouse.currentData()
        fifo = [(self.tr("Oldest approved lots first (FIFO)"), None)]
        if product is None or warehouse_id is None:
            fill_combo(self.lot, fifo)
            return
        scanned, self._scanned_lot_id = self._scanned_lot_id, None
        self.ctx.call(stock_service.list_lots, product_id=product.id, warehouse_id=warehouse_id, has_stock=True,
                      owner=self, on_success=lambda lots: fill_combo(
                          self.lot, fifo + [(lot_text(lot), lot.id) for lot in lots], keep=scanned))

    def _inputs_changed(self) -> None:
        if not hasattr(self, "lot"):
            return
        fifo = self.lot.currentData() is None
        self.preview.setVisible(fifo)
        if fifo:
            super()._inputs_changed()
        elif self.document is None:
            self.field_error("qty").clear_message()
            self.submit_button.setEnabled(True)  # one chosen lot: the service checks its unreserved stock

    def request(self):
        values = self.values()
        target = self.target.currentData()
        if target is None:
            raise ValidationError(self.tr("Choose the target warehouse."), field="to_warehouse_id")
        return stock_service.transfer_stock, (), dict(
            product_id=values["product_id"], from_warehouse_id=values["warehouse_id"], to_warehouse_id=target,
            qty=values["qty"], lot_id=self.lot.currentData(), reason=self.reason.text())

    def success_text(self, document) -> str:
        moved = sum((m.qty for m in document.movements if m.qty > 0), start=0)
        unit = document.movements[0].unit
        return self.tr("Transferred as document {number}: {qty} in {lots} lot(s).").format(
            number=document.number, qty=qty_with_unit(moved, unit), lots=len(document.movements) // 2)
