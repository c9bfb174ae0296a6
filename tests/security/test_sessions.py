"""Issue 11 points 2 and 3: without a valid session the desktops' login can only sign in (and read the schema
revision); a session is a random token the server keeps only hashed, identity comes from it on every statement,
and an ended or expired session stops at the next statement of a transaction already open."""

from __future__ import annotations

import hashlib
import re
import secrets
from decimal import Decimal

import psycopg
import pytest

from erp_desktop.db.models import Base
from erp_desktop.db.security import SHARED_TABLES
from tests.factories import PASSWORD
from tests.security.helpers import (
    ISSUE_CALL,
    PRIVILEGE,
    SESSION_ENDED,
    SESSION_ROLES,
    as_admin,
    as_desktop,
    desktop_connect,
    refused,
    scalar,
    use_token,
)

pytestmark = pytest.mark.pg_only

# not organisation data: the desktop reads them before anyone signs in (the schema revision for "upgrade
# needed", the sign-in policy, the permission matrix); written only by the owner
READABLE_WITHOUT_SESSION = set(SHARED_TABLES)  # the schema revision, the rules' server copies, sign-in settings
BUSINESS_TABLES = sorted(t.name for t in Base.metadata.sorted_tables if t.name not in READABLE_WITHOUT_SESSION)

_ISSUE = ISSUE_CALL


def sign_in(conn, username: str, password: str = PASSWORD):
    return conn.execute("SELECT outcome, token, session_id, user_id, org_id, role FROM erp_sign_in(%s, %s, 'attacker')",
                        [username, password]).fetchone()


def fresh_session(world, username: str):
    """A session of its own (committed), so ending it leaves the world's sessions alone."""
    with desktop_connect(world.pg, autocommit=True) as conn:
        row = sign_in(conn, username)
    assert row[0] == "ok", row
    return row


def test_every_table_has_rows_for_the_policies_to_hide(world):
    with as_admin(world.pg) as admin:
        empty = [t for t in BUSINESS_TABLES if scalar(admin, f"SELECT count(*) FROM {t}") == 0]
    assert empty == []


@pytest.mark.parametrize("token", [None, "", "not-a-token", secrets.token_hex(32)],
                         ids=["no token", "empty", "garbage", "forged"])
def test_without_a_valid_session_no_business_table_can_be_read(world, token):
    with as_desktop(world.pg, token) as conn:
        for table in BUSINESS_TABLES:
            expected = PRIVILEGE if table == "sign_in_throttle" else SESSION_ENDED
            refused(conn, f"SELECT count(*) FROM {table}", sqlstate=expected)
        refused(conn, "SELECT erp_org()", sqlstate=SESSION_ENDED)
        refused(conn, "SELECT * FROM erp_begin(%s)", [token], sqlstate=SESSION_ENDED)


def test_without_a_session_only_sign_in_and_the_shared_tables_work(world):
    with as_desktop(world.pg) as conn:
        assert scalar(conn, "SELECT version_num FROM alembic_version")
        assert scalar(conn, "SELECT count(*) FROM erp_permissions") > 0
        assert scalar(conn, "SELECT max_failed_attempts FROM security_settings") > 0
        outcome, token, *_ = sign_in(conn, "a_viewer")
        assert outcome == "ok" and token
    with as_desktop(world.pg) as conn:
        readable = set()
        for table in ["alembic_version", *(t.name for t in Base.metadata.sorted_tables)]:
            try:
                with conn.transaction():
                    conn.execute(f"SELECT * FROM {table} LIMIT 1")
                readable.add(table)
            except psycopg.Error:
                pass
        assert readable == READABLE_WITHOUT_SESSION


def test_without_a_session_nothing_can_be_written_or_called(world):
    a = world.a
    with as_desktop(world.pg) as conn:
        refused(conn, "INSERT INTO parts (org_id, code, name, customer, planned_qty, ready_qty, priority, status, "
                      "created_at, updated_at, version) VALUES (%s, 'X', 'X', '', 1, 0, 0, 'planned', now(), now(), 1)",
                [a.org_id], sqlstate=(SESSION_ENDED, PRIVILEGE))
        refused(conn, "UPDATE lots SET on_hand = on_hand + 1000", sqlstate=(SESSION_ENDED, PRIVILEGE))
        refused(conn, "DELETE FROM tasks", sqlstate=(SESSION_ENDED, PRIVILEGE))
        refused(conn, "SELECT erp_create_user('mallory', '', 'admin', 'long-password-1')", sqlstate=SESSION_ENDED)
        refused(conn, "SELECT erp_end_session(%s, 'because')", [a.admin.session_id], sqlstate=SESSION_ENDED)
        refused(conn, "SELECT erp_update_security_settings(1, 100, 1, 480, 8)", sqlstate=SESSION_ENDED)
        refused(conn, "SELECT erp_create_first_admin('mallory', '', 'long-password-1', 'Mine')", sqlstate=PRIVILEGE)
        refused(conn, _ISSUE, [None, a.data.shop.steel.id, a.data.shop.main.id, Decimal("1")], sqlstate=SESSION_ENDED)


def test_a_token_is_random_256_bits_and_the_server_keeps_only_its_sha256(world):
    first, second = fresh_session(world, "a_operator"), fresh_session(world, "a_operator")
    for _, token, session_id, *_ in (first, second):
        assert re.fullmatch("[0-9a-f]{32,}", token)  # hex digits: 4 bits each, at least 128 bits
        with as_admin(world.pg) as admin:
            stored = scalar(admin, "SELECT token_hash FROM user_sessions WHERE id = %s", [session_id])
            assert bytes(stored) == hashlib.sha256(token.encode()).digest()
            for table in ("user_sessions", "audit_log", "users"):
                assert scalar(admin, f"SELECT count(*) FROM {table} t WHERE t::text LIKE %s", [f"%{token}%"]) == 0
    assert first[1] != second[1]


