"""Draws a Kanban card: title, assignee (a person or a role badge), part, category, due date, blocker,
unread dot, comment count. Every card has the same height, so a column of thousands lays out at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from erp_desktop.domain.tasks import Category
from erp_desktop.printing.values import label_text
from erp_desktop.services.tasks.board import TaskCard
from erp_desktop.ui.tasks.card_model import CARD_ROLE, PENDING_ROLE

CARD_HEIGHT = 96
MARGIN_X, MARGIN_Y = 6, 3
PAD = 8

CATEGORY_COLORS = {
    Category.TOOLING: QColor("#8d6e63"),
    Category.MATERIAL: QColor("#f9a825"),
    Category.EQUIPMENT: QColor("#5c6bc0"),
    Category.QUALITY: QColor("#26a69a"),
    Category.DOCUMENTATION: QColor("#78909c"),
    Category.OTHER: QColor("#b0bec5"),
}
INK = QColor("#1f2933")
MUTED = QColor("#66727f")
BORDER = QColor("#d3d8de")
SELECTED_BORDER = QColor("#1976d2")
SELECTED_FILL = QColor("#eaf3fc")
OVERDUE = QColor("#c62828")
UNREAD = QColor("#1976d2")
BLOCKER_FILL, BLOCKER_INK = QColor("#fdecea"), QColor("#b71c1c")
ROLE_FILL, ROLE_INK = QColor("#ede7f6"), QColor("#4527a0")
PART_FILL, PART_INK = QColor("#e8f0f8"), QColor("#1d4f7a")


translate = QCoreApplication.translate


class CardDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._fonts: dict[str, QFont] = {}
        self._today = date.today()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        return QSize(max(160, option.rect.width()), CARD_HEIGHT)

    def _font(self, base: QFont, key: str) -> QFont:
        font = self._fonts.get(key)
        if font is None or font.family() != base.family():
            font = QFont(base)
            if key == "title":
                font.setBold(True)
            elif key == "small":
                font.setPointSizeF(max(7.0, base.pointSizeF() - 1))
            elif key == "small_bold":
                font.setPointSizeF(max(7.0, base.pointSizeF() - 1))
                font.setBold(True)
            elif key == "badge":
                font.setPointSizeF(max(7.0, base.pointSizeF() - 1.5))
                font.setBold(True)
            self._fonts[key] = font
        return font

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        card: TaskCard | None = index.data(CARD_ROLE)
        if card is None:
            return
        pending = bool(index.data(PENDING_ROLE))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRectF(option.rect).adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)

        path = QPainterPath()
        path.addRoundedRect(rect, 5, 5)
        painter.fillPath(path, SELECTED_FILL if selected else QColor("#ffffff"))
        painter.setPen(QPen(SELECTED_BORDER if selected else BORDER, 2 if selected and focused else 1))
        painter.drawPath(path)
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 5, rect.height()), 2.5, 2.5)
        painter.fillPath(stripe, CATEGORY_COLORS.get(card.category, MUTED))
        if pending:
            painter.setOpacity(0.55)

        base = option.font
        inner = rect.adjusted(PAD + 3, 4, -PAD, -4)
        line_h = inner.height() / 4
        left_top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

        # lines 1-2: number and title (wrapped on two lines), the unread dot
        small = self._font(base, "small")
        small_fm = QFontMetrics(small)
        painter.setFont(small)
        painter.setPen(MUTED)
        number = f"#{card.id}"
        row1 = QRectF(inner.left(), inner.top(), inner.width(), line_h)
        painter.drawText(row1, left_top, number)
        number_w = small_fm.horizontalAdvance(number) + 6
        dot_room = 14 if card.unread else 0
        title_font = self._font(base, "title")
        title_fm = QFontMetrics(title_font)
        first, second = _two_lines(title_fm, card.title, int(row1.width() - number_w - dot_room),
                                   int(row1.width()))
        painter.setFont(title_font)
        painter.setPen(INK)
        painter.drawText(row1.adjusted(number_w, 0, -dot_room, 0), left_top, first)
        if second:
            painter.drawText(QRectF(inner.left(), inner.top() + line_h, inner.width(), line_h), left_top, second)
        if card.unread:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(UNREAD)
            painter.drawEllipse(QPointF(row1.right() - 4, row1.center().y()), 4, 4)

        # line 3: assignee (a person, or the role badge of a role task) and the part
        row3 = QRectF(inner.left(), inner.top() + 2 * line_h, inner.width(), line_h)
        badge = self._font(base, "badge")
        right = row3.right()
        if card.part_code:
            right = self._pill(painter, badge, card.part_code, right, row3, PART_FILL, PART_INK) - 6
        who = QRectF(row3.left(), row3.top(), right - row3.left(), row3.height())
        if card.assignee_name:
            painter.setFont(base)
            painter.setPen(INK)
            painter.drawText(who, left_top, QFontMetrics(base).elidedText(
                card.assignee_name, Qt.TextElideMode.ElideRight, int(who.width())))
        elif card.assignee_role is not None:
            self._pill(painter, badge, label_text(card.assignee_role.label), None, who, ROLE_FILL, ROLE_INK)
        else:
            painter.setFont(base)
            painter.setPen(MUTED)
            painter.drawText(who, left_top, translate("tasks", "nobody"))

        # line 4: due date and category; the blocker badge and the comment count on the right
        row4 = QRectF(inner.left(), inner.top() + 3 * line_h, inner.width(), line_h)
        right = row4.right()
        painter.setFont(small)
        if card.comment_count:
            right = self._comments(painter, small_fm, card.comment_count, right, row4) - 6
        if card.blocks_now:  # a finished blocker no longer holds anything up
            right = self._pill(painter, badge, translate("tasks", "BLOCKER"), right, row4, BLOCKER_FILL, BLOCKER_INK) - 6
        x = row4.left()
        if card.due_date:
            due_font = self._font(base, "small_bold") if card.is_overdue else small
            due = QFontMetrics(due_font).elidedText(translate("tasks", "due {0}").format(self._due_text(card.due_date)),
                                                    Qt.TextElideMode.ElideRight, int(max(0.0, right - x)))
            painter.setFont(due_font)
            painter.setPen(OVERDUE if card.is_overdue else MUTED)
            painter.drawText(QRectF(x, row4.top(), max(0.0, right - x), row4.height()), left_top, due)
            x += QFontMetrics(due_font).horizontalAdvance(due) + 4
        category = (" \u00b7 " if card.due_date else "") + label_text(card.category.label)
        if small_fm.horizontalAdvance(category) <= right - x:  # the category only when it fits whole
            painter.setFont(small)
            painter.setPen(MUTED)
            painter.drawText(QRectF(x, row4.top(), right - x, row4.height()), left_top, category)
        painter.restore()

    def _due_text(self, due: date) -> str:
        days = (due - self._today).days
        if days == 0:
            return translate("tasks", "today")
        if days == 1:
            return translate("tasks", "tomorrow")
        if days == -1:
            return translate("tasks", "yesterday")
        return due.strftime("%d.%m") if due.year == self._today.year else due.isoformat()

    @staticmethod
    def _pill(painter: QPainter, font: QFont, text: str, right: float | None, row: QRectF, fill: QColor,
              ink: QColor) -> float:
        """A rounded badge, right-aligned at ``right`` (or left-aligned in ``row`` when None); returns its left."""
        metrics = QFontMetrics(font)
        width = min(metrics.horizontalAdvance(text) + 12, row.width())
        height = min(row.height() - 2, metrics.height() + 4)
        left = row.left() if right is None else right - width
        box = QRectF(left, row.center().y() - height / 2, width, height)
        path = QPainterPath()
        path.addRoundedRect(box, height / 2, height / 2)
        painter.fillPath(path, fill)
        painter.setFont(font)
        painter.setPen(ink)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width - 10))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, shown)
        return left

    @staticmethod
    def _comments(painter: QPainter, metrics: QFontMetrics, count: int, right: float, row: QRectF) -> float:
        """A small speech bubble and the number of comments; returns the left edge."""
        text = str(count)
        text_w = metrics.horizontalAdvance(text)
        bubble_w, bubble_h = 11.0, 8.0
        left = right - text_w - bubble_w - 3
        top = row.center().y() - bubble_h / 2 - 1
        path = QPainterPath()
        path.addRoundedRect(QRectF(left, top, bubble_w, bubble_h), 2, 2)
        path.moveTo(left + 3, top + bubble_h)
        path.lineTo(left + 3, top + bubble_h + 3)
        path.lineTo(left + 6, top + bubble_h)
        painter.setPen(QPen(MUTED, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.drawText(QRectF(left + bubble_w + 3, row.top(), text_w + 1, row.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        return left


def _two_lines(metrics: QFontMetrics, text: str, first_width: int, width: int) -> tuple[str, str]:
    """The title on at most two lines: whole words on the first, the rest elided on the second."""
    if metrics.horizontalAdvance(text) <= first_width:
        return text, ""
    words = text.split()
    first, taken = "", 0
    for word in words:
        candidate = f"{first} {word}" if first else word
        if metrics.horizontalAdvance(candidate) > first_width:
            break
        first, taken = candidate, taken + 1
    if taken == 0:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, first_width), ""
    return first, metrics.elidedText(" ".join(words[taken:]), Qt.TextElideMode.ElideRight, width)
