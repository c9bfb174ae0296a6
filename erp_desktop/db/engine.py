"""Engines for the embedded SQLite file and for a shared PostgreSQL server."""

from __future__ import annotations

import hashlib
import select
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.db.text_match import register_fold

WRITE_OPTION = "erp_write"
# A pooled connection used this recently is handed out without a ping (HikariCP's "alive bypass window"):
# a desktop busy with the database pays no extra round trip per unit of work, while one that sat idle
# (server restarted, network dropped) gets its stale connections replaced before they fail a user's action.
PING_AFTER_IDLE_SECONDS = 0.5
# libpq settings so a dead server or network is noticed in seconds, not after the kernel's TCP timeout of many
# minutes (a write stuck that long would hold up every later save of the desktop): keepalive probes on an idle
# or waiting connection, and a limit on data the server does not acknowledge. A long query is not cut short:
# the server's kernel answers the probes while it works.
DEAD_PEER_OPTIONS = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 15000,
}


@dataclass
class Database:
    """An engine and its session factory; what every service gets as ``db``."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    # in-process listeners for change notifications (SQLite; PostgreSQL uses LISTEN too)
    local_listeners: list = field(default_factory=list)
    # per thread: the pooled connection of the last direct statement, with the time it was used (see execute_direct)
    _held: threading.local = field(default_factory=threading.local, repr=False, compare=False)
    _all_held: set = field(default_factory=set, repr=False, compare=False)
    _held_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def is_postgres(self) -> bool:
        return self.backend == "postgresql"

    def dispose(self) -> None:
        with self._held_lock:
            held, self._all_held = self._all_held, set()
        for pooled in held:
            pooled.close()
        self.engine.dispose()

    def execute_direct(self, statement: str, args: Sequence[object]) -> tuple | None:
        """PostgreSQL: one statement outside any transaction block (it may be a CALL of a procedure that
        commits by itself); its first row, or None. It goes straight through the driver's protocol layer:
        the cursor layer would add about 150 us of client CPU per call (measured 205 -> 54 us), a fifth of
        a whole stock issue. Arguments travel as text, so the statement casts its parameters ($1::bigint...).
        Prepared once per connection (a CALL runs measurably faster prepared: 1 client 820 -> 1070 per second).
        Driver errors come out as SQLAlchemy's DBAPIError, and a connection found dead leaves the pool."""
        import psycopg
        from psycopg import pq
        from psycopg.adapt import Transformer

        for attempt in (1, 2):
            sent = False
            try:
                pooled = self._take_direct_connection()
            except exc.DBAPIError as error:
                error.statement_sent = False  # never connected: nothing reached the server
                raise
            except psycopg.Error as error:
                raise _wrapped(self, statement, args, error, lost=True, sent=False) from error
            reusable = True
            try:
                driver = pooled.driver_connection
                pgconn = driver.pgconn
                if pgconn.transaction_status != pq.TransactionStatus.IDLE:
                    driver.rollback()
                values = [None if arg is None else str(arg).encode() for arg in args]

                def sending() -> None:
                    nonlocal sent
                    sent = True

                result = _checked(driver, _exec_prepared(pooled, statement, values, sending))
                if not result.ntuples:
                    return None
                transformer = pooled.info.get("erp_transformer")
                if transformer is None:
                    transformer = pooled.info["erp_transformer"] = Transformer(driver)
                transformer.set_pgresult(result)
                return transformer.load_row(0, tuple)
            except psycopg.Error as error:
                lost = self.engine.dialect.is_disconnect(error, pooled.dbapi_connection, None)
                if lost:
                    reusable = False
                    pooled.invalidate(error)
                    if not sent and attempt == 1:
                        continue  # found dead before the statement went out: safe on a fresh connection
                raise _wrapped(self, statement, args, error, lost=lost, sent=sent) from error
            finally:
                self._keep_direct_connection(pooled, reusable)
        raise AssertionError("unreachable")

    def _take_direct_connection(self):
        """The connection this thread's last direct statement used if that was a moment ago; else one from the
        pool (whose checkout pings a connection that sat idle). Statements in quick succession - a clerk
        issuing line after line - skip the pool's checkout and checkin (measured: 10% more issues per second
        with 8 desktops on a 2-core server)."""
        pooled, used_at = getattr(self._held, "connection", None), getattr(self._held, "used_at", 0.0)
        self._held.connection = None
        if pooled is not None and pooled in self._all_held:  # not since closed by dispose()
            if time.monotonic() - used_at < PING_AFTER_IDLE_SECONDS and not _has_input_while_idle(pooled):
                return pooled
            pooled.info[_LAST_USED] = used_at  # its idle time counts from its last use, not from this checkin
            self._release(pooled)
        return self.engine.raw_connection()

    def _keep_direct_connection(self, pooled, reusable: bool) -> None:
        if not reusable:
            self._release(pooled)
            return
        with self._held_lock:
            self._all_held.add(pooled)
        self._held.connection, self._held.used_at = pooled, time.monotonic()

    def _release(self, pooled) -> None:
        with self._held_lock:
            self._all_held.discard(pooled)
        pooled.close()


