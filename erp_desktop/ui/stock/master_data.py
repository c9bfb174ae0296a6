"""Products, warehouses and suppliers: create, edit, deactivate (a record in use is never deleted)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Category, Unit
from erp_desktop.errors import QT_TRANSLATE_NOOP, ErpError, ValidationError
from erp_desktop.printing.labels import product_label, warehouse_label
from erp_desktop.printing.values import label_text
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_qty
from erp_desktop.ui.forms import ConfirmDiscard, EnterMovesFocus, ErrorLabel
from erp_desktop.ui.labels.print_dialog import open_label_dialog, selected_rows
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.stock.common import MUTED, category_label, with_error
from erp_desktop.ui.stock.issue_dialog import parse_qty
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import selected_row, set_rows_keeping_selection, setup_table


class RecordDialog(QDialog):
    """A small form for one master record; the service's refusals show under their field."""

    def __init__(self, ctx, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.ctx = ctx
        self.result_record = None
        ConfirmDiscard(self)
        self.form = QFormLayout()
        self._errors: dict[str, ErrorLabel] = {}
        self._fields: list[QWidget] = []
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("saveButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def add(self, label: str, widget: QWidget, field: str) -> QWidget:
        box, error = with_error(widget)
        self.form.addRow(label, box)
        self._errors[field] = error
        self._fields.append(widget)
        return widget

    def finish_form(self) -> None:
        EnterMovesFocus(self._fields, self.ok_button, self)
        self._fields[0].setFocus()

    def call(self):
        raise NotImplementedError

    def submit(self) -> None:
        self.error.clear_message()
        for label in self._errors.values():
            label.clear_message()
        try:
            fn, args, kwargs = self.call()
        except ValidationError as error:
            self._show(error)
            return
        self.ok_button.setEnabled(False)
        self.ctx.call(fn, *args, **kwargs, write=True, owner=self, on_success=self._saved, on_error=self._failed)

    def _saved(self, record) -> None:
        self.result_record = record
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self._show(error)

    def _show(self, error: ErpError) -> None:
        (self._errors.get(error.field or "") or self.error).show_message(error_text(error))


class ProductDialog(RecordDialog):
    def __init__(self, ctx, product=None, parent: QWidget | None = None):
        super().__init__(ctx, "", parent)
        self.setObjectName("productDialog")
        self.setWindowTitle(self.tr("New product") if product is None else
                            self.tr("Edit product {0}").format(product.sku))
        self.product = product
        self.sku = self.add(self.tr("SKU"), QLineEdit(product.sku if product else ""), "sku")
        self.sku.setObjectName("sku")
        self.name = self.add(self.tr("Name"), QLineEdit(product.name if product else ""), "name")
        self.name.setObjectName("name")
        self.unit = self.add(self.tr("Unit"), QComboBox(), "unit")
        for unit in Unit:
            self.unit.addItem(label_text(unit.label), unit.value)
        self.category = self.add(self.tr("Category"), QComboBox(), "category")
        for category in Category:
            self.category.addItem(category_label(category), category.value)
        self.grade = self.add(self.tr("Material grade"), QLineEdit(product.grade if product else ""), "grade")
        self.grade.setPlaceholderText(self.tr("for metal, e.g. 40X"))
        self.size = self.add(self.tr("Size"), QLineEdit(product.size if product else ""), "size")
        self.size.setPlaceholderText(self.tr("for metal, e.g. d40"))
        self.min_level = self.add(self.tr("Minimum level"), QLineEdit(str(product.min_level) if product else "0"),
                                  "min_level")
        self.min_level.setObjectName("minLevel")
        if product is not None:
            self.unit.setCurrentIndex(self.unit.findData(product.unit.value))
            self.category.setCurrentIndex(self.category.findData(product.category.value))
        self.category.currentIndexChanged.connect(self._category_changed)
        self._category_changed()
        self.finish_form()

    def _category_changed(self, *_args) -> None:
        metal = self.category.currentData() == Category.METAL.value
        for edit in (self.grade, self.size):
            edit.setToolTip("" if metal else self.tr("Mostly used for metal"))

    def call(self):
        min_level = parse_qty(self.min_level.text(), field="min_level", label=QT_TRANSLATE_NOOP("errors", "minimum level"), allow_zero=True)
        values = dict(sku=self.sku.text(), name=self.name.text(), unit=self.unit.currentData(),
                      category=self.category.currentData(), grade=self.grade.text(), size=self.size.text(),
                      min_level=min_level if min_level is not None else 0)
        if self.product is None:
            return stock_service.create_product, (), values
        return stock_service.update_product, (self.product.id,), dict(values, version=self.product.version)


class WarehouseDialog(RecordDialog):
    def __init__(self, ctx, warehouse=None, parent: QWidget | None = None):
        super().__init__(ctx, "", parent)
        self.setObjectName("warehouseDialog")
        self.setWindowTitle(self.tr("New warehouse") if warehouse is None else self.tr("Edit warehouse"))
        self.warehouse = warehouse
        self.code = self.add(self.tr("Code"), QLineEdit(warehouse.code if warehouse else ""), "code")
        self.name = self.add(self.tr("Name"), QLineEdit(warehouse.name if warehouse else ""), "name")
        self.finish_form()

    def call(self):
        values = dict(code=self.code.text(), name=self.name.text())
        if self.warehouse is None:
            return stock_service.create_warehouse, (), values
        return stock_service.update_warehouse, (self.warehouse.id,), dict(values, version=self.warehouse.version)


class SupplierDialog(RecordDialog):
    def __init__(self, ctx, supplier=None, parent: QWidget | None = None):
        super().__init__(ctx, "", parent)
        self.setObjectName("supplierDialog")
        self.setWindowTitle(self.tr("New supplier") if supplier is None else self.tr("Edit supplier"))
        self.supplier = supplier
        self.name = self.add(self.tr("Name"), QLineEdit(supplier.name if supplier else ""), "name")
        self.contact = self.add(self.tr("Contact"), QLineEdit(supplier.contact if supplier else ""), "contact")
        self.finish_form()

    def call(self):
        values = dict(name=self.name.text(), contact=self.contact.text())
        if self.supplier is None:
            return stock_service.create_supplier, (), values
        return stock_service.update_supplier, (self.supplier.id,), dict(values, version=self.supplier.version)


class RecordList(QWidget):
    """A table of one kind of record with New / Edit / Deactivate for those allowed."""

    def __init__(self, ctx, *, name: str, columns: list[Column], lister, dialog, set_active, topic: str,
                 allowed: bool, labeler=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{name}List")
        self._ctx, self._lister, self._dialog, self._set_active, self._topic = ctx, lister, dialog, set_active, topic
        inactive = lambda r: None if r.is_active else MUTED  # noqa: E731
        columns = [Column(c.header, c.value, c.text, c.align_right, c.color or inactive) for c in columns]
        columns.append(Column(self.tr("Active"), lambda r: r.is_active,
                              text=lambda v: self.tr("yes") if v else self.tr("no (deactivated)"), color=inactive))
        self.model = RowsTableModel(columns, self)
        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.model)
        setup_table(self.table, single=labeler is None)
        self.show_inactive = QCheckBox(self.tr("Show deactivated"))
        self.show_inactive.toggled.connect(lambda _c: self.refresh())
        self.new_button = QPushButton(self.tr("New..."))
        self.new_button.setObjectName(f"{name}New")
        self.edit_button = QPushButton(self.tr("Edit..."))
        self.edit_button.setObjectName(f"{name}Edit")
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.setObjectName(f"{name}Active")
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_record)
        self.active_button.clicked.connect(self.toggle_active)
        if allowed:
            self.table.doubleClicked.connect(lambda _i: self.edit_record())
        bar = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.active_button):
            button.setVisible(allowed)
            bar.addWidget(button)
        bar.addStretch(1)
        self._labeler = labeler
        if labeler is not None:  # e.g. product or shelf labels for the selected rows
            self.labels_button = QPushButton(self.tr("Print labels..."))
            self.labels_button.setObjectName(f"{name}Labels")
            self.labels_button.clicked.connect(self.print_labels)
            bar.addWidget(self.labels_button)
        bar.addWidget(self.show_inactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        install_table_actions(self.table, title=name.title())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        follow_changes(self, ctx.changes, lambda topic, _ids: self.refresh() if topic in (self._topic, "*") else None)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        self._ctx.call(self._lister, include_inactive=self.show_inactive.isChecked(), owner=self,
                       on_success=self._loaded)

    def _loaded(self, rows) -> None:
        set_rows_keeping_selection(self.table, rows)
        self._update_buttons()

    def selected(self):
        return selected_row(self.table)

    def print_labels(self):
        rows = selected_rows(self.table)
        if not rows:
            return None
        return open_label_dialog(self, [self._labeler(row) for row in rows], self.tr("Labels"))

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        if row is not None:
            self.active_button.setText(self.tr("Deactivate") if row.is_active else self.tr("Activate"))

    def dialog(self, record=None) -> RecordDialog:
        return self._dialog(self._ctx, record, self)

    def new_record(self) -> None:
        if self.dialog().exec():
            self.refresh()

    def edit_record(self) -> None:
        row = self.selected()
        if row is not None and self.dialog(row).exec():
            self.refresh()

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._ctx.call(self._set_active, row.id, not row.is_active, version=row.version, write=True, owner=self,
                       on_success=lambda _r: self.refresh())


class MasterDataView(QTabWidget):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("masterDataView")
        self.setDocumentMode(True)
        can_edit = ctx.actor.can(Op.MANAGE_STOCK_MASTER_DATA)
        self.products = RecordList(ctx, name="products", topic="products", allowed=can_edit,
                                   lister=stock_service.list_products, dialog=ProductDialog, labeler=product_label,
                                   set_active=stock_service.set_product_active, columns=[
                                       Column(self.tr("SKU"), lambda p: p.sku),
                                       Column(self.tr("Name"), lambda p: p.name),
                                       Column(self.tr("Unit"), lambda p: label_text(p.unit.label)),
                                       Column(self.tr("Category"), lambda p: p.category, text=category_label),
                                       Column(self.tr("Grade"), lambda p: p.grade),
                                       Column(self.tr("Size"), lambda p: p.size),
                                       Column(self.tr("Minimum"), lambda p: p.min_level, text=fmt_qty, align_right=True),
                                   ])
        self.warehouses = RecordList(ctx, name="warehouses", topic="warehouses", allowed=can_edit,
                                     lister=stock_service.list_warehouses, dialog=WarehouseDialog,
                                     labeler=warehouse_label,
                                     set_active=stock_service.set_warehouse_active, columns=[
                                         Column(self.tr("Code"), lambda w: w.code),
                                         Column(self.tr("Name"), lambda w: w.name),
                                     ])
        self.suppliers = RecordList(ctx, name="suppliers", topic="suppliers",
                                    allowed=ctx.actor.can(Op.MANAGE_SUPPLIERS),
                                    lister=stock_service.list_suppliers, dialog=SupplierDialog,
                                    set_active=stock_service.set_supplier_active, columns=[
                                        Column(self.tr("Name"), lambda s: s.name),
                                        Column(self.tr("Contact"), lambda s: s.contact),
                                    ])
        self.addTab(self.products, self.tr("Products"))
        self.addTab(self.warehouses, self.tr("Warehouses"))
        self.addTab(self.suppliers, self.tr("Suppliers"))
