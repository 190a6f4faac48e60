"""cilib: synthetic pregnancy cohorts for teaching and researching cervical insufficiency.

Synthetic data for teaching and research only; not for clinical use.

The package is layered, data flowing downward only (``cli``/``io`` > ``plots`` > ``analysis``
> ``interventions`` > ``screening`` > ``model`` > ``params`` > ``stats``):

- :mod:`cilib.params`: assumption records, their registry, scenarios, references, streams;
- :mod:`cilib.model`: the cohort schema, women and pregnancies, the hazard-input map, the
  cervix, competing hazards, cohorts and histories;
- :mod:`cilib.screening`: measurement, schedules, test accuracy;
- :mod:`cilib.interventions`: treatments, policies, simulation, comparison, managed histories;
- :mod:`cilib.analysis`: targets, summaries, recurrence, calibration, trials, psa
  (probabilistic sensitivity analysis, also ``cilib.psa``);
- :mod:`cilib.plots`: plotly figures.

>>> import cilib
>>> a = cilib.Assumptions.scenario("iams_1996")
>>> cohort = cilib.generate_cohort(1_000, seed=1, assumptions=a)
>>> cl = cilib.cervical_length(cohort, ga_weeks=24)
"""

import sys

from cilib import _aliases, screening
from cilib.analysis import psa, trials
from cilib.analysis.recurrence import ci_recurrence, recurrence_table
from cilib.interventions import policies
from cilib.interventions.compare import compare_policies
from cilib.interventions.histories import generate_histories
from cilib.interventions.simulation import simulate
from cilib.model.cervix import cervical_length
from cilib.model.cohort import generate_cohort
from cilib.model.schema import data_dictionary
from cilib.params.assumptions import Assumptions, assumptions_of, scenarios
from cilib.params.records import Record
from cilib.screening import measure_cervical_length
from cilib.version import __version__

# ``cilib.policies``, ``cilib.trials`` and ``cilib.psa`` are public names of their own:
# importable as such
sys.modules.setdefault("cilib.policies", policies)
sys.modules.setdefault("cilib.trials", trials)
sys.modules.setdefault("cilib.psa", psa)
_aliases.install()

__all__ = [
    "Assumptions",
    "Record",
    "__version__",
    "assumptions_of",
    "cervical_length",
    "ci_recurrence",
    "compare_policies",
    "data_dictionary",
    "generate_cohort",
    "generate_histories",
    "measure_cervical_length",
    "policies",
    "psa",
    "recurrence_table",
    "scenarios",
    "screening",
    "simulate",
    "trials",
]
