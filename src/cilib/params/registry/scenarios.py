"""Scenarios: the populations and measurement settings the model is calibrated to.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import RATIO, Scenario
from cilib.params.records import record as _r
from cilib.params.registry.hazards import _HZ
from cilib.params.registry.pregnancy import _PREG

#: Groups of probabilities that share one draw; the label names the remainder category.
SHARE_GROUPS: dict[str, tuple[str, ...]] = {
    "non-Hispanic White": ("p_race_nh_black", "p_race_hispanic", "p_race_nh_asian", "p_race_other"),
    "singleton": ("p_twin", "p_triplet"),
}

_SINGLETONS = (
    _r(
        "p_twin",
        0.0,
        "probability",
        0.0,
        0.0,
        bounds=P,
        distribution="fixed",
        sources=("iams_1996", "fonseca_2007"),
        note="Singleton cohorts only.",
        **_PREG,
    ),
    _r(
        "p_triplet",
        0.0,
        "probability",
        0.0,
        0.0,
        bounds=P,
        distribution="fixed",
        sources=("iams_1996", "fonseca_2007"),
        note="Singleton cohorts only.",
        **_PREG,
    ),
)

SCENARIOS: dict[str, Scenario] = {
    "us_contemporary": Scenario(
        name="us_contemporary",
        description="United States births 2021-2023, singletons and multiples (targets 1-7).",
        sources=("nvsr_2022_births", "nvsr_2023_births", "march_of_dimes_2024"),
        overrides=(
            _r(
                "cl_measurement_offset_mm",
                1.0,
                "mm",
                -3.0,
                5.0,
                bounds=(-15, 15),
                distribution="normal",
                sources=("temming_2016",),
                status="calibrated",
                targets=(5,),
                note="Difference between the US universal-screening measurements "
                "(single centre, 2011-2014) and the model's true CL; the three scenarios' "
                "measured distributions differ by population and protocol.",
                group="measurement",
            ),
        ),
    ),
    "iams_1996": Scenario(
        name="iams_1996",
        description="NICHD MFMU cohort, US university clinics 1992-1994, singletons scanned "
        "at 24 wk (targets 8-11).",
        sources=("iams_1996",),
        overrides=_SINGLETONS
        + (
            _r(
                "cl_measurement_offset_mm",
                -3.0,
                "mm",
                -8.0,
                2.0,
                bounds=(-15, 15),
                distribution="normal",
                sources=("iams_1996",),
                status="calibrated",
                targets=(8, 9),
                note="Systematic difference of 1990s measurement practice "
                "and population from contemporary standardised scans.",
                group="measurement",
            ),
            _r(
                "hr_sptb_population",
                1.5,
                "hazard ratio",
                0.8,
                3.0,
                bounds=RATIO,
                distribution="lognormal",
                sources=("iams_1996",),
                status="calibrated",
                targets=(10, 11),
                note="Higher spontaneous-birth risk of the 1992-94 MFMU "
                "university-clinic population than of US births today (population mix, "
                "smoking and infection were not reported by risk factor in the dossier).",
                **_HZ,
            ),
            _r(
                "cl_measurement_sd_mm",
                2.69,
                "mm",
                2.2,
                3.5,
                bounds=(0, 10),
                distribution="normal",
                sources=("burger_1997",),
                status="derived",
                note="Measurement variability before standardised protocols: a mean "
                "interobserver discrepancy of 3.04 mm before quality-control standards (Burger "
                "1997), so with normal errors the SD of a difference is 3.04 / sqrt(2 / pi) = "
                "3.81 mm and of one measurement 3.81 / sqrt 2 = 2.69 mm. Derived, not fitted: "
                "fitting it let measurement error stand in for the population's short cervices "
                "and flattened the Iams risk ratios.",
                group="measurement",
            ),
        ),
    ),
    "fmf_london": Scenario(
        name="fmf_london",
        description="Fetal Medicine Foundation routine screening of singletons at 20-24 wk, "
        "UK (targets 12-13).",
        sources=("to_2001", "fonseca_2007", "heath_1998_prediction"),
        overrides=_SINGLETONS
        + (
            _r(
                "cl_measurement_offset_mm",
                -1.0,
                "mm",
                -5.0,
                3.0,
                bounds=(-15, 15),
                distribution="normal",
                sources=("to_2001", "fonseca_2007"),
                status="calibrated",
                targets=(12,),
                note="Difference of the FMF population "
                "and protocol from the US contemporary measurement.",
                group="measurement",
            ),
            _r(
                "hr_sptb_population",
                0.8,
                "hazard ratio",
                0.4,
                1.5,
                bounds=RATIO,
                distribution="lognormal",
                sources=("heath_1998_prediction", "fonseca_2007"),
                status="calibrated",
                targets=(13, 18),
                note="Spontaneous-birth risk of London routine care (FMF) relative to US "
                "births today (UK preterm birth is lower than US); fitted with the Heath 1998 "
                "risk curve and the Fonseca 2007 placebo arm.",
                **_HZ,
            ),
            _r(
                "cl_measurement_sd_mm",
                1.26,
                "mm",
                0.9,
                2.0,
                bounds=(0, 10),
                distribution="normal",
                sources=("heath_1998_demographics", "to_2001"),
                status="derived",
                note="Measurement variability in routine FMF screening: 95% of repeat "
                "measurements by the same observer within 3.5 mm (Heath 1998), so the SD of one "
                "measurement is 3.5 / (1.96 x sqrt 2) = 1.26 mm. Derived, not fitted: fitting it "
                "let measurement error stand in for the population's short cervices and "
                "flattened the Heath risk curve.",
                group="measurement",
            ),
            _r(
                "p_chlamydia",
                0.039,
                "probability",
                0.03,
                0.05,
                bounds=P,
                distribution="beta",
                sources=("rours_2011",),
                population="Rotterdam cohort",
                note="European prevalence (PCR, 3.9%).",
                **_PREG,
            ),
        ),
    ),
}
