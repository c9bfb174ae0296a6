"""The unit of work: one transaction, audit records and change notifications in it,
database errors translated to ErpError in one place, bounded retries for stock work."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from erp_desktop.db.engine import WRITE_OPTION, Database
from erp_desktop.db.models import AuditEntry, UserSession
from erp_desktop.db.sqlite_file import says_file_is_damaged
from erp_desktop.db.types import utcnow
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    AuthenticationFailed,
    ConcurrentModification,
    DatabaseDamaged,
    DatabaseUnavailable,
    ErpError,
    NotFound,
    PasswordChangeRequired,
    PermissionDenied,
    SchemaMismatch,
    ServerCannotSave,
    SessionEnded,
    Text,
    ValidationError,
)
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import odd_input_refusal
from erp_desktop.services.inputs import record_id as checked_id

log = logging.getLogger(__name__)
T = TypeVar("T")

NOTIFY_CHANNEL = "erp_changes"
_RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock

_AUDIT_INSERT = insert(AuditEntry.__table__)
# PostgreSQL: the unit of work's audit rows and change notifications in one round trip before COMMIT
_PG_AUDIT_AND_NOTIFY = text(
    "WITH audit AS (INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after) "
    "  SELECT r.org_id, r.user_id, r.at, r.entity, r.entity_id, r.action, r.before, r.after "
    "  FROM ROWS FROM (json_to_recordset(CAST(:audit AS json)) AS (org_id integer, user_id integer, "
    "  at timestamp, entity text, entity_id text, action text, before json, after json)) WITH ORDINALITY "
    "  AS r(org_id, user_id, at, entity, entity_id, action, before, after, n) ORDER BY r.n RETURNING 1) "
    "SELECT (SELECT count(*) FROM audit), "
    "  (SELECT count(pg_notify(:channel, p.payload)) FROM unnest(CAST(:payloads AS text[])) "
    "  WITH ORDINALITY AS p(payload, n))"
)
_PG_NOTIFY = text("SELECT 0, count(pg_notify(:channel, p.payload)) "
                  "FROM unnest(CAST(:payloads AS text[])) WITH ORDINALITY AS p(payload, n)")
_SESSION_STATE = select(UserSession.ended_at, UserSession.end_reason).where(UserSession.id == bindparam("session_id"))
# PostgreSQL: the session token for this transaction; the server checks it and every statement derives the
# organisation, user and role from it (db/security.py)
_PG_BEGIN = text("SELECT session_id FROM erp_begin(:token)")


def not_found(what: str) -> NotFound:
    """The refusal for a record that is not the actor's organisation's, or no longer exists (get_owned's)."""
    return NotFound(QT_TRANSLATE_NOOP("errors", "That {what} does not exist (any more)."), what=what)


class RetryableConflict(Exception):
    """A serialization failure or deadlock: the whole unit of work may run again."""


def _jsonable(value):
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value):
        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


