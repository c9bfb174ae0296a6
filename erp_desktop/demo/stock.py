"""Demo stock: warehouses, suppliers, ~20 products and four months of lots and movements,
recorded through the stock services by the demo people (so the journal is consistent)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from erp_desktop.db.engine import Database
from erp_desktop.db.types import utcnow
from erp_desktop.errors import ErpError
from erp_desktop.services import stock
from erp_desktop.services.actor import Actor

D = Decimal

WAREHOUSES = (("MAIN", "Main store"), ("SHOP1", "Shop 1 store"), ("QA", "Quarantine area"))
SUPPLIERS = (("Uralsteel Trade", "+7 343 210-44-10"), ("Metiz-Komplekt", "sales@metiz.example"),
             ("Tool Center", "+7 495 730-11-22"), ("ChemSnab", "order@chemsnab.example"))
# sku, name, unit, category, grade, size, minimum, supplier index, typical lot, base unit cost
PRODUCTS = (
    ("ST-40X-D40", "40X steel", "kg", "metal", "40X", "d40", 200, 0, 400, "96.50"),
    ("ST-45-D60", "Steel 45 round bar", "kg", "metal", "45", "d60", 150, 0, 500, "78.20"),
    ("ST-12X18-S3", "Stainless sheet 12X18H10T", "sheet", "metal", "12X18H10T", "3x1250x2500", 6, 0, 10, "18450"),
    ("AL-D16T-D80", "D16T aluminium bar", "kg", "metal", "D16T", "d80", 50, 0, 120, "412.00"),
    ("BR-LS59-D30", "LS59 brass rod", "kg", "metal", "LS59", "d30", 20, 0, 60, "655.00"),
    ("BOLT-M8X30", "Bolt M8x30 DIN 933", "pcs", "fastener", "8.8", "M8x30", 500, 1, 2000, "4.35"),
    ("NUT-M8", "Nut M8 DIN 934", "pcs", "fastener", "8", "M8", 500, 1, 3000, "1.20"),
    ("WASH-8", "Washer 8 DIN 125", "pcs", "fastener", "", "8", 300, 1, 3000, "0.45"),
    ("BOLT-M12X50", "Bolt M12x50 DIN 933", "pcs", "fastener", "8.8", "M12x50", 200, 1, 800, "12.90"),
    ("SCR-M5X16", "Screw M5x16 DIN 912", "pcs", "fastener", "12.9", "M5x16", 200, 1, 1000, "2.10"),
    ("MILL-D16", "End mill d16 carbide", "pcs", "tooling", "", "d16", 5, 2, 10, "3850"),
    ("DRILL-D8.5", "Drill d8.5 HSS", "pcs", "tooling", "", "d8.5", 15, 2, 20, "310"),
    ("INS-CNMG", "Insert CNMG 120408", "pcs", "tooling", "", "120408", 50, 2, 100, "540"),
    ("TAP-M8", "Tap M8 machine", "pcs", "tooling", "", "M8", 5, 2, 12, "720"),
    ("COOL-EMUL", "Coolant emulsion concentrate", "l", "consumable", "", "", 150, 3, 100, "265"),
    ("OIL-I40", "Industrial oil I-40A", "l", "consumable", "", "", 20, 3, 60, "180"),
    ("RAG", "Wiping rags", "kg", "consumable", "", "", 10, 3, 25, "95"),
    ("BRG-6205", "Bearing 6205-2RS", "pcs", "component", "", "6205", 60, 2, 50, "385"),
    ("ORING-20X2", "O-ring 20x2 NBR", "pcs", "component", "NBR", "20x2", 100, 1, 400, "6.80"),
    ("SHAFT-100", "Shaft 100-01", "pcs", "finished", "", "", 0, 0, 0, "0"),
)
# products left under their minimum (demo for the critical stock report)
SHORT = {"DRILL-D8.5", "COOL-EMUL", "BRG-6205"}


def load(db: Database, people: dict[str, Actor]) -> None:
    """Load the demo stock as admin (master data), sidorov (supply), smirnova (qc) and kolchin (master)."""
    admin, supply = people["admin"], people["sidorov"]
    qc, master = people.get("smirnova", admin), people.get("kolchin", admin)
    rnd = random.Random(2026)
    warehouses = {code: stock.create_warehouse(db, admin, code=code, name=name) for code, name in WAREHOUSES}
    suppliers = [stock.create_supplier(db, supply, name=name, contact=contact) for name, contact in SUPPLIERS]
    products = {}
    for sku, name, unit, category, grade, size, minimum, *_ in PRODUCTS:
        products[sku] = stock.create_product(db, admin, sku=sku, name=name, unit=unit, category=category,
                                             grade=grade, size=size, min_level=D(minimum))

    main, shop1, quarantine = warehouses["MAIN"], warehouses["SHOP1"], warehouses["QA"]
    now = utcnow().replace(microsecond=0)
    start = now - timedelta(days=120)
    events: list[tuple[datetime, int, object]] = []
    lot_ids: dict[str, int] = {}

    def at_day(day: float, hour: int = 9) -> datetime:
        return (start + timedelta(days=day)).replace(hour=hour, minute=rnd.randint(0, 59))

    def plan(moment: datetime, action) -> None:
        """``action(at)`` runs with its document date; events run in time order."""
        events.append((moment, len(events), action))

    for sku, _name, unit, _category, _grade, _size, _minimum, supplier_index, lot_size, cost in PRODUCTS:
        if lot_size == 0:
            continue
        product = products[sku]
        lots = 2 if sku in SHORT else rnd.randint(3, 4)
        for n in range(lots):
            day = 5 + n * (100 // lots) + rnd.randint(0, 6)
            qty = D(lot_size) * rnd.choice([D(1), D(1), D("1.5"), D(2)])
            unit_cost = (D(cost) * (1 + D(n) * D("0.03"))).quantize(D("0.0001"))
            lot_number = f"{sku.split('-')[0]}-{2600 + day}{n}"
            pending = n == lots - 1 and sku in {"ST-45-D60", "BOLT-M12X50", "OIL-I40"}
            if pending:
                day = 116  # arrived recently, not inspected yet
            plan(at_day(day), _receive(db, supply, product, main, qty, unit_cost, suppliers[supplier_index],
                                       lot_number, lot_ids))
            if not pending:
                plan(at_day(day + 1, 11), _approve(db, qc, lot_number, lot_ids))
        # consumption through the months, more of it for the products that end up short
        share = D("0.9") if sku in SHORT else D("0.55")
        issues = rnd.randint(4, 8)
        qty = (D(lot_size) * lots * share / issues).quantize(D(1) if unit in ("pcs", "sheet") else D("0.001"))
        for k in range(issues):
            plan(at_day(12 + k * (100 // issues) + rnd.randint(0, 5), 14),
                 _issue(db, supply, product, main, qty, f"for production, week {k + 1}"))

    steel = products["ST-40X-D40"]
    plan(at_day(60, 10), lambda at: stock.transfer_stock(
        db, supply, product_id=steel.id, from_warehouse_id=main.id, to_warehouse_id=shop1.id, qty=D("150"),
        reason="stock for the lathe section", at=at))
    plan(at_day(90, 15), lambda at: _adjust_first_lot(db, supply, products["NUT-M8"], main, D("-37"),
                                                      "quarterly count: 37 pcs short", at))
    plan(at_day(95, 10), lambda at: _quarantine_and_move(db, supply, qc, products["AL-D16T-D80"], main,
                                                         quarantine, at))
    plan(at_day(105, 9), lambda at: stock.reserve_stock(
        db, master, product_id=steel.id, warehouse_id=main.id, qty=D("120"),
        order_ref="Order 2026-117 (shafts 100-01)", at=at))
    # the shafts' order takes part of its reserved steel; the rest stays reserved
    plan(at_day(107, 8), lambda at: _issue_part_of_reservation(db, supply, steel, main, D("40"), at))
    plan(at_day(106, 9), lambda at: _reserve_then_issue(db, master, supply, products["BRG-6205"], main, D("8"), at))
    plan(at_day(108, 10), lambda at: stock.reserve_stock(
        db, master, product_id=products["BOLT-M8X30"].id, warehouse_id=main.id, qty=D("400"),
        order_ref="Order 2026-121 (frames)", at=at))
    # one delivery note of several lines: one receipt document, a lot per line, waiting for quality control
    plan(at_day(117, 8), lambda at: stock.receive_lines(
        db, supply, supplier_id=suppliers[0].id, reason="delivery note 2026-0412", at=at, lines=[
            stock.ReceiptLine(products["BOLT-M8X30"].id, main.id, D("1000"), D("4.2000"), "BM8-0412", "CERT 0412-1"),
            stock.ReceiptLine(products["NUT-M8"].id, main.id, D("1000"), D("1.1000"), "NM8-0412", "CERT 0412-2"),
        ]))
    for moment, _n, action in sorted(events, key=lambda e: (e[0], e[1])):
        if moment >= now:
            continue
        try:
            action(moment)
        except ErpError:  # e.g. an issue larger than what is left at that moment: the demo skips it
            continue


def _receive(db, supply, product, warehouse, qty, unit_cost, supplier, lot_number, lot_ids):
    def action(at):
        doc = stock.receive_stock(db, supply, product_id=product.id, warehouse_id=warehouse.id, qty=qty,
                                  unit_cost=unit_cost, supplier_id=supplier.id, lot_number=lot_number,
                                  certificate=f"CERT {lot_number}", at=at)
        lot_ids[lot_number] = doc.movements[0].lot_id
    return action


def _approve(db, qc, lot_number, lot_ids):
    return lambda at: stock.change_quality(db, qc, lot_id=lot_ids[lot_number], quality="APPROVED",
                                           reason="certificate and dimensions checked", at=at)


def _issue(db, supply, product, warehouse, qty, reason):
    return lambda at: stock.issue_stock(db, supply, product_id=product.id, warehouse_id=warehouse.id, qty=qty,
                                        reason=reason, at=at)


def _issue_part_of_reservation(db, supply, product, warehouse, qty, at):
    reservation = next(r for r in stock.list_reservations(db, supply)
                       if r.product_id == product.id and r.warehouse_id == warehouse.id)
    stock.issue_reservation(db, supply, reservation.id, qty=qty, reason="first shafts of the order", at=at)


def _adjust_first_lot(db, supply, product, warehouse, delta, reason, at):
    lot = stock.list_lots(db, supply, product_id=product.id, warehouse_id=warehouse.id, has_stock=True)[0]
    stock.adjust_lot(db, supply, lot_id=lot.id, counted_qty=lot.on_hand + delta, reason=reason, at=at)


def _quarantine_and_move(db, supply, qc, product, main, quarantine, at):
    lot = stock.list_lots(db, supply, product_id=product.id, warehouse_id=main.id, has_stock=True)[-1]
    stock.change_quality(db, qc, lot_id=lot.id, quality="QUARANTINE", reason="cracks found on two bars", at=at)
    stock.transfer_stock(db, supply, product_id=product.id, from_warehouse_id=main.id,
                         to_warehouse_id=quarantine.id, qty=lot.on_hand - lot.reserved, lot_id=lot.id,
                         reason="held for the supplier's inspection", at=at + timedelta(minutes=20))


def _reserve_then_issue(db, master, supply, product, warehouse, qty, at):
    doc = stock.reserve_stock(db, master, product_id=product.id, warehouse_id=warehouse.id, qty=qty,
                              order_ref="Repair of lathe 16K20", at=at)
    stock.issue_reservation(db, supply, doc.reservation_id, reason="bearings for the spindle",
                            at=at + timedelta(hours=3))
