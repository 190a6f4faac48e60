"""Draw the calibration posterior by history matching (:mod:`cilib.analysis.emulate`).

Starts from the ABC-MCMC chains' draws (``src/cilib/data/posterior_pilot.csv``, written by
``scripts/fit_posterior.py`` and kept as this run's pilot): they locate the region ``R`` that
passes every target and give the metric of the design and of the emulator. Then:

1. simulates the pilot's every ``--pilot-every``-th draw and the design points in the prior box
   (:func:`emulate.design`, ``--design`` points) at the pilot's cohort size and seed;
2. fits the emulator (:class:`emulate.Emulator`) to every simulation so far;
3. runs a wave: ``--wave-size`` chains on the emulator (:func:`emulate.sample`), each from a
   pilot draw the emulator accepts, for ``--steps`` steps after ``--burn``; each chain's final
   state is a candidate, simulated on the model; the candidates join the simulations, and
   steps 2-3 repeat for ``--waves`` waves, the last with ``--candidates`` chains;
4. keeps the last wave's candidates that pass every target, and measures how well the last
   emulated region holds the passing simulations out of sample (:func:`emulate.coverage`).

Writes ``src/cilib/data/posterior.csv`` and ``posterior.toml`` together (all or nothing), as
``scripts/fit_posterior.py`` does. Deterministic: the design and the sampler draw from the
stream registry's ``abc_emulator`` under the pilot's seed, and the cohorts use the pilot's size
and seed (common random numbers). ``--checkpoints DIR`` keeps the simulations and resumes from
them: a run stopped in any wave takes up where it stopped. ``--scheduler ADDRESS`` runs the
simulations on an existing Dask cluster instead of ``--workers`` local processes, with the same
numbers.

Usage::

    python scripts/history_match.py [--design 700] [--waves 5] [--wave-size 200]
        [--candidates 1500] [--margin 0] [--trust 1.1] [--steps 20000] [--burn 2000]
        [--workers 2 | --scheduler ADDRESS] [--checkpoints DIR] [--dry-run]

The shipped posterior (``--margin 0 --trust 1.1``) took about 73 minutes on two processes
(2,957 simulations of 2.6 s): the design (657 in the box), four waves of 200 and the last wave
of 1,500.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from fit_posterior import DATA, write

from cilib.analysis.abc import (
    Space,
    _estimates,
    passes,
    scaled_residuals,
    split_rhat,
    summary,
)
from cilib.analysis.emulate import Emulator, coverage, design, sample
from cilib.io import atomic_write
from cilib.params.posterior import META_FILE, PARTICLES_FILE, fitted_point_hash
from cilib.stats import effective_sample_size

PILOT = "posterior_pilot"


class _Dask:
    """``map`` on a Dask cluster, results in order (each one released once read)."""

    def __init__(self, address: str):
        from distributed import Client

        self.client = Client(address)

    def map(self, fn, tasks):
        futures = self.client.map(fn, tasks, pure=False)
        for f in futures:
            yield f.result()
            f.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.client.close()


def _pool(args):
    """Where the simulations run: ``--workers`` local processes, or the Dask cluster at
    ``--scheduler`` (its workers need cilib installed; the numbers do not depend on where)."""
    return _Dask(args.scheduler) if args.scheduler else ProcessPoolExecutor(args.workers)


def _simulate(space, points, n, seed, pool, cache: Path | None, label: str) -> np.ndarray:
    """The targets' estimates at ``points``, resumed from and saved to ``cache`` (an ``.npz``
    keyed by the fit, cohort size, seed and points) every 25 points; run by ``pool``."""
    key = f"{fitted_point_hash()}:{n}:{seed}"
    done = np.empty((0, 0))
    if cache is not None and cache.is_file():
        saved = np.load(cache)
        m = len(saved["est"])
        if str(saved["key"]) == key and np.array_equal(saved["u"][:m], points[:m]):
            done = saved["est"]
    rows = list(done)
    t0 = time.perf_counter()
    tasks = [(space, u, n, seed) for u in points[len(rows) :]]
    if tasks:
        for e in pool.map(_estimates, tasks):
            rows.append(e)
            if cache is not None and (len(rows) % 25 == 0 or len(rows) == len(points)):
                cache.parent.mkdir(parents=True, exist_ok=True)
                arrays = {"key": key, "u": points, "est": np.array(rows)}
                atomic_write(
                    [(cache, lambda tmp, a=arrays: np.savez(tmp.open("wb"), **a))], force=True
                )
            if len(rows) % 100 == 0:
                print(
                    f"{label}: {len(rows)}/{len(points)}, {time.perf_counter() - t0:.0f} s",
                    flush=True,
                )
    return np.array(rows).reshape(len(points), -1)


def _sampler_diagnostics(states: np.ndarray, space: Space) -> dict[str, float]:
    """Split R-hat over the emulator's chains (largest over records), their summed ESS (least
    and median) and the longest integrated autocorrelation time, in recorded steps."""
    rhat, ess = [], []
    for j in range(states.shape[2]):
        per_chain = [states[:, c, j] for c in range(states.shape[1])]
        rhat.append(split_rhat(per_chain))
        ess.append(sum(effective_sample_size(x) for x in per_chain))
    total = states.shape[0] * states.shape[1]
    return {
        "sampler_rhat_max": float(max(rhat)),
        "sampler_ess_min": float(min(ess)),
        "sampler_ess_median": float(np.median(ess)),
        "sampler_iat_max_recorded_steps": float(total / min(ess)),
    }


def _arguments(argv) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--design", type=int, default=700, help="design points (some off the box)")
    ap.add_argument("--pilot-every", type=int, default=6, help="simulate every k-th pilot draw")
    ap.add_argument("--candidates", type=int, default=1500, help="emulator chains = candidates")
    ap.add_argument("--margin", type=float, default=0.0, help="emulator errors added to 1")
    ap.add_argument("--steps", type=int, default=20_000, help="emulator steps per chain")
    ap.add_argument("--burn", type=int, default=2_000, help="adaptive emulator steps, dropped")
    ap.add_argument("--thin", type=int, default=50, help="record every k-th emulator step")
    ap.add_argument("--waves", type=int, default=5, help="waves; the last one is kept")
    ap.add_argument("--wave-size", type=int, default=200, help="candidates of earlier waves")
    ap.add_argument(
        "--trust",
        type=float,
        default=1.1,
        help="R_hat within this multiple of the farthest passing point's radius",
    )
    ap.add_argument("--workers", type=int, default=2, help="local processes")
    ap.add_argument("--scheduler", default="", help="a Dask scheduler's address, instead")
    ap.add_argument("--checkpoints", default="", help="folder of the simulations, resumed")
    ap.add_argument("--dry-run", action="store_true", help="print the diagnostics only")
    return ap.parse_args(argv)


def _emulator(space, args, pilot, meta, cache, pool):
    """Design, its simulations and the first emulator."""
    du = space.to_u(pilot[space.columns()].to_numpy())
    pts = design(space, du, args.design, seed=meta["seed"])
    inbox = Space.inside(pts)
    train = np.vstack([du[:: args.pilot_every], pts[inbox]])
    print(
        f"design: {len(du[:: args.pilot_every])} pilot draws + {inbox.sum()} of {len(pts)} "
        "design points in the box",
        flush=True,
    )
    est = _simulate(space, train, meta["n"], meta["seed"], pool, cache("design"), "design")
    res = scaled_residuals(est)
    metric = np.cov(du, rowvar=False)  # the pilot draws': every emulator's metric
    em = Emulator.fit(train, res, metric, trust=args.trust)
    return em, du, metric, train, res, {"design_points": int(len(train))}


def _coverage(em, train, res, metric, args) -> dict[str, float]:
    """The last emulator's error and how well its ``R_hat`` holds ``R`` out of sample."""
    held, passing = coverage(train, res, metric, margin=args.margin, trust=args.trust)
    return {
        "training_points": int(len(train)),
        "training_passing": int(passing),
        "emulator_error_median": float(np.median(em.error)),
        "emulator_error_max": float(em.error.max()),
        "margin": args.margin,
        "trust": args.trust,
        "coverage_out_of_sample": held / passing,
    }


