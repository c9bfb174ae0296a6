"""One task: details, the comment thread, the history of moves, and the moves the user may make now.

Opening it marks the task read. A live update of the task refreshes what the dialog shows, never the
comment the user is writing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.domain.tasks import TRANSITIONS, Move
from erp_desktop.errors import ConcurrentModification, ErpError, NotFound
from erp_desktop.printing.values import label_text
from erp_desktop.services.tasks import board as tasks_service
from erp_desktop.services.tasks.board import TaskDetails
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_date, fmt_datetime
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, setup_table
from erp_desktop.ui.tasks.board import STATUS_COLORS
from erp_desktop.ui.tasks.new_task_dialog import NewTaskDialog

MOVE_ORDER = (Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW, Move.APPROVE, Move.SEND_BACK, Move.CANCEL)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


class TaskDialog(QDialog):
    """``card_changed(TaskCard)`` after a move; ``task_changed(int)`` after a comment or reading it."""

    card_changed = Signal(object)
    task_changed = Signal(int)

    def __init__(self, ctx, task_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("taskDialog")
        self.setWindowTitle(self.tr("Task #{0}").format(task_id))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(760, 640)
        self._ctx = ctx
        self.task_id = task_id
        self.details: TaskDetails | None = None
        self._marked_read = False

        self.heading = QLabel()
        self.heading.setObjectName("taskHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")

        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        names = (("status", self.tr("Status")), ("assignee", self.tr("Assignee")),
                 ("category", self.tr("Category")), ("part", self.tr("Part")),
                 ("due", self.tr("Due date")), ("blocker", self.tr("Blocker")),
                 ("creator", self.tr("Created by")), ("created", self.tr("Created")))
        for position, (key, label) in enumerate(names):
            value = QLabel()
            value.setObjectName(f"field_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(label + ":")
            caption.setStyleSheet("color: #66727f;")
            row, pair = divmod(position, 2)
            grid.addWidget(caption, row, pair * 2)
            grid.addWidget(value, row, pair * 2 + 1)
            self.fields[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.description = QTextBrowser()
        self.description.setObjectName("description")
        self.description.setMaximumHeight(90)

        self.comments = QTextBrowser()
        self.comments.setObjectName("comments")
        self.history_model = RowsTableModel(self._history_columns(), self)
        self.history = QTableView()
        self.history.setObjectName("history")
        self.history.setModel(self.history_model)
        setup_table(self.history)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.comments, self.tr("Comments"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("commentEdit")
        self.comment_edit.setPlaceholderText(self.tr(
            "Write a comment (Ctrl+Enter adds it). A move takes it along; sending back needs one."))
        self.comment_edit.setMaximumHeight(80)
        self.comment_edit.setTabChangesFocus(True)
        self.add_comment_button = QPushButton(self.tr("Add &comment"))
        self.add_comment_button.setObjectName("addCommentButton")
        self.add_comment_button.clicked.connect(self.add_comment)
        self._may_comment = ctx.actor.can(Op.COMMENT_TASKS)
        self.add_comment_button.setEnabled(self._may_comment)
        self.comment_edit.setEnabled(self._may_comment)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self.comment_edit, self.add_comment,
                      context=Qt.ShortcutContext.WidgetShortcut)

        self.move_buttons: dict[Move, QPushButton] = {}
        moves_bar = QHBoxLayout()
        for move in MOVE_ORDER:
            button = QPushButton(label_text(TRANSITIONS[move].label))
            button.setObjectName(f"move_{move.value}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, m=move: self.make_move(m))
            button.hide()
            self.move_buttons[move] = button
            if move is Move.CANCEL:
                moves_bar.addStretch(1)
            moves_bar.addWidget(button)
        self.edit_button = QPushButton(self.tr("&Edit..."))
        self.edit_button.setObjectName("editButton")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.edit)
        self.edit_button.hide()
        moves_bar.insertWidget(0, self.edit_button)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        moves_bar.addWidget(self.close_button)
        self.error = ErrorLabel()

        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_edit, 1)
        comment_row.addWidget(self.add_comment_button, 0, Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        form = QFormLayout()
        form.addRow(self.tr("Description:"), self.description)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(comment_row)
        layout.addWidget(self.error)
        layout.addLayout(moves_bar)
        follow_changes(self, ctx.changes, self._on_change)
        self._requested = False

    def showEvent(self, event) -> None:  # noqa: N802
        # loaded when shown, so whoever opens it has connected its signals (opening marks the task read)
        if not self._requested:
            self._requested = True
            self.reload()
        super().showEvent(event)

    def _history_columns(self) -> list[Column]:
        created = self.tr("(created)")  # not self in the lambdas: the closed dialog must not be kept alive
        return [
            Column(self.tr("When"), lambda e: e.at, text=fmt_datetime),
            Column(self.tr("Who"), lambda e: e.actor_name),
            Column(self.tr("From"), lambda e: e.from_status, text=lambda s: label_text(s.label) if s else created),
            Column(self.tr("To"), lambda e: e.to_status, text=lambda s: label_text(s.label)),
            Column(self.tr("Comment"), lambda e: e.comment),
        ]

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        self._ctx.call(tasks_service.get_task, self.task_id, on_success=self._loaded, on_error=self._load_failed,
                       owner=self)

    def _load_failed(self, error: Exception) -> None:
        if isinstance(error, NotFound):
            self.error.show_message(error_text(error))
            for button in self.move_buttons.values():
                button.hide()
            self.add_comment_button.setEnabled(False)
            return
        raise error

    def _loaded(self, details: TaskDetails) -> None:
        self.details = details
        card = details.card
        self.setWindowTitle(self.tr("Task #{0}: {1}").format(card.id, card.title))
        self.heading.setText(f"#{card.id}  {card.title}")
        color = STATUS_COLORS.get(card.status, "#757575")
        self.status_chip.setText(label_text(card.status.label))
        self.status_chip.setStyleSheet(f"background: {color}; color: white; border-radius: 9px; padding: 2px 10px;"
                                       " font-weight: 600;")
        if card.assignee_name:
            assignee = card.assignee_name
            if card.assignee_role is not None:
                assignee += self.tr(" (for {0})").format(label_text(card.assignee_role.label))
        elif card.assignee_role is not None:
            assignee = self.tr("anyone in the role {0}").format(label_text(card.assignee_role.label))
        else:
            assignee = self.tr("nobody")
        due = fmt_date(card.due_date) or self.tr("none")
        values = {
            "status": label_text(card.status.label),
            "assignee": assignee,
            "category": label_text(card.category.label),
            "part": card.part_code or self.tr("none"),
            "due": due + (self.tr("  (overdue)") if card.is_overdue else ""),
            "blocker": (self.tr("yes, it holds up production") if card.blocks_now
                        else self.tr("it did, until finished") if card.is_blocker else self.tr("no")),
            "creator": details.creator_name,
            "created": fmt_datetime(details.created_at),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.fields["due"].setStyleSheet("color: #c62828; font-weight: 600;" if card.is_overdue else "")
        self.fields["blocker"].setStyleSheet("color: #b71c1c; font-weight: 600;" if card.blocks_now else "")
        self.description.setPlainText(details.description or self.tr("(no description)"))
        self._show_comments(details)
        self.history_model.set_rows(list(details.history))
        fit_columns(self.history)
        self.tabs.setTabText(0, self.tr("Comments ({0})").format(len(details.comments)))
        self.tabs.setTabText(1, self.tr("History ({0})").format(len(details.history)))
        self.edit_button.setVisible(card.editable)
        allowed = set(card.allowed_moves)
        for move, button in self.move_buttons.items():
            button.setVisible(move in allowed)
            button.setEnabled(True)
        if not self._marked_read:
            self._marked_read = True
            self._ctx.call(tasks_service.mark_read, self.task_id, on_success=lambda _:
                           self.task_changed.emit(self.task_id), on_error=self._quiet, write=True, owner=self)

    def _show_comments(self, details: TaskDetails) -> None:
        if not details.comments:
            self.comments.setHtml(f"<p style='color:#66727f'>{_escape(self.tr('No comments yet.'))}</p>")
            return
        parts = []
        for comment in details.comments:
            parts.append(
                "<div style='margin-bottom:8px'>"
                f"<b>{_escape(comment.author_name)}</b> "
                f"<span style='color:#66727f'>{_escape(fmt_datetime(comment.at))}</span><br>"
                f"{_escape(comment.text)}</div>")
        self.comments.setHtml("".join(parts))
        bar = self.comments.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _quiet(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error

    def _on_change(self, topic: str, ids: list) -> None:
        if topic == "*" or (topic == "tasks" and (not ids or self.task_id in ids)):
            self.reload()  # the comment being written stays as it is

    # ------------------------------------------------------------------ actions
    def add_comment(self) -> None:
        text = self.comment_edit.toPlainText()
        if not text.strip():
            self.error.show_message(self.tr("Write the comment first."))
            self.comment_edit.setFocus()
            return
        self.add_comment_button.setEnabled(False)
        self.error.clear_message()
        self._ctx.call(tasks_service.add_comment, self.task_id, text, on_success=self._commented,
                       on_error=self._failed, write=True, owner=self)

    def _commented(self, _comment) -> None:
        self.add_comment_button.setEnabled(self._may_comment)
        self.comment_edit.clear()
        self.task_changed.emit(self.task_id)
        self.reload()

    def edit(self) -> QDialog | None:
        """The task's fields in the task form; saved with the version shown here (a later change is a conflict)."""
        if self.details is None or not self.details.card.editable:
            return None
        dialog = NewTaskDialog(self._ctx, self, task=self.details)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.created.connect(self._edited)
        dialog.open()
        return dialog

    def _edited(self, card) -> None:
        self.card_changed.emit(card)
        self.reload()

    def make_move(self, move: Move) -> None:
        if self.details is None:
            return
        comment = self.comment_edit.toPlainText().strip() or None
        if TRANSITIONS[move].comment_required and not comment:
            self.error.show_message(self.tr("Write in the comment box what needs to be done, then press {0} again.")
                                    .format(label_text(TRANSITIONS[move].label)))
            self.comment_edit.setFocus()
            return
        for button in self.move_buttons.values():
            button.setEnabled(False)
        self.error.clear_message()
        self._ctx.call(tasks_service.move_task, self.task_id, move, version=self.details.card.version,
                       comment=comment, on_success=self._moved, on_error=self._failed, write=True, owner=self)

    def _moved(self, card) -> None:
        self.comment_edit.clear()  # it went along with the move
        self.card_changed.emit(card)
        self.reload()

    def _failed(self, error: Exception) -> None:
        self.add_comment_button.setEnabled(self._may_comment)
        for button in self.move_buttons.values():
            button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
        if isinstance(error, ConcurrentModification):
            self.task_changed.emit(self.task_id)
            self.reload()
