"""Sign-in, sessions, passwords, and the first administrator."""

from __future__ import annotations

import functools
import socket
from datetime import timedelta

import bcrypt
from sqlalchemy import select, text

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Organization, SignInThrottle, User, UserSession
from erp_desktop.db.text_match import equals_ignoring_case
from erp_desktop.db.types import utcnow
from erp_desktop.domain.passwords import check_new_password, could_be_a_user_name
from erp_desktop.domain.roles import Role
from erp_desktop.domain.text import fold
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    AccountLocked,
    AuthenticationFailed,
    SessionEnded,
    Text,
    ValidationError,
)
from erp_desktop.services.actor import Actor
from erp_desktop.services.admin.security_settings import policy_in
from erp_desktop.services.dto import SignedIn
from erp_desktop.services.inputs import column_text, text_limit
from erp_desktop.services.uow import UnitOfWork, run_read, run_write

GENERIC_FAILURE = QT_TRANSLATE_NOOP("errors", "Wrong user name or password.")
BCRYPT_ROUNDS = 12


@functools.cache
def _dummy_hash() -> str:
    """Compared against when the user does not exist, so both paths cost one bcrypt check.
    Made on first use: hashing at import time would slow down the app's start."""
    return bcrypt.hashpw(b"not-a-password", bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def hash_password(password: str, rounds: int = BCRYPT_ROUNDS) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=rounds)).decode()


def password_matches(password: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), hashed.encode())
    except ValueError:
        return False


def actor_for(user: User, session_id: int | None = None, token: str | None = None) -> Actor:
    return Actor(
        user_id=user.id,
        org_id=user.org_id,
        username=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        session_id=session_id,
        token=token,
    )


# PostgreSQL: sign-in, sessions and passwords are the server's functions (db/security.py); the desktops'
# login cannot read a hash, a token or the throttle, nor write users or sessions
_PG_SIGN_IN = text("SELECT * FROM erp_sign_in(:username, :password, :host)")
_PG_SIGN_OUT = text("SELECT erp_sign_out(:token)")
_PG_UNLOCK = text("SELECT erp_unlock(:token, :password)")
_PG_CHANGE_PASSWORD = text("SELECT erp_change_own_password(:token, :old, :new)")
_PG_HAS_USERS = text("SELECT erp_has_users()")
_PG_IS_OWNER = text("SELECT erp_is_owner()")
_PG_FIRST_ADMIN = text("SELECT erp_create_first_admin(:username, :full_name, :password, :organization)")


def _sign_in_on_server(db: Database, username: str, password: str, host: str) -> SignedIn:
    row = run_write(db, None, lambda uow: uow.session.execute(
        _PG_SIGN_IN, {"username": username, "password": password, "host": host}).one())
    if row.outcome == "locked":
        raise AccountLocked(_lock_message(row.minutes))
    if row.outcome != "ok":
        raise AuthenticationFailed(GENERIC_FAILURE)
    actor = Actor(user_id=row.user_id, org_id=row.org_id, username=row.username, full_name=row.full_name,
                  role=Role(row.role), session_id=row.session_id, token=row.token)
    idle_minutes = run_read(db, None, lambda uow: policy_in(uow).idle_lock_minutes)
    return SignedIn(actor, bool(row.must_change), row.org_name, idle_minutes)


def _throttle(uow: UnitOfWork, username: str) -> SignInThrottle:
    key = fold(username.strip())
    row = uow.session.get(SignInThrottle, key, with_for_update=uow.db.is_postgres)
    if row is None:
        row = SignInThrottle(username=key, failed_attempts=0)
        uow.session.add(row)
        uow.session.flush()
    return row


def _lock_message(minutes_left: int) -> Text:
    if minutes_left == 1:
        return Text(QT_TRANSLATE_NOOP("errors", "Too many failed sign-ins. This account is locked for {minutes} more "
                                                "minute. Try again later or ask an administrator."), minutes=1)
    return Text(QT_TRANSLATE_NOOP("errors", "Too many failed sign-ins. This account is locked for {minutes} more "
                                            "minutes. Try again later or ask an administrator."), minutes=minutes_left)


