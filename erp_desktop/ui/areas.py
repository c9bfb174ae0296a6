"""The navigation: one entry per area, each module exposing create_view(ctx, parent)."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.roles import Op
from erp_desktop.ui import admin, materials, purchasing, stock, tasks
from erp_desktop.ui.production import journal, parts

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    module: ModuleType
    shortcut: str
    requires: Op | None = None


def areas() -> list[Area]:
    return [
        Area("parts", translate("areas", "Parts"), parts, "Ctrl+1"),
        Area("journal", translate("areas", "Shift journal"), journal, "Ctrl+2"),
        Area("tasks", translate("areas", "Tasks"), tasks, "Ctrl+3"),
        Area("stock", translate("areas", "Stock"), stock, "Ctrl+4"),
        Area("purchasing", translate("areas", "Purchasing"), purchasing, "Ctrl+6"),
        Area("materials", translate("areas", "Materials"), materials, "Ctrl+7"),
        Area("admin", translate("areas", "Admin"), admin, "Ctrl+5", requires=Op.MANAGE_USERS),
    ]
