"""The server enforces who may do what: session tokens, plant security settings, the server's copy of the
permission matrix; the stock issue procedure takes the session token instead of organisation and user

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Stock changes only through the journal: a trigger applies each movement to its lot and position (on
PostgreSQL erp_apply_movement, rendered with the rest; on SQLite stock_movements_apply below), and the
services write movements only.

The functions, row-level security policies and grants themselves are rendered from the code by
erp_desktop/db/security.py apply(), which `db upgrade` runs after every upgrade (so tables added later are
born under the same rules, and a changed permission matrix reaches the server with the next upgrade).
Sessions opened before this revision have no token: they are ended, and every desktop signs in again.
"""
import sqlalchemy as sa
from alembic import op

import erp_desktop.db.types

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_DROP_0004 = ("DROP PROCEDURE IF EXISTS erp_issue_stock(bigint, integer, integer, bigint, bigint, numeric, bigint, "
              "text, text, text, bigint, text, timestamp, bigint[], bigint[], text[], numeric[], numeric[], numeric[], "
              "text, text, text, text)")
_DROP = ("DROP PROCEDURE IF EXISTS erp_issue_stock(text, bigint, bigint, numeric, bigint, text, text, bigint, "
         "text, timestamp, bigint[], bigint[], text[], numeric[], numeric[], numeric[], text, text, text, text, "
         "integer, integer)")
_DROP_WORK = ("DROP FUNCTION IF EXISTS erp_issue_stock_work(text, bigint, bigint, numeric, bigint, text)")

