"""Shifts: day 08:00-20:00, night 20:00-08:00 by default; a night belongs to the date it began."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class Shift(StrEnum):
    DAY = "day"
    NIGHT = "night"
    NONE = "none"


@dataclass(frozen=True)
class ShiftSlot:
    date: date
    shift: Shift


def current_shift(now: datetime, day_starts: time = time(8), night_starts: time = time(20)) -> ShiftSlot:
    clock = now.time()
    if day_starts <= clock < night_starts:
        return ShiftSlot(now.date(), Shift.DAY)
    if clock >= night_starts:
        return ShiftSlot(now.date(), Shift.NIGHT)
    return ShiftSlot(now.date() - timedelta(days=1), Shift.NIGHT)
