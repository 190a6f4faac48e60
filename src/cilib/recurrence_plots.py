"""Plotly figures of outcomes across consecutive pregnancies (see :mod:`cilib.histories`).

:func:`transition_counts` aggregates the outcome of pregnancy k and k+1 of each woman;
:func:`outcome_sankey` draws those counts as a Sankey diagram; :func:`pool_histories` merges
rows of :func:`cilib.recurrence_table` (e.g. all sPTB bands) with Wilson CIs; and
:func:`recurrence_bars` draws the probability of the next event by earlier outcome with its CI
and optional published markers. Figures use the shared ``cilib`` template and colours of
:mod:`cilib.plots`; they hold aggregates only, never raw rows.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib import recurrence_plots
>>> h = cilib.generate_histories(500, pregnancies=3, seed=1)
>>> int(recurrence_plots.transition_counts(h).groupby("from_pregnancy")["women"].sum().iloc[0])
500
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.accuracy import wilson_interval
from cilib.histories import OUTCOMES
from cilib.plots import (
    BLACK,
    BLUE,
    GREY,
    ORANGE,
    PURPLE,
    SERIES_COLOURS,
    VERMILLION,
    YELLOW,
    _figure,
    _rgba,
    error_bars,
)

#: Fixed colour per pregnancy outcome (:data:`cilib.histories.OUTCOMES`).
OUTCOME_COLOURS = {
    "loss": BLACK,
    "sPTB <28": VERMILLION,
    "sPTB 28-33": ORANGE,
    "sPTB 34-36": YELLOW,
    "indicated PTB": PURPLE,
    "term": GREY,
}


def transition_counts(histories: pd.DataFrame) -> pd.DataFrame:
    """Women by outcome of pregnancy k and of pregnancy k+1, for every k.

    Returns
    -------
    DataFrame
        ``from_pregnancy`` (k), ``from_outcome``, ``to_outcome``, ``women``; only non-zero
        transitions. For each k the counts sum to the number of women.
    """
    p = int(histories["pregnancy_number"].max())
    if p < 2:
        raise ValueError("histories: need at least 2 pregnancies per woman for transitions")
    h = histories.sort_values(["woman_id", "pregnancy_number"], kind="stable")
    codes = h["outcome"].cat.codes.to_numpy().reshape(-1, p)
    k_out = len(OUTCOMES)
    rows = []
    for k in range(p - 1):
        counts = np.bincount(codes[:, k] * k_out + codes[:, k + 1], minlength=k_out * k_out)
        for idx in np.flatnonzero(counts):
            rows.append((k + 1, OUTCOMES[idx // k_out], OUTCOMES[idx % k_out], int(counts[idx])))
    return pd.DataFrame(rows, columns=["from_pregnancy", "from_outcome", "to_outcome", "women"])


def outcome_sankey(histories: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Sankey diagram of outcome sequences: women flowing from pregnancy k to k+1.

    Nodes are labelled ``"P1: term"`` etc. (only outcomes that occur); link widths are numbers
    of women (aggregated by :func:`transition_counts`).
    """
    t = transition_counts(histories)
    p = int(t["from_pregnancy"].max()) + 1
    # node totals per pregnancy: outgoing for k < p, incoming for the last pregnancy
    totals: dict[tuple[int, str], int] = {}
    for r in t.itertuples(index=False):
        key = (r.from_pregnancy, r.from_outcome)
        totals[key] = totals.get(key, 0) + r.women
        if r.from_pregnancy == p - 1:
            key = (p, r.to_outcome)
            totals[key] = totals.get(key, 0) + r.women
    nodes = [(k, o) for k in range(1, p + 1) for o in OUTCOMES if (k, o) in totals]
    index = {node: i for i, node in enumerate(nodes)}
    n_women = sum(v for (k, _), v in totals.items() if k == 1)
    xs, ys = [], []
    cum = dict.fromkeys(range(1, p + 1), 0.0)
    for k, o in nodes:
        share = totals[(k, o)] / n_women
        xs.append(0.01 + 0.98 * (k - 1) / (p - 1))
        ys.append(0.01 + 0.98 * (cum[k] + share / 2))
        cum[k] += share
    sankey = go.Sankey(
        arrangement="snap",
        valueformat=",d",
        valuesuffix=" women",
        node=dict(
            label=[f"P{k}: {o}" for k, o in nodes],
            color=[OUTCOME_COLOURS[o] for _, o in nodes],
            x=xs,
            y=ys,
            pad=12,
            thickness=18,
            line=dict(color="white", width=0.5),
        ),
        link=dict(
            source=[index[(r.from_pregnancy, r.from_outcome)] for r in t.itertuples()],
            target=[index[(r.from_pregnancy + 1, r.to_outcome)] for r in t.itertuples()],
            value=t["women"].tolist(),
            color=[_rgba(OUTCOME_COLOURS[o], 0.35) for o in t["from_outcome"]],
        ),
    )
    fig = _figure(
        title or f"Outcomes of {p} consecutive pregnancies ({n_women:,} women, synthetic)",
        "",
        "",
    )
    fig.add_trace(sankey)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=560)
    return fig


