"""Tables out to files and the clipboard: CSV, Excel (typed cells), tab-separated copy.

Cells are read from ``RAW_ROLE`` (the typed value: Decimal, date...) where the model gives
one, else from the display text. Numbers and dates go out as themselves (plain 1234.500,
2024-05-01), never as the grouped display text, so Excel and other programs read them.

When the language is Russian, CSV and the clipboard are written for a Russian Excel: a semicolon between
cells, a decimal comma (1234,5) and dates dd.mm.yyyy; .xlsx cells are typed whatever the language, money with
two decimals and quantities with three (the places the table shows).

Text that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage
return: a part named ``=HYPERLINK(...)``) goes out as text, never as a formula: in .xlsx as a
string cell with Excel's quote prefix, in CSV behind a single quote (OWASP's advice on CSV
injection). Anyone who may name a record could otherwise plant a formula for whoever exports.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEventLoop, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from erp_desktop.errors import ErpError
from erp_desktop.printing import Report
from erp_desktop.printing.values import local_datetime, russian
from erp_desktop.ui.table_model import RAW_ROLE

__all__ = ["RAW_ROLE", "Sheet", "copy_selection", "export_csv", "export_xlsx", "fetch_all", "model_report",
           "plain_text", "report_sheets", "spreadsheet_text", "write_csv", "write_xlsx"]

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
    """One CSV cell: as spreadsheet_text, with a leading single quote where the text would read as a formula."""
    if value is None:
        return ""
    text = spreadsheet_text(value)
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


def spreadsheet_text(value) -> str:
    """plain_text as the user's spreadsheet reads it: in Russian 1234,500, 01.05.2024, 01.05.2024 14:30:00."""
    if not russian():
        return plain_text(value)
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return plain_text(value).replace(".", ",")
    if isinstance(value, datetime):
        return local_datetime(value).strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return plain_text(value)


def csv_separator() -> str:
    """A Russian Excel splits CSV at semicolons (its list separator; the comma is its decimal mark)."""
    return ";" if russian() else ","


@dataclass(frozen=True)
class Sheet:
    """One table to write: a title (the sheet's name in Excel), headers, rows of typed values, and for each row
    the text shown on screen (its decimal places become the cell's number format), if known."""

    title: str
    headers: list[str]
    rows: list[list]
    shown: list[list[str]] | None = None


def _rows(model: QAbstractItemModel) -> Iterator[tuple[list, list[str]]]:
    """(typed values, display texts) of every row."""
    columns = model.columnCount()
    for row in range(model.rowCount()):
        indexes = [model.index(row, column) for column in range(columns)]
        yield ([cell_value(model, index) for index in indexes],
               [str(model.data(index, _DISPLAY) or "") for index in indexes])


def _write_error(path: Path, error: OSError) -> ErpError:
    return ErpError(translate("export", "Could not write {path}: {reason}. If the file is open in another program "
                        "(Excel), close it and try again, or choose another name.").format(
        path=path, reason=error.strerror or error))


# --------------------------------------------------------------------------- CSV


def export_csv(model: QAbstractItemModel, path: str | os.PathLike) -> int:
    """All rows (lazy models fetched to the end) with a header row; UTF-8 with BOM for Excel.
    Returns the number of data rows written."""
    fetch_all(model)
    return write_csv(path, [Sheet("", _headers(model), [row for row, _shown in _rows(model)])])


def write_csv(path: str | os.PathLike, sheets: list[Sheet]) -> int:
    """Tables into one CSV file (a second table after an empty line, under its title); the data rows written."""
    path = Path(path)
    count = 0
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=csv_separator())
            for position, sheet in enumerate(sheets):
                if position:
                    writer.writerow([])
                if sheet.title and len(sheets) > 1:
                    writer.writerow([sheet.title])
                writer.writerow(sheet.headers)
                for row in sheet.rows:
                    writer.writerow([csv_text(value) for value in row])
                    count += 1
    except OSError as error:
        raise _write_error(path, error) from error
    return count