def snapshot(obj, fields: tuple[str, ...]) -> dict:
    """The audit picture of a record: the named attributes, JSON-ready."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


class UnitOfWork:
    def __init__(self, db: Database, session: Session, actor: Actor | None):
        self.db = db
        self.session = session
        self.actor = actor
        self._changes: dict[str, set] = {}
        self._audit_rows: list[dict] = []

    @property
    def org_id(self) -> int:
        assert self.actor is not None
        return self.actor.org_id

    def audit(self, entity: str, entity_id, action: str, before: dict | None = None, after: dict | None = None,
              *, org_id: int | None = None, user_id: int | None = None):
        """Record who did what; written with the unit of work's other changes, in its transaction. ``org_id`` and
        ``user_id`` default to the actor's (given without an actor: a failed sign-in's)."""
        self._audit_rows.append({
            "org_id": org_id if org_id is not None else (self.actor.org_id if self.actor else None),
            "user_id": user_id if user_id is not None else (self.actor.user_id if self.actor else None),
            "at": utcnow(),
            "entity": entity,
            "entity_id": str(entity_id) if entity_id is not None else "",
            "action": action,
            "before": _jsonable(before),
            "after": _jsonable(after),
        })

    def get_owned(self, model, record_id, what: str, *, version: int | None = None):
        """A record of the actor's organisation by id; NotFound otherwise. With ``version``, the record must
        still be at that version (the one the user was looking at), else ConcurrentModification."""
        record = self.session.get(model, checked_id(model, record_id, what))
        if record is None or record.org_id != self.org_id:
            raise not_found(what)
        if version is not None and record.version != version:
            raise ConcurrentModification(
                QT_TRANSLATE_NOOP("errors", "This {what} was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again."), what=what
            )
        return record

    def changed(self, topic: str, *ids) -> None:
        """Tell other desktops (and this one) that records of ``topic`` with these ids changed."""
        self._changes.setdefault(topic, set()).update(ids)

    def _payloads(self) -> list[str]:
        org_id = self.actor.org_id if self.actor else None
        return [notification_payload(org_id, topic, ids) for topic, ids in self._changes.items()]

    def _write_audit_and_notify(self) -> None:
        """Before COMMIT: the pending ORM changes, the audit rows and (PostgreSQL) the notifications."""
        self.session.flush()  # audit rows may name records created in this unit of work
        rows = self._audit_rows
        self._audit_rows = []
        payloads = self._payloads() if self.db.is_postgres else []
        if not rows and not payloads:
            return
        connection = self.session.connection()
        if not self.db.is_postgres:
            connection.execute(_AUDIT_INSERT, rows)
            return
        params = {"channel": NOTIFY_CHANNEL, "payloads": payloads}
        if rows:
            for row in rows:
                row["at"] = row["at"].astimezone(UTC).replace(tzinfo=None).isoformat()
            params["audit"] = json.dumps(rows)
        written, _ = connection.execute(_PG_AUDIT_AND_NOTIFY if rows else _PG_NOTIFY, params).one()
        if written != len(rows):
            raise AssertionError("an audit row was not written")

    def _deliver_locally(self) -> None:
        deliver_locally(self.db, self.actor.org_id if self.actor else None, self._changes)


def notification_payload(org_id: int | None, topic: str, ids) -> str:
    """The NOTIFY payload of a change of ``topic`` records ``ids``."""
    payload = json.dumps({"org": org_id, "topic": topic, "ids": sorted(ids)[:500]})
    if len(payload) > 7900:
        payload = json.dumps({"org": org_id, "topic": topic, "ids": []})  # "refresh all"
    return payload


def deliver_locally(db: Database, org_id: int | None, changes: dict[str, set]) -> None:
    """Tell this desktop's listeners of committed changes (other desktops hear of them by NOTIFY)."""
    for listener in list(db.local_listeners):
        for topic, ids in changes.items():
            try:
                listener(org_id, topic, sorted(ids))
            except Exception:  # noqa: BLE001 - a broken view must not undo a committed change
                log.exception("change listener failed")


def _check_session(session: Session, actor: Actor, postgres: bool) -> None:
    if postgres:
        if actor.token is not None:
            session.connection().execute(_PG_BEGIN, {"token": actor.token})
        return  # without a token only a trusted login (migrations, command line) gets anywhere on the server
    if actor.session_id is None:
        return
    ended = session.connection().execute(_SESSION_STATE, {"session_id": actor.session_id}).first()
    if ended is None or ended.ended_at is not None:
        reason = (ended.end_reason if ended else "") or QT_TRANSLATE_NOOP("errors", "it was ended")
        raise SessionEnded(QT_TRANSLATE_NOOP("errors", "Your session has ended ({reason}). Please sign in again."),
                           reason=reason)


_CONNECTION_LOST = QT_TRANSLATE_NOOP("errors", "The connection to the database was lost. Check the network or ask your administrator "
                    "whether the server is running, then try again.{outcome}")
_CANNOT_REACH = QT_TRANSLATE_NOOP("errors", "Cannot reach the database server. Check that the network is up, or ask your administrator whether "
                 "the server is running, then try again.{outcome}")
_SERVER_FULL = QT_TRANSLATE_NOOP("errors", "The database server is full: it takes no more connections just now. Ask your administrator to raise "
                "max_connections or to use the connection pooler (see the README), then try again.{outcome}")
_NOTHING_SAVED = QT_TRANSLATE_NOOP("errors", " Nothing was saved.")
# the connection went while the database was committing: the change may or may not be there
_MAYBE_SAVED = QT_TRANSLATE_NOOP("errors", " It went while your change was being saved, so it may have been saved: look for it before you "
                "enter it again.")


