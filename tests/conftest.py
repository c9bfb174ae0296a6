"""Shared fixtures. Service tests run on SQLite and on PostgreSQL (``db`` is parametrised).

PostgreSQL: ERP_TEST_PG_URL names a server; a throwaway database is created for the run.
Without it the PostgreSQL half is skipped locally, but on CI (CI=true) it must run:
a missing or unreachable server fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the app starts in the system's language: tests expect English whatever this machine's locale is
os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from erp_desktop.db import migrate  # noqa: E402
from erp_desktop.db.engine import create_database  # noqa: E402
from erp_desktop.db.models import Base  # noqa: E402

PG_ENV = "ERP_TEST_PG_URL"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ERP_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("ERP_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def _fast_bcrypt(monkeypatch):
    """bcrypt at cost 4 in tests; the cost is the only difference."""
    from erp_desktop.services.access import auth

    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    original = auth.hash_password
    monkeypatch.setattr(auth, "hash_password", lambda password, rounds=4: original(password, 4))
    from erp_desktop.services.admin import users

    monkeypatch.setattr(users, "hash_password", lambda password, rounds=4: original(password, 4))


# --------------------------------------------------------------------------- SQLite


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = create_database(f"sqlite:///{path}")
    migrate.upgrade(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def _sqlite_db(sqlite_template, tmp_path):
    path = tmp_path / f"erp-{uuid.uuid4().hex[:8]}.db"
    shutil.copy(sqlite_template, path)
    database = create_database(f"sqlite:///{path}")
    database.admin = database  # one person's file: whoever opens it may do anything
    return database


# --------------------------------------------------------------------------- PostgreSQL


def _pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if ON_CI:
            pytest.fail(f"{PG_ENV} is not set on CI: the PostgreSQL half of the tests must run")
        return None
    from erp_desktop.config import normalise_url

    return normalise_url(url)


@dataclass(frozen=True)
class PgTestDatabase:
    """A throwaway database set up as a plant's would be (db setup): an owner role, a migration login and the
    desktops' login. Services are tested as the desktops' login, fixtures write through ``admin``."""

    name: str
    desktop: str  # URL of the desktops' login: what every service test and desktop uses
    migrator: str  # URL of the migration login (member of the owner role)
    admin: str  # URL of the superuser, on this database
    roles: object


def _create_pg_test_database(admin_url: str) -> PgTestDatabase:
    from erp_desktop.db.roles_setup import run_setup

    token = uuid.uuid4().hex[:10]
    name, prefix = f"erp_test_{token}", f"erp_t{token}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    on_db = make_url(admin_url).set(database=name)
    report = run_setup(on_db.render_as_string(hide_password=False), prefix=prefix, migrator_password=None,
                       desktop_password=None, lock_other_databases=False)
    assert not report.not_done, report.not_done
    roles = report.roles
    database = PgTestDatabase(
        name=name,
        desktop=on_db.set(username=roles.desktop, password=None).render_as_string(hide_password=False),
        migrator=on_db.set(username=roles.migrator, password=None).render_as_string(hide_password=False),
        admin=on_db.render_as_string(hide_password=False),
        roles=roles,
    )
    owner_db = create_database(database.migrator)
    migrate.upgrade(owner_db)
    with owner_db.engine.begin() as connection:  # bcrypt at cost 4 on the server too, as in _fast_bcrypt
        connection.execute(text("UPDATE security_settings SET password_hash_cost = 4"))
    owner_db.dispose()
    return database


def _drop_pg_test_database(admin_url: str, database: PgTestDatabase) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"),
            {"name": database.name},
        )
        connection.execute(text(f'DROP DATABASE IF EXISTS "{database.name}"'))
        for role in (database.roles.desktop, database.roles.migrator, database.roles.owner):
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_test_database(tmp_path_factory):
    """The run's throwaway PostgreSQL database (one per xdist worker)."""
    admin_url = _pg_admin_url()
    if admin_url is None:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL half skipped (it runs on CI)")
    try:
        database = _create_pg_test_database(admin_url)
    except Exception as error:  # noqa: BLE001
        if ON_CI:
            pytest.fail(f"PostgreSQL at {admin_url} is unreachable on CI: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    yield database
    _drop_pg_test_database(admin_url, database)


@pytest.fixture(scope="session")
def pg_url(pg_test_database) -> str:
    """URL of the run's throwaway, migrated database, as the desktops' login."""
    return pg_test_database.desktop


def _truncate_all(admin) -> None:
    from erp_desktop.db.security import SHARED_TABLES  # the rules' server copies and the settings row stay

    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables
                       if table.name not in SHARED_TABLES)
    with admin.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))  # append-only triggers off
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text("UPDATE security_settings SET max_failed_attempts = 5, lockout_minutes = 15, "
                                "idle_lock_minutes = 15, min_password_length = 8, password_hash_cost = 4, "
                                "session_hours = 24"))


def _pg_db(pg_test_database):
    """The desktops' view of the database, with ``admin`` (the superuser) for what fixtures set up."""
    admin = create_database(pg_test_database.admin, shared_connections=None)
    _truncate_all(admin)
    # threads of a test that race stand for several desktops: no one-connection cap (db/engine.SHARED_CONNECTIONS)
    database = create_database(pg_test_database.desktop, shared_connections=None)
    database.admin = admin
    return database


def _dispose(database) -> None:
    admin = getattr(database, "admin", None)
    if admin is not None and admin is not database:
        admin.dispose()
    database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, sqlite_template, tmp_path):
    if request.param == "sqlite":
        database = _sqlite_db(sqlite_template, tmp_path)
    else:
        database = _pg_db(request.getfixturevalue("pg_test_database"))
    yield database
    _dispose(database)


@pytest.fixture
def sqlite_db(sqlite_template, tmp_path):
    database = _sqlite_db(sqlite_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def pg_db(pg_test_database):
    database = _pg_db(pg_test_database)
    yield database
    _dispose(database)


# --------------------------------------------------------------------------- people


@pytest.fixture
def plant(db):
    """An organisation with one user per role; returns a namespace of Actors."""
    from tests.factories import make_plant

    return make_plant(db)
