"""The change feed of one desktop: what other desktops (and this one) changed, for one organisation.

``on_change(topic, ids)``: records of ``topic`` with these ids changed; an empty ``ids`` means "all of
that topic", topic "*" means "refresh everything" (sent after a lost connection came back).
``on_state(connected)``: whether live updates are flowing. Both may be called from another thread.

PostgreSQL: a PostgresListener thread with its own connection (LISTEN). SQLite: the unit of work calls
``db.local_listeners`` after each commit, in the committing thread; another window or process on the same file
shows as a change of ``PRAGMA data_version`` (db/data_version.py, polled every second on a thread of its own),
which asks for a full refresh ("*"). Without that poller (the file cannot be opened twice) live updates are
reported off: the window does not claim to be live.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from sqlalchemy.engine import make_url

from erp_desktop.db.data_version import DataVersionPoller
from erp_desktop.db.engine import Database, split_url
from erp_desktop.db.notify import REFRESH_ALL, PostgresListener

log = logging.getLogger(__name__)


def listener_conninfo(url: str) -> str:
    """A libpq connection string (URI) for a SQLAlchemy PostgreSQL URL, password included (our own parameters
    such as erp_pooler taken off)."""
    return make_url(split_url(url)[0]).set(drivername="postgresql").render_as_string(hide_password=False)


POLL_SECONDS = 15.0  # while no notification can be heard: "refresh everything" this often (views shown only)


class ChangeFeed:
    """While live updates are not heard (behind a transaction pooler with no direct address, a listener that hears
    nothing, a lost connection) the feed asks for a full refresh every ``poll_seconds`` instead: the views shown
    refetch (coalesced, ui/live), so a desktop behind PgBouncer without a LISTEN connection of its own still
    follows the others, a little later, at a cost of one refresh of what it shows per interval."""

    def __init__(self, db: Database, org_id: int, *, retry_delays: Sequence[float] | None = None,
                 ping_interval: float = 15.0, poll_interval: float = 1.0, poll_seconds: float | None = None):
        self._poll_seconds = POLL_SECONDS if poll_seconds is None else poll_seconds
        self._live = False
        self._stopped = threading.Event()
        self._deaf_poller: threading.Thread | None = None
        self._db = db
        self._org_id = org_id
        self._retry_delays = retry_delays
        self._ping_interval = ping_interval
        self._on_change: Callable[[str, list[int]], None] | None = None
        self._listener: PostgresListener | None = None
        self._poll_interval = poll_interval
        self._poller: DataVersionPoller | None = None
        self._lock = threading.Lock()
        self._running = False

    @property
    def listener(self) -> PostgresListener | None:
        return self._listener

    def start(self, on_change: Callable[[str, list[int]], None], on_state: Callable[[bool], None]) -> None:
        with self._lock:
            if self._running:
                raise RuntimeError("the change feed is already started")
            self._running = True
            self._on_change = on_change
            self._stopped.clear()
        if self._db.is_postgres:
            on_state = self._watching(on_state)
            self._deaf_poller = threading.Thread(target=self._poll, name="erp-change-poll", daemon=True)
            self._deaf_poller.start()
        if self._db.is_postgres and self._db.listen_url is None:
            # behind a pooler in transaction mode with no direct address: LISTEN would hear nothing, so none is
            # made; the desktop says live updates are off and refreshes what it shows every poll_seconds
            log.warning("live updates off: the database URL names a pooler and no erp_listen_host/port")
            on_state(False)
        elif self._db.is_postgres:
            options = {"ping_interval": self._ping_interval, "send_ping": self._send_ping}
            if self._retry_delays is not None:
                options["retry_delays"] = self._retry_delays
            self._listener = PostgresListener(listener_conninfo(self._db.listen_url), self._receive, on_state,
                                              **options)
            self._listener.start()
        else:
            self._db.local_listeners.append(self._receive)
            on_state(self._start_poller())

    def _start_poller(self) -> bool:
        """Whether changes from other windows on this file will be heard."""
        path = make_url(self._db.url).database
        if not path or path == ":memory:" or path.startswith("file:"):
            return False
        db = self._db
        self._poller = DataVersionPoller(path, lambda: self._receive(None, REFRESH_ALL, []),
                                         local_commits=lambda: db.local_commits, interval=self._poll_interval)
        try:
            self._poller.start()
        except Exception:  # noqa: BLE001 - the app works without it; the status bar says live updates are off
            log.exception("cannot watch the database file for other windows' changes")
            self._poller = None
            return False
        return True

    def stop(self) -> None:
        with self._lock:
            if not self._running:
                return
            self._running = False
        self._stopped.set()
        if self._deaf_poller is not None:
            self._deaf_poller.join(5)
            self._deaf_poller = None
        if self._poller is not None:
            self._poller.stop()
            self._poller = None
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        try:
            self._db.local_listeners.remove(self._receive)
        except ValueError:
            pass

    def _watching(self, on_state: Callable[[bool], None]) -> Callable[[bool], None]:
        def state(live: bool) -> None:
            self._live = live
            on_state(live)

        return state

    def _poll(self) -> None:
        while not self._stopped.wait(self._poll_seconds):
            if not self._live:
                self._receive(None, REFRESH_ALL, [])

    def _send_ping(self, channel: str, payload: str) -> None:
        """The listener's check that it hears: a notification sent through the app's own pool, as changes are."""
        self._db.execute_direct("SELECT pg_notify($1, $2)", (channel, payload))

    def _receive(self, org: int | None, topic: str, ids: list) -> None:
        # org None: a change made without a signed-in user (e.g. loading demo data); let it through
        if not self._running or (org is not None and org != self._org_id and topic != REFRESH_ALL):
            return
        callback = self._on_change
        if callback is not None:
            callback(topic, list(ids))
