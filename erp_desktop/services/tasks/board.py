"""Tasks: create, move through the workflow, comment, read/unread, the board and its reports.

Read state: a task is unread for a user when its last activity (a move or a comment, stamped in
``Task.last_activity_at``) is later than the user's ``TaskRead.read_at``, or the user never read it.
Acting on a task stamps the activity and marks it read for the actor in the same transaction, so a
user's own activity never makes a task unread for them. Activity stamps only grow per task (a desktop
with a slow clock cannot hide new activity behind an older stamp) and a read mark only moves forward.

Comments do not bump the task's version: a comment must not make someone's pending move fail.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.orm.exc import StaleDataError

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Part, Task, TaskComment, TaskEvent, TaskRead, User
from erp_desktop.db.text_match import contains_ignoring_case
from erp_desktop.db.types import utcnow
from erp_desktop.domain.inputs import clean_int, clean_search, clean_text
from erp_desktop.domain.roles import Op, Role
from erp_desktop.domain.tasks import (
    BOARD_STATUSES,
    FINISHED,
    UNFINISHED,
    Category,
    Move,
    Person,
    TaskFacts,
    TaskStatus,
    allowed_moves,
    check_move,
    edit_refusal,
    may_edit,
)
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    ConcurrentModification,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_text, get_record, optional_id, storable_ids, text_limit
from erp_desktop.services.uow import UnitOfWork, run_read, run_write, snapshot

TASK_FIELDS = ("title", "status", "assignee_user_id", "assignee_role", "is_blocker", "due_date", "category",
               "part_id")
MAX_TITLE = text_limit(Task.title)
MAX_TEXT = 4000
DONE_DAYS = 14
TICK = timedelta(microseconds=1)


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class TaskCard:
    """One Kanban card."""

    id: int
    title: str
    status: TaskStatus
    category: Category
    creator_id: int
    assignee_user_id: int | None
    assignee_name: str  # "" while a role task is not accepted yet
    assignee_role: Role | None  # the role badge of a role task (kept after someone accepted it)
    due_date: date | None
    is_overdue: bool
    is_blocker: bool
    part_id: int | None
    part_code: str
    unread: bool
    comment_count: int
    last_activity_at: datetime
    done_at: datetime | None
    version: int
    allowed_moves: tuple[Move, ...]  # what the acting user may do with it now
    editable: bool = False  # the acting user may edit it now (domain/tasks.may_edit)

    @property
    def blocks_now(self) -> bool:
        """A blocker that still holds production up (a finished task no longer does)."""
        return self.is_blocker and self.status not in FINISHED

    @property
    def assignee_label(self) -> str:
        if self.assignee_name:
            return self.assignee_name
        return self.assignee_role.label if self.assignee_role else ""


@dataclass(frozen=True)
class TaskBoard:
    """Cards by status: every column of BOARD_STATUSES (plus cancelled when asked for), each sorted."""

    columns: dict[TaskStatus, tuple[TaskCard, ...]]
    done_days: int | None

    def cards(self, status: TaskStatus | str) -> tuple[TaskCard, ...]:
        return self.columns.get(TaskStatus(status), ())

    @property
    def total(self) -> int:
        return sum(len(cards) for cards in self.columns.values())


@dataclass(frozen=True)
class TaskEventDTO:
    id: int
    at: datetime
    actor_id: int
    actor_name: str
    from_status: TaskStatus | None  # None: the task was created
    to_status: TaskStatus
    comment: str


@dataclass(frozen=True)
class TaskCommentDTO:
    id: int
    at: datetime
    author_id: int
    author_name: str
    text: str


@dataclass(frozen=True)
class TaskDetails:
    card: TaskCard
    description: str
    creator_name: str
    created_at: datetime
    history: tuple[TaskEventDTO, ...]  # oldest first
    comments: tuple[TaskCommentDTO, ...]  # oldest first

    @property
    def allowed_moves(self) -> tuple[Move, ...]:
        return self.card.allowed_moves


@dataclass(frozen=True)
class OpenTaskLine:
    id: int
    title: str
    status: TaskStatus
    category: Category
    part_id: int | None
    part_code: str
    assignee_label: str
    due_date: date | None
    is_overdue: bool
    is_blocker: bool
    created_at: datetime


@dataclass(frozen=True)
class OpenTasksGroup:
    label: str  # a part code, an assignee name or role, or "No part" / "Nobody"
    open_count: int
    blocker_count: int
    overdue_count: int


@dataclass(frozen=True)
class OpenTasksReport:
    generated_at: datetime
    lines: tuple[OpenTaskLine, ...]  # by part, blockers first, then due date
    by_part: tuple[OpenTasksGroup, ...]
    by_assignee: tuple[OpenTasksGroup, ...]
    open_count: int
    blocker_count: int
    overdue_count: int


# --------------------------------------------------------------------------- helpers

_Assignee = aliased(User, name="assignee")


def _card_query(actor: Actor):
    columns = [
        Task.id, Task.title, Task.status, Task.category, Task.creator_id, Task.assignee_user_id,
        Task.assignee_role, Task.due_date, Task.is_blocker, Task.part_id, Task.comment_count,
        Task.last_activity_at, Task.done_at, Task.version,
        _Assignee.full_name.label("assignee_full_name"), _Assignee.username.label("assignee_username"),
        Part.code.label("part_code"), TaskRead.read_at,
    ]
    return (
        select(*columns)
        .outerjoin(_Assignee, _Assignee.id == Task.assignee_user_id)
        .outerjoin(Part, Part.id == Task.part_id)
        .outerjoin(TaskRead, and_(TaskRead.task_id == Task.id, TaskRead.user_id == actor.user_id))
        .where(Task.org_id == actor.org_id)
    )


def _card(row, person: Person, today: date) -> TaskCard:
    status = TaskStatus(row.status)
    role = Role(row.assignee_role) if row.assignee_role else None
    facts = TaskFacts(status, row.creator_id, row.assignee_user_id, role)
    return TaskCard(
        id=row.id,
        title=row.title,
        status=status,
        category=Category(row.category),
        creator_id=row.creator_id,
        assignee_user_id=row.assignee_user_id,
        assignee_name=(row.assignee_full_name or row.assignee_username or "") if row.assignee_user_id else "",
        assignee_role=role,
        due_date=row.due_date,
        is_overdue=row.due_date is not None and row.due_date < today and status not in FINISHED,
        is_blocker=row.is_blocker,
        part_id=row.part_id,
        part_code=row.part_code or "",
        unread=_concerns(row, person) and (row.read_at is None or row.last_activity_at > row.read_at),
        comment_count=row.comment_count,
        last_activity_at=row.last_activity_at,
        done_at=row.done_at,
        version=row.version,
        allowed_moves=allowed_moves(facts, person),
        editable=may_edit(facts, person),
    )


def _concerns(row, person: Person) -> bool:
    """The task is the user's business: assigned to them, to their role (not accepted yet), or created by them.
    Only these carry unread marks, and unread_count counts exactly these (the same rule in SQL: _concerns_sql)."""
    if row.assignee_user_id is not None:
        return row.assignee_user_id == person.user_id or row.creator_id == person.user_id
    return row.assignee_role == person.role.value or row.creator_id == person.user_id


def _concerns_sql(actor: Actor):
    return or_(
        Task.assignee_user_id == actor.user_id,
        and_(Task.assignee_user_id.is_(None), Task.assignee_role == Role(actor.role).value),
        Task.creator_id == actor.user_id,
    )


def _person(actor: Actor) -> Person:
    return Person(actor.user_id, Role(actor.role))


def _load_cards(uow: UnitOfWork, actor: Actor, ids: Iterable[int]) -> list[TaskCard]:
    ids = sorted(set(storable_ids(Task, ids)))
    if not ids:
        return []
    rows = uow.session.execute(_card_query(actor).where(Task.id.in_(ids))).all()
    person, today = _person(actor), date.today()
    return [_card(row, person, today) for row in rows]


def _task_in_org(uow: UnitOfWork, task_id: int) -> Task:
    task = get_record(uow.session, Task, task_id)
    if task is None or task.org_id != uow.org_id:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "Task #{task_id} does not exist (any more)."), task_id=f"{task_id}")
    return task


def _facts(task: Task) -> TaskFacts:
    return TaskFacts(TaskStatus(task.status), task.creator_id, task.assignee_user_id,
                     Role(task.assignee_role) if task.assignee_role else None)


def _activity_stamp(task: Task) -> datetime:
    """Now, but always later than the task's previous activity."""
    now = utcnow()
    return now if task.last_activity_at is None or now > task.last_activity_at else task.last_activity_at + TICK


