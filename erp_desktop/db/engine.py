"""Engines for the embedded SQLite file and for a shared PostgreSQL server."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

WRITE_OPTION = "erp_write"
# A pooled connection used this recently is handed out without a ping (HikariCP's "alive bypass window"):
# a desktop busy with the database pays no extra round trip per unit of work, while one that sat idle
# (server restarted, network dropped) gets its stale connections replaced before they fail a user's action.
PING_AFTER_IDLE_SECONDS = 0.5


@dataclass
class Database:
    """An engine and its session factory; what every service gets as ``db``."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    # in-process listeners for change notifications (SQLite; PostgreSQL uses LISTEN too)
    local_listeners: list = field(default_factory=list)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def is_postgres(self) -> bool:
        return self.backend == "postgresql"

    def dispose(self) -> None:
        self.engine.dispose()

    def execute_direct(self, statement: str, args: Sequence[object]) -> tuple | None:
        """PostgreSQL: one statement outside any transaction block (it may be a CALL of a procedure that
        commits by itself); its first row, or None. It goes straight through the driver's protocol layer:
        the cursor layer would add about 150 us of client CPU per call (measured 205 -> 54 us), a fifth of
        a whole stock issue. Arguments travel as text, so the statement casts its parameters ($1::bigint...).
        Not prepared: the statements meant for this are CALLs, whose procedures keep their own plans.
        Driver errors come out as SQLAlchemy's DBAPIError, and a connection found dead leaves the pool."""
        import psycopg
        from psycopg import pq
        from psycopg.adapt import Transformer

        pooled = self.engine.raw_connection()
        try:
            driver = pooled.driver_connection
            pgconn = driver.pgconn
            if pgconn.transaction_status != pq.TransactionStatus.IDLE:
                driver.rollback()
            values = [None if arg is None else str(arg).encode() for arg in args]
            result = _checked(driver, pgconn.exec_params(statement.encode(), values))
            if not result.ntuples:
                return None
            transformer = Transformer(driver)
            transformer.set_pgresult(result)
            return transformer.load_row(0, tuple)
        except psycopg.Error as error:
            lost = self.engine.dialect.is_disconnect(error, pooled.dbapi_connection, None)
            if lost:
                pooled.invalidate(error)
            raise exc.DBAPIError.instance(statement, list(args), error, psycopg.Error,
                                          connection_invalidated=lost, dialect=self.engine.dialect) from error
        finally:
            pooled.close()


def _checked(driver, result):
    """The driver's result, or its error raised as psycopg raises it (with the SQLSTATE class)."""
    from psycopg import errors, pq

    if result.status in (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.COMMAND_OK):
        return result
    if driver.pgconn.status == pq.ConnStatus.BAD:
        raise errors.OperationalError(f"the connection is lost: {driver.pgconn.get_error_message()}")
    raise errors.error_from_result(result, encoding=driver.info.encoding)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # take over transaction control from pysqlite so BEGIN IMMEDIATE is ours to issue
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def _ping_connections_idle_for(engine: Engine, seconds: float) -> None:
    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy):
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # noqa: BLE001 - whatever the driver raises, this connection is gone
            raise exc.DisconnectionError(str(error)) from error  # the pool replaces it and checks out again


def create_database(url: str, *, pool_size: int = 5, echo: bool = False) -> Database:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 10})
        _configure_sqlite(engine)
    elif parsed.get_backend_name() == "postgresql":
        engine = create_engine(
            url,
            echo=echo,
            pool_size=pool_size,
            max_overflow=5,
            connect_args={"connect_timeout": 5, "application_name": "erp-desktop"},
        )
        _ping_connections_idle_for(engine, PING_AFTER_IDLE_SECONDS)
    else:
        from erp_desktop.errors import ConfigurationError

        raise ConfigurationError(
            f"Unsupported database '{parsed.get_backend_name()}'. Use a sqlite:/// path or a postgresql:// URL."
        )
    sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)
    return Database(url=url, engine=engine, sessions=sessions)
