"""Timing shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time


def median_ms(fn, runs: int = 7) -> float:
    """Median wall time of ``fn()`` in milliseconds over ``runs`` calls, after one warm-up call."""
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)
