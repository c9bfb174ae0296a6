"""Importing master data and opening stock: every error at once in the dry run, one transaction, re-importing
changes nothing. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import openpyxl
import pytest
from sqlalchemy import func, select

from erp_desktop.db.models import AuditEntry, Lot, Product, StockDocument
from erp_desktop.errors import PermissionDenied
from erp_desktop.services import imports, stock
from erp_desktop.services.imports import Action, ImportCancelled, ImportKind, ImportRefused, Section
from erp_desktop.services.production import stages as stage_service
from erp_desktop.services.production.parts import list_parts
from tests.factories import admin_of

PRODUCTS = [("Артикул", "Наименование", "Ед.", "Категория", "Марка", "Размер", "Минимум"),
            ("ST-40X", "Сталь 40Х круг", "кг", "металл", "40Х", "d40", 50),
            ("BOLT-M8", "Болт М8х30", "pcs", "fastener", None, None, 100),
            ("OIL-1", "Масло И-20", "л", "consumable", None, None, 0.5)]
SUPPLIERS = [("Поставщик", "Контакт"), ("Сталь-Трейд", "+7 495 000-00-00"), ("Метиз", "")]
STOCK = [("Артикул", "Склад", "Партия", "Дата поступления", "Количество", "Цена", "Качество", "Сертификат",
          "Поставщик"),
         ("ST-40X", "MAIN", "H-1", datetime(2026, 1, 10), 120.5, 95.25, "APPROVED", "CERT-1", "Сталь-Трейд"),
         ("ST-40X", "MAIN", "H-2", "15.02.2026", "80,000", "101,5", "APPROVED", "CERT-2", "Сталь-Трейд"),
         ("BOLT-M8", "MAIN", "B-1", date(2026, 2, 1), 1000, 2.1, "", "", "Метиз")]


def _workbook(path, *, stock_rows=STOCK, products=PRODUCTS):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in (("Products", products), ("Поставщики", SUPPLIERS), ("Остатки", stock_rows)):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _sections(path) -> list[Section]:
    file = imports.read_file(path)
    sections = []
    for sheet in file.sheets:
        kind = imports.guess_kind(sheet.name)
        sections.append(Section(kind, sheet, imports.guess_mapping(kind, sheet.headers)))
    return sections


@pytest.fixture
def plant_with_warehouse(plant):
    stock.create_warehouse(plant.db, plant.admin, code="MAIN", name="Main store")
    return plant


def _count(db, model) -> int:
    with admin_of(db).sessions() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_excel_with_a_mistake_is_reported_cell_by_cell_then_imported_once(plant_with_warehouse, tmp_path):
    plant = plant_with_warehouse
    db, admin = plant.db, plant.admin
    bad_products = [*PRODUCTS[:2], ("BOLT M8", "Болт", "штуки", "fastener", None, None, -1), PRODUCTS[3]]
    bad_stock = [*STOCK[:2], ("ST-40X", "MAIN", "H-2", "31.02.2026", "abc", "101,5", "APPROVED", "", "Нет такого"),
                 STOCK[3]]
    path = _workbook(tmp_path / "plant.xlsx", stock_rows=bad_stock, products=bad_products)

    report = imports.dry_run(db, admin, _sections(path))

    found = {(e.sheet, e.row, e.column) for e in report.errors}
    assert found == {
        ("Products", 3, "Артикул"), ("Products", 3, "Ед."), ("Products", 3, "Минимум"),
        ("Остатки", 3, "Дата поступления"), ("Остатки", 3, "Количество"), ("Остатки", 3, "Поставщик"),
        ("Остатки", 4, "Артикул"),  # BOLT-M8 is not created: its row was refused
    }
    by_cell = {(e.row, e.column): e for e in report.errors}
    assert by_cell[(3, "Ед.")].value == "штуки" and "Unknown unit" in str(by_cell[(3, "Ед.")].message)
    assert "spaces" in str(by_cell[(3, "Артикул")].message)
    assert by_cell[(3, "Количество")].value == "abc"
    assert _count(db, Product) == 0 and _count(db, Lot) == 0  # a dry run writes nothing
    with pytest.raises(ImportRefused) as refused:
        imports.run_import(db, admin, _sections(path))
    assert len(refused.value.report.errors) == 7
    assert _count(db, Product) == 0 and _count(db, StockDocument) == 0

    path = _workbook(tmp_path / "plant.xlsx")  # fixed
    check = imports.dry_run(db, admin, _sections(path))
    assert check.ok
    assert {c.kind: (c.created, c.updated, c.unchanged) for c in check.counts} == {
        ImportKind.PRODUCTS: (3, 0, 0), ImportKind.SUPPLIERS: (2, 0, 0), ImportKind.OPENING_STOCK: (3, 0, 0)}
    done = imports.run_import(db, admin, _sections(path), source=str(path))
    assert done.written and len(done.documents) == 3  # one receipt per received date

    products = {p.sku: p for p in stock.list_products(db, admin)}
    assert products["OIL-1"].unit.value == "l" and products["OIL-1"].min_level == D("0.5")
    assert products["ST-40X"].category.value == "metal"
    lots = stock.list_lots(db, admin, product_id=products["ST-40X"].id)
    assert sorted((lot.lot_number, lot.on_hand, lot.unit_cost, lot.received_at.date()) for lot in lots) == [
        ("H-1", D("120.5"), D("95.25"), date(2026, 1, 10)), ("H-2", D("80"), D("101.5"), date(2026, 2, 15))]
    bolts = stock.list_lots(db, admin, product_id=products["BOLT-M8"].id)
    assert bolts[0].quality.value == "PENDING" and bolts[0].supplier_name == "Метиз"
    # FIFO by the received dates: the January lot goes first
    issued = stock.issue_stock(db, admin, product_id=products["ST-40X"].id,
                               warehouse_id=stock.list_warehouses(db, admin)[0].id, qty=D("10"))
    assert issued.movements[0].lot_number == "H-1"

    again = imports.run_import(db, admin, _sections(path), source=str(path))
    assert not again.changes_anything and again.documents == ()
    assert {a for r in again.rows for a in [r.action]} == {Action.UNCHANGED}
    assert _count(db, Lot) == 3 and _count(db, StockDocument) == 4  # 3 receipts + the issue


def test_csv_in_windows_1251_with_semicolons_updates_changed_rows_with_audit(plant):
    db, admin = plant.db, plant.admin
    stock.create_product(db, admin, sku="ST-40X", name="Сталь", unit="kg", category="metal")
    data = "Артикул;Наименование;Ед.;Категория;Марка\nst-40x;Сталь 40Х;кг;металл;40Х\nP-2;Пруток;м;metal;\n"
    file = imports.read_csv_bytes(data.encode("cp1251"), "products")
    assert (file.encoding, file.delimiter) == ("cp1251", ";")
    sheet = file.sheets[0]
    section = Section(ImportKind.PRODUCTS, sheet, imports.guess_mapping(ImportKind.PRODUCTS, sheet.headers))

    report = imports.dry_run(db, admin, [section])
    assert [(r.key, r.action) for r in report.rows] == [("st-40x", Action.UPDATE), ("P-2", Action.CREATE)]
    assert {(c.before, c.after) for c in report.rows[0].changes} == {("Сталь", "Сталь 40Х"), ("", "40Х")}
    imports.run_import(db, admin, [section], source="products.csv")

    product = next(p for p in stock.list_products(db, admin) if p.sku == "ST-40X")
    assert (product.name, product.grade, product.version) == ("Сталь 40Х", "40Х", 2)
    with admin_of(db).sessions() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.entity == "product",
                                                         AuditEntry.action == "update")).scalar_one()
    assert entry.before["name"] == "Сталь" and entry.after["name"] == "Сталь 40Х"
    assert imports.run_import(db, admin, [section]).changes_anything is False


def test_parts_with_routes_by_stage_codes(plant):
    db = plant.db
    stage_service.create_default_stages(db, plant.admin)
    codes = [s.code for s in stage_service.list_stages(db, plant.admin)]
    data = (f"Обозначение,Наименование,План,Маршрут,Заказчик,Срок\n"
            f"DRW-1,Вал,10,{codes[0]} > {codes[1]},Завод,01.06.2026\n"
            f"DRW-2,Втулка,5,{codes[0]} > NOPE,,\n")
    sheet = imports.read_csv_bytes(data.encode(), "parts").sheets[0]
    section = Section(ImportKind.PARTS, sheet, imports.guess_mapping(ImportKind.PARTS, sheet.headers))
    report = imports.dry_run(db, plant.technologist, [section])
    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, "Маршрут", f"{codes[0]} > NOPE")]

    good = Section(ImportKind.PARTS, imports.Sheet("parts", sheet.headers, sheet.rows[:1]), section.mapping)
    imports.run_import(db, plant.technologist, [good])
    (part,) = list_parts(db, plant.admin).rows
    assert (part.code, part.planned_qty, part.deadline) == ("DRW-1", 10, date(2026, 6, 1))
    assert [s.code for s in part.stages] == codes[:2]
    assert not imports.run_import(db, plant.technologist, [good]).changes_anything


def test_roles_without_the_right_cannot_import(plant_with_warehouse):
    plant = plant_with_warehouse
    sheet = imports.Sheet("s", STOCK[0], tuple((n, row) for n, row in enumerate(STOCK[1:], start=2)))
    opening = Section(ImportKind.OPENING_STOCK, sheet, imports.guess_mapping(ImportKind.OPENING_STOCK, STOCK[0]))
    with pytest.raises(PermissionDenied):
        imports.dry_run(plant.db, plant.viewer, [opening])
    stock.create_product(plant.db, plant.admin, sku="ST-40X", name="Steel", unit="kg", category="metal")
    stock.create_supplier(plant.db, plant.admin, name="Сталь-Трейд")
    # a supply clerk receives PENDING stock only; APPROVED needs a quality inspector's right
    report = imports.dry_run(plant.db, plant.supply, [opening])
    assert {(e.row, e.column) for e in report.errors if "may not" in str(e.message)} == {(2, "Качество"),
                                                                                          (3, "Качество")}


def test_cancelled_import_writes_nothing(plant):
    rows = tuple((n, (f"W{n}", f"Склад {n}")) for n in range(2, 1200))
    section = Section(ImportKind.WAREHOUSES, imports.Sheet("w", ("Код", "Склад"), rows), {"code": 0, "name": 1})
    with pytest.raises(ImportCancelled):
        imports.run_import(plant.db, plant.admin, [section], cancelled=lambda: True)
    assert stock.list_warehouses(plant.db, plant.admin) == []
    seen = []
    imports.run_import(plant.db, plant.admin, [section], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (1198, 1198) and len(stock.list_warehouses(plant.db, plant.admin)) == 1198


def _stock_section(rows) -> Section:
    sheet = imports.Sheet("Остатки", STOCK[0], tuple((n, row) for n, row in enumerate(rows, start=2)))
    return Section(ImportKind.OPENING_STOCK, sheet, imports.guess_mapping(ImportKind.OPENING_STOCK, STOCK[0]))


def test_supply_clerk_imports_pending_opening_stock_and_lots_are_not_imported_twice(plant_with_warehouse):
    plant = plant_with_warehouse
    db, supply = plant.db, plant.supply
    steel = stock.create_product(db, supply, sku="ST-40X", name="Steel", unit="kg", category="metal")
    rows = [("ST-40X", "main", "H-1", "10.01.2026", "5", "2", "", "", "")]
    report = imports.run_import(db, supply, [_stock_section(rows)])
    assert report.written and len(report.documents) == 1
    (lot,) = stock.list_lots(db, supply, product_id=steel.id)
    assert (lot.on_hand, lot.quality.value) == (D("5"), "PENDING")

    changed = [("ST-40X", "MAIN", "h-1", "10.01.2026", "6", "2", "", "", "")]  # same lot, another quantity
    (error,) = imports.dry_run(db, supply, [_stock_section(changed)]).errors
    assert (error.row, error.column) == (2, "Количество") and "adjustment" in str(error.message)
    later = stock.receive_stock(db, supply, product_id=steel.id, warehouse_id=lot.warehouse_id, qty=D("1"),
                                unit_cost=D("1"))
    assert later.number
    older = [("ST-40X", "MAIN", "H-0", "05.01.2026", "1", "1", "", "", "")]  # before the last movement
    (error,) = imports.dry_run(db, supply, [_stock_section(older)]).errors
    assert error.column == "Дата поступления" and "earlier than the last movement" in str(error.message)


def test_unit_of_a_product_with_stock_and_route_of_a_part_are_not_changed_by_an_import(plant_with_warehouse):
    plant = plant_with_warehouse
    db, admin = plant.db, plant.admin
    steel = stock.create_product(db, admin, sku="ST-40X", name="Steel", unit="kg", category="metal")
    stock.receive_stock(db, admin, product_id=steel.id, warehouse_id=stock.list_warehouses(db, admin)[0].id,
                        qty=D("1"), unit_cost=D("1"))
    sheet = imports.Sheet("p", PRODUCTS[0], ((2, ("ST-40X", "Steel", "m", "metal", None, None, 0)),))
    section = Section(ImportKind.PRODUCTS, sheet, imports.guess_mapping(ImportKind.PRODUCTS, PRODUCTS[0]))
    (error,) = imports.dry_run(db, admin, [section]).errors
    assert error.column == "Ед." and "its unit cannot change" in str(error.message)

    stage_service.create_default_stages(db, admin)
    codes = [s.code for s in stage_service.list_stages(db, admin)]
    headers = ("Code", "Name", "Planned", "Route")
    first = Section(ImportKind.PARTS, imports.Sheet("parts", headers, ((2, ("D-1", "Вал", 5, codes[0])),)),
                    imports.guess_mapping(ImportKind.PARTS, headers))
    imports.run_import(db, admin, [first])
    rerouted = Section(ImportKind.PARTS, imports.Sheet("parts", headers, ((2, ("D-1", "Вал", 7, codes[1])),)),
                       first.mapping)
    (error,) = imports.dry_run(db, admin, [rerouted]).errors
    assert error.column == "Route" and "does not change routes" in str(error.message)
