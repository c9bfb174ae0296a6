"""Small form helpers: a message line under a form, Enter moves to the next field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)


class ErrorLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


def with_error(field: QWidget, error: ErrorLabel) -> QWidget:
    """A form field with its message line right under it."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(field)
    column.addWidget(error)
    # a form label's Alt+letter (its buddy is the box) lands in the field: QLabel focuses a buddy that takes focus,
    # and the focus proxy hands it on (Tab skips a widget with a proxy)
    box.setFocusProxy(field)
    box.setFocusPolicy(field.focusPolicy())
    return box


class EnterMovesFocus(QObject):
    """Install on a form's fields: Enter goes to the next field; on the last one it presses ``submit``."""

    def __init__(self, fields: list[QWidget], submit: QAbstractButton | None = None, parent: QObject | None = None):
        super().__init__(parent or fields[0])
        self._fields = fields
        self._submit = submit
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(watched, QPlainTextEdit | QTextEdit) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                return False
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False
            position = self._fields.index(watched)
            following = [f for f in self._fields[position + 1:] if f.isEnabled() and f.isVisible()]
            if following:
                following[0].setFocus(Qt.FocusReason.TabFocusReason)
            elif self._submit is not None and self._submit.isEnabled():
                self._submit.click()
            return True
        return False
