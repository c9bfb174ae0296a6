"""Receiving against a purchase order, and returning rejected lots to the supplier.

A receipt is one stock document (RCV-) however many lines it covers: each received line slice becomes a new
PENDING lot at the line's price, linked to the line (purchase_receipts: a lot is received against at most one
line). Locks, in this order, so that two clerks receiving the same order wait for each other instead of both
passing the tolerance check: the order's row, its lines' rows (FOR UPDATE), then the stock positions (as every
stock operation does). A line never holds more than ordered x (1 + tolerance); the refusal says how much is
still open.

A return (RTN-) takes REJECTED lots received against an order out of stock (an adjustment movement each: stock
changes only through the journal) and lowers what their lines received, reopening them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Lot,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseReceipt,
    StockDocument,
    Supplier,
    User,
    Warehouse,
)
from erp_desktop.db.types import utcnow
from erp_desktop.domain.inputs import REASON_MAX_LENGTH, clean_search
from erp_desktop.domain.purchasing import RECEIVABLE, PoStatus, receivable_limit, status_after_receiving
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import (
    MAX_MOVEMENT_VALUE,
    ZERO,
    DocumentKind,
    MovementKind,
    Quality,
    Unit,
    exact_qty,
    value_of,
)
from erp_desktop.errors import QT_TRANSLATE_NOOP, InvalidTransition, NotFound, Text, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_text, optional_id, record_id, storable_ids
from erp_desktop.services.purchasing.dto import PurchaseOrderDTO, ReceiptLotDTO, ReceiptNoteDTO
from erp_desktop.services.purchasing.orders import (
    lock_order,
    order_by_code,
    order_dto,
    record_event,
    tolerances,
)
from erp_desktop.services.stock.dto import DocumentDTO
from erp_desktop.services.stock.ledger import Journal, lock_lots, lock_positions, new_document
from erp_desktop.services.stock.reports import document_in_org
from erp_desktop.services.uow import UnitOfWork, run_read, run_write


@dataclass(frozen=True)
class ReceiptInput:
    """Part or all of one line: the quantity, the supplier's lot number and certificate (or heat number)."""

    line_id: int
    qty: object
    lot_number: str = ""
    certificate: str = ""


def order_for_receiving(db: Database, actor: Actor, code: str) -> PurchaseOrderDTO:
    """The order a clerk scanned or typed, if goods can be received against it (its open lines show)."""
    code = clean_search(code, field="code", label=QT_TRANSLATE_NOOP("errors", "purchase order number"))
    if not code:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Scan the purchase order's label or type its number."),
                              field="code")

    def work(uow: UnitOfWork) -> PurchaseOrderDTO:
        order = order_by_code(uow, code)
        if PoStatus(order.status) not in RECEIVABLE:
            raise InvalidTransition(_not_receivable(order))
        return order_dto(uow, order, events=False)

    return run_read(db, actor, work)


def _not_receivable(order: PurchaseOrder) -> Text:
    if order.status == PoStatus.DRAFT.value:
        return Text(QT_TRANSLATE_NOOP("errors", "Purchase order {number} is still a draft; send it to the supplier "
                                                "before receiving against it."), number=order.number)
    return Text(QT_TRANSLATE_NOOP("errors", "Purchase order {number} is {status}; nothing can be received against it."),
                number=order.number, status=order.status)


def _clean_receipts(receipts) -> list[ReceiptInput]:
    cleaned = []
    for n, raw in enumerate(receipts, start=1):
        item = raw if isinstance(raw, ReceiptInput) else ReceiptInput(**raw)
        qty = exact_qty(item.qty, field=f"receipts.{n}.qty", label=Text(QT_TRANSLATE_NOOP("errors", "quantity of receipt line {line}"), line=n))
        cleaned.append(ReceiptInput(
            record_id(PurchaseOrderLine, item.line_id, QT_TRANSLATE_NOOP("errors", "order line")), qty,
            column_text(Lot.lot_number, item.lot_number, label="lot number"),
            column_text(Lot.certificate, item.certificate, label="certificate or heat number")))
    if not cleaned:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the quantity received on at least one line."),
                              field="receipts")
    return cleaned


