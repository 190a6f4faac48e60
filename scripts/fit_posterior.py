"""Draw the calibration posterior of the natural history (:mod:`cilib.analysis.abc`).

Writes ``src/cilib/data/posterior_pilot.csv`` (the kept draws) and ``posterior_pilot.toml``
(settings and diagnostics) together, all or nothing (:func:`cilib.io.atomic_write`). These
chains do not mix in the hours a session affords (53 records, one 2.6 s simulation per step);
``scripts/history_match.py`` starts from them and writes the shipped posterior. Deterministic: the
Jacobian and the chains' cohorts use ``--seed`` (common random numbers, as
``scripts/fit_calibration.py``), step i of chain k draws from its own slot of the stream
registry's ``abc_proposal`` under the same seed, and the result does not depend on
``--workers``.

Usage::

    python scripts/fit_posterior.py [--chains 2] [--steps 400] [--burn 100] [--thin 2]
        [--n 200000] [--seed S] [--step 0.02] [--workers 2] [--jacobian FILE]
        [--checkpoints DIR] [--dry-run]

``--jacobian FILE`` keeps the Jacobian in an ``.npz`` file and reuses it when it was computed
for the same fit, size, seed and step. ``--checkpoints DIR`` saves each chain's progress every
25 steps and resumes from it: a chain resumed takes exactly the steps one run would have taken
(each step has its own random stream), so ``--steps`` can be raised run after run, and a
smaller ``--steps`` writes the posterior from the first steps of longer saved chains. Refit
after every change of ``data/calibrated.toml`` (a test checks that the posterior matches it).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from cilib.analysis.abc import (
    Space,
    chains,
    diagnostics,
    jacobian,
    particles_frame,
    pilot_shape,
    step_shape,
)
from cilib.io import atomic_write
from cilib.params.posterior import fitted_point_hash
from cilib.params.streams import DEFAULT_SEED

DATA = Path(__file__).resolve().parents[1] / "src" / "cilib" / "data"
#: The chains' draws: the pilot of ``scripts/history_match.py``.
PARTICLES_FILE, META_FILE = "posterior_pilot.csv", "posterior_pilot.toml"


def _writes(path: Path, data: str | bytes):
    """An :func:`cilib.io.atomic_write` job writing ``data`` to ``path``."""
    if isinstance(data, bytes):
        return path, lambda tmp: tmp.write_bytes(data)
    return path, lambda tmp: tmp.write_text(data, encoding="utf-8")


def _jacobian(space, u0, args):
    key = f"{fitted_point_hash()}:{args.n}:{args.seed}:{args.step}"
    if args.jacobian and Path(args.jacobian).is_file():
        saved = np.load(args.jacobian)
        if str(saved["key"]) == key:
            print(f"Jacobian reused from {args.jacobian}", flush=True)
            return saved["r0"], saved["jac"]
    t0 = time.perf_counter()
    r0, jac = jacobian(space, u0, step=args.step, n=args.n, seed=args.seed, workers=args.workers)
    print(f"Jacobian: {2 * len(u0) + 1} evaluations, {time.perf_counter() - t0:.0f} s", flush=True)
    if args.jacobian:
        np.savez(args.jacobian, key=key, r0=r0, jac=jac)
    return r0, jac


_MAX_CHAINS = 64  # chain numbers looked for in a pilot's folder


def _proposal(space, args) -> tuple[np.ndarray, np.ndarray, int]:
    """Start points, step shape and first chain number: from the fit and the targets'
    Jacobian there, or (``--pilot``) from a pilot run's chains (:func:`pilot_shape`)."""
    if not args.pilot:
        u0 = space.to_u(space.value)
        r0, jac = _jacobian(space, u0, args)
        return u0, step_shape(jac, r0), 0
    pilot = _Saver(args.pilot)
    runs = [c for c in map(pilot.load, range(_MAX_CHAINS)) if c is not None and len(c.states)]
    if len(runs) < args.chains:
        sys.exit(f"--pilot: {len(runs)} chains of this fit in {args.pilot}; need {args.chains}")
    print(f"pilot: {len(runs)} chains, {sum(len(c.states) for c in runs)} states", flush=True)
    starts = np.array([c.states[-1] for c in runs[-args.chains :]])
    return starts, pilot_shape(runs), max(c.number for c in runs) + 1


