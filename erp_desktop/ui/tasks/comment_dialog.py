"""The comment a move needs (a send-back: what to fix). OK on an empty comment says what is missing and stays."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from erp_desktop.ui.forms import ErrorLabel


class MoveCommentDialog(QDialog):
    def __init__(self, title: str, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("moveCommentDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("comment")
        self.edit.setTabChangesFocus(True)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def comment(self) -> str:
        return self.edit.toPlainText().strip()

    def submit(self) -> None:
        if not self.comment():
            self.error.show_message(self.tr("Write the reason: what needs to be done before the task can be "
                                            "approved. The assignee reads it in the task's comments."))
            self.edit.setFocus()
            return
        self.accept()
