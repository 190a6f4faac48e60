"""Charts of a probabilistic sensitivity analysis: the incremental scatter of the draws, the
interval chart of each policy, the probability that each policy is best, and the tornado of a
one-way analysis.

Every function takes the tables of :mod:`cilib.analysis.psa` or
:mod:`cilib.analysis.sensitivity` (per-draw aggregates, never cohort rows) and returns a
:class:`plotly.graph_objects.Figure`.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.analysis.psa import PSAResult
from cilib.plots._style import (
    BLUE,
    DEFAULT_HEIGHT,
    GREY,
    VERMILLION,
    colour,
    error_bars,
    figure,
    legend_below,
)

__all__ = [
    "ceac",
    "incremental_scatter",
    "intervals",
    "probability_best",
    "rankogram",
    "tornado",
]


def incremental_scatter(
    result: PSAResult,
    reference: str,
    x_outcome: str,
    y_outcome: str,
    *,
    labels: Mapping[str, str] | None = None,
    title: str = "Each draw: a policy's effect against the reference",
) -> go.Figure:
    """One point per draw and policy: the difference from ``reference`` in ``x_outcome``
    (x) and ``y_outcome`` (y), with dotted zero lines."""
    inc = result.incremental(reference)
    labels = dict(labels or {})
    fig = figure(
        title,
        f"{labels.get(x_outcome, x_outcome)}, difference",
        f"{labels.get(y_outcome, y_outcome)}, difference",
        height=520,
    )
    for i, (policy, g) in enumerate(inc.groupby("policy", sort=False)):
        w = g.pivot(index="draw", columns="outcome", values="difference")
        fig.add_trace(
            go.Scatter(
                x=w[x_outcome],
                y=w[y_outcome],
                mode="markers",
                name=labels.get(policy, policy),
                marker=dict(color=colour(policy, i), size=8, opacity=0.7),
            )
        )
    fig.add_hline(y=0, line_dash="dot", line_color=GREY)
    fig.add_vline(x=0, line_dash="dot", line_color=GREY)
    return fig


def intervals(
    result: PSAResult,
    outcome: str,
    *,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """Mean and central 95% interval over the draws of ``outcome`` per policy (horizontal)."""
    s = result.summary()
    s = s[s["outcome"] == outcome]
    labels = dict(labels or {})
    names = [labels.get(p, p) for p in s["policy"]]
    fig = figure(
        title or f"{outcome}: mean and 95% interval over the draws",
        outcome,
        "",
        height=max(320, 60 * len(s) + 140),
    )
    fig.add_trace(
        go.Scatter(
            x=s["mean"],
            y=names,
            mode="markers",
            marker=dict(color=BLUE, size=12),
            error_x=error_bars(s["mean"], s["low"], s["high"], color=BLUE),
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", title_text="policy")
    return fig


def probability_best(
    result: PSAResult,
    outcome: str,
    *,
    higher_is_better: bool = True,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """The share of draws in which each policy has the best ``outcome`` (ties split)."""
    w = result.wide(outcome)
    best = w.max(axis=1) if higher_is_better else w.min(axis=1)
    wins = w.eq(best, axis=0)
    share = wins.div(wins.sum(axis=1), axis=0).mean()
    labels = dict(labels or {})
    order = list(w.columns)
    fig = figure(
        title or f"Probability of the best {outcome}",
        "policy",
        "share of draws",
        height=420,
    )
    fig.add_trace(
        go.Bar(
            x=[labels.get(p, p) for p in order],
            y=[float(share[p]) for p in order],
            marker_color=BLUE,
            showlegend=False,
        )
    )
    fig.update_yaxes(range=[0, 1])
    return fig


def tornado(
    table: pd.DataFrame,
    *,
    output_label: str = "output",
    top: int = 12,
    title: str = "One-way sensitivity: the output at each end of each parameter's range",
) -> go.Figure:
    """Bars from the base output to the output at each parameter's low and high ends
    (:func:`cilib.analysis.sensitivity.one_way`), largest swing at the top."""
    t = table.head(top).iloc[::-1]
    base = float(t["base"].iloc[0]) if len(t) else 0.0
    fig = figure(title, output_label, "parameter", height=max(360, 40 * len(t) + 160))
    for end, col, name in (
        ("output_low", BLUE, "at the low end"),
        ("output_high", VERMILLION, "at the high end"),
    ):
        fig.add_trace(
            go.Bar(
                y=t["parameter"],
                x=t[end] - base,
                base=np.full(len(t), base),
                orientation="h",
                name=name,
                marker_color=col,
            )
        )
    fig.update_layout(barmode="overlay", **legend_below(fig.layout.height or DEFAULT_HEIGHT))
    fig.add_vline(x=base, line_color=GREY)
    return fig


def ceac(
    table: pd.DataFrame,
    *,
    currency: str = "",
    labels: Mapping[str, str] | None = None,
    title: str = "Cost-effectiveness acceptability curves",
) -> go.Figure:
    """Probability that each policy has the highest net monetary benefit against the
    willingness to pay per QALY (:func:`cilib.analysis.economics.ceac`)."""
    labels = dict(labels or {})
    unit = f" ({currency})" if currency else ""
    fig = figure(
        title, f"Willingness to pay per QALY{unit}", "probability cost-effective", height=460
    )
    for i, (policy, g) in enumerate(table.groupby("policy", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=g["wtp"],
                y=g["probability"],
                mode="lines",
                name=labels.get(policy, policy),
                line=dict(color=colour(policy, i), width=3),
            )
        )
    fig.update_yaxes(range=[0, 1])
    return fig


def rankogram(
    result: PSAResult,
    outcome: str,
    *,
    higher_is_better: bool = True,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """For each policy, the share of draws in which it ranks 1st, 2nd, ... on ``outcome``
    (stacked bars; ties share the better rank)."""
    w = result.wide(outcome)
    order = list(w.columns)
    ranks = w.rank(axis=1, ascending=not higher_is_better, method="min").astype(int)
    labels = dict(labels or {})
    fig = figure(
        title or f"Rankogram: how often each policy ranks 1st, 2nd, ... on {outcome}",
        "policy",
        "share of draws",
        height=460,
    )
    for k in range(1, len(order) + 1):
        fig.add_trace(
            go.Bar(
                x=[labels.get(p, p) for p in order],
                y=[float((ranks[p] == k).mean()) for p in order],
                name=f"rank {k}",
                marker_color=colour(f"rank {k}", k - 1),
            )
        )
    fig.update_layout(barmode="stack", **legend_below(fig.layout.height or DEFAULT_HEIGHT))
    fig.update_yaxes(range=[0, 1])
    return fig