def _toml(meta: dict, script: str) -> str:
    lines = [f"# Written by scripts/{script}; do not edit by hand.", ""]
    for k, v in meta.items():
        lines.append(f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"')
    return "\n".join(lines) + "\n"


def write(
    frame, meta: dict, particles: str, settings: str, script: str = "fit_posterior.py"
) -> None:
    """Write a posterior's draws (CSV, every digit) and its settings (TOML, headed by the
    ``script`` that wrote them) to ``DATA``, together: all or nothing."""
    csv = frame.to_csv(index=False, float_format="%.17g")
    atomic_write(
        [_writes(DATA / particles, csv), _writes(DATA / settings, _toml(meta, script))], force=True
    )
    print(f"wrote {DATA / particles} ({len(frame)} draws) and {DATA / settings}")


class _Saver:
    """Pickles a chain's progress to ``DIR/chain_<number>.pkl`` (:func:`cilib.io.atomic_write`):
    a long run can be stopped and resumed, or finished from what it has."""

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def path(self, number: int) -> Path:
        return self.folder / f"chain_{number}.pkl"

    def __call__(self, c) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(
            [_writes(self.path(c.number), pickle.dumps((fitted_point_hash(), c)))], force=True
        )

    def load(self, number: int):
        """The saved chain, or None if absent or from another fit."""
        p = self.path(number)
        if not p.is_file():
            return None
        with p.open("rb") as f:
            sha, c = pickle.load(f)
        return c if sha == fitted_point_hash() else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chains", type=int, default=2)
    ap.add_argument("--steps", type=int, default=400, help="recorded steps per chain")
    ap.add_argument("--burn", type=int, default=100, help="adaptive steps per chain, dropped")
    ap.add_argument("--thin", type=int, default=2, help="keep every thin-th recorded step")
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--step", type=float, default=0.02, help="finite-difference step (u scale)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--jacobian", default="", help="keep the Jacobian in this .npz file")
    ap.add_argument(
        "--checkpoints",
        default="",
        help="folder of the chains' progress: resumed from, saved to every 25 steps",
    )
    ap.add_argument(
        "--pilot",
        default="",
        help="checkpoint folder of a pilot run: its states' covariance shapes the steps, and "
        "each chain starts where a pilot chain ended (numbered after the pilot's)",
    )
    ap.add_argument("--dry-run", action="store_true", help="print the diagnostics only")
    args = ap.parse_args(argv)
    space = Space.from_registry()
    u0, shape, first = _proposal(space, args)
    saver = _Saver(args.checkpoints) if args.checkpoints else None
    starts = []
    for i in range(first, first + args.chains):
        c = saver.load(i) if saver else None
        ok = c is not None and (c.burn, c.n, c.seed) == (args.burn, args.n, args.seed)
        starts.append(c.first(args.steps) if ok and len(c.states) else None)
    t0 = time.perf_counter()
    runs = chains(
        space,
        u0,
        shape,
        args.chains,
        first=first,
        workers=args.workers,
        starts=starts,
        checkpoint=saver,
        steps=args.steps,
        burn=args.burn,
        n=args.n,
        seed=args.seed,
    )
    print(f"{args.chains} chains in {time.perf_counter() - t0:.0f} s", flush=True)
    frame = particles_frame(space, runs, thin=args.thin)
    diag = diagnostics(runs, frame, space)
    for k, v in diag.items():
        print(f"{k}: {v}")
    if args.dry_run:
        return 0
    shaped = (
        "the covariance of a pilot run's states (adaptive Metropolis, Haario 2001, fixed after "
        "the pilot), each chain starting where a pilot chain ended"
        if args.pilot
        else "the targets' Jacobian at the fit"
    )
    meta = {
        "method": "ABC-MCMC (Marjoram 2003): indicator kernel at the acceptance intervals, "
        f"uniform prior on the plausible ranges, random-walk steps shaped by {shaped}",
        "n": args.n,
        "seed": args.seed,
        "burn": args.burn,
        "thin": args.thin,
        **({} if args.pilot else {"finite_difference_step": args.step}),
        **diag,
        "fitted_point_sha256": fitted_point_hash(),
    }
    write(frame, meta, PARTICLES_FILE, META_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