# The work as the schema owner (a SECURITY DEFINER function: identity from the token, the permission
# checked, then 0004's FIFO logic with the organisation and user the token names, balances applied as 0004
# did). A procedure that commits cannot be SECURITY DEFINER, so the procedure below runs it, commits, and then
# notifies as 0004 did.
_CREATE_WORK = r"""
CREATE FUNCTION erp_issue_stock_work(
    p_token text, p_product bigint, p_warehouse bigint, p_qty numeric, p_part bigint, p_reason text,
    OUT r_document_id bigint, OUT r_document_number text, OUT r_at timestamp, OUT r_movement_ids bigint[],
    OUT r_lot_ids bigint[], OUT r_lot_numbers text[], OUT r_qtys numeric[], OUT r_unit_costs numeric[],
    OUT r_values numeric[], OUT r_sku text, OUT r_product_name text, OUT r_unit text, OUT r_warehouse_name text,
    OUT r_org integer, OUT r_user integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
SET plan_cache_mode = force_generic_plan
AS $fn$
DECLARE
    fifo CURSOR (v_product bigint, v_warehouse bigint) FOR
        SELECT id, on_hand - reserved AS free, unit_cost, lot_number
          FROM lots
         WHERE product_id = v_product AND warehouse_id = v_warehouse AND quality = 'APPROVED' AND on_hand > reserved
         ORDER BY received_at, id
           FOR UPDATE;
    v_me record;
    v_position bigint;
    v_remaining numeric := p_qty;
    v_take numeric;
    v_lot record;
    v_lot_ids bigint[] := '{}';
    v_takes numeric[] := '{}';
    v_costs numeric[] := '{}';
    v_numbers text[] := '{}';
    v_doc bigint;
    v_number text;
    v_at timestamp;
    v_movement bigint;
    v_value numeric;
    v_movement_ids bigint[] := '{}';
    v_values numeric[] := '{}';
    v_audit json[] := '{}';
BEGIN
    PERFORM set_config('erp.token', coalesce(p_token, ''), true);
    SELECT * INTO v_me FROM erp_current();
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
    OPEN fifo(p_product, p_warehouse);
    LOOP
        FETCH fifo INTO v_lot;
        EXIT WHEN NOT FOUND;
        v_take := least(v_lot.free, v_remaining);
        v_lot_ids := v_lot_ids || v_lot.id;
        v_takes := v_takes || v_take;
        v_costs := v_costs || v_lot.unit_cost;
        v_numbers := v_numbers || v_lot.lot_number::text;
        v_remaining := v_remaining - v_take;
        EXIT WHEN v_remaining = 0;
    END LOOP;
    CLOSE fifo;
    IF v_remaining > 0 THEN
        RETURN;
    END IF;

    v_at := clock_timestamp() AT TIME ZONE 'UTC';
    v_doc := nextval('stock_documents_id_seq');
    v_number := 'ISS-' || lpad(v_doc::text, greatest(6, length(v_doc::text)), '0');
    INSERT INTO stock_documents (id, org_id, number, kind, at, user_id, part_id, reason)
    VALUES (v_doc, v_me.org_id, v_number, 'issue', v_at, v_me.user_id, p_part, p_reason);
    -- the lots' and the position's totals follow from the movements: applied here, under the locks taken
    -- above, instead of by the trigger stock_movements_apply for each row (it skips the owner's statements
    -- while erp.balances_applied is on; see db/security.py)
    PERFORM set_config('erp.balances_applied', 'on', true);
    FOR i IN 1 .. cardinality(v_lot_ids) LOOP
        UPDATE lots SET on_hand = on_hand - v_takes[i] WHERE id = v_lot_ids[i];
        INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty,
                                     reserved_delta, unit_cost, value, quality_from, quality_to, user_id)
        VALUES (v_me.org_id, v_doc, v_at, 'issue', p_product, p_warehouse, v_lot_ids[i], -v_takes[i], 0, v_costs[i],
                round(-v_takes[i] * v_costs[i], 7), NULL, NULL, v_me.user_id)
        RETURNING id, value INTO v_movement, v_value;
        v_movement_ids := v_movement_ids || v_movement;
        v_values := v_values || v_value;
        v_audit := v_audit || json_build_array('issue', v_lot_ids[i], (-v_takes[i])::numeric(24, 3)::text, '0.000',
                                               v_costs[i]::numeric(24, 4)::text);
    END LOOP;
    UPDATE stock_positions SET on_hand = on_hand - p_qty WHERE id = v_position;
    PERFORM set_config('erp.balances_applied', '', true);
    INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after)
    VALUES (v_me.org_id, v_me.user_id, v_at, 'stock_document', v_doc::text, 'issue', NULL,
            json_build_object('number', v_number, 'reason', p_reason, 'part_id', p_part,
                              'movements', array_to_json(v_audit)));
    r_document_id := v_doc;
    r_document_number := v_number;
    r_at := v_at;
    r_movement_ids := v_movement_ids;
    r_values := v_values;
    r_lot_ids := v_lot_ids;
    r_lot_numbers := v_numbers;
    r_qtys := v_takes;
    r_unit_costs := v_costs;
END
$fn$
"""

_CREATE = r"""
CREATE PROCEDURE erp_issue_stock(
    p_token text, p_product bigint, p_warehouse bigint, p_qty numeric, p_part bigint, p_reason text, p_channel text,
    INOUT r_document_id bigint DEFAULT NULL, INOUT r_document_number text DEFAULT NULL,
    INOUT r_at timestamp DEFAULT NULL, INOUT r_movement_ids bigint[] DEFAULT NULL,
    INOUT r_lot_ids bigint[] DEFAULT NULL, INOUT r_lot_numbers text[] DEFAULT NULL,
    INOUT r_qtys numeric[] DEFAULT NULL, INOUT r_unit_costs numeric[] DEFAULT NULL,
    INOUT r_values numeric[] DEFAULT NULL, INOUT r_sku text DEFAULT NULL, INOUT r_product_name text DEFAULT NULL,
    INOUT r_unit text DEFAULT NULL, INOUT r_warehouse_name text DEFAULT NULL,
    INOUT r_org integer DEFAULT NULL, INOUT r_user integer DEFAULT NULL)
LANGUAGE plpgsql
AS $fn$
BEGIN
    SELECT * INTO r_document_id, r_document_number, r_at, r_movement_ids, r_lot_ids, r_lot_numbers, r_qtys,
                  r_unit_costs, r_values, r_sku, r_product_name, r_unit, r_warehouse_name, r_org, r_user
      FROM erp_issue_stock_work(p_token, p_product, p_warehouse, p_qty, p_part, p_reason);
    IF r_document_id IS NULL THEN
        RETURN;
    END IF;
    COMMIT;
    -- NOTIFY holds a cluster-wide lock through its commit's flush: notified in a transaction that does not wait
    SET LOCAL synchronous_commit = off;
    PERFORM pg_notify(p_channel, json_build_object('org', r_org, 'topic', 'stock', 'ids', json_build_array(p_product))::text);
END
$fn$
"""


