"""Statistical primitives, each written once: intervals, ratios, quantiles and the DeLong AUC.

This module is the floor of the package: it knows nothing of cohorts or assumptions and every
layer may use it (screening metrics, policy comparisons, calibration, trials, plots).

- :data:`Z95`: the two-sided 95% standard normal quantile.
- :func:`wilson_interval` (checked, vectorised) and :func:`wilson_limits` (unchecked kernel):
  the Wilson score interval of a binomial proportion.
- :func:`weighted_rate`: a weighted proportion with a Wilson interval at the cluster-robust
  effective sample size.
- :func:`risk_ratio` (Katz log method) and :func:`paired_rr` (same units in both arms, delta
  method).
- :func:`quantile_ci` (binomial order statistics), :func:`mean_ci` and :func:`sd_ci`.
- :func:`delong`: the AUC and its DeLong standard error from midranks.
- :func:`effective_sample_size`: of a correlated chain (Geyer's initial positive sequence).

Examples
--------
>>> lo, hi = wilson_interval([0, 8], [10, 10])
>>> lo.round(4).tolist(), hi.round(4).tolist()
([0.0, 0.4902], [0.2775, 0.9433])
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = [
    "Z95",
    "count_at_or_below",
    "delong",
    "effective_sample_size",
    "mean_ci",
    "odds_ratio_ci",
    "paired_rr",
    "quantile_ci",
    "real",
    "risk_ratio",
    "sd_ci",
    "weighted_proportion",
    "weighted_rate",
    "wilson_interval",
    "wilson_limits",
]

#: Two-sided 95% standard normal quantile (``scipy.special.ndtri(0.975)``).
Z95 = 1.959963984540054


def real(value, name: str, *, positive: bool = False) -> float:
    """A finite real scalar named ``name`` (bools and strings refused), as a float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it is not finite, or not positive when ``positive`` is set.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name}: got {type(value).__name__} {value!r}; allowed: a finite real number"
        )
    value = float(value)
    if not math.isfinite(value) or (positive and value <= 0):
        allowed = "a finite number > 0" if positive else "a finite real number"
        raise ValueError(f"{name}: got {value!r}; allowed: {allowed}")
    return value


