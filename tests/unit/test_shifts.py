from datetime import date, datetime, time

from erp_desktop.domain.shifts import Shift, current_shift


def test_day_shift_from_eight_to_twenty():
    assert current_shift(datetime(2026, 3, 2, 8, 0)).shift == Shift.DAY
    assert current_shift(datetime(2026, 3, 2, 19, 59)).shift == Shift.DAY


def test_night_shift_belongs_to_the_date_it_began():
    assert current_shift(datetime(2026, 3, 2, 20, 0)) .date == date(2026, 3, 2)
    early = current_shift(datetime(2026, 3, 3, 7, 59))
    assert early.shift == Shift.NIGHT and early.date == date(2026, 3, 2)


def test_configured_shift_times():
    slot = current_shift(datetime(2026, 3, 2, 7, 30), day_starts=time(7), night_starts=time(19))
    assert slot.shift == Shift.DAY
