from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from erp_desktop.domain.fifo import LotState, allocate, fifo_violation
from erp_desktop.domain.stock import exact_cost, exact_qty, format_qty, shortage_message, value_of
from erp_desktop.errors import ValidationError

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def lot(lot_id, day, on_hand, cost="10", reserved="0", quality="APPROVED"):
    return LotState(lot_id, T0 + timedelta(days=day), D(on_hand), D(reserved), D(cost), quality, f"L{lot_id}")


def test_allocation_takes_oldest_received_first_whatever_the_id_order():
    lots = [lot(1, 5, "10", "30"), lot(2, 1, "10", "10"), lot(3, 3, "10", "20")]
    allocation = allocate(lots, D("15"))
    assert [(s.lot_id, s.qty) for s in allocation.slices] == [(2, D("10")), (3, D("5"))]
    assert allocation.value == D("200")  # 10 x 10 + 5 x 20


def test_same_received_at_is_ordered_by_id():
    lots = [lot(9, 1, "5"), lot(4, 1, "5")]
    assert [s.lot_id for s in allocate(lots, D("6")).slices] == [4, 9]


def test_only_approved_unreserved_stock_is_allocated():
    lots = [lot(1, 1, "10", quality="PENDING"), lot(2, 2, "10", quality="QUARANTINE"),
            lot(3, 3, "10", quality="REJECTED"), lot(4, 4, "10", reserved="8"), lot(5, 5, "10")]
    allocation = allocate(lots, D("5"))
    assert [(s.lot_id, s.qty) for s in allocation.slices] == [(4, D("2")), (5, D("3"))]
    assert allocation.available == D("12")


def test_shortfall_is_reported_not_hidden():
    allocation = allocate([lot(1, 1, "3.5")], D("5"))
    assert not allocation.complete and allocation.shortfall == D("1.5") and allocation.allocated == D("3.5")


def test_slice_values_are_exact():
    allocation = allocate([lot(1, 1, "0.001", cost="0.0001"), lot(2, 2, "1", cost="1234.5678")], D("0.334"))
    assert [s.value for s in allocation.slices] == [D("0.0000001"), D("411.1110774")]
    assert allocation.value == D("411.1110775")


def test_fifo_violation_finds_an_older_lot_left_with_stock():
    after = [lot(1, 1, "5"), lot(2, 2, "0")]
    assert fifo_violation(after, {2}).id == 1
    assert fifo_violation([lot(1, 1, "0"), lot(2, 2, "3")], {1, 2}) is None
    assert fifo_violation([lot(1, 1, "5", quality="PENDING"), lot(2, 2, "0")], {2}) is None


@pytest.mark.parametrize("bad", [1.5, 0.1, True])
def test_floats_are_refused(bad):
    with pytest.raises(TypeError):
        exact_qty(bad)
    with pytest.raises(TypeError):
        exact_cost(bad)


@pytest.mark.parametrize("text,expected", [("12.5", D("12.500")), ("1,25", D("1.250")), (7, D("7.000")),
                                           (D("0.001"), D("0.001"))])
def test_quantities_parse_exactly(text, expected):
    assert exact_qty(text) == expected


@pytest.mark.parametrize("text", ["0", "-1", "0.0001", "abc", "", "NaN", "1e20"])
def test_bad_quantities_are_validation_errors(text):
    with pytest.raises(ValidationError) as error:
        exact_qty(text)
    assert error.value.field == "qty"


def test_costs_have_four_places_and_values_seven():
    assert exact_cost("0.0001") == D("0.0001")
    with pytest.raises(ValidationError):
        exact_cost("0.00001")
    assert value_of(D("2.125"), D("3.3333")) == D("7.0832625")


def test_shortage_message_names_available_pending_and_quarantine():
    message = shortage_message(requested=D("120"), available=D("95"), unit="kg", product_name="40X steel",
                               sku="ST-40X", warehouse_name="Main store", pending=D("20"), quarantine=D("5"))
    assert message.startswith("Only 95.000 kg of 40X steel (SKU ST-40X) is available in Main store; "
                              "20.000 kg more is PENDING and 5.000 kg in QUARANTINE.")
    assert "120.000 kg" in message
    assert format_qty(D("3"), "pcs") == "3.000 pcs"
