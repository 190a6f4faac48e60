"""Classroom delivery of the teaching notebooks: offline HTML pages, reveal.js slides, handout
images and student copies (:func:`export`), checked in a real headless browser.

Needs the ``notebooks`` extra (nbconvert, nbclient, kaleido) and, for images and browser
checks, a Chromium-family browser (Debian's ``chromium``).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from cilib.classroom.exporting import FORMATS, Exported, export

__all__ = ["FORMATS", "Exported", "export"]
