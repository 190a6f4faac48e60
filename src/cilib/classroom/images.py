"""Static images of a notebook's charts for handouts: PNG and SVG through kaleido.

kaleido 1.x draws with a Chromium-family browser installed on the machine (Debian's
``chromium``; :func:`cilib.classroom.browser.find_chromium` finds it and kaleido is pointed at
it through ``BROWSER_PATH``); nothing is fetched from the network.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["IMAGE_FORMATS", "write_images"]

#: Formats written for each chart.
IMAGE_FORMATS = ("png", "svg")
#: Size of a handout image (pixels at scale 1) and the PNG's scale: sharp when printed.
WIDTH, HEIGHT, SCALE = 1000, 600, 2


def write_images(figures: list[dict], folder: Path, *, chromium: str) -> list[Path]:
    """Write each figure as ``fig-<k>.png`` and ``fig-<k>.svg`` (k from 1) into ``folder``
    (which must exist) and return the paths. A figure's own height, if set, is kept."""
    import plotly.graph_objects as go
    import plotly.io as pio

    os.environ.setdefault("BROWSER_PATH", chromium)
    figs, paths, opts = [], [], []
    for k, fig in enumerate(figures, start=1):
        f = go.Figure(fig)
        height = f.layout.height or HEIGHT
        for fmt in IMAGE_FORMATS:
            figs.append(f)
            paths.append(folder / f"fig-{k}.{fmt}")
            opts.append({"format": fmt, "width": WIDTH, "height": height, "scale": SCALE})
    if figs:
        pio.write_images(
            figs,
            paths,
            format=[o["format"] for o in opts],
            width=[o["width"] for o in opts],
            height=[o["height"] for o in opts],
            scale=[o["scale"] for o in opts],
        )
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise RuntimeError(f"images: kaleido wrote no {', '.join(missing[:3])}")
    return paths
