"""The input rules themselves (domain/inputs.py, domain/passwords.py), no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from erp_desktop.domain.facts import whole_quantity
from erp_desktop.domain.inputs import (
    INT32_MAX,
    INT64_MAX,
    clean_decimal,
    clean_id,
    clean_int,
    clean_search,
    clean_text,
    ids_in_range,
    odd_character,
)
from erp_desktop.domain.passwords import check_new_password, could_be_a_user_name
from erp_desktop.domain.stock import exact_cost, exact_qty
from erp_desktop.errors import NotFound, ValidationError

D = Decimal


def test_odd_characters_are_nul_and_surrogates_only():
    assert odd_character("Шпиндель ø40 — «Н7» \t\n😀") is None
    assert "NUL" in odd_character("a\x00")
    assert "surrogate" in odd_character("a\udfff")
    assert "surrogate" in odd_character("\ud83d\ude00")  # a pair left as two code points is not text either


def test_clean_text_strips_checks_required_length_and_characters():
    assert clean_text("  Вал  ", field="name", label="name", max_len=3) == "Вал"
    assert clean_text(None, field="name", label="name") == ""
    with pytest.raises(ValidationError, match="Enter the name") as refused:
        clean_text("   ", field="name", label="name", required=True)
    assert refused.value.field == "name"
    with pytest.raises(ValidationError, match="at most 3 characters; this one has 4"):
        clean_text("Валы", field="name", label="name", max_len=3)
    with pytest.raises(ValidationError, match="NUL"):
        clean_search("ab\x00")
    with pytest.raises(TypeError):
        clean_text(5, field="name", label="name")


@pytest.mark.parametrize("text", ["1e999999999", "-1e999999999", "1" * 40, "9" * 29 + ".5", "1e-999999999",
                                  "NaN", "sNaN", "Infinity", "1" * 5000])
def test_clean_decimal_never_raises_invalid_operation(text):
    with pytest.raises(ValidationError) as refused:
        clean_decimal(text, field="qty", label="quantity", places=3, lo=D(0), hi=D("999999999.999"))
    assert refused.value.field == "qty"


def test_clean_decimal_range_message_and_places():
    assert clean_decimal("1 234,5", field="q", label="q", places=3, lo=D(0), hi=D(10000)) == D("1234.500")
    with pytest.raises(ValidationError, match="between 0 and 10000"):
        clean_decimal("10000.001", field="q", label="q", places=3, lo=D(0), hi=D(10000))
    with pytest.raises(ValidationError, match="at most 3 decimal places"):
        clean_decimal("1.0001", field="q", label="q", places=3, lo=D(0), hi=D(10000))


def test_clean_int_range_and_forms():
    assert clean_int("  42 ", field="n", label="n", lo=0, hi=100) == 42
    assert clean_int(D("7"), field="n", label="n", lo=0, hi=100) == 7
    assert clean_int("", field="n", label="n", lo=0, hi=100, default=0) == 0
    for bad in (10**10, "1e10", "1e999999999", -1, D("1e10")):
        with pytest.raises(ValidationError, match="between 0 and 100"):
            clean_int(bad, field="n", label="n", lo=0, hi=100)
    with pytest.raises(ValidationError, match="whole number"):
        clean_int("2.5", field="n", label="n", lo=0, hi=100)


def test_quantities_cost_and_fact_quantities_refuse_huge_values_with_their_maximum():
    for call in (lambda v: exact_qty(v), lambda v: exact_cost(v)):
        for value in ("1e999999999", "1" * 40, D("9" * 40)):
            with pytest.raises(ValidationError, match="too large"):
                call(value)
    with pytest.raises(ValidationError, match="not plausible"):
        whole_quantity("1e999999999", field="qty_good", label="Good quantity")
    assert exact_qty("0.001") == D("0.001") and exact_cost("99999999.9999") == D("99999999.9999")


def test_ids_outside_the_key_range_are_not_found():
    assert clean_id(INT32_MAX, what="part") == INT32_MAX
    assert clean_id(INT64_MAX, what="fact", max_id=INT64_MAX) == INT64_MAX
    for bad in (INT32_MAX + 1, 0, -5, True, "7", 7.0, None):
        with pytest.raises(NotFound, match="That part does not exist"):
            clean_id(bad, what="part")
    assert ids_in_range([1, 2**31, -1, 5, True]) == [1, 5]


def test_password_rules_count_bytes_and_refuse_blank():
    check_new_password("пароль" * 6)  # 72 bytes
    with pytest.raises(ValidationError, match="at most 72 bytes.*this one has 74"):
        check_new_password("пароль" * 6 + "я")
    with pytest.raises(ValidationError, match="only spaces"):
        check_new_password(" " * 8)
    with pytest.raises(ValidationError, match="NUL"):
        check_new_password("password\x00")
    with pytest.raises(ValidationError, match="surrogate"):
        check_new_password("password\ud800")


def test_sign_in_names_no_account_can_have():
    assert could_be_a_user_name("ivan", max_len=64)
    assert could_be_a_user_name("я" * 64, max_len=64)
    for name in ("я" * 65, "", "   ", "iv\x00an", "iv\ud800an", None, 5):
        assert not could_be_a_user_name(name, max_len=64)
