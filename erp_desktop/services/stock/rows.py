"""Stock master records as DTOs and the products' search, shared by master data, reports and scanning."""

from __future__ import annotations

from erp_desktop.db.models import Product, Supplier, Warehouse
from erp_desktop.db.text_match import contains_ignoring_case
from erp_desktop.domain.stock import Category, Unit
from erp_desktop.services.stock.dto import ProductDTO, SupplierDTO, WarehouseDTO


def product_dto(p: Product) -> ProductDTO:
    return ProductDTO(p.id, p.sku, p.name, Unit(p.unit), Category(p.category), p.grade, p.size, p.min_level,
                      p.is_active, p.version)


def warehouse_dto(w: Warehouse) -> WarehouseDTO:
    return WarehouseDTO(w.id, w.code, w.name, w.is_active, w.version)


def supplier_dto(s: Supplier) -> SupplierDTO:
    return SupplierDTO(s.id, s.name, s.contact, s.is_active, s.version)


def product_matches(search: str):
    """Products whose SKU, name, grade or size contains ``search`` (any letter case, taken literally); None
    for an empty search. The products list and the stock views search the same way."""
    return contains_ignoring_case((Product.sku, Product.name, Product.grade, Product.size), search)
