"""Risk factors and gradients of the natural history: a laceration at an earlier birth,
mechanical dilation (D&C, surgical termination), an earlier sexually transmitted infection,
race and the latent weakness, and maternal age.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys
(:data:`cilib.params.references.REFERENCES`). The mechanisms they act on are in
:mod:`cilib.model.failure` and :mod:`cilib.model.inputs`.
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import RATIO, Record
from cilib.params.records import record as _r

_RISK = dict(group="risk factors")
_US = "United States births"

RISK: tuple[Record, ...] = (
    _r(
        "p_prior_laceration",
        0.002,
        "probability",
        0.001,
        0.01,
        bounds=P,
        sources=("hamou_2020_laceration",),
        population="subsequent singleton deliveries, Israel",
        note="A cervical laceration at an earlier birth: 429 of 187,162 subsequent "
        "deliveries (0.2%).",
        **_RISK,
    ),
    _r(
        "hr_sptb_laceration",
        1.8,
        "hazard ratio",
        1.1,
        2.8,
        bounds=RATIO,
        distribution="lognormal",
        sources=("hamou_2020_laceration",),
        note="Preterm delivery after a cervical laceration at the previous birth, adjusted "
        "OR 1.8 (1.1-2.8), used as a hazard ratio (a rare outcome).",
        **_RISK,
    ),
    _r(
        "p_prior_dc",
        0.15,
        "probability",
        0.1,
        0.22,
        bounds=P,
        sources=("jones_jerman_2017",),
        status="assumption",
        population=_US,
        note="At least one earlier D&C or surgical termination: 19% of US women have had an "
        "abortion by 30 and 24% by 45 (Jones & Jerman 2017), most now medical; no figure "
        "for women giving birth is published, 15% is a stated assumption.",
        **_RISK,
    ),
    _r(
        "p_dc_repeat",
        0.4,
        "probability",
        0.3,
        0.5,
        bounds=P,
        status="assumption",
        note="Probability of each further procedure after one (repeat abortion is common; "
        "stated assumption).",
        **_RISK,
    ),
    _r(
        "max_prior_dc",
        4,
        "procedures",
        3,
        6,
        bounds=(1, 10),
        distribution="fixed",
        integer=True,
        status="assumption",
        note="Cap on earlier procedures (Anum 2010 tabulates up to 'four or more').",
        **_RISK,
    ),
    _r(
        "hr_sptb_dc_per_procedure",
        1.29,
        "hazard ratio",
        1.17,
        1.42,
        bounds=RATIO,
        distribution="lognormal",
        sources=("lemmers_2016",),
        note="Preterm birth after a D&C, OR 1.29 (1.17-1.42), per procedure (two give 1.66, "
        "against 1.74 for multiple D&Cs), used as a hazard ratio.",
        **_RISK,
    ),
    _r(
        "or_insufficiency_dc_per_procedure",
        2.2,
        "odds ratio",
        1.5,
        2.5,
        bounds=RATIO,
        status="derived",
        sources=("anum_2010",),
        note="Odds of the latent cervical weakness per earlier mechanical dilation: cervical "
        "insufficiency by earlier terminations 2.49, 4.66, 8.07 for one to three (about 2.2 "
        "per procedure; birth-certificate data, so the range reaches down to 1.5).",
        **_RISK,
    ),
    _r(
        "p_prior_sti",
        0.15,
        "probability",
        0.08,
        0.25,
        bounds=P,
        status="assumption",
        sources=("reekie_2018",),
        population=_US,
        note="A sexually transmitted infection before this pregnancy; no figure for pregnant "
        "people is published (8.3% of women tested before pregnancy had chlamydia, Reekie "
        "2018); stated assumption.",
        **_RISK,
    ),
    _r(
        "hr_sptb_prior_sti",
        1.08,
        "hazard ratio",
        0.91,
        1.28,
        bounds=RATIO,
        distribution="lognormal",
        sources=("reekie_2018",),
        note="Spontaneous PTB after a positive chlamydia test, adjusted OR 1.08 (0.91-1.28): "
        "an earlier infection barely raises the risk; the current infection is "
        "hr_sptb_chlamydia.",
        **_RISK,
    ),
    _r(
        "or_insufficiency_nh_black",
        2.89,
        "odds ratio",
        2.45,
        3.07,
        bounds=RATIO,
        sources=("tanner_2018", "anum_2010", "miller_2025_ci_disparities"),
        note="Cervical insufficiency in Black vs White women: adjusted OR 2.89 (Kaiser "
        "Northern California); 2.45 (US natality 2005) and 3.07 (California 2007-2018) "
        "bound the range.",
        **_RISK,
    ),
    _r(
        "or_insufficiency_des",
        3.77,
        "odds ratio",
        2.56,
        5.54,
        bounds=RATIO,
        sources=("hoover_2011",),
        note="In-utero DES exposure: second-trimester loss HR 3.77 (2.56-5.54), used as the "
        "odds of the latent weakness.",
        **_RISK,
    ),
)

_AGE = (
    ("under_20", "under 20", 1.1),
    ("30_39", "30-39", 1.0),
    ("40_plus", "40 and over", 1.45),
)
AGE: tuple[Record, ...] = tuple(
    _r(
        f"hr_ptb_age_{key}",
        value,
        "hazard ratio",
        0.5,
        3.0,
        bounds=RATIO,
        status="calibrated",
        targets=(21,),
        sources=("martin_osterman_2024_nvsr73_1",),
        population=_US,
        note=f"Hazards of spontaneous and indicated birth at maternal age {label} years, "
        "relative to 20-29: fitted to the singleton preterm rates by age of NVSR 73(1) "
        "(target 21).",
        **_RISK,
    )
    for key, label, value in _AGE
)

GRADIENTS: tuple[Record, ...] = RISK + AGE
