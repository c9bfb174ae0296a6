"""After an idle period the window locks and asks for the password; what was on screen stays."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from erp_desktop.errors import ErpError, SessionEnded
from erp_desktop.services.access import auth
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ErrorLabel

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Install on the QApplication; emits ``idle`` after ``msecs`` without keyboard or mouse input."""

    idle = Signal()

    def __init__(self, msecs: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(msecs)
        self._timer.timeout.connect(self.idle)
        self.paused = False

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY and not self.paused:
            self._timer.start()
        return False


class LockDialog(QDialog):
    """Modal over the whole application (open forms and dialogs included), which stays as it was underneath.

    Locked: the same user's password unlocks the same session. When the session is gone (an administrator ended
    it, or it was found ended meanwhile), the dialog asks to sign in again in place: ``signed_in_again`` hands
    the new session to the window, and every open form is still there. ``session_ended`` when the user
    chooses to sign out instead."""

    session_ended = Signal(str)
    signed_in_again = Signal(object)  # SignedIn

    def __init__(self, ctx, parent: QWidget | None = None, *, ended_reason: str | None = None):
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(380)
        self._ctx = ctx
        self.ended = False
        self.text = QLabel()
        self.text.setObjectName("lockText")
        self.text.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button = QPushButton(self.tr("Sign out"))
        self.switch_button.setObjectName("lockSignOutButton")
        self.switch_button.clicked.connect(lambda: self.session_ended.emit(""))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.switch_button)
        self.password.returnPressed.connect(self._unlock)
        if ended_reason is None:
            self.setWindowTitle(self.tr("Locked"))
            self.unlock_button.setText(self.tr("Unlock"))
            self.text.setText(self.tr("<b>This desktop is locked.</b><br>{0} ({1}) was away for a while. "
                                      "Enter the password to continue; nothing on screen was lost.")
                              .format(ctx.actor.display_name, ctx.actor.username))
        else:
            self.session_gone(ended_reason)
        self.password.setFocus()

    def session_gone(self, reason: str = "") -> None:
        """The session ended: from now on the password signs in again (a new session, same user)."""
        if self.ended:
            return
        self.ended = True
        self.setWindowTitle(self.tr("Sign in again"))
        self.unlock_button.setText(self.tr("Sign in"))
        self.unlock_button.setEnabled(True)
        actor = self._ctx.actor
        self.text.setText(self.tr("<b>Your session has ended.</b><br>{0}<br>Sign in again as {1} ({2}) to "
                                  "continue: the open forms and everything on screen stay as they are.")
                          .format(reason, actor.display_name, actor.username))
        self.error.clear_message()
        self.password.setFocus()

    def reject(self) -> None:  # Escape does not unlock
        pass

    def _unlock(self) -> None:
        self.unlock_button.setEnabled(False)
        self.error.clear_message()
        password = self.password.text()
        if self.ended:
            db, username = self._ctx.db, self._ctx.actor.username
            self._ctx.runner.submit(lambda: auth.sign_in(db, username, password), self._signed_in, self._failed,
                                    write=True, owner=self)
            return
        self._ctx.call(auth.unlock, password, on_success=lambda _: self.accept(), on_error=self._failed, write=True,
                       owner=self)

    def _signed_in(self, signed) -> None:
        if signed.must_change_password:
            from erp_desktop.ui.access.login import ChangePasswordDialog

            dialog = ChangePasswordDialog(self._ctx.runner, self._ctx.db, signed.actor, self._ctx.settings,
                                          forced=True, parent=self)
            dialog.old_password.setText(self.password.text())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                auth.sign_out(self._ctx.db, signed.actor)
                self.unlock_button.setEnabled(True)
                self.error.show_message(self.tr("You must choose a new password before you can continue."))
                return
        self.password.clear()
        self.signed_in_again.emit(signed)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        if isinstance(error, SessionEnded):
            self.session_gone(error_text(error))
            return
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