def _mark_read(uow: UnitOfWork, task_id: int, user_id: int, at: datetime) -> None:
    """Read up to ``at``; a read mark never moves back."""
    table = TaskRead.__table__
    insert = pg_insert if uow.db.is_postgres else sqlite_insert
    statement = insert(table).values(task_id=task_id, user_id=user_id, read_at=at)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.task_id, table.c.user_id],
        set_={"read_at": statement.excluded.read_at},
        where=table.c.read_at < statement.excluded.read_at,
    )
    uow.session.execute(statement)


def _clean_text(value: str | None, field: str, what: str, *, required: bool, limit: int = MAX_TEXT) -> str:
    return clean_text(value, field=field, label=what, required=required, max_len=limit)


def _user_name(uow: UnitOfWork, user_id: int) -> str:
    user = uow.session.get(User, user_id)
    return (user.full_name or user.username) if user else ""


# --------------------------------------------------------------------------- commands


def _check_fields(*, title, description, assignee_user_id, assignee_role, due_date, category) -> dict:
    """The plain checks of a task's editable fields (create and edit); the values cleaned."""
    title = column_text(Task.title, title, label=QT_TRANSLATE_NOOP("errors", "task title"), required=True)
    description = _clean_text(description, "description", "description", required=False)
    try:
        category = Category(category)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown task category '{category}'."), category=category, field="category") from None
    if (assignee_user_id is None) == (assignee_role is None or assignee_role == ""):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Assign the task either to a person or to a role."), field="assignee")
    if assignee_role:
        try:
            assignee_role = Role(assignee_role)
        except ValueError:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown role '{assignee_role}'."), assignee_role=assignee_role, field="assignee") from None
        if assignee_role == Role.VIEWER:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Viewers cannot work on tasks; choose another role."), field="assignee")
    else:
        assignee_role = None
    if due_date is not None and (not isinstance(due_date, date) or isinstance(due_date, datetime)):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The due date must be a date."), field="due_date")
    return {"title": title, "description": description, "assignee_user_id": assignee_user_id,
            "assignee_role": assignee_role, "due_date": due_date, "category": category}


