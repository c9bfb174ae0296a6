"""The stage catalogue: which production stages exist and whether their facts need a shift."""

from __future__ import annotations

from sqlalchemy import func, select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Stage
from erp_desktop.db.text_match import equals_ignoring_case
from erp_desktop.domain.roles import Op
from erp_desktop.domain.text import fold
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_int, column_text
from erp_desktop.services.production.dto import StageDTO
from erp_desktop.services.uow import UnitOfWork, run_read, run_write, snapshot

STAGE_FIELDS = ("code", "name", "sort_order", "needs_shift", "is_qc", "is_active")

# (code, name, needs_shift, is_qc) in route order
DEFAULT_STAGES = (
    ("machining", "Machining", True, False),
    ("turning", "Turning", True, False),
    ("milling", "Milling", True, False),
    ("fitting", "Fitting", False, False),
    ("heat_treatment", "Heat treatment", False, False),
    ("galvanic", "Galvanic", False, False),
    ("grinding", "Grinding", True, False),
    ("qc", "QC", False, True),
    ("packing", "Packing", False, False),
)


def stage_dto(stage: Stage) -> StageDTO:
    return StageDTO(stage.id, stage.code, stage.name, stage.sort_order, stage.needs_shift, stage.is_qc,
                    stage.is_active, stage.version)


def _clean_code(code: str) -> str:
    code = fold(column_text(Stage.code, code, label=QT_TRANSLATE_NOOP("errors", "stage code"), required=True))
    if any(ch.isspace() for ch in code):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A stage code is one word (use _ between words)."), field="code")
    return code


def _clean_name(name: str) -> str:
    return column_text(Stage.name, name, label=QT_TRANSLATE_NOOP("errors", "stage name"), required=True)


def _clean_order(sort_order) -> int | None:
    return None if sort_order is None else column_int(Stage.sort_order, sort_order, label=QT_TRANSLATE_NOOP("errors", "sort order"))


def _code_taken(uow: UnitOfWork, code: str, excluding: int | None = None) -> bool:
    query = select(Stage.id).where(Stage.org_id == uow.org_id, equals_ignoring_case(Stage.code, code))
    if excluding is not None:
        query = query.where(Stage.id != excluding)
    return uow.session.execute(query).first() is not None


def list_stages(db: Database, actor: Actor, *, include_inactive: bool = False) -> list[StageDTO]:
    def work(uow: UnitOfWork):
        query = select(Stage).where(Stage.org_id == actor.org_id).order_by(Stage.sort_order, Stage.name, Stage.id)
        if not include_inactive:
            query = query.where(Stage.is_active.is_(True))
        return [stage_dto(stage) for stage in uow.session.execute(query).scalars()]

    return run_read(db, actor, work)


def get_stage(db: Database, actor: Actor, stage_id: int) -> StageDTO:
    return run_read(db, actor, lambda uow: stage_dto(uow.get_owned(Stage, stage_id, QT_TRANSLATE_NOOP("errors", "stage"))))


def create_stage(db: Database, actor: Actor, *, code: str, name: str, sort_order: int | None = None,
                 needs_shift: bool = False, is_qc: bool = False) -> StageDTO:
    actor.require(Op.MANAGE_STAGES)
    code, name = _clean_code(code), _clean_name(name)
    sort_order = _clean_order(sort_order)

    def work(uow: UnitOfWork):
        if _code_taken(uow, code):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A stage with the code '{code}' already exists."), code=code, field="code")
        order = sort_order
        if order is None:
            last = uow.session.execute(select(func.max(Stage.sort_order)).where(Stage.org_id == uow.org_id)).scalar()
            order = (last or 0) + 10
        stage = Stage(org_id=uow.org_id, code=code, name=name, sort_order=order, needs_shift=bool(needs_shift),
                      is_qc=bool(is_qc), is_active=True)
        uow.session.add(stage)
        uow.session.flush()
        uow.audit("stage", stage.id, "create", after=snapshot(stage, STAGE_FIELDS))
        uow.changed("stages", stage.id)
        return stage_dto(stage)

    return run_write(db, actor, work)


def update_stage(db: Database, actor: Actor, stage_id: int, *, version: int, code: str | None = None,
                 name: str | None = None, sort_order: int | None = None, needs_shift: bool | None = None,
                 is_qc: bool | None = None) -> StageDTO:
    """Changing needs_shift applies to facts recorded from now on; recorded facts keep their shift."""
    actor.require(Op.MANAGE_STAGES)
    code = _clean_code(code) if code is not None else None
    name = _clean_name(name) if name is not None else None
    sort_order = _clean_order(sort_order)

    def work(uow: UnitOfWork):
        stage = uow.get_owned(Stage, stage_id, "stage", version=version)
        before = snapshot(stage, STAGE_FIELDS)
        if code is not None and code != stage.code:
            if _code_taken(uow, code, excluding=stage.id):
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "A stage with the code '{code}' already exists."), code=code, field="code")
            stage.code = code
        if name is not None:
            stage.name = name
        if sort_order is not None:
            stage.sort_order = sort_order
        if needs_shift is not None:
            stage.needs_shift = bool(needs_shift)
        if is_qc is not None:
            stage.is_qc = bool(is_qc)
        uow.session.flush()
        uow.audit("stage", stage.id, "update", before, snapshot(stage, STAGE_FIELDS))
        uow.changed("stages", stage.id)
        return stage_dto(stage)

    return run_write(db, actor, work)


def _set_active(db: Database, actor: Actor, stage_id: int, version: int, active: bool) -> StageDTO:
    actor.require(Op.MANAGE_STAGES)

    def work(uow: UnitOfWork):
        stage = uow.get_owned(Stage, stage_id, "stage", version=version)
        before = snapshot(stage, STAGE_FIELDS)
        stage.is_active = active
        uow.session.flush()
        uow.audit("stage", stage.id, "activate" if active else "deactivate", before, snapshot(stage, STAGE_FIELDS))
        uow.changed("stages", stage.id)
        return stage_dto(stage)

    return run_write(db, actor, work)


def deactivate_stage(db: Database, actor: Actor, stage_id: int, *, version: int) -> StageDTO:
    """The stage stays on existing routes (and their facts) but cannot be added to routes any more."""
    return _set_active(db, actor, stage_id, version, False)


def reactivate_stage(db: Database, actor: Actor, stage_id: int, *, version: int) -> StageDTO:
    return _set_active(db, actor, stage_id, version, True)


def create_default_stages(db: Database, actor: Actor) -> list[StageDTO]:
    """The usual catalogue of a machining plant; codes already present are left alone."""
    actor.require(Op.MANAGE_STAGES)

    def work(uow: UnitOfWork):
        existing = set(uow.session.execute(select(Stage.code).where(Stage.org_id == uow.org_id)).scalars())
        created = []
        for order, (code, name, needs_shift, is_qc) in enumerate(DEFAULT_STAGES, start=1):
            if code in existing:
                continue
            stage = Stage(org_id=uow.org_id, code=code, name=name, sort_order=order * 10, needs_shift=needs_shift,
                          is_qc=is_qc, is_active=True)
            uow.session.add(stage)
            uow.session.flush()
            uow.audit("stage", stage.id, "create", after=snapshot(stage, STAGE_FIELDS))
            created.append(stage)
        uow.changed("stages", *(stage.id for stage in created))
        return [stage_dto(stage) for stage in created]

    return run_write(db, actor, work)
