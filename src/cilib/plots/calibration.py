"""The calibration chart: every target's simulated value against its acceptance interval.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.plots._style import GREEN, colour, figure, legend_below, rgba, short_label

__all__ = ["CALIBRATION_LABEL_CHARS", "calibration_labels", "calibration_plot"]

#: Longest row label, in characters: readable on a projector (the hover text has the rest).
CALIBRATION_LABEL_CHARS = 34
_ROW_PX = 30  # height of one target's row (px)


def _height(rows: int) -> int:
    """Figure height: title margin, the rows, the x-axis title and the legend below it."""
    return 80 + 40 + _ROW_PX * rows + 120


def calibration_labels(table: pd.DataFrame) -> list[str]:
    """Short, unique row labels of a calibration table: target id and a cut description.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.analysis.calibration.calibrate` (``target``, ``key``,
        ``description``).

    Returns
    -------
    list of str
        ``"<id> <description>"`` cut at a word to at most :data:`CALIBRATION_LABEL_CHARS`
        characters; where two labels would be the same, ``"<id> <key>"`` instead.
    """
    labels = [
        short_label(f"{i} {d}", CALIBRATION_LABEL_CHARS)
        for i, d in zip(table["target"], table["description"], strict=True)
    ]
    repeated = {label for label in labels if labels.count(label) > 1}
    return [
        short_label(f"{i} {k}", CALIBRATION_LABEL_CHARS) if label in repeated else label
        for label, i, k in zip(labels, table["target"], table["key"], strict=True)
    ]


_CLIP = 5.0


def _standardise(t: pd.DataFrame, v) -> np.ndarray:
    """Distance from the published value in units of the acceptance half-interval on that side."""
    v = np.asarray(v, dtype=np.float64)
    below = (t["published"] - t["lower"]).to_numpy(dtype=np.float64)
    above = (t["upper"] - t["published"]).to_numpy(dtype=np.float64)
    d = v - t["published"].to_numpy(dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):  # one-sided intervals
        return np.where(d < 0, d / below, d / above)


def calibration_plot(table: pd.DataFrame) -> go.Figure:
    """Each calibration target's simulated value against its acceptance interval.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.analysis.calibration.calibrate`.

    Returns
    -------
    Figure
        One row per target. Targets have different units, so the x axis is standardised: 0 is
        the published value and -1/+1 the lower/upper edges of the acceptance interval (shaded);
        a point inside the band passes. Values beyond +/-5 are drawn at the edge as triangles.
        Rows are labelled by target id and a description cut to
        :data:`CALIBRATION_LABEL_CHARS` characters; the hover text gives the full description
        and the values in their own units. Points are coloured by scenario.
    """
    t = table.reset_index(drop=True)
    labels = calibration_labels(t)

    x, lo, hi = (_standardise(t, t[c]) for c in ("simulated", "ci_low", "ci_high"))
    xc = np.clip(x, -_CLIP, _CLIP)
    fig = figure(
        "Calibration: simulated vs published",
        "Distance from the published value (\u00b11: edge of accepted range)",
        "Calibration target",
        height=_height(len(t)),
        **legend_below(_height(len(t))),
    )
    fig.add_vrect(x0=-1, x1=1, fillcolor=rgba(GREEN, 0.15), line_width=0, layer="below")
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
                t.loc[idx, "description"],
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
                "accepted %{customdata[4]:.3g}-%{customdata[5]:.3g}<br>%{customdata[7]}<extra></extra>",
            )
        )
    fig.update_xaxes(range=[-_CLIP - 0.5, _CLIP + 0.5], zeroline=False)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], showgrid=False)
    return fig
