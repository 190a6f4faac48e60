"""Calibration: the targets are documented, the table is well formed, every target passes."""

from __future__ import annotations

import pytest

from cilib.analysis import calibration
from cilib.analysis.targets import TARGETS


def test_every_target_has_a_scenario_and_sources():
    ids = {t.id for t in TARGETS}
    assert set(range(1, 14)) <= ids, f"targets 1-13 expected, got {sorted(ids)}"
    # 1-13: evidence.md's calibration list; 16-17: the recurrence targets of issue 5
    assert all(i <= 17 or i > 100 for i in ids), "project targets are numbered from 101"
    for t in TARGETS:
        assert t.lower <= t.published <= t.upper, f"{t.key}: published outside its interval"
        assert t.sources, f"{t.key}: no source"


def test_table_structure_small_n():
    t = calibration.calibrate("fmf_london", n=20_000)
    want = [x.key for x in TARGETS if x.scenario == "fmf_london"]
    assert list(t["key"]) == want, f"fmf_london targets {want} expected, got {list(t['key'])}"
    cols = {"published", "simulated", "ci_low", "ci_high", "pass"}
    assert cols <= set(t.columns), f"missing columns {cols - set(t.columns)}"
    assert (t["ci_low"] <= t["simulated"]).all(), "ci_low must not exceed the simulated value"
    assert (t["simulated"] <= t["ci_high"]).all(), "ci_high must not be below the simulated value"


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["us_contemporary", "iams_1996", "fmf_london"])
def test_all_targets_pass_in_their_scenario(scenario):
    """Tolerances: each target's published acceptance interval (lower-upper, TARGETS: evidence.md
    and issue 5). They assume >= 200,000 pregnancies, where Monte-Carlo error is small against
    them (the table's CI columns show it); the seed is fixed, so this is a deterministic check
    of the calibrated model."""
    t = calibration.calibrate(scenario, n=200_000)
    failed = t.loc[~t["pass"], ["key", "published", "simulated", "lower", "upper"]]
    assert failed.empty, f"targets missed in {scenario}:\n{failed.to_string()}"
