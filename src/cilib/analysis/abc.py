"""Calibration uncertainty: a posterior over the calibrated natural history, by ABC.

The natural history's calibrated records (``data/calibrated.toml``) are fitted to the targets
of evidence.md (1-13, :data:`cilib.analysis.calibration.TARGETS`) by
``scripts/fit_calibration.py``. That gives one point. This module gives a joint posterior, so
that a probabilistic sensitivity analysis can vary the natural history and every draw still
reproduces every target (``scripts/fit_posterior.py`` writes it, :mod:`cilib.params.posterior`
reads it).

Approximate Bayesian computation (ABC) with an indicator kernel at the targets' acceptance
intervals, sampled by ABC-MCMC (Marjoram et al. 2003, PNAS 100:15324):

- **prior**: each calibrated record uniform over its plausible range, independently, on the
  fitting scale ``u`` in [1, 2] (log scale for positive records; :class:`Space`);
- **likelihood**: 1 if every target falls inside its acceptance interval when the model runs
  at the fit's cohort size and seed (common random numbers, as the point fit), 0 otherwise. The
  posterior is uniform over the region ``R`` of the prior box that reproduces every target;
- **chains** (:func:`chain`): a random-walk Metropolis chain on ``R`` from the fit: a Gaussian
  step (shaped like the region the targets' linearisation allows, :func:`step_shape`) is
  simulated and taken if it stays in the box and reproduces every target, so with a flat prior
  and a symmetric step the chain's stationary law is the posterior. During burn-in the step's
  scale adapts towards an acceptance of about one in four (Robbins-Monro); after it the scale is
  fixed. Every state of a chain is a set of values that passes every target.

Diagnostics (:func:`diagnostics`): acceptance after burn-in, effective sample size (per record,
summed over chains, :func:`cilib.stats.effective_sample_size`; its minimum and median), the
split-chain potential scale reduction R-hat (largest over records), and each kept draw's worst
scaled residual.

Why not ABC-SMC from the prior (``pyabc``): about 50 records and 54 targets that must all pass;
from the prior box the share of draws passing every target is vanishingly small and one
evaluation costs about 3 s, so a sequence of tolerances from the prior would take far more
simulations than this session's machine affords. A first attempt proposed from the targets'
linearisation at the fit (uniform on the linearised region, then rejection): none of 60
candidates passed, because the region is wide along directions the targets barely constrain
and the model is far from linear there. The chain instead moves in small steps inside ``R``.
:mod:`cilib.analysis.reach` measures how far ``R`` reaches beyond the chains' draws. In 53
dimensions the chains do not mix in the hours a session affords; their draws are the pilot of
:mod:`cilib.analysis.emulate` (history matching), which draws the shipped posterior.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from cilib.analysis.calibration import TARGETS, simulated_figures
from cilib.params import streams
from cilib.params.assumptions import Assumptions
from cilib.params.posterior import column
from cilib.stats import effective_sample_size

__all__ = [
    "SCENARIOS",
    "Chain",
    "Space",
    "chain",
    "chains",
    "diagnostics",
    "evaluate",
    "jacobian",
    "particles_frame",
    "passes",
    "pilot_shape",
    "scaled_residuals",
    "split_rhat",
    "step_shape",
    "summary",
]

#: The scenarios whose targets the natural history is fitted to.
SCENARIOS = ("us_contemporary", "iams_1996", "fmf_london")


@dataclass(frozen=True)
class Space:
    """The calibrated natural-history records as the fit sees them: ``params`` as (scope,
    name), scope ``'*'`` for the shared biology; ``u = 1 + (x - low) / (high - low)`` in [1, 2],
    ``x`` the value (its log for a record whose range is positive)."""

    params: tuple[tuple[str, str], ...]
    low: np.ndarray
    high: np.ndarray
    log: np.ndarray
    value: np.ndarray

    @classmethod
    def from_registry(cls) -> Space:
        """Every calibrated record except the treatment effects (fitted to trials by
        ``scripts/fit_treatments.py``), with its range and fitted value."""
        from cilib.params.registry import BASE_RECORDS
        from cilib.params.registry import SCENARIOS as DEFINED

        bases = {s: Assumptions.scenario(s) for s in SCENARIOS}
        shared = [("*", r.name) for r in BASE_RECORDS if r.natural_history_fit]
        scoped = [
            (s, r.name) for s in SCENARIOS for r in DEFINED[s].overrides if r.status == "calibrated"
        ]
        params = tuple(shared + scoped)
        recs = [bases[SCENARIOS[0] if s == "*" else s].record(n) for s, n in params]
        return cls(
            params=params,
            low=np.array([r.low for r in recs]),
            high=np.array([r.high for r in recs]),
            log=np.array([r.low > 0 for r in recs]),
            value=np.array([r.value for r in recs]),
        )

    def _x(self, values) -> np.ndarray:
        v = np.asarray(values, np.float64)
        return np.where(self.log, np.log(np.where(self.log, v, 1.0)), v)

    def to_u(self, values) -> np.ndarray:
        """Values (one per record, or rows of them) on the fitting scale."""
        lo, hi = self._x(self.low), self._x(self.high)
        span = np.where(hi > lo, hi - lo, 1.0)
        return 1.0 + (self._x(values) - lo) / span

    @staticmethod
    def inside(u) -> np.ndarray:
        """Whether each point ``u`` (rows) is in the prior box: every record within its range,
        ``1 <= u <= 2`` on the fitting scale (outside it the posterior is 0)."""
        u = np.atleast_2d(np.asarray(u, np.float64))
        return np.all((u >= 1.0) & (u <= 2.0), axis=1)

    def from_u(self, u) -> np.ndarray:
        """The values of points ``u`` on the fitting scale (inverse of :meth:`to_u`)."""
        lo, hi = self._x(self.low), self._x(self.high)
        x = lo + (np.asarray(u, np.float64) - 1.0) * (hi - lo)
        return np.where(self.log, np.exp(x), x)

    def columns(self) -> list[str]:
        """Column names of the records in a posterior table (:func:`cilib.params.posterior.column`)."""
        return [column(s, n) for s, n in self.params]

    def assumptions(self, u) -> dict[str, Assumptions]:
        """Each scenario's assumptions at the point ``u``: the shared values where the
        scenario's record is calibrated (not where the scenario fixes its own value, as
        ``iams_1996`` fixes ``p_twin`` at 0), and the scenario's own records."""
        vals = self.from_u(u)
        out = {}
        for s in SCENARIOS:
            base = Assumptions.scenario(s)
            mine = {
                n: float(v)
                for (sc, n), v in zip(self.params, vals, strict=True)
                if sc == s or (sc == "*" and base.record(n).status == "calibrated")
            }
            out[s] = base.replace(**mine)
        return out


