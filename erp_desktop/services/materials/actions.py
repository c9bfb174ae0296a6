"""What supply (and the foreman) do with a part's materials: reserve the plan, issue to the part (its
reserved slices first, then FIFO), return unused material into the lot it came from, and post finished output
as a PENDING lot of the made product at the issued cost.

Each is one transaction and one stock document for the part (RES-, ISS-, RET-, OUT-) built on the stock
ledger's own locking (services/stock/ledger.py): the stock journal stays the one truth. On PostgreSQL every
action on a part first takes a transaction-level advisory lock on it, so two desktops cannot issue the same
plan twice or post the same good quantity twice; then the positions in sorted order, then the lots.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import delete, func, select, text

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Lot,
    Part,
    Product,
    Reservation,
    ReservationLine,
    StockDocument,
    StockMovement,
    Warehouse,
)
from erp_desktop.domain.fifo import allocate
from erp_desktop.domain.materials import output_share, split_value
from erp_desktop.domain.progress import ACTIVE_STATUSES, PartStatus
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import (
    ZERO,
    DocumentKind,
    MovementKind,
    Quality,
    ReservationStatus,
    exact_qty,
    quantity_text,
)
from erp_desktop.errors import QT_TRANSLATE_NOOP, InvalidTransition, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_text, record_id
from erp_desktop.services.materials.dto import ReservePlanResult
from erp_desktop.services.materials.plan import flows, plan_rows, reserved_slices, take
from erp_desktop.services.stock.dto import DocumentDTO
from erp_desktop.services.stock.ledger import (
    Journal,
    check_at,
    empty_position,
    lock_available_lots,
    lock_lots,
    lock_positions,
    lot_in_org,
    new_document,
    refuse_shortage,
)
from erp_desktop.services.uow import UnitOfWork, run_write

PART_LOCK_KEY = 7013  # pg_advisory_xact_lock(PART_LOCK_KEY, part id): one materials action per part at a time
_ADVISORY = text("SELECT pg_advisory_xact_lock(:key, :part_id)")


def _reason(value) -> str:
    return column_text(StockDocument.reason, value, label="comment", field="reason", max_len=1000)


def lock_part(uow: UnitOfWork, part_id: int, *, open_only: bool = True) -> Part:
    if uow.db.is_postgres:
        uow.session.execute(_ADVISORY, {"key": PART_LOCK_KEY, "part_id": part_id})
    part = uow.get_owned(Part, part_id, "part")
    if open_only and part.status not in {s.value for s in ACTIVE_STATUSES}:
        raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Part {code} is {status}; its materials no longer change."),
                                code=part.code, status=part.status)
    return part


def reserve_plan(db: Database, actor: Actor, part_id: int, *, warehouse_id: int, reason: str = ""
                 ) -> ReservePlanResult:
    """Reserve (FIFO, approved lots only) what the part still needs and has not reserved, as far as the
    warehouse has it: one RES- document, one reservation per component. What could not be reserved is listed."""
    actor.require(Op.RESERVE_STOCK)
    part_id = record_id(Part, part_id, "part")
    warehouse_id = record_id(Warehouse, warehouse_id, "warehouse")
    reason = _reason(reason)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id)
        uow.get_owned(Warehouse, warehouse_id, "warehouse")
        rows, _ = plan_rows(uow, part, None)
        needs = {r.component_id: r.to_issue - r.reserved for r in rows if r.to_issue - r.reserved > 0}
        if not needs:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Everything part {code} still needs is reserved or issued; "
                                                   "nothing to reserve."), code=part.code)
        keys = [(pid, warehouse_id) for pid in needs]
        positions = lock_positions(uow, keys, create=False)
        allocations = {}
        for pid in sorted(needs):
            position = positions.get((pid, warehouse_id))
            if position is None:
                continue
            allocation = allocate(lock_available_lots(uow, position), needs[pid])
            if allocation.slices:
                allocations[pid] = (position, allocation)
        got = {pid: a.allocated for pid, (_, a) in allocations.items()}
        shortages = tuple(
            replace(r, reserved=r.reserved + got.get(r.component_id, ZERO),
                    available=r.available - got.get(r.component_id, ZERO),
                    short=needs[r.component_id] - got.get(r.component_id, ZERO))
            for r in rows if r.component_id in needs and needs[r.component_id] > got.get(r.component_id, ZERO))
        if not allocations:
            return ReservePlanResult(None, shortages)
        moment = check_at(uow, None, keys)
        document = new_document(uow, DocumentKind.RESERVATION, moment, part_id=part.id, reason=reason)
        journal = Journal(uow, DocumentKind.RESERVATION, moment, part_id=part.id, reason=reason, document=document)
        reservation_ids = []
        for pid, (position, allocation) in sorted(allocations.items()):
            reservation = Reservation(org_id=uow.org_id, document_id=document.id, product_id=pid,
                                      warehouse_id=warehouse_id, part_id=part.id, order_ref="",
                                      qty=allocation.allocated, status=ReservationStatus.OPEN.value,
                                      created_at=moment)
            uow.session.add(reservation)
            uow.session.flush()
            reservation_ids.append(reservation.id)
            uow.session.add_all([ReservationLine(reservation_id=reservation.id, lot_id=s.lot_id, qty=s.qty)
                                 for s in allocation.slices])
            for piece in allocation.slices:
                journal.add(position, MovementKind.RESERVATION, piece.lot_id, piece.lot_number, piece.unit_cost,
                            reserved_delta=piece.qty)
        uow.session.flush()
        uow.changed("reservations", *reservation_ids)
        uow.changed("parts", part.id)
        return ReservePlanResult(journal.finish(audit_after={"reservations": reservation_ids, "plan_of": part.code}),
                                 shortages)

    return run_write(db, actor, work)


def _quantities(raw: Mapping | None) -> dict[int, Decimal] | None:
    if raw is None:
        return None
    return {record_id(Product, pid, "product"): exact_qty(qty, field=f"qty[{pid}]") for pid, qty in raw.items()}


def issue_to_part(db: Database, actor: Actor, part_id: int, *, warehouse_id: int,
                  quantities: Mapping[int, object] | None = None, reason: str = "") -> DocumentDTO:
    """Issue the part's material from ``warehouse_id``: per component the quantity given (default: all still
    to issue), taking the part's reserved slices first, then FIFO. One ISS- document; all or nothing."""
    actor.require(Op.ISSUE_STOCK)
    part_id = record_id(Part, part_id, "part")
    warehouse_id = record_id(Warehouse, warehouse_id, "warehouse")
    wanted = _quantities(quantities)
    reason = _reason(reason)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id)
        uow.get_owned(Warehouse, warehouse_id, "warehouse")
        rows, _ = plan_rows(uow, part, None)
        plan = {r.component_id: r for r in rows}
        needs = wanted if wanted is not None else {r.component_id: r.to_issue for r in rows if r.to_issue > 0}
        for pid in needs:
            if pid not in plan:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Only components of the part's BOM are issued to it here."),
                                      field="quantities")
        if not needs:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Everything part {code} needs is issued; nothing to issue."),
                                  code=part.code)
        keys = [(pid, warehouse_id) for pid in needs]
        positions = lock_positions(uow, keys, create=False)
        moment = check_at(uow, None, keys)
        journal = Journal(uow, DocumentKind.ISSUE, moment, part_id=part.id, reason=reason)
        touched = []
        for pid in sorted(needs):
            position = positions.get((pid, warehouse_id))
            if position is None:
                raise refuse_shortage(uow, empty_position(uow, pid, warehouse_id), needs[pid], "issue")
            lines = reserved_slices(uow, part.id, pid, warehouse_id)
            locked = lock_lots(uow, [line[2] for line in lines]) if lines else {}
            taken, allocation = take(lines, lock_available_lots(uow, position), needs[pid])
            if allocation is not None and not allocation.complete:
                raise refuse_shortage(uow, position, allocation.requested, "issue")
            for line, piece in taken:
                lot = locked[line[2]]
                journal.add(position, MovementKind.ISSUE, lot.id, lot.lot_number, lot.unit_cost, qty=-piece,
                            reserved_delta=-piece)
            _consume_reservations(uow, taken, moment)
            touched += [line[0] for line, _ in taken]
            for piece in allocation.slices if allocation is not None else ():
                journal.add(position, MovementKind.ISSUE, piece.lot_id, piece.lot_number, piece.unit_cost,
                            qty=-piece.qty)
        uow.changed("parts", part.id)
        if touched:
            uow.changed("reservations", *sorted(set(touched)))
        return journal.finish(audit_after={"part": part.code})

    return run_write(db, actor, work)


