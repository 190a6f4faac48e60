"""Benchmark: generate 1,000,000 pregnancies and compare with raw numpy draws.

Targets (issue 2, on 2 cores): the cohort in at most 1.5 s, at most 5x the time numpy takes
to draw 30 x 1,000,000 uniform variates, and at most 150 bytes per pregnancy in memory.
Prints the figures and exits 1 if a target is missed. Not a test: timings vary by machine.

Usage: python benchmarks/bench_cohort.py [--n 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from _timing import best_of

import cilib


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    cilib.generate_cohort(1000, seed=0)  # warm imports and caches
    rng = np.random.default_rng(0)
    raw = best_of(lambda: rng.random((30, args.n)), args.repeat)
    cohort_t = best_of(lambda: cilib.generate_cohort(args.n, seed=1), args.repeat)
    cohort = cilib.generate_cohort(args.n, seed=1)
    per_row = cohort.memory_usage(deep=True).sum() / len(cohort)
    ratio = cohort_t / raw
    print(f"n = {args.n:,}; best of {args.repeat}")
    print(f"raw draws (30 x n uniforms): {raw:.3f} s")
    print(f"generate_cohort:             {cohort_t:.3f} s  (target <= 1.5 s)")
    print(f"ratio to raw draws:          {ratio:.2f}x  (target <= 5x)")
    print(f"memory per pregnancy:        {per_row:.1f} bytes  (target <= 150)")
    ok = cohort_t <= 1.5 * args.n / 1_000_000 and ratio <= 5 and per_row <= 150
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
