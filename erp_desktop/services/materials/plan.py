"""A part's material plan (required, reserved, issued, returned, to issue, short per component), the release
preview (the lots and FIFO cost an issue of the plan would take), the cost sheet and the shortage list of open
parts. Issued and returned quantities are read from the stock journal: movements of documents for the part."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Bom,
    Lot,
    Part,
    Product,
    Reservation,
    ReservationLine,
    StockDocument,
    StockMovement,
    Warehouse,
)
from erp_desktop.domain.fifo import LotState, allocate
from erp_desktop.domain.materials import MAX_BOM_DEPTH
from erp_desktop.domain.progress import ACTIVE_STATUSES
from erp_desktop.domain.stock import ZERO, MovementKind, Quality, ReservationStatus, Unit
from erp_desktop.services.actor import Actor
from erp_desktop.services.gc_pause import collector_paused
from erp_desktop.services.inputs import optional_id, record_id
from erp_desktop.services.materials.dto import (
    CostLine,
    CostSheetDTO,
    MaterialPlanDTO,
    PlanRow,
    ReleasePreviewDTO,
    ReleaseRow,
    ShortageRow,
)
from erp_desktop.services.materials.explosion import (
    TREE_OF_OPEN_PARTS_BOMS,
    TREE_OF_PART,
    LeafNeeds,
    Lines,
    estimate_unit_costs,
)
from erp_desktop.services.stock.dto import SliceDTO
from erp_desktop.services.uow import UnitOfWork, run_read

_VALUE = Decimal("0.0000001")


def requirements(uow: UnitOfWork, part: Part) -> dict[int, Decimal]:
    """Per component the part consumes (lines not exploded further): its required quantity."""
    if part.bom_id is None:
        return {}
    rows = uow.session.execute(TREE_OF_PART, {"part_id": part.id, "org_id": uow.org_id,
                                              "max_depth": MAX_BOM_DEPTH}).all()
    return Lines(rows, part.id, Decimal(part.planned_qty)).totals


def flows(uow: UnitOfWork, part_ids) -> dict[tuple[int, int], dict[str, Decimal]]:
    """Per (part, product): issued and returned quantities and values, output quantity and value."""
    result: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    rows = uow.session.execute(
        select(StockDocument.part_id, StockMovement.product_id, StockMovement.kind, func.sum(StockMovement.qty),
               func.sum(StockMovement.value))
        .join(StockMovement, StockMovement.document_id == StockDocument.id)
        .where(StockDocument.part_id.in_(list(part_ids)), StockDocument.org_id == uow.org_id,
               StockMovement.kind.in_((MovementKind.ISSUE.value, MovementKind.RETURN.value,
                                       MovementKind.OUTPUT.value)))
        .group_by(StockDocument.part_id, StockMovement.product_id, StockMovement.kind))
    for part_id, product_id, kind, qty, value in rows:
        entry = result[(part_id, product_id)]
        entry[f"{kind}_qty"] += abs(qty or ZERO)
        entry[f"{kind}_value"] += abs(value or ZERO)
    return result


def reserved_for(uow: UnitOfWork, part_ids, warehouse_id: int | None = None) -> dict[tuple[int, int], Decimal]:
    query = (select(Reservation.part_id, Reservation.product_id, func.sum(Reservation.qty))
             .where(Reservation.part_id.in_(list(part_ids)), Reservation.org_id == uow.org_id,
                    Reservation.status == ReservationStatus.OPEN.value)
             .group_by(Reservation.part_id, Reservation.product_id))
    if warehouse_id is not None:
        query = query.where(Reservation.warehouse_id == warehouse_id)
    return {(part, product): qty for part, product, qty in uow.session.execute(query)}


def available(uow: UnitOfWork, product_ids, warehouse_id: int | None = None) -> dict[int, Decimal]:
    """Approved stock not reserved, per product (in one warehouse, or everywhere)."""
    if not product_ids:
        return {}
    query = (select(Lot.product_id, func.sum(Lot.on_hand) - func.sum(Lot.reserved))
             .where(Lot.org_id == uow.org_id, Lot.product_id.in_(sorted(product_ids)),
                    Lot.quality == Quality.APPROVED.value, Lot.on_hand > Lot.reserved)
             .group_by(Lot.product_id))
    if warehouse_id is not None:
        query = query.where(Lot.warehouse_id == warehouse_id)
    return {product: qty or ZERO for product, qty in uow.session.execute(query)}


def products(uow: UnitOfWork, ids) -> dict[int, tuple[str, str, Unit]]:
    if not ids:
        return {}
    return {pid: (sku, name, Unit(unit)) for pid, sku, name, unit in uow.session.execute(
        select(Product.id, Product.sku, Product.name, Product.unit).where(Product.id.in_(sorted(ids))))}


def plan_rows(uow: UnitOfWork, part: Part, warehouse_id: int | None) -> tuple[tuple[PlanRow, ...], dict]:
    required = requirements(uow, part)
    moved = flows(uow, [part.id])
    reserved = reserved_for(uow, [part.id], warehouse_id)
    ids = set(required) | {p for (_, p), v in moved.items() if v["issue_qty"] or v["return_qty"]}
    free = available(uow, ids, warehouse_id)
    names = products(uow, ids)
    rows = []
    for pid in sorted(ids, key=lambda p: names[p][0]):
        entry = moved.get((part.id, pid), {})
        issued, returned = entry.get("issue_qty", ZERO), entry.get("return_qty", ZERO)
        need = required.get(pid, ZERO)
        to_issue = max(need - (issued - returned), ZERO)
        held = reserved.get((part.id, pid), ZERO)
        free_qty = free.get(pid, ZERO)
        rows.append(PlanRow(pid, *names[pid], need, held, issued, returned, to_issue, free_qty,
                            max(to_issue - held - free_qty, ZERO)))
    return tuple(rows), moved


def load_plan(uow: UnitOfWork, part_id: int, warehouse_id: int | None) -> MaterialPlanDTO:
    part = uow.get_owned(Part, part_id, "part")
    if warehouse_id is not None:
        uow.get_owned(Warehouse, warehouse_id, "warehouse")
    rows, moved = plan_rows(uow, part, warehouse_id)
    totals = defaultdict(lambda: ZERO)
    for (_, _), entry in moved.items():
        for key, value in entry.items():
            totals[key] += value
    sku, revision = "", ""
    if part.product_id is not None:
        sku = uow.session.execute(select(Product.sku).where(Product.id == part.product_id)).scalar_one()
    if part.bom_id is not None:
        revision = uow.session.execute(select(Bom.revision).where(Bom.id == part.bom_id)).scalar_one()
    return MaterialPlanDTO(part.id, part.code, part.name, part.planned_qty, part.ready_qty, part.status,
                           part.deadline, part.product_id, sku, part.bom_id, revision, warehouse_id, rows,
                           int(totals["output_qty"]), totals["issue_value"], totals["return_value"],
                           totals["output_value"])


def get_material_plan(db: Database, actor: Actor, part_id: int, *, warehouse_id: int | None = None
                      ) -> MaterialPlanDTO:
    """Per component: required (the part's BOM revision for its planned quantity), reserved, issued, returned,
    still to issue, available and short; with the output posted so far and the values issued and carried."""
    part_id = record_id(Part, part_id, "part")
    warehouse_id = optional_id(Warehouse, warehouse_id, "warehouse")
    return run_read(db, actor, lambda uow: load_plan(uow, part_id, warehouse_id))


def reserved_slices(uow: UnitOfWork, part_id: int, product_id: int, warehouse_id: int) -> list[tuple]:
    """The part's open reservation lines of a product in a warehouse, oldest reservation first, then FIFO:
    (reservation id, line id, lot id, lot number, received at, qty, unit cost)."""
    return all_reserved_slices(uow, part_id, warehouse_id, [product_id]).get(product_id, [])


def all_reserved_slices(uow: UnitOfWork, part_id: int, warehouse_id: int, product_ids) -> dict[int, list[tuple]]:
    """reserved_slices for several products in one query."""
    result: dict[int, list[tuple]] = defaultdict(list)
    if not product_ids:
        return result
    for product_id, *row in uow.session.execute(
        select(Reservation.product_id, Reservation.id, ReservationLine.id, Lot.id, Lot.lot_number, Lot.received_at,
               ReservationLine.qty, Lot.unit_cost)
        .join(ReservationLine, ReservationLine.reservation_id == Reservation.id)
        .join(Lot, Lot.id == ReservationLine.lot_id)
        .where(Reservation.part_id == part_id, Reservation.product_id.in_(sorted(product_ids)),
               Reservation.warehouse_id == warehouse_id, Reservation.status == ReservationStatus.OPEN.value,
               Reservation.org_id == uow.org_id)
        .order_by(Reservation.product_id, Reservation.id, Lot.received_at, Lot.id)):
        result[product_id].append(tuple(row))
    return result


def free_lots(uow: UnitOfWork, product_ids, warehouse_id: int) -> dict[int, list[LotState]]:
    lots: dict[int, list[LotState]] = defaultdict(list)
    if not product_ids:
        return lots
    for product_id, *state in uow.session.execute(
        select(Lot.product_id, Lot.id, Lot.received_at, Lot.on_hand, Lot.reserved, Lot.unit_cost, Lot.quality,
               Lot.lot_number)
        .where(Lot.org_id == uow.org_id, Lot.product_id.in_(sorted(product_ids)), Lot.warehouse_id == warehouse_id,
               Lot.quality == Quality.APPROVED.value, Lot.on_hand > Lot.reserved)
        .order_by(Lot.product_id, Lot.received_at, Lot.id)):
        lots[product_id].append(LotState(*state))
    return lots


def take(reserved: list[tuple], lots: list[LotState], qty: Decimal) -> tuple[list[tuple], object]:
    """Reserved slices first (line, qty taken), then FIFO of the free lots for the rest."""
    taken, rest = [], qty
    for line in reserved:
        if rest <= 0:
            break
        piece = min(line[5], rest)
        taken.append((line, piece))
        rest -= piece
    allocation = allocate(lots, rest) if rest > 0 else None
    return taken, allocation


def preview(uow: UnitOfWork, part_id: int, warehouse_id: int) -> ReleasePreviewDTO:
    part = uow.get_owned(Part, part_id, "part")
    uow.get_owned(Warehouse, warehouse_id, "warehouse")
    rows, _ = plan_rows(uow, part, warehouse_id)
    wanted = [r.component_id for r in rows if r.to_issue > 0]
    lots = free_lots(uow, wanted, warehouse_id)
    held = all_reserved_slices(uow, part.id, warehouse_id, wanted)
    out, total, short_count = [], ZERO, 0
    for row in rows:
        if row.to_issue <= 0:
            continue
        reserved, allocation = take(held.get(row.component_id, []),
                                    lots.get(row.component_id, []), row.to_issue)
        slices = [SliceDTO(line[2], line[3], line[4], piece, line[6], (piece * line[6]).quantize(_VALUE))
                  for line, piece in reserved]
        short = ZERO
        if allocation is not None:
            slices += [SliceDTO(s.lot_id, s.lot_number, s.received_at, s.qty, s.unit_cost, s.value)
                       for s in allocation.slices]
            short = allocation.shortfall
        value = sum((s.value for s in slices), ZERO)
        total += value
        short_count += short > 0
        out.append(ReleaseRow(row.component_id, row.sku, row.name, row.unit, row.required, row.to_issue,
                              row.available + row.reserved, short, tuple(slices), value))
    return ReleasePreviewDTO(part.id, warehouse_id, tuple(out), total, short_count)


def preview_release(db: Database, actor: Actor, part_id: int, *, warehouse_id: int) -> ReleasePreviewDTO:
    """Before release (or an issue): per component still to issue, what is available, what is short, and the
    lots (the part's reserved slices first, then FIFO) and cost an issue from ``warehouse_id`` would take now."""
    part_id = record_id(Part, part_id, "part")
    warehouse_id = record_id(Warehouse, warehouse_id, "warehouse")
    return run_read(db, actor, lambda uow: preview(uow, part_id, warehouse_id))


def get_cost_sheet(db: Database, actor: Actor, part_id: int) -> CostSheetDTO:
    """Issued and returned material by lot, the output lots, and cost per unit against the BOM's estimate."""
    part_id = record_id(Part, part_id, "part")

    def work(uow: UnitOfWork):
        part = uow.get_owned(Part, part_id, "part")
        rows = uow.session.execute(
            select(StockMovement.at, StockDocument.number, StockMovement.kind, Product.sku, Product.name,
                   Product.unit, Lot.id, Lot.lot_number, StockMovement.qty, StockMovement.unit_cost,
                   StockMovement.value)
            .join(StockDocument, StockDocument.id == StockMovement.document_id)
            .join(Lot, Lot.id == StockMovement.lot_id).join(Product, Product.id == StockMovement.product_id)
            .where(StockDocument.part_id == part.id, StockDocument.org_id == uow.org_id,
                   StockMovement.kind.in_((MovementKind.ISSUE.value, MovementKind.RETURN.value,
                                           MovementKind.OUTPUT.value)))
            .order_by(StockMovement.at, StockMovement.id)).all()
        materials, outputs = [], []
        issued = returned = output = ZERO
        posted = ZERO
        for at, number, kind, sku, name, unit, lot_id, lot_number, qty, cost, value in rows:
            common = (at, number, kind, sku, name, Unit(unit), lot_id, lot_number)
            if kind == MovementKind.OUTPUT.value:
                outputs.append(CostLine(*common, qty, cost, value))
                output += value
                posted += qty
            elif kind == MovementKind.ISSUE.value:  # issued: a cost of the part
                materials.append(CostLine(*common, -qty, cost, -value))
                issued -= value
            else:  # returned: a credit
                materials.append(CostLine(*common, qty, cost, -value))
                returned += value
        estimate = None
        if part.bom_id is not None:
            needs = requirements(uow, part)
            costs = estimate_unit_costs(uow, needs)
            known = [needs[p] * c for p, c in costs.items() if c is not None]
            estimate = (sum(known, ZERO) / part.planned_qty).quantize(Decimal("0.0001")) if known else None
        return CostSheetDTO(part.id, part.code, part.name, part.planned_qty, int(posted), tuple(materials),
                            tuple(outputs), issued, returned, output, estimate)

    return run_read(db, actor, work)


def list_shortages(db: Database, actor: Actor, *, warehouse_id: int | None = None) -> tuple[ShortageRow, ...]:
    """Open parts' components still to issue that reserved and available stock do not cover, by the part's
    deadline. Available stock is counted for every part short of it (what is missing if each part alone took it)."""
    warehouse_id = optional_id(Warehouse, warehouse_id, "warehouse")

    def work(uow: UnitOfWork):
        tree = uow.session.execute(TREE_OF_OPEN_PARTS_BOMS, {"org_id": uow.org_id,
                                                             "max_depth": MAX_BOM_DEPTH}).all()
        if not tree:
            return ()
        part_rows = {p.id: p for p in uow.session.execute(
            select(Part.id, Part.code, Part.deadline, Part.planned_qty, Part.bom_id).where(
                Part.org_id == uow.org_id, Part.bom_id.is_not(None),
                Part.status.in_([s.value for s in ACTIVE_STATUSES]))).all()}
        leaf_needs = LeafNeeds(tree)
        moved = flows(uow, part_rows)
        reserved = reserved_for(uow, part_rows, warehouse_id)
        needs: dict[tuple[int, int], Decimal] = {}
        for pid, part in part_rows.items():
            for product_id, need in leaf_needs(part.bom_id, Decimal(part.planned_qty)).items():
                entry = moved.get((pid, product_id), {})
                to_issue = need - (entry.get("issue_qty", ZERO) - entry.get("return_qty", ZERO))
                if to_issue > 0:
                    needs[(pid, product_id)] = to_issue
        free = available(uow, {p for _, p in needs}, warehouse_id)
        names = products(uow, {p for _, p in needs})
        out = []
        for (pid, product_id), to_issue in needs.items():
            held = reserved.get((pid, product_id), ZERO)
            free_qty = free.get(product_id, ZERO)
            short = to_issue - held - free_qty
            if short > 0:
                part = part_rows[pid]
                out.append(ShortageRow(pid, part.code, part.deadline, product_id, *names[product_id], to_issue, held,
                                       free_qty, short))
        out.sort(key=lambda r: (r.deadline is None, r.deadline or 0, r.code, r.sku))
        return tuple(out)

    with collector_paused():  # 2,000 parts x 20 components: some 70 collector passes over short-lived rows
        return run_read(db, actor, work)


