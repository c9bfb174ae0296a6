"""Backups: the embedded SQLite file keeps its own (before every schema upgrade, one a day, on request) in a
``backups`` folder beside it, and can be restored from one; a PostgreSQL database is dumped with pg_dump.

Kept: the last 7 daily copies, the last 5 taken before an upgrade, the last 3 taken before a restore; copies
asked for by hand (``erp-desktop db backup``) are never removed. Names say what and when:
``erp-daily-20261202-081500.db``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import subprocess
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from erp_desktop.db import migrate, sqlite_file
from erp_desktop.db.engine import Database
from erp_desktop.domain.roles import Op
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    ConfigurationError,
    DatabaseDamaged,
    DatabaseUnavailable,
    Text,
    ValidationError,
)
from erp_desktop.services.actor import Actor

log = logging.getLogger(__name__)

DAILY = "daily"
BEFORE_UPGRADE = "before-upgrade"
BEFORE_RESTORE = "before-restore"
MANUAL = "manual"
KEPT = {DAILY: 7, BEFORE_UPGRADE: 5, BEFORE_RESTORE: 3}  # MANUAL: all
DAMAGED = "damaged"  # a replaced file that could not be read: kept for the record, never offered
_STAMP = "%Y%m%d-%H%M%S"
_KINDS = (DAILY, BEFORE_UPGRADE, BEFORE_RESTORE, MANUAL)
_daily_lock = threading.Lock()  # two sign-ins in quick succession take one daily copy, not two


@dataclass(frozen=True)
class BackupInfo:
    path: str
    kind: str  # daily, before-upgrade, before-restore, manual
    taken_at: datetime  # local time, from the name
    size: int  # bytes


@dataclass(frozen=True)
class RestoreResult:
    database: str  # the file now holding the restored data
    restored_from: BackupInfo
    previous_kept_as: str | None  # where the replaced file went (a backup, or the damaged file kept aside)


# --------------------------------------------------------------------------- where things are


def embedded_file(url: str) -> Path | None:
    """The file of an embedded SQLite database URL; None for PostgreSQL and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def backups_folder(database: Path) -> Path:
    return Path(database).parent / "backups"


