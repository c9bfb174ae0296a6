"""How values read on paper: one format for every report (the same as on screen).

Decimals keep exactly the places they carry (a quantity of scale 3 prints 12 345.500),
digits grouped by a narrow no-break space; dates ISO; date-times local, to the minute.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

from PySide6.QtCore import QCoreApplication

GROUP = "\u202f"  # narrow no-break space: 12 345.500 (neither a decimal comma nor a decimal point)


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def local_datetime(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone()


def format_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _tr("Yes") if value else _tr("No")
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return f"{value:,f}".replace(",", GROUP)
    if isinstance(value, int):
        return f"{value:,d}".replace(",", GROUP)
    if isinstance(value, float):
        return f"{value:,}".replace(",", GROUP)
    if isinstance(value, datetime):  # before date: datetime is a date
        return local_datetime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
