"""Natural history: cervical failure (painless dilation), PPROM and symptoms (the risk factors
and gradients that act on them are in :mod:`.gradients`).

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys
(:data:`cilib.params.references.REFERENCES`). The mechanisms are in
:mod:`cilib.model.failure`.
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import RATIO, Record
from cilib.params.records import record as _r

_NH = dict(group="natural history")

FAILURE: tuple[Record, ...] = (
    _r(
        "p_failure_insufficiency",
        0.8,
        "probability",
        0.4,
        0.95,
        bounds=P,
        status="calibrated",
        targets=(16, 107),
        sources=("danish_ci_cohort", "merck_ci"),
        note="Probability that a cervix with the latent weakness fails (opens painlessly) in a "
        "pregnancy that nothing else ends first. Fitted to the incidence of painless dilation "
        "and to its recurrence without cerclage (Danish cohort: 72% of second pregnancies "
        "end before 28 wk).",
        **_NH,
    ),
    _r(
        "p_failure_base",
        0.002,
        "probability",
        0.0,
        0.01,
        bounds=P,
        status="calibrated",
        targets=(16, 107),
        sources=("harper_owen_2017",),
        note="The same for a cervix without the latent weakness: failures that do not recur "
        "(the seeds: women with no risk factor can still have cervical insufficiency).",
        **_NH,
    ),
    _r(
        "failure_median_weeks",
        19.0,
        "weeks",
        17.0,
        21.0,
        bounds=(14.5, 34),
        status="calibrated",
        targets=(16,),
        sources=("merck_ci", "harper_owen_2017"),
        note="Median gestation of cervical failure (before competing ends); the seeds: "
        "'usually between 16 and 20 weeks', 'typically 14 to 27 weeks'.",
        **_NH,
    ),
    _r(
        "failure_log_sd",
        0.5,
        "log weeks",
        0.2,
        0.9,
        bounds=(0.01, 3),
        status="calibrated",
        targets=(16,),
        note="Log-SD of the weeks after 14 at which the cervix fails (log-normal): the spread "
        "of the 14-27 week window.",
        **_NH,
    ),
    _r(
        "failure_funnel_weeks",
        4.0,
        "weeks",
        1.0,
        8.0,
        bounds=(0.5, 12),
        status="calibrated",
        targets=(18,),
        sources=("heath_1998_prediction",),
        note="Weeks of accelerating shortening and funnelling before the cervix opens "
        "(CL falls as 1 - x^2 of the window): how early a scan can see a failing cervix. "
        "Fitted to the steep end of the Heath 1998 risk curve (78% delivered by 32 wk at "
        "5 mm).",
        **_NH,
    ),
    _r(
        "hr_failure_laceration",
        6.3,
        "hazard ratio",
        3.0,
        10.0,
        bounds=RATIO,
        status="derived",
        sources=("hamou_2020_laceration",),
        note="Cervical failure after a cervical laceration at an earlier birth: the crude "
        "ratio of cervical incompetence in the next pregnancy, 1.9% / 0.3% = 6.3.",
        **_NH,
    ),
    _r(
        "hr_failure_twin",
        2.0,
        "hazard ratio",
        1.0,
        4.0,
        bounds=RATIO,
        status="calibrated",
        targets=(3, 19),
        sources=("acog_pb142",),
        note="Cervical failure per extra fetus: ACOG PB 142 and the seeds name multiple "
        "pregnancy as a risk factor, no figure is published; fitted within 1-4 to the twin "
        "targets (born before 37 and 32 wk, share of infants).",
        **_NH,
    ),
    _r(
        "p_dilation_arrest",
        0.15,
        "probability",
        0.05,
        0.4,
        bounds=(1e-6, 1),
        status="calibrated",
        targets=(22,),
        sources=("ehsanipoor_2015",),
        note="Share of open cervices that stop progressing, so that birth comes later by "
        "another process: the expectant arms of the physical-examination-indicated cerclage "
        "studies have a mean latency of 18.8 days yet 17% born at 34 wk or later, which one "
        "exponential latency cannot give.",
        **_NH,
    ),
)

PPROM: tuple[Record, ...] = (
    _r(
        "h_pprom_per_week_24w",
        0.0005,
        "1/week",
        1e-5,
        1e-2,
        bounds=(0, 1),
        status="calibrated",
        targets=(2, 23),
        sources=("acog_pb80_2007", "mercer_2004_pprom", "ptb_subtype_chapter"),
        note="Hazard of preterm prelabour rupture of the membranes at 24 wk for a reference "
        "woman whose true CL is then 25 mm; fitted so that PPROM is about a third of preterm "
        "births.",
        **_NH,
    ),
    _r(
        "pprom_slope_per_week",
        0.15,
        "log hazard/week",
        0.0,
        0.4,
        bounds=(-1, 2),
        status="calibrated",
        targets=(23,),
        note="Log-linear rise of the rupture hazard with gestation (until 37 wk; rupture at "
        "term is part of term labour).",
        **_NH,
    ),
    _r(
        "log_hr_pprom_per_mm",
        0.05,
        "log hazard/mm",
        0.0,
        0.2,
        bounds=(0, 2),
        status="calibrated",
        targets=(11, 23),
        sources=("mercer_2000_pprom",),
        note="Rise of the log rupture hazard per mm of cervical shortening over the whole "
        "trajectory: a short cervix precedes PPROM as it precedes labour (the cervix as a "
        "common pathway). In the MFMU Preterm Prediction Study a CL <= 25 mm at 23-24 wk was "
        "the strongest predictor of PPROM before 35 wk (adjusted OR 9.9 in nulliparous, 4.2 "
        "in multiparous women, Mercer 2000), so without it most early births of women with "
        "a moderately short cervix would be unrelated to their cervix and the Iams 1996 "
        "relative risks would be too flat. Fitted to the Iams risk ratios; the Mercer odds "
        "ratio is held aside as a check.",
        **_NH,
    ),
    _r(
        "log_hr_pprom_per_mm_below_knee",
        0.15,
        "log hazard/mm",
        0.0,
        0.5,
        bounds=(0, 2),
        status="calibrated",
        targets=(18, 23),
        sources=("heath_1998_prediction",),
        note="Further rise of the log rupture hazard per mm of shortening below "
        "cervical_knee_mm (constant once the cervix is fully effaced), so that the short "
        "cervices seen at 23 wk hold most early spontaneous births, as in Heath 1998 (checked, "
        "not fitted: the held-aside shares of deliveries by 28 and 32 wk with CL <= 15 mm).",
        **_NH,
    ),
    _r(
        "pprom_latency_at_24_weeks",
        1.43,
        "weeks",
        0.7,
        2.5,
        bounds=(0.01, 20),
        status="derived",
        sources=("dale_1989_pprom",),
        note="Mean latency from rupture to birth at 24 wk under expectant care (1 / the "
        "hazard of birth after rupture at 24 wk): exponential with the median of 7 days at "
        "20-34 wk, 7 / ln 2 = 10 days.",
        **_NH,
    ),
    _r(
        "pprom_latency_log_change_per_week",
        -0.21,
        "log weeks/week",
        -0.35,
        -0.05,
        bounds=(-2, 1),
        status="derived",
        sources=("ukoss_2024_previable_pprom", "dale_1989_pprom"),
        note="Latency is longer the earlier the rupture: the hazard of birth after rupture "
        "changes by this much on the log scale per week of gestation (the mean latency by "
        "minus it): 38% still pregnant 28 days after a rupture at 16-22 wk (UKOSS; an "
        "exponential mean of about 4.1 wk at 19 wk) against 1.43 wk at 24 wk gives "
        "ln(1.43 / 4.1) / 5 = -0.21 per week.",
        **_NH,
    ),
    _r(
        "pprom_delivery_weeks",
        34.0,
        "weeks",
        33.0,
        37.0,
        bounds=(24, 37),
        distribution="fixed",
        status="assumption",
        sources=("acog_pb80_2007",),
        note="Gestation from which a pregnancy with ruptured membranes is delivered rather "
        "than managed expectantly: the 34-week threshold of ACOG's bulletins on prelabour "
        "rupture, whose text on it was not read in a primary copy (stated assumption).",
        **_NH,
    ),
    _r(
        "pprom_latency_from_34_weeks",
        0.3,
        "weeks",
        0.1,
        1.0,
        bounds=(0.01, 5),
        status="assumption",
        sources=("acog_pb80_2007",),
        note="Mean time to birth once a ruptured pregnancy reaches pprom_delivery_weeks "
        "(delivery); about two days is a stated assumption.",
        **_NH,
    ),
    _r(
        "p_chorioamnionitis_pprom_24w",
        0.15,
        "probability",
        0.1,
        0.35,
        bounds=P,
        status="assumption",
        sources=("dale_1989_pprom", "ukoss_2024_previable_pprom"),
        note="Clinical chorioamnionitis after a rupture at 24 wk: 12.6% after rupture at "
        "20-34 wk (Dale 1989), maternal sepsis 12% after previable rupture (UKOSS); no table "
        "by gestation is published.",
        **_NH,
    ),
    _r(
        "chorioamnionitis_log_odds_per_week",
        -0.08,
        "log odds/week",
        -0.2,
        0.0,
        bounds=(-2, 2),
        status="assumption",
        note="Infection is more likely the earlier the rupture (positive amniotic-fluid "
        "cultures are inversely related to gestation at PPROM); the slope is a stated "
        "assumption (about 35% at 14 wk, 10% at 30 wk).",
        **_NH,
    ),
)

SYMPTOMS: tuple[Record, ...] = (
    _r(
        "p_symptoms_failure",
        0.5,
        "probability",
        0.3,
        0.7,
        bounds=P,
        status="assumption",
        sources=("medscape_ci_presentation", "merck_ci"),
        note="Share of failing cervices that give symptoms (pelvic pressure, backache, "
        "cramping, light bleeding, discharge) before they open; 'most patients are "
        "asymptomatic', no proportion is published.",
        **_NH,
    ),
    _r(
        "symptoms_lead_weeks",
        2.0,
        "weeks",
        0.5,
        4.0,
        bounds=(0, 10),
        status="assumption",
        note="Symptoms begin up to this many weeks before the cervix opens (uniformly).",
        **_NH,
    ),
    _r(
        "p_symptoms_background",
        0.02,
        "probability",
        0.005,
        0.05,
        bounds=P,
        status="assumption",
        note="Share of other pregnancies with the same nonspecific symptoms once between "
        "symptoms_background_from_weeks and symptoms_background_until_weeks: why a symptom "
        "triggers an examination that mostly finds a closed cervix.",
        **_NH,
    ),
    _r(
        "symptoms_background_from_weeks",
        16.0,
        "weeks",
        14.0,
        18.0,
        bounds=(14, 34),
        distribution="fixed",
        status="assumption",
        note="Start of the window of background symptoms (the mid-trimester).",
        **_NH,
    ),
    _r(
        "symptoms_background_until_weeks",
        28.0,
        "weeks",
        24.0,
        30.0,
        bounds=(14, 37),
        distribution="fixed",
        status="assumption",
        note="End of the window of background symptoms.",
        **_NH,
    ),
)

NATURAL_HISTORY: tuple[Record, ...] = FAILURE + PPROM + SYMPTOMS
