"""Probe how far the calibration targets' region reaches beyond the shipped posterior's draws.

Simulates ``--count`` points on each shell of Mahalanobis radius ``--radii`` around the mean of
the shipped draws (metric: their covariance, on the fitting scale of :class:`abc.Space`), each
at the posterior's own cohort size and seed (``posterior.toml``), and prints per shell the
points inside the prior box, those that reproduce every target, the pass rate and the
posterior's mass per unit radius relative to the innermost shell with a pass
(:func:`cilib.analysis.reach.radial_mass`). Deterministic: the directions come from the
``abc_reach`` stream under the posterior's seed, and the table does not depend on
``--workers``. About 3 s per point inside the box on one core.

Usage::

    python scripts/probe_posterior.py [--radii 7,9,11,14,18] [--count 24] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from cilib.analysis import abc, reach
from cilib.params import posterior


def _radii(text: str) -> list[float]:
    try:
        radii = [float(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"got {text!r}; allowed: radii like 7,9,11") from None
    if not radii or any(not np.isfinite(r) or r < 0 for r in radii):
        raise argparse.ArgumentTypeError(f"got {text!r}; allowed: finite radii >= 0")
    return radii


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"got {text!r}; allowed: an integer >= 1")
    return int(text)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--radii", type=_radii, default=_radii("7,9,11,14,18"))
    ap.add_argument("--count", type=_count, default=24, help="points per shell")
    ap.add_argument("--workers", type=_count, default=1)
    args = ap.parse_args(argv)
    post = posterior.load()
    if post is None:
        print("probe_posterior: the package ships no posterior", file=sys.stderr)
        return 2
    space = abc.Space.from_registry()
    u = space.to_u(post.particles[space.columns()].to_numpy(np.float64))
    cov = np.cov(u, rowvar=False) + 1e-12 * np.eye(u.shape[1])
    t = time.perf_counter()
    table = reach.shells(
        space,
        u.mean(axis=0),
        cov,
        args.radii,
        args.count,
        n=int(post.meta["n"]),
        seed=int(post.meta["seed"]),
        workers=args.workers,
    )
    mass = reach.radial_mass(table, u.shape[1])
    print(
        f"{len(space.params)} calibrated records; {len(u)} draws; {time.perf_counter() - t:.0f} s"
    )
    print(mass.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    missed = table[table["inside_box"] & ~table["passes"]].groupby("radius")["missed"].median()
    print("median targets missed by the failing points inside the box:", missed.to_dict())
    return 0


if __name__ == "__main__":
    sys.exit(main())