def _only_organization(uow: UnitOfWork) -> int | None:
    """Whose administrators see a failed sign-in of a name no account has: the organisation, when the database
    holds one (as a plant's does); with several, nobody's (the name tells none of them apart)."""
    ids = uow.session.execute(select(Organization.id).limit(2)).scalars().all()
    return ids[0] if len(ids) == 1 else None


def sign_in(db: Database, username: str, password: str, host: str | None = None) -> SignedIn:
    """Check the password and open a session. Failures never reveal whether the user exists. The lockout
    policy is the plant's (security_settings), enforced by the server on PostgreSQL."""
    username = (username or "").strip()
    if not username or not password:
        raise AuthenticationFailed(QT_TRANSLATE_NOOP("errors", "Enter your user name and password."))
    if not could_be_a_user_name(username, max_len=text_limit(User.username)):
        raise AuthenticationFailed(GENERIC_FAILURE)  # no account has such a name: nothing to ask or count
    if db.is_postgres:
        return _sign_in_on_server(db, username, password, host or socket.gethostname())

    def work(uow: UnitOfWork):
        now = utcnow()
        policy = policy_in(uow)
        throttle = _throttle(uow, username)
        user = uow.session.execute(select(User).where(equals_ignoring_case(User.username, username))).scalar_one_or_none()
        if throttle.locked_until is not None and throttle.locked_until > now:
            minutes = max(1, int((throttle.locked_until - now).total_seconds() // 60) + 1)
            return ("locked", minutes, user)
        valid = password_matches(password, user.password_hash if user else _dummy_hash())
        if user is None or not valid or not user.is_active:
            throttle.failed_attempts += 1
            org_id = user.org_id if user else _only_organization(uow)
            user_id = user.id if user else None
            uow.audit("sign_in", user_id, "failed", after={"username": username}, org_id=org_id, user_id=user_id)
            uow.changed("audit")
            if throttle.failed_attempts >= policy.max_failed_attempts:
                throttle.locked_until = now + timedelta(minutes=policy.lockout_minutes)
                throttle.failed_attempts = 0
                uow.audit("sign_in", user_id, "locked", after={"username": username, "minutes": policy.lockout_minutes},
                          org_id=org_id, user_id=user_id)
                return ("locked", policy.lockout_minutes, user)
            return ("failed", None, user)
        throttle.failed_attempts = 0
        throttle.locked_until = None
        user.last_sign_in_at = now
        session_row = UserSession(org_id=user.org_id, user_id=user.id, host=host or socket.gethostname(), started_at=now, last_seen_at=now)
        uow.session.add(session_row)
        uow.session.flush()
        organization = uow.session.get(Organization, user.org_id).name
        uow.actor = actor_for(user, session_row.id)
        uow.audit("session", session_row.id, "sign_in", after={"username": user.username, "host": session_row.host})
        uow.changed("sessions", session_row.id)
        return ("ok", SignedIn(actor_for(user, session_row.id), bool(user.must_change_password), organization,
                               policy.idle_lock_minutes), user)

    outcome, detail, _user = run_write(db, None, work)
    if outcome == "locked":
        raise AccountLocked(_lock_message(detail))
    if outcome == "failed":
        raise AuthenticationFailed(GENERIC_FAILURE)
    return detail


def sign_out(db: Database, actor: Actor) -> None:
    if db.is_postgres:
        if actor.token is not None:
            run_write(db, None, lambda uow: uow.session.execute(_PG_SIGN_OUT, {"token": actor.token}))
        return
    if actor.session_id is None:
        return

    def work(uow: UnitOfWork):
        row = uow.session.get(UserSession, actor.session_id)
        if row is not None and row.ended_at is None:
            row.ended_at = utcnow()
            row.end_reason = "signed out"
            uow.audit("session", row.id, "sign_out")

    try:
        run_write(db, None, work)
    except SessionEnded:
        pass


def unlock(db: Database, actor: Actor, password: str) -> None:
    """The idle lock: the same user proves it is still them; an ended session cannot be unlocked."""
    if db.is_postgres:
        if not run_write(db, None, lambda uow: uow.session.execute(
                _PG_UNLOCK, {"token": actor.token, "password": password}).scalar_one()):
            raise AuthenticationFailed(QT_TRANSLATE_NOOP("errors", "Wrong password."))
        return

    def work(uow: UnitOfWork):
        user = uow.session.get(User, actor.user_id)
        if user is None or not user.is_active or not password_matches(password, user.password_hash):
            uow.audit("session", actor.session_id, "unlock_failed")
            return False
        row = uow.session.get(UserSession, actor.session_id) if actor.session_id else None
        if row is not None:
            row.last_seen_at = utcnow()
        return True

    if not run_write(db, actor, work):
        raise AuthenticationFailed(QT_TRANSLATE_NOOP("errors", "Wrong password."))


def change_own_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    policy = run_read(db, None, policy_in)
    check_new_password(new_password, min_length=policy.min_password_length, username=actor.username)
    if old_password == new_password:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose a new password different from the current one."), field="new_password")
    if db.is_postgres:  # a session that must change its password may do only this: no erp_begin
        run_write(db, None, lambda uow: uow.session.execute(
            _PG_CHANGE_PASSWORD, {"token": actor.token, "old": old_password, "new": new_password}))
        return

    def work(uow: UnitOfWork):
        user = uow.session.get(User, actor.user_id)
        if not password_matches(old_password, user.password_hash):
            raise AuthenticationFailed(QT_TRANSLATE_NOOP("errors", "The current password is wrong."))
        user.password_hash = hash_password(new_password)
        user.must_change_password = False
        uow.audit("user", user.id, "change_password")

    run_write(db, actor, work)


def has_users(db: Database) -> bool:
    if db.is_postgres:
        return run_read(db, None, lambda uow: uow.session.execute(_PG_HAS_USERS).scalar_one())
    return run_read(db, None, lambda uow: uow.session.execute(select(User.id).limit(1)).first() is not None)


def create_admin(db: Database, *, username: str, password: str, full_name: str = "", organization: str = "My plant",
                 min_password_length: int = 8, rounds: int = BCRYPT_ROUNDS) -> int:
    """The first administrator (or another one from the command line, which is trusted)."""
    username = column_text(User.username, username, label=QT_TRANSLATE_NOOP("errors", "user name"), required=True)
    full_name = column_text(User.full_name, full_name, label=QT_TRANSLATE_NOOP("errors", "full name"))
    organization = column_text(Organization.name, organization, label=QT_TRANSLATE_NOOP("errors", "organisation name"), required=True)
    check_new_password(password, min_length=min_password_length, username=username)

    def work(uow: UnitOfWork) -> int:
        if uow.db.is_postgres and not uow.session.execute(_PG_IS_OWNER).scalar_one():
            # the desktops' login: only the very first administrator, by the server's own function
            return uow.session.execute(_PG_FIRST_ADMIN, {"username": username, "full_name": full_name,
                                                         "password": password, "organization": organization}
                                       ).scalar_one()
        org = uow.session.execute(select(Organization).where(Organization.name == organization)).scalar_one_or_none()
        if org is None:
            org = Organization(name=organization)
            uow.session.add(org)
            uow.session.flush()
        if uow.session.execute(select(User.id).where(equals_ignoring_case(User.username, username))).first():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The user name '{username}' is taken."), username=username, field="username")
        user = User(org_id=org.id, username=username, full_name=full_name, role=Role.ADMIN.value,
                    password_hash=hash_password(password, rounds))
        uow.session.add(user)
        uow.session.flush()
        uow.actor = actor_for(user)
        uow.audit("user", user.id, "create_admin", after={"username": username, "organization": org.name})
        return user.id

    return run_write(db, None, work)
