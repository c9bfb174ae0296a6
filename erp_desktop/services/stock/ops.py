"""Stock operations: receive, issue (and its preview), transfer, adjust, change quality, reserve,
release and issue a reservation.

Each is one transaction and one document (RCV-, ISS-, TRF-, ADJ-, QC-, RES-, REL-), writes
append-only movements, keeps lots and positions in step, and either fully succeeds or changes
nothing. Quantities and costs are exact Decimals (floats raise TypeError).

Quality and reservations: a lot holding reserved stock cannot leave APPROVED; the quality change is
refused with the reservations named, so the clerk releases them first (nothing is released behind
anyone's back, and reserved stock always stays issuable).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Lot,
    Part,
    Product,
    Reservation,
    ReservationLine,
    StockDocument,
    Supplier,
    Warehouse,
)
from erp_desktop.domain.fifo import LotState, allocate
from erp_desktop.domain.inputs import REASON_MAX_LENGTH
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import (
    MAX_MOVEMENT_VALUE,
    ZERO,
    DocumentKind,
    MovementKind,
    Quality,
    ReservationStatus,
    exact_cost,
    exact_qty,
    quantity_text,
    value_of,
)
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    InsufficientStock,
    InvalidTransition,
    NotFound,
    ValidationError,
)
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_text, optional_id, record_id
from erp_desktop.services.stock.dto import DocumentDTO, IssuePreview, QualityBatchResult, SliceDTO
from erp_desktop.services.stock.fastpath import issue_in_one_round_trip
from erp_desktop.services.stock.ledger import (
    Journal,
    Position,
    aware,
    check_at,
    check_part,
    empty_position,
    lock_available_lots,
    lock_lots,
    lock_positions,
    lot_in_org,
    new_document,
    refuse_shortage,
)
from erp_desktop.services.uow import UnitOfWork, run_read, run_write

MAX_RECEIPT_LINES = 200


def _reason(value, *, label: str = QT_TRANSLATE_NOOP("errors", "comment"), required: bool = False) -> str:
    return column_text(StockDocument.reason, value, label=label, field="reason", required=required,
                       max_len=REASON_MAX_LENGTH)


def _product_and_warehouse(product_id, warehouse_id) -> tuple[int, int]:
    return record_id(Product, product_id, QT_TRANSLATE_NOOP("errors", "product")), record_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse"))


def _quality(value) -> Quality:
    try:
        return Quality(str(value).upper())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown quality status '{value}'."), value=value, field="quality") from None


def _require_active(position: Position, *, receiving: bool) -> None:
    if receiving and not position.product_active:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product_name} is deactivated; reactivate it before receiving stock."), product_name=position.product_name,
                              field="product_id")
    if receiving and not position.warehouse_active:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{warehouse_name} is deactivated and cannot receive stock."), warehouse_name=position.warehouse_name,
                              field="warehouse_id")


# --------------------------------------------------------------------------- receive


@dataclass(frozen=True)
class ReceiptLine:
    """One lot of a receipt document (one line of the delivery note)."""

    product_id: int
    warehouse_id: int
    qty: Decimal
    unit_cost: Decimal
    lot_number: str = ""
    certificate: str = ""


def _receipt_line(line: ReceiptLine | Mapping) -> ReceiptLine:
    line = line if isinstance(line, ReceiptLine) else ReceiptLine(**line)
    qty = exact_qty(line.qty)
    unit_cost = exact_cost(line.unit_cost)
    if value_of(qty, unit_cost) > MAX_MOVEMENT_VALUE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The value of this receipt is too large; split it into several "
                                                   "lots."), field="qty")
    product_id, warehouse_id = _product_and_warehouse(line.product_id, line.warehouse_id)
    return ReceiptLine(product_id, warehouse_id, qty, unit_cost,
                       column_text(Lot.lot_number, line.lot_number, label="lot number"),
                       column_text(Lot.certificate, line.certificate, label="certificate or heat number"))


def _numbered(number: int, count: int, check):
    """``check()``, its refusal naming the line when the document has several."""
    try:
        return check()
    except ValidationError as error:
        if count == 1:
            raise
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Line {line}: {error}"), line=number, error=error.text,
                              field=error.field) from None


def receive_stock(db: Database, actor: Actor, *, product_id: int, warehouse_id: int, qty, unit_cost,
                  supplier_id: int | None = None, lot_number: str = "", certificate: str = "",
                  received_at: datetime | None = None, quality: Quality | str = Quality.PENDING,
                  reason: str = "", at: datetime | None = None) -> DocumentDTO:
    """A new lot. Quality is PENDING unless the actor may also change quality (QC, admin).
    ``received_at`` (the FIFO key) defaults to the document time; an empty lot number becomes the document number."""
    line = ReceiptLine(product_id, warehouse_id, qty, unit_cost, lot_number, certificate)
    return receive_lines(db, actor, lines=[line], supplier_id=supplier_id, received_at=received_at, quality=quality,
                         reason=reason, at=at)


def receive_lines(db: Database, actor: Actor, *, lines: Sequence[ReceiptLine | Mapping],
                  supplier_id: int | None = None, received_at: datetime | None = None,
                  quality: Quality | str = Quality.PENDING, reason: str = "",
                  at: datetime | None = None) -> DocumentDTO:
    """One delivery note, one RCV- document: a new lot per line (the same product may come in several lots).
    Supplier, quality, the FIFO date and the comment are the document's. An empty lot number becomes the
    document number (with "/line" when there are several lines). All lines or nothing; a refused line is named."""
    actor.require(Op.RECEIVE_STOCK)
    lines = list(lines)
    if not lines:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Add at least one line to receive."), field="product_id")
    if len(lines) > MAX_RECEIPT_LINES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A receipt holds at most {limit} lines; split the "
                                                          "delivery note into several receipts."),
                              limit=MAX_RECEIPT_LINES, field="product_id")
    lines = [_numbered(n, len(lines), lambda line=line: _receipt_line(line)) for n, line in enumerate(lines, 1)]
    reason = _reason(reason)
    supplier_id = optional_id(Supplier, supplier_id, "supplier")
    quality = _quality(quality)
    if quality != Quality.PENDING:
        actor.require(Op.CHANGE_QUALITY)
    at, received_at = aware(at), aware(received_at)

    def work(uow: UnitOfWork):
        keys = [(line.product_id, line.warehouse_id) for line in lines]
        positions = lock_positions(uow, keys, create=True)
        for n, key in enumerate(keys, 1):
            _numbered(n, len(lines), lambda key=key: _require_active(positions[key], receiving=True))
        if supplier_id is not None:
            supplier = uow.session.get(Supplier, supplier_id)
            if supplier is None or supplier.org_id != uow.org_id:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "That supplier does not exist (any more)."))
            if not supplier.is_active:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Supplier {name} is deactivated."), name=supplier.name,
                                      field="supplier_id")
        moment = check_at(uow, at, keys)
        document = new_document(uow, DocumentKind.RECEIPT, moment, reason=reason)
        several = len(lines) > 1
        lots = [
            Lot(org_id=uow.org_id, product_id=line.product_id, warehouse_id=line.warehouse_id,
                lot_number=line.lot_number or (f"{document.number}/{n}" if several else document.number),
                received_at=received_at or moment, qty_received=line.qty, on_hand=ZERO, reserved=ZERO,
                unit_cost=line.unit_cost, supplier_id=supplier_id, quality=quality.value,
                certificate=line.certificate, created_at=moment)
            for n, line in enumerate(lines, 1)
        ]
        uow.session.add_all(lots)
        uow.session.flush()
        journal = Journal(uow, DocumentKind.RECEIPT, moment, reason=reason, document=document)
        for line, lot, key in zip(lines, lots, keys, strict=True):
            journal.add(positions[key], MovementKind.RECEIPT, lot.id, lot.lot_number, line.unit_cost, qty=line.qty,
                        quality_to=quality.value)
        if not several:
            lot = lots[0]
            return journal.finish(audit_after={"lot_id": lot.id, "lot_number": lot.lot_number,
                                               "supplier_id": supplier_id, "certificate": lot.certificate})
        return journal.finish(audit_after={"lot_ids": [lot.id for lot in lots], "supplier_id": supplier_id,
                                           "certificates": [lot.certificate for lot in lots]})

    return run_write(db, actor, work)


# --------------------------------------------------------------------------- issue


def _slices(allocation) -> tuple[SliceDTO, ...]:
    return tuple(SliceDTO(s.lot_id, s.lot_number, s.received_at, s.qty, s.unit_cost, s.value)
                 for s in allocation.slices)


def preview_issue(db: Database, actor: Actor, *, product_id: int, warehouse_id: int, qty) -> IssuePreview:
    """Which lots an issue would consume now, at what cost; read-only (the same FIFO code as the issue)."""
    qty = exact_qty(qty)
    product_id, warehouse_id = _product_and_warehouse(product_id, warehouse_id)

    def work(uow: UnitOfWork):
        found = lock_positions(uow, [(product_id, warehouse_id)], create=False, lock=False)
        position = found.get((product_id, warehouse_id)) or empty_position(uow, product_id, warehouse_id)
        lots = lock_available_lots(uow, position, lock=False) if position.id else []
        allocation = allocate(lots, qty)
        message = "" if allocation.complete else refuse_shortage(uow, position, qty, "issue").text
        min_level, everywhere = uow.session.execute(
            select(Product.min_level, select(func.coalesce(func.sum(Lot.on_hand - Lot.reserved), ZERO))
                   .where(Lot.product_id == product_id, Lot.quality == Quality.APPROVED.value).scalar_subquery())
            .where(Product.id == product_id)
        ).one()
        return IssuePreview(product_id, warehouse_id, position.unit, qty, allocation.available,
                            _slices(allocation), allocation.allocated, allocation.value, allocation.shortfall, message,
                            min_level, exact_qty(everywhere, allow_zero=True))

    return run_read(db, actor, work)


def _take_fifo(uow: UnitOfWork, position: Position, qty: Decimal, verb: str):
    """Allocate ``qty`` FIFO from the locked position's approved lots or refuse the whole operation."""
    lots = lock_available_lots(uow, position) if position.id else []
    allocation = allocate(lots, qty)
    if not allocation.complete:
        raise refuse_shortage(uow, position, qty, verb)
    return allocation, {lot.id: lot for lot in lots}


