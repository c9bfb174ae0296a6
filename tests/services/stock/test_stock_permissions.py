"""Every stock operation against every role: allowed exactly where the permission matrix says."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from erp_desktop.db.types import utcnow
from erp_desktop.domain.roles import Op, Role, can
from erp_desktop.errors import PermissionDenied
from erp_desktop.services import stock
from tests.services.stock.stock_fixtures import make_shop
from tests.services.stock.stock_invariants import check_stock_invariants


def _operations(shop):
    db, admin = shop.db, shop.admin

    def reservation():
        return stock.reserve_stock(db, admin, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"),
                                   order_ref="PERM").reservation_id

    def fresh_product():
        return stock.get_product(db, admin, shop.bolt.id)

    def fresh_warehouse():
        return stock.get_warehouse(db, admin, shop.shop1.id)

    def fresh_supplier():
        return stock.get_supplier(db, admin, shop.supplier.id)

    counter = iter(range(1000))
    return [
        (Op.MANAGE_STOCK_MASTER_DATA, lambda a: stock.create_product(
            db, a, sku=f"N-{next(counter)}", name="New", unit="pcs", category="component")),
        (Op.MANAGE_STOCK_MASTER_DATA, lambda a: stock.update_product(
            db, a, shop.bolt.id, version=fresh_product().version, min_level=D("5"))),
        (Op.MANAGE_STOCK_MASTER_DATA, lambda a: stock.set_product_active(
            db, a, shop.bolt.id, True, version=fresh_product().version)),
        (Op.MANAGE_STOCK_MASTER_DATA, lambda a: stock.create_warehouse(db, a, code=f"W{next(counter)}", name="W")),
        (Op.MANAGE_STOCK_MASTER_DATA, lambda a: stock.update_warehouse(
            db, a, shop.shop1.id, version=fresh_warehouse().version, name="Shop 1 store")),
        (Op.MANAGE_STOCK_MASTER_DATA, lambda a: stock.set_warehouse_active(
            db, a, shop.shop1.id, True, version=fresh_warehouse().version)),
        (Op.MANAGE_SUPPLIERS, lambda a: stock.create_supplier(db, a, name=f"Supplier {next(counter)}")),
        (Op.MANAGE_SUPPLIERS, lambda a: stock.update_supplier(
            db, a, shop.supplier.id, version=fresh_supplier().version, contact="new phone")),
        (Op.MANAGE_SUPPLIERS, lambda a: stock.set_supplier_active(
            db, a, shop.supplier.id, True, version=fresh_supplier().version)),
        (Op.RECEIVE_STOCK, lambda a: stock.receive_stock(
            db, a, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"), unit_cost=D("1"))),
        (Op.ISSUE_STOCK, lambda a: stock.issue_stock(
            db, a, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"))),
        (Op.TRANSFER_STOCK, lambda a: stock.transfer_stock(
            db, a, product_id=shop.steel.id, from_warehouse_id=shop.main.id, to_warehouse_id=shop.shop1.id,
            qty=D("1"))),
        (Op.ADJUST_STOCK, lambda a: stock.adjust_lot(
            db, a, lot_id=shop.adjustable, counted_qty=stock.get_lot(db, admin, shop.adjustable).on_hand + 1,
            reason="count")),
        (Op.CHANGE_QUALITY, lambda a: stock.change_quality(
            db, a, lot_id=shop.inspected, quality="REJECTED"
            if stock.get_lot(db, admin, shop.inspected).quality == "PENDING" else "PENDING")),
        (Op.RESERVE_STOCK, lambda a: stock.reserve_stock(
            db, a, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"), order_ref="X")),
        (Op.RESERVE_STOCK, lambda a: stock.release_reservation(db, a, reservation())),
        (Op.ISSUE_STOCK, lambda a: stock.issue_reservation(db, a, reservation())),
        # receiving straight as APPROVED needs both permissions
        ((Op.RECEIVE_STOCK, Op.CHANGE_QUALITY), lambda a: stock.receive_stock(
            db, a, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"), unit_cost=D("1"),
            quality="APPROVED")),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_each_stock_operation_is_allowed_exactly_by_the_matrix(plant, role):
    shop = make_shop(plant)
    shop.lot(100, "10")
    shop.adjustable = shop.lot(5, "10")
    shop.inspected = shop.lot(5, "10", quality="PENDING")
    actor = getattr(plant, role.value)
    for ops, call in _operations(shop):
        ops = ops if isinstance(ops, tuple) else (ops,)
        if all(can(role, op) for op in ops):
            call(actor)
        else:
            with pytest.raises(PermissionDenied):
                call(actor)
    assert check_stock_invariants(shop.db) == []


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_read_stock(plant, role):
    shop = make_shop(plant)
    shop.lot(10, "10")
    actor = getattr(plant, role.value)
    assert stock.list_stock(shop.db, actor)
    assert stock.list_lots(shop.db, actor)
    assert stock.list_movements(shop.db, actor).rows
    assert stock.preview_issue(shop.db, actor, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=1).enough
    assert stock.get_valuation(shop.db, actor, as_of=utcnow()).rows
    assert stock.find_by_code(shop.db, actor, "ST-40X-D40").product.id == shop.steel.id
