"""Label payloads and reading them back from a scanner on a US or Russian keyboard layout."""

import pytest

from erp_desktop.domain.codes import (
    CodeKind,
    LabelCode,
    keys_as_latin,
    label_payload,
    looks_like_label_code_start,
    parse_label_code,
)


def test_payload_is_prefix_and_zero_padded_id():
    assert label_payload(CodeKind.LOT, 123) == "L000123"
    assert label_payload("product", 7) == "P000007"
    assert label_payload(CodeKind.PART, 45) == "T000045"
    assert label_payload(CodeKind.WAREHOUSE, 3) == "W000003"
    assert label_payload(CodeKind.DOCUMENT, 1234567) == "D1234567"


def test_every_kind_has_its_own_prefix_of_one_latin_capital():
    prefixes = [kind.prefix for kind in CodeKind]
    assert len(set(prefixes)) == len(prefixes)
    assert all(len(p) == 1 and "A" <= p <= "Z" for p in prefixes)


@pytest.mark.parametrize("kind", list(CodeKind))
def test_payload_reads_back_as_itself(kind):
    assert parse_label_code(label_payload(kind, 98765)) == LabelCode(kind, 98765)


def test_us_layout_scan_is_read_as_typed():
    assert parse_label_code("L000123") == LabelCode(CodeKind.LOT, 123)
    assert parse_label_code("  T000045\r\n") == LabelCode(CodeKind.PART, 45)


def test_russian_layout_scan_is_mapped_back_by_key_position():
    # the keys L, P, T, W, D type Д, З, Е, Ц, В with the Russian layout active
    assert parse_label_code("Д000123") == LabelCode(CodeKind.LOT, 123)
    assert parse_label_code("З000007") == LabelCode(CodeKind.PRODUCT, 7)
    assert parse_label_code("Е000045") == LabelCode(CodeKind.PART, 45)
    assert parse_label_code("Ц000003") == LabelCode(CodeKind.WAREHOUSE, 3)
    assert parse_label_code("В001000") == LabelCode(CodeKind.DOCUMENT, 1000)


def test_caps_lock_on_either_layout_still_reads():
    assert parse_label_code("l000123") == LabelCode(CodeKind.LOT, 123)
    assert parse_label_code("д000123") == LabelCode(CodeKind.LOT, 123)


def test_whole_keyboard_maps_russian_to_us_keys():
    assert keys_as_latin("ЙЦУКЕНГШЩЗХЪ") == "QWERTYUIOP[]"
    assert keys_as_latin("ФЫВАПРОЛДЖЭ") == "ASDFGHJKL;'"
    assert keys_as_latin("ЯЧСМИТЬБЮ") == "ZXCVBNM,."
    assert keys_as_latin("йцукен") == "qwerty"
    assert keys_as_latin("L000123-x") == "L000123-x"  # Latin, digits and signs are left alone


@pytest.mark.parametrize("text", ["", "L12345", "X000123", "L000123A", "ST-40X-D40", "RCV-000012", "Д00012",
                                  "L\u0661\u0662\u0663\u0664\u0665\u0666", "лот 000123"])
def test_other_text_is_not_a_label_code(text):
    assert parse_label_code(text) is None


def test_scan_start_keys_on_both_layouts():
    assert all(looks_like_label_code_start(c) for c in "LPTWDДЗЕЦВlд")
    assert not any(looks_like_label_code_start(c) for c in "AX1Я ")
