"""The Tasks area: a Kanban board with live updates, task dialogs and the open-tasks report."""

from __future__ import annotations

from erp_desktop.ui.tasks.view import TasksView


def create_view(ctx, parent=None):
    return TasksView(ctx, parent)
