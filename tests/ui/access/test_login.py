from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from erp_desktop.config import Settings
from erp_desktop.services.admin import users
from erp_desktop.ui.access.login import ChangePasswordDialog, LoginDialog, OpenedDatabase
from erp_desktop.ui.runner import InlineRunner
from tests.factories import PASSWORD, set_security


def _dialog(qtbot, db, settings=None, has_users=True):
    runner = InlineRunner()
    dialog = LoginDialog(runner, lambda s, p: OpenedDatabase(db, "test db", has_users), settings or Settings())
    qtbot.addWidget(dialog)
    dialog.connect_database()
    return dialog


def _type_and_sign_in(qtbot, dialog, username, password):
    dialog.username.clear()
    dialog.password.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)  # Enter moves to the password
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter on the last field signs in


def test_wrong_password_shows_a_generic_message(qtbot, ui_plant):
    dialog = _dialog(qtbot, ui_plant.db)
    assert dialog.sign_in_button.isEnabled()
    _type_and_sign_in(qtbot, dialog, "master", "wrong-password")
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_lockout_message_after_repeated_failures(qtbot, ui_plant):
    set_security(ui_plant.db, max_failed_attempts=3, lockout_minutes=15)  # the plant's policy, in the database
    dialog = _dialog(qtbot, ui_plant.db)
    for _ in range(3):
        _type_and_sign_in(qtbot, dialog, "master", "wrong-password")
    assert "locked for 15 more minutes" in dialog.error.text()
    _type_and_sign_in(qtbot, dialog, "master", PASSWORD)
    assert "locked" in dialog.error.text()


def test_good_password_signs_in(qtbot, ui_plant):
    dialog = _dialog(qtbot, ui_plant.db)
    with qtbot.waitSignal(dialog.signed_in):
        _type_and_sign_in(qtbot, dialog, "master", PASSWORD)
    assert dialog.result_signed_in.actor.username == "master"


def test_forced_password_change_after_admin_reset(qtbot, ui_plant):
    target = next(u for u in users.list_users(ui_plant.db, ui_plant.admin) if u.username == "operator")
    users.reset_password(ui_plant.db, ui_plant.admin, target.id, "temporary-1")
    dialog = _dialog(qtbot, ui_plant.db)
    seen = {}

    def fill_change_dialog():
        change = QApplication.activeModalWidget()
        assert isinstance(change, ChangePasswordDialog)
        seen["shown"] = True
        change.new_password.setText("short")
        change.repeat.setText("short")
        change.ok_button.click()
        seen["error"] = change.error.text()
        change.new_password.setText("brand-new-pass")
        change.repeat.setText("brand-new-pass")
        change.ok_button.click()

    QTimer.singleShot(0, fill_change_dialog)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000):
        _type_and_sign_in(qtbot, dialog, "operator", "temporary-1")
    assert seen["shown"] and "at least 8" in seen["error"]
    again = _dialog(qtbot, ui_plant.db)
    with qtbot.waitSignal(again.signed_in):
        _type_and_sign_in(qtbot, again, "operator", "brand-new-pass")
    assert not again.result_signed_in.must_change_password


def test_unreachable_database_says_what_to_do(qtbot, ui_plant):
    from erp_desktop.errors import DatabaseUnavailable

    def opener(settings, password):
        raise DatabaseUnavailable("Cannot reach the database server at db:5432. Check that the server is running.")

    dialog = LoginDialog(InlineRunner(), opener, Settings())
    qtbot.addWidget(dialog)
    dialog.connect_database()
    assert "Cannot reach the database server" in dialog.error.text()
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.retry_button.isVisibleTo(dialog)


def test_empty_database_offers_the_first_administrator(qtbot, ui_db, monkeypatch):
    from erp_desktop.ui.access import login as login_module

    offered = []
    monkeypatch.setattr(login_module.FirstAdminDialog, "exec", lambda self: offered.append(self) or 0)
    _dialog(qtbot, ui_db, has_users=False)
    qtbot.waitUntil(lambda: bool(offered))
