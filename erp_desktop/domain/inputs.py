"""What every typed value passes before a service uses it: text, whole numbers, exact decimals, ids.

One set of rules for input the database cannot store or a clerk cannot have meant:
- text: a NUL byte (PostgreSQL refuses it) or an unpaired surrogate (not encodable as UTF-8) anywhere,
  or more characters than its column holds;
- numbers: anything Decimal cannot parse, and values outside the range allowed (``1e999999999``, 40
  digits): refused with that range, never left to ``decimal.InvalidOperation`` or the server's
  "integer out of range";
- ids: a value no id column can hold names no record, so it is NotFound like any other unknown id.

Refusals are ValidationError naming the field (NotFound for ids), worded for the person who typed it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation

from erp_desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
SEARCH_MAX_LENGTH = 200
REASON_MAX_LENGTH = 1000  # a comment or reason kept in a Text column or the audit trail
# Decimal digits worth looking at: every column holds far fewer; more is a typo or an attack
_MAX_DIGITS = 40
_ODD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


def odd_character(text: str) -> str | None:
    """What is wrong with ``text`` for storing, or None: a NUL byte or an unpaired surrogate."""
    found = _ODD_CHARACTER.search(text)
    if found is None:
        return None
    return (QT_TRANSLATE_NOOP("errors", "a NUL character") if found.group() == "\x00"
            else QT_TRANSLATE_NOOP("errors", "a broken character (an unpaired surrogate)"))


def check_characters(text: str, *, field: str, label: str) -> None:
    odd = odd_character(text)
    if odd is not None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The {label} contains {odd}, which cannot be saved or searched for. Delete it and type the text again."), label=label, odd=odd, field=field)


def clean_text(value: str | None, *, field: str, label: str, max_len: int | None = None,
               required: bool = False) -> str:
    """``value`` stripped; refused when required and empty, longer than ``max_len`` or with odd characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise TypeError(f"{label} must be text, not {type(value).__name__}")
    value = value.strip()
    check_characters(value, field=field, label=label)
    if required and not value:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the {label}."), label=label, field=field)
    if max_len is not None and len(value) > max_len:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The {label} can be at most {max_len} characters; this one has {length}."), label=label, max_len=max_len, length=len(value), field=field)
    return value


def clean_search(value: str | None, *, field: str = "search", label: str = QT_TRANSLATE_NOOP("errors", "search text"),
                 max_len: int = SEARCH_MAX_LENGTH) -> str:
    """A search box's text, stripped (case kept); odd characters and absurd lengths refused."""
    return clean_text(value, field=field, label=label, max_len=max_len)


def parse_decimal(value, *, field: str, label: str) -> Decimal:
    """A finite Decimal from a Decimal, an int or text ("1 234,5" too). Floats are a programming error."""
    if isinstance(value, float | bool):
        # a float is a programming error (the UI must pass Decimal or text), not a clerk's typo
        raise TypeError(f"{label} must be an exact Decimal, int or text, not {type(value).__name__}")
    if isinstance(value, str):
        value = value.strip().replace(",", ".").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if not value:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the {label}."), label=label, field=field)
        if len(value) > _MAX_DIGITS + 10 or odd_character(value):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{value}...' is not a number; enter the {label} as digits."), value=value[:20], label=label, field=field)
    try:
        exact = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{value}' is not a number; enter the {label} as digits."), value=value, label=label, field=field) from None
    if not exact.is_finite():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the {label} as a finite number."), label=label, field=field)
    return exact


def _range_error(label: str, field: str, lo, hi) -> ValidationError:
    return ValidationError(QT_TRANSLATE_NOOP("errors", "The {label} must be between {lo} and {hi}."), label=label, lo=lo, hi=hi, field=field)


def clean_decimal(value, *, field: str, label: str, places: int, lo: Decimal, hi: Decimal) -> Decimal:
    """An exact Decimal with at most ``places`` decimal places, lo <= value <= hi (the message names both)."""
    exact = parse_decimal(value, field=field, label=label)
    # compare before any arithmetic: comparing is exact at any size, rounding a huge value is not
    if not lo <= exact <= hi:
        raise _range_error(label, field, lo, hi)
    return to_places(exact, places=places, field=field, label=label)


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(10)}
_ROUNDING = Context(prec=_MAX_DIGITS * 2, rounding=ROUND_HALF_EVEN)


def to_places(exact: Decimal, *, places: int, field: str, label: str) -> Decimal:
    """``exact`` (already within a sane range) with exactly ``places`` decimal places, or refused when it has more."""
    rounded = exact.quantize(_QUANTA[places], context=_ROUNDING)
    if rounded != exact:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The {label} can have at most {places} decimal places."), label=label, places=places, field=field)
    return rounded


def clean_int(value, *, field: str, label: str, lo: int, hi: int, default: int | None = None) -> int:
    """A whole number lo <= value <= hi from an int, an integral Decimal or text; empty is ``default``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the {label}."), label=label, field=field)
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        exact = parse_decimal(value, field=field, label=label)
        if not lo <= exact <= hi:
            raise _range_error(label, field, lo, hi)
        if exact != exact.to_integral_value():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The {label} must be a whole number, not {value}."), label=label, value=value, field=field)
        number = int(exact)
    if not lo <= number <= hi:
        raise _range_error(label, field, lo, hi)
    return number


def clean_id(value, *, what: str, max_id: int = INT32_MAX) -> int:
    """A record id as int; one no column can hold (or not a whole number) names no record: NotFound."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= max_id:
        return value
    raise NotFound(QT_TRANSLATE_NOOP("errors", "That {what} does not exist (any more)."), what=what)


def ids_in_range(values, *, max_id: int = INT32_MAX) -> list[int]:
    """The ids of ``values`` a column can hold (others name no record), in order."""
    return [value for value in values
            if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= max_id]
