"""The task transition table, move by move: from which status, who may make it, what it needs."""

from __future__ import annotations

import pytest

from erp_desktop.domain.roles import Role
from erp_desktop.domain.tasks import (
    TRANSITIONS,
    UNFINISHED,
    Move,
    Person,
    TaskFacts,
    TaskStatus,
    allowed_moves,
    check_move,
    move_between,
)
from erp_desktop.errors import InvalidTransition

CREATOR = Person(1, Role.MASTER)
ASSIGNEE = Person(2, Role.OPERATOR)
OTHER_OPERATOR = Person(3, Role.OPERATOR)
SUPPLY = Person(4, Role.SUPPLY)
ADMIN = Person(5, Role.ADMIN)
MANAGER = Person(6, Role.MANAGER)
OTHER_MASTER = Person(7, Role.MASTER)
QC = Person(8, Role.QC)
TECHNOLOGIST = Person(9, Role.TECHNOLOGIST)
EVERYONE = (CREATOR, ASSIGNEE, OTHER_OPERATOR, SUPPLY, ADMIN, MANAGER, OTHER_MASTER, QC, TECHNOLOGIST)


def user_task(status: TaskStatus, creator: Person = CREATOR, assignee: Person = ASSIGNEE) -> TaskFacts:
    return TaskFacts(status, creator.user_id, assignee.user_id, None)


def role_task(status: TaskStatus = TaskStatus.OPEN, role: Role = Role.SUPPLY) -> TaskFacts:
    return TaskFacts(status, CREATOR.user_id, None, role)


def may(task: TaskFacts, move: Move, person: Person, comment: str = "because") -> bool:
    try:
        check_move(task, move, person, comment)
    except InvalidTransition:
        return False
    return True


def who_may(task: TaskFacts, move: Move) -> set[int]:
    return {p.user_id for p in EVERYONE if may(task, move, p)}


# --------------------------------------------------------------------------- the table itself


def test_workflow_targets():
    assert TRANSITIONS[Move.ACCEPT].target is TaskStatus.ACCEPTED
    assert TRANSITIONS[Move.START].target is TaskStatus.IN_PROGRESS
    assert TRANSITIONS[Move.SEND_TO_REVIEW].target is TaskStatus.REVIEW
    assert TRANSITIONS[Move.APPROVE].target is TaskStatus.DONE
    assert TRANSITIONS[Move.SEND_BACK].target is TaskStatus.IN_PROGRESS
    assert TRANSITIONS[Move.CANCEL].target is TaskStatus.CANCELLED


@pytest.mark.parametrize(
    "move, sources",
    [
        (Move.ACCEPT, {TaskStatus.OPEN}),
        (Move.START, {TaskStatus.ACCEPTED}),
        (Move.SEND_TO_REVIEW, {TaskStatus.IN_PROGRESS}),
        (Move.APPROVE, {TaskStatus.REVIEW}),
        (Move.SEND_BACK, {TaskStatus.REVIEW}),
        (Move.CANCEL, {TaskStatus.OPEN, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.REVIEW}),
    ],
)
def test_each_move_only_from_its_statuses(move, sources):
    # the admin passes every "who" rule, so only the status decides here
    for status in TaskStatus:
        assert may(user_task(status, creator=ADMIN, assignee=ADMIN), move, ADMIN) == (status in sources), status


def test_wrong_status_says_what_the_task_is():
    with pytest.raises(InvalidTransition, match="in progress; it can be accepted only when it is open"):
        check_move(user_task(TaskStatus.IN_PROGRESS), Move.ACCEPT, ASSIGNEE)
    with pytest.raises(InvalidTransition, match="already done; it cannot be cancelled"):
        check_move(user_task(TaskStatus.DONE), Move.CANCEL, CREATOR)


# --------------------------------------------------------------------------- who


def test_accept_user_task_by_assignee_or_admin():
    assert who_may(user_task(TaskStatus.OPEN), Move.ACCEPT) == {ASSIGNEE.user_id, ADMIN.user_id}
    with pytest.raises(InvalidTransition, match="Only the assignee can accept this task"):
        check_move(user_task(TaskStatus.OPEN), Move.ACCEPT, OTHER_OPERATOR)


def test_accept_role_task_by_any_member_of_the_role_or_admin():
    assert who_may(role_task(), Move.ACCEPT) == {SUPPLY.user_id, ADMIN.user_id}
    assert who_may(role_task(role=Role.OPERATOR), Move.ACCEPT) == {
        ASSIGNEE.user_id, OTHER_OPERATOR.user_id, ADMIN.user_id}
    with pytest.raises(InvalidTransition, match="Only a member of the role Supply clerk can accept"):
        check_move(role_task(), Move.ACCEPT, QC)


