"""The audit log, newest first, in keyset pages (fast over millions of rows)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import AuditEntry, User
from erp_desktop.domain.roles import Op
from erp_desktop.domain.server_rights import ROW_CHANGE_ACTIONS
from erp_desktop.services.actor import Actor
from erp_desktop.services.dto import AuditDTO, AuditPage
from erp_desktop.services.uow import UnitOfWork, run_read

ENTITIES = ("user", "session", "sign_in", "stage", "part", "fact", "task", "product", "warehouse", "supplier",
            "lot", "stock_document", "reservation")


def list_audit(
    db: Database,
    actor: Actor,
    *,
    user_id: int | None = None,
    entity: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    after: tuple[datetime, int] | None = None,
    limit: int = 200,
    row_changes: bool = False,
) -> AuditPage:
    """``after`` is the (at, id) of the last row already shown; the next page continues below it.
    ``row_changes``: also the server's own entries for each row a desktop changed (PostgreSQL), which repeat
    in table terms what the app's entries say, and alone show changes made outside the app."""
    actor.require(Op.VIEW_AUDIT)

    def work(uow: UnitOfWork):
        query = (
            select(AuditEntry, User.username)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(AuditEntry.org_id == actor.org_id)
        )
        if not row_changes:
            query = query.where(AuditEntry.action.not_in(ROW_CHANGE_ACTIONS))
        if user_id is not None:
            query = query.where(AuditEntry.user_id == user_id)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        if date_from is not None:
            query = query.where(AuditEntry.at >= _local_midnight(date_from))
        if date_to is not None:
            query = query.where(AuditEntry.at < _local_midnight(date_to + timedelta(days=1)))
        if after is not None:
            at, last_id = after
            query = query.where(or_(AuditEntry.at < at, and_(AuditEntry.at == at, AuditEntry.id < last_id)))
        query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit + 1)
        rows = uow.session.execute(query).all()
        dtos = tuple(
            AuditDTO(e.id, e.at, username or "", e.entity, e.entity_id, e.action, e.before, e.after,
                     _typed_name(e) if username is None else "")
            for e, username in rows[:limit]
        )
        return AuditPage(dtos, len(rows) > limit)

    return run_read(db, actor, work)


def _typed_name(entry: AuditEntry) -> str:
    """The name a failed sign-in typed when no account has it (only the name: no password, no hash)."""
    if entry.entity != "sign_in" or not isinstance(entry.after, dict):
        return ""
    return str(entry.after.get("username") or "")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()
