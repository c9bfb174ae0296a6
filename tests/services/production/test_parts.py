from datetime import timedelta

import pytest
from sqlalchemy import text

from erp_desktop.domain.progress import DeadlineRisk, PartStatus
from erp_desktop.domain.roles import Op, Role, can
from erp_desktop.errors import (
    ConcurrentModification,
    FlowRuleViolation,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from erp_desktop.services.admin import audit
from erp_desktop.services.production import facts, parts, stages
from tests.factories import admin_of, make_plant
from tests.services.production.production_fixtures import TODAY, YESTERDAY, make_line, make_part


@pytest.fixture
def line(plant):
    return make_line(plant)


def record(plant, part, stage, good, scrap=0, day=YESTERDAY):
    return facts.create_fact(plant.db, plant.master, part_id=part.id, stage_id=stage.id, fact_date=day,
                             shift="day" if stage.needs_shift else None,
                             operator_id=plant.operator.user_id if stage.needs_shift else None,
                             qty_good=good, qty_scrap=scrap)


def test_create_part_with_route_and_empty_progress(plant, line):
    part = make_part(plant, line, deadline=TODAY + timedelta(days=9))
    assert part.status == PartStatus.PLANNED and part.ready_qty == 0 and part.percent_done == 0
    assert [s.code for s in part.stages] == ["machining", "turning", "fitting", "qc"]
    assert part.route == (line.machining.id, line.turning.id, line.fitting.id, line.qc.id)
    assert all(s.good == 0 and s.remaining == 100 for s in part.stages)
    assert not part.overdue and not part.has_blocker


@pytest.mark.parametrize("role", list(Role))
def test_edit_parts_permission_per_role(plant, line, role):
    actor = getattr(plant, role.value)
    if can(role, Op.EDIT_PARTS):
        part = make_part(plant, line, actor=actor)
        parts.update_part(plant.db, actor, part.id, version=part.version, name="Renamed")
    else:
        with pytest.raises(PermissionDenied):
            make_part(plant, line, actor=actor)
        part = make_part(plant, line)
        with pytest.raises(PermissionDenied):
            parts.update_part(plant.db, actor, part.id, version=part.version, name="Renamed")


@pytest.mark.parametrize("role", list(Role))
def test_cancel_and_delete_permission_per_role(plant, line, role):
    actor = getattr(plant, role.value)
    first, second = make_part(plant, line, code="A-1"), make_part(plant, line, code="A-2")
    if can(role, Op.DELETE_PARTS):
        assert parts.cancel_part(plant.db, actor, first.id, version=first.version).status == PartStatus.CANCELLED
        parts.delete_part(plant.db, actor, second.id, version=second.version)
    else:
        with pytest.raises(PermissionDenied):
            parts.cancel_part(plant.db, actor, first.id, version=first.version)
        with pytest.raises(PermissionDenied):
            parts.delete_part(plant.db, actor, second.id, version=second.version)


@pytest.mark.parametrize(("field", "kwargs"), [
    ("code", dict(code=" ")),
    ("name", dict(name="")),
    ("planned_qty", dict(planned_qty=0)),
    ("planned_qty", dict(planned_qty="2.5")),
    ("route", dict(route=[])),
])
def test_part_input_rules(plant, line, field, kwargs):
    values = dict(code="P-1", name="Shaft", planned_qty=10, route=[line.machining.id])
    values.update(kwargs)
    with pytest.raises(ValidationError) as caught:
        parts.create_part(plant.db, plant.master, **values)
    assert caught.value.field == field


def test_duplicate_code_and_repeated_or_inactive_stage_are_refused(plant, line):
    make_part(plant, line, code="P-1")
    with pytest.raises(ValidationError, match="already exists"):
        make_part(plant, line, code="p-1")
    with pytest.raises(ValidationError, match="only once"):
        parts.create_part(plant.db, plant.master, code="P-2", name="x", planned_qty=1,
                          route=[line.machining.id, line.machining.id])
    stages.deactivate_stage(plant.db, plant.admin, line.galvanic.id, version=line.galvanic.version)
    with pytest.raises(ValidationError, match="no longer in use"):
        make_part(plant, line, code="P-3", route=("machining", "galvanic"))


def test_status_follows_facts_and_plan(plant, line):
    part = make_part(plant, line, planned=10, route=("machining", "fitting"))
    record(plant, part, line.machining, 10)
    assert parts.get_part(plant.db, plant.viewer, part.id).status == PartStatus.IN_PROGRESS
    record(plant, part, line.fitting, 10)
    done = parts.get_part(plant.db, plant.viewer, part.id)
    assert done.status == PartStatus.DONE and done.ready_qty == 10 and done.percent_done == 100
    more = parts.update_part(plant.db, plant.master, part.id, version=done.version, planned_qty=20)
    assert more.status == PartStatus.IN_PROGRESS and more.percent_done == 50


def test_facts_do_not_bump_the_part_version(plant, line):
    part = make_part(plant, line)
    record(plant, part, line.machining, 5)
    updated = parts.update_part(plant.db, plant.master, part.id, version=part.version, priority=3)
    assert updated.priority == 3


def test_stale_part_edit_is_a_conflict(plant, line):
    part = make_part(plant, line)
    parts.update_part(plant.db, plant.master, part.id, version=part.version, customer="Other")
    with pytest.raises(ConcurrentModification):
        parts.update_part(plant.db, plant.technologist, part.id, version=part.version, customer="Third")


def test_route_reorder_and_add_keep_progress(plant, line):
    part = make_part(plant, line, route=("machining", "fitting"))
    record(plant, part, line.machining, 40)
    route = [line.machining.id, line.fitting.id, line.qc.id]
    updated = parts.update_part(plant.db, plant.technologist, part.id, version=part.version, route=route)
    assert updated.route == tuple(route) and updated.stages[0].good == 40 and updated.ready_qty == 0
    reordered = parts.update_part(plant.db, plant.technologist, part.id, version=updated.version,
                                  route=[line.machining.id, line.qc.id, line.fitting.id])
    assert [s.code for s in reordered.stages] == ["machining", "qc", "fitting"]


def test_stage_with_facts_cannot_be_removed_from_route(plant, line):
    part = make_part(plant, line)
    record(plant, part, line.machining, 40)
    with pytest.raises(ValidationError, match="Machining has facts recorded") as caught:
        parts.update_part(plant.db, plant.master, part.id, version=part.version,
                          route=[line.turning.id, line.fitting.id])
    assert caught.value.field == "route"
    trimmed = parts.update_part(plant.db, plant.master, part.id, version=part.version,
                                route=[line.machining.id, line.turning.id])
    assert trimmed.route == (line.machining.id, line.turning.id)


def test_route_order_that_breaks_the_flow_rule_is_refused(plant, line):
    part = make_part(plant, line)
    record(plant, part, line.machining, 40)
    record(plant, part, line.turning, 30)
    with pytest.raises(FlowRuleViolation, match="Turning would have 30 good in total but the previous stage "
                                                "Milling has only 0"):
        parts.update_part(plant.db, plant.master, part.id, version=part.version,
                          route=[line.machining.id, line.milling.id, line.turning.id])


def test_part_with_facts_cannot_be_deleted_only_cancelled(plant, line):
    part = make_part(plant, line)
    record(plant, part, line.machining, 5)
    with pytest.raises(ValidationError, match="Cancel it instead"):
        parts.delete_part(plant.db, plant.master, part.id, version=part.version)
    cancelled = parts.cancel_part(plant.db, plant.master, part.id, version=part.version, reason="customer withdrew")
    assert cancelled.status == PartStatus.CANCELLED
    with pytest.raises(ValidationError, match="cancelled"):
        record(plant, cancelled, line.machining, 1)
    reopened = parts.reopen_part(plant.db, plant.admin, part.id, version=cancelled.version)
    assert reopened.status == PartStatus.IN_PROGRESS


def test_part_without_facts_is_deleted_with_its_route_and_audited(plant, line):
    part = make_part(plant, line)
    parts.delete_part(plant.db, plant.master, part.id, version=part.version)
    with pytest.raises(NotFound):
        parts.get_part(plant.db, plant.viewer, part.id)
    entry = audit.list_audit(plant.db, plant.admin, entity="part").rows[0]
    assert entry.action == "delete" and entry.before["code"] == "P-100" and len(entry.before["route"]) == 4
    with admin_of(plant.db).engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM part_stages")).scalar() == 0


def _task(plant, part_id, *, blocker=True, status="open"):
    with admin_of(plant.db).engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO tasks (org_id, title, description, creator_id, is_blocker, category, part_id, status, "
            "created_at, updated_at, last_activity_at, comment_count, version) VALUES (:org, 'Tooling', '', :user, "
            ":blocker, 'tooling', :part, :status, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 1)"),
            {"org": plant.org_id, "user": plant.master.user_id, "blocker": blocker, "part": part_id, "status": status})


