"""Materials for production in plain Python: a BOM line's required quantity, the BOM cycle check, and the
share of issued material cost each output posting of a part carries (no database, no Qt).

- Required = (fixed + per unit x order size) x (1 + scrap %), rounded UP to whole units for pcs and sheet
  (0.004 of a sheet is one sheet), to 0.001 otherwise.
- A BOM that would contain its own product at any depth is refused, the message naming the path.
- Output cost: each posting carries the issued cost not yet carried x posted / still to come (to the cent);
  the posting that completes the part carries all that remains. A posting's value is split over at most two
  lots' unit costs (0.0001 apart) so that the lots' values add up to the share exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum

from erp_desktop.domain.stock import COST_QUANTUM, QTY_QUANTUM, ZERO, Unit
from erp_desktop.errors import QT_TRANSLATE_NOOP, Text, ValidationError

CENT = Decimal("0.01")
SCRAP_PLACES = Decimal("0.01")
MAX_SCRAP_PERCENT = Decimal("500")
MAX_BOM_DEPTH = 30  # the explosion stops here whatever the data (a cycle the checks missed cannot loop forever)
WHOLE_UNITS = frozenset({Unit.PCS, Unit.SHEET})
_WHOLE_VALUES = frozenset(u.value for u in WHOLE_UNITS)  # a StrEnum member hashes as its value: both match
_UNIT_VALUES = frozenset(u.value for u in Unit)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
REVISION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Sourcing(StrEnum):
    MAKE = "make"
    BUY = "buy"

    @property
    def label(self) -> str:
        return SOURCING_LABELS[self]


SOURCING_LABELS = {
    Sourcing.MAKE: QT_TRANSLATE_NOOP("enums", "make"),
    Sourcing.BUY: QT_TRANSLATE_NOOP("enums", "buy"),
}


def round_requirement(qty: Decimal, unit: str | Unit) -> Decimal:
    """Up to whole units for pcs and sheet, up to 0.001 otherwise (never down: a job must not run short)."""
    if unit in _WHOLE_VALUES:
        return qty.quantize(_ONE, rounding=ROUND_CEILING).quantize(QTY_QUANTUM)
    if unit not in _UNIT_VALUES:  # set lookups: Unit(unit) per row was most of a 2,000-line explosion's time
        Unit(unit)  # an unknown unit is a programming error (ValueError)
    return qty.quantize(QTY_QUANTUM, rounding=ROUND_CEILING)


def required_qty(*, per_unit: Decimal, fixed: Decimal, scrap_percent: Decimal, order_qty: Decimal,
                 unit: str | Unit) -> Decimal:
    """(fixed + per unit x order size) x (1 + scrap %), rounded as ``round_requirement``."""
    raw = fixed + per_unit * order_qty
    if scrap_percent:
        raw *= _ONE + scrap_percent / _HUNDRED
    return round_requirement(raw, unit)


def next_revision(existing: Iterable[str]) -> str:
    """A, B, ... Z, then AA, AB ...: the letter after the highest revision so far."""
    taken = [r for r in existing if r]
    if not taken:
        return "A"
    highest = max(taken, key=lambda r: (len(r), r))
    letters = list(highest)
    i = len(letters) - 1
    while i >= 0:
        if letters[i] != "Z":
            letters[i] = REVISION_LETTERS[REVISION_LETTERS.index(letters[i]) + 1]
            return "".join(letters)
        letters[i] = "A"
        i -= 1
    return "A" + "".join(letters)


# --------------------------------------------------------------------------- cycles


def find_cycle(edges: Mapping[int, Iterable[int]], product_id: int) -> list[int] | None:
    """The path product -> ... -> product if ``product_id`` contains itself through ``edges`` (product ->
    the products its BOM lines name), or None. Depth-first, each product explored once."""
    stack: list[tuple[int, list[int]]] = [(product_id, [product_id])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        for child in sorted(edges.get(node, ()), reverse=True):
            if child == product_id:
                return path + [child]
            if child not in seen:
                seen.add(child)
                stack.append((child, path + [child]))
    return None


def cycle_error(path: list[str]) -> ValidationError:
    return ValidationError(
        Text(QT_TRANSLATE_NOOP("errors", "This BOM would contain itself: {path}. Remove the line that closes "
                                         "the loop."), path=" -> ".join(path)), field="component_id")


# --------------------------------------------------------------------------- output cost


@dataclass(frozen=True)
class LotPiece:
    qty: Decimal
    unit_cost: Decimal

    @property
    def value(self) -> Decimal:
        return self.qty * self.unit_cost


def output_share(*, not_carried: Decimal, posted: Decimal, still_to_come: Decimal, last: bool) -> Decimal:
    """The issued cost a posting of ``posted`` carries: ``not_carried`` x posted / still to come, to the
    cent; the last posting (the part done) carries all that remains (to 0.0001, what a lot can hold)."""
    if posted <= 0:
        raise ValueError("post a positive quantity")
    if not_carried <= 0:
        return ZERO
    if last or posted >= still_to_come:
        return not_carried.quantize(COST_QUANTUM, rounding=ROUND_HALF_UP)
    return (not_carried * posted / still_to_come).quantize(CENT, rounding=ROUND_HALF_UP)


def split_value(value: Decimal, qty: Decimal) -> tuple[LotPiece, ...]:
    """Whole ``qty`` units whose values add up to ``value`` (a multiple of 0.0001) exactly: one piece at
    value / qty when it divides, else two pieces whose unit costs differ by 0.0001."""
    if qty <= 0 or qty != qty.to_integral_value():
        raise ValueError("output is posted in whole units")
    value = value.quantize(COST_QUANTUM)
    base = (value / qty).quantize(COST_QUANTUM, rounding=ROUND_DOWN)
    extra_units = ((value - base * qty) / COST_QUANTUM).to_integral_value()
    if extra_units == 0:
        return (LotPiece(qty.quantize(QTY_QUANTUM), base),)
    return (LotPiece((qty - extra_units).quantize(QTY_QUANTUM), base),
            LotPiece(extra_units.quantize(QTY_QUANTUM), base + COST_QUANTUM))
