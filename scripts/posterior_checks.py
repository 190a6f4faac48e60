"""Check the shipped calibration posterior against what one seed and one run cannot show.

The posterior (``src/cilib/data/posterior.csv``, ``scripts/history_match.py``) keeps the points
that pass every target at the fit's cohort size and seed. This script measures:

1. **Monte-Carlo noise**: the fitted point at ``--seeds`` other seeds (the fit's seed + 1, +2,
   ...): how many targets each seed puts outside their intervals, strictly and beyond
   Monte-Carlo error (:func:`cilib.analysis.calibration.within_monte_carlo_error`), and each
   target's standard deviation over the seeds in units of its half-interval (the scaled
   residual of :func:`cilib.analysis.abc.scaled_residuals`);
2. **the draws at another seed**: ``--draws`` shipped draws (a fixed-seed sample) at seed 7,
   the other seed of the calibration tests: the share that passes every target strictly and
   the share within Monte-Carlo error;
3. with ``--checkpoints DIR`` (the simulations of a ``history_match.py`` run): the emulator's
   error on the run's last wave when fitted to everything before it, target by target against
   the noise of step 1; and the spread of a decision outcome, births before 34 weeks averted
   per 1,000 by ``--policy`` against ``--reference`` on one cohort (``--outcome-n``
   pregnancies, seed ``--outcome-seed``, the same for every point, so that only the natural
   history differs), over the shipped draws, over the run's passing design points and over its
   passing wave candidates (beyond the design), beside the same outcome's spread in a PSA that
   varies only the treatments (``--psa-draws`` draws, the natural history at its fitted point)
   and the two spreads added in quadrature (as if independent).

Prints its findings and writes nothing. About three minutes on two processes with the probe's
checkpoints (README, "Calibration uncertainty").

Usage::

    python scripts/posterior_checks.py [--seeds 8] [--draws 30] [--checkpoints DIR]
        [--policy universal_25mm] [--reference no_screening] [--outcome-n 100000]
        [--outcome-seed 11] [--psa-draws 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from fit_posterior import DATA
from scipy import stats

from cilib.analysis import psa
from cilib.analysis.abc import Space, passes, scaled_residuals
from cilib.analysis.calibration import calibrate, within_monte_carlo_error
from cilib.analysis.emulate import Emulator
from cilib.analysis.targets import TARGETS
from cilib.interventions.compare import compare_policies
from cilib.model.cohort import generate_cohort
from cilib.params import posterior
from cilib.params.posterior import fitted_point_hash

#: The other seed of the calibration tests (tests/analysis/test_calibration.py).
OTHER_SEED = 7
OUTCOME = "ptb_lt34_percent"  # births before 34 weeks, % of pregnancies
PER_1000 = 10.0  # percent to per 1,000


def _table(task) -> pd.DataFrame:
    """The calibration table of point ``u`` at cohort size ``n`` and ``seed``, in the order of
    :data:`TARGETS` (every scenario's)."""
    space, u, n, seed = task
    t = pd.concat([calibrate(assumptions=a, n=n, seed=seed) for a in space.assumptions(u).values()])
    order = [(x.scenario, x.key) for x in TARGETS]
    return t.set_index(["scenario", "key"]).loc[order].reset_index()


def _averted(task) -> float:
    """Births before 34 weeks averted per 1,000 by ``policy`` against ``reference`` at point
    ``u`` (scenario ``us_contemporary``), on the cohort of ``n`` pregnancies and ``seed``."""
    space, u, n, seed, policy, reference = task
    a = space.assumptions(u)["us_contemporary"]
    cohort = generate_cohort(n, seed=seed, assumptions=a)
    t = compare_policies(
        cohort, [reference, policy], seed=seed, reference=reference, assumptions=a, intervals=False
    ).set_index("policy")[OUTCOME]
    return float(PER_1000 * (t[reference] - t[policy]))


def _spread(x: np.ndarray) -> str:
    lo, hi = np.percentile(x, [2.5, 97.5])
    return (
        f"n {len(x):4d}  mean {x.mean():7.3f}  SD {x.std(ddof=1):6.3f}  95% {lo:7.3f} to {hi:7.3f}"
    )


def _noise(space, u0, n, seed, k, pool) -> np.ndarray:
    """Step 1; returns each target's noise SD (scaled-residual units)."""
    seeds = [seed + j for j in range(1, k + 1)]
    tables = list(pool.map(_table, [(space, u0, n, s) for s in seeds]))
    r = np.array([scaled_residuals(t["simulated"].to_numpy(np.float64)) for t in tables])
    strict = [int((~t["pass"]).sum()) for t in tables]
    widened = [int((~within_monte_carlo_error(t)).sum()) for t in tables]
    sd = r.std(axis=0, ddof=1)
    print(f"1. the fitted point at {k} other seeds (n {n}):")
    print(f"   targets outside their intervals, per seed: {strict} (of {len(TARGETS)})")
    print(f"   outside them beyond Monte-Carlo error: {widened}")
    print(
        f"   noise SD over the seeds, in half-intervals: median {np.median(sd):.3f}, "
        f"largest {sd.max():.3f}"
    )
    for j in np.argsort(sd)[::-1][:3]:
        t = TARGETS[j]
        print(f"     {t.scenario}/{t.key}: SD {sd[j]:.3f}, mean residual {r[:, j].mean():+.2f}")
    return sd


def _draws_elsewhere(space, post, n, count, pool) -> None:
    """Step 2."""
    rows = np.random.default_rng(OTHER_SEED).choice(post.size, size=count, replace=False)
    u = space.to_u(post.particles.iloc[rows][space.columns()].to_numpy(np.float64))
    tables = list(pool.map(_table, [(space, x, n, OTHER_SEED) for x in u]))
    strict = np.array([int((~t["pass"]).sum()) for t in tables])
    widened = np.array([bool(within_monte_carlo_error(t).all()) for t in tables])
    print(f"2. {count} shipped draws at seed {OTHER_SEED}:")
    print(
        f"   pass every target: {int((strict == 0).sum())}; within Monte-Carlo error: "
        f"{int(widened.sum())}; targets outside, per draw: mean {strict.mean():.1f}, "
        f"range {strict.min()} to {strict.max()}"
    )


def _load_run(folder: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, set[str]]:
    """The run's simulated points, their estimates, their wave (0: the design) and the keys
    its files were saved under (``fit hash:cohort size:seed``, history_match.py's)."""
    parts = [(0, np.load(folder / "design.npz"))]
    w = 1
    while (folder / f"wave{w}.npz").is_file():
        parts.append((w, np.load(folder / f"wave{w}.npz")))
        w += 1
    u = np.vstack([p["u"][: len(p["est"])] for _, p in parts])
    est = np.vstack([p["est"] for _, p in parts])
    wave = np.concatenate([np.full(len(p["est"]), i) for i, p in parts])
    return u, est, wave, {str(p["key"]) for _, p in parts}


def _run_checks(space, post, args, run, noise_sd, pool) -> None:
    """Step 3, on ``run`` (:func:`_load_run`)."""
    pilot = pd.read_csv(DATA / "posterior_pilot.csv")  # history_match.py's metric
    metric = np.cov(space.to_u(pilot[space.columns()].to_numpy()), rowvar=False)
    u, est, wave, _ = run
    res = scaled_residuals(est)
    last = wave == wave.max()
    em = Emulator.fit(u[~last], res[~last], metric)
    err = np.sqrt(((em.predict(u[last]) - res[last]) ** 2).mean(axis=0))
    ratio = err / noise_sd
    rho = stats.spearmanr(err, noise_sd).statistic
    print(f"3. the run in {args.checkpoints}: {len(u)} simulations, waves 1 to {wave.max()}")
    print(
        f"   emulator error on wave {wave.max()} (fitted to the rest): median {np.median(err):.3f}"
        f" half-intervals (its cross-validated error near the passing points: "
        f"{np.median(em.error):.3f}); against the noise SD, target by target: median ratio "
        f"{np.median(ratio):.2f} (quartiles {np.percentile(ratio, 25):.2f} to "
        f"{np.percentile(ratio, 75):.2f}), Spearman {rho:.2f}"
    )
    ok = passes(est)
    groups = {
        "shipped draws": space.to_u(post.particles[space.columns()].to_numpy(np.float64)),
        "run's passing design points": u[ok & (wave == 0)],
        "run's passing wave candidates": u[ok & (wave > 0)],
    }
    print(
        f"   births before 34 weeks averted per 1,000, {args.policy} against {args.reference}"
        f" (one cohort of {args.outcome_n}, seed {args.outcome_seed}):"
    )
    sds = {}
    for name, pts in groups.items():
        tasks = [
            (space, x, args.outcome_n, args.outcome_seed, args.policy, args.reference) for x in pts
        ]
        x = np.array(list(pool.map(_averted, tasks)))
        sds[name] = x.std(ddof=1)
        print(f"     {name:30s} {_spread(x)}")
    r = psa.run(
        [args.reference, args.policy],
        draws=args.psa_draws,
        n=args.outcome_n,
        seed=args.outcome_seed,
        vary="treatments",
    )
    inc = r.incremental(args.reference)
    d = inc[(inc["outcome"] == "ptb_lt34_per_1000") & (inc["policy"] == args.policy)]
    x = -d["difference"].to_numpy(np.float64)
    print(f"     {'PSA, treatments only':30s} {_spread(x)}")
    both = ", ".join(f"{k} {np.hypot(x.std(ddof=1), v):.3f}" for k, v in sds.items())
    print(f"   SD with the treatments' added in quadrature (independent): {both}")


def _fail(message: str) -> None:
    """One line on stderr and exit status 2, as the package's commands do."""
    print(f"posterior_checks.py: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _arguments(argv) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=8, help="other seeds of the fitted point")
    ap.add_argument("--draws", type=int, default=30, help="shipped draws run at seed 7")
    ap.add_argument("--checkpoints", default="", help="a history_match.py run's folder")
    ap.add_argument("--policy", default="universal_25mm")
    ap.add_argument("--reference", default="no_screening")
    ap.add_argument("--outcome-n", type=int, default=100_000, help="pregnancies per point")
    ap.add_argument("--outcome-seed", type=int, default=11, help="the one cohort's seed")
    ap.add_argument("--psa-draws", type=int, default=200, help="treatment-only PSA draws")
    ap.add_argument("--workers", type=int, default=2, help="local processes")
    args = ap.parse_args(argv)
    least = {"seeds": 2, "draws": 1, "outcome_n": 1, "psa_draws": 2, "workers": 1}
    for name, low in least.items():  # two for a standard deviation
        if getattr(args, name) < low:
            ap.error(f"--{name.replace('_', '-')}: got {getattr(args, name)}; allowed: >= {low}")
    if args.checkpoints and not (Path(args.checkpoints) / "design.npz").is_file():
        ap.error(f"--checkpoints: got {args.checkpoints!r}; allowed: a folder with design.npz")
    return args


def main(argv=None) -> int:
    args = _arguments(argv)
    post = posterior.load()
    if post is None:
        _fail("the package ships no calibration posterior (scripts/history_match.py)")
    space = Space.from_registry()
    n, seed = int(post.meta["n"]), int(post.meta["seed"])
    if args.draws > post.size:
        _fail(f"--draws: got {args.draws}; allowed: at most {post.size} (the shipped draws)")
    run = None
    if args.checkpoints:  # checked before any simulation
        run = _load_run(Path(args.checkpoints))
        want = f"{fitted_point_hash()}:{n}:{seed}"
        if run[3] != {want}:
            _fail(
                f"--checkpoints: got a run saved as {sorted(run[3])}; allowed: {want} "
                "(the posterior's fit, cohort size and seed)"
            )
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        noise_sd = _noise(space, space.to_u(space.value), n, seed, args.seeds, pool)
        _draws_elsewhere(space, post, n, args.draws, pool)
        if args.checkpoints:
            _run_checks(space, post, args, run, noise_sd, pool)
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