def _consume_reservations(uow: UnitOfWork, taken, moment) -> None:
    """Close the reservations issued whole; shorten those issued in part (their consumed lines go)."""
    by_reservation: dict[int, list] = {}
    for line, piece in taken:
        by_reservation.setdefault(line[0], []).append((line, piece))
    for reservation_id, pieces in by_reservation.items():
        reservation = uow.session.get(Reservation, reservation_id)
        consumed = sum((piece for _, piece in pieces), ZERO)
        if consumed == reservation.qty:
            reservation.status = ReservationStatus.ISSUED.value
            reservation.closed_at = moment
            continue
        for line, piece in pieces:
            if piece == line[5]:
                uow.session.execute(delete(ReservationLine).where(ReservationLine.id == line[1]))
            else:
                uow.session.get(ReservationLine, line[1]).qty = line[5] - piece
        reservation.qty -= consumed
    uow.session.flush()


def return_to_lot(db: Database, actor: Actor, part_id: int, *, lot_id: int, qty, reason: str = "") -> DocumentDTO:
    """Unused material back from the part into the lot it was issued from (keeping the lot's received-at and
    cost); at most what was issued to the part from that lot and not yet returned. One RET- document."""
    actor.require(Op.ISSUE_STOCK)
    part_id = record_id(Part, part_id, "part")
    lot_id = record_id(Lot, lot_id, "lot")
    qty = exact_qty(qty)
    reason = _reason(reason)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id, open_only=False)
        row = lot_in_org(uow, lot_id)
        key = (row.product_id, row.warehouse_id)
        position = lock_positions(uow, [key], create=False)[key]
        lot = lock_lots(uow, [lot_id])[lot_id]
        out = {kind: qty_sum or ZERO for kind, qty_sum in uow.session.execute(
            select(StockMovement.kind, func.sum(StockMovement.qty))
            .join(StockDocument, StockDocument.id == StockMovement.document_id)
            .where(StockDocument.part_id == part.id, StockMovement.lot_id == lot_id,
                   StockMovement.kind.in_((MovementKind.ISSUE.value, MovementKind.RETURN.value)))
            .group_by(StockMovement.kind))}
        returnable = -out.get(MovementKind.ISSUE.value, ZERO) - out.get(MovementKind.RETURN.value, ZERO)
        if qty > returnable:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "Only {returnable} of lot {lot_number} was issued to part {code} and not "
                                            "returned; you asked to return {qty}."),
                returnable=quantity_text(returnable, position.unit), lot_number=lot.lot_number, code=part.code,
                qty=quantity_text(qty, position.unit), field="qty")
        moved = flows(uow, [part.id])
        net = sum((v["issue_value"] - v["return_value"] for v in moved.values()), ZERO)
        carried = sum((v["output_value"] for v in moved.values()), ZERO)
        if net - qty * lot.unit_cost < carried - Decimal("0.0001"):
            raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Part {code}'s posted output already carries the cost of "
                                                                "this material; it can no longer be returned."),
                                    code=part.code)
        moment = check_at(uow, None, [key])
        journal = Journal(uow, DocumentKind.RETURN, moment, part_id=part.id, reason=reason)
        journal.add(position, MovementKind.RETURN, lot.id, lot.lot_number, lot.unit_cost, qty=qty)
        uow.changed("parts", part.id)
        return journal.finish(audit_after={"part": part.code, "lot_id": lot.id})

    return run_write(db, actor, work)


