"""LISTEN/NOTIFY on PostgreSQL: one listening connection per desktop, in its own thread.

The unit of work sends ``pg_notify('erp_changes', '{"org": .., "topic": .., "ids": [..]}')`` inside the
writing transaction, so a notification arrives only for committed changes. The listener waits on its
socket and on a wake-up socket (so ``stop()`` is immediate), pings an idle connection to notice a dead
network, and after a loss reconnects with backoff, listens again and asks for a full refresh (topic "*"),
because notifications sent while it was away are gone.

A listener that is connected may still hear nothing: LISTEN through a pooler in transaction mode (PgBouncer)
succeeds, and its ping too, yet notifications go to whichever client holds the server connection then. So,
given a ``send_ping(channel, payload)`` that goes the way other desktops' changes go (the app's own pool),
the listener checks now and then that it hears a notification on a channel of its own; one not heard within
``heard_within`` seconds reports ``on_state(False)`` (the status bar stops saying "live"), one heard again
``on_state(True)``.

Callbacks run on the listener thread; they must hand over to their own thread (Qt: a queued signal).
"""

from __future__ import annotations

import json
import logging
import select
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence

import psycopg
from psycopg import sql

from erp_desktop.db.engine import DEAD_PEER_OPTIONS

log = logging.getLogger(__name__)

CHANNEL = "erp_changes"  # the channel services/uow.py notifies on
REFRESH_ALL = "*"
APPLICATION_NAME = "erp-desktop-listen"
CONNECT_OPTIONS = {"connect_timeout": 5, "application_name": APPLICATION_NAME, **DEAD_PEER_OPTIONS}

OnChange = Callable[[int | None, str, list], None]
OnState = Callable[[bool], None]
SendPing = Callable[[str, str], None]


