"""Small form helpers: a message line under a form, Enter moves to the next field, Escape on a changed dialog
asks before discarding."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
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
        window = self.window()
        if text and isinstance(window, QDialog) and window.isVisible():
            grow_to_fit(window)  # the sign-in, lock and every other dialog grow to show the whole message

    def clear_message(self) -> None:
        self.show_message("")


def grow_to_fit(window: QWidget) -> None:
    """Make a window at least as large as its contents need now (word-wrapped text included); never shrink it."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    hint = window.sizeHint()
    width = max(window.width(), hint.width())
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else hint.height()
    height = max(window.height(), height, layout.totalMinimumSize().height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)


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


_USER_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.Drop}


def _field_state(widget: QWidget):
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QAbstractSpinBox):  # spin boxes, date edits
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QListWidget):
        return tuple(widget.item(row).text() for row in range(widget.count()))
    return None


class ConfirmDiscard(QObject):
    """One helper for every form dialog: Escape (or the window's close button) on a dialog whose fields the user
    changed asks before discarding; unchanged, it closes at once. What the dialog loads by itself before the
    user's first key or click is not a change. ``mark_clean()`` after a save that leaves the dialog open."""

    def __init__(self, dialog: QDialog):
        super().__init__(dialog)
        self._dialog = dialog
        self._snapshot = None
        self._watched: set[int] = set()
        dialog.installEventFilter(self)

    def state(self) -> tuple:
        fields = [w for w in self._dialog.findChildren(QWidget) if w.isEnabled()]
        return tuple((w.objectName(), type(w).__name__, _field_state(w)) for w in fields
                     if _field_state(w) is not None)

    def changed(self) -> bool:
        return self._snapshot is not None and self.state() != self._snapshot

    def mark_clean(self) -> None:
        self._snapshot = None

    def _watch_children(self) -> None:
        for widget in self._dialog.findChildren(QWidget):
            if id(widget) not in self._watched:
                self._watched.add(id(widget))
                widget.installEventFilter(self)

    def confirm(self) -> bool:
        """True when the dialog may be discarded (nothing changed, or the user says so)."""
        if not self.changed():
            return True
        answer = QMessageBox.question(
            self._dialog, self.tr("Discard changes?"),
            self.tr("You changed this form. Close it and lose what you entered?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer in (QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Yes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Show and watched is self._dialog:
            self._watch_children()
        elif kind in _USER_INPUT and self._snapshot is None:
            self._snapshot = self.state()  # before this first key or click changes anything
        if watched is not self._dialog:
            return False
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape and not event.modifiers():
            if self.confirm():
                self._dialog.reject()
            return True
        if kind == QEvent.Type.Close and event.spontaneous() and not self.confirm():
            event.ignore()
            return True
        return False
