"""The shift fact journal: record, correct and remove stage facts, list them with totals, and the
shift report. Every change keeps the part's cached progress in the same transaction, under a lock
on the part row (PostgreSQL) so two foremen cannot break the flow rule together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, case, func, or_, select, true
from sqlalchemy.orm import aliased

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Part, PartStage, Stage, StageFact, User
from erp_desktop.db.types import utcnow
from erp_desktop.domain.facts import check_fact, parse_shift
from erp_desktop.domain.inputs import REASON_MAX_LENGTH, clean_text
from erp_desktop.domain.progress import PartStatus, StageTotals, check_flow, scrap_percent
from erp_desktop.domain.roles import Op, Role
from erp_desktop.domain.shifts import Shift
from erp_desktop.errors import QT_TRANSLATE_NOOP, ConcurrentModification, NotFound, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import get_record, optional_id, record_id
from erp_desktop.services.production.dto import (
    ChangedFacts,
    FactDTO,
    FactPage,
    FactTotals,
    OperatorTotals,
    PersonDTO,
    ShiftReportDTO,
    ShiftReportLine,
    ShiftReportStage,
    ShiftSubtotal,
)
from erp_desktop.services.production.parts import (
    UNSET,
    fact_dto,
    fact_dtos,
    fact_query,
    lock_part,
    route_of,
    store_totals,
)
from erp_desktop.services.uow import UnitOfWork, run_read, run_write, snapshot

FACT_FIELDS = ("part_id", "stage_id", "fact_date", "shift", "operator_id", "qty_good", "qty_scrap", "comment")
FACT_OPERATOR_ROLES = (Role.OPERATOR, Role.MASTER)


# --------------------------------------------------------------------------- helpers


def _comment(value) -> str:
    return clean_text(value, field="comment", label=QT_TRANSLATE_NOOP("errors", "comment"), max_len=REASON_MAX_LENGTH)


def _require_recording(actor: Actor, stage: Stage, operator_id: int | None) -> None:
    if stage.is_qc:
        actor.require(Op.RECORD_QC_FACTS)
    else:
        actor.require(Op.RECORD_OWN_FACTS)
    if operator_id is not None and operator_id != actor.user_id:
        actor.require(Op.RECORD_FACTS_FOR_ANYONE)


def _check_operator(uow: UnitOfWork, operator_id: int | None) -> None:
    if operator_id is None:
        return
    user = get_record(uow.session, User, operator_id)
    if user is None or user.org_id != uow.org_id:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "That operator does not exist. Choose one from the list."), field="operator")
    if not user.is_active:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} is no longer active; choose another operator."), name=user.full_name or user.username,
                              field="operator")


def _step(route: list[tuple[PartStage, Stage]], stage_id: int, part: Part) -> int:
    for position, (_ps, stage) in enumerate(route):
        if stage.id == stage_id:
            return position
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "That stage is not on the route of part {code}. Choose a stage of its route."), code=part.code,
                          field="stage")


def _apply_deltas(uow: UnitOfWork, part: Part, route: list[tuple[PartStage, Stage]],
                  deltas: dict[int, tuple[int, int]]) -> None:
    """Add (good, scrap) per route position, check the flow rule, store the cached totals."""
    totals = [(ps.qty_good, ps.qty_scrap) for ps, _ in route]
    for position, (good, scrap) in deltas.items():
        totals[position] = (totals[position][0] + good, totals[position][1] + scrap)
    changed = {position for position, (good, _scrap) in deltas.items() if good}
    check_flow([StageTotals(stage.name, good, scrap) for (_ps, stage), (good, scrap) in zip(route, totals, strict=True)],
               changed)
    store_totals(uow, part, {route[p][0].id: totals[p] for p in deltas}, route)


def _fact_dto(uow: UnitOfWork, fact_id: int) -> FactDTO:
    return fact_dtos(uow, fact_query().where(StageFact.id == fact_id))[0]


def _fact_in_org(uow: UnitOfWork, fact_id: int) -> StageFact:
    fact = uow.session.get(StageFact, record_id(StageFact, fact_id, QT_TRANSLATE_NOOP("errors", "fact")))
    if fact is None or fact.org_id != uow.org_id:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "That fact does not exist (any more); it may have been removed meanwhile."))
    return fact


def _locked_fact(uow: UnitOfWork, fact_id: int, version: int) -> tuple[StageFact, Part]:
    part_id = _fact_in_org(uow, fact_id).part_id
    part = lock_part(uow, part_id)
    # read again under the part lock: another desktop may have changed or removed it meanwhile
    fact = uow.session.execute(select(StageFact).where(StageFact.id == fact_id)
                               .execution_options(populate_existing=True)).scalar_one_or_none()
    if fact is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "That fact was removed by someone else meanwhile."))
    if fact.version != version:
        raise ConcurrentModification(QT_TRANSLATE_NOOP("errors", "Someone else changed this fact meanwhile. The journal has been refreshed; check the values and make your change again."))
    return fact, part


# --------------------------------------------------------------------------- commands


def create_fact(db: Database, actor: Actor, *, part_id: int, stage_id: int, fact_date: date, qty_good, qty_scrap=0,
                shift: Shift | str | None = None, operator_id: int | None = None, comment: str = "",
                today: date | None = None) -> FactDTO:
    """Record the good and scrap quantity of one stage of one part for a date (and shift)."""
    if not (actor.can(Op.RECORD_OWN_FACTS) or actor.can(Op.RECORD_QC_FACTS)):
        actor.require(Op.RECORD_OWN_FACTS)
    today = today or date.today()
    comment = _comment(comment)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id)
        route = route_of(uow, part.id)
        position = _step(route, stage_id, part)
        stage = route[position][1]
        _require_recording(actor, stage, operator_id)
        if part.status == PartStatus.CANCELLED:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Part {code} is cancelled; no facts are recorded for it."), code=part.code, field="stage")
        values = check_fact(stage_name=stage.name, needs_shift=stage.needs_shift, qty_good=qty_good,
                            qty_scrap=qty_scrap, fact_date=fact_date, shift=shift, operator_id=operator_id, today=today)
        _check_operator(uow, values.operator_id)
        _apply_deltas(uow, part, route, {position: (values.qty_good, values.qty_scrap)})
        now = utcnow()
        fact = StageFact(org_id=uow.org_id, part_id=part.id, stage_id=stage.id, fact_date=values.fact_date,
                         shift=values.shift.value, operator_id=values.operator_id, qty_good=values.qty_good,
                         qty_scrap=values.qty_scrap, comment=comment, created_by=actor.user_id, created_at=now,
                         updated_at=now)
        uow.session.add(fact)
        uow.session.flush()
        uow.audit("fact", fact.id, "create", after=snapshot(fact, FACT_FIELDS))
        uow.changed("facts", fact.id)
        uow.changed("parts", part.id)
        return _fact_dto(uow, fact.id)

    return run_write(db, actor, work)


def correct_fact(db: Database, actor: Actor, fact_id: int, *, version: int, stage_id: int | None = None,
                 fact_date: date | None = None, shift=UNSET, operator_id=UNSET, qty_good=None, qty_scrap=None,
                 comment: str | None = None, today: date | None = None) -> FactDTO:
    """A master or admin corrects a fact; left-out arguments keep their value. Audited before/after."""
    actor.require(Op.CORRECT_FACTS)
    today = today or date.today()
    comment = _comment(comment) if comment is not None else None

    def work(uow: UnitOfWork):
        fact, part = _locked_fact(uow, fact_id, version)
        before = snapshot(fact, FACT_FIELDS)
        route = route_of(uow, part.id)
        old_position = _step(route, fact.stage_id, part)
        new_position = _step(route, stage_id, part) if stage_id is not None else old_position
        stage = route[new_position][1]
        new_operator = fact.operator_id if operator_id is UNSET else operator_id
        values = check_fact(
            stage_name=stage.name, needs_shift=stage.needs_shift,
            qty_good=fact.qty_good if qty_good is None else qty_good,
            qty_scrap=fact.qty_scrap if qty_scrap is None else qty_scrap,
            fact_date=fact.fact_date if fact_date is None else fact_date,
            shift=fact.shift if shift is UNSET else shift, operator_id=new_operator, today=today)
        if new_operator != fact.operator_id:
            _check_operator(uow, values.operator_id)
        deltas: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))
        deltas[old_position] = (-fact.qty_good, -fact.qty_scrap)
        good, scrap = deltas[new_position]
        deltas[new_position] = (good + values.qty_good, scrap + values.qty_scrap)
        deltas = {p: d for p, d in deltas.items() if d != (0, 0)}
        if deltas:
            _apply_deltas(uow, part, route, deltas)
        fact.stage_id = stage.id
        fact.fact_date = values.fact_date
        fact.shift = values.shift.value
        fact.operator_id = values.operator_id
        fact.qty_good = values.qty_good
        fact.qty_scrap = values.qty_scrap
        if comment is not None:
            fact.comment = comment
        after = snapshot(fact, FACT_FIELDS)
        if after == before:
            return _fact_dto(uow, fact.id)
        fact.updated_at = utcnow()
        uow.session.flush()
        uow.audit("fact", fact.id, "correct", before, after)
        uow.changed("facts", fact.id)
        uow.changed("parts", part.id)
        return _fact_dto(uow, fact.id)

    return run_write(db, actor, work)


def remove_fact(db: Database, actor: Actor, fact_id: int, *, version: int, reason: str = "") -> None:
    """A master or admin removes a fact; refused when a later stage already has more good than would remain."""
    actor.require(Op.CORRECT_FACTS)
    reason = clean_text(reason, field="reason", label=QT_TRANSLATE_NOOP("errors", "reason"), max_len=REASON_MAX_LENGTH)

    def work(uow: UnitOfWork):
        fact, part = _locked_fact(uow, fact_id, version)
        before = snapshot(fact, FACT_FIELDS)
        route = route_of(uow, part.id)
        position = _step(route, fact.stage_id, part)
        _apply_deltas(uow, part, route, {position: (-fact.qty_good, -fact.qty_scrap)})
        uow.session.delete(fact)
        uow.session.flush()
        uow.audit("fact", fact_id, "remove", before, {"reason": reason})
        uow.changed("facts", fact_id)
        uow.changed("parts", part.id)

    run_write(db, actor, work)


# --------------------------------------------------------------------------- queries


def _filters(org_id: int, *, date_from, date_to, shift, stage_id, operator_id, part_id) -> list:
    conditions = [StageFact.org_id == org_id]
    if date_from is not None:
        conditions.append(StageFact.fact_date >= date_from)
    if date_to is not None:
        conditions.append(StageFact.fact_date <= date_to)
    chosen = parse_shift(shift)
    if chosen is not None:
        conditions.append(StageFact.shift == chosen.value)
    if stage_id is not None:
        conditions.append(StageFact.stage_id == stage_id)
    if operator_id is not None:
        conditions.append(StageFact.operator_id == operator_id)
    if part_id is not None:
        conditions.append(StageFact.part_id == part_id)
    return conditions


def list_facts(db: Database, actor: Actor, *, date_from: date | None = None, date_to: date | None = None,
               shift: Shift | str | None = None, stage_id: int | None = None, operator_id: int | None = None,
               part_id: int | None = None, after: tuple[date, int] | None = None, limit: int = 200) -> FactPage:
    """Newest first in keyset pages: ``after`` is the (fact_date, id) of the last row shown.
    The first page (after=None) also carries totals for the whole filter and subtotals per shift."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The start date is after the end date."), field="date_from")
    limit = max(min(int(limit), 2000), 1)
    stage_id = optional_id(Stage, stage_id, QT_TRANSLATE_NOOP("errors", "stage"))
    operator_id = optional_id(User, operator_id, QT_TRANSLATE_NOOP("errors", "operator"))
    part_id = optional_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part"))

    def work(uow: UnitOfWork):
        conditions = _filters(uow.org_id, date_from=date_from, date_to=date_to, shift=shift, stage_id=stage_id,
                              operator_id=operator_id, part_id=part_id)
        query = fact_query().where(*conditions)
        if after is not None:
            last_date, last_id = after
            query = query.where(or_(StageFact.fact_date < last_date,
                                    and_(StageFact.fact_date == last_date, StageFact.id < last_id)))
        query = query.order_by(StageFact.fact_date.desc(), StageFact.id.desc()).limit(limit + 1)
        if after is None:
            rows, totals, per_shift = _facts_with_totals(uow, query, conditions)
        else:
            rows, totals, per_shift = fact_dtos(uow, query), None, ()
        return FactPage(tuple(rows[:limit]), len(rows) > limit, totals, per_shift)

    return run_read(db, actor, work)


