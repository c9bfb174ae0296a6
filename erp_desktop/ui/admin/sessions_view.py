"""Signed-in desktops; an administrator can end any of them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from erp_desktop.services.admin import users as users_service
from erp_desktop.ui.admin.prompts import EndSessionDialog
from erp_desktop.ui.formatting import fmt_full_datetime
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import setup_table


class SessionsView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sessionsView")
        self._ctx = ctx
        self.model = RowsTableModel([
            Column(self.tr("User"), lambda s: s.username),
            Column(self.tr("Computer"), lambda s: s.host),
            Column(self.tr("Signed in"), lambda s: s.started_at, text=fmt_full_datetime),
            Column(self.tr("Ended"), lambda s: s.ended_at, text=fmt_full_datetime),
            Column(self.tr("Why"), lambda s: s.end_reason),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table)
        self.active_only = QCheckBox(self.tr("Only signed-in desktops"))
        self.active_only.setChecked(True)
        self.active_only.toggled.connect(self.refresh)
        self.end_button = QPushButton(self.tr("End session"))
        self.end_button.setObjectName("endSessionButton")
        self.end_button.clicked.connect(self.end_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.active_only)
        bar.addStretch(1)
        bar.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        follow_changes(self, ctx.changes, lambda topic, _ids: topic in ("sessions", "*") and self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self._ctx.call(users_service.list_sessions, active_only=self.active_only.isChecked(),
                       on_success=self.model.set_rows, owner=self)

    def end_selected(self) -> None:
        for index in self.table.selectionModel().selectedRows():
            session = self.model.row_at(index.row())
            if session is None or session.ended_at is not None:
                continue
            dialog = EndSessionDialog(session.username, session.host, self)
            if dialog.exec():
                self._ctx.call(users_service.end_session, session.id, dialog.reason.text(),
                               on_success=lambda _: self.refresh(), write=True, owner=self)
