"""Parts shared by the screening charts of :mod:`.screening` and :mod:`.thresholds`.

Input checks (one row, a CL marker with its outcome), the two overlaid outcome bar traces, and
the shapes and annotations of one threshold (shaded screen-positive region, dashed line, optional
metrics box). Colours are fixed: early birth vermillion and later birth grey (as "preterm" and
"term" in :data:`cilib.plots.SERIES_COLOURS`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.analysis.summary import binned
from cilib.plots._style import BLACK, FONT_SIZE, SKY_BLUE, colour, rgba

__all__ = [
    "EVENT_COLOUR",
    "MAX_POINTS",
    "NON_EVENT_COLOUR",
    "SHADE",
    "one_row",
    "outcome_bars",
    "threshold_layout",
    "valid_marker_event",
]

EVENT_COLOUR = colour("preterm")
NON_EVENT_COLOUR = colour("term")
MAX_POINTS = 200  # default number of points of a down-sampled curve
SHADE = rgba(SKY_BLUE, 0.18)  # the screen-positive region


def one_row(x) -> pd.Series:
    """The only row of a one-row DataFrame, or ``x`` itself if it is already a row."""
    if isinstance(x, pd.DataFrame):
        if len(x) != 1:
            raise ValueError(f"got a table of {len(x)} rows; allowed: one row")
        return x.iloc[0]
    return x


def valid_marker_event(marker, event) -> tuple[np.ndarray, np.ndarray]:
    """Checked 1-D CL marker (mm) and boolean event arrays, without the unmeasured (NaN) CLs."""
    m = np.asarray(marker, dtype=np.float64)
    e = np.asarray(event)
    if e.dtype != np.bool_ or m.shape != e.shape or m.ndim != 1:
        raise ValueError(
            f"marker, event: got {m.dtype}{m.shape} and {e.dtype}{e.shape}; allowed: 1-D CL in "
            "mm and booleans of the same length"
        )
    keep = ~np.isnan(m)
    return m[keep], e[keep]


def threshold_layout(
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


def outcome_bars(fig: go.Figure, m, e, edges, event_label: str, other_label: str) -> list:
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
