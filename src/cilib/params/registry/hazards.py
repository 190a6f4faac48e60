"""Hazards: term and preterm labour, the cervix-driven process, painless dilation, sporadic loss, indicated and planned birth.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
"""

from __future__ import annotations

from cilib.params.records import RATIO, Record
from cilib.params.records import record as _r

_HZ = dict(group="hazards")

HAZARDS: tuple[Record, ...] = (
    _r(
        "term_labour_median_weeks",
        40.0,
        "weeks",
        39.0,
        41.0,
        bounds=(36, 43),
        distribution="normal",
        sources=("nvsr_2022_births",),
        status="calibrated",
        targets=(1, 7),
        note="Median gestation at spontaneous term labour for a reference "
        "woman (no risk factors, frailty 0), in the absence of other causes of birth.",
        **_HZ,
    ),
    _r(
        "term_labour_rate_per_week",
        1.1,
        "1/week",
        0.7,
        2.0,
        bounds=(0.1, 5),
        distribution="normal",
        sources=("nvsr_2022_births",),
        status="calibrated",
        targets=(1, 7),
        note="Gompertz rate of the term-labour hazard (its spread is about "
        "1.3 / rate weeks); the late-preterm tail of term labour.",
        **_HZ,
    ),
    _r(
        "term_labour_shift_twin_weeks",
        -2.0,
        "weeks",
        -3.5,
        -0.5,
        bounds=(-10, 0),
        distribution="normal",
        sources=("medrxiv_2022_twin_ga",),
        status="calibrated",
        targets=(3,),
        note="Twins labour earlier (median gestation 36 wk, mode 37 wk); triplets twice the shift.",
        **_HZ,
    ),
    _r(
        "h_preterm_labour_per_week_24w",
        0.0008,
        "1/week",
        1e-7,
        1e-2,
        bounds=(0, 1),
        distribution="normal",
        sources=("chandiramani_2007",),
        status="calibrated",
        targets=(1, 2, 7, 10),
        note="Hazard of preterm labour/PPROM through pathways other "
        "than the cervix (infection, inflammation, bleeding, overdistension) at 24 wk, for a "
        "reference woman.",
        **_HZ,
    ),
    _r(
        "preterm_labour_slope_per_week",
        0.15,
        "log hazard/week",
        0.0,
        0.4,
        bounds=(-1, 2),
        distribution="normal",
        status="calibrated",
        targets=(106, 107),
        note="Log-linear rise of that hazard "
        "with gestation (fewer births at 20-28 wk than at 32-36 wk); fitted with the recurrence "
        "targets, which need mid-trimester losses from labour and PPROM as well as from painless "
        "dilation.",
        **_HZ,
    ),
    _r(
        "h_cervical_per_week_at_25mm",
        0.003,
        "1/week",
        1e-5,
        0.1,
        bounds=(0, 10),
        distribution="normal",
        sources=("iams_1996", "fonseca_2007"),
        status="calibrated",
        targets=(10, 11, 13),
        note="Hazard of cervix-driven spontaneous birth when the true CL is 25 mm.",
        **_HZ,
    ),
    _r(
        "log_hr_cervical_per_mm",
        0.2,
        "log hazard/mm",
        0.05,
        0.5,
        bounds=(0, 2),
        distribution="normal",
        sources=("iams_1996",),
        status="calibrated",
        targets=(11, 13),
        note="Rise of the log hazard per mm of shortening: the risk gradient of Iams 1996.",
        **_HZ,
    ),
    _r(
        "cervical_knee_mm",
        15.0,
        "mm",
        10.0,
        20.0,
        bounds=(0, 40),
        status="calibrated",
        targets=(18,),
        sources=("heath_1998_prediction",),
        note="True CL below which the cervix-driven hazard rises more steeply "
        "(log_hr_cervical_per_mm_below_knee more per mm): Heath 1998's risk of delivery by 32 "
        "wk goes from 0.5% at 50 mm to 4% at 15 mm, then to 78% at 5 mm.",
        **_HZ,
    ),
    _r(
        "log_hr_cervical_per_mm_below_knee",
        0.3,
        "log hazard/mm",
        0.0,
        0.8,
        bounds=(0, 3),
        status="calibrated",
        targets=(18,),
        sources=("heath_1998_prediction",),
        note="Extra rise of the log hazard per mm of shortening below cervical_knee_mm.",
        **_HZ,
    ),
    _r(
        "frailty_cervical_share",
        0.5,
        "share",
        0.0,
        1.0,
        bounds=(0, 2),
        distribution="beta",
        sources=("berghella_2011", "mercer_1999"),
        status="calibrated",
        targets=(15,),
        note="Share of the woman's frailty (on the log-hazard scale) in the cervix-driven "
        "hazard; her other traits act in full. 1 if her propensity to spontaneous birth acts "
        "through the cervix as much as through labour, 0 if her cervical length already "
        "carries all of it. Fitted to the untreated arm of the Berghella 2011 cerclage "
        "meta-analysis (prior sPTB, CL < 25 mm, 41.3% born before 35 wk): with a share of 1, "
        "women with a prior sPTB and a short cervix delivered before 35 wk far more often "
        "(about 55%).",
        **_HZ,
    ),
    _r(
        "dilation_to_birth_weeks",
        1.0,
        "weeks",
        0.2,
        6.0,
        bounds=(0.1, 20),
        distribution="normal",
        sources=("ehsanipoor_2015",),
        status="calibrated",
        targets=(22,),
        note="Mean of the exponential latency from the onset of painless dilation to birth "
        "by the open cervix, in the dilations that do not arrest (p_dilation_arrest). Fitted "
        "with p_dilation_arrest so that untreated dilations at 14-27 wk have the mean latency "
        "(18.8 days) and birth before 34 wk (83%) of the expectant arms of the "
        "physical-examination-indicated cerclage meta-analysis (per-arm figures read in a "
        "citing article; the abstract gives the 34-day difference with cerclage).",
        **_HZ,
    ),
    _r(
        "h_sporadic_loss_per_week",
        0.0005,
        "1/week",
        5e-5,
        0.003,
        bounds=(0, 0.05),
        distribution="normal",
        sources=("purisch_2018", "danish_ci_cohort", "bmj_best_practice_miscarriage"),
        status="calibrated",
        targets=(106, 107),
        note="Constant hazard of a mid-trimester loss from fetal causes that do not "
        "recur (the same in every pregnancy, untouched by risk factors and treatment), from 14 "
        "wk to sporadic_loss_before_weeks. Fitted: without it every loss marks a lasting "
        "maternal trait, so a term birth after a loss reassures too little (Purisch 2018, 15.4%) "
        "and too many second-trimester ends are painless dilation (Danish cohort, 24%). "
        "Second-trimester miscarriage is 1-2% of pregnancies reaching 14 wk (checked, not "
        "fitted).",
        **_HZ,
    ),
    _r(
        "sporadic_loss_before_weeks",
        20.0,
        "weeks",
        18.0,
        22.0,
        bounds=(14, 24),
        distribution="normal",
        sources=("am_fam_physician_2007_miscarriage", "gregory_2022_fetal_mortality"),
        status="assumption",
        note="End of the window of sporadic losses: miscarriage is "
        "counted at 13-19 wk and fetal death from 20 wk; later fetal deaths are stillbirths, "
        "which the model does not represent as a separate process.",
        **_HZ,
    ),
    _r(
        "hr_sptb_twin",
        3.0,
        "hazard ratio",
        1.0,
        20.0,
        bounds=RATIO,
        distribution="lognormal",
        sources=("acog_pb234_2021",),
        status="calibrated",
        targets=(3,),
        note="Twins: overdistension raises the preterm-labour hazard; fitted to ~60% born <37 wk.",
        **_HZ,
    ),
    _r(
        "hr_cervical_twin",
        1.0,
        "hazard ratio",
        0.2,
        1.0,
        bounds=RATIO,
        distribution="lognormal",
        sources=("twin_cl_brazil_2023", "nvsr_2002_births"),
        status="calibrated",
        targets=(19, 103),
        note="Cervix-driven hazard per extra fetus, on top of hr_sptb_twin: a short cervix "
        "predicts preterm birth less well in twins than in singletons (overdistension, not "
        "the cervix, drives much of twin preterm birth). Fitted so that twins' shorter "
        "cervices (10th centile 17.8 mm at 18-22 wk) go with about 12% of twins born before "
        "32 wk.",
        **_HZ,
    ),
    _r(
        "hr_sptb_triplet",
        20.0,
        "hazard ratio",
        5.0,
        60.0,
        bounds=RATIO,
        distribution="lognormal",
        sources=("acog_pb234_2021",),
        status="assumption",
        note="Triplets: ~98% born preterm; assumed well above twins.",
        **_HZ,
    ),
    _r(
        "h_indicated_per_week_37w",
        0.01,
        "1/week",
        1e-3,
        0.1,
        bounds=(0, 1),
        distribution="normal",
        sources=("chandiramani_2007", "ptb_subtype_chapter"),
        status="calibrated",
        targets=(2,),
        note="Hazard of medically indicated birth "
        "(pre-eclampsia, growth restriction, ...) at 37 wk.",
        **_HZ,
    ),
    _r(
        "indicated_slope_per_week",
        0.45,
        "log hazard/week",
        0.1,
        0.6,
        bounds=(0, 2),
        distribution="normal",
        sources=("chandiramani_2007",),
        status="assumption",
        note="Indicated births (including inductions and planned caesareans at term) rise "
        "steeply with gestation; at 27-28 wk about half of preterm births are indicated.",
        **_HZ,
    ),
    _r(
        "hr_indicated_twin",
        5.0,
        "hazard ratio",
        2.0,
        15.0,
        bounds=RATIO,
        distribution="lognormal",
        sources=("acog_pb234_2021",),
        status="calibrated",
        targets=(2, 3),
        note="Twins have "
        "more pre-eclampsia and growth restriction, so many twin preterm births are indicated; "
        "triplets use the square.",
        **_HZ,
    ),
    _r(
        "planned_birth_earliest_weeks",
        39.0,
        "weeks",
        39.0,
        39.5,
        bounds=(37, 42),
        distribution="normal",
        status="assumption",
        note="Singletons still pregnant are "
        "delivered (elective induction or planned caesarean) at a gestation drawn uniformly "
        "between this and planned_birth_latest_weeks; elective birth before 39 wk is avoided. "
        "Not in the dossier.",
        **_HZ,
    ),
    _r(
        "planned_birth_latest_weeks",
        41.5,
        "weeks",
        41.0,
        42.0,
        bounds=(37, 44),
        distribution="normal",
        status="assumption",
        note="Induction for prolonged pregnancy by 41-42 wk; not in the dossier.",
        **_HZ,
    ),
    _r(
        "planned_birth_twin_weeks",
        38.0,
        "weeks",
        37.0,
        38.5,
        bounds=(32, 40),
        distribution="normal",
        status="assumption",
        note="Planned birth of uncomplicated twins (mode of twin gestation 37 wk, medRxiv 2022).",
        **_HZ,
    ),
    _r(
        "planned_birth_triplet_weeks",
        35.0,
        "weeks",
        34.0,
        36.0,
        bounds=(30, 38),
        distribution="normal",
        status="assumption",
        note="Planned birth of triplets.",
        **_HZ,
    ),
)
