"""The stock ledger's invariants, checked from the raw tables (both back ends).

check_stock_invariants(db) returns a list of violations (empty when all hold):
- no lot's on hand or reserved below zero; reserved never above on hand;
- per lot: on hand = sum of its journal qty, reserved = sum of its reserved_delta,
  quality = the last quality its journal recorded;
- per product and warehouse: position on hand / reserved = sums over its lots = sums over the journal;
- FIFO, replayed from the journal in id order: no issue (other than of a reservation) and no
  reservation took a lot that was not APPROVED, took more than was available, or took a newer lot
  while an older approved lot of the same product and warehouse still had available stock.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from itertools import groupby

from sqlalchemy import select

from erp_desktop.db.models import Lot, StockMovement, StockPosition
from erp_desktop.domain.fifo import LotState, fifo_violation
from tests.factories import admin_of

ZERO = Decimal("0.000")


def check_stock_invariants(db, org_id: int | None = None) -> list[str]:
    problems: list[str] = []
    with admin_of(db).sessions() as session:
        lot_query, position_query, movement_query = select(Lot), select(StockPosition), select(StockMovement)
        if org_id is not None:
            lot_query = lot_query.where(Lot.org_id == org_id)
            position_query = position_query.where(StockPosition.org_id == org_id)
            movement_query = movement_query.where(StockMovement.org_id == org_id)
        lots = {lot.id: lot for lot in session.execute(lot_query).scalars()}
        positions = {(p.product_id, p.warehouse_id): p for p in session.execute(position_query).scalars()}
        movements = session.execute(movement_query.order_by(StockMovement.id)).scalars().all()

    for lot in lots.values():
        if lot.on_hand < 0 or lot.reserved < 0:
            problems.append(f"lot {lot.id}: on hand {lot.on_hand}, reserved {lot.reserved} below zero")
        if lot.reserved > lot.on_hand:
            problems.append(f"lot {lot.id}: reserved {lot.reserved} above on hand {lot.on_hand}")

    journal_lot = defaultdict(lambda: [ZERO, ZERO, None])
    for m in movements:
        entry = journal_lot[m.lot_id]
        entry[0] += m.qty
        entry[1] += m.reserved_delta
        if m.quality_to:
            entry[2] = m.quality_to
    for lot in lots.values():
        qty, reserved, quality = journal_lot[lot.id]
        if (qty, reserved) != (lot.on_hand, lot.reserved):
            problems.append(f"lot {lot.id}: on hand/reserved {lot.on_hand}/{lot.reserved}, journal {qty}/{reserved}")
        if quality != lot.quality:
            problems.append(f"lot {lot.id}: quality {lot.quality}, journal says {quality}")

    lot_sums = defaultdict(lambda: [ZERO, ZERO])
    for lot in lots.values():
        lot_sums[(lot.product_id, lot.warehouse_id)][0] += lot.on_hand
        lot_sums[(lot.product_id, lot.warehouse_id)][1] += lot.reserved
    journal_sums = defaultdict(lambda: [ZERO, ZERO])
    for m in movements:
        journal_sums[(m.product_id, m.warehouse_id)][0] += m.qty
        journal_sums[(m.product_id, m.warehouse_id)][1] += m.reserved_delta
    for key in set(lot_sums) | set(positions) | set(journal_sums):
        position = positions.get(key)
        if position is None:
            problems.append(f"position {key}: lots without a position row")
            continue
        held = [position.on_hand, position.reserved]
        if held != lot_sums[key]:
            problems.append(f"position {key}: {held} but lots sum to {lot_sums[key]}")
        if held != journal_sums[key]:
            problems.append(f"position {key}: {held} but the journal sums to {journal_sums[key]}")
        if position.on_hand < 0 or position.reserved < 0 or position.reserved > position.on_hand:
            problems.append(f"position {key}: on hand {position.on_hand}, reserved {position.reserved}")

    problems.extend(_fifo_replay(lots, movements))
    return problems


def _fifo_replay(lots: dict, movements) -> list[str]:
    problems = []
    by_position = defaultdict(list)
    for m in movements:
        by_position[(m.product_id, m.warehouse_id)].append(m)
    for key, rows in by_position.items():
        state: dict[int, list] = {}  # lot id -> [on_hand, reserved, quality]
        for document_id, group in groupby(rows, key=lambda m: m.document_id):
            group = list(group)
            fifo_takes = {m.lot_id for m in group
                          if (m.kind == "issue" and m.reserved_delta == 0) or m.kind == "reservation"}
            for m in group:
                if m.lot_id in fifo_takes:
                    on_hand, reserved, quality = state.get(m.lot_id, [ZERO, ZERO, None])
                    if quality != "APPROVED":
                        problems.append(f"document {document_id}: {m.kind} from lot {m.lot_id} while {quality}")
                    if -m.qty + m.reserved_delta > on_hand - reserved:
                        problems.append(f"document {document_id}: took more than lot {m.lot_id} had available")
            for m in group:
                entry = state.setdefault(m.lot_id, [ZERO, ZERO, None])
                entry[0] += m.qty
                entry[1] += m.reserved_delta
                if m.quality_to:
                    entry[2] = m.quality_to
            if fifo_takes:
                snapshot = [
                    LotState(lot_id, lots[lot_id].received_at, on_hand, reserved, Decimal(0), quality or "")
                    for lot_id, (on_hand, reserved, quality) in state.items()
                ]
                older = fifo_violation(snapshot, fifo_takes)
                if older is not None:
                    problems.append(f"document {document_id} at {key}: took a newer lot while lot {older.id} "
                                    f"(older, approved) still had {older.available} available")
    return problems