def test_list_parts_filters_sorts_and_pages_in_sql(plant, line):
    late = make_part(plant, line, code="L-1", customer="Borg", deadline=TODAY - timedelta(days=2), planned=50)
    soon = make_part(plant, line, code="S-2", customer="Acme", deadline=TODAY + timedelta(days=1))
    none = make_part(plant, line, code="N-3", customer="Acme")
    record(plant, soon, line.machining, 30)
    _task(plant, soon.id)
    _task(plant, none.id, status="done")
    by_deadline = parts.list_parts(plant.db, plant.viewer)
    assert [p.code for p in by_deadline.rows] == ["L-1", "S-2", "N-3"] and by_deadline.total == 3
    assert [p.code for p in parts.list_parts(plant.db, plant.viewer, sort="deadline", descending=True).rows] == [
        "S-2", "L-1", "N-3"]
    rows = {p.code: p for p in by_deadline.rows}
    assert rows["L-1"].overdue and not rows["S-2"].overdue
    assert rows["S-2"].has_blocker and not rows["N-3"].has_blocker
    assert rows["S-2"].stages[0].good == 30 and rows["S-2"].stages[0].name == "Machining"
    assert [p.code for p in parts.list_parts(plant.db, plant.viewer, overdue=True).rows] == ["L-1"]
    assert {p.code for p in parts.list_parts(plant.db, plant.viewer, customer="Acme").rows} == {"S-2", "N-3"}
    assert [p.code for p in parts.list_parts(plant.db, plant.viewer, search="bor").rows] == ["L-1"]
    assert [p.code for p in parts.list_parts(plant.db, plant.viewer, search="n-3").rows] == ["N-3"]
    assert [p.code for p in parts.list_parts(plant.db, plant.viewer, status="in_progress").rows] == ["S-2"]
    assert [p.code for p in parts.list_parts(plant.db, plant.viewer, sort="planned_qty").rows][0] == "L-1"
    assert [p.code for p in parts.list_parts(plant.db, plant.viewer, sort="code").rows] == ["L-1", "N-3", "S-2"]
    first = parts.list_parts(plant.db, plant.viewer, sort="code", limit=2)
    second = parts.list_parts(plant.db, plant.viewer, sort="code", limit=2, offset=2)
    assert first.has_more and not second.has_more and [p.code for p in second.rows] == ["S-2"]
    for key in parts.SORT_COLUMNS:
        assert parts.list_parts(plant.db, plant.viewer, sort=key).total == 3
    assert parts.list_customers(plant.db, plant.viewer) == ["Acme", "Borg"]
    assert late.id in {p.id for p in parts.list_parts(plant.db, plant.viewer, status=["planned"]).rows}


