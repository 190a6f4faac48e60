"""The start weeks of each treatment a policy asks for, checked: :func:`check_starts`.

A policy (:mod:`cilib.interventions.policies`) returns, per pregnancy, the week at which each
treatment starts (NaN: not asked). :func:`cilib.interventions.simulate` reads them through
:func:`check_starts`, which refuses what is not a gestation in the modelled weeks (a boolean
mask, a string, an unknown treatment) with a one-line error.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cilib.interventions import policies, treatments
from cilib.params.assumptions import Assumptions
from cilib.params.validation import aligned, modelled_weeks, shown

__all__ = ["check_starts", "policy_starts"]


def policy_starts(
    cohort: pd.DataFrame, policy, seed: int, a: Assumptions
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(checked start weeks, screening results or None) of ``policy`` on ``cohort``: a preset
    name, a :class:`cilib.policies.Policy` (run with ``seed`` and assumptions ``a``), a frame
    of start weeks or a function of the cohort returning one."""
    is_policy = hasattr(policy, "apply") and not isinstance(policy, pd.DataFrame | pd.Series)
    if isinstance(policy, str) or is_policy:
        pol = policies.get(policy) if isinstance(policy, str) else policy
        starts, screened = pol.apply(cohort, seed=seed, assumptions=a)
        return check_starts(cohort, starts, a), screened
    return check_starts(cohort, policy, a), None


def _start_column(name: str, column: pd.Series, high: float) -> np.ndarray:
    """One column of start weeks as float64, checked: numbers (not a boolean mask) in
    ``[0, high]`` or NaN."""
    where = f"policy: column {name!r}"
    allowed = f"start weeks in [0, {high:g}] or NaN (not given)"
    if column.dtype.kind == "b" or str(column.dtype) == "boolean":
        raise TypeError(
            f"{where} holds booleans (a mask); allowed: {allowed}: use "
            "np.where(mask, week, np.nan) or cilib.policies.start_at(mask, week)"
        )
    try:
        if column.dtype.kind in "OSU" and any(isinstance(x, str | bytes) for x in column):
            raise TypeError  # numpy would read "20" as 20.0
        v = column.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError, OverflowError):
        raise TypeError(
            f"{where} has dtype {column.dtype} (for example {shown(column.iloc[0])}); "
            f"allowed: {allowed}"
        ) from None
    bad = ~np.isnan(v) & ~((v >= 0) & (v <= high))
    if bad.any():
        raise ValueError(
            f"{where} has {shown(float(v[np.argmax(bad)]))}; allowed: {allowed} (a gestation in "
            "weeks: every pregnancy has ended by the latest planned birth)"
        )
    return v


def check_starts(cohort: pd.DataFrame, starts, a: Assumptions) -> pd.DataFrame:
    """The start weeks as a float64 frame in the cohort's order, checked: known treatment
    columns, indexed like the cohort (a frame with the same labels in another order is
    reordered), each a gestation from 0 to the end of the modelled span
    (:func:`cilib.params.validation.modelled_weeks`) or NaN; a boolean mask is refused."""
    if callable(starts):
        starts = starts(cohort)
    if not isinstance(starts, pd.DataFrame):
        raise TypeError(
            f"policy: got {type(starts).__name__}; allowed: a DataFrame (or a function of the "
            f"cohort returning one) with columns among {', '.join(treatments.TREATMENTS)}"
        )
    unknown = [c for c in starts.columns if c not in treatments.TREATMENTS]
    if unknown:
        raise ValueError(
            f"policy: unknown treatment columns {shown(unknown)}; allowed: "
            f"{', '.join(treatments.TREATMENTS)}"
        )
    if starts.columns.duplicated().any():
        dup = starts.columns[starts.columns.duplicated()].tolist()
        raise ValueError(f"policy: duplicate columns {shown(dup)}; allowed: each treatment once")
    starts = aligned("policy", starts, cohort.index)
    high = modelled_weeks(a)[1]
    cols = {c: _start_column(c, starts[c], high) for c in starts.columns}
    return pd.DataFrame(cols, index=cohort.index, columns=starts.columns, copy=False)
