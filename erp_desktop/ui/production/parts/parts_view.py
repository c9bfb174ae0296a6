"""The Parts area: filtered, server-sorted table of parts with a route progress bar per row,
a detail panel on the right, part create/edit/cancel/delete, the stage catalogue and reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.progress import PartStatus
from erp_desktop.domain.roles import Op
from erp_desktop.errors import ErpError, NotFound
from erp_desktop.printing import production_reports, save_pdf
from erp_desktop.printing.documents import route_card
from erp_desktop.services.production import parts as parts_service
from erp_desktop.ui.errors import confirm, show_error
from erp_desktop.ui.export import model_report
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.production.parts.part_detail import PartDetailPanel, load_part_panel
from erp_desktop.ui.production.parts.part_dialog import PartDialog
from erp_desktop.ui.production.parts.parts_model import PROGRESS_COLUMN, PartsPage, PartsTableModel
from erp_desktop.ui.production.parts.progress_delegate import StageProgressDelegate
from erp_desktop.ui.production.stages import StagesDialog
from erp_desktop.ui.refetch import each_or_none
from erp_desktop.ui.report_actions import build_report_now, report_button
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.tables import fit_columns, setup_table

ACTIVE = "active"
COLUMN_WIDTHS = (90, 130, 120, 66, 60, 66, 86, 84, 62)  # at most, so the progress bars keep their room


def spacer() -> QWidget:
    widget = QWidget()
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return widget


load_parts = each_or_none(parts_service.get_part)


class PartsView(QWidget):
    PAGE = 100

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partsView")
        self._ctx = ctx
        actor = ctx.actor

        # --- filters
        self.search = QLineEdit()
        self.search.setObjectName("partsSearch")
        self.search.setPlaceholderText(self.tr("Search code, name or customer  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("partsStatus")
        self.status.addItem(self.tr("Active (planned, in progress)"), ACTIVE)
        self.status.addItem(self.tr("All statuses"), None)
        for status, text in ((PartStatus.PLANNED, self.tr("Planned")), (PartStatus.IN_PROGRESS, self.tr("In progress")),
                             (PartStatus.DONE, self.tr("Done")), (PartStatus.CANCELLED, self.tr("Cancelled"))):
            self.status.addItem(text, status.value)
        self.customer = QComboBox()
        self.customer.setObjectName("partsCustomer")
        self.customer.addItem(self.tr("All customers"), None)
        for combo in (self.status, self.customer):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(max(len(self.status.itemText(i)) for i in range(self.status.count())))
        self.customer.setMinimumContentsLength(14)
        self.search.setMinimumWidth(120)
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.setObjectName("partsOverdue")
        self.count_label = QLabel()
        self.count_label.setObjectName("partsCount")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.customer.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)
        # a tool bar, so a narrow window folds the filters into its overflow menu
        filters = QToolBar()
        filters.setObjectName("partsFilters")
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search.setMaximumWidth(360)
        for widget in (self.search, QLabel(self.tr(" Status ")), self.status, QLabel(self.tr(" Customer ")), self.customer,
                       self.overdue, spacer(), self.count_label):
            filters.addWidget(widget)

        # --- table
        self.model = PartsTableModel(ctx.runner, self._fetcher(), self)
        self.table = QTableView()
        self.table.setObjectName("partsTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, StageProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        header.setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.model.sort_changed.connect(self.apply_filters)
        self.model.total_changed.connect(self._show_total)
        self._keep_selection: int | None = None  # a part id to select again once the rows are back
        self.model.rowsInserted.connect(self._reselect)
        self.model.loading_changed.connect(self._loading_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_part())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._columns_fitted = False
        self.model.rowsInserted.connect(self._fit_once)

        self.detail = PartDetailPanel(ctx)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("partsSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([980, 420])

        # --- toolbar
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("partsToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self.toolbar.addAction(self.tr("New part..."), self.new_part)
        self.new_action.setObjectName("newPartAction")
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.edit_action = self.toolbar.addAction(self.tr("Edit..."), self.edit_part)
        self.edit_action.setObjectName("editPartAction")
        self.cancel_action = self.toolbar.addAction(self.tr("Cancel part"), self.cancel_part)
        self.cancel_action.setObjectName("cancelPartAction")
        self.reopen_action = self.toolbar.addAction(self.tr("Reopen"), self.reopen_part)
        self.reopen_action.setObjectName("reopenPartAction")
        self.delete_action = self.toolbar.addAction(self.tr("Delete"), self.delete_part)
        self.delete_action.setObjectName("deletePartAction")
        for action in (self.new_action, self.edit_action):
            action.setVisible(actor.can(Op.EDIT_PARTS))
        for action in (self.cancel_action, self.reopen_action, self.delete_action):
            action.setVisible(actor.can(Op.DELETE_PARTS))
        self.toolbar.addSeparator()
        self.stages_action = self.toolbar.addAction(self.tr("Stages..."), self.open_stages)
        self.stages_action.setObjectName("stagesAction")
        self.stages_action.setVisible(actor.can(Op.MANAGE_STAGES))
        self.traveller_action = self.toolbar.addAction(self.tr("Print traveller..."), self.print_traveller)
        self.traveller_action.setObjectName("printTravellerAction")
        self.traveller_action.setToolTip(self.tr("A label with barcodes that goes with the job; scanning it in the "
                                            "shift journal selects the part"))
        self.toolbar.addSeparator()
        self.progress_report_button = report_button(
            ctx, self, self.tr("Parts progress report"), "partsProgressReportButton", self._progress_request,
            self._build_progress_report, lambda: self.tr("Parts progress"))
        self.route_card_button = report_button(
            ctx, self, self.tr("Route card"), "routeCardButton", self._route_card_request, self._build_route_card,
            lambda: self.tr("Route card {0}").format(self.selected_part().code if self.selected_part() else ""))
        for button in (self.progress_report_button, self.route_card_button):
            self.toolbar.addWidget(button).setVisible(actor.can(Op.VIEW_REPORTS))
        self.toolbar.addSeparator()
        self.table_actions = install_table_actions(self.table, title=self.tr("Parts"), report_builder=self._table_report)
        self.toolbar.addActions([self.table_actions.export_csv, self.table_actions.export_xlsx,
                                 self.table_actions.print_preview])

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(filters)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, activated=self.delete_part,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_part,
                  context=Qt.ShortcutContext.WidgetShortcut)

        follow_changes(self, ctx.changes, self._on_change)
        self._update_actions()
        self.load_customers()
        self.model.reload()

    # ------------------------------------------------------------------ loading
    def _fetcher(self):
        """Reads the filters now, on the GUI thread; the returned function runs on a worker."""
        status = self.status.currentData() if hasattr(self, "status") else ACTIVE
        if status == ACTIVE:
            status = [PartStatus.PLANNED.value, PartStatus.IN_PROGRESS.value]
        filters = dict(
            status=status,
            customer=self.customer.currentData() if hasattr(self, "customer") else None,
            overdue=True if hasattr(self, "overdue") and self.overdue.isChecked() else None,
            search=self.search.text().strip() if hasattr(self, "search") else "",
            sort=self.model.sort_key if hasattr(self, "model") else "deadline",
            descending=self.model.descending if hasattr(self, "model") else False,
        )
        ctx, limit = self._ctx, self.PAGE

        def fetch(cursor) -> PartsPage:
            db, actor = ctx.db, ctx.actor  # the actor of now: a new session after signing in again
            offset = cursor or 0
            page = parts_service.list_parts(db, actor, offset=offset, limit=limit, **filters)
            return PartsPage(page.rows, page.has_more, offset + len(page.rows), page.total)

        return fetch

    def apply_filters(self) -> None:
        self._search_timer.stop()
        selected = self.selected_part()
        if selected is not None:
            self._keep_selection = selected.id
        self.model.set_fetcher(self._fetcher())

    def _reselect(self, *_args) -> None:
        if self._keep_selection is not None and self.select_part(self._keep_selection):
            self._keep_selection = None

    def _loading_changed(self, loading: bool) -> None:
        if not loading and self._keep_selection is not None and not self.model.has_more:
            self._keep_selection = None  # not among the rows any more
        if not loading and self.selected_part() is None and self.detail.part_id is not None:
            if self.model.position_of(self.detail.part_id) is None and self._keep_selection is None:
                self.detail.clear()
        self._update_actions()

    def load_customers(self) -> None:
        self._ctx.call(parts_service.list_customers, on_success=self._customers_loaded, owner=self)

    def _customers_loaded(self, customers: list[str]) -> None:
        current = self.customer.currentData()
        self.customer.blockSignals(True)
        self.customer.clear()
        self.customer.addItem(self.tr("All customers"), None)
        for name in customers:
            self.customer.addItem(name, name)
        position = self.customer.findData(current)
        self.customer.setCurrentIndex(max(position, 0))
        self.customer.blockSignals(False)

    def _sort_clicked(self, column: int, order) -> None:
        if not self.model.sortable(column):
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(),
                                    Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            return
        self.model.sort(column, order)

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("%n part(s)", "", total))

    def _fit_once(self, *_args) -> None:
        if not self._columns_fitted and self.model.rowCount():
            self._columns_fitted = True
            fit_columns(self.table, max_width=150)
            for column, width in enumerate(COLUMN_WIDTHS):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), width))

    # ------------------------------------------------------------------ selection and detail
    def selected_part(self):
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_part(self, part_id: int) -> bool:
        position = self.model.position_of(part_id)
        if position is None:
            return False
        self.table.selectRow(position)
        self.table.scrollTo(self.model.index(position, 0))
        return True

    def _selection_changed(self, *_args) -> None:
        self._update_actions()
        part = self.selected_part()
        if part is None:
            self.detail.clear()
        elif part.id != self.detail.part_id:
            self.load_detail(part.id)

    def load_detail(self, part_id: int) -> None:
        self._ctx.call(load_part_panel, part_id, on_success=self._detail_loaded, on_error=self._detail_failed,
                       owner=self)

    def _detail_loaded(self, data) -> None:
        part = self.selected_part()
        if part is not None and part.id == data.detail.part.id:
            self.detail.show_data(data)

    def _detail_failed(self, error: Exception) -> None:
        if not isinstance(error, NotFound):
            raise error
        self.detail.clear()

    def _update_actions(self) -> None:
        part = self.selected_part()
        self.edit_action.setEnabled(part is not None)
        active = part is not None and part.status != PartStatus.CANCELLED
        self.cancel_action.setEnabled(active)
        self.reopen_action.setEnabled(part is not None and part.status == PartStatus.CANCELLED)
        self.delete_action.setEnabled(part is not None)
        self.route_card_button.setEnabled(part is not None)
        self.traveller_action.setEnabled(part is not None)

    def show_part(self, part) -> None:
        """A scanned traveller: the part found by its code, whatever its status, and selected."""
        for widget in (self.search, self.status, self.customer, self.overdue):
            widget.blockSignals(True)
        self.search.setText(part.code)
        self.status.setCurrentIndex(self.status.findData(None))
        self.customer.setCurrentIndex(0)
        self.overdue.setChecked(False)
        for widget in (self.search, self.status, self.customer, self.overdue):
            widget.blockSignals(False)
        self.table.clearSelection()
        self._keep_selection = part.id
        self.apply_filters()

    def print_traveller(self):
        part = self.selected_part()
        if part is None:
            return None
        from erp_desktop.printing.labels import part_label
        from erp_desktop.ui.labels.print_dialog import open_label_dialog

        return open_label_dialog(self, [part_label(part)], self.tr("Traveller {0}").format(part.code))

    # ------------------------------------------------------------------ live updates
    def _on_change(self, topic: str, ids: list) -> None:
        if topic == "*" or (topic in ("parts", "stages") and not ids):
            self.refresh()
            return
        if topic == "parts":
            self.refresh_parts([int(i) for i in ids])
        elif topic == "tasks" and self.detail.part_id is not None:
            self.load_detail(self.detail.part_id)

    def refresh(self) -> None:
        """Everything again: filters as they are, the selection kept."""
        self.load_customers()
        self.apply_filters()
        if self.detail.part_id is not None:
            self.load_detail(self.detail.part_id)

    def refresh_parts(self, part_ids: list[int]) -> None:
        shown = [part_id for part_id in part_ids if self.model.position_of(part_id) is not None]
        unseen = [part_id for part_id in part_ids if part_id not in shown]
        if unseen and not self.model.has_more:
            # a part not on screen: new, or now matching the filter; every row is loaded, so re-query
            self.refresh()
            return
        if shown:
            self._ctx.call(load_parts, shown, on_success=self._parts_reloaded, owner=self)

    def _parts_reloaded(self, found) -> None:
        for part_id, part in found:
            position = self.model.position_of(part_id)
            if position is None:
                continue
            if part is None:
                self.model.remove_row(position)
            else:
                self.model.replace_row(position, part)
                if part_id == self.detail.part_id:
                    self.load_detail(part_id)
        self._update_actions()

    # ------------------------------------------------------------------ commands
    def part_dialog(self, part=None) -> PartDialog:
        return PartDialog(self._ctx, part, self)

    def new_part(self) -> None:
        dialog = self.part_dialog()
        if dialog.exec():
            self._after_save(dialog.saved)

    def edit_part(self) -> None:
        part = self.selected_part()
        if part is None or not self._ctx.actor.can(Op.EDIT_PARTS):
            return
        dialog = self.part_dialog(part)
        if dialog.exec():
            self._after_save(dialog.saved)

    def _after_save(self, part) -> None:
        if part is None:
            return
        self._keep_selection = part.id
        self.model.set_fetcher(self._fetcher())
        self.load_detail(part.id)
        self.load_customers()

    def cancel_part(self) -> None:
        part = self.selected_part()
        if part is None or not confirm(self, self.tr("Cancel part"), self.tr(
                "Cancel part {0}? Its facts stay; no new facts can be recorded for it.").format(part.code)):
            return
        self._ctx.call(parts_service.cancel_part, part.id, version=part.version,
                       on_success=lambda p: self._parts_reloaded([(p.id, p)]), on_error=self._command_failed,
                       write=True, owner=self)

    def reopen_part(self) -> None:
        part = self.selected_part()
        if part is None:
            return
        self._ctx.call(parts_service.reopen_part, part.id, version=part.version,
                       on_success=lambda p: self._parts_reloaded([(p.id, p)]), on_error=self._command_failed,
                       write=True, owner=self)

    def delete_part(self) -> None:
        part = self.selected_part()
        if part is None or not self._ctx.actor.can(Op.DELETE_PARTS):
            return
        if not confirm(self, self.tr("Delete part"), self.tr("Delete part {0} for good?").format(part.code)):
            return
        self._ctx.call(parts_service.delete_part, part.id, version=part.version,
                       on_success=lambda _none: self._parts_reloaded([(part.id, None)]),
                       on_error=self._command_failed, write=True, owner=self)

    def _command_failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        show_error(self, error)
        part = self.selected_part()
        if part is not None:
            self.refresh_parts([part.id])

    def stages_dialog(self) -> StagesDialog:
        return StagesDialog(self._ctx, self)

    def open_stages(self) -> None:
        dialog = self.stages_dialog()
        dialog.exec()
        dialog.deleteLater()

    # ------------------------------------------------------------------ reports
    def _progress_request(self):
        return parts_service.parts_progress_report, dict(customer=self.customer.currentData())

    def _build_progress_report(self, data):
        return production_reports.parts_progress(data, organization=self._ctx.organization,
                                                 printed_by=self._ctx.actor.display_name)

    def _route_card_request(self):
        part = self.selected_part()
        return None if part is None else (parts_service.route_card, dict(part_id=part.id))

    def _build_route_card(self, data):
        return route_card(data, printed_by=self._ctx.actor.display_name)

    def _table_report(self):
        return model_report(self.model, title=self.tr("Parts"), organization=self._ctx.organization,
                            subtitle=self.status.currentText(), printed_by=self._ctx.actor.display_name,
                            landscape=True)

    # ------------------------------------------------------------------ smoke
    def smoke(self) -> None:
        """Headless check on the demo plant: filters, sorting, detail tabs, dialogs, every report as PDF."""
        if self.model.rowCount() == 0:
            raise AssertionError("no active parts listed")
        self.status.setCurrentIndex(self.status.findData(None))
        total = self.model.total
        self.overdue.setChecked(True)
        self.overdue.setChecked(False)
        self.search.setText(self.model.row_at(0).code)
        self.apply_filters()
        if self.model.rowCount() != 1:
            raise AssertionError("searching a part code did not find exactly that part")
        self.search.clear()
        self.apply_filters()
        for column in (0, 5, 7, 6):
            self.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
        if self.model.total != total:
            raise AssertionError("sorting changed the number of parts")
        started = next((i for i, p in enumerate(self.model.rows) if p.ready_qty or any(s.good for s in p.stages)), 0)
        self.table.selectRow(started)
        if self.detail.data is None:
            raise AssertionError("the part detail did not load")
        for index in range(self.detail.tabs.count()):
            self.detail.tabs.setCurrentIndex(index)
            QApplication.processEvents()
        self.detail.tabs.setCurrentIndex(0)
        for dialog in (self.part_dialog(), self.part_dialog(self.selected_part()), self.stages_dialog()):
            dialog.show()
            QApplication.processEvents()
            dialog.close()
            dialog.deleteLater()
        folder = Path(tempfile.mkdtemp(prefix="erp-parts-smoke-"))
        reports = {
            "parts_progress": build_report_now(self._ctx, self, self._progress_request, self._build_progress_report),
            "route_card": build_report_now(self._ctx, self, self._route_card_request, self._build_route_card),
            "parts_table": self._table_report(),
        }
        for name, report in reports.items():
            path = folder / f"{name}.pdf"
            save_pdf(report, path)
            if not path.read_bytes().startswith(b"%PDF"):
                raise AssertionError(f"{name} is not a PDF")
        self.status.setCurrentIndex(0)
