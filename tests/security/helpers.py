"""Connecting as an attacker would: raw psycopg with the desktops' credential (issue 11).

A session is used exactly as the app uses it: the token is put in the transaction
(``set_config('erp.token', token, true)``), and every statement after it runs as that session.
"""

from __future__ import annotations

from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy.engine import make_url

PRIVILEGE = "42501"  # insufficient_privilege; also "new row violates row-level security policy"
SESSION_ENDED = "ERPSE"
PASSWORD_CHANGE = "ERPPW"

# the sessions every attack is tried with (and with no session at all)
SESSION_ROLES = ("viewer", "operator", "supply")


def psycopg_url(sqlalchemy_url: str) -> str:
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


def desktop_connect(pg, *, autocommit: bool = False) -> psycopg.Connection:
    """A connection as the desktops' login: what every desktop's saved credential opens."""
    return psycopg.connect(psycopg_url(pg.desktop), autocommit=autocommit)


def use_token(conn: psycopg.Connection, token: str) -> None:
    conn.execute("SELECT set_config('erp.token', %s, true)", [token])


@contextmanager
def as_desktop(pg, token: str | None = None):
    """A desktop-login connection in a transaction, with ``token``'s session set as the app sets it.
    Rolled back at the end, so an attack that got through leaves nothing behind."""
    conn = desktop_connect(pg)
    try:
        if token is not None:
            use_token(conn, token)
        yield conn
    finally:
        conn.rollback()
        conn.close()


@contextmanager
def as_admin(pg, *, autocommit: bool = True):
    """The superuser on the test database: to look behind the desktops' back and to set the stage."""
    conn = psycopg.connect(psycopg_url(pg.admin), autocommit=autocommit)
    try:
        yield conn
    finally:
        conn.close()


# the FIFO issue procedure as a desktop calls it: token, product, warehouse, quantity
ISSUE_CALL = ("CALL erp_issue_stock(%s, %s, %s, %s, NULL, 'attack', 'erp_changes', NULL, NULL, NULL, NULL, NULL, "
              "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")


def refused(conn: psycopg.Connection, sql: str, params=None, sqlstate=PRIVILEGE) -> psycopg.Error:
    """``sql`` raises with ``sqlstate`` (one code or a tuple). Run in a savepoint, so the transaction
    (and its session token) carries on for the next attack."""
    codes = (sqlstate,) if isinstance(sqlstate, str) else tuple(sqlstate)
    with pytest.raises(psycopg.Error) as info:
        with conn.transaction():
            conn.execute(sql, params)
    assert info.value.sqlstate in codes, f"{sql!r}: {info.value.sqlstate} {info.value}"
    return info.value


def outcome(conn: psycopg.Connection, sql: str, params=None) -> int | str:
    """How many rows ``sql`` changed, or the SQLSTATE it was refused with (run in a savepoint)."""
    try:
        with conn.transaction():
            return conn.execute(sql, params).rowcount
    except psycopg.Error as error:
        return error.sqlstate


def writes_nothing(conn: psycopg.Connection, sql: str, params=None) -> None:
    """An UPDATE or DELETE is refused outright, or row-level security hides every row from it."""
    result = outcome(conn, sql, params)
    assert result in (0, PRIVILEGE), f"{sql!r} changed {result} rows"


def scalar(conn: psycopg.Connection, sql: str, params=None):
    return conn.execute(sql, params).fetchone()[0]
