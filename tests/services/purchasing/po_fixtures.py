"""Purchasing test data: the stock shop plus supplier terms and a helper to make orders."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

from erp_desktop.services import purchasing
from tests.services.stock.stock_fixtures import make_shop


def make_buyer(plant):
    shop = make_shop(plant)
    supply = plant.supply
    purchasing.set_supplier_terms(plant.db, supply, supplier_id=shop.supplier.id, product_id=shop.steel.id,
                                  lead_time_days=10, min_order_qty=D("5"))

    def order(*lines, send=True, order_date=None, **kw):
        """An order of (product, qty, price[, expected]) lines; sent unless send=False."""
        po = purchasing.create_purchase_order(
            plant.db, supply, supplier_id=shop.supplier.id, warehouse_id=shop.main.id,
            order_date=order_date or date.today() - timedelta(days=3),
            lines=[purchasing.PoLineInput(p.id, D(str(q)), D(str(c)), *rest) for p, q, c, *rest in lines], **kw)
        if send:
            po = purchasing.send_purchase_order(plant.db, supply, po.id, version=po.version)
        return po

    shop.order = order
    return shop
