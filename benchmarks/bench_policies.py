"""Benchmark: compare every preset policy on 1,000,000 pregnancies.

Target (policies issue, on 2 cores): ``compare_policies`` over all presets in under 10 s (the
cohort is generated beforehand and timed separately). Prints the figures and exits 1 if the
target is missed. Not a test: timings vary by machine.

Usage: python benchmarks/bench_policies.py [--n 1000000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import sys
import time

from _timing import best_of

import cilib
from cilib import policies
from cilib.interventions.compare import compare_policies


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    compare_policies(cilib.generate_cohort(2000, seed=0), policies.presets(), seed=0)  # warm up
    t = time.perf_counter()
    cohort = cilib.generate_cohort(args.n, seed=1)
    cohort_t = time.perf_counter() - t
    names = policies.presets()
    compare_t = best_of(lambda: compare_policies(cohort, names, seed=1), args.repeat)
    target = 10.0 * args.n / 1_000_000
    print(f"n = {args.n:,}; {len(names)} policies; best of {args.repeat}")
    print(f"generate_cohort:  {cohort_t:.2f} s (not part of the target)")
    print(f"compare_policies: {compare_t:.2f} s  (target < {target:.1f} s)")
    ok = compare_t < target
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
