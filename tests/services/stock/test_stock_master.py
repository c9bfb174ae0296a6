"""Products, warehouses, suppliers and scanned codes."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from erp_desktop.domain.stock import Category, Unit
from erp_desktop.errors import ConcurrentModification, NotFound, ValidationError
from erp_desktop.services import stock
from erp_desktop.services.admin import audit
from tests.services.stock.stock_fixtures import make_shop


@pytest.fixture
def shop(plant):
    return make_shop(plant)


def test_product_is_created_with_exact_minimum_and_audited(shop):
    product = stock.create_product(shop.db, shop.admin, sku="CUT-16", name="End mill d16", unit="pcs",
                                   category="tooling", min_level="4")
    assert product.unit == Unit.PCS and product.category == Category.TOOLING and product.min_level == D("4.000")
    entry = audit.list_audit(shop.db, shop.admin, entity="product").rows[0]
    assert entry.action == "create" and entry.after["sku"] == "CUT-16"


@pytest.mark.parametrize("kwargs,field", [
    ({"sku": "st-40x-d40"}, "sku"), ({"sku": "HAS SPACE"}, "sku"), ({"sku": " "}, "sku"), ({"name": ""}, "name"),
    ({"unit": "ton"}, "unit"), ({"category": "food"}, "category"), ({"min_level": "-1"}, "min_level"),
])
def test_invalid_products_are_refused_with_the_field_named(shop, kwargs, field):
    args = {"sku": "NEW-1", "name": "New", "unit": "kg", "category": "metal", **kwargs}
    with pytest.raises(ValidationError) as error:
        stock.create_product(shop.db, shop.admin, **args)
    assert error.value.field == field


def test_stale_product_edit_is_a_conflict(shop):
    stock.update_product(shop.db, shop.admin, shop.bolt.id, version=shop.bolt.version, name="Bolt M8x35")
    with pytest.raises(ConcurrentModification):
        stock.update_product(shop.db, shop.admin, shop.bolt.id, version=shop.bolt.version, name="Other")
    fresh = stock.get_product(shop.db, shop.admin, shop.bolt.id)
    assert fresh.name == "Bolt M8x35" and fresh.version == shop.bolt.version + 1
    entry = audit.list_audit(shop.db, shop.admin, entity="product").rows[0]
    assert entry.before["name"] == "Bolt M8x30" and entry.after["name"] == "Bolt M8x35"


def test_unit_cannot_change_once_stock_was_recorded(shop):
    shop.lot(1, "1")
    with pytest.raises(ValidationError, match="unit cannot change"):
        stock.update_product(shop.db, shop.admin, shop.steel.id, version=shop.steel.version, unit="m")
    bolt = stock.update_product(shop.db, shop.admin, shop.bolt.id, version=shop.bolt.version, unit="l")
    assert bolt.unit == Unit.L


def test_a_product_in_use_is_deactivated_not_deleted(shop):
    shop.lot(5, "1")
    product = stock.set_product_active(shop.db, shop.admin, shop.steel.id, False, version=shop.steel.version)
    assert not product.is_active
    assert shop.steel.id not in {p.id for p in stock.list_products(shop.db, shop.admin)}
    assert shop.steel.id in {p.id for p in stock.list_products(shop.db, shop.admin, include_inactive=True)}
    # its stock can still be used up
    stock.issue_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("5"))
    stock.set_product_active(shop.db, shop.admin, shop.steel.id, True, version=product.version)


def test_product_search_and_category_filter(shop):
    assert [p.sku for p in stock.list_products(shop.db, shop.admin, search="40x")] == ["ST-40X-D40"]
    assert [p.sku for p in stock.list_products(shop.db, shop.admin, search="d40")] == ["ST-40X-D40"]
    assert [p.sku for p in stock.list_products(shop.db, shop.admin, category="fastener")] == ["BOLT-M8"]


def test_warehouses_and_suppliers(shop):
    with pytest.raises(ValidationError, match="already used"):
        stock.create_warehouse(shop.db, shop.admin, code="main", name="Again")
    with pytest.raises(ValidationError, match="already exists"):
        stock.create_supplier(shop.db, shop.admin, name="steel trade llc")
    renamed = stock.update_warehouse(shop.db, shop.admin, shop.shop1.id, version=shop.shop1.version, name="Shop 1")
    assert renamed.name == "Shop 1"
    gone = stock.set_supplier_active(shop.db, shop.admin, shop.supplier.id, False, version=shop.supplier.version)
    assert stock.list_suppliers(shop.db, shop.admin) == []
    assert stock.list_suppliers(shop.db, shop.admin, include_inactive=True) == [gone]
    with pytest.raises(ValidationError, match="deactivated"):
        stock.receive_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                            qty=1, unit_cost=1, supplier_id=shop.supplier.id)
    assert [w.code for w in stock.list_warehouses(shop.db, shop.plant.viewer)] == ["MAIN", "QA", "SHOP1"]


def test_scanned_code_finds_a_product_by_sku_or_lots_by_number(shop):
    assert stock.find_by_code(shop.db, shop.plant.viewer, " bolt-m8 ").product.id == shop.bolt.id
    lot = shop.lot(10, "1", lot_number="HEAT-2231")
    stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                         to_warehouse_id=shop.shop1.id, qty=D("10"))
    match = stock.find_by_code(shop.db, shop.plant.viewer, "heat-2231")
    assert match.kind == "lot" and match.product.id == shop.steel.id
    assert [x.warehouse_id for x in match.lots] == [shop.shop1.id, shop.main.id]  # the one with stock first
    assert match.lots[1].id == lot
    with pytest.raises(NotFound, match="scan again"):
        stock.find_by_code(shop.db, shop.plant.viewer, "NOPE")
    with pytest.raises(ValidationError):
        stock.find_by_code(shop.db, shop.plant.viewer, "")
