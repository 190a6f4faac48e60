"""The :class:`Target` type and the natural-history targets 16-23 (evidence.md).

Painless dilation (timing, incidence, race ratio, expectant latency), mid-trimester loss, the
Heath 1998 risk curve, twins before 32 weeks, preterm birth by maternal age and the PPROM share
of preterm births: figures of mechanisms (cervical failure, PPROM, the steep hazard of a very
short cervix, race and age gradients) that :mod:`cilib.model.failure` and
:mod:`cilib.model.inputs` model. Joined to the other targets in
:data:`cilib.analysis.targets.TARGETS`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FMF", "IAMS", "NATURAL_HISTORY_TARGETS", "US", "Target"]


@dataclass(frozen=True)
class Target:
    """A published figure a scenario must reproduce, with its acceptance interval."""

    id: int
    key: str
    scenario: str
    description: str
    published: float
    lower: float
    upper: float
    unit: str
    sources: tuple[str, ...]
    tolerance: str


def _t(id_, key, scen, desc, pub, lo, hi, unit, src, tol):
    return Target(id_, key, scen, desc, pub, lo, hi, unit, src, tol)


US, IAMS, FMF = "us_contemporary", "iams_1996", "fmf_london"
_SEEDS = ("merck_ci", "harper_owen_2017")
_HEATH = ("heath_1998_prediction",)
_AGE_SOURCE = ("martin_osterman_2024_nvsr73_1",)
#: Singleton preterm births by maternal age, 2022 (NVSR 73(1), Table 2; see the reference's
#: note on how the figures were read): (key, band, %).
_AGE = (
    ("under_20", "under 20", 9.66),
    ("20_29", "20-29", 8.23),
    ("30_39", "30-39", 8.69),
    ("40_plus", "40 and over", 12.52),
)

NATURAL_HISTORY_TARGETS: tuple[Target, ...] = (
    _t(
        16,
        "dilation_median_ga",
        US,
        "Painless dilation (cervical failure): median gestation at onset",
        19.0,
        17.0,
        21.0,
        "weeks",
        _SEEDS,
        "17-21 wk ('usually between 16 and 20 weeks')",
    ),
    _t(
        16,
        "dilation_14_28_share",
        US,
        "Painless dilation: share with onset at 14+0 to 27+6 wk",
        85.0,
        85.0,
        100.0,
        "%",
        _SEEDS,
        "at least 85% ('typically 14 to 27 weeks')",
    ),
    _t(
        16,
        "dilation_incidence",
        US,
        "Painless dilation: pregnancies ongoing at 14 wk with an onset before their end",
        1.0,
        0.5,
        1.0,
        "%",
        _SEEDS,
        "0.5-1% ('about 1 in 100')",
    ),
    _t(
        17,
        "loss_14_24",
        US,
        "Pregnancies ongoing at 14+0 wk that end before 24+0 wk",
        1.5,
        1.0,
        2.0,
        "%",
        ("bmj_best_practice_miscarriage",),
        "1-2% of pregnancies reaching the second trimester (secondary source)",
    ),
    _t(
        18,
        "heath_5mm",
        FMF,
        "Singletons scanned at 23 wk, measured CL 3-7 mm, expectant care: spontaneous "
        "delivery at or before 32 wk",
        78.0,
        60.0,
        90.0,
        "%",
        _HEATH,
        "78% at 5 mm; band 60-90% for 3-7 mm",
    ),
    _t(
        18,
        "heath_15mm",
        FMF,
        "Singletons scanned at 23 wk, measured CL 14-16 mm: spontaneous delivery at or before "
        "32 wk",
        4.0,
        2.0,
        8.0,
        "%",
        _HEATH,
        "4% at 15 mm; band 2-8% for 14-16 mm",
    ),
    _t(
        18,
        "heath_45mm",
        FMF,
        "Singletons scanned at 23 wk, measured CL 45 mm or more: spontaneous delivery at or "
        "before 32 wk",
        0.5,
        0.0,
        1.0,
        "%",
        _HEATH,
        "0.5% at 50 mm; at most 1% at 45 mm and over",
    ),
    _t(
        19,
        "twin_ptb32",
        US,
        "Twins born before 32 wk",
        11.9,
        10.0,
        14.0,
        "%",
        ("nvsr_2002_births",),
        "10-14% (11.9% of twins very preterm, 2002)",
    ),
    _t(
        20,
        "dilation_black_white_rr",
        US,
        "Painless dilation, non-Hispanic Black vs White mothers: ratio of incidences",
        2.89,
        2.0,
        3.5,
        "ratio",
        ("tanner_2018", "anum_2010", "miller_2025_ci_disparities"),
        "adjusted ORs of a cervical-insufficiency diagnosis 2.45-3.07; widened to 2.0-3.5 for "
        "the difference between an odds ratio of a diagnosis and a ratio of incidences",
    ),
    *(
        _t(
            21,
            f"ptb_age_{key}",
            US,
            f"Singleton preterm birth <37 wk, mothers aged {band}",
            value,
            value - 1.0,
            value + 1.0,
            "%",
            _AGE_SOURCE,
            "+/- 1 point",
        )
        for key, band, value in _AGE
    ),
    _t(
        22,
        "dilation_latency_days",
        US,
        "Painless dilation at 14-27+6 wk, expectant care: mean days from onset to birth",
        18.8,
        15.0,
        25.0,
        "days",
        ("ehsanipoor_2015",),
        "15-25 days (expectant arms: 18.8)",
    ),
    _t(
        22,
        "dilation_birth_lt34",
        US,
        "Painless dilation at 14-27+6 wk, expectant care: birth (or loss) before 34 wk",
        83.0,
        75.0,
        90.0,
        "%",
        ("ehsanipoor_2015",),
        "75-90% (expectant arms: 83%)",
    ),
    _t(
        23,
        "pprom_share",
        US,
        "Share of preterm births that follow PPROM",
        33.0,
        25.0,
        35.0,
        "%",
        ("acog_pb80_2007", "mercer_2004_pprom"),
        "25-35% ('about one third', 'one-quarter to one-third')",
    ),
)
