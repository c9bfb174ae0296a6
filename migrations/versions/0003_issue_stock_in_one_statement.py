"""PostgreSQL: the FIFO issue as one autocommitted statement (erp_issue_stock) replaces erp_issue_stock_fifo

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
import importlib.util
from pathlib import Path

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# What changed from 0002's erp_issue_stock_fifo, so that an issue is one statement in its own implicit
# transaction (no BEGIN, no separate session check, no COMMIT round trip) and costs the server less:
# - p_session: the caller's sign-in session is checked with the position lock (ended or unknown: no rows,
#   nothing written, and the caller's Python path raises SessionEnded), as every unit of work checks it first;
# - only the lots the issue takes are locked, fetched one by one in FIFO order after the position; the
#   position lock already serialises every change to its lots (each stock operation takes it first), so
#   locking the lots it does not touch bought nothing and cost a row lock per available lot;
# - the document, lot and position totals, movements and audit row are written by one statement (each
#   statement in a function pays executor start-up; the 0002 function ran a dozen);
# - the document time is always now, read after the locks; a back-dated issue takes the Python path.
# Otherwise the same as services/stock_ops.issue_stock: the same document, movements, totals, audit row and
# change notification; no rows, having written nothing, whenever the Python path has to decide.
_CREATE = r"""
CREATE OR REPLACE FUNCTION erp_issue_stock(
    p_session bigint, p_org integer, p_user integer, p_product bigint, p_warehouse bigint, p_qty numeric,
    p_part bigint, p_reason text, p_channel text, p_notify text)
RETURNS TABLE (r_document_id bigint, r_document_number text, r_movement_id bigint, r_lot_id bigint,
               r_lot_number text, r_qty numeric, r_unit_cost numeric, r_value numeric, r_sku text,
               r_product_name text, r_unit text, r_warehouse_name text, r_at timestamp)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
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
    v_ids bigint[];
    v_at timestamp;
BEGIN
    SELECT sp.id INTO v_position
      FROM stock_positions sp
     WHERE sp.org_id = p_org AND sp.product_id = p_product AND sp.warehouse_id = p_warehouse
       AND (p_session IS NULL OR EXISTS (SELECT 1 FROM user_sessions WHERE id = p_session AND ended_at IS NULL))
       AND (p_part IS NULL OR EXISTS (SELECT 1 FROM parts WHERE id = p_part AND org_id = p_org))
       FOR UPDATE;
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

    v_at := clock_timestamp() AT TIME ZONE 'UTC';
    v_doc := nextval('stock_documents_id_seq');
    v_number := 'ISS-' || lpad(v_doc::text, greatest(6, length(v_doc::text)), '0');
    -- every write in one statement (foreign keys are checked at its end, when the document exists)
    WITH document AS (
        INSERT INTO stock_documents (id, org_id, number, kind, at, user_id, part_id, reason)
        VALUES (v_doc, p_org, v_number, 'issue', v_at, p_user, p_part, p_reason)),
    lot_totals AS (
        UPDATE lots SET on_hand = lots.on_hand - t.take
          FROM unnest(v_lot_ids, v_takes) AS t(id, take)
         WHERE lots.id = ANY (v_lot_ids) AND lots.id = t.id),
    position_total AS (
        UPDATE stock_positions SET on_hand = on_hand - p_qty WHERE id = v_position),
    audit AS (
        INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after)
        SELECT p_org, p_user, v_at, 'stock_document', v_doc::text, 'issue', NULL,
               json_build_object(
                   'number', v_number, 'reason', p_reason, 'part_id', p_part,
                   'movements', json_agg(json_build_array('issue', t.id, (-t.take)::numeric(24, 3)::text,
                                                          '0.000', t.cost::numeric(24, 4)::text) ORDER BY t.n))
          FROM unnest(v_lot_ids, v_takes, v_costs) WITH ORDINALITY AS t(id, take, cost, n)),
    movements AS (
        INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty,
                                     reserved_delta, unit_cost, value, quality_from, quality_to, user_id)
        SELECT p_org, v_doc, v_at, 'issue', p_product, p_warehouse, t.id, -t.take, 0, t.cost,
               round(-t.take * t.cost, 7), NULL, NULL, p_user
          FROM unnest(v_lot_ids, v_takes, v_costs) WITH ORDINALITY AS t(id, take, cost, n)
         ORDER BY t.n
        RETURNING id)
    SELECT array_agg(id ORDER BY id) INTO v_ids FROM movements;

    IF p_notify IS NOT NULL THEN
        PERFORM pg_notify(p_channel, p_notify);
    END IF;
    RETURN QUERY
        SELECT v_doc, v_number, v_ids[t.n], t.id, t.num, -t.take, t.cost, round(-t.take * t.cost, 7),
               p.sku::text, p.name::text, p.unit::text, w.name::text, v_at
          FROM unnest(v_lot_ids, v_takes, v_costs, v_numbers) WITH ORDINALITY AS t(id, take, cost, num, n)
          JOIN products p ON p.id = p_product
          JOIN warehouses w ON w.id = p_warehouse
         ORDER BY t.n;
END
$fn$
"""

_DROP_0002 = ("DROP FUNCTION IF EXISTS erp_issue_stock_fifo(integer, integer, bigint, bigint, numeric, bigint, "
              "text, timestamp, text, text)")
_DROP = "DROP FUNCTION IF EXISTS erp_issue_stock(bigint, integer, integer, bigint, bigint, numeric, bigint, text, text, text)"


def _revision_0002():
    path = Path(__file__).with_name("0002_issue_stock_function.py")
    spec = importlib.util.spec_from_file_location("erp_migration_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_CREATE)
        op.execute(_DROP_0002)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_DROP)
        op.execute(_revision_0002()._CREATE)
