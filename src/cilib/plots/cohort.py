"""Plotly figures of cohort summaries: cervical length, gestation, risk factors, calibration.

Every function returns a :class:`plotly.graph_objects.Figure` in the shared template
(:mod:`cilib.plots._style`); nothing is shown or saved here. Figures draw aggregates (binned
counts, centiles, tables from :mod:`cilib.analysis.summary`), never raw cohort rows, so a
notebook stores a few kilobytes per chart.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> c = cilib.generate_cohort(2_000, seed=1)
>>> fig = cl_histogram({"true": cilib.cervical_length(c, 22)}, edges=range(0, 61, 2))
>>> fig.layout.xaxis.title.text
'Cervical length (mm)'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.analysis.summary import binned
from cilib.model.cervix import TRAJECTORY_WEEKS, cervical_length
from cilib.params import streams
from cilib.params.assumptions import Assumptions, resolve
from cilib.plots._style import FONT_SIZE, GREY, colour, figure, legend_below, rgba
from cilib.plots.calibration import calibration_plot


# ------------------------------------------------------------------------------- CL
def cl_histogram(
    cl_by_group: Mapping[str, pd.Series],
    edges: Sequence[float],
    reference_centiles: Mapping[str, float] | None = None,
    *,
    title: str = "Cervical length",
) -> go.Figure:
    """Histogram of cervical length per group, as a percentage of each group.

    Parameters
    ----------
    cl_by_group : mapping of str to Series
        Cervical lengths in mm per group (for example ``{"true": ..., "measured": ...}``);
        NaNs (pregnancies already ended) are dropped. Colours come from :func:`colour`.
    edges : sequence of float
        Bin edges in mm; counts are computed with :func:`cilib.analysis.summary.binned`.
    reference_centiles : mapping of str to float, optional
        Published centiles to draw as dashed vertical lines, ``{label: mm}``.
    title : str
        Figure title.

    Returns
    -------
    Figure
        One bar trace per group (one bar per bin) and one vertical line per reference centile.
    """
    fig = figure(
        title,
        "Cervical length (mm)",
        "Pregnancies (% of group)",
        barmode="overlay",
        legend=dict(x=0.99, xanchor="right", y=0.99, yanchor="top"),
    )
    for i, (name, cl) in enumerate(cl_by_group.items()):
        t = binned(cl, edges)
        n = int(pd.Series(cl).notna().sum())
        fig.add_trace(
            go.Bar(
                x=t["mid"],
                y=t["percent"],
                width=(t["right"] - t["left"]) * 0.98,
                name=f"{name} (n={n:,})",
                marker_color=colour(name, i),
                opacity=0.6,
                customdata=np.column_stack([t["left"], t["right"], t["count"]]),
                hovertemplate="%{customdata[0]:g}-%{customdata[1]:g} mm: %{y:.2f}% "
                "(%{customdata[2]:,} pregnancies)<extra>" + name + "</extra>",
            )
        )
    for j, (label, mm) in enumerate((reference_centiles or {}).items()):
        fig.add_vline(
            x=float(mm),
            line=dict(color=colour("published"), dash="dash", width=1.5),
            annotation=dict(text=label, textangle=-90, font=dict(size=FONT_SIZE - 4)),
            annotation_position="top left" if j % 2 else "top right",
        )
    return fig


def cl_trajectories(
    cohort: pd.DataFrame,
    n_lines: int = 30,
    *,
    seed: int = 0,
    weeks: tuple[float, float] = TRAJECTORY_WEEKS,
    assumptions: Assumptions | None = None,
) -> go.Figure:
    """True cervical-length trajectories of a few pregnancies over the cohort's centile bands.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    n_lines : int
        Number of pregnancies drawn (reproducibly, without replacement) as lines; each line
        stops when its pregnancy ends.
    seed : int
        Seed of the sample of lines (independent of the cohort's own streams).
    weeks : tuple of float
        First and last gestational week (within 14-34); centiles are computed at each whole
        week over the pregnancies still ongoing.
    assumptions : Assumptions, optional
        Source of ``preterm_before_weeks`` for colouring lines by preterm birth; by default the
        assumptions the cohort carries (:func:`cilib.assumptions_of`, which raises if it
        carries none).

    Returns
    -------
    Figure
        A shaded 10th-90th centile band, a median line and ``n_lines`` sample lines coloured
        by whether that pregnancy ended preterm.
    """
    a = resolve(cohort, assumptions)
    grid, cl = _cl_by_week(cohort, weeks)
    fig = figure(
        "True cervical length through pregnancy",
        "Gestational age (weeks)",
        "True cervical length (mm)",
        height=640,
        **legend_below(640, rows=2),
    )
    _add_centile_band(fig, grid, cl)
    _add_sample_lines(fig, cohort, grid, cl, n_lines, seed, a["preterm_before_weeks"])
    fig.update_yaxes(rangemode="tozero")
    return fig


def _cl_by_week(cohort: pd.DataFrame, weeks: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Whole weeks within ``weeks`` and the true CL of every pregnancy at each (NaN once ended)."""
    lo, hi = float(weeks[0]), float(weeks[1])
    grid = np.arange(math.ceil(lo), math.floor(hi) + 1, dtype=np.float64)
    if len(grid) < 2:
        raise ValueError(f"weeks: got {weeks!r}; allowed: a span of at least one whole week")
    cl = np.column_stack([cervical_length(cohort, w).to_numpy() for w in grid])
    return grid, cl


def _add_centile_band(fig: go.Figure, grid: np.ndarray, cl: np.ndarray) -> None:
    """The 10th-90th centile band and the median line of CL by week, over ongoing pregnancies."""
    with np.errstate(all="ignore"):
        p10, p50, p90 = (np.nanpercentile(cl, q, axis=0) for q in (10, 50, 90))
    band = rgba(colour("simulated"), 0.18)
    fig.add_trace(
        go.Scatter(
            x=grid, y=p90, mode="lines", line=dict(width=0), hoverinfo="skip", showlegend=False
        )
    )
    fig.add_trace(
        go.Scatter(
            x=grid,
            y=p10,
            mode="lines",
            line=dict(width=0),
            fill="tonexty",
            fillcolor=band,
            name="10th-90th centile (cohort)",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=grid,
            y=p50,
            mode="lines",
            name="median (cohort)",
            line=dict(color=colour("simulated"), width=4),
            hovertemplate="%{x} wk: median %{y:.1f} mm<extra></extra>",
        )
    )


def _add_sample_lines(
    fig: go.Figure,
    cohort: pd.DataFrame,
    grid: np.ndarray,
    cl: np.ndarray,
    n_lines: int,
    seed: int,
    preterm_weeks: float,
) -> None:
    """CL lines of ``n_lines`` pregnancies drawn with ``seed``, coloured by preterm birth."""
    rng = streams.generator(seed, "trajectory_sample")
    k = min(int(n_lines), len(cohort))
    rows = np.sort(rng.choice(len(cohort), size=k, replace=False))
    ga_birth = cohort["ga_birth_weeks"].to_numpy()
    shown: set[str] = set()
    for r in rows:
        kind = "preterm" if ga_birth[r] < preterm_weeks else "term"
        name = f"one pregnancy, born {'<' if kind == 'preterm' else '>='}{preterm_weeks:g} wk"
        fig.add_trace(
            go.Scatter(
                x=grid,
                y=cl[r],
                mode="lines",
                name=name,
                legendgroup=kind,
                showlegend=kind not in shown,
                line=dict(color=colour(kind), width=1.5 if kind == "term" else 2.5),
                opacity=0.6 if kind == "term" else 0.9,
                hovertemplate="%{x} wk: %{y:.1f} mm<extra>born at "
                f"{ga_birth[r]:.1f} wk</extra>",
            )
        )
        shown.add(kind)


# ------------------------------------------------------------------------------- tables
def gestation_bars(table: pd.DataFrame) -> go.Figure:
    """Stacked bars of births by gestational-age band and onset.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.analysis.summary.gestation_distribution`.

    Returns
    -------
    Figure
        One bar trace per onset; bar height is the percentage of all infants born.
    """
    fig = figure(
        "Gestation at birth",
        "Gestational age at birth (completed weeks)",
        "Infants (% of all births)",
        barmode="stack",
    )
    bands = list(table["band"].cat.categories) if hasattr(table["band"], "cat") else None
    for i, (onset, t) in enumerate(table.groupby("onset", observed=True, sort=False)):
        fig.add_trace(
            go.Bar(
                x=t["band"].astype(str),
                y=t["percent"],
                name=str(onset),
                marker_color=colour(str(onset), i),
                customdata=t["infants"],
                hovertemplate="%{x} wk: %{y:.2f}% (%{customdata:,.0f} infants)<extra>"
                + str(onset)
                + "</extra>",
            )
        )
    if bands:
        fig.update_xaxes(categoryorder="array", categoryarray=bands)
    return fig


def prevalence_dot_plot(table: pd.DataFrame) -> go.Figure:
    """Simulated prevalence of each risk factor with its CI beside the assumed value and range.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.analysis.summary.prevalence_table`.

    Returns
    -------
    Figure
        Horizontal dot plot on a logarithmic percentage axis: the published/assumed range as a
        grey bar, the assumption value as an open diamond and the simulated prevalence with its
        95% CI as a dot. Zero values cannot be drawn on a log axis and are labelled instead.
    """
    t = table.reset_index(drop=True)
    labels = t["risk_factor"].tolist()
    pct = {
        c: 100 * t[c].to_numpy(dtype=np.float64)
        for c in ("simulated", "ci_low", "ci_high", "value", "low", "high")
    }
    positive = np.concatenate([v[v > 0] for v in pct.values()])
    floor = 10 ** math.floor(math.log10(positive.min())) if len(positive) else 1e-3
    fig = figure(
        "Risk factors: simulated vs assumed",
        "Prevalence (% of pregnancies, log scale)",
        "Risk factor",
        height=140 + 42 * len(t) + 70,
        **legend_below(140 + 42 * len(t) + 70, rows=2),
    )
    _add_assumed_ranges(fig, labels, pct["low"], pct["high"], floor)
    _add_assumption_values(fig, t, labels, pct["value"])
    drawn = _add_simulated_prevalence(fig, t, labels, pct)
    for i in np.flatnonzero(~drawn):
        fig.add_annotation(
            x=math.log10(floor),
            y=labels[i],
            text="none simulated",
            showarrow=False,
            xanchor="left",
            font=dict(size=FONT_SIZE - 4),
        )
    fig.update_xaxes(type="log", range=[math.log10(floor), 2])
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], showgrid=False)
    return fig


