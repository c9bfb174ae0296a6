"""A scanned label anywhere in the main window opens the thing it names; Ctrl+Shift+F finds a code by hand.

How a scan is told from typing: a keyboard-wedge scanner types the whole code in a few milliseconds and
presses Enter. The detector watches the keys that reach the focused widget; a burst that starts with a
label prefix key (L P T W D, or the same keys on the Russian layout), has every key within
``MAX_KEY_GAP_MS`` of the one before and ends with Enter, and reads as a label code, is a scan.
In a text field the field takes the scan itself (every code field resolves it on Enter); elsewhere (a
table, the board, a button) the Enter is consumed and ``scanned`` is emitted with the code."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.codes import looks_like_label_code_start, parse_label_code
from erp_desktop.errors import ErpError
from erp_desktop.services.labels.scan import resolve_code
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ErrorLabel

MAX_KEY_GAP_MS = 60  # scanners type a key every 1-20 ms; a fast typist needs 80 ms or more


def takes_text(widget: QWidget | None) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


class ScanDetector(QObject):
    """Installed on the application; watches key presses while ``window`` is the active window."""

    scanned = Signal(str)

    def __init__(self, window: QWidget, clock=time.monotonic):
        super().__init__(window)
        self._window = window
        self._clock = clock
        self._keys: list[str] = []
        self._last = 0.0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or QApplication.activeWindow() is not self._window:
            return False
        focus = QApplication.focusWidget()
        if watched is not (focus or self._window):
            return False  # the same key event propagating to parents
        now = self._clock()
        fast = bool(self._keys) and (now - self._last) * 1000 <= MAX_KEY_GAP_MS
        self._last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code, self._keys = "".join(self._keys), []
            if fast and parse_label_code(code) is not None and not takes_text(focus):
                self.scanned.emit(code)
                return True
            return False
        text = event.text()
        if len(text) == 1 and text.isprintable():
            if fast:
                self._keys.append(text)
            else:
                self._keys = [text] if looks_like_label_code_start(text) else []
        return False


class FindCodeDialog(QDialog):
    """Type or scan a code: a label, SKU, lot number, part code, warehouse code or document number."""

    found = Signal(object)  # a ScannedThing

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findCodeDialog")
        self.setWindowTitle(self.tr("Find by code"))
        self.setMinimumWidth(420)
        self._ctx = ctx
        self.code = QLineEdit()
        self.code.setObjectName("findCode")
        self.code.setPlaceholderText(self.tr("Scan a label, or type a SKU, lot, part, warehouse or document number"))
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Code")))
        layout.addWidget(self.code)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.code.returnPressed.connect(self.find)

    def find(self) -> None:
        self.error.clear_message()
        self._ctx.call(resolve_code, self.code.text(), owner=self, on_success=self._found, on_error=self._failed)

    def _found(self, thing) -> None:
        self.found.emit(thing)
        self.accept()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
