"""Plotly figures of the cervical-length threshold: a slider, metric curves, a metrics box.

- :func:`threshold_slider`: measured CL by outcome with a slider over thresholds; the
  interaction is built into the figure (``layout.sliders`` over precomputed steps), so it works
  with no kernel: in exported HTML and on a projector.
- :func:`metric_curves`: sensitivity, specificity, PPV and NPV against the threshold, with
  their 95% Wilson intervals.
- :func:`metrics_text`: the metrics of one threshold as the text of a figure annotation.

Figures return a :class:`plotly.graph_objects.Figure` in the shared ``cilib`` template
(:data:`cilib.plots.TEMPLATE`); nothing is shown or saved here. They draw aggregates (binned
counts, down-sampled sweeps, tables from :mod:`cilib.screening.tables`), never raw cohort rows,
and no trace holds more than about 200 points. Colours are fixed: early birth vermillion and
later birth grey (as "preterm" and "term" in :data:`cilib.plots.SERIES_COLOURS`) and one colour
per metric (:data:`METRIC_COLOURS`). The distribution, ROC and PPV charts are in
:mod:`cilib.plots.screening`.

A cervical length **at or below** the threshold is a positive screen.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import numpy as np
>>> from cilib.plots import thresholds as threshold_plots
>>> cl = np.array([12.0, 18.0, 25.0, 31.0, 35.0, 40.0])
>>> sptb = np.array([True, True, False, False, False, False])
>>> fig = threshold_plots.threshold_slider(cl, sptb, [15, 20, 25], active_mm=20)
>>> [step.label for step in fig.layout.sliders[0].steps]
['15', '20', '25']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.plots._screening_common import (
    MAX_POINTS,
    one_row,
    outcome_bars,
    threshold_layout,
    valid_marker_event,
)
from cilib.plots._style import BLUE, FONT_SIZE, GREEN, GREY, ORANGE, VERMILLION, figure, rgba
from cilib.screening.tables import downsample_sweep, threshold_steps

#: Colour and line dash of each accuracy metric.
METRIC_COLOURS = {"sensitivity": BLUE, "specificity": ORANGE, "ppv": VERMILLION, "npv": GREEN}
METRIC_DASHES = {"sensitivity": "solid", "specificity": "dash", "ppv": "solid", "npv": "dot"}
METRIC_LABELS = {"sensitivity": "sensitivity", "specificity": "specificity", "ppv": "PPV",
                 "npv": "NPV"}  # fmt: skip

HEADROOM = 1.8  # y-axis range of the slider figure as a multiple of its tallest bar

__all__ = [
    "METRIC_COLOURS",
    "metric_curves",
    "metrics_text",
    "threshold_slider",
]


def _pct(x: float) -> str:
    return "n/a" if x is None or not np.isfinite(x) else f"{100 * x:.1f}%"


def metrics_text(row, event_label: str = "early birth") -> str:
    """The metrics of one threshold as the multi-line text of a figure annotation.

    Parameters
    ----------
    row : Series or one-row DataFrame
        A row of :func:`cilib.screening.metrics` or :func:`cilib.screening.sweep`.
    event_label : str
        Name of the outcome in the text.

    Returns
    -------
    str
        Plotly annotation text (``<br>`` line breaks); percentages with one decimal.
    """
    r = one_row(row)
    tp, fp, fn = int(r["tp"]), int(r["fp"]), int(r["fn"])
    return (
        f"<b>CL ≤ {r['threshold_mm']:g} mm</b><br>"
        f"sensitivity {_pct(r['sensitivity'])} ({tp:,} of {tp + fn:,} with {event_label})<br>"
        f"specificity {_pct(r['specificity'])}<br>"
        f"PPV {_pct(r['ppv'])} ({tp:,} of {tp + fp:,} positive)<br>"
        f"NPV {_pct(r['npv'])}<br>"
        f"screen positive {_pct(r['positive_rate'])} of women"
    )


def threshold_slider(
    marker,
    event,
    thresholds,
    *,
    edges: Sequence[float] | None = None,
    active_mm: float | None = None,
    event_label: str = "early birth",
    other_label: str = "no early birth",
    title: str | None = None,
) -> go.Figure:
    """CL by outcome with a slider over thresholds that needs no kernel.

    Every step is precomputed (:func:`cilib.screening.tables.threshold_steps`) and stored in
    ``layout.sliders``: moving the slider moves the threshold line and shaded region,
    highlights the bars at or below it and rewrites the box of sensitivity, specificity, PPV
    and NPV. It works in exported HTML and on a projector with no Python running.

    Parameters
    ----------
    marker : array-like of float
        Measured cervical length, mm (NaN = not measured).
    event : array-like of bool
        The outcome.
    thresholds : array-like of float
        One slider step per threshold, mm (for example 10 to 30 by 1).
    edges : sequence of float, optional
        Histogram bin edges, mm; default 1-mm bins from 0 to the 99.9th centile of CL.
    active_mm : float, optional
        Threshold shown first; default the middle step.
    event_label, other_label : str
        Names of the two outcome groups.
    title : str, optional
        Figure title.

    Returns
    -------
    Figure
        Two bar traces and one slider with one step per threshold; step ``i`` has
        ``label`` the threshold and ``args = [bar opacities, {"shapes": ...,
        "annotations": ...}, [0, 1]]`` (the last annotation is the metrics box).
    """
    m, e = valid_marker_event(marker, event)
    steps_table = threshold_steps(m, e, thresholds)
    thr = steps_table["threshold_mm"].to_numpy()
    if edges is None:
        top = math.ceil(float(np.quantile(m, 0.999))) + 1
        edges = np.arange(0.0, top + 1.0, 1.0)
    edges = np.asarray(edges, dtype=np.float64)
    if active_mm is None:
        active = len(thr) // 2
    else:
        active = int(np.argmin(np.abs(thr - float(active_mm))))
    fig = figure(
        title or "Move the threshold: who screens positive?",
        "Measured cervical length (mm)",
        "Pregnancies (% of outcome group)",
        barmode="overlay",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
        margin=dict(t=130, b=150),
        height=650,
    )
    tables = outcome_bars(fig, m, e, edges, event_label, other_label)
    mids = tables[0]["mid"].to_numpy()
    top = max(float(np.nanmax(t["percent"])) for t in tables)
    fig.update_yaxes(range=[0, HEADROOM * top])  # room for the metrics box above the bars
    steps = []
    for i, t in enumerate(thr):
        shapes, annotations = threshold_layout(
            float(t), float(edges[0]), metrics_text(steps_table.iloc[i], event_label)
        )
        opacity = np.where(mids <= t, 0.95, 0.35).round(2).tolist()
        steps.append(
            dict(
                method="update",
                label=f"{t:g}",
                args=[
                    {"marker.opacity": [opacity, opacity]},
                    {"shapes": shapes, "annotations": annotations},
                    [0, 1],
                ],
            )
        )
    first = steps[active]["args"]
    for trace in fig.data:
        trace.opacity = None
        trace.marker.opacity = first[0]["marker.opacity"][0]
    fig.update_layout(
        **first[1],
        sliders=[
            dict(
                active=active,
                steps=steps,
                currentvalue=dict(prefix="Threshold: CL ≤ ", suffix=" mm",
                                  font=dict(size=FONT_SIZE)),
                pad=dict(t=70),
                x=0,
                len=1.0,
            )
        ],
    )  # fmt: skip
    return fig


def metric_curves(
    sweep_table: pd.DataFrame,
    *,
    range_mm: tuple[float, float] | None = None,
    marks_mm: Sequence[float] = (),
    max_points: int = MAX_POINTS,
    ci: bool = True,
    title: str = "Sensitivity, specificity, PPV and NPV by threshold",
) -> go.Figure:
    """Sensitivity, specificity, PPV and NPV against the CL threshold.

    Parameters
    ----------
    sweep_table : DataFrame
        From :func:`cilib.screening.sweep` (one group); it is down-sampled exactly
        (:func:`cilib.screening.tables.downsample_sweep`) to at most ``max_points`` thresholds.
    range_mm : tuple of float, optional
        Thresholds shown, mm; default the range of the sweep.
    marks_mm : sequence of float
        Thresholds marked with a dotted vertical line (for example the published cut-offs).
    max_points : int
        Points per line.
    ci : bool
        Shade the 95% Wilson interval of each metric.
    title : str
        Figure title.

    Returns
    -------
    Figure
        One line per metric (percent), with a shaded band per metric when ``ci``.
    """
    t = downsample_sweep(sweep_table, max_points=max_points, range_mm=range_mm)
    x = t["threshold_mm"].to_numpy()
    fig = figure(
        title,
        "Threshold: CL at or below (mm)",
        "Metric (%)",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
        margin=dict(t=130),
        hovermode="x unified",
    )
    for name, col in METRIC_COLOURS.items():
        label = METRIC_LABELS[name]
        if ci:
            fig.add_trace(
                go.Scatter(x=x, y=100 * t[f"{name}_high"], mode="lines", line=dict(width=0),
                           hoverinfo="skip", showlegend=False, legendgroup=name)
            )  # fmt: skip
            fig.add_trace(
                go.Scatter(x=x, y=100 * t[f"{name}_low"], mode="lines", line=dict(width=0),
                           fill="tonexty", fillcolor=rgba(col, 0.15), hoverinfo="skip",
                           showlegend=False, legendgroup=name)
            )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=x,
                y=100 * t[name],
                mode="lines",
                name=label,
                legendgroup=name,
                line=dict(color=col, width=4, dash=METRIC_DASHES[name]),
                hovertemplate=label + " %{y:.1f}%<extra></extra>",
            )
        )
    for mm in marks_mm:
        fig.add_vline(
            x=float(mm),
            line=dict(color=GREY, dash="dot", width=2),
            annotation=dict(text=f"{float(mm):g} mm", font=dict(size=FONT_SIZE - 4)),
            annotation_position="top",
        )
    fig.update_yaxes(range=[0, 101])
    fig.update_xaxes(hoverformat=".1f")
    return fig
