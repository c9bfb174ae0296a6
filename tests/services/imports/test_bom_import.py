"""Importing BOMs (one row per line): every bad cell at once, cycles refused with the path, re-import changes
nothing, a changed quantity updates, a released revision is not changed in place. SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import select

from erp_desktop.db.models import AuditEntry
from erp_desktop.errors import PermissionDenied
from erp_desktop.services import imports
from erp_desktop.services.imports import Action, ImportKind, ImportRefused, Section
from erp_desktop.services.materials import boms as bom_service
from erp_desktop.services.production import stages as stage_service
from erp_desktop.services.production.parts import create_part
from tests.factories import admin_of

PRODUCTS = [("SKU", "Name", "Unit", "Category"),
            ("GEAR-1", "Gear", "pcs", "finished"),
            ("SHAFT-1", "Shaft", "pcs", "component"),
            ("ST-40X", "Steel 40X", "kg", "metal"),
            ("BOLT-M8", "Bolt M8", "pcs", "fastener")]
BOMS = [("Изделие", "Ревизия", "Компонент", "Кол-во на ед.", "На заказ", "Отход %", "Изготовить/купить",
         "Примечание"),
        ("GEAR-1", "", "SHAFT-1", "1", "", "", "изготовить", "first"),
        ("GEAR-1", "", "BOLT-M8", "4", "", "", "покуп.", ""),
        ("SHAFT-1", "", "ST-40X", "2,5", "0,5", "3", "buy", "")]


def _section(kind: ImportKind, rows) -> Section:
    sheet = imports.Sheet(kind.value, rows[0], tuple((n, tuple(r)) for n, r in enumerate(rows[1:], start=2)))
    return Section(kind, sheet, imports.guess_mapping(kind, rows[0]))


def _sections(boms=BOMS):
    return [_section(ImportKind.PRODUCTS, PRODUCTS), _section(ImportKind.BOMS, boms)]


def _bom(db, actor, sku):
    (summary,) = [b for b in bom_service.list_boms(db, actor) if b.sku == sku and b.is_active]
    return bom_service.get_bom(db, actor, summary.id)


def test_russian_headers_map_every_field():
    mapping = imports.guess_mapping(ImportKind.BOMS, BOMS[0])
    assert set(mapping) == {"product", "revision", "component", "qty_per_unit", "fixed_qty", "scrap_percent",
                            "sourcing", "note"}
    assert imports.guess_kind("Спецификации") == ImportKind.BOMS


def test_import_creates_boms_then_reimport_is_a_no_op_and_a_changed_qty_updates(plant):
    db, admin = plant.db, plant.admin
    dry = imports.dry_run(db, admin, _sections())
    assert dry.ok, dry.errors
    assert [(r.key, r.action) for r in dry.rows if r.kind == ImportKind.BOMS] == [
        ("GEAR-1 A", Action.CREATE), ("SHAFT-1 A", Action.CREATE)]

    report = imports.run_import(db, admin, _sections(), source="boms.csv")
    assert report.written
    gear = _bom(db, admin, "GEAR-1")
    assert gear.revision == "A" and gear.note == "first"
    assert [(ln.sku, ln.qty_per_unit, ln.sourcing.value) for ln in gear.lines] == [
        ("SHAFT-1", D(1), "make"), ("BOLT-M8", D(4), "buy")]
    shaft = _bom(db, admin, "SHAFT-1")
    assert [(ln.qty_per_unit, ln.fixed_qty, ln.scrap_percent) for ln in shaft.lines] == [(D("2.5"), D("0.5"), D(3))]

    again = imports.run_import(db, admin, _sections())
    assert not again.changes_anything
    assert _bom(db, admin, "GEAR-1").version == gear.version

    changed = [*BOMS[:2], ("GEAR-1", "A", "BOLT-M8", "6", "", "", "купить", ""), BOMS[3]]
    report = imports.run_import(db, admin, _sections(changed))
    assert [(r.key, r.action) for r in report.rows if r.kind == ImportKind.BOMS] == [
        ("GEAR-1 A", Action.UPDATE), ("SHAFT-1 A", Action.UNCHANGED)]
    assert [ln.qty_per_unit for ln in _bom(db, admin, "GEAR-1").lines] == [D(1), D(6)]
    with admin_of(db).sessions() as session:
        audits = session.execute(select(AuditEntry.action).where(AuditEntry.entity == "bom")
                                 .order_by(AuditEntry.id)).scalars().all()
    assert audits == ["create", "create", "set_lines"]


def test_dry_run_names_every_bad_cell(plant):
    bad = [BOMS[0],
           ("ST-40X", "", "BOLT-M8", "1", "", "", "", ""),       # a bought product has no BOM
           ("GEAR-1", "", "NOPE", "x", "", "900", "maybe", ""),  # component, qty, scrap, make/buy
           ("GEAR-1", "", "BOLT-M8", "0", "0", "", "", "")]      # no quantity at all
    report = imports.dry_run(plant.db, plant.admin, _sections(bad))
    assert {(e.row, e.column) for e in report.errors} == {
        (2, "Изделие"), (3, "Компонент"), (3, "Кол-во на ед."), (3, "Отход %"), (3, "Изготовить/купить"),
        (4, "Кол-во на ед.")}
    with pytest.raises(ImportRefused):  # all or nothing: SHAFT-1's good BOM is not written either
        imports.run_import(plant.db, plant.admin, _sections([*bad, BOMS[3]]))
    assert bom_service.list_boms(plant.db, plant.admin) == ()


def test_a_cycle_is_refused_with_its_path_and_nothing_is_written(plant):
    db, admin = plant.db, plant.admin
    cyclic = [*BOMS, ("SHAFT-1", "", "GEAR-1", "1", "", "", "make", "")]
    report = imports.dry_run(db, admin, _sections(cyclic))
    assert len(report.errors) == 1
    assert "GEAR-1 -> SHAFT-1 -> GEAR-1" in report.errors[0].message or \
        "SHAFT-1 -> GEAR-1 -> SHAFT-1" in report.errors[0].message
    with pytest.raises(ImportRefused):
        imports.run_import(db, admin, _sections(cyclic))
    assert bom_service.list_boms(db, admin) == ()  # all or nothing: the good BOM and the products neither

    # a cycle through a BOM already in the database
    imports.run_import(db, admin, _sections())
    closing = [BOMS[0], ("ST-40X", "", "GEAR-1", "1", "", "", "", "")]
    products = [PRODUCTS[0], *PRODUCTS[1:3], ("ST-40X", "Steel 40X", "kg", "component"), PRODUCTS[4]]
    report = imports.dry_run(db, admin, [_section(ImportKind.PRODUCTS, products), _section(ImportKind.BOMS, closing)])
    (error,) = report.errors
    assert (error.row, error.column, error.value) == (2, "Компонент", "ST-40X -> GEAR-1 -> SHAFT-1 -> ST-40X")


def test_without_manage_boms_the_import_is_refused(plant):
    imports.run_import(plant.db, plant.admin, [_section(ImportKind.PRODUCTS, PRODUCTS)])
    with pytest.raises(PermissionDenied):
        imports.dry_run(plant.db, plant.supply, [_section(ImportKind.BOMS, BOMS)])
    with pytest.raises(PermissionDenied):
        imports.run_import(plant.db, plant.supply, [_section(ImportKind.BOMS, BOMS)])
    assert imports.run_import(plant.db, plant.technologist, [_section(ImportKind.BOMS, BOMS)]).written


def test_a_released_revision_is_not_changed_in_place(plant):
    db, admin = plant.db, plant.admin
    imports.run_import(db, admin, _sections())
    gear = _bom(db, admin, "GEAR-1")
    stage = stage_service.create_stage(db, admin, code="CUT", name="Cutting")
    part = create_part(db, admin, code="DRW-1", name="Gear", planned_qty=5, route=[stage.id])
    bom_service.set_part_bom(db, admin, part.id, product_id=gear.product_id)
    changed = [*BOMS[:2], ("GEAR-1", "", "BOLT-M8", "6", "", "", "", ""), BOMS[3]]
    report = imports.dry_run(db, admin, _sections(changed))
    assert [(e.row, e.column) for e in report.errors] == [(2, "Ревизия")]
    # a new revision named in the file is created (not active: the technologist activates it)
    new_rev = [("Изделие", "Ревизия", "Компонент", "Кол-во на ед."), ("GEAR-1", "B", "BOLT-M8", "6")]
    report = imports.run_import(db, admin, [_section(ImportKind.BOMS, new_rev)])
    assert [(r.key, r.action) for r in report.rows] == [("GEAR-1 B", Action.CREATE)]
    assert _bom(db, admin, "GEAR-1").revision == "A"
