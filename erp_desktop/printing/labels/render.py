"""Labels on pages at their exact size: one routine paints a PDF, a printer, the preview and an image.

A roll label's page is the label (a 58 x 40 label is a 58 x 40 mm page, no margins, so a label printer's
driver has nothing to scale); an A4 sheet carries its labels in a grid.

    save_labels_pdf(path, format_by_key("roll-58x40"), [lot_label(lot, product)])
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter

from erp_desktop.errors import QT_TRANSLATE_NOOP, ErpError
from erp_desktop.printing.labels.barcodes import paint_code128, paint_qr
from erp_desktop.printing.labels.content import Label
from erp_desktop.printing.labels.formats import LabelFormat

PDF_DPI = 600  # bars snap to whole pixels: finer pixels keep the symbols' size closer to what was asked
MM_PER_INCH = 25.4
INK = QColor(0, 0, 0)


def page_layout(fmt: LabelFormat) -> QPageLayout:
    size = QPageSize(QSizeF(fmt.page_w_mm, fmt.page_h_mm), QPageSize.Unit.Millimeter, fmt.key,
                     QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def configure_label_printer(printer: QPrinter, fmt: LabelFormat) -> None:
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(fmt))
    printer.setDocName("labels")
    printer.setCreator("erp-desktop")


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def paint_label(painter: QPainter, rect: QRectF, label: Label, px_per_mm: float) -> None:
    """One label inside ``rect`` (device pixels): title and lines at the left, the QR code at the right,
    the Code 128 across the bottom with its payload in plain text under it."""
    mm = px_per_mm
    margin = (2 if rect.height() < 45 * mm else 3) * mm
    inner = rect.adjusted(margin, margin, -margin, -margin)
    gap = 1.2 * mm
    bar_h = min(max(inner.height() * 0.24, 7 * mm), 18 * mm)
    human_h = min(max(bar_h * 0.3, 2.4 * mm), 4 * mm)
    top_h = inner.height() - bar_h - human_h - gap
    qr_side = min(top_h, inner.width() * 0.4)
    painter.save()
    painter.setPen(INK)
    paint_qr(painter, QRectF(inner.right() - qr_side, inner.top(), qr_side, qr_side), label.payload)
    bars = paint_code128(painter, QRectF(inner.left(), inner.bottom() - bar_h - human_h, inner.width(), bar_h),
                         label.payload)
    painter.setFont(_font(human_h * 0.85))
    painter.drawText(QRectF(inner.left(), bars.bottom(), inner.width(), human_h),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label.payload)
    _paint_text(painter, QRectF(inner.left(), inner.top(), inner.width() - qr_side - gap, top_h), label, mm)
    painter.restore()


def _paint_text(painter: QPainter, area: QRectF, label: Label, mm: float) -> None:
    count = 1 + len(label.lines)
    line_h = min(area.height() / count, 5.5 * mm)
    title_font, text_font = _font(line_h * 0.8, bold=True), _font(line_h * 0.72)
    y = area.top()
    painter.setFont(title_font)
    painter.drawText(QRectF(area.left(), y, area.width(), line_h), Qt.AlignmentFlag.AlignVCenter,
                     QFontMetricsF(title_font).elidedText(label.title, Qt.TextElideMode.ElideRight, area.width()))
    painter.setFont(text_font)
    metrics = QFontMetricsF(text_font)
    for caption, value in label.lines:
        y += line_h
        text = metrics.elidedText(f"{caption}: {value}", Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(QRectF(area.left(), y, area.width(), line_h), Qt.AlignmentFlag.AlignVCenter, text)


def paint_page(painter: QPainter, fmt: LabelFormat, labels: Sequence[Label], page: int, px_per_mm: float) -> None:
    """The labels of one page (0-based)."""
    first = page * fmt.per_page
    for index, label in enumerate(labels[first:first + fmt.per_page], start=first):
        x, y = fmt.slot_mm(index)
        rect = QRectF(x * px_per_mm, y * px_per_mm, fmt.label_w_mm * px_per_mm, fmt.label_h_mm * px_per_mm)
        paint_label(painter, rect, label, px_per_mm)


def paint_pages(device: QPagedPaintDevice, fmt: LabelFormat, labels: Sequence[Label]) -> None:
    if not labels:
        raise ErpError(QT_TRANSLATE_NOOP("errors", "Choose at least one thing to print labels for."))
    px_per_mm = device.logicalDpiX() / MM_PER_INCH
    painter = QPainter()
    if not painter.begin(device):
        raise ErpError(QT_TRANSLATE_NOOP("errors", "Could not start printing. Check the printer or the file and try again."))
    try:
        for page in range(fmt.page_count(len(labels))):
            if page and not device.newPage():
                raise ErpError(QT_TRANSLATE_NOOP("errors", "The printer refused a new page. Check the printer and try again."))
            paint_page(painter, fmt, labels, page, px_per_mm)
    finally:
        painter.end()


def print_labels(printer: QPrinter, fmt: LabelFormat, labels: Sequence[Label]) -> None:
    """To a printer already set up with configure_label_printer (the preview's printer too)."""
    paint_pages(printer, fmt, labels)


def save_labels_pdf(path: Path | str, fmt: LabelFormat, labels: Sequence[Label]) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setCreator("erp-desktop")
    writer.setTitle("labels")
    writer.setPageLayout(page_layout(fmt))
    paint_pages(writer, fmt, labels)
    del writer  # closes the file
    if not Path(path).exists():
        raise ErpError(QT_TRANSLATE_NOOP("errors", "Could not write {path_}. Choose another folder and try again."), path_=path)


def render_page_image(fmt: LabelFormat, labels: Sequence[Label], page: int = 0, dpi: float = 203) -> QImage:
    """One page as an image (the on-screen preview; 203 dpi is a label printer's resolution)."""
    px_per_mm = dpi / MM_PER_INCH
    image = QImage(round(fmt.page_w_mm * px_per_mm), round(fmt.page_h_mm * px_per_mm), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        paint_page(painter, fmt, labels, page, px_per_mm)
    finally:
        painter.end()
    return image