def translate(error: Exception, *, committing: bool = False, write: bool = True) -> Exception:
    """Database errors as ErpError; anything else unchanged. ``committing``: the error came while the
    database may already have committed, so a lost connection does not prove that nothing was saved.
    ``write``: the work meant to change something, so the message says what became of the change."""
    if isinstance(error, ErpError):
        return error
    refusal = odd_input_refusal(error)
    if refusal is not None:
        return refusal
    if isinstance(error, PoolTimeout):  # the desktop's one connection (db/engine.SHARED_CONNECTIONS) stayed busy
        return DatabaseUnavailable(_DESKTOP_BUSY, outcome=_NOTHING_SAVED if write else "")
    if isinstance(error, StaleDataError):
        return ConcurrentModification(
            QT_TRANSLATE_NOOP("errors", "Someone else changed this record while you were editing it. The latest values have been loaded; check them and make your change again.")
        )
    if isinstance(error, DBAPIError) and says_file_is_damaged(error.orig):
        return DatabaseDamaged(_DAMAGED_FILE)
    if isinstance(error, DBAPIError):
        sqlstate = getattr(error.orig, "sqlstate", None)
        if sqlstate in _RETRYABLE_SQLSTATES:
            return RetryableConflict(str(error))
        refusal = _server_refusal(error, sqlstate) or _server_condition(error, sqlstate, write)
        if refusal is not None:
            return refusal
        if error.connection_invalidated or isinstance(error, OperationalError) and _looks_like_connection_loss(error):
            outcome = _MAYBE_SAVED if committing else _NOTHING_SAVED if write else ""
            return DatabaseUnavailable(_CONNECTION_LOST, outcome=outcome)
        if isinstance(error, IntegrityError):
            return ValidationError(_integrity_message(error))
        if isinstance(error, OperationalError) and "locked" in str(error.orig):
            return ConcurrentModification(QT_TRANSLATE_NOOP("errors", "The database is busy with another desktop's change. Try again in a moment."))
        if "append-only" in str(error.orig):
            return ValidationError(QT_TRANSLATE_NOOP("errors", "Journal records cannot be changed or deleted; record a correction instead."))
    return error


_DESKTOP_BUSY = QT_TRANSLATE_NOOP("errors", "The database did not answer in time: this desktop's connection stayed busy "
                                  "with other work (a long report or search). Try again in a moment.{outcome}")
_DAMAGED_FILE = QT_TRANSLATE_NOOP("errors", "The database file is damaged: part of it cannot be read, so this could not be done. Nothing was "
                 "saved. Restore the latest backup: File > Restore from backup (an administrator), then enter what "
                 "was recorded after that backup again.")


# what the server's own functions and its row-level security raise (db/security.py)
_SERVER_REFUSALS = {
    "ERPSE": SessionEnded,
    "ERPPW": PasswordChangeRequired,
    "ERPIN": ValidationError,
    "ERPNF": NotFound,
    "ERPCM": ConcurrentModification,
    "ERPAU": AuthenticationFailed,
}
_NOT_ALLOWED = QT_TRANSLATE_NOOP("errors", "The database refused this change: your role may not make it. "
                                           "Nothing was saved. Ask an administrator if you need to.")
_UPGRADED = QT_TRANSLATE_NOOP("errors", "The database has been upgraded and this copy of erp-desktop no longer fits it. Install the new "
             "version (or restart the app if it is already installed).")


