"""The command line's constants, errors and output formats (text tables, CSV, markdown)."""

from __future__ import annotations

import difflib
import math
from typing import Any

import numpy as np
import pandas as pd

from cilib.params.assumptions import Assumptions, scenarios
from cilib.params.streams import DEFAULT_SEED
from cilib.params.validation import shown

PROG = "cilib"
FORMATS = ("table", "csv", "markdown")
DEFAULT_SCENARIO = "us_contemporary"
CALIBRATION_N = 200_000
CALIBRATION_SEED = DEFAULT_SEED


class UsageError(Exception):
    """Bad command-line input detected after parsing (exit status 2)."""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# -- formatting ------------------------------------------------------------------------------
def _g(x: Any) -> str:
    """Deterministic short number format (``:g``); empty for missing values."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if isinstance(x, bool | np.bool_):
        return "yes" if x else "no"
    if isinstance(x, int | float | np.integer | np.floating):
        return f"{float(x):g}"
    return str(x)


def _md_cell(x: Any) -> str:
    return _g(x).replace("|", "\\|").replace("\n", " ")


def _markdown(rows: list[list[Any]], header: list[str], align: str) -> str:
    """A GitHub markdown table; ``align`` has one of ``l``/``r`` per column."""
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(_md_cell(x) for x in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _text_table(frame: pd.DataFrame) -> str:
    table = frame.copy()
    for col in table.columns:
        if table[col].dtype.kind in "fcb":
            table[col] = [_g(x) for x in table[col]]
    return table.to_string(index=False) + "\n"


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _params_table(scenario: str, group: str | None) -> pd.DataFrame:
    table = Assumptions.scenario(scenario).table()
    if group is not None:
        groups = list(dict.fromkeys(table["group"]))
        if group not in groups:
            close = difflib.get_close_matches(group, groups, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UsageError(f"--group: got {shown(group)}{hint}; allowed: {', '.join(groups)}")
        table = table[table["group"] == group].reset_index(drop=True)
    return table


def params_markdown(scenario: str = DEFAULT_SCENARIO, *, group: str | None = None) -> str:
    """The assumptions of a scenario as a GitHub markdown table.

    This is the output of ``cilib params --format markdown`` and the source of the README's
    parameter table. Columns: name | value | unit | range | distribution | status | sources
    (the sampling distribution of :mod:`cilib.params.distributions`); numbers use
    ``:g`` so that the text is deterministic.

    Parameters
    ----------
    scenario : str
        Scenario name (see :func:`cilib.scenarios`).
    group : str, optional
        Only the assumptions of this group (``population``, ``cervix``, ...).

    Returns
    -------
    str
        The table, one line per assumption, ending in a newline.

    Raises
    ------
    ValueError
        For an unknown scenario or group.
    """
    if not isinstance(scenario, str) or scenario not in scenarios():
        Assumptions.scenario(scenario)  # raises the library's ValueError
    try:
        table = _params_table(scenario, group)
    except UsageError as e:
        raise ValueError(str(e).removeprefix("--")) from None
    return _params_markdown_table(table)


def _params_markdown_table(table: pd.DataFrame) -> str:
    rows = [
        [
            f"`{r['name']}`",
            r["value"],
            r["unit"],
            f"{r['low']:g} to {r['high']:g}",
            r["distribution"],
            r["status"],
            r["sources"],
        ]
        for r in table.to_dict("records")
    ]
    header = ["name", "value", "unit", "range", "distribution", "status", "sources"]
    return _markdown(rows, header, "lrlllll")
