"""Published trials as declarative specs: who was eligible, when treatment started, the outcome.

Each trial is a small :class:`Trial`: the scenario it was run in, who was eligible (found the way
the trial found them: a measured CL in a window, serial scans, a history), when the treatment
started, the outcome, the allocation ratio and the published figures. :mod:`.run` re-runs them
inside the synthetic population.

Random streams (:mod:`cilib.params.streams`): a trial's scans take the ``trial_scan`` stream
(slot 0 the window scan, 1+k serial scan k), its scan or enrolment weeks ``trial_timing`` and
its case-mix thinning ``case_mix``, all separate from the cohort's and the screening streams.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cilib.analysis.targets import BERGHELLA_CONTROL_EVENTS
from cilib.interventions.treatments import TREATMENTS
from cilib.model import schema
from cilib.model.schema import singleton
from cilib.params import streams
from cilib.params.assumptions import Assumptions
from cilib.screening.measurement import measure_with
from cilib.stats import risk_ratio

__all__ = [
    "FONSECA_MEDIAN_SCAN_WEEKS",
    "MEIS_SHARE_MORE_THAN_ONE_PRIOR",
    "MEIS_SHARE_NH_BLACK",
    "MRC_CERVICAL_SURGERY",
    "MRC_EARLY_DELIVERY_BEFORE_WEEKS",
    "Trial",
    "get",
    "trials",
]

#: Meis 2003, Table 1 of the placebo arm (evidence.md): 59% non-Hispanic Black, 41% with more
#: than one previous preterm delivery. The simulated trial matches this case mix.
MEIS_SHARE_NH_BLACK = 0.59
MEIS_SHARE_MORE_THAN_ONE_PRIOR = 0.41
#: Fonseca 2007 (evidence.md): CL measured at a median of 22 wk (range 20-25).
FONSECA_MEDIAN_SCAN_WEEKS = 22.0

Eligibility = Callable[[pd.DataFrame, Assumptions, int], tuple[np.ndarray, np.ndarray, dict]]


@dataclass(frozen=True)
class Trial:
    """A published randomised trial (or IPD meta-analysis) as a declarative spec.

    ``eligible(cohort, assumptions, seed)`` returns ``(mask, start_weeks, extra)``: who is
    randomised (the pregnancy must still be ongoing at ``start_weeks``, the randomisation /
    start of treatment) and when the treatment starts. ``outcome(result, assumptions)`` is the
    boolean outcome from a :func:`cilib.simulate` result. ``overrides(assumptions)`` returns the
    assumption values the trial changes (treatment duration, which 17-OHPC effect applies).
    Published rates are proportions; NaN where the dossier does not give them.
    """

    name: str
    citation: str
    scenario: str
    population: str
    intervention: str
    outcome_label: str
    treatment: str
    eligible: Eligibility
    outcome: Callable[[pd.DataFrame, Assumptions], np.ndarray]
    published_control: float
    published_treatment: float
    published_rr: float
    published_rr_low: float
    published_rr_high: float
    ratio: tuple[int, int] = (1, 1)  # treatment : control
    overrides: Callable[[Assumptions], dict] = field(default=lambda a: {})
    background: tuple[str, ...] = ()  # treatments both arms receive at start_weeks
    n_source: int = 400_000
    verified: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        if self.treatment not in TREATMENTS:
            raise ValueError(f"treatment: got {self.treatment!r}; allowed: {TREATMENTS}")
        for t in self.background:
            if t not in TREATMENTS or t == self.treatment:
                raise ValueError(f"background: got {t!r}; allowed: other treatments")


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
    lo, hi, cl_low, cl_high, start_from, start_to=None, *, median_weeks=None
):
    """Singletons with measured CL in [cl_low, cl_high] at a scan in [lo, hi) wk (with the
    published median scan week if given); treatment from ``max(scan, start_from)`` (or
    ``start_to`` if the scan is later, to be capped)."""

    def rule(c, a, seed):
        ga, cl = _window_cl(c, a, seed, lo, hi, median_weeks)
        start = np.maximum(ga, start_from)
        if start_to is not None:
            start = np.minimum(start, start_to)
        with np.errstate(invalid="ignore"):
            ok = singleton(c) & (cl >= cl_low) & (cl <= cl_high) & _ongoing(c, start)
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


_TRIALS: tuple[Trial, ...] = (
    Trial(
        name="fonseca_2007",
        citation="fonseca_2007",
        scenario="fmf_london",
        population="singleton, measured CL <= 15 mm at 20+0-25+6 wk (median 22 wk)",
        intervention="vaginal progesterone from max(24 wk, scan) to 34 wk vs placebo",
        outcome_label="spontaneous delivery < 34 wk",
        treatment="vaginal_progesterone",
        eligible=_cl_window_eligibility(
            20.0, 26.0, 0.0, 15.0, 24.0, median_weeks=FONSECA_MEDIAN_SCAN_WEEKS
        ),
        outcome=_ptb_before(34.0, spontaneous=True),
        published_control=0.344,
        published_treatment=0.192,
        published_rr=0.56,
        published_rr_low=0.36,
        published_rr_high=0.86,
        overrides=lambda a: {"progesterone_stop_weeks": 34.0},
        n_source=400_000,
        note="NEJM 2007;357:462-9; 250 randomised.",
    ),
    Trial(
        name="hassan_2011",
        citation="hassan_2011",
        scenario="us_contemporary",
        population="singleton, measured CL 10-20 mm at 19+0-23+6 wk",
        intervention="vaginal progesterone gel from enrolment (20+0-23+6 wk) to 36+6 wk",
        outcome_label="PTB < 33 wk",
        treatment="vaginal_progesterone",
        eligible=_cl_window_eligibility(19.0, 24.0, 10.0, 20.0, 20.0),
        outcome=_ptb_before(33.0),
        published_control=math.nan,
        published_treatment=math.nan,
        published_rr=0.55,
        published_rr_low=0.33,
        published_rr_high=0.92,
        overrides=lambda a: {"progesterone_stop_weeks": 37.0},
        n_source=600_000,
        note="PREGNANT, UOG 2011;38:18-31; 458 analysed; arm rates not in the dossier.",
    ),
    Trial(
        name="hassan_2011_ptb37",
        citation="hassan_2011",
        scenario="us_contemporary",
        population="singleton, measured CL 10-20 mm at 19+0-23+6 wk",
        intervention="vaginal progesterone gel from enrolment (20+0-23+6 wk) to 36+6 wk",
        outcome_label="PTB < 37 wk",
        treatment="vaginal_progesterone",
        eligible=_cl_window_eligibility(19.0, 24.0, 10.0, 20.0, 20.0),
        outcome=_ptb_before(37.0),
        published_control=0.330,
        published_treatment=0.302,
        published_rr=0.91,
        published_rr_low=0.70,
        published_rr_high=1.20,
        overrides=lambda a: {"progesterone_stop_weeks": 37.0},
        n_source=600_000,
        note="PREGNANT treated-patient table (PMC3482512 Table 3).",
    ),
    Trial(
        name="romero_2018",
        citation="romero_2018",
        scenario="us_contemporary",
        population="singleton, measured CL <= 25 mm at 19+0-23+6 wk (IPD meta-analysis)",
        intervention="vaginal progesterone from the scan (>= 20 wk) to 36+6 wk",
        outcome_label="PTB < 33 wk",
        treatment="vaginal_progesterone",
        eligible=_cl_window_eligibility(19.0, 24.0, 0.0, 25.0, 20.0),
        outcome=_ptb_before(33.0),
        published_control=math.nan,
        published_treatment=math.nan,
        published_rr=0.62,
        published_rr_low=0.47,
        published_rr_high=0.81,
        overrides=lambda a: {"progesterone_stop_weeks": 37.0},
        n_source=300_000,
        note="IPD of 5 trials, 974 women (calibration target 14); not one trial, pooled arms "
        "not in the dossier.",
    ),
    Trial(
        name="berghella_2011",
        citation="berghella_2011",
        scenario="us_contemporary",
        population="singleton, prior sPTB, measured CL < 25 mm on serial scans 16-22 wk",
        intervention="cerclage at detection vs no cerclage",
        outcome_label="PTB < 35 wk",
        treatment="cerclage",
        eligible=_serial_short_eligibility(25.0),
        outcome=_ptb_before(35.0),
        published_control=BERGHELLA_CONTROL_EVENTS[0] / BERGHELLA_CONTROL_EVENTS[1],
        published_treatment=0.284,
        published_rr=0.70,
        published_rr_low=0.55,
        published_rr_high=0.89,
        n_source=1_300_000,
        note="Patient-level MA of 5 trials, 504 women (calibration target 15: the RR fits "
        "hr_cerclage_ultrasound_indicated, the control rate frailty_cervical_share).",
    ),
    Trial(
        name="meis_2003",
        citation="meis_2003",
        scenario="us_contemporary",
        population="singleton, prior sPTB, enrolled 16+0-20+6 wk",
        intervention="17-OHPC weekly from enrolment to 36+6 wk vs placebo (2:1)",
        outcome_label="PTB < 37 wk",
        treatment="im_17ohpc",
        eligible=_case_mix(_history_eligibility(16.0, 21.0, _prior), _meis_margins),
        outcome=_ptb_before(37.0),
        published_control=0.549,
        published_treatment=0.363,
        published_rr=0.66,
        published_rr_low=_MEIS_LO,
        published_rr_high=_MEIS_HI,
        ratio=(2, 1),
        overrides=_meis_effect,
        n_source=1_450_000,
        note="NEJM 2003;348:2379-85; 463 women (310 vs 153); CI derived from 111/306 vs "
        "84/153 (Katz); eligible women thinned to the placebo arm's case mix (59% NH Black, "
        "41% with more than one prior preterm delivery); uses hr_17ohpc_meis_2003 as the "
        "17-OHPC effect. Known discordance: the simulated placebo arm is far below 54.9%, a "
        "rate the literature itself disputes (iams_meis_placebo_editorial); the third risk "
        "factor the editorial names, the gestation of the index preterm birth, is not in the "
        "dossier, so the case mix cannot be matched on it.",
    ),
    Trial(
        name="prolong_2020",
        citation="blackwell_2020_prolong",
        scenario="us_contemporary",
        population="singleton, prior sPTB, enrolled 16+0-20+6 wk",
        intervention="17-OHPC weekly from enrolment to 36+6 wk vs placebo (2:1)",
        outcome_label="PTB < 35 wk",
        treatment="im_17ohpc",
        eligible=_history_eligibility(16.0, 21.0, _prior),
        outcome=_ptb_before(35.0),
        published_control=0.11,
        published_treatment=0.11,
        published_rr=0.95,
        published_rr_low=0.71,
        published_rr_high=1.26,
        ratio=(2, 1),
        n_source=150_000,
        verified=False,
        note="Am J Perinatol 2020;37:127-36; 1,708 women. Rates (~11% both arms), RR 0.95 and "
        "CI 0.71-1.26 are recalled, NOT verified in the dossier.",
    ),
    Trial(
        name="mrc_rcog_1993",
        citation="mrc_rcog_1993",
        scenario="us_contemporary",
        population="singleton with a prior spontaneous birth < 34 wk or mid-trimester loss, or "
        "a cone biopsy",
        intervention="history-indicated cerclage at 14 wk vs none",
        outcome_label="delivery < 33 wk",
        treatment="cerclage",
        eligible=_history_eligibility(14.0, 14.0, _mrc_population),
        outcome=_ptb_before(33.0),
        published_control=0.17,
        published_treatment=0.13,
        published_rr=0.76,
        published_rr_low=_MRC_LO,
        published_rr_high=_MRC_HI,
        n_source=400_000,
        note="BJOG 1993;100:516-23; 1,292 women, 12 countries ('uncertain indication'); RR "
        "0.76 derived from 13% vs 17% (record hr_cerclage_history_indicated); CI derived from "
        "83 vs 110 events with arms of 646 (assumed).",
    ),
    Trial(
        name="tops_2023",
        citation="hoffman_2023_tops",
        scenario="us_contemporary",
        population="singleton, no prior sPTB, measured CL <= 20 mm at 16+0-23+6 wk",
        intervention="pessary + vaginal progesterone vs vaginal progesterone alone",
        outcome_label="delivery or fetal death < 37 wk",
        treatment="pessary",
        eligible=lambda c, a, s: _no_prior(
            _cl_window_eligibility(16.0, 24.0, 0.0, 20.0, 16.0), c, a, s
        ),
        outcome=_ptb_before(37.0),
        published_control=0.456,
        published_treatment=0.455,
        published_rr=1.00,
        published_rr_low=0.83,
        published_rr_high=1.20,
        background=("vaginal_progesterone",),
        overrides=lambda a: {"progesterone_stop_weeks": 37.0},
        n_source=800_000,
        note="JAMA 2023;330:340-8; 544 women; 98.9% also on VP (both arms here).",
    ),
)


def _no_prior(rule, c, a, seed):
    ok, start, extra = rule(c, a, seed)
    return ok & ~_prior(c), start, extra


_BY_NAME = {t.name: t for t in _TRIALS}


def trials() -> list[str]:
    """Names of the trials that can be re-run."""
    return list(_BY_NAME)


def get(name_or_spec: str | Trial) -> Trial:
    """The :class:`Trial` spec of a name (a spec is returned unchanged)."""
    if isinstance(name_or_spec, Trial):
        return name_or_spec
    if name_or_spec not in _BY_NAME:
        raise ValueError(f"trial: got {name_or_spec!r}; allowed: {', '.join(_BY_NAME)}")
    return _BY_NAME[name_or_spec]