def issue_stock(db: Database, actor: Actor, *, product_id: int, warehouse_id: int, qty, part_id: int | None = None,
                reason: str = "", at: datetime | None = None) -> DocumentDTO:
    """Consume the oldest approved available lots first (received_at, then id); all or nothing."""
    actor.require(Op.ISSUE_STOCK)
    qty = exact_qty(qty)
    reason = _reason(reason, label=QT_TRANSLATE_NOOP("errors", "reason"))
    product_id, warehouse_id = _product_and_warehouse(product_id, warehouse_id)
    part_id = optional_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part"))
    at = aware(at)

    if db.is_postgres and at is None:  # the common case in one round trip; refusals take the Python path
        document = issue_in_one_round_trip(db, actor, product_id=product_id, warehouse_id=warehouse_id, qty=qty,
                                           part_id=part_id, reason=reason)
        if document is not None:
            return document

    def work(uow: UnitOfWork):
        found = lock_positions(uow, [(product_id, warehouse_id)], create=False)
        position = found.get((product_id, warehouse_id)) or empty_position(uow, product_id, warehouse_id)
        allocation, lots = _take_fifo(uow, position, qty, "issue")
        check_part(uow, part_id)
        moment = check_at(uow, at, [position.key])
        journal = Journal(uow, DocumentKind.ISSUE, moment, part_id=part_id, reason=reason)
        for piece in allocation.slices:
            lot = lots[piece.lot_id]
            journal.add(position, MovementKind.ISSUE, lot.id, lot.lot_number, lot.unit_cost, qty=-piece.qty)
        return journal.finish()

    return run_write(db, actor, work)


