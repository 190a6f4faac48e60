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
    bad = ~calibration.within_monte_carlo_error(t) & ~t["key"].isin(KNOWN_MISSES[scenario])
    failed = t.loc[bad, ["key", "published", "simulated", "ci_low", "ci_high", "lower", "upper"]]
    assert failed.empty, f"targets missed at seed 7 in {scenario}:\n{failed.to_string()}"


def test_within_monte_carlo_error_widens_by_the_bonferroni_quantile_of_the_ci_se():
    """Rows built by hand: an estimate just inside and just outside the interval widened by
    z SE (z = Bonferroni over every target at fwer 0.001, SE = CI half-width / Z95), on the
    log scale for a ratio; the row's 'pass' column plays no part."""
    import pandas as pd

    from cilib.stats import Z95

    z = float(special.ndtri(1 - 0.001 / (2 * len(TARGETS))))
    se = 0.5  # CI 10 +/- Z95 * 0.5 around each estimate
    eps = 1e-6
    upper = 10.0
    rows = []
    for est, unit in [
        (upper + z * se - eps, "percent"),  # inside the widened interval by eps
        (upper + z * se + eps, "percent"),  # outside by eps
        (5.0 - z * se + eps, "percent"),  # inside at the low edge
    ]:
        rows.append(
            {"simulated": est, "ci_low": est - Z95 * se, "ci_high": est + Z95 * se,
             "lower": 5.0, "upper": upper, "unit": unit}
        )  # fmt: skip
    log_se = 0.1
    for shift in (-eps, eps):  # a ratio: widened on the log scale
        est = 2.0 * np.exp(z * log_se + shift)
        rows.append(
            {"simulated": est, "ci_low": est * np.exp(-Z95 * log_se),
             "ci_high": est * np.exp(Z95 * log_se), "lower": 1.0, "upper": 2.0, "unit": "ratio"}
        )  # fmt: skip
    got = calibration.within_monte_carlo_error(pd.DataFrame(rows)).tolist()
    assert got == [True, False, True, True, False], f"widened interval: got {got}"
    with pytest.raises(ValueError, match="fwer: got 0"):
        calibration.within_monte_carlo_error(pd.DataFrame(rows), fwer=0)
