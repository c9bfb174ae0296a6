"""Paints a part's route as small segments, one per stage, each filled by its good / planned."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QToolTip

from erp_desktop.ui.table_model import ROW_ROLE

TRACK = QColor("#e3e7ec")
FILL = QColor("#42a5f5")
DONE = QColor("#43a047")
SCRAP = QColor("#e53935")
LABEL = QColor("#263238")
GAP = 3.0


translate = QCoreApplication.translate


def stage_tooltip(part) -> str:
    lines = [f"<b>{html.escape(part.code)}</b> {html.escape(part.name)}"]
    for stage in part.stages:
        lines.append(translate("parts", "{stage}: {good} of {planned} good, {scrap} scrap ({pct} %)").format(
            stage=html.escape(stage.name), good=stage.good, planned=part.planned_qty, scrap=stage.scrap, pct=stage.scrap_pct))
    return "<br>".join(lines)


class StageProgressDelegate(QStyledItemDelegate):
    """The row's PartDTO comes from ROW_ROLE; the display text stays for exports and copies."""

    def paint(self, painter: QPainter, option, index) -> None:
        part = index.data(ROW_ROLE)
        if part is None or not part.stages:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        rect = QRectF(option.rect).adjusted(4, 5, -4, -5)
        count = len(part.stages)
        width = (rect.width() - GAP * (count - 1)) / count
        planned = max(part.planned_qty, 1)
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF() - 1.5, 6.5))
        painter.setFont(font)
        for position, stage in enumerate(part.stages):
            segment = QRectF(rect.left() + position * (width + GAP), rect.top(), width, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK)
            painter.drawRoundedRect(segment, 2, 2)
            share = min(stage.good / planned, 1.0)
            if share > 0:
                painter.setBrush(DONE if stage.good >= part.planned_qty else FILL)
                painter.drawRoundedRect(QRectF(segment.left(), segment.top(), segment.width() * share,
                                               segment.height()), 2, 2)
            if stage.scrap:
                painter.setBrush(SCRAP)
                painter.drawRect(QRectF(segment.right() - 3, segment.top(), 3, segment.height()))
            if width >= 34:
                painter.setPen(QPen(LABEL))
                label = stage.name if painter.fontMetrics().horizontalAdvance(stage.name) < width - 4 \
                    else stage.name[:3]
                painter.drawText(segment, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802
        part = index.data(ROW_ROLE)
        if part is not None and part.stages:
            QToolTip.showText(event.globalPos(), stage_tooltip(part), view)
            return True
        return super().helpEvent(event, view, option, index)