@pytest.mark.parametrize("who", [*SESSION_ROLES, "admin"])
def test_no_session_can_read_token_hashes(world, who):
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        refused(conn, "SELECT token_hash FROM user_sessions")
        refused(conn, "SELECT * FROM user_sessions")
        refused(conn, "SELECT count(*) FROM user_sessions WHERE token_hash IS NOT NULL")
        assert scalar(conn, "SELECT count(*) FROM user_sessions") > 0  # the other columns: the sessions view


@pytest.mark.parametrize("plant", ["a", "b"])
@pytest.mark.parametrize("who", SESSION_ROLES)
def test_organisation_user_and_role_come_from_the_token(world, plant, who):
    actor = getattr(getattr(world, plant), who)
    with as_desktop(world.pg, actor.token) as conn:
        assert conn.execute("SELECT erp_org(), erp_user()").fetchone() == (actor.org_id, actor.user_id)
        assert conn.execute("SELECT org_id, user_id, role FROM erp_begin(%s)", [actor.token]).fetchone() \
            == (actor.org_id, actor.user_id, who)
        # the caller's own settings name nothing the server believes
        conn.execute("SELECT set_config('erp.org', %s, true), set_config('erp.user', '1', true)",
                     [str(world.b.org_id if plant == "a" else world.a.org_id)])
        assert conn.execute("SELECT erp_org(), erp_user()").fetchone() == (actor.org_id, actor.user_id)


def _admin_ends(world, session_id: int) -> None:
    with desktop_connect(world.pg, autocommit=True) as conn, conn.transaction():
        use_token(conn, world.a.admin.token)
        conn.execute("SELECT erp_end_session(%s, 'because')", [session_id])


def _expires(world, session_id: int) -> None:
    with as_admin(world.pg) as admin:
        admin.execute("UPDATE user_sessions SET expires_at = now() AT TIME ZONE 'UTC' - interval '1 second' "
                      "WHERE id = %s", [session_id])


@pytest.mark.parametrize("how", [_admin_ends, _expires], ids=["ended by an admin", "expired"])
def test_an_ended_session_stops_at_the_next_statement_of_an_open_transaction(world, how):
    _, token, session_id, *_ = fresh_session(world, "a_supply")
    with desktop_connect(world.pg) as conn:
        conn.execute("SELECT * FROM erp_begin(%s)", [token])
        assert scalar(conn, "SELECT count(*) FROM lots") > 0
        how(world, session_id)
        refused(conn, "SELECT count(*) FROM lots", sqlstate=SESSION_ENDED)
        refused(conn, "UPDATE lots SET certificate = certificate", sqlstate=SESSION_ENDED)
        conn.rollback()
    shop = world.a.data.shop  # the issue procedure checks the token itself (migration 0010): the same answer
    with desktop_connect(world.pg, autocommit=True) as conn:
        refused(conn, _ISSUE, [token, shop.steel.id, shop.main.id, Decimal("1")], sqlstate=SESSION_ENDED)


@pytest.mark.parametrize("isolation", ["REPEATABLE READ", "SERIALIZABLE"])
def test_a_session_cannot_hide_in_a_snapshot_that_would_outlive_its_end(world, isolation):
    """A snapshot transaction would see the session as it was at its first statement for as long as it
    stays open, so an administrator could not end it: the server refuses such transactions to sessions."""
    token = world.a.supply.token
    with desktop_connect(world.pg) as conn:
        conn.execute(f"BEGIN ISOLATION LEVEL {isolation}")
        refused(conn, "SELECT * FROM erp_begin(%s)", [token])
        use_token(conn, token)
        refused(conn, "SELECT count(*) FROM lots")
        refused(conn, "SELECT erp_org()")
        shop = world.a.data.shop
        refused(conn, _ISSUE, [token, shop.steel.id, shop.main.id, Decimal("1")])
        conn.rollback()


def test_the_issue_procedure_refuses_a_forged_ended_or_missing_token(world):
    a, shop = world.a, world.a.data.shop
    _, ended, session_id, *_ = fresh_session(world, "a_supply")
    _admin_ends(world, session_id)
    with as_admin(world.pg) as admin:
        before = scalar(admin, "SELECT count(*) FROM stock_movements")
    for token in (None, secrets.token_hex(32), ended):
        with desktop_connect(world.pg, autocommit=True) as conn:
            refused(conn, _ISSUE, [token, shop.steel.id, shop.main.id, Decimal("1")], sqlstate=SESSION_ENDED)
    # a valid session without the right to issue gets nothing issued either
    for who in ("viewer", "operator"):
        with desktop_connect(world.pg, autocommit=True) as conn:
            document = conn.execute(_ISSUE, [getattr(a, who).token, shop.steel.id, shop.main.id,
                                             Decimal("1")]).fetchone()[0]
            assert document is None
    # nor does a clerk of another organisation, on this organisation's product
    with desktop_connect(world.pg, autocommit=True) as conn:
        assert conn.execute(_ISSUE, [world.b.supply.token, shop.steel.id, shop.main.id,
                                     Decimal("1")]).fetchone()[0] is None
    with as_admin(world.pg) as admin:
        assert scalar(admin, "SELECT count(*) FROM stock_movements") == before