def test_part_detail_has_stage_figures_facts_chart_and_blockers(plant, line):
    part = make_part(plant, line, planned=100, deadline=TODAY + timedelta(days=3))
    day_before = YESTERDAY - timedelta(days=1)
    record(plant, part, line.machining, 50, 5, day=day_before)
    record(plant, part, line.machining, 30, 0)
    record(plant, part, line.turning, 40, 10)
    _task(plant, part.id)
    detail = parts.get_part_detail(plant.db, plant.viewer, part.id)
    machining = detail.part.stages[0]
    assert (machining.good, machining.scrap, str(machining.scrap_pct), machining.remaining) == (80, 5, "5.9", 20)
    assert detail.part.stages[1].scrap_pct == 20 and detail.plan == 100
    assert len(detail.facts) == 3 and detail.facts[0].fact_date == YESTERDAY
    assert detail.facts[0].operator_name == "Operator"
    series = {s.stage_name: s.points for s in detail.chart}
    assert [(p.fact_date, p.good) for p in series["Machining"]] == [(day_before, 50), (YESTERDAY, 80)]
    assert [p.good for p in series["Turning"]] == [40] and series["QC"] == ()
    assert [b.title for b in detail.blockers] == ["Tooling"]
    assert detail.first_fact_date == day_before and detail.risk in (DeadlineRisk.AT_RISK, DeadlineRisk.ON_TRACK)


def test_parts_progress_report_and_route_card(plant, line):
    late = make_part(plant, line, code="L-1", deadline=TODAY - timedelta(days=1))
    fine = make_part(plant, line, code="F-1", deadline=TODAY + timedelta(days=60))
    gone = make_part(plant, line, code="C-1")
    parts.cancel_part(plant.db, plant.master, gone.id, version=gone.version)
    record(plant, fine, line.machining, 60, day=TODAY)
    report = parts.parts_progress_report(plant.db, plant.manager)
    assert [(r.part.code, r.risk) for r in report.rows] == [("L-1", DeadlineRisk.LATE), ("F-1", DeadlineRisk.ON_TRACK)]
    assert report.rows[0].days_left == -1 and report.rows[1].work_done_pct == 15
    assert dict(report.risk_counts) == {DeadlineRisk.LATE: 1, DeadlineRisk.ON_TRACK: 1}
    card = parts.route_card(plant.db, plant.viewer, late.id)
    assert card.organization == "Plant A" and card.part.code == "L-1"
    assert [(s.position, s.code, s.needs_shift) for s in card.steps][:2] == [(1, "machining", True), (2, "turning", True)]
    with pytest.raises(PermissionDenied):
        parts.route_card(plant.db, plant.operator, late.id)
    with pytest.raises(PermissionDenied):
        parts.parts_progress_report(plant.db, plant.operator)


def test_parts_are_per_organisation(plant, line):
    part = make_part(plant, line)
    other = make_plant(plant.db, "Plant B", "b_")
    assert parts.list_parts(plant.db, other.viewer).total == 0
    with pytest.raises(NotFound):
        parts.get_part(plant.db, other.viewer, part.id)
    with pytest.raises(NotFound):
        parts.update_part(plant.db, other.admin, part.id, version=part.version, name="x")
    with pytest.raises(NotFound):
        parts.delete_part(plant.db, other.admin, part.id, version=part.version)
    with pytest.raises(ValidationError, match="does not exist"):
        parts.create_part(plant.db, other.admin, code="X", name="x", planned_qty=1, route=[line.machining.id])
    # the same code in another organisation is fine
    other_line = make_line(other)
    assert make_part(other, other_line).code == part.code
