"""What the Return and Post output dialogs share: Enter submits from any field (Cancel keeps its own Enter), the
first field focused and selected on show, a refusal kept in the dialog, ``result_document`` once done."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.errors import ErpError
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ErrorLabel


class MaterialActionDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.result_document = None
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.first_field: QWidget | None = None

    def reason_field(self, object_name: str) -> QLineEdit:
        reason = QLineEdit()
        reason.setObjectName(object_name)
        hint = self.tr("Optional: why, or a note for the journal")
        reason.setPlaceholderText(hint)
        reason.setMinimumWidth(reason.fontMetrics().horizontalAdvance(hint) + 24)  # the hint whole, frame and margins
        return reason

    def finish_layout(self, form: QFormLayout, accept_text: str, accept_name: str, *,
                      above: QWidget | None = None) -> QPushButton:
        """Lay out [above], the form, the error line and the buttons; the accept button is returned."""
        accept = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        accept.setObjectName(accept_name)
        layout = QVBoxLayout(self)
        if above is not None:
            layout.addWidget(above)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        return accept

    def submit(self) -> None:
        raise NotImplementedError

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.first_field is not None:
            self.first_field.setFocus()
            self.first_field.selectAll()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Enter submits from any field, whatever default button the button box picked on show."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is not self.cancel_button:
            self.submit()
            return
        super().keyPressEvent(event)

    def _succeeded(self, document) -> None:
        self.result_document = document
        self.accept()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
