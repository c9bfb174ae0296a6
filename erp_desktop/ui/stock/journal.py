"""The movement journal as a lazy table over any number of movements: keyset pages as the view
scrolls, filters and the time order in SQL, and "jump to the end" that fetches the oldest page
directly (then extends upwards as the clerk scrolls up) instead of paging through everything."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.stock import MovementKind
from erp_desktop.errors import ErpError
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.export import model_report
from erp_desktop.ui.formatting import date_edit_format, fmt_datetime, fmt_qty
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.stock.common import MUTED, WarehouseCombo, fmt_cost, fmt_value, kind_label, quality_label
from erp_desktop.ui.stock.document_print import document_button, has_paper_form
from erp_desktop.ui.stock.lots import ProductFilter
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import RAW_ROLE, ROW_ROLE, Column, KeysetTableModel, Page
from erp_desktop.ui.tables import setup_table

PAGE_SIZE = 200
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ANSWERED = frozenset({Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                       Qt.ItemDataRole.BackgroundRole, RAW_ROLE, ROW_ROLE})
FIRST_PAGE_SIZE = 60  # a screenful and a half: the first rows show sooner; scrolling brings full pages


class JournalModel(KeysetTableModel):
    """A KeysetTableModel with a second way in: ``jump_to_end()`` loads the last page of the current
    order directly (the query run the other way round) and shows it at the bottom; ``fetch_earlier()``
    then prepends the pages above it as the view scrolls up. ``reload()`` goes back to the top."""

    tail_extended = Signal(int)  # rows prepended above

    def __init__(self, columns, runner, fetch_page, fetch_tail, parent=None):
        super().__init__(columns, runner, fetch_page, parent)
        self._fetch_tail = fetch_tail
        self.tail_mode = False
        self._tail_cursor = None
        self._tail_has_more = False
        self._tail_loading = False
        self._inserting = False

    def set_fetchers(self, fetch_page, fetch_tail) -> None:
        self._fetch_tail = fetch_tail
        self.set_fetcher(fetch_page)

    def reload(self) -> None:
        self.tail_mode = False
        self._tail_loading = False
        self._inserting = True  # nothing asks for a page of the old order while the rows are reset
        try:
            super().reload()
        finally:
            self._inserting = False

    @property
    def loading(self) -> bool:
        return super().loading or self._tail_loading

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # painting asks every visible cell for a dozen roles; answer the common ones without the general path
        if role == _DISPLAY:
            row = index.row()
            return self._texts[row][index.column()] if 0 <= row < len(self._texts) else None
        if role in _ANSWERED:
            return super().data(index, role)
        return None

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        # not while rows are going in: a view asking from inside the insert signals (an inline
        # runner answers at once) would get the next page inserted before this one
        return not self.tail_mode and not self._inserting and super().canFetchMore(parent)

    def append_rows(self, rows) -> None:
        self._inserting = True
        try:
            super().append_rows(rows)
        finally:
            self._inserting = False

    def jump_to_end(self) -> None:
        self._generation += 1  # a head page still on its way is dropped when it arrives
        self.tail_mode = True
        self._has_more = False
        self._loading = False
        self._tail_loading = True
        self.set_rows([])
        self._request_tail(None)

    def can_fetch_earlier(self) -> bool:
        return self.tail_mode and self._tail_has_more and not self._tail_loading

    def fetch_earlier(self) -> None:
        if self.can_fetch_earlier():
            self._request_tail(self._tail_cursor)

    def _request_tail(self, cursor) -> None:
        self._tail_loading = True
        self.loading_changed.emit(True)
        generation, fetch = self._generation, self._fetch_tail
        self._runner.submit(lambda: fetch(cursor), lambda page: self._tail_arrived(generation, page),
                            lambda error: self._failed(generation, error), owner=self)

    def _tail_arrived(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._tail_has_more = page.has_more
        self._tail_cursor = page.cursor
        rows = list(reversed(page.rows))  # fetched from the far end inwards; shown in the table's order
        if rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._rows[0:0] = rows
            self._texts[0:0] = [self._prepare(row) for row in rows]
            self.endInsertRows()
        self._tail_loading = False  # only now: the insert signals must not ask for the next page
        self.loading_changed.emit(False)
        self.tail_extended.emit(len(rows))

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._tail_loading = False
        super()._failed(generation, error)


def _qty_color(m) -> str | None:
    return "#1b7f3b" if m.qty > 0 else "#b00020" if m.qty < 0 else MUTED


def _quality_text(m) -> str:
    if m.quality_to and m.quality_from:
        return f"{quality_label(m.quality_from)} \u2192 {quality_label(m.quality_to)}"
    return quality_label(m.quality_to)


class _JumpKeys(QObject):
    """Ctrl+End / Ctrl+Home on the table jump to the end or the start (instead of the view's own
    move to the last row already loaded)."""

    def __init__(self, view: JournalView):
        super().__init__(view.table)
        self._view = view

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.key() == Qt.Key.Key_End:
                self._view.jump_to_end()
                return True
            if event.key() == Qt.Key.Key_Home:
                self._view.jump_to_start()
                return True
        return False


class JournalView(QWidget):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stockJournal")
        self._ctx = ctx
        self.oldest_first = False
        self._pending_end = False
        columns = [
            Column(self.tr("When"), lambda m: m.at, text=fmt_datetime),
            Column(self.tr("Document"), lambda m: m.document_number),
            Column(self.tr("Kind"), lambda m: m.kind, text=kind_label),
            Column(self.tr("SKU"), lambda m: m.sku),
            Column(self.tr("Product"), lambda m: m.product_name),
            Column(self.tr("Warehouse"), lambda m: m.warehouse_name),
            Column(self.tr("Lot"), lambda m: m.lot_number),
            Column(self.tr("Quantity"), lambda m: m.qty, text=lambda v: fmt_qty(v) if v else "", align_right=True,
                   color=_qty_color),
            Column(self.tr("Unit"), lambda m: m.unit.value),
            Column(self.tr("Reserved"), lambda m: m.reserved_delta, text=lambda v: fmt_qty(v) if v else "",
                   align_right=True),
            Column(self.tr("Unit cost"), lambda m: m.unit_cost, text=fmt_cost, align_right=True),
            Column(self.tr("Value"), lambda m: m.value, text=lambda v: fmt_value(v) if v else "", align_right=True),
            Column(self.tr("Quality"), lambda m: _quality_text(m)),
            Column(self.tr("User"), lambda m: m.username),
            Column(self.tr("Reason"), lambda m: m.reason),
        ]
        forward, backward = self._fetchers()
        self.model = JournalModel(columns, ctx.runner, forward, backward, self)
        self.table = QTableView()
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        for column, width in enumerate((118, 92, 92, 110, 190, 110, 110, 84, 44, 80, 84, 96, 150, 80)):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)

        self.product = ProductFilter(catalog, self.tr("All products"))
        self.product.setObjectName("journalProduct")
        self.warehouse = WarehouseCombo(catalog, self.tr("All warehouses"), include_inactive=True)
        self.warehouse.setObjectName("journalWarehouse")
        self.kind = QComboBox()
        self.kind.setObjectName("journalKind")
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in MovementKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.use_dates = QCheckBox(self.tr("From"))
        self.use_dates.setObjectName("journalUseDates")
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
            edit.dateChanged.connect(lambda _d: self.apply_filters() if self.use_dates.isChecked() else None)
        self.document = QLineEdit()
        self.document.setObjectName("journalDocument")
        self.document.setPlaceholderText(self.tr("Document no."))
        self.document.setClearButtonEnabled(True)
        self.document.setMaximumWidth(130)
        self.document.returnPressed.connect(self.apply_filters)
        self.document.textChanged.connect(lambda text: self.apply_filters() if not text else None)
        for combo in (self.product, self.warehouse, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.use_dates.toggled.connect(lambda _c: self.apply_filters())
        self.top_button = QPushButton(self.tr("Newest"))
        self.top_button.setObjectName("journalTop")
        self.top_button.setToolTip(self.tr("Back to the start of the list (Ctrl+Home)"))
        self.top_button.clicked.connect(self.jump_to_start)
        self.end_button = QPushButton(self.tr("Jump to end"))
        self.end_button.setObjectName("journalEnd")
        self.end_button.setToolTip(self.tr("Show the last rows at once (Ctrl+End)"))
        self.end_button.clicked.connect(self.jump_to_end)
        self.count_button = QPushButton(self.tr("Count"))
        self.count_button.setObjectName("journalCount")
        self.count_button.setToolTip(self.tr("Count the movements that match the filter"))
        self.count_button.clicked.connect(self.count)
        for text, keys, slot in ((self.tr("Jump to end"), "Ctrl+End", self.jump_to_end),
                                 (self.tr("Back to start"), "Ctrl+Home", self.jump_to_start),
                                 (self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.apply_filters)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.status = QLabel()
        self.status.setObjectName("journalStatus")
        self.status.setStyleSheet(f"color: {MUTED};")
        self.new_rows = QLabel()
        self.new_rows.setObjectName("journalNewRows")
        self.new_rows.setStyleSheet("color: #1d4ed8;")

        bar = QHBoxLayout()
        bar.addWidget(self.product, 2)
        bar.addWidget(self.warehouse, 1)
        bar.addWidget(self.kind, 1)
        bar.addWidget(self.document)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.date_to)
        bar.addStretch(1)
        bar.addWidget(self.top_button)
        bar.addWidget(self.end_button)
        self.print_document = document_button(ctx, self, self.chosen_document, "journalPrintDocument")
        self.print_document.setEnabled(False)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.print_document)
        footer.addWidget(self.count_button)
        footer.addWidget(self.new_rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        self.actions = install_table_actions(self.table, title=self.tr("Stock movements"), report_builder=lambda: (
            model_report(self.model, title=self.tr("Stock movements"), organization=ctx.organization,
                         printed_by=ctx.actor.full_name, landscape=True)))
        preview_document = QAction(self.tr("Print document..."), self)
        preview_document.setObjectName("printDocumentAction")
        preview_document.triggered.connect(self.preview_document)
        separator = QAction(self)
        separator.setSeparator(True)
        self.table.addActions([separator, preview_document])
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.print_document.setEnabled(self.chosen_document() is not None))
        self.model.modelReset.connect(lambda: self.print_document.setEnabled(False))
        self.model.loading_changed.connect(self._update_status)
        self.model.tail_extended.connect(self._tail_extended)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.table.installEventFilter(_JumpKeys(self))
        follow_changes(self, ctx.changes, self._on_change)
        self._total: int | None = None
        self.apply_filters()

    # --- filters and order
    def _filters(self) -> dict:
        dates = self.use_dates.isChecked()
        kind = self.kind.currentData()
        filters = dict(product_id=self.product.currentData(), warehouse_id=self.warehouse.currentData(),
                       kind=kind, date_from=self.date_from.date().toPython() if dates else None,
                       date_to=self.date_to.date().toPython() if dates else None)
        return filters

    def _fetchers(self):
        """Read the filters now, on the GUI thread; the functions run on a worker."""
        filters = self._filters() if hasattr(self, "kind") else {}
        number = self.document.text().strip() if hasattr(self, "document") else ""
        ctx, oldest_first = self._ctx, self.oldest_first
        page_size, first_page_size = PAGE_SIZE, min(FIRST_PAGE_SIZE, PAGE_SIZE)

        def page(cursor, reverse: bool) -> Page:
            db, actor = ctx.db, ctx.actor  # the actor of now: a new session after signing in again
            extra = {}
            if number:
                try:
                    extra["document_id"] = stock_service.get_document(db, actor, number=number).id
                except ErpError:  # an unknown number simply matches nothing
                    return Page((), False, None)
            result = stock_service.list_movements(db, actor, after=cursor, oldest_first=oldest_first != reverse,
                                                  limit=page_size if cursor else first_page_size, **filters, **extra)
            return Page(result.rows, result.has_more, result.cursor or cursor)

        return (lambda cursor: page(cursor, False)), (lambda cursor: page(cursor, True))

    def chosen_document(self) -> tuple[int, str] | None:
        """The current row's document (id, number) when it has a paper form (receipt, issue, transfer)."""
        index = self.table.currentIndex()
        movement = self.model.data(index, ROW_ROLE) if index.isValid() else None
        if movement is None or not has_paper_form(movement.document_number):
            return None
        return movement.document_id, movement.document_number

    def preview_document(self) -> None:
        """Print preview of the current row's document form (context menu: Print document...)."""
        if self.chosen_document() is None:
            self.status.setText(self.tr("Select a row of a receipt, an issue or a transfer to print its document."))
            return
        self.print_document.menu().actions()[0].trigger()

    def show_document(self, number: str) -> None:
        """Every movement of one document, whatever the other filters said."""
        for widget in (self.product, self.warehouse, self.kind, self.use_dates, self.document):
            widget.blockSignals(True)
        self.product.setCurrentIndex(0)
        self.warehouse.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        self.document.setText(number)
        for widget in (self.product, self.warehouse, self.kind, self.use_dates, self.document):
            widget.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.new_rows.clear()
        self._pending_end = False
        self._total = None
        self.model.set_fetchers(*self._fetchers())

    def count(self) -> None:
        """How many movements match (on request: counting a million rows costs more than a page)."""
        if self.document.text().strip():
            return
        self._ctx.call(stock_service.count_movements, **self._filters(), owner=self, on_success=self._counted,
                       on_error=lambda error: None)

    def _counted(self, total: int) -> None:
        self._total = total if not self.document.text().strip() else None
        self._update_status()

    def _header_clicked(self, section: int) -> None:
        if section != 0:  # only the time order is kept in an index over a million rows
            self.table.horizontalHeader().setSortIndicator(
                0, Qt.SortOrder.AscendingOrder if self.oldest_first else Qt.SortOrder.DescendingOrder)
            return
        self.set_oldest_first(not self.oldest_first)

    def set_oldest_first(self, oldest_first: bool) -> None:
        self.oldest_first = oldest_first
        self.table.horizontalHeader().setSortIndicator(
            0, Qt.SortOrder.AscendingOrder if oldest_first else Qt.SortOrder.DescendingOrder)
        self.top_button.setText(self.tr("Oldest") if oldest_first else self.tr("Newest"))
        self.apply_filters()

    # --- jumping
    def jump_to_end(self) -> None:
        self._pending_end = True
        self.model.jump_to_end()

    def jump_to_start(self) -> None:
        self._pending_end = False
        self.new_rows.clear()
        self.model.reload()
        self.table.scrollToTop()

    def _tail_extended(self, count: int) -> None:
        bar = self.table.verticalScrollBar()
        if self._pending_end:
            self._pending_end = False
            last = self.model.rowCount() - 1
            if last >= 0:
                self.table.scrollToBottom()
                self.table.selectRow(last)
        elif count:
            bar.setValue(bar.value() + count)  # keep the rows the clerk was looking at in place
        self._update_status()

    def _scrolled(self, value: int) -> None:
        if value == self.table.verticalScrollBar().minimum() and self.model.can_fetch_earlier():
            self.model.fetch_earlier()

    def _update_status(self, *_args) -> None:
        shown = self.model.rowCount()
        order = self.tr("oldest first") if self.oldest_first else self.tr("newest first")
        where = self.tr("the end of the list") if self.model.tail_mode else self.tr("the start of the list")
        text = self.tr("{shown} rows loaded from {where} ({order})").format(shown=shown, where=where, order=order)
        if self._total is not None:
            text += self.tr(" of {total} movements").format(total=f"{self._total:,}".replace(",", "\u202f"))
        if self.model.loading:
            text += self.tr(" \u2014 loading\u2026")
        self.status.setText(text)

    # --- live updates
    def _on_change(self, topic: str, _ids: list) -> None:
        if topic == "*":
            self.apply_filters()
        elif topic in ("stock", "lots"):
            at_top = self.table.verticalScrollBar().value() == 0
            if not self.oldest_first and not self.model.tail_mode and at_top:
                self.apply_filters()  # new movements come in at the top the clerk is looking at
            else:
                self.new_rows.setText(self.tr("New movements recorded \u2014 F5 shows them"))
