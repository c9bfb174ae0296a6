"""Shared fixtures. Service tests run on SQLite and on PostgreSQL (``db`` is parametrised).

PostgreSQL: ERP_TEST_PG_URL names a server; a throwaway database is created for the run.
Without it the PostgreSQL half is skipped locally, but on CI (CI=true) it must run:
a missing or unreachable server fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
    from erp_desktop.services import auth

    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    original = auth.hash_password
    monkeypatch.setattr(auth, "hash_password", lambda password, rounds=4: original(password, 4))
    from erp_desktop.services import users

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
    return create_database(f"sqlite:///{path}")


# --------------------------------------------------------------------------- PostgreSQL


def _pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if ON_CI:
            pytest.fail(f"{PG_ENV} is not set on CI: the PostgreSQL half of the tests must run")
        return None
    from erp_desktop.config import normalise_url

    return normalise_url(url)


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory):
    """URL of a throwaway, migrated database for this test run (one per xdist worker)."""
    admin_url = _pg_admin_url()
    if admin_url is None:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL half skipped (it runs on CI)")
    name = f"erp_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001
        if ON_CI:
            pytest.fail(f"PostgreSQL at {admin_url} is unreachable on CI: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    db = create_database(url)
    migrate.upgrade(db)
    db.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"),
            {"name": name},
        )
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _truncate_all(db) -> None:
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with db.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))  # append-only triggers off
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, sqlite_template, tmp_path):
    if request.param == "sqlite":
        database = _sqlite_db(sqlite_template, tmp_path)
    else:
        database = create_database(request.getfixturevalue("pg_url"))
        _truncate_all(database)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_template, tmp_path):
    database = _sqlite_db(sqlite_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def pg_db(pg_url):
    database = create_database(pg_url)
    _truncate_all(database)
    yield database
    database.dispose()


# --------------------------------------------------------------------------- people


@pytest.fixture
def plant(db):
    """An organisation with one user per role; returns a namespace of Actors."""
    from tests.factories import make_plant

    return make_plant(db)
