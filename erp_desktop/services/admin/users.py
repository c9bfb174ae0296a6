"""Users and sessions, for administrators."""

from __future__ import annotations

from sqlalchemy import func, select, text

from erp_desktop.db.engine import Database
from erp_desktop.db.models import SignInThrottle, User, UserSession
from erp_desktop.db.text_match import equals_ignoring_case
from erp_desktop.db.types import utcnow
from erp_desktop.domain.passwords import check_new_password
from erp_desktop.domain.roles import Op, Role
from erp_desktop.domain.text import fold
from erp_desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from erp_desktop.services.access.auth import hash_password
from erp_desktop.services.actor import Actor
from erp_desktop.services.dto import SessionDTO, UserDTO
from erp_desktop.services.inputs import column_text, record_id
from erp_desktop.services.uow import UnitOfWork, run_read, run_write, snapshot

USER_FIELDS = ("username", "full_name", "role", "is_active", "must_change_password")
# PostgreSQL: users, roles, sessions and passwords change only through the server's functions, which check
# the caller's permission themselves (db/security.py); the checks here word the refusal first
_PG_CREATE = text("SELECT erp_create_user(:username, :full_name, :role, :password)")
_PG_UPDATE = text("SELECT erp_update_user(:user_id, :version, :full_name, :role)")
_PG_SET_ACTIVE = text("SELECT erp_set_user_active(:user_id, :version, :active)")
_PG_RESET = text("SELECT erp_reset_password(:user_id, :password)")
_PG_END_SESSION = text("SELECT erp_end_session(:session_id, :reason)")
_PG_UNLOCK = text("SELECT erp_unlock_user(:user_id)")
_PG_LOCKS = text("SELECT user_id, locked_until FROM erp_user_locks()")
DEFAULT_END_REASON = QT_TRANSLATE_NOOP("errors", "ended by an administrator")
MAX_END_REASON = 100


def _reloaded(uow: UnitOfWork, user_id: int) -> UserDTO:
    uow.session.expire_all()
    user = uow.session.get(User, user_id)
    uow.changed("users", user_id)
    return _dto(user)


def _dto(user: User, locked_until=None) -> UserDTO:
    return UserDTO(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        is_active=user.is_active,
        must_change_password=user.must_change_password,
        last_sign_in_at=user.last_sign_in_at,
        version=user.version,
        locked_until=locked_until,
    )


def _locks(uow: UnitOfWork, actor: Actor) -> dict[int, object]:
    """Users locked out now, by id: only an administrator sees them."""
    if not actor.can(Op.MANAGE_USERS):
        return {}
    if uow.db.is_postgres:
        return {user_id: until for user_id, until in uow.session.execute(_PG_LOCKS)}
    now = utcnow()
    by_key = {key: until for key, until in uow.session.execute(
        select(SignInThrottle.username, SignInThrottle.locked_until).where(SignInThrottle.locked_until > now))}
    if not by_key:
        return {}
    users = uow.session.execute(select(User.id, User.username).where(User.org_id == actor.org_id))
    return {user_id: by_key[fold(name)] for user_id, name in users if fold(name) in by_key}


def list_users(db: Database, actor: Actor, *, include_inactive: bool = True, role: Role | None = None) -> list[UserDTO]:
    def work(uow: UnitOfWork):
        query = select(User).where(User.org_id == actor.org_id).order_by(User.username)
        if not include_inactive:
            query = query.where(User.is_active.is_(True))
        if role is not None:
            query = query.where(User.role == Role(role).value)
        locks = _locks(uow, actor)
        return [_dto(user, locks.get(user.id)) for user in uow.session.execute(query).scalars()]

    return run_read(db, actor, work)


