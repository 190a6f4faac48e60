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

from cilib.model.schema import LAST_SPONTANEOUS
from cilib.params.assumptions import Assumptions
from cilib.params.definitions import USI_PRIOR_SPTB_BEFORE_WEEKS

__all__ = ["prior_cerclage", "short_on_serial_scans"]


def short_on_serial_scans(a: Assumptions, cl14_mm, slope_mm_per_week, ga) -> np.ndarray:
    """True CL at or below ``short_cervix_mm`` at a serial-scan week while still pregnant."""
    t0 = a["hazard_start_weeks"]
    weeks = np.arange(
        a["serial_scan_start_weeks"],
        a["serial_scan_end_weeks"] + 1e-9,
        a["serial_scan_interval_weeks"],
    )
    short = np.zeros(len(ga), dtype=bool)
    for w in weeks:  # a handful of scan weeks, each vectorised over the pregnancies
        short |= (cl14_mm - slope_mm_per_week * (w - t0) <= a["short_cervix_mm"]) & (ga > w)
    return short


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
        ``slope_mm_per_week``.
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
    singleton = earlier["plurality"] == 1
    short = short_on_serial_scans(a, earlier["cl14_mm"], earlier["slope_mm_per_week"], ga)
    counts = np.bincount(woman, minlength=n_women)
    order = np.arange(len(woman)) - (np.cumsum(counts) - counts)[woman]
    after_loss = np.zeros(n_women, dtype=bool)  # an earlier loss or cerclage: history-indicated
    after_sptb = np.zeros(n_women, dtype=bool)  # an earlier sPTB before 34 wk
    had = np.zeros(n_women, dtype=bool)
    for j in range(int(counts.max(initial=0))):  # at most max_prior_pregnancies steps
        p = np.flatnonzero(order == j)
        w = woman[p]
        hic = singleton[p] & after_loss[w]
        usi = singleton[p] & ~after_loss[w] & after_sptb[w] & short[p]
        cerclage = (hic & (u[p] < a["p_history_cerclage_after_loss"])) | (
            usi & (u[p] < a["p_history_cerclage_short_cervix"])
        )
        had[w] |= cerclage
        after_loss[w] |= loss[p] | cerclage
        after_sptb[w] |= sptb34[p]
    return had
