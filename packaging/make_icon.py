"""Draws the application icon with QPainter: resources/icons/app.png (256 px) and app.ico (16..256 px).

Run once after changing the drawing; the generated files are committed:

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _gear_path(center: QPointF, outer: float, inner: float, teeth: int) -> QPainterPath:
    """A cog wheel: a ring of trapezoid teeth around a disc."""
    path = QPainterPath()
    step = 2 * math.pi / teeth
    points = []
    for tooth in range(teeth):
        start = tooth * step - math.pi / 2
        for fraction, radius in ((0.0, inner), (0.18, outer), (0.5, outer), (0.68, inner)):
            angle = start + fraction * step
            points.append(QPointF(center.x() + radius * math.cos(angle), center.y() + radius * math.sin(angle)))
    path.moveTo(points[0])
    for point in points[1:]:
        path.lineTo(point)
    path.closeSubpath()
    return path


def draw_icon(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256.0, size / 256.0)

    # tile: a rounded square, steel blue
    tile = QRectF(8, 8, 240, 240)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0.0, QColor("#2f6fb2"))
    gradient.setColorAt(1.0, QColor("#1d4577"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(tile, 44, 44)

    # a white cog with a hole, slightly above the centre
    center = QPointF(128, 112)
    gear = _gear_path(center, 78, 60, 10)
    hole = QPainterPath()
    hole.addEllipse(center, 28, 28)
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(gear.subtracted(hole))

    # an orange progress bar under it: production + stock at a glance
    painter.setBrush(QColor("#f29d38"))
    painter.drawRoundedRect(QRectF(56, 204, 144, 20), 10, 10)
    painter.setBrush(QColor(255, 255, 255, 90))
    painter.drawRoundedRect(QRectF(146, 204, 54, 20), 10, 10)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(images: list[bytes], sizes: tuple[int, ...]) -> bytes:
    """An .ico holding PNG-compressed entries (what Windows Vista and later read)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    for size, data in zip(sizes, images, strict=True):
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + directory + b"".join(images)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    (ICONS_DIR / "app.png").write_bytes(png_bytes(draw_icon(256)))
    entries = [png_bytes(draw_icon(size)) for size in ICO_SIZES]
    (ICONS_DIR / "app.ico").write_bytes(ico_bytes(entries, ICO_SIZES))
    print(f"wrote {ICONS_DIR / 'app.png'} and {ICONS_DIR / 'app.ico'} ({', '.join(map(str, ICO_SIZES))} px)")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
