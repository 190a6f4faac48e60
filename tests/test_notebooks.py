"""Notebooks: committed without outputs, end with an assert cell, carry the notice."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ must hold the teaching notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_structure(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, f"{path.name} has no code"
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), (
        f"{path.name} holds outputs: run nbstripout"
    )
    last = "".join(code[-1]["source"])
    assert "assert" in last, f"{path.name}: the last code cell must assert the key numbers"
    text = " ".join("".join(c["source"]) for c in nb["cells"]).lower()
    assert "not for clinical use" in text, f"{path.name} must carry the synthetic-data notice"
    assert "pip install" not in text, f"{path.name} must not install packages"
    assert "renderers.default" not in text, f"{path.name} must not set plotly renderers"


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_are_tagged_and_checkable(path):
    """Issue 15: a student copy drops the cells tagged 'solution'; each prompt is tagged
    'exercise' and says how to check an answer with cilib.teaching."""
    cells = _cells(path)
    prompts = [c for c in cells if "exercise" in _tags(c)]
    solutions = [i for i, c in enumerate(cells) if "solution" in _tags(c)]
    assert prompts and solutions, f"{path.name}: expected tagged exercise and solution cells"
    assert all(c["cell_type"] == "markdown" for c in prompts), f"{path.name}: prompts are markdown"
    assert all("cilib.teaching" in _source(c) for c in prompts), (
        f"{path.name}: every exercise prompt must say how to check the answer (cilib.teaching)"
    )
    for i in solutions:
        assert cells[i]["cell_type"] == "code", f"{path.name}: cell {i} solution must be code"
        after = next(c for c in cells[i + 1 :] if c["cell_type"] == "code")
        assert "teaching.check(" in _source(after), (
            f"{path.name}: the code cell after solution cell {i} must run teaching.check"
        )


def _names(source: str, ctx: type) -> set[str]:
    tree = ast.parse(source)
    found = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ctx)}
    if ctx is ast.Store:
        defs = (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)
        found |= {n.name for n in ast.walk(tree) if isinstance(n, defs)}
        found |= {
            (a.asname or a.name).split(".")[0]
            for n in ast.walk(tree)
            if isinstance(n, (ast.Import, ast.ImportFrom))
            for a in n.names
        }
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_copy_needs_no_solution_cell(path):
    """Without its solution cells a notebook must still run: no later cell may read a name
    that only a solution cell defines (a static check; CI also executes the student copy)."""
    cells = [c for c in _cells(path) if c["cell_type"] == "code"]
    defined_elsewhere = set().union(
        *(_names(_source(c), ast.Store) for c in cells if "solution" not in _tags(c))
    )
    only_in_solutions: set[str] = set()
    for c in cells:
        if "solution" in _tags(c):
            only_in_solutions |= _names(_source(c), ast.Store) - defined_elsewhere
            continue
        used = _names(_source(c), ast.Load) & only_in_solutions
        assert not used, (
            f"{path.name}: a cell uses {sorted(used)}, defined only in a solution cell:\n"
            f"{_source(c)[:200]}"
        )


SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "-"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_slide_metadata(path):
    """Issue 15: reveal.js slides from cell metadata: a new slide at each section heading,
    the setup cell and the closing assert cell skipped."""
    cells = _cells(path)
    kinds = [c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in cells]
    assert set(kinds) <= SLIDE_TYPES, f"{path.name}: slide types {set(kinds) - SLIDE_TYPES}"
    for c, kind in zip(cells, kinds, strict=True):
        if c["cell_type"] == "markdown" and _source(c).startswith(("# ", "## ")):
            heading = _source(c).splitlines()[0]
            assert kind in ("slide", "skip"), f"{path.name}: heading {heading!r} is {kind!r}"
    code = [k for c, k in zip(cells, kinds, strict=True) if c["cell_type"] == "code"]
    assert code[0] == "skip" and code[-1] == "skip", (
        f"{path.name}: the setup and assert cells must be skipped, got {code[0]!r}, {code[-1]!r}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_narrative_cites_shipped_files_and_real_colours(path):
    """Issue 15: no 'evidence dossier' (not in the repository: docs/evidence.md is), and no
    'red' in the text: the palette has vermillion, not red."""
    text = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    assert "dossier" not in text.lower(), f"{path.name}: cite docs/evidence.md, not a dossier"
    red = re.findall(r"[^.]*(?<!-)\bred\b[^.]*", text, flags=re.IGNORECASE)
    assert not red, f"{path.name}: the charts draw vermillion, not red: {red}"


MAX_ASSERT_CELL_LINES = 40  # "a handful of key numbers" (issue 15: they ran to 33-74 lines)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_closing_assert_cell_is_short_and_explained(path):
    """Issue 15: the closing cell checks a handful of key numbers, each assert with a message."""
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    last = _source(code[-1])
    lines = [line for line in last.splitlines() if line.strip()]
    assert len(lines) <= MAX_ASSERT_CELL_LINES, (
        f"{path.name}: the assert cell has {len(lines)} lines (at most {MAX_ASSERT_CELL_LINES})"
    )
    bare = [n.lineno for n in ast.walk(ast.parse(last)) if isinstance(n, ast.Assert) and not n.msg]
    assert not bare, f"{path.name}: asserts without a message at lines {bare} of the last cell"
