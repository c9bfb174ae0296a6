"""SQLite: notice that another connection (another window, another process) committed to the same file.

``PRAGMA data_version`` on a connection of its own changes whenever any other connection commits; this thread
asks every ``interval`` seconds and calls ``on_change()`` when it moved. The file's own process's commits move
it too: ``local_commits()`` (a counter that process raises after each commit) lets the caller skip those.
Callbacks run on the poller's thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from erp_desktop.db.sqlite_file import connect_existing

log = logging.getLogger(__name__)


class DataVersionPoller:
    def __init__(self, path: Path, on_change: Callable[[], None], *, local_commits: Callable[[], int] = lambda: 0,
                 interval: float = 1.0):
        self._path = Path(path)
        self._on_change = on_change
        self._local_commits = local_commits
        self._interval = interval
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: sqlite3.Connection | None = None

    def start(self) -> None:
        """Opens the file now (so a failure is the caller's to report), then polls in a thread."""
        self._connection = connect_existing(self._path, timeout=2.0)
        self._thread = threading.Thread(target=self._run, name="erp-sqlite-data-version", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _version(self) -> int | None:
        try:
            return self._connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as error:  # busy or gone for a moment: ask again next time
            log.debug("data_version: %s", error)
            return None

    def _run(self) -> None:
        try:
            version, commits = self._version(), self._local_commits()
            while not self._stopping.wait(self._interval):
                now = self._version()
                now_commits = self._local_commits()  # after the version: a commit of ours between counts as ours
                if now is None:
                    continue
                if version is not None and now != version and now_commits == commits:
                    try:
                        self._on_change()
                    except Exception:  # noqa: BLE001 - a broken view must not stop the poller
                        log.exception("data_version callback failed")
                version, commits = now, now_commits
        finally:
            self._connection.close()
