"""Student copies and figure counting (no kernel needed), and notebook runs (a kernel)."""

from __future__ import annotations

import nbformat
import pytest

from cilib.classroom import notebooks


def _nb() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    ex = nbformat.v4.new_markdown_cell("**Exercise 1.** Compute x.")
    ex.metadata["tags"] = ["exercise"]
    sol = nbformat.v4.new_code_cell("x = 42\nx")
    sol.metadata["tags"] = ["solution"]
    sol.metadata["slideshow"] = {"slide_type": "fragment"}
    sol.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "42"})]
    sol.execution_count = 3
    keep = nbformat.v4.new_code_cell("y = 1")
    keep.outputs = [nbformat.v4.new_output("stream", text="hi")]
    nb.cells = [ex, sol, keep]
    return nb


def test_student_copy_replaces_solutions_and_clears_outputs():
    nb = _nb()
    student = notebooks.student_copy(nb)
    sources = [c.source for c in student.cells]
    assert "x = 42" not in "".join(sources), "the solution must not reach the student copy"
    assert sources[1] == notebooks.PLACEHOLDER, "a placeholder takes the solution's place"
    assert student.cells[1].metadata["tags"] == ["answer"], "the placeholder is tagged answer"
    assert student.cells[1].metadata["slideshow"] == {"slide_type": "fragment"}, "slide kept"
    assert sources[0] == nb.cells[0].source and sources[2] == "y = 1", "other cells kept"
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code"), (
        "a student copy has no outputs"
    )
    assert nb.cells[1].source == "x = 42\nx", "the instructor copy is not changed"
    nbformat.validate(student)


def test_figures_counts_plotly_outputs():
    nb = _nb()
    nb.cells[2].outputs.append(
        nbformat.v4.new_output("display_data", data={notebooks.PLOTLY_MIME: {"data": []}})
    )
    assert len(notebooks.figures(nb)) == 1, "one plotly output, one figure"


def test_read_refuses_what_is_not_a_notebook(tmp_path):
    bad = tmp_path / "x.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^notebook: x.ipynb is not a valid notebook"):
        notebooks.read(bad)
    with pytest.raises(ValueError, match=r"^notebook: got .*allowed: an existing .ipynb"):
        notebooks.read(tmp_path / "missing.ipynb")


def _one_cell(source: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    return nb


def test_a_stalled_run_is_retried_once_with_a_fresh_kernel(tmp_path):
    """The first run's cell outlives the timeout (as a stalled kernel does), the second runs."""
    pytest.importorskip("nbclient")
    flag = tmp_path / "first-run-done"
    nb = _one_cell(
        "import pathlib, time\n"
        f"flag = pathlib.Path({str(flag)!r})\n"
        "stall = not flag.exists()\n"
        "flag.touch()\n"
        "time.sleep(30 if stall else 0)\n"
        "print('ran')"
    )
    run = notebooks.execute(nb, tmp_path, timeout=5)
    out = "".join(o.get("text", "") for o in run.cells[0].outputs)
    assert "ran" in out, "the second run, with a fresh kernel, must complete the cell"


def test_a_run_that_always_stalls_fails_in_one_line(tmp_path):
    pytest.importorskip("nbclient")
    nb = _one_cell("import time\ntime.sleep(30)")
    with pytest.raises(RuntimeError, match=r"^notebook stalled: CellTimeoutError on every run$"):
        notebooks.execute(nb, tmp_path, timeout=3)


def test_a_failing_cell_is_not_retried(tmp_path):
    pytest.importorskip("nbclient")
    flag = tmp_path / "runs"
    nb = _one_cell(
        f"import pathlib\np = pathlib.Path({str(flag)!r})\n"
        "p.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
        "raise ValueError('boom')"
    )
    with pytest.raises(RuntimeError, match="boom"):
        notebooks.execute(nb, tmp_path, timeout=30)
    assert flag.read_text() == "x", "a real error must not be retried"
