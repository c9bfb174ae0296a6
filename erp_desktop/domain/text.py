"""How text is compared: one case fold and one literal search pattern for every back end.

Names, codes and searches ignore letter case in any script (Cyrillic with Ё/ё, Latin, ...). The fold is
Unicode's lower-case mapping, the same one the databases apply: Python's on SQLite (a function registered
on every connection, db/text_match.py) and ICU's root locale on PostgreSQL (migration 0005), so a name
folds the same way whichever desktop or back end looks at it.
"""

from __future__ import annotations

LIKE_ESCAPE = "\\"


def fold(text: str) -> str:
    """The case-free form of ``text``: 'ВАЛ-1', 'Вал-1' and 'вал-1' all fold to 'вал-1', 'Ёж' to 'ёж'."""
    return text.lower()


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape character LIKE_ESCAPE) matching values that contain ``text`` literally:
    '%', '_' and the escape character itself are searched for, not wildcards."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"%{escaped}%"
