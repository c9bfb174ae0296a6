"""Progress arithmetic of a part's route: cumulative good and scrap per stage, the flow rule,
ready quantity, percent done, scrap percent, remaining work and deadline risk.

Plain Python; the services feed it the cached per-stage totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from erp_desktop.errors import QT_TRANSLATE_NOOP, FlowRuleViolation, Text

ONE_PLACE = Decimal("0.1")


class PartStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"planned": QT_TRANSLATE_NOOP("enums", "Planned"), "in_progress": QT_TRANSLATE_NOOP("enums", "In progress"),
                "done": QT_TRANSLATE_NOOP("enums", "Done"), "cancelled": QT_TRANSLATE_NOOP("enums", "Cancelled")}[self]


ACTIVE_STATUSES = (PartStatus.PLANNED, PartStatus.IN_PROGRESS)


class DeadlineRisk(StrEnum):
    DONE = "done"
    LATE = "late"  # deadline passed and not finished
    AT_RISK = "at_risk"  # at the pace so far the remaining work does not fit in the days left
    ON_TRACK = "on_track"
    NO_DEADLINE = "no_deadline"

    @property
    def label(self) -> str:
        return {"done": QT_TRANSLATE_NOOP("enums", "Done"), "late": QT_TRANSLATE_NOOP("enums", "Late"),
                "at_risk": QT_TRANSLATE_NOOP("enums", "At risk"), "on_track": QT_TRANSLATE_NOOP("enums", "On track"),
                "no_deadline": QT_TRANSLATE_NOOP("enums", "No deadline")}[self]


@dataclass(frozen=True)
class StageTotals:
    """One route step with its cumulative quantities."""

    name: str
    good: int
    scrap: int = 0


def percent(part: int, whole: int) -> Decimal:
    """part / whole in percent, one decimal place; 0 when whole is 0."""
    if whole <= 0:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def scrap_percent(good: int, scrap: int) -> Decimal:
    """Scrap as a share of everything produced (good + scrap)."""
    return percent(scrap, good + scrap)


def ready_quantity(goods: Sequence[int]) -> int:
    """The cumulative good at the last stage of the route."""
    return goods[-1] if goods else 0


def percent_done(ready: int, planned: int) -> Decimal:
    return percent(ready, planned)


def remaining(planned: int, good: int) -> int:
    return max(planned - good, 0)


def part_status(*, planned: int, ready: int, has_facts: bool, cancelled: bool = False) -> PartStatus:
    if cancelled:
        return PartStatus.CANCELLED
    if ready >= planned:
        return PartStatus.DONE
    if has_facts:
        return PartStatus.IN_PROGRESS
    return PartStatus.PLANNED


def flow_violation(stages: Sequence[StageTotals], changed: frozenset[int] | set[int] = frozenset()) -> Text | None:
    """The first break of the flow rule as a message naming both numbers, or None.

    ``changed`` holds the route positions whose totals are about to change; the message is
    worded from the point of view of the stage being changed.
    """
    for index in range(1, len(stages)):
        previous, current = stages[index - 1], stages[index]
        if current.good <= previous.good:
            continue
        if index - 1 in changed and index not in changed:
            return Text(QT_TRANSLATE_NOOP("errors", "{stage} would have {good} good in total but the next stage "
                                                    "{next} already has {next_good}."),
                        stage=previous.name, good=previous.good, next=current.name, next_good=current.good)
        return Text(QT_TRANSLATE_NOOP("errors", "{stage} would have {good} good in total but the previous stage "
                                                "{previous} has only {previous_good}."),
                    stage=current.name, good=current.good, previous=previous.name, previous_good=previous.good)
    return None


def check_flow(stages: Sequence[StageTotals], changed: frozenset[int] | set[int] = frozenset()) -> None:
    """Raise FlowRuleViolation when a stage's cumulative good exceeds the previous stage's."""
    message = flow_violation(stages, changed)
    if message:
        raise FlowRuleViolation(message, field="qty_good")


def work_done_fraction(planned: int, goods: Sequence[int]) -> Decimal:
    """Share of the route's work done: each stage counts its good up to the plan, stages weigh equally."""
    if planned <= 0 or not goods:
        return Decimal(0)
    done = sum(min(good, planned) for good in goods)
    return Decimal(done) / Decimal(planned * len(goods))


def deadline_risk(
    *,
    planned: int,
    goods: Sequence[int],
    deadline: date | None,
    today: date,
    first_fact_date: date | None = None,
    at_risk_days: int = 3,
) -> DeadlineRisk:
    """Late when the deadline has passed; at risk when, at the pace since the first fact, the remaining
    work needs more days than are left (or nothing started and the deadline is within ``at_risk_days``)."""
    if ready_quantity(goods) >= planned:
        return DeadlineRisk.DONE
    if deadline is None:
        return DeadlineRisk.NO_DEADLINE
    days_left = (deadline - today).days
    if days_left < 0:
        return DeadlineRisk.LATE
    done = work_done_fraction(planned, goods)
    if first_fact_date is None or done == 0:
        return DeadlineRisk.AT_RISK if days_left <= at_risk_days else DeadlineRisk.ON_TRACK
    days_worked = max((today - first_fact_date).days + 1, 1)
    pace = done / days_worked  # share of the work per day
    days_needed = (1 - done) / pace
    return DeadlineRisk.AT_RISK if days_needed > days_left + 1 else DeadlineRisk.ON_TRACK
