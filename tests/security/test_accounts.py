"""Issue 11 points 4, 5 and 12: sign-in in the server; hashes, token hashes and the throttle unreadable; users,
sessions and passwords changed only through the server's functions, by an admin; a session that must change its
password can do nothing else; the plant's security settings changed only by an admin, through the server."""

from __future__ import annotations

import statistics
import time
import uuid
from contextlib import contextmanager
from decimal import Decimal

import bcrypt
import pytest

from erp_desktop.domain.roles import Role
from tests.factories import PASSWORD
from tests.security.helpers import (
    ISSUE_CALL,
    PASSWORD_CHANGE,
    as_admin,
    as_desktop,
    desktop_connect,
    refused,
    scalar,
    use_token,
)

pytestmark = pytest.mark.pg_only

ALL_ROLES = [role.value for role in Role]
NOT_ADMIN = [role.value for role in Role if role is not Role.ADMIN]
FAILED = ("failed", None, None, None, None, None, None, None, None, None, None)


def sign_in(world, username: str, password: str = PASSWORD) -> tuple:
    """erp_sign_in as a desktop does it, committed."""
    with desktop_connect(world.pg, autocommit=True) as conn:
        return conn.execute("SELECT * FROM erp_sign_in(%s, %s, 'attacker')", [username, password]).fetchone()


def new_user(world, *, role: str = "operator", password_hash: str | None = None, plant: str = "a") -> tuple[int, str]:
    """A user of its own (id, name) written behind the desktops' back, with a Python-bcrypt ($2b$) hash."""
    name = f"u_{uuid.uuid4().hex[:10]}"
    password_hash = password_hash or bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    with as_admin(world.pg) as admin:
        user_id = scalar(admin, "INSERT INTO users (org_id, username, full_name, role, password_hash, is_active, "
                                "must_change_password, created_at, version) VALUES (%s, %s, %s, %s, %s, true, false, "
                                "now() AT TIME ZONE 'UTC', 1) RETURNING id",
                         [getattr(world, plant).org_id, name, name, role, password_hash])
    return user_id, name


def hash_of(world, user_id: int) -> str:
    with as_admin(world.pg) as admin:
        return scalar(admin, "SELECT password_hash FROM users WHERE id = %s", [user_id])


@contextmanager
def settings(world, **values):
    """The plant's security settings changed for the test (behind the desktops' back), then put back."""
    columns = ", ".join(values)
    with as_admin(world.pg) as admin:
        saved = admin.execute(f"SELECT {columns} FROM security_settings WHERE id = 1").fetchone()
        admin.execute(f"UPDATE security_settings SET ({columns}) = ROW({', '.join(['%s'] * len(values))}) WHERE id = 1",
                      list(values.values()))
    try:
        yield
    finally:
        with as_admin(world.pg) as admin:
            admin.execute(f"UPDATE security_settings SET ({columns}) = ROW({', '.join(['%s'] * len(values))}) "
                          "WHERE id = 1", list(saved))


# --------------------------------------------------------------------------- 4. sign-in in the server


def test_an_existing_python_bcrypt_hash_signs_in(world):
    user_id, name = new_user(world)
    assert hash_of(world, user_id).startswith("$2b$04$")
    row = sign_in(world, name)
    assert row[0] == "ok" and row[4] == user_id and row[5] == world.a.org_id


def test_failure_is_the_same_for_an_unknown_name_a_wrong_password_and_an_inactive_user(world):
    user_id, name = new_user(world)
    inactive_id, inactive = new_user(world)
    with as_admin(world.pg) as admin:
        admin.execute("UPDATE users SET is_active = false WHERE id = %s", [inactive_id])
    assert sign_in(world, f"nobody_{uuid.uuid4().hex[:8]}") == FAILED
    assert sign_in(world, name, "wrong-password") == FAILED
    assert sign_in(world, inactive) == FAILED


def test_lockout_is_counted_and_enforced_by_the_server(world):
    _, name = new_user(world)
    with as_admin(world.pg) as admin:
        attempts = scalar(admin, "SELECT max_failed_attempts FROM security_settings")
    for _ in range(attempts - 1):
        assert sign_in(world, name, "wrong-password")[0] == "failed"
    locked = sign_in(world, name, "wrong-password")
    assert locked[0] == "locked" and locked[1] >= 1 and locked[2] is None
    assert sign_in(world, name)[0] == "locked"  # the right password too, until the lock ends
    assert sign_in(world, name.upper())[0] == "locked"  # the name is counted whatever its case


