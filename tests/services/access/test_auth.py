from datetime import timedelta

import pytest
from sqlalchemy import select

from erp_desktop.db.models import AuditEntry, SignInThrottle
from erp_desktop.errors import AccountLocked, AuthenticationFailed, SessionEnded, ValidationError
from erp_desktop.services.access import auth
from erp_desktop.services.admin import users
from tests.factories import PASSWORD, admin_of, set_security


def test_sign_in_opens_a_session(plant):
    signed = auth.sign_in(plant.db, "master", PASSWORD)
    assert signed.actor.role == "master"
    assert signed.actor.session_id is not None
    assert signed.organization == "Plant A"


def test_wrong_password_and_unknown_user_get_the_same_message(plant):
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.sign_in(plant.db, "master", "nope-nope")
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.sign_in(plant.db, "ghost", "nope-nope")
    assert str(wrong.value) == str(unknown.value) == auth.GENERIC_FAILURE


def test_five_failures_lock_the_account_for_fifteen_minutes(plant):
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            auth.sign_in(plant.db, "master", "bad-password")
    with pytest.raises(AccountLocked) as locked:
        auth.sign_in(plant.db, "master", "bad-password")
    assert "15 more minutes" in str(locked.value)
    with pytest.raises(AccountLocked):  # even the right password is refused while locked
        auth.sign_in(plant.db, "master", PASSWORD)
    with admin_of(plant.db).sessions() as session:
        actions = session.execute(select(AuditEntry.action).where(AuditEntry.entity == "sign_in")).scalars().all()
    assert actions.count("failed") == 5 and actions.count("locked") == 1


def test_unknown_user_name_locks_the_same_way(plant):
    set_security(plant.db, max_failed_attempts=2, lockout_minutes=3)
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(plant.db, "ghost", "x-password")
    with pytest.raises(AccountLocked, match="3 more minutes"):
        auth.sign_in(plant.db, "ghost", "x-password")


def test_lock_expires(plant):
    set_security(plant.db, max_failed_attempts=1, lockout_minutes=15)
    with pytest.raises(AccountLocked):
        auth.sign_in(plant.db, "master", "bad-password")
    with admin_of(plant.db).sessions.begin() as session:
        row = session.get(SignInThrottle, "master")
        row.locked_until = row.locked_until - timedelta(minutes=16)
    assert auth.sign_in(plant.db, "master", PASSWORD).actor.username == "master"


def test_admin_reset_forces_a_change_at_next_sign_in(plant):
    target = next(u for u in users.list_users(plant.db, plant.admin) if u.username == "operator")
    users.reset_password(plant.db, plant.admin, target.id, "temporary-1")
    signed = auth.sign_in(plant.db, "operator", "temporary-1")
    assert signed.must_change_password
    with pytest.raises(ValidationError, match="at least 8"):
        auth.change_own_password(plant.db, signed.actor, "temporary-1", "short")
    auth.change_own_password(plant.db, signed.actor, "temporary-1", "my-new-password")
    assert not auth.sign_in(plant.db, "operator", "my-new-password").must_change_password


def test_ended_session_refuses_the_next_action(plant):
    signed = auth.sign_in(plant.db, "supply", PASSWORD)
    users.end_session(plant.db, plant.admin, signed.actor.session_id)
    with pytest.raises(SessionEnded, match="sign in again"):
        users.list_users(plant.db, signed.actor)


def test_unlock_needs_the_right_password(plant):
    signed = auth.sign_in(plant.db, "qc", PASSWORD)
    with pytest.raises(AuthenticationFailed):
        auth.unlock(plant.db, signed.actor, "wrong-one")
    auth.unlock(plant.db, signed.actor, PASSWORD)


def test_create_admin_and_has_users(db):
    assert not auth.has_users(db)
    auth.create_admin(db, username="boss", password="boss-password", organization="New plant", rounds=4)
    assert auth.has_users(db)
    assert auth.sign_in(db, "boss", "boss-password").actor.role == "admin"
