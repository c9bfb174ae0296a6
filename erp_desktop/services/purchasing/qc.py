"""The quality inspector's queue: lots waiting for a decision, oldest first, with their supplier, purchase order
and certificate; several decided at once, each lot its own quality document (the stock quality service, so each
is audited and refused on its own: one lot's refusal does not undo the others')."""

from __future__ import annotations

from sqlalchemy import select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Lot,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseReceipt,
    Supplier,
    Warehouse,
)
from erp_desktop.domain.inputs import REASON_MAX_LENGTH, clean_text
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Quality, Unit
from erp_desktop.errors import QT_TRANSLATE_NOOP, ErpError, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import storable_ids
from erp_desktop.services.purchasing.dto import QcLotDTO, QcOutcome
from erp_desktop.services.stock.ops import change_quality
from erp_desktop.services.uow import UnitOfWork, run_read

QUEUE_LIMIT = 2000


def list_qc_queue(db: Database, actor: Actor, *, quality: Quality | str = Quality.PENDING,
                  limit: int = QUEUE_LIMIT) -> list[QcLotDTO]:
    """Lots of this quality (PENDING by default) with stock, oldest first."""
    quality = Quality(str(quality).upper())

    def work(uow: UnitOfWork) -> list[QcLotDTO]:
        receipt = (select(PurchaseReceipt.lot_id, PurchaseOrder.number, PurchaseOrder.id.label("order_id"))
                   .join(PurchaseOrderLine, PurchaseOrderLine.id == PurchaseReceipt.line_id)
                   .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
                   .where(PurchaseReceipt.kind == "receipt", PurchaseReceipt.org_id == uow.org_id).subquery())
        rows = uow.session.execute(
            select(Lot, Product.sku, Product.name, Product.unit, Warehouse.name, Supplier.name, receipt.c.number,
                   receipt.c.order_id)
            .join(Product, Product.id == Lot.product_id)
            .join(Warehouse, Warehouse.id == Lot.warehouse_id)
            .outerjoin(Supplier, Supplier.id == Lot.supplier_id)
            .outerjoin(receipt, receipt.c.lot_id == Lot.id)
            .where(Lot.org_id == uow.org_id, Lot.quality == quality.value, Lot.on_hand > 0)
            .order_by(Lot.received_at, Lot.id).limit(limit)).all()
        return [QcLotDTO(lot.id, lot.lot_number, lot.product_id, sku, name, Unit(unit), warehouse, lot.received_at,
                         lot.on_hand, Quality(lot.quality), lot.certificate, supplier or "", number or "", order_id)
                for lot, sku, name, unit, warehouse, supplier, number, order_id in rows]

    return run_read(db, actor, work)


def decide_lots(db: Database, actor: Actor, lot_ids, quality: Quality | str, *, reason: str = "") -> list[QcOutcome]:
    """Set each lot's quality (APPROVED, REJECTED or QUARANTINE), one quality document per lot; the outcome of
    each, in the order given (a refused lot says why, the others are done)."""
    actor.require(Op.CHANGE_QUALITY)
    quality = Quality(str(quality).upper())
    if quality == Quality.PENDING:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose approve, reject or quarantine."), field="quality")
    reason = clean_text(reason, field="reason", label="comment", max_len=REASON_MAX_LENGTH)
    ids = list(dict.fromkeys(storable_ids(Lot, list(lot_ids))))
    if not ids:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the lots to decide on."), field="lot_ids")
    outcomes = []
    for lot_id in ids:
        try:
            document = change_quality(db, actor, lot_id=lot_id, quality=quality, reason=reason)
        except ErpError as error:
            outcomes.append(QcOutcome(lot_id, "", "", str(error)))
            continue
        outcomes.append(QcOutcome(lot_id, document.movements[0].lot_number, document.number, ""))
    return outcomes
