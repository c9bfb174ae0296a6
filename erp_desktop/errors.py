"""Errors shared by every layer.

Each one carries a message a clerk can act on. The UI shows ``str(error)`` as is;
anything that is not an ``ErpError`` is a bug and gets the "copy details" dialog.
"""

from __future__ import annotations


class ErpError(Exception):
    """Base of every error a user may see."""

    title = "Cannot do that"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(ErpError):
    """Input that breaks a rule; ``field`` names the input to fix where there is one."""

    title = "Please check the input"


class NotFound(ErpError):
    title = "Not found"


class PermissionDenied(ErpError):
    title = "Not allowed"


class AuthenticationFailed(ErpError):
    title = "Sign-in failed"


class AccountLocked(AuthenticationFailed):
    pass


class PasswordChangeRequired(ErpError):
    title = "Password change required"


class SessionEnded(ErpError):
    title = "Signed out"


class ConcurrentModification(ErpError):
    title = "Changed by someone else"


class InvalidTransition(ErpError):
    title = "Move not allowed"


class InsufficientStock(ErpError):
    title = "Not enough stock"


class FlowRuleViolation(ValidationError):
    pass


class DatabaseUnavailable(ErpError):
    title = "Database unavailable"


class ServerCannotSave(ErpError):
    """The server is up and answers, but takes no changes just now (read-only after a fail-over, disk full)."""

    title = "The database cannot save now"


class SchemaMismatch(ErpError):
    title = "Database version mismatch"


class ConfigurationError(ErpError):
    title = "Configuration problem"


class DatabaseDamaged(ErpError):
    """The embedded database file cannot be read (empty, not a database, damaged pages). ``path`` is the file,
    ``latest_backup`` the newest backup of it that could replace it (None if there is none)."""

    title = "Database file damaged"

    def __init__(self, message: str, *, path: str = "", latest_backup: str | None = None):
        super().__init__(message)
        self.path = path
        self.latest_backup = latest_backup
