"""Administration: users, sessions, audit log."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from erp_desktop.ui.admin.audit_view import AuditView
from erp_desktop.ui.admin.sessions_view import SessionsView
from erp_desktop.ui.admin.users_view import UsersView


def create_view(ctx, parent=None):
    tabs = QTabWidget(parent)
    tabs.setObjectName("adminView")
    tabs.addTab(UsersView(ctx), tabs.tr("Users"))
    tabs.addTab(SessionsView(ctx), tabs.tr("Sessions"))
    tabs.addTab(AuditView(ctx), tabs.tr("Audit log"))
    return tabs