def pool_histories(table: pd.DataFrame, groups: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Merge rows of :func:`cilib.recurrence_table` into named groups, with Wilson 95% CIs.

    ``groups`` maps a new label to the ``history`` labels it pools; every label must exist.
    """
    rows = []
    by = table.set_index("history")
    for label, members in groups.items():
        missing = [m for m in members if m not in by.index]
        if missing:
            raise ValueError(f"groups[{label!r}]: unknown histories {missing}")
        rows.append(
            (
                label,
                int(by.loc[list(members), "pregnancies"].sum()),
                int(by.loc[list(members), "events"].sum()),
            )
        )
    out = pd.DataFrame(rows, columns=["history", "pregnancies", "events"])
    out["probability"] = out["events"] / out["pregnancies"]
    lo, hi = wilson_interval(out["events"].to_numpy(float), out["pregnancies"].to_numpy(float))
    out["ci_low"], out["ci_high"] = lo, hi
    return out


def recurrence_bars(
    table: pd.DataFrame,
    published: Mapping[str, float | tuple[float, float, float]] | None = None,
    *,
    title: str = "Next-pregnancy risk by previous outcome (synthetic)",
    y_title: str = "Spontaneous preterm birth <37 wk in the next pregnancy (%)",
    published_label: str = "published",
) -> go.Figure:
    """Probability (in %) by earlier history, one bar per row, with 95% CI error bars.

    ``table`` has the columns of :func:`cilib.recurrence_table` (probabilities as fractions);
    rows whose ``history`` is an outcome are ordered as :data:`~cilib.histories.OUTCOMES`,
    others keep their order after them. ``published`` maps a history label to a published
    value in %, or to ``(value, low, high)`` to draw its range as well.
    """
    order = {o: i for i, o in enumerate(OUTCOMES)}
    t = table.assign(
        _order=[order.get(h, len(OUTCOMES) + i) for i, h in enumerate(table["history"])]
    ).sort_values("_order", kind="stable")
    x = t["history"].astype(str).tolist()
    y = 100 * t["probability"].to_numpy(float)
    fig = _figure(title, "Outcome of the previous pregnancy", y_title)
    fig.add_trace(
        go.Bar(
            x=x,
            y=y,
            name="simulated",
            marker_color=[OUTCOME_COLOURS.get(h, BLUE) for h in x],
            marker_line=dict(color="#444444", width=1),
            error_y=error_bars(y, 100 * t["ci_low"], 100 * t["ci_high"], color="#222222"),
            customdata=np.column_stack([t["events"], t["pregnancies"]]),
            hovertemplate="%{x}: %{y:.1f}% (%{customdata[0]:,} of %{customdata[1]:,})"
            "<extra>simulated</extra>",
        )
    )
    if published:
        px, py, plo, phi = [], [], [], []
        for label, v in published.items():
            if label not in x:
                raise ValueError(f"published: {label!r} is not a history in the table")
            value, low, high = v if isinstance(v, tuple) else (v, v, v)
            px.append(label)
            py.append(value)
            plo.append(low)
            phi.append(high)
        fig.add_trace(
            go.Scatter(
                x=px,
                y=py,
                mode="markers",
                name=published_label,
                marker=dict(
                    symbol="diamond",
                    size=16,
                    color=SERIES_COLOURS["published"],
                    line=dict(color="white", width=1.5),
                ),
                error_y=error_bars(py, plo, phi, color=SERIES_COLOURS["published"], width=10),
            )
        )
    fig.update_layout(showlegend=bool(published), bargap=0.3)
    fig.update_yaxes(rangemode="tozero")
    return fig


__all__ = [
    "OUTCOME_COLOURS",
    "outcome_sankey",
    "pool_histories",
    "recurrence_bars",
    "transition_counts",
]
