"""Interventions: what treatments do, who gets them, and the outcomes that follow.

- :mod:`.treatments`: the effect of each treatment on the hazards, one function per mechanism.
- :mod:`.policies`: the :class:`~.policies.Policy` type, its predicates and the guideline
  presets (who is screened, who gets which treatment and when).
- :mod:`.simulation`: :func:`simulate`, outcomes under a policy with common random numbers.
- :mod:`.compare`: :func:`compare_policies`, several policies on the same women.
- :mod:`.shared`: :class:`~.shared.Shared`, the work those policies share, computed once.
- :mod:`.histories`: :func:`generate_histories`, consecutive pregnancies, untreated or managed.

Synthetic data for teaching and research only; not for clinical use.
"""

from cilib.interventions.compare import compare_policies
from cilib.interventions.histories import generate_histories
from cilib.interventions.simulation import simulate

__all__ = ["compare_policies", "generate_histories", "simulate"]
