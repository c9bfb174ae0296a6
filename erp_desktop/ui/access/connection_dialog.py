"""Where the database is: the embedded file on this computer, or the plant's PostgreSQL server."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.config import (
    SavedConnection,
    Settings,
    keyring_password,
    postgres_url,
    save_settings,
    store_keyring_password,
)
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ErrorLabel


def _schema_status(url: str):
    """On the runner's thread: the services (SQLAlchemy, alembic) load there, not when the dialog opens."""
    from erp_desktop.services.access import connection

    return connection.schema_status(url)


class ConnectionDialog(QDialog):
    """Edits the saved connection. ``chosen_password`` holds a password typed but not kept in the keyring."""

    def __init__(self, settings: Settings, runner, parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.setObjectName("connectionDialog")
        self.setWindowTitle(self.tr("Database connection"))
        self._settings = settings
        self._runner = runner
        self.result_settings = settings
        self.chosen_password: str | None = None
        saved = settings.connection

        self.embedded = QRadioButton(self.tr("Embedded database on this computer (single user, demo)"))
        self.server = QRadioButton(self.tr("The plant's PostgreSQL server (shared by all desktops)"))
        self.host = QLineEdit(saved.host)
        self.host.setObjectName("host")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(saved.port)
        self.database = QLineEdit(saved.database or "erp")
        self.database.setObjectName("database")
        self.user = QLineEdit(saved.user)
        self.user.setObjectName("user")
        self._saved = saved
        self._saved_password = (keyring_password(saved) or "") if saved.is_set else ""
        self.password = QLineEdit(self._saved_password)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_file = QLineEdit(saved.ca_file)
        self.ca_file.setObjectName("caFile")
        self.ca_file.setPlaceholderText(self.tr("The plant's CA certificate (.crt/.pem), for a server on the network"))
        for field in (self.host, self.user):
            field.textChanged.connect(self._forget_saved_password_for_another_target)
        self.port.valueChanged.connect(self._forget_saved_password_for_another_target)
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        self.remember.setChecked(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = ErrorLabel()

        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("CA certificate"), self.ca_file)
        self._server_fields = QWidget()
        self._server_fields.setLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.test_button = buttons.addButton(self.tr("Test connection"), QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.clicked.connect(self._test)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.embedded)
        layout.addWidget(self.server)
        layout.addWidget(self._server_fields)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.server.toggled.connect(self._server_fields.setEnabled)
        (self.server if saved.is_set else self.embedded).setChecked(True)
        self._server_fields.setEnabled(saved.is_set)

    def _connection(self) -> SavedConnection:
        return SavedConnection(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                               self.user.text().strip(), self.ca_file.text().strip())

    def _forget_saved_password_for_another_target(self, *_args) -> None:
        """A saved password goes only to the server, port and user it was saved for: change any of them and
        the password must be typed again (a changed server name would otherwise receive it)."""
        if self._saved_password and not self._connection().same_target(self._saved):
            if self.password.text() == self._saved_password:
                self.password.clear()
            self._saved_password = ""

    def _validate(self) -> SavedConnection | None:
        conn = self._connection()
        if self.server.isChecked() and not conn.is_set:
            self.error.show_message(self.tr("Enter the server, the database and the user."))
            return None
        self.error.clear_message()
        return conn

    def _test(self) -> None:
        conn = self._validate()
        if conn is None or not self.server.isChecked():
            return
        url = postgres_url(conn, self.password.text() or None)
        self.status.setText(self.tr("Connecting..."))
        self.test_button.setEnabled(False)

        def done(status):
            current, head = status
            self.test_button.setEnabled(True)
            if current == head:
                self.status.setText(self.tr("Connected. The database is ready."))
            elif current is None:
                self.status.setText(self.tr("Connected, but the database is empty: an administrator runs "
                                            "'erp-desktop db upgrade' once."))
            else:
                self.status.setText(self.tr("Connected; schema revision {0}, this version needs {1}.").format(current, head))

        def failed(error):
            self.test_button.setEnabled(True)
            self.status.setText("")
            self.error.show_message(error_text(error))

        self._runner.submit(lambda: _schema_status(url), done, failed, owner=self)

    def _save(self) -> None:
        conn = self._validate()
        if conn is None:
            return
        if not self.server.isChecked():
            conn = SavedConnection()
        elif self.password.text():
            self.chosen_password = self.password.text()
            if self.remember.isChecked() and not store_keyring_password(conn, self.password.text()):
                self.status.setText(self.tr("No system keyring here: the password will be asked for at each start."))
        self.result_settings = self._settings.with_connection(conn)
        save_settings(self.result_settings)
        self.accept()
