"""Reading a plant's files: CSV (UTF-8 or Windows-1251, comma or semicolon, detected) and Excel (.xlsx).

A file is one or more sheets (a CSV file is one sheet); a sheet is its header row and its data rows, each row
kept with its number as the clerk sees it in the spreadsheet (the header is row 1), so every error can name
the row. Cells stay as the file holds them: text from CSV; numbers, dates and text from Excel. Fully empty
rows are skipped (their numbers are not reused).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError

MAX_FILE_BYTES = 200 * 1024 * 1024  # a master-data file is megabytes; more is the wrong file


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple], ...]  # (row number in the file, cells)


@dataclass(frozen=True)
class ImportFile:
    path: str
    sheets: tuple[Sheet, ...]
    encoding: str = ""  # CSV only: "utf-8" or "cp1251"
    delimiter: str = ""  # CSV only: "," or ";"


def _empty(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _sheet(name: str, raw_rows) -> Sheet:
    rows = iter(raw_rows)
    headers: tuple[str, ...] = ()
    header_row = 0
    for row in rows:  # the first row that is not empty holds the headers
        header_row += 1
        if not all(_empty(cell) for cell in row):
            headers = tuple("" if cell is None else str(cell).strip() for cell in row)
            break
    while headers and not headers[-1]:
        headers = headers[:-1]
    data = []
    for number, row in enumerate(rows, start=header_row + 1):
        cells = tuple(row[: len(headers)])
        if all(_empty(cell) for cell in cells):
            continue
        data.append((number, cells + (None,) * (len(headers) - len(cells))))
    return Sheet(name, headers, tuple(data))


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM) if it decodes, else Windows-1251."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1251"), "cp1251"


def detect_delimiter(text: str) -> str:
    """';' or ',': the one the header line uses more (a Russian Excel saves CSV with ';', decimal commas)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") >= first.count(",") and first.count(";") else ","


def read_csv_bytes(data: bytes, name: str = "CSV") -> ImportFile:
    text, encoding = decode_csv(data)
    delimiter = detect_delimiter(text)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return ImportFile(name, (_sheet(name, rows),), encoding, delimiter)


def read_xlsx(path: str | Path) -> ImportFile:
    import openpyxl  # here: only an Excel import loads it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} cannot be read as an Excel workbook ({reason})."),
                              name=Path(path).name, reason=str(error)) from None
    try:
        sheets = tuple(_sheet(sheet.title, sheet.iter_rows(values_only=True)) for sheet in book.worksheets)
    finally:
        book.close()
    return ImportFile(str(path), tuple(sheet for sheet in sheets if sheet.headers))


def read_file(path: str | Path) -> ImportFile:
    """A .csv/.txt or .xlsx file as sheets; refused with a clear message when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} cannot be opened ({reason})."),
                              name=path.name, reason=error.strerror or str(error)) from None
    if size > MAX_FILE_BYTES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} is too large to import (over 200 MB)."),
                              name=path.name)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        result = read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        result = read_csv_bytes(path.read_bytes(), path.stem)
        result = ImportFile(str(path), result.sheets, result.encoding, result.delimiter)
    else:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "{name}: only CSV (.csv) and Excel (.xlsx) files can be imported."), name=path.name)
    if not any(sheet.rows for sheet in result.sheets):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} has no rows to import."), name=path.name)
    return result
