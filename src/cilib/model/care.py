"""History care: which of a woman's earlier pregnancies had a cerclage (``prior_cerclage``).

A cohort's earlier pregnancies follow the natural history (:mod:`cilib.model.population`), so
the obstetric history the calibration rests on is untreated. The care they received is drawn
from a care pattern of assumption records (group ``history care``), in the order of the
pregnancies, from what each revealed:

- a *history-indicated* cerclage in a singleton pregnancy that follows a mid-trimester loss or a
  pregnancy with a cerclage, with probability ``p_history_cerclage_after_loss``;
- otherwise an *ultrasound-indicated* cerclage in a singleton pregnancy that follows a
  spontaneous birth before 34 wk (ACOG PB 142) and whose true CL is at or below
  ``short_cervix_mm`` at a serial scan (``serial_scan_start_weeks`` to
  ``serial_scan_end_weeks`` every ``serial_scan_interval_weeks``) while ongoing, with probability
  ``p_history_cerclage_short_cervix``.

A cerclage in an earlier pregnancy is recorded, not applied to its outcome: the pregnancy keeps
its natural history (a stated simplification, so that every figure fitted to cohorts' histories
stays as calibrated). Histories managed under a policy (:func:`cilib.generate_histories`) apply
their treatments instead.
"""

from __future__ import annotations

import numpy as np

from cilib.model import cervix
from cilib.model.schema import LAST_SPONTANEOUS
from cilib.params.assumptions import Assumptions
from cilib.params.definitions import USI_PRIOR_SPTB_BEFORE_WEEKS

__all__ = ["prior_cerclage", "short_on_serial_scans"]


def short_on_serial_scans(
    a: Assumptions, cl14_mm, slope_mm_per_week, dilation_ga, ga
) -> np.ndarray:
    """True CL (:func:`cilib.model.cervix.length`) at or below ``short_cervix_mm`` at a
    serial-scan week while still pregnant.

    The trajectory only shortens, so this is the CL at the last scan week before birth (and
    at most ``serial_scan_end_weeks``): one evaluation per pregnancy.
    """
    first = a["serial_scan_start_weeks"]
    every = a["serial_scan_interval_weeks"]
    n_scans = np.floor((a["serial_scan_end_weeks"] - first) / every + 1e-9) + 1
    # scans strictly before birth: k < (ga - first) / every, so k = ceil(that) - 1
    before_birth = np.ceil((ga - first) / every) - 1
    last = np.minimum(before_birth, n_scans - 1)
    week = first + every * last
    cl = cervix.length(cl14_mm, slope_mm_per_week, dilation_ga, week, a["failure_funnel_weeks"])
    return (last >= 0) & (cl <= a["short_cervix_mm"])


def prior_cerclage(
    a: Assumptions, earlier: dict[str, np.ndarray], woman: np.ndarray, n_women: int, u
) -> np.ndarray:
    """Whether each woman had a cerclage in one of her earlier pregnancies.

    Parameters
    ----------
    a : Assumptions
        The care-pattern records and the definitions.
    earlier : dict
        The earlier pregnancies, laid out woman by woman in the order they happened:
        ``ga`` (weeks), ``cause`` (codes; spontaneous up to
        :data:`cilib.model.schema.LAST_SPONTANEOUS`), ``plurality``, ``cl14_mm``,
        ``slope_mm_per_week``, ``dilation_ga`` (weeks, NaN if none).
    woman : ndarray of int
        The woman (0 to ``n_women - 1``) of each earlier pregnancy, in increasing order.
    u : ndarray
        One uniform per earlier pregnancy (the care decision).

    Returns
    -------
    ndarray of bool, one per woman
    """
    ga = earlier["ga"]
    spontaneous = earlier["cause"] <= LAST_SPONTANEOUS
    loss = spontaneous & (ga < a["loss_before_weeks"])
    sptb34 = spontaneous & ~loss & (ga < USI_PRIOR_SPTB_BEFORE_WEEKS)
    counts = np.bincount(woman, minlength=n_women)
    starts = np.cumsum(counts) - counts
    # only a woman with a loss or an sPTB before 34 wk before her last earlier pregnancy can
    # have had a cerclage: the care is followed for those few women only
    not_last = np.arange(len(woman)) < (starts + counts - 1)[woman]
    candidates = np.flatnonzero(
        np.bincount(woman, weights=(loss | sptb34) & not_last, minlength=n_women)
    )
    had = np.zeros(n_women, dtype=bool)
    after_loss = np.zeros(len(candidates), dtype=bool)  # an earlier loss or cerclage
    after_sptb = np.zeros(len(candidates), dtype=bool)  # an earlier sPTB before 34 wk
    for j in range(int(counts[candidates].max(initial=0))):  # at most max_prior_pregnancies
        alive = np.flatnonzero(counts[candidates] > j)
        p = starts[candidates[alive]] + j
        singleton = earlier["plurality"][p] == 1
        hic = singleton & after_loss[alive]
        usi = singleton & ~after_loss[alive] & after_sptb[alive]
        q = p[usi]
        usi[usi] = short_on_serial_scans(
            a,
            earlier["cl14_mm"][q],
            earlier["slope_mm_per_week"][q],
            earlier["dilation_ga"][q].astype(np.float64),
            ga[q],
        )
        cerclage = (hic & (u[p] < a["p_history_cerclage_after_loss"])) | (
            usi & (u[p] < a["p_history_cerclage_short_cervix"])
        )
        had[candidates[alive]] |= cerclage
        after_loss[alive] |= loss[p] | cerclage
        after_sptb[alive] |= sptb34[p]
    return had