def _wave(space, em, du, args, meta, count, wave, cache, pool):
    """One wave: ``count`` chains on the emulator from pilot draws it accepts; their final
    states simulated on the model. Returns (states, acceptance, scale, candidates, estimates)."""
    label = f"wave{wave}"
    ok = np.flatnonzero(em.plausible(du, args.margin))
    starts = du[ok[np.arange(count) % len(ok)]]
    t0 = time.perf_counter()
    states, acc, scale = sample(
        em,
        starts,
        steps=args.steps,
        burn=args.burn,
        margin=args.margin,
        seed=meta["seed"],
        thin=args.thin,
        wave=wave,
    )
    print(f"{label} sampler: {time.perf_counter() - t0:.0f} s, acceptance {acc:.3f}", flush=True)
    cand = states[-1]
    est = _simulate(space, cand, meta["n"], meta["seed"], pool, cache(label), label)
    return states, acc, scale, cand, est


def main(argv=None) -> int:
    args = _arguments(argv)
    space = Space.from_registry()
    with (DATA / f"{PILOT}.toml").open("rb") as f:
        meta = tomllib.load(f)
    if meta["fitted_point_sha256"] != fitted_point_hash():
        sys.exit(f"{PILOT}.toml: drawn around another fit; refit the chains first")
    pilot = pd.read_csv(DATA / f"{PILOT}.csv")
    folder = Path(args.checkpoints) if args.checkpoints else None

    def cache(name):
        return folder / f"{name}.npz" if folder else None

    with _pool(args) as pool:
        return _run(space, args, pilot, meta, cache, pool)


