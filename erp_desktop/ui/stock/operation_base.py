"""What every stock operation dialog shares: a form whose refusals show next to the field they are
about, one write call, and the document number shown after success (then Enter closes), with its paper
form to print (receipts, issues and transfers)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.errors import ErpError, ValidationError
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ConfirmDiscard, EnterMovesFocus, ErrorLabel
from erp_desktop.ui.stock.common import with_error
from erp_desktop.ui.stock.document_print import PRINTABLE_KINDS, document_button


class OperationDialog(QDialog):
    """Subclasses add rows with ``add_field`` and implement ``request()`` returning
    ``(service_fn, args, kwargs)`` built from plain values read on the GUI thread."""

    completed = Signal(object)  # the DocumentDTO

    def __init__(self, ctx, catalog, title: str, submit_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.ctx = ctx
        self.catalog = catalog
        self.document = None
        self._field_errors: dict[str, ErrorLabel] = {}
        self._inputs: list[QWidget] = []
        self.discard_guard = ConfirmDiscard(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.error = ErrorLabel()
        self.error.setObjectName("dialogError")
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton(submit_text)
        self.submit_button.setObjectName("submitButton")
        # no default button: a scanner's Enter in a code field must never submit the form
        self.submit_button.setAutoDefault(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.extra = QVBoxLayout()  # e.g. the FIFO preview
        self.body.addLayout(self.extra, 1)
        self.body.addWidget(self.error)
        self.body.addWidget(self.result_label)
        self.body.addWidget(self.buttons)
        self.print_button = None  # Print document, once a document with a paper form is saved

    # --- building
    def add_field(self, label: str, widget: QWidget, field: str | None = None, *, error: ErrorLabel | None = None):
        """A form row; with ``field`` the service's refusals about that field show under it."""
        if field is not None and error is None:
            box, error = with_error(widget)
            self.form.addRow(label, box)
        else:
            self.form.addRow(label, widget)
        if field is not None:
            self._field_errors[field] = error
        self._inputs.append(widget)
        return widget

    def alias_field(self, field: str, target: str) -> None:
        """Errors about ``field`` show where ``target``'s do (e.g. from_warehouse_id)."""
        self._field_errors[field] = self._field_errors[target]

    def enter_moves_focus(self, fields: list[QWidget]) -> EnterMovesFocus:
        return EnterMovesFocus(fields, self.submit_button, self)

    @staticmethod
    def line(object_name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setPlaceholderText(placeholder)
        return edit

    # --- errors
    def field_error(self, field: str) -> ErrorLabel:
        return self._field_errors[field]

    def clear_errors(self) -> None:
        self.error.clear_message()
        for label in self._field_errors.values():
            label.clear_message()

    def show_refusal(self, error: ErpError) -> None:
        label = self._field_errors.get(error.field or "")
        (label or self.error).show_message(error_text(error))

    # --- submitting
    def request(self):
        raise NotImplementedError

    def submit(self) -> None:
        if self.document is not None:
            self.accept()
            return
        self.clear_errors()
        try:
            fn, args, kwargs = self.request()
        except ValidationError as error:
            self.show_refusal(error)
            return
        self.submit_button.setEnabled(False)
        self.ctx.call(fn, *args, **kwargs, on_success=self._succeeded, on_error=self._failed, write=True, owner=self)

    def _succeeded(self, document) -> None:
        self.document = document
        self.discard_guard.mark_clean()  # posted: Escape just closes
        for widget in self._inputs:
            widget.setEnabled(False)
        self.result_label.setText(self.success_text(document))
        self.result_label.show()
        self.cancel_button.hide()
        self.submit_button.setText(self.tr("Close"))
        self.submit_button.setEnabled(True)
        self.submit_button.setAutoDefault(True)  # Enter closes
        self.submit_button.setFocus()
        if document.kind in PRINTABLE_KINDS and self.print_button is None:
            self.print_button = document_button(self.ctx, self, lambda: (self.document.id, self.document.number))
            self.body.insertWidget(self.body.indexOf(self.buttons), self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
            self.print_button.show()
        self.completed.emit(document)

    def success_text(self, document) -> str:
        return self.tr("Saved as document {0}.").format(document.number)

    def _failed(self, error: Exception) -> None:
        self.submit_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self.show_refusal(error)
        self.refused(error)

    def refused(self, error: ErpError) -> None:
        """A hook: e.g. the issue dialog refreshes its preview after a refusal."""
