"""Alembic on both back ends: upgrade from empty, downgrade, upgrade again, models == migrations."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from erp_desktop.db import migrate
from erp_desktop.db.engine import create_database
from erp_desktop.db.models import Base
from erp_desktop.errors import SchemaMismatch


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path):
    if request.param == "sqlite":
        db = create_database(f"sqlite:///{tmp_path / 'empty.db'}")
        yield db
        db.dispose()
        return
    base_url = request.getfixturevalue("pg_test_database").admin
    name = f"erp_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    db = create_database(make_url(base_url).set(database=name).render_as_string(hide_password=False))
    yield db
    db.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_upgrade_downgrade_upgrade_and_no_drift(empty_db):
    migrate.upgrade(empty_db)
    assert migrate.current_revision(empty_db) == migrate.head_revision()
    migrate.downgrade(empty_db, "base")
    assert set(inspect(empty_db.engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(empty_db)
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_shared_server_schema_check_says_what_to_do(empty_db):
    with pytest.raises(SchemaMismatch, match="db upgrade"):
        migrate.check_schema(empty_db, auto_upgrade=False)
    migrate.upgrade(empty_db)
    migrate.check_schema(empty_db, auto_upgrade=False)
    with empty_db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    with pytest.raises(SchemaMismatch, match="newer"):
        migrate.check_schema(empty_db, auto_upgrade=False)


def test_embedded_file_upgrades_itself(tmp_path):
    db = create_database(f"sqlite:///{tmp_path / 'own.db'}")
    migrate.check_schema(db, auto_upgrade=True)
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()


def test_open_database_explains_a_missing_database(pg_url):
    from sqlalchemy.engine import make_url

    from erp_desktop.errors import DatabaseUnavailable
    from erp_desktop.services.access.connection import open_database

    missing = make_url(pg_url).set(database="no_such_db_here").render_as_string(hide_password=False)
    with pytest.raises(DatabaseUnavailable, match="no database 'no_such_db_here'"):
        open_database(missing)


def test_open_database_refuses_an_empty_schema_on_a_server(pg_test_database):
    from sqlalchemy.engine import make_url

    pg_url = pg_test_database.admin
    from erp_desktop.services.access.connection import open_database

    name = f"erp_empty_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        with pytest.raises(SchemaMismatch, match="empty"):
            open_database(make_url(pg_url).set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


def test_upgrade_to_lean_journal_keeps_every_row_and_the_append_only_guard(empty_db):
    """0004 rebuilds the journal tables on SQLite (foreign keys off meanwhile): an embedded file with a stock
    ledger in it comes through with every row, down to 0003 and up again, and the journal still refuses changes."""
    from erp_desktop.demo.plant import load_demo_plant

    migrate.upgrade(empty_db)
    load_demo_plant(empty_db)
    tables = ("stock_documents", "stock_movements", "audit_log", "reservations", "lots")

    def counts():
        with empty_db.engine.connect() as connection:
            return {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}

    before = counts()
    assert before["stock_movements"] > 0 and before["reservations"] > 0
    migrate.downgrade(empty_db, "0003")
    assert counts() == before
    migrate.upgrade(empty_db)
    assert counts() == before
    foreign_keys = {fk["referred_table"] for fk in inspect(empty_db.engine).get_foreign_keys("stock_movements")}
    assert foreign_keys == {"lots", "stock_documents"}
    for statement in ("DELETE FROM stock_movements", "UPDATE audit_log SET action = 'x'"):
        with pytest.raises(Exception, match="append-only"), empty_db.engine.begin() as connection:
            connection.execute(text(statement))
    if empty_db.backend == "sqlite":  # the connection that migrated goes back to the pool with foreign keys on
        with empty_db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_case_free_upgrade_with_case_twins_already_saved(empty_db):
    """Names that differ only in letter case (saved before 0005, when SQLite's check folded only A-Z):
    the embedded file upgrades and keeps both (it gets no index on folded keys); a server refuses with the
    names to rename, and changes nothing."""
    from erp_desktop.db.models import Organization, Part

    migrate.upgrade(empty_db, "0004")
    with empty_db.sessions.begin() as session:
        org = Organization(name="Plant")
        session.add(org)
        session.flush()
        # through the table, not the model: the model has columns later revisions add (0007: product_id, bom_id)
        session.execute(Part.__table__.insert(), [{"org_id": org.id, "code": code, "name": "Вал", "planned_qty": 1,
                                                   "version": 1} for code in ("Вал-1", "ВАЛ-1")])
    if empty_db.is_postgres:
        with pytest.raises(SchemaMismatch, match="parts.code: Вал-1 / ВАЛ-1"):
            migrate.upgrade(empty_db)
        assert migrate.current_revision(empty_db) == "0004"
        with empty_db.engine.connect() as connection:
            assert connection.execute(text("SELECT to_regproc('erp_fold')")).scalar() is None
        return
    migrate.upgrade(empty_db)
    with empty_db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM parts")).scalar_one() == 2
