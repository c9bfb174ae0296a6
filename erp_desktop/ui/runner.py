"""Service calls off the GUI thread.

A widget submits a callable; the result or the error comes back on the GUI thread
through a queued signal. Reads run on a small pool; writes run one at a time, in the
order they were submitted. Tests use InlineRunner, which runs everything at once.

The runner also keeps the outage state: a DatabaseUnavailable from any call means the database is out of
reach (``database_reachable(False)``, once), any call that completes means it answers again
(``database_reachable(True)``). A read that fails for that reason and that nobody handled is a refresh:
it goes to ``refresh_failed``, not to the ``failed`` channel that shows a dialog, so a view refreshing
against a dead server never pops a box (the status bar shows the state; the next refresh tries again).
A write's failure always goes to ``failed``: a save must say what became of it.

A SessionEnded from any call goes to ``session_ended`` (the main window asks to sign in again in place, over
whatever is open), and to the call's own ``on_error`` if it has one (so a form re-enables its buttons), never to
``failed``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from erp_desktop.errors import DatabaseUnavailable, SessionEnded

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[Exception], None]


class _Relay(QObject):
    finished = Signal(object, object, str)  # result, error, formatted traceback


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # noqa: BLE001 - delivered to the GUI thread
            self._relay.finished.emit(None, error, traceback.format_exc())
        else:
            self._relay.finished.emit(result, None, "")


class Runner(QObject):
    """``failed`` is the default error channel for calls without their own ``on_error``."""

    failed = Signal(object, str)  # error, traceback text
    refresh_failed = Signal(object)  # a read that found the database out of reach; no dialog for it
    database_reachable = Signal(bool)  # False when an outage begins, True when the database answers again
    busy_changed = Signal(bool)
    session_ended = Signal(object)  # the SessionEnded error: this desktop's session is gone

    def __init__(self, parent: QObject | None = None, read_threads: int = 4):
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(read_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()
        self.reachable = True

    def submit(
        self,
        fn: Callable[[], Any],
        on_success: Callback | None = None,
        on_error: ErrorCallback | None = None,
        *,
        write: bool = False,
        owner: QObject | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def deliver(result, error, trace):
            self._relays.discard(relay)
            relay.deleteLater()
            if not self._relays:
                self.busy_changed.emit(False)
            if owner is not None and not isValid(owner):
                return  # the widget that asked is gone
            self._dispatch(result, error, trace, on_success, on_error, write)

        relay.finished.connect(deliver)
        (self._writes if write else self._reads).start(_Job(fn, relay))

    def _dispatch(self, result, error, trace, on_success, on_error, write: bool = False) -> None:
        self._note_reachable(not isinstance(error, DatabaseUnavailable))
        if error is None:
            if on_success is not None:
                on_success(result)
            return
        if isinstance(error, SessionEnded):
            self.session_ended.emit(error)
            if on_error is not None:
                try:
                    on_error(error)
                except Exception:  # noqa: BLE001 - the session_ended handler tells the user
                    log.debug("a handler re-raised SessionEnded", exc_info=True)
            return
        if on_error is not None:
            try:
                on_error(error)
                return
            except Exception as unhandled:  # noqa: BLE001 - the handler re-raised: default channel
                error = unhandled
        if isinstance(error, DatabaseUnavailable) and not write:
            self.refresh_failed.emit(error)
            return
        self.failed.emit(error, trace)

    def _note_reachable(self, reachable: bool) -> None:
        if reachable != self.reachable:
            self.reachable = reachable
            self.database_reachable.emit(reachable)

    def wait(self, msecs: int = 30000) -> bool:
        """For tests and shutdown: wait for running jobs (deliveries still need the event loop)."""
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)

    @property
    def pending(self) -> int:
        return len(self._relays)


class InlineRunner(Runner):
    """Runs each call at once on the calling thread (tests, the smoke command)."""

    def submit(self, fn, on_success=None, on_error=None, *, write=False, owner=None) -> None:
        try:
            result = fn()
        except Exception as error:  # noqa: BLE001
            self._dispatch(None, error, traceback.format_exc(), on_success, on_error, write)
        else:
            self._dispatch(result, None, "", on_success, on_error, write)
