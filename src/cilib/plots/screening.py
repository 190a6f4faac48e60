"""Plotly figures of cervical-length screening: distributions, metric curves, ROC, PPV.

Every function returns a :class:`plotly.graph_objects.Figure` in the shared ``cilib``
template (:data:`cilib.plots.TEMPLATE`); nothing is shown or saved here. Figures draw
aggregates (binned counts, down-sampled sweeps and ROC curves, tables from
:mod:`cilib.screening.tables`), never raw cohort rows, and no trace holds more than about
200 points. Colours are fixed: early birth vermillion and later birth grey (as "preterm" and
"term" in :data:`cilib.plots.SERIES_COLOURS`), one colour per metric
(:data:`METRIC_COLOURS`) and per screening strategy (:data:`STRATEGY_COLOURS`).

:func:`threshold_slider` builds the interaction into the figure (``layout.sliders`` over
precomputed steps), so it works with no kernel: in exported HTML and on a projector.

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

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.analysis.summary import binned
from cilib.plots._style import (
    BLACK,
    BLUE,
    FONT_SIZE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    colour,
    figure,
    rgba,
)
from cilib.screening.tables import (
    HISTORY_BASED,
    UNIVERSAL,
    downsample_roc,
    downsample_sweep,
    threshold_steps,
)

#: Colour and line dash of each accuracy metric.
METRIC_COLOURS = {"sensitivity": BLUE, "specificity": ORANGE, "ppv": VERMILLION, "npv": GREEN}
METRIC_DASHES = {"sensitivity": "solid", "specificity": "dash", "ppv": "solid", "npv": "dot"}
METRIC_LABELS = {"sensitivity": "sensitivity", "specificity": "specificity", "ppv": "PPV",
                 "npv": "NPV"}  # fmt: skip
#: Colour per screening strategy (see :func:`cilib.screening.tables.strategy_table`).
STRATEGY_COLOURS = {UNIVERSAL: BLUE, HISTORY_BASED: PURPLE}
#: Display names of the subgroups of :func:`cilib.screening.subgroups`.
GROUP_LABELS = {"all": "all women"}

EVENT_COLOUR = colour("preterm")
NON_EVENT_COLOUR = colour("term")
MAX_POINTS = 200
HEADROOM = 1.8  # y-axis range of the slider figure as a multiple of its tallest bar

__all__ = [
    "GROUP_LABELS",
    "METRIC_COLOURS",
    "STRATEGY_COLOURS",
    "cl_by_outcome",
    "metric_curves",
    "metrics_text",
    "ppv_by_population",
    "roc_plot",
    "threshold_slider",
]


# ------------------------------------------------------------------------------ helpers


SHADE = rgba(SKY_BLUE, 0.18)  # the screen-positive region


def _row(x) -> pd.Series:
    if isinstance(x, pd.DataFrame):
        if len(x) != 1:
            raise ValueError(f"got a table of {len(x)} rows; allowed: one row")
        return x.iloc[0]
    return x


def _valid(marker, event) -> tuple[np.ndarray, np.ndarray]:
    m = np.asarray(marker, dtype=np.float64)
    e = np.asarray(event)
    if e.dtype != np.bool_ or m.shape != e.shape or m.ndim != 1:
        raise ValueError(
            f"marker, event: got {m.dtype}{m.shape} and {e.dtype}{e.shape}; allowed: 1-D CL in "
            "mm and booleans of the same length"
        )
    keep = ~np.isnan(m)
    return m[keep], e[keep]


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
    r = _row(row)
    tp, fp, fn = int(r["tp"]), int(r["fp"]), int(r["fn"])
    return (
        f"<b>CL ≤ {r['threshold_mm']:g} mm</b><br>"
        f"sensitivity {_pct(r['sensitivity'])} ({tp:,} of {tp + fn:,} with {event_label})<br>"
        f"specificity {_pct(r['specificity'])}<br>"
        f"PPV {_pct(r['ppv'])} ({tp:,} of {tp + fp:,} positive)<br>"
        f"NPV {_pct(r['npv'])}<br>"
        f"screen positive {_pct(r['positive_rate'])} of women"
    )


def _threshold_layout(
    threshold_mm: float, x0: float, text: str | None
) -> tuple[list[dict], list[dict]]:
    """Shapes (shaded positive region, threshold line) and annotations of one threshold."""
    shapes = [
        dict(type="rect", xref="x", yref="paper", x0=x0, x1=threshold_mm, y0=0, y1=1,
             fillcolor=SHADE, line=dict(width=0), layer="below"),
        dict(type="line", xref="x", yref="paper", x0=threshold_mm, x1=threshold_mm, y0=0,
             y1=1, line=dict(color=BLACK, width=3, dash="dash")),
    ]  # fmt: skip
    annotations = [
        dict(xref="x", yref="paper", x=threshold_mm, y=0.99, yanchor="top", xanchor="left",
             xshift=4, text=f"{threshold_mm:g} mm", showarrow=False,
             font=dict(size=FONT_SIZE - 2)),
    ]  # fmt: skip
    if text is not None:
        annotations.append(
            dict(xref="paper", yref="paper", x=0.99, y=0.97, xanchor="right", yanchor="top",
                 align="left", text=text, showarrow=False, bgcolor="rgba(255,255,255,0.9)",
                 bordercolor="#444444", borderwidth=1, borderpad=6,
                 font=dict(size=FONT_SIZE - 2))
        )  # fmt: skip
    return shapes, annotations


def _outcome_bars(fig: go.Figure, m, e, edges, event_label: str, other_label: str) -> list:
    """Two overlaid bar traces, % of each outcome group per CL bin; returns the bin tables."""
    tables = []
    for name, sel, col in (
        (other_label, ~e, NON_EVENT_COLOUR),
        (event_label, e, EVENT_COLOUR),
    ):
        t = binned(m[sel], edges)
        tables.append(t)
        fig.add_trace(
            go.Bar(
                x=t["mid"],
                y=t["percent"],
                width=(t["right"] - t["left"]) * 0.98,
                name=f"{name} (n={int(sel.sum()):,})",
                marker_color=col,
                opacity=0.65,
                customdata=np.column_stack([t["left"], t["right"], t["count"]]),
                hovertemplate="%{customdata[0]:g}-%{customdata[1]:g} mm: %{y:.2f}% "
                "(%{customdata[2]:,} pregnancies)<extra>" + name + "</extra>",
            )
        )
    return tables


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
    m, e = _valid(marker, event)
    fig = figure(
        title or f"Cervical length by outcome, threshold {threshold_mm:g} mm",
        "Measured cervical length (mm)",
        "Pregnancies (% of outcome group)",
        barmode="overlay",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
        margin=dict(t=130),
    )
    _outcome_bars(fig, m, e, edges, event_label, other_label)
    shapes, annotations = _threshold_layout(float(threshold_mm), float(edges[0]), None)
    fig.update_layout(shapes=shapes, annotations=annotations)
    return fig


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
    m, e = _valid(marker, event)
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
    tables = _outcome_bars(fig, m, e, edges, event_label, other_label)
    mids = tables[0]["mid"].to_numpy()
    top = max(float(np.nanmax(t["percent"])) for t in tables)
    fig.update_yaxes(range=[0, HEADROOM * top])  # room for the metrics box above the bars
    steps = []
    for i, t in enumerate(thr):
        shapes, annotations = _threshold_layout(
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
    a = _row(auc_row)
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
