"""cilib: synthetic pregnancy cohorts for teaching and researching cervical insufficiency.

Synthetic data for teaching and research only; not for clinical use.

>>> import cilib
>>> a = cilib.Assumptions.scenario("iams_1996")
>>> cohort = cilib.generate_cohort(1_000, seed=1, assumptions=a)
>>> cl = cilib.cervical_length(cohort, ga_weeks=24)
"""

from cilib import policies, screening, trials
from cilib.assumptions import Assumptions, Record, scenarios
from cilib.cervix import cervical_length
from cilib.cohort import generate_cohort
from cilib.compare import compare_policies
from cilib.histories import ci_recurrence, generate_histories, recurrence_table
from cilib.schema import data_dictionary
from cilib.screening import assumptions_of, measure_cervical_length
from cilib.simulate import simulate

__version__ = "0.1.0"

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
    "recurrence_table",
    "scenarios",
    "screening",
    "simulate",
    "trials",
]
