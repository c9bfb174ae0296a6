"""The administrator's small questions: a temporary password typed twice, a reason to end a session."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from erp_desktop.ui.forms import ErrorLabel


class _Prompt(QDialog):
    def __init__(self, title: str, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.form = QFormLayout()
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _submit(self) -> None:
        message = self.problem()
        self.error.show_message(message)
        if not message:
            self.accept()

    def problem(self) -> str:
        raise NotImplementedError


class NewPasswordDialog(_Prompt):
    """A temporary password typed twice; OK only when both match."""

    def __init__(self, username: str, parent: QWidget | None = None):
        super().__init__(self.tr("Reset password"),
                         self.tr("Temporary password for {0} (they must change it at the next sign-in):").format(username),
                         parent)
        self.setObjectName("newPasswordDialog")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeatPassword")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("New password"), self.password)
        self.form.addRow(self.tr("Repeat it"), self.repeat)

    def problem(self) -> str:
        if not self.password.text():
            return self.tr("Type the temporary password.")
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ. Type the same password twice.")
        return ""


class EndSessionDialog(_Prompt):
    """Confirmation with a reason, kept with the session and in the audit log."""

    def __init__(self, username: str, host: str, parent: QWidget | None = None):
        super().__init__(self.tr("End session"),
                         self.tr("End the session of {0} on {1}? That desktop is signed out at its next action; "
                                 "what is being typed there stays until they sign in again.").format(username, host or "?"),
                         parent)
        self.setObjectName("endSessionDialog")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(100)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.ok_button.setText(self.tr("End session"))

    def problem(self) -> str:
        return "" if self.reason.text().strip() else self.tr("Say why the session is ended (the user sees it).")
