"""Materials for production: bills of materials (boms, bom_lines) and the part's product and BOM revision

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Issued, returned and output material are stock documents for the part (stock_documents.part_id, which exists):
the stock journal stays the one record; new movement kinds 'return' (back into the lot it came from) and
'output' (a PENDING lot of the made product) need no schema, their rules are rendered by db/security.py.
One active revision per product: a partial unique index on both back ends.
"""
import sqlalchemy as sa
from alembic import op

import erp_desktop.db.types

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'boms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('revision', sa.String(length=4), nullable=False),
        sa.Column('is_active', sa.Boolean(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', erp_desktop.db.types.UtcDateTime(), nullable=False),
        sa.Column('updated_at', erp_desktop.db.types.UtcDateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_boms_org_id_organizations')),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_boms_product_id_products')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_boms')),
        sa.UniqueConstraint('org_id', 'product_id', 'revision', name='uq_boms_org_product_revision'),
    )
    op.create_index('ux_boms_one_active', 'boms', ['product_id'], unique=True,
                    sqlite_where=sa.text('is_active'), postgresql_where=sa.text('is_active'))
    op.create_table(
        'bom_lines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bom_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('component_id', sa.Integer(), nullable=False),
        sa.Column('qty_per_unit', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
        sa.Column('fixed_qty', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
        sa.Column('scrap_percent', erp_desktop.db.types.ExactDecimal(scale=3, precision=24), nullable=False),
        sa.Column('sourcing', sa.String(length=4), nullable=False),
        sa.CheckConstraint('qty_per_unit >= 0 AND fixed_qty >= 0 AND (qty_per_unit > 0 OR fixed_qty > 0)',
                           name=op.f('ck_bom_lines_quantities')),
        sa.CheckConstraint('scrap_percent >= 0', name=op.f('ck_bom_lines_scrap_non_negative')),
        sa.CheckConstraint("sourcing IN ('make', 'buy')", name=op.f('ck_bom_lines_sourcing_kind')),
        sa.ForeignKeyConstraint(['bom_id'], ['boms.id'], name=op.f('fk_bom_lines_bom_id_boms'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['component_id'], ['products.id'], name=op.f('fk_bom_lines_component_id_products')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bom_lines')),
    )
    op.create_index('ix_bom_lines_bom_position', 'bom_lines', ['bom_id', 'position', 'id'])
    op.create_index('ix_bom_lines_component', 'bom_lines', ['component_id'])
    with op.batch_alter_table('parts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('product_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('bom_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_parts_product_id_products'), 'products', ['product_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_parts_bom_id_boms'), 'boms', ['bom_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('parts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_parts_bom_id_boms'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_parts_product_id_products'), type_='foreignkey')
        batch_op.drop_column('bom_id')
        batch_op.drop_column('product_id')
    op.drop_index('ix_bom_lines_component', table_name='bom_lines')
    op.drop_index('ix_bom_lines_bom_position', table_name='bom_lines')
    op.drop_table('bom_lines')
    op.drop_index('ux_boms_one_active', table_name='boms')
    op.drop_table('boms')
