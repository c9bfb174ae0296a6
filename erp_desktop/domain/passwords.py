"""Password rules (hashing itself lives in services.auth: bcrypt)."""

from __future__ import annotations

from erp_desktop.errors import ValidationError


def check_new_password(password: str, *, min_length: int = 8, username: str = "") -> None:
    if len(password) < min_length:
        raise ValidationError(f"The password needs at least {min_length} characters.", field="password")
    if username and password.lower() == username.lower():
        raise ValidationError("The password must not be the user name.", field="password")