def receive_against_order(db: Database, actor: Actor, order_id: int, receipts, *, warehouse_id: int | None = None,
                          reason: str = "", at: datetime | None = None) -> ReceiptNoteDTO:
    """Receive part or all of the order's lines into PENDING lots (one RCV- document); all or nothing."""
    actor.require(Op.RECEIVE_STOCK)
    order_id = record_id(PurchaseOrder, order_id, "purchase order")
    receipts = _clean_receipts(receipts)
    warehouse_id = optional_id(Warehouse, warehouse_id, "warehouse")
    reason = column_text(StockDocument.reason, reason, label="comment", field="reason", max_len=REASON_MAX_LENGTH)

    def work(uow: UnitOfWork) -> ReceiptNoteDTO:
        order = lock_order(uow, order_id)
        if PoStatus(order.status) not in RECEIVABLE:
            raise InvalidTransition(_not_receivable(order))
        target = uow.get_owned(Warehouse, warehouse_id or order.warehouse_id, "warehouse")
        if not target.is_active:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{warehouse_name} is deactivated and cannot receive stock."),
                                  warehouse_name=target.name, field="warehouse_id")
        lines = {line.id: line for line in uow.session.execute(
            select(PurchaseOrderLine).where(PurchaseOrderLine.order_id == order.id)
            .order_by(PurchaseOrderLine.id).with_for_update().execution_options(populate_existing=True)).scalars()}
        products = {p.id: p for p in uow.session.execute(select(Product).where(
            Product.id.in_({line.product_id for line in lines.values()}))).scalars()}
        pcts = tolerances(uow, products)
        asked: dict[int, object] = defaultdict(lambda: ZERO)
        for n, item in enumerate(receipts, start=1):
            line = lines.get(item.line_id)
            if line is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "Receipt line {line} names a line that is not on {number} (any more)."),
                               line=n, number=order.number)
            if value_of(item.qty, line.unit_price) > MAX_MOVEMENT_VALUE:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "The value of this receipt is too large; split it into "
                                                                  "several lots."), field=f"receipts.{n}.qty")
            asked[line.id] += item.qty
        for line_id, qty in sorted(asked.items()):
            line, product = lines[line_id], products[lines[line_id].product_id]
            limit = receivable_limit(line.qty, pcts[product.id])
            if line.received_qty + qty > limit:
                open_qty = max(limit - line.received_qty, ZERO)
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "Line {line} of {order} ({sku}): ordered {ordered}, received "
                                                "{received}; at most {open} more can be received (tolerance "
                                                "{pct} %). You entered {asked}."),
                    line=line.position, order=order.number, sku=product.sku, ordered=line.qty,
                    received=line.received_qty, open=open_qty, pct=pcts[product.id], asked=qty,
                    field="receipts")
        keys = sorted({(lines[item.line_id].product_id, target.id) for item in receipts})
        positions = lock_positions(uow, keys, create=True)
        for position in positions.values():
            if not position.product_active:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product_name} is deactivated; reactivate it before "
                                                                  "receiving."), product_name=position.product_name,
                                      field="receipts")
        moment = at or utcnow()
        document = new_document(uow, DocumentKind.RECEIPT, moment, reason=reason or f"{order.number}")
        new_lots = []
        for item in receipts:
            line = lines[item.line_id]
            lot = Lot(org_id=uow.org_id, product_id=line.product_id, warehouse_id=target.id,
                      lot_number=item.lot_number or document.number, received_at=moment, qty_received=item.qty,
                      on_hand=ZERO, reserved=ZERO, unit_cost=line.unit_price, supplier_id=order.supplier_id,
                      quality=Quality.PENDING.value, certificate=item.certificate, created_at=moment)
            uow.session.add(lot)
            new_lots.append((item, line, lot))
        uow.session.flush()
        journal = Journal(uow, DocumentKind.RECEIPT, moment, reason=document.reason, document=document)
        for item, line, lot in new_lots:
            journal.add(positions[(line.product_id, target.id)], MovementKind.RECEIPT, lot.id, lot.lot_number,
                        lot.unit_cost, qty=item.qty, quality_to=Quality.PENDING.value)
            uow.session.add(PurchaseReceipt(org_id=uow.org_id, line_id=line.id, lot_id=lot.id, kind="receipt",
                                            qty=item.qty, document_id=document.id, at=moment,
                                            user_id=uow.actor.user_id))
        for line_id, qty in asked.items():
            lines[line_id].received_qty = lines[line_id].received_qty + qty
        order.status = status_after_receiving(order.status, [(x.qty, x.received_qty) for x in lines.values()]).value
        result = journal.finish(audit_after={"order_id": order.id, "order_number": order.number,
                                             "lots": [lot.id for _, _, lot in new_lots]})
        record_event(uow, order, "received", {"document": document.number, "status": order.status,
                                              "lines": {lines[i].position: q for i, q in asked.items()}})
        uow.session.flush()
        return _note(uow, result)

    return run_write(db, actor, work)


