"""The navigation: one entry per area, each module exposing create_view(ctx, parent)."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.roles import Op
from erp_desktop.ui import admin, journal, parts, stock, tasks


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    module: ModuleType
    shortcut: str
    requires: Op | None = None


def areas() -> list[Area]:
    tr = QCoreApplication.translate
    return [
        Area("parts", tr("areas", "Parts"), parts, "Ctrl+1"),
        Area("journal", tr("areas", "Shift journal"), journal, "Ctrl+2"),
        Area("tasks", tr("areas", "Tasks"), tasks, "Ctrl+3"),
        Area("stock", tr("areas", "Stock"), stock, "Ctrl+4"),
        Area("admin", tr("areas", "Admin"), admin, "Ctrl+5", requires=Op.MANAGE_USERS),
    ]