def create_user(db: Database, actor: Actor, *, username: str, full_name: str, role: Role | str, password: str,
                min_password_length: int = 8) -> UserDTO:
    actor.require(Op.MANAGE_USERS)
    username = column_text(User.username, username, label=QT_TRANSLATE_NOOP("errors", "user name"), required=True)
    full_name = column_text(User.full_name, full_name, label=QT_TRANSLATE_NOOP("errors", "full name"))
    if any(ch.isspace() for ch in username):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A user name is one word (no spaces)."), field="username")
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown role '{role}'."), role=role, field="role") from None
    check_new_password(password, min_length=min_password_length, username=username)

    def work(uow: UnitOfWork):
        if uow.db.is_postgres:
            user_id = uow.session.execute(_PG_CREATE, {"username": username, "full_name": full_name or "",
                                                       "role": role.value, "password": password}).scalar_one()
            return _reloaded(uow, user_id)
        taken = uow.session.execute(select(User.id).where(equals_ignoring_case(User.username, username))).first()
        if taken:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The user name '{username}' is taken. Choose another."), username=username, field="username")
        user = User(org_id=actor.org_id, username=username, full_name=full_name, role=role.value,
                    password_hash=hash_password(password), must_change_password=True)
        uow.session.add(user)
        uow.session.flush()
        uow.audit("user", user.id, "create", after=snapshot(user, USER_FIELDS))
        uow.changed("users", user.id)
        return _dto(user)

    return run_write(db, actor, work)


def _remaining_admins(uow: UnitOfWork, excluding: int) -> int:
    return uow.session.execute(
        select(func.count()).select_from(User).where(
            User.org_id == uow.org_id, User.role == Role.ADMIN.value, User.is_active.is_(True), User.id != excluding
        )
    ).scalar_one()


def update_user(db: Database, actor: Actor, user_id: int, *, version: int, full_name: str | None = None,
                role: Role | str | None = None) -> UserDTO:
    actor.require(Op.MANAGE_USERS)
    user_id = record_id(User, user_id, QT_TRANSLATE_NOOP("errors", "user"))
    full_name = column_text(User.full_name, full_name, label=QT_TRANSLATE_NOOP("errors", "full name")) if full_name is not None else None
    if role is not None:
        try:
            role = Role(role)
        except ValueError:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown role '{role}'."), role=role, field="role") from None

    def work(uow: UnitOfWork):
        if uow.db.is_postgres:
            uow.session.execute(_PG_UPDATE, {"user_id": user_id, "version": version, "full_name": full_name,
                                             "role": role.value if role is not None else None})
            return _reloaded(uow, user_id)
        user = uow.get_owned(User, user_id, "user", version=version)
        before = snapshot(user, USER_FIELDS)
        if role is not None and role != Role(user.role):
            if user.role == Role.ADMIN.value and _remaining_admins(uow, user.id) == 0:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is the last active administrator; make someone else an administrator first."))
            user.role = role.value
        if full_name is not None:
            user.full_name = full_name
        uow.session.flush()
        uow.audit("user", user.id, "update", before, snapshot(user, USER_FIELDS))
        uow.changed("users", user.id)
        return _dto(user)

    return run_write(db, actor, work)


def _end_sessions_of(uow: UnitOfWork, user_id: int, reason: str) -> int:
    rows = uow.session.execute(
        select(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
    ).scalars().all()
    for row in rows:
        row.ended_at = utcnow()
        row.ended_by = uow.actor.user_id
        row.end_reason = reason
        uow.audit("session", row.id, "end", after={"reason": reason})
    return len(rows)


def set_user_active(db: Database, actor: Actor, user_id: int, active: bool, *, version: int) -> UserDTO:
    actor.require(Op.MANAGE_USERS)
    user_id = record_id(User, user_id, QT_TRANSLATE_NOOP("errors", "user"))
    if user_id == actor.user_id and not active:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "You cannot deactivate yourself."))

    def work(uow: UnitOfWork):
        if uow.db.is_postgres:
            uow.session.execute(_PG_SET_ACTIVE, {"user_id": user_id, "version": version, "active": active})
            return _reloaded(uow, user_id)
        user = uow.get_owned(User, user_id, "user", version=version)
        before = snapshot(user, USER_FIELDS)
        if not active and user.role == Role.ADMIN.value and _remaining_admins(uow, user.id) == 0:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is the last active administrator and cannot be deactivated."))
        user.is_active = active
        if not active:
            _end_sessions_of(uow, user.id, QT_TRANSLATE_NOOP("errors", "account deactivated"))
        uow.session.flush()
        uow.audit("user", user.id, "activate" if active else "deactivate", before, snapshot(user, USER_FIELDS))
        uow.changed("users", user.id)
        return _dto(user)

    return run_write(db, actor, work)


