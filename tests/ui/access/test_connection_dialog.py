from erp_desktop.config import Settings, load_settings
from erp_desktop.ui.access.connection_dialog import ConnectionDialog
from erp_desktop.ui.runner import InlineRunner


def test_saving_a_server_connection_keeps_the_password_out_of_the_file(qtbot, monkeypatch):
    from erp_desktop.ui.access import connection_dialog

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


def test_a_saved_password_is_never_sent_to_another_server_port_or_user(qtbot, monkeypatch):
    from erp_desktop.config import SavedConnection
    from erp_desktop.ui.access import connection_dialog

    saved = SavedConnection("db.plant.local", 5432, "erp", "erp_desktop")
    monkeypatch.setattr(connection_dialog, "keyring_password", lambda conn: "kept-secret" if conn == saved else None)
    sent = []
    monkeypatch.setattr(connection_dialog, "_schema_status", lambda url: sent.append(url) or ("0005", "0005"))
    for change in (lambda d: d.host.setText("evil.example.com"), lambda d: d.port.setValue(6543),
                   lambda d: d.user.setText("postgres")):
        dialog = ConnectionDialog(Settings(connection=saved), InlineRunner())
        qtbot.addWidget(dialog)
        assert dialog.password.text() == "kept-secret"  # the same server: the saved password is offered
        change(dialog)
        assert dialog.password.text() == ""
        dialog._test()
        assert "kept-secret" not in sent[-1]
        dialog.host.setText("db.plant.local"), dialog.port.setValue(5432), dialog.user.setText("erp_desktop")
        assert dialog.password.text() == ""  # going back does not bring it back: type it again


def test_a_server_on_the_network_needs_tls_with_the_plants_ca_and_scram():
    from erp_desktop.config import SavedConnection, postgres_url

    remote = postgres_url(SavedConnection("db.plant.local", 5432, "erp", "erp_desktop", "/etc/plant-ca.crt"), "pw")
    assert "sslmode=verify-full" in remote and "sslrootcert=%2Fetc%2Fplant-ca.crt" in remote
    assert "require_auth=scram-sha-256" in remote
    assert "sslmode" not in postgres_url(SavedConnection("localhost", 5432, "erp", "erp_desktop"), "pw")
