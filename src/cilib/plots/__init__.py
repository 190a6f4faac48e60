"""Plotly figures, in one shared template readable on a projector.

One module per topic: :mod:`.cohort` (cervical length, gestation, risk factors),
:mod:`.calibration` (every target against its acceptance interval),
:mod:`.screening` (CL by outcome, ROC, PPV), :mod:`.thresholds` (threshold slider, metric
curves), :mod:`.policies`, :mod:`.recurrence`, :mod:`.treatments` and :mod:`.natural_history`
(when the cervix fails, PPROM), :mod:`.psa` (probabilistic and one-way sensitivity); the
template and fixed
colours are in :mod:`._style`, the parts shared by the two screening modules in
:mod:`._screening_common`. Every function returns a
:class:`plotly.graph_objects.Figure` drawn from aggregates; nothing is shown or saved here.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib import plots
>>> from cilib.analysis import summary
>>> c = cilib.generate_cohort(2_000, seed=1)
>>> fig = plots.gestation_bars(summary.gestation_distribution(c))
>>> fig.layout.xaxis.title.text
'Gestational age at birth (completed weeks)'
"""

from cilib.plots._style import (
    COLORWAY,
    FONT_SIZE,
    ONSET_COLOURS,
    RISK_GROUP_COLOURS,
    SCENARIO_COLOURS,
    SERIES_COLOURS,
    TEMPLATE,
    colour,
    error_bars,
)
from cilib.plots.cohort import (
    calibration_plot,
    cl_histogram,
    cl_trajectories,
    gestation_bars,
    prevalence_dot_plot,
)

__all__ = [
    "COLORWAY",
    "FONT_SIZE",
    "ONSET_COLOURS",
    "RISK_GROUP_COLOURS",
    "SCENARIO_COLOURS",
    "SERIES_COLOURS",
    "TEMPLATE",
    "calibration_plot",
    "cl_histogram",
    "cl_trajectories",
    "colour",
    "error_bars",
    "gestation_bars",
    "prevalence_dot_plot",
]
