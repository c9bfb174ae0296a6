"""Frozen DTOs of the purchasing area (never ORM objects)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from erp_desktop.domain.purchasing import PoStatus
from erp_desktop.domain.stock import Quality, Unit
from erp_desktop.services.stock.dto import DocumentDTO


@dataclass(frozen=True)
class SupplierTermsDTO:
    id: int
    supplier_id: int
    supplier_name: str
    product_id: int
    sku: str
    product_name: str
    lead_time_days: int
    min_order_qty: Decimal
    last_price: Decimal | None
    version: int


@dataclass(frozen=True)
class PoLineDTO:
    id: int
    position: int
    product_id: int
    sku: str
    product_name: str
    unit: Unit
    qty: Decimal
    unit_price: Decimal
    expected_date: date
    received_qty: Decimal
    open_qty: Decimal
    value: Decimal
    # the most the line may hold (ordered x (1 + tolerance)) and what a receipt may still add to it
    limit: Decimal
    receivable: Decimal


@dataclass(frozen=True)
class PoEventDTO:
    at: datetime
    user_id: int
    username: str
    action: str
    details: dict


@dataclass(frozen=True)
class PurchaseOrderDTO:
    id: int
    number: str
    supplier_id: int
    supplier_name: str
    supplier_contact: str
    warehouse_id: int
    warehouse_name: str
    order_date: date
    status: PoStatus
    notes: str
    cancel_reason: str
    created_by: int
    sent_at: datetime | None
    version: int
    lines: tuple[PoLineDTO, ...]
    events: tuple[PoEventDTO, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal("0.0000000"))

    def late_lines(self, today: date) -> tuple[PoLineDTO, ...]:
        return tuple(line for line in self.lines if line.open_qty > 0 and line.expected_date < today)


@dataclass(frozen=True)
class PoRowDTO:
    """A purchase order in the list."""

    id: int
    number: str
    supplier_name: str
    order_date: date
    status: PoStatus
    line_count: int
    total: Decimal
    next_expected: date | None
    late: bool
    version: int


@dataclass(frozen=True)
class ReceiptLotDTO:
    """A lot received against (or returned from) a PO line."""

    receipt_id: int
    kind: str  # receipt | return
    document_number: str
    at: datetime
    line_id: int
    lot_id: int
    lot_number: str
    sku: str
    product_name: str
    unit: Unit
    qty: Decimal
    unit_price: Decimal
    certificate: str
    quality: Quality


@dataclass(frozen=True)
class ReceiptNoteDTO:
    """A goods receipt against a PO: what the receipt note prints."""

    document: DocumentDTO
    order_number: str
    supplier_name: str
    warehouse_name: str
    received_by: str
    lots: tuple[ReceiptLotDTO, ...]

    @property
    def total(self) -> Decimal:
        return sum((lot.qty * lot.unit_price for lot in self.lots), Decimal("0"))


@dataclass(frozen=True)
class QcLotDTO:
    """A lot waiting for quality control, with where it came from."""

    lot_id: int
    lot_number: str
    product_id: int
    sku: str
    product_name: str
    unit: Unit
    warehouse_name: str
    received_at: datetime
    on_hand: Decimal
    quality: Quality
    certificate: str
    supplier_name: str
    order_number: str
    order_id: int | None


@dataclass(frozen=True)
class QcOutcome:
    """One lot of a several-lot QC decision: its own document, or why it was refused."""

    lot_id: int
    lot_number: str
    document_number: str
    error: str


@dataclass(frozen=True)
class LateLineDTO:
    order_id: int
    order_number: str
    supplier_name: str
    sku: str
    product_name: str
    unit: Unit
    qty: Decimal
    received_qty: Decimal
    open_qty: Decimal
    expected_date: date
    days_late: int


@dataclass(frozen=True)
class SupplierPerformanceDTO:
    supplier_id: int
    supplier_name: str
    lines: int
    lines_received: int
    on_time_lines: int
    ordered_qty_lines_full: int  # lines whose received quantity reached the ordered quantity
    returned_lots: int

    @property
    def on_time_pct(self) -> Decimal | None:
        return None if not self.lines_received else (Decimal(100) * self.on_time_lines / self.lines_received).quantize(
            Decimal("0.1"))

    @property
    def fill_pct(self) -> Decimal | None:
        return None if not self.lines else (Decimal(100) * self.ordered_qty_lines_full / self.lines).quantize(
            Decimal("0.1"))


@dataclass(frozen=True)
class BuyLineDTO:
    """A product to buy: demand of open parts and the minimum level against free stock, the QC queue and orders
    due in time; the net shortage and the suggested order (the supplier's minimum order quantity at least)."""

    product_id: int
    sku: str
    name: str
    unit: Unit
    supplier_id: int | None  # the last supplier, else the one with the shortest lead time; None: no supplier known
    supplier_name: str
    lead_time_days: int
    min_order_qty: Decimal
    parts_demand: Decimal  # still to issue to open parts (made items' own shortage exploded)
    min_level: Decimal
    available: Decimal  # approved, not reserved
    pending_qc: Decimal
    on_order: Decimal  # open order quantity due before the need dates (or any time, for the minimum level)
    short: Decimal
    short_min_level: Decimal  # the part of ``short`` the minimum level causes
    suggested_qty: Decimal
    order_by: date  # the earliest need date of a part still short (deadline less lead time), else today
    late: bool  # order_by has passed


# The pegging's rows are immutable named tuples, not frozen dataclasses: the whole plant's list holds some
# 50,000 of them, and a frozen dataclass's __init__ (object.__setattr__ per field) cost 100 ms of its 0.5 s.
class PeggedPart(NamedTuple):
    part_id: int
    code: str
    deadline: date | None
    need_date: date | None
    qty: Decimal
    covered: Decimal
    short: Decimal


class PeggedOrder(NamedTuple):
    order_id: int
    number: str
    expected_date: date
    qty: Decimal  # of its open quantity, what covers this demand


@dataclass(frozen=True)
class NettedProduct:
    """What the netting of one product to buy leaves for its pegging, in plain values: per part (by deadline)
    ``(part id, its demand, what stays short)``, the supplier's lead time, and per order line used
    ``((order id, number, expected date), quantity)``."""

    parts: tuple[tuple[int, Decimal, Decimal], ...]
    lead_time: timedelta
    orders: tuple[tuple[tuple[int, str, date], Decimal], ...]


Pegging = tuple[tuple[PeggedPart, ...], tuple[PeggedOrder, ...]]


@dataclass(frozen=True)
class WhatToBuyDTO:
    """The list, and per product its pegging: the parts causing the demand and the open orders covering part of
    it. The pegging is made into PeggedPart and PeggedOrder rows when asked for (one product when a row is
    selected; all of them for the report): the whole plant's list has some 50,000 pegged parts, and making
    them all was a third of its computation."""

    as_of: date
    rows: tuple[BuyLineDTO, ...]
    netted: Mapping[int, NettedProduct] = field(repr=False, compare=False)  # read-only: product id -> netting
    parts: Mapping[int, tuple[str, date | None]] = field(repr=False, compare=False)  # part id -> code, deadline

    def pegging_of(self, product_id: int) -> Pegging:
        netted = self.netted.get(product_id)
        if netted is None:
            return (), ()
        lead_time, pegged = netted.lead_time, []
        for part_id, qty, short in netted.parts:
            code, deadline = self.parts[part_id]
            need_date = deadline - lead_time if deadline is not None else None
            pegged.append(PeggedPart(part_id, code, deadline, need_date, qty, qty - short, short))
        return tuple(pegged), tuple(PeggedOrder(*line, qty) for line, qty in netted.orders)

    @property
    def pegging(self) -> tuple[tuple[int, Pegging], ...]:
        """Every product's pegging, by product id."""
        return tuple((pid, self.pegging_of(pid)) for pid in sorted(self.netted))