def _lock_out(world, name: str) -> None:
    with as_admin(world.pg) as admin:
        attempts = scalar(admin, "SELECT max_failed_attempts FROM security_settings")
    for _ in range(attempts):
        sign_in(world, name, "wrong-password")
    assert sign_in(world, name)[0] == "locked"


@pytest.mark.parametrize("who", NOT_ADMIN)
def test_only_an_admin_sees_and_lifts_a_lockout(world, who):
    user_id, name = new_user(world)
    _lock_out(world, name)
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        assert conn.execute("SELECT * FROM erp_user_locks()").fetchall() == []
        refused(conn, "SELECT erp_unlock_user(%s)", [user_id])
    assert sign_in(world, name)[0] == "locked"
    with desktop_connect(world.pg, autocommit=True) as conn, conn.transaction():
        use_token(conn, world.a.admin.token)
        assert user_id in [row[0] for row in conn.execute("SELECT * FROM erp_user_locks()")]
        conn.execute("SELECT erp_unlock_user(%s)", [user_id])
    assert sign_in(world, name)[0] == "ok"


def test_a_password_reset_lifts_the_lockout(world):
    user_id, name = new_user(world)
    _lock_out(world, name)
    with desktop_connect(world.pg, autocommit=True) as conn, conn.transaction():
        use_token(conn, world.a.admin.token)
        conn.execute("SELECT erp_reset_password(%s, 'a-new-temporary-1')", [user_id])
    assert sign_in(world, name, "a-new-temporary-1")[0] == "ok"


def test_an_old_cost_hash_is_rehashed_at_the_plants_cost_on_success(world):
    user_id, name = new_user(world)  # cost 4
    with settings(world, password_hash_cost=5):
        assert sign_in(world, name, "wrong-password")[0] == "failed"
        assert hash_of(world, user_id).startswith("$2b$04$")  # not on a failure
        assert sign_in(world, name)[0] == "ok"
        rehashed = hash_of(world, user_id)
        assert rehashed.startswith("$2a$05$")
        assert bcrypt.checkpw(PASSWORD.encode(), rehashed.encode())  # the Python side still reads it
        assert sign_in(world, name)[0] == "ok"
        assert hash_of(world, user_id) == rehashed  # at the plant's cost now: left alone


def _median_sign_in_seconds(world, names_and_passwords, rounds: int) -> list[float]:
    timings = [[] for _ in names_and_passwords]
    with desktop_connect(world.pg, autocommit=True) as conn:
        for _ in range(rounds):  # interleaved, so a busy moment of the machine hits every kind alike
            for i, (name, password) in enumerate(names_and_passwords):
                start = time.perf_counter()
                conn.execute("SELECT outcome FROM erp_sign_in(%s, %s, 'timing')", [name, password]).fetchone()
                timings[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in timings]


def test_unknown_and_known_names_cost_about_the_same_time(world):
    cost = 8
    _, low_cost = new_user(world)  # a Python hash of cost 4: the server adds the missing work
    _, plant_cost = new_user(world, password_hash=bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(cost)).decode())
    with settings(world, password_hash_cost=cost, max_failed_attempts=100):
        unknown, known_low, known_plant, right = _median_sign_in_seconds(
            world, [(f"nobody_{uuid.uuid4().hex[:8]}", "wrong-password"), (low_cost, "wrong-password"),
                    (plant_cost, "wrong-password"), (plant_cost, PASSWORD)], rounds=7)
    print("sign-in medians (s):", unknown, known_low, known_plant, right)
    for known in (known_low, known_plant, right):
        assert 0.6 <= unknown / known <= 1.6, (unknown, known_low, known_plant, right)


# --------------------------------------------------------------------------- 5. secrets, users, sessions


