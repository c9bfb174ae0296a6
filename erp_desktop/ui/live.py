"""Bridges the services' change feed (a background thread) to the ChangeHub's Qt signals."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from erp_desktop.ui.context import ChangeHub

log = logging.getLogger(__name__)


class _ThreadBridge(QObject):
    # emitted from the listener thread; Qt queues them to the GUI thread
    change = Signal(str, list)
    state = Signal(bool)


class LiveUpdates(QObject):
    def __init__(self, db, org_id: int, hub: ChangeHub, parent: QObject | None = None):
        super().__init__(parent)
        self._hub = hub
        self._bridge = _ThreadBridge()
        self._bridge.change.connect(hub.emit_change)
        self._bridge.state.connect(hub.live_state_changed)
        self._feed = None
        self._db = db
        self._org_id = org_id

    def start(self) -> None:
        from erp_desktop.services.live import ChangeFeed

        self._feed = ChangeFeed(self._db, self._org_id)
        self._feed.start(lambda topic, ids: self._bridge.change.emit(topic, list(ids)), self._bridge.state.emit)

    def stop(self) -> None:
        if self._feed is not None:
            self._feed.stop()
            self._feed = None
