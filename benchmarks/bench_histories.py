"""Benchmark: 100,000 women with 3 pregnancies each (target: under 3 s on 2 cores).

Usage: python benchmarks/bench_histories.py
"""

from __future__ import annotations

import sys

from _timing import best_of

import cilib


def main() -> int:
    cilib.generate_histories(1000, pregnancies=3, seed=0)
    t = best_of(lambda: cilib.generate_histories(100_000, pregnancies=3, seed=1), 3)
    print(f"generate_histories, 100,000 women x 3 pregnancies: {t:.3f} s  (target < 3 s)")
    return 0 if t < 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
