"""Stock master data: products, warehouses, suppliers (scanned codes: services/labels/scan.py).

Records in use are deactivated, never deleted: lots and the journal refer to them forever.
"""

from __future__ import annotations

from sqlalchemy import select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Lot, Product, Supplier, Warehouse
from erp_desktop.db.text_match import equals_ignoring_case
from erp_desktop.domain.inputs import clean_search
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Category, Unit, exact_qty
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_text
from erp_desktop.services.stock.dto import ProductDTO, SupplierDTO, WarehouseDTO
from erp_desktop.services.stock.rows import product_dto, product_matches, supplier_dto, warehouse_dto
from erp_desktop.services.uow import UnitOfWork, run_read, run_write, snapshot

PRODUCT_FIELDS = ("sku", "name", "unit", "category", "grade", "size", "min_level", "is_active")
WAREHOUSE_FIELDS = ("code", "name", "is_active")
SUPPLIER_FIELDS = ("name", "contact", "is_active")


def _enum(enum, value, *, field: str, label: str):
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown {label} '{value}'. Choose one of: {choices}."), label=label, value=value, choices=choices, field=field) from None


# --------------------------------------------------------------------------- products


def _check_sku_free(uow: UnitOfWork, sku: str, exclude_id: int | None = None) -> None:
    query = select(Product.id).where(Product.org_id == uow.org_id, equals_ignoring_case(Product.sku, sku))
    if exclude_id is not None:
        query = query.where(Product.id != exclude_id)
    if uow.session.execute(query).first():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "SKU '{sku}' is already used by another product. Enter a different SKU."), sku=sku, field="sku")


def create_product(db: Database, actor: Actor, *, sku: str, name: str, unit: Unit | str, category: Category | str,
                   grade: str = "", size: str = "", min_level=0) -> ProductDTO:
    actor.require(Op.MANAGE_STOCK_MASTER_DATA)
    sku = column_text(Product.sku, sku, label=QT_TRANSLATE_NOOP("errors", "SKU"), required=True)
    if any(ch.isspace() for ch in sku):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A SKU cannot contain spaces (a barcode scanner types it)."), field="sku")
    name = column_text(Product.name, name, label=QT_TRANSLATE_NOOP("errors", "product name"), required=True)
    unit = _enum(Unit, unit, field="unit", label=QT_TRANSLATE_NOOP("errors", "unit"))
    category = _enum(Category, category, field="category", label=QT_TRANSLATE_NOOP("errors", "category"))
    grade = column_text(Product.grade, grade, label=QT_TRANSLATE_NOOP("errors", "material grade"))
    size = column_text(Product.size, size, label=QT_TRANSLATE_NOOP("errors", "size"))
    min_level = exact_qty(min_level, field="min_level", label=QT_TRANSLATE_NOOP("errors", "minimum level"), allow_zero=True)

    def work(uow: UnitOfWork):
        _check_sku_free(uow, sku)
        product = Product(org_id=uow.org_id, sku=sku, name=name, unit=unit.value, category=category.value,
                          grade=grade, size=size, min_level=min_level, is_active=True)
        uow.session.add(product)
        uow.session.flush()
        uow.audit("product", product.id, "create", after=snapshot(product, PRODUCT_FIELDS))
        uow.changed("products", product.id)
        return product_dto(product)

    return run_write(db, actor, work)


def update_product(db: Database, actor: Actor, product_id: int, *, version: int, sku: str | None = None,
                   name: str | None = None, unit: Unit | str | None = None, category: Category | str | None = None,
                   grade: str | None = None, size: str | None = None, min_level=None) -> ProductDTO:
    """Change the given fields; the unit cannot change once stock has been recorded."""
    actor.require(Op.MANAGE_STOCK_MASTER_DATA)
    changes: dict = {}
    if sku is not None:
        changes["sku"] = column_text(Product.sku, sku, label=QT_TRANSLATE_NOOP("errors", "SKU"), required=True)
        if any(ch.isspace() for ch in changes["sku"]):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A SKU cannot contain spaces (a barcode scanner types it)."), field="sku")
    if name is not None:
        changes["name"] = column_text(Product.name, name, label=QT_TRANSLATE_NOOP("errors", "product name"), required=True)
    if unit is not None:
        changes["unit"] = _enum(Unit, unit, field="unit", label=QT_TRANSLATE_NOOP("errors", "unit")).value
    if category is not None:
        changes["category"] = _enum(Category, category, field="category", label=QT_TRANSLATE_NOOP("errors", "category")).value
    if grade is not None:
        changes["grade"] = column_text(Product.grade, grade, label=QT_TRANSLATE_NOOP("errors", "material grade"))
    if size is not None:
        changes["size"] = column_text(Product.size, size, label=QT_TRANSLATE_NOOP("errors", "size"))
    if min_level is not None:
        changes["min_level"] = exact_qty(min_level, field="min_level", label=QT_TRANSLATE_NOOP("errors", "minimum level"), allow_zero=True)

    def work(uow: UnitOfWork):
        product = uow.get_owned(Product, product_id, "product", version=version)
        before = snapshot(product, PRODUCT_FIELDS)
        if "sku" in changes and changes["sku"] != product.sku:
            _check_sku_free(uow, changes["sku"], exclude_id=product.id)
        if "unit" in changes and changes["unit"] != product.unit:
            used = uow.session.execute(select(Lot.id).where(Lot.product_id == product.id).limit(1)).first()
            if used:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "{name} already has stock recorded in {unit}; its unit cannot change. Create a new product for the other unit."), name=product.name, unit=Unit(product.unit), field="unit")
        for key, value in changes.items():
            setattr(product, key, value)
        uow.session.flush()
        uow.audit("product", product.id, "update", before, snapshot(product, PRODUCT_FIELDS))
        uow.changed("products", product.id)
        return product_dto(product)

    return run_write(db, actor, work)


