"""Plotly figures of cervical-length screening: distributions by outcome, ROC, PPV.

- :func:`cl_by_outcome`: measured CL in women with and without the event, with one threshold.
- :func:`roc_plot`: the ROC curve with its AUC and labelled operating points.
- :func:`ppv_by_population`: the PPV of one threshold in different populations and under
  different screening strategies.

The threshold charts (:func:`~cilib.plots.thresholds.threshold_slider`,
:func:`~cilib.plots.thresholds.metric_curves`, :func:`~cilib.plots.thresholds.metrics_text`)
are in :mod:`cilib.plots.thresholds`.

Every function returns a :class:`plotly.graph_objects.Figure` in the shared ``cilib``
template (:data:`cilib.plots.TEMPLATE`); nothing is shown or saved here. Figures draw
aggregates (binned counts, down-sampled ROC curves, tables from
:mod:`cilib.screening.tables`), never raw cohort rows, and no trace holds more than about
200 points. Colours are fixed: early birth vermillion and later birth grey (as "preterm" and
"term" in :data:`cilib.plots.SERIES_COLOURS`) and one colour per screening strategy
(:data:`STRATEGY_COLOURS`).

A cervical length **at or below** the threshold is a positive screen.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import numpy as np
>>> from cilib.plots import screening as screening_plots
>>> cl = np.array([12.0, 18.0, 25.0, 31.0, 35.0, 40.0])
>>> sptb = np.array([True, True, False, False, False, False])
>>> fig = screening_plots.cl_by_outcome(cl, sptb, np.arange(0, 50, 5), 20.0)
>>> fig.layout.xaxis.title.text
'Measured cervical length (mm)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
from cilib.plots._style import BLACK, BLUE, FONT_SIZE, GREY, PURPLE, VERMILLION, colour, figure

# Re-exported from their new home, for older code that imports them from this module.
from cilib.screening.tables import HISTORY_BASED, UNIVERSAL, downsample_roc

#: Colour per screening strategy (see :func:`cilib.screening.tables.strategy_table`).
STRATEGY_COLOURS = {UNIVERSAL: BLUE, HISTORY_BASED: PURPLE}
#: Display names of the subgroups of :func:`cilib.screening.subgroups`.
GROUP_LABELS = {"all": "all women"}

__all__ = [
    "GROUP_LABELS",
    "STRATEGY_COLOURS",
    "cl_by_outcome",
    "ppv_by_population",
    "roc_plot",
]


# ------------------------------------------------------------------------------ figures
def cl_by_outcome(
    marker,
    event,
    edges: Sequence[float],
    threshold_mm: float,
    *,
    event_label: str = "early birth",
    other_label: str = "no early birth",
    title: str | None = None,
) -> go.Figure:
    """Distribution of measured CL in women with and without the event, with the threshold.

    Parameters
    ----------
    marker : array-like of float
        Measured cervical length, mm; NaN (not measured) is dropped.
    event : array-like of bool
        The outcome, one per marker.
    edges : sequence of float
        Histogram bin edges, mm.
    threshold_mm : float
        Threshold drawn as a dashed line; the region at or below it (screen positive) is
        shaded.
    event_label, other_label : str
        Legend names of the two groups.
    title : str, optional
        Figure title.

    Returns
    -------
    Figure
        Two overlaid bar traces, each as a percentage of its own group, so the shaded share
        of the early-birth bars is the sensitivity and that of the other bars is
        1 - specificity.
    """
    m, e = valid_marker_event(marker, event)
    fig = figure(
        title or f"Cervical length by outcome, threshold {threshold_mm:g} mm",
        "Measured cervical length (mm)",
        "Pregnancies (% of outcome group)",
        barmode="overlay",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
        margin=dict(t=130),
    )
    outcome_bars(fig, m, e, edges, event_label, other_label)
    shapes, annotations = threshold_layout(float(threshold_mm), float(edges[0]), None)
    fig.update_layout(shapes=shapes, annotations=annotations)
    return fig


def roc_plot(
    roc_table: pd.DataFrame,
    auc_row,
    operating_points: pd.DataFrame,
    *,
    max_points: int = MAX_POINTS,
    title: str = "ROC curve of cervical length",
) -> go.Figure:
    """ROC curve with its AUC and labelled operating points.

    Parameters
    ----------
    roc_table : DataFrame
        From :func:`cilib.screening.roc`; down-sampled along the curve to ``max_points``.
    auc_row : Series or one-row DataFrame
        From :func:`cilib.screening.auc` (``auc``, ``auc_low``, ``auc_high``).
    operating_points : DataFrame
        Rows of :func:`cilib.screening.metrics` or :func:`~cilib.screening.sweep` (needs
        ``threshold_mm``, ``sensitivity``, ``specificity``), for example at 15, 20 and 25 mm;
        each is marked and labelled with its threshold.
    max_points : int
        Points of the curve.
    title : str
        Figure title.

    Returns
    -------
    Figure
        The chance diagonal, the ROC curve (percent axes) and one marker per operating point;
        the AUC with its 95% CI is written on the chart.
    """
    r = downsample_roc(roc_table, max_points=max_points)
    a = one_row(auc_row)
    fig = figure(
        title,
        "False-positive rate: 1 − specificity (%)",
        "Sensitivity (%)",
        legend=dict(x=0.99, xanchor="right", y=0.02, yanchor="bottom"),
        height=650,
        width=750,
    )
    fig.add_trace(
        go.Scatter(x=[0, 100], y=[0, 100], mode="lines", name="chance (AUC 0.5)",
                   line=dict(color=GREY, dash="dash", width=2), hoverinfo="skip")
    )  # fmt: skip
    thr = r["threshold_mm"].to_numpy(dtype=np.float64)
    thr = np.where(np.isfinite(thr), thr, np.nan)  # (0, 0) has threshold -inf
    fig.add_trace(
        go.Scatter(
            x=100 * r["fpr"],
            y=100 * r["tpr"],
            mode="lines",
            name="cervical length",
            line=dict(color=colour("simulated"), width=4),
            customdata=thr,
            hovertemplate="CL ≤ %{customdata:.1f} mm: sensitivity %{y:.1f}%, "
            "FPR %{x:.2f}%<extra></extra>",
        )
    )
    op = operating_points.reset_index(drop=True)
    fig.add_trace(
        go.Scatter(
            x=100 * (1 - op["specificity"]),
            y=100 * op["sensitivity"],
            mode="markers+text",
            name="published thresholds",
            marker=dict(size=14, color=VERMILLION, line=dict(color=BLACK, width=1.5)),
            text=[f"{t:g} mm" for t in op["threshold_mm"]],
            textposition="middle right",
            textfont=dict(size=FONT_SIZE - 2),
            customdata=op["threshold_mm"],
            hovertemplate="CL ≤ %{customdata:g} mm: sensitivity %{y:.1f}%, "
            "specificity %{x:.1f}% false positives<extra></extra>",
        )
    )
    fig.add_annotation(
        xref="paper", yref="paper", x=0.99, y=0.30, xanchor="right", showarrow=False,
        text=f"AUC {a['auc']:.3f} (95% CI {a['auc_low']:.3f}–{a['auc_high']:.3f})",
        font=dict(size=FONT_SIZE), bgcolor="rgba(255,255,255,0.9)",
    )  # fmt: skip
    fig.update_xaxes(range=[0, 100], constrain="domain")
    fig.update_yaxes(range=[0, 100], scaleanchor="x", scaleratio=1)
    return fig


def ppv_by_population(
    table: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """PPV of one threshold in different populations and under different strategies.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.screening.tables.strategy_table` (``strategy``, ``group``,
        ``threshold_mm``, ``ppv`` with limits, ``prevalence``, ``tp``, ``fp``).
    labels : mapping of str to str, optional
        Display names of the groups; default :data:`GROUP_LABELS`.
    title : str, optional
        Figure title.

    Returns
    -------
    Figure
        Grouped bars of PPV (%) with 95% CIs, one colour per strategy, and the prevalence of
        the event in the same women as a diamond on each bar (PPV rises with prevalence).
    """
    names = dict(GROUP_LABELS, **(labels or {}))
    t = table.reset_index(drop=True)
    thresholds = sorted(set(t["threshold_mm"]))
    threshold = ", ".join(f"{x:g}" for x in thresholds)
    order = list(dict.fromkeys(names.get(g, g) for g in t["group"]))
    fig = figure(
        title or f"Same threshold (CL ≤ {threshold} mm), different women",
        "Women screened",
        "Percent (%)",
        barmode="group",
        scattermode="group",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
        margin=dict(t=150),
    )
    for i, (strategy, s) in enumerate(t.groupby("strategy", sort=False)):
        col = STRATEGY_COLOURS.get(str(strategy), colour(str(strategy), i))
        x = [names.get(g, g) for g in s["group"]]
        ppv = 100 * s["ppv"].to_numpy(dtype=np.float64)
        fig.add_trace(
            go.Bar(
                x=x,
                y=ppv,
                name=f"PPV, {strategy}",
                marker_color=col,
                offsetgroup=str(strategy),
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=100 * s["ppv_high"].to_numpy() - ppv,
                    arrayminus=ppv - 100 * s["ppv_low"].to_numpy(),
                    thickness=2,
                    width=8,
                    color=BLACK,
                ),
                text=[f"{v:.0f}%" for v in ppv],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(size=FONT_SIZE, color="white"),
                customdata=np.column_stack([s["tp"], s["tp"] + s["fp"]]),
                hovertemplate="%{x}: PPV %{y:.1f}% (%{customdata[0]:,} of "
                "%{customdata[1]:,} positives)<extra>" + str(strategy) + "</extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=100 * s["prevalence"],
                mode="markers",
                name="prevalence of the event" if i == 0 else None,
                showlegend=i == 0,
                legendgroup="prevalence",
                offsetgroup=str(strategy),
                marker=dict(symbol="diamond", size=16, color="white",
                            line=dict(color=BLACK, width=2.5)),
                hovertemplate="%{x}: prevalence %{y:.2f}%<extra>" + str(strategy) + "</extra>",
            )
        )  # fmt: skip
    fig.update_xaxes(categoryorder="array", categoryarray=order)
    fig.update_yaxes(range=[0, 100])
    return fig
