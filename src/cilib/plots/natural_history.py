"""Plotly figures of the events before birth: when the cervix fails, and what follows PPROM.

:func:`dilation_timing_bars` draws :func:`cilib.analysis.events.dilation_timing` (onsets of
painless dilation per week) over the 14-27 week window and the 16-20 week peak the clinical
descriptions give; :func:`pprom_bars` draws :func:`cilib.analysis.events.pprom_outcomes`
(latency and chorioamnionitis by gestation at rupture). Aggregates only, in the shared template.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib.analysis import events
>>> from cilib.plots import natural_history
>>> c = cilib.generate_cohort(20_000, seed=1)
>>> fig = natural_history.dilation_timing_bars(events.dilation_timing(c))
>>> fig.layout.xaxis.title.text
'Gestation at onset of painless dilation (weeks)'
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cilib.params.definitions import DILATION_PEAK_WEEKS, DILATION_WINDOW_WEEKS
from cilib.plots._style import (
    BLUE,
    GREY,
    ORANGE,
    TEMPLATE,
    VERMILLION,
    error_bars,
    figure,
    rgba,
)

__all__ = ["dilation_timing_bars", "pprom_bars"]


def dilation_timing_bars(table: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Bars of the share of painless dilations by week of onset.

    ``table`` is :func:`cilib.analysis.events.dilation_timing`. The light band is the 14+0 to
    27+6 week window, the darker one the 16-20 week peak (:data:`DILATION_WINDOW_WEEKS`,
    :data:`DILATION_PEAK_WEEKS`).
    """
    need = {"from_weeks", "to_weeks", "percent", "pregnancies"}
    if not isinstance(table, pd.DataFrame) or not need <= set(table.columns):
        raise ValueError(
            f"table: got {type(table).__name__}; allowed: the DataFrame of "
            "cilib.analysis.events.dilation_timing"
        )
    fig = figure(
        title or "When the cervix fails: onset of painless dilation",
        "Gestation at onset of painless dilation (weeks)",
        "Share of dilations (%)",
    )
    for (lo, hi), alpha, label in (
        (DILATION_WINDOW_WEEKS, 0.10, "typical window"),
        (DILATION_PEAK_WEEKS, 0.22, "usual peak"),
    ):
        fig.add_vrect(
            x0=lo,
            x1=hi,
            fillcolor=rgba(ORANGE, alpha),
            line_width=0,
            annotation_text=f"{label} {lo:g}-{hi:g} wk",
            annotation_position="top left",
        )
    mid = (table["from_weeks"] + table["to_weeks"]) / 2
    fig.add_bar(
        x=mid,
        y=table["percent"],
        width=(table["to_weeks"] - table["from_weeks"]) * 0.9,
        marker_color=BLUE,
        name="simulated",
        customdata=table["pregnancies"],
        hovertemplate="%{x:.1f} wk: %{y:.1f}% (%{customdata} pregnancies)<extra></extra>",
    )
    fig.update_layout(showlegend=False, bargap=0.05)
    return fig


def pprom_bars(table: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Two panels by gestation at rupture: median latency to birth (days) and the share with
    chorioamnionitis (%, with its 95% CI).

    ``table`` is :func:`cilib.analysis.events.pprom_outcomes`.
    """
    need = {"band", "median_latency_days", "chorioamnionitis", "chorio_ci_low", "chorio_ci_high"}
    if not isinstance(table, pd.DataFrame) or not need <= set(table.columns):
        raise ValueError(
            f"table: got {type(table).__name__}; allowed: the DataFrame of "
            "cilib.analysis.events.pprom_outcomes"
        )
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("Median days from rupture to birth", "Chorioamnionitis (%)"),
        horizontal_spacing=0.12,
    )
    fig.add_bar(x=table["band"], y=table["median_latency_days"], marker_color=GREY, row=1, col=1)
    fig.add_bar(
        x=table["band"],
        y=table["chorioamnionitis"],
        marker_color=VERMILLION,
        error_y=error_bars(
            table["chorioamnionitis"], table["chorio_ci_low"], table["chorio_ci_high"]
        ),
        row=1,
        col=2,
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title or "After preterm prelabour rupture of the membranes",
        showlegend=False,
    )
    fig.update_xaxes(title_text="Gestation at rupture")
    return fig
