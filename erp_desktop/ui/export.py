"""Tables out to files and the clipboard: CSV, Excel (typed cells), tab-separated copy.

Cells are read from ``RAW_ROLE`` (the typed value: Decimal, date...) where the model gives
one, else from the display text. Numbers and dates go out as themselves (plain 1234.500,
2024-05-01), never as the grouped display text, so Excel and other programs read them.

Text that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage
return: a part named ``=HYPERLINK(...)``) goes out as text, never as a formula: in .xlsx as a
string cell with Excel's quote prefix, in CSV behind a single quote (OWASP's advice on CSV
injection). Anyone who may name a record could otherwise plant a formula for whoever exports.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEventLoop, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from erp_desktop.errors import ErpError
from erp_desktop.printing import Report
from erp_desktop.printing.values import local_datetime
from erp_desktop.ui.table_model import RAW_ROLE

__all__ = ["RAW_ROLE", "copy_selection", "export_csv", "export_xlsx", "fetch_all", "model_report", "plain_text"]

_DISPLAY = Qt.ItemDataRole.DisplayRole
XLSX_MAX_WIDTH = 60


translate = QCoreApplication.translate


# --------------------------------------------------------------------------- reading the model


def fetch_all(model: QAbstractItemModel, timeout_ms: int = 120_000) -> None:
    """Bring every row of a lazy model in (fetchMore until canFetchMore is False).

    A model that loads off the GUI thread (``loading`` true) is waited for, events running,
    so the export holds the whole table, not the rows that happened to be scrolled in.
    """
    root = QModelIndex()
    failures: list[Exception] = []
    load_failed = getattr(model, "load_failed", None)
    if load_failed is not None:
        load_failed.connect(failures.append)
    try:
        while True:
            if model.canFetchMore(root):
                model.fetchMore(root)
            elif getattr(model, "loading", False):
                loop = QEventLoop()
                model.loading_changed.connect(loop.quit)
                QTimer.singleShot(timeout_ms, loop.quit)
                loop.exec()
                model.loading_changed.disconnect(loop.quit)
                if getattr(model, "loading", False):
                    raise ErpError(translate("export", "The rows are taking too long to arrive; the file was not written. "
                                       "Try again, or narrow the filter."))
            else:
                break
            if failures:
                raise failures[0]
    finally:
        if load_failed is not None:
            load_failed.disconnect(failures.append)


def _headers(model: QAbstractItemModel) -> list[str]:
    return [str(model.headerData(c, Qt.Orientation.Horizontal, _DISPLAY) or "") for c in range(model.columnCount())]


def cell_value(model: QAbstractItemModel, index: QModelIndex):
    """The typed value of a cell if the model offers one (RAW_ROLE), else its display text."""
    raw = model.data(index, RAW_ROLE)
    if isinstance(raw, Decimal | int | float | date) and not isinstance(raw, bool):
        return raw
    text = model.data(index, _DISPLAY)
    return "" if text is None else str(text)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def reads_as_formula(value) -> bool:
    """Text a spreadsheet would evaluate; typed numbers (negatives too) are never this."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(value) -> str:
    """One CSV cell: as plain_text, with a leading single quote where the text would read as a formula."""
    text = plain_text(value)
    return "'" + text if reads_as_formula(value) else text


