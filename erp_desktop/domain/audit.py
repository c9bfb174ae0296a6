"""An audit entry's before/after values as field changes a person can read: ``name: old -> new``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

MISSING = object()


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (bool, dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def field_changes(before: Mapping | None, after: Mapping | None) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) for every field whose value differs; ``old`` is None for a field only ``after`` has
    (a record created, or a value given), ``new`` None for one only ``before`` has (a record removed).
    Fields in the order they were written: ``before``'s first, then those only ``after`` has."""
    before, after = before or {}, after or {}
    changes = []
    for field in list(before) + [f for f in after if f not in before]:
        old, new = before.get(field, MISSING), after.get(field, MISSING)
        if old is not MISSING and new is not MISSING and old == new:
            continue
        changes.append((str(field), None if old is MISSING else _plain(old), None if new is MISSING else _plain(new)))
    return changes


def changes_text(before: Mapping | None, after: Mapping | None, *, separator: str = "; ") -> str:
    """``name: old -> new; qty: 1 -> 2``; a field only after has reads ``name: new``, only before ``name: old -> -``."""
    parts = []
    for field, old, new in field_changes(before, after):
        if old is None:
            parts.append(f"{field}: {new}")
        elif new is None:
            parts.append(f"{field}: {old} -> -")
        else:
            parts.append(f"{field}: {old} -> {new}")
    return separator.join(parts)
