"""The assumptions registry: every number the model uses, written once, with its source.

Records are grouped as population, pregnancy, risk factors, cervix, measurement, hazards and
definitions. ``status="calibrated"`` records carry a starting value here; the fitted value is
read from ``cilib/data/calibrated.toml`` (``scripts/fit_calibration.py`` writes it). Scenario
overrides are full records with their own sources.

Citation keys refer to :data:`cilib.references.REFERENCES`; "evidence.md" is the project's
evidence dossier, whose calibration targets are numbered 1-13.
"""

from __future__ import annotations

import math

from cilib.assumptions import Record, Scenario

INF = math.inf
P = (0.0, 1.0)  # bounds of a probability
RATIO = (0.0, 1000.0)  # bounds of a hazard/odds ratio


def _r(name, value, unit, low, high, **kw) -> Record:
    return Record(name=name, value=float(value), unit=unit, low=float(low), high=float(high), **kw)


US = "United States births"
_POP = dict(group="population")
_PREG = dict(group="pregnancy")
_RISK = dict(group="risk factors")
_CX = dict(group="cervix")
_HZ = dict(group="hazards")
_DEF = dict(group="definitions")

BASE_RECORDS: tuple[Record, ...] = (
    # ---------------------------------------------------------------- definitions
    _r("cohort_start_weeks", 12, "weeks", 11, 14, bounds=(10, 14), distribution="fixed",
       status="assumption", note="The cohort is pregnancies ongoing at the first-trimester "
       "(11-14 wk) scan, so that history-indicated cerclage at 12-14 wk can be modelled.", **_DEF),
    _r("hazard_start_weeks", 14, "weeks", 14, 14, bounds=(14, 14), distribution="fixed",
       sources=("greco_2011", "carvalho_2003"), status="assumption", note="Spontaneous-birth "
       "hazards and the cervical-length trajectory start at 14 wk (CL is measured from 11-14 wk "
       "onwards); first-trimester miscarriage between 12 and 14 wk is not modelled.", **_DEF),
    _r("loss_before_weeks", 24, "weeks", 22, 24, bounds=(20, 28), distribution="fixed",
       sources=("purisch_2018", "bmj_best_practice_miscarriage"), status="sourced",
       note="A spontaneous end before this gestation is a mid-trimester loss (16-23+6 wk "
       "definition of Purisch 2018; miscarriage before 24 wk).", **_DEF),
    _r("preterm_before_weeks", 37, "weeks", 37, 37, bounds=(20, 42), distribution="fixed",
       sources=("nvsr_2022_births",), status="sourced", note="Preterm = birth before 37 "
       "completed weeks (NVSS definition).", **_DEF),
    # ---------------------------------------------------------------- population
    _r("age_mean_years", 29.5, "years", 28.5, 30.5, bounds=(18, 45), distribution="normal",
       sources=("nvsr_2022_births",), status="assumption", population=US, year="2022",
       note="Mean maternal age of all births. The dossier verifies only the mean age at first "
       "birth (27.4 y); 29.5 y is consistent with it given ~60% of births are not first.", **_POP),
    _r("age_sd_years", 5.8, "years", 5.0, 7.0, bounds=(1, 12), distribution="uniform",
       status="assumption", population=US, note="Spread of maternal age; not in the dossier. "
       "Gives ~95% of mothers aged 18-41.", **_POP),
    _r("age_min_years", 15, "years", 14, 16, bounds=(10, 20), distribution="fixed",
       sources=("nvsr_2022_births",), status="assumption", note="Age is truncated to the "
       "NVSS fertility age span (births to mothers 15-49).", **_POP),
    _r("age_max_years", 49, "years", 44, 50, bounds=(40, 60), distribution="fixed",
       sources=("nvsr_2022_births",), status="assumption", note="See age_min_years.", **_POP),
    _r("mean_prior_pregnancies", 0.95, "pregnancies", 0.7, 1.3, bounds=(0, 5),
       distribution="uniform", status="assumption", population=US,
       note="Poisson mean number of earlier pregnancies reaching 12 wk for a woman of mean "
       "age (scaled linearly with years since age_min_years). Chosen so that about 40% of "
       "index pregnancies are nulliparous (share of first births ~40%; unverified in the "
       "dossier).", **_POP),
    _r("max_prior_pregnancies", 8, "pregnancies", 6, 12, bounds=(1, 15), distribution="fixed",
       integer=True, status="assumption", note="Cap on simulated earlier pregnancies "
       "(grand multiparity beyond 8 is negligible in US births).", **_POP),
    _r("p_race_nh_black", 0.13, "probability", 0.12, 0.15, bounds=P, distribution="uniform",
       sources=("nvsr_2022_births",), status="assumption", population=US, year="2022",
       note="Share of births to non-Hispanic Black mothers, approximate NVSS 2022 figure "
       "(the dossier does not quote the race distribution of births).", **_POP),
    _r("p_race_hispanic", 0.25, "probability", 0.23, 0.27, bounds=P, distribution="uniform",
       sources=("nvsr_2022_births",), status="assumption", population=US, year="2022",
       note="Share of births to Hispanic mothers, approximate NVSS 2022 figure.", **_POP),
    _r("p_race_nh_asian", 0.06, "probability", 0.05, 0.07, bounds=P, distribution="uniform",
       sources=("nvsr_2022_births",), status="assumption", population=US, year="2022",
       note="Share of births to non-Hispanic Asian mothers, approximate NVSS 2022 figure.",
       **_POP),
    _r("p_race_other", 0.06, "probability", 0.04, 0.08, bounds=P, distribution="uniform",
       sources=("nvsr_2022_births",), status="assumption", population=US, year="2022",
       note="AIAN, NHOPI, more than one race or unknown. Non-Hispanic White is the remainder "
       "(about 50%).", **_POP),
    # ---------------------------------------------------------------- pregnancy
    _r("p_twin", 0.0158, "probability", 0.0150, 0.0165, bounds=P, distribution="uniform",
       sources=("nvsr_2022_births",), status="derived", population=US, year="2022",
       note="Twin deliveries per pregnancy: twin birth rate 31.2 per 1,000 infants -> "
       "0.0312 / (2 - 0.0312) = 0.0158 deliveries.", **_PREG),
    _r("p_triplet", 0.00025, "probability", 0.0001, 0.0005, bounds=P, distribution="uniform",
       sources=("nvsr_2022_births",), status="assumption", population=US, year="2022",
       note="Triplet-or-more deliveries; NVSS reports a triplet+ rate near 75 per 100,000 "
       "infants (not quoted in the dossier).", **_PREG),
    _r("p_smoking", 0.037, "probability", 0.035, 0.039, bounds=P, distribution="beta",
       sources=("nvsr_2022_births",), population=US, year="2022",
       note="Smoking during pregnancy, 2022 (target 4).", **_PREG),
    _r("p_bv_nh_white", 0.232, "probability", 0.21, 0.26, bounds=P, distribution="beta",
       sources=("koumans_2007",), population="US women 14-49, NHANES", year="2001-2004",
       note="Bacterial vaginosis, non-Hispanic White; not pregnancy-specific.", **_PREG),
    _r("p_bv_nh_black", 0.514, "probability", 0.48, 0.55, bounds=P, distribution="beta",
       sources=("koumans_2007",), population="US women 14-49, NHANES", year="2001-2004",
       note="Bacterial vaginosis, non-Hispanic Black.", **_PREG),
    _r("p_bv_hispanic", 0.319, "probability", 0.29, 0.35, bounds=P, distribution="beta",
       sources=("koumans_2007",), population="US women 14-49, NHANES", year="2001-2004",
       note="Bacterial vaginosis, Mexican American (used for all Hispanic women).", **_PREG),
    _r("p_bv_nh_asian", 0.292, "probability", 0.272, 0.313, bounds=P, distribution="beta",
       sources=("koumans_2007",), status="assumption", population="US women 14-49",
       note="No Asian-specific figure in the dossier: overall prevalence 29.2% used.", **_PREG),
    _r("p_bv_other", 0.292, "probability", 0.272, 0.313, bounds=P, distribution="beta",
       sources=("koumans_2007",), population="US women 14-49", year="2001-2004",
       note="Overall prevalence 29.2% (27.2-31.3).", **_PREG),
    _r("p_chlamydia", 0.074, "probability", 0.039, 0.146, bounds=P, distribution="uniform",
       sources=("simons_2021", "rours_2011"), population="US academic centre", year="2012-2017",
       note="Chlamydia in pregnancy 7.4% (7.0-7.9) in Alabama; range spans Rotterdam 3.9% "
       "to 14.6% in women under 25.", **_PREG),
    # ---------------------------------------------------------------- risk factors
    _r("p_cervical_excision", 0.02, "probability", 0.005, 0.05, bounds=P,
       distribution="uniform", sources=("kyrgiou_2016",), status="assumption",
       note="Prior excisional treatment (LLETZ or cone). The dossier found no prevalence in "
       "pregnant people; Kyrgiou 2016 had 65,082 treated among 6.3 million (1.0%) in "
       "selected studies.", **_RISK),
    _r("p_cold_knife_given_excision", 0.10, "probability", 0.02, 0.30, bounds=P,
       distribution="uniform", status="assumption", note="Share of excisions that were "
       "cold-knife cones (LLETZ dominates contemporary practice); not in the dossier.", **_RISK),
    _r("p_mullerian_anomaly", 0.055, "probability", 0.035, 0.085, bounds=P,
       distribution="beta", sources=("chan_2011_prevalence",), population="unselected women",
       note="Congenital uterine anomaly, optimal tests, 5.5% (3.5-8.5).", **_RISK),
    _r("p_des_exposure", 0.0, "probability", 0.0, 0.005, bounds=P, distribution="uniform",
       sources=("hoover_2011",), status="assumption", note="In-utero DES exposure ended in "
       "1971, so essentially no one giving birth now was exposed (reasoning, not a sourced "
       "number). Raise it to study DES daughters.", **_RISK),
    _r("p_connective_tissue_disorder", 0.00007, "probability", 0.00005, 0.00012, bounds=P,
       distribution="uniform", sources=("eds_hcup_2020",), population="US deliveries",
       year="1999-2014", note="Ehlers-Danlos syndrome, 7 per 100,000 deliveries.", **_RISK),
    _r("p_trachelectomy", 0.0001, "probability", 0.00002, 0.0005, bounds=P,
       distribution="uniform", sources=("speiser_2013",), status="assumption",
       note="Pregnancy after radical trachelectomy is rare (a few hundred reported); 1 in "
       "10,000 is a stated assumption.", **_RISK),
    _r("p_cervical_insufficiency", 0.005, "probability", 0.0005, 0.01, bounds=P,
       distribution="uniform", sources=("harper_owen_2017", "merck_ci"), status="calibrated",
       targets=(5, 6, 9, 12), population="general obstetric population", note="Latent "
       "cervical weakness in a woman without other risk factors; fitted within the classic "
       "clinical incidence of 1/100 to 1/2,000 births.", **_RISK),
    _r("or_insufficiency_lletz", 2.0, "odds ratio", 1.0, 4.0, bounds=RATIO,
       distribution="uniform", status="assumption", note="Excision weakens the cervix; no "
       "figure in the dossier. The resulting PTB risk ratio is checked against Kyrgiou 2016.",
       **_RISK),
    _r("or_insufficiency_cold_knife", 4.0, "odds ratio", 1.5, 8.0, bounds=RATIO,
       distribution="uniform", status="assumption", note="Cold-knife cones remove more "
       "tissue than LLETZ; assumed twice the LLETZ odds ratio.", **_RISK),
    _r("or_insufficiency_trachelectomy", 20.0, "odds ratio", 5.0, 50.0, bounds=RATIO,
       distribution="uniform", sources=("speiser_2013",), status="assumption",
       note="Most of the cervix is removed; ~50% of babies born preterm after trachelectomy.",
       **_RISK),
    _r("or_insufficiency_ctd", 3.11, "odds ratio", 1.99, 4.85, bounds=RATIO,
       distribution="lognormal", sources=("eds_hcup_2020",), population="US deliveries",
       note="Cervical incompetence coding with Ehlers-Danlos, aOR 3.11 (1.99-4.85).", **_RISK),
    _r("or_insufficiency_mullerian", 2.39, "odds ratio", 1.33, 4.27, bounds=RATIO,
       distribution="lognormal", sources=("chan_2011_ptb",), note="Second-trimester "
       "miscarriage with arcuate uterus, RR 2.39 (1.33-4.27), used as an odds ratio of "
       "latent weakness.", **_RISK),
    _r("cl_shift_lletz_mm", -3.0, "mm", -8.0, 0.0, bounds=(-40, 10), distribution="uniform",
       sources=("kyrgiou_2016",), status="assumption", note="Excision removes cervical "
       "tissue, shortening the cervix. Size assumed; the simulated PTB RR for excision is "
       "reported beside the published RR 1.78 (1.60-1.98).", **_RISK),
    _r("cl_shift_cold_knife_mm", -6.0, "mm", -12.0, -2.0, bounds=(-40, 10),
       distribution="uniform", status="assumption", note="Assumed twice the LLETZ "
       "shortening.", **_RISK),
    _r("cl_shift_trachelectomy_mm", -18.0, "mm", -30.0, -8.0, bounds=(-40, 10),
       distribution="uniform", sources=("speiser_2013", "shinkai_2020"), status="assumption",
       note="Radical trachelectomy leaves a short residual cervix; median delivery 34 wk "
       "(Shinkai 2020).", **_RISK),
    _r("hr_sptb_smoking", 1.27, "hazard ratio", 1.21, 1.33, bounds=RATIO,
       distribution="lognormal", sources=("shah_bracken_2000",), note="Any smoking and PTB, "
       "OR 1.27 (1.21-1.33), used as a hazard ratio of spontaneous birth (rare outcome).",
       **_RISK),
    _r("hr_sptb_bv", 1.85, "hazard ratio", 1.54, 3.12, bounds=RATIO, distribution="lognormal",
       sources=("flynn_1999", "leitich_2003"), note="Bacterial vaginosis and PTB: OR 1.85 "
       "(1.62-2.11, Flynn 1999); Leitich 2003 gives 2.19 (1.54-3.12).", **_RISK),
    _r("hr_sptb_chlamydia", 1.73, "hazard ratio", 1.30, 2.32, bounds=RATIO,
       distribution="lognormal", sources=("ahmadi_2018",), note="High-quality studies, OR "
       "1.73 (1.30-2.32).", **_RISK),
    _r("hr_sptb_mullerian", 1.43, "hazard ratio", 1.0, 2.97, bounds=RATIO,
       distribution="uniform", sources=("chan_2011_ptb", "chan_2011_prevalence"),
       status="derived", note="Arcuate uterus (71% of anomalies: 3.9/5.5) has no PTB excess; "
       "the others RR 2.14-2.97: 0.71 x 1 + 0.29 x 2.5 = 1.43.", **_RISK),
    _r("hr_sptb_des", 4.68, "hazard ratio", 3.74, 5.86, bounds=RATIO, distribution="lognormal",
       sources=("hoover_2011",), note="Cumulative PTB in DES daughters, HR 4.68 (3.74-5.86).",
       **_RISK),
    _r("hr_sptb_ctd", 1.47, "hazard ratio", 0.6, 1.82, bounds=RATIO, distribution="uniform",
       sources=("eds_hcup_2020", "sundelin_2017"), note="Prematurity with Ehlers-Danlos aOR "
       "1.47 (1.18-1.82, US); Swedish register aOR 0.6 sets the lower end.", **_RISK),
    _r("hr_ptb_nh_black", 1.5, "hazard ratio", 1.1, 2.5, bounds=RATIO, distribution="uniform",
       sources=("march_of_dimes_2024",), status="calibrated", targets=(1,),
       note="Residual effect of non-Hispanic Black race on spontaneous and indicated "
       "hazards after BV; fitted to PTB 14.7%.", **_RISK),
    _r("hr_ptb_hispanic", 1.0, "hazard ratio", 0.7, 1.4, bounds=RATIO, distribution="uniform",
       sources=("march_of_dimes_2024",), status="calibrated", targets=(1,),
       note="Residual effect of Hispanic ethnicity; fitted to PTB 10.1%.", **_RISK),
    _r("hr_ptb_nh_asian", 1.0, "hazard ratio", 0.8, 1.2, bounds=RATIO, distribution="uniform",
       status="assumption", note="No Asian-specific PTB rate in the dossier; same as "
       "non-Hispanic White.", **_RISK),
    _r("hr_ptb_other", 1.2, "hazard ratio", 1.0, 1.5, bounds=RATIO, distribution="uniform",
       sources=("march_of_dimes_2022",), status="assumption", note="AIAN and NHOPI mothers "
       "have PTB ~12.3-12.4% vs ~9.4% for White; mixed group assumed 1.2.", **_RISK),
    _r("hr_sptb_first_pregnancy", 0.85, "hazard ratio", 0.5, 1.0, bounds=RATIO,
       distribution="uniform", sources=("aafp_2022_pb234_summary", "mercer_1999"),
       status="calibrated", targets=(7,), note="Spontaneous-birth hazard of a woman's first "
       "pregnancy relative to later ones (about 1 in 20 nulliparous patients deliver preterm, "
       "below the all-births rate); applies to earlier and index pregnancies alike.", **_RISK),
    _r("hr_sptb_population", 1.0, "hazard ratio", 1.0, 1.0, bounds=RATIO, distribution="fixed",
       status="assumption", note="Scenario-level multiplier of the spontaneous hazards; 1 for "
       "the reference population (US births 2021-2023).", **_RISK),
    _r("sd_log_frailty", 1.2, "log hazard", 0.2, 1.5, bounds=(0, 3), distribution="uniform",
       sources=("mercer_1999",), status="calibrated", targets=(7,), note="Woman-level "
       "propensity to spontaneous preterm birth shared by all her pregnancies (normal on the "
       "log-hazard scale); fitted to recurrence 21.7% vs 8.8%.", **_RISK),
)

