"""PostgreSQL: FIFO issue in one round trip (erp_issue_stock_fifo); nothing on SQLite

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The same steps as the Python issue (services/stock_ops.issue_stock with stock_ledger):
# lock the position, then every approved lot with stock not reserved in (received_at, id) order,
# take FIFO, write the document, the lots' and the position's totals, the movements in order and
# the audit row. Returns no rows, having written nothing, when the position does not exist, the
# part is not the organisation's or the stock is short: the Python path then words the refusal.
# p_at NULL means now, read after the locks (as the Python path does) so each stock card stays in
# time order; the time is returned with every row. p_notify, when given, is sent on p_channel
# (the unit of work's change notification) once the issue is written.
_CREATE = r"""
CREATE OR REPLACE FUNCTION erp_issue_stock_fifo(
    p_org integer, p_user integer, p_product bigint, p_warehouse bigint, p_qty numeric,
    p_part bigint, p_reason text, p_at timestamp, p_channel text, p_notify text)
RETURNS TABLE (r_document_id bigint, r_document_number text, r_movement_id bigint, r_lot_id bigint,
               r_lot_number text, r_qty numeric, r_unit_cost numeric, r_value numeric, r_sku text,
               r_product_name text, r_unit text, r_warehouse_name text, r_at timestamp)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_position bigint;
    v_sku text;
    v_product_name text;
    v_unit text;
    v_warehouse_name text;
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
    SELECT sp.id, p.sku, p.name, p.unit, w.name
      INTO v_position, v_sku, v_product_name, v_unit, v_warehouse_name
      FROM stock_positions sp
      JOIN products p ON p.id = sp.product_id
      JOIN warehouses w ON w.id = sp.warehouse_id
     WHERE sp.org_id = p_org AND sp.product_id = p_product AND sp.warehouse_id = p_warehouse
       FOR UPDATE OF sp;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- every available lot is locked, as the Python path does, not only the ones taken
    FOR v_lot IN
        SELECT l.id, l.on_hand, l.reserved, l.unit_cost, l.lot_number
          FROM lots l
         WHERE l.product_id = p_product AND l.warehouse_id = p_warehouse
           AND l.quality = 'APPROVED' AND l.on_hand > l.reserved
         ORDER BY l.received_at, l.id
           FOR UPDATE
    LOOP
        IF v_remaining > 0 THEN
            v_take := least(v_lot.on_hand - v_lot.reserved, v_remaining);
            v_lot_ids := v_lot_ids || v_lot.id;
            v_takes := v_takes || v_take;
            v_costs := v_costs || v_lot.unit_cost;
            v_numbers := v_numbers || v_lot.lot_number::text;
            v_remaining := v_remaining - v_take;
        END IF;
    END LOOP;
    IF v_remaining > 0 THEN
        RETURN;
    END IF;
    IF p_part IS NOT NULL AND NOT EXISTS (SELECT 1 FROM parts WHERE id = p_part AND org_id = p_org) THEN
        RETURN;
    END IF;
    v_at := coalesce(p_at, clock_timestamp() AT TIME ZONE 'UTC');

    INSERT INTO stock_documents (id, org_id, number, kind, at, user_id, part_id, reason)
    SELECT s.id, p_org, 'ISS-' || lpad(s.id::text, greatest(6, length(s.id::text)), '0'), 'issue', v_at,
           p_user, p_part, p_reason
      FROM (SELECT nextval('stock_documents_id_seq') AS id) s
    RETURNING id, number INTO v_doc, v_number;

    UPDATE lots SET on_hand = lots.on_hand - t.take
      FROM unnest(v_lot_ids, v_takes) AS t(id, take)
     WHERE lots.id = t.id;
    UPDATE stock_positions SET on_hand = on_hand - p_qty WHERE id = v_position;

    WITH inserted AS (
        INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty,
                                     reserved_delta, unit_cost, value, quality_from, quality_to, user_id)
        SELECT p_org, v_doc, v_at, 'issue', p_product, p_warehouse, t.id, -t.take, 0, t.cost,
               round(-t.take * t.cost, 7), NULL, NULL, p_user
          FROM unnest(v_lot_ids, v_takes, v_costs) WITH ORDINALITY AS t(id, take, cost, n)
         ORDER BY t.n
        RETURNING id)
    SELECT array_agg(id ORDER BY id) INTO v_ids FROM inserted;

    INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after)
    SELECT p_org, p_user, v_at, 'stock_document', v_doc::text, 'issue', NULL,
           json_build_object(
               'number', v_number, 'reason', p_reason, 'part_id', p_part,
               'movements', (SELECT json_agg(json_build_array('issue', t.id, (-t.take)::numeric(24, 3)::text,
                                                                '0.000', t.cost::numeric(24, 4)::text)
                                             ORDER BY t.n)
                               FROM unnest(v_lot_ids, v_takes, v_costs) WITH ORDINALITY AS t(id, take, cost, n)));

    IF p_notify IS NOT NULL THEN
        PERFORM pg_notify(p_channel, p_notify);
    END IF;
    RETURN QUERY
        SELECT v_doc, v_number, v_ids[t.n], t.id, t.num, -t.take, t.cost, round(-t.take * t.cost, 7),
               v_sku, v_product_name, v_unit, v_warehouse_name, v_at
          FROM unnest(v_lot_ids, v_takes, v_costs, v_numbers) WITH ORDINALITY AS t(id, take, cost, num, n)
         ORDER BY t.n;
END
$fn$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_CREATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION IF EXISTS erp_issue_stock_fifo(integer, integer, bigint, bigint, numeric, bigint, text, "
            "timestamp, text, text)"
        )
