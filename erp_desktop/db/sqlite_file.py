"""The embedded SQLite database as a file: can it be read, online backups of it, replacing it safely.

Plain sqlite3 from the standard library: these work on files the app's engine must not open (a damaged
database, a backup being checked) and use SQLite's own online backup API, never a file copy of a database
that may be in use.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from erp_desktop.errors import QT_TRANSLATE_NOOP, DatabaseUnavailable

SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")
_IN_USE = QT_TRANSLATE_NOOP("errors", "The database file {path} is in use: by another erp-desktop window or program, or by this window still "
           "loading a view. Close other erp-desktop windows and try again in a moment.")


def connect_existing(path: Path, *, timeout: float = 10.0) -> sqlite3.Connection:
    """A connection to a database file that must already exist (sqlite3.connect would create an empty one)."""
    uri = Path(path).resolve().as_uri() + "?mode=rw"  # file:///C:/... on Windows, any letters percent-encoded
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)


def says_file_is_damaged(error: BaseException) -> bool:
    """A driver error saying the file cannot be read through (SQLITE_CORRUPT, SQLITE_NOTADB): sqlite3 gives
    those codes only in its words."""
    message = str(error).lower()
    return "database disk image is malformed" in message or "file is not a database" in message


def quick_check(path: Path) -> list[str]:
    """SQLite's quick integrity check of an existing database file: [] when whole, else what it found.
    A file SQLite cannot read at all (not a database, a damaged page the check itself trips on) is a finding too;
    a file it cannot open or lock raises sqlite3.OperationalError (not damage: permissions, another program)."""
    try:
        connection = connect_existing(path)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:  # SQLITE_CORRUPT, SQLITE_NOTADB
        return [str(error)]
    if rows == ["ok"]:
        return []
    return [line for row in rows for line in str(row).splitlines() if line and not line.startswith("***")]


def file_problem(path: Path) -> str | None:
    """Why an existing file cannot serve as the database, in a few words ("is empty (0 bytes)"); None when it
    can, or when there is no file (a new database is then made there)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            return "is empty (0 bytes)"
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if header != SQLITE_HEADER:
        return "is not a database file"
    try:
        problems = quick_check(path)
    except sqlite3.OperationalError as error:
        return f"cannot be read ({error})"
    if problems:
        first = problems[0] if len(problems[0]) <= 120 else problems[0][:117] + "..."
        return f"is damaged (SQLite's integrity check: {first})"
    return None


def online_backup(source: Path, target: Path) -> None:
    """Copy the database ``source`` into ``target`` through SQLite's online backup API (consistent even while
    the app writes to it), as a self-contained file (no -wal beside it), checked before it takes its name:
    ``target`` is either the old file or a whole, checked copy."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        source_connection = connect_existing(source)
        try:
            copy = sqlite3.connect(partial, isolation_level=None)
            try:
                source_connection.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
        finally:
            source_connection.close()
        problems = quick_check(partial)
        if problems:
            raise sqlite3.DatabaseError(f"the copy failed its integrity check: {problems[0]}")
        _fsync(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    finally:
        partial.unlink(missing_ok=True)


def claim_for_replacement(path: Path) -> None:
    """Make sure no connection has ``path`` open and fold its -wal into it: switching a database out of WAL
    mode succeeds only when this is the one connection to it. Raises DatabaseUnavailable when another is open;
    a file SQLite cannot read (the reason to replace it) is left as it is."""
    if not path.exists():
        return
    try:
        connection = connect_existing(path, timeout=2.0)
        try:
            connection.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseUnavailable(_IN_USE, path=path) from None
    except sqlite3.DatabaseError:
        pass  # damaged: nothing to fold in


def replace_file(live: Path, replacement: Path, *, keep_as: Path | None) -> None:
    """Put the checked file ``replacement`` (in the same folder) in the place of the database ``live``, with
    one atomic rename: ``live`` is at every moment either the old database or the new one, never missing (a
    missing file would be made into a new, empty database). The old file and its -wal are first copied to
    ``keep_as``. The caller has closed its connections (see claim_for_replacement)."""
    live, replacement = Path(live), Path(replacement)
    claim_for_replacement(live)
    if keep_as is not None and live.exists():
        keep_as.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(live, keep_as)
        wal = Path(f"{live}-wal")
        if wal.exists():  # left by a damaged file that could not be claimed: part of it
            shutil.copyfile(wal, Path(f"{keep_as}-wal"))
    try:
        for suffix in _SIDE_FILES:  # an old -wal left beside the new file would be replayed into it
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        os.replace(replacement, live)
    except PermissionError:  # Windows: another program holds the file open
        raise DatabaseUnavailable(_IN_USE, path=live) from None
    _fsync_folder(live.parent)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened for that on Windows."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def schema_revision(path: Path) -> str | None:
    """The Alembic revision recorded in a database file; None when it has none (not an erp-desktop database)."""
    connection = connect_existing(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    finally:
        connection.close()
    return row[0] if row else None
