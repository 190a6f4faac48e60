"""data/synthetic/: the committed reference cohort is exactly what the code regenerates."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_reference_cohort_regenerates_identically(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_reference_data", ROOT / "scripts" / "make_reference_data.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    fresh = mod.write(tmp_path, force=False)
    for path in fresh:
        committed = mod.OUT / path.name
        assert committed.exists(), f"{committed.name} missing: run scripts/make_reference_data.py"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed.name} differs from a fresh run: the model changed; rerun "
            "python scripts/make_reference_data.py and review the diff"
        )
    sizes = sum((mod.OUT / p.name).stat().st_size for p in fresh)
    assert sizes < 5_000_000, f"reference data is {sizes / 1e6:.1f} MB; keep it under 5 MB"
