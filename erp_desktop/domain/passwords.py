"""Password rules (hashing itself lives in services.auth: bcrypt).

bcrypt reads at most 72 bytes of a password (UTF-8): a Cyrillic letter is 2 bytes, so 42 of them are
too many. Longer passwords are refused with a message rather than cut silently or failing in bcrypt.
"""

from __future__ import annotations

from erp_desktop.domain.inputs import check_characters, odd_character
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError

PASSWORD_MAX_BYTES = 72


def password_bytes(password: str) -> int:
    return len(password.encode("utf-8", "surrogatepass"))


def check_new_password(password: str, *, min_length: int = 8, username: str = "", field: str = "password") -> None:
    if not isinstance(password, str):
        raise TypeError(f"a password is text, not {type(password).__name__}")
    check_characters(password, field=field, label=QT_TRANSLATE_NOOP("errors", "password"))
    if len(password) < min_length:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The password needs at least {min_length} characters."), min_length=min_length, field=field)
    if not password.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The password cannot be only spaces; use letters, digits or signs too."), field=field)
    size = password_bytes(password)
    if size > PASSWORD_MAX_BYTES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The password is too long: at most {PASSWORD_MAX_BYTES} bytes fit (72 Latin letters or digits, 36 Cyrillic letters); this one has {size}."), PASSWORD_MAX_BYTES=PASSWORD_MAX_BYTES, size=size, field=field)
    if username and password.lower() == username.lower():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The password must not be the user name."), field=field)


def could_be_a_user_name(username, *, max_len: int) -> bool:
    """False for a sign-in name no account can have: it is then just a wrong user name or password,
    decided without asking the database (where it would not fit the column)."""
    return (isinstance(username, str) and 0 < len(username.strip()) <= max_len
            and odd_character(username) is None)
