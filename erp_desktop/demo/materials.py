"""Demo materials: bills of materials for the plant's products (SHAFT-100 three levels deep, a bracket), parts
released with them, plans reserved and partly issued, a remainder returned and output posted; through the
materials services, by the demo technologist and supply clerk."""

from __future__ import annotations

from decimal import Decimal

from erp_desktop.db.engine import Database
from erp_desktop.errors import ErpError
from erp_desktop.services import materials, stock
from erp_desktop.services.actor import Actor
from erp_desktop.services.production import parts

D = Decimal

MADE = (("HUB-100", "Hub 100-02", "component"), ("SLEEVE-100", "Sleeve 100-03", "component"),
        ("BRACKET-7", "Bracket 7-01", "component"))
# product sku -> lines (component sku, per unit, fixed per order, scrap %, make or buy)
BOMS = {
    "SLEEVE-100": [("BR-LS59-D30", "0.15", "0", "0", "buy"), ("ORING-20X2", "1", "0", "0", "buy")],
    "HUB-100": [("SLEEVE-100", "2", "0", "5", "make"), ("ST-40X-D40", "0.8", "2", "3", "buy")],
    "SHAFT-100": [("HUB-100", "1", "0", "0", "make"), ("BOLT-M8X30", "4", "0", "0", "buy"),
                  ("NUT-M8", "4", "0", "0", "buy"), ("BRG-6205", "2", "0", "0", "buy")],
    "BRACKET-7": [("ST-12X18-S3", "0.05", "0", "10", "buy"), ("SCR-M5X16", "4", "8", "0", "buy")],
}


def _quietly(action) -> object | None:
    try:
        return action()
    except ErpError:  # a shortage in the demo's random stock: the plan shows it instead
        return None


def load(db: Database, people: dict[str, Actor]) -> None:
    admin = people["admin"]
    tech, supply, master = people.get("volkova", admin), people.get("sidorov", admin), people.get("kolchin", admin)
    for sku, name, category in MADE:
        stock.create_product(db, admin, sku=sku, name=name, unit="pcs", category=category)
    by_sku = {p.sku: p for p in stock.list_products(db, admin, include_inactive=True)}
    for sku in ("SLEEVE-100", "HUB-100", "SHAFT-100", "BRACKET-7"):
        materials.create_bom(db, tech, product_id=by_sku[sku].id, lines=[
            {"component_id": by_sku[c].id, "qty_per_unit": D(q), "fixed_qty": D(f), "scrap_percent": D(s),
             "sourcing": kind} for c, q, f, s, kind in BOMS[sku]])
    main = next(w for w in stock.list_warehouses(db, admin) if w.code == "MAIN")
    open_parts = [p for p in parts.list_parts(db, admin, status=["in_progress", "planned"], limit=50).rows]
    started = sorted((p for p in open_parts if p.status == "in_progress"), key=lambda p: -p.ready_qty)
    planned = [p for p in open_parts if p.status == "planned"]
    jobs = (started[:3] + planned[:1])[:4]
    for number, part in enumerate(jobs):
        product = by_sku["BRACKET-7" if number == 1 else "SHAFT-100"]
        materials.set_part_bom(db, tech, part.id, product_id=product.id)
        if number == 3:
            continue  # released, nothing reserved yet: the shortage list and the release preview show it
        _quietly(lambda part=part: materials.reserve_plan(db, supply, part.id, warehouse_id=main.id))
        plan = materials.get_material_plan(db, supply, part.id, warehouse_id=main.id)
        if number == 2:
            continue  # reserved only
        # the first job: its reserved stock issued, half of the rest; the second: everything it can get
        quantities = {row.component_id: row.to_issue if number == 1 or row.reserved >= row.to_issue
                      else max(row.reserved, (row.to_issue / 2).quantize(D("1"))) for row in plan.rows
                      if row.to_issue > 0 and row.reserved + row.available > 0}
        quantities = {k: min(v, next(r for r in plan.rows if r.component_id == k).reserved
                             + next(r for r in plan.rows if r.component_id == k).available)
                      for k, v in quantities.items() if v > 0}
        issued = _quietly(lambda part=part, q=quantities: materials.issue_to_part(
            db, supply, part.id, warehouse_id=main.id, quantities=q, reason="demo: issue to the job"))
        if issued is None or number != 0:
            continue
        steel = next((m for m in issued.movements if m.sku == "ST-40X-D40"), None)
        if steel is not None:
            _quietly(lambda part=part, lot=steel.lot_id: materials.return_to_lot(
                db, supply, part.id, lot_id=lot, qty=D("1.5"), reason="demo: offcut back to the store"))
        if part.ready_qty > 0:
            _quietly(lambda part=part: materials.post_output(db, master, part.id, warehouse_id=main.id,
                                                            qty=max(part.ready_qty // 2, 1)))
