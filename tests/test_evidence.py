"""docs/evidence.md is generated from the registry and current."""

from __future__ import annotations

from pathlib import Path

from tests import scripts

ROOT = Path(__file__).resolve().parents[1]


def test_evidence_document_is_current():
    mod = scripts.load("make_evidence")
    current = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    assert current == mod.markdown(), (
        "docs/evidence.md is stale: run python scripts/make_evidence.py"
    )
    assert "not for clinical use" in current, "the evidence document carries the notice"
    import cilib

    for name in cilib.Assumptions.default().records:
        assert f"`{name}`" in current, f"{name} is missing from docs/evidence.md"
