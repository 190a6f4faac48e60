"""Plotly figures of treatment effects: re-run trials beside their published results.

Every function returns a :class:`plotly.graph_objects.Figure` in the shared ``cilib`` template
(:data:`cilib.plots.TEMPLATE`); nothing is shown or saved here. Figures draw aggregates only:
one row per trial (the table of :func:`cilib.trials.run_all`, or rows of
:func:`cilib.trials.run_trial`) or a few precomputed points of an effect curve. Colours are
fixed: simulated blue, published black (``SERIES_COLOURS``), control and treatment arms as in
:data:`ARM_COLOURS`.

- :func:`trial_forest`: a forest plot, the simulated risk ratio (RR) with its 95% CI beside the
  published RR with its CI, per trial (log scale, line of no effect at 1).
- :func:`arm_rates`: control and treatment rates, simulated (Wilson 95% CI) vs published.
- :func:`effect_curve`: an outcome (a rate or an RR) against a hazard ratio or a threshold,
  from precomputed points.
- :func:`hazard_ratio_over_gestation`: each treatment's hazard multiplier week by week for one
  pregnancy (:func:`cilib.interventions.treatments.hazard_ratio_table`).

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import pandas as pd
>>> from cilib.plots import treatments as treatment_plots
>>> table = pd.DataFrame({"trial": ["a"], "outcome": ["PTB < 34 wk"], "rr": [0.6],
...     "rr_low": [0.5], "rr_high": [0.8], "published_rr": [0.56],
...     "published_rr_low": [0.36], "published_rr_high": [0.86]})
>>> treatment_plots.trial_forest(table).layout.xaxis.title.text
'Risk ratio, treatment vs control (log scale)'
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.plots._style import (
    BLUE,
    GREY,
    LEGEND_ROW_PX,
    ORANGE,
    VERMILLION,
    X_AXIS_BAND_PX,
    colour,
    error_bars,
    figure,
    legend_below,
    rgba,
)

__all__ = [
    "ARM_COLOURS",
    "arm_rates",
    "effect_curve",
    "hazard_ratio_over_gestation",
    "trial_forest",
]

#: Colour per trial arm.
ARM_COLOURS = {"control": GREY, "treatment": BLUE}
_OFFSET = 0.17  # vertical offset of the simulated / published markers within a trial's row
_MARKER = 13
_LEGEND_PX = X_AXIS_BAND_PX + 2 * LEGEND_ROW_PX + 10  # bottom margin of legend_below(rows=2)


def _labels(t: pd.DataFrame, labels: Mapping[str, str] | None) -> list[str]:
    labels = dict(labels or {})
    out = []
    for _, r in t.iterrows():
        name = labels.get(r["trial"], str(r["trial"]))
        out.append(f"{name}<br><sub>{r['outcome']}</sub>" if "outcome" in t else name)
    return out


def _rows_axis(fig: go.Figure, labels: list[str]) -> None:
    n = len(labels)
    fig.update_yaxes(
        tickvals=list(range(n)),
        ticktext=labels,
        range=[n - 0.5, -0.5],  # first trial at the top
        showgrid=False,
        zeroline=False,
    )


def _trial_figure(table: pd.DataFrame, labels, title: str, x_title: str):
    """The table with a fresh index, the row labels and a figure sized for one row per trial."""
    t = table.reset_index(drop=True)
    n = len(t)
    # title margin, a plot area of 110 px + 95 px per trial, and a two-row legend below the
    # x-axis title
    height = 80 + 110 + 95 * n + _LEGEND_PX
    fig = figure(title, x_title, "Trial (outcome)", height=height, **legend_below(height, rows=2))
    return t, _labels(t, labels), fig


def trial_forest(
    table: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    counterfactual: bool = False,
    title: str = "Re-run trials: simulated vs published risk ratio",
) -> go.Figure:
    """Forest plot: simulated RR (95% CI) beside the published RR (95% CI), one row per trial.

    Parameters
    ----------
    table : DataFrame
        One row per trial with ``trial``, ``rr``, ``rr_low``, ``rr_high``, ``published_rr``,
        ``published_rr_low``, ``published_rr_high`` (``outcome`` is shown under the name if
        present), as returned by :func:`cilib.trials.run_all`. A published CI that is NaN (not
        captured) is drawn as a point without whiskers.
    labels : mapping, optional
        Display name per trial name.
    counterfactual : bool
        Also draw the same-women RR (``rr_counterfactual`` with ``_low``/``_high``): every
        eligible woman followed under both arms, the RR the treatment effects were fitted to.
    title : str

    Returns
    -------
    Figure
        Log-scale x axis with the line of no effect (RR = 1) drawn as a trace.
    """
    t, names, fig = _trial_figure(
        table, labels, title, "Risk ratio, treatment vs control (log scale)"
    )
    n = len(t)
    y = np.arange(n, dtype=np.float64)
    fig.add_trace(
        go.Scatter(
            x=[1.0, 1.0],
            y=[-0.5, n - 0.5],
            mode="lines",
            line=dict(color=GREY, width=1.5, dash="dash"),
            name="no effect (RR = 1)",
            hoverinfo="skip",
        )
    )
    series = [("published", "published_rr", "diamond", -_OFFSET)]
    series.append(("simulated", "rr", "circle", _OFFSET if not counterfactual else 0.0))
    if counterfactual:
        series.append(("simulated, same women", "rr_counterfactual", "square", _OFFSET))
    for name, col, symbol, dy in series:
        x = t[col].to_numpy(dtype=np.float64)
        lo, hi = t[f"{col}_low"].to_numpy(np.float64), t[f"{col}_high"].to_numpy(np.float64)
        col_hex = colour(name) if name != "simulated, same women" else ORANGE
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y + dy,
                mode="markers",
                name=f"{name} RR (95% CI)",
                marker=dict(size=_MARKER, symbol=symbol, color=col_hex),
                error_x=error_bars(x, lo, hi, width=6),
                customdata=np.column_stack([lo, hi]),
                text=[s.split("<br>")[0] for s in names],
                hovertemplate=f"{name}: RR %{{x:.2f}} (%{{customdata[0]:.2f}}-"
                "%{customdata[1]:.2f})<extra>%{text}</extra>",
            )
        )
    values = t[[c for c in t.columns if c.startswith(("rr", "published_rr"))]]
    finite = values.to_numpy(np.float64)
    finite = finite[np.isfinite(finite) & (finite > 0)]
    lo_x = min(float(finite.min()) if finite.size else 0.5, 0.9) / 1.15
    hi_x = max(float(finite.max()) if finite.size else 2.0, 1.1) * 1.15
    fig.update_xaxes(type="log", range=[math.log10(lo_x), math.log10(hi_x)])
    _rows_axis(fig, names)
    return fig


def arm_rates(
    table: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    title: str = "Re-run trials: rates in each arm, simulated vs published",
) -> go.Figure:
    """Control and treatment rates per trial: simulated (Wilson 95% CI) vs published.

    Parameters
    ----------
    table : DataFrame
        One row per trial with ``trial``, ``control_rate``, ``control_low``, ``control_high``,
        ``treatment_rate``, ``treatment_low``, ``treatment_high``, ``published_control`` and
        ``published_treatment`` (proportions; NaN where not published), as returned by
        :func:`cilib.trials.run_all`.
    labels : mapping, optional
        Display name per trial name.
    title : str

    Returns
    -------
    Figure
        x: rate in percent; one row per trial; circles simulated, diamonds published, grey the
        control arm and blue the treatment arm.
    """
    t, names, fig = _trial_figure(table, labels, title, "Women with the trial's outcome (%)")
    n = len(t)
    y = np.arange(n, dtype=np.float64)
    for arm, dy in (("control", -_OFFSET), ("treatment", _OFFSET)):
        rate = 100 * t[f"{arm}_rate"].to_numpy(np.float64)
        lo = 100 * t[f"{arm}_low"].to_numpy(np.float64)
        hi = 100 * t[f"{arm}_high"].to_numpy(np.float64)
        pub = 100 * t[f"published_{arm}"].to_numpy(np.float64)
        fig.add_trace(
            go.Scatter(
                x=rate,
                y=y + dy,
                mode="markers",
                name=f"{arm}, simulated (95% CI)",
                marker=dict(size=_MARKER, color=ARM_COLOURS[arm], symbol="circle"),
                error_x=error_bars(rate, lo, hi, width=6),
                text=[s.split("<br>")[0] for s in names],
                hovertemplate=f"{arm} simulated %{{x:.1f}}%<extra>%{{text}}</extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=pub,
                y=y + dy,
                mode="markers",
                name=f"{arm}, published",
                marker=dict(
                    size=_MARKER + 2,
                    color=ARM_COLOURS[arm],
                    symbol="diamond-open",
                    line=dict(width=3),
                ),
                text=[s.split("<br>")[0] for s in names],
                hovertemplate=f"{arm} published %{{x:.1f}}%<extra>%{{text}}</extra>",
            )
        )
    fig.update_xaxes(rangemode="tozero")
    _rows_axis(fig, names)
    return fig


def effect_curve(
    points: pd.DataFrame,
    *,
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    y_low: str | None = None,
    y_high: str | None = None,
    group: str | None = None,
    current_x: float | None = None,
    current_label: str = "model value",
    published: tuple[float, float, float] | None = None,
    published_label: str = "published (95% CI)",
    log_y: bool = False,
    title: str = "",
) -> go.Figure:
    """An outcome against a hazard ratio or a threshold, from precomputed points.

    Parameters
    ----------
    points : DataFrame
        One row per computed value of ``x`` (and per ``group``, if given).
    x, y : str
        Columns of the swept value (e.g. a hazard ratio) and the outcome (a rate or an RR).
    x_title, y_title : str
        Axis titles, with units.
    y_low, y_high : str, optional
        Columns of the outcome's 95% CI, drawn as a shaded band.
    group : str, optional
        Column splitting the points into one line each (e.g. trial arm).
    current_x : float, optional
        Draw a vertical marker at the model's current value.
    published : (value, low, high), optional
        A published result drawn as a horizontal line with a shaded CI band (NaN bounds: line
        only).
    log_y : bool
        Log-scale y axis (for risk ratios).
    title : str

    Returns
    -------
    Figure
        In this order: the published CI band (unless a bound is NaN) and line, then per
        group a shaded CI band (if ``y_low`` and ``y_high``) and a line with markers, then the
        dashed marker at ``current_x``; a log y axis if ``log_y``.
    """
    p = points.sort_values([c for c in (group, x) if c is not None]).reset_index(drop=True)
    fig = figure(title, x_title, y_title, height=520, **legend_below(520, rows=2))
    xs = p[x].to_numpy(np.float64)
    x0, x1 = float(np.nanmin(xs)), float(np.nanmax(xs))
    if published is not None:
        _add_published_line(fig, published, published_label, x0, x1)
    groups = [(None, p)] if group is None else list(p.groupby(group, sort=False))
    for i, (key, g) in enumerate(groups):
        col = colour("simulated") if key is None else ARM_COLOURS.get(str(key), colour(str(key), i))
        name = "simulated" if key is None else str(key)
        if y_low is not None and y_high is not None:
            _add_ci_band(fig, g[x], g[y_low], g[y_high], col, name)
        fig.add_trace(
            go.Scatter(
                x=g[x],
                y=g[y],
                mode="lines+markers",
                name=name,
                line=dict(color=col, width=3),
                marker=dict(size=9, color=col),
                hovertemplate=f"{x} %{{x:.3g}}: {y} %{{y:.3g}}<extra>{name}</extra>",
            )
        )
    if current_x is not None:
        ys = p[[c for c in (y, y_low, y_high) if c is not None]].to_numpy(np.float64)
        _add_current_marker(fig, current_x, current_label, ys, published)
    if log_y:
        fig.update_yaxes(type="log")
    return fig


def _add_published_line(
    fig: go.Figure, published: tuple[float, float, float], label: str, x0: float, x1: float
) -> None:
    """A published (value, low, high) as a dotted line from x0 to x1 over a shaded CI band."""
    value, low, high = (float(v) for v in published)
    if not (math.isnan(low) or math.isnan(high)):
        fig.add_trace(
            go.Scatter(
                x=[x0, x1, x1, x0, x0],
                y=[low, low, high, high, low],
                fill="toself",
                mode="lines",
                line=dict(width=0),
                fillcolor=rgba(colour("published"), 0.10),
                name=f"{label}: CI",
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[x0, x1],
            y=[value, value],
            mode="lines",
            line=dict(color=colour("published"), width=2, dash="dot"),
            name=label,
        )
    )


def _add_ci_band(
    fig: go.Figure, x: pd.Series, low: pd.Series, high: pd.Series, col: str, name: str
) -> None:
    """A shaded 95% CI band from ``low`` to ``high`` along ``x``, in the line's colour."""
    gx = x.to_numpy(np.float64)
    fig.add_trace(
        go.Scatter(
            x=np.concatenate([gx, gx[::-1]]),
            y=np.concatenate([high.to_numpy(np.float64), low.to_numpy(np.float64)[::-1]]),
            fill="toself",
            mode="lines",
            line=dict(width=0),
            fillcolor=rgba(col, 0.18),
            name=f"{name}: 95% CI",
            hoverinfo="skip",
            showlegend=False,
        )
    )


