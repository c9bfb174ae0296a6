"""The loop of a concurrency test's worker process: random operations until the time is up, each counted as done,
refused (a business refusal) or unexpected (anything else, and a CHECK constraint that caught a race)."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable

from erp_desktop.db.engine import Database, create_database
from erp_desktop.errors import ErpError, ValidationError


def run_random_ops(url: str, seed: int, seconds: float, start_at: float,
                   one_op: Callable[[Database, random.Random], str]) -> dict:
    """``one_op(db, rnd)`` does one operation and returns its kind; the workers all start at ``start_at``."""
    db = create_database(url, pool_size=1)
    rnd = random.Random(seed)
    stats: Counter = Counter()
    unexpected: list[str] = []
    while time.time() < start_at:
        time.sleep(0.005)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            try:
                stats[one_op(db, rnd) + "_ok"] += 1
            except ValidationError as error:
                if "database" in str(error):  # a CHECK constraint caught a race: the locking failed
                    unexpected.append(repr(error))
                stats["refused"] += 1
            except ErpError:
                stats["refused"] += 1
            except Exception as error:  # noqa: BLE001
                unexpected.append(repr(error))
    finally:
        db.dispose()
    return {"stats": dict(stats), "unexpected": unexpected}
