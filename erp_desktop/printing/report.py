"""A small builder for documents a plant files: title, key/value fields, tables, signatures.

The builder writes into a QTextDocument (text, no HTML, so nothing needs escaping).
``render.py`` lays it out on A4 pages with a header and a "Page N of M" footer on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from erp_desktop.printing.values import format_value, is_number

FONT_FAMILIES = ["Segoe UI", "Helvetica Neue", "Helvetica", "Arial", "Liberation Sans", "DejaVu Sans", "sans-serif"]
BASE_POINTS = 9.0
INK = QColor("#1a1a1a")
MUTED = QColor("#5f6670")
RULE = QColor("#9aa1aa")
HEADER_FILL = QColor("#e4e8ee")
STRIPE_FILL = QColor("#f5f7f9")


# Border widths, paddings and margins in QTextFormat are pixels of the layout's paint device,
# and Qt drops borders thinner than one pixel. Reports are laid out on a fixed 144 dpi device
# (one pixel = half a point, whatever the printer) and painted scaled to the real device.
LAYOUT_DPI = 144
_LAYOUT_DEVICE: QImage | None = None  # kept alive: the layout holds only a pointer to it


def pt(points: float) -> float:
    """Layout pixels for a length in typographic points."""
    return points * LAYOUT_DPI / 72


def layout_device() -> QImage:
    global _LAYOUT_DEVICE
    if _LAYOUT_DEVICE is None:
        _LAYOUT_DEVICE = QImage(1, 1, QImage.Format.Format_RGB32)
        _LAYOUT_DEVICE.setDotsPerMeterX(round(LAYOUT_DPI / 0.0254))
        _LAYOUT_DEVICE.setDotsPerMeterY(round(LAYOUT_DPI / 0.0254))
    return _LAYOUT_DEVICE


def lay_out_for_paper(document: QTextDocument) -> None:
    document.setUseDesignMetrics(True)  # glyph advances independent of the resolution
    # lines break between words only (Qt's default also breaks a long word anywhere: "Correspon|ding")
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    document.documentLayout().setPaintDevice(layout_device())


translate = QCoreApplication.translate


def base_font(points: float = BASE_POINTS, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _char(points: float = BASE_POINTS, *, bold: bool = False, color: QColor = INK) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(base_font(points, bold), QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll)
    fmt.setForeground(QBrush(color))
    return fmt


def _block(*, top: float = 0, bottom: float = 0, right: bool = False) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(pt(top))
    fmt.setBottomMargin(pt(bottom))
    fmt.setAlignment(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
    return fmt


def _solid(fmt: QTextTableCellFormat, *, top: float = 0, bottom: float = 0, color: QColor = RULE) -> None:
    for width, set_width, set_style, set_brush in (
        (top, fmt.setTopBorder, fmt.setTopBorderStyle, fmt.setTopBorderBrush),
        (bottom, fmt.setBottomBorder, fmt.setBottomBorderStyle, fmt.setBottomBorderBrush),
    ):
        if width:
            set_width(pt(width))
            set_style(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            set_brush(QBrush(color))


def column_shares(headers: Sequence[str], rows: Sequence[Sequence[str]], *, rigid: set[int],
                  given: Sequence[float | None] | None, available: float) -> list[float]:
    """Column widths in percent: numbers and dates get the room they need (never wrapped
    mid-number), text columns share the rest by their natural widths. ``given`` percentages win."""
    body = QFontMetricsF(base_font(), layout_device())
    header = QFontMetricsF(base_font(8.5, bold=True), layout_device())
    extra = pt(2 * 3 + 6)  # padding both sides, rules, and slack for rounding
    natural = [max([header.horizontalAdvance(h) * 1.12 for h in headers[c:c + 1]] +
                   [body.horizontalAdvance(row[c]) * 1.12 for row in rows if c < len(row)]) + extra
               for c in range(len(headers))]  # 1.12: bold totals
    given = list(given or [])
    fixed = {c: float(w) for c, w in enumerate(given) if w}
    free = [c for c in range(len(headers)) if c not in fixed]
    room = max(0.0, 100.0 - sum(fixed.values()))
    shares = [0.0] * len(headers)
    for c, width in fixed.items():
        shares[c] = width
    if not free:
        return shares
    need = {c: natural[c] / available * 100 for c in free}
    rigid_free = [c for c in free if c in rigid]
    flexible = [c for c in free if c not in rigid]
    if sum(need.values()) <= room or not flexible or sum(need[c] for c in rigid_free) >= room:
        scale = room / (sum(need.values()) or 1)
        for c in free:
            shares[c] = need[c] * scale
        return shares
    for c in rigid_free:
        shares[c] = need[c]
    left = room - sum(need[c] for c in rigid_free)
    weight = sum(need[c] for c in flexible)
    for c in flexible:
        shares[c] = left * need[c] / weight
    return shares


HEADER_POINTS = 8.5
SMALLEST_SCALE = 0.72  # 9 pt body text at its smallest 6.5 pt
CELL_EXTRA = 3 * 2 + 1.5  # points: padding both sides and the rule


def column_minimums(headers: Sequence[str], rows: Sequence[Sequence[str]], unbreakable: set[int],
                    scale: float = 1.0) -> list[float]:
    """Layout pixels each column needs at least: its longest word (a number cell whole), text ``scale``d."""
    body = QFontMetricsF(base_font(BASE_POINTS * scale, bold=True), layout_device())  # bold: the totals
    header = QFontMetricsF(base_font(HEADER_POINTS * scale, bold=True), layout_device())

    def widest(metrics: QFontMetricsF, text: str, whole: bool) -> float:
        words = [text] if whole else text.split()
        return max((metrics.horizontalAdvance(word) for word in words), default=0.0)

    return [max([widest(header, headers[c], False)] +
                [widest(body, row[c], c in unbreakable) for row in rows if c < len(row)]) * 1.04 + pt(CELL_EXTRA)
            for c in range(len(headers))]


def table_font_scale(headers: Sequence[str], rows: Sequence[Sequence[str]], unbreakable: set[int],
                     available: float) -> float:
    """How much smaller a table's text must be so that its columns, each as wide as its longest word (a
    number cell whole), fit the page: lines break between words only, so a word never splits and the
    table never runs off the page. 1.0 when it fits as it is."""
    available *= 0.96  # slack: Qt's own measure of a cell runs a little wider than ours
    need = sum(column_minimums(headers, rows, unbreakable))
    if need <= available:
        return 1.0
    fixed = pt(CELL_EXTRA) * len(headers)
    return max(SMALLEST_SCALE, (available - fixed) / max(need - fixed, 1.0))


def at_least(shares: list[float], minimums: list[float]) -> list[float]:
    """Percent shares raised to each column's minimum, the room taken from the columns above theirs (Qt widens
    a column to its longest word but narrows no other, so the table would run off the page)."""
    shares = list(shares)
    deficit = sum(max(0.0, m - s) for s, m in zip(shares, minimums, strict=True))
    spare = sum(max(0.0, s - m) for s, m in zip(shares, minimums, strict=True))
    if deficit <= 0 or spare <= 0:
        return shares
    take = min(1.0, deficit / spare)
    return [m if s < m else s - (s - m) * take for s, m in zip(shares, minimums, strict=True)]


class Report:
    """Build a report top to bottom; ``document()`` gives the QTextDocument."""

    def __init__(self, title: str, organization: str, subtitle: str = "", printed_by: str = "", *,
                 landscape: bool = False, printed_at: datetime | None = None):
        self.title = title
        self.organization = organization
        self.subtitle = subtitle
        self.printed_by = printed_by
        self.landscape = landscape
        self.printed_at = printed_at or datetime.now().astimezone()
        self._doc = QTextDocument()  # no layout until rendered: a live layout makes building slow
        self._doc.setUseDesignMetrics(True)
        self._doc.setDefaultFont(base_font())
        self._doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
        self._doc.setUndoRedoEnabled(False)
        # every table as (its heading, headers, rows with the totals row last): what an export writes
        self.tables: list[tuple[str, list[str], list[list]]] = []
        self._heading = ""
        self._cursor = QTextCursor(self._doc)
        self._first_block = True
        self._write(title, _char(16, bold=True), _block(bottom=2))
        if subtitle:
            self._write(subtitle, _char(10.5, color=MUTED), _block(bottom=2))
        self._write("", _char(4), _block(bottom=4))

    # --- content
    def add_heading(self, text: str) -> Report:
        self._heading = text
        self._write(text, _char(11, bold=True), _block(top=10, bottom=4))
        return self

    def add_paragraph(self, text: str) -> Report:
        for line in str(text).splitlines() or [""]:
            self._write(line, _char(), _block(bottom=3))
        return self

    def add_note(self, text: str, *, right: bool = False) -> Report:
        """Small grey lines (e.g. a unified form's "approved by" notice at its top right)."""
        for line in str(text).splitlines() or [""]:
            self._write(line, _char(7.5, color=MUTED), _block(right=right))
        return self

    def add_page_break(self) -> Report:
        fmt = _block()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        self._write("", _char(), fmt)
        return self

    def add_fields(self, fields: Iterable[tuple[str, object]], *, pairs_per_row: int = 1) -> Report:
        """A key/value block ("Part: 1234-01", "Quantity: 12.000"), label column in grey."""
        fields = list(fields)
        if not fields:
            return self
        pairs = max(1, pairs_per_row)
        rows = (len(fields) + pairs - 1) // pairs
        fmt = self._table_format(border=0, padding=2)
        label_share, value_share = 100 / pairs * 0.32, 100 / pairs * 0.68
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, share)
                                       for _ in range(pairs) for share in (label_share, value_share)])
        table = self._insert_table(rows, pairs * 2, fmt)
        for position, (label, value) in enumerate(fields):
            row, column = divmod(position, pairs)
            self._fill(table, row, column * 2, f"{label}:" if label else "", _char(color=MUTED))
            self._fill(table, row, column * 2 + 1, format_value(value), _char(bold=True))
        self._after_table()
        return self

    def add_table(self, headers: Sequence[str], rows: Iterable[Sequence], align_right: set[int] | None = None,
                  totals: Sequence | None = None, column_widths: Sequence[float | None] | None = None) -> Report:
        """A ruled table; the header row repeats on every page.

        ``align_right`` defaults to the columns holding numbers. ``totals`` is one more row, bold,
        ruled above. ``column_widths`` are percentages of the page width (None: automatic).
        """
        rows = [list(row) for row in rows]
        columns = len(headers)
        self.tables.append((self._heading or self.title, [str(h) for h in headers],
                            rows + ([list(totals)] if totals is not None else [])))
        if align_right is None:
            align_right = {c for c in range(columns) if any(c < len(r) and is_number(r[c]) for r in rows)}
        texts = [[format_value(row[c] if c < len(row) else None) for c in range(columns)] for row in rows]
        total_texts = None if totals is None else [
            format_value(totals[c] if c < len(totals) else None) for c in range(columns)]
        rigid = {c for c in range(columns)
                 if rows and all(c >= len(r) or r[c] is None or is_number(r[c]) or isinstance(r[c], date)
                                 for r in rows)}
        # number columns never wrap ("1 000.00" on one line); a date-time may wrap between date and time
        numeric = {c for c in rigid if not any(c < len(r) and isinstance(r[c], datetime) for r in rows)}
        all_texts = texts + ([total_texts] if total_texts else [])
        scale = table_font_scale([str(h) for h in headers], all_texts, numeric, self._body_width())
        fmt = self._table_format(border=0.5, padding=3)
        fmt.setHeaderRowCount(1)
        shares = column_shares([str(h) for h in headers], texts + ([total_texts] if total_texts else []),
                               rigid=rigid, given=column_widths, available=self._body_width())
        available = self._body_width()
        minimums = [width / available * 100
                    for width in column_minimums([str(h) for h in headers], all_texts, numeric, scale)]
        shares = at_least(shares, minimums)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, share) for share in shares])
        table = self._insert_table(1 + len(rows) + (1 if totals is not None else 0), columns, fmt)

        header_cell = QTextTableCellFormat()
        header_cell.setBackground(QBrush(HEADER_FILL))
        _solid(header_cell, bottom=1.2, color=MUTED)
        header_char = _char(HEADER_POINTS * scale, bold=True)
        for column, text in enumerate(headers):
            self._fill(table, 0, column, str(text), header_char, right=column in align_right, cell=header_cell)

        stripe = QTextTableCellFormat()
        stripe.setBackground(QBrush(STRIPE_FILL))
        body_char = _char(BASE_POINTS * scale)
        for position, row_texts in enumerate(texts, start=1):
            for column, text in enumerate(row_texts):
                self._fill(table, position, column, text, body_char, right=column in align_right,
                           cell=stripe if position % 2 == 0 else None, nowrap=column in numeric)
        if totals is not None:
            total_cell = QTextTableCellFormat()
            _solid(total_cell, top=1.2, color=INK)
            total_char = _char(BASE_POINTS * scale, bold=True)
            for column, text in enumerate(total_texts):
                self._fill(table, len(rows) + 1, column, text, total_char,
                           right=column in align_right, cell=total_cell, nowrap=column in numeric)
        self._after_table()
        return self

    def add_signoff_table(self, headers: Sequence[str], rows: Iterable[Sequence],
                          blank_headers: Sequence[str] | None = None, **table_options) -> Report:
        """``add_table`` plus empty columns to sign by hand (by default "Signature" and "Date")."""
        if blank_headers is None:
            blank_headers = [translate("printing", "Signature"), translate("printing", "Date")]
        blanks = [None] * len(blank_headers)
        rows = [list(row) + blanks for row in rows]
        return self.add_table(list(headers) + list(blank_headers), rows, **table_options)

    def add_signatures(self, roles: Sequence[str], *, per_row: int = 3) -> Report:
        """A line to sign on for each role, with "name, signature, date" under it."""
        roles = list(roles)
        if not roles:
            return self
        per_row = max(1, min(per_row, len(roles)))
        groups = [roles[i:i + per_row] for i in range(0, len(roles), per_row)]
        columns = per_row * 2 - 1  # a narrow gap column between two signature columns
        gap = 6.0 if per_row > 1 else 0.0
        line_share = (100 - gap * (per_row - 1)) / per_row
        fmt = self._table_format(border=0, padding=2)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, gap if c % 2 else line_share)
                                       for c in range(columns)])
        fmt.setTopMargin(pt(14))
        table = self._insert_table(len(groups) * 3, columns, fmt)
        line = QTextTableCellFormat()
        _solid(line, bottom=0.8, color=INK)
        for group_index, group in enumerate(groups):
            top = group_index * 3
            for index, role in enumerate(group):
                column = index * 2
                self._fill(table, top, column, " ", _char(18), cell=line)
                self._fill(table, top + 1, column, role, _char(bold=True))
                self._fill(table, top + 2, column, translate("printing", "Name, signature, date"), _char(7.5, color=MUTED))
        self._after_table()
        return self

    def document(self) -> QTextDocument:
        return self._doc

    # --- internals
    def _write(self, text: str, char: QTextCharFormat, block: QTextBlockFormat) -> None:
        if self._first_block:
            self._cursor.setBlockFormat(block)
            self._cursor.setBlockCharFormat(char)
            self._first_block = False
        else:
            self._cursor.insertBlock(block, char)
        self._cursor.insertText(text, char)

    def _body_width(self) -> float:
        """Layout pixels between the page margins (A4 less 2 x 15 mm)."""
        millimetres = (297 if self.landscape else 210) - 30
        return millimetres / 25.4 * LAYOUT_DPI

    @staticmethod
    def _table_format(*, border: float, padding: float) -> QTextTableFormat:
        fmt = QTextTableFormat()
        fmt.setBorderCollapse(True)
        fmt.setBorder(pt(border))
        fmt.setBorderBrush(QBrush(RULE))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid if border
                           else QTextFrameFormat.BorderStyle.BorderStyle_None)
        fmt.setCellPadding(pt(padding))
        fmt.setCellSpacing(0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setTopMargin(pt(2))
        fmt.setBottomMargin(pt(6))
        return fmt

    def _insert_table(self, rows: int, columns: int, fmt: QTextTableFormat) -> QTextTable:
        self._first_block = False
        return self._cursor.insertTable(rows, columns, fmt)

    def _after_table(self) -> None:
        self._cursor.movePosition(QTextCursor.MoveOperation.End)
        self._first_block = True  # the empty block Qt keeps after a table takes the next text

    @staticmethod
    def _fill(table: QTextTable, row: int, column: int, text: str, char: QTextCharFormat, *,
              right: bool = False, cell: QTextTableCellFormat | None = None, nowrap: bool = False) -> None:
        """``nowrap``: the cell's text stays on one line (numbers and dates: "1 000.00" never splits)."""
        table_cell = table.cellAt(row, column)
        cursor = table_cell.firstCursorPosition()
        if right or nowrap:
            block = _block(right=right)
            block.setNonBreakableLines(nowrap)
            cursor.setBlockFormat(block)
        cursor.insertText(text, char)
        # The cell's own format lives on the character that opens the cell; set it last, font
        # included (it sizes an empty cell), or a later block char format would wipe it.
        marker = QTextTableCellFormat()
        marker.merge(char)
        if cell is not None:
            marker.merge(cell)
        table_cell.setFormat(marker)