def _pattern(database: Path) -> re.Pattern:
    kinds = "|".join(re.escape(kind) for kind in _KINDS)
    return re.compile(rf"^{re.escape(Path(database).stem)}-({kinds})-(\d{{8}}-\d{{6}})(?:-\d+)?\.db$")


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of ``database``, newest first."""
    folder, pattern = backups_folder(database), _pattern(database)
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = pattern.match(entry.name)
            if match and entry.is_file():
                taken_at = datetime.strptime(match.group(2), _STAMP)
                found.append(BackupInfo(str(entry), match.group(1), taken_at, entry.stat().st_size))
    return sorted(found, key=lambda info: (info.taken_at, info.path), reverse=True)


def latest_backup(database: Path) -> BackupInfo | None:
    """The newest backup that passes the same check as the database file (a damaged one is passed over)."""
    for info in list_backups(database):
        if sqlite_file.file_problem(Path(info.path)) is None:
            return info
    return None


def _new_name(database: Path, kind: str, now: datetime) -> Path:
    folder = backups_folder(database)
    base = f"{Path(database).stem}-{kind}-{now.strftime(_STAMP)}"
    candidate, n = folder / f"{base}.db", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{base}-{n}.db"
    return candidate


# --------------------------------------------------------------------------- taking backups


def take_backup(database: Path, kind: str = MANUAL, *, to: Path | None = None, now: datetime | None = None) -> BackupInfo:
    """An online backup of the embedded file (safe while the app uses it), then the old ones of its kind
    beyond what is kept are removed."""
    now = now or datetime.now()
    target = Path(to) if to is not None else _new_name(database, kind, now)
    try:
        sqlite_file.online_backup(Path(database), target)
    except sqlite3.DatabaseError as error:
        raise _damaged(Path(database), str(error)) from None
    except OSError as error:
        raise DatabaseUnavailable(QT_TRANSLATE_NOOP("errors", "Cannot write the backup {target}: {reason}."), target=target, reason=str(error.strerror or error)) from None
    _rotate(database, kind)
    return BackupInfo(str(target), kind, now.replace(microsecond=0), target.stat().st_size)


def _rotate(database: Path, kind: str) -> None:
    keep = KEPT.get(kind)
    if keep is None:
        return
    for old in [info for info in list_backups(database) if info.kind == kind][keep:]:
        Path(old.path).unlink(missing_ok=True)


def take_daily_backup(database: Path, *, now: datetime | None = None) -> BackupInfo | None:
    """Today's copy, unless there is one already (then None). A failure is logged, never in the user's way."""
    now = now or datetime.now()
    with _daily_lock:
        if any(info.kind == DAILY and info.taken_at.date() == now.date() for info in list_backups(database)):
            return None
        try:
            return take_backup(database, DAILY, now=now)
        except (DatabaseUnavailable, DatabaseDamaged):
            log.exception("daily backup of %s failed", database)
            return None


def start_daily_backup(database: Path) -> threading.Thread:
    """take_daily_backup on a thread of its own: the app does not wait for it (a big file takes seconds; the
    online backup reads beside the app's own work). Cut short by the app's exit, it leaves no backup behind."""
    thread = threading.Thread(target=take_daily_backup, args=(Path(database),), name="erp-daily-backup", daemon=True)
    thread.start()
    return thread


def backup_before_upgrade(db: Database) -> BackupInfo | None:
    """A copy of an embedded database with data about to be migrated to a newer schema (None: nothing to do)."""
    database = embedded_file(db.url)
    if database is None or not database.exists():
        return None
    current = migrate.current_revision(db)
    if current is None or current == migrate.head_revision():
        return None
    info = take_backup(database, BEFORE_UPGRADE)
    log.info("backup before upgrading %s from %s: %s", database, current, info.path)
    return info


# --------------------------------------------------------------------------- checking the file


def check_embedded_file(database: Path) -> None:
    """An existing database file that SQLite cannot read through is refused, never made into a new database:
    DatabaseDamaged names the latest backup that could replace it."""
    problem = sqlite_file.file_problem(Path(database))
    if problem is not None:
        raise _damaged(Path(database), problem)


def _damaged(database: Path, problem: str) -> DatabaseDamaged:
    latest = latest_backup(database)
    if latest is not None:
        advice = Text(QT_TRANSLATE_NOOP("errors", "Restore the latest backup, taken {taken} ({name}): "
                  "Restore from backup, or erp-desktop db restore on the command line. What was recorded after "
                  "it must be entered again."), taken=f"{latest.taken_at:%Y-%m-%d %H:%M}", name=Path(latest.path).name)
    else:
        advice = Text(QT_TRANSLATE_NOOP("errors", "No backup of it was found in {folder}. Put a good copy of the file in its "
                  "place, or move the file away to start with a new, empty database."), folder=backups_folder(database))
    return DatabaseDamaged(QT_TRANSLATE_NOOP("errors", "The database file {database} {problem}. It was not opened, so nothing in it has been changed. {advice}"), database=database, problem=problem, advice=advice, path=str(database),
                           latest_backup=latest.path if latest is not None else None)


def damaged_error(database: Path, error: BaseException) -> DatabaseDamaged | None:
    """A database error that says the embedded file is damaged (also inside SQLAlchemy's wrapper) as
    DatabaseDamaged; None for any other error."""
    if sqlite_file.says_file_is_damaged(getattr(error, "orig", error)):
        return _damaged(database, "is damaged")
    return None


# --------------------------------------------------------------------------- restoring


def can_restore(db: Database, actor: Actor) -> bool:
    """Whether File > Restore from backup applies: an administrator on the embedded file."""
    return actor.can(Op.MANAGE_SETTINGS) and embedded_file(db.url) is not None


def backups_of(db: Database, actor: Actor) -> list[BackupInfo]:
    """Administrators: the backups of the embedded database the app is using, newest first."""
    actor.require(Op.MANAGE_SETTINGS)
    database = embedded_file(db.url)
    return list_backups(database) if database is not None else []


def restore_backup(db: Database, actor: Actor, backup: str | Path) -> RestoreResult:
    """Administrators: replace the embedded database the app is using with a backup. Every connection of
    ``db`` is closed; the app signs in again afterwards (the restored file has its own users and sessions)."""
    actor.require(Op.MANAGE_SETTINGS)
    database = embedded_file(db.url)
    if database is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Only the embedded database file is restored here. A PostgreSQL database is restored on the server with pg_restore (see README)."))
    db.dispose()
    try:
        return restore_file(database, Path(backup))
    finally:
        db.dispose()  # connections a view opened meanwhile pointed at the old file


def restore_file(database: Path, backup: Path) -> RestoreResult:
    """Replace the file ``database`` with ``backup``: the backup is checked, copied next to the database with
    the online backup API, the copy checked again, then put in place with one atomic rename. A readable old
    file is kept as a before-restore backup; one that cannot be read is kept aside as ``...-damaged-...db``.
    Nothing may have the file open (the app closes its connections first)."""
    database, backup = Path(database), Path(backup)
    source = _checked_backup(database, backup)
    staged = database.with_name(f".{database.name}.restoring")
    try:
        sqlite_file.online_backup(backup, staged)
    except sqlite3.DatabaseError as error:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The backup {backup} cannot be read ({error}). Choose another one."), backup=backup, error=error,
                              field="backup") from None
    try:
        keep_as = None
        if database.exists():
            readable = sqlite_file.file_problem(database) is None
            keep_as = _new_name(database, BEFORE_RESTORE if readable else DAMAGED, datetime.now())
        sqlite_file.replace_file(database, staged, keep_as=keep_as)
    finally:
        staged.unlink(missing_ok=True)
    if keep_as is not None:
        _rotate(database, BEFORE_RESTORE)
    log.info("restored %s from %s (previous file kept as %s)", database, backup, keep_as)
    return RestoreResult(str(database), source, str(keep_as) if keep_as is not None else None)


def _checked_backup(database: Path, backup: Path) -> BackupInfo:
    if not backup.is_file():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "There is no backup file {backup}."), backup=backup, field="backup")
    problem = sqlite_file.file_problem(backup)
    if problem is not None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The backup {backup} {problem}. Choose another one."), backup=backup, problem=problem, field="backup")
    revision = sqlite_file.schema_revision(backup)
    if revision is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{backup} is not an erp-desktop database. Choose one of its backups."), backup=backup, field="backup")
    if revision not in _known_revisions():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The backup {backup} was made by a newer version of erp-desktop (schema {revision}). Install that version to restore it."), backup=backup, revision=revision, field="backup")
    for info in list_backups(database):
        if Path(info.path).resolve() == backup.resolve():
            return info
    taken = datetime.fromtimestamp(backup.stat().st_mtime).replace(microsecond=0)
    return BackupInfo(str(backup), MANUAL, taken, backup.stat().st_size)


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


# --------------------------------------------------------------------------- the command line


def backup_database(url: str, to: Path | None = None) -> str:
    """``erp-desktop db backup``: the embedded file's online backup (into its backups folder unless ``to``), or
    a PostgreSQL database's pg_dump in custom format (into the current folder unless ``to``). The file written."""
    database = embedded_file(url)
    if database is not None:
        if not database.exists():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "There is no database file {database} to back up."), database=database)
        check_embedded_file(database)
        return take_backup(database, MANUAL, to=to).path
    if make_url(url).get_backend_name() == "postgresql":
        return pg_dump(url, to)
    raise ConfigurationError(QT_TRANSLATE_NOOP("errors", "Only SQLite files and PostgreSQL databases can be backed up."))


