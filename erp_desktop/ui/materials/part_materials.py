"""A part's "Materials" tab: its material plan (required, reserved, issued, returned, to issue, short), the
lots and cost an issue would take (the release preview), and the supply actions: reserve the plan, issue it,
return unused material into its lot, post output; the requisition and the cost sheet to print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.errors import ErpError
from erp_desktop.printing import material_reports as builders
from erp_desktop.services import materials as materials_service
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.errors import error_text, inform, show_error
from erp_desktop.ui.formatting import fmt_datetime, fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.materials.common import fmt_cost, fmt_value, materials_table, report_buttons
from erp_desktop.ui.materials.output_dialog import PostOutputDialog
from erp_desktop.ui.materials.return_dialog import ReturnDialog, returnable_lots
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, selected_row

SHORT = "#b00020"




class PartMaterialsTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partMaterials")
        self._ctx = ctx
        self.part_id: int | None = None
        self.plan = None
        self.preview = None
        self.return_dialog = None  # the open Return dialog (tests reach it after the cost sheet loads)
        self.plan_model = RowsTableModel([
            Column(self.tr("SKU"), lambda r: r.sku), Column(self.tr("Component"), lambda r: r.name),
            Column(self.tr("Unit"), lambda r: r.unit.value),
            Column(self.tr("Required"), lambda r: r.required, text=fmt_qty, align_right=True),
            Column(self.tr("Reserved"), lambda r: r.reserved, text=fmt_qty, align_right=True),
            Column(self.tr("Issued"), lambda r: r.issued, text=fmt_qty, align_right=True),
            Column(self.tr("Returned"), lambda r: r.returned, text=fmt_qty, align_right=True),
            Column(self.tr("To issue"), lambda r: r.to_issue, text=fmt_qty, align_right=True),
            Column(self.tr("Available"), lambda r: r.available, text=fmt_qty, align_right=True),
            Column(self.tr("Short"), lambda r: r.short, text=lambda v: fmt_qty(v) if v else "", align_right=True,
                   color=lambda r: SHORT if r.short else None),
        ], self)
        self.plan_table = materials_table(self.plan_model, "materialPlan", self.tr("Material plan"))
        self.lots_model = RowsTableModel([
            Column(self.tr("SKU"), lambda x: x[0]), Column(self.tr("Lot"), lambda x: x[1].lot_number),
            Column(self.tr("Received"), lambda x: x[1].received_at, text=fmt_datetime),
            Column(self.tr("Quantity"), lambda x: x[1].qty, text=fmt_qty, align_right=True),
            Column(self.tr("Unit cost"), lambda x: x[1].unit_cost, text=fmt_cost, align_right=True),
            Column(self.tr("Value"), lambda x: x[1].value, text=fmt_value, align_right=True),
        ], self)
        self.lots_table = materials_table(self.lots_model, "releasePreview", self.tr("Lots an issue would take"))
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("materialsWarehouse")
        self.warehouse.currentIndexChanged.connect(lambda _i: self.reload())
        self.summary = QLabel()
        self.summary.setObjectName("materialsSummary")
        self.summary.setWordWrap(True)
        self.error = ErrorLabel()
        actor = ctx.actor
        self.buttons = {}
        for key, text, op in (("reserve", self.tr("Reserve plan"), Op.RESERVE_STOCK),
                              ("issue", self.tr("Issue to part"), Op.ISSUE_STOCK),
                              ("return_", self.tr("Return..."), Op.ISSUE_STOCK),
                              ("post", self.tr("Post output..."), Op.POST_OUTPUT)):
            button = QPushButton(text)
            button.setObjectName(f"materials_{key}")
            button.setVisible(actor.can(op))
            button.clicked.connect(getattr(self, key))
            self.buttons[key] = button
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Warehouse")))
        bar.addWidget(self.warehouse, 1)
        actions = QGridLayout()  # two by two: the part detail is a narrow panel
        for n, button in enumerate(self.buttons.values()):
            actions.addWidget(button, n // 2, n % 2)
        actions.setColumnStretch(2, 1)
        printing = QHBoxLayout()
        printing.addWidget(QLabel(self.tr("Requisition")))
        printing.addLayout(report_buttons(self, self.build_requisition, name="requisition"))
        printing.addStretch(1)
        costing = QHBoxLayout()
        costing.addWidget(QLabel(self.tr("Cost sheet")))
        costing.addLayout(report_buttons(self, self.build_cost_sheet, name="costSheet"))
        costing.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plan_table)
        splitter.addWidget(self.lots_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        layout.addLayout(printing)
        layout.addLayout(costing)
        ctx.changes.changed.connect(self._on_change)
        self._ctx.call(stock_service.list_warehouses, owner=self, on_success=self._warehouses)

    def _warehouses(self, rows) -> None:
        self.warehouse.blockSignals(True)
        self.warehouse.clear()
        for w in rows:
            self.warehouse.addItem(w.name, w.id)
        self.warehouse.blockSignals(False)
        self.reload()

    def show_part(self, part_id: int | None) -> None:
        self.part_id = part_id
        self.reload()

    def _on_change(self, topic: str, ids: list) -> None:
        if topic in ("*", "stock", "reservations") or (topic == "parts" and self.part_id in ids):
            self.reload()

    def reload(self) -> None:
        self.error.clear_message()
        if self.part_id is None:
            self.plan_model.set_rows([])
            self.lots_model.set_rows([])
            return
        warehouse_id = self.warehouse.currentData()
        self._ctx.call(materials_service.get_material_plan, self.part_id, warehouse_id=warehouse_id, owner=self,
                       on_success=self._planned, on_error=self._failed)
        if warehouse_id is not None:
            self._ctx.call(materials_service.preview_release, self.part_id, warehouse_id=warehouse_id, owner=self,
                           on_success=self._previewed, on_error=self._failed)

    def _planned(self, plan) -> None:
        if plan.part_id != self.part_id:
            return
        self.plan = plan
        self.plan_model.set_rows(plan.rows)
        fit_columns(self.plan_table)
        if plan.bom_id is None:
            self.summary.setText(self.tr("This part names no BOM: set the product it makes (a technologist)."))
        else:
            self.summary.setText(self.tr(
                "Makes {sku} rev. {rev} \u00b7 issued {issued}, returned {returned} \u00b7 output posted {posted} "
                "of {ready} good, carrying {carried}").format(
                sku=plan.product_sku, rev=plan.revision, issued=fmt_value(plan.issued_value),
                returned=fmt_value(plan.returned_value), posted=plan.posted_qty, ready=plan.ready_qty,
                carried=fmt_value(plan.carried_value)))

    def _previewed(self, preview) -> None:
        if preview.part_id != self.part_id:
            return
        self.preview = preview
        self.lots_model.set_rows([(row.sku, piece) for row in preview.rows for piece in row.slices])
        fit_columns(self.lots_table)

    # --- actions
    def _write(self, fn, *args, **kwargs) -> None:
        if self.part_id is None or self.warehouse.currentData() is None:
            return
        self._ctx.call(fn, self.part_id, *args, write=True, owner=self, on_success=self._done,
                       on_error=self._shown, **kwargs)

    def reserve(self) -> None:
        self._write(materials_service.reserve_plan, warehouse_id=self.warehouse.currentData())

    def issue(self) -> None:
        self._write(materials_service.issue_to_part, warehouse_id=self.warehouse.currentData())

    def return_(self) -> None:
        """A slice of what was issued back into its lot: the lot from the plan's issued material."""
        if self.part_id is None:
            return
        self._ctx.call(materials_service.get_cost_sheet, self.part_id, owner=self, on_success=self._ask_return)

    def _ask_return(self, sheet) -> QDialog | None:
        """The Return dialog (lot, quantity, reason); None when nothing issued is left to return."""
        if not returnable_lots(sheet):
            inform(self, self.tr("Return"), self.tr("Nothing issued to this part is left to return."))
            return None
        dialog = ReturnDialog(self._ctx, sheet, parent=self)
        dialog.accepted.connect(lambda: self._done(dialog.result_document))
        dialog.open()
        self.return_dialog = dialog
        return dialog

    def post(self) -> QDialog | None:
        """The Post output dialog (warehouse, good pieces, reason); None when nothing is ready to post."""
        if self.plan is None:
            return None
        if self.plan.to_post <= 0:
            inform(self, self.tr("Post output"), self.tr(
                "Nothing to post: {0} good at the part's last stage, {1} already posted.").format(
                self.plan.ready_qty, self.plan.posted_qty))
            return None
        warehouses = [(self.warehouse.itemText(i), self.warehouse.itemData(i)) for i in range(self.warehouse.count())
                      if self.warehouse.itemData(i) is not None]
        dialog = PostOutputDialog(self._ctx, self.plan, warehouses, self.warehouse.currentData(), parent=self)
        dialog.accepted.connect(lambda: self._done(dialog.result_document))
        dialog.open()
        return dialog

    def _done(self, result) -> None:
        document = getattr(result, "document", result)
        self.reload()
        if document is not None:
            self._ctx.changes.emit_change("stock", sorted({m.product_id for m in document.movements}))
            inform(self, self.tr("Done"), self.tr("Saved as document {0}.").format(document.number))
        shortages = getattr(result, "shortages", ())
        if shortages:
            self.error.show_message(self.tr("Could not reserve: {0}").format(
                ", ".join(f"{r.sku} {fmt_qty(r.short)}" for r in shortages)))

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def _shown(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        show_error(self, error)
        self.reload()

    # --- reports
    def build_requisition(self, ready) -> None:
        if self.preview is not None and self.plan is not None:
            ready(builders.requisition_report(self.preview, part_code=self.plan.code, part_name=self.plan.name,
                                              warehouse=self.warehouse.currentText(),
                                              organization=self._ctx.organization,
                                              printed_by=self._ctx.actor.full_name))

    def build_cost_sheet(self, ready) -> None:
        if self.part_id is not None:
            org, who = self._ctx.organization, self._ctx.actor.full_name
            self._ctx.call(materials_service.get_cost_sheet, self.part_id, owner=self, on_error=self._failed,
                           on_success=lambda sheet: ready(builders.cost_sheet_report(sheet, organization=org,
                                                                                   printed_by=who)))

    def selected(self):
        return selected_row(self.plan_table)
