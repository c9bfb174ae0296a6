"""What the purchasing screens share: status labels, number text, a read-only table helper."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from erp_desktop.domain.purchasing import PoStatus
from erp_desktop.printing.values import label_text

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
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def selected_rows(view: QTableView) -> list:
    model = view.model()
    return [model.row_at(index.row()) for index in sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())]
