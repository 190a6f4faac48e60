"""Offline pages and slides from an executed notebook (built by hand: no kernel needed)."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import nbformat
import plotly.graph_objects as go
import pytest

pytest.importorskip("nbconvert")

from cilib.classroom import html, notebooks  # noqa: E402


def _executed(n_figures: int = 2, widget: bool = True) -> nbformat.NotebookNode:
    """A notebook as nbclient leaves it: plotly figures stored as the plotly mimetype."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Title\n\nNot for clinical use."))
    for k in range(n_figures):
        fig = go.Figure(go.Bar(x=["a", "b"], y=[1, k + 2])).to_plotly_json()
        cell = nbformat.v4.new_code_cell(f"fig{k}")
        cell.metadata["slideshow"] = {"slide_type": "slide"}
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data", data={notebooks.PLOTLY_MIME: fig, "text/plain": "Figure"}
            )
        ]
        nb.cells.append(cell)
    if widget:
        cell = nbformat.v4.new_code_cell("interact(...)")
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data",
                data={html.WIDGET_MIME: {"model_id": "x"}, "text/plain": "interactive(...)"},
            )
        ]
        nb.cells.append(cell)
    return nb


def _external(page: str) -> list[str]:
    """Every script or style sheet the page would fetch from outside itself."""
    return re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)


def test_page_draws_each_figure_offline():
    page, k = html.page(_executed(2), "01_demo")
    assert k == 2, f"two figures expected, counted {k}"
    ids = re.findall(r'<div class="plotly-graph-div" id="(cilib-01_demo-\d+)"', page)
    assert ids == ["cilib-01_demo-0", "cilib-01_demo-1"], f"deterministic div ids, got {ids}"
    calls = re.findall(r'Plotly\.newPlot\(\s*"(cilib-[^"]+)"', page)
    assert calls == ids, f"one newPlot call per figure, got {calls}"
    assert _external(page) == [], f"the page loads {_external(page)} from outside itself"
    # plotly.js is inline exactly once (its licence banner opens the bundle)
    assert page.count("plotly.js v") == 1, "plotly.js must be inlined once per page"
    assert html.WIDGET_NOTE in page, "a widget is replaced by a note that it needs a kernel"


def test_page_without_figures_has_no_plotlyjs():
    page, k = html.page(_executed(0, widget=False), "plain")
    assert k == 0, f"no figure expected, counted {k}"
    assert "plotly.js v" not in page, "a page with no chart does not carry plotly.js"


def test_slides_inline_reveal_and_follow_slide_metadata():
    page, k = html.slides(_executed(2), "deck")
    assert k == 2, f"two figures expected, counted {k}"
    assert _external(page) == [], f"the slides load {_external(page)} from outside"
    assert "cilib-reveal" not in page, "every reveal.js file is inlined"
    assert "Reveal.initialize(" in page, "reveal.js is initialised"
    assert f"reveal.js {html.reveal_version()[:3]}" in page, "the vendored reveal.js is inlined"
    # the title cell opens the first slide, each figure cell tagged 'slide' opens another
    assert page.count("<section") >= 3, "one slide per slide_type 'slide' cell and the title"


def test_vendored_reveal_matches_its_source_record():
    folder = Path(html.__file__).with_name("vendor") / "reveal"
    meta = tomllib.loads((folder / "SOURCE.toml").read_text())
    for name, digest in meta["sha256"].items():
        got = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert got == digest, f"vendor/reveal/{name} differs from scripts/vendor_reveal.py's copy"
    assert meta["license"] == "MIT" and (folder / "LICENSE").is_file(), "licence kept"
