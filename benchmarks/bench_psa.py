"""Benchmark: a probabilistic sensitivity analysis of every preset on a local Dask cluster.

Targets (issue 14, on 2 cores): 1,000 draws x 100,000 pregnancies x every preset in at most
5 minutes with 2 workers; the speed-up from 1 to 2 workers at least 1.7x on the same run;
peak resident memory per worker under 2 GB and flat from 100 to 1,000 draws. Prints the
figures side by side and exits 1 if a target is missed. Not a test: timings vary by machine.
Smaller runs (``--draws``) report the same figures and scale the time target linearly.
``--small K`` runs the 1-versus-2-worker comparison on K draws (the same run on both) and
compares the memory at K draws with that at ``--draws``: three runs in all.

Usage: python benchmarks/bench_psa.py [--draws 1000] [--n 100000] [--small 100]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from distributed import Client

from cilib import policies
from cilib.analysis import psa
from cilib.analysis.cluster import local_cluster


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _timed(workers: int, draws: int, n: int) -> tuple[float, float]:
    """Wall time (s) and the largest worker's peak resident memory (MB) of one PSA run, on the
    cluster ``cilib psa --workers N`` starts (:func:`cilib.analysis.cluster.local_cluster`)."""
    with local_cluster(workers) as cluster, Client(cluster) as client:
        t = time.perf_counter()
        psa.run(policies.presets(), draws=draws, n=n, seed=1, client=client)
        seconds = time.perf_counter() - t
        peak = max(client.run(_peak_rss_mb).values())
    return seconds, peak


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1_000)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=100, help="draws of the memory comparison")
    args = ap.parse_args(argv)
    presets = policies.presets()
    small = min(args.small, args.draws)
    one, mem_one = _timed(1, small, args.n)
    two_small, mem_small = _timed(2, small, args.n)
    two, mem_two = _timed(2, args.draws, args.n)
    target = 300.0 * args.draws / 1_000 * args.n / 100_000
    speedup = one / two_small
    print(f"{args.n:,} pregnancies x {len(presets)} presets per draw")
    print(f"{small} draws, 1 worker:  {one:7.1f} s   peak {mem_one:6.0f} MB per worker")
    print(f"{small} draws, 2 workers: {two_small:7.1f} s   peak {mem_small:6.0f} MB per worker")
    print(f"speed-up:  {speedup:.2f}x (target >= 1.7x)")
    print(
        f"{args.draws} draws, 2 workers: {two:7.1f} s   peak {mem_two:6.0f} MB per worker  "
        f"(target <= {target:.0f} s)"
    )
    print(
        f"memory:    {mem_small:.0f} MB at {small} draws, {mem_two:.0f} MB at {args.draws} "
        "(target < 2048 MB, flat within 10%)"
    )
    checks = {
        "time": two <= target,
        "speed-up": speedup >= 1.7,
        "memory": mem_two < 2048,
        "flat memory": mem_two <= 1.1 * mem_small,
    }
    for name, ok in checks.items():
        print(f"{name}: {'met' if ok else 'MISSED'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
