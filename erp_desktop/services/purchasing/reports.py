"""Purchasing reports: open orders' late deliveries, and each supplier's on-time and quantity performance."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Product, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, Supplier
from erp_desktop.domain.purchasing import OPEN, PoStatus, still_open
from erp_desktop.domain.stock import Unit
from erp_desktop.services.actor import Actor
from erp_desktop.services.purchasing.dto import LateLineDTO, SupplierPerformanceDTO
from erp_desktop.services.uow import UnitOfWork, run_read


def list_late_lines(db: Database, actor: Actor, *, today: date | None = None) -> list[LateLineDTO]:
    """Lines of open orders still owed whose expected date has passed, the latest first."""
    today = today or date.today()

    def work(uow: UnitOfWork) -> list[LateLineDTO]:
        rows = uow.session.execute(
            select(PurchaseOrder.id, PurchaseOrder.number, Supplier.name, Product.sku, Product.name, Product.unit,
                   PurchaseOrderLine.qty, PurchaseOrderLine.received_qty, PurchaseOrderLine.expected_date)
            .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
            .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
            .join(Product, Product.id == PurchaseOrderLine.product_id)
            .where(PurchaseOrder.org_id == uow.org_id, PurchaseOrder.status.in_([s.value for s in OPEN]),
                   PurchaseOrderLine.expected_date < today,
                   PurchaseOrderLine.received_qty < PurchaseOrderLine.qty)
            .order_by(PurchaseOrderLine.expected_date, PurchaseOrder.number)).all()
        return [LateLineDTO(oid, number, supplier, sku, name, Unit(unit), qty, received, still_open(qty, received),
                            expected, (today - expected).days)
                for oid, number, supplier, sku, name, unit, qty, received, expected in rows]

    return run_read(db, actor, work)


def supplier_performance(db: Database, actor: Actor, *, date_from: date | None = None,
                         date_to: date | None = None) -> list[SupplierPerformanceDTO]:
    """Per supplier, over the lines of its orders dated in the period (sent or later, not cancelled): how many
    received anything, how many of those arrived by their expected date (first receipt), how many got their
    full quantity, and how many lots went back."""

    def work(uow: UnitOfWork) -> list[SupplierPerformanceDTO]:
        query = (select(PurchaseOrder.supplier_id, Supplier.name, PurchaseOrderLine.id, PurchaseOrderLine.qty,
                        PurchaseOrderLine.received_qty, PurchaseOrderLine.expected_date)
                 .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
                 .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
                 .where(PurchaseOrder.org_id == uow.org_id,
                        PurchaseOrder.status.notin_([PoStatus.DRAFT.value, PoStatus.CANCELLED.value])))
        if date_from is not None:
            query = query.where(PurchaseOrder.order_date >= date_from)
        if date_to is not None:
            query = query.where(PurchaseOrder.order_date <= date_to)
        lines = uow.session.execute(query).all()
        line_ids = [row[2] for row in lines]
        first: dict[int, object] = {}
        returns: dict[int, int] = defaultdict(int)
        if line_ids:
            for line_id, kind, first_at, count in uow.session.execute(
                    select(PurchaseReceipt.line_id, PurchaseReceipt.kind, func.min(PurchaseReceipt.at), func.count())
                    .where(PurchaseReceipt.line_id.in_(line_ids))
                    .group_by(PurchaseReceipt.line_id, PurchaseReceipt.kind)):
                if kind == "receipt":
                    first[line_id] = first_at
                else:
                    returns[line_id] += count
        per: dict[int, dict] = {}
        for supplier_id, name, line_id, qty, received, expected in lines:
            s = per.setdefault(supplier_id, {"name": name, "lines": 0, "received": 0, "on_time": 0, "full": 0,
                                             "returned": 0})
            s["lines"] += 1
            if line_id in first:
                s["received"] += 1
                if first[line_id].astimezone().date() <= expected:
                    s["on_time"] += 1
            if received >= qty:
                s["full"] += 1
            s["returned"] += returns[line_id]
        return sorted((SupplierPerformanceDTO(sid, s["name"], s["lines"], s["received"], s["on_time"], s["full"],
                                              s["returned"]) for sid, s in per.items()),
                      key=lambda x: x.supplier_name.lower())

    return run_read(db, actor, work)
