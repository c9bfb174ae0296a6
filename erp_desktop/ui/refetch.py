"""Re-fetching the records a live update names, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from erp_desktop.errors import NotFound


def each_or_none(get_one: Callable) -> Callable:
    """From ``get_one(db, actor, id)`` a call ``(db, actor, ids) -> [(id, dto or None)]``; None: the record is gone."""

    def fetch(db, actor, ids: list[int]) -> list[tuple[int, object]]:
        found = []
        for record_id in ids:
            try:
                found.append((record_id, get_one(db, actor, record_id)))
            except NotFound:
                found.append((record_id, None))
        return found

    return fetch
