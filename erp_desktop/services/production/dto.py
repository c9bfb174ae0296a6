"""Frozen DTOs of the production area: stages, parts with progress, facts, report data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from erp_desktop.domain.progress import DeadlineRisk, PartStatus
from erp_desktop.domain.shifts import Shift


@dataclass(frozen=True)
class StageDTO:
    id: int
    code: str
    name: str
    sort_order: int
    needs_shift: bool  # facts need day/night and an operator
    is_qc: bool  # facts need Op.RECORD_QC_FACTS
    is_active: bool  # inactive stages cannot be added to routes
    version: int


@dataclass(frozen=True)
class StageProgressDTO:
    """One step of a part's route with its cumulative quantities (for a delegate progress bar)."""

    stage_id: int
    code: str
    name: str
    position: int  # 0-based place in the route
    needs_shift: bool
    is_qc: bool
    good: int
    scrap: int
    scrap_pct: Decimal  # scrap / (good + scrap), one decimal
    remaining: int  # planned - good, not below 0
    percent: Decimal  # good / planned, one decimal


@dataclass(frozen=True)
class PartDTO:
    id: int
    code: str
    name: str
    customer: str
    planned_qty: int
    ready_qty: int  # cumulative good at the last stage
    percent_done: Decimal  # ready / planned, one decimal
    deadline: date | None
    priority: int
    status: PartStatus
    overdue: bool  # deadline passed, neither done nor cancelled
    has_blocker: bool  # an unfinished blocker task concerns this part
    stages: tuple[StageProgressDTO, ...]
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def route(self) -> tuple[int, ...]:
        return tuple(stage.stage_id for stage in self.stages)

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def scrap_total(self) -> int:
        return sum(stage.scrap for stage in self.stages)


@dataclass(frozen=True)
class PartPage:
    rows: tuple[PartDTO, ...]
    total: int  # rows matching the filter
    offset: int
    has_more: bool


@dataclass(frozen=True)
class ChartPoint:
    fact_date: date
    good: int  # cumulative good of the stage up to and including this date


@dataclass(frozen=True)
class ChartSeries:
    stage_id: int
    stage_name: str
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True)
class BlockerDTO:
    task_id: int
    title: str
    status: str
    due_date: date | None


@dataclass(frozen=True)
class FactDTO:
    id: int
    part_id: int
    part_code: str
    part_name: str
    stage_id: int
    stage_code: str
    stage_name: str
    fact_date: date
    shift: Shift
    operator_id: int | None
    operator_name: str
    qty_good: int
    qty_scrap: int
    comment: str
    created_by: int
    created_by_name: str
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def cursor(self) -> tuple[date, int]:
        return (self.fact_date, self.id)


@dataclass(frozen=True)
class PartDetailDTO:
    part: PartDTO
    plan: int  # planned quantity, the chart's target line
    facts: tuple[FactDTO, ...]  # newest first
    chart: tuple[ChartSeries, ...]  # one per route stage, in route order
    blockers: tuple[BlockerDTO, ...]
    risk: DeadlineRisk
    first_fact_date: date | None
    last_fact_date: date | None

    @property
    def has_facts(self) -> bool:
        return bool(self.facts)


@dataclass(frozen=True)
class FactTotals:
    count: int
    good: int
    scrap: int
    scrap_pct: Decimal


@dataclass(frozen=True)
class ShiftSubtotal:
    shift: Shift
    count: int
    good: int
    scrap: int
    scrap_pct: Decimal


@dataclass(frozen=True)
class ChangedFacts:
    """Facts a live update named (id, fact or None: removed) and the journal filter's totals, read together."""

    found: tuple[tuple[int, FactDTO | None], ...]
    totals: FactTotals
    per_shift: tuple[ShiftSubtotal, ...]


@dataclass(frozen=True)
class FactPage:
    rows: tuple[FactDTO, ...]
    has_more: bool
    totals: FactTotals | None  # for the whole filter; only on the first page (after=None)
    per_shift: tuple[ShiftSubtotal, ...]  # likewise

    @property
    def next_cursor(self) -> tuple[date, int] | None:
        return self.rows[-1].cursor if self.rows and self.has_more else None


@dataclass(frozen=True)
class PersonDTO:
    id: int
    username: str
    display_name: str
    role: str


@dataclass(frozen=True)
class ShiftReportLine:
    stage_id: int
    stage_name: str
    operator_id: int | None
    operator_name: str
    part_id: int
    part_code: str
    part_name: str
    fact_count: int
    good: int
    scrap: int
    scrap_pct: Decimal


@dataclass(frozen=True)
class ShiftReportStage:
    stage_id: int
    stage_name: str
    good: int
    scrap: int
    scrap_pct: Decimal
    lines: tuple[ShiftReportLine, ...]


@dataclass(frozen=True)
class OperatorTotals:
    operator_id: int | None
    operator_name: str
    good: int
    scrap: int
    scrap_pct: Decimal


@dataclass(frozen=True)
class ShiftReportDTO:
    report_date: date
    shift: Shift | None  # None: the whole day
    stages: tuple[ShiftReportStage, ...]  # in catalogue order
    operators: tuple[OperatorTotals, ...]
    totals: FactTotals


@dataclass(frozen=True)
class ProgressReportRow:
    part: PartDTO
    risk: DeadlineRisk
    days_left: int | None  # negative when late
    remaining: int  # planned - ready
    work_done_pct: Decimal  # all stages' good up to the plan, stages weighed equally


@dataclass(frozen=True)
class PartsProgressReportDTO:
    generated_on: date
    rows: tuple[ProgressReportRow, ...]  # late first, then at risk, then by deadline
    risk_counts: tuple[tuple[DeadlineRisk, int], ...]


@dataclass(frozen=True)
class RouteStepDTO:
    position: int  # 1-based, as printed
    stage_id: int
    code: str
    name: str
    needs_shift: bool
    is_qc: bool
    good: int
    scrap: int


@dataclass(frozen=True)
class RouteCardDTO:
    organization: str
    part: PartDTO
    steps: tuple[RouteStepDTO, ...]
    printed_on: date
