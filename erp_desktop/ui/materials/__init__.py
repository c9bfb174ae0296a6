"""The Materials area: bills of materials (revisions, lines, indented explosion with cost, where-used) and the
shortage list of open parts. A part's own materials are a tab of the part detail (part_materials.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.errors import ErpError
from erp_desktop.printing import material_reports as builders
from erp_desktop.printing import save_pdf
from erp_desktop.services import materials as materials_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_date, fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.materials.boms import BomsView
from erp_desktop.ui.materials.common import materials_table, report_buttons
from erp_desktop.ui.stock.common import Catalog
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns


class ShortagesView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortagesView")
        self._ctx = ctx
        self.rows = ()
        self.model = RowsTableModel([
            Column(self.tr("Deadline"), lambda r: r.deadline, text=fmt_date), Column(self.tr("Part"), lambda r: r.code),
            Column(self.tr("SKU"), lambda r: r.sku), Column(self.tr("Component"), lambda r: r.name),
            Column(self.tr("Unit"), lambda r: r.unit.value),
            Column(self.tr("To issue"), lambda r: r.to_issue, text=fmt_qty, align_right=True),
            Column(self.tr("Reserved"), lambda r: r.reserved, text=fmt_qty, align_right=True),
            Column(self.tr("Available"), lambda r: r.available, text=fmt_qty, align_right=True),
            Column(self.tr("Short"), lambda r: r.short, text=fmt_qty, align_right=True),
        ], self)
        self.table = materials_table(self.model, "shortagesTable", self.tr("Material shortages"))
        self.error = ErrorLabel()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        hint = QLabel(self.tr("Open parts whose material is not covered by reserved or available stock"))
        hint.setWordWrap(True)
        bar.addWidget(hint, 1)
        bar.addWidget(refresh)
        bar.addLayout(report_buttons(self, self.build_report, name="shortageReport"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self._ctx.call(materials_service.list_shortages, owner=self, on_success=self._loaded, on_error=self._failed)

    def _loaded(self, rows) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        fit_columns(self.table)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def build_report(self, ready) -> None:
        ready(builders.shortage_report(self.rows, organization=self._ctx.organization,
                                       printed_by=self._ctx.actor.full_name))


class MaterialsView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("materialsView")
        self.ctx = ctx
        self.catalog = Catalog(ctx, self)
        self.boms = BomsView(ctx, self.catalog)
        self.shortages = ShortagesView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("materialsTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.boms, self.tr("Bills of materials"))
        self.tabs.addTab(self.shortages, self.tr("Shortages"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs, 1)

    def smoke(self) -> None:
        """Visit both tabs and write the BOM, where-used and shortage reports as PDFs."""
        for index in range(self.tabs.count()):
            self.tabs.setCurrentIndex(index)
            QApplication.processEvents()
        if self.boms.list_model.rowCount() == 0 or self.boms.explosion_model.rowCount() == 0:
            raise AssertionError("no bill of materials shown")
        with tempfile.TemporaryDirectory(prefix="erp-materials-smoke-") as folder:
            written = []
            for name, build in (("bom", self.boms.build_bom_report), ("where_used", self.boms.build_where_used_report),
                                ("shortages", self.shortages.build_report)):
                path = Path(folder) / f"{name}.pdf"
                build(lambda report, p=path: (save_pdf(report, p), written.append(p)))
            if len(written) != 3:
                raise AssertionError(f"materials reports written: {[p.name for p in written]}")


def create_view(ctx, parent=None):
    return MaterialsView(ctx, parent)