def scaled_residuals(estimates: np.ndarray) -> np.ndarray:
    """Each target's estimate relative to its acceptance interval: ``(est - mid) / half``, on
    the log scale for ratios; inside the interval iff within +/-1, ``inf`` if not finite.
    ``estimates`` has one column per :data:`TARGETS` entry (rows: points)."""
    est = np.asarray(estimates, np.float64)
    lo = np.array([t.lower for t in TARGETS])
    hi = np.array([t.upper for t in TARGETS])
    ratio = np.array([t.unit == "ratio" for t in TARGETS])
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.where(ratio, np.log(np.where(ratio, est, 1.0)), est)
        lo = np.where(ratio, np.log(np.where(ratio, lo, 1.0)), lo)
        hi = np.where(ratio, np.log(np.where(ratio, hi, 1.0)), hi)
        r = (e - (lo + hi) / 2) / ((hi - lo) / 2)
    return np.where(np.isfinite(r), r, np.inf)


def rw_scale(k: int) -> float:
    """The random-walk Metropolis step scale that is optimal for a Gaussian target in ``k``
    dimensions, ``2.38 / sqrt(k)`` (Roberts, Gelman and Gilks 1997): the start that
    Robbins-Monro adapts during burn-in."""
    return 2.38 / math.sqrt(k)


def passes(estimates: np.ndarray) -> np.ndarray:
    """Whether every target is inside its acceptance interval, as :func:`calibrate` judges it
    (``lower <= est <= upper``; a missing estimate fails), per row."""
    est = np.atleast_2d(np.asarray(estimates, np.float64))
    lo = np.array([t.lower for t in TARGETS])
    hi = np.array([t.upper for t in TARGETS])
    return np.all((est >= lo) & (est <= hi), axis=1)


