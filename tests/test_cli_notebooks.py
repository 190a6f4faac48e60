"""``cilib notebooks export``: bad input exits 2 with one line and writes nothing."""

from __future__ import annotations

import os

import nbformat
import pytest

pytest.importorskip("nbconvert")

from cilib.cli import main  # noqa: E402


@pytest.fixture
def tiny(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Not for clinical use."),
        nbformat.v4.new_code_cell("x = 1"),
    ]
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


def _one_line_error(capsys, fragment: str) -> None:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, f"one line expected on stderr, got {err!r}"
    assert fragment in err, f"{fragment!r} not in {err!r}"


def test_unknown_format_exits_2(tiny, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["notebooks", "export", str(tiny), "--to", "pdf", "--out", str(out)]) == 2, (
        "an unknown format is a usage error"
    )
    _one_line_error(capsys, "to: got 'pdf'")
    assert not out.exists(), "nothing written"


def test_missing_notebook_exits_2(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["notebooks", "export", str(tmp_path / "nope.ipynb"), "--out", str(out)])
    assert code == 2, "a missing notebook is bad input"
    _one_line_error(capsys, "nope.ipynb")
    assert not out.exists(), "nothing written"


def test_existing_output_needs_force(tiny, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "tiny.student.ipynb").symlink_to(tmp_path / "dangling")  # a dangling link counts
    code = main(["notebooks", "export", str(tiny), "--to", "student", "--out", str(out)])
    assert code == 2, "an existing output (even a dangling symlink) is kept without --force"
    _one_line_error(capsys, "--force")
    assert os.path.islink(out / "tiny.student.ipynb"), "the existing entry is untouched"


def test_student_export_writes_a_runnable_copy(tiny, tmp_path):
    out = tmp_path / "out"
    code = main(["notebooks", "export", str(tiny), "--to", "student", "--out", str(out)])
    assert code == 0, "a valid notebook exports"
    nb = nbformat.read(out / "tiny.student.ipynb", as_version=4)
    assert [c.source for c in nb.cells] == ["Not for clinical use.", "x = 1"], "cells kept"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "no temporary left"
