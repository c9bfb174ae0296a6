"""Tasks: statuses, categories and the one transition table (which move, from where, who may make it).

Who may make each move (decided here, tested move by move in tests/unit/test_task_transitions.py):

- accept (open -> accepted): the assignee user; for a task addressed to a role, any member of that
  role (accepting assigns the task to them); an administrator always.
- start (accepted -> in progress), send_to_review (in progress -> review): the assignee only.
- approve (review -> done) and send_back (review -> in progress, comment required): the task's
  creator, or a role allowed to review tasks (Op.REVIEW_TASKS: administrator, production manager,
  foreman). Four eyes: the assignee may not review their own work, unless they also created the
  task (a personal to-do) or are an administrator.
- cancel (any unfinished status -> cancelled): the creator or an administrator.

A move may carry a comment; send_back requires one (it tells the assignee what to fix). The comment
of a move is also written to the task's comment thread.

Editing (title, description, due date, assignee, blocker, category, part) while the task is unfinished:
its creator, a reviewer role (Op.REVIEW_TASKS) or an administrator (may_edit). A new assignee does not
change the status: the person now named carries on from where the task is (a task someone accepted already
goes to a person, not to a role: the later moves are the assignee's).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from erp_desktop.domain.roles import PERMISSIONS, Op, Role
from erp_desktop.errors import QT_TRANSLATE_NOOP, InvalidTransition, Text


class TaskStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    REVIEW = "review"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_finished(self) -> bool:
        return self in FINISHED


STATUS_LABELS = {
    TaskStatus.OPEN: QT_TRANSLATE_NOOP("enums", "Open"),
    TaskStatus.ACCEPTED: QT_TRANSLATE_NOOP("enums", "Accepted"),
    TaskStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("enums", "In progress"),
    TaskStatus.REVIEW: QT_TRANSLATE_NOOP("enums", "Review"),
    TaskStatus.DONE: QT_TRANSLATE_NOOP("enums", "Done"),
    TaskStatus.CANCELLED: QT_TRANSLATE_NOOP("enums", "Cancelled"),
}
FINISHED = frozenset({TaskStatus.DONE, TaskStatus.CANCELLED})
UNFINISHED = frozenset(TaskStatus) - FINISHED
# the Kanban columns, left to right (cancelled tasks are shown only on request)
BOARD_STATUSES = (TaskStatus.OPEN, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.REVIEW, TaskStatus.DONE)


class Category(StrEnum):
    TOOLING = "tooling"
    MATERIAL = "material"
    EQUIPMENT = "equipment"
    QUALITY = "quality"
    DOCUMENTATION = "documentation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.TOOLING: QT_TRANSLATE_NOOP("enums", "Tooling"),
    Category.MATERIAL: QT_TRANSLATE_NOOP("enums", "Material"),
    Category.EQUIPMENT: QT_TRANSLATE_NOOP("enums", "Equipment"),
    Category.QUALITY: QT_TRANSLATE_NOOP("enums", "Quality"),
    Category.DOCUMENTATION: QT_TRANSLATE_NOOP("enums", "Documentation"),
    Category.OTHER: QT_TRANSLATE_NOOP("enums", "Other"),
}


class Move(StrEnum):
    ACCEPT = "accept"
    START = "start"
    SEND_TO_REVIEW = "send_to_review"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    CANCEL = "cancel"

    @property
    def label(self) -> str:
        return TRANSITIONS[self].label


class Who(StrEnum):
    """Who may make a move (see the module docstring)."""

    ASSIGNEE_OR_ROLE_MEMBER = "assignee_or_role_member"
    ASSIGNEE = "assignee"
    REVIEWER = "reviewer"
    CREATOR = "creator"


@dataclass(frozen=True)
class Transition:
    move: Move
    sources: frozenset[TaskStatus]
    target: TaskStatus
    who: Who
    label: str  # the button text
    verb: str  # for messages: "Only the assignee can <verb> this task"
    comment_required: bool = False


TRANSITIONS: dict[Move, Transition] = {
    t.move: t
    for t in (
        Transition(Move.ACCEPT, frozenset({TaskStatus.OPEN}), TaskStatus.ACCEPTED,
                   Who.ASSIGNEE_OR_ROLE_MEMBER, QT_TRANSLATE_NOOP("enums", "Accept"), QT_TRANSLATE_NOOP("errors", "accept")),
        Transition(Move.START, frozenset({TaskStatus.ACCEPTED}), TaskStatus.IN_PROGRESS,
                   Who.ASSIGNEE, QT_TRANSLATE_NOOP("enums", "Start"), QT_TRANSLATE_NOOP("errors", "start")),
        Transition(Move.SEND_TO_REVIEW, frozenset({TaskStatus.IN_PROGRESS}), TaskStatus.REVIEW,
                   Who.ASSIGNEE, QT_TRANSLATE_NOOP("enums", "Send to review"), QT_TRANSLATE_NOOP("errors", "send to review")),
        Transition(Move.APPROVE, frozenset({TaskStatus.REVIEW}), TaskStatus.DONE,
                   Who.REVIEWER, QT_TRANSLATE_NOOP("enums", "Approve"), QT_TRANSLATE_NOOP("errors", "approve")),
        Transition(Move.SEND_BACK, frozenset({TaskStatus.REVIEW}), TaskStatus.IN_PROGRESS,
                   Who.REVIEWER, QT_TRANSLATE_NOOP("enums", "Send back"), QT_TRANSLATE_NOOP("errors", "send back"), comment_required=True),
        Transition(Move.CANCEL, UNFINISHED, TaskStatus.CANCELLED,
                   Who.CREATOR, QT_TRANSLATE_NOOP("enums", "Cancel task"), QT_TRANSLATE_NOOP("errors", "cancel")),
    )
}

# a task's status as a refusal names it (its label in lower case), for lupdate: the UI translates it there
STATUS_WORDS = (QT_TRANSLATE_NOOP("errors", "open"), QT_TRANSLATE_NOOP("errors", "accepted"),
                QT_TRANSLATE_NOOP("errors", "in progress"), QT_TRANSLATE_NOOP("errors", "review"),
                QT_TRANSLATE_NOOP("errors", "done"), QT_TRANSLATE_NOOP("errors", "cancelled"))
REVIEWER_ROLES = frozenset(role for role, ops in PERMISSIONS.items() if Op.REVIEW_TASKS in ops)


@dataclass(frozen=True)
class TaskFacts:
    """What the rules need to know about a task."""

    status: TaskStatus
    creator_id: int
    assignee_user_id: int | None
    assignee_role: Role | None


@dataclass(frozen=True)
class Person:
    """Who wants to make the move."""

    user_id: int
    role: Role


def _refusal(transition: Transition, task: TaskFacts, person: Person) -> Text | None:
    """Why ``person`` may not make this move on ``task`` in its current status, or None."""
    if task.status not in transition.sources:
        if task.status in FINISHED:
            return Text(QT_TRANSLATE_NOOP("errors", "This task is already {status}; it cannot {done} any more."), status=task.status.label.lower(), done=_past(transition))
        allowed = " or ".join(s.label.lower() for s in TaskStatus if s in transition.sources)
        return Text(QT_TRANSLATE_NOOP("errors", "This task is {status}; it can {done} only when it is {allowed}."), status=task.status.label.lower(), done=_past(transition), allowed=allowed)
    is_admin = person.role == Role.ADMIN
    is_assignee = task.assignee_user_id is not None and task.assignee_user_id == person.user_id
    is_creator = task.creator_id == person.user_id
    verb = transition.verb
    if transition.who is Who.ASSIGNEE_OR_ROLE_MEMBER:
        if is_admin or is_assignee:
            return None
        if task.assignee_user_id is None and task.assignee_role is not None:
            if person.role == task.assignee_role:
                return None
            return Text(QT_TRANSLATE_NOOP("errors", "Only a member of the role {role} can {verb} this task"), role=task.assignee_role, verb=verb)
        return Text(QT_TRANSLATE_NOOP("errors", "Only the assignee can {verb} this task"), verb=verb)
    if transition.who is Who.ASSIGNEE:
        return None if is_assignee else Text(QT_TRANSLATE_NOOP("errors", "Only the assignee can {verb} this task"), verb=verb)
    if transition.who is Who.REVIEWER:
        if not (is_creator or person.role in REVIEWER_ROLES):
            roles = ", ".join(r.label.lower() for r in Role if r in REVIEWER_ROLES)
            return Text(QT_TRANSLATE_NOOP("errors", "Only the task's creator or a reviewer ({roles}) can {verb} this task"), roles=roles, verb=verb)
        if is_assignee and not (is_creator or is_admin):
            return Text(QT_TRANSLATE_NOOP("errors", "You cannot {verb} your own work; the task's creator or another reviewer must review it"), verb=verb)
        return None
    if transition.who is Who.CREATOR:
        return None if (is_creator or is_admin) else Text(QT_TRANSLATE_NOOP("errors", "Only the task's creator or an administrator can {verb} this task"), verb=verb)
    raise AssertionError(transition.who)


def edit_refusal(task: TaskFacts, person: Person) -> Text | None:
    """Why ``person`` may not edit ``task`` now (an English template for the "errors" context), or None."""
    if task.status in FINISHED:
        return Text(QT_TRANSLATE_NOOP("errors", "This task is finished; it cannot be edited any more."))
    if task.creator_id == person.user_id or person.role in REVIEWER_ROLES:
        return None
    return Text(QT_TRANSLATE_NOOP("errors", "Only the task's creator, a foreman, a production manager or an "
                                            "administrator can edit this task."))


def may_edit(task: TaskFacts, person: Person) -> bool:
    return edit_refusal(task, person) is None


def _past(transition: Transition) -> str:
    """How a refusal says the move: "it cannot <be accepted> any more"."""
    return {
        Move.ACCEPT: QT_TRANSLATE_NOOP("errors", "be accepted"),
        Move.START: QT_TRANSLATE_NOOP("errors", "be started"),
        Move.SEND_TO_REVIEW: QT_TRANSLATE_NOOP("errors", "be sent to review"),
        Move.APPROVE: QT_TRANSLATE_NOOP("errors", "be approved"),
        Move.SEND_BACK: QT_TRANSLATE_NOOP("errors", "be sent back"),
        Move.CANCEL: QT_TRANSLATE_NOOP("errors", "be cancelled"),
    }[transition.move]


def check_move(task: TaskFacts, move: Move | str, person: Person, comment: str | None = None) -> Transition:
    """The transition to make, or InvalidTransition with the reason."""
    try:
        transition = TRANSITIONS[Move(move)]
    except ValueError:
        raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Unknown task move '{move}'."), move=move) from None
    reason = _refusal(transition, task, person)
    if reason is not None:
        raise InvalidTransition(reason if reason.endswith(".") else Text(QT_TRANSLATE_NOOP("errors", "{reason}."), reason=reason))
    if transition.comment_required and not (comment or "").strip():
        raise InvalidTransition(
            QT_TRANSLATE_NOOP("errors", "Write a comment to {verb} the task: say what needs to be done."), verb=transition.verb, field="comment"
        )
    return transition


def allowed_moves(task: TaskFacts, person: Person) -> tuple[Move, ...]:
    """The moves ``person`` may make now, in table order (the buttons a dialog shows)."""
    unassigned = task.assignee_user_id is None
    return _allowed(task.status, person.role, not unassigned and task.assignee_user_id == person.user_id,
                    task.creator_id == person.user_id, unassigned, task.assignee_role)


@lru_cache(maxsize=2048)
def _allowed(status: TaskStatus, role: Role, is_assignee: bool, is_creator: bool, unassigned: bool,
             assignee_role: Role | None) -> tuple[Move, ...]:
    # the rules depend only on these relations, so a board of thousands of cards asks them a few dozen times
    me = Person(1, role)
    task = TaskFacts(status, 1 if is_creator else 2, None if unassigned else (1 if is_assignee else 3), assignee_role)
    return tuple(t.move for t in TRANSITIONS.values() if _refusal(t, task, me) is None)


def move_between(source: TaskStatus | str, target: TaskStatus | str) -> Move | None:
    """The move that takes a task from one column to another (a Kanban drop), if there is one."""
    source, target = TaskStatus(source), TaskStatus(target)
    for transition in TRANSITIONS.values():
        if source in transition.sources and transition.target == target:
            return transition.move
    return None
