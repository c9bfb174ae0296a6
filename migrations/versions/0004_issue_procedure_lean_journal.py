"""Stock issue as a procedure that commits before it notifies; journal rows without foreign keys on copied columns

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
import importlib.util
from pathlib import Path

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# 1. PostgreSQL: erp_issue_stock becomes a procedure. Measured cause: NOTIFY takes a cluster-wide lock at
#    commit and holds it through the commit's WAL flush, so every notifying transaction commits alone,
#    one fsync after another, and group commit never happens. The procedure writes and COMMITs the issue
#    (durable, as before), then sends the change notification in a second transaction of its own that does
#    not wait for the disk (synchronous_commit off): a notification lost in a server crash costs nothing,
#    because every desktop refreshes everything when its LISTEN connection comes back. The issue itself is
#    unchanged from 0003: session check with the position lock, the lots taken locked in FIFO order;
#    nothing written and no document returned when the Python path must decide. Its writes are plain
#    statements with generic plans again, measured cheaper than 0003's one data-modifying CTE.
#    The result is one row: the document, the server's time and one array element per lot taken.
# 2. Both back ends: journal rows (stock documents, movements, audit entries) lose the foreign keys on
#    columns that only copy what another key already guarantees or that name rows which are never deleted.
#    A movement's product, warehouse, organisation and user are its lot's and its document's (those two
#    keys stay); organisations and users are never deleted (users are deactivated). Each of those keys cost
#    a referential check with a KEY SHARE lock on the organisation's and the clerk's rows for every journal
#    row, which several desktops at once turn into multixact traffic on the hottest rows of the database.
#    ix_stock_movements_org_id goes too: nothing reads movements in (org_id, id) order.
_CREATE = r"""
CREATE PROCEDURE erp_issue_stock(
    p_session bigint, p_org integer, p_user integer, p_product bigint, p_warehouse bigint, p_qty numeric,
    p_part bigint, p_reason text, p_channel text, p_notify text,
    INOUT r_document_id bigint DEFAULT NULL, INOUT r_document_number text DEFAULT NULL,
    INOUT r_at timestamp DEFAULT NULL, INOUT r_movement_ids bigint[] DEFAULT NULL,
    INOUT r_lot_ids bigint[] DEFAULT NULL, INOUT r_lot_numbers text[] DEFAULT NULL,
    INOUT r_qtys numeric[] DEFAULT NULL, INOUT r_unit_costs numeric[] DEFAULT NULL,
    INOUT r_values numeric[] DEFAULT NULL, INOUT r_sku text DEFAULT NULL, INOUT r_product_name text DEFAULT NULL,
    INOUT r_unit text DEFAULT NULL, INOUT r_warehouse_name text DEFAULT NULL)
