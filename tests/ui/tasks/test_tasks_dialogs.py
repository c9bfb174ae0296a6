"""Task dialog (details, buttons the user may press, comments, read marks, live refresh), new task dialog,
and the printed open-tasks report."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate

from erp_desktop.domain.roles import Role
from erp_desktop.domain.tasks import Move, TaskStatus
from erp_desktop.printing import save_pdf
from erp_desktop.printing.task_reports import open_tasks_report
from erp_desktop.services.tasks import board as tasks
from erp_desktop.ui.tasks import TasksView
from tests.ui.tasks.test_tasks_board import advance, board_of, column_of, make_task


def visible_moves(dialog) -> set[Move]:
    return {move for move, button in dialog.move_buttons.items() if not button.isHidden()}


def open_dialog(qtbot, view: TasksView, task_id: int):
    dialog = view.open_task(task_id)
    qtbot.addWidget(dialog)
    return dialog


def test_dialog_shows_details_history_and_only_the_allowed_moves(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant, "Calibrate gauges", is_blocker=True, due_date=date.today() - timedelta(days=2))
    operator_view = board_of(qtbot, make_ctx("operator"))
    dialog = open_dialog(qtbot, operator_view, card.id)
    assert dialog.heading.text().endswith("Calibrate gauges")
    assert "overdue" in dialog.fields["due"].text()
    assert dialog.fields["blocker"].text().startswith("yes")
    assert visible_moves(dialog) == {Move.ACCEPT}
    dialog.move_buttons[Move.ACCEPT].click()
    assert visible_moves(dialog) == {Move.START}
    assert column_of(operator_view, card.id) == TaskStatus.ACCEPTED  # the board follows the dialog
    assert dialog.history_model.rowCount() == 2
    dialog.close()

    advance(ui_plant, tasks.get_cards(ui_plant.db, ui_plant.operator, [card.id])[0], Move.START, Move.SEND_TO_REVIEW)
    master_view = board_of(qtbot, make_ctx("master"))
    review = open_dialog(qtbot, master_view, card.id)
    assert visible_moves(review) == {Move.APPROVE, Move.SEND_BACK, Move.CANCEL}
    assert [review.history_model.row_at(r).to_status for r in range(4)] == [
        TaskStatus.OPEN, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.REVIEW]
    assert review.history_model.row_at(1).actor_name == ui_plant.operator.full_name


def test_send_back_needs_the_comment_written_in_the_dialog(qtbot, make_ctx, ui_plant):
    card = advance(ui_plant, make_task(ui_plant), Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW)
    view = board_of(qtbot, make_ctx("master"))
    dialog = open_dialog(qtbot, view, card.id)
    dialog.move_buttons[Move.SEND_BACK].click()
    assert "Write in the comment box" in dialog.error.text()
    assert tasks.get_cards(ui_plant.db, ui_plant.master, [card.id])[0].status == TaskStatus.REVIEW
    dialog.comment_edit.setPlainText("The burrs are still there")
    dialog.move_buttons[Move.SEND_BACK].click()
    assert dialog.details.card.status == TaskStatus.IN_PROGRESS
    assert dialog.comment_edit.toPlainText() == ""
    assert dialog.history_model.row_at(dialog.history_model.rowCount() - 1).comment == "The burrs are still there"
    assert column_of(view, card.id) == TaskStatus.IN_PROGRESS


def test_adding_a_comment(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant)
    view = board_of(qtbot, make_ctx("operator"))
    dialog = open_dialog(qtbot, view, card.id)
    dialog.add_comment_button.click()
    assert "Write the comment first" in dialog.error.text()
    dialog.comment_edit.setPlainText("Two of five are sharp already.")
    dialog.add_comment_button.click()
    assert "Two of five are sharp already." in dialog.comments.toPlainText()
    assert dialog.tabs.tabText(0) == "Comments (1)"
    assert dialog.comment_edit.toPlainText() == ""
    assert view.board.card(card.id).comment_count == 1
    assert tasks.list_comments(ui_plant.db, ui_plant.master, card.id)[0].author_id == ui_plant.operator.user_id


def test_opening_marks_read(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant)
    view = board_of(qtbot, make_ctx("operator"))
    assert view.board.card(card.id).unread and view.unread == 1
    open_dialog(qtbot, view, card.id)
    assert not view.board.card(card.id).unread
    assert view.unread == 0


def test_a_live_update_refreshes_the_dialog_but_keeps_the_comment_being_written(qtbot, make_ctx, ui_plant,
                                                                                 _no_modal_boxes):
    card = make_task(ui_plant)
    ctx = make_ctx("operator")
    view = board_of(qtbot, ctx)
    dialog = open_dialog(qtbot, view, card.id)
    dialog.comment_edit.setPlainText("half written")
    tasks.add_comment(ui_plant.db, ui_plant.master, card.id, "Please hurry")
    advance(ui_plant, card, Move.ACCEPT, who="admin")
    ctx.changes.emit_change("tasks", [card.id])
    qtbot.waitUntil(lambda: dialog.details.card.status == TaskStatus.ACCEPTED, timeout=1000)
    assert "Please hurry" in dialog.comments.toPlainText()
    assert dialog.comment_edit.toPlainText() == "half written"
    assert visible_moves(dialog) == {Move.START}


def test_a_stale_move_in_the_dialog_says_so_and_shows_the_truth(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant)
    view = board_of(qtbot, make_ctx("operator"))
    dialog = open_dialog(qtbot, view, card.id)
    advance(ui_plant, card, Move.ACCEPT, who="admin")  # no live update reached this desktop
    dialog.move_buttons[Move.ACCEPT].click()
    assert "changed by someone else" in dialog.error.text()
    assert dialog.details.card.status == TaskStatus.ACCEPTED
    assert column_of(view, card.id) == TaskStatus.ACCEPTED


def test_new_task_for_a_role_with_due_date_and_blocker(qtbot, make_ctx, ui_plant):
    view = board_of(qtbot, make_ctx("master"))
    dialog = view.new_task()
    qtbot.addWidget(dialog)
    dialog.ok_button.click()
    assert "Enter the task title" in dialog.error.text()
    assert dialog.focusWidget() in (dialog.title, None)
    dialog.title.setText("Bring round bar to bay 2")
    dialog.description.setPlainText("40Kh, 60 mm, two bars")
    dialog.to_role.setChecked(True)
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPPLY.value))
    dialog.blocker.setChecked(True)
    dialog.has_due.setChecked(True)
    dialog.due.setDate(QDate.currentDate().addDays(1))
    dialog.category.setCurrentIndex(dialog.category.findData("material"))
    created = []
    dialog.created.connect(created.append)
    dialog.ok_button.click()
    assert created
    card = created[0]
    assert (card.assignee_role, card.is_blocker, card.due_date, card.category.value) == (
        Role.SUPPLY, True, date.today() + timedelta(days=1), "material")
    assert column_of(view, card.id) == TaskStatus.OPEN
    assert view.board.current_card().id == card.id


def test_new_task_for_a_person_lists_people_but_not_viewers(qtbot, make_ctx, ui_plant):
    view = board_of(qtbot, make_ctx("master"))
    dialog = view.new_task()
    qtbot.addWidget(dialog)
    people = {dialog.person.itemData(i) for i in range(dialog.person.count())}
    assert ui_plant.operator.user_id in people and ui_plant.viewer.user_id not in people
    dialog.title.setText("Oil the press")
    dialog.person.setCurrentIndex(dialog.person.findData(ui_plant.operator.user_id))
    dialog.ok_button.click()
    assert tasks.list_board(ui_plant.db, ui_plant.operator, mine=True).cards("open")[0].title == "Oil the press"


def test_operators_cannot_create_tasks_or_see_reports(qtbot, make_ctx):
    view = board_of(qtbot, make_ctx("operator"))
    assert view.new_button.isHidden() and view.report_button.isHidden()
    assert view.new_task() is None


def test_open_tasks_report_prints(qtbot, make_ctx, ui_plant, tmp_path):
    make_task(ui_plant, "Blocker one", is_blocker=True, due_date=date.today() - timedelta(days=1))
    make_task(ui_plant, "For supply", role=Role.SUPPLY)
    advance(ui_plant, make_task(ui_plant, "Started"), Move.ACCEPT, Move.START)
    data = tasks.open_tasks_report(ui_plant.db, ui_plant.master)
    report = open_tasks_report(data, organization="Plant A", printed_by="Shop foreman")
    text = report.document().toPlainText()
    for expected in ("Open tasks and blockers", "By part", "By assignee", "Blocker one", "Supply clerk", "BLOCKER",
                     "overdue"):
        assert expected in text
    assert save_pdf(report, tmp_path / "open.pdf") >= 1
    assert (tmp_path / "open.pdf").stat().st_size > 1000


def test_report_actions_build_from_the_view(qtbot, make_ctx, ui_plant, monkeypatch):
    from erp_desktop.ui.tasks import view as view_module

    make_task(ui_plant, "Blocker one", is_blocker=True)
    shown = []
    monkeypatch.setattr(view_module, "show_print_preview", lambda parent, report: shown.append(report))
    view = board_of(qtbot, make_ctx("master"))
    view.preview_action.trigger()
    assert shown and "Blocker one" in shown[0].document().toPlainText()


def test_smoke_on_the_demo_plant(qtbot, ui_db, qapp):
    from erp_desktop.config import Settings
    from erp_desktop.demo import plant as demo
    from erp_desktop.services.access import auth
    from erp_desktop.ui.context import ChangeHub, UiContext
    from erp_desktop.ui.runner import InlineRunner

    demo.load_demo_plant(ui_db, rounds=4)
    signed = auth.sign_in(ui_db, "kolchin", "kolchin123")
    ctx = UiContext(db=ui_db, actor=signed.actor, runner=InlineRunner(), settings=Settings(),
                    organization="Demo Plant", changes=ChangeHub())
    errors = []
    ctx.runner.failed.connect(lambda error, trace: errors.append(error))
    view = board_of(qtbot, ctx)
    view.smoke()
    assert not errors
    assert view.board.count() > 20


def test_edit_a_task_from_its_dialog(qtbot, make_ctx, ui_plant):
    card = make_task(ui_plant, "Calibrate gauges")
    master_view = board_of(qtbot, make_ctx("master"))
    dialog = open_dialog(qtbot, master_view, card.id)
    assert not dialog.edit_button.isHidden()
    form = dialog.edit()
    qtbot.addWidget(form)
    assert form.title.text() == "Calibrate gauges" and form.ok_button.text() == "Save changes"
    form.title.setText("Calibrate all gauges")
    form.description.setPlainText("Micrometers too")
    form.blocker.setChecked(True)
    form.submit()
    fresh = tasks.get_task(ui_plant.db, ui_plant.master, card.id)
    assert fresh.card.title == "Calibrate all gauges" and fresh.description == "Micrometers too"
    assert fresh.card.is_blocker and dialog.heading.text().endswith("Calibrate all gauges")
    assert dialog.fields["blocker"].text().startswith("yes")
    operator_dialog = open_dialog(qtbot, board_of(qtbot, make_ctx("operator")), card.id)
    assert operator_dialog.edit_button.isHidden()  # neither its creator nor a reviewer


def test_empty_send_back_says_what_is_missing(qtbot):
    from erp_desktop.ui.tasks.comment_dialog import MoveCommentDialog

    dialog = MoveCommentDialog("Send back #1", "What needs to be done?")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ok_button.click()
    assert dialog.isVisible() and "Write the reason" in dialog.error.text()
    dialog.edit.setPlainText("  Deburr it  ")
    dialog.ok_button.click()
    assert not dialog.isVisible() and dialog.comment() == "Deburr it"


def test_a_done_blocker_shows_no_blocker_badge(qtbot, make_ctx, ui_plant):
    from erp_desktop.ui.tasks.card_model import tooltip

    card = make_task(ui_plant, "Fix the fixture", is_blocker=True)
    assert "Blocks production" in tooltip(card)
    review = advance(ui_plant, card, Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW)
    done = advance(ui_plant, review, Move.APPROVE, who="master")
    assert done.status is TaskStatus.DONE and "Blocks production" not in tooltip(done)
