"""Frozen DTOs of the stock area: what views, dialogs and reports get (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from erp_desktop.domain.stock import Category, DocumentKind, MovementKind, Quality, ReservationStatus, Unit
from erp_desktop.errors import Text

# --------------------------------------------------------------------------- master data


@dataclass(frozen=True)
class ProductDTO:
    id: int
    sku: str
    name: str
    unit: Unit
    category: Category
    grade: str
    size: str
    min_level: Decimal
    is_active: bool
    version: int

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.sku})"


@dataclass(frozen=True)
class WarehouseDTO:
    id: int
    code: str
    name: str
    is_active: bool
    version: int


@dataclass(frozen=True)
class SupplierDTO:
    id: int
    name: str
    contact: str
    is_active: bool
    version: int


# --------------------------------------------------------------------------- lots


@dataclass(frozen=True)
class LotDTO:
    id: int
    product_id: int
    sku: str
    product_name: str
    unit: Unit
    warehouse_id: int
    warehouse_name: str
    lot_number: str
    received_at: datetime
    qty_received: Decimal
    on_hand: Decimal
    reserved: Decimal
    unit_cost: Decimal
    quality: Quality
    certificate: str
    supplier_id: int | None
    supplier_name: str
    source_lot_id: int | None

    @property
    def available(self) -> Decimal:
        """What may be issued or reserved: approved on hand minus reserved (zero unless APPROVED)."""
        if self.quality != Quality.APPROVED:
            return Decimal("0.000")
        return self.on_hand - self.reserved

    @property
    def value(self) -> Decimal:
        """on hand x unit cost, exact."""
        return (self.on_hand * self.unit_cost).quantize(Decimal("0.0000001"))


@dataclass(frozen=True)
class CodeMatch:
    """What a scanned or typed code is: a product (by SKU) or lots (by lot number)."""

    code: str
    product: ProductDTO | None
    lots: tuple[LotDTO, ...]

    @property
    def kind(self) -> str:
        return "product" if self.product is not None and not self.lots else "lot"


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class SliceDTO:
    """Part of a lot an issue (or its preview) takes, with its FIFO cost."""

    lot_id: int
    lot_number: str
    received_at: datetime
    qty: Decimal
    unit_cost: Decimal
    value: Decimal


@dataclass(frozen=True)
class IssuePreview:
    """Which lots an issue of ``requested`` would consume now (nothing is changed)."""

    product_id: int
    warehouse_id: int
    unit: Unit
    requested: Decimal
    available: Decimal
    slices: tuple[SliceDTO, ...]
    total_qty: Decimal
    total_value: Decimal
    shortfall: Decimal
    message: Text | str  # empty when the issue would succeed; otherwise the refusal it would get (ui: user_text)
    min_level: Decimal = Decimal("0.000")  # the product's minimum level (0: none)
    available_everywhere: Decimal = Decimal("0.000")  # available in all warehouses now (as the critical stock list)

    @property
    def enough(self) -> bool:
        return self.shortfall == 0

    @property
    def left_everywhere(self) -> Decimal:
        """Available in all warehouses once the issue is made."""
        return self.available_everywhere - self.total_qty

    @property
    def below_minimum(self) -> bool:
        """The issue would leave the product below its minimum level (it would show in the critical stock list)."""
        return self.min_level > 0 and self.enough and self.left_everywhere < self.min_level


@dataclass(frozen=True)
class MovementDTO:
    id: int
    at: datetime
    kind: MovementKind
    document_id: int
    document_number: str
    product_id: int
    sku: str
    product_name: str
    unit: Unit
    warehouse_id: int
    warehouse_name: str
    lot_id: int
    lot_number: str
    qty: Decimal  # signed change of the lot's on hand
    reserved_delta: Decimal  # signed change of the lot's reservation
    unit_cost: Decimal
    value: Decimal  # qty x unit cost
    quality_from: Quality | None
    quality_to: Quality | None
    user_id: int
    username: str
    reason: str
    part_id: int | None


@dataclass(frozen=True)
class DocumentDTO:
    """One stock operation: its number and every movement it wrote."""

    id: int
    number: str
    kind: DocumentKind
    at: datetime
    user_id: int
    username: str
    part_id: int | None
    reason: str
    movements: tuple[MovementDTO, ...]
    reservation_id: int | None = None

    @property
    def total_qty(self) -> Decimal:
        return sum((m.qty for m in self.movements), Decimal("0.000"))

    @property
    def total_value(self) -> Decimal:
        return sum((m.value for m in self.movements), Decimal("0.0000000"))

    @property
    def lot_ids(self) -> tuple[int, ...]:
        return tuple(m.lot_id for m in self.movements)


@dataclass(frozen=True)
class QualityBatchResult:
    """Several lots set to one quality status: a QC- document per lot changed, and the lots refused with why."""

    documents: tuple[DocumentDTO, ...]
    refused: tuple[tuple[int, str], ...]  # (lot id, the refusal: a Text the UI translates)


@dataclass(frozen=True)
class DocumentLineDTO:
    """One movement of a printed document with its lot's supplier and certificate."""

    movement: MovementDTO
    supplier_name: str
    certificate: str


