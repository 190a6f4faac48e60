"""Every notebook exported to an offline page and to slides, opened in headless Chromium: each
chart the notebook drew is drawn, with no console error; every chart also exported as PNG and
SVG (kaleido). Skipped, saying so, on a machine without Chromium (`.ci/run` installs it).

With ``CILIB_ARTIFACTS`` set (``.ci/run`` sets it), a screenshot of each notebook's first
chart is kept there for a human look.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("nbconvert")
pytest.importorskip("kaleido")

from cilib.classroom import browser, export  # noqa: E402

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
CHROMIUM = browser.find_chromium()
SKIP = (
    "browser check skipped: no Chromium found (install Debian's chromium, "
    "apt-get install chromium, or set CILIB_CHROMIUM)"
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    if CHROMIUM is None:
        if os.environ.get("CILIB_REQUIRE_BROWSER"):  # CI: a skipped check is a failure
            pytest.fail(SKIP.replace("skipped", "required (CILIB_REQUIRE_BROWSER)"))
        pytest.skip(SKIP)
    out = tmp_path_factory.mktemp("classroom")
    results = export(NOTEBOOKS, "html,slides,png", out, check=True)
    return {r.notebook: (r, out) for r in results}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_chart_is_drawn_in_a_browser(exported, path):
    r, out = exported[path.name]
    assert r.figures > 0, f"{path.name} drew no chart: nothing to check"
    assert set(r.checks) == {f"{path.stem}.html", f"{path.stem}.slides.html"}, (
        f"the page and the slides were checked, got {sorted(r.checks)}"
    )
    assert not r.problems(), f"{path.name}: " + "; ".join(r.problems())
    pngs = sorted((out / path.stem).glob("fig-*.png"))
    svgs = sorted((out / path.stem).glob("fig-*.svg"))
    assert len(pngs) == len(svgs) == r.figures, (
        f"{path.name}: {len(pngs)} PNG and {len(svgs)} SVG for {r.figures} charts"
    )
    assert pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    keep = os.environ.get("CILIB_ARTIFACTS")
    if keep:
        folder = Path(keep) / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        shot = browser.chart_screenshot(r.first, folder / f"{path.stem}.png", chromium=CHROMIUM)
        assert shot.stat().st_size > 5_000, f"{shot} is nearly empty: was the chart drawn?"


def test_the_check_sees_undrawn_charts_and_errors(tmp_path):
    """The check can fail: a page without plotly.js draws no chart, and an uncaught error and
    a script from the network are reported."""
    if CHROMIUM is None:
        pytest.skip(SKIP)
    import plotly.graph_objects as go

    from cilib.classroom import html

    fig = go.Figure(go.Bar(x=["a"], y=[1])).to_plotly_json()
    good = html.chart_page(fig)
    ok = tmp_path / "ok.html"
    ok.write_text(good, encoding="utf-8")
    got = browser.check_page(ok, chromium=CHROMIUM)
    assert (got.figures, got.drawn, got.errors) == (1, 1, ()), f"a good page: {got}"
    broken = tmp_path / "broken.html"
    head = '<script src="https://cdn.example.org/x.js"></script><script>notDefined()</script>'
    page = good.split("<script>", 1)[0] + head + "</head>" + good.split("</head>", 1)[1]
    broken.write_text(page, encoding="utf-8")
    got = browser.check_page(broken, chromium=CHROMIUM)
    assert got.figures == 1 and got.drawn == 0, f"no plotly.js, no chart drawn: {got}"
    assert any("notDefined" in e for e in got.errors), f"uncaught error missed: {got.errors}"
    assert any("cdn.example.org" in e for e in got.errors), f"network load missed: {got.errors}"
