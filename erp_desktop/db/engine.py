"""Engines for the embedded SQLite file and for a shared PostgreSQL server."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

WRITE_OPTION = "erp_write"


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
            pool_pre_ping=True,
            pool_size=pool_size,
            max_overflow=5,
            connect_args={"connect_timeout": 5, "application_name": "erp-desktop"},
        )
    else:
        from erp_desktop.errors import ConfigurationError

        raise ConfigurationError(
            f"Unsupported database '{parsed.get_backend_name()}'. Use a sqlite:/// path or a postgresql:// URL."
        )
    sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)
    return Database(url=url, engine=engine, sessions=sessions)