def _add_assumed_ranges(
    fig: go.Figure, labels: list[str], low: np.ndarray, high: np.ndarray, floor: float
) -> None:
    """One grey bar per risk factor from its published/assumed low to high (%), cut at floor."""
    xs, ys = [], []
    for i, lab in enumerate(labels):
        lo, hi = low[i], high[i]
        if np.isfinite(lo) and np.isfinite(hi) and hi > 0:
            xs += [max(lo, floor), hi, None]
            ys += [lab, lab, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            name="published/assumed range",
            line=dict(color=rgba(GREY, 0.45), width=12),
            hoverinfo="skip",
        )
    )


def _add_assumption_values(
    fig: go.Figure, t: pd.DataFrame, labels: list[str], val: np.ndarray
) -> None:
    """The assumption value of each risk factor (%) as an open diamond (positive values only)."""
    ok = np.isfinite(val) & (val > 0)
    fig.add_trace(
        go.Scatter(
            x=val[ok],
            y=np.array(labels)[ok],
            mode="markers",
            name="assumption value",
            marker=dict(
                symbol="diamond-open", size=14, color=colour("assumption"), line=dict(width=3)
            ),
            customdata=t.loc[ok, "record"],
            hovertemplate="%{customdata}: %{x:.3g}%<extra></extra>",
        )
    )


def _add_simulated_prevalence(
    fig: go.Figure, t: pd.DataFrame, labels: list[str], pct: dict[str, np.ndarray]
) -> np.ndarray:
    """Simulated prevalences (%) with their 95% CI as dots; returns which rows were drawn (> 0)."""
    sim = pct["simulated"]
    ok = sim > 0
    fig.add_trace(
        go.Scatter(
            x=sim[ok],
            y=np.array(labels)[ok],
            mode="markers",
            name="simulated (95% CI)",
            marker=dict(size=11, color=colour("simulated")),
            error_x=dict(
                type="data",
                symmetric=False,
                array=(pct["ci_high"] - sim)[ok],
                arrayminus=(sim - pct["ci_low"])[ok],
                thickness=2,
                width=6,
            ),
            customdata=t.loc[ok, "count"],
            hovertemplate="%{y}: %{x:.3g}% (%{customdata:,} pregnancies)<extra>simulated</extra>",
        )
    )
    return ok


__all__ = [
    "calibration_plot",
    "cl_histogram",
    "cl_trajectories",
    "gestation_bars",
    "prevalence_dot_plot",
]
