"""What every view gets: the database handle (opaque to ui), the actor, the runner, live changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from erp_desktop.config import Settings
from erp_desktop.services.actor import Actor


class ChangeHub(QObject):
    """Change notifications as Qt signals. topic '*' means: refresh everything."""

    changed = Signal(str, list)
    live_state_changed = Signal(bool)
    resumed = Signal()  # refetching may go on (see paused)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.paused = False  # nobody can see the views (window minimized, session locked): no refetch

    def emit_change(self, topic: str, ids: list) -> None:
        self.changed.emit(topic, list(ids))

    def set_paused(self, paused: bool) -> None:
        """While paused, views keep what arrives (stale) and refetch nothing; on resume they catch up once."""
        if paused != self.paused:
            self.paused = paused
            if not paused:
                self.resumed.emit()


@dataclass
class UiContext:
    db: Any  # a services-level database handle; ui never looks inside
    actor: Actor
    runner: Any
    settings: Settings
    organization: str
    changes: ChangeHub
    database_label: str = ""

    def call(self, fn, *args, on_success=None, on_error=None, write=False, owner=None, **kwargs) -> None:
        """Run a service function ``fn(db, actor, *args, **kwargs)`` off the GUI thread."""
        db, actor = self.db, self.actor
        self.runner.submit(lambda: fn(db, actor, *args, **kwargs), on_success, on_error, write=write, owner=owner)