# --------------------------------------------------------------------------- transfer


def transfer_stock(db: Database, actor: Actor, *, product_id: int, from_warehouse_id: int, to_warehouse_id: int,
                   qty, lot_id: int | None = None, reason: str = "", at: datetime | None = None) -> DocumentDTO:
    """Move stock to another warehouse. Without ``lot_id``: approved available lots, FIFO. With ``lot_id``:
    that lot whatever its quality (e.g. to the quarantine area), up to its unreserved stock.
    Each slice becomes a new lot in the target with the same number, received_at, unit cost and quality."""
    actor.require(Op.TRANSFER_STOCK)
    qty = exact_qty(qty)
    reason = _reason(reason, label=QT_TRANSLATE_NOOP("errors", "reason"))
    product_id, from_warehouse_id = _product_and_warehouse(product_id, from_warehouse_id)
    to_warehouse_id = record_id(Warehouse, to_warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse"))
    lot_id = optional_id(Lot, lot_id, QT_TRANSLATE_NOOP("errors", "lot"))
    if from_warehouse_id == to_warehouse_id:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose a target warehouse other than the source."), field="to_warehouse_id")
    at = aware(at)

    def work(uow: UnitOfWork):
        source_key, target_key = (product_id, from_warehouse_id), (product_id, to_warehouse_id)
        positions = lock_positions(uow, [source_key, target_key], create=True)
        source, target = positions[source_key], positions[target_key]
        _require_active(target, receiving=True)
        if lot_id is None:
            allocation, lots = _take_fifo(uow, source, qty, "transfer")
            taken = [(lots[s.lot_id], s.qty) for s in allocation.slices]
        else:
            lot = lock_lots(uow, [lot_id]).get(lot_id)
            row = lot_in_org(uow, lot_id)
            if lot is None or (row.product_id, row.warehouse_id) != source_key:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "That lot is not stock of this product in the source warehouse."), field="lot_id")
            movable = lot.on_hand - lot.reserved
            if movable < qty:
                raise InsufficientStock(
                    QT_TRANSLATE_NOOP("errors", "Lot {lot} has only {movable} that is not reserved in {warehouse}; "
                                                "you asked to transfer {qty}."),
                    lot=lot.lot_number, movable=quantity_text(movable, source.unit),
                    warehouse=source.warehouse_name, qty=quantity_text(qty, source.unit), field="qty")
            taken = [(lot, qty)]
        moment = check_at(uow, at, [source_key, target_key])
        journal = Journal(uow, DocumentKind.TRANSFER, moment, reason=reason)
        originals = {
            row.id: row for row in uow.session.execute(select(Lot).where(Lot.id.in_([lot.id for lot, _ in taken])))
            .scalars()
        }
        new_lots = []
        for lot, piece in taken:
            original = originals[lot.id]
            new_lots.append(Lot(
                org_id=uow.org_id, product_id=product_id, warehouse_id=to_warehouse_id,
                lot_number=lot.lot_number, received_at=lot.received_at, qty_received=piece, on_hand=ZERO,
                reserved=ZERO, unit_cost=lot.unit_cost, supplier_id=original.supplier_id, quality=lot.quality,
                certificate=original.certificate, source_lot_id=lot.id, created_at=moment))
        uow.session.add_all(new_lots)
        uow.session.flush()
        for (lot, piece), new_lot in zip(taken, new_lots, strict=True):
            journal.add(source, MovementKind.TRANSFER_OUT, lot.id, lot.lot_number, lot.unit_cost, qty=-piece)
            journal.add(target, MovementKind.TRANSFER_IN, new_lot.id, new_lot.lot_number, lot.unit_cost, qty=piece,
                        quality_to=lot.quality)
        return journal.finish(audit_after={"from_warehouse_id": from_warehouse_id,
                                           "to_warehouse_id": to_warehouse_id,
                                           "new_lots": [lot.id for lot in new_lots]})

    return run_write(db, actor, work)


