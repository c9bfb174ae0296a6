"""After an idle period the window locks and asks for the password; what was on screen stays."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
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
    """Modal over the main window. ``session_ended`` when the session is gone: sign in again."""

    session_ended = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("Locked"))
        self.setModal(True)
        self._ctx = ctx
        text = QLabel(self.tr("<b>This desktop is locked.</b><br>{0} ({1}) was away for a while. "
                              "Enter the password to continue; nothing on screen was lost.")
                      .format(ctx.actor.display_name, ctx.actor.username))
        text.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button = QPushButton(self.tr("Sign out"))
        self.switch_button.clicked.connect(lambda: self.session_ended.emit(""))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.switch_button)
        self.password.returnPressed.connect(self._unlock)

    def reject(self) -> None:  # Escape does not unlock
        pass

    def _unlock(self) -> None:
        self.unlock_button.setEnabled(False)
        password = self.password.text()
        self._ctx.call(auth.unlock, password, on_success=lambda _: self.accept(), on_error=self._failed, write=True,
                       owner=self)

    def _failed(self, error: Exception) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        if isinstance(error, SessionEnded):
            self.session_ended.emit(error_text(error))
            return
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
