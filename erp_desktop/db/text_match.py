"""Case-insensitive comparison and literal search in SQL, the same on SQLite and PostgreSQL.

Both sides of a comparison go through the database function ``erp_fold`` (domain.text.fold's rule):
on SQLite it is Python's fold, registered on every connection (register_fold); on PostgreSQL it is a
server function created by migration 0005, which also backs every case-free uniqueness with a unique
index on erp_fold(...) that the equality below can use. SQLite gets no such index on purpose: an index on
an application function makes the file unwritable (and unvacuumable) for any other tool that opens it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, String, func, literal

from erp_desktop.domain.text import LIKE_ESCAPE, fold, like_pattern

FOLD_FUNCTION = "erp_fold"
_SEPARATOR = "\x1f"  # ASCII unit separator: between the columns one search looks at


def _fold_or_null(value):
    return fold(value) if isinstance(value, str) else value


def register_fold(dbapi_connection) -> None:
    """SQLite: make ``erp_fold(text)`` callable on this connection (deterministic, so SQLite may factor it)."""
    dbapi_connection.create_function(FOLD_FUNCTION, 1, _fold_or_null, deterministic=True)


def folded(expression) -> ColumnElement:
    """``erp_fold(expression)`` in SQL; a plain Python string is bound as a parameter first."""
    if isinstance(expression, str):
        expression = literal(expression, String)
    return getattr(func, FOLD_FUNCTION)(expression, type_=String)


def equals_ignoring_case(column, value: str) -> ColumnElement:
    """``column`` equals ``value`` whatever the letter case (codes, SKUs, names, sign-in names)."""
    return folded(column) == folded(value)


def contains_ignoring_case(columns: Iterable, text: str) -> ColumnElement | None:
    """Any of ``columns`` contains ``text`` (stripped) whatever the letter case, with '%', '_' and '\\' taken
    literally; None when there is nothing to search for.

    The columns are folded as one value, joined by a separator no search can contain: one erp_fold call per
    row instead of one per column (SQLite calls back into Python for each; 5,000 parts x 3 columns took 19 ms,
    joined 5 ms, SQLite's own ASCII-only lower() 8 ms)."""
    text = (text or "").strip().replace(_SEPARATOR, "")
    if not text:
        return None
    parts = [func.coalesce(column, "") for column in columns]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + _SEPARATOR + part
    return folded(joined).like(folded(like_pattern(text)), escape=LIKE_ESCAPE)
