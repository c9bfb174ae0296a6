"""Parts (production jobs) and their routes: create, edit, cancel, delete, list with progress,
detail with chart data, and the data of the parts-progress report and the route card.

A part's PartStage.qty_good/qty_scrap and Part.ready_qty are cached sums of its facts, kept by
services/production/facts.py in the same transaction (under a lock on the part row on PostgreSQL).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import and_, case, delete, exists, func, select, update

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Organization,
    Part,
    PartStage,
    Reservation,
    Stage,
    StageFact,
    StockDocument,
    Task,
    User,
)
from erp_desktop.db.text_match import contains_ignoring_case, equals_ignoring_case
from erp_desktop.db.types import utcnow
from erp_desktop.domain.facts import whole_quantity
from erp_desktop.domain.inputs import REASON_MAX_LENGTH, clean_search, clean_text
from erp_desktop.domain.progress import (
    ACTIVE_STATUSES,
    ONE_PLACE,
    DeadlineRisk,
    PartStatus,
    StageTotals,
    check_flow,
    deadline_risk,
    part_status,
    percent,
    percent_done,
    ready_quantity,
    remaining,
    scrap_percent,
    work_done_fraction,
)
from erp_desktop.domain.roles import Op
from erp_desktop.domain.shifts import Shift
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    ConcurrentModification,
    FlowRuleViolation,
    NotFound,
    ValidationError,
)
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_int, column_text, record_id, storable_ids
from erp_desktop.services.production.dto import (
    BlockerDTO,
    ChartPoint,
    ChartSeries,
    FactDTO,
    PartDetailDTO,
    PartDTO,
    PartPage,
    PartsProgressReportDTO,
    ProgressReportRow,
    RouteCardDTO,
    RouteStepDTO,
    StageProgressDTO,
)
from erp_desktop.services.uow import UnitOfWork, run_read, run_write, snapshot

PART_FIELDS = ("code", "name", "customer", "planned_qty", "ready_qty", "deadline", "priority", "status")
FINISHED_TASK_STATUSES = ("done", "cancelled")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()  # "leave as is" for update arguments where None is a value (deadline)


# --------------------------------------------------------------------------- shared with facts.py


def lock_part(uow: UnitOfWork, part_id: int, version: int | None = None) -> Part:
    """The part row, locked FOR UPDATE on PostgreSQL (facts and route edits of one part queue up)."""
    query = select(Part).where(Part.id == record_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part")), Part.org_id == uow.org_id)
    if uow.db.is_postgres:
        query = query.with_for_update()
    part = uow.session.execute(query).scalar_one_or_none()
    if part is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "That part does not exist (any more)."))
    if version is not None and part.version != version:
        raise ConcurrentModification(
            QT_TRANSLATE_NOOP("errors", "Part {code} was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again."), code=part.code
        )
    return part


def route_of(uow: UnitOfWork, part_id: int) -> list[tuple[PartStage, Stage]]:
    rows = uow.session.execute(
        select(PartStage, Stage).join(Stage, Stage.id == PartStage.stage_id)
        .where(PartStage.part_id == part_id).order_by(PartStage.position, PartStage.id)
    ).all()
    return [(row[0], row[1]) for row in rows]


def store_totals(uow: UnitOfWork, part: Part, totals: dict[int, tuple[int, int]], route: list[tuple[PartStage, Stage]]
                 ) -> tuple[int, PartStatus]:
    """Write new cached (good, scrap) per part_stage id, the ready quantity and the status.

    Core UPDATEs on purpose: the cached sums change with every fact and must not bump the part's
    version, or a foreman editing the deadline would conflict with every operator's entry.
    """
    for part_stage_id, (good, scrap) in totals.items():
        uow.session.execute(update(PartStage).where(PartStage.id == part_stage_id)
                            .values(qty_good=good, qty_scrap=scrap))
    goods = [totals.get(ps.id, (ps.qty_good, ps.qty_scrap))[0] for ps, _stage in route]
    produced = any(sum(totals.get(ps.id, (ps.qty_good, ps.qty_scrap))) > 0 for ps, _stage in route)
    ready = ready_quantity(goods)
    status = part_status(planned=part.planned_qty, ready=ready, has_facts=produced,
                         cancelled=part.status == PartStatus.CANCELLED)
    uow.session.execute(update(Part).where(Part.id == part.id).values(ready_qty=ready, status=status.value))
    uow.session.expire(part)
    for ps, _stage in route:
        uow.session.expire(ps)
    return ready, status


# --------------------------------------------------------------------------- DTO building


def _stage_progress(planned: int, position: int, stage_id: int, code: str, name: str, needs_shift: bool,
                    is_qc: bool, good: int, scrap: int) -> StageProgressDTO:
    return StageProgressDTO(stage_id, code, name, position, needs_shift, is_qc, good, scrap,
                            scrap_percent(good, scrap), remaining(planned, good), percent(good, planned))


def _progress_by_part(uow: UnitOfWork, parts: Sequence[Part]) -> dict[int, tuple[StageProgressDTO, ...]]:
    if not parts:
        return {}
    planned = {part.id: part.planned_qty for part in parts}
    rows = uow.session.execute(
        select(PartStage.part_id, PartStage.stage_id, PartStage.qty_good, PartStage.qty_scrap, Stage.code,
               Stage.name, Stage.needs_shift, Stage.is_qc)
        .join(Stage, Stage.id == PartStage.stage_id)
        .where(PartStage.part_id.in_(list(planned)))
        .order_by(PartStage.part_id, PartStage.position, PartStage.id)
    ).all()
    result: dict[int, list[StageProgressDTO]] = defaultdict(list)
    for row in rows:
        steps = result[row.part_id]
        steps.append(_stage_progress(planned[row.part_id], len(steps), row.stage_id, row.code, row.name,
                                     row.needs_shift, row.is_qc, row.qty_good, row.qty_scrap))
    return {part_id: tuple(steps) for part_id, steps in result.items()}


def _blocker_exists():
    return exists().where(Task.part_id == Part.id, Task.is_blocker.is_(True),
                          Task.status.notin_(FINISHED_TASK_STATUSES))


def _is_overdue(part: Part, today: date) -> bool:
    return part.deadline is not None and part.deadline < today and part.status in ACTIVE_STATUSES


def _part_dto(part: Part, stages: tuple[StageProgressDTO, ...], has_blocker: bool, today: date) -> PartDTO:
    return PartDTO(
        id=part.id, code=part.code, name=part.name, customer=part.customer, planned_qty=part.planned_qty,
        ready_qty=part.ready_qty, percent_done=percent_done(part.ready_qty, part.planned_qty), deadline=part.deadline,
        priority=part.priority, status=PartStatus(part.status), overdue=_is_overdue(part, today),
        has_blocker=has_blocker, stages=stages, version=part.version, created_at=part.created_at,
        updated_at=part.updated_at,
    )


def _dtos(uow: UnitOfWork, rows: Sequence[tuple[Part, bool]], today: date) -> tuple[PartDTO, ...]:
    progress = _progress_by_part(uow, [part for part, _ in rows])
    return tuple(_part_dto(part, progress.get(part.id, ()), bool(blocked), today) for part, blocked in rows)


def load_part_dto(uow: UnitOfWork, part_id: int, today: date) -> PartDTO:
    part_id = record_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part"))
    row = uow.session.execute(
        select(Part, _blocker_exists().label("blocked")).where(Part.id == part_id, Part.org_id == uow.org_id)
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "That part does not exist (any more)."))
    return _dtos(uow, [(row[0], row[1])], today)[0]


# --------------------------------------------------------------------------- validation


def _planned(value) -> int:
    qty = whole_quantity(value, field="planned_qty", label=QT_TRANSLATE_NOOP("errors", "Planned quantity"))
    if qty <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The planned quantity must be at least 1."), field="planned_qty")
    return qty


def _priority(value) -> int:
    return column_int(Part.priority, value, label=QT_TRANSLATE_NOOP("errors", "priority"), default=0)


def _clean_route(route: Iterable[int] | None) -> list[int]:
    ids = list(route or ())
    if not ids:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A part needs at least one stage in its route."), field="route")
    if storable_ids(Stage, ids) != ids:
        raise ValidationError(_MISSING_STAGE, field="route")
    if len(set(ids)) != len(ids):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A stage can appear only once in a route."), field="route")
    return ids


_MISSING_STAGE = QT_TRANSLATE_NOOP("errors", "A stage of the route does not exist (any more). Refresh and pick again.")


def _code(value) -> str:
    return column_text(Part.code, value, label=QT_TRANSLATE_NOOP("errors", "drawing number (code)"), required=True)


def _name(value) -> str:
    return column_text(Part.name, value, label=QT_TRANSLATE_NOOP("errors", "part name"), required=True)


def _customer(value) -> str:
    return column_text(Part.customer, value, label=QT_TRANSLATE_NOOP("errors", "customer"))


def _route_stages(uow: UnitOfWork, ids: list[int], allowed_inactive: set[int] = frozenset()) -> dict[int, Stage]:
    stages = {s.id: s for s in uow.session.execute(
        select(Stage).where(Stage.id.in_(ids), Stage.org_id == uow.org_id)).scalars()}
    missing = [stage_id for stage_id in ids if stage_id not in stages]
    if missing:
        raise ValidationError(_MISSING_STAGE, field="route")
    for stage_id in ids:
        stage = stages[stage_id]
        if not stage.is_active and stage_id not in allowed_inactive:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The stage {name} is no longer in use and cannot be added to a route."), name=stage.name,
                                  field="route")
    return stages


def _code_taken(uow: UnitOfWork, code: str, excluding: int | None = None) -> bool:
    query = select(Part.id).where(Part.org_id == uow.org_id, equals_ignoring_case(Part.code, code))
    if excluding is not None:
        query = query.where(Part.id != excluding)
    return uow.session.execute(query).first() is not None


# --------------------------------------------------------------------------- commands


def create_part(db: Database, actor: Actor, *, code: str, name: str, planned_qty, route: Sequence[int],
                customer: str = "", deadline: date | None = None, priority: int = 0) -> PartDTO:
    actor.require(Op.EDIT_PARTS)
    code, name, customer = _code(code), _name(name), _customer(customer)
    planned = _planned(planned_qty)
    priority = _priority(priority)
    stage_ids = _clean_route(route)

    def work(uow: UnitOfWork):
        if _code_taken(uow, code):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A part with the code {code} already exists."), code=code, field="code")
        _route_stages(uow, stage_ids)
        now = utcnow()
        part = Part(org_id=uow.org_id, code=code, name=name, customer=customer, planned_qty=planned, ready_qty=0,
                    deadline=deadline, priority=priority, status=PartStatus.PLANNED.value, created_at=now,
                    updated_at=now)
        uow.session.add(part)
        uow.session.flush()
        for position, stage_id in enumerate(stage_ids):
            uow.session.add(PartStage(part_id=part.id, stage_id=stage_id, position=position, qty_good=0, qty_scrap=0))
        uow.session.flush()
        uow.audit("part", part.id, "create", after={**snapshot(part, PART_FIELDS), "route": stage_ids})
        uow.changed("parts", part.id)
        return load_part_dto(uow, part.id, date.today())

    return run_write(db, actor, work)


def _apply_route(uow: UnitOfWork, part: Part, stage_ids: list[int]) -> None:
    current = route_of(uow, part.id)
    current_ids = {stage.id for _ps, stage in current}
    stages = _route_stages(uow, stage_ids, allowed_inactive=current_ids)
    with_facts = set(uow.session.execute(
        select(StageFact.stage_id).where(StageFact.part_id == part.id).distinct()).scalars())
    for ps, stage in current:
        if stage.id not in stage_ids and (stage.id in with_facts or ps.qty_good or ps.qty_scrap):
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "{name} has facts recorded for part {code} and cannot be removed from its route. Correct or remove those facts first."), name=stage.name, code=part.code, field="route")
    by_stage = {stage.id: ps for ps, stage in current}
    new_totals = [StageTotals(stages[sid].name, by_stage[sid].qty_good if sid in by_stage else 0)
                  for sid in stage_ids]
    old_order = [stage.id for _ps, stage in current]
    old_previous = {sid: (old_order[i - 1] if i else None) for i, sid in enumerate(old_order)}
    # a position is "changed" when its stage is new or now follows a different stage
    moved = {i for i, sid in enumerate(stage_ids)
             if sid not in old_previous or old_previous[sid] != (stage_ids[i - 1] if i else None)}
    try:
        check_flow(new_totals, moved)
    except FlowRuleViolation as error:
        raise FlowRuleViolation(QT_TRANSLATE_NOOP("errors", "This route order breaks the flow rule: {reason}"),
                                reason=error.text, field="route") from None
    for ps, stage in current:
        if stage.id not in stage_ids:
            uow.session.delete(ps)
    uow.session.flush()
    for position, stage_id in enumerate(stage_ids):
        if stage_id in by_stage:
            by_stage[stage_id].position = position
        else:
            uow.session.add(PartStage(part_id=part.id, stage_id=stage_id, position=position, qty_good=0, qty_scrap=0))
    uow.session.flush()


def update_part(db: Database, actor: Actor, part_id: int, *, version: int, code: str | None = None,
                name: str | None = None, customer: str | None = None, planned_qty=None, deadline=UNSET,
                priority: int | None = None, route: Sequence[int] | None = None) -> PartDTO:
    """Arguments left out stay as they are; ``deadline=None`` clears the deadline. ``route`` is the
    whole new ordered list of stage ids: reorder, add, and remove stages without facts."""
    actor.require(Op.EDIT_PARTS)
    code = _code(code) if code is not None else None
    name = _name(name) if name is not None else None
    customer = _customer(customer) if customer is not None else None
    planned = _planned(planned_qty) if planned_qty is not None else None
    priority = _priority(priority) if priority is not None else None
    stage_ids = _clean_route(route) if route is not None else None

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id, version)
        before = {**snapshot(part, PART_FIELDS), "route": [stage.id for _ps, stage in route_of(uow, part.id)]}
        if code is not None and code != part.code:
            if _code_taken(uow, code, excluding=part.id):
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "A part with the code {code} already exists."), code=code, field="code")
            part.code = code
        if name is not None:
            part.name = name
        if customer is not None:
            part.customer = customer
        if planned is not None:
            part.planned_qty = planned
        if deadline is not UNSET:
            part.deadline = deadline
        if priority is not None:
            part.priority = priority
        if stage_ids is not None:
            _apply_route(uow, part, stage_ids)
        steps = route_of(uow, part.id)
        goods = [ps.qty_good for ps, _ in steps]
        part.ready_qty = ready_quantity(goods)
        part.status = part_status(planned=part.planned_qty, ready=part.ready_qty,
                                  has_facts=any(ps.qty_good or ps.qty_scrap for ps, _ in steps),
                                  cancelled=part.status == PartStatus.CANCELLED).value
        part.updated_at = utcnow()
        uow.session.flush()
        after = {**snapshot(part, PART_FIELDS), "route": [stage.id for _ps, stage in steps]}
        uow.audit("part", part.id, "update", before, after)
        uow.changed("parts", part.id)
        return load_part_dto(uow, part.id, date.today())

    return run_write(db, actor, work)


def cancel_part(db: Database, actor: Actor, part_id: int, *, version: int, reason: str = "") -> PartDTO:
    """A cancelled part keeps its facts and history; no new facts are recorded for it."""
    actor.require(Op.DELETE_PARTS)
    reason = clean_text(reason, field="reason", label=QT_TRANSLATE_NOOP("errors", "reason"), max_len=REASON_MAX_LENGTH)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id, version)
        if part.status == PartStatus.CANCELLED:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Part {code} is already cancelled."), code=part.code)
        before = snapshot(part, PART_FIELDS)
        part.status = PartStatus.CANCELLED.value
        part.updated_at = utcnow()
        uow.session.flush()
        uow.audit("part", part.id, "cancel", before, {**snapshot(part, PART_FIELDS), "reason": reason})
        uow.changed("parts", part.id)
        return load_part_dto(uow, part.id, date.today())

    return run_write(db, actor, work)


def reopen_part(db: Database, actor: Actor, part_id: int, *, version: int) -> PartDTO:
    """Undo a cancellation: the status follows the facts again."""
    actor.require(Op.DELETE_PARTS)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id, version)
        if part.status != PartStatus.CANCELLED:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Part {code} is not cancelled."), code=part.code)
        before = snapshot(part, PART_FIELDS)
        steps = route_of(uow, part.id)
        part.status = part_status(planned=part.planned_qty, ready=part.ready_qty,
                                  has_facts=any(ps.qty_good or ps.qty_scrap for ps, _ in steps)).value
        part.updated_at = utcnow()
        uow.session.flush()
        uow.audit("part", part.id, "reopen", before, snapshot(part, PART_FIELDS))
        uow.changed("parts", part.id)
        return load_part_dto(uow, part.id, date.today())

    return run_write(db, actor, work)


def delete_part(db: Database, actor: Actor, part_id: int, *, version: int) -> None:
    """Only a part nothing refers to; a part with facts is cancelled instead."""
    actor.require(Op.DELETE_PARTS)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id, version)
        facts = uow.session.execute(select(func.count()).select_from(StageFact)
                                    .where(StageFact.part_id == part.id)).scalar_one()
        if facts:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "Part {code} has 1 stage fact recorded and cannot be deleted. Cancel it instead.")
                if facts == 1 else QT_TRANSLATE_NOOP("errors", "Part {code} has {facts} stage facts recorded and cannot be deleted. "
                "Cancel it instead."), code=part.code, facts=facts)
        for model, what in ((Task, QT_TRANSLATE_NOOP("errors", "tasks")), (StockDocument, QT_TRANSLATE_NOOP("errors", "stock documents")),
                            (Reservation, QT_TRANSLATE_NOOP("errors", "reservations"))):
            if uow.session.execute(select(model.id).where(model.part_id == part.id).limit(1)).first():
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Part {code} is referred to by {what} and cannot be deleted. Cancel it instead."), code=part.code, what=what)
        before = {**snapshot(part, PART_FIELDS), "route": [stage.id for _ps, stage in route_of(uow, part.id)]}
        uow.session.execute(delete(PartStage).where(PartStage.part_id == part.id))
        uow.session.delete(part)
        uow.session.flush()
        uow.audit("part", part_id, "delete", before=before)
        uow.changed("parts", part_id)

    run_write(db, actor, work)


# --------------------------------------------------------------------------- queries


def _status_rank():
    return case({s.value: rank for rank, s in enumerate(PartStatus)}, value=Part.status, else_=9)


SORT_COLUMNS = {
    "code": lambda: Part.code,
    "name": lambda: Part.name,
    "customer": lambda: Part.customer,
    "planned_qty": lambda: Part.planned_qty,
    "ready_qty": lambda: Part.ready_qty,
    "percent_done": lambda: (Part.ready_qty * 10000) / Part.planned_qty,
    "deadline": lambda: Part.deadline,
    "priority": lambda: Part.priority,
    "status": _status_rank,
    "created_at": lambda: Part.created_at,
    "updated_at": lambda: Part.updated_at,
}


def _statuses(status) -> list[str] | None:
    if status is None or status == "":
        return None
    values = [status] if isinstance(status, str) else list(status)
    try:
        return [PartStatus(value).value for value in values]
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown part status in {values}."), values=values, field="status") from None


def _filtered(query, org_id: int, *, status, customer, overdue, search, today: date):
    query = query.where(Part.org_id == org_id)
    statuses = _statuses(status)
    if statuses is not None:
        query = query.where(Part.status.in_(statuses))
    if customer:
        query = query.where(Part.customer == customer)
    if overdue is not None:
        is_overdue = and_(Part.deadline.is_not(None), Part.deadline < today,
                          Part.status.in_([s.value for s in ACTIVE_STATUSES]))
        query = query.where(is_overdue if overdue else ~is_overdue)
    matches = contains_ignoring_case((Part.code, Part.name, Part.customer), search)
    if matches is not None:
        query = query.where(matches)
    return query


def list_parts(db: Database, actor: Actor, *, status: str | Sequence[str] | None = None, customer: str | None = None,
               overdue: bool | None = None, search: str | None = None, sort: str = "deadline",
               descending: bool = False, offset: int = 0, limit: int = 100, today: date | None = None) -> PartPage:
    """One page of parts with per-stage progress. Filters and sorting run in SQL; ``sort`` is a key of
    SORT_COLUMNS. Deadlines sort empty last either way; ties by id."""
    if sort not in SORT_COLUMNS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Cannot sort parts by '{sort}'."), sort=sort, field="sort")
    today = today or date.today()
    offset, limit = max(int(offset), 0), max(min(int(limit), 1000), 1)
    search = clean_search(search)
    customer = clean_search(customer, field="customer", label=QT_TRANSLATE_NOOP("errors", "customer"))

    def work(uow: UnitOfWork):
        filters = dict(status=status, customer=customer, overdue=overdue, search=search, today=today)
        total = uow.session.execute(_filtered(select(func.count()).select_from(Part), uow.org_id, **filters)).scalar_one()
        key = SORT_COLUMNS[sort]()
        order = key.desc() if descending else key.asc()
        if sort == "deadline":
            order = order.nulls_last()
        query = _filtered(select(Part, _blocker_exists().label("blocked")), uow.org_id, **filters)
        query = query.order_by(order, Part.id.desc() if descending else Part.id.asc()).offset(offset).limit(limit)
        rows = [(row[0], row[1]) for row in uow.session.execute(query).all()]
        return PartPage(_dtos(uow, rows, today), total, offset, offset + len(rows) < total)

    return run_read(db, actor, work)


def list_customers(db: Database, actor: Actor) -> list[str]:
    """Distinct customers of the organisation's parts, for a filter box."""
    def work(uow: UnitOfWork):
        return list(uow.session.execute(
            select(Part.customer).where(Part.org_id == uow.org_id, Part.customer != "").distinct()
            .order_by(Part.customer)).scalars())

    return run_read(db, actor, work)


