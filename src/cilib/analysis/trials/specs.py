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
from cilib.analysis.trials.blocks import (
    _MEIS_HI,
    _MEIS_LO,
    _MRC_HI,
    _MRC_LO,
    EHSANIPOOR_PRESENTATION_WEEKS,
    FONSECA_MEDIAN_SCAN_WEEKS,
    MEIS_SHARE_MORE_THAN_ONE_PRIOR,
    MEIS_SHARE_NH_BLACK,
    MRC_CERVICAL_SURGERY,
    MRC_EARLY_DELIVERY_BEFORE_WEEKS,
    RESCUE_WINDOW_WEEKS,
    _case_mix,
    _cl_window_eligibility,
    _history_eligibility,
    _meis_effect,
    _meis_margins,
    _mrc_population,
    _presentation_mix,
    _prior,
    _ptb_before,
    _rescue_eligibility,
    _serial_short_eligibility,
)
from cilib.interventions.treatments import TREATMENTS
from cilib.params.assumptions import Assumptions
from cilib.params.validation import shown

__all__ = [
    "FONSECA_MEDIAN_SCAN_WEEKS",
    "MEIS_SHARE_MORE_THAN_ONE_PRIOR",
    "MEIS_SHARE_NH_BLACK",
    "MRC_CERVICAL_SURGERY",
    "MRC_EARLY_DELIVERY_BEFORE_WEEKS",
    "RESCUE_WINDOW_WEEKS",
    "Trial",
    "get",
    "trials",
]

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
            raise ValueError(f"treatment: got {shown(self.treatment)}; allowed: {TREATMENTS}")
        for t in self.background:
            if t not in TREATMENTS or t == self.treatment:
                raise ValueError(f"background: got {shown(t)}; allowed: other treatments")


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
        name="romero_2017_twins",
        citation="romero_2017_twins",
        scenario="us_contemporary",
        population="twins, measured CL <= 25 mm at 19+0-23+6 wk (IPD meta-analysis)",
        intervention="vaginal progesterone from the scan (>= 20 wk) vs placebo or none",
        outcome_label="PTB < 33 wk",
        treatment="vaginal_progesterone",
        eligible=_cl_window_eligibility(19.0, 24.0, 0.0, 25.0, 20.0, twins=True),
        outcome=_ptb_before(33.0),
        published_control=math.nan,
        published_treatment=math.nan,
        published_rr=0.69,
        published_rr_low=0.51,
        published_rr_high=0.93,
        n_source=1_500_000,
        verified=False,
        note="UOG 2017;49:303-14, IPD of 6 trials, 303 women (159 vs 144) (target 25; fits "
        "hr_vp_twin_short_cervix). The abstract reports a significant reduction of PTB < 33 "
        "wk, but its results sentence was cut off in every copy reached: RR 0.69 (0.51-0.93) "
        "is recalled, not verified. Scan window and treatment duration follow romero_2018 "
        "(the included trials' own windows not seen).",
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
        "cerclage_support_share, the control rate frailty_cervical_share).",
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
        name="ehsanipoor_2015",
        citation="ehsanipoor_2015",
        scenario="us_contemporary",
        population="singleton, painless cervical dilation at 14-27+6 wk, membranes intact; "
        "thinned to the studies' mean gestation at presentation (22.5 wk, derived)",
        intervention="physical-examination-indicated (rescue) cerclage at the dilation vs "
        "expectant care",
        outcome_label="birth < 34 wk",
        treatment="cerclage",
        eligible=_presentation_mix(_rescue_eligibility, EHSANIPOOR_PRESENTATION_WEEKS),
        outcome=_ptb_before(34.0),
        published_control=0.83,
        published_treatment=0.50,
        # birth < 34 wk: 50% vs 83%, RR 0.55 (0.38-0.80), read in a citing article
        published_rr=0.55,
        published_rr_low=0.38,
        published_rr_high=0.80,
        n_source=4_000_000,
        verified=False,
        note="Obstet Gynecol 2015;126:125-35, meta-analysis of 10 studies (1 RCT), 757 women "
        "(485 cerclage, 272 expectant). The abstract gives neonatal survival 71% vs 43% (RR "
        "1.65, 1.19-2.28; trials.neonatal_survival re-runs it) and a mean prolongation of "
        "33.98 days (17.88-50.08), the target of rr_dilation_latency_cerclage; the birth < 34 "
        "wk figures and the arms' mean latency and gestation at delivery were read in a citing "
        "article. The model's painless dilations begin earlier (median near 18 wk, target 16) "
        "than the studies' women presented, so the eligible women are thinned towards later "
        "dilations until their mean is the studies' 22.5 wk (blocks._presentation_mix).",
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
        raise ValueError(f"trial: got {shown(name_or_spec)}; allowed: {', '.join(_BY_NAME)}")
    return _BY_NAME[name_or_spec]