def plain_text(value) -> str:
    """One cell as text another program parses: 1234.500, 2024-05-01, 2024-05-01 14:30:00."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return local_datetime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _rows(model: QAbstractItemModel) -> Iterator[list]:
    columns = model.columnCount()
    for row in range(model.rowCount()):
        yield [cell_value(model, model.index(row, column)) for column in range(columns)]


def _write_error(path: Path, error: OSError) -> ErpError:
    return ErpError(translate("export", "Could not write {path}: {reason}. If the file is open in another program "
                        "(Excel), close it and try again, or choose another name.").format(
        path=path, reason=error.strerror or error))


# --------------------------------------------------------------------------- CSV


def export_csv(model: QAbstractItemModel, path: str | os.PathLike) -> int:
    """All rows (lazy models fetched to the end) with a header row; UTF-8 with BOM for Excel.
    Returns the number of data rows written."""
    path = Path(path)
    fetch_all(model)
    count = 0
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(_headers(model))
            for row in _rows(model):
                writer.writerow([csv_text(value) for value in row])
                count += 1
    except OSError as error:
        raise _write_error(path, error) from error
    return count


# --------------------------------------------------------------------------- Excel


def _decimal_format(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


def _xlsx_cell(value):
    """(value for openpyxl, number format or None)."""
    if isinstance(value, Decimal):
        return value, _decimal_format(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value, "0"
    if isinstance(value, float):
        return value, None
    if isinstance(value, datetime):
        return local_datetime(value).replace(tzinfo=None), "yyyy-mm-dd hh:mm"  # Excel has no time zones
    if isinstance(value, date):
        return value, "yyyy-mm-dd"
    return value, None


def _text_cell(sheet, text: str, cell_class):
    """A string cell for text openpyxl would otherwise store as a formula; the quote prefix also keeps
    Excel from evaluating it when someone edits the cell."""
    cell = cell_class(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet")[:31]


def export_xlsx(model: QAbstractItemModel, path: str | os.PathLike, *, title: str = "") -> int:
    """All rows to an .xlsx sheet: numbers as numbers with their places, dates as dates, header bold
    and frozen, an autofilter, columns sized to their contents. Returns the data rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    fetch_all(model)
    headers = _headers(model)
    rows = list(_rows(model))
    widths = [len(h) for h in headers]
    for row in rows:
        for column, value in enumerate(row):
            text = plain_text(value)
            if isinstance(value, Decimal | int) and not isinstance(value, bool) and abs(value) >= 1000:
                text += "," * (len(str(int(abs(value)))) // 3)  # room for the group separators
            widths[column] = max(widths[column], len(text))

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title or "Export"))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(XLSX_MAX_WIDTH, max(8, width + 2))
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            converted, number_format = _xlsx_cell(value)
            if reads_as_formula(converted):
                cells.append(_text_cell(sheet, converted, WriteOnlyCell))
            elif number_format is None:
                cells.append(converted)
            else:
                cell = WriteOnlyCell(sheet, value=converted)
                cell.number_format = number_format
                cells.append(cell)
        sheet.append(cells)
    try:
        book.save(path)
    except OSError as error:
        raise _write_error(path, error) from error
    return len(rows)


# --------------------------------------------------------------------------- clipboard


def selection_text(view: QTableView) -> str:
    """The selected cells as tab-separated rows (the smallest block holding them, in view order)."""
    selection = view.selectionModel()
    model = view.model()
    if selection is None or model is None:
        return ""
    indexes = [i for i in selection.selectedIndexes() if not view.isColumnHidden(i.column())]
    if not indexes:
        return ""
    header = view.horizontalHeader()
    rows = sorted({i.row() for i in indexes})
    columns = sorted({i.column() for i in indexes}, key=header.visualIndex)
    chosen = {(i.row(), i.column()) for i in indexes}
    lines = []
    for row in rows:
        cells = []
        for column in columns:
            if (row, column) in chosen:
                text = plain_text(cell_value(model, model.index(row, column)))
                cells.append(text.replace("\t", " ").replace("\r", " ").replace("\n", " "))
            else:
                cells.append("")
        lines.append("\t".join(cells))
    return "\n".join(lines)


def copy_selection(view: QTableView) -> str:
    """Put the selected cells on the clipboard as tab-separated text (pastes into Excel as cells)."""
    text = selection_text(view)
    if text:
        QApplication.clipboard().setText(text)
    return text


# --------------------------------------------------------------------------- printing a table


def model_report(model: QAbstractItemModel, *, title: str, organization: str, subtitle: str = "",
                 printed_by: str = "", landscape: bool | None = None) -> Report:
    """A report of the whole table as shown (every row fetched), for Print / Save as PDF."""
    fetch_all(model)
    headers = _headers(model)
    rows = [[value if value != "" else None for value in row] for row in _rows(model)]
    if landscape is None:
        landscape = len(headers) > 6
    report = Report(title, organization, subtitle=subtitle, printed_by=printed_by, landscape=landscape)
    report.add_table(headers, rows)
    report.add_paragraph(translate("export", "{count} rows").format(count=len(rows)))
    return report