# --------------------------------------------------------------------------- adjust, quality


def _locked_lot(uow: UnitOfWork, lot_id: int) -> tuple[Position, LotState]:
    row = lot_in_org(uow, lot_id)
    key = (row.product_id, row.warehouse_id)
    position = lock_positions(uow, [key], create=False)[key]
    return position, lock_lots(uow, [lot_id])[lot_id]


def _open_reservations_of(uow: UnitOfWork, lot_id: int) -> list[str]:
    return list(uow.session.execute(
        select(StockDocument.number)
        .join(Reservation, Reservation.document_id == StockDocument.id)
        .join(ReservationLine, ReservationLine.reservation_id == Reservation.id)
        .where(ReservationLine.lot_id == lot_id, Reservation.status == ReservationStatus.OPEN.value)
        .order_by(StockDocument.number).distinct()
    ).scalars())


def adjust_lot(db: Database, actor: Actor, *, lot_id: int, counted_qty, reason: str,
               at: datetime | None = None) -> DocumentDTO:
    """Set a lot's on hand to what a stock count found; the reason is required. It cannot go below the
    lot's reserved quantity (release the reservation first)."""
    actor.require(Op.ADJUST_STOCK)
    counted = exact_qty(counted_qty, field="counted_qty", label=QT_TRANSLATE_NOOP("errors", "counted quantity"), allow_zero=True)
    reason = _reason(reason, label=QT_TRANSLATE_NOOP("errors", "reason for the adjustment"), required=True)
    at = aware(at)

    def work(uow: UnitOfWork):
        position, lot = _locked_lot(uow, lot_id)
        if counted < lot.reserved:
            holders = ", ".join(_open_reservations_of(uow, lot.id))
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "{reserved} of lot {lot_number} is reserved ({holders}); "
                "the count cannot be lower than that. Release the reservation first."),
                reserved=quantity_text(lot.reserved, position.unit), lot_number=lot.lot_number, holders=holders, field="counted_qty")
        delta = counted - lot.on_hand
        if delta == 0:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "The count equals the recorded {on_hand}; there is nothing to adjust."),
                on_hand=quantity_text(lot.on_hand, position.unit),
                field="counted_qty")
        moment = check_at(uow, at, [position.key])
        journal = Journal(uow, DocumentKind.ADJUSTMENT, moment, reason=reason)
        journal.add(position, MovementKind.ADJUSTMENT, lot.id, lot.lot_number, lot.unit_cost, qty=delta)
        return journal.finish(audit_after={"lot_id": lot.id, "before_on_hand": str(lot.on_hand),
                                           "counted": str(counted)})

    return run_write(db, actor, work)


