"""Plotly figures of outcomes across consecutive pregnancies (see :mod:`cilib.analysis.recurrence`).

:func:`transition_counts` aggregates the outcome of pregnancy k and k+1 of each woman;
:func:`outcome_sankey` draws those counts as a Sankey diagram; :func:`pool_histories` merges
rows of :func:`cilib.recurrence_table` (e.g. all sPTB bands) with Wilson CIs; and
:func:`recurrence_bars` draws the probability of the next event by earlier outcome with its CI
and optional published markers; :func:`ci_recurrence_bars` draws the recurrence of cervical
insufficiency by definition and cerclage (:func:`cilib.ci_recurrence`). Figures use the shared
``cilib`` template and colours of :mod:`cilib.plots`; they hold aggregates only, never raw rows.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib.plots import recurrence as recurrence_plots
>>> h = cilib.generate_histories(500, pregnancies=3, seed=1)
>>> int(recurrence_plots.transition_counts(h).groupby("from_pregnancy")["women"].sum().iloc[0])
500
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.analysis.recurrence import (
    CERCLAGE_GROUPS,
    CI_OUTCOME_BEFORE_WEEKS,
    CI_OUTCOMES,
    STRICT_CI_BEFORE_WEEKS,
)
from cilib.model.histories import OUTCOMES
from cilib.plots._style import (
    BLACK,
    BLUE,
    GREY,
    ORANGE,
    PURPLE,
    SERIES_COLOURS,
    VERMILLION,
    YELLOW,
    error_bars,
    figure,
    rgba,
)
from cilib.plots.policies import TREATMENT_COLOURS
from cilib.stats import wilson_interval

#: Fixed colour per pregnancy outcome (:data:`cilib.model.histories.OUTCOMES`).
OUTCOME_COLOURS = {
    "loss": BLACK,
    "sPTB <28": VERMILLION,
    "sPTB 28-33": ORANGE,
    "sPTB 34-36": YELLOW,
    "indicated PTB": PURPLE,
    "term": GREY,
}
#: Sankey of outcome sequences: figure height, label size and the gap between two nodes (px).
#: The gap exceeds a label's height, so the labels of the small (early-outcome) nodes, drawn
#: beside them, cannot overlap.
SANKEY_HEIGHT = 720
SANKEY_LABEL_PX = 16
SANKEY_PAD_PX = 28
#: Marker of a published value (a diamond over the simulated bar).
_PUBLISHED_MARKER = dict(
    symbol="diamond",
    size=16,
    color=SERIES_COLOURS["published"],
    line=dict(color="white", width=1.5),
)


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
    xs, ys = _sankey_positions(nodes, totals, n_women)
    sankey = go.Sankey(
        arrangement="snap",
        valueformat=",d",
        valuesuffix=" women",
        textfont=dict(size=SANKEY_LABEL_PX),
        node=dict(
            label=[f"P{k}: {o}" for k, o in nodes],
            color=[OUTCOME_COLOURS[o] for _, o in nodes],
            x=xs,
            y=ys,
            pad=SANKEY_PAD_PX,
            thickness=18,
            line=dict(color="white", width=0.5),
        ),
        link=dict(
            source=[index[(r.from_pregnancy, r.from_outcome)] for r in t.itertuples()],
            target=[index[(r.from_pregnancy + 1, r.to_outcome)] for r in t.itertuples()],
            value=t["women"].tolist(),
            color=[rgba(OUTCOME_COLOURS[o], 0.35) for o in t["from_outcome"]],
        ),
    )
    fig = figure(
        title or f"Outcomes of {p} consecutive pregnancies ({n_women:,} women, synthetic)",
        "",
        "",
    )
    fig.add_trace(sankey)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=SANKEY_HEIGHT)
    return fig


def _sankey_positions(
    nodes: list[tuple[int, str]], totals: dict[tuple[int, str], int], n_women: int
) -> tuple[list[float], list[float]]:
    """Node centres (fractions of the plot area), stacked per pregnancy with a gap of
    :data:`SANKEY_PAD_PX` between nodes, so that labels of small nodes do not overlap."""
    plot_px = SANKEY_HEIGHT - 80 - 70  # the template's top and bottom margins
    per_column = max(sum(1 for k, _ in nodes if k == c) for c, _ in nodes)
    scale = (plot_px - (per_column - 1) * SANKEY_PAD_PX) / n_women  # px per woman
    p = max(k for k, _ in nodes)
    xs, ys = [], []
    cum = dict.fromkeys(range(1, p + 1), 0.0)
    for k, o in nodes:
        size = scale * totals[(k, o)]
        xs.append(0.01 + 0.98 * (k - 1) / (p - 1))
        ys.append(min(max((cum[k] + size / 2) / plot_px, 0.001), 0.999))
        cum[k] += size + SANKEY_PAD_PX
    return xs, ys


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
    y_title: str = "sPTB <37 wk in the next pregnancy (%)",
    published_label: str = "published",
) -> go.Figure:
    """Probability (in %) by earlier history, one bar per row, with 95% CI error bars.

    ``table`` has the columns of :func:`cilib.recurrence_table` (probabilities as fractions);
    rows whose ``history`` is an outcome are ordered as :data:`~cilib.model.histories.OUTCOMES`,
    others keep their order after them. ``published`` maps a history label to a published
    value in %, or to ``(value, low, high)`` to draw its range as well.
    """
    order = {o: i for i, o in enumerate(OUTCOMES)}
    t = table.assign(
        _order=[order.get(h, len(OUTCOMES) + i) for i, h in enumerate(table["history"])]
    ).sort_values("_order", kind="stable")
    x = t["history"].astype(str).tolist()
    y = 100 * t["probability"].to_numpy(float)
    fig = figure(title, "Outcome of the previous pregnancy", y_title, height=520)
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
                marker=_PUBLISHED_MARKER,
                error_y=error_bars(py, plo, phi, color=SERIES_COLOURS["published"], width=10),
            )
        )
    fig.update_layout(showlegend=bool(published), bargap=0.3)
    fig.update_yaxes(rangemode="tozero")
    return fig


#: Fixed colour per cerclage group of :func:`cilib.ci_recurrence` (cerclage as in the
#: treatment charts of :mod:`cilib.plots.policies`).
CERCLAGE_COLOURS = {"none": GREY, "cerclage": TREATMENT_COLOURS["cerclage"]}
_CERCLAGE_NAMES = {"none": "no cerclage", "cerclage": "cerclage"}


def _ci_outcome_label(outcome: str, loss_weeks: float) -> str:
    """Axis title of an outcome of :func:`cilib.ci_recurrence` (in %)."""
    return {
        "ends_lt28": f"Next pregnancy ends before {STRICT_CI_BEFORE_WEEKS:g} wk (%)",
        "ends_lt34": f"Next pregnancy ends before {CI_OUTCOME_BEFORE_WEEKS:g} wk (%)",
        "midtrimester_loss": f"Next pregnancy: spontaneous loss before {loss_weeks:g} wk (%)",
        "painless_loss": f"Next pregnancy: painless loss before {loss_weeks:g} wk (%)",
        "live_birth_24w": f"Next pregnancy: born at {loss_weeks:g} wk or later (%)",
    }[outcome]


def ci_recurrence_bars(
    table: pd.DataFrame,
    *,
    outcome: str = "ends_lt28",
    published: Mapping[tuple[str, str], tuple[float, float, float]] | None = None,
    title: str | None = None,
) -> go.Figure:
    """Recurrence after cervical insufficiency by definition, with and without cerclage.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.ci_recurrence` (probabilities as fractions).
    outcome : str
        The outcome of the next pregnancy to draw, one of
        :data:`cilib.analysis.recurrence.CI_OUTCOMES` (default ``ends_lt28``, the Danish outcome).
    published : mapping, optional
        ``{(definition, cerclage): (value, low, high)}`` in %, e.g. the Danish cohort's
        ``("strict: painless dilation <28 wk", "none"): (72, ...)``; drawn as diamonds with
        their range on the bar of that definition and group. ``definition`` must be in the
        table and ``cerclage`` one of ``"none"``, ``"cerclage"``.
    title : str, optional
        Figure title.

    Returns
    -------
    Figure
        Horizontal bars of the probability (%) with Wilson 95% CI error bars, one row per
        definition (in the table's order, first on top) and one bar per cerclage group in
        its fixed colour (:data:`CERCLAGE_COLOURS`): one bar trace per group in the table,
        then one marker trace per group in ``published``.

    Examples
    --------
    >>> import cilib
    >>> from cilib.plots import recurrence as recurrence_plots
    >>> t = cilib.ci_recurrence(cilib.generate_histories(2_000, pregnancies=3, seed=1))
    >>> [trace.name for trace in recurrence_plots.ci_recurrence_bars(t).data]
    ['no cerclage']
    """
    t = _ci_rows(table, outcome)
    definitions = list(dict.fromkeys(t["definition"].astype(str)))
    marks = _ci_published_marks(published, definitions)
    if "loss_before_weeks" not in table.attrs:
        raise ValueError(
            "table: no loss_before_weeks in table.attrs; allowed: the table of "
            "cilib.ci_recurrence (or a selection of its rows, which keeps its attrs)"
        )
    loss_weeks = table.attrs["loss_before_weeks"]
    x_title = _ci_outcome_label(outcome, loss_weeks)
    fig = figure(
        title or "Recurrence after cervical insufficiency, by definition (synthetic)",
        x_title,
        "Cervical insufficiency in the previous pregnancy",
        barmode="group",
        scattermode="group",
        height=200 + 90 * len(definitions),
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
        margin=dict(t=150),
    )
    _add_cerclage_bars(fig, t)
    _add_published_marks(fig, marks)
    fig.update_yaxes(
        categoryorder="array", categoryarray=definitions, autorange="reversed", showgrid=False
    )
    fig.update_xaxes(rangemode="tozero")
    return fig


def _ci_rows(table: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """The rows of one outcome of a :func:`cilib.ci_recurrence` table, after checking both."""
    if outcome not in CI_OUTCOMES:
        raise ValueError(f"outcome: got {outcome!r}; allowed: {', '.join(CI_OUTCOMES)}")
    needed = ["definition", "cerclage", "women", "outcome", "events"]
    needed += ["probability", "ci_low", "ci_high"]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(
            f"table: missing columns {missing}; allowed: a DataFrame from cilib.ci_recurrence"
        )
    t = table[table["outcome"] == outcome]
    if t.empty:
        raise ValueError(f"table: no rows for outcome {outcome!r}; allowed: cilib.ci_recurrence")
    return t


def _ci_published_marks(
    published: Mapping[tuple[str, str], tuple[float, float, float]] | None,
    definitions: list[str],
) -> dict[str, list[tuple[str, float, float, float]]]:
    """Checked published values as ``{cerclage: [(definition, value, low, high), ...]}``."""
    marks: dict[str, list[tuple[str, float, float, float]]] = {}
    for key, v in (published or {}).items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise ValueError(f"published: key {key!r}; allowed: (definition, cerclage) pairs")
        definition, group = key
        if definition not in definitions:
            raise ValueError(
                f"published: {definition!r} is not a definition in the table; allowed: "
                f"{', '.join(definitions)}"
            )
        if group not in CERCLAGE_GROUPS:
            raise ValueError(
                f"published: cerclage {group!r}; allowed: {', '.join(CERCLAGE_GROUPS)}"
            )
        value, low, high = (float(x) for x in v)
        marks.setdefault(group, []).append((definition, value, low, high))
    return marks


def _add_cerclage_bars(fig: go.Figure, t: pd.DataFrame) -> None:
    """One horizontal bar trace (%, Wilson 95% CI) per cerclage group present in ``t``."""
    for group in CERCLAGE_GROUPS:
        s = t[t["cerclage"] == group]
        if s.empty:
            continue
        x = 100 * s["probability"].to_numpy(np.float64)
        fig.add_trace(
            go.Bar(
                x=x,
                y=s["definition"].astype(str).tolist(),
                orientation="h",
                name=_CERCLAGE_NAMES[group],
                offsetgroup=group,
                marker_color=CERCLAGE_COLOURS[group],
                marker_line=dict(color="#444444", width=1),
                error_x=error_bars(
                    x, 100 * s["ci_low"], 100 * s["ci_high"], color="#222222", width=7
                ),
                customdata=np.column_stack([s["events"], s["women"]]),
                hovertemplate="%{y}: %{x:.1f}% (%{customdata[0]:,} of %{customdata[1]:,})"
                f"<extra>{_CERCLAGE_NAMES[group]}</extra>",
            )
        )


def _add_published_marks(
    fig: go.Figure, marks: dict[str, list[tuple[str, float, float, float]]]
) -> None:
    """One marker trace of published values with their range per cerclage group in ``marks``."""
    for group in CERCLAGE_GROUPS:
        if group not in marks:
            continue
        label, value, low, high = zip(*marks[group], strict=True)
        fig.add_trace(
            go.Scatter(
                x=value,
                y=label,
                orientation="h",
                mode="markers",
                name=f"published, {_CERCLAGE_NAMES[group]}",
                offsetgroup=group,
                marker=_PUBLISHED_MARKER,
                error_x=error_bars(value, low, high, color=SERIES_COLOURS["published"], width=10),
                hovertemplate="%{y}: published %{x:.1f}%"
                f"<extra>{_CERCLAGE_NAMES[group]}</extra>",
            )
        )


__all__ = [
    "CERCLAGE_COLOURS",
    "OUTCOME_COLOURS",
    "SANKEY_HEIGHT",
    "SANKEY_LABEL_PX",
    "SANKEY_PAD_PX",
    "ci_recurrence_bars",
    "outcome_sankey",
    "pool_histories",
    "recurrence_bars",
    "transition_counts",
]