def _per_shift_sums(conditions):
    """One row, whatever meets ``conditions``: count, good and scrap of the facts that meet them per shift, in Shift
    order (grouped per shift as before, then the three groups, or none, folded into one row by an aggregate
    without GROUP BY)."""
    grouped = (select(StageFact.shift.label("shift"), func.count().label("n"),
                      func.coalesce(func.sum(StageFact.qty_good), 0).label("good"),
                      func.coalesce(func.sum(StageFact.qty_scrap), 0).label("scrap"))
               .where(*conditions).group_by(StageFact.shift).subquery())
    columns = []
    for shift in Shift:
        chosen = grouped.c.shift == shift.value
        columns += [func.coalesce(func.sum(column).filter(chosen), 0)
                    for column in (grouped.c.n, grouped.c.good, grouped.c.scrap)]
    return select(*columns).subquery()


def _facts_with_totals(uow: UnitOfWork, facts, conditions) -> tuple[list, FactTotals, tuple[ShiftSubtotal, ...]]:
    """The facts of ``facts`` (a fact_query() select) newest first, and the totals and subtotals of the facts that
    meet ``conditions``, in one statement: the totals' one row with the facts, if any, joined to it (it was two,
    and a journal pays them for every live refetch)."""
    sums = _per_shift_sums(conditions)
    listed = facts.subquery()
    fact = aliased(StageFact, listed)
    shown = list(listed.c)[len(StageFact.__table__.columns):]  # part, stage and people, as fact_query has them
    rows = uow.session.execute(select(fact, *shown, *sums.c).select_from(sums).outerjoin(listed, true())
                               .order_by(fact.fact_date.desc(), fact.id.desc())).all()
    per = rows[0][len(shown) + 1:]
    totals, per_shift = _totals_of([(one.value, *per[3 * n:3 * n + 3]) for n, one in enumerate(Shift) if per[3 * n]])
    return [fact_dto(*row) for row in rows if row[0] is not None], totals, per_shift