def post_output(db: Database, actor: Actor, part_id: int, *, warehouse_id: int, qty=None,
                reason: str = "") -> DocumentDTO:
    """Receive good quantity of the part's last stage not yet posted (default: all of it) into ``warehouse_id``
    as a PENDING lot of the made product. Its cost is the share of the issued material cost not yet carried,
    in proportion to the quantity posted against the quantity still to come; the posting that completes the
    part carries all that remains. One OUT- document (two lots when the value needs two unit costs to add up)."""
    actor.require(Op.POST_OUTPUT)
    part_id = record_id(Part, part_id, "part")
    warehouse_id = record_id(Warehouse, warehouse_id, "warehouse")
    asked = None if qty is None else exact_qty(qty)
    if asked is not None and asked != asked.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Output is posted in whole pieces."), field="qty")
    reason = _reason(reason)

    def work(uow: UnitOfWork):
        part = lock_part(uow, part_id, open_only=False)
        if part.status == PartStatus.CANCELLED.value:
            raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Part {code} is cancelled; its output is not posted."),
                                    code=part.code)
        if part.product_id is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Part {code} does not name the product it makes; set it first."),
                                  code=part.code, field="product_id")
        moved = flows(uow, [part.id])
        posted = sum((v["output_qty"] for v in moved.values()), ZERO)
        net = sum((v["issue_value"] - v["return_value"] for v in moved.values()), ZERO)
        carried = sum((v["output_value"] for v in moved.values()), ZERO)
        ready = Decimal(part.ready_qty) - posted
        if ready <= 0:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Part {code} has no good quantity at its last stage that is "
                                                              "not posted yet ({good} good, {posted} posted)."),
                                  code=part.code, good=part.ready_qty, posted=int(posted), field="qty")
        count = ready if asked is None else asked
        if count > ready:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Only {ready} good piece(s) of part {code} are not posted yet; "
                                                              "you asked to post {count}."),
                                  ready=int(ready), code=part.code, count=int(count), field="qty")
        still_to_come = max(Decimal(part.planned_qty) - posted, count)
        last = part.status == PartStatus.DONE.value and count == ready
        share = output_share(not_carried=net - carried, posted=count, still_to_come=still_to_come, last=last)
        pieces = split_value(share, count)
        key = (part.product_id, warehouse_id)
        position = lock_positions(uow, [key], create=True)[key]
        if not position.warehouse_active or not position.product_active:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product_name} or {warehouse_name} is deactivated."),
                                  product_name=position.product_name, warehouse_name=position.warehouse_name,
                                  field="warehouse_id")
        moment = check_at(uow, None, [key])
        document = new_document(uow, DocumentKind.OUTPUT, moment, part_id=part.id, reason=reason)
        lots = [Lot(org_id=uow.org_id, product_id=part.product_id, warehouse_id=warehouse_id,
                    lot_number=document.number, received_at=moment, qty_received=p.qty, on_hand=ZERO, reserved=ZERO,
                    unit_cost=p.unit_cost, quality=Quality.PENDING.value, certificate=part.code, created_at=moment)
                for p in pieces]
        uow.session.add_all(lots)
        uow.session.flush()
        journal = Journal(uow, DocumentKind.OUTPUT, moment, part_id=part.id, reason=reason, document=document)
        for lot, piece in zip(lots, pieces, strict=True):
            journal.add(position, MovementKind.OUTPUT, lot.id, lot.lot_number, piece.unit_cost, qty=piece.qty,
                        quality_to=Quality.PENDING.value)
        uow.changed("parts", part.id)
        return journal.finish(audit_after={"part": part.code, "share": str(share), "last": last,
                                           "lots": [lot.id for lot in lots]})

    return run_write(db, actor, work)