@pytest.mark.parametrize("who", ALL_ROLES)
def test_hashes_and_the_throttle_are_unreadable(world, who):
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        refused(conn, "SELECT password_hash FROM users")
        refused(conn, "SELECT * FROM users")
        refused(conn, "SELECT count(*) FROM users WHERE password_hash LIKE '$2%%'")
        refused(conn, "SELECT * FROM sign_in_throttle")
        refused(conn, "SELECT count(*) FROM sign_in_throttle")
        assert scalar(conn, "SELECT count(*) FROM users") > 0  # the other columns: the users view


@pytest.mark.parametrize("who", ALL_ROLES)
def test_users_sessions_and_throttle_are_not_writable_by_sql(world, who):
    me = getattr(world.a, who)
    hash_ = bcrypt.hashpw(b"mallory-pass-1", bcrypt.gensalt(4)).decode()
    with as_desktop(world.pg, me.token) as conn:
        refused(conn, "UPDATE users SET role = 'admin' WHERE id = %s", [me.user_id])
        refused(conn, "UPDATE users SET password_hash = %s WHERE role = 'admin'", [hash_])
        refused(conn, "UPDATE users SET must_change_password = false")
        refused(conn, "INSERT INTO users (org_id, username, full_name, role, password_hash, is_active, "
                      "must_change_password, created_at, version) VALUES (%s, 'mallory', '', 'admin', %s, true, false, "
                      "now(), 1)", [me.org_id, hash_])
        refused(conn, "DELETE FROM users WHERE id <> %s", [me.user_id])
        refused(conn, "UPDATE user_sessions SET ended_at = NULL, end_reason = NULL")
        refused(conn, "UPDATE user_sessions SET expires_at = expires_at + interval '1 year'")
        refused(conn, "INSERT INTO user_sessions (org_id, user_id, host, started_at, last_seen_at, token_hash, "
                      "expires_at) VALUES (%s, %s, 'x', now(), now(), sha256('mine'), now() + interval '1 day')",
                [me.org_id, me.user_id])
        refused(conn, "DELETE FROM user_sessions")
        refused(conn, "DELETE FROM sign_in_throttle")
        refused(conn, "UPDATE sign_in_throttle SET failed_attempts = 0, locked_until = NULL")
        refused(conn, "INSERT INTO sign_in_throttle (username, failed_attempts) VALUES ('admin', -1000)")
        refused(conn, "UPDATE organizations SET name = 'Mine'")


@pytest.mark.parametrize("who", NOT_ADMIN)
def test_only_an_admin_manages_users_and_sessions_through_the_servers_functions(world, who):
    me, admin = getattr(world.a, who), world.a.admin
    with as_admin(world.pg) as su:
        my_version = scalar(su, "SELECT version FROM users WHERE id = %s", [me.user_id])
        admin_version = scalar(su, "SELECT version FROM users WHERE id = %s", [admin.user_id])
    with as_desktop(world.pg, me.token) as conn:
        refused(conn, "SELECT erp_update_user(%s, %s, NULL, 'admin')", [me.user_id, my_version])  # promote myself
        refused(conn, "SELECT erp_create_user('mallory', 'Mallory', 'admin', 'mallory-pass-1')")
        refused(conn, "SELECT erp_reset_password(%s, 'mallory-pass-1')", [admin.user_id])
        refused(conn, "SELECT erp_set_user_active(%s, %s, false)", [admin.user_id, admin_version])
        refused(conn, "SELECT erp_end_session(%s, 'because')", [admin.session_id])
        refused(conn, "SELECT erp_unlock_user(%s)", [me.user_id])  # lift my own lock
        refused(conn, "SELECT erp_update_security_settings(1, 100, 1, 480, 8)")


def test_an_admin_of_another_organisation_cannot_touch_this_ones_users(world):
    victim = world.a.operator
    with as_admin(world.pg) as su:
        version = scalar(su, "SELECT version FROM users WHERE id = %s", [victim.user_id])
    with as_desktop(world.pg, world.b.admin.token) as conn:
        refused(conn, "SELECT erp_update_user(%s, %s, NULL, 'viewer')", [victim.user_id, version], sqlstate="ERPNF")
        refused(conn, "SELECT erp_reset_password(%s, 'mallory-pass-1')", [victim.user_id], sqlstate="ERPNF")
        refused(conn, "SELECT erp_set_user_active(%s, %s, false)", [victim.user_id, version], sqlstate="ERPNF")
        refused(conn, "SELECT erp_end_session(%s, 'because')", [world.a.admin.session_id], sqlstate="ERPNF")
        refused(conn, "SELECT erp_unlock_user(%s)", [victim.user_id], sqlstate="ERPNF")
        assert conn.execute("SELECT * FROM erp_user_locks()").fetchall() == []


