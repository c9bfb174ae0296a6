"""How values read on paper: one format for every report (the same as on screen).

Decimals keep exactly the places they carry (a quantity of scale 3 prints 12 345.500),
digits grouped by a narrow no-break space; dates ISO; date-times local, to the minute.
When the language is Russian (QLocale's default, set at start from the user's language): a decimal
comma (12 345,500) and dates dd.MM.yyyy.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

from PySide6.QtCore import QCoreApplication, QLocale

GROUP = "\u202f"  # narrow no-break space: 12 345.500 (neither a decimal comma nor a decimal point)

translate = QCoreApplication.translate


def russian() -> bool:
    """Whether values read the Russian way (the app sets QLocale's default from the user's language)."""
    return QLocale().language() == QLocale.Language.Russian


def grouped(text: str) -> str:
    """Python's ``f"{x:,f}"`` text in the user's format: 12,345.5 -> 12 345.5, or 12 345,5 in Russian."""
    if russian():
        text = text.replace(".", "\0").replace(",", GROUP).replace("\0", ",")
        return text
    return text.replace(",", GROUP)


def format_date(value: date) -> str:
    return value.strftime("%d.%m.%Y") if russian() else value.isoformat()


def format_datetime(value: datetime, *, seconds: bool = False) -> str:
    """Local time, to the minute (or the second)."""
    pattern = "%d.%m.%Y %H:%M" if russian() else "%Y-%m-%d %H:%M"
    return local_datetime(value).strftime(pattern + ":%S" if seconds else pattern)


def label_text(label: str) -> str:
    """An enum label of domain/ (marked QT_TRANSLATE_NOOP("enums", ...)) in the user's language."""
    return translate("enums", label)


def local_datetime(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone()


def format_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("printing", "Yes") if value else translate("printing", "No")
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return grouped(f"{value:,f}")
    if isinstance(value, int):
        return grouped(f"{value:,d}")
    if isinstance(value, float):
        return grouped(f"{value:,}")
    if isinstance(value, datetime):  # before date: datetime is a date
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return label_text(label) if isinstance(label, str) else str(value.value)
    return str(value)


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
