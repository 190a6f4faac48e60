"""Transvaginal cervical-length measurement: the true length plus a scenario's offset and error.

:func:`measure_cervical_length` measures every pregnancy at a gestation with the measurement
error of one scan, drawn from slot ``scan`` of the ``scan`` stream (:mod:`cilib.params.streams`),
so repeated scans have independent errors and adding one never changes another.
:func:`measure_with` takes the normal draws from any generator (a trial's own scans).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from cilib.model.cervix import cervical_length
from cilib.params import streams
from cilib.params.assumptions import Assumptions, resolve
from cilib.params.validation import shown

__all__ = ["MAX_SCANS", "measure_cervical_length", "measure_with", "measured"]

#: Scans per seed with their own measurement errors (slots of the ``scan`` stream).
MAX_SCANS = streams.STREAMS["scan"].size


def measured(true_mm, z, a: Assumptions) -> np.ndarray:
    """Measured CL (mm, float64) from the true CL and standard normal draws ``z``: true CL plus
    ``cl_measurement_offset_mm`` and ``cl_measurement_sd_mm`` times ``z``, never negative (the
    one formula of :func:`measure_with` and of :func:`cilib.screening.screen`)."""
    m = true_mm + a["cl_measurement_offset_mm"] + a["cl_measurement_sd_mm"] * z
    return np.maximum(m, 0.0)


def measure_with(
    cohort: pd.DataFrame, ga_weeks, rng: np.random.Generator, a: Assumptions
) -> pd.Series:
    """Measured CL (mm) at ``ga_weeks`` with the measurement errors drawn from ``rng``.

    True CL (:func:`cilib.model.cervix.cervical_length`) plus ``cl_measurement_offset_mm`` and
    ``cl_measurement_sd_mm`` times a standard normal, never negative; NaN where the pregnancy
    ended at or before ``ga_weeks``.
    """
    true = cervical_length(cohort, ga_weeks, a).to_numpy()
    z = rng.standard_normal(len(true))
    return pd.Series(measured(true, z, a), index=cohort.index, name="cl_measured_mm")


def measure_cervical_length(
    cohort: pd.DataFrame,
    ga_weeks,
    *,
    seed: int,
    scan: int = 0,
    assumptions: Assumptions | None = None,
) -> pd.Series:
    """Transvaginal cervical length as measured at a gestation.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    ga_weeks : float or array-like
        Gestation of the scan, weeks (14-34); a scalar or one value per pregnancy (a Series
        is read by the cohort's index, and refused if its labels are not the cohort's).
    seed : int
        Seed of the measurement streams (independent of the cohort's).
    scan : int
        Number of the scan, 0 to :data:`MAX_SCANS` - 1; each has its own stream, so repeated
        scans have independent errors and adding one never changes another.
    assumptions : Assumptions, optional
        Defaults to the cohort's own (:func:`cilib.assumptions_of`). Uses
        ``cl_measurement_offset_mm`` and ``cl_measurement_sd_mm`` (Heath 1998; calibrated per
        scenario).

    Returns
    -------
    Series of float64, mm
        ``cl_measured_mm``: true CL plus offset and error, never negative; NaN where the
        pregnancy ended at or before ``ga_weeks``.

    Examples
    --------
    >>> import cilib
    >>> c = cilib.generate_cohort(1000, seed=1)
    >>> m = cilib.measure_cervical_length(c, ga_weeks=22, seed=1)
    >>> bool(m.isna().sum() == (c["ga_birth_weeks"] <= 22).sum())
    True
    """
    a = resolve(cohort, assumptions)
    seed = streams.check_seed(seed)
    if isinstance(scan, bool) or not isinstance(scan, numbers.Integral):
        raise TypeError(f"scan: got {shown(scan)}; allowed: an integer 0-{MAX_SCANS - 1}")
    if not 0 <= scan < MAX_SCANS:
        raise ValueError(f"scan: got {shown(scan)}; allowed: an integer 0-{MAX_SCANS - 1}")
    return measure_with(cohort, ga_weeks, streams.generator(seed, "scan", int(scan)), a)
