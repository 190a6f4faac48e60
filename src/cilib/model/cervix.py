"""Cervical length: a true trajectory per pregnancy from 14 to 34 weeks.

The underlying trajectory is linear, ``L(t) = cl_14w_mm - cl_slope_mm_per_week * (t - 14)``,
floored at 0 mm. A pregnancy whose cervix fails (painless dilation at ``dilation_ga_weeks``,
:mod:`cilib.model.failure`) shortens and funnels faster and faster over the
``failure_funnel_weeks`` before it: ``CL(t) = L(t) * (1 - x**2)`` with ``x`` the share of that
window gone by, so the cervix is 0 mm (open) at the failure and a scan a few weeks earlier
finds some of these cervices short (:func:`length`). The value at 14 wk and
the log shortening rate are each the sum of a component shared by a woman's pregnancies
(``cl_woman_share`` of the variance) and one of the pregnancy. The woman's level component has a
stretched lower half (``cl_14w_lower_tail``): a constitutionally short cervix is a lasting trait,
so it recurs, and with it painless dilation (the Danish strict-CI cohort). The right tail of
the shortening rate, raised by latent cervical weakness and twins, adds to the heavy lower tail
of CL at 24 wk (evidence.md target 9); excision and trachelectomy shorten the cervix from the
start.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from cilib.params.assumptions import Assumptions, resolve
from cilib.params.validation import aligned, floats, shown

#: The cohort columns a pregnancy's CL trajectory is read from.
TRAJECTORY_COLUMNS = ("cl_14w_mm", "cl_slope_mm_per_week", "dilation_ga_weeks", "ga_birth_weeks")

__all__ = [
    "TRAJECTORY_COLUMNS",
    "TRAJECTORY_WEEKS",
    "cervical_length",
    "crossing_weeks",
    "first_open",
    "length",
    "reaches",
    "trajectory",
    "trajectory_arrays",
    "true_length",
]

#: Gestational window in which the true trajectory is defined (weeks).
TRAJECTORY_WEEKS = (14.0, 34.0)


def trajectory(
    a: Assumptions,
    *,
    z_woman: np.ndarray,
    z_pregnancy: np.ndarray,
    excision: np.ndarray,
    trachelectomy: np.ndarray,
    insufficiency: np.ndarray,
    plurality: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """True CL at 14 wk (mm) and shortening rate (mm/week) for each pregnancy.

    ``z_woman`` and ``z_pregnancy`` are standard normals of shape (n, 2): column 0 for the
    level, column 1 for the log rate. ``excision`` is 0 none, 1 LLETZ, 2 cold-knife cone.
    """
    s = a["cl_woman_share"]
    zw, zp = math.sqrt(s), math.sqrt(1.0 - s)
    twin = plurality >= 2
    zl = z_woman[:, 0].copy()
    tau = a["cl_14w_lower_tail"]
    if tau > 0:  # sinh stretch of the woman's lower half: constitutionally short cervices
        neg = zl < 0
        zl[neg] = np.sinh(tau * zl[neg]) / tau
    z = zw * zl + zp * z_pregnancy[:, 0]
    f = np.float32  # keep float32 arrays float32 (a bool mask times a Python float is float64)
    level = (
        a["cl_14w_mean_mm"]
        + a["cl_14w_sd_mm"] * z
        + (excision == 1) * f(a["cl_shift_lletz_mm"])
        + (excision == 2) * f(a["cl_shift_cold_knife_mm"])
        + trachelectomy * f(a["cl_shift_trachelectomy_mm"])
        + twin * f(a["cl_twin_shift_mm"])
    )
    log_rate = (
        math.log(a["cl_shortening_median_mm_per_week"])
        + a["cl_shortening_log_sd"]
        * (zw * z_woman[:, 1] + zp * z_pregnancy[:, 1])
        * np.where(twin, f(a["rr_shortening_log_sd_twin"]), f(1.0))
        + insufficiency * f(math.log(a["rr_shortening_insufficiency"]))
        + twin * f(math.log(a["rr_shortening_twin"]))
    )
    return level, np.exp(log_rate)


def _ga_array(ga_weeks, n: int) -> np.ndarray:
    lo, hi = TRAJECTORY_WEEKS
    allowed = f"a number of weeks in [{lo:g}, {hi:g}], or one per pregnancy"
    if ga_weeks is None:  # floats reads None as NaN: here it is a missing argument
        raise TypeError(f"ga_weeks: got {shown(ga_weeks)}; allowed: {allowed}")
    ga = floats("ga_weeks", ga_weeks, allowed)
    if ga.ndim > 1 or (ga.ndim == 1 and len(ga) != n):
        raise ValueError(
            f"ga_weeks: got an array of shape {ga.shape}; allowed: a scalar or one value per "
            f"pregnancy ({n})"
        )
    bad = np.isnan(ga) | (ga < lo) | (ga > hi)
    if np.any(bad):
        first = ga if ga.ndim == 0 else ga[np.argmax(bad)]
        raise ValueError(
            f"ga_weeks: got {float(first):g}; allowed: weeks in [{lo:g}, {hi:g}] (the span "
            "of the modelled trajectory)"
        )
    return ga


def length(level, slope, dilation_ga, t, funnel_weeks: float) -> np.ndarray:
    """True CL (mm, float64) at gestation ``t`` from the trajectory's level at 14 wk (mm), its
    shortening rate (mm/week) and the onset of painless dilation (weeks, NaN if none).

    The linear trajectory, floored at 0 mm, times ``1 - x**2`` in the ``funnel_weeks`` before
    the dilation (``x`` from 0 at the start of the window to 1 at the dilation), 0 after it.
    """
    t = np.asarray(t, dtype=np.float64)
    linear = np.maximum(level - slope * (t - TRAJECTORY_WEEKS[0]), 0.0)
    with np.errstate(invalid="ignore"):
        x = np.clip((t - (dilation_ga - funnel_weeks)) / funnel_weeks, 0.0, 1.0)
    return np.where(np.isnan(x), linear, linear * (1.0 - x * x))


def trajectory_arrays(
    cohort: pd.DataFrame, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each pregnancy's trajectory as float64 arrays: level at 14 wk (mm), shortening
    (mm/week) and onset of painless dilation (weeks, NaN if none); of the pregnancies at
    positions ``rows`` only, if given (taken before the widening, which is exact)."""
    if rows is None:
        return tuple(cohort[c].to_numpy(np.float64) for c in TRAJECTORY_COLUMNS[:3])
    return tuple(cohort[c].to_numpy()[rows].astype(np.float64) for c in TRAJECTORY_COLUMNS[:3])


