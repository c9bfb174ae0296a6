"""Test data builders shared by service and UI tests."""

from __future__ import annotations

from types import SimpleNamespace

from erp_desktop.db.models import Organization, User
from erp_desktop.domain.roles import Role
from erp_desktop.services.auth import actor_for, hash_password, sign_in

PASSWORD = "secret-pass-1"


def make_plant(db, org_name: str = "Plant A", prefix: str = "") -> SimpleNamespace:
    """An organisation with one signed-in user per role: plant.admin, plant.master, ... (Actors)."""
    pw_hash = hash_password(PASSWORD, 4)
    with db.sessions.begin() as session:
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
        actors = {role.value: actor_for(user) for role, user in users.items()}
        org_id = org.id
    # the admin gets a real session so session-ending tests have one to end
    actors["admin"] = sign_in(db, f"{prefix}admin", PASSWORD).actor
    return SimpleNamespace(org_id=org_id, db=db, **actors)
