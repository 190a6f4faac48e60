"""Shared timing helper for the benchmark scripts (run them as ``python benchmarks/NAME.py``)."""

import time


def best_of(fn, repeat: int) -> float:
    """Best wall-clock time of ``repeat`` calls of ``fn``, seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
