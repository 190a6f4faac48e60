"""Definitions shared by every layer: published cervical-length thresholds and gestational bands.

These are not model parameters (no simulated figure depends on their value being right): they
are the cut-offs and bands in which published studies and guidelines report their results, each
written once here and imported everywhere else. Model constants live in the assumptions
registry (:mod:`cilib.params.registry`).

Examples
--------
>>> CL_THRESHOLDS_MM
(15.0, 20.0, 25.0)
"""

from __future__ import annotations

__all__ = [
    "USI_PRIOR_SPTB_BEFORE_WEEKS",
    "FMF_SHORT_CERVIX_MM",
    "PREGNANT_SHORT_CERVIX_MM",
    "SHORT_CERVIX_MM",
    "FONSECA_OUTCOME_BEFORE_WEEKS",
    "IAMS_OUTCOME_BEFORE_WEEKS",
    "IAMS_REFERENCE_CENTILE",
    "IAMS_SCAN_WEEKS",
    "AGE_BANDS_YEARS",
    "DAYS_PER_WEEK",
    "DILATION_PEAK_WEEKS",
    "DILATION_WINDOW_WEEKS",
    "CL_THRESHOLDS_MM",
    "HEATH_OUTCOME_BEFORE_WEEKS",
    "HEATH_SCAN_WEEKS",
    "GESTATION_BANDS_WEEKS",
    "PRETERM_CUTS_WEEKS",
    "PUBLISHED_THRESHOLDS_MM",
    "SPTB_BANDS_WEEKS",
]

#: 15 mm: FMF routine screening (Fonseca 2007).
FMF_SHORT_CERVIX_MM = 15.0
#: 20 mm: vaginal progesterone in women with no prior sPTB (SMFM 2012; PREGNANT, Hassan 2011).
PREGNANT_SHORT_CERVIX_MM = 20.0
#: 25 mm: "short cervix", and cerclage after a prior sPTB (ACOG PB 234, Owen 2009).
SHORT_CERVIX_MM = 25.0
#: Published cervical-length cut-offs (mm) and the citation keys that use them.
PUBLISHED_THRESHOLDS_MM: dict[float, tuple[str, ...]] = {
    FMF_SHORT_CERVIX_MM: ("fonseca_2007",),
    PREGNANT_SHORT_CERVIX_MM: ("smfm_2012", "hassan_2011"),
    SHORT_CERVIX_MM: ("acog_pb234_2021", "owen_2009"),
}
#: The published thresholds in mm, ascending: every screen reports its first crossing of each.
CL_THRESHOLDS_MM: tuple[float, ...] = tuple(PUBLISHED_THRESHOLDS_MM)

#: Interior cut points of the gestational-age bands of birth tables, completed weeks: <28,
#: 28-31, 32-33, 34-36, 37-38, 39-40, >=41 (extremely, very, moderately and late preterm,
#: early, full and late term; NVSS reporting bands).
GESTATION_BANDS_WEEKS: tuple[int, ...] = (28, 32, 34, 37, 39, 41)
#: Gestations of the "born before" rates of policy comparisons (weeks).
PRETERM_CUTS_WEEKS: tuple[int, ...] = (28, 32, 34, 37)
#: Bands of spontaneous preterm birth in the outcome of a pregnancy of a history: <28, 28-33,
#: 34-36 weeks (a tabulation choice on the same cut points).
SPTB_BANDS_WEEKS: tuple[float, ...] = (28.0, 34.0)

#: Outcome of Fonseca et al. 2007 (FMF progesterone trial) and of the SMFM short-cervix
#: thresholds: spontaneous birth before 34+0 weeks. A definition, not a model parameter.
FONSECA_OUTCOME_BEFORE_WEEKS = 34.0
#: Outcome of Iams et al. 1996: spontaneous delivery before 35+0 weeks.
IAMS_OUTCOME_BEFORE_WEEKS = 35.0
#: Gestation of the Iams et al. 1996 transvaginal scan (the study's design).
IAMS_SCAN_WEEKS = 24.0
#: Iams et al. 1996 compare women at or below each centile with those above the 75th.
IAMS_REFERENCE_CENTILE = 75.0
#: "current singleton, prior PTB <34 wk" (ACOG PB 142 ultrasound-indicated cerclage).
USI_PRIOR_SPTB_BEFORE_WEEKS = 34.0

#: Interior cut points of the maternal-age bands of the NVSS preterm table the model is fitted
#: to (years): under 20, 20-29, 30-39, 40 and over (Martin & Osterman, NVSR 73(1), Table 2).
AGE_BANDS_YEARS: tuple[int, ...] = (20, 30, 40)
#: Heath et al. 1998 (UOG 12:312-7): a scan at 23 weeks, spontaneous delivery at or before 32
#: completed weeks (before 33+0).
HEATH_SCAN_WEEKS = 23.0
HEATH_OUTCOME_BEFORE_WEEKS = 33.0
#: Where painless dilation (cervical insufficiency) typically manifests, 14+0 to 27+6 weeks
#: (clinical descriptions in the project's seeds; Ehsanipoor 2015's inclusion window).
DILATION_WINDOW_WEEKS: tuple[float, float] = (14.0, 28.0)
#: "Usually between 16 and 20 weeks" (the seeds): the peak drawn on timing charts.
DILATION_PEAK_WEEKS: tuple[float, float] = (16.0, 20.0)
#: Days in a week: latencies are reported in days, gestations in weeks.
DAYS_PER_WEEK = 7.0