def reset_password(db: Database, actor: Actor, user_id: int, new_password: str, *, min_password_length: int = 8) -> None:
    """An administrator sets a temporary password; the user must change it at the next sign-in."""
    actor.require(Op.MANAGE_USERS)
    user_id = record_id(User, user_id, QT_TRANSLATE_NOOP("errors", "user"))

    def work(uow: UnitOfWork):
        if uow.db.is_postgres:
            username = uow.get_owned(User, user_id, QT_TRANSLATE_NOOP("errors", "user")).username
            check_new_password(new_password, min_length=min_password_length, username=username)
            uow.session.execute(_PG_RESET, {"user_id": user_id, "password": new_password})
            return
        user = uow.get_owned(User, user_id, QT_TRANSLATE_NOOP("errors", "user"))
        check_new_password(new_password, min_length=min_password_length, username=user.username)
        user.password_hash = hash_password(new_password)
        user.must_change_password = True
        _lift_lock(uow, user.username)
        uow.audit("user", user.id, "reset_password")
        uow.changed("users", user.id)

    run_write(db, actor, work)


def _lift_lock(uow: UnitOfWork, username: str) -> None:
    row = uow.session.get(SignInThrottle, fold(username))
    if row is not None:
        uow.session.delete(row)


def unlock_user(db: Database, actor: Actor, user_id: int) -> None:
    """A user locked out after failed sign-ins may sign in again at once (also what a password reset does)."""
    actor.require(Op.MANAGE_USERS)
    user_id = record_id(User, user_id, QT_TRANSLATE_NOOP("errors", "user"))

    def work(uow: UnitOfWork):
        if uow.db.is_postgres:
            uow.session.execute(_PG_UNLOCK, {"user_id": user_id})
            return
        user = uow.get_owned(User, user_id, QT_TRANSLATE_NOOP("errors", "user"))
        _lift_lock(uow, user.username)
        uow.audit("user", user.id, "unlock")
        uow.changed("users", user.id)

    run_write(db, actor, work)


def list_sessions(db: Database, actor: Actor, *, active_only: bool = True, limit: int = 500) -> list[SessionDTO]:
    actor.require(Op.MANAGE_SESSIONS)

    def work(uow: UnitOfWork):
        query = (
            select(UserSession, User.username)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.org_id == actor.org_id)
            .order_by(UserSession.started_at.desc(), UserSession.id.desc())
            .limit(limit)
        )
        if active_only:
            query = query.where(UserSession.ended_at.is_(None))
        return [
            SessionDTO(row.id, row.user_id, username, row.host, row.started_at, row.ended_at, row.end_reason)
            for row, username in uow.session.execute(query)
        ]

    return run_read(db, actor, work)


def end_session(db: Database, actor: Actor, session_id: int, reason: str = "") -> None:
    """That desktop is signed out at its next action; the reason (or a default) is kept with the session."""
    actor.require(Op.MANAGE_SESSIONS)

    session_id = record_id(UserSession, session_id, QT_TRANSLATE_NOOP("errors", "session"))
    reason = column_text(UserSession.end_reason, reason, label=QT_TRANSLATE_NOOP("errors", "Reason")) or DEFAULT_END_REASON

    def work(uow: UnitOfWork):
        if uow.db.is_postgres:
            uow.session.execute(_PG_END_SESSION, {"session_id": session_id, "reason": reason})
            return
        row = uow.session.get(UserSession, session_id)
        if row is None or row.org_id != actor.org_id:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "That session does not exist."))
        if row.ended_at is None:
            row.ended_at = utcnow()
            row.ended_by = actor.user_id
            row.end_reason = reason
            uow.audit("session", row.id, "end", after={"reason": row.end_reason})
            uow.changed("sessions", row.id)

    run_write(db, actor, work)
