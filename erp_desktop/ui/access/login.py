"""Sign-in: connects in the background, signs in, forces a password change where required,
and offers the first-administrator form on an empty database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop import __version__
from erp_desktop.config import Settings
from erp_desktop.errors import DatabaseDamaged, ErpError
from erp_desktop.ui.access.connection_dialog import ConnectionDialog
from erp_desktop.ui.errors import confirm, error_text
from erp_desktop.ui.forms import EnterMovesFocus, ErrorLabel

if TYPE_CHECKING:
    from erp_desktop.services.dto import SignedIn


def _auth():
    """services.auth brings SQLAlchemy, the models and bcrypt: imported on first use (on the runner's thread),
    not on the way to the sign-in window."""
    from erp_desktop.services.access import auth

    return auth


def _backup():
    from erp_desktop.services.admin import backup

    return backup


@dataclass(frozen=True)
class OpenedDatabase:
    db: Any
    label: str
    has_users: bool


Opener = Callable[[Settings, str | None], OpenedDatabase]


class LoginDialog(QDialog):
    signed_in = Signal(object)

    def __init__(self, runner, opener: Opener, settings: Settings, *, demo_hint: str = "", parent: QWidget | None = None,
                 prefill_user: str = ""):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("erp-desktop: sign in"))
        self.setMinimumWidth(420)
        self._runner = runner
        self._opener = opener
        self.settings = settings
        self._password_override: str | None = None
        self.opened: OpenedDatabase | None = None
        self.result_signed_in: SignedIn | None = None

        title = QLabel(self.tr("<h2>erp-desktop</h2>Production control and stock, version {0}").format(__version__))
        self.username = QLineEdit(prefill_user)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)

        self.status = QLabel()
        self.status.setObjectName("connectionStatus")
        self.status.setWordWrap(True)
        self.error = ErrorLabel()
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._sign_in)
        self.connection_button = QPushButton(self.tr("Connection..."))
        self.connection_button.setObjectName("connectionButton")
        self.connection_button.clicked.connect(self._edit_connection)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.clicked.connect(self.connect_database)
        self.retry_button.hide()
        self.restore_button = QPushButton(self.tr("Restore the latest backup..."))
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.clicked.connect(self._restore_latest_backup)
        self.restore_button.hide()
        self._damaged: DatabaseDamaged | None = None
        self._restored_from = ""
        quit_button = QPushButton(self.tr("Quit"))
        quit_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.connection_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.sign_in_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if demo_hint:
            hint = QLabel(self.tr("Demo plant. Sign in as: {0}").format(demo_hint))
            hint.setObjectName("demoHint")
            hint.setWordWrap(True)
            hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        EnterMovesFocus([self.username, self.password], self.sign_in_button, self)
        (self.password if prefill_user else self.username).setFocus()
        self.sign_in_button.setEnabled(False)

    # ------------------------------------------------------------------ connecting
    def connect_database(self) -> None:
        self.sign_in_button.setEnabled(False)
        self.retry_button.hide()
        self.restore_button.hide()
        self.error.clear_message()
        self.status.setText(self.tr("Connecting to the database..."))
        settings, password = self.settings, self._password_override
        self._runner.submit(lambda: self._opener(settings, password), self._connected, self._connect_failed, owner=self)

    def _connected(self, opened: OpenedDatabase) -> None:
        if self.opened is not None and self.opened.db is not opened.db:
            self.opened.db.dispose()
        self.opened = opened
        if self._restored_from:
            self.status.setText(self.tr("Database: {0} (restored from the backup of {1})")
                                .format(opened.label, self._restored_from))
        else:
            self.status.setText(self.tr("Database: {0}").format(opened.label))
        self.sign_in_button.setEnabled(True)
        if not opened.has_users:
            QTimer.singleShot(0, self._first_admin)

    def _connect_failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.status.setText("")
        self.error.show_message(error_text(error))
        self.retry_button.show()
        self.connection_button.setFocus()
        if isinstance(error, DatabaseDamaged) and error.latest_backup:
            self._damaged = error  # the file is refused, never opened as a new database: offer its latest backup
            self.restore_button.show()
            self.restore_button.setFocus()

    def _restore_latest_backup(self) -> None:
        damaged = self._damaged
        if damaged is None or not damaged.latest_backup:
            return
        question = self.tr("Replace the database file\n{0}\nwith its latest backup\n{1}?\n\nWhat was recorded after "
                           "that backup is not in it. The damaged file is kept in the backups folder.")
        if not confirm(self, self.tr("Restore the latest backup"), question.format(damaged.path, damaged.latest_backup)):
            return
        self.restore_button.setEnabled(False)
        self.retry_button.hide()
        self.status.setText(self.tr("Restoring the backup..."))
        path, source = Path(damaged.path), Path(damaged.latest_backup)

        def restored(result) -> None:
            self.restore_button.setEnabled(True)
            self._damaged = None
            self._restored_from = result.restored_from.taken_at.strftime("%Y-%m-%d %H:%M")
            self.connect_database()

        def failed(error: Exception) -> None:
            self.restore_button.setEnabled(True)
            self._connect_failed(error)
            self.restore_button.setVisible(self._damaged is not None)  # e.g. the file was in use: offer it again

        self._runner.submit(lambda: _backup().restore_file(path, source), restored, failed, write=True, owner=self)

    def _edit_connection(self) -> None:
        dialog = ConnectionDialog(self.settings, self._runner, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.settings = dialog.result_settings
            self._password_override = dialog.chosen_password
            self.connect_database()

    def _first_admin(self) -> None:
        dialog = FirstAdminDialog(self._runner, self.opened.db, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.username.setText(dialog.username.text())
            self.password.setFocus()
            self.status.setText(self.tr("Administrator created. Sign in with the new password."))

    # ------------------------------------------------------------------ signing in
    def _sign_in(self) -> None:
        if self.opened is None:
            return
        self.error.clear_message()
        self.sign_in_button.setEnabled(False)
        db, username, password = self.opened.db, self.username.text(), self.password.text()
        self._runner.submit(lambda: _auth().sign_in(db, username, password), self._signed_in, self._sign_in_failed,
                            write=True, owner=self)

    def _sign_in_failed(self, error: Exception) -> None:
        self.sign_in_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
        self.password.selectAll()
        self.password.setFocus()

    def _signed_in(self, signed: SignedIn) -> None:
        if signed.must_change_password:
            dialog = ChangePasswordDialog(self._runner, self.opened.db, signed.actor, self.settings, forced=True, parent=self)
            dialog.old_password.setText(self.password.text())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                _auth().sign_out(self.opened.db, signed.actor)
                self.sign_in_button.setEnabled(True)
                self.error.show_message(self.tr("You must choose a new password before you can continue."))
                return
        self.result_signed_in = signed
        self.password.clear()
        self.signed_in.emit(signed)
        self.accept()


class ChangePasswordDialog(QDialog):
    def __init__(self, runner, db, actor, settings: Settings, *, forced: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self._runner, self._db, self._actor, self._settings = runner, db, actor, settings
        self.old_password = QLineEdit()
        self.old_password.setObjectName("oldPassword")
        self.new_password = QLineEdit()
        self.new_password.setObjectName("newPassword")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeatPassword")
        for field in (self.old_password, self.new_password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old_password)
        form.addRow(self.tr("New password"), self.new_password)
        form.addRow(self.tr("Repeat new password"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(self.tr("An administrator reset your password. Choose a new one to continue."))
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("At least {0} characters.").format(settings.sign_in.min_password_length)))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        EnterMovesFocus([self.old_password, self.new_password, self.repeat], self.ok_button, self)
        (self.new_password if forced else self.old_password).setFocus()

    def _submit(self) -> None:
        if self.new_password.text() != self.repeat.text():
            self.error.show_message(self.tr("The two new passwords differ."))
            self.repeat.setFocus()
            return
        self.ok_button.setEnabled(False)
        db, actor, old, new = self._db, self._actor, self.old_password.text(), self.new_password.text()

        def failed(error):
            self.ok_button.setEnabled(True)
            if not isinstance(error, ErpError):
                raise error
            self.error.show_message(error_text(error))

        self._runner.submit(lambda: _auth().change_own_password(db, actor, old, new), lambda _: self.accept(), failed,
                            write=True, owner=self)


class FirstAdminDialog(QDialog):
    """An empty database: create the organisation and its first administrator."""

    def __init__(self, runner, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("Create the first administrator"))
        self._runner, self._db = runner, db
        self.organization = QLineEdit(self.tr("My plant"))
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Organisation"), self.organization)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("This database has no users yet. Create the administrator who will set up everyone else."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.show_message(self.tr("The two passwords differ."))
            return
        self.ok_button.setEnabled(False)
        db = self._db
        values = dict(username=self.username.text(), password=self.password.text(), full_name=self.full_name.text(),
                      organization=self.organization.text().strip() or "My plant")

        def failed(error):
            self.ok_button.setEnabled(True)
            if not isinstance(error, ErpError):
                raise error
            self.error.show_message(error_text(error))

        self._runner.submit(lambda: _auth().create_admin(db, **values), lambda _: self.accept(), failed, write=True, owner=self)
