"""Issue 11 points 6 and 7: row-level security ENABLEd and FORCEd on every table, policies calling their functions
once per statement; no row of another organisation read, inserted, updated or deleted; a viewer writes nothing,
only stock roles write stock, the acting-user columns name the signed-in user; the server's permission matrix is
domain/roles.PERMISSIONS exactly."""

from __future__ import annotations

import json
import re

import pytest

from erp_desktop.db.models import Base
from erp_desktop.db.security import CHILD_TABLES, SHARED_TABLES
from erp_desktop.domain.roles import PERMISSIONS, Op, Role
from erp_desktop.domain.server_rights import (
    ACTING_USER_COLUMNS,
    CHANGE_WRITERS,
    OWN_ROWS,
    STOCK_WRITE_OPS,
    TABLE_WRITERS,
)
from tests.security.helpers import (
    PRIVILEGE,
    as_admin,
    as_desktop,
    outcome,
    refused,
    scalar,
    writes_nothing,
)

pytestmark = pytest.mark.pg_only

SHARED = set(SHARED_TABLES)  # server copies and settings: every desktop reads them, only the owner writes
TABLES = sorted(t.name for t in Base.metadata.sorted_tables if t.name not in SHARED)
KEYS = {t.name: [c.name for c in t.primary_key.columns] for t in Base.metadata.sorted_tables}
STOCK_TABLES = ("lots", "stock_positions", "stock_documents", "stock_movements", "reservations", "reservation_lines",
                "products", "warehouses", "suppliers", "purchase_orders", "purchase_order_lines", "purchase_receipts",
                "supplier_products")
ORG_TABLES = [t for t in TABLES if t != "sign_in_throttle"]  # the throttle: nobody reads or writes it (test_accounts)
NO_STOCK_ROLES = [r.value for r in Role if not PERMISSIONS[r] & STOCK_WRITE_OPS]
ATTACKERS = ("admin", "viewer", "operator", "supply")


def _owned_by(table: str) -> str:
    """SQL condition: the row belongs to organisation %(org)s."""
    if table == "organizations":
        return "t.id = %(org)s"
    if table in CHILD_TABLES:
        parent, column = CHILD_TABLES[table]
        return f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = t.{column} AND p.org_id = %(org)s)"
    return "t.org_id = %(org)s"


def _keys_sql(table: str) -> str:
    return f"SELECT {', '.join('t.' + k for k in KEYS[table])} FROM {table} t"


def keys_of(world, plant) -> dict[str, set]:
    """The keys of ``plant``'s rows, table by table (looked up behind the desktops' back)."""
    with as_admin(world.pg) as admin:
        return {table: set(admin.execute(f"{_keys_sql(table)} WHERE {_owned_by(table)}",
                                         {"org": plant.org_id}).fetchall()) for table in ORG_TABLES}


def _key_match(table: str) -> str:
    """SQL condition: the row's key is one of %(keys)s (a JSON array of key arrays)."""
    columns = KEYS[table]
    return (f"({', '.join(columns)}) IN (SELECT {', '.join(f'(k->>{i})::bigint' for i in range(len(columns)))} "
            f"FROM json_array_elements(%(keys)s::json) k)")