def _estimates(task: tuple[Space, np.ndarray, int, int]) -> np.ndarray:
    space, u, n, seed = task
    figs = {}
    for s, a in space.assumptions(u).items():
        figs[s] = simulated_figures(a, n=n, seed=seed)
    return np.array([figs[t.scenario][t.key][0] for t in TARGETS], dtype=np.float64)


def evaluate(space: Space, points, *, n: int, seed: int, workers: int = 1) -> np.ndarray:
    """The targets' estimates (one row per point, one column per target) at the points ``u``,
    each from cohorts of ``n`` pregnancies per scenario with ``seed``; in ``workers``
    processes (the rows do not depend on the number of workers)."""
    tasks = [(space, np.asarray(u, np.float64), n, seed) for u in np.atleast_2d(points)]
    if workers <= 1:
        return np.array([_estimates(t) for t in tasks])
    with ProcessPoolExecutor(workers) as pool:
        return np.array(list(pool.map(_estimates, tasks)))


def jacobian(
    space: Space, u0: np.ndarray, *, step: float, n: int, seed: int, workers: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Scaled residuals at ``u0`` and their central finite-difference Jacobian (targets x
    records), with steps of ``step`` on the fitting scale (one-sided at the box's edges)."""
    k = len(u0)
    up = np.minimum(u0 + step, 2.0)
    down = np.maximum(u0 - step, 1.0)
    pts = [u0]
    for j in range(k):
        for v in (up[j], down[j]):
            p = u0.copy()
            p[j] = v
            pts.append(p)
    r = scaled_residuals(evaluate(space, pts, n=n, seed=seed, workers=workers))
    plus, minus = r[1::2], r[2::2]
    jac = ((plus - minus) / (up - down)[:, None]).T
    return r[0], np.where(np.isfinite(jac), jac, 0.0)


def step_shape(jac: np.ndarray, r0: np.ndarray | None = None) -> np.ndarray:
    """Covariance shaping a chain's steps: the inverse precision of a uniform law on each
    target's linearised slab (variance ``slack^2 / 3`` in residual units, ``slack`` the
    distance from ``r0`` to the nearer edge of the interval, at least 0.02; 1 without ``r0``)
    and on the box (variance 1/12 per record). Steps are short along what moves a target close
    to its edge and long where no target constrains; the shape is fixed, so steps stay
    symmetric."""
    k = jac.shape[1]
    slack = np.ones(jac.shape[0]) if r0 is None else np.maximum(1.0 - np.abs(r0), 0.02)
    w = 3.0 / slack**2
    return np.linalg.inv(jac.T @ (jac * w[:, None]) + 12.0 * np.eye(k))


@dataclass(frozen=True)
class Chain:
    """One ABC-MCMC chain: its ``states`` (points ``u``, one row per step after burn-in), their
    ``estimates`` (targets' simulated values), ``accepted`` (whether each step moved),
    ``scale`` (the step scale, fixed after burn-in) and the
    settings it was run with (``number``, ``burn``, ``n``, ``seed``)."""

    states: np.ndarray
    estimates: np.ndarray
    accepted: np.ndarray
    scale: float
    number: int = 0
    burn: int = 0
    n: int = 0
    seed: int = 0

    def first(self, steps: int) -> Chain:
        """The chain cut to its first ``steps`` recorded steps."""
        return replace(
            self,
            states=self.states[:steps],
            estimates=self.estimates[:steps],
            accepted=self.accepted[:steps],
        )


def _step_rng(seed: int, number: int, step: int) -> np.random.Generator:
    """Step ``step`` (counting burn-in) of chain ``number``: its own slot of ``abc_proposal``,
    so a chain resumed from a checkpoint takes the numbers it would have taken in one run."""
    return streams.generator(seed, "abc_proposal", number * _STEPS_PER_CHAIN + step)


_STEPS_PER_CHAIN = 10_000_000


def chain(
    space: Space,
    u0: np.ndarray,
    shape: np.ndarray,
    *,
    number: int,
    steps: int,
    burn: int,
    n: int,
    seed: int,
    target_acceptance: float = 0.25,
    start: Chain | None = None,
    checkpoint: Callable[[Chain], None] | None = None,
    every: int = 25,
) -> Chain:
    """Chain ``number`` of the posterior (see the module docstring): ``burn`` adaptive steps
    then ``steps`` recorded ones from ``u0``. Each step draws from its own slot of the
    ``abc_proposal`` stream, so a chain does not depend on how many run at once, and one
    resumed from ``start`` (an earlier, shorter run of the same chain) continues exactly as one
    run would. ``checkpoint(chain so far)`` is called every ``every`` recorded steps and at the
    end.

    Raises
    ------
    ValueError
        If ``u0`` does not reproduce every target, or ``start`` is another chain's.
    """
    k = len(u0)
    chol = np.linalg.cholesky(shape)
    if start is None:
        log_scale = math.log(rw_scale(k))
        u = np.asarray(u0, np.float64).copy()
        est = _estimates((space, u, n, seed))
        if not passes(est)[0]:
            raise ValueError("u0: misses a calibration target; allowed: a point that passes all")
        states, ests, moved = [], [], []
    else:
        if (start.number, start.burn, start.n, start.seed) != (number, burn, n, seed):
            raise ValueError("start: another chain's checkpoint; allowed: this chain's")
        log_scale = math.log(start.scale)
        u, est = start.states[-1].copy(), start.estimates[-1].copy()
        states, ests, moved = list(start.states), list(start.estimates), list(start.accepted)

    def snapshot() -> Chain:
        return Chain(
            states=np.array(states).reshape(-1, k),
            estimates=np.array(ests).reshape(-1, len(TARGETS)),
            accepted=np.array(moved, dtype=bool),
            scale=math.exp(log_scale),
            number=number,
            burn=burn,
            n=n,
            seed=seed,
        )

    for i in range(burn + len(states) if start is not None else 0, burn + steps):
        rng = _step_rng(seed, number, i)
        prop = u + math.exp(log_scale) * (chol @ rng.standard_normal(k))
        ok = bool(Space.inside(prop)[0])
        if ok:  # outside the prior box the posterior is 0: no simulation needed
            e = _estimates((space, prop, n, seed))
            ok = bool(passes(e)[0])
        if ok:
            u, est = prop, e
        if i < burn:  # Robbins-Monro on the log scale; fixed after burn-in
            log_scale += (float(ok) - target_acceptance) / math.sqrt(i + 1.0)
            continue
        states.append(u.copy())
        ests.append(est.copy())
        moved.append(ok)
        if checkpoint is not None and len(states) % every == 0:
            checkpoint(snapshot())
    out = snapshot()
    if checkpoint is not None and len(out.states) > (0 if start is None else len(start.states)):
        checkpoint(out)  # only what this call added: a finished chain is never cut back
    return out


def _run_chain(args: tuple) -> Chain:
    space, u0, shape, kwargs = args
    return chain(space, u0, shape, **kwargs)


def chains(
    space: Space,
    u0: np.ndarray,
    shape: np.ndarray,
    count: int,
    *,
    first: int = 0,
    workers: int = 1,
    starts: Sequence[Chain | None] | None = None,
    checkpoint: Callable[[Chain], None] | None = None,
    **kwargs,
) -> list[Chain]:
    """``count`` chains (:func:`chain`, numbers ``first`` to ``first + count - 1``, each from
    ``u0``, or from its own row of a 2-D ``u0``, and resumed from ``starts[i]`` if given), in
    ``workers`` processes (``checkpoint`` must then be picklable)."""
    starts = list(starts) if starts is not None else [None] * count
    points = np.asarray(u0, np.float64)
    points = np.repeat(points[None, :], count, axis=0) if points.ndim == 1 else points
    tasks = [
        (
            space,
            points[i],
            shape,
            {**kwargs, "number": first + i, "start": starts[i], "checkpoint": checkpoint},
        )
        for i in range(count)
    ]
    if workers <= 1:
        return [_run_chain(t) for t in tasks]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_run_chain, tasks))


