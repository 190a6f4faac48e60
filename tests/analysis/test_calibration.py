"""Calibration: the targets are documented, the table is well formed, every target passes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special

from cilib.analysis import calibration
from cilib.analysis.targets import TARGETS


def test_every_target_has_a_scenario_and_sources():
    ids = {t.id for t in TARGETS}
    want = set(range(1, 14)) | {15} | set(range(16, 24))
    assert want <= ids, f"targets 1-13, 15 and 16-23 expected, got {sorted(ids)}"
    # 1-23: evidence.md's calibration list (14 is checked by the trials); project targets
    # (recurrence 106-107, effects 101-103) are numbered from 101
    assert all(i <= 23 or i > 100 for i in ids), "project targets are numbered from 101"
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


#: Targets the model is documented to miss, by scenario (README, "Targets at their edges"):
#: none since the issue-12 refit. The tests below fail if any other target misses, and also if
#: a listed one starts to pass, so that this list cannot go stale.
KNOWN_MISSES: dict[str, set[str]] = {
    "us_contemporary": set(),
    "iams_1996": set(),
    "fmf_london": set(),
}


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["us_contemporary", "iams_1996", "fmf_london"])
def test_all_targets_pass_in_their_scenario(scenario):
    """Tolerances: each target's published acceptance interval (lower-upper, TARGETS: evidence.md
    and issue 5). They assume >= 200,000 pregnancies, where Monte-Carlo error is small against
    them (the table's CI columns show it); the seed is fixed, so this is a deterministic check
    of the calibrated model. Every target passes except the documented KNOWN_MISSES, which
    must still miss."""
    t = calibration.calibrate(scenario, n=200_000)
    failed = t.loc[~t["pass"], ["key", "published", "simulated", "lower", "upper"]]
    assert set(failed["key"]) == KNOWN_MISSES[scenario], (
        f"targets missed in {scenario} (known: {sorted(KNOWN_MISSES[scenario])}):\n"
        f"{failed.to_string()}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["us_contemporary", "iams_1996", "fmf_london"])
def test_targets_hold_at_another_seed_within_monte_carlo_error(scenario):
    """The calibration is not an accident of its seed: at another seed every target lies in
    its acceptance interval widened on each side by z Monte-Carlo standard errors, the SE
    read from the row's 95% CI (half-width / 1.96; log scale for ratios) and z the two-sided
    Bonferroni quantile over all targets at a family-wise error of 0.1%."""
    t = calibration.calibrate(scenario, n=200_000, seed=7)
    z = float(special.ndtri(1 - 0.001 / (2 * len(calibration.TARGETS))))
    ratio = (t["unit"] == "ratio").to_numpy()
    est, lo, hi = (t[c].to_numpy(dtype=float) for c in ("simulated", "ci_low", "ci_high"))
    lower, upper = t["lower"].to_numpy(float), t["upper"].to_numpy(float)
    with np.errstate(divide="ignore"):
        se = np.where(ratio, (np.log(hi) - np.log(lo)) / (2 * 1.96), (hi - lo) / (2 * 1.96))
        value = np.where(ratio, np.log(est), est)
        low_edge = np.where(ratio, np.log(lower), lower) - z * se
        high_edge = np.where(ratio, np.log(upper), upper) + z * se
    bad = ~((low_edge <= value) & (value <= high_edge)) & ~t["key"].isin(KNOWN_MISSES[scenario])
    failed = t.loc[bad, ["key", "published", "simulated", "ci_low", "ci_high", "lower", "upper"]]
    assert failed.empty, f"targets missed at seed 7 in {scenario}:\n{failed.to_string()}"