@dataclass(frozen=True)
class StockDocumentSheet:
    """A receipt, issue or transfer as its paper form shows it (see services/stock/documents.py)."""

    organization: str
    document: DocumentDTO
    lines: tuple[DocumentLineDTO, ...]
    part_code: str
    part_name: str
    recorded_by: str  # the full name of whoever recorded it (the user name when none is set)


@dataclass(frozen=True)
class MovementPage:
    rows: tuple[MovementDTO, ...]
    has_more: bool

    @property
    def cursor(self) -> tuple[datetime, int] | None:
        """Pass as ``after=`` to get the next page."""
        return (self.rows[-1].at, self.rows[-1].id) if self.rows else None


@dataclass(frozen=True)
class ReservationLineDTO:
    lot_id: int
    lot_number: str
    received_at: datetime
    qty: Decimal
    unit_cost: Decimal


@dataclass(frozen=True)
class ReservationDTO:
    id: int
    document_id: int
    document_number: str
    product_id: int
    sku: str
    product_name: str
    unit: Unit
    warehouse_id: int
    warehouse_name: str
    part_id: int | None
    part_code: str
    order_ref: str
    qty: Decimal
    status: ReservationStatus
    created_at: datetime
    closed_at: datetime | None
    lines: tuple[ReservationLineDTO, ...]

    @property
    def value(self) -> Decimal:
        return sum((line.qty * line.unit_cost for line in self.lines), Decimal(0)).quantize(Decimal("0.0000001"))


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class StockRow:
    """Availability of a product in a warehouse (or in all warehouses when warehouse_id is None)."""

    product_id: int
    sku: str
    product_name: str
    unit: Unit
    category: Category
    grade: str
    size: str
    warehouse_id: int | None
    warehouse_name: str
    on_hand: Decimal  # all quality statuses
    reserved: Decimal
    available: Decimal  # approved on hand - reserved
    pending: Decimal
    quarantine: Decimal
    rejected: Decimal
    fifo_value: Decimal  # sum of on hand x unit cost over the lots, exact
    min_level: Decimal
    below_minimum: bool  # the product's available stock in all warehouses is below its minimum


@dataclass(frozen=True)
class CriticalRow:
    product_id: int
    sku: str
    product_name: str
    unit: Unit
    category: Category
    min_level: Decimal
    available: Decimal
    on_hand: Decimal
    pending: Decimal
    shortage: Decimal  # min_level - available


@dataclass(frozen=True)
class ValuationRow:
    product_id: int
    sku: str
    product_name: str
    unit: Unit
    category: Category
    warehouse_id: int
    warehouse_name: str
    qty: Decimal
    value: Decimal


@dataclass(frozen=True)
class Valuation:
    as_of: datetime  # the bound: movements before it count (for a date, the next day's local midnight)
    rows: tuple[ValuationRow, ...]
    as_of_date: date | None = None  # the day asked for, when a date was given (valued at its end)

    @property
    def total_value(self) -> Decimal:
        return sum((row.value for row in self.rows), Decimal("0.0000000"))


@dataclass(frozen=True)
class StockCardRow:
    movement: MovementDTO
    balance_qty: Decimal
    balance_value: Decimal


@dataclass(frozen=True)
class StockCard:
    """A product's movements with the running balance (one warehouse, or all of them)."""

    product: ProductDTO
    warehouse_id: int | None
    warehouse_name: str
    date_from: date | None
    date_to: date | None
    opening_qty: Decimal
    opening_value: Decimal
    rows: tuple[StockCardRow, ...]
    closing_qty: Decimal
    closing_value: Decimal
    truncated: bool  # more rows in the period than the limit; the closing balance is still exact

    @property
    def received_qty(self) -> Decimal:
        return sum((r.movement.qty for r in self.rows if r.movement.qty > 0), Decimal("0.000"))

    @property
    def issued_qty(self) -> Decimal:
        return -sum((r.movement.qty for r in self.rows if r.movement.qty < 0), Decimal("0.000"))


@dataclass(frozen=True)
class LevelPoint:
    at: datetime
    on_hand: Decimal


@dataclass(frozen=True)
class LevelSeries:
    """A product's on-hand level over time (step chart: the level holds until the next point)."""

    product_id: int
    unit: Unit
    warehouse_id: int | None
    points: tuple[LevelPoint, ...]
    min_level: Decimal