def get_part(db: Database, actor: Actor, part_id: int, *, today: date | None = None) -> PartDTO:
    return run_read(db, actor, lambda uow: load_part_dto(uow, part_id, today or date.today()))


def fact_dto(f: StageFact, part_code, part_name, stage_code, stage_name, operator, creator, *_more) -> FactDTO:
    """The FactDTO of one row of a select built by fact_query() (columns it was given beyond those: ignored)."""
    return FactDTO(f.id, f.part_id, part_code, part_name, f.stage_id, stage_code, stage_name, f.fact_date,
                   Shift(f.shift), f.operator_id, operator or "", f.qty_good, f.qty_scrap, f.comment, f.created_by,
                   creator or "", f.created_at, f.updated_at, f.version)


def fact_dtos(uow: UnitOfWork, query) -> list[FactDTO]:
    """FactDTOs for a select(StageFact, ...) built by fact_query()."""
    return [fact_dto(*row) for row in uow.session.execute(query).all()]


def fact_query():
    from sqlalchemy.orm import aliased

    operator, creator = aliased(User), aliased(User)
    operator_name = case((operator.full_name != "", operator.full_name), else_=operator.username)
    creator_name = case((creator.full_name != "", creator.full_name), else_=creator.username)
    return (
        select(StageFact, Part.code, Part.name, Stage.code, Stage.name, operator_name, creator_name)
        .join(Part, Part.id == StageFact.part_id)
        .join(Stage, Stage.id == StageFact.stage_id)
        .outerjoin(operator, operator.id == StageFact.operator_id)
        .outerjoin(creator, creator.id == StageFact.created_by)
    )