def test_accepted_role_task_belongs_to_the_acceptor_only():
    accepted = TaskFacts(TaskStatus.ACCEPTED, CREATOR.user_id, SUPPLY.user_id, Role.SUPPLY)
    assert who_may(accepted, Move.START) == {SUPPLY.user_id}


def test_start_only_by_assignee():
    assert who_may(user_task(TaskStatus.ACCEPTED), Move.START) == {ASSIGNEE.user_id}
    with pytest.raises(InvalidTransition, match="^Only the assignee can start this task.$"):
        check_move(user_task(TaskStatus.ACCEPTED), Move.START, CREATOR)


def test_send_to_review_only_by_assignee():
    assert who_may(user_task(TaskStatus.IN_PROGRESS), Move.SEND_TO_REVIEW) == {ASSIGNEE.user_id}


@pytest.mark.parametrize("move", [Move.APPROVE, Move.SEND_BACK])
def test_review_by_creator_or_reviewer_roles(move):
    # reviewers: Op.REVIEW_TASKS (admin, manager, foreman) and the creator; not operators, qc, supply, technologists
    assert who_may(user_task(TaskStatus.REVIEW), move) == {
        CREATOR.user_id, ADMIN.user_id, MANAGER.user_id, OTHER_MASTER.user_id}
    technologist_created = user_task(TaskStatus.REVIEW, creator=TECHNOLOGIST)
    assert TECHNOLOGIST.user_id in who_may(technologist_created, move)
    with pytest.raises(InvalidTransition, match="Only the task's creator or a reviewer"):
        check_move(user_task(TaskStatus.REVIEW), move, QC, "x")


def test_assignee_cannot_review_own_work_unless_creator_or_admin():
    foreman_assigned = user_task(TaskStatus.REVIEW, creator=MANAGER, assignee=OTHER_MASTER)
    with pytest.raises(InvalidTransition, match="cannot approve your own work"):
        check_move(foreman_assigned, Move.APPROVE, OTHER_MASTER)
    own_todo = user_task(TaskStatus.REVIEW, creator=OTHER_MASTER, assignee=OTHER_MASTER)
    assert may(own_todo, Move.APPROVE, OTHER_MASTER)
    admin_assigned = user_task(TaskStatus.REVIEW, creator=MANAGER, assignee=ADMIN)
    assert may(admin_assigned, Move.APPROVE, ADMIN)


def test_send_back_requires_a_comment():
    with pytest.raises(InvalidTransition, match="Write a comment") as raised:
        check_move(user_task(TaskStatus.REVIEW), Move.SEND_BACK, CREATOR, "   ")
    assert raised.value.field == "comment"
    assert check_move(user_task(TaskStatus.REVIEW), Move.SEND_BACK, CREATOR, "redo the drawing").move is Move.SEND_BACK


@pytest.mark.parametrize("status", sorted(UNFINISHED))
def test_cancel_by_creator_or_admin_from_any_unfinished_status(status):
    assert who_may(user_task(status), Move.CANCEL) == {CREATOR.user_id, ADMIN.user_id}


def test_cancel_refused_to_others_with_reason():
    with pytest.raises(InvalidTransition, match="Only the task's creator or an administrator can cancel"):
        check_move(user_task(TaskStatus.OPEN), Move.CANCEL, ASSIGNEE)


def test_unknown_move_is_refused():
    with pytest.raises(InvalidTransition, match="Unknown task move"):
        check_move(user_task(TaskStatus.OPEN), "teleport", ADMIN)


# --------------------------------------------------------------------------- buttons and drops


def test_allowed_moves_are_the_buttons_to_show():
    assert allowed_moves(user_task(TaskStatus.OPEN), ASSIGNEE) == (Move.ACCEPT,)
    assert allowed_moves(user_task(TaskStatus.OPEN), CREATOR) == (Move.CANCEL,)
    assert allowed_moves(user_task(TaskStatus.OPEN), ADMIN) == (Move.ACCEPT, Move.CANCEL)
    assert allowed_moves(user_task(TaskStatus.REVIEW), CREATOR) == (Move.APPROVE, Move.SEND_BACK, Move.CANCEL)
    assert allowed_moves(user_task(TaskStatus.REVIEW), ASSIGNEE) == ()
    assert allowed_moves(user_task(TaskStatus.DONE), ADMIN) == ()


def test_move_between_columns():
    assert move_between("open", "accepted") is Move.ACCEPT
    assert move_between(TaskStatus.REVIEW, TaskStatus.IN_PROGRESS) is Move.SEND_BACK
    assert move_between(TaskStatus.REVIEW, TaskStatus.DONE) is Move.APPROVE
    assert move_between(TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED) is Move.CANCEL
    assert move_between(TaskStatus.OPEN, TaskStatus.DONE) is None
