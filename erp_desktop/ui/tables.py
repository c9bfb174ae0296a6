"""One look and behaviour for every table view."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

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
    return view


def fit_columns(view: QTableView, max_width: int = 320) -> None:
    """Size columns to their contents once rows are in (not on every data change: that is slow)."""
    header = view.horizontalHeader()
    view.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)


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
