"""Building blocks of the trial specs (:mod:`.specs`): who is eligible and when, outcomes,
published figures derived from counts, and the case-mix constants of the published trials.

Random streams (:mod:`cilib.params.streams`): a trial's scans take the ``trial_scan`` stream
(slot 0 the window scan, 1+k serial scan k), its scan or enrolment weeks ``trial_timing`` and
its case-mix thinning ``case_mix``, all separate from the cohort's and the screening streams.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from cilib.model import schema
from cilib.model.schema import singleton
from cilib.params import streams
from cilib.params.assumptions import Assumptions
from cilib.screening.measurement import measure_with
from cilib.stats import risk_ratio

#: Meis 2003, Table 1 of the placebo arm (evidence.md): 59% non-Hispanic Black, 41% with more
#: than one previous preterm delivery. The simulated trial matches this case mix.
MEIS_SHARE_NH_BLACK = 0.59
MEIS_SHARE_MORE_THAN_ONE_PRIOR = 0.41
#: Fonseca 2007 (evidence.md): CL measured at a median of 22 wk (range 20-25).
FONSECA_MEDIAN_SCAN_WEEKS = 22.0


# ---------------------------------------------------------------- building blocks
def _prior(c: pd.DataFrame) -> np.ndarray:
    return c["prior_sptb"].to_numpy(dtype=bool)


def _uniform_weeks(
    n: int, seed: int, key: int, lo: float, hi: float, median: float | None = None
) -> np.ndarray:
    """Gestations uniform in [lo, hi), or, given the published ``median``, uniform on each side
    of it with half the women on each side (the least we can assume from a range and median)."""
    u = streams.generator(seed, "trial_timing", key).random(n)
    if median is None:
        return lo + (hi - lo) * u
    return np.where(u < 0.5, lo + (median - lo) * 2 * u, median + (hi - median) * (2 * u - 1))


def _ongoing(c: pd.DataFrame, weeks: np.ndarray) -> np.ndarray:
    return c["ga_birth_weeks"].to_numpy() > weeks


def _window_cl(c, a, seed, lo, hi, median=None):
    """Measured CL at a gestation in [lo, hi) (:func:`_uniform_weeks`); NaN if the pregnancy
    ended before."""
    ga = _uniform_weeks(len(c), seed, 0, lo, hi, median)
    cl = measure_with(c, ga, streams.generator(seed, "trial_scan", 0), a).to_numpy()
    return ga, cl


def _cl_window_eligibility(
    lo, hi, cl_low, cl_high, start_from, start_to=None, *, median_weeks=None, twins=False
):
    """Singletons (twins if ``twins``) with measured CL in [cl_low, cl_high] at a scan in
    [lo, hi) wk (with the published median scan week if given); treatment from
    ``max(scan, start_from)`` (or ``start_to`` if the scan is later, to be capped)."""
    who = (lambda c: schema.plurality(c) == 2) if twins else singleton

    def rule(c, a, seed):
        ga, cl = _window_cl(c, a, seed, lo, hi, median_weeks)
        start = np.maximum(ga, start_from)
        if start_to is not None:
            start = np.minimum(start, start_to)
        with np.errstate(invalid="ignore"):
            ok = who(c) & (cl >= cl_low) & (cl <= cl_high) & _ongoing(c, start)
        return ok, start, {"cl_enrolment_mm": cl, "scan_weeks": ga}

    return rule


def _serial_short_eligibility(threshold_mm: float, *, prior_only: bool = True):
    """Serial scans every ``serial_scan_interval_weeks`` from ``serial_scan_start_weeks`` to
    before ``serial_scan_end_weeks`` (16, 18, 20, 22 wk); eligible at the first measured CL
    below ``threshold_mm``; treatment starts at that scan."""

    def rule(c, a, seed):
        weeks = np.arange(
            a["serial_scan_start_weeks"],
            a["serial_scan_end_weeks"],
            a["serial_scan_interval_weeks"],
        )
        n = len(c)
        start = np.full(n, np.nan)
        cl_found = np.full(n, np.nan)
        for k, w in enumerate(weeks):
            rng = streams.generator(seed, "trial_scan", 1 + k)
            cl = measure_with(c, float(w), rng, a).to_numpy()
            with np.errstate(invalid="ignore"):
                hit = np.isnan(start) & (cl < threshold_mm)
            start[hit], cl_found[hit] = w, cl[hit]
        ok = singleton(c) & ~np.isnan(start)
        if prior_only:
            ok &= _prior(c)
        ok &= _ongoing(c, np.where(np.isnan(start), np.inf, start))
        return ok, start, {"cl_enrolment_mm": cl_found, "scan_weeks": start}

    return rule


def _case_mix(rule, margins: Callable[[pd.DataFrame], tuple], *, iterations: int = 50):
    """Eligibility ``rule`` thinned to a published case mix of two binary traits.

    ``margins(c)`` returns ``((mask_a, share_a), (mask_b, share_b))``. The 2 x 2 table of the
    eligible women is raked (iterative proportional fitting) to the two target shares, and each
    eligible woman is kept with probability proportional to her cell's target / observed ratio
    (a seeded uniform per woman), so the kept women have the published shares in expectation.
    """

    def wrapped(c, a, seed):
        ok, start, extra = rule(c, a, seed)
        (ma, ta), (mb, tb) = margins(c)
        cell = 2 * ma.astype(int) + mb.astype(int)
        observed = np.bincount(cell[ok], minlength=4).reshape(2, 2).astype(float)
        observed /= observed.sum()
        target = observed.copy()
        for _ in range(iterations):
            target *= (np.array([1 - ta, ta]) / target.sum(axis=1))[:, None]
            target *= (np.array([1 - tb, tb]) / target.sum(axis=0))[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(observed > 0, target / observed, 0.0).ravel()
        keep = streams.generator(seed, "case_mix").random(len(c)) * ratio.max()
        return ok & (keep < ratio[cell]), start, extra

    return wrapped


def _meis_margins(c: pd.DataFrame) -> tuple:
    black = (c["race_ethnicity"] == "NH Black").to_numpy()
    several = c["prior_sptb_count"].to_numpy() > 1
    return (black, MEIS_SHARE_NH_BLACK), (several, MEIS_SHARE_MORE_THAN_ONE_PRIOR)


def _history_eligibility(lo: float, hi: float, who: Callable[[pd.DataFrame], np.ndarray]):
    def rule(c, a, seed):
        start = _uniform_weeks(len(c), seed, 0, lo, hi) if hi > lo else np.full(len(c), lo)
        return singleton(c) & who(c) & _ongoing(c, start), start, {}

    return rule


#: Physical-examination-indicated cerclage (Ehsanipoor 2015): cervical dilatation at 14-27+6 wk.
RESCUE_WINDOW_WEEKS = (14.0, 28.0)


def _rescue_eligibility(c, a, seed):
    """Singletons whose cervix opens (painless dilation) at 14-27+6 wk with the membranes
    intact and the pregnancy ongoing; the stitch (or expectant care) starts at the dilation,
    so latency in both arms counts from the same moment."""
    onset = c["dilation_ga_weeks"].to_numpy(np.float64)
    rupture = c["pprom_ga_weeks"].to_numpy(np.float64)
    lo, hi = RESCUE_WINDOW_WEEKS
    with np.errstate(invalid="ignore"):
        window = (onset >= lo) & (onset < hi) & ~(rupture <= onset)
    ok = singleton(c) & window & _ongoing(c, np.where(window, onset, np.inf))
    return ok, np.where(ok, onset, np.nan), {}


#: Ehsanipoor 2015, each arm (control = expectant care): women, mean latency from presentation
#: to delivery (days), mean gestation at delivery (weeks) and neonatal survival. Women and
#: survival from the abstract; latency and gestation read in a citing article.
EHSANIPOOR_ARMS = {
    "control": {"women": 272, "latency_days": 18.8, "ga_birth_weeks": 25.2, "survival": 0.43},
    "treatment": {"women": 485, "latency_days": 56.7, "ga_birth_weeks": 30.6, "survival": 0.71},
}
#: Ehsanipoor 2015: neonatal survival, cerclage vs expectant, RR with its 95% CI (abstract).
EHSANIPOOR_SURVIVAL_RR = (1.65, 1.19, 2.28)
#: Mean gestation (weeks) at which the studies found the open cervix, derived in each arm as
#: the mean gestation at delivery minus the mean latency: 22.51 and 22.50 wk; their mean.
EHSANIPOOR_PRESENTATION_WEEKS = sum(
    arm["ga_birth_weeks"] - arm["latency_days"] / 7.0 for arm in EHSANIPOOR_ARMS.values()
) / len(EHSANIPOOR_ARMS)


def _presentation_mix(rule, mean_weeks: float):
    """Eligibility ``rule`` thinned so that the eligible women's mean start week is
    ``mean_weeks``: each is kept with probability ``exp(lam * (start - latest))`` (an
    exponential tilt towards later starts, ``lam >= 0`` solved with scipy's brentq; 0 if the
    mean is already there), with a seeded uniform per woman."""
    from scipy.optimize import brentq

    def wrapped(c, a, seed):
        ok, start, extra = rule(c, a, seed)
        g = np.where(ok, start, np.nan)[ok]
        if not len(g) or g.mean() >= mean_weeks or g.max() <= mean_weeks:
            return ok, start, extra

        def gap(lam: float) -> float:
            w = np.exp(lam * (g - g.max()))
            return float((w * g).sum() / w.sum()) - mean_weeks

        lam = brentq(gap, 0.0, 50.0, xtol=1e-10)
        keep_p = np.zeros(len(c))
        keep_p[ok] = np.exp(lam * (g - g.max()))
        keep = streams.generator(seed, "case_mix").random(len(c)) < keep_p
        return ok & keep, start, extra

    return wrapped


#: Ehsanipoor 2015, rescue cerclage vs expectant care: mean prolongation of pregnancy (days)
#: with its 95% CI, from the abstract (ehsanipoor_2015); the target of
#: ``rr_dilation_latency_cerclage`` (target 24).
EHSANIPOOR_PROLONGATION_DAYS = (33.98, 17.88, 50.08)


def _ptb_before(weeks: float, *, spontaneous: bool = False):
    def outcome(r: pd.DataFrame, a: Assumptions) -> np.ndarray:
        y = r["ga_birth_weeks"].to_numpy() < weeks
        if spontaneous:
            y &= schema.spontaneous(r)
        return y

    return outcome


def _mrc_rcog_rr() -> tuple[float, float, float]:
    """RR and Katz CI of MRC/RCOG 1993 from its counts (83 vs 110 events; the 1,292 women are
    split 646/646 here, our assumption: the dossier gives the counts and percentages only)."""
    return risk_ratio(83, 646, 110, 646)


_, _MRC_LO, _MRC_HI = _mrc_rcog_rr()


def _meis_rr() -> tuple[float, float, float]:
    """RR and Katz CI of Meis 2003 from its rates: 36.3% vs 54.9% of the 459 women with outcome
    data, split 306 vs 153 (our reading: 4 of the 310 women on 17-OHPC lost to follow-up), so
    111/306 vs 84/153 events."""
    return risk_ratio(111, 306, 84, 153)


_, _MEIS_LO, _MEIS_HI = _meis_rr()


def _meis_effect(a: Assumptions) -> dict:
    """17-OHPC as Meis found it; injections through 36+6 wk, the default
    ``progesterone_stop_weeks`` (the labelled regimen of the trial, makena_label_efficacy)."""
    return {"hr_17ohpc_prior_sptb": a["hr_17ohpc_meis_2003"]}


#: MRC/RCOG 1993 enrolled women whose obstetricians were uncertain whether to advise cerclage,
#: "mostly prior early delivery or cervical surgery" (evidence.md). Our reading of "early": a
#: spontaneous birth before 34 wk (early preterm) or a mid-trimester loss; of "cervical
#: surgery": a cold-knife cone (the trial recruited in the 1980s, before loop excision was in
#: wide use). With any prior sPTB (< 37 wk) and any excision instead, the simulated control rate
#: is about half the published 17%; with < 32 wk it is well above it.
MRC_EARLY_DELIVERY_BEFORE_WEEKS = 34.0
MRC_CERVICAL_SURGERY = "cold-knife cone"


def _mrc_population(c: pd.DataFrame) -> np.ndarray:
    """'Uncertain indication': a prior spontaneous birth before
    :data:`MRC_EARLY_DELIVERY_BEFORE_WEEKS`, a prior mid-trimester loss, or a cone biopsy."""
    with np.errstate(invalid="ignore"):
        early = c["prior_sptb_ga_weeks"].to_numpy() < MRC_EARLY_DELIVERY_BEFORE_WEEKS
    return (
        early
        | (c["prior_midtrimester_losses"].to_numpy() > 0)
        | (c["cervical_excision"].astype(str).to_numpy() == MRC_CERVICAL_SURGERY)
    )