def change_quality(db: Database, actor: Actor, *, lot_id: int, quality: Quality | str, reason: str = "",
                   at: datetime | None = None) -> DocumentDTO:
    """Set a lot's quality status (quality inspectors). A lot with reserved stock cannot leave APPROVED:
    the message names the reservations to release first."""
    actor.require(Op.CHANGE_QUALITY)
    quality = _quality(quality)
    reason = _reason(reason)
    at = aware(at)

    def work(uow: UnitOfWork):
        position, lot = _locked_lot(uow, lot_id)
        if lot.quality == quality.value:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Lot {lot_number} is already {value}."), lot_number=lot.lot_number, value=quality.value, field="quality")
        if lot.reserved > 0 and quality != Quality.APPROVED:
            holders = ", ".join(_open_reservations_of(uow, lot.id))
            raise InvalidTransition(
                QT_TRANSLATE_NOOP("errors", "{reserved} of lot {lot_number} is reserved ({holders}). "
                "Release those reservations first, then set the lot to {value}."),
                reserved=quantity_text(lot.reserved, position.unit), lot_number=lot.lot_number, holders=holders, value=quality.value)
        moment = check_at(uow, at, [position.key])
        journal = Journal(uow, DocumentKind.QUALITY, moment, reason=reason)
        journal.add(position, MovementKind.QUALITY, lot.id, lot.lot_number, lot.unit_cost,
                    quality_from=lot.quality, quality_to=quality.value)
        uow.changed("lots", lot.id)
        return journal.finish(audit_after={"lot_id": lot.id, "from": lot.quality, "to": quality.value})

    return run_write(db, actor, work)


