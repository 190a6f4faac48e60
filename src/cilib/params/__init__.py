"""Parameters: the records and their registry, assumption sets, references, streams, definitions.

The lowest layer of cilib with a domain meaning: every number the model uses (a
:class:`~cilib.params.records.Record` in :mod:`cilib.params.registry`), the validated set of
values a run uses (:class:`~cilib.params.assumptions.Assumptions`), the published sources
(:mod:`cilib.params.references`), the named random streams (:mod:`cilib.params.streams`) and
the shared definitions (:mod:`cilib.params.definitions`).
"""

from cilib.params.assumptions import Assumptions, assumptions_of, scenarios
from cilib.params.records import Record, Scenario

__all__ = ["Assumptions", "Record", "Scenario", "assumptions_of", "scenarios"]
