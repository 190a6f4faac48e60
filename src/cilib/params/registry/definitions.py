"""Definitions: when the cohort and the hazards start, what counts as a loss and as preterm.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
"""

from __future__ import annotations

from cilib.params.records import Record
from cilib.params.records import record as _r

_DEF = dict(group="definitions")

DEFINITIONS: tuple[Record, ...] = (
    _r(
        "cohort_start_weeks",
        12,
        "weeks",
        11,
        14,
        bounds=(10, 14),
        distribution="fixed",
        status="assumption",
        note="The cohort is pregnancies ongoing at the first-trimester "
        "(11-14 wk) scan, so that history-indicated cerclage at 12-14 wk can be modelled.",
        **_DEF,
    ),
    _r(
        "hazard_start_weeks",
        14,
        "weeks",
        14,
        14,
        bounds=(14, 14),
        distribution="fixed",
        sources=("greco_2011", "carvalho_2003"),
        status="assumption",
        note="Spontaneous-birth "
        "hazards and the cervical-length trajectory start at 14 wk (CL is measured from 11-14 wk "
        "onwards); first-trimester miscarriage between 12 and 14 wk is not modelled.",
        **_DEF,
    ),
    _r(
        "loss_before_weeks",
        24,
        "weeks",
        22,
        24,
        bounds=(20, 28),
        distribution="fixed",
        sources=("purisch_2018", "bmj_best_practice_miscarriage"),
        status="sourced",
        note="A spontaneous end before this gestation is a mid-trimester loss (16-23+6 wk "
        "definition of Purisch 2018; miscarriage before 24 wk).",
        **_DEF,
    ),
    _r(
        "preterm_before_weeks",
        37,
        "weeks",
        37,
        37,
        bounds=(20, 42),
        distribution="fixed",
        sources=("nvsr_2022_births",),
        status="sourced",
        note="Preterm = birth before 37 completed weeks (NVSS definition).",
        **_DEF,
    ),
    _r(
        "late_loss_from_weeks",
        16,
        "weeks",
        16,
        16,
        bounds=(14, 20),
        distribution="fixed",
        sources=("nice_ng25",),
        note="NICE NG25 counts a mid-trimester loss from 16+0 wk (its history criterion "
        "'mid-trimester loss between 16+0 and 34+0 wk'); the cohort column "
        "prior_midtrimester_losses_16w counts earlier losses from this week.",
        **_DEF,
    ),
)