MAX_QUALITY_BATCH = 500


def change_quality_of_lots(db: Database, actor: Actor, *, lot_ids, quality: Quality | str,
                           reason: str = "") -> QualityBatchResult:
    """Several lots to one status (QC approves a delivery's lots at once). Each lot is its own change: its own
    QC- document and audit entry, in its own transaction, so one refused lot (reserved, already in that status,
    gone) does not hold the others back; the refusals come back with the lot they are about."""
    actor.require(Op.CHANGE_QUALITY)
    quality = _quality(quality)
    reason = _reason(reason)
    lot_ids = list(dict.fromkeys(record_id(Lot, lot_id, "lot") for lot_id in lot_ids))
    if not lot_ids:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Select the lots first."), field="lot_id")
    if len(lot_ids) > MAX_QUALITY_BATCH:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Select at most {limit} lots at a time."),
                              limit=MAX_QUALITY_BATCH, field="lot_id")
    documents, refused = [], []
    for lot_id in lot_ids:
        try:
            documents.append(change_quality(db, actor, lot_id=lot_id, quality=quality, reason=reason))
        except (ValidationError, InvalidTransition, NotFound) as error:
            refused.append((lot_id, error.text))
    return QualityBatchResult(tuple(documents), tuple(refused))


# --------------------------------------------------------------------------- reservations


def reserve_stock(db: Database, actor: Actor, *, product_id: int, warehouse_id: int, qty, part_id: int | None = None,
                  order_ref: str = "", reason: str = "", at: datetime | None = None) -> DocumentDTO:
    """Hold approved stock (FIFO) for a part or an order; the result's reservation_id names the reservation."""
    actor.require(Op.RESERVE_STOCK)
    qty = exact_qty(qty)
    order_ref = column_text(Reservation.order_ref, order_ref, label=QT_TRANSLATE_NOOP("errors", "order reference"))
    reason = _reason(reason)
    product_id, warehouse_id = _product_and_warehouse(product_id, warehouse_id)
    part_id = optional_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part"))
    if part_id is None and not order_ref:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the part, or enter the order the stock is reserved for."), field="part_id")
    at = aware(at)

    def work(uow: UnitOfWork):
        found = lock_positions(uow, [(product_id, warehouse_id)], create=False)
        position = found.get((product_id, warehouse_id)) or empty_position(uow, product_id, warehouse_id)
        allocation, lots = _take_fifo(uow, position, qty, "reserve")
        check_part(uow, part_id)
        moment = check_at(uow, at, [position.key])
        document = new_document(uow, DocumentKind.RESERVATION, moment, part_id=part_id, reason=reason)
        reservation = Reservation(org_id=uow.org_id, document_id=document.id, product_id=product_id,
                                  warehouse_id=warehouse_id, part_id=part_id, order_ref=order_ref, qty=qty,
                                  status=ReservationStatus.OPEN.value, created_at=moment)
        uow.session.add(reservation)
        uow.session.flush()
        uow.session.add_all([ReservationLine(reservation_id=reservation.id, lot_id=s.lot_id, qty=s.qty)
                             for s in allocation.slices])
        journal = Journal(uow, DocumentKind.RESERVATION, moment, part_id=part_id, reason=reason, document=document)
        for piece in allocation.slices:
            lot = lots[piece.lot_id]
            journal.add(position, MovementKind.RESERVATION, lot.id, lot.lot_number, lot.unit_cost,
                        reserved_delta=piece.qty)
        uow.session.flush()
        return journal.finish(reservation_id=reservation.id,
                              audit_after={"reservation_id": reservation.id, "order_ref": order_ref})

    return run_write(db, actor, work)


