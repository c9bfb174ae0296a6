"""Test data builders shared by service and UI tests."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from types import SimpleNamespace

from erp_desktop.db.models import Organization, User, UserSession
from erp_desktop.db.types import utcnow
from erp_desktop.domain.roles import Role
from erp_desktop.services.access.auth import actor_for, hash_password, sign_in

PASSWORD = "secret-pass-1"


def admin_of(db):
    """The fixtures' own way into the database: the superuser on PostgreSQL, the file itself on SQLite."""
    return getattr(db, "admin", db)


def open_session(session, user: User) -> tuple[int, str | None]:
    """A signed-in session for ``user`` written directly (as sign-in would), with its secret token."""
    token = secrets.token_hex(32)
    now = utcnow()
    row = UserSession(org_id=user.org_id, user_id=user.id, host="test", started_at=now, last_seen_at=now,
                      token_hash=hashlib.sha256(token.encode()).digest(), expires_at=now + timedelta(hours=24))
    session.add(row)
    session.flush()
    return row.id, token


def set_security(db, **values) -> None:
    """The plant's security settings (the row the server and the services enforce)."""
    from erp_desktop.db.models import SecuritySettings

    with admin_of(db).sessions.begin() as session:
        row = session.get(SecuritySettings, 1)
        for name, value in values.items():
            setattr(row, name, value)


def make_plant(db, org_name: str = "Plant A", prefix: str = "") -> SimpleNamespace:
    """An organisation with one signed-in user per role: plant.admin, plant.master, ... (Actors)."""
    pw_hash = hash_password(PASSWORD, 4)
    with admin_of(db).sessions.begin() as session:
        org = Organization(name=org_name)
        session.add(org)
        session.flush()
        users = {}
        for role in Role:
            user = User(org_id=org.id, username=f"{prefix}{role.value}", full_name=f"{role.label} {prefix}".strip(),
                        role=role.value, password_hash=pw_hash)
            session.add(user)
            users[role] = user
        session.flush()
        if db.is_postgres:  # the server knows a user only by a session's token
            actors = {role.value: actor_for(user, *open_session(session, user)) for role, user in users.items()}
        else:
            actors = {role.value: actor_for(user) for role, user in users.items()}
        org_id = org.id
    # the admin gets a real session so session-ending tests have one to end
    actors["admin"] = sign_in(db, f"{prefix}admin", PASSWORD).actor
    return SimpleNamespace(org_id=org_id, db=db, **actors)