def _add_current_marker(
    fig: go.Figure,
    current_x: float,
    label: str,
    ys: np.ndarray,
    published: tuple[float, float, float] | None,
) -> None:
    """A dashed vertical line at ``current_x`` spanning the finite ``ys`` and published values."""
    ys = ys[np.isfinite(ys)]
    if published is not None:
        ys = np.concatenate([ys, [v for v in published if np.isfinite(v)]])
    lo_y, hi_y = (float(ys.min()), float(ys.max())) if ys.size else (0.0, 1.0)
    fig.add_trace(
        go.Scatter(
            x=[current_x, current_x],
            y=[lo_y, hi_y],
            mode="lines",
            line=dict(color=VERMILLION, width=2, dash="dash"),
            name=f"{label} ({current_x:.3g})",
            hoverinfo="skip",
        )
    )


def hazard_ratio_over_gestation(
    table: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    markers: Mapping[str, float] | None = None,
    title: str = "Hazard ratio of each treatment over gestation",
) -> go.Figure:
    """Step lines of each treatment's hazard multiplier against gestation (one pregnancy).

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.interventions.treatments.hazard_ratio_table`: ``treatment``,
        ``process``, ``week``, ``hazard_ratio``.
    labels : mapping, optional
        Display name per treatment.
    markers : mapping, optional
        Label -> week of a vertical dotted line (e.g. when the cervix becomes short).
    title : str

    Returns
    -------
    Figure
        Log-scale y axis (hazard ratio), one colour per treatment, solid for the cervix-driven
        hazard and dashed for the others.
    """
    labels = dict(labels or {})
    fig = figure(title, "Gestation (weeks)", "Hazard ratio (log scale)", height=480)
    dashes = {"cervical": "solid", "dilation": "dot", "preterm": "dash", "pprom": "dashdot"}
    for i, (t, g) in enumerate(table.groupby("treatment", sort=False)):
        for p, h in g.groupby("process", sort=False):
            fig.add_trace(
                go.Scatter(
                    x=h["week"],
                    y=h["hazard_ratio"],
                    mode="lines",
                    line=dict(
                        color=colour(str(t), i), width=3, dash=dashes.get(p, "solid"), shape="hv"
                    ),
                    name=f"{labels.get(t, t)}: {p}",
                )
            )
    for name, week in (markers or {}).items():
        fig.add_vline(x=week, line=dict(color=GREY, dash="dot"), annotation_text=name)
    fig.update_yaxes(type="log")
    return fig
