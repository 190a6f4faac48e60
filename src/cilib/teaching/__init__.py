"""Teaching support for the notebooks: answer checks of the exercises and small helpers.

- :mod:`cilib.teaching.checks`: one check per exercise (``check("nb02_ppv", answer, ...)``),
  which says whether a student's answer is right, with a hint, without revealing it.
- :mod:`cilib.teaching.helpers`: the tables and checks the notebooks would otherwise repeat
  (a figure beside its calibration target, a hazard-ratio sweep of a trial, the rescue-cerclage
  latencies, the rows whose CI misses an interval).

Only the notebooks and the tests import this package.

Synthetic data for teaching and research only; not for clinical use.
"""

from cilib.teaching.checks import (
    EXERCISES,
    SPTB_OUTCOMES,
    Verdict,
    check,
    nb01_smoke_free,
    nb02_ppv,
    nb02_threshold,
    nb03_two_sptb,
    nb04_fonseca_full_effect,
    nb05_nnt,
    nb06_overtreatment,
    nb07_share_helped,
)
from cilib.teaching.helpers import (
    EXAMPLE_SEEN_WEEKS,
    SAVED_COHORT,
    cohort_for,
    example_shapes,
    hr_sweep,
    misses,
    next_pregnancy_by_loss_cause,
    rescue_latency_days,
    still_pregnant,
    trial_what_ifs,
    versus_target,
)

__all__ = [
    "EXAMPLE_SEEN_WEEKS",
    "SAVED_COHORT",
    "cohort_for",
    "example_shapes",
    "EXERCISES",
    "SPTB_OUTCOMES",
    "Verdict",
    "check",
    "hr_sweep",
    "misses",
    "nb01_smoke_free",
    "nb02_ppv",
    "nb02_threshold",
    "nb03_two_sptb",
    "nb04_fonseca_full_effect",
    "nb05_nnt",
    "nb06_overtreatment",
    "nb07_share_helped",
    "next_pregnancy_by_loss_cause",
    "rescue_latency_days",
    "still_pregnant",
    "trial_what_ifs",
    "versus_target",
]