def _receipt_lots(uow: UnitOfWork, document_id: int) -> list[ReceiptLotDTO]:
    rows = uow.session.execute(
        select(PurchaseReceipt, Lot, Product, PurchaseOrderLine, StockDocument.number)
        .join(Lot, Lot.id == PurchaseReceipt.lot_id)
        .join(Product, Product.id == Lot.product_id)
        .join(PurchaseOrderLine, PurchaseOrderLine.id == PurchaseReceipt.line_id)
        .join(StockDocument, StockDocument.id == PurchaseReceipt.document_id)
        .where(PurchaseReceipt.document_id == document_id, PurchaseReceipt.org_id == uow.org_id)
        .order_by(PurchaseReceipt.id)).all()
    return [ReceiptLotDTO(r.id, r.kind, number, r.at, r.line_id, lot.id, lot.lot_number, p.sku, p.name, Unit(p.unit),
                          r.qty, line.unit_price, lot.certificate, Quality(lot.quality))
            for r, lot, p, line, number in rows]


def _note(uow: UnitOfWork, document: DocumentDTO) -> ReceiptNoteDTO:
    lots = _receipt_lots(uow, document.id)
    if not lots:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "{number} is not a receipt against a purchase order."),
                       number=document.number)
    line = uow.session.get(PurchaseOrderLine, lots[0].line_id)
    order = uow.session.get(PurchaseOrder, line.order_id)
    supplier = uow.session.get(Supplier, order.supplier_id)
    warehouse = uow.session.get(Warehouse, uow.session.get(Lot, lots[0].lot_id).warehouse_id)
    user = uow.session.get(User, document.user_id)
    return ReceiptNoteDTO(document, order.number, supplier.name, warehouse.name,
                          (user.full_name or user.username) if user else "", tuple(lots))


def get_receipt_note(db: Database, actor: Actor, document_id: int) -> ReceiptNoteDTO:
    """A receipt (or return) against a purchase order, as the receipt note prints it."""
    return run_read(db, actor, lambda uow: _note(uow, document_in_org(uow, document_id=document_id)))


def list_order_receipts(db: Database, actor: Actor, order_id: int) -> list[ReceiptLotDTO]:
    """Every lot received against the order and every return, oldest first."""
    order_id = record_id(PurchaseOrder, order_id, "purchase order")

    def work(uow: UnitOfWork) -> list[ReceiptLotDTO]:
        uow.get_owned(PurchaseOrder, order_id, "purchase order")
        docs = uow.session.execute(
            select(PurchaseReceipt.document_id).join(PurchaseOrderLine, PurchaseOrderLine.id == PurchaseReceipt.line_id)
            .where(PurchaseOrderLine.order_id == order_id).distinct()).scalars().all()
        return sorted((lot for doc in docs for lot in _receipt_lots(uow, doc)), key=lambda x: x.receipt_id)

    return run_read(db, actor, work)


