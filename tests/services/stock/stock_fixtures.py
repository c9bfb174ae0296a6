"""Stock test data: a shop with products, warehouses, a supplier and helpers to put lots in."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from erp_desktop.db.models import Part
from erp_desktop.db.types import utcnow
from erp_desktop.services import stock
from tests.factories import admin_of

D = Decimal


def make_shop(plant) -> SimpleNamespace:
    db, admin = plant.db, plant.admin
    main = stock.create_warehouse(db, admin, code="MAIN", name="Main store")
    shop1 = stock.create_warehouse(db, admin, code="SHOP1", name="Shop 1 store")
    quarantine = stock.create_warehouse(db, admin, code="QA", name="Quarantine area")
    steel = stock.create_product(db, admin, sku="ST-40X-D40", name="40X steel", unit="kg", category="metal",
                                 grade="40X", size="d40", min_level=D("50"))
    bolt = stock.create_product(db, admin, sku="BOLT-M8", name="Bolt M8x30", unit="pcs", category="fastener")
    supplier = stock.create_supplier(db, admin, name="Steel Trade LLC", contact="+7 495 000-00-00")
    base = utcnow() - timedelta(days=60)
    counter = iter(range(1, 10_000))

    def lot(qty, cost, *, product=steel, warehouse=main, quality="APPROVED", days=None, lot_number=""):
        """Receive a lot (as admin, so it can be APPROVED at once); returns the new lot id."""
        n = next(counter)
        received = base + timedelta(days=days if days is not None else n)
        doc = stock.receive_stock(db, admin, product_id=product.id, warehouse_id=warehouse.id, qty=D(str(qty)),
                                  unit_cost=D(str(cost)), supplier_id=supplier.id, quality=quality,
                                  received_at=received, lot_number=lot_number or f"L{n:03d}",
                                  certificate=f"HEAT-{n}")
        return doc.movements[0].lot_id

    def part(code="P-100"):
        with admin_of(db).sessions.begin() as session:
            row = Part(org_id=plant.org_id, code=code, name=f"Shaft {code}", planned_qty=10)
            session.add(row)
            session.flush()
            return row.id

    return SimpleNamespace(db=db, plant=plant, admin=admin, main=main, shop1=shop1, quarantine=quarantine,
                           steel=steel, bolt=bolt, supplier=supplier, lot=lot, part=part)


def available(shop, product=None, warehouse=None) -> Decimal:
    rows = stock.list_stock(shop.db, shop.admin, product_id=(product or shop.steel).id,
                            warehouse_id=(warehouse or shop.main).id)
    return rows[0].available if rows else Decimal("0.000")


def lot_on_hand(shop, lot_id) -> Decimal:
    return stock.get_lot(shop.db, shop.admin, lot_id).on_hand