# --------------------------------------------------------------------------- Excel


MONEY_PLACES = 2
_SHOWN_PLACES = re.compile(r"\d[.,](\d+)\D*$")


def decimal_places(value: Decimal, shown: str = "") -> int:
    """The places a number cell shows in Excel: those the table shows (money 2, quantities 3, unit costs 4),
    else the value's own; a value carrying more than four (an exact amount) shows as money."""
    found = _SHOWN_PLACES.search(shown) if shown else None
    if found:
        return len(found.group(1))
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return MONEY_PLACES if places > 4 else places


def _decimal_format(value: Decimal, shown: str = "") -> str:
    places = decimal_places(value, shown)
    return "#,##0" + ("." + "0" * places if places else "")


def _xlsx_cell(value, shown: str = ""):
    """(value for openpyxl, number format or None)."""
    if isinstance(value, Decimal):
        return value, _decimal_format(value, shown)
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
    fetch_all(model)
    pairs = list(_rows(model))
    return write_xlsx(path, [Sheet(title or "Export", _headers(model), [row for row, _shown in pairs],
                                   [shown for _row, shown in pairs])])


def write_xlsx(path: str | os.PathLike, sheets: list[Sheet]) -> int:
    """Tables into one workbook, a sheet each; the data rows written."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook(write_only=True)
    used: set[str] = set()
    for sheet in sheets:
        name = _sheet_title(sheet.title or "Export")
        while name in used:
            name = name[:28] + f" {len(used) + 1}"
        used.add(name)
        _fill_sheet(book.create_sheet(name), sheet)
    try:
        book.save(path)
    except OSError as error:
        raise _write_error(path, error) from error
    return sum(len(sheet.rows) for sheet in sheets)


def _fill_sheet(sheet, data: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers, rows = data.headers, data.rows
    shown = data.shown or [[""] * len(row) for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        for column, value in enumerate(row[:len(widths)]):
            text = plain_text(value) if value is not None else ""
            if isinstance(value, Decimal | int) and not isinstance(value, bool) and abs(value) >= 1000:
                text += "," * (len(str(int(abs(value)))) // 3)  # room for the group separators
            widths[column] = max(widths[column], len(text))
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
    for row, texts in zip(rows, shown, strict=False):
        cells = []
        for column, value in enumerate(row):
            converted, number_format = _xlsx_cell(value, texts[column] if column < len(texts) else "")
            if reads_as_formula(converted):
                cells.append(_text_cell(sheet, converted, WriteOnlyCell))
            elif number_format is None:
                cells.append(converted)
            else:
                cell = WriteOnlyCell(sheet, value=converted)
                cell.number_format = number_format
                cells.append(cell)
        sheet.append(cells)


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
                text = spreadsheet_text(cell_value(model, model.index(row, column)))
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


def report_sheets(report: Report) -> list[Sheet]:
    """A printed report's tables (totals rows included) as sheets to export."""
    return [Sheet(heading, headers, [[value if value != "" else None for value in row] for row in rows])
            for heading, headers, rows in report.tables]


# --------------------------------------------------------------------------- printing a table


def model_report(model: QAbstractItemModel, *, title: str, organization: str, subtitle: str = "",
                 printed_by: str = "", landscape: bool | None = None) -> Report:
    """A report of the whole table as shown (every row fetched), for Print / Save as PDF."""
    fetch_all(model)
    headers = _headers(model)
    rows = [[value if value != "" else None for value in row] for row, _shown in _rows(model)]
    if landscape is None:
        landscape = len(headers) > 6
    report = Report(title, organization, subtitle=subtitle, printed_by=printed_by, landscape=landscape)
    report.add_table(headers, rows)
    report.add_paragraph(translate("export", "{count} rows").format(count=len(rows)))
    return report