_NO_SUCH_PREPARED_STATEMENT = "26000"
_LAST_USED = "erp_last_used"


def _wrapped(db: Database, statement: str, args: Sequence[object], error, *, lost: bool, sent: bool) -> exc.DBAPIError:
    """The driver's error as SQLAlchemy's DBAPIError; ``statement_sent`` says whether the statement may have
    reached the server (if not, nothing it would do has happened)."""
    import psycopg

    wrapped = exc.DBAPIError.instance(statement, list(args), error, psycopg.Error, connection_invalidated=lost,
                                      dialect=db.engine.dialect)
    wrapped.statement_sent = sent
    return wrapped


def _has_input_while_idle(connection) -> bool:
    """True when an idle PostgreSQL connection has something waiting on its socket, or is known broken. An idle
    connection of ours is sent nothing (no LISTEN on them), so what waits there is the server's goodbye: a
    restart or a terminated backend sends its FATAL message and closes. One poll, no round trip, so it runs on
    every use, also of connections used a moment ago that skip the ping."""
    from psycopg import pq

    driver = getattr(connection, "driver_connection", connection)
    pgconn = getattr(driver, "pgconn", None)
    if pgconn is None:
        return False
    try:
        if pgconn.status == pq.ConnStatus.BAD:
            return True
        readable, _, _ = select.select([pgconn.socket], [], [], 0)
    except Exception:  # noqa: BLE001 - a socket that cannot even be polled is gone
        return True
    return bool(readable)


def _exec_prepared(pooled, statement: str, values: list, sending=lambda: None):
    """Run ``statement`` as this connection's prepared statement, preparing it first where needed. psycopg
    deallocates every prepared statement of a connection after a ROLLBACK, so one found gone is prepared
    again (it was not run: nothing happened twice). ``sending()`` is called just before the statement itself
    goes out (before that, a lost connection means it never ran)."""
    from psycopg import pq

    name = f"erp_direct_{hashlib.sha1(statement.encode()).hexdigest()[:20]}".encode()  # the text's own name
    prepared = pooled.info.setdefault("erp_prepared", set())
    pgconn = pooled.driver_connection.pgconn
    for _ in range(2):
        if name not in prepared:
            _checked(pooled.driver_connection, pgconn.prepare(name, statement.encode()))
            prepared.add(name)
        sending()
        result = pgconn.exec_prepared(name, values)
        if (result.status != pq.ExecStatus.FATAL_ERROR
                or result.error_field(pq.DiagnosticField.SQLSTATE) != _NO_SUCH_PREPARED_STATEMENT.encode()):
            return result
        prepared.discard(name)
    return result


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
        register_fold(dbapi_connection)  # erp_fold(): case-free names and search (db/text_match.py)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def _ping_connections_idle_for(engine: Engine, seconds: float) -> None:
    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection, record):
        record.info["idle_since"] = record.info.pop(_LAST_USED, None) or time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy):
        idle_since = record.info.pop("idle_since", None)
        recently_used = idle_since is None or time.monotonic() - idle_since < seconds
        if recently_used and not _has_input_while_idle(dbapi_connection):
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
            connect_args={"connect_timeout": 5, "application_name": "erp-desktop", **DEAD_PEER_OPTIONS},
        )
        _ping_connections_idle_for(engine, PING_AFTER_IDLE_SECONDS)
    else:
        from erp_desktop.errors import QT_TRANSLATE_NOOP, ConfigurationError

        raise ConfigurationError(
            QT_TRANSLATE_NOOP("errors", "Unsupported database '{backend}'. Use a sqlite:/// path or a postgresql:// URL."), backend=parsed.get_backend_name()
        )
    sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)
    return Database(url=url, engine=engine, sessions=sessions)
