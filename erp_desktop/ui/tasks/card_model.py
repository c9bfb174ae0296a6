"""One Kanban column as a list model of TaskCards, with drag and drop of cards between columns.

A drop never changes a model by itself: the column announces it (``card_dropped``) and the board
decides which workflow move it means, makes it, and then moves the card (or puts it back).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QMimeData, QModelIndex, Qt, Signal

from erp_desktop.domain.tasks import FINISHED, TaskStatus
from erp_desktop.printing.values import label_text
from erp_desktop.services.tasks.board import TaskCard
from erp_desktop.ui.formatting import fmt_date

CARD_MIME = "application/x-erp-task-card"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
PENDING_ROLE = Qt.ItemDataRole.UserRole + 2  # a move of this card is on its way to the database


translate = QCoreApplication.translate


def sort_key(status: TaskStatus):
    """The board's order inside a column (the same as the service's): blockers, then due date; done: newest."""
    if status in FINISHED:
        return lambda c: (-(c.done_at or c.last_activity_at).timestamp(), -c.id)
    return lambda c: (not c.is_blocker, c.due_date or date.max, -c.id)


def encode_card(card: TaskCard) -> QMimeData:
    mime = QMimeData()
    mime.setData(CARD_MIME, json.dumps({"id": card.id, "status": card.status.value,
                                        "version": card.version}).encode())
    mime.setText(f"#{card.id} {card.title}")
    return mime


def decode_card(mime: QMimeData) -> dict | None:
    if mime is None or not mime.hasFormat(CARD_MIME):
        return None
    try:
        payload = json.loads(bytes(mime.data(CARD_MIME)).decode())
        return {"id": int(payload["id"]), "status": TaskStatus(payload["status"]),
                "version": int(payload["version"])}
    except (ValueError, KeyError, TypeError):
        return None


def tooltip(card: TaskCard) -> str:
    lines = [f"#{card.id} {card.title}"]
    if card.assignee_label:
        lines.append(translate("tasks", "Assignee: {0}").format(card.assignee_label))
    lines.append(translate("tasks", "Category: {0}").format(label_text(card.category.label)))
    if card.part_code:
        lines.append(translate("tasks", "Part: {0}").format(card.part_code))
    if card.due_date:
        due = translate("tasks", "Due: {0}").format(fmt_date(card.due_date))
        lines.append(due + (translate("tasks", " (overdue)") if card.is_overdue else ""))
    if card.blocks_now:
        lines.append(translate("tasks", "Blocks production"))
    if card.comment_count:
        lines.append(translate("tasks", "{0} comment(s)").format(card.comment_count))
    if card.unread:
        lines.append(translate("tasks", "New activity since you last opened it"))
    return "\n".join(lines)


class CardListModel(QAbstractListModel):
    """The cards of one status, kept in board order. ``card_dropped(task_id, from_status, version)``."""

    card_dropped = Signal(int, str, int)

    def __init__(self, status: TaskStatus, parent=None):
        super().__init__(parent)
        self.status = TaskStatus(status)
        self._cards: list[TaskCard] = []
        self._keys: list = []
        self._rows: dict[int, int] = {}  # task id -> row
        self._pending: set[int] = set()
        self._key = sort_key(self.status)

    # ------------------------------------------------------------------ reading
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"#{card.id} {card.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(card)
        if role == PENDING_ROLE:
            return card.id in self._pending
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    @property
    def cards(self) -> list[TaskCard]:
        return list(self._cards)

    def card_at(self, row: int) -> TaskCard | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def row_of(self, task_id: int) -> int:
        return self._rows.get(task_id, -1)

    def __contains__(self, task_id: int) -> bool:
        return task_id in self._rows

    # ------------------------------------------------------------------ writing
    def set_cards(self, cards: Iterable[TaskCard]) -> None:
        self.beginResetModel()
        self._cards = sorted(cards, key=self._key)
        self._keys = [self._key(card) for card in self._cards]
        self._reindex(0)
        self._pending.clear()
        self.endResetModel()

    def upsert(self, card: TaskCard, *, pending: bool = False) -> int:
        """Put the card in its place (insert, or update and move within the column). Returns its row."""
        if pending:
            self._pending.add(card.id)
        else:
            self._pending.discard(card.id)
        old = self._rows.get(card.id, -1)
        key = self._key(card)
        if old >= 0:
            if self._keys[old] == key:
                self._cards[old] = card
                index = self.index(old)
                self.dataChanged.emit(index, index)
                return old
            self.remove(card.id, keep_pending=True)
        row = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._cards.insert(row, card)
        self._keys.insert(row, key)
        self._reindex(row)
        self.endInsertRows()
        return row

    def remove(self, task_id: int, *, keep_pending: bool = False) -> bool:
        row = self._rows.get(task_id, -1)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._cards[row]
        del self._keys[row]
        del self._rows[task_id]
        self._reindex(row)
        if not keep_pending:
            self._pending.discard(task_id)
        self.endRemoveRows()
        return True

    def _reindex(self, start: int) -> None:
        if start == 0:
            self._rows = {}
        for row in range(start, len(self._cards)):
            self._rows[self._cards[row].id] = row

    # ------------------------------------------------------------------ drag and drop
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CARD_MIME]

    def mimeData(self, indexes) -> QMimeData | None:  # noqa: N802
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if not rows:
            return None
        return encode_card(self._cards[rows[0]])

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        payload = decode_card(data)
        return payload is not None and payload["status"] != self.status

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        payload = decode_card(data)
        if payload is None or payload["status"] == self.status or action == Qt.DropAction.IgnoreAction:
            return False
        self.card_dropped.emit(payload["id"], payload["status"].value, payload["version"])
        # False: the dragging view must not remove the card itself; the board moves it when the move is made
        return False


__all__ = ["CARD_MIME", "CARD_ROLE", "PENDING_ROLE", "CardListModel", "decode_card", "encode_card",
           "sort_key"]
