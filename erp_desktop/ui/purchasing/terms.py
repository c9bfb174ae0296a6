"""Supplier terms (lead time, minimum order quantity, the last price paid) and the over-receipt tolerances (the
plant's, and a product's own)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.errors import ErpError
from erp_desktop.services import purchasing as purchasing_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.purchasing.common import selected_rows, table_view
from erp_desktop.ui.stock.common import fill_combo, fmt_cost
from erp_desktop.ui.table_model import Column, RowsTableModel


class TermsView(QWidget):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("supplierTerms")
        self.ctx = ctx
        self.catalog = catalog
        self.model = RowsTableModel([
            Column(self.tr("Supplier"), lambda r: r.supplier_name),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: r.product_name),
            Column(self.tr("Lead time, days"), lambda r: r.lead_time_days, align_right=True),
            Column(self.tr("Minimum order"), lambda r: r.min_order_qty, fmt_qty, align_right=True),
            Column(self.tr("Last price"), lambda r: r.last_price, fmt_cost, align_right=True),
        ], self)
        self.table = table_view("termsTable", self.model)
        self.supplier = QComboBox()
        self.supplier.setObjectName("termsSupplier")
        self.product = QComboBox()
        self.product.setObjectName("termsProduct")
        self.lead = QSpinBox()
        self.lead.setObjectName("termsLead")
        self.lead.setRange(0, 3650)
        self.moq = QLineEdit()
        self.moq.setObjectName("termsMinimum")
        self.moq.setPlaceholderText("0.000")
        self.save_button = QPushButton(self.tr("Save terms"))
        self.save_button.setObjectName("termsSave")
        self.save_button.clicked.connect(self.save_terms)
        terms = QGroupBox(self.tr("Supplier terms for a product"))
        form = QFormLayout(terms)
        form.addRow(self.tr("Supplier"), self.supplier)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Lead time, days"), self.lead)
        form.addRow(self.tr("Minimum order"), self.moq)
        form.addRow("", self.save_button)
        terms.setEnabled(ctx.actor.can(Op.MANAGE_SUPPLIERS) or ctx.actor.can(Op.EDIT_PURCHASE_ORDERS))
        self.plant_pct = QLineEdit()
        self.plant_pct.setObjectName("plantTolerance")
        self.tolerance_product = QComboBox()
        self.product_pct = QLineEdit()
        self.product_pct.setObjectName("productTolerance")
        self.product_pct.setPlaceholderText(self.tr("empty: the plant's"))
        plant_save = QPushButton(self.tr("Save plant tolerance"))
        plant_save.setObjectName("plantToleranceSave")
        plant_save.clicked.connect(self.save_plant)
        product_save = QPushButton(self.tr("Save product tolerance"))
        product_save.clicked.connect(self.save_product)
        tolerance = QGroupBox(self.tr("Over-receipt tolerance, %"))
        tform = QFormLayout(tolerance)
        tform.addRow(self.tr("Plant"), self.plant_pct)
        tform.addRow("", plant_save)
        tform.addRow(self.tr("Product"), self.tolerance_product)
        tform.addRow(self.tr("Its own tolerance"), self.product_pct)
        tform.addRow("", product_save)
        tolerance.setEnabled(ctx.actor.can(Op.MANAGE_SETTINGS))
        self.error = ErrorLabel()
        side = QVBoxLayout()
        side.addWidget(terms)
        side.addWidget(tolerance)
        side.addWidget(self.error)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(side)
        catalog.changed.connect(self._fill)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._picked())
        self._fill()
        self.refresh()

    def _fill(self) -> None:
        fill_combo(self.supplier, [(s.name, s.id) for s in self.catalog.active_suppliers()])
        products = [(p.display_name, p.id) for p in self.catalog.active_products()]
        fill_combo(self.product, products)
        fill_combo(self.tolerance_product, products)

    def refresh(self) -> None:
        self.ctx.call(purchasing_service.list_supplier_terms, owner=self, on_success=self.model.set_rows,
                      on_error=self._failed)
        self.ctx.call(purchasing_service.get_plant_tolerance, owner=self,
                      on_success=lambda pct: self.plant_pct.setText(str(pct)), on_error=self._failed)

    def _picked(self) -> None:
        rows = selected_rows(self.table)
        if rows:
            row = rows[0]
            self.supplier.setCurrentIndex(self.supplier.findData(row.supplier_id))
            self.product.setCurrentIndex(self.product.findData(row.product_id))
            self.lead.setValue(row.lead_time_days)
            self.moq.setText(str(row.min_order_qty))

    def save_terms(self) -> None:
        self.error.clear_message()
        self.ctx.call(purchasing_service.set_supplier_terms, supplier_id=self.supplier.currentData(),
                      product_id=self.product.currentData(), lead_time_days=self.lead.value(),
                      min_order_qty=self.moq.text() or "0", write=True, owner=self,
                      on_success=lambda _t: self.refresh(), on_error=self._failed)

    def save_plant(self) -> None:
        self.error.clear_message()
        self.ctx.call(purchasing_service.set_plant_tolerance, self.plant_pct.text(), write=True, owner=self,
                      on_success=lambda _p: self.refresh(), on_error=self._failed)

    def save_product(self) -> None:
        self.error.clear_message()
        self.ctx.call(purchasing_service.set_product_tolerance, self.tolerance_product.currentData(),
                      self.product_pct.text().strip() or None, write=True, owner=self,
                      on_success=lambda _p: self.refresh(), on_error=self._failed)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
