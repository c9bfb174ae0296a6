"""The Tasks area: filters, the Kanban board, task dialogs, the open-tasks report, live updates and the
unread count for the navigation."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.errors import ErpError
from erp_desktop.printing import save_pdf
from erp_desktop.printing.task_reports import open_tasks_report
from erp_desktop.services.production import parts as parts_service
from erp_desktop.services.tasks import board as tasks_service
from erp_desktop.services.tasks.board import TaskBoard
from erp_desktop.ui.errors import show_error
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.print_preview import print_with_dialog, save_pdf_with_dialog, show_print_preview
from erp_desktop.ui.tasks.board import KanbanBoard
from erp_desktop.ui.tasks.comment_dialog import MoveCommentDialog
from erp_desktop.ui.tasks.filters import BoardFilters, FilterBar
from erp_desktop.ui.tasks.new_task_dialog import OPEN_PART_STATUSES, NewTaskDialog
from erp_desktop.ui.tasks.task_dialog import TaskDialog

LIVE_COALESCE_MS = 15  # changes arriving together are fetched in one call


class TasksView(QWidget):
    """``unread_changed(int)``: tasks with news for the signed-in user (the navigation shows it)."""

    unread_changed = Signal(int)
    board_loaded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tasksView")
        self.ctx = ctx
        self.unread = 0
        self.filters = BoardFilters()
        self._request = 0
        self._pending_ids: set[int] = set()
        self._dialogs: dict[int, TaskDialog] = {}

        self.new_button = QPushButton(self.tr("&New task..."))
        self.new_button.setObjectName("newTaskButton")
        self.new_button.setToolTip(self.tr("New task (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_task)
        self.new_button.setVisible(ctx.actor.can(Op.CREATE_TASKS))
        self.report_button = QToolButton()
        self.report_button.setObjectName("reportButton")
        self.report_button.setText(self.tr("Open tasks report"))
        self.report_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.report_button.setStyleSheet(
            "QToolButton { padding: 5px 22px 5px 12px; border: 1px solid #b0bec5; border-radius: 4px;"
            " background: #ffffff; } QToolButton:hover { background: #eef5fb; }"
            " QToolButton::menu-indicator { subcontrol-position: right center; right: 6px; }")
        menu = QMenu(self.report_button)
        self.preview_action = self._action(menu, self.tr("Print preview..."), lambda: self.report("preview"))
        self.print_action = self._action(menu, self.tr("Print..."), lambda: self.report("print"))
        self.pdf_action = self._action(menu, self.tr("Save as PDF..."), lambda: self.report("pdf"))
        self.report_button.setMenu(menu)
        self.report_button.setVisible(ctx.actor.can(Op.VIEW_REPORTS))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.reload)
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self.reload)

        self.board = KanbanBoard(ctx, self)
        self.board.open_requested.connect(self.open_task)
        self.board.cards_changed.connect(self._update_summary)
        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        self.summary.setStyleSheet("color: #66727f;")
        hint = QLabel(self.tr("Drag a card, or press Space, to make its next move  \u00b7  Ctrl+Left sends back  "
                              "\u00b7  Enter opens"))
        hint.setStyleSheet("color: #66727f;")
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        hint.setWordWrap(True)  # two lines rather than a cut-off one in a narrow window
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        board_area = QScrollArea()
        board_area.setObjectName("boardArea")
        board_area.setWidgetResizable(True)
        board_area.setFrameShape(QFrame.Shape.NoFrame)
        board_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        board_area.setWidget(self.board)

        top = QHBoxLayout()  # the buttons, then the filters on a row of their own: at 1366 px nothing is cut off
        top.addWidget(self.new_button)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.report_button)
        filters_row = QHBoxLayout()
        filters_row.addWidget(self.filter_bar, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addStretch(1)
        bottom.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(top)
        layout.addLayout(filters_row)
        layout.addWidget(board_area, 1)
        # a narrow window scrolls the board sideways and clips the filters instead of growing the main window
        self.setMinimumSize(360, 300)
        layout.addLayout(bottom)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_task,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_COALESCE_MS)
        self._live_timer.timeout.connect(self._flush_changes)
        follow_changes(self, ctx.changes, self._on_change)
        self._extras_loaded = False
        self.reload()

    @staticmethod
    def _action(menu: QMenu, text: str, slot) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def _focus_search(self) -> None:
        self.filter_bar.text.setFocus()
        self.filter_bar.text.selectAll()

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        filters = self.filter_bar.filters()
        self._request += 1
        request = self._request
        self._pending_ids.clear()
        self.ctx.call(tasks_service.list_board, **filters.service_kwargs(),
                      on_success=lambda board: self._loaded(request, filters, board), owner=self)

    def _loaded(self, request: int, filters: BoardFilters, board: TaskBoard) -> None:
        if request != self._request:
            return  # the user changed the filters meanwhile; a newer answer is coming
        self.filters = filters
        self.board.set_board(board)
        self._update_summary()
        if not self._extras_loaded:  # after the board, so the first board does not wait for them
            self._extras_loaded = True
            self.refresh_unread()
            self.load_parts()
        self.board_loaded.emit()

    def _update_summary(self) -> None:
        count = self.board.count()
        text = self.tr("%n task(s) on the board", "", count)
        if self.filters.any_active:
            text += self.tr(" (filtered)")
        self.summary.setText(text)

    def refresh_unread(self) -> None:
        self.ctx.call(tasks_service.unread_count, on_success=self._set_unread, owner=self)

    def _set_unread(self, count: int) -> None:
        if count != self.unread:
            self.unread = count
            self.unread_changed.emit(count)

    def load_parts(self) -> None:
        self.ctx.call(parts_service.list_parts, status=OPEN_PART_STATUSES, sort="code", limit=1000,
                      on_success=lambda page: self.filter_bar.set_parts([(p.id, p.code) for p in page.rows]),
                      on_error=self._ignore_erp, owner=self)

    @staticmethod
    def _ignore_erp(error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error

    # ------------------------------------------------------------------ live updates
    def _on_change(self, topic: str, ids: list) -> None:
        if topic == "*":
            self.reload()
            self.refresh_unread()
            self.load_parts()
        elif topic in ("tasks", "task_reads"):
            if not ids:
                self.reload()
                self.refresh_unread()
                return
            self._pending_ids.update(int(i) for i in ids)
            if not self._live_timer.isActive():
                self._live_timer.start()

    def _flush_changes(self) -> None:
        ids = sorted(self._pending_ids)
        self._pending_ids.clear()
        if ids:
            self.board.refetch(ids, self.filters)
            self.refresh_unread()

    # ------------------------------------------------------------------ dialogs
    def open_task(self, task_id: int) -> TaskDialog:
        dialog = self._dialogs.get(task_id)
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        dialog = TaskDialog(self.ctx, task_id, self)
        dialog.card_changed.connect(self.board.place)
        dialog.task_changed.connect(self._task_touched)
        dialog.destroyed.connect(lambda _obj=None, t=task_id: self._dialogs.pop(t, None))
        self._dialogs[task_id] = dialog
        dialog.show()
        return dialog

    def _task_touched(self, task_id: int) -> None:
        self.board.refetch([task_id], self.filters)
        self.refresh_unread()

    def new_task(self) -> NewTaskDialog | None:
        if not self.ctx.actor.can(Op.CREATE_TASKS):
            return None
        dialog = NewTaskDialog(self.ctx, self, part_id=self.filters.part_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.created.connect(self._created)
        dialog.open()
        return dialog

    def _created(self, card) -> None:
        if self.filters.matches(card, self.ctx.actor):
            self.board.place(card)
            self.board.select_card(card.id)

    # ------------------------------------------------------------------ report
    def build_report(self, data) -> object:
        scope = ""
        if self.filters.part_id is not None:
            scope = self.tr("part {0}").format(self.filter_bar.part.currentText())
        return open_tasks_report(data, organization=self.ctx.organization, printed_by=self.ctx.actor.display_name,
                                 scope=scope)

    def report(self, how: str) -> None:
        """Fetch the report data, then preview, print or save it as PDF."""

        def arrived(data) -> None:
            report = self.build_report(data)
            if how == "preview":
                show_print_preview(self, report)
            elif how == "print":
                print_with_dialog(self, report)
            else:
                save_pdf_with_dialog(self, report, report.title)

        def failed(error: Exception) -> None:
            if not isinstance(error, ErpError):
                raise error
            show_error(self, error)

        self.ctx.call(tasks_service.open_tasks_report, part_id=self.filters.part_id, on_success=arrived,
                      on_error=failed, owner=self)

    # ------------------------------------------------------------------ headless check
    def smoke(self) -> None:
        """Every filter, keyboard moves across columns, both dialogs (opened and closed), the report as PDF."""
        app = QCoreApplication.instance()
        if self.board.count() == 0:
            raise AssertionError("the task board shows no cards")
        for box in (self.filter_bar.mine, self.filter_bar.my_role, self.filter_bar.blockers, self.filter_bar.overdue):
            box.setChecked(True)
            box.setChecked(False)
        for combo in (self.filter_bar.category, self.filter_bar.part, self.filter_bar.done):
            if combo.count() > 1:
                combo.setCurrentIndex(1)
                combo.setCurrentIndex(0)
        self.filter_bar.text.setText("a")
        self.filter_bar._typed()
        self.filter_bar.text.clear()
        self.filter_bar._typed()
        self.reload()
        first = next(iter(self.board.all_cards()), None)
        if first is None:
            raise AssertionError("the board lost its cards after filtering")
        self.board.select_card(first.id)
        self.board.go_sideways(first.status, 1)
        self.board.go_sideways(first.status, -1)
        dialog = self.open_task(first.id)
        app.processEvents()
        if dialog.details is None or dialog.details.card.id != first.id:
            raise AssertionError("the task dialog did not load the task")
        if dialog.details.card.editable:
            edit = dialog.edit()
            app.processEvents()
            if edit.title.text() != dialog.details.card.title:
                raise AssertionError("the task edit dialog did not show the task")
            edit.reject()
        dialog.close()
        comment = MoveCommentDialog(self.tr("Send back #{0}").format(first.id), "", self)
        comment.submit()  # empty: it says what is missing and stays open
        if comment.result() == comment.DialogCode.Accepted or not comment.error.text():
            raise AssertionError("an empty send-back was accepted silently")
        comment.reject()
        new = self.new_task()
        if new is not None:
            app.processEvents()
            if new.person.count() == 0:
                raise AssertionError("the new task dialog lists nobody to assign")
            new.reject()
        if self.ctx.actor.can(Op.VIEW_REPORTS):
            data: list = []
            self.ctx.call(tasks_service.open_tasks_report, on_success=data.append, owner=self)
            if not data:
                raise AssertionError("the open tasks report data did not arrive")
            with tempfile.TemporaryDirectory() as folder:
                pages = save_pdf(self.build_report(data[0]), Path(folder) / "open-tasks.pdf")
                if pages < 1:
                    raise AssertionError("the open tasks report has no pages")
        app.processEvents()
