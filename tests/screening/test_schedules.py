"""Screening: measured CL, assumptions carried by the cohort, schedules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import screening
from cilib.screening import Schedule, anatomy_scan, screen, serial_scans

SEED = 7


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(60_000, seed=SEED)


def test_measurement_is_true_cl_plus_error(cohort):
    a = cilib.Assumptions.default()
    true = cilib.cervical_length(cohort, 22)
    m = cilib.measure_cervical_length(cohort, 22, seed=1)
    assert m.isna().equals(true.isna()), "measured CL is missing exactly where the true one is"
    err = (m - true)[true > 10]  # away from the floor at 0 mm
    n = len(err)
    # Monte-Carlo error of normal errors, z = 4 (two-sided false-alarm rate 6e-5 each): the
    # mean within 4 SE = 4 sd / sqrt(n) of the offset, the SD within 4 SE = 4 sd / sqrt(2n)
    sd, offset = a["cl_measurement_sd_mm"], a["cl_measurement_offset_mm"]
    tol = 4 * sd / np.sqrt(n)
    assert abs(err.mean() - offset) < tol, (
        f"mean measurement error {err.mean():.4f} mm, expected offset {offset:.4f} +/- {tol:.4f}"
    )
    tol = 4 * sd / np.sqrt(2 * n)
    assert abs(err.std() - sd) < tol, (
        f"SD of measurement error {err.std():.4f} mm, expected {sd} +/- {tol:.4f}"
    )
    assert (m.dropna() >= 0).all(), "a measurement is never negative"


def test_measurement_streams_are_independent_and_reproducible(cohort):
    m0 = cilib.measure_cervical_length(cohort, 20, seed=3)
    m1 = cilib.measure_cervical_length(cohort, 20, seed=3, scan=1)
    again = cilib.measure_cervical_length(cohort, 20, seed=3)
    pd.testing.assert_series_equal(m0, again)
    # np.allclose defaults (rtol 1e-5): two independent errors of SD ~1.3 mm differ far more
    assert not np.allclose(m0.dropna(), m1.dropna()), "scan 1 must have its own errors"
    head = cilib.measure_cervical_length(cohort.iloc[:500], 20, seed=3)
    pd.testing.assert_series_equal(head, m0.iloc[:500], obj="prefix of the measurements")


def test_assumptions_travel_with_the_cohort(tmp_path):
    a = cilib.Assumptions.scenario("fmf_london").replace(p_smoking=0.2)
    c = cilib.generate_cohort(500, seed=1, assumptions=a)
    assert cilib.assumptions_of(c).hash() == a.hash(), "scenario and overrides must be rebuilt"
    assert cilib.assumptions_of(c[c["smoking"]]).hash() == a.hash(), "filtering keeps attrs"
    from cilib import io

    path, _ = io.write_cohort(
        c, tmp_path / "c.csv", manifest=io.make_manifest(n=500, seed=1, assumptions=a, command=None)
    )
    assert cilib.assumptions_of(io.read_cohort(path)).hash() == a.hash(), "files keep them too"
    bare = pd.DataFrame(c.to_dict("list"))
    with pytest.raises(ValueError, match="no cilib metadata"):
        cilib.assumptions_of(bare)
    tampered = c.copy()
    tampered.attrs["assumptions_hash"] = "0" * 16
    with pytest.raises(ValueError, match="does not match"):
        cilib.measure_cervical_length(tampered, 20, seed=1)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"start_weeks": 10, "end_weeks": 20}, "start_weeks: got 10"),
        ({"start_weeks": 20, "end_weeks": 18}, "end_weeks: got 18"),
        ({"start_weeks": 16, "end_weeks": 24, "every_weeks": 0}, "every_weeks: got 0"),
        ({"start_weeks": 16, "end_weeks": 24, "eligible": "everyone"}, "eligible: got"),
    ],
)
def test_schedule_validation(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        Schedule("x", **kwargs)


def test_bad_screen_input(cohort):
    with pytest.raises(TypeError, match="schedule"):
        screen(cohort, "anatomy", seed=1)
    with pytest.raises(ValueError, match="seed"):
        screen(cohort, anatomy_scan(), seed=-1)
    with pytest.raises(ValueError, match="thresholds_mm"):
        screen(cohort, anatomy_scan(), seed=1, thresholds_mm=[float("nan")])


def test_anatomy_scan(cohort):
    a = cilib.Assumptions.default()
    s = screen(cohort, anatomy_scan(a), seed=SEED)
    assert s["eligible"].all(), "the anatomy scan is offered to everyone"
    scanned = s["scanned"]
    ga = s.loc[scanned, "first_scan_ga_weeks"]
    lo, hi = a["anatomy_scan_start_weeks"], a["anatomy_scan_end_weeks"]
    assert ga.between(lo, hi).all(), (
        f"scans expected in {lo}-{hi} wk, got {ga.min():.2f}-{ga.max():.2f}"
    )
    assert (s["n_scans"] <= 1).all(), "one scan in a window"
    born_before = cohort["ga_birth_weeks"].to_numpy() <= s["first_scan_ga_weeks"].to_numpy()
    assert not born_before[scanned.to_numpy()].any(), "nobody is scanned after birth"
    pd.testing.assert_series_equal(
        s.loc[scanned, "cl_min_mm"], s.loc[scanned, "cl_first_mm"], check_names=False
    )
    crossed = s["ga_first_le_25mm_weeks"].notna()
    assert crossed.equals(s["cl_min_mm"] <= 25), "crossing 25 mm means a scan at or below it"
    # acceptance: expected share from the records (race-specific odds of declining), within
    # 4 binomial SEs at n = 60,000 (two-sided false-alarm rate 6e-5)
    p = a["p_tvcl_uptake"]
    black = (cohort["race_ethnicity"] == "NH Black").to_numpy()
    odds = (1 - p) / p * np.where(black, a["or_tvcl_decline_nh_black"], 1.0)
    expected = (1 - odds / (1 + odds)).mean()
    se = np.sqrt(expected * (1 - expected) / len(s))
    got = s["accepted"].mean()
    assert abs(got - expected) < 4 * se, (
        f"acceptance {got:.4f}, expected {expected:.4f} +/- {4 * se:.4f} from the records"
    )
    # Was a bare `<` of two simulated shares; now the gap (about 0.12 from the records' odds
    # ratio) must exceed 4 SEs of the difference of two binomial shares (one-sided 3e-5).
    p1, p0 = s["accepted"][black].mean(), s["accepted"][~black].mean()
    se = np.sqrt(p1 * (1 - p1) / black.sum() + p0 * (1 - p0) / (~black).sum())
    assert p0 - p1 > 4 * se, (
        f"Black women decline more: acceptance {p1:.3f} vs {p0:.3f}, expected a gap > {4 * se:.3f}"
    )


def test_serial_scans(cohort):
    a = cilib.Assumptions.default()
    sched = serial_scans(a)
    weeks = sched.scan_weeks()
    assert weeks == [16.0, 18.0, 20.0, 22.0, 24.0], f"scans every 2 wk from 16 to 24, got {weeks}"
    s = screen(cohort, sched, seed=SEED)
    assert s["eligible"].equals(cohort["prior_sptb"]), "offered to women with a prior sPTB"
    assert not s.loc[~cohort["prior_sptb"], "scanned"].any(), "nobody else is scanned"
    assert s["n_scans"].max() == 5, f"at most 5 scans expected, got {s['n_scans'].max()}"
    assert (s.loc[s["scanned"], "first_scan_ga_weeks"] == 16).all(), "serial scans start at 16 wk"
    sc = s[s["scanned"]]
    assert (sc["cl_min_mm"] <= sc["cl_first_mm"]).all(), "the shortest is never above the first"
    t15, t25 = sc["ga_first_le_15mm_weeks"], sc["ga_first_le_25mm_weeks"]
    both = t15.notna()
    assert t25[both].notna().all() and (t25[both] <= t15[both]).all(), (
        "a cervix reaches 25 mm no later than 15 mm"
    )
    # exact: a scanned woman has every scheduled scan before her pregnancy ends
    ga_birth = cohort.loc[sc.index, "ga_birth_weeks"].to_numpy()
    due = (ga_birth[:, None] > np.array(weeks)[None, :]).sum(axis=1)
    assert np.array_equal(sc["n_scans"].to_numpy(), due), "one scan per scheduled week before birth"
    # 0.5 is what "most" means, not a tolerance: the share is ~99.7% of ~2,800 women here
    # (binomial SE 0.1 points), so Monte-Carlo error cannot bring it near 0.5
    assert sc["n_scans"].gt(1).mean() > 0.5, "most women get several scans"


def test_screen_measures_as_measure_cervical_length(cohort):
    """A scan in a schedule is scan k of measure_cervical_length with the same seed: the same
    number, bit for bit, though screen measures only the women it scans."""
    sched = serial_scans()
    s = screen(cohort, sched, seed=SEED)
    sc = s["scanned"].to_numpy()
    first = cilib.measure_cervical_length(cohort, sched.scan_weeks()[0], seed=SEED, scan=0)
    assert np.array_equal(s["cl_first_mm"].to_numpy()[sc], first.to_numpy()[sc]), (
        "the first scan's CL differs from measure_cervical_length's"
    )
    scans = np.column_stack(
        [
            cilib.measure_cervical_length(cohort, w, seed=SEED, scan=k).to_numpy()
            for k, w in enumerate(sched.scan_weeks())
        ]
    )
    shortest = np.nanmin(scans[sc], axis=1)
    assert np.array_equal(s["cl_min_mm"].to_numpy()[sc], shortest), (
        "the shortest scanned CL differs from the shortest of measure_cervical_length's scans"
    )


def test_schedules_share_random_numbers(cohort):
    """Offering serial scans to everyone measures the prior-sPTB women exactly as before."""
    narrow = screen(cohort, serial_scans(), seed=SEED)
    wide = screen(cohort, serial_scans(eligible="all"), seed=SEED)
    prior = cohort["prior_sptb"]
    pd.testing.assert_frame_equal(
        narrow.loc[prior].drop(columns="eligible"), wide.loc[prior].drop(columns="eligible")
    )


def test_subgroups_cover_the_usual_groups(cohort):
    g = screening.subgroups(cohort)
    want = {"all", "nulliparous", "prior sPTB", "twins", "NH Black"}
    assert want <= set(g), f"missing subgroups {want - set(g)}"
    # a prior sPTB (24-36+6 wk) is a birth, so every woman with one is parous
    assert not (g["prior sPTB"] & g["nulliparous"]).any(), "prior sPTB implies parity >= 1"
    assert g["prior sPTB"].sum() > 0 and g["twins"].sum() > 0, "the groups must be populated"


def test_schedules_screened_together_share_their_draws_and_give_the_same_results(cohort):
    """Within shared_draws every schedule reuses the uptake and scan-error draws (drawn once
    per stream slot) and each result equals screening it alone; the draws are let go after."""
    from cilib.screening import schedules

    plans = [anatomy_scan(), serial_scans(), serial_scans(eligible="all")]
    alone = [screen(cohort, s, seed=7) for s in plans]
    with schedules.shared_draws():
        together = [screen(cohort, s, seed=7) for s in plans]
        first = schedules._draws(7, "scan", 0, len(cohort), normal=True)
        assert schedules._draws(7, "scan", 0, len(cohort), normal=True) is first, "reused"
        assert not first.flags.writeable, "shared draws are read-only"
    for s, x, y in zip(plans, alone, together, strict=True):
        pd.testing.assert_frame_equal(x, y, check_exact=True, obj=s.name)
    assert schedules._SHARED.get() is None, "nothing kept after the context"
    again = schedules._draws(7, "scan", 0, len(cohort), normal=True)
    assert again is not first and np.array_equal(again, first), "drawn afresh, the same values"
