"""docs/evidence.md is generated from the registry and current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_evidence_document_is_current():
    spec = importlib.util.spec_from_file_location(
        "make_evidence", ROOT / "scripts" / "make_evidence.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    current = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    assert current == mod.markdown(), (
        "docs/evidence.md is stale: run python scripts/make_evidence.py"
    )
    assert "not for clinical use" in current, "the evidence document carries the notice"
    import cilib

    for name in cilib.Assumptions.default().records:
        assert f"`{name}`" in current, f"{name} is missing from docs/evidence.md"