def _check_references(uow: UnitOfWork, actor: Actor, assignee_user_id: int | None, part_id: int | None) -> None:
    if assignee_user_id is not None:
        user = get_record(uow.session, User, assignee_user_id)
        if user is None or user.org_id != actor.org_id or not user.is_active:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The chosen assignee does not exist or is deactivated."),
                                  field="assignee")
        if user.role == Role.VIEWER.value:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} is a viewer and cannot work on tasks."),
                                  name=user.full_name or user.username, field="assignee")
    if part_id is not None:
        part = get_record(uow.session, Part, part_id)
        if part is None or part.org_id != actor.org_id:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The chosen part does not exist (any more)."), field="part_id")


def create_task(
    db: Database,
    actor: Actor,
    *,
    title: str,
    description: str = "",
    assignee_user_id: int | None = None,
    assignee_role: Role | str | None = None,
    is_blocker: bool = False,
    due_date: date | None = None,
    category: Category | str = Category.OTHER,
    part_id: int | None = None,
) -> TaskCard:
    """A new open task for one user or for a role (any member of the role may accept it)."""
    actor.require(Op.CREATE_TASKS)
    values = _check_fields(title=title, description=description, assignee_user_id=assignee_user_id,
                           assignee_role=assignee_role, due_date=due_date, category=category)
    assignee_role, category = values["assignee_role"], values["category"]

    def work(uow: UnitOfWork):
        _check_references(uow, actor, assignee_user_id, part_id)
        now = utcnow()
        task = Task(org_id=actor.org_id, title=values["title"], description=values["description"],
                    creator_id=actor.user_id, assignee_user_id=assignee_user_id,
                    assignee_role=assignee_role.value if assignee_role else None,
                    is_blocker=bool(is_blocker), due_date=due_date, category=category.value, part_id=part_id,
                    status=TaskStatus.OPEN.value, created_at=now, updated_at=now, last_activity_at=now,
                    comment_count=0)
        uow.session.add(task)
        uow.session.flush()
        uow.session.add(TaskEvent(task_id=task.id, actor_id=actor.user_id, at=now, from_status=None,
                                  to_status=TaskStatus.OPEN.value, comment=""))
        _mark_read(uow, task.id, actor.user_id, now)
        uow.audit("task", task.id, "create", after=snapshot(task, TASK_FIELDS))
        uow.changed("tasks", task.id)
        if task.is_blocker and task.part_id is not None:
            uow.changed("parts", task.part_id)
        uow.session.flush()
        return _load_cards(uow, actor, [task.id])[0]

    return run_write(db, actor, work)