def _set_active(db: Database, actor: Actor, model, record_id: int, active: bool, version: int, what: str,
                fields: tuple[str, ...], topic: str, to_dto):
    """Deactivate or reactivate a master record (never deleted), audited with before and after."""

    def work(uow: UnitOfWork):
        record = uow.get_owned(model, record_id, what, version=version)
        before = snapshot(record, fields)
        record.is_active = bool(active)
        uow.session.flush()
        uow.audit(what, record.id, "activate" if active else "deactivate", before, snapshot(record, fields))
        uow.changed(topic, record.id)
        return to_dto(record)

    return run_write(db, actor, work)


def set_product_active(db: Database, actor: Actor, product_id: int, active: bool, *, version: int) -> ProductDTO:
    """Deactivate (hide from pickers, refuse new receipts) or reactivate; never deletes."""
    actor.require(Op.MANAGE_STOCK_MASTER_DATA)

    return _set_active(db, actor, Product, product_id, active, version, "product", PRODUCT_FIELDS, "products", product_dto)


def get_product(db: Database, actor: Actor, product_id: int) -> ProductDTO:
    return run_read(db, actor, lambda uow: product_dto(uow.get_owned(Product, product_id, QT_TRANSLATE_NOOP("errors", "product"))))


def list_products(db: Database, actor: Actor, *, search: str = "", category: Category | str | None = None,
                  include_inactive: bool = False, limit: int = 5000) -> list[ProductDTO]:
    """Products by SKU; ``search`` matches SKU, name, grade or size (case-insensitive)."""
    search = clean_search(search)

    def work(uow: UnitOfWork):
        query = select(Product).where(Product.org_id == uow.org_id).order_by(Product.sku).limit(limit)
        if not include_inactive:
            query = query.where(Product.is_active.is_(True))
        if category:
            query = query.where(Product.category == Category(category).value)
        matches = product_matches(search)
        if matches is not None:
            query = query.where(matches)
        return [product_dto(p) for p in uow.session.execute(query).scalars()]

    return run_read(db, actor, work)


# --------------------------------------------------------------------------- warehouses


def _check_warehouse_free(uow: UnitOfWork, code: str, exclude_id: int | None = None) -> None:
    query = select(Warehouse.id).where(Warehouse.org_id == uow.org_id, equals_ignoring_case(Warehouse.code, code))
    if exclude_id is not None:
        query = query.where(Warehouse.id != exclude_id)
    if uow.session.execute(query).first():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Warehouse code '{code}' is already used. Enter a different code."), code=code, field="code")


def create_warehouse(db: Database, actor: Actor, *, code: str, name: str) -> WarehouseDTO:
    actor.require(Op.MANAGE_STOCK_MASTER_DATA)
    code = column_text(Warehouse.code, code, label=QT_TRANSLATE_NOOP("errors", "warehouse code"), required=True)
    name = column_text(Warehouse.name, name, label=QT_TRANSLATE_NOOP("errors", "warehouse name"), required=True)

    def work(uow: UnitOfWork):
        _check_warehouse_free(uow, code)
        warehouse = Warehouse(org_id=uow.org_id, code=code, name=name, is_active=True)
        uow.session.add(warehouse)
        uow.session.flush()
        uow.audit("warehouse", warehouse.id, "create", after=snapshot(warehouse, WAREHOUSE_FIELDS))
        uow.changed("warehouses", warehouse.id)
        return warehouse_dto(warehouse)

    return run_write(db, actor, work)


def update_warehouse(db: Database, actor: Actor, warehouse_id: int, *, version: int, code: str | None = None,
                     name: str | None = None) -> WarehouseDTO:
    actor.require(Op.MANAGE_STOCK_MASTER_DATA)
    code = column_text(Warehouse.code, code, label=QT_TRANSLATE_NOOP("errors", "warehouse code"), required=True) if code is not None else None
    name = column_text(Warehouse.name, name, label=QT_TRANSLATE_NOOP("errors", "warehouse name"), required=True) if name is not None else None

    def work(uow: UnitOfWork):
        warehouse = uow.get_owned(Warehouse, warehouse_id, "warehouse", version=version)
        before = snapshot(warehouse, WAREHOUSE_FIELDS)
        if code is not None and code != warehouse.code:
            _check_warehouse_free(uow, code, exclude_id=warehouse.id)
            warehouse.code = code
        if name is not None:
            warehouse.name = name
        uow.session.flush()
        uow.audit("warehouse", warehouse.id, "update", before, snapshot(warehouse, WAREHOUSE_FIELDS))
        uow.changed("warehouses", warehouse.id)
        return warehouse_dto(warehouse)

    return run_write(db, actor, work)


