"""Plotly figures of cohort summaries, in one shared template readable on a projector.

Every function returns a :class:`plotly.graph_objects.Figure`; nothing is shown or saved here.
Figures draw aggregates (binned counts, centiles, tables from :mod:`cilib.summary`), never raw
cohort rows, so a notebook stores a few kilobytes per chart. Colours are fixed per onset, risk
group, scenario and series (see the ``*_COLOURS`` dictionaries), so the same group has the same
colour in every chart. Palette: Okabe and Ito's colour-blind-safe colours.

Importing this module registers :data:`TEMPLATE` as ``plotly.io.templates["cilib"]``; it does
not change plotly's default template or renderer.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib import plots, summary
>>> c = cilib.generate_cohort(2_000, seed=1)
>>> fig = plots.gestation_bars(summary.gestation_distribution(c))
>>> fig.layout.xaxis.title.text
'Gestational age at birth (completed weeks)'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from cilib.assumptions import Assumptions
from cilib.cervix import TRAJECTORY_WEEKS, cervical_length
from cilib.summary import binned

# Okabe & Ito (2008) colour-blind-safe palette.
BLACK, ORANGE, SKY_BLUE, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
YELLOW, BLUE, VERMILLION, PURPLE = "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
GREY = "#7F7F7F"
COLORWAY = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, YELLOW, BLACK]

#: Colour per onset of birth.
ONSET_COLOURS = {"spontaneous": BLUE, "indicated": ORANGE}
#: Colour per risk group (cohort subgroups and risk factors).
RISK_GROUP_COLOURS = {
    "all": GREY,
    "no risk factor": GREY,
    "singleton": BLUE,
    "twin": ORANGE,
    "twins": ORANGE,
    "triplet": VERMILLION,
    "smoking": BLACK,
    "bacterial vaginosis": PURPLE,
    "chlamydia": SKY_BLUE,
    "cervical excision": GREEN,
    "cervical insufficiency": VERMILLION,
    "prior sPTB": YELLOW,
    "NH White": SKY_BLUE,
    "NH Black": BLACK,
    "Hispanic": GREEN,
    "NH Asian": PURPLE,
    "Other": YELLOW,
}
#: Colour per scenario.
SCENARIO_COLOURS = {"us_contemporary": BLUE, "iams_1996": VERMILLION, "fmf_london": GREEN}
#: Colour per kind of series (simulated vs published, true vs measured, term vs preterm).
SERIES_COLOURS = {
    "simulated": BLUE,
    "published": BLACK,
    "assumption": ORANGE,
    "true": BLUE,
    "measured": ORANGE,
    "term": GREY,
    "preterm": VERMILLION,
    "before": GREY,
    "after": BLUE,
}

FONT_SIZE = 18

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family="Arial, Helvetica, sans-serif", size=FONT_SIZE, color="#222222"),
        title=dict(font=dict(size=FONT_SIZE + 4), x=0.0, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=COLORWAY,
        xaxis=dict(
            showgrid=True,
            gridcolor="#E5E5E5",
            showline=True,
            linecolor="#444444",
            ticks="outside",
            zeroline=False,
            automargin=True,
            title=dict(standoff=12),
        ),
        yaxis=dict(
            showgrid=True,
            gridcolor="#E5E5E5",
            showline=True,
            linecolor="#444444",
            ticks="outside",
            zeroline=False,
            automargin=True,
            title=dict(standoff=12),
        ),
        legend=dict(bgcolor="rgba(255,255,255,0.8)", font=dict(size=FONT_SIZE - 2)),
        hoverlabel=dict(font=dict(size=FONT_SIZE - 2)),
        margin=dict(l=80, r=30, t=80, b=70),
        bargap=0.05,
    )
)
pio.templates["cilib"] = TEMPLATE


def colour(name: str, index: int = 0) -> str:
    """The fixed colour of a named onset, risk group, scenario or series.

    Unknown names get the ``index``-th colour of the template's colour way.
    """
    for table in (ONSET_COLOURS, SCENARIO_COLOURS, SERIES_COLOURS, RISK_GROUP_COLOURS):
        if name in table:
            return table[name]
    return COLORWAY[index % len(COLORWAY)]


def _figure(title: str, x_title: str, y_title: str, **layout) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE, title=title, **layout)
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    return fig


def error_bars(x, lo, hi, **style) -> dict:
    """Asymmetric plotly error bars from a value and its interval (NaN limits draw none)."""
    x, lo, hi = (np.asarray(v, dtype=np.float64) for v in (x, lo, hi))
    return dict(
        type="data",
        symmetric=False,
        array=np.nan_to_num(hi - x, nan=0.0),
        arrayminus=np.nan_to_num(x - lo, nan=0.0),
        thickness=2.5,
        **style,
    )


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


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
        Bin edges in mm; counts are computed with :func:`cilib.summary.binned`.
    reference_centiles : mapping of str to float, optional
        Published centiles to draw as dashed vertical lines, ``{label: mm}``.
    title : str
        Figure title.

    Returns
    -------
    Figure
        One bar trace per group (one bar per bin) and one vertical line per reference centile.
    """
    fig = _figure(
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
        Source of ``preterm_before_weeks`` for colouring lines by preterm birth; default
        :meth:`cilib.Assumptions.default`.

    Returns
    -------
    Figure
        A shaded 10th-90th centile band, a median line and ``n_lines`` sample lines coloured
        by whether that pregnancy ended preterm.
    """
    a = assumptions if assumptions is not None else Assumptions.default()
    lo, hi = float(weeks[0]), float(weeks[1])
    grid = np.arange(math.ceil(lo), math.floor(hi) + 1, dtype=np.float64)
    if len(grid) < 2:
        raise ValueError(f"weeks: got {weeks!r}; allowed: a span of at least one whole week")
    cl = np.column_stack([cervical_length(cohort, w).to_numpy() for w in grid])
    with np.errstate(all="ignore"):
        p10, p50, p90 = (np.nanpercentile(cl, q, axis=0) for q in (10, 50, 90))
    fig = _figure(
        "True cervical length through pregnancy",
        "Gestational age (weeks)",
        "True cervical length (mm)",
        legend=dict(orientation="h", x=0, y=-0.2, yanchor="top"),
        height=600,
    )
    band = _rgba(colour("simulated"), 0.18)
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
    rng = np.random.default_rng(seed)
    k = min(int(n_lines), len(cohort))
    rows = np.sort(rng.choice(len(cohort), size=k, replace=False))
    ga_birth = cohort["ga_birth_weeks"].to_numpy()
    shown: set[str] = set()
    for r in rows:
        kind = "preterm" if ga_birth[r] < a["preterm_before_weeks"] else "term"
        name = (
            f"one pregnancy, born {'<' if kind == 'preterm' else '>='}"
            f"{a['preterm_before_weeks']:g} wk"
        )
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
    fig.update_yaxes(rangemode="tozero")
    return fig


# ------------------------------------------------------------------------------- tables
def gestation_bars(table: pd.DataFrame) -> go.Figure:
    """Stacked bars of births by gestational-age band and onset.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.summary.gestation_distribution`.

    Returns
    -------
    Figure
        One bar trace per onset; bar height is the percentage of all infants born.
    """
    fig = _figure(
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
        From :func:`cilib.summary.prevalence_table`.

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
    fig = _figure(
        "Risk factors: simulated vs assumed",
        "Prevalence (% of pregnancies, log scale)",
        "Risk factor",
        height=140 + 42 * len(t),
        legend=dict(orientation="h", y=-0.18, x=0),
    )
    xs, ys = [], []
    for i, lab in enumerate(labels):
        lo, hi = pct["low"][i], pct["high"][i]
        if np.isfinite(lo) and np.isfinite(hi) and hi > 0:
            xs += [max(lo, floor), hi, None]
            ys += [lab, lab, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            name="published/assumed range",
            line=dict(color=_rgba(GREY, 0.45), width=12),
            hoverinfo="skip",
        )
    )
    val = pct["value"]
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
    for i in np.flatnonzero(~ok):
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


_CLIP = 5.0


def calibration_plot(table: pd.DataFrame) -> go.Figure:
    """Each calibration target's simulated value against its acceptance interval.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.calibration.calibrate`.

    Returns
    -------
    Figure
        One row per target. Targets have different units, so the x axis is standardised: 0 is
        the published value and -1/+1 the lower/upper edges of the acceptance interval (shaded);
        a point inside the band passes. Values beyond +/-5 are drawn at the edge as triangles.
        Hover text shows the values in their own units. Points are coloured by scenario.
    """
    t = table.reset_index(drop=True)
    labels = [f"{d} [{u}]" for d, u in zip(t["description"], t["unit"], strict=True)]

    def scale(v):
        v = np.asarray(v, dtype=np.float64)
        below = (t["published"] - t["lower"]).to_numpy(dtype=np.float64)
        above = (t["upper"] - t["published"]).to_numpy(dtype=np.float64)
        d = v - t["published"].to_numpy(dtype=np.float64)
        return np.where(d < 0, d / below, d / above)

    x, lo, hi = scale(t["simulated"]), scale(t["ci_low"]), scale(t["ci_high"])
    xc = np.clip(x, -_CLIP, _CLIP)
    fig = _figure(
        "Calibration: simulated vs published",
        "Distance from the published value (\u00b11 = edge of the acceptance interval)",
        "Calibration target [unit]",
        height=160 + 34 * len(t),
        legend=dict(orientation="h", y=-0.12, x=0),
    )
    fig.add_vrect(x0=-1, x1=1, fillcolor=_rgba(GREEN, 0.15), line_width=0, layer="below")
    fig.add_vline(x=0, line=dict(color=colour("published"), width=1.5))
    for i, (scen, idx) in enumerate(t.groupby("scenario", sort=False).groups.items()):
        idx = np.asarray(idx)
        sym = np.where(
            x[idx] > _CLIP, "triangle-right", np.where(x[idx] < -_CLIP, "triangle-left", "circle")
        )
        custom = np.column_stack(
            [
                t.loc[idx, "simulated"],
                t.loc[idx, "ci_low"],
                t.loc[idx, "ci_high"],
                t.loc[idx, "published"],
                t.loc[idx, "lower"],
                t.loc[idx, "upper"],
                t.loc[idx, "unit"],
            ]
        )
        fig.add_trace(
            go.Scatter(
                x=xc[idx],
                y=np.array(labels)[idx],
                mode="markers",
                name=str(scen),
                marker=dict(size=12, color=colour(str(scen), i), symbol=sym),
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=np.clip(hi[idx], -_CLIP, _CLIP) - xc[idx],
                    arrayminus=xc[idx] - np.clip(lo[idx], -_CLIP, _CLIP),
                    width=5,
                ),
                customdata=custom,
                hovertemplate="simulated %{customdata[0]:.3g} (%{customdata[1]:.3g}-"
                "%{customdata[2]:.3g}) %{customdata[6]}<br>published %{customdata[3]:.3g}, "
                "accepted %{customdata[4]:.3g}-%{customdata[5]:.3g}<extra>%{y}</extra>",
            )
        )
    fig.update_xaxes(range=[-_CLIP - 0.5, _CLIP + 0.5], zeroline=False)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], showgrid=False)
    return fig


__all__ = [
    "COLORWAY",
    "ONSET_COLOURS",
    "RISK_GROUP_COLOURS",
    "SCENARIO_COLOURS",
    "SERIES_COLOURS",
    "TEMPLATE",
    "calibration_plot",
    "cl_histogram",
    "cl_trajectories",
    "colour",
    "gestation_bars",
    "prevalence_dot_plot",
]