def _close_reservation(db: Database, actor: Actor, reservation_id: int, *, issue: bool, reason: str,
                       at: datetime | None, qty=None) -> DocumentDTO:
    """Release it, or issue all of it, or (``qty``) issue part of it: the reservation's oldest lot slices first;
    the rest stays reserved and the reservation open, holding what is left."""
    reason = _reason(reason)
    reservation_id = record_id(Reservation, reservation_id, "reservation")
    qty = None if qty is None else exact_qty(qty)
    at = aware(at)

    def work(uow: UnitOfWork):
        reservation = uow.session.get(Reservation, reservation_id)
        if reservation is None or reservation.org_id != uow.org_id:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "That reservation does not exist (any more)."))
        key = (reservation.product_id, reservation.warehouse_id)
        position = lock_positions(uow, [key], create=False)[key]
        uow.session.refresh(reservation)  # re-read under the position lock: another desktop may have closed it
        if reservation.status != ReservationStatus.OPEN.value:
            raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "This reservation was already {status}; nothing to do."), status=reservation.status)
        lines = uow.session.execute(
            select(ReservationLine).where(ReservationLine.reservation_id == reservation.id)
        ).scalars().all()
        lots = lock_lots(uow, [line.lot_id for line in lines])
        lines = sorted(lines, key=lambda line: (lots[line.lot_id].received_at, line.lot_id))
        held = sum((line.qty for line in lines), ZERO)
        if qty is not None and qty > held:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "This reservation holds only {held}; you asked to issue {qty}."),
                held=quantity_text(held, position.unit), qty=quantity_text(qty, position.unit), field="qty")
        wanted = held if qty is None else qty
        moment = check_at(uow, at, [key])
        kind = DocumentKind.ISSUE if issue else DocumentKind.RELEASE
        journal = Journal(uow, kind, moment, part_id=reservation.part_id, reason=reason)
        for line in lines:
            lot = lots[line.lot_id]
            if issue:
                taken = min(line.qty, wanted)
                if taken == 0:
                    break
                wanted -= taken
                journal.add(position, MovementKind.ISSUE, lot.id, lot.lot_number, lot.unit_cost, qty=-taken,
                            reserved_delta=-taken)
                if taken < line.qty:
                    line.qty -= taken
                elif qty is not None and qty < held:
                    uow.session.delete(line)  # taken whole; the reservation goes on with its other lots
            else:
                journal.add(position, MovementKind.RELEASE, lot.id, lot.lot_number, lot.unit_cost,
                            reserved_delta=-line.qty)
        issued_part = issue and qty is not None and qty < held
        if issued_part:
            reservation.qty = held - qty
        else:
            reservation.status = (ReservationStatus.ISSUED if issue else ReservationStatus.RELEASED).value
            reservation.closed_at = moment
        uow.session.flush()
        return journal.finish(reservation_id=reservation.id,
                              audit_after={"reservation_id": reservation.id, "status": reservation.status,
                                           **({"issued": str(qty), "still_reserved": str(held - qty)}
                                              if issued_part else {})})

    return run_write(db, actor, work)


def release_reservation(db: Database, actor: Actor, reservation_id: int, *, reason: str = "",
                        at: datetime | None = None) -> DocumentDTO:
    """Give the held stock back to available (REL- document)."""
    actor.require(Op.RESERVE_STOCK)
    return _close_reservation(db, actor, reservation_id, issue=False, reason=reason, at=at)


def issue_reservation(db: Database, actor: Actor, reservation_id: int, *, qty=None, reason: str = "",
                      at: datetime | None = None) -> DocumentDTO:
    """Issue the lot slices the reservation holds (ISS- document, for its part): all of them, or ``qty`` of them
    (oldest slices first; the reservation stays open holding the rest, its qty lowered to what it still holds)."""
    actor.require(Op.ISSUE_STOCK)
    return _close_reservation(db, actor, reservation_id, issue=True, reason=reason, at=at, qty=qty)
