"""Two desktops on one PostgreSQL database: each with its own engine, worker threads, LISTEN connection
(ui/live.LiveUpdates) and Kanban board. A move on one shows on the other within a second; two people
moving the same card at once: one wins, the other is told plainly and sees the truth."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from erp_desktop.config import Settings
from erp_desktop.db.engine import create_database
from erp_desktop.domain.tasks import TaskStatus
from erp_desktop.services.tasks import board as tasks
from erp_desktop.ui.context import ChangeHub, UiContext
from erp_desktop.ui.live import LiveUpdates
from erp_desktop.ui.runner import Runner
from erp_desktop.ui.tasks import TasksView
from erp_desktop.ui.tasks.card_model import encode_card
from tests.factories import make_plant

pytest.importorskip("pytestqt")


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda *args, **kw: shown.append(args) or QMessageBox.StandardButton.Ok))
    return shown


class Desktop:
    """One signed-in desktop: engine, runner threads, live updates, the Tasks view."""

    def __init__(self, qtbot, url, actor):
        self.db = create_database(url)
        self.hub = ChangeHub()
        self.live_states: list[bool] = []
        self.hub.live_state_changed.connect(self.live_states.append)
        self.runner = Runner()
        self.errors: list = []
        self.runner.failed.connect(lambda error, trace: self.errors.append((error, trace)))
        self.ctx = UiContext(db=self.db, actor=actor, runner=self.runner, settings=Settings(),
                             organization="Plant A", changes=self.hub)
        self.live = LiveUpdates(self.db, actor.org_id, self.hub)
        self.live.start()
        qtbot.waitUntil(lambda: self.live_states == [True], timeout=5000)
        self.view = TasksView(self.ctx)
        qtbot.addWidget(self.view)
        self.view.resize(1400, 800)
        self.view.show()
        qtbot.waitUntil(lambda: self.view.board.count() > 0, timeout=5000)

    def column_of(self, task_id: int) -> TaskStatus | None:
        for status, column in self.view.board.columns.items():
            if task_id in column.model:
                return status
        return None

    def drop(self, task_id: int, target: TaskStatus) -> None:
        card = self.view.board.card(task_id)
        model = self.view.board.columns[target].model
        model.dropMimeData(encode_card(card), Qt.DropAction.MoveAction, -1, -1, model.index(-1))

    def close(self) -> None:
        self.view.close()
        self.runner.wait()
        self.live.stop()
        self.db.dispose()


@pytest.fixture
def two_desktops(qtbot, pg_db, pg_url):
    plant = make_plant(pg_db)
    make_plant(pg_db, "Plant B", "b_")  # another organisation's changes must not matter
    opened: list[Desktop] = []

    def open_desktop(actor) -> Desktop:
        desktop = Desktop(qtbot, pg_url, actor)
        opened.append(desktop)
        return desktop

    yield plant, open_desktop
    for desktop in opened:
        desktop.close()


def test_a_move_on_one_desktop_shows_on_the_other_within_a_second(qtbot, two_desktops):
    plant, open_desktop = two_desktops
    card = tasks.create_task(plant.db, plant.master, title="Sharpen cutters", assignee_user_id=plant.operator.user_id)
    operator = open_desktop(plant.operator)
    foreman = open_desktop(plant.master)
    assert foreman.column_of(card.id) == TaskStatus.OPEN

    operator.drop(card.id, TaskStatus.ACCEPTED)
    qtbot.waitUntil(lambda: operator.column_of(card.id) == TaskStatus.ACCEPTED
                    and not operator.view.board._in_flight, timeout=3000)
    committed = time.perf_counter()
    qtbot.waitUntil(lambda: foreman.column_of(card.id) == TaskStatus.ACCEPTED, timeout=1000)
    assert time.perf_counter() - committed < 1.0

    # a task made elsewhere appears; another plant's task does not
    new = tasks.create_task(plant.db, plant.admin, title="Oil the press", assignee_user_id=plant.operator.user_id)
    qtbot.waitUntil(lambda: foreman.column_of(new.id) == TaskStatus.OPEN
                    and operator.column_of(new.id) == TaskStatus.OPEN, timeout=1000)
    qtbot.waitUntil(lambda: operator.view.unread >= 1, timeout=1000)
    assert not operator.errors and not foreman.errors


def test_two_people_move_the_same_card_at_once_one_gets_a_plain_conflict(qtbot, two_desktops, boxes):
    plant, open_desktop = two_desktops
    card = tasks.create_task(plant.db, plant.master, title="Fix the chuck", assignee_user_id=plant.operator.user_id)
    operator = open_desktop(plant.operator)
    admin = open_desktop(plant.admin)
    refusals: list[str] = []
    for desktop in (operator, admin):
        desktop.view.board.move_refused.connect(refusals.append)

    operator.drop(card.id, TaskStatus.ACCEPTED)
    admin.drop(card.id, TaskStatus.ACCEPTED)
    qtbot.waitUntil(lambda: len(refusals) == 1, timeout=3000)
    assert "changed by someone else" in refusals[0]
    assert boxes and boxes[0][1] == "Changed by someone else"
    truth = tasks.get_cards(plant.db, plant.master, [card.id])[0]
    assert truth.status == TaskStatus.ACCEPTED
    for desktop in (operator, admin):
        qtbot.waitUntil(lambda d=desktop: d.column_of(card.id) == TaskStatus.ACCEPTED
                        and d.view.board.card(card.id).version == truth.version, timeout=2000)
    assert not operator.errors and not admin.errors
