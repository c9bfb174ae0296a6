"""The cyclic garbage collector paused around a computation that makes many short-lived objects in no cycles.

A 2,000-line BOM explosion or the whole plant's what-to-buy list make thousands to hundreds of thousands of
rows, tuples and DTOs at once; the reference counts free them, yet every 700 new container objects start a
collector pass over the young ones (and now and then over the whole heap: the application's modules, Qt
wrappers and caches). Those passes were a third of what to buy's time and a third of an explosion's, for
nothing to collect. Paused, any cycle made meanwhile waits for the next pass after the pause.

One counter for the process: service calls run on several worker threads, and the collector is one switch
for all of them. The first computation to enter turns it off (if it was on), the last to leave turns it back
on; a collector someone else turned off stays off.

Not gc.freeze() after start-up (considered for app.py): in a started desktop (Qt, the ui and the services
imported: some 170,000 tracked objects) a full collection costs a few hundred ms on the shared benchmark
machine, and freezing would make it nearly free; but with the pauses here the four materials benchmarks run no
full collection at all (measured with gc.callbacks: 0 per call; before, 0.06 per explosion and 0.14 per shortage
list), and freezing measurably helped only the unpaused code (collector time per explosion 18 -> 9 ms; with the
pause 1.5 ms either way). Objects frozen are never examined for cycles again, so it is not free of risk either.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """``with collector_paused(): ...`` (or as a decorator): no cyclic collection inside, nested and
    concurrent uses included."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
