"""Issue 11 point 1: the desktops' login owns nothing and can create, alter, drop, disable or replace nothing;
the schema belongs to a NOLOGIN owner role whose only member is the migration login."""

from __future__ import annotations

import pytest

from erp_desktop.db.security import DESKTOP_FUNCTIONS, ISSUE_PROCEDURE
from tests.security.helpers import SESSION_ROLES, as_admin, as_desktop, desktop_connect, refused, scalar

pytestmark = pytest.mark.pg_only

WHO = (None, *SESSION_ROLES)  # no session, then a viewer's, an operator's and a supply clerk's

_ISSUE_WORK_NO_OP = """
CREATE OR REPLACE FUNCTION erp_issue_stock_work(
    p_token text, p_product bigint, p_warehouse bigint, p_qty numeric, p_part bigint, p_reason text,
    OUT r_document_id bigint, OUT r_document_number text, OUT r_at timestamp, OUT r_movement_ids bigint[],
    OUT r_lot_ids bigint[], OUT r_lot_numbers text[], OUT r_qtys numeric[], OUT r_unit_costs numeric[],
    OUT r_values numeric[], OUT r_sku text, OUT r_product_name text, OUT r_unit text, OUT r_warehouse_name text,
    OUT r_org integer, OUT r_user integer)
LANGUAGE plpgsql AS $$ BEGIN RETURN; END $$"""

# each refused with "permission denied" / "must be owner" (42501) whoever sends it
SCHEMA_ATTACKS = {
    "create table": "CREATE TABLE loot (secret text)",
    "create temp table": "CREATE TEMP TABLE loot (secret text)",
    "create table in pg_temp": "CREATE TABLE pg_temp.loot (secret text)",
    "create function": "CREATE FUNCTION erp_org() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "create function in pg_temp": "CREATE FUNCTION pg_temp.erp_org() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "create schema": "CREATE SCHEMA loot",
    "disable trigger": "ALTER TABLE stock_movements DISABLE TRIGGER ALL",
    "disable audit trigger": "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "drop trigger": "DROP TRIGGER stock_movements_append_only ON stock_movements",
    "create trigger": "CREATE TRIGGER loot BEFORE INSERT ON lots FOR EACH ROW EXECUTE FUNCTION erp_refuse_change()",
    "replace trigger function": "CREATE OR REPLACE FUNCTION erp_refuse_change() RETURNS trigger LANGUAGE plpgsql "
                                "AS $$ BEGIN RETURN NEW; END $$",
    "replace issue function": _ISSUE_WORK_NO_OP,
    "replace identity function": "CREATE OR REPLACE FUNCTION erp_is_owner() RETURNS boolean LANGUAGE sql "
                                 "STABLE AS 'SELECT true'",
    "drop issue procedure": "DROP PROCEDURE erp_issue_stock(text, bigint, bigint, numeric, bigint, text, text, "
                            "bigint, text, timestamp, bigint[], bigint[], text[], numeric[], numeric[], numeric[], "
                            "text, text, text, text, integer, integer)",
    "truncate audit log": "TRUNCATE audit_log",
    "truncate journal": "TRUNCATE stock_movements CASCADE",
    "drop schema": "DROP SCHEMA public CASCADE",
    "drop table": "DROP TABLE audit_log",
    "disable row level security": "ALTER TABLE parts DISABLE ROW LEVEL SECURITY",
    "no force row level security": "ALTER TABLE lots NO FORCE ROW LEVEL SECURITY",
    "drop policy": "DROP POLICY erp_org_scope ON parts",
    "create policy": "CREATE POLICY loot ON parts USING (true)",
    "drop constraint": "ALTER TABLE lots DROP CONSTRAINT IF EXISTS ck_lots_on_hand_not_negative",
    "read-only database": None,  # ALTER DATABASE <this one>: filled in with the database's name
    "set role to the owner": None,
    "set session authorization": "SET SESSION AUTHORIZATION postgres",
    "own a large object": "SELECT lo_create(0)",
    "own a large object (old call)": "SELECT lo_creat(-1)",
    "large object from bytes": "SELECT lo_from_bytea(0, 'loot'::bytea)",
}


