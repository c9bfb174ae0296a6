from datetime import date
from decimal import Decimal

import pytest

from erp_desktop.domain.progress import (
    DeadlineRisk,
    PartStatus,
    StageTotals,
    check_flow,
    deadline_risk,
    flow_violation,
    part_status,
    percent_done,
    ready_quantity,
    remaining,
    scrap_percent,
    work_done_fraction,
)
from erp_desktop.errors import FlowRuleViolation, ValidationError

ROUTE = [StageTotals("Machining", 120), StageTotals("Turning", 100), StageTotals("QC", 90)]


def test_ready_is_the_cumulative_good_at_the_last_stage():
    assert ready_quantity([120, 100, 90]) == 90
    assert ready_quantity([]) == 0


def test_percent_done_scrap_percent_and_remaining_are_exact_to_one_place():
    assert percent_done(90, 300) == Decimal("30.0")
    assert percent_done(1, 3) == Decimal("33.3")
    assert percent_done(0, 0) == Decimal("0.0")
    assert scrap_percent(95, 5) == Decimal("5.0")
    assert scrap_percent(0, 0) == Decimal("0.0")
    assert remaining(300, 90) == 210 and remaining(300, 320) == 0


def test_flow_rule_names_both_numbers():
    stages = [StageTotals("Machining", 120), StageTotals("Turning", 130)]
    with pytest.raises(FlowRuleViolation) as caught:
        check_flow(stages, {1})
    assert str(caught.value) == "Turning would have 130 good in total but the previous stage Machining has only 120."
    assert isinstance(caught.value, ValidationError) and caught.value.field == "qty_good"


def test_flow_rule_on_reducing_an_earlier_stage_names_the_later_stage():
    stages = [StageTotals("Machining", 90), StageTotals("Turning", 100)]
    assert flow_violation(stages, {0}) == (
        "Machining would have 90 good in total but the next stage Turning already has 100.")


def test_equal_quantities_keep_the_flow_rule():
    assert flow_violation([StageTotals("A", 10), StageTotals("B", 10), StageTotals("C", 0)]) is None
    assert flow_violation(ROUTE) is None


@pytest.mark.parametrize(("planned", "ready", "has_facts", "cancelled", "expected"), [
    (100, 0, False, False, PartStatus.PLANNED),
    (100, 0, True, False, PartStatus.IN_PROGRESS),
    (100, 100, True, False, PartStatus.DONE),
    (100, 120, True, False, PartStatus.DONE),
    (100, 100, True, True, PartStatus.CANCELLED),
])
def test_part_status_follows_the_facts(planned, ready, has_facts, cancelled, expected):
    assert part_status(planned=planned, ready=ready, has_facts=has_facts, cancelled=cancelled) == expected


def test_work_done_counts_each_stage_up_to_the_plan():
    assert work_done_fraction(100, [100, 50]) == Decimal("0.75")
    assert work_done_fraction(100, [150, 0]) == Decimal("0.5")


def test_deadline_risk():
    today = date(2026, 3, 10)
    common = dict(planned=100, today=today)
    assert deadline_risk(goods=[100, 100], deadline=date(2026, 3, 1), **common) == DeadlineRisk.DONE
    assert deadline_risk(goods=[50, 0], deadline=None, **common) == DeadlineRisk.NO_DEADLINE
    assert deadline_risk(goods=[50, 0], deadline=date(2026, 3, 9), **common) == DeadlineRisk.LATE
    # nothing started, deadline in two days
    assert deadline_risk(goods=[0, 0], deadline=date(2026, 3, 12), **common) == DeadlineRisk.AT_RISK
    assert deadline_risk(goods=[0, 0], deadline=date(2026, 3, 30), **common) == DeadlineRisk.ON_TRACK
    # a quarter done in 10 days: 30 more days needed, 5 left
    assert deadline_risk(goods=[50, 0], deadline=date(2026, 3, 15), first_fact_date=date(2026, 3, 1),
                         **common) == DeadlineRisk.AT_RISK
    # a quarter done in 2 days: 6 more days needed, 20 left
    assert deadline_risk(goods=[50, 0], deadline=date(2026, 3, 30), first_fact_date=date(2026, 3, 9),
                         **common) == DeadlineRisk.ON_TRACK
