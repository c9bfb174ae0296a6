"""Bills of materials: the revisions list, the lines of the chosen one, the editor, the indented explosion
for an order size with costs, and where-used of the chosen component."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.materials import Sourcing
from erp_desktop.domain.roles import Op
from erp_desktop.errors import ErpError
from erp_desktop.printing import material_reports as builders
from erp_desktop.printing.values import label_text
from erp_desktop.services import materials as materials_service
from erp_desktop.ui.errors import error_text, show_error
from erp_desktop.ui.formatting import fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.materials.common import fmt_cost, fmt_value, materials_table, report_buttons
from erp_desktop.ui.stock.pickers import ProductField
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, selected_row

INDENT = "\u00a0\u00a0\u00a0\u00a0"




class BomEditorDialog(QDialog):
    """The lines of a new BOM (or a revision's): component, per unit, fixed per order, scrap %, make or buy."""

    def __init__(self, ctx, catalog, *, product_id: int | None = None, bom=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bomEditor")
        self.setWindowTitle(self.tr("Bill of materials"))
        self._ctx, self._catalog, self._bom = ctx, catalog, bom
        self.result_bom = None
        self.product = QComboBox()
        self.product.setObjectName("bomProduct")
        made = [p for p in catalog.active_products() if p.category in ("finished", "component")]
        for p in made:
            self.product.addItem(f"{p.sku} {p.name}", p.id)
        if bom is not None or product_id is not None:
            self.product.setCurrentIndex(max(self.product.findData(bom.product_id if bom else product_id), 0))
        self.product.setEnabled(bom is None)
        self.lines = QTableWidget(0, 5)
        self.lines.setObjectName("bomLines")
        self.lines.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Per unit"), self.tr("Fixed per order"),
                                              self.tr("Scrap %"), self.tr("Make/buy")])
        self.lines.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(self.tr("Add line"))
        add.setObjectName("bomAddLine")
        add.clicked.connect(lambda: self.add_line())
        remove = QPushButton(self.tr("Remove line"))
        remove.clicked.connect(lambda: self.lines.removeRow(self.lines.currentRow()))
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Product made")))
        layout.addWidget(self.product)
        layout.addWidget(self.lines, 1)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 420)
        for line in (bom.lines if bom else ()):
            self.add_line(line.component_id, line.qty_per_unit, line.fixed_qty, line.scrap_percent, line.sourcing)

    def add_line(self, component_id=None, per_unit=Decimal(1), fixed=Decimal(0), scrap=Decimal(0),
                 sourcing=Sourcing.BUY) -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        component = ProductField(self._ctx, self._catalog, object_name="bomComponent")
        if component_id is not None:
            component.set_product_id(component_id)
        component.resolved.connect(lambda: self._component_resolved(component))
        self.lines.setCellWidget(row, 0, component)
        self.lines.setRowHeight(row, max(self.lines.rowHeight(row), component.sizeHint().height()))
        for column, value in ((1, per_unit), (2, fixed), (3, scrap)):
            self.lines.setItem(row, column, QTableWidgetItem(f"{value.normalize():f}"))
        kind = QComboBox()
        for item in Sourcing:
            kind.addItem(label_text(item.label), item.value)
        kind.setCurrentIndex(kind.findData(Sourcing(sourcing).value))
        self.lines.setCellWidget(row, 4, kind)

    def _component_resolved(self, component: ProductField) -> None:
        """Scan or Enter on a component: on to its quantity per unit (the keyboard never leaves the table)."""
        for row in range(self.lines.rowCount()):
            if self.lines.cellWidget(row, 0) is component:
                self.lines.setCurrentCell(row, 1)
                self.lines.setFocus()
                return

    def values(self) -> list[dict]:
        rows = []
        for row in range(self.lines.rowCount()):
            def number(column, row=row):
                text = (self.lines.item(row, column).text() if self.lines.item(row, column) else "0").strip()
                try:
                    return Decimal(text.replace(",", ".") or "0")
                except InvalidOperation:
                    return text  # the service names the field
            component = self.lines.cellWidget(row, 0).product
            rows.append({"component_id": component.id if component else None, "qty_per_unit": number(1),
                         "fixed_qty": number(2), "scrap_percent": number(3),
                         "sourcing": self.lines.cellWidget(row, 4).currentData()})
        return rows

    def save(self) -> None:
        self.error.clear_message()
        for row in range(self.lines.rowCount()):
            component = self.lines.cellWidget(row, 0)
            if component.product is None:  # typed but not resolved: say which line, nothing is sent
                self.error.show_message(self.tr("Line {0}: scan or choose the component (Enter finds a SKU, "
                                                "a name or a lot number).").format(row + 1))
                component.setFocus()
                return
        if self._bom is None:
            self._ctx.call(materials_service.create_bom, product_id=self.product.currentData(), lines=self.values(),
                           write=True, owner=self, on_success=self._saved, on_error=self._failed)
        else:
            self._ctx.call(materials_service.set_bom_lines, self._bom.id, version=self._bom.version,
                           lines=self.values(), write=True, owner=self, on_success=self._saved, on_error=self._failed)

    def _saved(self, bom) -> None:
        self.result_bom = bom
        self.accept()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))


