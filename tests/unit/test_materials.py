from decimal import Decimal as D

import pytest

from erp_desktop.domain.materials import (
    cycle_error,
    find_cycle,
    next_revision,
    output_share,
    required_qty,
    round_requirement,
    split_value,
)
from erp_desktop.errors import ValidationError


@pytest.mark.parametrize(("raw", "unit", "expected"), [
    ("0.004", "sheet", "1.000"), ("2.0001", "pcs", "3.000"), ("3", "pcs", "3.000"),
    ("1.0001", "kg", "1.001"), ("1.000", "m", "1.000"), ("0.0000001", "l", "0.001"),
])
def test_requirement_rounds_up_to_whole_units_for_pcs_and_sheet_else_to_a_gram(raw, unit, expected):
    assert round_requirement(D(raw), unit) == D(expected)


def test_required_is_fixed_plus_per_unit_times_order_with_scrap():
    # (0.5 + 0.25 x 40) x 1.05 = 11.025 kg
    assert required_qty(per_unit=D("0.25"), fixed=D("0.5"), scrap_percent=D("5"), order_qty=D(40), unit="kg") \
        == D("11.025")
    # (0 + 0.01 x 40) x 1.1 = 0.44 sheet -> 1 sheet
    assert required_qty(per_unit=D("0.01"), fixed=D(0), scrap_percent=D("10"), order_qty=D(40), unit="sheet") \
        == D("1.000")
    assert required_qty(per_unit=D("2"), fixed=D(0), scrap_percent=D(0), order_qty=D(40), unit="pcs") == D("80.000")


def test_cycle_names_the_path_back_to_the_product():
    edges = {1: [2], 2: [3, 5], 3: [4], 4: [1]}
    assert find_cycle(edges, 1) == [1, 2, 3, 4, 1]
    assert find_cycle(edges, 5) is None
    assert find_cycle({1: [1]}, 1) == [1, 1]
    error = cycle_error(["GEAR", "SHAFT", "GEAR"])
    assert isinstance(error, ValidationError) and "GEAR -> SHAFT -> GEAR" in str(error)


def test_shared_sub_assemblies_are_not_cycles():
    assert find_cycle({1: [2, 3], 2: [4], 3: [4], 4: []}, 1) is None


def test_revisions_follow_the_alphabet():
    assert next_revision([]) == "A"
    assert next_revision(["A", "C", "B"]) == "D"
    assert next_revision(["Z"]) == "AA"
    assert next_revision(["AZ", "B"]) == "BA"


def test_each_posting_carries_its_share_and_the_last_carries_the_rest():
    issued = D("1000.0000")
    first = output_share(not_carried=issued, posted=D(10), still_to_come=D(30), last=False)
    assert first == D("333.33")
    second = output_share(not_carried=issued - first, posted=D(10), still_to_come=D(20), last=False)
    assert second == D("333.34")  # 666.67 / 2 rounded half up
    third = output_share(not_carried=issued - first - second, posted=D(10), still_to_come=D(10), last=True)
    assert first + second + third == issued


def test_a_posting_with_nothing_issued_carries_nothing():
    assert output_share(not_carried=D(0), posted=D(5), still_to_come=D(5), last=True) == 0


@pytest.mark.parametrize(("value", "qty"), [("333.33", "10"), ("100", "3"), ("0.0001", "7"), ("1234.5677", "40"),
                                            ("40", "40")])
def test_output_lot_values_add_up_to_the_share_exactly(value, qty):
    pieces = split_value(D(value), D(qty))
    assert sum(p.qty for p in pieces) == D(qty)
    assert sum(p.value for p in pieces) == D(value)
    assert len(pieces) <= 2 and all(p.qty > 0 for p in pieces)
    if len(pieces) == 2:
        assert pieces[1].unit_cost - pieces[0].unit_cost == D("0.0001")
