"""Dates typed as digits in any date field: 03122026 or 031226 (day, month, year), or 20261203.

One filter on the application serves every QDateEdit. Digits typed from the field's first section collect in
the field as typed; eight digits set the date at once, six (a two-digit year: 20xx) when the field is left
with Enter or Tab. Anything that is not a date leaves the field's date as it was. Other keys (arrows, the
separator, the calendar) work as Qt's own date edit does.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QDateEdit, QLineEdit


def parse_digits(digits: str) -> date | None:
    """ddMMyyyy, ddMMyy (20yy) or yyyyMMdd; None when the digits are no date."""
    candidates = []
    if len(digits) == 8:
        candidates = [(digits[4:], digits[2:4], digits[:2]), (digits[:4], digits[4:6], digits[6:])]
    elif len(digits) == 6:
        candidates = [("20" + digits[4:], digits[2:4], digits[:2])]
    for year, month, day in candidates:
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


class DigitDates(QObject):
    """Install on the QApplication (app.create_application does)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._typed: dict[int, str] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.FocusOut) or not isinstance(watched, QDateEdit):
            return False
        if watched.isReadOnly():
            return False
        typed = self._typed.get(id(watched), "")
        if kind == QEvent.Type.FocusOut:
            if typed:
                self._finish(watched, typed)
            return False
        text, modifiers = event.text(), event.modifiers()
        plain = not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if plain and len(text) == 1 and text.isdigit() and (typed or watched.currentSectionIndex() == 0):
            typed += text
            if len(typed) == 8:
                self._finish(watched, typed)
            else:
                self._typed[id(watched)] = typed
                self._show(watched, typed)
            return True
        if not typed:
            return False
        if event.key() == Qt.Key.Key_Backspace:
            typed = typed[:-1]
            self._typed[id(watched)] = typed
            self._show(watched, typed) if typed else self._finish(watched, "")
            return True
        self._finish(watched, typed)  # Enter, Tab or any other key: the digits so far count, then the key works
        return False

    def _show(self, edit: QDateEdit, typed: str) -> None:
        line = edit.findChild(QLineEdit)
        if line is not None:
            line.setText(typed)

    def _finish(self, edit: QDateEdit, typed: str) -> None:
        self._typed.pop(id(edit), None)
        parsed = parse_digits(typed)
        if parsed is not None and edit.minimumDate() <= QDate(parsed) <= edit.maximumDate():
            if edit.date() == QDate(parsed):
                self._show(edit, edit.date().toString(edit.displayFormat()))
            edit.setDate(QDate(parsed))
        else:
            self._show(edit, edit.date().toString(edit.displayFormat()))
