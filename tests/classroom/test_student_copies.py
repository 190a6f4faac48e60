"""Student copies of every notebook (solution cells replaced by placeholders) run top to
bottom, and the notebooks with exercises tag their solutions."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("nbclient")

from cilib.classroom import notebooks  # noqa: E402

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_copy_runs(path):
    nb = notebooks.read(path)
    solutions = [c for c in nb.cells if notebooks.SOLUTION_TAG in c.metadata.get("tags", [])]
    exercises = [c for c in nb.cells if "exercise" in c.metadata.get("tags", [])]
    assert len(solutions) >= len(exercises) > 0, (
        f"{path.name}: {len(exercises)} exercises, {len(solutions)} solution cells tagged"
    )
    student = notebooks.student_copy(nb)
    assert not any(notebooks.SOLUTION_TAG in c.metadata.get("tags", []) for c in student.cells), (
        "a solution cell reached the student copy"
    )
    notebooks.execute(student, path.parent)  # raises RuntimeError naming the failing cell
