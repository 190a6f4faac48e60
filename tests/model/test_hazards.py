"""The closed-form competing-hazards model."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from cilib.model import hazards, inputs


@pytest.mark.parametrize("rate", [0.0, 1e-12, 0.05, 1.1])
def test_gompertz_time_inverts_the_cumulative_hazard(rate):
    e = np.array([0.01, 0.5, 2.0])
    log_h0 = -3.0
    s = hazards.gompertz_time(e, log_h0, rate)
    for ei, si in zip(e, s, strict=True):
        h, _ = integrate.quad(lambda t: math.exp(log_h0 + rate * t), 0, si)
        # rel=1e-9: floating point (quad is accurate to ~1e-14 here) plus, at rate 1e-12, the
        # constant-hazard shortcut for rates below 1e-9, off by rate x s / 2 ~ 2e-11 relative
        assert h == pytest.approx(ei, rel=1e-9), f"H(s) should equal E for rate {rate}"


def test_gompertz_time_with_rate_array_matches_scalar():
    e = np.array([0.3, 0.3, 0.3])
    arr = hazards.gompertz_time(e, np.array([-2.0, -2.0, -2.0]), np.array([0.0, 0.2, 1.0]))
    for i, r in enumerate((0.0, 0.2, 1.0)):
        want = hazards.gompertz_time(e[:1], -2.0, r)[0]
        # pytest.approx default (rel 1e-6): floating-point only, the same formula on arrays
        assert arr[i] == pytest.approx(want), (
            f"rate {r}: array call gave {arr[i]}, scalar call {want}; expected equal"
        )


def test_higher_hazard_never_lengthens_time():
    e = np.linspace(0.01, 5, 50)
    high, low = hazards.gompertz_time(e, -1.0, 0.3), hazards.gompertz_time(e, -2.0, 0.3)
    assert np.all(high <= low), f"log h0 -1 vs -2: expected earlier times, got {high - low}"


@pytest.mark.parametrize("s_knee", [0.0, 2.0])
def test_knee_time_inverts_a_hazard_steeper_after_the_knee_and_flat_after_zero(s_knee):
    """The cervix-driven hazard: log-linear at ``rate`` up to the knee, at ``knee_rate`` up to
    full effacement, constant after; checked against numerical integration of that hazard."""
    e = np.array([0.001, 0.05, 0.4, 3.0, 30.0])
    log_h0, rate, knee_rate, s_zero = -3.0, 0.2, 0.9, 5.0
    s = hazards.knee_time(e, log_h0, rate, knee_rate, s_knee, s_zero)

    def log_hazard(t):
        t = min(t, s_zero)
        return log_h0 + rate * min(t, s_knee) + knee_rate * max(t - s_knee, 0.0)

    for ei, si in zip(e, s, strict=True):
        h, _ = integrate.quad(lambda t: math.exp(log_hazard(t)), 0, si, points=[s_knee, s_zero])
        # rel=1e-9: floating-point only (quad with the kinks given as break points)
        assert h == pytest.approx(ei, rel=1e-9), f"H(s) must equal E={ei} (knee at {s_knee})"
        assert hazards.knee_cumulative(si, log_h0, rate, knee_rate, s_knee, s_zero) == (
            pytest.approx(ei, rel=1e-12)
        ), "knee_cumulative must invert knee_time (floating point only)"
    assert s[0] < max(s_knee, 1e-3) or s_knee == 0.0, "the test must cover the first segment"
    assert s[-1] > s_zero, "the test must cover the flat segment after full effacement"


def test_rupture_hazard_follows_the_cervix_over_its_whole_length():
    """The PPROM hazard of :func:`hazards.treatable_parameters`, integrated numerically from
    its definition: log h(t) = log h24 + g (t - 24) + b (25 - CL(t)) + b2 max(knee - CL(t), 0)
    with the linear trajectory CL(t) floored at 0 mm, zero from 37 wk. A cervix 10 mm shorter
    (both above the knee) has exp(10 b) times the hazard at the same week."""
    import cilib

    a = cilib.Assumptions.default().replace(log_hr_pprom_per_mm=0.04)
    cl14 = np.array([45.0, 35.0, 20.0, 8.0])
    slope = np.array([0.3, 0.3, 1.2, 0.9])
    zero = np.zeros(4)
    p = hazards.treatable_parameters(
        a,
        cl14_mm=cl14,
        slope_mm_per_week=slope,
        plurality=np.ones(4, dtype=np.int8),
        lp_spontaneous=zero,
        lp_cervical=zero,
        dilation_ga=np.full(4, np.inf),
    )["pprom"]
    t0, knee = a["hazard_start_weeks"], a["cervical_knee_mm"]
    b, b2, g = (
        a["log_hr_pprom_per_mm"],
        a["log_hr_pprom_per_mm_below_knee"],
        a["pprom_slope_per_week"],
    )
    cap = a["preterm_before_weeks"] - t0

    def log_hazard(i, s):
        cl = max(cl14[i] - slope[i] * s, 0.0)
        return (
            math.log(a["h_pprom_per_week_24w"])
            + g * (t0 + s - 24.0)
            + b * (hazards.CL_REFERENCE_MM - cl)
            + b2 * max(knee - cl, 0.0)
        )

    # same week, 10 mm apart above the knee (rows 0 and 1): the model's hazard (a central
    # difference of its cumulative hazard, step 1e-4 wk; rel 1e-6 covers the O(h^2) error)
    # shows the stated hazard ratio exp(10 b)
    h = 1e-4
    up = hazards.rupture_cumulative(np.full(4, 3.0 + h), *p)
    down = hazards.rupture_cumulative(np.full(4, 3.0 - h), *p)
    ratio = (up[1] - down[1]) / (up[0] - down[0])
    assert ratio == pytest.approx(math.exp(10 * b), rel=1e-6), "hazard ratio per mm is exp(b)"
    for s_end in (2.0, 10.0, 30.0):
        got = hazards.rupture_cumulative(np.full(4, s_end), *p)
        for i in range(4):
            kinks = [x for x in (p[3][i], p[4][i], cap) if 0 < x < s_end]
            want, _ = integrate.quad(
                lambda s, i=i: math.exp(log_hazard(i, s)) if s < cap else 0.0,
                0,
                s_end,
                points=kinks or None,
                limit=200,
            )
            # rel=1e-8: floating point and quad with the kinks given as break points
            assert got[i] == pytest.approx(want, rel=1e-8), f"row {i}, {s_end} wk after 14"
        back = hazards.rupture_time(got, *p)
        ok = got > 0
        expect = np.minimum(np.full(4, s_end), cap)
        # where the cap is reached the time is inf (no rupture before term)
        finite = expect < cap
        assert np.allclose(back[ok & finite], expect[ok & finite], rtol=1e-9), "inverse"


def test_sporadic_loss_rate_is_its_constant_hazard_and_ignores_risk():
    """The latent sporadic draw fires in the window with probability 1 - exp(-h w), whatever
    the woman's risk; the tolerance is z binomial standard errors (Monte-Carlo error), with z
    for a two-sided false-alarm rate of 0.1% over the two groups (Bonferroni), so that a
    recalibrated h does not fail the test by chance one time in ten."""
    from scipy.stats import norm

    import cilib

    z = norm.ppf(1 - 0.001 / 4)  # two groups, two-sided

    c = cilib.generate_cohort(200_000, seed=3)
    a = cilib.assumptions_of(c)
    h = a["h_sporadic_loss_per_week"]
    window = a["sporadic_loss_before_weeks"] - a["hazard_start_weeks"]
    p = -np.expm1(-h * window)
    fires = c["latent_e_sporadic"].to_numpy() < h * window
    black = (c["race_ethnicity"] == "NH Black").to_numpy()
    for label, group in (("NH Black", black), ("others", ~black)):
        n = group.sum()
        tol = z * np.sqrt(p * (1 - p) / n)  # binomial SE at this group's n, z above
        assert abs(fires[group].mean() - p) <= tol, (
            f"{label}: sporadic draw fires in {fires[group].mean():.5f} of {n}, expected "
            f"1 - exp(-h w) = {p:.5f} +/- {tol:.5f}"
        )
    # A sporadic end is exactly a draw that fires before any other process ends the
    # pregnancy: it ends at its own time, and a firing draw that is not the end found the
    # pregnancy already over. (The old last check, sporadic share <= firing share, followed
    # from the first one below and could not fail on its own.)
    sporadic = (c["end_cause"] == "sporadic_loss").to_numpy()
    assert not sporadic[~fires].any(), "a sporadic loss needs the sporadic draw to fire"
    assert sporadic.any(), "the test needs sporadic losses"
    ga = c["ga_birth_weeks"].to_numpy()
    own = a["hazard_start_weeks"] + c["latent_e_sporadic"].to_numpy(np.float64) / h
    # atol 4e-6 wk: float32 rounding only (the model times in float32, whose spacing is
    # 1.9e-6 wk at 16-32 wk): two units
    off = np.abs(ga[sporadic] - own[sporadic]).max()
    assert off <= 4e-6, f"a sporadic loss ends at its own time; off by up to {off:.2e} wk"
    late = fires & ~sporadic & (ga > own + 4e-6)
    assert not late.any(), f"{late.sum()} firing draws lost to a later end"


def test_no_sporadic_hazard_means_no_sporadic_loss():
    import cilib

    a = cilib.Assumptions.default().replace(h_sporadic_loss_per_week=0.0)
    c = cilib.generate_cohort(20_000, seed=3, assumptions=a)
    n = int((c["end_cause"] == "sporadic_loss").sum())
    assert n == 0, f"h_sporadic_loss_per_week = 0: no sporadic loss expected, got {n}"


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_frailty_acts_on_the_cervix_driven_hazard_by_its_share(share):
    """The cervix-driven log hazard ratio is the labour one minus (1 - share) x log frailty;
    the labour and indicated log hazard ratios do not depend on the share."""
    import cilib

    a = cilib.Assumptions.default().replace(frailty_cervical_share=share)
    n = 5
    log_frailty = np.linspace(-2.0, 2.0, n).astype(np.float32)
    woman = {
        "race": np.zeros(n, dtype=np.int8),
        "log_frailty": log_frailty,
        "excision": np.zeros(n, dtype=np.int8),
        "mullerian": np.zeros(n, dtype=bool),
        "des": np.zeros(n, dtype=bool),
        "ctd": np.zeros(n, dtype=bool),
        "dc_count": np.zeros(n, dtype=np.int8),
        "sti": np.zeros(n, dtype=bool),
        "age": np.full(n, 27.0),
    }
    pregnancy = {
        "plurality": np.ones(n, dtype=np.int8),
        "smoking": np.zeros(n, dtype=bool),
        "bv": np.zeros(n, dtype=bool),
        "chlamydia": np.zeros(n, dtype=bool),
        "laceration": np.zeros(n, dtype=bool),
        "first": np.zeros(n, dtype=bool),
    }
    lp_race, lp_woman = inputs.woman_log_hr(a, woman)
    lp_spont, lp_cervical, lp_ind = inputs.log_hazard_ratios(a, woman, pregnancy, lp_race, lp_woman)
    # atol=1e-6: float32 rounding only (float32 log hazard ratios, |values| <= 2 here, whose
    # spacing is 2.4e-7; a few roundings of the subtraction stay below 1e-6)
    np.testing.assert_allclose(lp_cervical, lp_spont - (1 - share) * log_frailty, atol=1e-6)
    other = cilib.Assumptions.default().replace(frailty_cervical_share=1 - share)
    spont2, _, ind2 = inputs.log_hazard_ratios(other, woman, pregnancy, lp_race, lp_woman)
    np.testing.assert_array_equal(spont2, lp_spont)
    np.testing.assert_array_equal(ind2, lp_ind)


def test_knee_time_per_segment_equals_every_segment_for_all_bit_for_bit():
    """One pregnancy per entry is solved in its own segment only; the 2-D path solves every
    segment for every entry and picks. Both must give the same bits, in every segment (the
    draws span all three) and for NaN and infinite draws."""
    rng = np.random.default_rng(5)
    n = 4_000
    log_h0 = rng.normal(-6.0, 1.0, n)
    rate = rng.uniform(0.0, 0.3, n)
    knee_rate = rate + rng.uniform(0.0, 0.5, n)
    s_knee = rng.uniform(0.0, 15.0, n)
    s_zero = s_knee + rng.uniform(0.0, 15.0, n)
    end_rate = np.where(rng.random(n) < 0.5, 0.0, rate)
    e = rng.exponential(1.0, n) * 10.0 ** rng.uniform(-4, 1, n)
    e[:3] = np.nan, np.inf, 0.0
    params = (log_h0, rate, knee_rate, s_knee, s_zero, end_rate)
    one = hazards.knee_time(e, *params)
    every = hazards.knee_time(e[None, :], *(p[None, :] for p in params))[0]
    assert np.array_equal(one, every, equal_nan=True), "per-segment solution differs"
    c1 = hazards.knee_cumulative(s_knee, *params)
    c2 = hazards.knee_cumulative(s_zero, *params)
    counts = [(e < c1).sum(), ((e >= c1) & (e < c2)).sum(), (e >= c2).sum()]
    assert min(counts) > 100, f"every segment must be exercised: {counts}"
