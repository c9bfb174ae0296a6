"""The Tasks area."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.ui.placeholder import PlaceholderView


def create_view(ctx, parent=None):
    return PlaceholderView(QCoreApplication.translate("areas", "Tasks"),
                           QCoreApplication.translate("areas", "This area is being built."), parent)
