from erp_desktop.config import Settings, load_settings
from erp_desktop.ui.connection_dialog import ConnectionDialog
from erp_desktop.ui.runner import InlineRunner


def test_saving_a_server_connection_keeps_the_password_out_of_the_file(qtbot, monkeypatch):
    from erp_desktop.ui import connection_dialog

    monkeypatch.setattr(connection_dialog, "store_keyring_password", lambda conn, pw: False)
    dialog = ConnectionDialog(Settings(), InlineRunner())
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    dialog.host.setText("db.plant.local")
    dialog.database.setText("erp")
    dialog.user.setText("clerk")
    dialog.password.setText("s3cret-pass")
    dialog._save()
    saved = load_settings()
    assert saved.connection.host == "db.plant.local" and saved.connection.user == "clerk"
    assert dialog.chosen_password == "s3cret-pass"  # used for this run, asked again next time


def test_incomplete_server_connection_is_refused(qtbot):
    dialog = ConnectionDialog(Settings(), InlineRunner())
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    dialog.host.setText("")
    dialog._save()
    assert "Enter the server" in dialog.error.text()


def test_test_connection_reports_an_unreachable_server(qtbot):
    dialog = ConnectionDialog(Settings(), InlineRunner())
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)
    dialog.database.setText("erp")
    dialog.user.setText("nobody")
    dialog._test()
    assert "Cannot reach the database server" in dialog.error.text()
