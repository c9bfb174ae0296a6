from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from erp_desktop.domain.progress import PartStatus
from erp_desktop.services.production import facts, parts
from erp_desktop.services.tasks import board as tasks
from erp_desktop.ui.production.parts import create_view
from erp_desktop.ui.production.parts.part_dialog import PartDialog
from erp_desktop.ui.production.parts.parts_model import PROGRESS_COLUMN
from erp_desktop.ui.production.stages import StagesDialog
from tests.ui.production.production_setup import make_production, wire_live_updates


def _view(qtbot, ctx):
    view = create_view(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()  # live changes refetch what is shown
    return view


def _codes(view):
    return [row.code for row in view.model.rows]


def test_parts_view_lists_active_parts_with_progress(qtbot, qtmodeltester, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    view = _view(qtbot, make_ctx("manager"))
    assert _codes(view) == ["P-100", "P-200"]  # P-300 is done; deadline order
    qtmodeltester.check(view.model)
    p100 = view.model.row_at(0)
    assert p100.overdue and p100.status == PartStatus.IN_PROGRESS
    assert [(s.name, s.good) for s in p100.stages] == [("Machining", 50), ("Turning", 15), ("QC", 0)]
    index = view.model.index(0, 6)
    assert view.model.data(index, Qt.ItemDataRole.ForegroundRole) is not None  # overdue deadline in red
    assert "Machining 50/100" in view.model.data(view.model.index(0, PROGRESS_COLUMN))
    assert view.count_label.text() == "2 part(s)"
    view.show()
    assert not view.grab().isNull()  # the delegate paints the stage segments

    view.table.selectRow(0)
    detail = view.detail
    assert detail.data.detail.part.id == setup.p100.id
    for model in (detail.stages_model, detail.facts_model, detail.tasks_model):
        qtmodeltester.check(model)
    assert [s.remaining for s in detail.stages_model.rows] == [50, 85, 100]
    assert detail.facts_model.rowCount() == 3
    series = {s.stage_name: [p.good for p in s.points] for s in detail.data.detail.chart}
    assert series["Machining"] == [50]
    assert "P-100" in detail.header.text()


def test_filters_and_sorting_run_as_queries(qtbot, make_ctx, ui_plant):
    make_production(ui_plant)
    view = _view(qtbot, make_ctx("viewer"))
    view.status.setCurrentIndex(view.status.findData(None))
    assert sorted(_codes(view)) == ["P-100", "P-200", "P-300"]
    header = view.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert (view.model.sort_key, view.model.descending) == ("code", True)
    assert _codes(view) == ["P-300", "P-200", "P-100"]
    header.setSortIndicator(5, Qt.SortOrder.DescendingOrder)  # % done
    assert _codes(view)[0] == "P-300"
    header.setSortIndicator(PROGRESS_COLUMN, Qt.SortOrder.AscendingOrder)  # not sortable: stays
    assert view.model.sort_key == "percent_done"
    assert header.sortIndicatorSection() == 5

    view.customer.setCurrentIndex(view.customer.findData("Nordtrak"))
    assert _codes(view) == ["P-300"]
    view.customer.setCurrentIndex(0)
    view.overdue.setChecked(True)
    assert _codes(view) == ["P-100"]
    view.overdue.setChecked(False)
    view.search.setText("flan")
    view.apply_filters()  # the search box waits for a pause in typing; Enter or a pause applies it
    assert _codes(view) == ["P-200"]
    view.search.clear()
    view.status.setCurrentIndex(view.status.findData(PartStatus.DONE.value))
    assert _codes(view) == ["P-300"]
    # a viewer sees no commands
    assert not view.new_action.isVisible() and not view.delete_action.isVisible()
    assert not view.stages_action.isVisible()


def test_part_create_with_route_in_chosen_order(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    ctx = make_ctx("technologist")
    view = _view(qtbot, ctx)
    dialog = PartDialog(ctx, None, view)
    qtbot.addWidget(dialog)
    dialog.code.setText("P-400")
    dialog.name.setText("Gear")
    dialog.customer.setText("Baltic Pumps")
    dialog.planned.setValue(25)
    dialog.save_button.click()
    assert "at least one stage" in dialog.errors["route"].text()
    editor = dialog.route_editor
    for code in ("turning", "machining", "qc"):
        row = next(i for i in range(editor.catalogue.count())
                   if editor.catalogue.item(i).data(Qt.ItemDataRole.UserRole + 1) == setup.stages[code].id)
        editor.catalogue.setCurrentRow(row)
        editor.add_button.click()
    editor.route.setCurrentRow(1)  # machining before turning
    editor.up_button.click()
    editor.route.setCurrentRow(2)
    editor.down_button.click()  # already last: stays
    assert editor.stage_ids() == [setup.stages[c].id for c in ("machining", "turning", "qc")]
    dialog.code.setText("p-100")
    dialog.save_button.click()
    assert "already exists" in dialog.errors["code"].text()
    dialog.code.setText("P-400")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    view._after_save(dialog.saved)
    assert view.selected_part().code == "P-400"
    assert [s.name for s in view.selected_part().stages] == ["Machining", "Turning", "QC"]
    assert view.detail.data.detail.part.code == "P-400"


def test_route_edit_keeps_stages_with_facts(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    ctx = make_ctx("master")
    view = _view(qtbot, ctx)
    view.select_part(setup.p100.id)
    dialog = PartDialog(ctx, view.selected_part(), view)
    qtbot.addWidget(dialog)
    assert "facts" in dialog.route_editor.route.item(0).text()
    dialog.route_editor.route.setCurrentRow(0)
    dialog.route_editor.remove_button.click()
    dialog.save_button.click()
    assert "cannot be removed" in dialog.errors["route"].text()
    dialog.route_editor.set_route(view.selected_part().stages)
    dialog.route_editor.add_stage(setup.stages["packing"].id)
    dialog.planned.setValue(120)
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [s.code for s in dialog.saved.stages][-1] == "packing" and dialog.saved.planned_qty == 120


def test_delete_refused_with_facts_then_cancel_and_delete_without(qtbot, make_ctx, ui_plant, _no_modal_boxes):
    setup = make_production(ui_plant)
    view = _view(qtbot, make_ctx("master"))
    view.select_part(setup.p100.id)
    view.delete_action.trigger()
    assert any("Cancel it instead" in str(args) for _name, args in _no_modal_boxes)
    assert view.model.position_of(setup.p100.id) is not None
    view.cancel_action.trigger()
    part = view.model.row_at(view.model.position_of(setup.p100.id))
    assert part.status == PartStatus.CANCELLED and view.reopen_action.isEnabled()
    view.select_part(setup.p200.id)
    view.delete_action.trigger()
    assert view.model.position_of(setup.p200.id) is None
    assert [p.code for p in parts.list_parts(ui_plant.db, ui_plant.admin).rows if p.code == "P-200"] == []


def test_live_updates_refresh_only_the_changed_rows(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    ctx = make_ctx("manager")
    wire_live_updates(ctx, ui_plant.db)
    view = _view(qtbot, ctx)
    view.select_part(setup.p100.id)
    before = view.model.row_at(0)
    facts.create_fact(ui_plant.db, ui_plant.master, part_id=setup.p100.id, stage_id=setup.stages["qc"].id,
                      fact_date=setup.yesterday, qty_good=5)
    after = view.model.row_at(view.model.position_of(setup.p100.id))
    assert after is not before and after.stages[2].good == 5
    assert view.detail.stages_model.rows[2].good == 5  # the open detail follows
    tasks.create_task(ui_plant.db, ui_plant.master, title="Fixture broken", is_blocker=True, part_id=setup.p200.id,
                      assignee_role="technologist")
    blocked = view.model.row_at(view.model.position_of(setup.p200.id))
    assert blocked.has_blocker
    assert view.model.data(view.model.index(view.model.position_of(setup.p200.id), 8)) == "blocked"
    parts.create_part(ui_plant.db, ui_plant.master, code="P-500", name="New", planned_qty=5,
                      route=[setup.stages["fitting"].id])
    assert "P-500" in _codes(view)  # all rows were loaded, so the new part is queried in
    assert view.selected_part().id == setup.p100.id


def test_stage_catalogue_dialog(qtbot, qtmodeltester, make_ctx, ui_plant):
    make_production(ui_plant)
    ctx = make_ctx("technologist")
    dialog = StagesDialog(ctx)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 9
    dialog.new_stage()
    dialog.code.setText("machining")
    dialog.name.setText("Machining again")
    dialog.save_button.click()
    assert "already exists" in dialog.errors["code"].text()
    dialog.code.setText("laser")
    dialog.name.setText("Laser cutting")
    dialog.needs_shift.setChecked(True)
    dialog.save_button.click()
    laser = next(s for s in dialog.model.rows if s.code == "laser")
    assert laser.needs_shift and dialog.selected().code == "laser"
    dialog.active_button.click()
    assert not next(s for s in dialog.model.rows if s.code == "laser").is_active
    viewer = StagesDialog(make_ctx("viewer"))
    qtbot.addWidget(viewer)
    assert not viewer.form_box.isEnabled()


def test_smoke_runs_on_a_small_plant(qtbot, make_ctx, ui_plant):
    make_production(ui_plant)
    ctx = make_ctx("admin")
    view = _view(qtbot, ctx)
    view.show()
    view.smoke()
    assert ctx.errors == []
