import pytest
from sqlalchemy import select, text

from erp_desktop.db.models import AuditEntry
from erp_desktop.domain.roles import Op, Role
from erp_desktop.errors import ConcurrentModification, PermissionDenied, ValidationError
from erp_desktop.services.access import auth
from erp_desktop.services.admin import audit, users
from tests.factories import admin_of, make_plant


def test_admin_creates_user_who_must_change_password(plant):
    created = users.create_user(plant.db, plant.admin, username="novak", full_name="Novak J.", role="qc",
                                password="first-pass")
    assert created.role == Role.QC and created.must_change_password
    assert auth.sign_in(plant.db, "novak", "first-pass").must_change_password


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_admin_manages_users(plant, role):
    actor = getattr(plant, role.value)
    with pytest.raises(PermissionDenied):
        users.create_user(plant.db, actor, username="x1", full_name="", role="viewer", password="long-enough")


def test_duplicate_user_name_is_refused_with_a_clear_message(plant):
    with pytest.raises(ValidationError, match="taken"):
        users.create_user(plant.db, plant.admin, username="MASTER", full_name="", role="viewer", password="long-enough")


def test_stale_edit_is_a_conflict(plant):
    target = next(u for u in users.list_users(plant.db, plant.admin) if u.username == "viewer")
    users.update_user(plant.db, plant.admin, target.id, version=target.version, role="qc")
    with pytest.raises(ConcurrentModification):
        users.update_user(plant.db, plant.admin, target.id, version=target.version, role="supply")


def test_deactivation_ends_sessions_and_blocks_sign_in(plant):
    signed = auth.sign_in(plant.db, "operator", "secret-pass-1")
    target = next(u for u in users.list_users(plant.db, plant.admin) if u.username == "operator")
    users.set_user_active(plant.db, plant.admin, target.id, False, version=target.version)
    assert all(s.user_id != signed.actor.user_id for s in users.list_sessions(plant.db, plant.admin))
    with pytest.raises(Exception, match="Wrong user name or password"):
        auth.sign_in(plant.db, "operator", "secret-pass-1")


def test_last_admin_cannot_be_demoted_or_deactivated(plant):
    me = next(u for u in users.list_users(plant.db, plant.admin) if u.username == "admin")
    with pytest.raises(ValidationError, match="last active administrator"):
        users.update_user(plant.db, plant.admin, me.id, version=me.version, role="viewer")
    with pytest.raises(ValidationError):
        users.set_user_active(plant.db, plant.admin, me.id, False, version=me.version)


def test_mutations_are_audited_with_before_and_after(plant):
    target = next(u for u in users.list_users(plant.db, plant.admin) if u.username == "viewer")
    users.update_user(plant.db, plant.admin, target.id, version=target.version, role="qc")
    page = audit.list_audit(plant.db, plant.admin, entity="user")
    entry = page.rows[0]
    assert entry.action == "update" and entry.before["role"] == "viewer" and entry.after["role"] == "qc"
    assert entry.username == "admin"


def test_audit_pages_newest_first_without_gaps(plant):
    for number in range(7):
        users.create_user(plant.db, plant.admin, username=f"u{number}", full_name="", role="viewer", password="long-enough")
    seen, cursor = [], None
    while True:
        page = audit.list_audit(plant.db, plant.admin, entity="user", after=cursor, limit=3)
        seen.extend(page.rows)
        if not page.has_more:
            break
        cursor = (page.rows[-1].at, page.rows[-1].id)
    assert len(seen) == 7 and len({e.id for e in seen}) == 7
    assert [(e.at, e.id) for e in seen] == sorted([(e.at, e.id) for e in seen], reverse=True)


def test_audit_log_is_append_only(plant):
    users.create_user(plant.db, plant.admin, username="z1", full_name="", role="viewer", password="long-enough")
    # even the owner's side (the superuser fixtures use) is refused by the trigger; the desktops' login on
    # PostgreSQL may not even try (tests/security)
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"):
            with admin_of(plant.db).engine.begin() as connection:
                connection.execute(text(statement))
    with admin_of(plant.db).sessions() as session:
        assert session.execute(select(AuditEntry.id)).first() is not None


def test_one_organisation_cannot_see_or_change_another(plant):
    other = make_plant(plant.db, "Plant B", prefix="b_")
    names = {u.username for u in users.list_users(plant.db, other.admin)}
    assert names and all(name.startswith("b_") for name in names)
    mine = next(u for u in users.list_users(plant.db, plant.admin) if u.username == "viewer")
    with pytest.raises(Exception, match="does not exist"):
        users.update_user(plant.db, other.admin, mine.id, version=mine.version, role="qc")
    with pytest.raises(Exception, match="does not exist"):
        users.end_session(plant.db, other.admin, plant.admin.session_id)
    assert all(e.username.startswith("b_") or e.username == "" for e in audit.list_audit(plant.db, other.admin).rows)


def _lock_out(plant, username: str) -> None:
    from erp_desktop.errors import AccountLocked
    from tests.factories import set_security

    set_security(plant.db, max_failed_attempts=1, lockout_minutes=15)
    with pytest.raises(AccountLocked):
        auth.sign_in(plant.db, username, "bad-password")


def _user(plant, username: str):
    return next(u for u in users.list_users(plant.db, plant.admin) if u.username == username)


def test_admin_sees_a_locked_out_user_and_unlocks_them(plant):
    from tests.factories import PASSWORD

    _lock_out(plant, "Operator")
    locked = _user(plant, "operator")
    assert locked.locked_until is not None and _user(plant, "master").locked_until is None
    users.unlock_user(plant.db, plant.admin, locked.id)
    assert _user(plant, "operator").locked_until is None
    assert auth.sign_in(plant.db, "operator", PASSWORD).actor.username == "operator"
    entry = audit.list_audit(plant.db, plant.admin, entity="user").rows[0]
    assert entry.action == "unlock" and entry.entity_id == str(locked.id)


def test_a_password_reset_also_lifts_the_lock(plant):
    _lock_out(plant, "operator")
    users.reset_password(plant.db, plant.admin, _user(plant, "operator").id, "temporary-1")
    assert auth.sign_in(plant.db, "operator", "temporary-1").must_change_password


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_an_admin_unlocks_or_sees_locks(plant, role):
    _lock_out(plant, "operator")
    target = _user(plant, "operator")
    with pytest.raises(PermissionDenied):
        users.unlock_user(plant.db, getattr(plant, role.value), target.id)
    if getattr(plant, role.value).can(Op.MANAGE_USERS) is False:
        try:
            rows = users.list_users(plant.db, getattr(plant, role.value))
        except PermissionDenied:
            return
        assert all(u.locked_until is None for u in rows)


def test_ending_a_session_keeps_the_reason(plant):
    signed = auth.sign_in(plant.db, "supply", "secret-pass-1")
    users.end_session(plant.db, plant.admin, signed.actor.session_id, "  left the desk signed in  ")
    ended = next(s for s in users.list_sessions(plant.db, plant.admin, active_only=False)
                 if s.id == signed.actor.session_id)
    assert ended.end_reason == "left the desk signed in" and ended.ended_at is not None
    entry = audit.list_audit(plant.db, plant.admin, entity="session").rows[0]
    assert entry.action == "end" and entry.after == {"reason": "left the desk signed in"}
