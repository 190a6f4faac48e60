"""Diagnostic accuracy of a continuous marker where a LOW value is a positive test.

A cervical length at or below the threshold (``marker <= threshold_mm``) is a positive screen
(a short cervix); ties at the threshold are positive. ``event`` is the outcome the screen
should find (for example spontaneous preterm birth before 34 weeks).

Every function is pure and returns a tidy :class:`pandas.DataFrame`. Missing markers (NaN)
are excluded from every count and reported in ``n_missing``; they are never treated as a
negative test. Proportions carry 95% Wilson score intervals, likelihood ratios log-method
intervals and the AUC a DeLong interval. With ``by`` every table gains a leading ``group``
column and a ``status`` column (``"ok"``, or ``"empty subgroup"`` for a group with no
measured marker, which gets one row of zero counts and NaN metrics instead of an error).

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> from cilib.screening import metrics
>>> cl_mm = [12.0, 18.0, 25.0, 25.0, 31.0, float("nan")]
>>> sptb = [True, True, False, True, False, True]
>>> metrics(cl_mm, sptb, 25.0)[["n", "n_missing", "tp", "fp", "fn", "tn"]]
   n  n_missing  tp  fp  fn  tn
0  5          1   3   1   0   1
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from cilib.params.validation import number, shown
from cilib.stats import Z95, wilson_limits

__all__ = ["COLUMNS", "EMPTY", "inputs", "metrics", "runs", "subgroup_masks", "sweep"]

#: Columns of :func:`metrics` and :func:`sweep` (after ``group`` when ``by`` is given).
COLUMNS = (
    "threshold_mm",
    "n",
    "n_missing",
    "tp",
    "fp",
    "fn",
    "tn",
    "prevalence",
    *(
        f"{m}{s}"
        for m in ("sensitivity", "specificity", "ppv", "npv")
        for s in ("", "_low", "_high")
    ),
    *(f"{m}{s}" for m in ("lr_pos", "lr_neg") for s in ("", "_low", "_high")),
    "positive_rate",
    "nns",
)

EMPTY = "empty subgroup"


# ------------------------------------------------------------------------------ validation
def _is_pandas(x) -> bool:
    return isinstance(x, pd.Series | pd.Index | pd.api.extensions.ExtensionArray)


def _kind(x) -> str:
    return getattr(getattr(x, "dtype", None), "kind", "O")


def _marker_array(marker) -> np.ndarray:
    """Marker as a 1-D float64 array with NaN for missing values."""
    if _is_pandas(marker):
        if _kind(marker) not in "iuf":
            raise ValueError(
                f"marker: got dtype {marker.dtype}; allowed: real numbers in mm (NaN = missing)"
            )
        arr = marker.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        arr = np.asarray(marker)
        if arr.dtype.kind not in "iuf":
            raise ValueError(
                f"marker: got dtype {arr.dtype}; allowed: real numbers in mm (NaN = missing)"
            )
        arr = arr.astype(np.float64, copy=False)
    if arr.ndim != 1:
        raise ValueError(
            f"marker: got a {arr.ndim}-D array; allowed: one value per pregnancy (1-D)"
        )
    if np.isinf(arr).any():
        raise ValueError("marker: got infinite values; allowed: finite lengths in mm or NaN")
    return arr


def _bool_array(x, name: str) -> np.ndarray:
    """A 1-D numpy bool array; nullable booleans with NA and every other dtype are refused."""
    allowed = "booleans (True = event)" if name == "event" else "booleans (True = in the group)"
    if _is_pandas(x):
        if _kind(x) != "b":
            raise ValueError(f"{name}: got dtype {x.dtype}; allowed: {allowed}")
        n_na = int(pd.isna(x).sum())
        if n_na:
            raise ValueError(
                f"{name}: got dtype {x.dtype} with {n_na} missing (NA); allowed: {allowed}"
            )
        arr = x.to_numpy(dtype=bool)
    else:
        arr = np.asarray(x)
        if arr.size == 0 and arr.ndim == 1:
            arr = arr.astype(bool)  # an empty list is float64 to numpy
        if arr.dtype != np.bool_:
            raise ValueError(f"{name}: got dtype {arr.dtype}; allowed: {allowed}")
    if arr.ndim != 1:
        raise ValueError(
            f"{name}: got a {arr.ndim}-D array; allowed: one value per pregnancy (1-D)"
        )
    return arr


def _check_index(x, name: str, index: pd.Index | None) -> None:
    if index is not None and isinstance(x, pd.Series) and not x.index.equals(index):
        raise ValueError(
            f"{name}: index does not equal the marker/event index; allowed: the same index "
            "(align with .reindex() first)"
        )


def inputs(marker, event) -> tuple[np.ndarray, np.ndarray, pd.Index | None]:
    """Validated marker (float64, NaN = missing), event (bool) and the shared index, if any.

    Used by every accuracy function of :mod:`cilib.screening` (metrics, sweep, ROC, AUC).
    """
    m = _marker_array(marker)
    e = _bool_array(event, "event")
    if len(m) != len(e):
        raise ValueError(
            f"marker, event: got lengths {len(m)} and {len(e)}; allowed: equal lengths"
        )
    index = None
    for x in (marker, event):
        if isinstance(x, pd.Series):
            index = x.index if index is None else index
    _check_index(event, "event", index)
    if not (~np.isnan(m)).any():
        raise ValueError(
            f"marker: no pregnancies with a measured marker ({len(m)} rows, all NaN or none); "
            "allowed: at least one measured (non-NaN) value"
        )
    return m, e, index


def subgroup_masks(by, n: int, index: pd.Index | None):
    """Group labels, boolean row masks and a function restoring the group column's dtype."""
    if isinstance(by, Mapping):
        if not by:
            raise ValueError("by: got an empty dict; allowed: {name: boolean mask}, at least one")
        labels, masks = [], []
        for key, mask in by.items():
            arr = _bool_array(mask, f"by[{shown(key)}]")
            if len(arr) != n:
                raise ValueError(
                    f"by[{shown(key)}]: got length {len(arr)}; allowed: {n} (as marker)"
                )
            _check_index(mask, f"by[{shown(key)}]", index)
            labels.append(key)
            masks.append(arr)
        return labels, masks, lambda col: col
    if isinstance(by, str | bytes) or np.ndim(by) != 1:
        raise ValueError(
            f"by: got {type(by).__name__}; allowed: labels aligned with marker or a dict {{name: mask}}"
        )
    if len(by) != n:
        raise ValueError(f"by: got length {len(by)}; allowed: {n} (as marker)")
    _check_index(by, "by", index)
    values = by.array if isinstance(by, pd.Series | pd.Index) else by
    if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
        cat = pd.Categorical(values)
        codes, cats = cat.codes, cat.categories
        restore = lambda col: pd.Categorical(col, categories=cats, ordered=cat.ordered)  # noqa: E731
    else:
        codes, cats = pd.factorize(
            np.asarray(values) if isinstance(values, list) else values, sort=True
        )
        restore = lambda col: col  # noqa: E731
    n_na = int((codes < 0).sum())
    if n_na:
        raise ValueError(
            f"by: got {n_na} missing labels; allowed: a label for every row (or a dict of masks)"
        )
    return list(cats), [codes == i for i in range(len(cats))], restore


