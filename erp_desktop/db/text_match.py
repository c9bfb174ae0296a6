"""Case-insensitive comparison and literal search in SQL, the same on SQLite and PostgreSQL.

Both sides of a comparison go through the database function ``erp_fold`` (domain.text.fold's rule):
on SQLite it is Python's fold, registered on every connection (register_fold); on PostgreSQL it is a
server function created by migration 0005, which also backs every case-free uniqueness with a unique
index on erp_fold(...) that the equality below can use. SQLite gets no such index on purpose: an index on
an application function makes the file unwritable (and unvacuumable) for any other tool that opens it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, String, func, literal, or_

from erp_desktop.domain.text import LIKE_ESCAPE, fold, like_pattern

FOLD_FUNCTION = "erp_fold"


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
    literally; None when there is nothing to search for."""
    text = (text or "").strip()
    if not text:
        return None
    pattern = folded(like_pattern(text))
    return or_(*(folded(column).like(pattern, escape=LIKE_ESCAPE) for column in columns))
