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
from sqlalchemy.pool import QueuePool
from sqlalchemy.util import queue as sqla_queue

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
# The connection budget of one desktop: one pooled connection is kept while idle; the others a burst opened (the
# runner's read threads refreshing several views at once, a save) are closed after this much idle time, so a
# server with max_connections = 100 carries some 45 desktops directly (one kept + LISTEN each), not 20.
SPARE_IDLE_SECONDS = 1.0
# How long a thread keeps the connection of its last direct statement outside the pool for the next one (skipping
# the pool's checkout and checkin: 55 -> 20 us of client time per statement, a clerk issuing line after line). Any
# other checkout takes a held connection back first (BudgetPool.reclaim), so the refetch an issue sets off on
# another thread uses that connection instead of opening a second one (the connection budget: 3.25 per desktop at
# the peak of 60 desktops when held connections were not taken back). 0: handed back at once.
HOLD_DIRECT_SECONDS = PING_AFTER_IDLE_SECONDS
MAX_CONNECTIONS = 10  # at once, per desktop (4 read threads + 1 write thread + the direct statement's)
# The hard cap of the connection budget: this many connections serve the desktop's threads at once; a thread that
# finds them all in use waits for one (its work is queued, the server sees no second connection). A thread that
# already holds one (a direct statement inside an open unit of work) may open another, up to MAX_CONNECTIONS, so
# nothing waits for itself. Measured at 60 desktops: 2.5 connections per desktop at the peak without the cap.
SHARED_CONNECTIONS = 1
# URL parameters of our own (taken off the URL before it reaches the driver):
#   erp_pooler=transaction  the URL names PgBouncer (or another pooler) in transaction mode: no named prepared
#                           statements (Debian's PgBouncer 1.18 cannot route them), LISTEN not through it
#   erp_listen_host=, erp_listen_port=  where LISTEN connects instead (the server itself, past the pooler)
POOLER_PARAM, LISTEN_HOST_PARAM, LISTEN_PORT_PARAM = "erp_pooler", "erp_listen_host", "erp_listen_port"
POOLER_MODES = ("transaction", "session")


