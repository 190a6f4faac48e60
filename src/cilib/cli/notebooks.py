"""``cilib notebooks export``: the teaching notebooks as offline HTML pages, reveal.js slides,
handout images (PNG and SVG) and student copies, optionally checked in headless Chromium
(:mod:`cilib.classroom`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cilib.cli.formats import UsageError

__all__ = ["add_notebooks", "cmd_notebooks"]


def add_notebooks(sub, subcommand) -> None:
    """Add the ``notebooks`` subcommand (action ``export``) to the ``cilib`` parser."""
    p = subcommand(
        sub,
        "notebooks",
        "export the teaching notebooks for the classroom",
        "Execute notebooks and write self-contained HTML pages whose charts render offline, "
        "reveal.js slides, each chart as PNG and SVG, or student copies (solutions replaced by "
        "placeholders; each is executed to prove it runs).",
        cmd_notebooks,
    )
    p.add_argument("action", choices=["export"], help="what to do (export)")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="NOTEBOOK",
        help="notebooks to export (default: notebooks/*.ipynb under the current folder)",
    )
    p.add_argument(
        "--to",
        default="html",
        metavar="FORMATS",
        help="comma-separated: html, slides, png, student (default html; checked by "
        "cilib.classroom.export)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("output/notebooks"),
        help="output folder (default output/notebooks, ignored by git)",
    )
    p.add_argument("--force", action="store_true", help="replace files that exist")
    p.add_argument(
        "--check",
        action="store_true",
        help="open each page in headless Chromium: every chart drawn, no console error "
        "(exit 1 otherwise)",
    )


def cmd_notebooks(args: argparse.Namespace, argv) -> int:
    """Run ``cilib notebooks export``: 0 when done (and, with ``--check``, every chart was
    drawn), 1 when the browser check failed, 2 for bad input."""
    try:
        from cilib.classroom import export
    except ImportError as exc:
        raise UsageError(
            f"notebooks: needs the notebooks extra ({exc.name} missing); allowed: "
            'python -m pip install "cilib[notebooks]"'
        ) from None
    paths = list(args.paths) or sorted(Path("notebooks").glob("*.ipynb"))
    if not paths:
        raise UsageError(
            "NOTEBOOK: none given and no notebooks/*.ipynb here; allowed: .ipynb paths"
        )

    def report(done) -> None:
        print(f"{done.notebook}: {done.figures} charts, {len(done.files)} files", file=sys.stderr)

    results = export(paths, args.to, args.out, force=args.force, check=args.check, progress=report)
    problems = [f"{r.notebook}: {p}" for r in results for p in r.problems()]
    for r in results:
        for f in r.files:
            print(f)
    for line in problems:
        print(f"cilib: check failed: {line}", file=sys.stderr)
    return 1 if problems else 0
