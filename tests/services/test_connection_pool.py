"""PostgreSQL connection pool: a connection that sat idle is pinged and replaced if the server dropped it;
one used a moment ago is handed out without the extra round trip."""

from __future__ import annotations

from sqlalchemy import text

from erp_desktop.db import engine as engine_module
from erp_desktop.db.engine import create_database
from erp_desktop.services import users
from tests.factories import make_plant


def _backend_pid(db) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _count_pings(db) -> list:
    pings = []
    real_ping = db.engine.dialect.do_ping

    def counting_ping(dbapi_connection):
        pings.append(1)
        return real_ping(dbapi_connection)

    db.engine.dialect.do_ping = counting_ping
    return pings


def test_a_connection_the_server_dropped_while_idle_is_replaced_before_the_users_action(pg_db, pg_url, monkeypatch):
    plant = make_plant(pg_db)
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.0)
    db = create_database(pg_url, pool_size=1)
    try:
        pid = _backend_pid(db)
        with pg_db.engine.connect() as admin:
            assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()
        names = [u.username for u in users.list_users(db, plant.admin)]  # no "connection lost" for the user
        assert plant.admin.username in names
        assert _backend_pid(db) != pid
    finally:
        db.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged_one_idle_for_longer_is(pg_url, monkeypatch):
    db = create_database(pg_url, pool_size=1)
    try:
        pings = _count_pings(db)
        for _ in range(5):
            _backend_pid(db)
        assert pings == []
        monkeypatch.setattr(engine_module.time, "monotonic", lambda real=engine_module.time.monotonic: real() + 60)
        _backend_pid(db)
        assert pings == [1]
    finally:
        db.dispose()