_CERVIX_RECORDS: tuple[Record, ...] = (
    _r("cl_14w_mean_mm", 42.0, "mm", 38.0, 46.0, bounds=(20, 60), distribution="uniform",
       sources=("carvalho_2003", "hassan_2000"), status="calibrated", targets=(5, 8, 9, 12),
       note="Mean true CL at 14 wk (Carvalho 2003: 42.4 mm at 11-14 wk).", **_CX),
    _r("cl_14w_lower_tail", 0.3, "dimensionless", 0.0, 1.0, bounds=(0, 3),
       distribution="uniform", sources=("iams_1996", "fonseca_2007"), status="calibrated",
       targets=(9, 12, 13), note="Stretch of the lower half of the 14-wk level (z -> "
       "sinh(tau z)/tau for z < 0): some cervices are short but stable, so a short cervix in "
       "mid-pregnancy does not always progress (34% of CL <= 15 mm deliver < 34 wk).", **_CX),
    _r("cl_14w_sd_mm", 5.0, "mm", 3.0, 8.0, bounds=(0.5, 15), distribution="uniform",
       status="calibrated", targets=(8, 9), note="Spread of true CL at 14 wk.", **_CX),
    _r("cl_shortening_median_mm_per_week", 0.36, "mm/week", 0.2, 0.6, bounds=(0, 5),
       distribution="uniform", sources=("carvalho_2003", "parma_2002_cl_decline"),
       status="calibrated", targets=(8, 9, 12), note="Median linear shortening; Carvalho "
       "2003 term deliverers 42.7 -> 39.3 mm and all women 42.4 -> 38.6 mm over ~10.5 wk "
       "(~0.36 mm/wk).", **_CX),
    _r("cl_shortening_log_sd", 0.9, "log(mm/week)", 0.3, 1.6, bounds=(0, 3),
       distribution="uniform", sources=("carvalho_2003", "iams_1996"), status="calibrated",
       targets=(9,), note="Log-normal spread of the shortening rate; its right tail makes "
       "the heavy lower tail of CL (preterm deliverers shorten 40.6 -> 26.7 mm).", **_CX),
    _r("rho_frailty_cervix", 0.5, "correlation", 0.0, 0.9, bounds=(-1, 1),
       distribution="uniform", sources=("mercer_1999", "iams_1996"), status="calibrated",
       targets=(7, 11), note="Correlation between a woman's propensity to spontaneous birth "
       "and her cervix's shortening rate (inflammation ripens the cervix), so that a short "
       "cervix marks the women at risk.", **_CX),
    _r("cl_woman_share", 0.5, "fraction", 0.2, 0.8, bounds=(0, 1), distribution="uniform",
       status="assumption", note="Share of the variance of CL at 14 wk and of the log "
       "shortening rate that a woman's pregnancies have in common; not in the dossier.", **_CX),
    _r("rr_shortening_insufficiency", 8.0, "rate ratio", 3.0, 30.0, bounds=(1, 100),
       distribution="uniform", sources=("gregory_2022_fetal_mortality",), status="calibrated",
       targets=(6,), note="Latent cervical weakness multiplies the shortening rate, so the "
       "cervix effaces in mid-trimester (painless dilation); fitted to fetal deaths at "
       "20-27 wk.", **_CX),
    _r("cl_twin_shift_mm", -3.0, "mm", -6.0, 0.0, bounds=(-20, 10), distribution="uniform",
       sources=("twin_cl_brazil_2023",), status="assumption", note="Twins: mean CL 33.7 mm "
       "at 18-22+6 wk versus ~37-38 mm in singletons (PLoS One 2021).", **_CX),
    _r("rr_shortening_twin", 1.6, "rate ratio", 1.0, 3.0, bounds=(0.1, 10),
       distribution="uniform", sources=("twin_cl_brazil_2023",), status="assumption",
       note="Twin cervices shorten faster (10th centile 17.8 mm at 18-22+6 wk).", **_CX),
    _r("cl_measurement_sd_mm", 1.26, "mm", 0.9, 1.8, bounds=(0, 10), distribution="uniform",
       sources=("heath_1998_demographics",), status="derived", note="95% of repeat "
       "measurements within 3.5 mm: SD of a difference 3.5/1.96 = 1.79 mm, of one "
       "measurement 1.79/sqrt(2) = 1.26 mm.", group="measurement"),
    _r("cl_measurement_offset_mm", 0.0, "mm", -1.0, 1.0, bounds=(-15, 15), distribution="uniform",
       sources=("smfm_2024",), status="assumption", note="Standardised transvaginal "
       "measurement (FMF/PQF protocols) is taken as unbiased.", group="measurement"),
)