def row_copy(admin, table: str, plant, **changes) -> str:
    """One of ``plant``'s rows of ``table`` as JSON (read through ``admin``), with a new key and ``changes``:
    the INSERT an attacker would send."""
    row = scalar(admin, f"SELECT row_to_json(t) FROM {table} t WHERE {_owned_by(table)} LIMIT 1",
                 {"org": plant.org_id})
    if "id" in row:
        row["id"] = scalar(admin, "SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
    if table == "tasks":  # a new task starts open (the server refuses any other first status)
        row["status"] = "open"
    row.update(changes)
    return json.dumps(row, default=str)


def insert_copy(table: str) -> str:
    return f"INSERT INTO {table} SELECT * FROM json_populate_record(NULL::{table}, %s::json)"


# --------------------------------------------------------------------------- 6. row-level security


def test_every_table_has_row_level_security_enabled_and_forced(world):
    with as_admin(world.pg) as admin:
        flags = dict((name, (enabled, forced)) for name, enabled, forced in admin.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'").fetchall())
    assert {table: flags[table] for table in TABLES} == {table: (True, True) for table in TABLES}


def test_policies_call_their_functions_once_per_statement(world):
    with as_admin(world.pg) as admin:
        policies = admin.execute("SELECT tablename, policyname, coalesce(qual, ''), coalesce(with_check, ''), "
                                 "roles::text[] FROM pg_policies WHERE schemaname = 'public'").fetchall()
        owner = admin.execute("SELECT pg_get_userbyid(relowner) FROM pg_class "
                              "WHERE oid = 'public.users'::regclass").fetchone()[0]
    assert {table for table, *_ in policies} == set(TABLES)
    # the owner's own policy lets it through everywhere; every other policy is the desktops' login's alone
    assert {table for table, name, *_ in policies if name == "erp_owner"} == set(TABLES)
    for table, name, qual, check, roles in policies:
        if name == "erp_owner":
            assert (roles, qual, check) == ([owner], "true", "true"), table
            continue
        assert len(roles) == 1 and roles[0].endswith("_desktop") and roles[0] != "public", f"{table}.{name}"
        for text in (qual, check):
            for call in re.finditer(r"\berp_\w+\(", text):
                assert re.search(r"SELECT\s+$", text[:call.start()]), f"{table}.{name} calls {call.group()} per row"
        # a child's scope is its parent's, through the parent's own policy
        scoped_by_parent = table in CHILD_TABLES and name == "erp_org_scope"
        assert scoped_by_parent or "SELECT erp_" in qual + check, f"{table}.{name}"
        assert "erp_is_owner" not in qual + check, f"{table}.{name}"


def test_a_login_neither_the_owner_nor_the_desktops_gets_no_policy_and_no_rows(world):
    """The policies name their roles: one more login, even granted a table, reads and writes nothing."""
    with as_admin(world.pg, autocommit=False) as admin:  # rolled back: the role too
        admin.execute("CREATE ROLE erp_test_stranger")
        admin.execute("GRANT USAGE ON SCHEMA public TO erp_test_stranger")
        for table in ORG_TABLES:
            admin.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO erp_test_stranger")
        admin.execute("SET ROLE erp_test_stranger")
        for table in ORG_TABLES:
            assert scalar(admin, f"SELECT count(*) FROM {table}") == 0, table
            assert admin.execute(f"UPDATE {table} SET {KEYS[table][0]} = {KEYS[table][0]}").rowcount == 0, table
        admin.rollback()


@pytest.mark.parametrize("who", ATTACKERS)
def test_a_user_sees_exactly_their_own_organisations_rows(world, who):
    a, b = world.a, world.b
    ours_of, theirs_of = keys_of(world, a), keys_of(world, b)
    with as_desktop(world.pg, getattr(a, who).token) as conn:
        for table in ORG_TABLES:
            if table == "audit_log" and Op.VIEW_AUDIT not in PERMISSIONS[Role(who)]:
                assert scalar(conn, "SELECT count(*) FROM audit_log") == 0
                continue
            visible = set(conn.execute(_keys_sql(table)).fetchall())
            ours = ours_of[table]
            if table in OWN_ROWS:  # a user's own state (read marks): only their own rows
                ours = {key for key in ours if key[KEYS[table].index(OWN_ROWS[table])] == getattr(a, who).user_id}
            assert visible == ours, table
            assert not visible & theirs_of[table], table


@pytest.mark.parametrize("who", ATTACKERS)
def test_no_row_of_another_organisation_can_be_updated_or_deleted(world, who):
    a, b = world.a, world.b
    theirs_of = keys_of(world, b)
    with as_desktop(world.pg, getattr(a, who).token) as conn, as_desktop(world.pg, b.admin.token) as own_admin:
        for table in ORG_TABLES:
            theirs = json.dumps(sorted(theirs_of[table]))
            assert theirs != "[]", table
            no_op = f"UPDATE {table} SET {KEYS[table][0]} = {KEYS[table][0]} WHERE {_key_match(table)}"
            writes_nothing(conn, no_op, {"keys": theirs})
            writes_nothing(conn, f"DELETE FROM {table} WHERE {_key_match(table)}", {"keys": theirs})
            if table in TABLE_WRITERS:  # the same statement by their own admin does change rows
                assert outcome(own_admin, no_op, {"keys": theirs}) > 0, table


@pytest.mark.parametrize("who", ATTACKERS)
def test_no_row_can_be_inserted_into_another_organisation(world, who):
    me, b = getattr(world.a, who), world.b
    with as_admin(world.pg) as admin, as_desktop(world.pg, me.token) as conn:
        for table in ORG_TABLES:
            changes = {}
            if table in ACTING_USER_COLUMNS:
                changes[ACTING_USER_COLUMNS[table]] = me.user_id  # only the organisation is wrong
            if table in OWN_ROWS:
                changes[OWN_ROWS[table]] = me.user_id
            refused(conn, insert_copy(table), [row_copy(admin, table, b, **changes)])


# --------------------------------------------------------------------------- 7. who writes what


def test_the_servers_permission_matrix_is_the_domains_exactly(world):
    with as_desktop(world.pg, world.a.viewer.token) as conn:
        server = set(conn.execute("SELECT role, op FROM erp_permissions").fetchall())
    assert server == {(role.value, op.value) for role, ops in PERMISSIONS.items() for op in ops}


def test_the_servers_task_transition_table_is_the_domains_exactly_and_no_desktop_writes_it(world):
    from erp_desktop.domain.tasks import TRANSITIONS

    with as_desktop(world.pg, world.a.admin.token) as conn:
        server = set(conn.execute("SELECT move, source, target, who, comment_required FROM erp_task_transitions"))
        refused(conn, "DELETE FROM erp_task_transitions")
        refused(conn, "UPDATE erp_task_transitions SET who = 'creator'")
        refused(conn, "INSERT INTO erp_task_transitions VALUES ('approve', 'open', 'done', 'creator', false)")
    assert server == {(t.move.value, source.value, t.target.value, t.who.value, t.comment_required)
                      for t in TRANSITIONS.values() for source in t.sources}


def test_only_an_editor_names_another_assignee_of_an_unfinished_task(world):
    """domain/tasks.may_edit on the server: the creator, a reviewer role or an admin may reassign; the assignee
    (an operator) only accepts."""
    task_id, master_id = world.a.data.task.id, world.a.master.user_id
    sql = "UPDATE tasks SET assignee_user_id = %s, version = version + 1 WHERE id = %s"
    with as_desktop(world.pg, world.a.operator.token) as conn:
        refused(conn, sql, [master_id, task_id])
    for editor in (world.a.master, world.a.admin):  # its creator; an administrator
        with as_desktop(world.pg, editor.token) as conn:
            assert outcome(conn, sql, [master_id, task_id]) == 1  # rolled back with the connection


def _cannot_write(world, admin, conn, me, table: str, ours_of: dict[str, set]) -> None:
    refused(conn, insert_copy(table), [row_copy(admin, table, world.a, **(
        {ACTING_USER_COLUMNS[table]: me.user_id} if table in ACTING_USER_COLUMNS else {}))])
    ours = json.dumps(sorted(ours_of[table]))
    writes_nothing(conn, f"UPDATE {table} SET {KEYS[table][0]} = {KEYS[table][0]} WHERE {_key_match(table)}",
                   {"keys": ours})
    writes_nothing(conn, f"DELETE FROM {table} WHERE {_key_match(table)}", {"keys": ours})


def test_a_viewer_writes_nothing(world):
    me, ours_of = world.a.viewer, keys_of(world, world.a)
    with as_admin(world.pg) as admin, as_desktop(world.pg, me.token) as conn:
        for table in ORG_TABLES:
            if table in OWN_ROWS:  # the viewer's own read marks are theirs to write ...
                refused(conn, insert_copy(table), [row_copy(admin, table, world.a, user_id=world.a.admin.user_id)])
                continue  # ... and nobody else's
            _cannot_write(world, admin, conn, me, table, ours_of)
        refused(conn, "SELECT erp_update_user(%s, 1, 'Viewer', 'admin')", [me.user_id])


@pytest.mark.parametrize("who", NO_STOCK_ROLES)
def test_only_stock_roles_write_stock(world, who):
    me, ours_of = getattr(world.a, who), keys_of(world, world.a)
    with as_admin(world.pg) as admin, as_desktop(world.pg, me.token) as conn:
        for table in STOCK_TABLES:
            _cannot_write(world, admin, conn, me, table, ours_of)
        writes_nothing(conn, "UPDATE lots SET on_hand = on_hand + 1000")
        writes_nothing(conn, "UPDATE lots SET quality = 'APPROVED'")


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_who_may_update_each_table_is_the_domains_rule(world, role):
    """For every table the server lets a role change its organisation's rows exactly when one of the role's
    operations implies changing that table (domain/server_rights.TABLE_WRITERS, narrowed by CHANGE_WRITERS)."""
    me, ours_of = getattr(world.a, role), keys_of(world, world.a)
    with as_desktop(world.pg, me.token) as conn:
        for table, writers in TABLE_WRITERS.items():
            ours = json.dumps(sorted(ours_of[table]))
            changed = outcome(conn, f"UPDATE {table} SET {KEYS[table][0]} = {KEYS[table][0]} "
                                    f"WHERE {_key_match(table)}", {"keys": ours})
            may = bool(PERMISSIONS[Role(role)] & CHANGE_WRITERS.get(table, writers))
            assert (changed not in (0, PRIVILEGE)) == may, (table, changed)


# the role that may insert into the table, for each acting-user column
_ACTING_WRITER = {"stage_facts": "operator", "tasks": "master", "task_events": "master", "task_comments": "operator",
                  "stock_documents": "supply", "stock_movements": "supply", "audit_log": "operator",
                  "purchase_orders": "supply", "purchase_order_events": "supply", "purchase_receipts": "supply"}


@pytest.mark.parametrize("table", sorted(ACTING_USER_COLUMNS))
def test_a_row_naming_someone_else_as_its_acting_user_is_refused(world, table):
    me = getattr(world.a, _ACTING_WRITER[table])
    column = ACTING_USER_COLUMNS[table]
    extra = {"number": "FORGED-1"} if table in ("stock_documents", "purchase_orders") else {}
    if table == "purchase_receipts":  # a lot is received once and returned once: a copy needs a new lot
        extra = {"lot_id": world.a.data.lot_id}
    if table == "stock_movements":  # a receipt as a receiving clerk may write it: PENDING (test_journal.py)
        extra = {"quality_to": "PENDING"}
    with as_admin(world.pg) as admin, as_desktop(world.pg, me.token) as conn:
        for someone_else in (world.a.admin, world.a.master if me is not world.a.master else world.a.manager):
            refused(conn, insert_copy(table), [row_copy(admin, table, world.a, **{column: someone_else.user_id},
                                                        **extra)])
        # the same row naming the signed-in user goes in: the refusal was the acting user's
        assert outcome(conn, insert_copy(table), [row_copy(admin, table, world.a, **{column: me.user_id}, **extra)]) == 1


@pytest.mark.parametrize("who", ["operator", "qc"])
def test_who_records_facts_cannot_correct_or_remove_them(world, who):
    """Facts are corrected or removed by a master or an admin (SPEC): an operator, or a QC inspector, who may
    record facts cannot rewrite the shift journal by SQL (their own facts or anyone's)."""
    fact = world.a.data.fact.id
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        writes_nothing(conn, "UPDATE stage_facts SET qty_good = 999 WHERE id = %s", [fact])
        writes_nothing(conn, "UPDATE stage_facts SET created_by = %s WHERE id = %s", [world.a.master.user_id, fact])
        writes_nothing(conn, "DELETE FROM stage_facts WHERE id = %s", [fact])
        assert scalar(conn, "SELECT qty_good FROM stage_facts WHERE id = %s", [fact]) == 5
    with as_desktop(world.pg, world.a.master.token) as conn:
        assert outcome(conn, "UPDATE stage_facts SET qty_good = 999 WHERE id = %s", [fact]) == 1


QUALITY_ROLES = [r.value for r in Role if Op.CHANGE_QUALITY in PERMISSIONS[r]]
STOCK_ROLES_WITHOUT_QUALITY = [r.value for r in Role
                               if PERMISSIONS[r] & STOCK_WRITE_OPS and Op.CHANGE_QUALITY not in PERMISSIONS[r]]


@pytest.mark.parametrize("who", STOCK_ROLES_WITHOUT_QUALITY)
def test_only_a_quality_inspector_sets_a_lots_quality(world, who):
    lot = world.a.data.lot_id
    with as_admin(world.pg) as admin, as_desktop(world.pg, getattr(world.a, who).token) as conn:
        refused(conn, "UPDATE lots SET quality = 'REJECTED' WHERE id = %s", [lot])
        refused(conn, "UPDATE lots SET quality = 'PENDING'")
        refused(conn, insert_copy("lots"), [row_copy(admin, "lots", world.a, quality="APPROVED", source_lot_id=None,
                                                     lot_number="FORGED")])
        # a lot that starts PENDING, or a slice keeping its source lot's quality (a transfer), is theirs to write
        assert outcome(conn, insert_copy("lots"), [row_copy(admin, "lots", world.a, quality="PENDING",
                                                            source_lot_id=None, lot_number="NEW")]) == 1
        assert outcome(conn, insert_copy("lots"), [row_copy(admin, "lots", world.a, quality="APPROVED",
                                                            source_lot_id=lot, lot_number="SLICE")]) == 1
    for inspector in QUALITY_ROLES:  # a lot's quality changes only through a quality movement (test_journal.py)
        with as_desktop(world.pg, getattr(world.a, inspector).token) as conn:
            refused(conn, "UPDATE lots SET quality = 'QUARANTINE' WHERE id = %s", [lot])


def test_facts_are_recorded_only_as_the_recorders_rules_allow(world):
    """An operator records facts of his own work on production stages; a QC inspector on QC stages; only a
    master (or admin) records someone else's work (services/production/facts.py's rule, held by the server for any SQL)."""
    a, line = world.a, world.a.data.line

    def fact(admin, stage, operator, me):  # entered by ``me`` (created_by): only the rule under test can refuse it
        return [row_copy(admin, "stage_facts", a, stage_id=stage.id, operator_id=operator.user_id,
                         created_by=me.user_id)]

    with as_admin(world.pg) as admin:
        with as_desktop(world.pg, a.operator.token) as conn:
            refused(conn, insert_copy("stage_facts"), fact(admin, line.machining, a.master, a.operator))  # someone else's work
            refused(conn, insert_copy("stage_facts"), fact(admin, line.qc, a.operator, a.operator))  # a QC stage
            refused(conn, insert_copy("stage_facts"), fact(admin, world.b.data.line.machining, a.operator, a.operator))
            assert outcome(conn, insert_copy("stage_facts"), fact(admin, line.machining, a.operator, a.operator)) == 1
        with as_desktop(world.pg, a.qc.token) as conn:
            refused(conn, insert_copy("stage_facts"), fact(admin, line.machining, a.qc, a.qc))  # not a QC stage
            refused(conn, insert_copy("stage_facts"), fact(admin, line.qc, a.operator, a.qc))  # someone else's work
            assert outcome(conn, insert_copy("stage_facts"), fact(admin, line.qc, a.qc, a.qc)) == 1
        with as_desktop(world.pg, a.master.token) as conn:
            assert outcome(conn, insert_copy("stage_facts"), fact(admin, line.machining, a.operator, a.master)) == 1
            assert outcome(conn, insert_copy("stage_facts"), fact(admin, line.qc, a.operator, a.master)) == 1