def _table(thr, tp, fp, n_events: int, n_non: int, n_missing: int, z: float) -> dict:
    """Metric columns from counts of events (tp) and non-events (fp) at or below each threshold.

    Sensitivity and specificity have fixed denominators (``n_events``, ``n_non``); only the
    predictive values vary, so the arithmetic stays a few passes over float arrays.
    """
    tp = np.asarray(tp, dtype=np.int64)
    fp = np.asarray(fp, dtype=np.int64)
    size = len(tp)
    n1, n0 = n_events, n_non
    n = n1 + n0
    cols = {
        "threshold_mm": np.asarray(thr, dtype=np.float64),
        "n": np.full(size, n, dtype=np.int64),
        "n_missing": np.full(size, n_missing, dtype=np.int64),
        "tp": tp,
        "fp": fp,
        "fn": n1 - tp,
        "tn": n0 - fp,
        "prevalence": np.full(size, n1 / n if n else np.nan),
    }
    tpf = tp.astype(np.float64)
    fpf = fp.astype(np.float64)
    fnf = n1 - tpf
    tnf = n0 - fpf
    pos = tpf + fpf
    with np.errstate(divide="ignore", invalid="ignore"):
        for name, k, d in (
            ("sensitivity", tpf, n1),
            ("specificity", tnf, n0),
            ("ppv", tpf, pos),
            ("npv", tnf, n - pos),
        ):
            cols[name] = k / d
            cols[f"{name}_low"], cols[f"{name}_high"] = wilson_limits(k, d, z)
        # Log method (Simel et al. 1991): var(log LR+) = 1/tp - 1/(tp+fn) + 1/fp - 1/(fp+tn),
        # written as fn/(tp(tp+fn)) + tn/(fp(fp+tn)) so it cannot round below zero. A zero
        # in a needed cell (tp or fp for LR+, fn or tn for LR-) gives NaN limits.
        for name, ratio, a, b, c, d in (
            ("lr_pos", cols["sensitivity"] / (fpf / n0), tpf, fnf, fpf, tnf),
            ("lr_neg", (fnf / n1) / cols["specificity"], fnf, tpf, tnf, fpf),
        ):
            se = np.multiply(a, n1)
            np.divide(b, se, out=se)
            var0 = np.multiply(c, n0)
            np.divide(d, var0, out=var0)
            se += var0
            np.sqrt(se, out=se)
            se *= z
            bad = (a == 0) | (c == 0)
            lo = np.exp(np.negative(se, out=var0), out=var0)
            lo *= ratio
            hi = np.exp(se, out=se)
            hi *= ratio
            lo[bad] = np.nan
            hi[bad] = np.nan
            cols[name], cols[f"{name}_low"], cols[f"{name}_high"] = ratio, lo, hi
        pos /= n
        cols["positive_rate"] = pos
        cols["nns"] = np.divide(n, tpf, out=tpf)
    return cols


