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
from erp_desktop.errors import ValidationError

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
        raise ValidationError(f"{label} must be a whole number.", field=field)
    number = Decimal(value) if isinstance(value, int) else parse_decimal(value, field=field, label=label.lower())
    if number < 0:
        raise ValidationError(f"{label} cannot be below zero.", field=field)
    if number > MAX_QTY:  # compared before rounding: rounding 1e999999999 would fail
        raise ValidationError(f"{label} of {value} is not plausible; check the number (at most {MAX_QTY}).",
                              field=field)
    if number != number.to_integral_value():
        raise ValidationError(f"{label} must be a whole number, not {value}.", field=field)
    return int(number)


def parse_shift(value) -> Shift | None:
    if value is None or value == "":
        return None
    try:
        return Shift(str(value).lower())
    except ValueError:
        raise ValidationError(f"Unknown shift '{value}'. Choose day or night.", field="shift") from None


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
    good = whole_quantity(qty_good, field="qty_good", label="Good quantity")
    scrap = whole_quantity(qty_scrap, field="qty_scrap", label="Scrap quantity")
    if good == 0 and scrap == 0:
        raise ValidationError("Enter a good or a scrap quantity; both cannot be zero.", field="qty_good")
    if fact_date is None:
        raise ValidationError("Enter the date of the work.", field="fact_date")
    if fact_date > today:
        raise ValidationError(
            f"The date {fact_date.isoformat()} is in the future; facts are recorded for work already done.",
            field="fact_date",
        )
    chosen = parse_shift(shift)
    if needs_shift:
        if chosen not in (Shift.DAY, Shift.NIGHT):
            raise ValidationError(f"{stage_name} is recorded per shift: choose day or night.", field="shift")
        if operator_id is None:
            raise ValidationError(f"{stage_name} is recorded per operator: choose the operator.", field="operator")
    else:
        chosen = Shift.NONE  # set automatically for stages without shifts
    return FactValues(good, scrap, fact_date, chosen, operator_id)