# ------------------------------------------------------------------------------ proportions
def count_at_or_below(edges: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Per value of ``x``, how many of the increasing ``edges`` are at or below it (int8; NaN
    counts all, as if above every edge): ``np.searchsorted(edges, x, side="right")`` for a
    short ``edges`` (at most 127, e.g. gestation bands), several times faster on unsorted
    ``x`` (one comparison pass per edge instead of a binary search per value)."""
    if len(edges) > np.iinfo(np.int8).max:
        raise ValueError(f"edges: got {len(edges)} edges; allowed: at most 127")
    x = np.asarray(x)
    band = np.zeros(x.shape, dtype=np.int8)
    for edge in edges:
        band += ~(x < edge)  # False for NaN: NaN counts every edge
    return band


def wilson_interval(k, n, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a binomial proportion, vectorised over arrays.

    Matches ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")`` (including the
    exact 0 at ``k = 0`` and 1 at ``k = n``).

    Parameters
    ----------
    k : array-like of float
        Number of successes, ``0 <= k <= n`` (may be fractional when ``n`` is an effective
        sample size).
    n : array-like of float
        Number of trials; ``n <= 0`` gives NaN limits.
    z : float
        Standard normal quantile (default: two-sided 95%).

    Returns
    -------
    tuple of numpy.ndarray
        Lower and upper limits (proportions in [0, 1]), broadcast to the shape of ``k`` and
        ``n``; for scalar inputs, numpy float64 scalars (a subclass of ``float``).

    Examples
    --------
    >>> lo, hi = wilson_interval(0, 10)
    >>> round(float(lo), 12), round(float(hi), 4)
    (0.0, 0.2775)
    """
    z = real(z, "z", positive=True)
    k, n = np.broadcast_arrays(np.asarray(k, dtype=np.float64), np.asarray(n, dtype=np.float64))
    if ((k < 0) | (k > n)).any():
        raise ValueError("k: got values outside [0, n]; allowed: 0 <= k <= n")
    lo, hi = wilson_limits(k.ravel(), n.ravel(), z)  # 1-D: in-place ufuncs never see 0-d
    return lo.reshape(k.shape)[()], hi.reshape(k.shape)[()]


def wilson_limits(k: np.ndarray, n, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Unchecked Wilson limits with few temporaries (reads ``k`` and ``n``, never writes them).

    ``k`` is a float array; ``n`` a float array of the same shape or a scalar. Same formula
    as scipy (Newcombe 1998): centre ``(2k + z^2) / (2(n + z^2))``, half-width
    ``z sqrt(4k(n - k)/n + z^2) / (2(n + z^2))``, exactly 0 at ``k = 0`` and 1 at ``k = n``,
    NaN where ``n`` is not positive.
    """
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = np.multiply(np.add(n, z2), 2.0)
        half = np.subtract(n, k)
        half *= k
        half /= n
        half *= 4.0
        half += z2
        np.sqrt(half, out=half)
        half *= z
        half /= denom
        centre = np.multiply(k, 2.0)
        centre += z2
        centre /= denom
        lo = np.subtract(centre, half)
        hi = np.add(centre, half, out=centre)
    np.maximum(lo, 0.0, out=lo)
    np.minimum(hi, 1.0, out=hi)
    lo[k == 0] = 0.0
    hi[k == n] = 1.0
    empty = ~(np.asarray(n) > 0)
    if empty.any():
        lo[np.broadcast_to(empty, lo.shape)] = np.nan
        hi[np.broadcast_to(empty, hi.shape)] = np.nan
    return lo, hi


def weighted_proportion(y: np.ndarray, w: np.ndarray) -> float:
    """Weighted proportion ``sum(w y) / sum(w)`` (NaN when the weights sum to 0 or less): the
    point estimate of :func:`weighted_rate`, without its interval."""
    sw = float(w.sum())
    if sw <= 0:
        return math.nan
    return float((w * y.astype(np.float64)).sum() / sw)


def weighted_rate(y: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    """Weighted proportion with a Wilson interval at the cluster-robust effective size.

    Each unit (a pregnancy) is a cluster of ``w`` observations (its infants) sharing one
    outcome ``y``; the effective sample size ``p(1-p)/var`` keeps twins from counting as
    independent observations. Returns ``(p, low, high)``; NaNs when the weights sum to 0.
    """
    y = y.astype(np.float64)
    sw = float(w.sum())
    if sw <= 0:
        return math.nan, math.nan, math.nan
    p = weighted_proportion(y, w)
    var = float(((w * (y - p)) ** 2).sum()) / sw**2
    clusters = int((w > 0).sum())
    n_eff = p * (1 - p) / var if var > 0 else clusters
    lo, hi = wilson_interval(p * n_eff, n_eff)
    return p, float(lo), float(hi)


# ------------------------------------------------------------------------------ ratios
def risk_ratio(a: float, n1: float, c: float, n2: float, z: float = Z95):
    """Risk ratio ``(a / n1) / (c / n2)`` with its log-method (Katz) confidence interval.

    Returns ``(rr, low, high)``; all NaN when a denominator or ``c`` is 0, and NaN limits when
    ``a`` is 0 (the point estimate is then 0).

    Examples
    --------
    >>> [round(v, 3) for v in risk_ratio(10, 100, 5, 200)]
    [4.0, 1.405, 11.389]
    """
    if n1 == 0 or n2 == 0 or c == 0:
        return math.nan, math.nan, math.nan
    rr = (a / n1) / (c / n2)
    if a == 0:
        return rr, math.nan, math.nan
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    return rr, rr * math.exp(-z * se), rr * math.exp(z * se)


def odds_ratio_ci(y, exposed) -> tuple[float, float, float]:
    """Sample odds ratio of ``y`` for ``exposed`` vs the rest, with its 95% CI (Woolf, by
    scipy); NaN where a cell of the 2 x 2 table is empty."""
    from scipy.stats.contingency import odds_ratio

    y, exposed = np.asarray(y, bool), np.asarray(exposed, bool)
    table = [
        [int((y & exposed).sum()), int((~y & exposed).sum())],
        [int((y & ~exposed).sum()), int((~y & ~exposed).sum())],
    ]
    if min(min(row) for row in table) == 0:  # no finite ratio or no log-method interval
        return math.nan, math.nan, math.nan
    result = odds_ratio(table, kind="sample")
    ci = result.confidence_interval(0.95)
    return float(result.statistic), float(ci.low), float(ci.high)


def paired_rr(y0: np.ndarray, y1: np.ndarray) -> tuple[float, float, float]:
    """Risk ratio ``mean(y1) / mean(y0)`` on the same units with a delta-method 95% CI.

    Returns NaNs with fewer than two units or a zero rate in either arm.
    """
    y0, y1 = np.asarray(y0, np.float64), np.asarray(y1, np.float64)
    n = len(y0)
    p0, p1 = y0.mean() if n else 0.0, y1.mean() if n else 0.0
    if n < 2 or p0 == 0 or p1 == 0:
        return math.nan, math.nan, math.nan
    cov = np.cov(y1, y0)
    var = (cov[0, 0] / p1**2 + cov[1, 1] / p0**2 - 2 * cov[0, 1] / (p1 * p0)) / n
    rr = p1 / p0
    se = math.sqrt(max(var, 0.0))
    return rr, rr * math.exp(-Z95 * se), rr * math.exp(Z95 * se)


# ------------------------------------------------------------------------------ location
def quantile_ci(x, q: float, *, presorted: bool = False) -> tuple[float, float, float]:
    """Sample quantile with a distribution-free 95% CI from binomial order statistics.

    Returns ``(quantile, low, high)``; NaNs for an empty sample. ``x`` must have no NaN.

    Examples
    --------
    >>> quantile_ci(list(range(101)), 0.5)[0]
    50.0
    """
    xs = np.asarray(x, dtype=np.float64) if presorted else np.sort(np.asarray(x, np.float64))
    n = len(xs)
    if n == 0:
        return math.nan, math.nan, math.nan
    half = Z95 * math.sqrt(n * q * (1 - q))
    i_lo = int(max(0, math.floor(n * q - half)))
    i_hi = int(min(n - 1, math.ceil(n * q + half)))
    return float(np.quantile(xs, q)), float(xs[i_lo]), float(xs[i_hi])


def mean_ci(x: np.ndarray) -> tuple[float, float, float]:
    """Mean with a normal 95% CI (standard error of the mean)."""
    m, se = x.mean(), x.std(ddof=1) / np.sqrt(len(x))
    return float(m), float(m - Z95 * se), float(m + Z95 * se)


def sd_ci(x: np.ndarray) -> tuple[float, float, float]:
    """Standard deviation with a large-sample 95% CI that allows for excess kurtosis."""
    s = x.std(ddof=1)
    k = ((x - x.mean()) ** 4).mean() / x.var() ** 2
    se = s * np.sqrt((k - 1) / (4 * len(x)))
    return float(s), float(s - Z95 * se), float(s + Z95 * se)


# ------------------------------------------------------------------------------ AUC
def delong(x_ev: np.ndarray, x_non: np.ndarray) -> tuple[float, float]:
    """AUC = P(event marker < non-event marker) + P(tie)/2 and its DeLong standard error.

    A LOW marker is a positive test (a short cervix), so the markers are negated before
    ranking; midranks handle ties (DeLong 1988, via midranks as in Sun & Xu 2014). The
    standard error is NaN with fewer than two events or non-events.
    """
    from scipy.stats import rankdata

    n1, n0 = len(x_ev), len(x_non)
    s_ev, s_non = -x_ev, -x_non
    r_all = rankdata(np.concatenate((s_ev, s_non)))
    r_ev, r_non = r_all[:n1], r_all[n1:]
    auc = (r_ev.sum() - n1 * (n1 + 1) / 2) / (n1 * n0)
    # Structural components: v10[i] = share of non-events with a higher marker than event i
    # (ties 1/2); v01[j] = share of events with a lower marker than non-event j (ties 1/2).
    v10 = (r_ev - rankdata(s_ev)) / n0
    v01 = 1 - (r_non - rankdata(s_non)) / n1
    if n1 < 2 or n0 < 2:
        return float(auc), math.nan
    var = v10.var(ddof=1) / n1 + v01.var(ddof=1) / n0
    return float(auc), float(math.sqrt(var))


def effective_sample_size(x) -> float:
    """Effective sample size of a 1-D chain: ``n / (1 + 2 sum of autocorrelations)``, summed
    over Geyer's (1992) initial positive sequence of paired lags, at most ``n`` (an
    anti-correlated chain is not credited with more than its length); ``n`` for a constant
    chain.

    Examples
    --------
    >>> round(effective_sample_size(np.arange(4.0) % 2))  # perfectly anti-correlated pairs
    4
    """
    x = np.asarray(x, np.float64)
    n = len(x)
    c = x - x.mean()
    var = c @ c / n
    if n < 4 or var == 0:
        return float(n)
    f = np.fft.rfft(c, 2 * n)
    acf = np.fft.irfft(f * np.conj(f))[:n] / (n * var)
    total = -1.0  # tau = -1 + 2 * sum of pairs (rho_2k + rho_2k+1), rho_0 = 1 included
    for k in range(0, n - 1, 2):
        pair = acf[k] + acf[k + 1]
        if pair <= 0:
            break
        total += 2 * pair
    return float(n / max(total, 1.0))
