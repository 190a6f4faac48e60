"""Cervical-length screening: measurement, schedules, test accuracy and teaching tables.

A short cervix, a measured CL **at or below** the threshold, is a positive test.

- :func:`measure_cervical_length` (:mod:`.measurement`): one transvaginal measurement (true CL
  plus the scenario's measurement offset and error) from its own random stream.
- :class:`Schedule`, :func:`anatomy_scan`, :func:`serial_scans`, :func:`screen`
  (:mod:`.schedules`): who is offered a scan, who accepts, when they are scanned, what is found.
- :func:`metrics`, :func:`sweep` (:mod:`.accuracy`), :func:`auc`, :func:`roc`
  (:mod:`.discrimination`): 2x2 tables, sensitivity, specificity, predictive values and
  likelihood ratios with 95% CIs, by subgroup with ``by=``; the ROC curve and a DeLong AUC.
- :mod:`.tables`: natural frequencies, centile risk ratios, threshold steps, strategies.

Synthetic data for teaching and research only; not for clinical use.
"""

from cilib.params.assumptions import assumptions_of
from cilib.screening.accuracy import metrics, sweep
from cilib.screening.discrimination import auc, roc
from cilib.screening.measurement import measure_cervical_length
from cilib.screening.schedules import (
    Schedule,
    anatomy_scan,
    combine_screens,
    screen,
    serial_scans,
    subgroups,
)

__all__ = [
    "Schedule",
    "anatomy_scan",
    "assumptions_of",
    "auc",
    "combine_screens",
    "measure_cervical_length",
    "metrics",
    "roc",
    "screen",
    "serial_scans",
    "subgroups",
    "sweep",
]