def _totals_of(sums) -> tuple[FactTotals, tuple[ShiftSubtotal, ...]]:
    """Totals and subtotals from (shift, count, good, scrap) of each shift that has facts."""
    per_shift = tuple(sorted(
        (ShiftSubtotal(Shift(s), int(n), int(g), int(x), scrap_percent(int(g), int(x))) for s, n, g, x in sums),
        key=lambda sub: list(Shift).index(sub.shift)))
    good = sum(sub.good for sub in per_shift)
    scrap = sum(sub.scrap for sub in per_shift)
    return FactTotals(sum(sub.count for sub in per_shift), good, scrap, scrap_percent(good, scrap)), per_shift


def changed_facts(db: Database, actor: Actor, fact_ids: Sequence[int], *, date_from: date | None = None,
                  date_to: date | None = None, shift: Shift | str | None = None, stage_id: int | None = None,
                  operator_id: int | None = None, part_id: int | None = None) -> ChangedFacts:
    """What a journal showing this filter needs after a live update named ``fact_ids``: those facts (None for one
    removed meanwhile) and the filter's totals again, in one statement (the totals' one row with the facts joined
    to it) instead of one read per fact and another for the totals."""
    ids = [record_id(StageFact, one, "fact") for one in fact_ids]
    stage_id = optional_id(Stage, stage_id, "stage")
    operator_id = optional_id(User, operator_id, "operator")
    part_id = optional_id(Part, part_id, "part")

    def work(uow: UnitOfWork):
        conditions = _filters(uow.org_id, date_from=date_from, date_to=date_to, shift=shift, stage_id=stage_id,
                              operator_id=operator_id, part_id=part_id)
        rows, totals, per_shift = _facts_with_totals(
            uow, fact_query().where(StageFact.org_id == uow.org_id, StageFact.id.in_(ids)), conditions)
        found = {fact.id: fact for fact in rows}
        return ChangedFacts(tuple((one, found.get(one)) for one in ids), totals, per_shift)

    return run_read(db, actor, work)


