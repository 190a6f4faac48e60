"""Population: maternal age, earlier pregnancies and race/ethnicity shares.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import Record
from cilib.params.records import record as _r
from cilib.params.registry._common import US

_POP = dict(group="population")

POPULATION: tuple[Record, ...] = (
    _r(
        "age_mean_years",
        29.5,
        "years",
        28.5,
        30.5,
        bounds=(18, 45),
        distribution="normal",
        sources=("nvsr_2022_births",),
        status="assumption",
        population=US,
        year="2022",
        note="Mean maternal age of all births. The dossier verifies only the mean age at first "
        "birth (27.4 y); 29.5 y is consistent with it given ~60% of births are not first.",
        **_POP,
    ),
    _r(
        "age_sd_years",
        5.8,
        "years",
        5.0,
        7.0,
        bounds=(1, 12),
        distribution="normal",
        status="assumption",
        population=US,
        note="Spread of maternal age; not in the dossier. Gives ~95% of mothers aged 18-41.",
        **_POP,
    ),
    _r(
        "age_min_years",
        15,
        "years",
        14,
        16,
        bounds=(10, 20),
        distribution="fixed",
        sources=("nvsr_2022_births",),
        status="assumption",
        note="Age is truncated to the NVSS fertility age span (births to mothers 15-49).",
        **_POP,
    ),
    _r(
        "age_max_years",
        49,
        "years",
        44,
        50,
        bounds=(40, 60),
        distribution="fixed",
        sources=("nvsr_2022_births",),
        status="assumption",
        note="See age_min_years.",
        **_POP,
    ),
    _r(
        "mean_prior_pregnancies",
        0.95,
        "pregnancies",
        0.7,
        1.3,
        bounds=(0, 5),
        distribution="normal",
        status="assumption",
        population=US,
        note="Poisson mean number of earlier pregnancies reaching 12 wk for a woman of mean "
        "age (scaled linearly with years since age_min_years). Chosen so that about 40% of "
        "index pregnancies are nulliparous (share of first births ~40%; unverified in the "
        "dossier).",
        **_POP,
    ),
    _r(
        "max_prior_pregnancies",
        8,
        "pregnancies",
        6,
        12,
        bounds=(1, 15),
        distribution="fixed",
        integer=True,
        status="assumption",
        note="Cap on simulated earlier pregnancies "
        "(grand multiparity beyond 8 is negligible in US births).",
        **_POP,
    ),
    _r(
        "p_race_nh_black",
        0.13,
        "probability",
        0.12,
        0.15,
        bounds=P,
        distribution="beta",
        sources=("nvsr_2022_births",),
        status="assumption",
        population=US,
        year="2022",
        note="Share of births to non-Hispanic Black mothers, approximate NVSS 2022 figure "
        "(the dossier does not quote the race distribution of births).",
        **_POP,
    ),
    _r(
        "p_race_hispanic",
        0.25,
        "probability",
        0.23,
        0.27,
        bounds=P,
        distribution="beta",
        sources=("nvsr_2022_births",),
        status="assumption",
        population=US,
        year="2022",
        note="Share of births to Hispanic mothers, approximate NVSS 2022 figure.",
        **_POP,
    ),
    _r(
        "p_race_nh_asian",
        0.06,
        "probability",
        0.05,
        0.07,
        bounds=P,
        distribution="beta",
        sources=("nvsr_2022_births",),
        status="assumption",
        population=US,
        year="2022",
        note="Share of births to non-Hispanic Asian mothers, approximate NVSS 2022 figure.",
        **_POP,
    ),
    _r(
        "p_race_other",
        0.06,
        "probability",
        0.04,
        0.08,
        bounds=P,
        distribution="beta",
        sources=("nvsr_2022_births",),
        status="assumption",
        population=US,
        year="2022",
        note="AIAN, NHOPI, more than one race or unknown. Non-Hispanic White is the remainder "
        "(about 50%).",
        **_POP,
    ),
)
