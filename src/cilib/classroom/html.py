"""Self-contained HTML pages and reveal.js slides of executed notebooks, offline.

Plain ``jupyter nbconvert --to html`` draws no plotly chart: Jupyter stores a figure as the
plotly mimetype, which nbconvert has no renderer for. :class:`OfflineOutputs` (an nbconvert
preprocessor) turns each figure into an HTML ``div`` with a deterministic id
(``cilib-<notebook>-<k>``) drawn by plotly.js, which the page carries once, inline; a widget (a
live control that needs a kernel) becomes a note saying so. The templates (``cilib_lab`` for
pages, ``cilib_reveal`` for slides, in ``templates/``) load nothing from the network: no
require.js, MathJax or widget manager from a CDN, and the slides inline the pinned copy of
reveal.js in ``vendor/reveal`` (see ``scripts/vendor_reveal.py``). Slide breaks follow each
cell's ``metadata.slideshow.slide_type`` (Jupyter's slideshow cell tool).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

import nbformat
import plotly.io as pio
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor
from plotly.offline import get_plotlyjs

from cilib.classroom.notebooks import PLOTLY_MIME

__all__ = ["OfflineOutputs", "WIDGET_NOTE", "chart_page", "page", "reveal_version", "slides"]

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: What a page shows instead of a live control.
WIDGET_NOTE = (
    '<div class="cilib-widget-note" style="border:1px solid #999;padding:0.5em;">'
    "A live control (slider) stands here in Jupyter: it needs a running Python kernel, so open "
    "the notebook in Jupyter to use it. The charts on this page work without Python.</div>"
)
#: Height (px) of a chart that sets none: a div of 100% height inside a page has no height.
DEFAULT_HEIGHT_PX = 500
_TEMPLATES = Path(__file__).with_name("templates")
_REVEAL = Path(__file__).parent / "vendor" / "reveal"
_REVEAL_PREFIX = "cilib-reveal"  # replaced by the inlined files


@cache
def _plotlyjs() -> str:
    return get_plotlyjs()


def _figure_html(figure: dict, div_id: str) -> str:
    config = {"displaylogo": False, "responsive": True}
    height = figure.get("layout", {}).get("height") or DEFAULT_HEIGHT_PX
    return pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        config=config,
        validate=False,
        default_height=f"{height}px",
    )


class OfflineOutputs(Preprocessor):
    """Plotly figures to HTML divs drawn by the page's inline plotly.js; widgets to a note.

    Sets ``resources["cilib_figures"]`` (the number of figures) and
    ``resources["cilib_plotlyjs"]`` (plotly.js, or empty if the page has no figure).
    """

    def preprocess(self, nb, resources):
        stem = re.sub(r"[^A-Za-z0-9_-]", "-", resources.get("cilib_stem", "notebook"))
        k = 0
        for cell in nb.cells:
            for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
                data = out.get("data", {})
                if PLOTLY_MIME in data:
                    html = _figure_html(dict(data[PLOTLY_MIME]), f"cilib-{stem}-{k}")
                    out["data"] = {"text/html": html}
                    k += 1
                elif WIDGET_MIME in data:
                    out["data"] = {"text/html": WIDGET_NOTE}
        nb.metadata.pop("widgets", None)
        resources["cilib_figures"] = k
        resources["cilib_plotlyjs"] = _plotlyjs() if k else ""
        return nb, resources


def _export(exporter, nb: nbformat.NotebookNode, stem: str) -> tuple[str, int]:
    exporter.register_preprocessor(OfflineOutputs(), enabled=True)
    body, res = exporter.from_notebook_node(nb, resources={"cilib_stem": stem})
    return body, int(res.get("cilib_figures", 0))


def page(nb: nbformat.NotebookNode, stem: str) -> tuple[str, int]:
    """A self-contained HTML page of an executed notebook and the number of figures on it.

    Parameters
    ----------
    nb : NotebookNode
        An executed notebook (:func:`cilib.classroom.notebooks.execute`).
    stem : str
        The notebook's name without suffix: the figures' div ids are ``cilib-<stem>-<k>``.
    """
    exporter = HTMLExporter(template_name="cilib_lab", extra_template_basedirs=[str(_TEMPLATES)])
    return _export(exporter, nb, stem)


def _reveal_file(name: str) -> str:
    return (_REVEAL / name).read_text(encoding="utf-8")


def slides(nb: nbformat.NotebookNode, stem: str) -> tuple[str, int]:
    """reveal.js slides of an executed notebook, one self-contained HTML file (reveal.js,
    its style sheets and plotly.js inline), and the number of figures on them."""
    exporter = SlidesExporter(
        template_name="cilib_reveal",
        extra_template_basedirs=[str(_TEMPLATES)],
        reveal_url_prefix=_REVEAL_PREFIX,
        reveal_theme="white",
    )
    body, k = _export(exporter, nb, stem)
    theme = re.sub(r"@import url\([^)]*\);", "", _reveal_file("white.css"))  # no web fonts
    sheets = {"dist/reveal.css": _reveal_file("reveal.css"), "dist/theme/white.css": theme}
    for name, css in sheets.items():
        link = re.compile(rf'<link[^>]*href="{_REVEAL_PREFIX}/{re.escape(name)}"[^>]*>')
        body, found = link.subn(lambda m, css=css: f"<style>\n{css}\n</style>", body)
        if found != 1:  # pragma: no cover - a changed nbconvert template
            raise RuntimeError(f"slides: the reveal template links {name} {found} times, not once")
    script = f"<script>\n{_reveal_file('reveal.js')}\n</script>"
    body = body.replace("<!--cilib-reveal-js-->", script, 1)
    if _REVEAL_PREFIX in body:  # pragma: no cover - a changed nbconvert template
        raise RuntimeError("slides: a reveal.js file is still loaded from outside the page")
    return body, k


def chart_page(figure: dict, title: str = "chart") -> str:
    """A minimal offline page holding one figure (plotly.js inline), as drawn in :func:`page`."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<script>{_plotlyjs()}</script></head><body style='margin:0'>"
        f"{_figure_html(figure, 'cilib-chart-0')}</body></html>"
    )


def reveal_version() -> str:
    """Version of the vendored reveal.js (``vendor/reveal/SOURCE.toml``)."""
    text = resources.files("cilib.classroom").joinpath("vendor/reveal/SOURCE.toml").read_text()
    return re.search(r'version = "([^"]+)"', text).group(1)
