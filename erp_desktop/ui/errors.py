"""How errors reach the user: ErpError as a plain message; anything else logged, with 'copy details'."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from erp_desktop.errors import ErpError

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def show_error(parent: QWidget | None, error: Exception, trace: str = "") -> None:
    if isinstance(error, ErpError):
        QMessageBox.warning(parent, _tr(error.title), str(error))
        return
    log.error("unexpected error: %s\n%s", error, trace)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("Unexpected error"))
    box.setText(_tr("Something went wrong that the program did not expect. Nothing was saved.\n"
                    "The details are in the log file; please pass them on to your administrator."))
    box.setDetailedText(f"{type(error).__name__}: {error}\n\n{trace}")
    copy = box.addButton(_tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
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
