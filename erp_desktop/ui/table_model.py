"""Table models built from column specs.

``RowsTableModel`` holds a list of DTOs. ``KeysetTableModel`` fetches pages as the view
scrolls (canFetchMore/fetchMore) through the runner, so the GUI thread never waits.
Display text is prepared once per row, not per data() call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

RAW_ROLE = Qt.ItemDataRole.UserRole + 100  # the typed value (Decimal, date...) for exports
ROW_ROLE = Qt.ItemDataRole.UserRole + 101  # the whole DTO of the row

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None  # display text from the value; str() by default
    align_right: bool = False
    color: Callable[[Any], str | None] | None = None  # foreground colour name from the row
    background: Callable[[Any], str | None] | None = None


def _display(column: Column, row) -> str:
    value = column.value(row)
    if column.text is not None:
        return column.text(value)
    return "" if value is None else str(value)


class RowsTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list = []
        self._texts: list[list[str]] = []

    # --- our API
    @property
    def rows(self) -> list:
        return self._rows

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [self._prepare(row) for row in self._rows]
        self.endResetModel()

    def append_rows(self, rows: Sequence) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._texts.extend(self._prepare(row) for row in rows)
        self.endInsertRows()

    def replace_row(self, position: int, row) -> None:
        self._rows[position] = row
        self._texts[position] = self._prepare(row)
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self._columns) - 1))

    def row_at(self, position: int):
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def _prepare(self, row) -> list[str]:
        return [_display(column, row) for column in self._columns]

    # --- Qt overrides
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.align_right else _LEFT
        if role == RAW_ROLE:
            return column.value(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            name = column.color(row)
            return QBrush(QColor(name)) if name else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            name = column.background(row)
            return QBrush(QColor(name)) if name else None
        return None


@dataclass(frozen=True)
class Page:
    rows: tuple
    has_more: bool
    cursor: Any = None  # what to pass to fetch the next page


class KeysetTableModel(RowsTableModel):
    """Rows arrive in pages from ``fetch_page(cursor)`` (run off the GUI thread by the runner)."""

    loading_changed = Signal(bool)
    load_failed = Signal(object)

    def __init__(self, columns: Sequence[Column], runner, fetch_page: Callable[[Any], Page], parent=None):
        super().__init__(columns, parent)
        self._runner = runner
        self._fetch_page = fetch_page
        self._cursor = None
        self._has_more = True
        self._loading = False
        self._generation = 0

    def set_fetcher(self, fetch_page: Callable[[Any], Page]) -> None:
        self._fetch_page = fetch_page
        self.reload()

    def reload(self) -> None:
        """Forget all rows and load the first page (a filter or sort changed)."""
        self._generation += 1
        self._cursor = None
        self._loading = True  # a view asking for more during the reset gets nothing
        self.set_rows([])
        self._has_more = True
        self._request()

    @property
    def has_more(self) -> bool:
        return self._has_more

    @property
    def loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._request()

    def fetch_all(self) -> None:
        """For exports of the whole filtered table: keep fetching until the end (inline runner waits)."""
        while self.canFetchMore():
            self._request()

    def _request(self) -> None:
        self._loading = True
        self.loading_changed.emit(True)
        generation = self._generation
        cursor = self._cursor
        fetch = self._fetch_page
        self._runner.submit(
            lambda: fetch(cursor),
            lambda page: self._arrived(generation, page),
            lambda error: self._failed(generation, error),
            owner=self,
        )

    def _arrived(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return  # an older request, overtaken by a reload
        self._has_more = page.has_more
        self._cursor = page.cursor
        self.append_rows(page.rows)  # still "loading": no page is asked for during the insert
        self._loading = False
        self.loading_changed.emit(False)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._has_more = False
        self.loading_changed.emit(False)
        self.load_failed.emit(error)
        raise error  # on to the runner's default error channel