def get_fact(db: Database, actor: Actor, fact_id: int) -> FactDTO:
    def work(uow: UnitOfWork):
        _fact_in_org(uow, fact_id)
        return _fact_dto(uow, fact_id)

    return run_read(db, actor, work)


def list_fact_operators(db: Database, actor: Actor) -> list[PersonDTO]:
    """Active operators and foremen of the organisation, for the operator box of the fact form."""
    def work(uow: UnitOfWork):
        users = uow.session.execute(
            select(User).where(User.org_id == uow.org_id, User.is_active.is_(True),
                               User.role.in_([role.value for role in FACT_OPERATOR_ROLES]))
            .order_by(User.full_name, User.username)).scalars()
        return [PersonDTO(u.id, u.username, u.full_name or u.username, u.role) for u in users]

    return run_read(db, actor, work)


def shift_report(db: Database, actor: Actor, *, report_date: date, shift: Shift | str | None) -> ShiftReportDTO:
    """Facts of one date and shift (``shift=None``: the whole day) by stage and operator, with totals."""
    actor.require(Op.VIEW_REPORTS)
    chosen = parse_shift(shift)

    def work(uow: UnitOfWork):
        operator_name = case((User.full_name != "", User.full_name), else_=User.username)
        conditions = [StageFact.org_id == uow.org_id, StageFact.fact_date == report_date]
        if chosen is not None:
            conditions.append(StageFact.shift == chosen.value)
        grouped = (
            select(StageFact.stage_id, StageFact.operator_id, StageFact.part_id, func.count().label("n"),
                   func.sum(StageFact.qty_good).label("good"), func.sum(StageFact.qty_scrap).label("scrap"))
            .where(*conditions).group_by(StageFact.stage_id, StageFact.operator_id, StageFact.part_id)
            .subquery()
        )
        rows = uow.session.execute(
            select(grouped, Stage.name, Stage.sort_order, operator_name, Part.code, Part.name)
            .join(Stage, Stage.id == grouped.c.stage_id)
            .join(Part, Part.id == grouped.c.part_id)
            .outerjoin(User, User.id == grouped.c.operator_id)
            .order_by(Stage.sort_order, Stage.id, operator_name, Part.code)
        ).all()
        stages: dict[int, list[ShiftReportLine]] = {}
        operators: dict[int | None, list] = {}
        for row in rows:
            good, scrap = int(row.good), int(row.scrap)
            name = row[8] or ""
            stages.setdefault(row.stage_id, []).append(ShiftReportLine(
                row.stage_id, row[6], row.operator_id, name, row.part_id, row[9], row[10], row.n, good, scrap,
                scrap_percent(good, scrap)))
            entry = operators.setdefault(row.operator_id, [name, 0, 0])
            entry[1] += good
            entry[2] += scrap
        stage_dtos = []
        for stage_id, lines in stages.items():
            good, scrap = sum(line.good for line in lines), sum(line.scrap for line in lines)
            stage_dtos.append(ShiftReportStage(stage_id, lines[0].stage_name, good, scrap, scrap_percent(good, scrap),
                                               tuple(lines)))
        operator_dtos = sorted(
            (OperatorTotals(op_id, name, good, scrap, scrap_percent(good, scrap))
             for op_id, (name, good, scrap) in operators.items()),
            key=lambda o: (o.operator_id is None, o.operator_name))
        good = sum(s.good for s in stage_dtos)
        scrap = sum(s.scrap for s in stage_dtos)
        count = sum(line.fact_count for s in stage_dtos for line in s.lines)
        return ShiftReportDTO(report_date, chosen, tuple(stage_dtos), tuple(operator_dtos),
                              FactTotals(count, good, scrap, scrap_percent(good, scrap)))

    return run_read(db, actor, work)
