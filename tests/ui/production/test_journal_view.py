from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog

from erp_desktop.domain.shifts import Shift
from erp_desktop.services.production import facts, parts
from erp_desktop.ui.production.journal import create_view
from erp_desktop.ui.production.journal.journal_view import CorrectFactDialog
from erp_desktop.ui.production.parts import create_view as create_parts_view
from tests.ui.production.production_setup import make_production, wire_live_updates


def _view(qtbot, ctx):
    view = create_view(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()  # live changes refetch what is shown
    return view


def _type_into_focus(qtbot, text: str = "") -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    if text:
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_a_fact_entered_with_the_keyboard_alone(qtbot, qtmodeltester, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    ctx = make_ctx("master")
    wire_live_updates(ctx, ui_plant.db)
    parts_view = create_parts_view(ctx)
    qtbot.addWidget(parts_view)
    parts_view.show()  # a view follows live changes while it is shown
    view = _view(qtbot, ctx)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.form.fact_date)
    qtmodeltester.check(view.model)
    shown_before = view.model.rowCount()

    form = view.form
    _type_into_focus(qtbot)  # the date: today's shift date by default
    assert QApplication.focusWidget() is form.part
    _type_into_focus(qtbot, "P-100")
    assert QApplication.focusWidget() is form.stage
    assert form.stage.currentText() == "Machining"
    _type_into_focus(qtbot)  # stage
    assert QApplication.focusWidget() is form.shift and form.shift.isEnabled()
    _type_into_focus(qtbot)  # shift of the moment
    _type_into_focus(qtbot)  # operator: the foreman himself
    assert QApplication.focusWidget() is form.qty_good
    _type_into_focus(qtbot, "12")
    _type_into_focus(qtbot, "1")
    _type_into_focus(qtbot, "first batch")  # Enter on the last field records

    assert "Recorded" in form.done_label.text()
    assert QApplication.focusWidget() is form.part  # ready for the next line
    assert view.model.rowCount() == shown_before + 1
    newest = view.model.row_at(0)
    assert (newest.part_code, newest.stage_name, newest.qty_good, newest.qty_scrap, newest.comment) == \
        ("P-100", "Machining", 12, 1, "first batch")
    assert newest.operator_id == ui_plant.master.user_id
    assert view.model.totals.good == 50 + 15 + 10 + 12
    progress = parts_view.model.row_at(parts_view.model.position_of(setup.p100.id))
    assert progress.stages[0].good == 62  # the parts view followed through the change feed

    # the next fact: the stage stays what was used last; a part typed in part
    _type_into_focus(qtbot, "200")  # the only code containing 200: P-200
    assert form.part.text() == "P-200" and form.stage.currentText() == "Fitting"
    assert not form.shift.isEnabled() and form.shift.currentData() == Shift.NONE.value


def test_messages_appear_next_to_the_fields(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    view = _view(qtbot, make_ctx("admin"))
    form = view.form
    form.part.setText("P-100")
    assert form.stage.currentText() == "Machining"
    form.qty_good.setText("5")
    form.submit_button.click()
    assert "choose the operator" in form.errors["operator"].text()  # machining is recorded per operator
    assert form.errors["operator"].isVisibleTo(form)

    form.operator.setCurrentIndex(form.operator.findData(ui_plant.operator.user_id))
    form.fact_date.setDate(QDate(setup.today + timedelta(days=1)))
    assert "in the future" in form.errors["fact_date"].text()  # said at once
    form.submit_button.click()
    assert "in the future" in form.errors["fact_date"].text()
    form.fact_date.setDate(QDate(setup.yesterday))
    assert form.errors["fact_date"].text() == ""

    form.stage.setCurrentIndex(form.stage.findText("Turning"))
    form.qty_good.setText("40")  # machining has 50, turning 15: 55 > 50
    form.submit_button.click()
    message = form.errors["qty_good"].text()
    assert "55" in message and "50" in message and "Machining" in message
    form.qty_good.setText("0")
    form.qty_scrap.setText("")
    form.submit_button.click()
    assert "both cannot be zero" in form.errors["qty_good"].text()
    form.qty_good.setText("2.5")
    form.submit_button.click()
    assert "whole number" in form.errors["qty_good"].text()

    form.part.setText("NOPE")
    form.submit_button.click()
    assert "NOPE" in form.errors["part"].text()
    form.part.setText("P-100")
    form.stage.setCurrentIndex(form.stage.findText("QC"))
    assert not form.shift.isEnabled() and form.shift.currentData() == Shift.NONE.value
    form.qty_good.setText("3")
    form.submit_button.click()
    assert form.done_label.text().startswith("Recorded")
    assert view.model.row_at(0).shift == Shift.NONE


def test_an_operator_records_only_own_facts(qtbot, make_ctx, ui_plant):
    make_production(ui_plant)
    view = _view(qtbot, make_ctx("operator"))
    form = view.form
    assert form.operator.currentData() == ui_plant.operator.user_id and not form.operator.isEnabled()
    assert not view.correct_action.isVisible() and not view.remove_action.isVisible()
    form.part.setText("P-100")
    form.stage.setCurrentIndex(form.stage.findText("QC"))
    form.qty_good.setText("1")
    form.submit_button.click()
    assert "may not record QC-stage facts" in form.error.text()
    assert make_ctx("viewer") and _view(qtbot, make_ctx("viewer")).form is None


def test_filters_totals_and_subtotals(qtbot, qtmodeltester, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    view = _view(qtbot, make_ctx("manager"))
    assert view.model.rowCount() == 4
    qtmodeltester.check(view.model)
    subtotals = {s.shift: (s.count, s.good, s.scrap) for s in view.model.per_shift}
    assert subtotals == {Shift.DAY: (1, 30, 2), Shift.NIGHT: (2, 35, 1), Shift.NONE: (1, 10, 0)}
    assert "Shown: 4 facts" in view.totals.text() and "Night: 2 facts" in view.totals.text()
    view.shift.setCurrentIndex(view.shift.findData("night"))
    assert view.model.rowCount() == 2 and view.model.totals.good == 35
    view.shift.setCurrentIndex(0)
    view.stage.setCurrentIndex(view.stage.findData(setup.stages["machining"].id))
    assert {f.stage_name for f in view.model.rows} == {"Machining"}
    view.stage.setCurrentIndex(0)
    view.operator.setCurrentIndex(view.operator.findData(ui_plant.operator.user_id))
    assert view.model.rowCount() == 2
    view.operator.setCurrentIndex(0)
    view.part.setText("p-300")
    view.apply_filters()
    assert [f.part_code for f in view.model.rows] == ["P-300"]
    view.part.setText("ZZZ")
    view.apply_filters()
    assert view.model.rowCount() == 0 and "No part has the code" in view.totals.text()
    view.part.clear()
    view.date_from.setDate(QDate(setup.today))
    view.apply_filters()
    assert view.model.rowCount() == 0 and view.model.totals.count == 0


def test_journal_loads_further_pages_as_it_scrolls(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    for number in range(12):
        facts.create_fact(ui_plant.db, ui_plant.master, part_id=setup.p200.id, stage_id=setup.stages["fitting"].id,
                          fact_date=setup.yesterday, qty_good=1, comment=f"n{number}")
    ctx = make_ctx("manager")
    view = _view(qtbot, ctx)
    view.PAGE = 5
    view.apply_filters()
    assert view.model.rowCount() == 5 and view.model.canFetchMore()
    view.model.fetchMore()
    view.model.fetchMore()
    view.model.fetchMore()
    assert view.model.rowCount() == 16 and not view.model.canFetchMore()
    assert len({f.id for f in view.model.rows}) == 16


def test_master_corrects_and_removes_a_fact(qtbot, make_ctx, ui_plant, _no_modal_boxes):
    setup = make_production(ui_plant)
    ctx = make_ctx("master")
    view = _view(qtbot, ctx)
    machining_day = setup.facts[0]
    view.select_fact(machining_day.id)
    dialog = CorrectFactDialog(ctx, view.selected_fact(), view)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.part.isReadOnly() and form.stage.currentText() == "Machining"
    assert form.qty_good.text() == "30"
    form.qty_good.setText("10")  # machining would have 30, turning already 15: still fine
    form.submit_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    view.apply_fact(dialog.saved)
    assert view.model.row_at(view.model.position_of(machining_day.id)).qty_good == 10

    dialog = CorrectFactDialog(ctx, view.model.row_at(view.model.position_of(machining_day.id)), view)
    qtbot.addWidget(dialog)
    dialog.form.qty_good.setText("0")
    dialog.form.qty_scrap.setText("1")
    dialog.form.submit_button.click()  # machining 0 + 20 (night) still covers turning's 15
    assert dialog.result() == QDialog.DialogCode.Accepted
    night = setup.facts[1]
    view.apply_fact(dialog.saved)
    view.select_fact(night.id)
    view.remove_action.trigger()  # machining would drop to 0 with turning at 15: refused, both numbers said
    assert any("15" in str(args) and "Machining" in str(args) for _n, args in _no_modal_boxes)
    assert view.model.position_of(night.id) is not None
    view.select_fact(setup.facts[3].id)
    view.remove_action.trigger()
    assert view.model.position_of(setup.facts[3].id) is None
    assert view.model.totals.count == 3
    assert parts.get_part(ui_plant.db, ui_plant.admin, setup.p300.id).ready_qty == 0


def test_facts_recorded_elsewhere_appear_live(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    ctx = make_ctx("manager")
    wire_live_updates(ctx, ui_plant.db)
    view = _view(qtbot, ctx)
    fact = facts.create_fact(ui_plant.db, ui_plant.master, part_id=setup.p200.id, stage_id=setup.stages["fitting"].id,
                             fact_date=setup.today, qty_good=7)
    assert view.model.row_at(0).id == fact.id and view.model.totals.count == 5
    facts.correct_fact(ui_plant.db, ui_plant.master, fact.id, version=fact.version, qty_good=8)
    assert view.model.row_at(0).qty_good == 8
    facts.remove_fact(ui_plant.db, ui_plant.master, fact.id, version=fact.version + 1)
    assert view.model.position_of(fact.id) is None and view.model.totals.count == 4


def test_smoke_runs_on_a_small_plant(qtbot, make_ctx, ui_plant):
    make_production(ui_plant)
    ctx = make_ctx("admin")
    view = _view(qtbot, ctx)
    view.smoke()
    assert ctx.errors == []
