"""Notebooks: committed without outputs, end with an assert cell, carry the notice."""

from __future__ import annotations

import json
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