_HAZARD_RECORDS: tuple[Record, ...] = (
    _r("term_labour_median_weeks", 40.0, "weeks", 39.0, 41.0, bounds=(36, 43),
       distribution="uniform", sources=("nvsr_2022_births",), status="calibrated",
       targets=(1, 7), note="Median gestation at spontaneous term labour for a reference "
       "woman (no risk factors, frailty 0), in the absence of other causes of birth.", **_HZ),
    _r("term_labour_rate_per_week", 1.1, "1/week", 0.7, 2.0, bounds=(0.1, 5),
       distribution="uniform", sources=("nvsr_2022_births",), status="calibrated",
       targets=(1, 7), note="Gompertz rate of the term-labour hazard (its spread is about "
       "1.3 / rate weeks); the late-preterm tail of term labour.", **_HZ),
    _r("term_labour_shift_twin_weeks", -2.0, "weeks", -3.5, -0.5, bounds=(-10, 0),
       distribution="uniform", sources=("medrxiv_2022_twin_ga",), status="calibrated",
       targets=(3,), note="Twins labour earlier (median gestation 36 wk, mode 37 wk); "
       "triplets twice the shift.", **_HZ),
    _r("h_preterm_labour_per_week_24w", 0.0008, "1/week", 1e-5, 1e-2, bounds=(0, 1),
       distribution="uniform", sources=("chandiramani_2007",), status="calibrated",
       targets=(1, 2, 7, 10), note="Hazard of preterm labour/PPROM through pathways other "
       "than the cervix (infection, inflammation, bleeding, overdistension) at 24 wk, for a "
       "reference woman.", **_HZ),
    _r("preterm_labour_slope_per_week", 0.15, "log hazard/week", 0.0, 0.4, bounds=(-1, 2),
       distribution="uniform", status="assumption", note="Log-linear rise of that hazard "
       "with gestation (fewer births at 20-28 wk than at 32-36 wk).", **_HZ),
    _r("h_cervical_per_week_at_25mm", 0.003, "1/week", 1e-5, 0.1, bounds=(0, 10),
       distribution="uniform", sources=("iams_1996", "fonseca_2007"), status="calibrated",
       targets=(10, 11, 13), note="Hazard of cervix-driven spontaneous birth when the true "
       "CL is 25 mm.", **_HZ),
    _r("log_hr_cervical_per_mm", 0.2, "log hazard/mm", 0.05, 0.5, bounds=(0, 2),
       distribution="uniform", sources=("iams_1996",), status="calibrated", targets=(11, 13),
       note="Rise of the log hazard per mm of shortening: the risk gradient of Iams 1996.",
       **_HZ),
    _r("dilation_to_birth_weeks", 2.69, "weeks", 1.5, 4.0, bounds=(0.1, 20),
       distribution="uniform", sources=("ehsanipoor_2015",), status="derived",
       note="Mean latency from painless dilation to birth without cerclage: 18.8 days / 7 "
       "(expectant arm of the physical-examination-indicated cerclage meta-analysis).", **_HZ),
    _r("hr_sptb_twin", 3.0, "hazard ratio", 1.0, 20.0, bounds=RATIO, distribution="uniform",
       sources=("acog_pb234_2021",), status="calibrated", targets=(3,), note="Twins: "
       "overdistension raises the preterm-labour hazard; fitted to ~60% born <37 wk.", **_HZ),
    _r("hr_sptb_triplet", 20.0, "hazard ratio", 5.0, 60.0, bounds=RATIO,
       distribution="uniform", sources=("acog_pb234_2021",), status="assumption",
       note="Triplets: ~98% born preterm; assumed well above twins.", **_HZ),
    _r("h_indicated_per_week_37w", 0.01, "1/week", 1e-3, 0.1, bounds=(0, 1),
       distribution="uniform", sources=("chandiramani_2007", "ptb_subtype_chapter"),
       status="calibrated", targets=(2,), note="Hazard of medically indicated birth "
       "(pre-eclampsia, growth restriction, ...) at 37 wk.", **_HZ),
    _r("indicated_slope_per_week", 0.45, "log hazard/week", 0.1, 0.6, bounds=(0, 2),
       distribution="uniform", sources=("chandiramani_2007",), status="assumption",
       note="Indicated births (including inductions and planned caesareans at term) rise "
       "steeply with gestation; at 27-28 wk about half of preterm births are indicated.", **_HZ),
    _r("hr_indicated_twin", 5.0, "hazard ratio", 2.0, 15.0, bounds=RATIO, distribution="uniform",
       sources=("acog_pb234_2021",), status="calibrated", targets=(2, 3), note="Twins have "
       "more pre-eclampsia and growth restriction, so many twin preterm births are indicated; "
       "triplets use the square.", **_HZ),
    _r("planned_birth_singleton_weeks", 41.0, "weeks", 40.5, 42.0, bounds=(37, 44),
       distribution="uniform", status="assumption", note="Induction for prolonged pregnancy "
       "if still undelivered; not in the dossier.", **_HZ),
    _r("planned_birth_twin_weeks", 38.0, "weeks", 37.0, 38.5, bounds=(32, 40),
       distribution="uniform", status="assumption", note="Planned birth of uncomplicated "
       "twins (mode of twin gestation 37 wk, medRxiv 2022).", **_HZ),
    _r("planned_birth_triplet_weeks", 35.0, "weeks", 34.0, 36.0, bounds=(30, 38),
       distribution="uniform", status="assumption", note="Planned birth of triplets.", **_HZ),
    _r("p_pprom_given_spontaneous", 0.40, "probability", 0.25, 0.55, bounds=P,
       distribution="uniform", sources=("ptb_subtype_chapter",), status="derived",
       note="PPROM share of spontaneous preterm births: 30 / (45 + 30) = 0.40.", **_HZ),
)

