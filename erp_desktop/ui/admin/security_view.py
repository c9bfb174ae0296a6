"""The plant's sign-in and password policy, kept in the database and enforced by the server (administrators)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from erp_desktop.errors import ErpError
from erp_desktop.services.admin import security_settings as settings_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ErrorLabel


class SecuritySettingsView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("securitySettingsView")
        self._ctx = ctx
        self._version: int | None = None
        labels = {
            "max_failed_attempts": self.tr("Failed sign-ins before the account locks"),
            "lockout_minutes": self.tr("Lockout (minutes)"),
            "idle_lock_minutes": self.tr("Lock an idle window after (minutes)"),
            "min_password_length": self.tr("Minimum password length"),
        }
        self.fields: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for name, _label, low, high in settings_service.SETTING_RANGES:  # the ranges the database allows
            box = QSpinBox()
            box.setObjectName(name)
            box.setRange(low, high)
            self.fields[name] = box
            form.addRow(labels[name], box)
        note = QLabel(self.tr("These settings apply to every desktop of the plant. On a shared server the server itself "
                         "enforces them; the idle lock takes effect at each desktop's next sign-in."))
        note.setWordWrap(True)
        self.error = ErrorLabel()
        self.status = QLabel()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveSecuritySettings")
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self._ctx.call(settings_service.get_security_settings, on_success=self._show, owner=self)

    def _show(self, settings) -> None:
        self._version = settings.version
        for name, box in self.fields.items():
            box.setValue(getattr(settings, name))
        self.save_button.setEnabled(True)

    def save(self) -> None:
        if self._version is None:
            return
        self.error.clear_message()
        self.save_button.setEnabled(False)
        values = {name: box.value() for name, box in self.fields.items()}

        def saved(settings) -> None:
            self._show(settings)
            self.status.setText(self.tr("Saved."))

        def failed(error: Exception) -> None:
            self.save_button.setEnabled(True)
            if not isinstance(error, ErpError):
                raise error
            self.error.show_message(error_text(error))
            self.refresh()

        self._ctx.call(settings_service.update_security_settings, version=self._version, **values,
                       on_success=saved, on_error=failed, write=True, owner=self)
