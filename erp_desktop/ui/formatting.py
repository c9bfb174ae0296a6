"""Display formats shared by views, models and exports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from erp_desktop.printing.values import format_date, format_datetime, grouped, russian


def fmt_decimal(value: Decimal | None, places: int | None = None) -> str:
    if value is None:
        return ""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return grouped(f"{value:,f}")  # thin space groups: 12 345.500 (12 345,500 in Russian)


def fmt_qty(value: Decimal | None) -> str:
    return fmt_decimal(value, 3)


def fmt_money(value: Decimal | None) -> str:
    return fmt_decimal(value, 2)


def date_edit_format() -> str:
    """A date field's display format in the user's language (dd.MM.yyyy in Russian), like fmt_date."""
    return "dd.MM.yyyy" if russian() else "yyyy-MM-dd"


def fmt_date(value: date | None) -> str:
    return format_date(value) if value else ""


def local(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone()


def fmt_datetime(value: datetime | None) -> str:
    return format_datetime(value) if value else ""


def fmt_full_datetime(value: datetime | None) -> str:
    """Date and time to the second (sessions, audit)."""
    return format_datetime(value, seconds=True) if value else ""


def fmt_percent(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    return f"{grouped(str(Decimal(value).quantize(Decimal('0.1'))))} %"