def _chart(steps: tuple, daily: list) -> tuple[ChartSeries, ...]:
    by_stage: dict[int, list[ChartPoint]] = defaultdict(list)
    running: dict[int, int] = defaultdict(int)
    for stage_id, fact_date, good in daily:
        running[stage_id] += int(good or 0)
        by_stage[stage_id].append(ChartPoint(fact_date, running[stage_id]))
    return tuple(ChartSeries(step.stage_id, step.name, tuple(by_stage.get(step.stage_id, ()))) for step in steps)


def get_part_detail(db: Database, actor: Actor, part_id: int, *, today: date | None = None) -> PartDetailDTO:
    """Per-stage progress, all facts (newest first), chart series and the plan, open blockers, deadline risk."""
    today = today or date.today()

    def work(uow: UnitOfWork):
        part = load_part_dto(uow, part_id, today)
        facts = fact_dtos(uow, fact_query().where(StageFact.part_id == part_id, StageFact.org_id == uow.org_id)
                          .order_by(StageFact.fact_date.desc(), StageFact.id.desc()))
        daily = uow.session.execute(
            select(StageFact.stage_id, StageFact.fact_date, func.sum(StageFact.qty_good))
            .where(StageFact.part_id == part_id, StageFact.org_id == uow.org_id)
            .group_by(StageFact.stage_id, StageFact.fact_date).order_by(StageFact.fact_date)).all()
        blockers = tuple(BlockerDTO(t.id, t.title, t.status, t.due_date) for t in uow.session.execute(
            select(Task).where(Task.part_id == part_id, Task.org_id == uow.org_id, Task.is_blocker.is_(True),
                               Task.status.notin_(FINISHED_TASK_STATUSES)).order_by(Task.id)).scalars())
        first = min((f.fact_date for f in facts), default=None)
        last = max((f.fact_date for f in facts), default=None)
        risk = _risk(part, today, first)
        return PartDetailDTO(part, part.planned_qty, tuple(facts), _chart(part.stages, daily), blockers, risk,
                             first, last)

    return run_read(db, actor, work)


