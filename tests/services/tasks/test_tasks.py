"""Task services on SQLite and PostgreSQL: workflow, history, comments, read state, board, report."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from erp_desktop.db.models import AuditEntry, Part, Task, TaskEvent
from erp_desktop.db.types import utcnow
from erp_desktop.demo import tasks as demo_tasks
from erp_desktop.domain.roles import Role
from erp_desktop.domain.tasks import Category, Move, TaskStatus
from erp_desktop.errors import (
    ConcurrentModification,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from erp_desktop.services.tasks import board as tasks
from tests.factories import admin_of, make_plant


def add_part(db, org_id: int, code: str) -> int:
    with admin_of(db).sessions.begin() as session:
        part = Part(org_id=org_id, code=code, name=f"Part {code}", planned_qty=10)
        session.add(part)
        session.flush()
        return part.id


def new_task(plant, actor=None, **kwargs):
    values = {"title": "Sharpen cutters", "assignee_user_id": plant.operator.user_id}
    values.update(kwargs)
    return tasks.create_task(plant.db, actor or plant.master, **values)


# --------------------------------------------------------------------------- create


def test_create_user_task_records_history_and_reads_for_creator(plant):
    part_id = add_part(plant.db, plant.org_id, "P-100")
    card = new_task(plant, is_blocker=True, due_date=date.today() + timedelta(days=2), category="tooling",
                    part_id=part_id, description="Five form cutters")
    assert card.status is TaskStatus.OPEN and card.category is Category.TOOLING
    assert card.assignee_name == plant.operator.full_name and card.assignee_label == plant.operator.full_name
    assert card.part_code == "P-100" and card.is_blocker and not card.is_overdue
    assert card.unread is False and card.comment_count == 0 and card.version == 1
    assert card.allowed_moves == (Move.CANCEL,)  # the foreman created it; only the operator may accept
    details = tasks.get_task(plant.db, plant.operator, card.id)
    assert details.description == "Five form cutters" and details.creator_name == plant.master.full_name
    assert details.card.unread is True and details.allowed_moves == (Move.ACCEPT,)
    assert [(e.from_status, e.to_status, e.actor_id) for e in details.history] == [
        (None, TaskStatus.OPEN, plant.master.user_id)]
    assert tasks.open_blocker_counts(plant.db, plant.viewer) == {part_id: 1}


def test_create_role_task_and_accepting_assigns_it(plant):
    card = new_task(plant, assignee_user_id=None, assignee_role=Role.SUPPLY)
    assert card.assignee_name == "" and card.assignee_label == Role.SUPPLY.label
    with pytest.raises(InvalidTransition, match="Only a member of the role Supply clerk"):
        tasks.accept_task(plant.db, plant.qc, card.id, version=card.version)
    accepted = tasks.accept_task(plant.db, plant.supply, card.id, version=card.version)
    assert accepted.status is TaskStatus.ACCEPTED and accepted.assignee_user_id == plant.supply.user_id
    assert accepted.assignee_name == plant.supply.full_name and accepted.assignee_role is Role.SUPPLY
    assert accepted.allowed_moves == (Move.START,)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"assignee_user_id": None}, "assignee"),
        ({"assignee_role": "supply"}, "assignee"),
        ({"assignee_user_id": None, "assignee_role": "janitor"}, "assignee"),
        ({"assignee_user_id": None, "assignee_role": "viewer"}, "assignee"),
        ({"category": "snacks"}, "category"),
        ({"part_id": 999999}, "part_id"),
        ({"assignee_user_id": 999999}, "assignee"),
    ],
)
def test_create_refuses_bad_input(plant, kwargs, field):
    with pytest.raises(ValidationError) as raised:
        new_task(plant, **kwargs)
    assert raised.value.field == field
    assert tasks.list_board(plant.db, plant.admin).total == 0


def test_create_needs_permission_and_refuses_viewer_assignee(plant):
    with pytest.raises(PermissionDenied):
        new_task(plant, plant.operator)
    with pytest.raises(ValidationError, match="viewer"):
        new_task(plant, assignee_user_id=plant.viewer.user_id)


# --------------------------------------------------------------------------- moves


def test_full_workflow_with_send_back_writes_history_and_audit(plant):
    db, op, master = plant.db, plant.operator, plant.master
    card = new_task(plant)
    card = tasks.accept_task(db, op, card.id, version=card.version)
    card = tasks.start_task(db, op, card.id, version=card.version)
    card = tasks.send_task_to_review(db, op, card.id, version=card.version, comment="done, please check")
    assert card.status is TaskStatus.REVIEW and card.allowed_moves == ()
    with pytest.raises(InvalidTransition, match="Write a comment"):
        tasks.send_task_back(db, master, card.id, version=card.version, comment="")
    card = tasks.send_task_back(db, master, card.id, version=card.version, comment="one cutter is still blunt")
    assert card.status is TaskStatus.IN_PROGRESS
    card = tasks.send_task_to_review(db, op, card.id, version=card.version)
    card = tasks.approve_task(db, master, card.id, version=card.version)
    assert card.status is TaskStatus.DONE and card.done_at is not None and card.version == 7
    history = tasks.get_task(db, master, card.id).history
    assert [(e.from_status and e.from_status.value, e.to_status.value, e.actor_name) for e in history] == [
        (None, "open", master.full_name),
        ("open", "accepted", op.full_name),
        ("accepted", "in_progress", op.full_name),
        ("in_progress", "review", op.full_name),
        ("review", "in_progress", master.full_name),
        ("in_progress", "review", op.full_name),
        ("review", "done", master.full_name),
    ]
    assert history[3].comment == "done, please check" and history[4].comment == "one cutter is still blunt"
    with admin_of(db).sessions() as session:
        actions = session.execute(
            select(AuditEntry.action).where(AuditEntry.entity == "task", AuditEntry.entity_id == str(card.id))
            .order_by(AuditEntry.id)).scalars().all()
    assert actions == ["create", "accept", "start", "send_to_review", "send_back", "send_to_review", "approve"]


def test_refused_move_says_why_and_changes_nothing(plant):
    card = new_task(plant)
    card = tasks.accept_task(plant.db, plant.operator, card.id, version=card.version)
    with pytest.raises(InvalidTransition, match="Only the assignee can start this task"):
        tasks.start_task(plant.db, plant.master, card.id, version=card.version)
    with pytest.raises(InvalidTransition, match="Only the task's creator or an administrator can cancel"):
        tasks.cancel_task(plant.db, plant.operator, card.id, version=card.version)
    again = tasks.get_cards(plant.db, plant.master, [card.id])[0]
    assert again.status is TaskStatus.ACCEPTED and again.version == card.version
    assert len(tasks.get_task(plant.db, plant.master, card.id).history) == 2


def test_cancel_by_creator_then_no_more_moves(plant):
    card = new_task(plant)
    card = tasks.cancel_task(plant.db, plant.master, card.id, version=card.version, comment="not needed")
    assert card.status is TaskStatus.CANCELLED and card.allowed_moves == ()
    with pytest.raises(InvalidTransition, match="already cancelled"):
        tasks.accept_task(plant.db, plant.operator, card.id, version=card.version)


def test_stale_version_is_a_plain_conflict(plant):
    card = new_task(plant)
    tasks.accept_task(plant.db, plant.operator, card.id, version=card.version)
    with pytest.raises(ConcurrentModification, match="changed by someone else"):
        tasks.cancel_task(plant.db, plant.master, card.id, version=card.version)


def race(moves: dict) -> dict:
    """Run the moves in threads released at the same instant; name -> "ok" or the error."""
    barrier = threading.Barrier(len(moves))
    outcomes = {}

    def attempt(name, fn):
        barrier.wait()
        try:
            fn()
            outcomes[name] = "ok"
        except ConcurrentModification as error:
            outcomes[name] = error

    threads = [threading.Thread(target=attempt, args=item) for item in moves.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcomes


def test_two_people_moving_at_once_one_wins(pg_db):
    plant = make_plant(pg_db)
    for _ in range(4):
        card = new_task(plant)
        outcomes = race({
            "cancel": lambda c=card: tasks.cancel_task(pg_db, plant.master, c.id, version=c.version),
            "accept": lambda c=card: tasks.accept_task(pg_db, plant.operator, c.id, version=c.version),
        })
        results = list(outcomes.values())
        assert results.count("ok") == 1, outcomes
        loser = next(r for r in results if r != "ok")
        assert "changed by someone else" in str(loser)
        final = tasks.get_cards(pg_db, plant.master, [card.id])[0]
        assert final.version == 2
        with admin_of(pg_db).sessions() as session:
            events = session.execute(select(func.count()).select_from(TaskEvent)
                                     .where(TaskEvent.task_id == card.id)).scalar_one()
        assert events == 2  # creation + the winning move only


def test_both_read_the_same_version_then_one_update_loses(pg_db, monkeypatch):
    """Force the worst interleaving: both pass the checks on version 1 before either writes."""
    plant = make_plant(pg_db)
    card = new_task(plant)
    both_checked = threading.Barrier(2, timeout=10)
    original = tasks.check_move

    def check_then_wait(*args, **kwargs):
        transition = original(*args, **kwargs)
        both_checked.wait()
        return transition

    monkeypatch.setattr(tasks, "check_move", check_then_wait)
    outcomes = race({
        "cancel": lambda: tasks.cancel_task(pg_db, plant.master, card.id, version=card.version),
        "accept": lambda: tasks.accept_task(pg_db, plant.operator, card.id, version=card.version),
    })
    results = list(outcomes.values())
    assert results.count("ok") == 1, outcomes
    assert "changed by someone else" in str(next(r for r in results if r != "ok"))
    assert tasks.get_cards(pg_db, plant.master, [card.id])[0].version == 2


# --------------------------------------------------------------------------- comments and read state


def test_comments_count_and_keep_the_version(plant):
    card = new_task(plant)
    comment = tasks.add_comment(plant.db, plant.operator, card.id, "  Which cutters?  ")
    assert comment.text == "Which cutters?" and comment.author_name == plant.operator.full_name
    tasks.add_comment(plant.db, plant.master, card.id, "The form cutters")
    fresh = tasks.get_cards(plant.db, plant.master, [card.id])[0]
    assert fresh.comment_count == 2 and fresh.version == card.version
    assert [c.text for c in tasks.list_comments(plant.db, plant.viewer, card.id)] == ["Which cutters?",
                                                                                     "The form cutters"]
    tasks.accept_task(plant.db, plant.operator, card.id, version=card.version)  # the comment did not block it
    with pytest.raises(ValidationError):
        tasks.add_comment(plant.db, plant.master, card.id, "   ")
    with pytest.raises(PermissionDenied):
        tasks.add_comment(plant.db, plant.viewer, card.id, "hello")


def test_unread_follows_activity_of_others(plant):
    db = plant.db
    card = new_task(plant)
    assert tasks.get_cards(db, plant.operator, [card.id])[0].unread is True
    assert tasks.unread_count(db, plant.operator) == 1
    tasks.mark_read(db, plant.operator, card.id)
    assert tasks.get_cards(db, plant.operator, [card.id])[0].unread is False
    assert tasks.unread_count(db, plant.operator) == 0
    # the foreman comments: unread for the operator again, read for the foreman
    tasks.add_comment(db, plant.master, card.id, "Start with the big ones")
    assert tasks.get_cards(db, plant.operator, [card.id])[0].unread is True
    assert tasks.get_cards(db, plant.master, [card.id])[0].unread is False
    # the operator acts: that marks it read for them and unread for the foreman
    card = tasks.accept_task(db, plant.operator, card.id, version=card.version)
    assert card.unread is False
    assert tasks.get_cards(db, plant.master, [card.id])[0].unread is True
    assert tasks.unread_count(db, plant.master) == 1
    # an unrelated role does not count it
    assert tasks.unread_count(db, plant.qc) == 0


def test_activity_stamp_moves_forward_even_if_the_clock_is_behind(plant):
    card = new_task(plant)
    future = utcnow() + timedelta(hours=1)
    with admin_of(plant.db).sessions.begin() as session:
        session.execute(update(Task).where(Task.id == card.id).values(last_activity_at=future))
    tasks.mark_read(plant.db, plant.operator, card.id)
    tasks.add_comment(plant.db, plant.master, card.id, "clock is behind")
    assert tasks.get_cards(plant.db, plant.operator, [card.id])[0].unread is True


# --------------------------------------------------------------------------- board and queries


def test_board_groups_filters_and_sorts(plant):
    db = plant.db
    part_a = add_part(db, plant.org_id, "A-1")
    blocker = new_task(plant, title="Bring round bar", assignee_user_id=None, assignee_role="supply",
                       is_blocker=True, part_id=part_a, category="material")
    late = new_task(plant, title="Фрезы заточить", due_date=date.today() - timedelta(days=1))
    plain = new_task(plant, title="Clean the bay", category="other")
    done = tasks.accept_task(db, plant.operator, plain.id, version=plain.version)
    done = tasks.start_task(db, plant.operator, done.id, version=done.version)
    done = tasks.send_task_to_review(db, plant.operator, done.id, version=done.version)
    done = tasks.approve_task(db, plant.master, done.id, version=done.version)
    cancelled = new_task(plant, title="Not needed")
    tasks.cancel_task(db, plant.master, cancelled.id, version=cancelled.version)

    board = tasks.list_board(db, plant.operator)
    assert list(board.columns) == [TaskStatus.OPEN, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS,
                                   TaskStatus.REVIEW, TaskStatus.DONE]
    assert [c.id for c in board.cards("open")] == [blocker.id, late.id]  # blockers first, then due date
    assert [c.id for c in board.cards("done")] == [done.id]
    assert board.cards("open")[1].is_overdue and board.cards("open")[0].part_code == "A-1"
    assert TaskStatus.CANCELLED in tasks.list_board(db, plant.operator, include_cancelled=True).columns

    def ids(**filters):
        return sorted(c.id for c in tasks.list_board(db, plant.operator, **filters).columns.get(TaskStatus.OPEN, ()))

    assert ids(mine=True) == [late.id]
    assert ids(blockers_only=True) == [blocker.id]
    assert ids(overdue=True) == [late.id]
    assert ids(category="material") == [blocker.id]
    assert ids(part_id=part_a) == [blocker.id]
    assert ids(text="ФРЕЗЫ") == [late.id]  # case-insensitive beyond ASCII, on SQLite too
    assert ids(text=f"#{blocker.id}") == [blocker.id]
    assert ids(text="100%_") == []
    supply_view = tasks.list_board(db, plant.supply, my_role=True)
    assert [c.id for c in supply_view.cards("open")] == [blocker.id]
    assert [c.id for c in tasks.list_board(db, plant.supply, mine=True, my_role=True).cards("open")] == [blocker.id]


def test_board_shows_done_of_the_last_days_only(plant):
    card = new_task(plant, assignee_user_id=plant.master.user_id)
    for move in (Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW, Move.APPROVE):
        card = tasks.move_task(plant.db, plant.master, card.id, move, version=card.version)
    with admin_of(plant.db).sessions.begin() as session:
        session.execute(update(Task).where(Task.id == card.id).values(done_at=utcnow() - timedelta(days=20)))
    assert tasks.list_board(plant.db, plant.master).cards("done") == ()
    assert len(tasks.list_board(plant.db, plant.master, done_days=30).cards("done")) == 1
    assert len(tasks.list_board(plant.db, plant.master, done_days=None).cards("done")) == 1


def test_other_organisation_sees_nothing(plant):
    other = make_plant(plant.db, "Plant B", "b_")
    card = new_task(plant)
    assert tasks.list_board(plant.db, other.admin).total == 0
    assert tasks.get_cards(plant.db, other.admin, [card.id]) == []
    with pytest.raises(NotFound):
        tasks.get_task(plant.db, other.admin, card.id)
    with pytest.raises(NotFound):
        tasks.cancel_task(plant.db, other.admin, card.id, version=card.version)
    with pytest.raises(NotFound):
        tasks.add_comment(plant.db, other.admin, card.id, "hi")
    with pytest.raises(ValidationError):  # assigning to a user of another plant
        new_task(other, other.master, assignee_user_id=plant.operator.user_id)


def test_open_tasks_report_by_part_and_assignee(plant):
    db = plant.db
    part_a = add_part(db, plant.org_id, "A-1")
    new_task(plant, title="Blocker on A", is_blocker=True, part_id=part_a, due_date=date.today() - timedelta(days=1))
    new_task(plant, title="Other on A", part_id=part_a)
    new_task(plant, title="For supply", assignee_user_id=None, assignee_role="supply")
    finished = new_task(plant, title="Cancelled")
    tasks.cancel_task(db, plant.master, finished.id, version=finished.version)
    with pytest.raises(PermissionDenied):
        tasks.open_tasks_report(db, plant.operator)
    report = tasks.open_tasks_report(db, plant.manager)
    assert (report.open_count, report.blocker_count, report.overdue_count) == (3, 1, 1)
    assert [ln.title for ln in report.lines] == ["Blocker on A", "Other on A", "For supply"]
    assert [(g.label, g.open_count, g.blocker_count) for g in report.by_part] == [("A-1", 2, 1), ("No part", 1, 0)]
    assert [(g.label, g.open_count) for g in report.by_assignee] == [
        (plant.operator.full_name, 2), (Role.SUPPLY.label, 1)]


def test_demo_tasks_cover_every_status(plant):
    add_part(plant.db, plant.org_id, "D-1")
    people = {"admin": plant.admin, "kolchin": plant.master, "petrov": plant.operator, "sidorov": plant.supply,
              "smirnova": plant.qc, "volkova": plant.technologist, "orlov": plant.manager}
    demo_tasks.load(plant.db, people)
    board = tasks.list_board(plant.db, plant.admin, include_cancelled=True)
    assert board.total >= 28
    assert all(board.cards(status) for status in TaskStatus)
    assert any(c.assignee_role and not c.assignee_user_id for c in board.cards("open"))
    assert any(c.is_blocker and c.part_code == "D-1" for c in board.cards("open") + board.cards("in_progress"))
    assert sum(c.comment_count for cards in board.columns.values() for c in cards) >= 8


# --------------------------------------------------------------------------- edit, threads, unread marks


def test_edit_task_changes_fields_audits_them_and_is_activity(plant):
    db = plant.db
    part_id = add_part(db, plant.org_id, "P-300")
    card = new_task(plant)
    assert card.editable and not tasks.get_cards(db, plant.operator, [card.id])[0].editable
    tasks.mark_read(db, plant.operator, card.id)
    due = date.today() + timedelta(days=5)
    edited = tasks.update_task(db, plant.master, card.id, version=card.version, title="Sharpen all cutters",
                               description="and the drills", assignee_user_id=plant.supply.user_id, is_blocker=True,
                               due_date=due, category="tooling", part_id=part_id)
    assert (edited.title, edited.assignee_user_id, edited.is_blocker, edited.due_date, edited.category,
            edited.part_code, edited.status) == ("Sharpen all cutters", plant.supply.user_id, True, due,
                                                 Category.TOOLING, "P-300", TaskStatus.OPEN)
    assert edited.version == card.version + 1 and edited.unread is False
    assert tasks.get_task(db, plant.supply, card.id).description == "and the drills"
    assert tasks.get_cards(db, plant.supply, [card.id])[0].unread is True
    assert tasks.open_blocker_counts(db, plant.viewer) == {part_id: 1}
    with admin_of(db).sessions() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.entity == "task", AuditEntry.action == "edit")
                                ).scalar_one()
    assert set(entry.after) == {"title", "description", "assignee_user_id", "is_blocker", "due_date", "category",
                                "part_id"}
    assert entry.before["title"] == "Sharpen cutters" and entry.after["title"] == "Sharpen all cutters"
    # to a role: anyone in it may accept it again
    role_card = tasks.update_task(db, plant.master, card.id, version=edited.version, title="Sharpen all cutters",
                                  assignee_role=Role.OPERATOR)
    assert role_card.assignee_user_id is None and role_card.assignee_role is Role.OPERATOR


def test_edit_task_refusals_change_nothing(plant):
    db = plant.db
    card = new_task(plant)
    with pytest.raises(PermissionDenied, match="creator"):
        tasks.update_task(db, plant.operator, card.id, version=card.version, title="Mine now",
                          assignee_user_id=plant.operator.user_id)
    with pytest.raises(ConcurrentModification):
        tasks.update_task(db, plant.master, card.id, version=card.version + 1, title="x",
                          assignee_user_id=plant.operator.user_id)
    with pytest.raises(ValidationError, match="Nothing was changed"):
        tasks.update_task(db, plant.master, card.id, version=card.version, title="Sharpen cutters",
                          assignee_user_id=plant.operator.user_id)
    with pytest.raises(ValidationError):
        tasks.update_task(db, plant.master, card.id, version=card.version, title=" ",
                          assignee_user_id=plant.operator.user_id)
    # a reviewer role that did not create it may edit it
    tasks.update_task(db, plant.admin, card.id, version=card.version, title="Sharpen the cutters",
                      assignee_user_id=plant.operator.user_id)
    done = tasks.cancel_task(db, plant.master, card.id, version=card.version + 1)
    with pytest.raises(PermissionDenied, match="finished"):
        tasks.update_task(db, plant.master, card.id, version=done.version, title="Again",
                          assignee_user_id=plant.operator.user_id)
    assert tasks.get_cards(db, plant.master, [card.id])[0].title == "Sharpen the cutters"


def test_send_back_reason_is_in_the_comments_and_done_blocker_no_longer_blocks(plant):
    db, op, master = plant.db, plant.operator, plant.master
    card = new_task(plant, is_blocker=True)
    assert card.blocks_now
    for move in (tasks.accept_task, tasks.start_task, tasks.send_task_to_review):
        card = move(db, op, card.id, version=card.version)
    card = tasks.send_task_back(db, master, card.id, version=card.version, comment="one cutter is still blunt")
    assert card.comment_count == 1
    assert [(c.text, c.author_id) for c in tasks.list_comments(db, op, card.id)] == [
        ("one cutter is still blunt", master.user_id)]
    card = tasks.send_task_to_review(db, op, card.id, version=card.version)
    card = tasks.approve_task(db, master, card.id, version=card.version)
    assert card.is_blocker and not card.blocks_now


def test_unread_count_equals_the_unread_marks_on_the_board(plant):
    db = plant.db
    mine = new_task(plant)  # for the operator
    new_task(plant, actor=plant.supply, assignee_user_id=plant.master.user_id)  # none of the operator's business
    new_task(plant, assignee_user_id=None, assignee_role=Role.OPERATOR)
    cancelled = new_task(plant)
    tasks.cancel_task(db, plant.master, cancelled.id, version=cancelled.version)
    for user in (plant.operator, plant.master, plant.supply, plant.qc, plant.admin):
        board = tasks.list_board(db, user)
        marks = sum(card.unread for status in board.columns for card in board.cards(status))
        assert tasks.unread_count(db, user) == marks, user.username
    assert tasks.unread_count(db, plant.operator) == 2
    tasks.mark_read(db, plant.operator, mine.id)
    assert tasks.unread_count(db, plant.operator) == 1


def test_edit_keeps_an_accepted_role_task_and_its_person_as_they_are(plant):
    db = plant.db
    card = new_task(plant, assignee_user_id=None, assignee_role=Role.OPERATOR)
    card = tasks.accept_task(db, plant.operator, card.id, version=card.version)
    edited = tasks.update_task(db, plant.master, card.id, version=card.version, title="Sharpen cutters today",
                               assignee_user_id=plant.operator.user_id)
    assert (edited.assignee_user_id, edited.assignee_role, edited.status) == (
        plant.operator.user_id, Role.OPERATOR, TaskStatus.ACCEPTED)
    moved = tasks.update_task(db, plant.master, card.id, version=edited.version, title="Sharpen cutters today",
                              assignee_user_id=plant.supply.user_id)
    assert (moved.assignee_user_id, moved.assignee_role, moved.status) == (
        plant.supply.user_id, None, TaskStatus.ACCEPTED)  # the new person carries on from where it is
    with pytest.raises(ValidationError, match="not to a role"):
        tasks.update_task(db, plant.master, card.id, version=moved.version, title="Sharpen cutters today",
                          assignee_role=Role.QC)