def return_to_supplier(db: Database, actor: Actor, lot_ids, *, reason: str, at: datetime | None = None) -> ReceiptNoteDTO:
    """Send REJECTED lots received against purchase orders back to their supplier (one RTN- document): each
    lot's stock leaves (an adjustment movement), and its line's received quantity goes down by it."""
    actor.require(Op.RECEIVE_STOCK)
    actor.require(Op.ADJUST_STOCK)
    reason = column_text(StockDocument.reason, reason, label=QT_TRANSLATE_NOOP("errors", "reason for the return"), field="reason", required=True,
                         max_len=REASON_MAX_LENGTH)
    ids = sorted(set(storable_ids(Lot, list(lot_ids))))
    if not ids:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the rejected lots to return."), field="lot_ids")

    def work(uow: UnitOfWork) -> ReceiptNoteDTO:
        links = {r.lot_id: r for r in uow.session.execute(select(PurchaseReceipt).where(
            PurchaseReceipt.lot_id.in_(ids), PurchaseReceipt.org_id == uow.org_id)).scalars()}
        for lot_id in ids:
            kinds = [r for r in links.values() if r.lot_id == lot_id]
            if not kinds:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Lot {lot_id} was not received against a purchase order; use "
                                                                  "an adjustment instead."), lot_id=lot_id,
                                      field="lot_ids")
        line_ids = sorted({r.line_id for r in links.values()})
        order_ids = sorted(set(uow.session.execute(select(PurchaseOrderLine.order_id).where(
            PurchaseOrderLine.id.in_(line_ids))).scalars()))
        orders = {oid: lock_order(uow, oid) for oid in order_ids}
        lines = {line.id: line for line in uow.session.execute(
            select(PurchaseOrderLine).where(PurchaseOrderLine.id.in_(line_ids)).order_by(PurchaseOrderLine.id)
            .with_for_update().execution_options(populate_existing=True)).scalars()}
        rows = {lot.id: lot for lot in uow.session.execute(select(Lot).where(Lot.id.in_(ids))).scalars()}
        positions = lock_positions(uow, sorted({(lot.product_id, lot.warehouse_id) for lot in rows.values()}),
                                   create=False)
        states = lock_lots(uow, ids)
        already = set(uow.session.execute(select(PurchaseReceipt.lot_id).where(
            PurchaseReceipt.lot_id.in_(ids), PurchaseReceipt.kind == "return")).scalars())
        for lot_id in ids:
            state = states[lot_id]
            if lot_id in already:
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Lot {lot_number} was returned to the supplier already."),
                                        lot_number=state.lot_number)
            if state.quality != Quality.REJECTED.value:
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Lot {lot_number} is {quality}; only REJECTED lots go back "
                                                                    "to the supplier. Ask quality control to reject it "
                                                                    "first."), lot_number=state.lot_number,
                                        quality=state.quality)
            if state.on_hand <= 0:
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Lot {lot_number} has no stock left to return."),
                                        lot_number=state.lot_number)
        moment = at or utcnow()
        document = new_document(uow, DocumentKind.SUPPLIER_RETURN, moment, reason=reason)
        journal = Journal(uow, DocumentKind.SUPPLIER_RETURN, moment, reason=reason, document=document)
        for lot_id in ids:
            state, row = states[lot_id], rows[lot_id]
            link = next(r for r in links.values() if r.lot_id == lot_id and r.kind == "receipt")
            journal.add(positions[(row.product_id, row.warehouse_id)], MovementKind.ADJUSTMENT, lot_id,
                        state.lot_number, state.unit_cost, qty=-state.on_hand)
            uow.session.add(PurchaseReceipt(org_id=uow.org_id, line_id=link.line_id, lot_id=lot_id, kind="return",
                                            qty=state.on_hand, document_id=document.id, at=moment,
                                            user_id=uow.actor.user_id))
            line = lines[link.line_id]
            line.received_qty = max(line.received_qty - state.on_hand, ZERO)
        result = journal.finish(audit_after={"returned_lots": ids})
        for order in orders.values():
            order_lines = uow.session.execute(select(PurchaseOrderLine.qty, PurchaseOrderLine.received_qty).where(
                PurchaseOrderLine.order_id == order.id)).all()
            uow.session.flush()
            order.status = status_after_receiving(order.status, [tuple(x) for x in order_lines]).value
            record_event(uow, order, "returned", {"document": document.number, "lots": ids, "reason": reason,
                                                  "status": order.status})
        uow.session.flush()
        return _note(uow, result)

    return run_write(db, actor, work)
