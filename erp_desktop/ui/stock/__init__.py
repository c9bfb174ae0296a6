"""The Stock area: overview, lots, movement journal, reservations, master data, chart, reports,
and the operation dialogs (only those the signed-in role may use)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QToolBar, QVBoxLayout, QWidget

from erp_desktop.domain.codes import CodeKind
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import ReservationStatus
from erp_desktop.ui.stock.common import Catalog
from erp_desktop.ui.stock.issue_dialog import IssueDialog
from erp_desktop.ui.stock.journal import JournalView
from erp_desktop.ui.stock.lot_dialogs import AdjustDialog, LotOperationDialog, QualityDialog
from erp_desktop.ui.stock.lots import LotsView
from erp_desktop.ui.stock.overview import StockOverview
from erp_desktop.ui.stock.receive_dialog import ReceiveDialog
from erp_desktop.ui.stock.reservations import IssueReservationDialog, ReservationsView
from erp_desktop.ui.stock.reserve_dialog import ReserveDialog
from erp_desktop.ui.stock.transfer_dialog import TransferDialog

# (key, dialog class, permission, shortcut)
OPERATIONS = (
    ("receive", ReceiveDialog, Op.RECEIVE_STOCK, "F2"),
    ("issue", IssueDialog, Op.ISSUE_STOCK, "F3"),
    ("transfer", TransferDialog, Op.TRANSFER_STOCK, "F4"),
    ("adjust", AdjustDialog, Op.ADJUST_STOCK, "F6"),
    ("quality", QualityDialog, Op.CHANGE_QUALITY, "F7"),
    ("reserve", ReserveDialog, Op.RESERVE_STOCK, "F8"),
)


class StockView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stockView")
        self.ctx = ctx
        self.catalog = Catalog(ctx, self)
        self.overview = StockOverview(ctx, self.catalog)
        self.lots = LotsView(ctx, self.catalog)
        self.journal = JournalView(ctx, self.catalog)
        self.reservations = ReservationsView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stockTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, self.tr("Overview"))
        self.tabs.addTab(self.lots, self.tr("Lots"))
        self.tabs.addTab(self.journal, self.tr("Movements"))
        self.tabs.addTab(self.reservations, self.tr("Reservations"))
        self._add_optional_tabs()
        self.overview.open_lots.connect(self._show_lots)
        self.reservations.completed.connect(self._completed)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("stockToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.operation_actions: dict[str, QAction] = {}
        labels = {"receive": self.tr("Receive..."), "issue": self.tr("Issue..."), "transfer": self.tr("Transfer..."),
                  "adjust": self.tr("Adjust count..."), "quality": self.tr("Quality status..."),
                  "reserve": self.tr("Reserve...")}
        for key, _cls, op, shortcut in OPERATIONS:
            if not ctx.actor.can(op):
                continue  # only what this role may do is offered
            action = QAction(labels[key], self)
            action.setObjectName(f"{key}Action")
            action.setShortcut(QKeySequence(shortcut))
            # the whole window while Stock is the area shown (a hidden area's actions are off): F2-F8 work right
            # after switching here, wherever the focus is
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{labels[key].rstrip('.')} ({shortcut})")
            action.triggered.connect(lambda _checked=False, k=key: self.open_operation(k))
            self.toolbar.addAction(action)
            self.addAction(action)
            self.operation_actions[key] = action
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        if self.operation_actions:
            layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)

    def _add_optional_tabs(self) -> None:
        """Master data, chart and reports (kept apart so the area still opens if one fails to import)."""
        from erp_desktop.ui.stock.chart import StockChart
        from erp_desktop.ui.stock.master_data import MasterDataView
        from erp_desktop.ui.stock.reports import StockReportsView

        self.chart = StockChart(self.ctx, self.catalog)
        self.master_data = MasterDataView(self.ctx, self.catalog)
        self.reports = StockReportsView(self.ctx, self.catalog)
        self.tabs.addTab(self.chart, self.tr("Stock level chart"))
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self.tabs.addTab(self.master_data, self.tr("Products && warehouses"))

    # --- operations
    def open_operation(self, key: str, *, modal: bool = True):
        """Open an operation dialog preset from what is selected; returns the dialog."""
        cls = next(cls for k, cls, _op, _s in OPERATIONS if k == key)
        dialog = cls(self.ctx, self.catalog, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._preset(dialog)
        dialog.completed.connect(self._completed)
        if modal:
            dialog.open()
        else:
            dialog.show()
        return dialog

    def _preset(self, dialog) -> None:
        lot = self.lots.selected() if self.tabs.currentWidget() is self.lots else None
        row = self.overview.selected() if self.tabs.currentWidget() is self.overview else None
        if isinstance(dialog, LotOperationDialog):
            if lot is not None:
                dialog.preset(lot)
            return
        source = lot or row
        if source is not None:
            dialog.preset(source.product_id, source.warehouse_id)

    def _completed(self, document) -> None:
        """Our own operation: refresh what it touched now (live updates may be off)."""
        product_ids = sorted({m.product_id for m in document.movements})
        for view in (self.overview, self.lots, self.journal):
            view._on_change("stock", product_ids)
        self.reservations.refresh()
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.tr("Saved as document {0}").format(document.number), 8000)

    def _show_lots(self, product_id: int | None, warehouse_id, lot=None) -> None:
        self.lots.show_product(product_id, warehouse_id, lot=lot)
        self.tabs.setCurrentWidget(self.lots)

    def show_scanned(self, thing) -> None:
        """A scanned label: a lot selected in the Lots tab; a product's or a warehouse's lots; a document's
        movements in the journal."""
        if thing.kind == CodeKind.LOT:
            self._show_lots(thing.lot.product_id, thing.lot.warehouse_id, lot=thing.lot)
        elif thing.kind == CodeKind.PRODUCT:
            self._show_lots(thing.product.id, None)
        elif thing.kind == CodeKind.WAREHOUSE:
            self._show_lots(None, thing.warehouse.id)
        elif thing.kind == CodeKind.DOCUMENT:
            self.journal.show_document(thing.document.number)
            self.tabs.setCurrentWidget(self.journal)

    # --- headless check
    def smoke(self) -> None:
        """Visit every tab, open and close every dialog this role may use, build every report as a PDF."""
        for index in range(self.tabs.count()):
            self.tabs.setCurrentIndex(index)
            QApplication.processEvents()
        if self.overview.model.rowCount() == 0:
            raise AssertionError("the stock overview shows nothing")
        if self.lots.model.rowCount() == 0:
            raise AssertionError("no lots listed")
        if self.journal.model.rowCount() == 0:
            raise AssertionError("the movement journal shows nothing")
        self.journal.jump_to_end()
        self.journal.jump_to_start()
        for key in self.operation_actions:
            dialog = self.open_operation(key, modal=False)
            QApplication.processEvents()
            dialog.close()
        self._smoke_reservation()
        self.tabs.setCurrentWidget(self.overview)
        with tempfile.TemporaryDirectory(prefix="erp-stock-smoke-") as folder:
            written = self.reports.smoke(Path(folder))
            if not written:
                raise AssertionError("no stock report was written")
            self._smoke_labels(Path(folder))
            self._smoke_documents(Path(folder))
        self.chart.smoke()


    def _smoke_reservation(self) -> None:
        """The issue-in-part question of an open reservation (opened and closed, nothing issued)."""
        rows = [row for row in self.reservations.model.rows if row.status == ReservationStatus.OPEN]
        if rows:
            dialog = IssueReservationDialog(rows[0], self)
            QApplication.processEvents()
            if dialog.qty() != rows[0].qty:
                raise AssertionError("the reservation issue dialog does not offer all of it")
            dialog.reject()

    def _smoke_documents(self, folder: Path) -> None:
        """The journal's Print document: a receipt's and an issue's paper form each into a PDF."""
        from erp_desktop.printing import save_pdf
        from erp_desktop.ui.report_actions import build_report_now
        from erp_desktop.ui.stock.document_print import document_builder, document_request

        model, found = self.journal.model, {}
        for row in range(model.rowCount()):
            movement = model.row_at(row)
            if movement.kind.value in ("receipt", "issue") and movement.kind.value not in found:
                self.journal.table.selectRow(row)
                found[movement.kind.value] = build_report_now(
                    self.ctx, self.journal, document_request(self.journal.chosen_document), document_builder(self.ctx))
        if sorted(found) != ["issue", "receipt"]:
            raise AssertionError(f"the journal printed no receipt or issue document (found {sorted(found)})")
        for kind, report in found.items():
            if save_pdf(report, folder / f"document-{kind}.pdf") < 1:
                raise AssertionError(f"the {kind} document PDF has no page")

    def _smoke_labels(self, folder: Path) -> None:
        """Lot labels: the dialog with its preview, a 58 x 40 mm PDF, and a scanned label finding its lot."""
        from PySide6.QtGui import QColor

        from erp_desktop.printing.labels import format_by_key, save_labels_pdf
        from erp_desktop.services.labels.scan import find_by_code

        self.lots.table.selectRow(0)
        dialog = self.lots.print_labels()
        QApplication.processEvents()
        image = dialog.preview.pixmap().toImage()
        if image.isNull() or all(image.pixelColor(x, image.height() * 8 // 10) == QColor("white")
                                 for x in range(image.width())):
            raise AssertionError("the label preview shows no barcode")
        path = folder / "labels.pdf"
        save_labels_pdf(path, format_by_key("roll-58x40"), dialog.labels)
        if b"/MediaBox [0 0 164" not in path.read_bytes():
            raise AssertionError("the 58 x 40 label PDF has the wrong page size")
        code = dialog.labels[0].payload.translate(str.maketrans("L", "Д"))  # as typed on a Russian layout
        if find_by_code(self.ctx.db, self.ctx.actor, code).lots[0].id != self.lots.selected().id:
            raise AssertionError(f"scanning {code} did not find the labelled lot")
        dialog.close()


def create_view(ctx, parent=None):
    return StockView(ctx, parent)
