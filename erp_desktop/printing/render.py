"""Paint a Report page by page: header and "Page N of M" footer around each page of the body.

The same routine serves PDF files, printers and the print preview, so what the preview
shows is what comes out of the printer.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrinter

from erp_desktop.errors import ErpError
from erp_desktop.printing.report import (
    INK,
    LAYOUT_DPI,
    MUTED,
    RULE,
    Report,
    base_font,
    lay_out_for_paper,
    layout_device,
)
from erp_desktop.printing.values import format_value

MARGINS_MM = QMarginsF(15, 12, 15, 12)  # left, top, right, bottom
PDF_DPI = 300


translate = QCoreApplication.translate


def page_layout(report: Report) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if report.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter)


def configure_printer(printer: QPrinter, report: Report) -> None:
    """A4, the report's orientation, our margins; the print dialog may still change them."""
    printer.setPageLayout(page_layout(report))
    printer.setDocName(report.title)
    printer.setCreator("erp-desktop")


class _Bands:
    """Header and footer geometry for one device, in device pixels.

    Heights come from font metrics on the fixed layout device, so every device (preview,
    printer, PDF) cuts the body into the same pages.
    """

    def __init__(self, device: QPagedPaintDevice):
        self.width = device.width()
        self.height = device.height()
        self.dpi = device.logicalDpiY()
        self.scale = self.dpi / LAYOUT_DPI
        self.title_font = base_font(9.5, bold=True)
        self.small_font = base_font(7.5)
        self.title_height = QFontMetricsF(self.title_font, layout_device()).height() * self.scale
        self.small_height = QFontMetricsF(self.small_font, layout_device()).height() * self.scale
        self.small_metrics = QFontMetricsF(self.small_font, device)
        self.title_metrics = QFontMetricsF(self.title_font, device)
        gap = self.points(5)
        self.header = self.title_height + self.small_height + gap * 2
        self.footer = self.small_height + gap * 2
        self.body = QRectF(0, self.header, self.width, self.height - self.header - self.footer)

    def points(self, value: float) -> float:
        return value * self.dpi / 72.0


def render(report: Report, device: QPagedPaintDevice) -> int:
    """Paint the report on ``device`` (a QPdfWriter or QPrinter, already set up); returns the page count."""
    bands = _Bands(device)
    scale = bands.scale
    document = report.document().clone()
    lay_out_for_paper(document)
    document.setDocumentMargin(2)
    document.setPageSize(QSizeF(bands.body.width() / scale, bands.body.height() / scale))
    page_height = document.pageSize().height()
    pages = document.pageCount()

    first, last = 1, pages
    if isinstance(device, QPrinter) and device.printRange() == QPrinter.PrintRange.PageRange and device.fromPage() > 0:
        first, last = max(1, device.fromPage()), min(pages, device.toPage() or pages)

    painter = QPainter()
    if not painter.begin(device):
        raise ErpError(translate("printing", "The document could not be started. Check the printer, or that the file "
                           "is not open in another program and the folder can be written to."))
    try:
        for page in range(first, last + 1):
            if page > first:
                device.newPage()
            _paint_header(painter, bands, report)
            _paint_footer(painter, bands, report, page, pages)
            top = (page - 1) * page_height
            clip = QRectF(0, top, document.pageSize().width(), page_height)
            painter.save()
            painter.translate(bands.body.topLeft())
            painter.scale(scale, scale)
            painter.translate(0, -top)
            # Every character carries its own colour (INK), so the desktop palette (maybe dark) does
            # not matter. drawContents, not layout.draw: assigning PaintContext.clip from Python
            # corrupts reference counts in PySide6 6.12.
            document.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
    return last - first + 1 if pages else 0


def _paint_header(painter: QPainter, bands: _Bands, report: Report) -> None:
    gap = bands.points(5)
    width = bands.width
    painter.setPen(QPen(INK))
    painter.setFont(bands.title_font)
    title_height = bands.title_height
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    printed = translate("printing", "Printed {when}").format(when=format_value(report.printed_at))
    painter.drawText(QRectF(0, 0, width * 0.65, title_height), left,
                     bands.title_metrics.elidedText(report.organization, Qt.TextElideMode.ElideRight, width * 0.65))
    painter.setFont(bands.small_font)
    painter.setPen(QPen(MUTED))
    small_height = bands.small_height
    painter.drawText(QRectF(0, 0, width, title_height), right, printed)
    painter.drawText(QRectF(0, title_height, width, small_height), left,
                     bands.small_metrics.elidedText(report.title, Qt.TextElideMode.ElideRight, width * 0.8))
    _rule(painter, bands, title_height + small_height + gap * 0.6)


def _paint_footer(painter: QPainter, bands: _Bands, report: Report, page: int, pages: int) -> None:
    gap = bands.points(5)
    top = bands.height - bands.footer
    _rule(painter, bands, top + gap * 0.6)
    painter.setFont(bands.small_font)
    painter.setPen(QPen(MUTED))
    text_rect = QRectF(0, top + gap, bands.width, bands.small_height)
    if report.printed_by:
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         translate("printing", "Printed by {name}").format(name=report.printed_by))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     translate("printing", "Page {page} of {pages}").format(page=page, pages=pages))


def _rule(painter: QPainter, bands: _Bands, y: float) -> None:
    pen = QPen(QColor(RULE))
    pen.setWidthF(bands.points(0.6))
    painter.setPen(pen)
    painter.drawLine(QPointF(0, y), QPointF(bands.width, y))


def save_pdf(report: Report, path: str | os.PathLike) -> int:
    """Write the report to a PDF file; returns the page count."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(report))
    writer.setTitle(report.title)
    writer.setCreator("erp-desktop")
    pages = render(report, writer)
    del writer  # the file is complete once the writer is gone
    return pages


def print_report(report: Report, printer: QPrinter) -> int:
    """Print on a printer the caller has set up (see configure_printer); returns the pages sent."""
    return render(report, printer)
