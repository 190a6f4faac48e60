"""Published trials re-run inside the synthetic population.

:mod:`.specs` declares each trial (:class:`Trial`, :func:`trials`, :func:`get`); :mod:`.run`
re-runs them (:func:`run_trial`, :func:`run_all`) with the same women under both arms.

Synthetic data for teaching and research only; not for clinical use.
"""

from cilib.analysis.trials.blocks import (
    EHSANIPOOR_ARMS,
    EHSANIPOOR_PRESENTATION_WEEKS,
    EHSANIPOOR_PROLONGATION_DAYS,
    EHSANIPOOR_SURVIVAL_RR,
)
from cilib.analysis.trials.run import (
    CONTROL_TOLERANCE_POINTS,
    CONTROL_TOLERANCE_RATIO,
    Population,
    TrialResult,
    arm_outcomes,
    birth_weeks,
    by_stratum,
    fitted_values,
    latency_days,
    neonatal_survival,
    population,
    randomise,
    run_all,
    run_trial,
    trial_assumptions,
)
from cilib.analysis.trials.specs import (
    FONSECA_MEDIAN_SCAN_WEEKS,
    MEIS_SHARE_MORE_THAN_ONE_PRIOR,
    MEIS_SHARE_NH_BLACK,
    MRC_CERVICAL_SURGERY,
    MRC_EARLY_DELIVERY_BEFORE_WEEKS,
    RESCUE_WINDOW_WEEKS,
    Trial,
    get,
    trials,
)
from cilib.stats import paired_rr

__all__ = [
    "CONTROL_TOLERANCE_POINTS",
    "CONTROL_TOLERANCE_RATIO",
    "EHSANIPOOR_ARMS",
    "EHSANIPOOR_PRESENTATION_WEEKS",
    "EHSANIPOOR_PROLONGATION_DAYS",
    "EHSANIPOOR_SURVIVAL_RR",
    "FONSECA_MEDIAN_SCAN_WEEKS",
    "MEIS_SHARE_MORE_THAN_ONE_PRIOR",
    "MEIS_SHARE_NH_BLACK",
    "MRC_CERVICAL_SURGERY",
    "MRC_EARLY_DELIVERY_BEFORE_WEEKS",
    "Population",
    "RESCUE_WINDOW_WEEKS",
    "Trial",
    "TrialResult",
    "arm_outcomes",
    "birth_weeks",
    "by_stratum",
    "fitted_values",
    "get",
    "latency_days",
    "neonatal_survival",
    "paired_rr",
    "population",
    "randomise",
    "run_all",
    "run_trial",
    "trial_assumptions",
    "trials",
]