class BomsView(QWidget):
    """Revisions on the left; the chosen revision's lines, its explosion for an order size and where-used."""

    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bomsView")
        self._ctx, self._catalog = ctx, catalog
        self.bom = None
        self.exploded = None
        self.used = None
        self.list_model = RowsTableModel([
            Column(self.tr("SKU"), lambda b: b.sku), Column(self.tr("Product"), lambda b: b.name),
            Column(self.tr("Revision"), lambda b: b.revision),
            Column(self.tr("Active"), lambda b: b.is_active, text=lambda v: self.tr("yes") if v else ""),
            Column(self.tr("Lines"), lambda b: b.line_count, align_right=True),
        ], self)
        self.list = materials_table(self.list_model, "bomList", self.tr("Bills of materials"))
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._chosen())
        self.explosion_model = RowsTableModel([
            Column(self.tr("Level"), lambda r: r.level, align_right=True),
            Column(self.tr("SKU"), lambda r: INDENT * (r.level - 1) + r.sku),
            Column(self.tr("Component"), lambda r: r.name),
            Column(self.tr("Make/buy"), lambda r: label_text(r.sourcing.label)),
            Column(self.tr("Per unit"), lambda r: r.qty_per_unit, text=fmt_qty, align_right=True),
            Column(self.tr("Fixed"), lambda r: r.fixed_qty, text=fmt_qty, align_right=True),
            Column(self.tr("Scrap %"), lambda r: r.scrap_percent, text=fmt_qty, align_right=True),
            Column(self.tr("Required"), lambda r: r.required, text=fmt_qty, align_right=True),
            Column(self.tr("Unit"), lambda r: r.unit.value),
            Column(self.tr("Unit cost"), lambda r: r.unit_cost, text=fmt_cost, align_right=True),
            Column(self.tr("Cost"), lambda r: r.cost, text=fmt_value, align_right=True),
        ], self)
        self.explosion = materials_table(self.explosion_model, "bomExplosion", self.tr("BOM explosion"))
        self.explosion.selectionModel().selectionChanged.connect(lambda *_: self._component_chosen())
        self.used_model = RowsTableModel([
            Column(self.tr("Level"), lambda b: b.level, align_right=True), Column(self.tr("SKU"), lambda b: b.sku),
            Column(self.tr("Product"), lambda b: b.name), Column(self.tr("Revision"), lambda b: b.revision),
            Column(self.tr("Active"), lambda b: b.is_active, text=lambda v: self.tr("yes") if v else ""),
        ], self)
        self.used_table = materials_table(self.used_model, "whereUsed", self.tr("Where used"))
        self.order_qty = QLineEdit("1")
        self.order_qty.setObjectName("bomOrderQty")
        self.order_qty.setMaximumWidth(90)
        self.order_qty.editingFinished.connect(self.explode)
        self.summary = QLabel()
        self.summary.setObjectName("bomSummary")
        self.error = ErrorLabel()
        may_edit = ctx.actor.can(Op.MANAGE_BOMS)
        self.new_button = QPushButton(self.tr("New BOM..."))
        self.new_button.setObjectName("newBom")
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton(self.tr("Edit lines..."))
        self.edit_button.setObjectName("editBom")
        self.edit_button.clicked.connect(lambda: self.edit(self.bom))
        self.revision_button = QPushButton(self.tr("New revision"))
        self.revision_button.setObjectName("newRevision")
        self.revision_button.clicked.connect(self.new_revision)
        self.activate_button = QPushButton(self.tr("Make active"))
        self.activate_button.setObjectName("activateBom")
        self.activate_button.clicked.connect(self.activate)
        bar = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.revision_button, self.activate_button):
            button.setVisible(may_edit)
            bar.addWidget(button)
        bar.addStretch(1)
        sizing = QHBoxLayout()
        sizing.addWidget(QLabel(self.tr("Order size")))
        sizing.addWidget(self.order_qty)
        sizing.addStretch(1)
        sizing.addLayout(report_buttons(self, self.build_bom_report, name="bomReport"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addLayout(sizing)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.error)
        right_layout.addWidget(self.explosion, 3)
        used_bar = QHBoxLayout()
        used_label = QLabel(self.tr("Where the chosen component is used"))
        used_label.setWordWrap(True)
        used_bar.addWidget(used_label, 1)
        used_bar.addLayout(report_buttons(self, self.build_where_used_report, name="whereUsedReport"))
        right_layout.addLayout(used_bar)
        right_layout.addWidget(self.used_table, 1)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)
        ctx.changes.changed.connect(self._on_change)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        self._ctx.call(materials_service.list_boms, owner=self, on_success=self._listed)

    def _listed(self, rows) -> None:
        chosen = self.bom.id if self.bom else None
        self.list_model.set_rows(rows)
        fit_columns(self.list)
        for position, row in enumerate(rows):
            if row.id == chosen or (chosen is None and position == 0):
                self.list.selectRow(position)
                break

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic in ("*", "boms"):
            self.refresh()

    def _chosen(self) -> None:
        row = selected_row(self.list)
        if row is None:
            return
        self._ctx.call(materials_service.get_bom, row.id, owner=self, on_success=self._loaded,
                       on_error=self._failed)

    def _loaded(self, bom) -> None:
        self.bom = bom
        self._update_buttons()
        self.explode()

    def _update_buttons(self) -> None:
        has = self.bom is not None
        self.edit_button.setEnabled(has and not self.bom.parts_using)
        self.revision_button.setEnabled(has)
        self.activate_button.setEnabled(has and not self.bom.is_active)

    def _order_qty(self) -> str:
        return self.order_qty.text().strip().replace(",", ".") or "1"

    def explode(self) -> None:
        if self.bom is None:
            return
        self.error.clear_message()
        try:
            qty = Decimal(self._order_qty())
        except InvalidOperation:
            self.error.show_message(self.tr("Enter the order size as a number."))
            return
        self._ctx.call(materials_service.explode_bom, bom_id=self.bom.id, order_qty=qty, owner=self,
                       on_success=self._exploded, on_error=self._failed)

    def _exploded(self, exploded) -> None:
        self.exploded = exploded
        self.explosion_model.set_rows(exploded.rows)
        fit_columns(self.explosion)
        text = self.tr("{sku} rev. {rev}: estimated cost {cost} ({unit} per unit)").format(
            sku=exploded.sku, rev=exploded.revision, cost=fmt_value(exploded.total_cost),
            unit=fmt_cost(exploded.unit_cost))
        if exploded.unknown_cost:
            text += " \u2014 " + self.tr("no cost known for {0}").format(", ".join(exploded.unknown_cost))
        self.summary.setText(text)
        if exploded.rows:
            self.explosion.selectRow(0)

    def _component_chosen(self) -> None:
        row = selected_row(self.explosion)
        if row is not None:
            self._ctx.call(materials_service.where_used, row.component_id, owner=self, on_success=self._used,
                           on_error=self._failed)

    def _used(self, used) -> None:
        self.used = used
        self.used_model.set_rows(used.boms)
        fit_columns(self.used_table)

    def edit(self, bom) -> QDialog:
        dialog = BomEditorDialog(self._ctx, self._catalog, bom=bom, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.result_bom))
        dialog.open()
        return dialog

    def _saved(self, bom) -> None:
        self.bom = bom
        self.refresh()

    def new_revision(self) -> None:
        if self.bom is not None:
            self._ctx.call(materials_service.create_bom, product_id=self.bom.product_id,
                           copy_from_bom_id=self.bom.id, write=True, owner=self, on_success=self._saved,
                           on_error=self._shown)

    def activate(self) -> None:
        if self.bom is not None:
            self._ctx.call(materials_service.activate_bom, self.bom.id, version=self.bom.version, write=True,
                           owner=self, on_success=self._saved, on_error=self._shown)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def _shown(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        show_error(self, error)

    # --- reports
    def build_bom_report(self, ready) -> None:
        if self.exploded is not None:
            ready(builders.bom_report(self.exploded, organization=self._ctx.organization,
                                      printed_by=self._ctx.actor.full_name))

    def build_where_used_report(self, ready) -> None:
        if self.used is not None:
            ready(builders.where_used_report(self.used, organization=self._ctx.organization,
                                             printed_by=self._ctx.actor.full_name))
