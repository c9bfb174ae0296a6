"""The stock issue's server time back near what it was before the server enforced security

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Same checks, same writes, same answers as 0009's erp_issue_stock_work and 0006's erp_issue_stock; fewer
statements, calls and settings per issue. Measured on the benchmark's plain issue (one lot taken), server CPU
per CALL interleaved call by call with the tree before issue 11 (see the commit message for the figures):
- The session, the right to issue and the position in one statement. 0009 checked the session in a PL/pgSQL
  call with a statement of its own (erp_checked_session) and the permission in another statement, each with
  its executor set up and torn down, before the position's. The position's statement now reads the session
  from erp_live_session() (db/security.py: the one definition of a live session, a SQL table function the
  planner inlines) and the permission as a sub-select. When it finds no row, erp_checked_session(false) says
  why by raising as before (an ended or expired session, a password to change, a snapshot transaction) and
  otherwise the Python path words the refusal (no right, no position, an unknown part, a quantity <= 0).
- The work function carries only the SET it needs for safety (search_path). Its plan_cache_mode SET made
  every call save, set and restore a second setting; the procedure now sets force_generic_plan for its
  transaction with set_config() (its COMMIT ends it) before the call, so the work's statements keep their
  generic plans.
- The procedure takes the work function's answer as one record value (an expression) instead of
  SELECT * FROM the function (a function scan with its own executor and a tuple store for the one row), and
  turns synchronous_commit off for its notification with set_config() instead of a SET statement.
PostgreSQL only.
"""
import importlib.util
from pathlib import Path

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def _sibling(filename: str, name: str):
    path = Path(__file__).with_name(filename)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


_SESSION_AND_POSITION_0009 = """    IF erp_trusted_login() THEN
        RETURN;  -- as erp_current()'s NULL role: the Python path decides
    END IF;
    v_me := erp_checked_session(false);  -- raises when the session has ended
    r_org := v_me.org_id;
    r_user := v_me.user_id;
    -- erp_may(ARRAY['issue_stock']) for the role just read (erp_may would read the session again)
    IF NOT EXISTS (SELECT 1 FROM erp_permissions WHERE role = v_me.role AND op = 'issue_stock')
       OR p_qty IS NULL OR p_qty <= 0 THEN
        RETURN;  -- the Python path words the refusal
    END IF;
    SELECT sp.id, p.sku, p.name, p.unit, w.name INTO v_position, r_sku, r_product_name, r_unit, r_warehouse_name
      FROM stock_positions sp
      JOIN products p ON p.id = sp.product_id
      JOIN warehouses w ON w.id = sp.warehouse_id
     WHERE sp.org_id = v_me.org_id AND sp.product_id = p_product AND sp.warehouse_id = p_warehouse
       AND (p_part IS NULL OR EXISTS (SELECT 1 FROM parts WHERE id = p_part AND org_id = v_me.org_id))
       FOR UPDATE OF sp;
    IF NOT FOUND THEN
        RETURN;
    END IF;
"""
_SESSION_AND_POSITION = """    IF erp_trusted_login() THEN
        RETURN;  -- as erp_current()'s NULL role: the Python path decides
    END IF;
    -- the live session (erp_live_session, inlined), its right to issue and the position, in one statement
    SELECT me.org_id, me.user_id, sp.id, p.sku, p.name, p.unit, w.name
      INTO r_org, r_user, v_position, r_sku, r_product_name, r_unit, r_warehouse_name
      FROM erp_live_session() me
      JOIN stock_positions sp ON sp.org_id = me.org_id
      JOIN products p ON p.id = sp.product_id
      JOIN warehouses w ON w.id = sp.warehouse_id
     WHERE NOT me.must_change_password
       AND EXISTS (SELECT 1 FROM erp_permissions e WHERE e.role = me.role AND e.op = 'issue_stock')
       AND p_qty > 0 AND sp.product_id = p_product AND sp.warehouse_id = p_warehouse
       AND (p_part IS NULL OR EXISTS (SELECT 1 FROM parts WHERE id = p_part AND org_id = me.org_id))
       FOR UPDATE OF sp;
    IF NOT FOUND THEN
        PERFORM erp_checked_session(false);  -- raises when the session has ended or must change its password
        RETURN;  -- else the Python path words the refusal
    END IF;
"""


def _work_0009() -> str:
    return _sibling("0009_issue_speed.py", "erp_migration_0009")._work_0009()


def _work_0010() -> str:
    work = _work_0009()
    work = _replace_once(work, "SET plan_cache_mode = force_generic_plan\n", "")
    work = _replace_once(work, "    v_me record;\n", "")
    work = _replace_once(work, _SESSION_AND_POSITION_0009, _SESSION_AND_POSITION)
    work = work.replace("v_me.org_id", "r_org").replace("v_me.user_id", "r_user")
    assert "v_me" not in work
    return work


_CALL_0006 = """AS $fn$
BEGIN
    SELECT * INTO r_document_id, r_document_number, r_at, r_movement_ids, r_lot_ids, r_lot_numbers, r_qtys,
                  r_unit_costs, r_values, r_sku, r_product_name, r_unit, r_warehouse_name, r_org, r_user
      FROM erp_issue_stock_work(p_token, p_product, p_warehouse, p_qty, p_part, p_reason);
"""
_CALL = """AS $fn$
DECLARE
    v record;
BEGIN
    -- generic plans for the work's statements, for this transaction (a SET clause on the function would save,
    -- set and restore the setting on every call)
    PERFORM set_config('plan_cache_mode', 'force_generic_plan', true);
    v := erp_issue_stock_work(p_token, p_product, p_warehouse, p_qty, p_part, p_reason);  -- one record value
    r_document_id := v.r_document_id; r_document_number := v.r_document_number; r_at := v.r_at;
    r_movement_ids := v.r_movement_ids; r_lot_ids := v.r_lot_ids; r_lot_numbers := v.r_lot_numbers;
    r_qtys := v.r_qtys; r_unit_costs := v.r_unit_costs; r_values := v.r_values; r_sku := v.r_sku;
    r_product_name := v.r_product_name; r_unit := v.r_unit; r_warehouse_name := v.r_warehouse_name;
    r_org := v.r_org; r_user := v.r_user;
"""
_NOTIFY_0006 = "    SET LOCAL synchronous_commit = off;\n"
_NOTIFY = "    PERFORM set_config('synchronous_commit', 'off', true);\n"


def _procedure_0006() -> str:
    return _sibling("0006_server_enforced_security.py", "erp_migration_0006")._CREATE.replace(
        "CREATE PROCEDURE", "CREATE OR REPLACE PROCEDURE", 1)


def _procedure_0010() -> str:
    procedure = _replace_once(_procedure_0006(), _CALL_0006, _CALL)
    return _replace_once(procedure, _NOTIFY_0006, _NOTIFY)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_work_0010())
        op.execute(_procedure_0010())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_work_0009())
        op.execute(_procedure_0006())
