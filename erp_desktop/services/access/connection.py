"""Opening a database for the app: connect, check the schema, explain failures plainly."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from erp_desktop.db import migrate
from erp_desktop.db.engine import Database, create_database
from erp_desktop.errors import QT_TRANSLATE_NOOP, ConfigurationError, DatabaseUnavailable, ErpError
from erp_desktop.services.admin import backup

log = logging.getLogger(__name__)


def _explain(url: str, error: Exception) -> ErpError:
    parsed = make_url(url)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    message = str(getattr(error, "orig", error)).lower()
    if "password authentication failed" in message or "no password supplied" in message:
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP("errors", "The server at {where} refused the user name or password for '{username}'. Open Connection... and enter the right database password."), where=where, username=parsed.username
        )
    if "does not exist" in message and "database" in message:
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP("errors", "The server at {where} has no database '{database}'. Check the name in Connection..., or ask your administrator to create it."), where=where, database=parsed.database
        )
    if parsed.get_backend_name() == "sqlite":
        return DatabaseUnavailable(QT_TRANSLATE_NOOP("errors", "Cannot open the database file {database}: {reason}."), database=parsed.database, reason=str(getattr(error, "orig", error)))
    return DatabaseUnavailable(
        QT_TRANSLATE_NOOP("errors", "Cannot reach the database server at {where}. Check that the server is running and the network is up, or fix the address in Connection..., then try again."), where=where
    )


def open_database(url: str, *, auto_upgrade: bool | None = None, backup_in_background: bool = False) -> Database:
    """Connect and check the schema revision. The embedded SQLite file is checked first (an existing file that
    cannot be read is refused, never made into a new database), backed up before it upgrades itself, and
    backed up once a day (``backup_in_background``: on a thread of its own, for the app)."""
    try:
        embedded = backup.embedded_file(url)
    except ArgumentError as error:
        raise ConfigurationError(QT_TRANSLATE_NOOP("errors", "The database address is not valid: {error}"), error=error) from None
    if embedded is not None:
        backup.check_embedded_file(embedded)
    try:
        db = create_database(url)
    except ArgumentError as error:
        raise ConfigurationError(QT_TRANSLATE_NOOP("errors", "The database address is not valid: {error}"), error=error) from None
    if auto_upgrade is None:
        auto_upgrade = db.backend == "sqlite"
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        if auto_upgrade:
            backup.backup_before_upgrade(db)
        migrate.check_schema(db, auto_upgrade=auto_upgrade)
        if embedded is not None and not is_empty(db):
            (backup.start_daily_backup if backup_in_background else backup.take_daily_backup)(embedded)
    except ErpError:
        db.dispose()
        raise
    except DBAPIError as error:
        db.dispose()
        log.warning("cannot open %s: %s", make_url(url).render_as_string(hide_password=True), error)
        damaged = backup.damaged_error(embedded, error) if embedded is not None else None
        raise (damaged or _explain(url, error)) from None
    return db


def is_empty(db: Database) -> bool:
    from erp_desktop.services.access.auth import has_users

    return not has_users(db)


def schema_status(url: str) -> tuple[str | None, str]:
    """(current revision, head revision) for `erp-desktop db current`."""
    embedded = backup.embedded_file(url)
    if embedded is not None:
        backup.check_embedded_file(embedded)
    db = create_database(url)
    try:
        return migrate.current_revision(db), migrate.head_revision()
    except DBAPIError as error:
        raise _explain(url, error) from None
    finally:
        db.dispose()


def upgrade_database(url: str) -> str:
    embedded = backup.embedded_file(url)
    if embedded is not None:
        backup.check_embedded_file(embedded)
    db = create_database(url)
    try:
        backup.backup_before_upgrade(db)
        migrate.upgrade(db)
        return migrate.current_revision(db)
    except DBAPIError as error:
        raise _explain(url, error) from None
    finally:
        db.dispose()


def server_setup_sql(admin_url: str, *, prefix: str, migrator_password: str, desktop_password: str,
                     previous_owner: str | None) -> list[str]:
    """The set-up's SQL, for a DBA to run by hand."""
    from erp_desktop.db.roles_setup import setup_statements
    from erp_desktop.db.security import RoleNames

    return setup_statements(RoleNames.from_prefix(prefix), make_url(admin_url).database or "erp",
                            migrator_password=migrator_password, desktop_password=desktop_password,
                            previous_owner=previous_owner)


def set_up_server(admin_url: str, *, prefix: str, migrator_password: str, desktop_password: str,
                  previous_owner: str | None, lock_other_databases: bool = True):
    """`erp-desktop db setup`: the three roles on the plant's database; what could not be done is reported."""
    from erp_desktop.config import normalise_url
    from erp_desktop.db.roles_setup import run_setup

    admin_url = normalise_url(admin_url)
    try:
        return run_setup(admin_url, prefix=prefix, migrator_password=migrator_password,
                         desktop_password=desktop_password, previous_owner=previous_owner,
                         lock_other_databases=lock_other_databases)
    except DBAPIError as error:
        raise _explain(admin_url, error) from None
