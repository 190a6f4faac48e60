"""One export for the classroom: pages, slides, handout images and student copies.

:func:`export` executes each notebook once (instructor copy) and writes what was asked:

- ``html``: ``<name>.html``, a self-contained page whose charts render offline;
- ``slides``: ``<name>.slides.html``, reveal.js slides, self-contained and offline;
- ``png``: ``<name>/fig-<k>.png`` and ``.svg`` for each chart (kaleido, with Chromium);
- ``student``: ``<name>.student.ipynb``, solutions replaced by placeholders, without outputs;
  it is executed too, to prove that a student's copy runs top to bottom.

Every file is written all or nothing (:func:`cilib.io.atomic_write`) and an existing one is
kept unless ``force``. With ``check``, each page and slide deck is opened in headless Chromium
(:func:`cilib.classroom.browser.check_page`) and must show every chart the notebook drew, with
no console error.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from cilib.classroom import browser, html, images, notebooks
from cilib.io import atomic_write
from cilib.params.validation import shown

__all__ = ["FORMATS", "Exported", "export"]

FORMATS = ("html", "slides", "png", "student")


@dataclass
class Exported:
    """What :func:`export` wrote for one notebook, and what the browser saw."""

    notebook: str
    figures: int
    files: list[Path] = field(default_factory=list)
    #: The first chart the notebook drew (a plotly figure dict), for a screenshot.
    first: dict | None = None
    checks: dict[str, browser.PageCheck] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """One line per page on which the browser did not draw every chart or saw errors."""
        out = []
        for name, c in self.checks.items():
            if c.drawn != self.figures or c.figures != self.figures:
                out.append(
                    f"{name}: {c.drawn} of {self.figures} charts drawn ({c.figures} chart divs)"
                )
            out.extend(f"{name}: console error: {e}" for e in c.errors)
        return out


def _check_formats(to: Sequence[str]) -> tuple[str, ...]:
    if isinstance(to, str):
        to = [x.strip() for x in to.split(",")]
    bad = [x for x in to if x not in FORMATS]
    if bad or not to:
        raise ValueError(f"to: got {shown(','.join(map(str, to)))}; allowed: {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(to))


def _text_job(path: Path, text: str):
    return path, lambda tmp: tmp.write_text(text, encoding="utf-8")


def _targets(stem: str, out: Path) -> dict[str, Path]:
    """Where each format of notebook ``stem`` goes (``png``: a folder of images)."""
    return {
        "html": out / f"{stem}.html",
        "slides": out / f"{stem}.slides.html",
        "png": out / stem,
        "student": out / f"{stem}.student.ipynb",
    }


def _one(path: Path, nb, formats, out: Path, force: bool, check, chromium, timeout) -> Exported:
    stem = path.stem
    target = _targets(stem, out)
    run = notebooks.execute(nb, path.parent, timeout=timeout)
    drawn = notebooks.figures(run)
    result = Exported(path.name, len(drawn), first=drawn[0] if drawn else None)
    texts = {}
    if "html" in formats:
        texts["html"] = html.page(run, stem)[0]
    if "slides" in formats:
        texts["slides"] = html.slides(run, stem)[0]
    if "student" in formats:
        student = notebooks.student_copy(nb)
        notebooks.execute(student, path.parent, timeout=timeout)  # raises if it breaks
        texts["student"] = nbformat.writes(student) + "\n"
    jobs = [_text_job(target[f], text) for f, text in texts.items()]
    atomic_write(jobs, force=force)
    result.files = [p for p, _ in jobs]
    if "png" in formats:
        result.files += _images(drawn, target["png"], chromium)
    if check:
        for p in result.files:
            if p.suffix == ".html":
                result.checks[p.name] = browser.check_page(p, chromium=chromium)
    return result


def _images(figures, folder: Path, chromium) -> list[Path]:
    """Images drawn into a temporary folder beside ``folder``, then moved into it (whose
    existence :func:`export` has checked against ``force``)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=f".{folder.name}.") as tmp:
        written = images.write_images(figures, Path(tmp), chromium=chromium)
        for old in folder.glob("fig-*"):
            old.unlink()
        return [Path(p).replace(folder / Path(p).name) for p in written]


def export(
    paths: Sequence[str | Path],
    to: Sequence[str] | str,
    out: str | Path,
    *,
    force: bool = False,
    check: bool = False,
    timeout: int = notebooks.CELL_TIMEOUT,
    progress: Callable[[Exported], None] | None = None,
) -> list[Exported]:
    """Export notebooks for the classroom.

    Parameters
    ----------
    paths : sequence of path
        Notebooks (``.ipynb``); each runs in its own folder.
    to : str or sequence of str
        Any of :data:`FORMATS` (a comma-separated string or a list).
    out : path
        Output folder (created if missing).
    force : bool
        Replace files that exist.
    check : bool
        Open each page in headless Chromium and record what it drew (:class:`Exported`).
    timeout : int
        Seconds allowed per cell (a notebook that stalls is run once more).
    progress : callable, optional
        Called with each notebook's :class:`Exported` when it is done.

    Returns
    -------
    list of Exported

    Raises
    ------
    ValueError
        Unknown format, a missing notebook, an existing output without ``force``, or PNG export
        or ``check`` asked for with no Chromium on the machine.
    RuntimeError
        A notebook (or a student copy) fails to run.
    """
    formats = _check_formats(to)
    files = [Path(p) for p in paths]
    if not files:
        raise ValueError("paths: got no notebook; allowed: one or more .ipynb files")
    read = [notebooks.read(p) for p in files]  # every notebook is valid before anything runs
    folder = Path(out)
    for p in files:
        for target in (_targets(p.stem, folder)[f] for f in formats):
            if os.path.lexists(target) and not force:  # a dangling symlink counts
                raise ValueError(f"out: {target} exists; allowed: a new path, or --force")
    chromium = browser.find_chromium()
    if ("png" in formats or check) and chromium is None:
        raise ValueError(
            "chromium: not found; allowed: install Debian's chromium (apt-get install chromium) "
            "or set CILIB_CHROMIUM to a Chromium-family browser, for png and --check"
        )
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for p, nb in zip(files, read, strict=True):
        results.append(_one(p, nb, formats, folder, force, check, chromium, timeout))
        if progress is not None:
            progress(results[-1])
    return results
