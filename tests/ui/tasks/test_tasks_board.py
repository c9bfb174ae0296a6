"""The Kanban board: column models, drag and drop, refused and conflicting moves, keyboard, filters,
live updates and the unread count in the navigation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from erp_desktop.domain.roles import Role
from erp_desktop.domain.tasks import Move, TaskStatus
from erp_desktop.services.tasks import board as tasks
from erp_desktop.ui.tasks import TasksView
from erp_desktop.ui.tasks.board import CardListView
from erp_desktop.ui.tasks.card_model import CARD_ROLE, CardListModel, decode_card, encode_card

pytest.importorskip("pytestqt")


def make_task(plant, title="Sharpen cutters", *, by="master", to="operator", role=None, **fields):
    creator = getattr(plant, by)
    if role is not None:
        return tasks.create_task(plant.db, creator, title=title, assignee_role=role, **fields)
    return tasks.create_task(plant.db, creator, title=title, assignee_user_id=getattr(plant, to).user_id, **fields)


def advance(plant, card, *moves, who="operator", comment=None):
    for move in moves:
        card = tasks.move_task(plant.db, getattr(plant, who), card.id, move, version=card.version, comment=comment)
    return card


def board_of(qtbot, ctx) -> TasksView:
    view = TasksView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    return view


def column_of(view: TasksView, task_id: int) -> TaskStatus | None:
    for status, column in view.board.columns.items():
        if task_id in column.model:
            return status
    return None


def drop(view: TasksView, card, target: TaskStatus) -> None:
    """What a drop does: the target column's model receives the dragged card's mime data."""
    model = view.board.columns[target].model
    assert model.canDropMimeData(encode_card(card), Qt.DropAction.MoveAction, -1, -1, model.index(-1))
    assert model.dropMimeData(encode_card(card), Qt.DropAction.MoveAction, -1, -1, model.index(-1)) is False


def test_column_models_pass_the_model_tester(qtmodeltester, ui_plant):
    first = make_task(ui_plant, "Blocker", is_blocker=True)
    make_task(ui_plant, "Later", due_date=date.today() + timedelta(days=3))
    make_task(ui_plant, "Sooner", due_date=date.today())
    board = tasks.list_board(ui_plant.db, ui_plant.master)
    model = CardListModel(TaskStatus.OPEN)
    model.set_cards(board.cards("open"))
    qtmodeltester.check(model)
    assert [model.card_at(r).title for r in range(3)] == ["Blocker", "Sooner", "Later"]
    assert model.data(model.index(0), CARD_ROLE) == first
    assert "Blocks production" in model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    moved = advance(ui_plant, first, Move.ACCEPT)
    model.remove(first.id)
    qtmodeltester.check(model)
    accepted = CardListModel(TaskStatus.ACCEPTED)
    accepted.upsert(moved)
    qtmodeltester.check(accepted)
    assert decode_card(accepted.mimeData([accepted.index(0)])) == {"id": first.id, "status": TaskStatus.ACCEPTED,
                                                                   "version": moved.version}
    assert not accepted.canDropMimeData(encode_card(moved), Qt.DropAction.MoveAction, -1, -1, accepted.index(-1))


def test_board_shows_cards_by_status_and_done_only_recent(qtbot, make_ctx, ui_plant):
    opened = make_task(ui_plant, "Open one")
    started = advance(ui_plant, make_task(ui_plant, "Started"), Move.ACCEPT, Move.START)
    view = board_of(qtbot, make_ctx("master"))
    assert column_of(view, opened.id) == TaskStatus.OPEN
    assert column_of(view, started.id) == TaskStatus.IN_PROGRESS
    assert view.board.columns[TaskStatus.IN_PROGRESS].title.text().endswith("1")
    assert view.board.count() == 2


def test_dropping_a_card_on_the_next_column_makes_the_move(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant)
    view = board_of(qtbot, make_ctx("operator"))
    moved = []
    view.board.card_moved.connect(moved.append)
    drop(view, view.board.card(card.id), TaskStatus.ACCEPTED)
    qtbot.waitUntil(lambda: bool(moved), timeout=2000)
    assert column_of(view, card.id) == TaskStatus.ACCEPTED
    assert tasks.get_cards(ui_plant.db, ui_plant.operator, [card.id])[0].status == TaskStatus.ACCEPTED
    drop(view, view.board.card(card.id), TaskStatus.IN_PROGRESS)
    qtbot.waitUntil(lambda: len(moved) == 2, timeout=2000)
    drop(view, view.board.card(card.id), TaskStatus.REVIEW)
    qtbot.waitUntil(lambda: column_of(view, card.id) == TaskStatus.REVIEW, timeout=2000)


def test_a_refused_move_snaps_back_with_the_reason(qtbot, make_ctx, ui_plant, _no_modal_boxes):
    card = make_task(ui_plant)  # for the operator; the foreman may not accept it
    view = board_of(qtbot, make_ctx("master"))
    refused = []
    view.board.move_refused.connect(refused.append)
    drop(view, view.board.card(card.id), TaskStatus.ACCEPTED)
    qtbot.waitUntil(lambda: bool(refused), timeout=2000)
    assert "Only the assignee can accept" in refused[0]
    assert _no_modal_boxes and "Only the assignee" in _no_modal_boxes[-1][1][2]
    assert column_of(view, card.id) == TaskStatus.OPEN
    assert not view.board.columns[TaskStatus.OPEN].model.data(
        view.board.columns[TaskStatus.OPEN].model.index(0), Qt.ItemDataRole.UserRole + 2)  # not pending


def test_a_drop_that_is_no_move_is_explained(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant)
    view = board_of(qtbot, make_ctx("operator"))
    refused = []
    view.board.move_refused.connect(refused.append)
    drop(view, view.board.card(card.id), TaskStatus.DONE)
    qtbot.waitUntil(lambda: bool(refused), timeout=2000)
    assert "no move from Open to Done" in refused[0]
    assert column_of(view, card.id) == TaskStatus.OPEN


def test_sending_back_asks_for_the_comment(qtbot, make_ctx, ui_plant, monkeypatch):
    card = advance(ui_plant, make_task(ui_plant), Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW)
    view = board_of(qtbot, make_ctx("master"))
    answers = iter([None, "Burrs left on two gears"])
    monkeypatch.setattr(view.board, "ask_comment", lambda _card, _move: next(answers))
    view.board.request_move(card.id, TaskStatus.IN_PROGRESS)  # the user cancels the question
    assert column_of(view, card.id) == TaskStatus.REVIEW
    view.board.request_move(card.id, TaskStatus.IN_PROGRESS)
    assert column_of(view, card.id) == TaskStatus.IN_PROGRESS
    history = tasks.get_task(ui_plant.db, ui_plant.master, card.id).history
    assert history[-1].comment == "Burrs left on two gears"


def test_two_people_moving_the_same_card_one_gets_a_plain_conflict(qtbot, make_ctx, ui_plant, _no_modal_boxes):
    card = make_task(ui_plant)
    view = board_of(qtbot, make_ctx("operator"))
    advance(ui_plant, card, Move.ACCEPT, who="admin")  # someone else got there first
    refused = []
    view.board.move_refused.connect(refused.append)
    drop(view, view.board.card(card.id), TaskStatus.ACCEPTED)
    qtbot.waitUntil(lambda: bool(refused), timeout=2000)
    assert "changed by someone else" in refused[0]
    assert _no_modal_boxes[-1][1][1] == "Changed by someone else"
    truth = view.board.card(card.id)
    assert truth.status == TaskStatus.ACCEPTED and truth.assignee_user_id == ui_plant.operator.user_id
    assert truth.version > card.version


def test_keyboard_moves_selection_across_columns_and_makes_moves(qtbot, make_ctx, ui_plant):
    first = make_task(ui_plant, "First")
    other = advance(ui_plant, make_task(ui_plant, "Other"), Move.ACCEPT)
    view = board_of(qtbot, make_ctx("operator"))
    board = view.board
    board.select_card(first.id)
    open_view = board.columns[TaskStatus.OPEN].view
    qtbot.keyClick(open_view, Qt.Key.Key_Right)
    assert board.current_card().id == other.id
    qtbot.keyClick(board.columns[TaskStatus.ACCEPTED].view, Qt.Key.Key_Left)
    assert board.current_card().id == first.id
    qtbot.keyClick(open_view, Qt.Key.Key_Space)  # accept
    qtbot.waitUntil(lambda: column_of(view, first.id) == TaskStatus.ACCEPTED, timeout=2000)
    assert board.current_card().id == first.id  # the selection followed the card
    qtbot.keyClick(board.columns[TaskStatus.ACCEPTED].view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: column_of(view, first.id) == TaskStatus.IN_PROGRESS, timeout=2000)
    qtbot.keyClick(board.columns[TaskStatus.IN_PROGRESS].view, Qt.Key.Key_Return)
    assert first.id in view._dialogs
    view._dialogs[first.id].close()


def test_a_mouse_drag_starts_with_the_card_and_the_drop_makes_the_move(qtbot, make_ctx, ui_plant, monkeypatch):
    """Offscreen Qt has no drag loop: a real press-and-move starts the drag; the drop is sent as events."""
    card = make_task(ui_plant)
    view = board_of(qtbot, make_ctx("operator"))
    qtbot.waitExposed(view)
    source = view.board.columns[TaskStatus.OPEN].view
    started = []
    monkeypatch.setattr(CardListView, "startDrag", lambda self, actions: started.append(
        self.model().mimeData(self.selectedIndexes())))
    start = source.visualRect(source.model().index(0)).center()
    qtbot.mousePress(source.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in (QPoint(20, 4), QPoint(60, 8)):
        point = QPointF(start + step)
        QApplication.sendEvent(source.viewport(), QMouseEvent(
            QMouseEvent.Type.MouseMove, point, source.viewport().mapToGlobal(point), Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert started and decode_card(started[0])["id"] == card.id
    target = view.board.columns[TaskStatus.ACCEPTED].view.viewport()
    at = QPointF(40, 40)
    actions = Qt.DropAction.MoveAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(at.toPoint(), actions, started[0], buttons, modifiers),
                  QDragMoveEvent(at.toPoint(), actions, started[0], buttons, modifiers),
                  QDropEvent(at, actions, started[0], buttons, modifiers)):
        QApplication.sendEvent(target, event)
    qtbot.waitUntil(lambda: column_of(view, card.id) == TaskStatus.ACCEPTED, timeout=2000)


def test_filters(qtbot, make_ctx, ui_plant):
    mine = make_task(ui_plant, "Mine to do")
    blocker = make_task(ui_plant, "Stops the line", to="technologist", is_blocker=True,
                        due_date=date.today() - timedelta(days=1))
    role_task = make_task(ui_plant, "For any operator", role=Role.OPERATOR, category="tooling")
    view = board_of(qtbot, make_ctx("operator"))
    bar = view.filter_bar
    ids = lambda: {card.id for card in view.board.all_cards()}  # noqa: E731
    assert ids() == {mine.id, blocker.id, role_task.id}
    bar.mine.setChecked(True)
    assert ids() == {mine.id}
    bar.my_role.setChecked(True)
    assert ids() == {mine.id, role_task.id}
    bar.mine.setChecked(False)
    bar.my_role.setChecked(False)
    bar.blockers.setChecked(True)
    assert ids() == {blocker.id}
    bar.blockers.setChecked(False)
    bar.overdue.setChecked(True)
    assert ids() == {blocker.id}
    bar.overdue.setChecked(False)
    bar.category.setCurrentIndex(bar.category.findData("tooling"))
    assert ids() == {role_task.id}
    bar.category.setCurrentIndex(0)
    bar.text.setText("line")
    qtbot.waitUntil(lambda: ids() == {blocker.id}, timeout=2000)
    bar.text.setText(f"#{mine.id}")
    bar.text.returnPressed.emit()
    assert ids() == {mine.id}
    assert "filtered" in view.summary.text()


def test_live_updates_move_add_and_drop_cards_without_a_reload(qtbot, make_ctx, ui_plant, monkeypatch):
    card = make_task(ui_plant)
    doomed = make_task(ui_plant, "To be cancelled")
    ctx = make_ctx("master")
    view = board_of(qtbot, ctx)
    reloads = []
    monkeypatch.setattr(tasks, "list_board", lambda *a, **k: reloads.append(1))
    moved = advance(ui_plant, card, Move.ACCEPT)
    new = make_task(ui_plant, "Brand new", by="admin")
    advance(ui_plant, doomed, Move.CANCEL, who="master")
    ctx.changes.emit_change("tasks", [card.id])
    ctx.changes.emit_change("tasks", [new.id, doomed.id])
    qtbot.waitUntil(lambda: column_of(view, card.id) == TaskStatus.ACCEPTED, timeout=1000)
    assert column_of(view, new.id) == TaskStatus.OPEN
    assert column_of(view, doomed.id) is None
    assert view.board.card(card.id).version == moved.version
    assert not reloads


def test_live_update_respects_filters(qtbot, make_ctx, ui_plant):
    ctx = make_ctx("master")
    view = board_of(qtbot, ctx)
    view.filter_bar.blockers.setChecked(True)
    plain = make_task(ui_plant, "Not a blocker")
    blocker = make_task(ui_plant, "A blocker", is_blocker=True)
    ctx.changes.emit_change("tasks", [plain.id, blocker.id])
    qtbot.waitUntil(lambda: column_of(view, blocker.id) == TaskStatus.OPEN, timeout=1000)
    assert column_of(view, plain.id) is None


def test_unread_count_reaches_the_navigation(qtbot, make_ctx, ui_plant):
    from erp_desktop.ui.main_window import MainWindow

    make_task(ui_plant, "One")
    make_task(ui_plant, "Two")
    ctx = make_ctx("operator")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()  # live changes refetch what is shown
    tasks_row = window.area_keys().index("tasks")
    assert window.nav.item(tasks_row).text() == "Tasks (2)"
    view = window.show_area("tasks")
    dialog = view.open_task(view.board.all_cards()[0].id)
    qtbot.waitUntil(lambda: window.nav.item(tasks_row).text() == "Tasks (1)", timeout=1000)
    dialog.close()
    make_task(ui_plant, "Three")
    ctx.changes.emit_change("tasks", [])
    qtbot.waitUntil(lambda: window.nav.item(tasks_row).text() == "Tasks (2)", timeout=1000)


def test_card_menu_offers_the_allowed_moves_and_cancel(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant)
    operator = board_of(qtbot, make_ctx("operator"))
    texts = [a.text() for a in operator.board.card_menu(operator.board.card(card.id)).actions() if a.text()]
    assert texts == ["Open...", "Accept"]
    master = board_of(qtbot, make_ctx("master"))
    menu = master.board.card_menu(master.board.card(card.id))
    assert [a.text() for a in menu.actions() if a.text()] == ["Open...", "Cancel task..."]
    next(a for a in menu.actions() if a.text() == "Cancel task...").trigger()  # confirmed (patched question)
    assert column_of(master, card.id) is None
    assert tasks.get_cards(ui_plant.db, ui_plant.master, [card.id])[0].status == TaskStatus.CANCELLED
