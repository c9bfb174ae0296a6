"""Purchasing: supplier terms, over-receipt tolerances, purchase orders with their lines and history, and the
receipts and returns against their lines

Revision ID: 0008
Revises: 0006 (the merge re-chains it after 0007, materials)
Create Date: 2026-12-03

Row-level security, grants and the server's audit of row changes for these tables are rendered by
erp_desktop/db/security.py apply() after the upgrade (domain/server_rights.py names their writers).
"""
import sqlalchemy as sa
from alembic import op

import erp_desktop.db.types


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('purchasing_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('over_receipt_pct', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('over_receipt_pct >= 0', name=op.f('ck_purchasing_settings_pct_non_negative')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_purchasing_settings_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchasing_settings')),
    sa.UniqueConstraint('org_id', name=op.f('uq_purchasing_settings_org_id'))
    )
    op.create_table('product_tolerances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('over_receipt_pct', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('over_receipt_pct >= 0', name=op.f('ck_product_tolerances_pct_non_negative')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_product_tolerances_org_id_organizations')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_tolerances_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_tolerances')),
    sa.UniqueConstraint('product_id', name=op.f('uq_product_tolerances_product_id'))
    )
    op.create_table('purchase_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('order_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', erp_desktop.db.types.UtcDateTime(), nullable=False),
    sa.Column('sent_at', erp_desktop.db.types.UtcDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'sent', 'partly_received', 'received', 'closed', 'cancelled')", name=op.f('ck_purchase_orders_status_kind')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_purchase_orders_org_id_organizations')),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_purchase_orders_supplier_id_suppliers')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_purchase_orders_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_orders')),
    sa.UniqueConstraint('org_id', 'number', name='uq_purchase_orders_org_number')
    )
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.create_index('ix_purchase_orders_org_status', ['org_id', 'status', 'id'], unique=False)
        batch_op.create_index('ix_purchase_orders_supplier', ['supplier_id', 'order_date'], unique=False)

    op.create_table('supplier_products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('min_order_qty', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('lead_time_days >= 0 AND lead_time_days <= 3650 AND min_order_qty >= 0', name=op.f('ck_supplier_products_terms')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_supplier_products_org_id_organizations')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_supplier_products_product_id_products')),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_supplier_products_supplier_id_suppliers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supplier_products')),
    sa.UniqueConstraint('supplier_id', 'product_id', name='uq_supplier_products_supplier_product')
    )
    with op.batch_alter_table('supplier_products', schema=None) as batch_op:
        batch_op.create_index('ix_supplier_products_org_product', ['org_id', 'product_id'], unique=False)

    op.create_table('purchase_order_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('at', erp_desktop.db.types.UtcDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['purchase_orders.id'], name=op.f('fk_purchase_order_events_order_id_purchase_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_order_events'))
    )
    with op.batch_alter_table('purchase_order_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_order_events_order_id'), ['order_id'], unique=False)

    op.create_table('purchase_order_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('qty', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
    sa.Column('unit_price', erp_desktop.db.types.ExactDecimal(scale=4, precision=24), nullable=False),
    sa.Column('expected_date', sa.Date(), nullable=False),
    sa.Column('received_qty', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
    sa.CheckConstraint('qty > 0 AND unit_price >= 0 AND received_qty >= 0', name=op.f('ck_purchase_order_lines_quantities')),
    sa.ForeignKeyConstraint(['order_id'], ['purchase_orders.id'], name=op.f('fk_purchase_order_lines_order_id_purchase_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_purchase_order_lines_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_order_lines'))
    )
    with op.batch_alter_table('purchase_order_lines', schema=None) as batch_op:
        batch_op.create_index('ix_purchase_order_lines_order', ['order_id', 'position'], unique=False)
        batch_op.create_index('ix_purchase_order_lines_product', ['product_id', 'expected_date'], unique=False)

    op.create_table('purchase_receipts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('qty', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
    sa.Column('document_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', erp_desktop.db.types.UtcDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('receipt', 'return')", name=op.f('ck_purchase_receipts_kind')),
    sa.CheckConstraint('qty > 0', name=op.f('ck_purchase_receipts_qty_positive')),
    sa.ForeignKeyConstraint(['document_id'], ['stock_documents.id'], name=op.f('fk_purchase_receipts_document_id_stock_documents')),
    sa.ForeignKeyConstraint(['line_id'], ['purchase_order_lines.id'], name=op.f('fk_purchase_receipts_line_id_purchase_order_lines')),
    sa.ForeignKeyConstraint(['lot_id'], ['lots.id'], name=op.f('fk_purchase_receipts_lot_id_lots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_receipts')),
    sa.UniqueConstraint('lot_id', 'kind', name='uq_purchase_receipts_lot_kind')
    )
    with op.batch_alter_table('purchase_receipts', schema=None) as batch_op:
        batch_op.create_index('ix_purchase_receipts_line', ['line_id', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('purchase_receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_purchase_receipts_line')

    op.drop_table('purchase_receipts')
    with op.batch_alter_table('purchase_order_lines', schema=None) as batch_op:
        batch_op.drop_index('ix_purchase_order_lines_product')
        batch_op.drop_index('ix_purchase_order_lines_order')

    op.drop_table('purchase_order_lines')
    with op.batch_alter_table('purchase_order_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_order_events_order_id'))

    op.drop_table('purchase_order_events')
    with op.batch_alter_table('supplier_products', schema=None) as batch_op:
        batch_op.drop_index('ix_supplier_products_org_product')

    op.drop_table('supplier_products')
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.drop_index('ix_purchase_orders_supplier')
        batch_op.drop_index('ix_purchase_orders_org_status')

    op.drop_table('purchase_orders')
    op.drop_table('product_tolerances')
    op.drop_table('purchasing_settings')
