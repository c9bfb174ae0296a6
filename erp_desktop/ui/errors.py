"""How errors reach the user: ErpError as a plain message; anything else logged, with 'copy details'."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from erp_desktop.errors import ErpError, Text

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


def user_text(text: Text | str) -> str:
    """A service's text in the user's language: the template translated (context "errors"), then its values
    filled in: nested texts the same way, enum members by their translated label, numbers and dates in the
    user's format, marked words (a shortage's verb) translated, names as they are."""
    if not isinstance(text, Text):
        return translate("errors", text) if text else ""
    return translate("errors", text.template).format(**{key: _value(value) for key, value in text.values.items()})


def _value(value) -> str:
    from erp_desktop.printing.values import (  # here: the sign-in window loads no printing
        format_value,
        label_text,
    )

    if isinstance(value, Text):
        return user_text(value)
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label_text(label)
    if isinstance(value, str):
        return translate("errors", value)
    if isinstance(value, Decimal | int | date):
        return format_value(value)
    return str(value)


def error_text(error: Exception) -> str:
    """What the user reads for an error: an ErpError translated, anything else as it is."""
    return user_text(error.text) if isinstance(error, ErpError) else str(error)


def show_error(parent: QWidget | None, error: Exception, trace: str = "") -> None:
    if isinstance(error, ErpError):
        QMessageBox.warning(parent, translate("errors", error.title), error_text(error))
        return
    log.error("unexpected error: %s\n%s", error, trace)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("errors", "Unexpected error"))
    box.setText(translate("errors", "Something went wrong that the program did not expect. Nothing was saved.\n"
                    "The details are in the log file; please pass them on to your administrator."))
    box.setDetailedText(f"{type(error).__name__}: {error}\n\n{trace}")
    copy = box.addButton(translate("errors", "Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(box.detailedText())


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