@dataclass
class Database:
    """An engine and its session factory; what every service gets as ``db``."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    # in-process listeners for change notifications (SQLite; PostgreSQL uses LISTEN too)
    local_listeners: list = field(default_factory=list)
    # SQLite: write transactions this process committed (the data_version poller tells them from other processes')
    local_commits: int = 0
    # "transaction" when the URL names a pooler in transaction mode (erp_pooler=transaction)
    pooler: str | None = None
    # where LISTEN connects: the URL itself, the server past the pooler (erp_listen_host/port), or None when
    # behind a transaction pooler with no direct address (LISTEN through it would hear nothing)
    listen_url: str | None = None
    # per thread id: the pooled connection of the last direct statement and when it was used (see execute_direct)
    _held: dict = field(default_factory=dict, repr=False, compare=False)
    _held_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _held_timer: threading.Timer | None = field(default=None, repr=False, compare=False)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def is_postgres(self) -> bool:
        return self.backend == "postgresql"

    def dispose(self) -> None:
        with self._held_lock:
            timer, self._held_timer = self._held_timer, None
        if timer is not None:
            timer.cancel()
        self.release_held()
        self.engine.dispose()

    def execute_direct(self, statement: str, args: Sequence[object]) -> tuple | None:
        """PostgreSQL: one statement outside any transaction block (it may be a CALL of a procedure that
        commits by itself); its first row, or None. It goes straight through the driver's protocol layer:
        the cursor layer would add about 150 us of client CPU per call (measured 205 -> 54 us), a fifth of
        a whole stock issue. Arguments travel as text, so the statement casts its parameters ($1::bigint...).
        Prepared once per connection (a CALL runs measurably faster prepared: 1 client 820 -> 1070 per second),
        except behind a transaction pooler (``pooler``), where a named prepared statement would meet another
        desktop's server connection: there it is sent unnamed, parsed each time. Driver errors come out as SQLAlchemy's DBAPIError, and a connection found dead leaves the pool."""
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

                if self.pooler is None:
                    result = _checked(driver, _exec_prepared(pooled, statement, values, sending))
                else:
                    sending()
                    result = _checked(driver, pgconn.exec_params(statement.encode(), values))
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

    def release_held(self) -> None:
        """Every held direct connection (idle: one in use is not held) back to the pool, because another checkout
        wants one: the pool calls this before it hands out or opens a connection."""
        if not self._held:  # the common case, without the lock (a dict's truth is read atomically)
            return
        with self._held_lock:
            held, self._held = list(self._held.values()), {}
        for pooled, used_at in held:
            self._release(pooled, used_at)

    def _take_direct_connection(self):
        """The connection this thread's last direct statement used if that was a moment ago; else one from the
        pool (whose checkout pings a connection that sat idle). Statements in quick succession - a clerk
        issuing line after line - skip the pool's checkout and checkin (HOLD_DIRECT_SECONDS). A held connection
        goes back to the pool once it sat idle that long (a timer), so a desktop between issues holds none outside
        the pool, and at once when another thread checks one out or waits for one (release_held)."""
        with self._held_lock:
            pooled, used_at = self._held.pop(threading.get_ident(), (None, 0.0))
        if pooled is not None:
            if time.monotonic() - used_at < HOLD_DIRECT_SECONDS and not _has_input_while_idle(pooled):
                return pooled
            self._release(pooled, used_at)
        return self.engine.raw_connection()

    def _keep_direct_connection(self, pooled, reusable: bool) -> None:
        if not reusable:
            pooled.close()
            return
        now = time.monotonic()
        if HOLD_DIRECT_SECONDS > 0:
            with self._held_lock:  # a thread that starts waiting after this look finds it held (BudgetPool)
                if not getattr(self.engine.pool, "waiting", 0):
                    self._held[threading.get_ident()] = (pooled, now)
                    if self._held_timer is None:
                        self._held_timer = _daemon_timer(HOLD_DIRECT_SECONDS, self._release_idle_held)
                    return
        self._release(pooled, now)  # used just now: the next checkout skips the ping

    def _release_idle_held(self) -> None:
        """Timer: hand the held connections that sat idle back to the pool; look again while some are held."""
        now = time.monotonic()
        with self._held_lock:
            idle = [(key, entry) for key, entry in self._held.items() if now - entry[1] >= HOLD_DIRECT_SECONDS]
            for key, _entry in idle:
                del self._held[key]
            self._held_timer = _daemon_timer(HOLD_DIRECT_SECONDS, self._release_idle_held) if self._held else None
        for _key, (pooled, used_at) in idle:
            self._release(pooled, used_at)

    @staticmethod
    def _release(pooled, used_at: float) -> None:
        pooled.info[_LAST_USED] = used_at  # its idle time counts from its last use, not from this checkin
        pooled.close()


def _daemon_timer(seconds: float, fn) -> threading.Timer:
    timer = threading.Timer(seconds, fn)
    timer.daemon = True
    timer.start()
    return timer


class BudgetPool(QueuePool):
    """A QueuePool that keeps ``pool_size`` connections while idle; the overflow a burst opened is kept for
    ``spare_seconds`` after it is handed back (the next burst reuses it, most recent first) and then closed by a
    timer. SQLAlchemy's QueuePool closes overflow at once on checkin, and never closes what fits in pool_size.
    With ``shared`` (the desktop's hard cap) threads that hold no connection of it wait for one of ``shared``
    connections instead of opening more; a thread that holds one already may open another (never waits for
    itself)."""

    def __init__(self, creator, *, spare_seconds: float = SPARE_IDLE_SECONDS, shared: int | None = None, **kw):
        super().__init__(creator, **kw)
        self._spare_seconds = spare_seconds
        self._shared = shared  # the hard cap for threads that hold none (None: only max_overflow's)
        self._holders: dict[int, int] = {}  # id(record) -> the thread it was handed to
        self._cap_free = threading.Condition()
        self._spares: list = []  # (record, handed back at), most recent last
        self._spares_lock = threading.Lock()
        self._spares_timer: threading.Timer | None = None
        self.reclaim = None  # the Database's release_held: its idle held direct connections, back on demand
        self._queue: list = []  # threads waiting for one of the shared connections, in order (none is then held)

    def _do_return_conn(self, record) -> None:
        with self._spares_lock:
            self._holders.pop(id(record), None)
        try:
            self._pool.put(record, False)
        except sqla_queue.Full:
            with self._spares_lock:
                self._spares.append((record, time.monotonic()))
                if self._spares_timer is None:
                    self._spares_timer = _daemon_timer(self._spare_seconds, self._close_idle_spares)
        if self._shared is not None:
            with self._cap_free:
                self._cap_free.notify_all()  # the first in line takes it (the others wait again)

    @property
    def waiting(self) -> int:
        return len(self._queue)

    def _do_get(self):
        if self.reclaim is not None:
            self.reclaim()
        record = self._get_within_cap()
        with self._spares_lock:
            self._holders[id(record)] = threading.get_ident()
        return record

    def _get_within_cap(self):
        with self._spares_lock:
            if self._spares:
                return self._spares.pop()[0]
            holds_one = threading.get_ident() in self._holders.values()
        if self._shared is None or holds_one:
            return super()._do_get()  # no cap, or a thread that holds one already: never waits for itself
        deadline = time.monotonic() + self._timeout
        turn = object()
        with self._cap_free:
            self._queue.append(turn)  # first come, first served: a thread issuing line after line cannot
            try:  # take the connection back before a thread that waits for it
                while True:
                    if self._queue[0] is turn:
                        if self.reclaim is not None:  # one held since this thread began to wait (after its use)
                            self.reclaim()
                        try:  # the shared connection, if it is back in the pool
                            return self._pool.get(False)
                        except sqla_queue.Empty:
                            pass
                        with self._spares_lock:
                            if self._spares:
                                return self._spares.pop()[0]
                        if self._pool.maxsize + self._overflow < self._shared:
                            return super()._do_get()  # room for one more within the cap
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise exc.TimeoutError(f"the desktop's {self._shared} connection(s) stayed busy for "
                                               f"{self._timeout:.0f} s", code="3o7r")
                    self._cap_free.wait(min(left, 0.5))  # woken when one comes back
            finally:
                self._queue.remove(turn)
                self._cap_free.notify_all()  # the next in line looks again

    def _close_idle_spares(self) -> None:
        now = time.monotonic()
        with self._spares_lock:
            idle = [entry for entry in self._spares if now - entry[1] >= self._spare_seconds]
            self._spares = [entry for entry in self._spares if now - entry[1] < self._spare_seconds]
            self._spares_timer = (_daemon_timer(self._spare_seconds, self._close_idle_spares)
                                  if self._spares else None)
        for record, _returned in idle:
            try:
                record.close()
            finally:
                self._dec_overflow()

    def spare_count(self) -> int:
        with self._spares_lock:
            return len(self._spares)

    def dispose(self) -> None:
        with self._spares_lock:
            spares, self._spares = self._spares, []
            timer, self._spares_timer = self._spares_timer, None
        if timer is not None:
            timer.cancel()
        for record, _returned in spares:
            try:
                record.close()
            finally:
                self._dec_overflow()
        super().dispose()

    def recreate(self) -> BudgetPool:
        self.logger.info("Pool recreating")
        pool = self.__class__(self._creator, spare_seconds=self._spare_seconds, shared=self._shared, pool_size=self._pool.maxsize,
                              max_overflow=self._max_overflow, pre_ping=self._pre_ping, use_lifo=self._pool.use_lifo,
                              timeout=self._timeout, recycle=self._recycle, echo=self.echo,
                              logging_name=self._orig_logging_name, reset_on_return=self._reset_on_return,
                              _dispatch=self.dispatch, dialect=self._dialect)
        pool.reclaim = self.reclaim
        return pool


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


def split_url(url: str) -> tuple[str, str | None, str | None]:
    """(the URL for the driver, the pooler mode, the URL LISTEN connects to) from a URL with our parameters."""
    parsed = make_url(url)
    query = dict(parsed.query)
    pooler = query.pop(POOLER_PARAM, None)
    listen_host, listen_port = query.pop(LISTEN_HOST_PARAM, None), query.pop(LISTEN_PORT_PARAM, None)
    if pooler is not None and pooler not in POOLER_MODES:
        from erp_desktop.errors import QT_TRANSLATE_NOOP, ConfigurationError

        raise ConfigurationError(QT_TRANSLATE_NOOP("errors", "Unknown {param}={value}: use one of {modes}."),
                                 param=POOLER_PARAM, value=pooler, modes=", ".join(POOLER_MODES))
    parsed = parsed.set(query=query)
    listen = parsed
    if listen_host or listen_port:
        listen = parsed.set(host=listen_host or parsed.host, port=int(listen_port) if listen_port else None)
    elif pooler == "transaction":
        listen = None  # LISTEN through a transaction pooler hears nothing
    render = lambda u: u.render_as_string(hide_password=False)  # noqa: E731
    return render(parsed), (pooler if pooler != "session" else None), (render(listen) if listen else None)


def create_database(url: str, *, pool_size: int = 1, max_connections: int = MAX_CONNECTIONS,
                    shared_connections: int | None = SHARED_CONNECTIONS, spare_seconds: float = SPARE_IDLE_SECONDS,
                    echo: bool = False) -> Database:
    """``pool_size`` connections are kept while idle, up to ``max_connections`` open at once (PostgreSQL);
    threads share ``shared_connections`` of them (at least ``pool_size``; None: no cap below
    ``max_connections``), the others wait for one unless they already hold one."""
    parsed = make_url(url)
    pooler = listen_url = None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 10})
        _configure_sqlite(engine)
    elif parsed.get_backend_name() == "postgresql":
        driver_url, pooler, listen_url = split_url(url)
        connect_args = {"connect_timeout": 5, "application_name": "erp-desktop", **DEAD_PEER_OPTIONS}
        connect_args.update(make_url(driver_url).query)  # e.g. an application_name in the URL wins
        if pooler is not None:
            connect_args["prepare_threshold"] = None  # psycopg's automatic prepares would collide in the pooler
        engine = create_engine(
            driver_url,
            echo=echo,
            poolclass=BudgetPool,
            pool_size=pool_size,
            max_overflow=max(0, max_connections - pool_size),
            connect_args=connect_args,
        )
        engine.pool._spare_seconds = spare_seconds  # create_engine passes on only the pool options it knows
        engine.pool._shared = None if shared_connections is None else max(shared_connections, pool_size)
        _ping_connections_idle_for(engine, PING_AFTER_IDLE_SECONDS)
    else:
        from erp_desktop.errors import QT_TRANSLATE_NOOP, ConfigurationError

        raise ConfigurationError(
            QT_TRANSLATE_NOOP("errors", "Unsupported database '{backend}'. Use a sqlite:/// path or a postgresql:// URL."), backend=parsed.get_backend_name()
        )
    sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)
    db = Database(url=url, engine=engine, sessions=sessions, pooler=pooler, listen_url=listen_url)
    if isinstance(engine.pool, BudgetPool):
        engine.pool.reclaim = db.release_held
    return db