def set_warehouse_active(db: Database, actor: Actor, warehouse_id: int, active: bool, *,
                         version: int) -> WarehouseDTO:
    """A deactivated warehouse receives nothing new; its stock can still be issued or moved out."""
    actor.require(Op.MANAGE_STOCK_MASTER_DATA)

    return _set_active(db, actor, Warehouse, warehouse_id, active, version, "warehouse", WAREHOUSE_FIELDS, "warehouses", warehouse_dto)


def list_warehouses(db: Database, actor: Actor, *, include_inactive: bool = False) -> list[WarehouseDTO]:
    def work(uow: UnitOfWork):
        query = select(Warehouse).where(Warehouse.org_id == uow.org_id).order_by(Warehouse.name, Warehouse.id)
        if not include_inactive:
            query = query.where(Warehouse.is_active.is_(True))
        return [warehouse_dto(w) for w in uow.session.execute(query).scalars()]

    return run_read(db, actor, work)


def get_warehouse(db: Database, actor: Actor, warehouse_id: int) -> WarehouseDTO:
    return run_read(db, actor, lambda uow: warehouse_dto(uow.get_owned(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse"))))


# --------------------------------------------------------------------------- suppliers


def _check_supplier_free(uow: UnitOfWork, name: str, exclude_id: int | None = None) -> None:
    query = select(Supplier.id).where(Supplier.org_id == uow.org_id, equals_ignoring_case(Supplier.name, name))
    if exclude_id is not None:
        query = query.where(Supplier.id != exclude_id)
    if uow.session.execute(query).first():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A supplier named '{name}' already exists."), name=name, field="name")


def create_supplier(db: Database, actor: Actor, *, name: str, contact: str = "") -> SupplierDTO:
    actor.require(Op.MANAGE_SUPPLIERS)
    name = column_text(Supplier.name, name, label=QT_TRANSLATE_NOOP("errors", "supplier name"), required=True)
    contact = column_text(Supplier.contact, contact, label=QT_TRANSLATE_NOOP("errors", "contact"))

    def work(uow: UnitOfWork):
        _check_supplier_free(uow, name)
        supplier = Supplier(org_id=uow.org_id, name=name, contact=contact, is_active=True)
        uow.session.add(supplier)
        uow.session.flush()
        uow.audit("supplier", supplier.id, "create", after=snapshot(supplier, SUPPLIER_FIELDS))
        uow.changed("suppliers", supplier.id)
        return supplier_dto(supplier)

    return run_write(db, actor, work)


def update_supplier(db: Database, actor: Actor, supplier_id: int, *, version: int, name: str | None = None,
                    contact: str | None = None) -> SupplierDTO:
    actor.require(Op.MANAGE_SUPPLIERS)
    name = column_text(Supplier.name, name, label=QT_TRANSLATE_NOOP("errors", "supplier name"), required=True) if name is not None else None
    contact = column_text(Supplier.contact, contact, label=QT_TRANSLATE_NOOP("errors", "contact")) if contact is not None else None

    def work(uow: UnitOfWork):
        supplier = uow.get_owned(Supplier, supplier_id, "supplier", version=version)
        before = snapshot(supplier, SUPPLIER_FIELDS)
        if name is not None and name != supplier.name:
            _check_supplier_free(uow, name, exclude_id=supplier.id)
            supplier.name = name
        if contact is not None:
            supplier.contact = contact
        uow.session.flush()
        uow.audit("supplier", supplier.id, "update", before, snapshot(supplier, SUPPLIER_FIELDS))
        uow.changed("suppliers", supplier.id)
        return supplier_dto(supplier)

    return run_write(db, actor, work)


def set_supplier_active(db: Database, actor: Actor, supplier_id: int, active: bool, *, version: int) -> SupplierDTO:
    actor.require(Op.MANAGE_SUPPLIERS)

    return _set_active(db, actor, Supplier, supplier_id, active, version, "supplier", SUPPLIER_FIELDS, "suppliers", supplier_dto)


def list_suppliers(db: Database, actor: Actor, *, include_inactive: bool = False) -> list[SupplierDTO]:
    def work(uow: UnitOfWork):
        query = select(Supplier).where(Supplier.org_id == uow.org_id).order_by(Supplier.name, Supplier.id)
        if not include_inactive:
            query = query.where(Supplier.is_active.is_(True))
        return [supplier_dto(s) for s in uow.session.execute(query).scalars()]

    return run_read(db, actor, work)


def get_supplier(db: Database, actor: Actor, supplier_id: int) -> SupplierDTO:
    return run_read(db, actor, lambda uow: supplier_dto(uow.get_owned(Supplier, supplier_id, QT_TRANSLATE_NOOP("errors", "supplier"))))
