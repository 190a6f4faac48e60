"""Opening exported pages in a real headless browser (Debian's ``chromium``).

:func:`check_page` loads a page with no network and counts the plotly charts the browser
actually drew (each figure's ``div``, id ``cilib-<notebook>-<k>``, holding at least one
``svg.main-svg`` once plotly.js has run) and collects the console's errors (uncaught
exceptions, failed loads). :func:`screenshot` takes a picture of a page for a human look.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["PageCheck", "chart_screenshot", "check_page", "find_chromium", "screenshot"]

#: Browsers tried, in order (``CILIB_CHROMIUM`` overrides).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no host name resolves
)


def find_chromium() -> str | None:
    """Path of a Chromium-family browser: ``CILIB_CHROMIUM`` if set, else the first of
    :data:`CANDIDATES` on ``PATH``; None if there is none."""
    env = os.environ.get("CILIB_CHROMIUM")
    if env:
        return env if Path(env).is_file() else shutil.which(env)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class _Charts(HTMLParser):
    """Ids of the ``cilib-*`` figure divs in a DOM, and which of them hold a drawn chart."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []  # (tag, figure id open at this level)
        self.figures: list[str] = []
        self.drawn: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        current = self.stack[-1][1] if self.stack else None
        fid = a.get("id") if tag == "div" and (a.get("id") or "").startswith("cilib-") else None
        if fid and fid not in self.figures:
            self.figures.append(fid)
        owner = fid or current
        if tag == "svg" and owner and "main-svg" in (a.get("class") or "").split():
            self.drawn.add(owner)
        if tag not in {"br", "img", "input", "meta", "link", "hr", "path", "rect", "line"}:
            self.stack.append((tag, owner))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed elements
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


@dataclass(frozen=True)
class PageCheck:
    """What a browser made of a page: the figure divs found, those drawn, console errors."""

    figures: int
    drawn: int
    errors: tuple[str, ...]


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="cilib-chromium-") as profile:
        cmd = [*args[:1], *_FLAGS, f"--user-data-dir={profile}", *args[1:]]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


_CONSOLE = re.compile(
    r":(?:INFO|WARNING|ERROR|VERBOSE\d*):CONSOLE[:(]\d+\)?\] \"(.*)\", source: (.*)$"
)
#: A script, style sheet or image the page would fetch from the network.
_REMOTE = re.compile(
    r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="((?:https?:)?//[^"]+)"', re.I
)


def check_page(page: str | Path, *, chromium: str, budget_ms: int = 20_000) -> PageCheck:
    """Load ``page`` in headless Chromium with no network, let its scripts run for
    ``budget_ms`` of virtual time, and count the figures drawn and the errors: console
    messages of uncaught errors and failed loads (logged at the console's error level or
    starting ``Uncaught``), and any script, style sheet or image the page would fetch from the
    network."""
    uri = Path(page).resolve().as_uri()
    done = _run(
        [
            chromium,
            "--enable-logging=stderr",
            "--v=0",
            f"--virtual-time-budget={budget_ms}",
            "--window-size=1280,2000",
            "--dump-dom",
            uri,
        ],
        timeout=300,
    )
    parser = _Charts()
    parser.feed(done.stdout)
    errors = []
    for line in done.stderr.splitlines():
        m = _CONSOLE.search(line)
        if m and (":ERROR:" in line or m.group(1).startswith(("Uncaught", "Failed to load"))):
            errors.append(f"{m.group(1)[:200]} ({m.group(2)[-80:]})")
    if not done.stdout.strip():
        errors.append(f"chromium returned no DOM (exit {done.returncode})")
    text = Path(page).read_text(encoding="utf-8", errors="replace")
    errors.extend(f"loads {url[:80]} from the network" for url in _REMOTE.findall(text))
    return PageCheck(len(parser.figures), len(parser.drawn & set(parser.figures)), tuple(errors))


def screenshot(page: str | Path, png: str | Path, *, chromium: str, size=(1280, 900)) -> Path:
    """A PNG of the top of ``page`` as the browser drew it (``size`` in pixels)."""
    out = Path(png).resolve()
    uri = Path(page).resolve().as_uri()
    _run(
        [
            chromium,
            "--virtual-time-budget=20000",
            f"--window-size={size[0]},{size[1]}",
            f"--screenshot={out}",
            uri,
        ],
        timeout=300,
    )
    if not out.is_file():
        raise RuntimeError(f"screenshot: chromium wrote no picture of {Path(page).name}")
    return out


def chart_screenshot(figure: dict, png: str | Path, *, chromium: str) -> Path:
    """A PNG of one figure as the browser draws it in an exported page (the same div and
    inline plotly.js as :func:`cilib.classroom.html.page`), for a human look."""
    from cilib.classroom.html import chart_page

    out = Path(png)
    with tempfile.TemporaryDirectory(prefix="cilib-chart-") as tmp:
        page = Path(tmp) / "chart.html"
        page.write_text(chart_page(figure), encoding="utf-8")
        height = int(figure.get("layout", {}).get("height") or 500)
        return screenshot(page, out, chromium=chromium, size=(1100, height + 40))