def _run(space, args, pilot, meta, cache, pool) -> int:
    """The waves, the diagnostics and the written posterior (see the module's docstring)."""
    em, du, metric, train, res, info = _emulator(space, args, pilot, meta, cache, pool)
    waves = []
    for w in range(1, args.waves + 1):
        last = w == args.waves
        count = args.candidates if last else args.wave_size
        states, acc, scale, cand, est = _wave(space, em, du, args, meta, count, w, cache, pool)
        r = scaled_residuals(est)
        z = em.coordinates(cand)
        dist = np.sqrt((z * z).sum(1))
        waves.append(
            {
                "wave": w,
                "candidates": len(cand),
                "passed": int(passes(est).sum()),
                "radius_median": round(float(np.median(dist)), 2),
                "radius_trust": round(em.radius, 2),
                "share_near_trust": round(float((dist > 0.95 * em.radius).mean()), 3),
            }
        )
        print(waves[-1], flush=True)
        if last:
            break
        train, res = np.vstack([train, cand]), np.vstack([res, r])
        em = Emulator.fit(train, res, metric, trust=args.trust)
    info.update(_coverage(em, train, res, metric, args))
    for k, v in info.items():
        print(f"{k}: {v}", flush=True)
    diag = _sampler_diagnostics(states, space)
    for k, v in diag.items():
        print(f"{k}: {v}", flush=True)
    keep = passes(est)
    print(f"kept {keep.sum()} of {len(cand)} candidates", flush=True)
    if args.dry_run:
        return 0
    frame = pd.DataFrame(space.from_u(cand[keep]), columns=space.columns())
    frame.insert(0, "step", args.steps)
    frame.insert(0, "chain", np.flatnonzero(keep))
    frame["worst_residual"] = np.abs(scaled_residuals(est[keep])).max(axis=1)
    per_record = summary(frame, space)  # one draw per chain: ESS of the pooled draws
    out = {
        "method": "history matching (Vernon 2010; Andrianakis 2015): a ridge-regression emulator "
        "of the targets' scaled residuals, its plausible region sampled uniformly by "
        "random-walk chains, each chain's final state kept if the model passes every target",
        "n": meta["n"],
        "seed": meta["seed"],
        "pilot": f"{PILOT}.csv ({meta['method']})",
        **info,
        "waves": str(waves),
        "chains": args.candidates,
        "steps_per_chain": args.steps,
        "burn": args.burn,
        "thin": args.thin,
        "acceptance": acc,
        "step_scale": scale,
        **diag,
        "radius_trust": waves[-1]["radius_trust"],
        "trust_growth_last_wave": waves[-1]["radius_trust"] / waves[-2]["radius_trust"]
        if len(waves) > 1
        else 1.0,
        "candidates": int(len(cand)),
        "draws": int(keep.sum()),
        "pass_rate": float(keep.mean()),
        "ess_min": float(per_record["ess"].min()),
        "ess_median": float(per_record["ess"].median()),
        "rhat_max": diag["sampler_rhat_max"],
        "worst_residual_max": float(frame["worst_residual"].max()),
        "fitted_point_sha256": fitted_point_hash(),
    }
    write(frame, out, PARTICLES_FILE, META_FILE, script="history_match.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