class PostgresListener:
    """``on_change(org, topic, ids)`` for every notification; ``on_change(None, "*", [])`` after a reconnect;
    ``on_state(True)`` when listening, ``on_state(False)`` when the connection is lost or cannot be made."""

    def __init__(
        self,
        conninfo: str,
        on_change: OnChange,
        on_state: OnState,
        *,
        channel: str = CHANNEL,
        retry_delays: Sequence[float] = (0.5, 1, 2, 5, 10),
        ping_interval: float = 15.0,
        connect_options: dict | None = None,
        send_ping: SendPing | None = None,
        heard_within: float = 5.0,
    ):
        self._conninfo = conninfo
        self._on_change = on_change
        self._on_state = on_state
        self._channel = channel
        self._retry_delays = tuple(retry_delays)
        self._ping_interval = ping_interval
        self._connect_options = dict(CONNECT_OPTIONS if connect_options is None else connect_options)
        self._send_ping = send_ping
        self._heard_within = heard_within
        self._ping_channel = f"erp_heard_{uuid.uuid4().hex[:16]}"  # this listener's own
        self._ping_payload: str | None = None  # the ping sent and not heard yet
        self._ping_sent_at = 0.0
        self._deaf = False
        self._stopping = threading.Event()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._thread: threading.Thread | None = None
        self._backend_pid: int | None = None

    @property
    def backend_pid(self) -> int | None:
        """The server process of the listening connection while connected (for diagnostics and tests)."""
        return self._backend_pid

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the listener is already started")
        self._thread = threading.Thread(target=self._run, name="erp-change-listener", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread now (it is waiting on the wake-up socket too) and close its connection."""
        self._stopping.set()
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("change listener did not stop within %.1f s", timeout)
        for sock in (self._wake_r, self._wake_w):
            try:
                sock.close()
            except OSError:
                pass

    # ------------------------------------------------------------------ the thread

    def _run(self) -> None:
        failures = 0
        state: bool | None = None  # last reported
        while not self._stopping.is_set():
            connection = None
            try:
                connection = psycopg.connect(self._conninfo, autocommit=True, **self._connect_options)
                connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
                if self._send_ping is not None:
                    connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._ping_channel)))
                self._ping_payload, self._ping_sent_at, self._deaf = None, 0.0, False
                self._backend_pid = connection.info.backend_pid
                failures = 0
                missed = state is False
                state = True
                self._report_state(True)
                if missed:
                    self._deliver(None, REFRESH_ALL, [])
                self._pump(connection)
            except (psycopg.Error, OSError) as error:
                if self._stopping.is_set():
                    break
                log.warning("change listener lost its connection: %s", str(error).strip())
                if state is not False:
                    state = False
                    self._report_state(False)
                delay = self._retry_delays[min(failures, len(self._retry_delays) - 1)]
                failures += 1
                self._stopping.wait(delay)
            finally:
                self._backend_pid = None
                if connection is not None:
                    try:
                        connection.close()
                    except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                        pass

    def _pump(self, connection: psycopg.Connection) -> None:
        """Deliver notifications until stopped; raises when the connection is lost."""
        last_ping = time.monotonic()
        next_heard_check = time.monotonic() + min(1.0, self._ping_interval)  # the first soon after LISTEN
        while not self._stopping.is_set():
            now = time.monotonic()
            wake_at = last_ping + self._ping_interval
            if self._send_ping is not None:
                wake_at = min(wake_at, next_heard_check)
            ready, _, _ = select.select([connection.fileno(), self._wake_r], [], [], max(0.0, wake_at - now))
            if self._wake_r in ready:
                return
            now = time.monotonic()
            if not ready and now - last_ping >= self._ping_interval:
                connection.execute("SELECT 1")  # an idle dead link shows only when we write
                last_ping = now
            # notifications that arrived with the ping's answer wait in psycopg's backlog: drain it too
            for notify in connection.notifies(timeout=0):
                if notify.channel == self._ping_channel:
                    self._heard(notify.payload)
                else:
                    self._handle(notify.payload)
            if self._send_ping is not None and time.monotonic() >= next_heard_check:
                next_heard_check = self._check_heard()

    def _check_heard(self) -> float:
        """Send a ping the way other desktops' changes come, or find the last one unheard; when to look again."""
        now = time.monotonic()
        if self._ping_payload is not None:
            if now - self._ping_sent_at < self._heard_within:
                return self._ping_sent_at + self._heard_within
            if not self._deaf:
                self._deaf = True
                log.warning("change listener hears nothing: is LISTEN going through a pooler?")
                self._report_state(False)
        elif self._ping_sent_at and now < self._ping_sent_at + self._ping_interval:
            return self._ping_sent_at + self._ping_interval  # the last one was heard: the next in a while
        self._ping_payload, self._ping_sent_at = uuid.uuid4().hex, now
        try:
            self._send_ping(self._ping_channel, self._ping_payload)
        except Exception as error:  # noqa: BLE001 - the database out of reach: the views say so themselves
            log.info("change listener could not send its ping: %s", str(error).strip())
            self._ping_payload = None
            return now + self._ping_interval
        return now + self._heard_within

    def _heard(self, payload: str) -> None:
        if payload != self._ping_payload:
            return
        self._ping_payload = None
        if self._deaf:
            self._deaf = False
            self._report_state(True)

    def _handle(self, payload: str) -> None:
        try:
            message = json.loads(payload)
            org, topic, ids = message.get("org"), str(message["topic"]), list(message.get("ids") or [])
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("ignored a malformed change notification: %r", payload[:200])
            return
        self._deliver(org, topic, ids)

    def _deliver(self, org, topic: str, ids: list) -> None:
        try:
            self._on_change(org, topic, ids)
        except Exception:  # noqa: BLE001 - a broken view must not stop live updates
            log.exception("change callback failed")

    def _report_state(self, up: bool) -> None:
        try:
            self._on_state(up)
        except Exception:  # noqa: BLE001
            log.exception("live state callback failed")
