"""The case fold and the literal search pattern every back end uses."""

import pytest

from erp_desktop.domain.text import fold, like_pattern


@pytest.mark.parametrize("text,folded", [
    ("ВАЛ-1", "вал-1"), ("Вал-1", "вал-1"), ("ЁЖ", "ёж"), ("Bracket M8", "bracket m8"), ("ÉTÉ", "été"),
    ("ЄІЇЎҐ", "єіїўґ"), ("100% _\\", "100% _\\"),
])
def test_fold_lowers_every_script_and_leaves_the_rest(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text,pattern", [
    ("вал", "%вал%"), ("100%", "%100\\%%"), ("A_1", "%A\\_1%"), ("B\\2", "%B\\\\2%"), ("%_\\", "%\\%\\_\\\\%"),
])
def test_like_pattern_escapes_wildcards_and_the_escape_character(text, pattern):
    assert like_pattern(text) == pattern
