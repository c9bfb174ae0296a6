from datetime import date
from decimal import Decimal

import pytest

from erp_desktop.domain.facts import check_fact, whole_quantity
from erp_desktop.domain.shifts import Shift
from erp_desktop.errors import ValidationError

TODAY = date(2026, 3, 10)


def fact(**overrides):
    values = dict(stage_name="Machining", needs_shift=True, qty_good=10, qty_scrap=0, fact_date=TODAY,
                  shift="day", operator_id=7, today=TODAY)
    values.update(overrides)
    return check_fact(**values)


def field_of(**overrides) -> str:
    with pytest.raises(ValidationError) as caught:
        fact(**overrides)
    return caught.value.field


def test_a_valid_shift_fact():
    values = fact(qty_good="12", qty_scrap=Decimal("1"), shift="NIGHT")
    assert (values.qty_good, values.qty_scrap, values.shift, values.operator_id) == (12, 1, Shift.NIGHT, 7)


@pytest.mark.parametrize("bad", [-1, "1.5", Decimal("2.5"), 1.0, "abc", True])
def test_quantities_are_whole_numbers_not_below_zero(bad):
    assert field_of(qty_good=bad) == "qty_good"
    assert field_of(qty_scrap=bad) == "qty_scrap"


def test_good_and_scrap_not_both_zero():
    assert field_of(qty_good=0, qty_scrap=0) == "qty_good"
    assert fact(qty_good=0, qty_scrap=3).qty_scrap == 3


def test_date_not_in_future_and_required():
    assert field_of(fact_date=date(2026, 3, 11)) == "fact_date"
    assert field_of(fact_date=None) == "fact_date"
    assert fact(fact_date=date(2026, 1, 1)).fact_date == date(2026, 1, 1)


@pytest.mark.parametrize("shift", [None, "", "none"])
def test_stage_with_shifts_needs_day_or_night(shift):
    assert field_of(shift=shift) == "shift"


def test_unknown_shift_is_refused():
    assert field_of(shift="evening") == "shift"


def test_stage_with_shifts_needs_an_operator():
    assert field_of(operator_id=None) == "operator"


def test_stage_without_shifts_forces_none_and_operator_is_optional():
    values = fact(needs_shift=False, stage_name="Fitting", shift="day", operator_id=None)
    assert values.shift == Shift.NONE and values.operator_id is None


def test_whole_quantity_empty_is_zero():
    assert whole_quantity("", field="x", label="X") == 0
    assert whole_quantity(" 7 ", field="x", label="X") == 7