LANGUAGE plpgsql
AS $fn$
DECLARE
    -- the position's approved lots with unreserved stock, oldest first; each row is locked as it is fetched
    fifo CURSOR FOR
        SELECT id, on_hand - reserved AS free, unit_cost, lot_number
          FROM lots
         WHERE product_id = p_product AND warehouse_id = p_warehouse AND quality = 'APPROVED' AND on_hand > reserved
         ORDER BY received_at, id
           FOR UPDATE;
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
    -- a procedure that commits cannot carry a SET clause; without generic plans its statements would be
    -- planned afresh on every call
    SET LOCAL plan_cache_mode = force_generic_plan;
    SELECT sp.id, p.sku, p.name, p.unit, w.name INTO v_position, r_sku, r_product_name, r_unit, r_warehouse_name
      FROM stock_positions sp
      JOIN products p ON p.id = sp.product_id
      JOIN warehouses w ON w.id = sp.warehouse_id
     WHERE sp.org_id = p_org AND sp.product_id = p_product AND sp.warehouse_id = p_warehouse
       AND (p_session IS NULL OR EXISTS (SELECT 1 FROM user_sessions WHERE id = p_session AND ended_at IS NULL))
       AND (p_part IS NULL OR EXISTS (SELECT 1 FROM parts WHERE id = p_part AND org_id = p_org))
       FOR UPDATE OF sp;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    OPEN fifo;
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

    -- plain statements with generic plans: 230 us, against 360 us for the one data-modifying CTE of 0003
    v_at := clock_timestamp() AT TIME ZONE 'UTC';
    v_doc := nextval('stock_documents_id_seq');
    v_number := 'ISS-' || lpad(v_doc::text, greatest(6, length(v_doc::text)), '0');
    INSERT INTO stock_documents (id, org_id, number, kind, at, user_id, part_id, reason)
    VALUES (v_doc, p_org, v_number, 'issue', v_at, p_user, p_part, p_reason);
    FOR i IN 1 .. cardinality(v_lot_ids) LOOP
        UPDATE lots SET on_hand = on_hand - v_takes[i] WHERE id = v_lot_ids[i];
        INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty,
                                     reserved_delta, unit_cost, value, quality_from, quality_to, user_id)
        VALUES (p_org, v_doc, v_at, 'issue', p_product, p_warehouse, v_lot_ids[i], -v_takes[i], 0, v_costs[i],
                round(-v_takes[i] * v_costs[i], 7), NULL, NULL, p_user)
        RETURNING id, value INTO v_movement, v_value;
        v_movement_ids := v_movement_ids || v_movement;
        v_values := v_values || v_value;
        v_audit := v_audit || json_build_array('issue', v_lot_ids[i], (-v_takes[i])::numeric(24, 3)::text, '0.000',
                                               v_costs[i]::numeric(24, 4)::text);
    END LOOP;
    UPDATE stock_positions SET on_hand = on_hand - p_qty WHERE id = v_position;
    INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after)
    VALUES (p_org, p_user, v_at, 'stock_document', v_doc::text, 'issue', NULL,
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
    COMMIT;

    IF p_notify IS NOT NULL THEN
        SET LOCAL synchronous_commit = off;
        PERFORM pg_notify(p_channel, p_notify);
    END IF;
END
$fn$
"""

_DROP_0003 = "DROP FUNCTION IF EXISTS erp_issue_stock(bigint, integer, integer, bigint, bigint, numeric, bigint, text, text, text)"
_DROP = ("DROP PROCEDURE IF EXISTS erp_issue_stock(bigint, integer, integer, bigint, bigint, numeric, bigint, text, "
         "text, text, bigint, text, timestamp, bigint[], bigint[], text[], numeric[], numeric[], numeric[], text, "
         "text, text, text)")

# (table, column, referred table): foreign keys of journal rows on copied columns
_COPIED_REFERENCES = (
    ("stock_movements", "org_id", "organizations"),
    ("stock_movements", "product_id", "products"),
    ("stock_movements", "warehouse_id", "warehouses"),
    ("stock_movements", "user_id", "users"),
    ("stock_documents", "org_id", "organizations"),
    ("stock_documents", "user_id", "users"),
    ("audit_log", "org_id", "organizations"),
    ("audit_log", "user_id", "users"),
)
_UNUSED_INDEX = ("ix_stock_movements_org_id", "stock_movements", ["org_id", "id"])


def _sibling(filename: str, name: str):
    path = Path(__file__).with_name(filename)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fk_name(table: str, column: str, referred: str) -> str:
    return f"fk_{table}_{column}_{referred}"


def _rebuild_journal_tables(change) -> None:
    """``change(batch_op, table)`` for each journal table. On SQLite a table is rebuilt by a batch operation,
    which drops its triggers: the append-only ones are put back afterwards."""
    initial = _sibling("0001_initial_schema.py", "erp_migration_0001")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        initial.drop_append_only_triggers()
    for table in ("stock_documents", "stock_movements", "audit_log"):
        with op.batch_alter_table(table) as batch_op:
            change(batch_op, table)
    if sqlite:
        initial.create_append_only_triggers()


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_DROP_0003)
        op.execute(_CREATE)

    def drop(batch_op, table):
        for fk_table, column, referred in _COPIED_REFERENCES:
            if fk_table == table:
                batch_op.drop_constraint(_fk_name(table, column, referred), type_="foreignkey")
        if table == _UNUSED_INDEX[1]:
            batch_op.drop_index(_UNUSED_INDEX[0])

    _rebuild_journal_tables(drop)


def downgrade() -> None:
    def restore(batch_op, table):
        for fk_table, column, referred in _COPIED_REFERENCES:
            if fk_table == table:
                batch_op.create_foreign_key(_fk_name(table, column, referred), referred, [column], ["id"])
        if table == _UNUSED_INDEX[1]:
            batch_op.create_index(_UNUSED_INDEX[0], _UNUSED_INDEX[2])

    _rebuild_journal_tables(restore)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_DROP)
        op.execute(_sibling("0003_issue_stock_in_one_statement.py", "erp_migration_0003")._CREATE)