def true_length(cohort: pd.DataFrame, ga_weeks, a: Assumptions) -> np.ndarray:
    """True CL (:func:`length`) in mm, float64, at ``ga_weeks``, unchecked and whether or not
    the pregnancy is still ongoing (see :func:`cervical_length`); ``a`` gives
    ``failure_funnel_weeks``."""
    return length(*trajectory_arrays(cohort), ga_weeks, a["failure_funnel_weeks"])


def reaches(cohort: pd.DataFrame, threshold_mm, from_weeks, until_weeks, a: Assumptions):
    """Gestation (weeks, float64) at which each pregnancy's true CL (:func:`true_length`) is
    first at or below ``threshold_mm`` between ``from_weeks`` and ``until_weeks``:
    ``from_weeks`` if it already is, ``inf`` if it is not by ``until_weeks``
    (:func:`crossing_weeks` on the cohort's trajectory columns)."""
    return crossing_weeks(
        *trajectory_arrays(cohort),
        threshold_mm,
        from_weeks,
        until_weeks,
        a["failure_funnel_weeks"],
    )


def crossing_weeks(level, slope, dilation, threshold_mm, from_weeks, until_weeks, funnel_weeks):
    """:func:`reaches` on trajectory arrays (level at 14 wk in mm, shortening in mm/week,
    onset of painless dilation in weeks or NaN), one entry per trajectory, every argument
    broadcast to their length; element by element, so stacking trajectories (one threshold
    each) gives each the same weeks as alone.

    The true CL never lengthens (a linear fall floored at 0 mm, times the funnel before a
    failure). Where the linear trajectory crosses the threshold before the funnel begins, the
    crossing is exact in closed form; elsewhere it is found by bisection, vectorised over
    those pregnancies: 50 halvings of a window of at most 30 weeks leave an error below 1e-13
    weeks.
    """
    level = np.asarray(level, np.float64)
    n = len(level)
    slope = np.broadcast_to(np.asarray(slope, np.float64), (n,))
    dilation = np.broadcast_to(np.asarray(dilation, np.float64), (n,))
    lo = np.broadcast_to(np.asarray(from_weeks, np.float64), (n,)).copy()
    hi = np.broadcast_to(np.asarray(until_weeks, np.float64), (n,)).copy()
    threshold = np.broadcast_to(np.asarray(threshold_mm, np.float64), (n,))
    funnel = funnel_weeks

    def cl(t):
        return length(level, slope, dilation, t, funnel)

    already = cl(lo) <= threshold
    never = (cl(hi) > threshold) | (hi <= lo)
    out = np.where(already, lo, np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        linear = TRAJECTORY_WEEKS[0] + (level - np.maximum(threshold, 0.0)) / slope
        funnel_start = np.where(np.isnan(dilation), np.inf, dilation - funnel)
    closed = ~already & ~never & (slope > 0) & (linear <= funnel_start)
    out[closed] = linear[closed]
    rows = np.flatnonzero(~already & ~never & ~closed)
    a_, b_ = lo[rows], hi[rows]  # invariant: CL(a_) > threshold >= CL(b_)
    lv, sl, dl, th = level[rows], slope[rows], dilation[rows], threshold[rows]
    for _ in range(50):  # fixed halvings, each one vector operation over those pregnancies
        mid = 0.5 * (a_ + b_)
        below = length(lv, sl, dl, mid, funnel) <= th
        b_ = np.where(below, mid, b_)
        a_ = np.where(below, a_, mid)
    out[rows] = b_
    return out


def cervical_length(cohort: pd.DataFrame, ga_weeks, assumptions: Assumptions | None = None):
    """True cervical length at a gestational age.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`; uses ``cl_14w_mm``, ``cl_slope_mm_per_week``,
        ``dilation_ga_weeks`` and ``ga_birth_weeks``.
    ga_weeks : float or array-like
        Gestation in weeks, 14-34; a scalar or one value per pregnancy (a Series is read by
        the cohort's index, and refused if its labels are not the cohort's).
    assumptions : Assumptions, optional
        Defaults to the cohort's own (its ``failure_funnel_weeks``).

    Returns
    -------
    Series of float64, mm
        Named ``cl_mm``, indexed like ``cohort``; NaN where the pregnancy has already ended
        (``ga_birth_weeks <= ga_weeks``). Never negative.

    Examples
    --------
    >>> import cilib
    >>> c = cilib.generate_cohort(1000, seed=1)
    >>> cl = cilib.cervical_length(c, ga_weeks=24)
    >>> bool((cl.dropna() >= 0).all())
    True
    """
    if not isinstance(cohort, pd.DataFrame):
        raise TypeError(
            f"cohort: got {type(cohort).__name__}; allowed: a DataFrame from cilib.generate_cohort"
        )
    missing = set(TRAJECTORY_COLUMNS) - set(cohort.columns)
    if missing:
        raise ValueError(
            f"cohort: missing columns {sorted(missing)}; allowed: a DataFrame "
            "from cilib.generate_cohort"
        )
    ga = _ga_array(aligned("ga_weeks", ga_weeks, cohort.index), len(cohort))
    cl = true_length(cohort, ga, resolve(cohort, assumptions))
    cl[cohort["ga_birth_weeks"].to_numpy() <= ga] = np.nan
    return pd.Series(cl, index=cohort.index, name="cl_mm")


def first_open(cohort: pd.DataFrame, weeks) -> pd.Series:
    """Week of the first examination at which the cervix is open (painless dilation has begun)
    while the pregnancy is still ongoing.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`; uses ``dilation_ga_weeks`` and ``ga_birth_weeks``.
    weeks : sequence of float
        Gestations of the examinations (weeks, 14-34), in increasing order.

    Returns
    -------
    Series of float64, weeks
        Named ``open_found_weeks``, indexed like ``cohort``; NaN where no examination found an
        open cervix.

    Examples
    --------
    >>> import cilib
    >>> from cilib.model.cervix import first_open
    >>> c = cilib.generate_cohort(2000, seed=1)
    >>> found = first_open(c, [16, 18, 20])
    >>> bool(found.dropna().isin([16, 18, 20]).all())
    True
    """
    ga = cohort["ga_birth_weeks"].to_numpy()
    dilated = cohort["dilation_ga_weeks"].to_numpy(np.float64)
    found = np.full(len(cohort), np.nan)
    for week in weeks:  # a handful of examinations, each vectorised over the cohort
        _ga_array(week, len(cohort))
        is_open = (dilated <= week) & (ga > week)
        found = np.where(np.isnan(found) & is_open, float(week), found)
    return pd.Series(found, index=cohort.index, name="open_found_weeks")
