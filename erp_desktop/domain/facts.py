"""Rules of one stage fact (the shift journal), checked before anything is written.

Quantities are whole numbers >= 0 and not both zero; the date is not in the future; a stage
that needs a shift needs day or night and an operator; any other stage gets shift "none".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from erp_desktop.domain.inputs import parse_decimal
from erp_desktop.domain.shifts import Shift
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError

MAX_QTY = 10_000_000


@dataclass(frozen=True)
class FactValues:
    """A fact's checked values: quantities as int, the shift as the stage requires."""

    qty_good: int
    qty_scrap: int
    fact_date: date
    shift: Shift
    operator_id: int | None


def whole_quantity(value, *, field: str, label: str) -> int:
    """A whole number >= 0 from an int, an integral Decimal or a digit string."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{label} must be a whole number."), label=label, field=field)
    number = Decimal(value) if isinstance(value, int) else parse_decimal(value, field=field, label=label.lower())
    if number < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{label} cannot be below zero."), label=label, field=field)
    if number > MAX_QTY:  # compared before rounding: rounding 1e999999999 would fail
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{label} of {value} is not plausible; check the number (at most {MAX_QTY})."), label=label, value=value, MAX_QTY=MAX_QTY,
                              field=field)
    if number != number.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{label} must be a whole number, not {value}."), label=label, value=value, field=field)
    return int(number)


def parse_shift(value) -> Shift | None:
    if value is None or value == "":
        return None
    try:
        return Shift(str(value).lower())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown shift '{value}'. Choose day or night."), value=value, field="shift") from None


def check_fact(
    *,
    stage_name: str,
    needs_shift: bool,
    qty_good,
    qty_scrap,
    fact_date: date | None,
    shift,
    operator_id: int | None,
    today: date,
) -> FactValues:
    """Every per-fact rule; raises ValidationError naming the field to fix."""
    good = whole_quantity(qty_good, field="qty_good", label=QT_TRANSLATE_NOOP("errors", "Good quantity"))
    scrap = whole_quantity(qty_scrap, field="qty_scrap", label=QT_TRANSLATE_NOOP("errors", "Scrap quantity"))
    if good == 0 and scrap == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter a good or a scrap quantity; both cannot be zero."), field="qty_good")
    if fact_date is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the date of the work."), field="fact_date")
    if fact_date > today:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The date {date} is in the future; facts are recorded for work already done."), date=fact_date,
            field="fact_date",
        )
    chosen = parse_shift(shift)
    if needs_shift:
        if chosen not in (Shift.DAY, Shift.NIGHT):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{stage_name} is recorded per shift: choose day or night."), stage_name=stage_name, field="shift")
        if operator_id is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{stage_name} is recorded per operator: choose the operator."), stage_name=stage_name, field="operator")
    else:
        chosen = Shift.NONE  # set automatically for stages without shifts
    return FactValues(good, scrap, fact_date, chosen, operator_id)