def pilot_shape(runs: Sequence[Chain], jitter: float = 1e-10) -> np.ndarray:
    """Covariance shaping the steps of chains that follow a pilot run: the pooled covariance of
    the pilot chains' states (plus ``jitter`` on the diagonal), as adaptive Metropolis
    estimates it (Haario, Saksman and Tamminen 2001, Bernoulli 7:223), but fixed after the
    pilot, so the chains that use it stay Markov and their stationary law is the posterior.
    The states that passed every target show the region's real shape, which the targets'
    linearisation at the fit (:func:`step_shape`) does not: it is far from linear there."""
    states = np.vstack([c.states for c in runs])
    return np.cov(states, rowvar=False) + jitter * np.eye(states.shape[1])


def split_rhat(draws: list[np.ndarray]) -> float:
    """Split-chain potential scale reduction (Gelman et al., BDA3 11.4) of one quantity over
    chains of equal length: near 1 when the chains agree."""
    halves = []
    for x in draws:
        h = len(x) // 2
        halves += [x[:h], x[h : 2 * h]]
    m = np.array(halves)
    n = m.shape[1]
    w = m.var(axis=1, ddof=1).mean()
    b = n * m.mean(axis=1).var(ddof=1)
    if w == 0:
        return 1.0
    return float(math.sqrt(((n - 1) / n * w + b / n) / w))


