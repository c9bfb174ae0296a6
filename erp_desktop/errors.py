"""Errors shared by every layer.

Each one carries a message a clerk can act on. The UI shows ``str(error)`` as is;
anything that is not an ``ErpError`` is a bug and gets the "copy details" dialog.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name pyside6-lupdate looks for)
    """Marks ``text`` for translation without Qt: lupdate extracts it into ``context``; the UI translates it
    when it shows it (``translate(context, text)``), so services and domain stay Qt-free."""
    return text




class Text(str):
    """User text that is its English wording (a str) and keeps its marked template (context "errors") and values
    until the UI shows it: ui/errors.user_text translates the template, then fills in the values (nested Texts
    translated the same way, enum members by their label, numbers in the user's format)."""

    template: str
    values: dict

    def __new__(cls, template: str, **values):
        english = template.format(**{key: _english(value) for key, value in values.items()}) if values else template
        text = super().__new__(cls, english)
        text.template = template
        text.values = values
        return text

    def __reduce__(self):
        return (_rebuild_text, (self.template, self.values))


def _rebuild_text(template: str, values: dict) -> Text:
    return Text(template, **values)


def _english(value) -> str:
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value)


class ErpError(Exception):
    """Base of every error a user may see.

    ``ErpError(QT_TRANSLATE_NOOP("errors", "Only {have} left."), have=qty)`` (or a ``Text``) keeps the
    template and its values: ``str(error)`` is the English text; the UI translates the template, then
    fills in the values (numbers in the user's format)."""

    title = QT_TRANSLATE_NOOP("errors", "Cannot do that")

    def __init__(self, message: str | Text, *, field: str | None = None, **values):
        text = message if isinstance(message, Text) else Text(message, **values)
        self.text = text
        self.message = str(text)
        super().__init__(self.message)
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(ErpError):
    """Input that breaks a rule; ``field`` names the input to fix where there is one."""

    title = QT_TRANSLATE_NOOP("errors", "Please check the input")


class NotFound(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Not found")


class PermissionDenied(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Not allowed")


class AuthenticationFailed(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Sign-in failed")


class AccountLocked(AuthenticationFailed):
    pass


class PasswordChangeRequired(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Password change required")


class SessionEnded(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Signed out")


class ConcurrentModification(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Changed by someone else")


class InvalidTransition(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Move not allowed")


class InsufficientStock(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Not enough stock")


class FlowRuleViolation(ValidationError):
    pass


class DatabaseUnavailable(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Database unavailable")


class ServerCannotSave(ErpError):
    """The server is up and answers, but takes no changes just now (read-only after a fail-over, disk full)."""

    title = QT_TRANSLATE_NOOP("errors", "The database cannot save now")


class SchemaMismatch(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Database version mismatch")


class ConfigurationError(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Configuration problem")


class DatabaseDamaged(ErpError):
    """The embedded database file cannot be read (empty, not a database, damaged pages). ``path`` is the file,
    ``latest_backup`` the newest backup of it that could replace it (None if there is none)."""

    title = QT_TRANSLATE_NOOP("errors", "Database file damaged")

    def __init__(self, message: str | Text, *, path: str = "", latest_backup: str | None = None, **values):
        super().__init__(message, **values)
        self.path = path
        self.latest_backup = latest_backup

