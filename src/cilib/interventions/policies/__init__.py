"""Policies: who is screened, who gets which treatment and when.

:mod:`.rules` holds the :class:`Policy` type and the predicates rules are built from;
:mod:`.guidelines` the guideline presets (:func:`presets`, :func:`get`).

Synthetic data for teaching and research only; not for clinical use.
"""

from cilib.interventions.policies.guidelines import get, presets, rules_table
from cilib.interventions.policies.rules import (
    Policy,
    RuleText,
    earliest,
    no_contraindication,
    ongoing,
    open_cervix_found,
    policy,
    preference,
    prior_cerclage,
    prior_late_midtrimester_loss,
    prior_midtrimester_loss,
    prior_painless_loss,
    prior_sptb,
    prior_sptb_at_least,
    short_cervix,
    singleton,
    start_at,
    starts,
)
from cilib.screening.schedules import combine_screens

__all__ = [
    "Policy",
    "RuleText",
    "combine_screens",
    "earliest",
    "get",
    "no_contraindication",
    "ongoing",
    "open_cervix_found",
    "policy",
    "preference",
    "presets",
    "prior_cerclage",
    "prior_late_midtrimester_loss",
    "prior_midtrimester_loss",
    "prior_painless_loss",
    "prior_sptb",
    "prior_sptb_at_least",
    "rules_table",
    "short_cervix",
    "singleton",
    "start_at",
    "starts",
]