def runs(xs: np.ndarray, es: np.ndarray):
    """Distinct sorted values and the events/non-events at or below each (ties included)."""
    cum = np.cumsum(es, dtype=np.int64)
    last = np.flatnonzero(np.append(xs[1:] != xs[:-1], True))  # last index of each run
    tp = cum[last]
    return xs[last], tp, last + 1 - tp


def _grouped(frames: list[pd.DataFrame], labels: list, restore) -> pd.DataFrame:
    out = pd.concat(frames, ignore_index=True)
    group = np.empty(len(labels), dtype=object)
    group[:] = labels
    out.insert(0, "group", restore(np.repeat(group, [len(f) for f in frames])))
    out["status"] = np.where(out["n"].to_numpy() == 0, EMPTY, "ok")
    return out


# ------------------------------------------------------------------------------ 2x2 metrics
def metrics(marker, event, threshold_mm, *, by=None, z: float = Z95) -> pd.DataFrame:
    """Accuracy of the screen ``marker <= threshold_mm`` (a short cervix is positive).

    Parameters
    ----------
    marker : array-like or pandas.Series of float
        Cervical length in mm, one per pregnancy; NaN = not measured (excluded, counted in
        ``n_missing``).
    event : array-like or pandas.Series of bool
        True for a pregnancy with the outcome (e.g. sPTB). If both inputs are Series their
        indexes must be equal.
    threshold_mm : float
        Cut-off in mm; a marker at or below it is a positive test.
    by : array-like of labels or dict of {name: boolean mask}, optional
        Labels put each row in one group (categorical order respected; unused categories are
        empty groups); a dict gives possibly overlapping groups.
    z : float
        Standard normal quantile of the intervals (default two-sided 95%).

    Returns
    -------
    pandas.DataFrame
        One row (per group): ``group`` (with ``by``), ``threshold_mm``, ``n`` (measured),
        ``n_missing``, ``tp``, ``fp``, ``fn``, ``tn``, ``prevalence``, ``sensitivity``,
        ``specificity``, ``ppv`` and ``npv`` each with ``_low``/``_high`` Wilson limits,
        ``lr_pos`` and ``lr_neg`` with log-method limits, ``positive_rate`` (share screening
        positive), ``nns`` (number needed to screen to find one event, ``n / tp``) and
        ``status`` (with ``by``). Ratios with a zero denominator are NaN (e.g. sensitivity with
        no events). A likelihood ratio whose needed cell is 0 is ``inf`` (fp = 0 for LR+,
        tn = 0 for LR-) or 0 (tp = 0, fn = 0) with NaN limits; ``nns`` is ``inf`` when tp = 0.
        An empty group gets one row with zero counts, NaN metrics and status
        ``"empty subgroup"``.

    Examples
    --------
    >>> cl_mm = [12.0, 18.0, 25.0, 25.0, 31.0, 40.0]
    >>> sptb = [True, True, False, True, False, False]
    >>> m = metrics(cl_mm, sptb, 25.0)
    >>> m[["tp", "fp", "fn", "tn", "sensitivity", "specificity", "nns"]].round(3)
       tp  fp  fn  tn  sensitivity  specificity  nns
    0   3   1   0   2          1.0        0.667  2.0
    """
    m, e, index = inputs(marker, event)
    t = number("threshold_mm", threshold_mm, what="a finite number of mm")
    z = number("z", z, 0.0, what="a finite number > 0", above=True)
    valid = ~np.isnan(m)
    pos = valid & (m <= t)

    def one(mask):
        v, p = valid & mask, pos & mask
        n_ev = int(np.count_nonzero(v & e))
        cols = _table(
            [t],
            [np.count_nonzero(p & e)],
            [np.count_nonzero(p & ~e)],
            n_ev,
            int(np.count_nonzero(v)) - n_ev,
            int(np.count_nonzero(mask & ~valid)),
            z,
        )
        return pd.DataFrame(cols, copy=False)

    if by is None:
        return one(np.ones(len(m), dtype=bool))
    labels, masks, restore = subgroup_masks(by, len(m), index)
    return _grouped([one(mask) for mask in masks], labels, restore)


