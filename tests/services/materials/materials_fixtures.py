"""Materials test data: the shop of the stock tests plus a three-level product (GEAR-ASM -> SHAFT -> BUSHING)
with its BOMs, stock of the bought components and a part for 40 on a two-stage route."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from types import SimpleNamespace

from erp_desktop.services import materials, stock
from erp_desktop.services.production import facts, parts, stages
from tests.services.stock.stock_fixtures import make_shop


def make_materials(plant, *, part_qty: int = 40) -> SimpleNamespace:
    shop = make_shop(plant)
    db, admin, tech = plant.db, plant.admin, plant.technologist
    new = stock.create_product
    gear = new(db, admin, sku="GEAR-ASM", name="Gear assembly", unit="pcs", category="finished")
    shaft = new(db, admin, sku="SHAFT-1", name="Shaft", unit="pcs", category="component")
    bushing = new(db, admin, sku="BUSH-1", name="Bushing", unit="pcs", category="component")
    sheet = new(db, admin, sku="SHEET-2", name="Sheet 2 mm", unit="sheet", category="metal")
    # level 1: a shaft per gear (made), 4 bolts per gear + 2 per order (bought)
    gear_bom = materials.create_bom(db, tech, product_id=gear.id, lines=[
        {"component_id": shaft.id, "qty_per_unit": D("1"), "sourcing": "make"},
        {"component_id": shop.bolt.id, "qty_per_unit": D("4"), "fixed_qty": D("2"), "sourcing": "buy"},
    ])
    # level 2: two bushings per shaft +5 % scrap (made); 0.25 kg steel per shaft + 0.5 kg set-up, +5 % scrap
    shaft_bom = materials.create_bom(db, tech, product_id=shaft.id, lines=[
        {"component_id": bushing.id, "qty_per_unit": D("2"), "scrap_percent": D("5"), "sourcing": "make"},
        {"component_id": shop.steel.id, "qty_per_unit": D("0.25"), "fixed_qty": D("0.5"), "scrap_percent": D("5")},
    ])
    # level 3: 0.01 sheet per bushing
    bushing_bom = materials.create_bom(db, tech, product_id=bushing.id, lines=[
        {"component_id": sheet.id, "qty_per_unit": D("0.01")},
    ])
    steel_old = shop.lot(10, "2.50")
    steel_new = shop.lot(20, "3.10")
    bolts = shop.lot(200, "0.15", product=shop.bolt)
    sheets = shop.lot(3, "120", product=sheet)
    line = SimpleNamespace(**{s.code: s for s in stages.create_default_stages(db, tech)})
    part = parts.create_part(db, plant.master, code="GA-40", name="Gear assembly x40", planned_qty=part_qty,
                             route=[line.fitting.id, line.packing.id], deadline=date.today() + timedelta(days=10))
    materials.set_part_bom(db, tech, part.id, product_id=gear.id)
    return SimpleNamespace(shop=shop, gear=gear, shaft=shaft, bushing=bushing, sheet=sheet, gear_bom=gear_bom,
                           shaft_bom=shaft_bom, bushing_bom=bushing_bom, steel_old=steel_old, steel_new=steel_new,
                           bolts=bolts, sheets=sheets, line=line, part=part)


def make_good(plant, m, qty: int) -> None:
    """``qty`` good pieces through the whole route (fitting, packing: no shift needed)."""
    for stage in (m.line.fitting, m.line.packing):
        facts.create_fact(plant.db, plant.master, part_id=m.part.id, stage_id=stage.id,
                          fact_date=date.today() - timedelta(days=1), qty_good=qty)
