"""The Kanban board: one column per status, cards dragged (or moved by keyboard) between them.

A drop means the one workflow move between the two columns (open -> accepted: accept, accepted -> in
progress: start, in progress -> review: send to review, review -> done: approve, review -> in progress:
send back, which asks for the comment). The card moves at once and looks pending until the database
answers; a refused or conflicting move puts back what the database holds and says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.tasks import BOARD_STATUSES, TRANSITIONS, Move, TaskStatus, move_between
from erp_desktop.errors import ErpError, InvalidTransition
from erp_desktop.printing.values import label_text
from erp_desktop.services.tasks import board as tasks_service
from erp_desktop.services.tasks.board import TaskBoard, TaskCard
from erp_desktop.ui.errors import confirm, error_text, show_error
from erp_desktop.ui.tasks.card_delegate import CardDelegate
from erp_desktop.ui.tasks.card_model import CardListModel
from erp_desktop.ui.tasks.comment_dialog import MoveCommentDialog
from erp_desktop.ui.tasks.filters import BoardFilters

STATUS_COLORS = {
    TaskStatus.OPEN: "#78909c",
    TaskStatus.ACCEPTED: "#5c6bc0",
    TaskStatus.IN_PROGRESS: "#1e88e5",
    TaskStatus.REVIEW: "#fb8c00",
    TaskStatus.DONE: "#43a047",
}
FORWARD = (Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW, Move.APPROVE)


class CardListView(QListView):
    """A column's list of cards. Left/Right go to the next column, Space or Ctrl+Right makes the next
    move, Ctrl+Left sends back, Enter opens the task."""

    sideways = Signal(int)
    step = Signal(int)
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setUniformItemSizes(True)  # fixed card height: thousands of cards lay out at once
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setItemDelegate(CardDelegate(self))
        self.doubleClicked.connect(lambda _index: self.open_requested.emit())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, modifiers = event.key(), event.modifiers()
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            direction = -1 if key == Qt.Key.Key_Left else 1
            (self.step if ctrl else self.sideways).emit(direction)
            return
        if key == Qt.Key.Key_Space and not ctrl:
            self.step.emit(1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
            return
        super().keyPressEvent(event)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() and self.selectionModel().isSelected(index) else -1


class BoardColumn(QFrame):
    def __init__(self, status: TaskStatus, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        self.setObjectName(f"column_{status.value}")
        self.setProperty("kanbanColumn", True)
        self.setStyleSheet(
            f"QFrame#column_{status.value} {{ background: #eceff3; border: 1px solid #dde1e6; border-radius: 6px;"
            f" border-top: 3px solid {STATUS_COLORS[status]}; }}"
        )
        self.model = CardListModel(status, self)
        self.view = CardListView(self)
        self.view.setObjectName(f"cards_{status.value}")
        self.view.setModel(self.model)
        self.view.setStyleSheet(
            "QListView { background: transparent; border: none; }"
            " QListView::item:selected { background: transparent; }"
            " QScrollBar:vertical { width: 8px; background: transparent; margin: 0; }"
            " QScrollBar::handle:vertical { background: #b9c1c9; border-radius: 4px; min-height: 30px; }"
            " QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
            " QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: transparent; }")
        self.title = QLabel()
        self.title.setObjectName(f"columnTitle_{status.value}")
        self.title.setStyleSheet("font-weight: 600; color: #263238; padding: 6px 8px 2px 8px;"
                                 " background: transparent; border: none;")
        self.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self.update_title)
        self.update_title()

    def update_title(self, *_args) -> None:
        self.title.setText(self.tr("{0}  ·  {1}").format(label_text(self.status.label), self.model.rowCount()))


class KanbanBoard(QWidget):
    """``card_moved(TaskCard)`` after a move was made; ``move_refused(str)`` with the reason otherwise;
    ``open_requested(int)``: the user wants to see a task."""

    card_moved = Signal(object)
    move_refused = Signal(str)
    open_requested = Signal(int)
    cards_changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kanbanBoard")
        self._ctx = ctx
        self.columns: dict[TaskStatus, BoardColumn] = {}
        self._where: dict[int, TaskStatus] = {}  # task id -> the column holding it
        self._in_flight: dict[int, int] = {}  # task id -> the version a pending move was made on
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for status in BOARD_STATUSES:
            column = BoardColumn(status, self)
            self.columns[status] = column
            layout.addWidget(column, 1)
            column.model.card_dropped.connect(
                lambda task_id, _from, _version, s=status: QTimer.singleShot(0, lambda: self.request_move(task_id, s)))
            column.view.sideways.connect(lambda direction, s=status: self.go_sideways(s, direction))
            column.view.step.connect(lambda direction, s=status: self.step_current(s, direction))
            column.view.open_requested.connect(lambda s=status: self._open_current(s))
            column.view.selectionModel().currentChanged.connect(
                lambda current, _previous, s=status: self._focused_in(s, current))
            column.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            column.view.customContextMenuRequested.connect(
                lambda point, s=status: self._context_menu(s, point))

    # ------------------------------------------------------------------ content
    def set_board(self, board: TaskBoard) -> None:
        selected = self.current_card()
        self._where = {}
        for status, column in self.columns.items():
            cards = board.cards(status)
            column.model.set_cards(cards)
            for card in cards:
                self._where[card.id] = status
        self._in_flight.clear()
        if selected is not None and selected.id in self._where:
            self.select_card(selected.id, focus=False)
        self.cards_changed.emit()

    def card(self, task_id: int) -> TaskCard | None:
        status = self._where.get(task_id)
        if status is None:
            return None
        model = self.columns[status].model
        return model.card_at(model.row_of(task_id))

    def all_cards(self) -> list[TaskCard]:
        return [card for column in self.columns.values() for card in column.model.cards]

    def count(self) -> int:
        return len(self._where)

    def place(self, card: TaskCard, *, pending: bool = False) -> None:
        """Show the card in its status's column (taking it out of any other); a status without a column
        (cancelled) takes it off the board. The selection follows the card."""
        was_current = (current := self.current_card()) is not None and current.id == card.id
        had_focus = was_current and self.columns[self._where[card.id]].view.hasFocus()
        old = self._where.get(card.id)
        if old is not None and old != card.status:
            self.columns[old].model.remove(card.id)
            del self._where[card.id]
        column = self.columns.get(card.status)
        if column is None:
            self._in_flight.pop(card.id, None)
            self.cards_changed.emit()
            return
        column.model.upsert(card, pending=pending)
        self._where[card.id] = card.status
        if was_current:
            self.select_card(card.id, focus=had_focus)
        self.cards_changed.emit()

    def remove(self, task_id: int) -> None:
        status = self._where.pop(task_id, None)
        if status is not None:
            self.columns[status].model.remove(task_id)
            self.cards_changed.emit()

    def apply_cards(self, cards: Iterable[TaskCard], requested: Iterable[int], filters: BoardFilters) -> None:
        """Fresh cards for ``requested`` ids (a live update): move, update, add or drop each."""
        fresh = {card.id: card for card in cards}
        actor = self._ctx.actor
        for task_id in requested:
            card = fresh.get(task_id)
            sent = self._in_flight.get(task_id)
            if sent is not None and (card is None or card.version <= sent):
                continue  # our own move is on its way; its answer decides
            if card is None or not filters.matches(card, actor, shown=task_id in self._where):
                self.remove(task_id)
            else:
                self.place(card)

    # ------------------------------------------------------------------ selection and keyboard
    def current_card(self) -> TaskCard | None:
        focused = self.focusWidget()
        ordered = sorted(self.columns.values(), key=lambda c: c.view is not focused)
        for column in ordered:
            row = column.view.current_row()
            if row >= 0:
                return column.model.card_at(row)
        return None

    def select_card(self, task_id: int, *, focus: bool = True) -> bool:
        status = self._where.get(task_id)
        if status is None:
            return False
        column = self.columns[status]
        index = column.model.index(column.model.row_of(task_id))
        self._select(column, index, focus)
        return True

    def _select(self, column: BoardColumn, index: QModelIndex, focus: bool) -> None:
        for other in self.columns.values():
            if other is not column:
                other.view.selectionModel().clearSelection()
        column.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        column.view.scrollTo(index)
        if focus:
            column.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focused_in(self, status: TaskStatus, current: QModelIndex) -> None:
        if current.isValid():
            for other_status, other in self.columns.items():
                if other_status != status:
                    other.view.selectionModel().clearSelection()

    def go_sideways(self, status: TaskStatus, direction: int) -> None:
        """Left/Right: the card at about the same height in the next column that has cards."""
        source = self.columns[status]
        row = source.view.current_row()
        y = source.view.visualRect(source.model.index(row)).center().y() if row >= 0 else 0
        position = BOARD_STATUSES.index(status) + direction
        while 0 <= position < len(BOARD_STATUSES):
            column = self.columns[BOARD_STATUSES[position]]
            count = column.model.rowCount()
            if count:
                index = column.view.indexAt(QPoint(10, max(0, y)))
                if not index.isValid():
                    index = column.model.index(count - 1 if y > 0 else 0)
                self._select(column, index, True)
                return
            position += direction

    def _open_current(self, status: TaskStatus) -> None:
        column = self.columns[status]
        row = column.view.current_row()
        if row >= 0:
            self.open_requested.emit(column.model.card_at(row).id)

    def step_current(self, status: TaskStatus, direction: int) -> None:
        """Space / Ctrl+Right: the card's next move; Ctrl+Left: send it back."""
        column = self.columns[status]
        card = column.model.card_at(column.view.current_row())
        if card is None:
            return
        if direction > 0:
            move = next((m for m in card.allowed_moves if m in FORWARD), None)
            if move is None:  # nothing allowed: try the natural move, the database says why not
                position = BOARD_STATUSES.index(card.status) + 1
                if position >= len(BOARD_STATUSES):
                    return
                self.request_move(card.id, BOARD_STATUSES[position])
                return
            self.make_move(card, move)
        else:
            self.request_move(card.id, TaskStatus.IN_PROGRESS if card.status == TaskStatus.REVIEW
                              else BOARD_STATUSES[max(0, BOARD_STATUSES.index(card.status) - 1)])

    def card_menu(self, card: TaskCard) -> QMenu:
        """Open, and the moves the user may make now (the same as the task dialog's buttons)."""
        menu = QMenu(self)
        menu.addAction(self.tr("Open..."), lambda: self.open_requested.emit(card.id))
        moves = [m for m in card.allowed_moves if m is not Move.CANCEL]
        if moves:
            menu.addSeparator()
        for move in moves:
            target = TRANSITIONS[move].target
            menu.addAction(label_text(TRANSITIONS[move].label), lambda t=target: self.request_move(card.id, t))
        if Move.CANCEL in card.allowed_moves:
            menu.addSeparator()
            menu.addAction(self.tr("Cancel task..."), lambda: self.cancel(card.id))
        return menu

    def _context_menu(self, status: TaskStatus, point) -> None:
        column = self.columns[status]
        index = column.view.indexAt(point)
        card = column.model.card_at(index.row()) if index.isValid() else None
        if card is None:
            return
        self._select(column, index, True)
        self.card_menu(card).exec(column.view.viewport().mapToGlobal(point))

    def cancel(self, task_id: int) -> None:
        card = self.card(task_id)
        if card is not None and confirm(self, self.tr("Cancel task"),
                                        self.tr("Cancel task #{0} \u201c{1}\u201d? It leaves the board.")
                                        .format(card.id, card.title)):
            self.make_move(card, Move.CANCEL)

    # ------------------------------------------------------------------ moves
    def request_move(self, task_id: int, target: TaskStatus | str) -> None:
        """A card was dropped on (or sent to) the column ``target``: make the move that means."""
        target = TaskStatus(target)
        card = self.card(task_id)
        if card is None or card.status == target:
            return
        move = move_between(card.status, target)
        if move is None:
            self._refuse(InvalidTransition(self.tr(
                "There is no move from {0} to {1}. A task goes one column at a time: accept, start, send to "
                "review, approve; review can also send it back to in progress.").format(
                    label_text(card.status.label), label_text(target.label))))
            return
        comment = None
        if TRANSITIONS[move].comment_required:
            comment = self.ask_comment(card, move)
            if comment is None:
                return  # the user changed their mind; the card never left
        self.make_move(card, move, comment)

    def make_move(self, card: TaskCard, move: Move, comment: str | None = None) -> None:
        target = TRANSITIONS[move].target
        self._in_flight[card.id] = card.version
        self.place(replace(card, status=target), pending=True)
        self._ctx.call(tasks_service.move_task, card.id, move, version=card.version, comment=comment,
                       on_success=self._moved, on_error=lambda error: self._move_failed(card.id, error),
                       write=True, owner=self)

    def ask_comment(self, card: TaskCard, move: Move) -> str | None:
        """The comment a move needs (send back: what to fix); None when cancelled."""
        dialog = MoveCommentDialog(self.tr("Send back #{0}").format(card.id),
                                   self.tr("What needs to be done before the task can be approved?"), self)
        return dialog.comment() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _moved(self, card: TaskCard) -> None:
        self._in_flight.pop(card.id, None)
        self.place(card)
        self.card_moved.emit(card)

    def _move_failed(self, task_id: int, error: Exception) -> None:
        self._in_flight.pop(task_id, None)
        if not isinstance(error, ErpError):
            self.refetch([task_id])
            raise error
        # the truth first (the card goes back, or to where someone else moved it), then the reason
        self.refetch([task_id])
        self._refuse(error)

    def _refuse(self, error: ErpError) -> None:
        self.move_refused.emit(error_text(error))
        show_error(self, error)

    def refetch(self, ids: list[int], filters: BoardFilters | None = None) -> None:
        ids = list(ids)

        def arrived(cards):
            if filters is None:
                for task_id in ids:
                    fresh = next((c for c in cards if c.id == task_id), None)
                    if fresh is None:
                        self.remove(task_id)
                    else:
                        self.place(fresh)
            else:
                self.apply_cards(cards, ids, filters)

        self._ctx.call(tasks_service.get_cards, ids, on_success=arrived, owner=self)


__all__ = ["BoardColumn", "CardListView", "KanbanBoard"]