EDIT_FIELDS = TASK_FIELDS + ("description",)


def update_task(
    db: Database,
    actor: Actor,
    task_id: int,
    *,
    version: int,
    title: str,
    description: str = "",
    assignee_user_id: int | None = None,
    assignee_role: Role | str | None = None,
    is_blocker: bool = False,
    due_date: date | None = None,
    category: Category | str = Category.OTHER,
    part_id: int | None = None,
) -> TaskCard:
    """Edit an unfinished task (its creator, a reviewer role or an administrator: domain/tasks.may_edit).
    ``version`` is the card's version the user saw. Audited with the fields before and after; the edit is
    activity (the others see the task unread). A role task keeps its accepted person unless the edit names
    another person or another role."""
    values = _check_fields(title=title, description=description, assignee_user_id=assignee_user_id,
                           assignee_role=assignee_role, due_date=due_date, category=category)
    assignee_role, category = values["assignee_role"], values["category"]

    def work(uow: UnitOfWork):
        task = _task_in_org(uow, task_id)
        if task.version != version:
            raise _changed_meanwhile(task_id)
        refusal = edit_refusal(_facts(task), _person(actor))
        if refusal is not None:
            raise PermissionDenied(refusal)
        # only what the edit changes is checked again (a deactivated assignee may stay on the task)
        _check_references(uow, actor, assignee_user_id if assignee_user_id != task.assignee_user_id else None,
                          part_id if part_id != task.part_id else None)
        before = snapshot(task, EDIT_FIELDS)
        was_blocking = task.part_id if task.is_blocker else None
        task.title, task.description = values["title"], values["description"]
        task.due_date, task.category, task.part_id = due_date, category.value, part_id
        task.is_blocker = bool(is_blocker)
        if assignee_role is not None:
            role_kept = task.assignee_role == assignee_role.value
            if not role_kept and task.status != TaskStatus.OPEN.value:
                # nobody could carry on with it: the moves after accepting are the assignee's
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "errors", "This task was accepted already, so it can go to another person but not to a role "
                              "(nobody in the role could carry on with it)."), field="assignee")
            task.assignee_role = assignee_role.value
            if not role_kept:
                task.assignee_user_id = None  # anyone in the new role may accept it
        elif assignee_user_id != task.assignee_user_id:  # the same person keeps the role badge they accepted
            task.assignee_role, task.assignee_user_id = None, assignee_user_id
        after = snapshot(task, EDIT_FIELDS)
        if after == before:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Nothing was changed; there is nothing to save."))
        now = _activity_stamp(task)
        task.updated_at = now
        task.last_activity_at = now
        try:
            uow.session.flush()
        except StaleDataError:
            raise _changed_meanwhile(task_id) from None
        _mark_read(uow, task.id, actor.user_id, now)
        changed = [name for name in EDIT_FIELDS if before[name] != after[name]]
        uow.audit("task", task.id, "edit", {name: before[name] for name in changed},
                  {name: after[name] for name in changed})
        uow.changed("tasks", task.id)
        blocked_parts = {was_blocking, task.part_id if task.is_blocker else None} - {None}
        if blocked_parts:
            uow.changed("parts", *blocked_parts)
        uow.session.flush()
        return _load_cards(uow, actor, [task.id])[0]

    return run_write(db, actor, work)


