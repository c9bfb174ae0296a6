"""The plant's sign-in and password policy, kept in the database (one row) and edited by an administrator.

On PostgreSQL the server enforces it (lockout, minimum length, hash cost, session lifetime: db/security.py);
on the embedded file the services read the same row.
"""

from __future__ import annotations

from sqlalchemy import text

from erp_desktop.config import SignInPolicy
from erp_desktop.db.engine import Database
from erp_desktop.db.models import SecuritySettings
from erp_desktop.domain.roles import Op
from erp_desktop.errors import QT_TRANSLATE_NOOP, ConcurrentModification, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.dto import SecuritySettingsDTO
from erp_desktop.services.uow import UnitOfWork, run_read, run_write, snapshot

# (field, label, lowest, highest): the same ranges as the table's CHECK constraint; the Settings screen's too
SETTING_RANGES = (
    ("max_failed_attempts", QT_TRANSLATE_NOOP("errors", "Failed sign-ins before a lockout"), 1, 100),
    ("lockout_minutes", QT_TRANSLATE_NOOP("errors", "Lockout minutes"), 1, 1440),
    ("idle_lock_minutes", QT_TRANSLATE_NOOP("errors", "Idle minutes before the window locks"), 1, 480),
    ("min_password_length", QT_TRANSLATE_NOOP("errors", "Minimum password length"), 8, 72),
)
_FIELDS = tuple(name for name, *_ in SETTING_RANGES)
_PG_UPDATE = text("SELECT erp_update_security_settings(:version, :max_failed_attempts, :lockout_minutes, "
                  ":idle_lock_minutes, :min_password_length)")


def policy_in(uow: UnitOfWork) -> SignInPolicy:
    row = uow.session.get(SecuritySettings, 1)
    if row is None:
        return SignInPolicy()
    return SignInPolicy(max_failed_attempts=row.max_failed_attempts, lockout_minutes=row.lockout_minutes,
                        idle_lock_minutes=row.idle_lock_minutes, min_password_length=row.min_password_length)


def _dto(row: SecuritySettings) -> SecuritySettingsDTO:
    return SecuritySettingsDTO(row.max_failed_attempts, row.lockout_minutes, row.idle_lock_minutes,
                               row.min_password_length, row.version)


def get_security_settings(db: Database, actor: Actor | None) -> SecuritySettingsDTO:
    return run_read(db, actor, lambda uow: _dto(uow.session.get(SecuritySettings, 1)))


def update_security_settings(db: Database, actor: Actor, *, version: int, **values: int) -> SecuritySettingsDTO:
    actor.require(Op.MANAGE_SETTINGS)
    for name, label, low, high in SETTING_RANGES:
        value = values.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{label}: enter a whole number from {low} to {high}."), label=label, low=low, high=high, field=name)

    def work(uow: UnitOfWork) -> SecuritySettingsDTO:
        if uow.db.is_postgres:
            uow.session.execute(_PG_UPDATE, {"version": version, **{name: values[name] for name in _FIELDS}})
            uow.session.expire_all()
            return _dto(uow.session.get(SecuritySettings, 1))
        row = uow.session.get(SecuritySettings, 1)
        if row.version != version:
            raise ConcurrentModification(QT_TRANSLATE_NOOP("errors", "The settings were changed by someone else meanwhile. The latest values have been loaded; check them and make your change again."))
        before = snapshot(row, _FIELDS)
        for name in _FIELDS:
            setattr(row, name, values[name])
        uow.session.flush()
        uow.audit("settings", "security", "update", before, snapshot(row, _FIELDS))
        return _dto(row)

    return run_write(db, actor, work)
