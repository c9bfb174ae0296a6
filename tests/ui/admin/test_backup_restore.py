"""Restoring the embedded file from the GUI: File > Restore from backup (administrators), and the sign-in
window's offer of the latest backup when the file cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from erp_desktop.app import make_opener
from erp_desktop.config import Settings
from erp_desktop.services.admin import backup, users
from erp_desktop.ui.access.login import FirstAdminDialog, LoginDialog
from erp_desktop.ui.admin.restore_dialog import RestoreBackupDialog
from erp_desktop.ui.main_window import MainWindow
from erp_desktop.ui.runner import InlineRunner
from tests.sqlite_files import damage_table, file_of


def _window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def _add_late_user(ctx) -> None:
    users.create_user(ctx.db, ctx.actor, username="late", full_name="After the backup", role="viewer",
                      password="later-pass-1")


def _usernames(ctx) -> set[str]:
    return {u.username for u in users.list_users(ctx.db, ctx.actor)}


def test_restore_from_backup_is_in_the_file_menu_for_administrators_only(qtbot, make_ctx):
    admin = _window(qtbot, make_ctx("admin"))
    action = admin.findChild(QAction, "restoreBackupAction")
    assert action is not None and action in admin.menuBar().actions()[0].menu().actions()
    for role in ("master", "supply", "viewer"):
        assert _window(qtbot, make_ctx(role)).findChild(QAction, "restoreBackupAction") is None


def test_restore_dialog_lists_the_backups_and_restores_the_chosen_one(qtbot, make_ctx, ui_db):
    ctx = make_ctx("admin")
    older = backup.take_backup(file_of(ui_db))
    _add_late_user(ctx)
    dialog = RestoreBackupDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
    dialog.restore_button.click()  # the confirmation is answered Yes (tests/ui/conftest.py)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_restore.restored_from.path == older.path
    assert "late" not in _usernames(ctx)
    assert len(backup.list_backups(file_of(ui_db))) == 2  # the replaced file is kept as a before-restore backup


def test_restore_dialog_shows_why_a_chosen_file_cannot_be_restored(qtbot, make_ctx, tmp_path, monkeypatch):
    ctx = make_ctx("admin")
    garbage = tmp_path / "not-a-backup.db"
    garbage.write_bytes(b"hello" * 1000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(garbage), "")))
    dialog = RestoreBackupDialog(ctx)
    qtbot.addWidget(dialog)
    assert "no backups of this database yet" in dialog.error.text()
    dialog.other_button.click()
    assert "is not a database file" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted and ctx.errors == []
    assert "admin" in _usernames(ctx)


def test_after_a_restore_the_window_signs_out_to_sign_in_on_the_restored_file(qtbot, make_ctx, ui_db, monkeypatch,
                                                                              _no_modal_boxes):
    ctx = make_ctx("admin")
    backup.take_backup(file_of(ui_db))

    def choose_first_and_restore(dialog):
        dialog._restore_selected()
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", choose_first_and_restore)
    window = _window(qtbot, ctx)
    window.show()
    with qtbot.waitSignal(window.signed_out) as signed_out:
        window.findChild(QAction, "restoreBackupAction").trigger()
    assert signed_out.args[0].startswith("The database was restored from the backup of")
    assert _no_modal_boxes[-1][0] == "information"


# --------------------------------------------------------------------------- at start


def _login(qtbot, path: Path) -> LoginDialog:
    dialog = LoginDialog(InlineRunner(), make_opener(f"sqlite:///{path}", False), Settings())
    qtbot.addWidget(dialog)
    dialog.connect_database()
    return dialog


def _no_first_admin_offer(qtbot) -> None:
    qtbot.wait(20)  # the offer would come from a zero-delay timer
    assert not any(isinstance(w, FirstAdminDialog) for w in QApplication.topLevelWidgets() if w.isVisible())


@pytest.mark.parametrize("damage", ["empty", "page"])
def test_start_on_a_damaged_file_offers_the_latest_backup_and_restores_it(qtbot, ui_plant, ui_db, damage):
    path = file_of(ui_db)
    taken = backup.take_backup(path)
    ui_db.dispose()
    if damage == "empty":
        path.write_bytes(b"")
    else:
        damage_table(path, "users")
    dialog = _login(qtbot, path)
    assert dialog.opened is None and not dialog.sign_in_button.isEnabled()
    assert "It was not opened" in dialog.error.text()
    assert dialog.restore_button.isVisibleTo(dialog)
    _no_first_admin_offer(qtbot)

    dialog.restore_button.click()  # confirmed Yes
    assert dialog.opened is not None and dialog.opened.has_users
    assert dialog.sign_in_button.isEnabled() and not dialog.restore_button.isVisibleTo(dialog)
    assert f"restored from the backup of {taken.taken_at:%Y-%m-%d %H:%M}" in dialog.status.text()
    _no_first_admin_offer(qtbot)
    dialog.opened.db.dispose()


def test_a_restore_at_start_that_fails_says_why_and_can_be_tried_again(qtbot, ui_plant, ui_db, monkeypatch):
    path = file_of(ui_db)
    backup.take_backup(path)
    ui_db.dispose()
    path.write_bytes(b"")
    dialog = _login(qtbot, path)
    with monkeypatch.context() as patched:
        patched.setattr(backup.sqlite_file, "replace_file", _in_use)
        dialog.restore_button.click()
    assert "is in use" in dialog.error.text() and dialog.opened is None
    assert dialog.restore_button.isVisibleTo(dialog) and path.stat().st_size == 0
    dialog.restore_button.click()
    assert dialog.opened is not None and dialog.opened.has_users
    dialog.opened.db.dispose()


def _in_use(live, *_args, **_kwargs):
    from erp_desktop.errors import DatabaseUnavailable

    raise DatabaseUnavailable(f"The database file {live} is in use: by another erp-desktop window.")


def test_start_on_an_empty_file_without_backups_refuses_it_and_offers_no_new_database(qtbot, tmp_path):
    path = tmp_path / "erp.db"
    path.write_bytes(b"")
    dialog = _login(qtbot, path)
    assert dialog.opened is None
    assert "is empty (0 bytes)" in dialog.error.text() and "No backup of it was found" in dialog.error.text()
    assert not dialog.restore_button.isVisibleTo(dialog) and dialog.retry_button.isVisibleTo(dialog)
    _no_first_admin_offer(qtbot)
    assert path.stat().st_size == 0