def pg_dump(url: str, to: Path | None = None) -> str:
    """A custom-format dump (``pg_restore`` reads it) of the database at ``url``, written whole or not at all."""
    program = shutil.which("pg_dump")
    if program is None:
        raise ConfigurationError(
            QT_TRANSLATE_NOOP("errors", "pg_dump is not installed on this computer, so the PostgreSQL database cannot be backed up from here. Install the PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client; Windows: the PostgreSQL installer's command line tools) or run pg_dump on the server (see README).")
        )
    parsed = make_url(url)
    target = Path(to) if to is not None else Path.cwd() / f"{parsed.database}-{datetime.now().strftime(_STAMP)}.dump"
    partial = target.with_name(f".{target.name}.part")
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = parsed.password  # not on the command line, where others could see it
    conninfo = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    try:
        result = subprocess.run([program, "--format=custom", f"--file={partial}", f"--dbname={conninfo}"],
                                env=environment, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise DatabaseUnavailable(_pg_dump_failure(result.stderr, result.returncode))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return str(target)


def _pg_dump_failure(stderr: str, code: int) -> Text:
    """pg_dump's own first error line (its later lines give the query it was running)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error:" in line] or lines
    reason = errors[0].removeprefix("pg_dump: error: ") if errors else f"exit code {code}"
    if "permission denied" in reason or "row-level security" in reason:
        return Text(QT_TRANSLATE_NOOP("errors", "pg_dump failed: {reason}. Back up as a superuser: row-level security "
                                                "hides rows from other logins (see README: Backups)."), reason=reason)
    return Text(QT_TRANSLATE_NOOP("errors", "pg_dump failed: {reason}."), reason=reason)