# the embedded file: quantities are scaled integers of the same scale in movements, lots and positions
_SQLITE_APPLY = """
CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements BEGIN
    UPDATE lots SET on_hand = on_hand + NEW.qty, reserved = reserved + NEW.reserved_delta,
           quality = coalesce(NEW.quality_to, quality) WHERE id = NEW.lot_id;
    UPDATE stock_positions SET on_hand = on_hand + NEW.qty, reserved = reserved + NEW.reserved_delta
     WHERE product_id = NEW.product_id AND warehouse_id = NEW.warehouse_id;
END
"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        op.execute("UPDATE user_sessions SET ended_at = now() AT TIME ZONE 'UTC', end_reason = 'database upgraded' "
                   "WHERE ended_at IS NULL")
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_hash', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('expires_at', erp_desktop.db.types.UtcDateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_user_sessions_token_hash'), ['token_hash'])
    op.create_table(
        'security_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('max_failed_attempts', sa.Integer(), nullable=False),
        sa.Column('lockout_minutes', sa.Integer(), nullable=False),
        sa.Column('idle_lock_minutes', sa.Integer(), nullable=False),
        sa.Column('min_password_length', sa.Integer(), nullable=False),
        sa.Column('password_hash_cost', sa.Integer(), nullable=False),
        sa.Column('session_hours', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_security_settings_one_row')),
        sa.CheckConstraint(
            'max_failed_attempts BETWEEN 1 AND 100 AND lockout_minutes BETWEEN 1 AND 1440 '
            'AND idle_lock_minutes BETWEEN 1 AND 480 AND min_password_length BETWEEN 8 AND 72 '
            'AND password_hash_cost BETWEEN 4 AND 16 AND session_hours BETWEEN 1 AND 168',
            name=op.f('ck_security_settings_ranges')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_security_settings')),
    )
    op.execute("INSERT INTO security_settings (id, max_failed_attempts, lockout_minutes, idle_lock_minutes, "
               "min_password_length, password_hash_cost, session_hours, version) VALUES (1, 5, 15, 15, 8, 12, 24, 1)")
    op.create_table(
        'erp_permissions',
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('op', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('role', 'op', name=op.f('pk_erp_permissions')),
    )
    op.create_table(
        'erp_task_transitions',
        sa.Column('move', sa.String(length=20), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('target', sa.String(length=20), nullable=False),
        sa.Column('who', sa.String(length=30), nullable=False),
        sa.Column('comment_required', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('move', 'source', name=op.f('pk_erp_task_transitions')),
    )
    if postgres:
        op.execute(_DROP_0004)
        op.execute(_CREATE_WORK)
        op.execute(_CREATE)
    else:
        op.execute(_SQLITE_APPLY)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        from erp_desktop.db import security

        security.remove(op.get_bind())
        op.execute(_DROP)
        op.execute(_DROP_WORK)
        import importlib.util
        from pathlib import Path

        path = Path(__file__).with_name("0004_issue_procedure_lean_journal.py")
        spec = importlib.util.spec_from_file_location("erp_migration_0004", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        op.execute(module._CREATE)
    else:
        op.execute("DROP TRIGGER IF EXISTS stock_movements_apply")
    op.drop_table('erp_task_transitions')
    op.drop_table('erp_permissions')
    op.drop_table('security_settings')
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_sessions_token_hash'), type_='unique')
        batch_op.drop_column('expires_at')
        batch_op.drop_column('token_hash')
