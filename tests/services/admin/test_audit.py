"""The audit log as an administrator reads it: field changes, and failed sign-ins of names no account has."""

import pytest

from erp_desktop.domain.audit import changes_text, field_changes
from erp_desktop.errors import AuthenticationFailed
from erp_desktop.services.access import auth
from erp_desktop.services.admin import audit, users
from tests.factories import make_plant


def test_field_changes_read_as_old_to_new():
    assert field_changes({"role": "viewer", "name": "A"}, {"role": "qc", "name": "A"}) == [("role", "viewer", "qc")]
    assert changes_text({"role": "viewer", "qty": "1.000"}, {"role": "qc", "qty": "2.000", "note": "Вал"}) == (
        "role: viewer -> qc; qty: 1.000 -> 2.000; note: Вал")
    assert changes_text({"name": "old"}, None) == "name: old -> -"
    assert changes_text(None, {"active": False, "ids": [1, 2]}) == "active: false; ids: [1, 2]"
    assert changes_text(None, None) == ""


def test_failed_sign_in_of_an_unknown_name_reaches_the_plants_admins(plant):
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(plant.db, "Иванова", "whatever-1")
    entry = audit.list_audit(plant.db, plant.admin, entity="sign_in").rows[0]
    assert entry.action == "failed" and entry.username == "" and entry.typed_name == "Иванова"
    assert entry.after == {"username": "Иванова"}  # the name only: never a password or a hash


def test_failed_sign_in_of_a_known_name_names_the_user(plant):
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(plant.db, "viewer", "wrong-password")
    entry = audit.list_audit(plant.db, plant.admin, entity="sign_in").rows[0]
    assert entry.username == "viewer" and entry.typed_name == ""


def test_with_two_organisations_an_unknown_name_is_nobodys(plant):
    other = make_plant(plant.db, "Plant B", prefix="b_")
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(plant.db, "nobody-here", "whatever-1")
    for admin in (plant.admin, other.admin):
        assert all(e.typed_name != "nobody-here" for e in audit.list_audit(plant.db, admin, entity="sign_in").rows)


def test_user_update_reads_as_field_changes(plant):
    target = next(u for u in users.list_users(plant.db, plant.admin) if u.username == "viewer")
    users.update_user(plant.db, plant.admin, target.id, version=target.version, role="qc")
    entry = audit.list_audit(plant.db, plant.admin, entity="user").rows[0]
    assert "role: viewer -> qc" in changes_text(entry.before, entry.after)
