from PySide6.QtWidgets import QApplication

from erp_desktop.config import Settings, SignInPolicy
from erp_desktop.services.access import auth
from erp_desktop.services.admin import users
from erp_desktop.ui.main_window import MainWindow
from tests.factories import PASSWORD


def _window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_area_opens_and_admin_is_admin_only(qtbot, make_ctx):
    window = _window(qtbot, make_ctx("admin"))
    assert window.area_keys() == ["parts", "journal", "tasks", "stock", "purchasing", "materials", "admin"]
    for key in window.area_keys():
        assert window.show_area(key) is window.stack.currentWidget()
    operator = _window(qtbot, make_ctx("operator"))
    assert "admin" not in operator.area_keys()


def test_status_bar_shows_user_role_and_shift(qtbot, make_ctx):
    window = _window(qtbot, make_ctx("master"))
    assert "shift" in window.shift_label.text()
    assert window.role_label.text() == "Shop foreman"


def test_window_layout_is_remembered(qtbot, make_ctx):
    ctx = make_ctx("admin")
    window = _window(qtbot, ctx)
    window.resize(640, 480)
    window.show_area("tasks")
    window.save_layout()
    again = _window(qtbot, ctx)
    assert again.area_keys()[again.nav.currentRow()] == "tasks"
    assert again.size().width() == 640


def test_idle_lock_keeps_the_screen_and_unlocks_with_the_password(qtbot, make_ctx, ui_plant):
    signed = auth.sign_in(ui_plant.db, "master", PASSWORD)
    ctx = make_ctx("master")
    ctx.actor = signed.actor
    window = _window(qtbot, ctx)
    view = window.show_area("parts")
    window.lock()
    assert window.is_locked
    dialog = window._lock_dialog
    dialog.password.setText("wrong-one")
    dialog.unlock_button.click()
    assert window.is_locked and "Wrong password" in dialog.error.text()
    dialog.password.setText(PASSWORD)
    dialog.unlock_button.click()
    assert not window.is_locked
    assert window.view("parts") is view  # what was on screen is still there


def test_idle_timer_locks_the_window(qtbot, make_ctx):
    ctx = make_ctx("admin", Settings(sign_in=SignInPolicy(idle_lock_minutes=1)))
    window = _window(qtbot, ctx)
    window.idle._timer.setInterval(50)
    window.idle.start()
    qtbot.waitUntil(lambda: window.is_locked, timeout=2000)


def test_session_ended_by_admin_asks_to_sign_in_again_in_place_and_keeps_the_open_form(qtbot, make_ctx, ui_plant):
    from PySide6.QtWidgets import QDialog, QLineEdit

    signed = auth.sign_in(ui_plant.db, "master", PASSWORD)
    ctx = make_ctx("master")
    ctx.actor = signed.actor
    window = _window(qtbot, ctx)
    form = QDialog(window)  # a form being filled in
    field = QLineEdit(form)
    field.setText("half-typed")
    form.open()
    users.end_session(ui_plant.db, ui_plant.admin, signed.actor.session_id)
    failed = []
    ctx.call(users.list_users, on_error=failed.append)  # any next action, with its own error handler
    assert window.is_locked and window._lock_dialog.ended and failed
    assert not ctx.errors  # no error box on top of the sign-in
    dialog = window._lock_dialog
    dialog.password.setText("wrong-one")
    dialog.unlock_button.click()
    assert window.is_locked and "Wrong user name or password" in dialog.error.text()
    dialog.password.setText(PASSWORD)
    dialog.unlock_button.click()
    assert not window.is_locked
    assert ctx.actor.session_id not in (None, signed.actor.session_id)
    assert form.isVisible() and field.text() == "half-typed"  # the form is still there
    ctx.call(users.list_users, on_success=failed.append)
    assert len(failed) == 2
    QApplication.processEvents()


def test_a_locked_window_whose_session_ended_signs_in_again(qtbot, make_ctx, ui_plant):
    signed = auth.sign_in(ui_plant.db, "master", PASSWORD)
    ctx = make_ctx("master")
    ctx.actor = signed.actor
    window = _window(qtbot, ctx)
    window.lock()
    users.end_session(ui_plant.db, ui_plant.admin, signed.actor.session_id)
    dialog = window._lock_dialog
    dialog.password.setText(PASSWORD)
    dialog.unlock_button.click()  # the unlock finds the session ended: the same dialog now signs in again
    assert window.is_locked and dialog.ended and dialog.unlock_button.text() == "Sign in"
    dialog.password.setText(PASSWORD)
    dialog.unlock_button.click()
    assert not window.is_locked and ctx.actor.session_id != signed.actor.session_id


def test_signing_out_from_an_ended_session_returns_to_the_sign_in_window(qtbot, make_ctx, ui_plant):
    signed = auth.sign_in(ui_plant.db, "master", PASSWORD)
    ctx = make_ctx("master")
    ctx.actor = signed.actor
    window = _window(qtbot, ctx)
    users.end_session(ui_plant.db, ui_plant.admin, signed.actor.session_id)
    ctx.call(users.list_users)
    with qtbot.waitSignal(window.signed_out):
        window._lock_dialog.switch_button.click()
    QApplication.processEvents()
