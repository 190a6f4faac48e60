"""Pregnancy: plurality, smoking and infections of the index pregnancy.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import Record
from cilib.params.records import record as _r
from cilib.params.registry._common import US

_PREG = dict(group="pregnancy")

PREGNANCY: tuple[Record, ...] = (
    _r(
        "p_twin",
        0.0162,
        "probability",
        0.0158,
        0.0175,
        bounds=P,
        distribution="beta",
        sources=("nvsr_2022_births",),
        status="calibrated",
        targets=(3,),
        population=US,
        year="2022",
        note="Twin pregnancies among pregnancies ongoing at 12 wk: at least the twin "
        "deliveries (twin birth rate 31.2 per 1,000 infants -> 0.0312 / (2 - 0.0312) = 0.0158 "
        "deliveries), plus the twins lost before 24 wk, which are more than singletons; "
        "fitted so that twins are 3.1% of infants.",
        **_PREG,
    ),
    _r(
        "p_triplet",
        0.00025,
        "probability",
        0.0001,
        0.0005,
        bounds=P,
        distribution="beta",
        sources=("nvsr_2022_births",),
        status="assumption",
        population=US,
        year="2022",
        note="Triplet-or-more deliveries; NVSS reports a triplet+ rate near 75 per 100,000 "
        "infants (not quoted in the dossier).",
        **_PREG,
    ),
    _r(
        "p_smoking",
        0.037,
        "probability",
        0.035,
        0.039,
        bounds=P,
        distribution="beta",
        sources=("nvsr_2022_births",),
        population=US,
        year="2022",
        note="Smoking during pregnancy, 2022 (target 4).",
        **_PREG,
    ),
    _r(
        "p_bv_nh_white",
        0.232,
        "probability",
        0.21,
        0.26,
        bounds=P,
        distribution="beta",
        sources=("koumans_2007",),
        population="US women 14-49, NHANES",
        year="2001-2004",
        note="Bacterial vaginosis, non-Hispanic White; not pregnancy-specific.",
        **_PREG,
    ),
    _r(
        "p_bv_nh_black",
        0.514,
        "probability",
        0.48,
        0.55,
        bounds=P,
        distribution="beta",
        sources=("koumans_2007",),
        population="US women 14-49, NHANES",
        year="2001-2004",
        note="Bacterial vaginosis, non-Hispanic Black.",
        **_PREG,
    ),
    _r(
        "p_bv_hispanic",
        0.319,
        "probability",
        0.29,
        0.35,
        bounds=P,
        distribution="beta",
        sources=("koumans_2007",),
        population="US women 14-49, NHANES",
        year="2001-2004",
        note="Bacterial vaginosis, Mexican American (used for all Hispanic women).",
        **_PREG,
    ),
    _r(
        "p_bv_nh_asian",
        0.292,
        "probability",
        0.272,
        0.313,
        bounds=P,
        distribution="beta",
        sources=("koumans_2007",),
        status="assumption",
        population="US women 14-49",
        note="No Asian-specific figure in the dossier: overall prevalence 29.2% used.",
        **_PREG,
    ),
    _r(
        "p_bv_other",
        0.292,
        "probability",
        0.272,
        0.313,
        bounds=P,
        distribution="beta",
        sources=("koumans_2007",),
        population="US women 14-49",
        year="2001-2004",
        note="Overall prevalence 29.2% (27.2-31.3).",
        **_PREG,
    ),
    _r(
        "p_chlamydia",
        0.074,
        "probability",
        0.039,
        0.146,
        bounds=P,
        distribution="beta",
        sources=("simons_2021", "rours_2011"),
        population="US academic centre",
        year="2012-2017",
        note="Chlamydia in pregnancy 7.4% (7.0-7.9) in Alabama; range spans Rotterdam 3.9% "
        "to 14.6% in women under 25.",
        **_PREG,
    ),
)