def move_task(db: Database, actor: Actor, task_id: int, move: Move | str, *, version: int,
              comment: str | None = None) -> TaskCard:
    """Make one workflow move. ``version`` is the card's version the user saw."""
    try:
        move = Move(move)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown task move '{move}'."), move=move) from None
    comment = _clean_text(comment, "comment", "comment", required=False)

    def work(uow: UnitOfWork):
        task = _task_in_org(uow, task_id)
        if task.version != version:
            raise _changed_meanwhile(task_id)
        transition = check_move(_facts(task), move, _person(actor), comment)
        before = snapshot(task, TASK_FIELDS)
        now = _activity_stamp(task)
        from_status = task.status
        task.status = transition.target.value
        if move is Move.ACCEPT and task.assignee_user_id is None:
            task.assignee_user_id = actor.user_id
        task.done_at = now if transition.target is TaskStatus.DONE else None
        task.updated_at = now
        task.last_activity_at = now
        threaded = bool(comment) and actor.can(Op.COMMENT_TASKS)
        if threaded:
            task.comment_count += 1
        try:
            uow.session.flush()
        except StaleDataError:
            raise _changed_meanwhile(task_id) from None
        uow.session.add(TaskEvent(task_id=task.id, actor_id=actor.user_id, at=now, from_status=from_status,
                                  to_status=task.status, comment=comment))
        if threaded:  # the reason of a move (a send-back's) is in the comment thread too
            uow.session.add(TaskComment(task_id=task.id, author_id=actor.user_id, at=now, text=comment))
        _mark_read(uow, task.id, actor.user_id, now)
        after = snapshot(task, TASK_FIELDS)
        if comment:
            after["comment"] = comment
        uow.audit("task", task.id, move.value, before, after)
        uow.changed("tasks", task.id)
        if task.is_blocker and task.part_id is not None and TaskStatus(task.status) in FINISHED:
            uow.changed("parts", task.part_id)
        uow.session.flush()
        return _load_cards(uow, actor, [task.id])[0]

    return run_write(db, actor, work)


def _changed_meanwhile(task_id: int) -> ConcurrentModification:
    return ConcurrentModification(
        QT_TRANSLATE_NOOP("errors", "Task #{task_id} was changed by someone else a moment ago. The board shows its current state now; check it and try again."), task_id=f"{task_id}"
    )


def accept_task(db: Database, actor: Actor, task_id: int, *, version: int, comment: str | None = None) -> TaskCard:
    return move_task(db, actor, task_id, Move.ACCEPT, version=version, comment=comment)


def start_task(db: Database, actor: Actor, task_id: int, *, version: int, comment: str | None = None) -> TaskCard:
    return move_task(db, actor, task_id, Move.START, version=version, comment=comment)


def send_task_to_review(db: Database, actor: Actor, task_id: int, *, version: int,
                        comment: str | None = None) -> TaskCard:
    return move_task(db, actor, task_id, Move.SEND_TO_REVIEW, version=version, comment=comment)


def approve_task(db: Database, actor: Actor, task_id: int, *, version: int, comment: str | None = None) -> TaskCard:
    return move_task(db, actor, task_id, Move.APPROVE, version=version, comment=comment)