# what the server's functions and triggers say (db/security.py RAISE EXCEPTION, each % a value {v0}, {v1}, ...),
# marked so the UI shows them translated; tests/unit/test_messages_translatable.py keeps the list complete
SERVER_MESSAGES = (
    QT_TRANSLATE_NOOP("errors", "A desktop works in READ COMMITTED transactions only."),
    QT_TRANSLATE_NOOP("errors", "Your session has ended. Please sign in again."),
    QT_TRANSLATE_NOOP("errors", "Change your password before you continue."),
    QT_TRANSLATE_NOOP("errors", "Your role may not do that ({v0})."),
    QT_TRANSLATE_NOOP("errors", "Enter a password that is not only spaces."),
    QT_TRANSLATE_NOOP("errors", "A password needs at least {v0} characters."),
    QT_TRANSLATE_NOOP("errors", "A password can be at most 72 bytes long (fewer letters in Cyrillic)."),
    QT_TRANSLATE_NOOP("errors", "The password must not be the user name."),
    QT_TRANSLATE_NOOP("errors", "The current password is wrong."),
    QT_TRANSLATE_NOOP("errors", "Choose a new password different from the current one."),
    QT_TRANSLATE_NOOP("errors", "That user does not exist (any more)."),
    QT_TRANSLATE_NOOP("errors", "This user was changed by someone else meanwhile. The latest values have been loaded; "
                                "check them and make your change again."),
    QT_TRANSLATE_NOOP("errors", "Unknown role '{v0}'."),
    QT_TRANSLATE_NOOP("errors", "The user name '{v0}' is taken. Choose another."),
    QT_TRANSLATE_NOOP("errors", "This is the last active administrator; make someone else an administrator first."),
    QT_TRANSLATE_NOOP("errors", "You cannot deactivate yourself."),
    QT_TRANSLATE_NOOP("errors", "This is the last active administrator and cannot be deactivated."),
    QT_TRANSLATE_NOOP("errors", "That session does not exist."),
    QT_TRANSLATE_NOOP("errors", "This database already has users; ask an administrator to create your account."),
    QT_TRANSLATE_NOOP("errors", "The settings were changed by someone else meanwhile. The latest values have been loaded; "
                                "check them and make your change again."),
    QT_TRANSLATE_NOOP("errors", "Your role may not record a {v0} movement."),
    QT_TRANSLATE_NOOP("errors", "A movement must carry its lot's product, warehouse and unit cost, and value = qty x cost."),
    QT_TRANSLATE_NOOP("errors", "This {v0} movement does not fit the ledger's rules."),
    QT_TRANSLATE_NOOP("errors", "No stock position for this movement."),
    QT_TRANSLATE_NOOP("errors", "An older approved lot of this stock is still available: take stock oldest first."),
    QT_TRANSLATE_NOOP("errors", "Stock changes only through the movement journal."),
    QT_TRANSLATE_NOOP("errors", "A new task starts open."),
    QT_TRANSLATE_NOOP("errors", "A task's assignee changes only by accepting it."),
    QT_TRANSLATE_NOOP("errors", "A task cannot move from {v0} to {v1}."),
    QT_TRANSLATE_NOOP("errors", "You may not {v0} this task."),
    QT_TRANSLATE_NOOP("errors", "Only a quality inspector may set a lot's quality status."),
    QT_TRANSLATE_NOOP("errors", "A task's creator never changes."),
    QT_TRANSLATE_NOOP("errors", "Order line {v0} would hold {v1}: more than the ordered {v2} allows (at most {v3})."),
    QT_TRANSLATE_NOOP("errors", "Order line {v0} holds {v1}, but its receipts less its returns are {v2}."),
)
_SERVER_PATTERNS = tuple((template, re.compile(re.sub(r"\\\{v\d\\\}", "(.+?)", re.escape(template))))
                         for template in SERVER_MESSAGES)


def server_text(message: str) -> Text | str:
    """A server refusal as its marked template with the values it filled in; a message it does not know as is."""
    for template, pattern in _SERVER_PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return Text(template, **{f"v{index}": value for index, value in enumerate(found.groups())})
    return message


def _server_refusal(error: DBAPIError, sqlstate: str | None) -> ErpError | None:
    if sqlstate in _SERVER_REFUSALS:
        diag = getattr(error.orig, "diag", None)
        message = getattr(diag, "message_primary", None) or str(error.orig)
        return _SERVER_REFUSALS[sqlstate](server_text(message), field=getattr(diag, "column_name", None))
    if sqlstate == "42501":  # insufficient privilege, or a row-level security policy
        return PermissionDenied(_NOT_ALLOWED)
    if sqlstate in ("42883", "42P01", "42703"):  # a function, table or column of another schema revision
        return SchemaMismatch(_UPGRADED)
    return None


# the server answers but cannot take the work now; a message per condition, the same from any path
_SERVER_CANNOT_SAVE = {
    "25006": QT_TRANSLATE_NOOP("errors", "The database is read-only just now (a fail-over to a standby server?). Nothing was saved. Try again "
             "later, or ask your administrator."),  # read_only_sql_transaction
    "53100": QT_TRANSLATE_NOOP("errors", "The database server is out of disk space. Nothing was saved. Ask your administrator to free space on "
             "the server, then try again."),  # disk_full
}
_SERVER_FULL_STATES = {"53300"}  # too_many_connections
_SERVER_FULL_MARKERS = ("too many clients", "remaining connection slots are reserved", "too many connections")
# what psycopg says when a connection could not be made at all (nothing was sent)
_NEVER_CONNECTED_MARKERS = ("connection failed:", "could not connect to server", "the database system is starting up",
                            "the database system is shutting down", "the database system is in recovery mode")


def _server_condition(error: DBAPIError, sqlstate: str | None, write: bool) -> ErpError | None:
    """The server's state rather than the work's fault: read-only, out of space, full, unreachable."""
    if sqlstate in _SERVER_CANNOT_SAVE:
        return ServerCannotSave(_SERVER_CANNOT_SAVE[sqlstate])
    message = str(error.orig).lower()
    outcome = _NOTHING_SAVED if write else ""
    if sqlstate in _SERVER_FULL_STATES or any(marker in message for marker in _SERVER_FULL_MARKERS):
        return DatabaseUnavailable(_SERVER_FULL, outcome=outcome)
    if getattr(error, "statement_sent", True) is False or any(marker in message for marker in _NEVER_CONNECTED_MARKERS):
        if error.connection_invalidated or isinstance(error, OperationalError):
            return DatabaseUnavailable(_CANNOT_REACH, outcome=outcome)
    return None