def diagnostics(runs: list[Chain], frame: pd.DataFrame, space: Space) -> dict[str, float]:
    """Summary of the chains (see the module docstring) and of their kept draws ``frame``
    (:func:`particles_frame`): effective sample size and split R-hat as :func:`summary`
    gives them per record, reported as their minimum and median, and maximum."""
    per_record = summary(frame, space)
    return {
        "chains": len(runs),
        "steps_per_chain": int(len(runs[0].states)),
        "acceptance": float(np.mean([c.accepted.mean() for c in runs])),
        "step_scale": float(np.mean([c.scale for c in runs])),
        "draws": len(frame),
        "ess_min": float(per_record["ess"].min()),
        "ess_median": float(per_record["ess"].median()),
        "rhat_max": float(per_record["rhat"].max()),
        "worst_residual_max": float(frame["worst_residual"].max()),
    }


def particles_frame(space: Space, runs: list[Chain], thin: int = 1) -> pd.DataFrame:
    """The kept draws as a table: ``chain``, ``step`` (after burn-in), one column per record
    (values, :meth:`Space.columns`) and ``worst_residual`` (largest |scaled residual|, at most
    1: every draw passes every target)."""
    frames = []
    for i, c in enumerate(runs):
        states = c.states[::thin]
        f = pd.DataFrame(space.from_u(states), columns=space.columns())
        f.insert(0, "step", np.arange(0, len(c.states), thin))
        f.insert(0, "chain", i)
        f["worst_residual"] = np.abs(scaled_residuals(c.estimates[::thin])).max(axis=1)
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


_SHORTEST = 4  # draws per chain for a per-chain ESS and R-hat


def summary(particles: pd.DataFrame, space: Space | None = None) -> pd.DataFrame:
    """Each record of a posterior's draws (:func:`particles_frame`, or the ``particles`` of
    :class:`cilib.params.posterior.Posterior`): ``record``, ``fitted`` (the point fit),
    ``low``, ``median``, ``high`` (2.5%, 50% and 97.5% over the draws), ``ess`` (effective
    sample size, summed over chains) and ``rhat`` (split-chain R-hat over the chains). Draws
    that are each a chain's last state (:mod:`cilib.analysis.emulate`: chains shorter than
    4 draws) have their ESS from the pooled draws in chain order and no R-hat."""
    space = space or Space.from_registry()
    p = particles
    groups = [g for _, g in p.groupby("chain", sort=True)]
    length = min(len(g) for g in groups)
    long_chains = length >= _SHORTEST  # else one draw per chain: pooled ESS, no R-hat
    rows = []
    for col, fitted in zip(space.columns(), space.value, strict=True):
        x = p[col].to_numpy(np.float64)
        per_chain = [g[col].to_numpy(np.float64)[:length] for g in groups]
        ess = (
            float(sum(effective_sample_size(c) for c in per_chain))
            if long_chains
            else effective_sample_size(x)
        )
        rows.append(
            {
                "record": col,
                "fitted": float(fitted),
                "low": float(np.quantile(x, 0.025)),
                "median": float(np.median(x)),
                "high": float(np.quantile(x, 0.975)),
                "ess": ess,
                "rhat": split_rhat(per_chain) if long_chains and len(per_chain) > 1 else math.nan,
            }
        )
    return pd.DataFrame(rows)
