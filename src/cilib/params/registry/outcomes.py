"""Neonatal outcomes: survival of a live-born infant by completed week of gestation at birth.

Part of the assumptions registry (:mod:`cilib.params.registry`). Survival to discharge (or to
28 days beyond 32 weeks) of live births; the value is the England 2006 figure (EPICure 2) at
22-26 weeks, the French 2011 figure (EPIPAGE-2) at 27-34 weeks and the US 1997 figure beyond;
each range reaches the other cohorts' figures (US academic centres survive more infants at
22-24 weeks than England or France did). Read by :func:`cilib.model.schema.neonatal_survival`;
the model has no other neonatal outcome.
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import Record
from cilib.params.records import record as _r

_OUT = dict(group="neonatal outcomes")


def _survival(weeks: str, value, low, high, sources, note) -> Record:
    return _r(
        f"p_neonatal_survival_{weeks}",
        value,
        "probability",
        low,
        high,
        bounds=P,
        distribution="beta",
        sources=sources,
        note=note,
        **_OUT,
    )


OUTCOMES: tuple[Record, ...] = (
    _r(
        "neonatal_survival_from_weeks",
        22.0,
        "weeks",
        22.0,
        22.0,
        bounds=(20.0, 24.0),
        distribution="fixed",
        sources=("field_2008", "costeloe_2012"),
        note="No infant born before this completed week survives in the model: the cohorts "
        "report survival from 22 wk, and in the Trent region none of 150 infants born at 22 wk "
        "survived (Field 2008).",
        **_OUT,
    ),
    _survival(
        "22w",
        0.02,
        0.0,
        0.109,
        ("costeloe_2012", "bell_2022"),
        "Born at 22 wk: 2% (EPICure 2, England 2006); 10.9% in US academic centres 2013-18.",
    ),
    _survival(
        "23w",
        0.19,
        0.19,
        0.558,
        ("costeloe_2012", "bell_2022"),
        "Born at 23 wk: 19% (EPICure 2); up to 55.8% among actively treated US infants.",
    ),
    _survival(
        "24w",
        0.40,
        0.312,
        0.65,
        ("costeloe_2012", "ancel_2015"),
        "Born at 24 wk: 40% (EPICure 2); 31.2% in France 2011; about 65% in US centres in "
        "2012 (a press summary of Stoll 2015, the upper end).",
    ),
    _survival(
        "25w",
        0.66,
        0.591,
        0.80,
        ("costeloe_2012", "ancel_2015"),
        "Born at 25 wk: 66% (EPICure 2); 59.1% in France 2011; upper end a stated allowance "
        "for US centres.",
    ),
    _survival(
        "26w",
        0.77,
        0.753,
        0.85,
        ("costeloe_2012", "ancel_2015"),
        "Born at 26 wk: 77% (EPICure 2); 75.3% in France 2011; upper end a stated allowance "
        "for US centres.",
    ),
    _survival(
        "27_31w",
        0.936,
        0.90,
        0.985,
        ("ancel_2015", "joseph_2004"),
        "Born at 27-31 wk: 93.6% (EPIPAGE-2, pooled); US 32-wk neonatal survival 98.5% bounds "
        "it above.",
    ),
    _survival(
        "32_34w",
        0.989,
        0.985,
        0.992,
        ("ancel_2015", "joseph_2004"),
        "Born at 32-34 wk: 98.9% (EPIPAGE-2); US 1997: 98.5% at 32 wk to 99.2% at 34 wk.",
    ),
    _survival(
        "35_36w",
        0.995,
        0.994,
        0.997,
        ("joseph_2004",),
        "Born at 35-36 wk: US 1997 neonatal deaths 5.6 and 3.2 per 1,000 live births.",
    ),
    _survival(
        "37w",
        0.999,
        0.998,
        0.9992,
        ("joseph_2004",),
        "Born at 37 wk or later: US 1997 neonatal deaths 2.0 (37 wk) to 0.8 (40 wk) per 1,000.",
    ),
)

#: Completed week at which each survival record starts (the next record's start ends it).
SURVIVAL_BANDS: tuple[tuple[float, str], ...] = (
    (22.0, "p_neonatal_survival_22w"),
    (23.0, "p_neonatal_survival_23w"),
    (24.0, "p_neonatal_survival_24w"),
    (25.0, "p_neonatal_survival_25w"),
    (26.0, "p_neonatal_survival_26w"),
    (27.0, "p_neonatal_survival_27_31w"),
    (32.0, "p_neonatal_survival_32_34w"),
    (35.0, "p_neonatal_survival_35_36w"),
    (37.0, "p_neonatal_survival_37w"),
)