def _attack_sql(name: str, pg) -> str:
    if name == "read-only database":
        return f'ALTER DATABASE "{pg.name}" SET default_transaction_read_only = on'
    if name == "set role to the owner":
        return f'SET ROLE "{pg.roles.owner}"'
    return SCHEMA_ATTACKS[name]


@pytest.mark.parametrize("who", WHO)
def test_desktop_login_cannot_create_alter_drop_or_replace_anything(world, who):
    token = getattr(world.a, who).token if who else None
    with as_desktop(world.pg, token) as conn:
        for name in SCHEMA_ATTACKS:
            refused(conn, _attack_sql(name, world.pg))


@pytest.mark.parametrize("who", WHO)
def test_desktop_cannot_end_or_cancel_another_desktops_connection(world, who):
    token = getattr(world.a, who).token if who else None
    with desktop_connect(world.pg, autocommit=True) as other:
        victim = scalar(other, "SELECT pg_backend_pid()")
        with as_desktop(world.pg, token) as conn:
            refused(conn, "SELECT pg_terminate_backend(%s)", [victim])
            refused(conn, "SELECT pg_cancel_backend(%s)", [victim])
        assert scalar(other, "SELECT 1") == 1  # still connected


def test_desktop_login_owns_nothing_and_is_member_of_nothing(world):
    roles = world.pg.roles
    with as_admin(world.pg) as admin:
        desktop_oid = scalar(admin, "SELECT oid FROM pg_roles WHERE rolname = %s", [roles.desktop])
        for catalog, column in (("pg_class", "relowner"), ("pg_proc", "proowner"), ("pg_namespace", "nspowner"),
                                ("pg_type", "typowner"), ("pg_largeobject_metadata", "lomowner"),
                                ("pg_database", "datdba"), ("pg_event_trigger", "evtowner")):
            owned = scalar(admin, f"SELECT count(*) FROM {catalog} WHERE {column} = %s", [desktop_oid])
            assert owned == 0, f"the desktops' login owns {owned} row(s) of {catalog}"
        flags = admin.execute("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication, rolinherit "
                              "FROM pg_roles WHERE oid = %s", [desktop_oid]).fetchone()
        assert flags == (False, False, False, False, False, False)
        assert scalar(admin, "SELECT count(*) FROM pg_auth_members WHERE member = %s", [desktop_oid]) == 0


def test_the_schema_belongs_to_a_nologin_owner_whose_member_is_the_migration_login(world):
    roles = world.pg.roles
    with as_admin(world.pg) as admin:
        assert scalar(admin, "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", [roles.owner]) is False
        assert scalar(admin, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'") \
            == roles.owner
        assert scalar(admin, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()") \
            == roles.owner
        strangers = admin.execute(
            "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> %s", [roles.owner]).fetchall()
        assert strangers == []
        functions = admin.execute(
            "SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> %s AND NOT EXISTS ("
            "SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')",
            [roles.owner]).fetchall()
        assert functions == []  # pgcrypto's functions belong to the extension (a trusted one: its owner is the
        # bootstrap superuser), not to the desktops' login
        members = admin.execute(
            "SELECT pg_get_userbyid(member) FROM pg_auth_members WHERE roleid = %s::regrole", [roles.owner]).fetchall()
        assert members == [(roles.migrator,)]
        assert scalar(admin, "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", [roles.migrator]) is True


def test_the_desktops_login_may_call_only_the_functions_meant_for_it(world):
    """Every other function of the schema (the audit and notification helpers, the trigger functions, the issue's
    work without its checks ...) is reached only through the owner's own functions, policies and triggers."""
    with as_admin(world.pg) as admin:
        callable_ = {row[0] for row in admin.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace "
            "AND has_function_privilege(%s, p.oid, 'EXECUTE') AND NOT EXISTS (SELECT 1 FROM pg_depend d "
            "WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')",
            [world.pg.roles.desktop]).fetchall()}
    expected = {*DESKTOP_FUNCTIONS, ISSUE_PROCEDURE}
    assert {_normalised(f) for f in callable_} == {_normalised(f) for f in expected}


def _normalised(signature: str) -> str:
    return signature.replace(" ", "").replace("timestampwithouttimezone", "timestamp")
