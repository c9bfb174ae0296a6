"""What each open part was issued and returned, kept as running totals: part_issue_totals

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

What to buy (issue 14) credits each open part with what it was issued less what it returned, per product. It
summed the journal for that (1.9 s of the whole plant's 2.3 s at 1,000,000 movements); the database now keeps
the sums per (part, product, warehouse) in the same transaction as each issue or return movement of a document
for a part:
- PostgreSQL: the issue procedure's work function (erp_issue_stock_work, as 0010 left it) adds its issue to the
  part's row itself, once per issue, and only when the issue is for a part (an issue for no part costs one
  test); every other movement is applied by the trigger stock_movements_part_totals, which db/security.py
  renders with the other journal rules (its WHEN clause: issue and return rows only, and not the procedure's);
- SQLite: the trigger stock_movements_part_totals below.
Nobody else writes the table (domain/server_rights.SERVER_ONLY: desktops read their organisation's rows).
The rows are filled from the existing journal here, with the journal locked against new movements until the
upgrade commits (db/security.apply renders the trigger in the same transaction).
"""
import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

import erp_desktop.db.types

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# issued: the sum of -qty of the issue movements; returned: the sum of qty of the returns (both back ends keep
# a quantity at one scale in movements and totals, so the sums are exact)
_BACKFILL = """
INSERT INTO part_issue_totals (part_id, product_id, warehouse_id, org_id, issued, returned)
SELECT d.part_id, m.product_id, m.warehouse_id, m.org_id,
       sum(CASE WHEN m.kind = 'issue' THEN -m.qty ELSE 0 END), sum(CASE WHEN m.kind = 'return' THEN m.qty ELSE 0 END)
  FROM stock_movements m JOIN stock_documents d ON d.id = m.document_id
 WHERE d.part_id IS NOT NULL AND m.kind IN ('issue', 'return')
 GROUP BY d.part_id, m.product_id, m.warehouse_id, m.org_id
"""

_OLD_TAIL = """    UPDATE stock_positions SET on_hand = on_hand - p_qty WHERE id = v_position;
"""
_NEW_TAIL = """    UPDATE stock_positions SET on_hand = on_hand - p_qty WHERE id = v_position;
    IF p_part IS NOT NULL THEN  -- the part's running total, under the position's lock (migration 0011)
        INSERT INTO part_issue_totals AS t (part_id, product_id, warehouse_id, org_id, issued, returned)
        VALUES (p_part, p_product, p_warehouse, r_org, p_qty, 0)
        ON CONFLICT (part_id, product_id, warehouse_id) DO UPDATE SET issued = t.issued + excluded.issued;
    END IF;
"""

_SQLITE_TRIGGER = """
CREATE TRIGGER stock_movements_part_totals AFTER INSERT ON stock_movements
WHEN NEW.kind IN ('issue', 'return') AND (SELECT part_id FROM stock_documents WHERE id = NEW.document_id) IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO part_issue_totals (part_id, product_id, warehouse_id, org_id, issued, returned)
    SELECT d.part_id, NEW.product_id, NEW.warehouse_id, NEW.org_id, 0, 0 FROM stock_documents d
     WHERE d.id = NEW.document_id;
    UPDATE part_issue_totals
       SET issued = issued + CASE WHEN NEW.kind = 'issue' THEN -NEW.qty ELSE 0 END,
           returned = returned + CASE WHEN NEW.kind = 'return' THEN NEW.qty ELSE 0 END
     WHERE part_id = (SELECT d.part_id FROM stock_documents d WHERE d.id = NEW.document_id)
       AND product_id = NEW.product_id AND warehouse_id = NEW.warehouse_id;
END
"""


def _work_0010() -> str:
    path = Path(__file__).with_name("0010_issue_path_cost.py")
    spec = importlib.util.spec_from_file_location("erp_migration_0010", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._work_0010()


def _work_0011() -> str:
    work = _work_0010()
    assert work.count(_OLD_TAIL) == 1
    return work.replace(_OLD_TAIL, _NEW_TAIL)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        'part_issue_totals',
        sa.Column('part_id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('warehouse_id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('issued', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
        sa.Column('returned', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
        sa.PrimaryKeyConstraint('part_id', 'product_id', 'warehouse_id', name=op.f('pk_part_issue_totals')),
    )
    if postgres:
        op.execute("LOCK TABLE stock_movements IN SHARE MODE")  # no movement commits between the sums and the trigger
    op.execute(_BACKFILL)
    if postgres:
        op.execute(_work_0011())
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS stock_movements_part_totals ON stock_movements")
        op.execute("DROP FUNCTION IF EXISTS erp_apply_part_issue()")
        op.execute(_work_0010())
    else:
        op.execute("DROP TRIGGER IF EXISTS stock_movements_part_totals")
    op.drop_table('part_issue_totals')
