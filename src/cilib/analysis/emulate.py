"""Calibration uncertainty by history matching: an emulator of the targets, sampled cheaply,
every kept draw checked on the model.

The ABC-MCMC chains of :mod:`cilib.analysis.abc` move in small steps through 53 calibrated
records, each step one 2.6 s simulation; in the hours a session affords they do not mix. This
module reaches the same posterior (uniform over the region ``R`` of the prior box where every
target is inside its acceptance interval, at the fit's cohort size and seed) in waves, the
history matching of Vernon, Goldstein and Bower (2010, Bayesian Anal 5:619) and Andrianakis et
al. (2015, PLoS Comput Biol 11:e1003968):

1. **design** (:func:`design`): points spread around the region's known part (the chains'
   draws) at several widths, each from its own slot of the ``abc_emulator`` stream, simulated
   as the fit does (:func:`cilib.analysis.abc.evaluate`);
2. **emulator** (:class:`Emulator`): per target, a ridge regression of its scaled residual on
   the records and their squares (in the draws' metric), with its error measured by K-fold
   cross-validation. The emulated region ``R_hat`` keeps the points of the box, within a trust
   radius of where the model was seen to pass, whose emulated residuals are all within
   ``1 + margin x error`` of 0 (:meth:`Emulator.plausible`);
3. **waves** (:func:`sample`, then the model): many random-walk chains, run together on the
   emulator (microseconds per step, so millions of steps), sample ``R_hat`` uniformly; each
   chain's final state is a candidate, simulated on the model. The candidates of a wave join
   the training points, so the next emulator learns where the last one was wrong: the waves
   cut ``R_hat`` down towards ``R``. The last wave's candidates that pass every target are the
   posterior's draws: a uniform sample of ``R_hat`` kept where it is in ``R`` is a uniform
   sample of ``R`` where ``R_hat`` holds it (rejection sampling). :func:`coverage` measures,
   out of sample, the share of ``R`` that ``R_hat`` holds.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numpy as np

from cilib.analysis.abc import Space, rw_scale
from cilib.params import streams

__all__ = ["Emulator", "coverage", "design", "sample"]

_CHAIN_SLOT = 10**7  # slot of wave w's sampling chains (all of them): _CHAIN_SLOT + w


def _check_count(count, name: str) -> int:
    if isinstance(count, bool) or not isinstance(count, int | np.integer) or count < 1:
        raise ValueError(f"{name}: got {count!r}; allowed: a positive integer")
    return int(count)


def design(
    space: Space,
    draws: np.ndarray,
    count: int,
    *,
    seed: int,
    widths: tuple[float, float] = (0.5, 3.0),
) -> np.ndarray:
    """``count`` design points on the fitting scale ``u``: point ``i`` is the draws' mean plus
    ``s`` times a standard normal vector in the draws' metric (their covariance's Cholesky
    factor), ``s`` uniform over ``widths``, both from slot ``i`` of ``abc_emulator``. Points
    outside the prior box are kept (the caller skips them: the posterior is 0 there).

    Raises
    ------
    ValueError
        If ``count`` is not a positive integer, ``draws`` has the wrong number of columns or
        too few rows for a covariance, or ``widths`` is not an increasing pair of positive
        numbers.
    """
    count = _check_count(count, "count")
    u = np.asarray(draws, np.float64)
    k = len(space.params)
    if u.ndim != 2 or u.shape[1] != k or u.shape[0] <= k:
        raise ValueError(
            f"draws: got shape {u.shape}; allowed: more than {k} rows of {k} records (u scale)"
        )
    lo, hi = widths
    if not 0 < lo < hi:
        raise ValueError(f"widths: got {widths!r}; allowed: 0 < low < high")
    chol = np.linalg.cholesky(np.cov(u, rowvar=False))
    out = np.empty((count, k))
    for i in range(count):  # one slot per point: a design does not depend on its length
        rng = streams.generator(seed, "abc_emulator", i)
        z = rng.standard_normal(k)
        out[i] = u.mean(axis=0) + (lo + (hi - lo) * rng.random()) * (chol @ z)
    return out


class Emulator:
    """Per target, a ridge regression of its scaled residual (:func:`abc.scaled_residuals`) on
    the records and their squares, in the coordinates of ``metric``: ``z = (u - centre)``
    solved against the Cholesky factor of ``metric`` (the draws' covariance), so that a unit is
    the spread of the chains' draws along each principal direction.

    Fitted by :meth:`fit`; ``error`` is each target's K-fold cross-validated root mean square
    error, measured on the training points whose worst residual is at most ``near`` (the
    neighbourhood of ``R``, where the emulator must be right), and ``ridge`` the penalty each
    target's folds chose from a grid.
    """

    def __init__(self, centre, chol, coef, error, ridge, radius):
        self.centre = np.asarray(centre, np.float64)
        self.chol = np.asarray(chol, np.float64)
        self.coef = np.asarray(coef, np.float64)
        self.error = np.asarray(error, np.float64)
        self.ridge = np.asarray(ridge, np.float64)
        self.radius = float(radius)

    # ---- features -------------------------------------------------------------------------
    def coordinates(self, u) -> np.ndarray:
        """Points ``u`` (rows) in the metric's coordinates."""
        return _coordinates(u, self.centre, self.chol)

    @staticmethod
    def _features(z: np.ndarray) -> np.ndarray:
        return np.hstack([np.ones((len(z), 1)), z, z * z])

    def predict(self, u) -> np.ndarray:
        """Emulated scaled residuals at points ``u`` (rows: points, columns: targets)."""
        return self._features(self.coordinates(u)) @ self.coef

    def plausible(self, u, margin: float) -> np.ndarray:
        """Whether each point is in ``R_hat``: in the prior box, within the design's
        ``radius`` of the centre, and every emulated residual within ``1 + margin x error``."""
        u = np.atleast_2d(np.asarray(u, np.float64))
        z = self.coordinates(u)
        r = self._features(z) @ self.coef
        inside = np.all(np.abs(r) <= 1.0 + margin * self.error, axis=1)
        return inside & Space.inside(u) & (np.einsum("ij,ij->i", z, z) <= self.radius**2)

    # ---- fitting --------------------------------------------------------------------------
    @classmethod
    def fit(
        cls,
        u,
        residuals,
        metric,
        *,
        folds: int = 5,
        near: float = 3.0,
        ridges: tuple[float, ...] = (1e-6, 1e-4, 1e-2, 1.0, 1e2),
        trust: float | None = None,
    ) -> Emulator:
        """Fit to training points ``u`` (rows) and their scaled ``residuals`` (rows without a
        finite residual are left out), in the metric of the covariance ``metric``; ``radius``
        is the largest training point's distance from the centre or, with ``trust``, that
        multiple of the farthest passing training point's distance (``R_hat`` stays where the
        model has been seen to pass).

        Raises
        ------
        ValueError
            If fewer finite rows than twice the number of features remain.
        """
        u = np.asarray(u, np.float64)
        res = np.asarray(residuals, np.float64)
        ok = np.all(np.isfinite(res), axis=1)
        u, res = u[ok], res[ok]
        passing = _passing(res)
        centre = u[passing].mean(axis=0) if passing.any() else u.mean(axis=0)
        chol = np.linalg.cholesky(np.asarray(metric, np.float64))
        z = _coordinates(u, centre, chol)
        x = cls._features(z)
        if len(x) < 2 * x.shape[1]:
            raise ValueError(
                f"u: got {len(x)} finite training points; allowed: at least {2 * x.shape[1]}"
            )
        fold = np.arange(len(x)) % folds
        near_rows = np.abs(res).max(axis=1) <= near
        cv = np.empty((len(ridges), res.shape[1]))
        for i, lam in enumerate(ridges):
            sq = np.zeros(res.shape[1])
            for f in range(folds):
                train, test = fold != f, (fold == f) & near_rows
                b = _ridge(x[train], res[train], lam)
                sq += ((x[test] @ b - res[test]) ** 2).sum(axis=0)
            cv[i] = np.sqrt(sq / max(near_rows.sum(), 1))
        best = cv.argmin(axis=0)
        coef = np.column_stack(
            [_ridge(x, res[:, [t]], ridges[b])[:, 0] for t, b in enumerate(best)]
        )
        dist = np.sqrt(np.einsum("ij,ij->i", z, z))
        radius = float(
            dist.max() if trust is None or not passing.any() else trust * dist[passing].max()
        )
        return cls(
            centre, chol, coef, cv[best, np.arange(res.shape[1])], np.take(ridges, best), radius
        )


def _coordinates(u, centre: np.ndarray, chol: np.ndarray) -> np.ndarray:
    """Points ``u`` (rows) as ``chol^-1 (u - centre)``."""
    d = np.atleast_2d(np.asarray(u, np.float64)) - centre
    return np.linalg.solve(chol, d.T).T


def _passing(residuals: np.ndarray) -> np.ndarray:
    """Whether every scaled residual of a row is within +/-1 (the row passes every target)."""
    return np.abs(residuals).max(axis=1) <= 1.0


def _ridge(x: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Ridge coefficients (the intercept, column 0, unpenalised)."""
    pen = lam * np.eye(x.shape[1])
    pen[0, 0] = 0.0
    return np.linalg.solve(x.T @ x + pen, x.T @ y)


def sample(
    emulator: Emulator,
    starts,
    *,
    steps: int,
    burn: int,
    margin: float,
    seed: int,
    thin: int = 1,
    wave: int = 0,
    target_acceptance: float = 0.25,
) -> tuple[np.ndarray, float, float]:
    """Random-walk Metropolis chains, one per row of ``starts`` (points of ``R_hat``), run
    together on the uniform law of ``R_hat`` (:meth:`Emulator.plausible`): a Gaussian step in
    the emulator's coordinates is taken if it stays in ``R_hat``. During ``burn`` steps the
    common step scale adapts towards ``target_acceptance`` (Robbins-Monro), then it is fixed.
    Every step's numbers come from slot ``10**7 + wave`` of ``abc_emulator`` (one draw for
    all chains), so the result depends on ``seed``, ``wave`` and the number of chains.

    Returns
    -------
    states : ndarray (recorded steps, chains, records)
        Every ``thin``-th state after burn-in, on the fitting scale.
    acceptance : float
        Share of the recorded steps that moved.
    scale : float
        The step scale after burn-in (units of the emulator's metric).

    Raises
    ------
    ValueError
        If a start is not in ``R_hat``, or ``steps``, ``burn`` or ``thin`` is not a
        positive integer (``burn`` may be 0).
    """
    steps, thin = _check_count(steps, "steps"), _check_count(thin, "thin")
    if burn != 0:
        burn = _check_count(burn, "burn")
    u = np.atleast_2d(np.asarray(starts, np.float64)).copy()
    if not emulator.plausible(u, margin).all():
        raise ValueError("starts: a point outside R_hat; allowed: points the emulator accepts")
    c, k = u.shape
    rng = streams.generator(seed, "abc_emulator", _CHAIN_SLOT + wave)
    log_h = np.log(rw_scale(k))
    kept, moved = [], 0
    for i in range(burn + steps):
        prop = u + np.exp(log_h) * (rng.standard_normal((c, k)) @ emulator.chol.T)
        ok = emulator.plausible(prop, margin)
        u[ok] = prop[ok]
        if i < burn:
            log_h += (ok.mean() - target_acceptance) / np.sqrt(i + 1.0)
            continue
        moved += int(ok.sum())
        if (i - burn + 1) % thin == 0:
            kept.append(u.copy())
    return np.array(kept), moved / (steps * c), float(np.exp(log_h))


def coverage(u, residuals, metric, *, margin: float, folds: int = 5, **fit) -> tuple[int, int]:
    """How well ``R_hat`` holds ``R``, out of sample: the training points are split into
    ``folds``; each fold's points that pass every target on the model are judged by an
    emulator fitted without that fold. Returns (passing points judged plausible, passing
    points): a share near 1 says ``R_hat`` holds ``R`` where the design reaches."""
    u = np.asarray(u, np.float64)
    res = np.asarray(residuals, np.float64)
    passing = _passing(res)
    fold = np.arange(len(u)) % folds
    held = 0
    for f in range(folds):
        em = Emulator.fit(u[fold != f], res[fold != f], metric, **fit)
        test = (fold == f) & passing
        held += int(em.plausible(u[test], margin).sum())
    return held, int(passing.sum())
