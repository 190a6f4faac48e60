"""The assumptions registry: every number the model uses, written once, with its source.

Records are split by topic, one module each (:mod:`.definitions`, :mod:`.population`,
:mod:`.pregnancy`, :mod:`.risk_factors`, :mod:`.cervix`, :mod:`.hazards`, :mod:`.screening`,
:mod:`.natural_history`, :mod:`.gradients`, :mod:`.treatments`, :mod:`.policies`, :mod:`.care`, :mod:`.outcomes`); :data:`BASE_RECORDS` joins them in that order, which is the order of the
README's parameter table. ``status="calibrated"`` records carry a starting value here; the fitted
value is read from ``cilib/data/calibrated*.toml`` (``scripts/fit_calibration.py`` and
``scripts/fit_treatments.py`` write them). Scenario overrides (:mod:`.scenarios`) are full
records with their own sources.

Citation keys refer to :data:`cilib.params.references.REFERENCES`; "evidence.md" is the
project's evidence dossier, whose calibration targets are numbered 1-13.
"""

from __future__ import annotations

from cilib.params.records import Record
from cilib.params.registry.care import CARE
from cilib.params.registry.cervix import CERVIX
from cilib.params.registry.definitions import DEFINITIONS
from cilib.params.registry.gradients import GRADIENTS
from cilib.params.registry.hazards import HAZARDS
from cilib.params.registry.natural_history import NATURAL_HISTORY
from cilib.params.registry.outcomes import OUTCOMES, SURVIVAL_BANDS
from cilib.params.registry.policies import POLICIES
from cilib.params.registry.population import POPULATION
from cilib.params.registry.pregnancy import PREGNANCY
from cilib.params.registry.risk_factors import RISK_FACTORS
from cilib.params.registry.scenarios import SCENARIOS, SHARE_GROUPS
from cilib.params.registry.screening import SCREENING
from cilib.params.registry.treatments import TREATMENTS

__all__ = ["BASE_RECORDS", "SCENARIOS", "SHARE_GROUPS", "SURVIVAL_BANDS"]

#: Every record of the default scenario, in the order of the README's parameter table.
BASE_RECORDS: tuple[Record, ...] = (
    DEFINITIONS
    + POPULATION
    + PREGNANCY
    + RISK_FACTORS
    + CERVIX
    + HAZARDS
    + NATURAL_HISTORY
    + GRADIENTS
    + SCREENING
    + TREATMENTS
    + POLICIES
    + CARE
    + OUTCOMES
)
