"""Real damaged SQLite files for tests: garbage written over a table's page of a copy, as a bad disk or an
interrupted sync would leave it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def checkpoint(path: Path) -> None:
    """Fold the -wal into the file so the file alone holds the data (what a damaged copy would be made of)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def damage_table(path: Path, table: str) -> int:
    """Write garbage over the root page of ``table`` in the file ``path`` (nothing may have it open); the page."""
    checkpoint(path)
    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    finally:
        connection.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    return root


def file_of(db) -> Path:
    return Path(db.url.split("///", 1)[1])
