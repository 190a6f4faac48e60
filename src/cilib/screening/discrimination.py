"""The ROC curve and the area under it, with a DeLong confidence interval.

A LOW marker (a short cervix) is a positive test; see :mod:`cilib.screening.accuracy` for the
conventions on missing markers and subgroups (``by=``).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cilib.params.validation import number
from cilib.screening.accuracy import EMPTY, inputs, runs, subgroup_masks
from cilib.stats import Z95, delong

__all__ = ["AUC_COLUMNS", "auc", "roc"]

#: Columns of :func:`auc` (after ``group`` when ``by`` is given).
AUC_COLUMNS = ("auc", "auc_low", "auc_high", "se", "n_events", "n_non_events", "n_missing")


def _classes(m: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    valid = ~np.isnan(m)
    return m[valid & e], m[valid & ~e]


def _missing_class(x_ev: np.ndarray, x_non: np.ndarray) -> str | None:
    if len(x_ev) == 0:
        return "no events"
    if len(x_non) == 0:
        return "no non-events"
    return None


def auc(marker, event, *, by=None, z: float = Z95) -> pd.DataFrame:
    """Area under the ROC curve with a DeLong confidence interval.

    The AUC is the probability that a random pregnancy with the event has a LOWER marker than
    a random one without (ties count 1/2), so a short cervix that predicts preterm birth gives
    AUC > 0.5. The interval is ``auc +/- z * se`` clipped to [0, 1], with the DeLong standard
    error from midranks (O(n log n)); it is NaN with fewer than two events or non-events.

    Parameters
    ----------
    marker, event, by, z
        As in :func:`metrics`.

    Returns
    -------
    pandas.DataFrame
        One row (per group): ``group`` (with ``by``), ``auc``, ``auc_low``, ``auc_high``,
        ``se``, ``n_events``, ``n_non_events``, ``n_missing`` and ``status`` (with ``by``:
        ``"ok"``, ``"empty subgroup"``, or ``"no events"``/``"no non-events"`` for a group
        whose AUC is undefined; those rows have NaN ``auc``).

    Raises
    ------
    ValueError
        Without ``by``, when the measured pregnancies are all events or all non-events.

    Examples
    --------
    >>> cl_mm = [12.0, 18.0, 25.0, 25.0, 31.0, 40.0]
    >>> sptb = [True, True, False, True, False, False]
    >>> a = auc(cl_mm, sptb)
    >>> float(a["auc"].iloc[0]), int(a["n_events"].iloc[0])
    (0.9444444444444444, 3)
    """
    m, e, index = inputs(marker, event)
    z = number("z", z, 0.0, what="a finite number > 0", above=True)

    def one(mask, strict: bool):
        x_ev, x_non = _classes(m[mask], e[mask])
        missing = _missing_class(x_ev, x_non)
        row = {
            "n_events": len(x_ev),
            "n_non_events": len(x_non),
            "n_missing": int(np.isnan(m[mask]).sum()),
        }
        if missing is not None:
            if strict:
                raise ValueError(
                    f"event: {missing} among the {len(x_ev) + len(x_non)} pregnancies with a "
                    "measured marker; allowed: both events and non-events for an AUC"
                )
            status = EMPTY if len(x_ev) + len(x_non) == 0 else missing
            return {"auc": np.nan, "auc_low": np.nan, "auc_high": np.nan, "se": np.nan, **row,
                    "status": status}  # fmt: skip
        a, se = delong(x_ev, x_non)
        lo, hi = (max(a - z * se, 0.0), min(a + z * se, 1.0)) if se == se else (np.nan, np.nan)
        return {"auc": a, "auc_low": lo, "auc_high": hi, "se": se, **row, "status": "ok"}

    if by is None:
        row = one(np.ones(len(m), dtype=bool), strict=True)
        del row["status"]
        return pd.DataFrame([row], columns=list(AUC_COLUMNS))
    labels, masks, restore = subgroup_masks(by, len(m), index)
    out = pd.DataFrame([one(mask, strict=False) for mask in masks])
    group = np.empty(len(labels), dtype=object)
    group[:] = labels
    out.insert(0, "group", restore(group))
    return out[["group", *AUC_COLUMNS, "status"]]


def roc(marker, event) -> pd.DataFrame:
    """Empirical ROC curve of the screen ``marker <= threshold_mm``.

    Parameters
    ----------
    marker, event
        As in :func:`metrics`; both events and non-events must be present.

    Returns
    -------
    pandas.DataFrame
        Columns ``fpr`` (1 - specificity), ``tpr`` (sensitivity) and ``threshold_mm``, one row
        per distinct measured marker value in ascending order, preceded by the point (0, 0)
        at ``threshold_mm = -inf`` (nobody positive); the last row is (1, 1). The trapezoidal
        area under the curve equals :func:`auc`.

    Examples
    --------
    >>> cl_mm = [12.0, 18.0, 25.0, 25.0, 31.0, 40.0]
    >>> sptb = [True, True, False, True, False, False]
    >>> roc(cl_mm, sptb).round(3)
         fpr    tpr  threshold_mm
    0  0.000  0.000          -inf
    1  0.000  0.333          12.0
    2  0.000  0.667          18.0
    3  0.333  1.000          25.0
    4  0.667  1.000          31.0
    5  1.000  1.000          40.0
    """
    m, e, _ = inputs(marker, event)
    missing = _missing_class(*_classes(m, e))
    if missing is not None:
        raise ValueError(f"event: {missing} among the measured pregnancies; allowed: both classes")
    valid = ~np.isnan(m)
    mv = m[valid]
    order = np.argsort(mv)
    t, tp, fp = runs(mv[order], e[valid][order])
    return pd.DataFrame(
        {
            "fpr": np.concatenate(([0.0], fp / fp[-1])),
            "tpr": np.concatenate(([0.0], tp / tp[-1])),
            "threshold_mm": np.concatenate(([-np.inf], t)),
        }
    )
