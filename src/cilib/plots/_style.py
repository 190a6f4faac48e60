"""The shared plotly template and fixed colours of cilib's charts, readable on a projector.

Palette: Okabe and Ito's colour-blind-safe colours. Colours are fixed per onset, risk group,
scenario and series (the ``*_COLOURS`` dictionaries), so the same group has the same colour in
every chart. Importing this module registers :data:`TEMPLATE` as
``plotly.io.templates["cilib"]``; it does not change plotly's default template or renderer.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

__all__ = [
    "COLORWAY",
    "FONT_SIZE",
    "ONSET_COLOURS",
    "RISK_GROUP_COLOURS",
    "SCENARIO_COLOURS",
    "SERIES_COLOURS",
    "TEMPLATE",
    "colour",
    "error_bars",
    "figure",
    "legend_below",
    "rgba",
    "short_label",
    "wrap_text",
]

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

#: Both axes: light grid, dark line, ticks outside.
_AXIS = dict(
    showgrid=True,
    gridcolor="#E5E5E5",
    showline=True,
    linecolor="#444444",
    ticks="outside",
    zeroline=False,
    automargin=True,
    title=dict(standoff=12),
)

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family="Arial, Helvetica, sans-serif", size=FONT_SIZE, color="#222222"),
        title=dict(font=dict(size=FONT_SIZE + 4), x=0.0, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=COLORWAY,
        xaxis=_AXIS,
        yaxis=_AXIS,
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


#: Height plotly gives a figure whose layout sets none (px).
DEFAULT_HEIGHT = 450
#: Average width of one character of the template's font, as a share of its size (Arial).
CHAR_WIDTH = 0.6
#: Pixels below the plot area taken by the x tick labels and the x-axis title (its standoff
#: included): a legend placed lower than this cannot overlap the axis title.
X_AXIS_BAND_PX = 80
#: Height of one row of a horizontal legend (px).
LEGEND_ROW_PX = 30


def wrap_text(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` characters at spaces, joined by ``<br>``.

    A single word longer than ``width`` stays whole on its own line.
    """
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def short_label(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "\u2026"


def _plot_height(layout: dict) -> float:
    """Height of the plot area (px) from a layout's height and top/bottom margins."""
    margin = {"t": 80, "b": 70, **dict(layout.get("margin") or {})}
    return float(layout.get("height") or DEFAULT_HEIGHT) - margin["t"] - margin["b"]


def legend_below(height: int, rows: int = 1, **legend) -> dict:
    """Layout of a horizontal legend under the x-axis title, and the bottom margin it needs.

    Plotly places a legend in fractions of the plot area, so a fixed fraction lands on the
    x-axis title of a short chart; this computes the fraction from the chart's pixel height.

    Parameters
    ----------
    height : int
        Height of the whole figure (px).
    rows : int
        Rows the legend is expected to take.
    **legend
        Further legend attributes.

    Returns
    -------
    dict
        ``legend`` and ``margin`` entries for :func:`figure` or ``update_layout``.
    """
    bottom = X_AXIS_BAND_PX + rows * LEGEND_ROW_PX + 10
    plot_px = float(height) - 80 - bottom
    return dict(
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            y=-X_AXIS_BAND_PX / plot_px,
            yanchor="top",
            **legend,
        ),
        margin=dict(t=80, b=bottom),
    )


def figure(title: str, x_title: str, y_title: str, **layout) -> go.Figure:
    """An empty figure in :data:`TEMPLATE` with a title and axis titles.

    A y-axis title longer than the plot area is tall is wrapped onto several lines, so that
    it never runs up into the chart title.
    """
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE, title=title, **layout)
    fig.update_xaxes(title_text=x_title)
    per_line = max(12, int(_plot_height(layout) / (CHAR_WIDTH * FONT_SIZE)))
    fig.update_yaxes(title_text=wrap_text(y_title, per_line) if y_title else y_title)
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


def rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
