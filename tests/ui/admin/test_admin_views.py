from PySide6.QtWidgets import QDialog

from erp_desktop.services.access import auth
from erp_desktop.services.admin import users
from erp_desktop.ui.admin.audit_view import AuditView
from erp_desktop.ui.admin.sessions_view import SessionsView
from erp_desktop.ui.admin.users_view import UserDialog, UsersView


def test_users_view_lists_and_creates_users(qtbot, qtmodeltester, make_ctx):
    ctx = make_ctx("admin")
    view = UsersView(ctx)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 8
    qtmodeltester.check(view.model)
    dialog = UserDialog(ctx, None, view)
    dialog.username.setText("novak")
    dialog.full_name.setText("Novak J.")
    dialog.role.setCurrentIndex(dialog.role.findData("qc"))
    dialog.password.setText("short")
    dialog.ok_button.click()
    assert "at least 8" in dialog.error.text()
    dialog.password.setText("long-enough-1")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    view.refresh()
    view.select_username("novak")
    assert view.selected_user().role == "qc"


def test_users_view_deactivates_and_reactivates(qtbot, make_ctx):
    ctx = make_ctx("admin")
    view = UsersView(ctx)
    qtbot.addWidget(view)
    view.select_username("viewer")
    view.active_button.click()
    view.select_username("viewer")
    assert not view.selected_user().is_active
    assert view.active_button.text() == "Activate"
    view.active_button.click()
    view.select_username("viewer")
    assert view.selected_user().is_active


def test_sessions_view_ends_a_session(qtbot, make_ctx, ui_plant):
    signed = auth.sign_in(ui_plant.db, "supply", "secret-pass-1")
    ctx = make_ctx("admin")
    view = SessionsView(ctx)
    qtbot.addWidget(view)
    position = next(i for i, s in enumerate(view.model.rows) if s.id == signed.actor.session_id)
    view.table.selectRow(position)
    from erp_desktop.ui.admin.prompts import EndSessionDialog

    EndSessionDialog.exec = lambda dialog: (dialog.reason.setText("test"), dialog.ok_button.click(), dialog.result())[-1]
    try:
        view.end_button.click()
    finally:
        del EndSessionDialog.exec
    assert all(s.id != signed.actor.session_id for s in users.list_sessions(ui_plant.db, ui_plant.admin))


def test_audit_view_loads_pages_as_it_scrolls(qtbot, qtmodeltester, make_ctx, ui_plant):
    for number in range(30):
        users.create_user(ui_plant.db, ui_plant.admin, username=f"user{number}", full_name="", role="viewer",
                          password="long-enough")
    ctx = make_ctx("admin")
    view = AuditView(ctx)
    view.PAGE = 10
    view.apply_filters()
    qtbot.addWidget(view)
    assert view.model.rowCount() == 10 and view.model.canFetchMore()
    view.model.fetchMore()
    assert view.model.rowCount() == 20
    qtmodeltester.check(view.model)
    view.entity.setCurrentIndex(view.entity.findData("session"))
    assert all(row.entity == "session" for row in view.model.rows)


def test_security_settings_are_edited_by_an_admin_and_hold_at_the_next_sign_in(qtbot, make_ctx):
    import pytest

    from erp_desktop.errors import AccountLocked, AuthenticationFailed, PermissionDenied
    from erp_desktop.services.admin import security_settings
    from erp_desktop.ui.admin.security_view import SecuritySettingsView
    from tests.factories import PASSWORD

    ctx = make_ctx("admin")
    view = SecuritySettingsView(ctx)
    qtbot.addWidget(view)
    assert view.fields["max_failed_attempts"].value() == 5
    view.fields["max_failed_attempts"].setValue(2)
    view.fields["idle_lock_minutes"].setValue(30)
    view.save_button.click()
    assert view.status.text() == "Saved."
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(ctx.db, "master", "wrong-password")
    with pytest.raises(AccountLocked):  # the second failure locks, as the new setting says
        auth.sign_in(ctx.db, "master", "wrong-password")
    assert auth.sign_in(ctx.db, "operator", PASSWORD).idle_lock_minutes == 30
    with pytest.raises(PermissionDenied):  # only an administrator changes them
        security_settings.update_security_settings(ctx.db, make_ctx("master").actor, version=2,
                                                   max_failed_attempts=9, lockout_minutes=1, idle_lock_minutes=1,
                                                   min_password_length=8)


def test_a_new_user_starts_as_viewer(qtbot, make_ctx):
    dialog = UserDialog(make_ctx("admin"), None)
    qtbot.addWidget(dialog)
    assert dialog.role.currentData() == "viewer"


def test_users_view_shows_a_lock_and_unlocks(qtbot, make_ctx, ui_plant):
    import pytest

    from erp_desktop.errors import AccountLocked
    from tests.factories import PASSWORD, set_security

    set_security(ui_plant.db, max_failed_attempts=1, lockout_minutes=15)
    with pytest.raises(AccountLocked):
        auth.sign_in(ui_plant.db, "operator", "bad-password")
    view = UsersView(make_ctx("admin"))
    qtbot.addWidget(view)
    view.select_username("master")
    assert not view.unlock_button.isEnabled()
    view.select_username("operator")
    assert view.unlock_button.isEnabled()
    assert view.model.index(view.table.currentIndex().row(), 6).data()  # "Locked out until" shows the time
    view.unlock_button.click()
    view.select_username("operator")
    assert view.selected_user().locked_until is None and not view.unlock_button.isEnabled()
    assert auth.sign_in(ui_plant.db, "operator", PASSWORD)


def test_reset_password_asks_twice_and_refuses_a_mismatch(qtbot):
    from erp_desktop.ui.admin.prompts import NewPasswordDialog

    dialog = NewPasswordDialog("viewer")
    qtbot.addWidget(dialog)
    dialog.password.setText("temporary-1")
    dialog.repeat.setText("temporary-2")
    dialog.ok_button.click()
    assert "differ" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.repeat.setText("temporary-1")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_end_session_asks_for_a_reason(qtbot, make_ctx, ui_plant, monkeypatch):
    from erp_desktop.ui.admin.prompts import EndSessionDialog

    asked = []

    def answer(dialog):
        asked.append(dialog.question.text())
        dialog.ok_button.click()  # an empty reason is refused
        assert "why" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
        dialog.reason.setText("shift over")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(EndSessionDialog, "exec", answer)
    signed = auth.sign_in(ui_plant.db, "supply", "secret-pass-1")
    view = SessionsView(make_ctx("admin"))
    qtbot.addWidget(view)
    position = next(i for i, s in enumerate(view.model.rows) if s.id == signed.actor.session_id)
    view.table.selectRow(position)
    view.end_button.click()
    assert "supply" in asked[0]
    ended = next(s for s in users.list_sessions(ui_plant.db, ui_plant.admin, active_only=False)
                 if s.id == signed.actor.session_id)
    assert ended.end_reason == "shift over"
    assert view.model.index(0, 2).data().count(":") == 2  # the start time to the second
