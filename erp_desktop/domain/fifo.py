"""FIFO allocation over lot snapshots: the one piece of code that decides which lots an
issue, a reservation or a FIFO transfer takes, and at what cost (plain Python, no database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from erp_desktop.domain.stock import ZERO, Quality, value_of


@dataclass(frozen=True)
class LotState:
    """A lot as the allocation sees it (read under lock by the service)."""

    id: int
    received_at: datetime
    on_hand: Decimal
    reserved: Decimal
    unit_cost: Decimal
    quality: str = Quality.APPROVED
    lot_number: str = ""

    @property
    def fifo_key(self) -> tuple[datetime, int]:
        return (self.received_at, self.id)

    @property
    def available(self) -> Decimal:
        """What may still be issued or reserved: approved on hand minus reserved."""
        if self.quality != Quality.APPROVED:
            return ZERO
        return max(self.on_hand - self.reserved, ZERO)


@dataclass(frozen=True)
class Slice:
    """Part of one lot taken by an operation, with its cost."""

    lot_id: int
    lot_number: str
    received_at: datetime
    qty: Decimal
    unit_cost: Decimal

    @property
    def value(self) -> Decimal:
        return value_of(self.qty, self.unit_cost)


@dataclass(frozen=True)
class Allocation:
    requested: Decimal
    slices: tuple[Slice, ...]
    available: Decimal  # all approved available stock of the lots offered

    @property
    def allocated(self) -> Decimal:
        return sum((s.qty for s in self.slices), ZERO)

    @property
    def shortfall(self) -> Decimal:
        return self.requested - self.allocated

    @property
    def complete(self) -> bool:
        return self.shortfall == 0

    @property
    def value(self) -> Decimal:
        return sum((s.value for s in self.slices), Decimal(0)).quantize(Decimal("0.0000001"))


def fifo_order(lots: Iterable[LotState]) -> list[LotState]:
    return sorted(lots, key=lambda lot: lot.fifo_key)


def allocate(lots: Iterable[LotState], qty: Decimal) -> Allocation:
    """Take ``qty`` from the oldest approved available lots (received_at, then id).

    Returns what could be taken; the caller refuses the whole operation unless complete.
    """
    if qty <= 0:
        raise ValueError("allocate a positive quantity")
    ordered = [lot for lot in fifo_order(lots) if lot.available > 0]
    slices: list[Slice] = []
    remaining = qty
    for lot in ordered:
        if remaining == 0:
            break
        take = min(lot.available, remaining)
        slices.append(Slice(lot.id, lot.lot_number, lot.received_at, take, lot.unit_cost))
        remaining -= take
    return Allocation(qty, tuple(slices), sum((lot.available for lot in ordered), ZERO))


def fifo_violation(lots_after: Iterable[LotState], consumed_ids: set[int]) -> LotState | None:
    """After a FIFO operation: an approved lot with available stock older than the newest lot it
    consumed (which the operation should have taken first), or None."""
    lots = list(lots_after)
    consumed = [lot for lot in lots if lot.id in consumed_ids]
    if not consumed:
        return None
    newest = max(lot.fifo_key for lot in consumed)
    for lot in fifo_order(lots):
        if lot.fifo_key >= newest:
            return None
        if lot.available > 0:
            return lot
    return None
