"""What the purchasing screens share: status labels, number text, a read-only table helper."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTableView

from erp_desktop.domain.purchasing import PoStatus
from erp_desktop.printing.values import label_text
from erp_desktop.ui.tables import setup_table

translate = QCoreApplication.translate

STATUS_COLORS = {
    PoStatus.DRAFT: "#6b7280",
    PoStatus.SENT: "#1d4ed8",
    PoStatus.PARTLY_RECEIVED: "#a05a00",
    PoStatus.RECEIVED: "#1b7f3b",
    PoStatus.CLOSED: "#374151",
    PoStatus.CANCELLED: "#b00020",
}


def po_status_text(status: PoStatus | str) -> str:
    return label_text(PoStatus(status).label)


def table_view(object_name: str, model, *, multi: bool = False) -> QTableView:
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    setup_table(view, single=not multi)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def selected_rows(view: QTableView) -> list:
    model = view.model()
    return [model.row_at(index.row()) for index in sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())]