def send_task_back(db: Database, actor: Actor, task_id: int, *, version: int, comment: str) -> TaskCard:
    return move_task(db, actor, task_id, Move.SEND_BACK, version=version, comment=comment)


def cancel_task(db: Database, actor: Actor, task_id: int, *, version: int, comment: str | None = None) -> TaskCard:
    return move_task(db, actor, task_id, Move.CANCEL, version=version, comment=comment)


def add_comment(db: Database, actor: Actor, task_id: int, text: str) -> TaskCommentDTO:
    actor.require(Op.COMMENT_TASKS)
    text = _clean_text(text, "text", "comment", required=True)

    def work(uow: UnitOfWork):
        task = _task_in_org(uow, task_id)
        now = _activity_stamp(task)
        comment = TaskComment(task_id=task.id, author_id=actor.user_id, at=now, text=text)
        uow.session.add(comment)
        uow.session.flush()
        # a plain UPDATE: counters are not an edit of the task, so its version stays
        table = Task.__table__
        uow.session.execute(
            update(table).where(table.c.id == task.id)
            .values(comment_count=table.c.comment_count + 1, last_activity_at=now)
        )
        _mark_read(uow, task.id, actor.user_id, now)
        uow.audit("task", task.id, "comment", after={"comment_id": comment.id, "text": text[:500]})
        uow.changed("tasks", task.id)
        return TaskCommentDTO(comment.id, now, actor.user_id, actor.display_name, text)

    return run_write(db, actor, work)


def mark_read(db: Database, actor: Actor, task_id: int) -> None:
    """The actor has seen the task as it is now. Notifies topic "task_reads" (not "tasks")."""

    def work(uow: UnitOfWork):
        task = _task_in_org(uow, task_id)
        _mark_read(uow, task.id, actor.user_id, task.last_activity_at)
        uow.changed("task_reads", task.id)

    run_write(db, actor, work)


# --------------------------------------------------------------------------- queries


def list_board(
    db: Database,
    actor: Actor,
    *,
    mine: bool = False,
    my_role: bool = False,
    blockers_only: bool = False,
    overdue: bool = False,
    category: Category | str | None = None,
    part_id: int | None = None,
    text: str = "",
    done_days: int | None = DONE_DAYS,
    include_cancelled: bool = False,
) -> TaskBoard:
    """The Kanban board. Unfinished tasks all; done (and cancelled, if asked) of the last ``done_days``
    days (None: all). ``mine`` and ``my_role`` together mean "mine or my role's"."""
    category = Category(category) if category else None
    text = clean_search(text, field="text")
    part_id = optional_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part"))
    if done_days is not None:  # a timedelta holds at most 999999999 days
        done_days = clean_int(done_days, field="done_days", label=QT_TRANSLATE_NOOP("errors", "number of days"), lo=0, hi=36_500)

    def work(uow: UnitOfWork):
        shown = set(UNFINISHED)
        finished = [TaskStatus.DONE] + ([TaskStatus.CANCELLED] if include_cancelled else [])
        status_filter = Task.status.in_([s.value for s in shown])
        if done_days is None:
            status_filter = or_(status_filter, Task.status.in_([s.value for s in finished]))
        else:
            cutoff = utcnow() - timedelta(days=done_days)
            status_filter = or_(
                status_filter,
                and_(Task.status == TaskStatus.DONE.value, Task.done_at >= cutoff),
                *([and_(Task.status == TaskStatus.CANCELLED.value, Task.updated_at >= cutoff)]
                  if include_cancelled else []),
            )
        query = _card_query(actor).where(status_filter)
        whose = []
        if mine:
            whose.append(Task.assignee_user_id == actor.user_id)
        if my_role:
            whose.append(Task.assignee_role == Role(actor.role).value)
        if whose:
            query = query.where(or_(*whose))
        if blockers_only:
            query = query.where(Task.is_blocker.is_(True))
        if overdue:
            query = query.where(Task.due_date < date.today(), Task.status.in_([s.value for s in UNFINISHED]))
        if category is not None:
            query = query.where(Task.category == category.value)
        if part_id is not None:
            query = query.where(Task.part_id == part_id)
        if text:
            query = query.where(_text_filter(text))
        rows = uow.session.execute(query).all()
        person, today = _person(actor), date.today()
        columns: dict[TaskStatus, list[TaskCard]] = {s: [] for s in BOARD_STATUSES}
        if include_cancelled:
            columns[TaskStatus.CANCELLED] = []
        for row in rows:
            card = _card(row, person, today)
            columns[card.status].append(card)
        return TaskBoard({status: tuple(sorted(cards, key=_sort_key(status))) for status, cards in columns.items()},
                         done_days)

    return run_read(db, actor, work)