def _looks_like_connection_loss(error: OperationalError) -> bool:
    message = str(error.orig).lower()
    return any(
        marker in message
        for marker in ("connection", "server closed", "could not connect", "terminating", "timeout", "unable to open")
    )


def _integrity_message(error: IntegrityError) -> Text:
    message = str(error.orig).lower()
    if "unique" in message or "duplicate" in message:
        return Text(QT_TRANSLATE_NOOP("errors", "A record with the same code or name already exists. Use a different one."))
    if "foreign key" in message:
        return Text(QT_TRANSLATE_NOOP("errors", "This record is still referenced by other records, or refers to one that does not exist."))
    if "check" in message:
        return Text(QT_TRANSLATE_NOOP("errors", "The values break a rule of the database (for example a quantity below zero). Nothing was saved."))
    return Text(QT_TRANSLATE_NOOP("errors", "The database refused the change. Nothing was saved."))


@contextmanager
def unit_of_work(db: Database, actor: Actor | None, *, write: bool = False) -> Iterator[UnitOfWork]:
    """One transaction. ``write=True`` takes SQLite's write lock at BEGIN (BEGIN IMMEDIATE)."""
    session = db.sessions()
    uow = UnitOfWork(db, session, actor)
    committed = committing = False
    try:
        session.connection(execution_options={WRITE_OPTION: write})
        if actor is not None:
            _check_session(session, actor, db.is_postgres)
        yield uow
        if write:
            uow._write_audit_and_notify()
            committing = True
            session.commit()
            committed = True
        else:
            _roll_back(session)  # a read is done: what it read stands even if the connection goes now
    except Exception as error:  # noqa: BLE001
        _roll_back(session)
        translated = translate(error, committing=committing, write=write)
        if translated is error:
            raise
        raise translated from error
    finally:
        _close(session)
    if committed:
        db.local_commits += 1
        uow._deliver_locally()


def _roll_back(session: Session) -> None:
    """Roll back, and if the connection goes meanwhile, let it go: the server rolls back a transaction whose
    connection is lost, and the error that brought us here (a refusal, a lost connection) is the one to tell."""
    try:
        session.rollback()
    except Exception:  # noqa: BLE001 - whatever the driver raises, the transaction is over
        log.warning("rollback failed; the connection is dropped", exc_info=True)
        _drop_connection(session)


def _close(session: Session) -> None:
    try:
        session.close()
    except Exception:  # noqa: BLE001 - a connection that cannot be closed is dropped
        log.warning("closing the session failed; the connection is dropped", exc_info=True)
        _drop_connection(session)


def _drop_connection(session: Session) -> None:
    try:
        session.invalidate()
    except Exception:  # noqa: BLE001
        log.warning("dropping the connection failed", exc_info=True)


def _retried(attempt_once: Callable[[], T], attempts: int) -> T:
    """``attempt_once()``, again after a short pause on serialization failure or deadlock."""
    for attempt in range(1, attempts + 1):
        try:
            return attempt_once()
        except RetryableConflict:
            if attempt == attempts:
                raise ConcurrentModification(
                    QT_TRANSLATE_NOOP("errors", "Other desktops are changing the same records right now. Try again in a moment.")
                ) from None
            time.sleep(0.01 * attempt)
    raise AssertionError("unreachable")


def run_write(db: Database, actor: Actor | None, work: Callable[[UnitOfWork], T], *, attempts: int = 5) -> T:
    """Run ``work`` in a write unit of work, again on serialization failure or deadlock."""

    def once() -> T:
        with unit_of_work(db, actor, write=True) as uow:
            return work(uow)

    return _retried(once, attempts)


def run_direct(db: Database, statement: str, args: Sequence[object], *, attempts: int = 5) -> tuple | None:
    """PostgreSQL: one statement outside a transaction block, for a server-side procedure that is
    a whole unit of work by itself (session check, locks, writes, audit, commit, notification): one round
    trip. Errors and retries as in run_write; its first row, or None."""

    def once() -> tuple | None:
        try:
            return db.execute_direct(statement, args)
        except Exception as error:  # noqa: BLE001 - the statement commits by itself: a lost reply may follow a commit
            translated = translate(error, committing=getattr(error, "statement_sent", True))
            if translated is error:
                raise
            raise translated from error

    return _retried(once, attempts)


def run_read(db: Database, actor: Actor | None, work: Callable[[UnitOfWork], T]) -> T:
    with unit_of_work(db, actor) as uow:
        return work(uow)
