"""Benchmark: re-run every published trial at its default size, timing each (issue 11 moved
the run time out of the trials table, whose rows must be the same at every call).

Prints one line per trial and the total. Not a test: timings vary by machine.

Usage: python benchmarks/bench_trials.py [--scale 1.0]
"""

from __future__ import annotations

import argparse
import sys
import time

from cilib import trials


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="share of each trial's n_source")
    args = ap.parse_args(argv)
    total = 0.0
    for name in trials.trials():
        spec = trials.get(name)
        n = max(1, int(round(spec.n_source * args.scale)))
        t = time.perf_counter()
        row = trials.run_trial(spec, n_source=n).row
        seconds = time.perf_counter() - t
        total += seconds
        print(f"{name:20s} n_source {n:>9,}  eligible {row['n_eligible']:>6,}  {seconds:6.2f} s")
    print(f"all {len(trials.trials())} trials: {total:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