def _task_number(text: str) -> int | None:
    digits = text.lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


def _text_filter(text: str):
    """Title or description contains ``text`` (any letter case, taken literally), or ``text`` is the task's
    number ('42' or '#42')."""
    condition = contains_ignoring_case((Task.title, Task.description), text)
    number = _task_number(text)
    return or_(condition, Task.id == number) if number is not None else condition


_FAR_FUTURE = date.max


def _sort_key(status: TaskStatus):
    if status in FINISHED:
        return lambda c: (-(c.done_at or c.last_activity_at).timestamp(), -c.id)
    return lambda c: (not c.is_blocker, c.due_date or _FAR_FUTURE, -c.id)


def get_cards(db: Database, actor: Actor, ids: Iterable[int]) -> list[TaskCard]:
    """Fresh cards for these ids (for refreshing what a change notification named); gone ids are left out."""
    ids = list(ids)
    return run_read(db, actor, lambda uow: _load_cards(uow, actor, ids))


def get_task(db: Database, actor: Actor, task_id: int) -> TaskDetails:
    """Details, history, comments and the moves the actor may make now. Does not mark it read: call mark_read."""

    def work(uow: UnitOfWork):
        task = _task_in_org(uow, task_id)
        card = _load_cards(uow, actor, [task.id])[0]
        author = aliased(User)
        events = uow.session.execute(
            select(TaskEvent, author.full_name, author.username)
            .join(author, author.id == TaskEvent.actor_id)
            .where(TaskEvent.task_id == task.id)
            .order_by(TaskEvent.at, TaskEvent.id)
        ).all()
        history = tuple(
            TaskEventDTO(e.id, e.at, e.actor_id, full or name,
                         TaskStatus(e.from_status) if e.from_status else None, TaskStatus(e.to_status), e.comment)
            for e, full, name in events
        )
        return TaskDetails(card=card, description=task.description, creator_name=_user_name(uow, task.creator_id),
                           created_at=task.created_at, history=history, comments=tuple(_comments(uow, task.id)))

    return run_read(db, actor, work)


def _comments(uow: UnitOfWork, task_id: int) -> list[TaskCommentDTO]:
    rows = uow.session.execute(
        select(TaskComment, User.full_name, User.username)
        .join(User, User.id == TaskComment.author_id)
        .where(TaskComment.task_id == task_id)
        .order_by(TaskComment.at, TaskComment.id)
    ).all()
    return [TaskCommentDTO(c.id, c.at, c.author_id, full or name, c.text) for c, full, name in rows]


def list_comments(db: Database, actor: Actor, task_id: int) -> list[TaskCommentDTO]:
    def work(uow: UnitOfWork):
        task = _task_in_org(uow, task_id)
        return _comments(uow, task.id)

    return run_read(db, actor, work)