def sweep(marker, event, *, by=None, thresholds=None, z: float = Z95) -> pd.DataFrame:
    """Accuracy at every distinct threshold (or at ``thresholds``), vectorised.

    The measured markers are sorted once; cumulative counts of events and non-events at the
    last position of each run of equal values give the 2x2 table at every distinct marker
    value (``<=`` includes ties). No loop over thresholds: 1,000,000 markers take well under
    a second.

    Parameters
    ----------
    marker, event, by, z
        As in :func:`metrics`.
    thresholds : array-like of float, optional
        Evaluate only these thresholds in mm (finite; sorted ascending, duplicates dropped)
        instead of every distinct measured marker value.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`metrics`, one row per threshold (per group), thresholds
        ascending. An empty group gets one row with ``threshold_mm`` NaN, zero counts, NaN
        metrics and status ``"empty subgroup"``.

    Examples
    --------
    >>> cl_mm = [12.0, 18.0, 25.0, 25.0, 31.0, float("nan")]
    >>> sptb = [True, True, False, True, False, True]
    >>> s = sweep(cl_mm, sptb)
    >>> s[["threshold_mm", "tp", "fp", "sensitivity", "specificity"]]
       threshold_mm  tp  fp  sensitivity  specificity
    0          12.0   1   0     0.333333          1.0
    1          18.0   2   0     0.666667          1.0
    2          25.0   3   1     1.000000          0.5
    3          31.0   3   2     1.000000          0.0
    """
    m, e, index = inputs(marker, event)
    z = number("z", z, 0.0, what="a finite number > 0", above=True)
    if thresholds is not None:
        thr = np.atleast_1d(np.asarray(thresholds))
        if thr.dtype.kind not in "iuf" or thr.ndim != 1 or thr.size == 0:
            raise ValueError(
                f"thresholds: got {shown(thresholds)}; allowed: a 1-D list of numbers in mm"
            )
        thr = np.unique(thr.astype(np.float64))
        if not np.isfinite(thr).all():
            raise ValueError(
                "thresholds: got NaN or infinite values; allowed: finite numbers in mm"
            )
    valid = ~np.isnan(m)
    mv = m[valid]
    order = np.argsort(mv)
    sm, se_ = mv[order], e[valid][order]

    def one(sel, n_missing):
        xs, es = (sm, se_) if sel is None else (sm[sel], se_[sel])
        if len(xs) == 0:
            return pd.DataFrame(_table([np.nan], [0], [0], 0, 0, n_missing, z), copy=False)
        if thresholds is None:
            t, tp, fp = runs(xs, es)
        else:
            k = np.searchsorted(xs, thr, side="right")  # markers <= each threshold
            t, tp = thr, np.concatenate(([0], np.cumsum(es, dtype=np.int64)))[k]
            fp = k - tp
        n_ev = int(np.count_nonzero(es))
        return pd.DataFrame(_table(t, tp, fp, n_ev, len(xs) - n_ev, n_missing, z), copy=False)

    if by is None:
        return one(None, int(np.count_nonzero(~valid)))
    labels, masks, restore = subgroup_masks(by, len(m), index)
    frames = [one(mask[valid][order], int(np.count_nonzero(mask & ~valid))) for mask in masks]
    return _grouped(frames, labels, restore)
