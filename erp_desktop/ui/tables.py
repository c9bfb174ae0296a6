"""One look and behaviour for every table view."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView
from shiboken6 import isValid

ROW_HEIGHT = 24


def setup_table(view: QTableView, *, single: bool = True, stretch_last: bool = True) -> QTableView:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if single
                          else QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.horizontalHeader().setHighlightSections(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # after the view's own column widths are set: no column narrower than its title (longer in Russian)
    QTimer.singleShot(0, lambda: isValid(view) and fit_headers(view))
    return view


HEADER_PADDING = 22  # the style sheet's section padding and border, and room for a sort arrow


def header_width(view: QTableView, column: int) -> int:
    """The width a column's title needs (the style sheet draws it semi-bold)."""
    text = view.model().headerData(column, Qt.Orientation.Horizontal) if view.model() is not None else None
    if not text:
        return 0
    font = QFont(view.horizontalHeader().font())
    font.setWeight(QFont.Weight.DemiBold)
    return QFontMetrics(font).horizontalAdvance(str(text)) + HEADER_PADDING


def fit_headers(view: QTableView) -> None:
    """Widen the columns whose title would be cut off; never narrows one."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        need = header_width(view, column)
        if header.sectionSize(column) < need and not header.isSectionHidden(column):
            header.resizeSection(column, need)


def fit_columns(view: QTableView, max_width: int = 320) -> None:
    """Size columns to their contents once rows are in (not on every data change: that is slow)."""
    header = view.horizontalHeader()
    view.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max(max_width, header_width(view, column)))


def selected_row(view: QTableView):
    """The DTO of the selected row of a view on a RowsTableModel, or None."""
    indexes = view.selectionModel().selectedRows()
    return view.model().row_at(indexes[0].row()) if indexes else None


def set_rows_keeping_selection(view: QTableView, rows) -> None:
    """Replace a RowsTableModel's rows (by id) and select again the record that was selected."""
    selected = selected_row(view)
    view.model().set_rows(rows)
    fit_columns(view)
    if selected is not None:
        for position, row in enumerate(rows):
            if row.id == selected.id:
                view.selectRow(position)
                break