def _risk(part: PartDTO, today: date, first_fact_date: date | None) -> DeadlineRisk:
    if part.status == PartStatus.CANCELLED:
        return DeadlineRisk.NO_DEADLINE
    if part.status == PartStatus.DONE:
        return DeadlineRisk.DONE
    return deadline_risk(planned=part.planned_qty, goods=[s.good for s in part.stages], deadline=part.deadline,
                         today=today, first_fact_date=first_fact_date)


# --------------------------------------------------------------------------- report data

_RISK_ORDER = {DeadlineRisk.LATE: 0, DeadlineRisk.AT_RISK: 1, DeadlineRisk.ON_TRACK: 2, DeadlineRisk.NO_DEADLINE: 3,
               DeadlineRisk.DONE: 4}


def parts_progress_report(db: Database, actor: Actor, *, customer: str | None = None,
                          today: date | None = None) -> PartsProgressReportDTO:
    """Active parts (planned, in progress) with per-stage progress and deadline risk: late first."""
    actor.require(Op.VIEW_REPORTS)
    today = today or date.today()
    customer = clean_search(customer, field="customer", label=QT_TRANSLATE_NOOP("errors", "customer"))

    def work(uow: UnitOfWork):
        active = [s.value for s in ACTIVE_STATUSES]
        query = select(Part, _blocker_exists().label("blocked")).where(Part.org_id == uow.org_id,
                                                                       Part.status.in_(active))
        if customer:
            query = query.where(Part.customer == customer)
        rows = [(row[0], row[1]) for row in uow.session.execute(query).all()]
        parts = _dtos(uow, rows, today)
        first_dates = dict(uow.session.execute(
            select(StageFact.part_id, func.min(StageFact.fact_date))
            .join(Part, Part.id == StageFact.part_id)
            .where(StageFact.org_id == uow.org_id, Part.status.in_(active))
            .group_by(StageFact.part_id)).all())
        report_rows = []
        for part in parts:
            goods = [s.good for s in part.stages]
            report_rows.append(ProgressReportRow(
                part=part, risk=_risk(part, today, first_dates.get(part.id)),
                days_left=(part.deadline - today).days if part.deadline else None,
                remaining=remaining(part.planned_qty, part.ready_qty),
                work_done_pct=(work_done_fraction(part.planned_qty, goods) * 100).quantize(ONE_PLACE),
            ))
        report_rows.sort(key=lambda r: (_RISK_ORDER[r.risk], r.part.deadline or date.max, -r.part.priority,
                                        r.part.code))
        counts = defaultdict(int)
        for row in report_rows:
            counts[row.risk] += 1
        return PartsProgressReportDTO(today, tuple(report_rows),
                                      tuple((risk, counts[risk]) for risk in _RISK_ORDER if counts[risk]))

    return run_read(db, actor, work)


def route_card(db: Database, actor: Actor, part_id: int, *, today: date | None = None) -> RouteCardDTO:
    """The part's data and its route, to print and send along with the parts."""
    actor.require(Op.VIEW_REPORTS)
    today = today or date.today()

    def work(uow: UnitOfWork):
        part = load_part_dto(uow, part_id, today)
        organization = uow.session.get(Organization, uow.org_id).name
        steps = tuple(RouteStepDTO(s.position + 1, s.stage_id, s.code, s.name, s.needs_shift, s.is_qc, s.good,
                                   s.scrap) for s in part.stages)
        return RouteCardDTO(organization, part, steps, today)

    return run_read(db, actor, work)
