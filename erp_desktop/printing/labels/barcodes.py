"""Code 128 and QR symbols painted with QPainter from the libraries' bar and module patterns
(python-barcode encodes Code 128, segno encodes QR; nothing goes through an image library).

Widths are whole device pixels per module, so every bar prints the same width on a 203 dpi label
printer as on a 300 dpi PDF; the symbol is centred in the space it gets."""

from __future__ import annotations

from functools import lru_cache

import segno
from barcode import Code128
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

CODE128_QUIET_MODULES = 10  # the standard's minimum quiet zone either side
QR_QUIET_MODULES = 2  # labels are small; 2 modules of white reads well on every scanner we tried
INK = QColor(0, 0, 0)
# One fixed data mask (ISO/IEC 18004 allows any of the eight; the format information tells the reader which).
# segno's search for the best-scoring mask costs 4 ms per code (100 ms for an A4 sheet of 24 labels), the
# encoding itself 0.5 ms; the search only trims the penalty score, which matters little for a 21 x 21 symbol.
QR_MASK = 2


@lru_cache(maxsize=4096)
def code128_bars(payload: str) -> tuple[tuple[tuple[int, int], ...], int]:
    """(first module, width in modules) of every bar, and the symbol's width in modules, from
    python-barcode's 1/0 module string."""
    modules = Code128(payload).build()[0]
    bars, start = [], None
    for position, module in enumerate(modules + "0"):
        if module == "1" and start is None:
            start = position
        elif module != "1" and start is not None:
            bars.append((start, position - start))
            start = None
    return tuple(bars), len(modules)


@lru_cache(maxsize=4096)
def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol's dark modules, row by row, without its quiet zone (error correction M)."""
    qr = segno.make_qr(payload, error="m", boost_error=False, mask=QR_MASK)
    return tuple(tuple(bool(dark) for dark in row) for row in qr.matrix)


def paint_code128(painter: QPainter, rect: QRectF, payload: str) -> QRectF:
    """Bars filling ``rect``'s height, as wide as whole pixels per module allow; returns the bars' rect."""
    bars, modules = code128_bars(payload)
    total = modules + 2 * CODE128_QUIET_MODULES
    module = max(1, int(rect.width() // total))
    width = modules * module
    left = round(rect.left() + (rect.width() - width) / 2)
    top, height = round(rect.top()), round(rect.height())
    for start, run in bars:
        painter.fillRect(left + start * module, top, run * module, height, INK)
    return QRectF(left, top, width, height)


def paint_qr(painter: QPainter, rect: QRectF, payload: str) -> QRectF:
    """The QR symbol in the largest square of whole-pixel modules that fits ``rect``; returns its rect."""
    matrix = qr_modules(payload)
    count = len(matrix)
    module = max(1, int(min(rect.width(), rect.height()) // (count + 2 * QR_QUIET_MODULES)))
    side = count * module
    left = round(rect.left() + (rect.width() - side) / 2)
    top = round(rect.top() + (rect.height() - side) / 2)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    for y, row in enumerate(matrix):
        x = 0
        while x < count:  # one rectangle per run of dark modules
            if row[x]:
                run = x
                while run < count and row[run]:
                    run += 1
                painter.drawRect(left + x * module, top + y * module, (run - x) * module, module)
                x = run
            else:
                x += 1
    painter.restore()
    return QRectF(left, top, side, side)
