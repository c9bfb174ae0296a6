"""Administration: users, sessions, audit log, the plant's security settings."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabWidget

from erp_desktop.ui.admin.audit_view import AuditView
from erp_desktop.ui.admin.security_view import SecuritySettingsView
from erp_desktop.ui.admin.sessions_view import SessionsView
from erp_desktop.ui.admin.users_view import UsersView


class AdminView(QTabWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("adminView")
        self.users = UsersView(ctx)
        self.sessions = SessionsView(ctx)
        self.audit = AuditView(ctx)
        self.security = SecuritySettingsView(ctx)
        self.addTab(self.users, self.tr("Users"))
        self.addTab(self.sessions, self.tr("Sessions"))
        self.addTab(self.audit, self.tr("Audit log"))
        self.addTab(self.security, self.tr("Security"))

    def smoke(self) -> None:
        """Headless check: every tab shows rows."""
        for index in range(self.count()):
            self.setCurrentIndex(index)
            QApplication.processEvents()
        if self.users.model.rowCount() == 0:
            raise AssertionError("no users listed")
        if self.sessions.model.rowCount() == 0:
            raise AssertionError("no signed-in session listed")
        if self.audit.model.rowCount() == 0:
            raise AssertionError("the audit log shows nothing")
        if self.security.fields["max_failed_attempts"].value() < 1:
            raise AssertionError("the security settings did not load")
        self.audit.model.fetchMore()
        self.setCurrentIndex(0)


def create_view(ctx, parent=None):
    return AdminView(ctx, parent)