def test_a_session_that_must_change_its_password_can_do_nothing_else(world):
    user_id, name = new_user(world)
    before_reset = sign_in(world, name)[2]
    with desktop_connect(world.pg, autocommit=True) as conn, conn.transaction():
        use_token(conn, world.a.admin.token)
        conn.execute("SELECT erp_reset_password(%s, 'temporary-pass-1')", [user_id])
    row = sign_in(world, name, "temporary-pass-1")
    assert row[0] == "ok" and row[9] is True
    for token in (row[2], before_reset):  # the new session, and one opened before the reset
        with as_desktop(world.pg) as conn:
            refused(conn, "SELECT * FROM erp_begin(%s)", [token], sqlstate=PASSWORD_CHANGE)
        with as_desktop(world.pg, token) as conn:
            refused(conn, "SELECT count(*) FROM parts", sqlstate=PASSWORD_CHANGE)
            refused(conn, "SELECT erp_org()", sqlstate=PASSWORD_CHANGE)
            refused(conn, "INSERT INTO task_reads (task_id, user_id, read_at) VALUES (%s, %s, now())",
                    [world.a.data.task.id, user_id], sqlstate=PASSWORD_CHANGE)
            refused(conn, "SELECT erp_update_user(%s, 1, NULL, NULL)", [user_id], sqlstate=PASSWORD_CHANGE)
        with desktop_connect(world.pg, autocommit=True) as conn:  # the issue checks the token itself (0010)
            shop = world.a.data.shop
            refused(conn, ISSUE_CALL, [token, shop.steel.id, shop.main.id, Decimal("1")], sqlstate=PASSWORD_CHANGE)
    with desktop_connect(world.pg, autocommit=True) as conn:
        conn.execute("SELECT erp_change_own_password(%s, 'temporary-pass-1', 'my-own-pass-1')", [row[2]])
    with as_desktop(world.pg) as conn:
        assert conn.execute("SELECT user_id FROM erp_begin(%s)", [row[2]]).fetchone() == (user_id,)
        assert scalar(conn, "SELECT count(*) FROM parts") > 0


# --------------------------------------------------------------------------- 12. plant security settings


@pytest.mark.parametrize("who", ALL_ROLES)
def test_security_settings_cannot_be_written_by_sql(world, who):
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        refused(conn, "UPDATE security_settings SET max_failed_attempts = 100, password_hash_cost = 4")
        refused(conn, "DELETE FROM security_settings")
        refused(conn, "INSERT INTO security_settings VALUES (2, 100, 1, 480, 8, 4, 168, 1)")
        refused(conn, "DELETE FROM erp_permissions")
        refused(conn, "INSERT INTO erp_permissions (role, op) VALUES ('viewer', 'manage_users')")


def test_an_admin_changes_the_lockout_through_the_server_and_it_holds_at_the_next_sign_in(world):
    _, name = new_user(world)
    with as_admin(world.pg) as su:
        saved = su.execute("SELECT max_failed_attempts, lockout_minutes, idle_lock_minutes, min_password_length "
                           "FROM security_settings").fetchone()
    try:
        with desktop_connect(world.pg, autocommit=True) as conn, conn.transaction():
            use_token(conn, world.a.admin.token)
            version = scalar(conn, "SELECT version FROM security_settings")
            assert scalar(conn, "SELECT erp_update_security_settings(%s, 2, 30, 15, 8)", [version]) == version + 1
        assert sign_in(world, name, "wrong-password")[0] == "failed"
        assert sign_in(world, name, "wrong-password")[:2] == ("locked", 30)
    finally:
        with as_admin(world.pg) as su:
            su.execute("UPDATE security_settings SET max_failed_attempts = %s, lockout_minutes = %s, "
                       "idle_lock_minutes = %s, min_password_length = %s", list(saved))