BASE_RECORDS = BASE_RECORDS + _CERVIX_RECORDS + _HAZARD_RECORDS

#: Groups of probabilities that share one draw; the label names the remainder category.
SHARE_GROUPS: dict[str, tuple[str, ...]] = {
    "non-Hispanic White": ("p_race_nh_black", "p_race_hispanic", "p_race_nh_asian",
                           "p_race_other"),
    "singleton": ("p_twin", "p_triplet"),
}

_SINGLETONS = (
    _r("p_twin", 0.0, "probability", 0.0, 0.0, bounds=P, distribution="fixed",
       sources=("iams_1996", "fonseca_2007"), note="Singleton cohorts only.", **_PREG),
    _r("p_triplet", 0.0, "probability", 0.0, 0.0, bounds=P, distribution="fixed",
       sources=("iams_1996", "fonseca_2007"), note="Singleton cohorts only.", **_PREG),
)

SCENARIOS: dict[str, Scenario] = {
    "us_contemporary": Scenario(
        name="us_contemporary",
        description="United States births 2021-2023, singletons and multiples (targets 1-7).",
        sources=("nvsr_2022_births", "nvsr_2023_births", "march_of_dimes_2024"),
        overrides=(
            _r("cl_measurement_offset_mm", 1.0, "mm", -3.0, 5.0, bounds=(-15, 15),
               distribution="uniform", sources=("temming_2016",), status="calibrated",
               targets=(5,), note="Difference between the US universal-screening measurements "
               "(single centre, 2011-2014) and the model's true CL; the three scenarios' "
               "measured distributions differ by population and protocol.", group="measurement"),
        ),
    ),
    "iams_1996": Scenario(
        name="iams_1996",
        description="NICHD MFMU cohort, US university clinics 1992-1994, singletons scanned "
        "at 24 wk (targets 8-11).",
        sources=("iams_1996",),
        overrides=_SINGLETONS + (
            _r("cl_measurement_offset_mm", -3.0, "mm", -8.0, 2.0, bounds=(-15, 15),
               distribution="uniform", sources=("iams_1996",), status="calibrated",
               targets=(8, 9), note="Systematic difference of 1990s measurement practice "
               "and population from contemporary standardised scans.", group="measurement"),
            _r("hr_sptb_population", 1.5, "hazard ratio", 0.8, 3.0, bounds=RATIO,
               distribution="uniform", sources=("iams_1996",), status="calibrated",
               targets=(10, 11), note="Higher spontaneous-birth risk of the 1992-94 MFMU "
               "university-clinic population than of US births today (population mix, "
               "smoking and infection were not reported by risk factor in the dossier).",
               **_HZ),
            _r("cl_measurement_sd_mm", 3.0, "mm", 1.26, 6.0, bounds=(0, 10),
               distribution="uniform", sources=("iams_1996", "heath_1998_demographics"),
               status="calibrated", targets=(8, 9), note="Measurement variability before "
               "standardised protocols; at least the modern 1.26 mm.", group="measurement"),
        ),
    ),
    "fmf_london": Scenario(
        name="fmf_london",
        description="Fetal Medicine Foundation routine screening of singletons at 20-24 wk, "
        "UK (targets 12-13).",
        sources=("to_2001", "fonseca_2007", "heath_1998_prediction"),
        overrides=_SINGLETONS + (
            _r("cl_measurement_offset_mm", -1.0, "mm", -5.0, 3.0, bounds=(-15, 15),
               distribution="uniform", sources=("to_2001", "fonseca_2007"),
               status="calibrated", targets=(12,), note="Difference of the FMF population "
               "and protocol from the US contemporary measurement.", group="measurement"),
            _r("cl_measurement_sd_mm", 1.26, "mm", 0.9, 4.0, bounds=(0, 10),
               distribution="uniform", sources=("to_2001", "heath_1998_demographics"),
               status="calibrated", targets=(12,), note="Measurement variability in routine "
               "FMF screening; at least the repeatability of Heath 1998.", group="measurement"),
            _r("p_chlamydia", 0.039, "probability", 0.03, 0.05, bounds=P, distribution="beta",
               sources=("rours_2011",), population="Rotterdam cohort", note="European "
               "prevalence (PCR, 3.9%).", **_PREG),
        ),
    ),
}
