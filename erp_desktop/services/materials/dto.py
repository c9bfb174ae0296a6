"""Frozen results of the materials services (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal

from erp_desktop.domain.materials import Sourcing
from erp_desktop.domain.stock import Unit
from erp_desktop.services.stock.dto import DocumentDTO, SliceDTO


@dataclass(frozen=True)
class BomLineDTO:
    id: int
    position: int
    component_id: int
    sku: str
    name: str
    unit: Unit
    qty_per_unit: Decimal
    fixed_qty: Decimal
    scrap_percent: Decimal
    sourcing: Sourcing


@dataclass(frozen=True)
class BomDTO:
    id: int
    product_id: int
    sku: str
    name: str
    unit: Unit
    revision: str
    is_active: bool
    note: str
    version: int
    lines: tuple[BomLineDTO, ...]
    parts_using: int  # parts released with this revision (its lines can no longer change)


@dataclass(frozen=True)
class BomSummaryDTO:
    id: int
    product_id: int
    sku: str
    name: str
    revision: str
    is_active: bool
    line_count: int


@dataclass(frozen=True)
class ExplosionRow:
    level: int  # 1 = a line of the exploded BOM itself
    line_id: int
    path: str  # "/12/40/": the BOM lines from the top
    component_id: int
    sku: str
    name: str
    unit: Unit
    sourcing: Sourcing
    qty_per_unit: Decimal
    fixed_qty: Decimal
    scrap_percent: Decimal
    required: Decimal  # for the order size, rounded (pcs and sheet up to whole units)
    exploded: bool  # made here and exploded further (its cost is its children's)
    unit_cost: Decimal | None  # leaves: FIFO cost of the lots an issue would take now, else the last receipt price
    cost: Decimal | None


_EXPLOSION_FIELDS = tuple(f.name for f in fields(ExplosionRow))


def explosion_row(level, line_id, path, component_id, sku, name, unit, sourcing, qty_per_unit, fixed_qty,
                  scrap_percent, required, exploded, unit_cost, cost) -> ExplosionRow:
    """An ExplosionRow built without the frozen dataclass's per-field object.__setattr__ (a quarter of the
    Python time of a 2,000-line explosion): its __dict__ set whole from one dict display; same object, same
    equality, still read-only to its users (a test checks it against the dataclass's own constructor)."""
    row = _new(ExplosionRow)
    _set(row, "__dict__", {
        "level": level, "line_id": line_id, "path": path, "component_id": component_id, "sku": sku, "name": name,
        "unit": unit, "sourcing": sourcing, "qty_per_unit": qty_per_unit, "fixed_qty": fixed_qty,
        "scrap_percent": scrap_percent, "required": required, "exploded": exploded, "unit_cost": unit_cost,
        "cost": cost})
    return row


_new = object.__new__
_set = object.__setattr__
assert _EXPLOSION_FIELDS == explosion_row.__code__.co_varnames[:len(_EXPLOSION_FIELDS)]


@dataclass(frozen=True)
class ExplosionDTO:
    bom_id: int
    product_id: int
    sku: str
    name: str
    revision: str
    order_qty: Decimal
    rows: tuple[ExplosionRow, ...]
    total_cost: Decimal
    unknown_cost: tuple[str, ...]  # SKUs with neither stock nor a receipt: not in the total

    @property
    def unit_cost(self) -> Decimal:
        return (self.total_cost / self.order_qty).quantize(Decimal("0.0001")) if self.order_qty else Decimal(0)


@dataclass(frozen=True)
class WhereUsedRow:
    bom_id: int
    product_id: int
    sku: str
    name: str
    revision: str
    is_active: bool
    level: int  # 1 = the product is a line of this BOM; 2 = of a sub-assembly of it ...
    qty_per_unit: Decimal | None  # direct uses only


@dataclass(frozen=True)
class WhereUsedPart:
    part_id: int
    code: str
    name: str
    status: str
    deadline: date | None


@dataclass(frozen=True)
class WhereUsedDTO:
    product_id: int
    sku: str
    name: str
    boms: tuple[WhereUsedRow, ...]
    parts: tuple[WhereUsedPart, ...]


@dataclass(frozen=True)
class PlanRow:
    component_id: int
    sku: str
    name: str
    unit: Unit
    required: Decimal
    reserved: Decimal
    issued: Decimal
    returned: Decimal
    to_issue: Decimal  # required - (issued - returned), not below zero
    available: Decimal  # approved stock not reserved (in the chosen warehouse, or everywhere)
    short: Decimal  # to issue - reserved - available, not below zero


@dataclass(frozen=True)
class MaterialPlanDTO:
    part_id: int
    code: str
    name: str
    planned_qty: int
    ready_qty: int
    status: str
    deadline: date | None
    product_id: int | None
    product_sku: str
    bom_id: int | None
    revision: str
    warehouse_id: int | None
    rows: tuple[PlanRow, ...]
    posted_qty: int  # output already posted to stock
    issued_value: Decimal
    returned_value: Decimal
    carried_value: Decimal  # value of the output lots posted

    @property
    def to_post(self) -> int:
        return max(self.ready_qty - self.posted_qty, 0)


@dataclass(frozen=True)
class ReleaseRow:
    component_id: int
    sku: str
    name: str
    unit: Unit
    required: Decimal
    to_issue: Decimal
    available: Decimal
    short: Decimal
    slices: tuple[SliceDTO, ...]  # reserved slices first, then FIFO
    value: Decimal


@dataclass(frozen=True)
class ReleasePreviewDTO:
    part_id: int
    warehouse_id: int
    rows: tuple[ReleaseRow, ...]
    total_value: Decimal
    short_count: int


@dataclass(frozen=True)
class ReservePlanResult:
    document: DocumentDTO | None
    shortages: tuple[PlanRow, ...]  # what could not be reserved (short after reserving)


@dataclass(frozen=True)
class CostLine:
    at: datetime
    document_number: str
    kind: str  # issue, return, output
    sku: str
    name: str
    unit: Unit
    lot_id: int
    lot_number: str
    qty: Decimal
    unit_cost: Decimal
    value: Decimal


@dataclass(frozen=True)
class CostSheetDTO:
    part_id: int
    code: str
    name: str
    planned_qty: int
    posted_qty: int
    materials: tuple[CostLine, ...]  # issues (qty issued) and returns (qty returned, value negative)
    outputs: tuple[CostLine, ...]
    issued_value: Decimal
    returned_value: Decimal
    output_value: Decimal
    estimate_unit_cost: Decimal | None  # the BOM's rolled-up estimate per unit

    @property
    def net_value(self) -> Decimal:
        return self.issued_value - self.returned_value

    @property
    def not_carried(self) -> Decimal:
        return self.net_value - self.output_value

    @property
    def actual_unit_cost(self) -> Decimal | None:
        return (self.output_value / self.posted_qty).quantize(Decimal("0.0001")) if self.posted_qty else None


@dataclass(frozen=True)
class ShortageRow:
    part_id: int
    code: str
    deadline: date | None
    component_id: int
    sku: str
    name: str
    unit: Unit
    to_issue: Decimal
    reserved: Decimal
    available: Decimal  # everywhere, approved and not reserved (shared by every part short of it)
    short: Decimal