def unread_count(db: Database, actor: Actor) -> int:
    """The cards of the board (as it opens: unfinished, and done within DONE_DAYS days) that carry the unread
    mark for the actor: tasks that concern them (_concerns) with activity they have not seen."""

    def work(uow: UnitOfWork):
        cutoff = utcnow() - timedelta(days=DONE_DAYS)
        query = (
            select(func.count())
            .select_from(Task)
            .outerjoin(TaskRead, and_(TaskRead.task_id == Task.id, TaskRead.user_id == actor.user_id))
            .where(
                Task.org_id == actor.org_id,
                _concerns_sql(actor),
                or_(Task.status.in_([s.value for s in UNFINISHED]),
                    and_(Task.status == TaskStatus.DONE.value, Task.done_at >= cutoff)),
                or_(TaskRead.read_at.is_(None), Task.last_activity_at > TaskRead.read_at),
            )
        )
        return uow.session.execute(query).scalar_one()

    return run_read(db, actor, work)


def open_blocker_counts(db: Database, actor: Actor, part_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Unfinished blocker tasks per part (parts without any are left out)."""
    part_ids = None if part_ids is None else sorted(set(storable_ids(Part, part_ids)))

    def work(uow: UnitOfWork):
        query = (
            select(Task.part_id, func.count())
            .where(Task.org_id == actor.org_id, Task.is_blocker.is_(True), Task.part_id.is_not(None),
                   Task.status.in_([s.value for s in UNFINISHED]))
            .group_by(Task.part_id)
        )
        if part_ids is not None:
            query = query.where(Task.part_id.in_(part_ids))
        return {part: count for part, count in uow.session.execute(query).all()}

    if part_ids == []:
        return {}
    return run_read(db, actor, work)


def open_tasks_report(db: Database, actor: Actor, *, part_id: int | None = None) -> OpenTasksReport:
    """Open tasks and blockers by part and by assignee (data for the printed report)."""
    actor.require(Op.VIEW_REPORTS)
    part_id = optional_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part"))

    def work(uow: UnitOfWork):
        query = (
            select(Task.id, Task.title, Task.status, Task.category, Task.part_id, Task.assignee_user_id,
                   Task.assignee_role, Task.due_date, Task.is_blocker, Task.created_at,
                   _Assignee.full_name, _Assignee.username, Part.code)
            .outerjoin(_Assignee, _Assignee.id == Task.assignee_user_id)
            .outerjoin(Part, Part.id == Task.part_id)
            .where(Task.org_id == actor.org_id, Task.status.in_([s.value for s in UNFINISHED]))
        )
        if part_id is not None:
            query = query.where(Task.part_id == part_id)
        today = date.today()
        lines = []
        for row in uow.session.execute(query).all():
            if row.assignee_user_id:
                assignee = row.full_name or row.username
            else:
                assignee = Role(row.assignee_role).label if row.assignee_role else ""
            lines.append(OpenTaskLine(
                id=row.id, title=row.title, status=TaskStatus(row.status), category=Category(row.category),
                part_id=row.part_id, part_code=row.code or "", assignee_label=assignee, due_date=row.due_date,
                is_overdue=row.due_date is not None and row.due_date < today, is_blocker=row.is_blocker,
                created_at=row.created_at,
            ))
        lines.sort(key=lambda ln: (ln.part_code == "", ln.part_code, not ln.is_blocker, ln.due_date or _FAR_FUTURE,
                                   ln.id))
        return OpenTasksReport(
            generated_at=utcnow(),
            lines=tuple(lines),
            by_part=_groups(lines, lambda ln: ln.part_code or "No part"),
            by_assignee=_groups(lines, lambda ln: ln.assignee_label or "Nobody"),
            open_count=len(lines),
            blocker_count=sum(ln.is_blocker for ln in lines),
            overdue_count=sum(ln.is_overdue for ln in lines),
        )

    return run_read(db, actor, work)


def _groups(lines: list[OpenTaskLine], key) -> tuple[OpenTasksGroup, ...]:
    opened, blockers, overdue = Counter(), Counter(), Counter()
    for line in lines:
        label = key(line)
        opened[label] += 1
        blockers[label] += line.is_blocker
        overdue[label] += line.is_overdue
    ordered = sorted(opened, key=lambda label: (-blockers[label], -opened[label], label))
    return tuple(OpenTasksGroup(label, opened[label], blockers[label], overdue[label]) for label in ordered)
