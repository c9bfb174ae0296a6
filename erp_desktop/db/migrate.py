"""Schema revisions: upgrade, current, and the check a desktop makes at start."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from erp_desktop.db import security
from erp_desktop.db.engine import Database
from erp_desktop.errors import QT_TRANSLATE_NOOP, SchemaMismatch
from erp_desktop.paths import migrations_dir


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    _migrate(db, command.upgrade, revision)


_OWNER_OF_LOGIN = text(
    "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
    "WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = session_user) "
    "AND r.rolname LIKE '%\\_owner' AND NOT r.rolcanlogin ORDER BY r.rolname LIMIT 1"
)


def act_as_owner(connection) -> str | None:
    """PostgreSQL, in a transaction: a migration login (db setup) works as the schema's owner role, so every
    object it creates belongs to that role and never to a login; the role (None if the login is no member)."""
    owner = connection.execute(_OWNER_OF_LOGIN).scalar()
    if owner is not None:
        connection.exec_driver_sql(f'SET LOCAL ROLE "{owner}"')  # until the migration's transaction ends
    return owner


def downgrade(db: Database, revision: str) -> None:
    _migrate(db, command.downgrade, revision)


def _migrate(db: Database, step, revision: str) -> None:
    """One transaction. On SQLite a migration may rebuild a table that others refer to (its only way to
    drop a constraint), which is done with foreign keys off - SQLite's own recipe - and checked afterwards."""
    config = alembic_config()
    with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # a pragma SQLite ignores inside a transaction, so before BEGIN, on the driver
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if not sqlite:
                    act_as_owner(connection)
                config.attributes["connection"] = connection
                step(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("the migration left rows that refer to missing records")
                if not sqlite and MigrationContext.configure(connection).get_current_revision() == head_revision():
                    security.apply(connection)  # the server's copy of the rules, rendered from this code
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def is_empty(db: Database) -> bool:
    return not inspect(db.engine).get_table_names()


def check_schema(db: Database, *, auto_upgrade: bool) -> None:
    """Bring the embedded file up to date, or say plainly why a shared server cannot be used."""
    head = head_revision()
    try:
        current = current_revision(db)
    except OperationalError:
        raise
    if current == head:
        return
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaMismatch(
            QT_TRANSLATE_NOOP("errors", "The database is at schema revision {current}, which is newer than this copy of erp-desktop knows (newest known: {head}). Install the newer version of erp-desktop on this desktop."), current=current, head=head
        )
    if auto_upgrade:
        upgrade(db)
        return
    if current is None:
        raise SchemaMismatch(
            QT_TRANSLATE_NOOP("errors", "The database is empty. An administrator prepares it once with:\n    erp-desktop db upgrade --database <URL>\nthen creates the first user with erp-desktop create-admin.")
        )
    raise SchemaMismatch(
        QT_TRANSLATE_NOOP("errors", "The database is at an older schema revision ({current}; this version needs {head}). An administrator upgrades it with:\n    erp-desktop db upgrade --database <URL>"), current=current, head=head
    )
