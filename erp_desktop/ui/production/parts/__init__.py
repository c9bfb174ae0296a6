"""The Parts area: parts with route progress, part detail, the stage catalogue, production reports."""

from __future__ import annotations

from erp_desktop.ui.production.parts.parts_view import PartsView


def create_view(ctx, parent=None):
    return PartsView(ctx, parent)
