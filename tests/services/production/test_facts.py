import threading
from datetime import timedelta

import pytest
from sqlalchemy import text

from erp_desktop.domain.progress import PartStatus
from erp_desktop.domain.roles import Op, Role, can
from erp_desktop.domain.shifts import Shift
from erp_desktop.errors import (
    ConcurrentModification,
    FlowRuleViolation,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from erp_desktop.services.admin import audit
from erp_desktop.services.production import facts, parts
from tests.factories import admin_of, make_plant
from tests.services.production.production_fixtures import TODAY, YESTERDAY, make_line, make_part
from tests.services.statements import statements_sent


@pytest.fixture
def line(plant):
    return make_line(plant)


@pytest.fixture
def part(plant, line):
    return make_part(plant, line)


def record(plant, part, stage, good, scrap=0, *, actor=None, day=YESTERDAY, shift=None, operator=None):
    if stage.needs_shift:
        shift = shift or "day"
        operator = operator or plant.operator.user_id
    return facts.create_fact(plant.db, actor or plant.master, part_id=part.id, stage_id=stage.id, fact_date=day,
                             shift=shift, operator_id=operator, qty_good=good, qty_scrap=scrap)


def cached(plant, part_id):
    return [(s.good, s.scrap) for s in parts.get_part(plant.db, plant.viewer, part_id).stages]


def test_fact_updates_cached_progress_in_the_same_transaction(plant, line, part):
    fact = record(plant, part, line.machining, 50, 2, shift="night")
    assert (fact.shift, fact.operator_name, fact.stage_name, fact.part_code) == (Shift.NIGHT, "Operator", "Machining",
                                                                              "P-100")
    assert fact.created_by_name == "Shop foreman"
    record(plant, part, line.machining, 10)
    assert cached(plant, part.id)[0] == (60, 2)
    assert parts.get_part(plant.db, plant.viewer, part.id).status == PartStatus.IN_PROGRESS


def test_flow_rule_names_both_numbers(plant, line, part):
    record(plant, part, line.machining, 120)
    record(plant, part, line.turning, 100)
    with pytest.raises(FlowRuleViolation) as caught:
        record(plant, part, line.turning, 30)
    assert str(caught.value) == "Turning would have 130 good in total but the previous stage Machining has only 120."
    assert caught.value.field == "qty_good"
    assert cached(plant, part.id)[1] == (100, 0)  # nothing half-saved
    # scrap does not count against the flow rule
    record(plant, part, line.turning, 0, 30)


def test_first_stage_has_no_predecessor_and_a_later_stage_needs_one(plant, line, part):
    with pytest.raises(FlowRuleViolation, match="previous stage Turning has only 0"):
        record(plant, part, line.fitting, 1)


def test_stage_must_be_on_the_route(plant, line, part):
    with pytest.raises(ValidationError) as caught:
        record(plant, part, line.galvanic, 1)
    assert caught.value.field == "stage"


@pytest.mark.parametrize(("field", "kwargs"), [
    ("qty_good", dict(qty_good=0, qty_scrap=0)),
    ("qty_good", dict(qty_good=-1)),
    ("qty_good", dict(qty_good="1.5")),
    ("qty_scrap", dict(qty_scrap=-2)),
    ("fact_date", dict(fact_date=TODAY + timedelta(days=1))),
    ("shift", dict(shift=None)),
    ("shift", dict(shift="none")),
    ("operator", dict(operator_id=None)),
])
def test_fact_rules_on_a_shift_stage(plant, line, part, field, kwargs):
    values = dict(part_id=part.id, stage_id=line.machining.id, fact_date=YESTERDAY, shift="day",
                  operator_id=plant.operator.user_id, qty_good=5, qty_scrap=0)
    values.update(kwargs)
    with pytest.raises(ValidationError) as caught:
        facts.create_fact(plant.db, plant.master, **values)
    assert caught.value.field == field
    assert cached(plant, part.id)[0] == (0, 0)


def test_stage_without_shift_gets_none_and_needs_no_operator(plant, line):
    part = make_part(plant, line, route=("fitting", "qc"))
    fact = facts.create_fact(plant.db, plant.master, part_id=part.id, stage_id=line.fitting.id, fact_date=TODAY,
                             shift="night", qty_good=3)
    assert fact.shift == Shift.NONE and fact.operator_id is None


def test_operator_must_be_an_active_user_of_the_organisation(plant, line, part):
    other = make_plant(plant.db, "Plant B", "b_")
    with pytest.raises(ValidationError) as caught:
        record(plant, part, line.machining, 5, operator=other.operator.user_id)
    assert caught.value.field == "operator"


@pytest.mark.parametrize("role", list(Role))
def test_recording_permissions_per_role(plant, line, part, role):
    actor = getattr(plant, role.value)
    own = lambda: record(plant, part, line.machining, 1, actor=actor, operator=actor.user_id)  # noqa: E731
    for_other = lambda: record(plant, part, line.machining, 1, actor=actor,  # noqa: E731
                               operator=plant.operator.user_id if role != Role.OPERATOR else plant.master.user_id)
    if can(role, Op.RECORD_OWN_FACTS):
        own()
    else:
        with pytest.raises(PermissionDenied):
            own()
    if can(role, Op.RECORD_OWN_FACTS) and can(role, Op.RECORD_FACTS_FOR_ANYONE):
        for_other()
    else:
        with pytest.raises(PermissionDenied):
            for_other()


@pytest.mark.parametrize("role", list(Role))
def test_qc_stage_facts_need_the_qc_permission(plant, line, role):
    qc_part = make_part(plant, line, route=("qc", "packing"))
    actor = getattr(plant, role.value)
    call = lambda: record(plant, qc_part, line.qc, 1, actor=actor)  # noqa: E731
    if can(role, Op.RECORD_QC_FACTS):
        assert call().stage_name == "QC"
    else:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize("role", list(Role))
def test_correct_and_remove_permissions_per_role(plant, line, part, role):
    actor = getattr(plant, role.value)
    fact = record(plant, part, line.machining, 10)
    if can(role, Op.CORRECT_FACTS):
        corrected = facts.correct_fact(plant.db, actor, fact.id, version=fact.version, qty_good=9)
        facts.remove_fact(plant.db, actor, fact.id, version=corrected.version)
    else:
        assert role not in (Role.ADMIN, Role.MASTER)
        with pytest.raises(PermissionDenied):
            facts.correct_fact(plant.db, actor, fact.id, version=fact.version, qty_good=9)
        with pytest.raises(PermissionDenied):
            facts.remove_fact(plant.db, actor, fact.id, version=fact.version)


def test_correction_is_audited_and_keeps_cache(plant, line, part):
    fact = record(plant, part, line.machining, 10, 1)
    corrected = facts.correct_fact(plant.db, plant.master, fact.id, version=fact.version, qty_good=12, shift="night",
                                   comment="miscounted")
    assert (corrected.qty_good, corrected.shift, corrected.comment) == (12, Shift.NIGHT, "miscounted")
    assert corrected.version == fact.version + 1
    assert cached(plant, part.id)[0] == (12, 1)
    entry = audit.list_audit(plant.db, plant.admin, entity="fact").rows[0]
    assert entry.action == "correct" and entry.entity_id == str(fact.id)
    assert entry.before["qty_good"] == 10 and entry.after["qty_good"] == 12
    assert entry.before["shift"] == "day" and entry.after["shift"] == "night"
    with pytest.raises(ConcurrentModification):
        facts.correct_fact(plant.db, plant.master, fact.id, version=fact.version, qty_good=11)


def test_correction_applies_every_rule(plant, line, part):
    fact = record(plant, part, line.machining, 10)
    for kwargs, field in ((dict(qty_good=0), "qty_good"), (dict(fact_date=TODAY + timedelta(days=1)), "fact_date"),
                          (dict(shift=None), "shift"), (dict(operator_id=None), "operator"),
                          (dict(stage_id=line.galvanic.id), "stage")):
        with pytest.raises(ValidationError) as caught:
            facts.correct_fact(plant.db, plant.master, fact.id, version=fact.version, **kwargs)
        assert caught.value.field == field


def test_correction_below_a_later_stage_is_refused(plant, line, part):
    fact = record(plant, part, line.machining, 120)
    record(plant, part, line.turning, 100)
    with pytest.raises(FlowRuleViolation) as caught:
        facts.correct_fact(plant.db, plant.master, fact.id, version=fact.version, qty_good=90)
    assert str(caught.value) == "Machining would have 90 good in total but the next stage Turning already has 100."
    with pytest.raises(FlowRuleViolation, match="next stage Turning already has 100"):
        facts.remove_fact(plant.db, plant.master, fact.id, version=fact.version)
    assert cached(plant, part.id)[:2] == [(120, 0), (100, 0)]


def test_correction_moving_a_fact_to_another_stage(plant, line, part):
    fact = record(plant, part, line.machining, 50)
    record(plant, part, line.machining, 50)
    moved = facts.correct_fact(plant.db, plant.master, fact.id, version=fact.version, stage_id=line.turning.id)
    assert moved.stage_name == "Turning" and cached(plant, part.id)[:2] == [(50, 0), (50, 0)]


def test_remove_is_audited_and_recomputes_status(plant, line):
    part = make_part(plant, line, planned=5, route=("fitting",))
    fact = facts.create_fact(plant.db, plant.master, part_id=part.id, stage_id=line.fitting.id, fact_date=TODAY,
                             qty_good=5)
    assert parts.get_part(plant.db, plant.viewer, part.id).status == PartStatus.DONE
    facts.remove_fact(plant.db, plant.admin, fact.id, version=fact.version, reason="wrong part")
    after = parts.get_part(plant.db, plant.viewer, part.id)
    assert after.status == PartStatus.PLANNED and after.ready_qty == 0
    entry = audit.list_audit(plant.db, plant.admin, entity="fact").rows[0]
    assert entry.action == "remove" and entry.before["qty_good"] == 5 and entry.after == {"reason": "wrong part"}
    with pytest.raises(NotFound):
        facts.get_fact(plant.db, plant.viewer, fact.id)


def test_list_facts_filters_pages_and_totals(plant, line, part):
    other = make_part(plant, line, code="P-200")
    day2 = YESTERDAY - timedelta(days=1)
    record(plant, part, line.machining, 10, 1, shift="day", day=day2)
    record(plant, part, line.machining, 20, 0, shift="night", day=day2)
    record(plant, part, line.turning, 5, 5, shift="day", operator=plant.master.user_id)
    record(plant, other, line.machining, 7, 0, shift="night")
    page = facts.list_facts(plant.db, plant.viewer, limit=3)
    assert len(page.rows) == 3 and page.has_more
    assert [r.fact_date for r in page.rows] == sorted([r.fact_date for r in page.rows], reverse=True)
    assert (page.totals.count, page.totals.good, page.totals.scrap, str(page.totals.scrap_pct)) == (4, 42, 6, "12.5")
    assert [(s.shift, s.good, s.scrap) for s in page.per_shift] == [(Shift.DAY, 15, 6), (Shift.NIGHT, 27, 0)]
    rest = facts.list_facts(plant.db, plant.viewer, after=page.next_cursor, limit=3)
    assert len(rest.rows) == 1 and not rest.has_more and rest.totals is None
    assert {r.id for r in page.rows} | {r.id for r in rest.rows} == {r.id for r in facts.list_facts(plant.db, plant.viewer).rows}
    assert facts.list_facts(plant.db, plant.viewer, shift="night").totals.good == 27
    assert facts.list_facts(plant.db, plant.viewer, stage_id=line.turning.id).totals.good == 5
    assert facts.list_facts(plant.db, plant.viewer, operator_id=plant.master.user_id).totals.count == 1
    assert facts.list_facts(plant.db, plant.viewer, part_id=other.id).totals.good == 7
    assert facts.list_facts(plant.db, plant.viewer, date_from=day2, date_to=day2).totals.good == 30
    with pytest.raises(ValidationError):
        facts.list_facts(plant.db, plant.viewer, date_from=YESTERDAY, date_to=day2)


def test_changed_facts_come_with_the_filters_totals_in_one_read(plant, line, part):
    """What a journal refetches after a live update: the facts named (one removed: None; another
    organisation's: None) and the totals of its filter, one unit of work instead of one per fact."""
    first = record(plant, part, line.machining, 10, 1, shift="day")
    second = record(plant, part, line.machining, 20, 0, shift="night")
    other = make_plant(plant.db, "Plant B", "b_")
    theirs = facts.list_facts(plant.db, plant.viewer).rows  # none of theirs yet
    assert {f.id for f in theirs} == {first.id, second.id}
    facts.remove_fact(plant.db, plant.master, second.id, version=second.version, reason="typo")
    reads = []
    real = facts.run_read
    facts.run_read = lambda *a, **k: reads.append(1) or real(*a, **k)
    try:
        changed = facts.changed_facts(plant.db, plant.viewer, [first.id, second.id, 999999], shift="day")
    finally:
        facts.run_read = real
    assert reads == [1]
    assert [(one, fact.qty_good if fact else None) for one, fact in changed.found] == [
        (first.id, 10), (second.id, None), (999999, None)]
    assert (changed.totals.count, changed.totals.good, changed.totals.scrap) == (1, 10, 1)
    assert [(s.shift, s.good) for s in changed.per_shift] == [(Shift.DAY, 10)]
    assert facts.changed_facts(plant.db, other.viewer, [first.id]).found == ((first.id, None),)


def test_journal_reads_its_facts_and_the_filters_totals_in_one_statement(plant, line, part):
    """Issue 12 (refetch cost): the journal's live refetch (changed_facts) and its first page (list_facts) were
    three statements each (session check, the facts, the totals); now the totals' one row with the facts joined
    to it. Totals as a plain count of the facts that meet each filter (named facts outside it counted out), also
    when none of the named facts is there or nothing meets the filter."""
    earlier = YESTERDAY - timedelta(days=1)
    made = [record(plant, part, line.machining, good, scrap, shift=shift, day=day)
            for good, scrap, shift, day in ((10, 1, "day", YESTERDAY), (7, 0, "night", YESTERDAY),
                                             (3, 2, "day", earlier), (5, 5, "night", earlier))]
    for filters, meets in (({}, lambda f: True), ({"shift": "day"}, lambda f: f.shift == Shift.DAY),
                           ({"date_from": YESTERDAY, "date_to": YESTERDAY}, lambda f: f.fact_date == YESTERDAY),
                           ({"date_from": earlier, "date_to": earlier, "shift": "night"},
                            lambda f: f.fact_date == earlier and f.shift == Shift.NIGHT)):
        met = [fact for fact in made if meets(fact)]
        expected = [(one, [f for f in met if f.shift == one]) for one in Shift]
        expected = [(one, len(fs), sum(f.qty_good for f in fs), sum(f.qty_scrap for f in fs))
                    for one, fs in expected if fs]
        for read, args in ((facts.changed_facts, ([made[0].id, made[2].id],)), (facts.list_facts, ())):
            result, sent = statements_sent(plant.db, lambda read=read, args=args, filters=filters: read(
                plant.db, plant.viewer, *args, **filters))
            assert len(sent) == 1
            assert [(s.shift, s.count, s.good, s.scrap) for s in result.per_shift] == expected
            assert (result.totals.count, result.totals.good, result.totals.scrap) == (
                len(met), sum(f.qty_good for f in met), sum(f.qty_scrap for f in met))
        changed = facts.changed_facts(plant.db, plant.viewer, [made[0].id, made[2].id], **filters)
        assert [fact.id for _one, fact in changed.found] == [made[0].id, made[2].id]
        assert [fact.id for fact in facts.list_facts(plant.db, plant.viewer, **filters).rows] == [
            fact.id for fact in sorted(met, key=lambda f: (f.fact_date, f.id), reverse=True)]
    gone, sent = statements_sent(plant.db, lambda: facts.changed_facts(plant.db, plant.viewer, [999999], shift="day"))
    assert len(sent) == 1 and gone.found == ((999999, None),)
    assert gone.totals == facts.list_facts(plant.db, plant.viewer, shift="day").totals
    assert facts.list_facts(plant.db, plant.viewer, shift="day", date_from=TODAY).totals.count == 0  # none met


def test_shift_report_by_stage_and_operator(plant, line, part):
    record(plant, part, line.machining, 10, 1, operator=plant.operator.user_id)
    record(plant, part, line.machining, 5, 0, operator=plant.operator.user_id)
    record(plant, part, line.turning, 8, 2, operator=plant.master.user_id)
    record(plant, part, line.machining, 99, shift="night")
    report = facts.shift_report(plant.db, plant.manager, report_date=YESTERDAY, shift="day")
    assert report.shift == Shift.DAY
    assert [(s.stage_name, s.good, s.scrap) for s in report.stages] == [("Machining", 15, 1), ("Turning", 8, 2)]
    line_ = report.stages[0].lines[0]
    assert (line_.operator_name, line_.part_code, line_.fact_count, str(line_.scrap_pct)) == ("Operator", "P-100", 2,
                                                                                           "6.3")
    assert {o.operator_name: o.good for o in report.operators} == {"Operator": 15, "Shop foreman": 8}
    assert (report.totals.count, report.totals.good, report.totals.scrap) == (3, 23, 3)
    whole_day = facts.shift_report(plant.db, plant.manager, report_date=YESTERDAY, shift=None)
    assert whole_day.totals.good == 122
    with pytest.raises(PermissionDenied):
        facts.shift_report(plant.db, plant.operator, report_date=YESTERDAY, shift="day")


def test_facts_are_per_organisation(plant, line, part):
    fact = record(plant, part, line.machining, 10)
    other = make_plant(plant.db, "Plant B", "b_")
    assert facts.list_facts(plant.db, other.viewer).rows == ()
    assert facts.list_facts(plant.db, other.viewer).totals.count == 0
    with pytest.raises(NotFound):
        facts.correct_fact(plant.db, other.admin, fact.id, version=fact.version, qty_good=1)
    with pytest.raises(NotFound):
        facts.remove_fact(plant.db, other.admin, fact.id, version=fact.version)
    with pytest.raises(NotFound):
        facts.create_fact(plant.db, other.admin, part_id=part.id, stage_id=line.fitting.id, fact_date=TODAY,
                          qty_good=1)
    assert facts.shift_report(plant.db, other.admin, report_date=YESTERDAY, shift="day").totals.count == 0
    assert {p.username for p in facts.list_fact_operators(plant.db, plant.viewer)} == {"operator", "master"}


def test_changes_are_announced(plant, line, part):
    seen = []
    plant.db.local_listeners.append(lambda org, topic, ids: seen.append((topic, tuple(ids))))
    fact = record(plant, part, line.machining, 10)
    if plant.db.is_postgres:
        return  # delivered through NOTIFY there
    assert ("facts", (fact.id,)) in seen and ("parts", (part.id,)) in seen


@pytest.mark.pg_only
def test_two_foremen_at_once_cannot_break_the_flow_rule(pg_db):
    plant = make_plant(pg_db)
    line = make_line(plant)
    part = make_part(plant, line)
    record(plant, part, line.machining, 100)
    errors, barrier = [], threading.Barrier(4)

    def foreman():
        barrier.wait()
        for _ in range(5):
            try:
                record(plant, part, line.turning, 9)
            except (FlowRuleViolation, ConcurrentModification) as error:
                errors.append(error)

    threads = [threading.Thread(target=foreman) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    good = cached(plant, part.id)[1][0]
    with admin_of(pg_db).engine.connect() as connection:
        total = connection.execute(text("SELECT sum(qty_good) FROM stage_facts WHERE stage_id = :s"),
                                   {"s": line.turning.id}).scalar()
    assert good == total == 99 and len(errors) == 9


def test_demo_production_data_keeps_the_flow_rule_and_the_cache(sqlite_db):
    from erp_desktop.demo import plant as demo

    people = demo.load_demo_plant(sqlite_db, rounds=4)
    page = parts.list_parts(sqlite_db, people["admin"], limit=100)
    assert 20 <= page.total <= 30
    statuses = {p.status for p in page.rows}
    assert {PartStatus.PLANNED, PartStatus.IN_PROGRESS, PartStatus.DONE, PartStatus.CANCELLED} <= statuses
    assert any(p.overdue for p in page.rows)
    with sqlite_db.engine.connect() as connection:
        mismatches = connection.execute(text(
            "SELECT count(*) FROM part_stages ps WHERE ps.qty_good != (SELECT coalesce(sum(f.qty_good), 0) "
            "FROM stage_facts f WHERE f.part_id = ps.part_id AND f.stage_id = ps.stage_id)")).scalar()
    assert mismatches == 0
    for part in page.rows:
        goods = [s.good for s in part.stages]
        assert all(later <= earlier for earlier, later in zip(goods, goods[1:], strict=False))
    shifts = {s.shift for s in facts.list_facts(sqlite_db, people["admin"]).per_shift}
    assert shifts == {Shift.DAY, Shift.NIGHT, Shift.NONE}
