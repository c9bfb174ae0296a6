"""Demo purchasing: supplier terms (lead times, minimum order quantities, prices from earlier orders), a
product with its own over-receipt tolerance, and purchase orders in every status, a few of them late; one order
received in two parts whose lots QC approved and rejected, the rejected lot returned to the supplier."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from erp_desktop.db.engine import Database
from erp_desktop.demo.stock import PRODUCTS
from erp_desktop.services import purchasing, stock
from erp_desktop.services.actor import Actor
from erp_desktop.services.purchasing import PoLineInput, ReceiptInput

D = Decimal
LEAD_TIMES = (14, 5, 10, 7)  # days, per demo supplier
# sku -> minimum order quantity
MINIMUMS = {"ST-40X-D40": 100, "ST-45-D60": 100, "AL-D16T-D80": 50, "BOLT-M8X30": 500, "NUT-M8": 1000,
            "COOL-EMUL": 50, "INS-CNMG": 10}


def load(db: Database, people: dict[str, Actor]) -> None:
    admin, supply = people["admin"], people["sidorov"]
    qc = people.get("smirnova", admin)
    suppliers = stock.list_suppliers(db, admin)
    products = {p.sku: p for p in stock.list_products(db, admin)}
    store = next(w for w in stock.list_warehouses(db, admin) if w.code == "MAIN")
    supplier_of = {}
    for sku, *_rest, supplier_index, _lot, cost in PRODUCTS:
        if sku not in products or D(cost) == 0:
            continue
        supplier = suppliers[supplier_index % len(suppliers)]
        supplier_of[sku] = (supplier, D(cost))
        purchasing.set_supplier_terms(db, supply, supplier_id=supplier.id, product_id=products[sku].id,
                                      lead_time_days=LEAD_TIMES[supplier_index % len(LEAD_TIMES)],
                                      min_order_qty=D(MINIMUMS.get(sku, 0)))
    purchasing.set_product_tolerance(db, admin, products["ST-40X-D40"].id, D("5"))  # bars come cut to weight
    today = date.today()

    def order(skus_qty, *, days_ago: int, expected_in: int | None = None, notes: str = "", send: bool = True):
        supplier = supplier_of[skus_qty[0][0]][0]
        lines = [PoLineInput(products[sku].id, D(qty), supplier_of[sku][1],
                             None if expected_in is None else today + timedelta(days=expected_in))
                 for sku, qty in skus_qty]
        po = purchasing.create_purchase_order(db, supply, supplier_id=supplier.id, warehouse_id=store.id, lines=lines,
                                              order_date=today - timedelta(days=days_ago), notes=notes)
        if send:
            po = purchasing.send_purchase_order(db, supply, po.id, version=po.version)
        return po

    # an old order, received in full, then closed
    closed = order([("BOLT-M8X30", 2000), ("NUT-M8", 3000)], days_ago=60, expected_in=-45)
    purchasing.receive_against_order(db, supply, closed.id, [ReceiptInput(x.id, x.qty, f"M-{x.position}", "")
                                                             for x in closed.lines])
    closed = purchasing.get_purchase_order(db, supply, closed.id)
    purchasing.close_purchase_order(db, supply, closed.id, version=closed.version)
    # received in two parts: QC approves the first lot and rejects the second, which goes back
    steel = order([("ST-40X-D40", 400)], days_ago=21, expected_in=-7, notes="Certificates 3.1 with every heat")
    line = steel.lines[0]
    first = purchasing.receive_against_order(db, supply, steel.id, [ReceiptInput(line.id, D("250"), "HT-24-118",
                                                                                 "3.1-24118")])
    second = purchasing.receive_against_order(db, supply, steel.id, [ReceiptInput(line.id, D("150"), "HT-24-131",
                                                                                  "3.1-24131")])
    purchasing.decide_lots(db, qc, [first.lots[0].lot_id], "APPROVED", reason="certificate and hardness fine")
    purchasing.decide_lots(db, qc, [second.lots[0].lot_id], "REJECTED", reason="hardness out of tolerance")
    purchasing.return_to_supplier(db, supply, [second.lots[0].lot_id], reason="hardness out of tolerance")
    # partly received, its rest late; one waiting in the QC queue
    partly = order([("ST-45-D60", 300), ("AL-D16T-D80", 100)], days_ago=18, expected_in=-4)
    purchasing.receive_against_order(db, supply, partly.id, [ReceiptInput(partly.lines[0].id, D("300"), "HT-45-77",
                                                                          "3.1-4577")])
    # sent and late, sent and on time, a draft, a cancelled one
    order([("DRILL-D8.5", 40), ("MILL-D16", 6)], days_ago=15, expected_in=-3)
    order([("COOL-EMUL", 200), ("OIL-I40", 60)], days_ago=2, expected_in=9)
    order([("BRG-6205", 100), ("ORING-20X2", 400)], days_ago=0, send=False, notes="Waiting for the budget")
    cancelled = order([("INS-CNMG", 50)], days_ago=10)
    purchasing.cancel_purchase_order(db, supply, cancelled.id, version=cancelled.version,
                                     reason="Supplier raised the price; ordered elsewhere")
