"""The domain's input rules (domain/inputs.py) with the limits of the columns the values go into.

A text's maximum length is its column's String(n), an integer's range its column's type, an id's
range its table's key: read from the model here, never typed again in a service. Also the last
line of defence: database refusals of odd input that slipped past a service, worded for the user.
"""

from __future__ import annotations

import functools

from sqlalchemy import BigInteger
from sqlalchemy.exc import DBAPIError

from erp_desktop.domain.inputs import INT32_MAX, INT64_MAX, clean_id, clean_int, clean_text, ids_in_range
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError


def _column(attribute):
    return attribute.property.columns[0] if hasattr(attribute, "property") else attribute


def text_limit(attribute) -> int | None:
    """The column's String(n) length; None for Text."""
    return getattr(_column(attribute).type, "length", None)


def int_max(attribute) -> int:
    return INT64_MAX if isinstance(_column(attribute).type, BigInteger) else INT32_MAX


@functools.cache
def id_max(model) -> int:
    """The largest id the table's key column can hold (32 or 64 bits)."""
    (key,) = model.__table__.primary_key.columns
    return int_max(key)


def column_text(attribute, value, *, label: str, field: str | None = None, required: bool = False,
                max_len: int | None = None) -> str:
    """``value`` cleaned for the column: at most its String(n) (``max_len`` for Text columns)."""
    return clean_text(value, field=field or _column(attribute).key, label=label, required=required,
                      max_len=text_limit(attribute) or max_len)


def column_int(attribute, value, *, label: str, field: str | None = None, default: int | None = None) -> int:
    """A whole number in the column's range (a signed 32- or 64-bit integer)."""
    hi = int_max(attribute)
    return clean_int(value, field=field or _column(attribute).key, label=label, lo=-hi - 1, hi=hi, default=default)


def record_id(model, value, what: str) -> int:
    """An id of ``model``'s table; one its key cannot hold is NotFound ("That part does not exist")."""
    return clean_id(value, what=what, max_id=id_max(model))


def optional_id(model, value, what: str) -> int | None:
    return None if value is None else record_id(model, value, what)


def get_record(session, model, value):
    """``session.get(model, value)``, None also for an id the table's key cannot hold (no query then)."""
    return session.get(model, value) if storable_ids(model, [value]) else None


def storable_ids(model, values) -> list[int]:
    """The ids of ``values`` the table's key can hold; the others name no record and are left out."""
    return ids_in_range(values, max_id=id_max(model))


_ODD_INPUT_SQLSTATES = {
    "22003": QT_TRANSLATE_NOOP("errors", "A number is outside the range the database can store. Check the numbers you entered."),
    "22001": QT_TRANSLATE_NOOP("errors", "A text is longer than the database can store. Shorten it and try again."),
    "22021": QT_TRANSLATE_NOOP("errors", "A text contains a character that cannot be stored. Delete it and type the text again."),
    "22P05": QT_TRANSLATE_NOOP("errors", "A text contains a character that cannot be stored. Delete it and type the text again."),
}


def odd_input_refusal(error: Exception) -> ValidationError | None:
    """The user's message for a database or driver refusal of a value (out of range, too long, a NUL
    byte, a character UTF-8 cannot encode) that a service let through; None for any other error."""
    if isinstance(error, UnicodeEncodeError) and "surrogate" in str(error):  # the driver encoding a parameter
        return ValidationError(_ODD_INPUT_SQLSTATES["22021"])
    if isinstance(error, OverflowError) and "SQLite INTEGER" in str(error):  # an int beyond 64 bits
        return ValidationError(_ODD_INPUT_SQLSTATES["22003"])
    if not isinstance(error, DBAPIError):
        return None
    orig = error.orig
    message = _ODD_INPUT_SQLSTATES.get(getattr(orig, "sqlstate", None) or "")
    if message is None and "NUL (0x00)" in str(orig):
        message = _ODD_INPUT_SQLSTATES["22021"]
    return ValidationError(message) if message else None
