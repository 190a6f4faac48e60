"""Cervical failure, PPROM and symptoms (cilib.model.failure), and their columns in cohorts."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, special, stats

import cilib
from cilib.model import cervix, failure
from cilib.params.assumptions import assumptions_of

SEED = 20240601


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(200_000, seed=5)


def _z(k: int, family: float = 0.001) -> float:
    """Two-sided normal quantile for ``k`` comparisons at family-wise error ``family``."""
    return float(special.ndtri(1.0 - family / (2 * k)))


def test_failure_onset_has_the_stated_probability_and_log_normal_timing():
    """With no competing end, a pregnancy fails with probability p (the record) and its onset
    is 14 wk + log-normal(ln(median - 14), log-SD). Tolerances: binomial and KS sampling error
    of 400,000 draws (z of a 3-test Bonferroni at family-wise 0.1%)."""
    a = cilib.Assumptions.default()
    n = 400_000
    rng = np.random.default_rng(SEED)
    e = rng.standard_exponential(n)
    p = a["p_failure_insufficiency"]
    log_scale = np.full(n, math.log(-math.log1p(-p)), dtype=np.float32)
    onset = failure.failure_onset(a, log_scale, e)
    fails = np.isfinite(onset)
    se = math.sqrt(p * (1 - p) / n)
    assert abs(fails.mean() - p) < _z(3) * se, f"P(fail) {fails.mean():.4f} vs {p}"
    t0 = a["hazard_start_weeks"]
    weeks = np.log(onset[fails].astype(np.float64) - t0)
    mu, sd = math.log(a["failure_median_weeks"] - t0), a["failure_log_sd"]
    ks = stats.kstest(weeks, "norm", args=(mu, sd))
    # KS statistic vs its asymptotic critical value at the Bonferroni level
    crit = stats.kstwobign.isf(0.001 / 3) / math.sqrt(fails.sum())
    # float32 onsets round the log-weeks by ~1e-7, far below the KS resolution
    assert ks.statistic < crit, f"onset not log-normal: KS {ks.statistic:.4f} > {crit:.4f}"


def test_failure_scale_grows_with_the_weakness_a_laceration_and_fetuses():
    a = cilib.Assumptions.default()
    base = failure.failure_log_scale(
        a, insufficiency=np.array([False]), laceration=np.array([False]), plurality=np.array([1])
    )
    weak = failure.failure_log_scale(
        a, insufficiency=np.array([True]), laceration=np.array([False]), plurality=np.array([1])
    )
    torn_twin = failure.failure_log_scale(
        a, insufficiency=np.array([False]), laceration=np.array([True]), plurality=np.array([2])
    )
    want = math.log(a["hr_failure_laceration"]) + math.log(a["hr_failure_twin"])
    # abs 1e-6: float32 log scales only
    assert torn_twin[0] - base[0] == pytest.approx(want, abs=1e-6), "HRs multiply the scale"
    assert weak[0] > base[0], "the latent weakness must raise the hazard of failure"


def test_dilation_cumulative_is_capped_by_the_arrest_share():
    a = cilib.Assumptions.default()
    onset = np.array([2.0, 2.0, 2.0])
    s = np.array([1.0, 2.5, 1e6])
    h = failure.dilation_cumulative(a, s, onset)
    assert h[0] == 0.0, "no birth by the open cervix before it opens"
    # pytest.approx default (rel 1e-6): floating point only
    assert h[1] == pytest.approx(0.5 / a["dilation_to_birth_weeks"]), "hazard 1/mean latency"
    assert h[2] == pytest.approx(-math.log(a["p_dilation_arrest"])), "capped at -log(arrest)"
    y = np.array([0.1, 10.0])
    inv = failure.dilation_inverse(a, y, onset[:2])
    assert inv[0] == pytest.approx(2.0 + 0.1 * a["dilation_to_birth_weeks"]), "the inverse"
    assert np.isinf(inv[1]), "beyond the cap the dilation arrests"


@pytest.mark.parametrize("rupture", [16.0, 24.0, 30.0])
def test_pprom_birth_is_the_stated_hazard_in_gestation(rupture):
    """Birth after rupture: hazard exp(c (t - 24)) / m24 until the delivery week, then
    1 / m34; checked
    against numerical integration of that hazard (floating-point tolerance)."""
    a = cilib.Assumptions.default()
    c = -a["pprom_latency_log_change_per_week"]
    m24, m34 = a["pprom_latency_at_24_weeks"], a["pprom_latency_from_34_weeks"]
    deliver = a["pprom_delivery_weeks"]

    def hazard(t):
        return math.exp(c * (t - 24.0)) / m24 if t < deliver else 1.0 / m34

    for e in (0.05, 0.7, 4.0, 40.0):
        birth = float(failure.pprom_birth(a, np.array([rupture]), np.array([e]))[0])
        h, _ = integrate.quad(hazard, rupture, birth, points=[deliver], limit=200)
        # abs 2e-5: the float32 birth week (spacing <= 3.8e-6 at 16-64 wk) times the hazard
        # (at most 1 / m34 = 3.3 per week here), plus quad's ~1e-12
        assert h == pytest.approx(e, rel=1e-6, abs=2e-5), f"rupture {rupture}, e {e}: H = {h}"


def test_a_later_rupture_never_brings_birth_earlier():
    a = cilib.Assumptions.default()
    r = np.linspace(14.0, 36.99, 4001)
    for e in (0.01, 0.5, 2.0, 8.0):
        birth = failure.pprom_birth(a, r, np.full(len(r), e)).astype(np.float64)
        # 1e-5 week: float32 rounding of the birth week only
        assert np.all(np.diff(birth) >= -1e-5), f"birth not monotone in rupture (e = {e})"
    assert np.isinf(failure.pprom_birth(a, np.array([np.inf]), np.array([1.0]))[0]), "no rupture"


def test_chorioamnionitis_is_more_likely_the_earlier_the_rupture():
    a = cilib.Assumptions.default()
    u = np.random.default_rng(SEED).random(200_000)
    early = failure.chorioamnionitis(a, np.full(len(u), 18.0), u).mean()
    late = failure.chorioamnionitis(a, np.full(len(u), 32.0), u).mean()
    none = failure.chorioamnionitis(a, np.full(len(u), np.nan), u)
    want = a["p_chorioamnionitis_pprom_24w"]
    assert not none.any(), "no rupture, no chorioamnionitis"
    assert early > late, f"earlier rupture must infect more often: {early:.3f} vs {late:.3f}"
    at24 = failure.chorioamnionitis(a, np.full(len(u), 24.0), u).mean()
    se = math.sqrt(want * (1 - want) / len(u))
    assert abs(at24 - want) < _z(1) * se, f"P at 24 wk {at24:.4f} vs {want:.4f}"


def test_funnel_opens_the_cervix_at_the_dilation_and_not_before_the_window():
    a = cilib.Assumptions.default()
    w = a["failure_funnel_weeks"]
    level, slope, onset = np.array([40.0]), np.array([0.3]), np.array([20.0])
    linear = cervix.length(level, slope, np.array([np.nan]), 20.0 - w - 0.5, w)
    before = cervix.length(level, slope, onset, 20.0 - w - 0.5, w)
    assert before == pytest.approx(linear), "before the window the trajectory is linear"
    mid = cervix.length(level, slope, onset, 20.0 - w / 2, w)
    want = (40.0 - 0.3 * (6.0 - w / 2)) * 0.75
    assert mid == pytest.approx(want), "half-way through the window: 1 - (1/2)^2 of linear"
    # abs 1e-9: floating point (1 - x^2 at x = 1 computed from a difference of weeks)
    assert cervix.length(level, slope, onset, 20.0, w)[0] == pytest.approx(0.0, abs=1e-9), (
        "open at the dilation"
    )
    assert cervix.length(level, slope, onset, 25.0, w)[0] == 0.0, "and after it"


def test_cohort_events_happen_before_the_end_and_types_follow_them(cohort):
    ga = cohort["ga_birth_weeks"].to_numpy()
    onset = cohort["dilation_ga_weeks"].to_numpy()
    rupture = cohort["pprom_ga_weeks"].to_numpy()
    symptoms = cohort["symptoms_ga_weeks"].to_numpy()
    for name, x in (("dilation", onset), ("rupture", rupture), ("symptoms", symptoms)):
        seen = ~np.isnan(x)
        assert seen.sum() > 100, f"too few {name} events for the test to mean anything"
        assert (x[seen] < ga[seen]).all(), f"{name} must come before the end of the pregnancy"
    a = assumptions_of(cohort)
    assert (rupture[~np.isnan(rupture)] < a["preterm_before_weeks"]).all(), "PPROM is preterm"
    stype = cohort["spontaneous_type"].astype(str).to_numpy()
    preterm = (ga < a["preterm_before_weeks"]) & (cohort["onset"] == "spontaneous").to_numpy()
    first_dilation = ~np.isnan(onset) & ~(rupture < onset)
    assert (stype[preterm & first_dilation] == "painless_dilation").all(), "dilation first"
    first_rupture = ~np.isnan(rupture) & ~(onset < rupture)
    assert (stype[preterm & first_rupture] == "pprom").all(), "rupture first"
    chorio = cohort["chorioamnionitis"].to_numpy()
    assert not chorio[np.isnan(rupture)].any(), "chorioamnionitis only after a rupture"


def test_most_failing_cervices_give_no_symptoms(cohort):
    """The seeds: many women with cervical insufficiency notice nothing. Symptoms precede a
    failure in p_symptoms_failure of them (the rest of the failures are silent); they come
    before the dilation, so before the end. Tolerance: binomial SE of the failures, z of a
    single test at 0.1%."""
    a = assumptions_of(cohort)
    onset = cohort["dilation_ga_weeks"].to_numpy()
    symptoms = cohort["symptoms_ga_weeks"].to_numpy()
    failed = ~np.isnan(onset)
    with_symptoms = (~np.isnan(symptoms))[failed].mean()
    p = a["p_symptoms_failure"]
    se = math.sqrt(p * (1 - p) / failed.sum())
    assert abs(with_symptoms - p) < _z(1) * se, f"{with_symptoms:.3f} with symptoms vs {p}"
    lead = onset[failed] - symptoms[failed]
    lead = lead[~np.isnan(lead)]
    # 1e-5 week: float32 rounding
    assert (lead >= -1e-5).all() and (lead <= a["symptoms_lead_weeks"] + 1e-5).all(), (
        "symptoms start within symptoms_lead_weeks before the dilation"
    )


def test_laceration_only_after_an_earlier_birth(cohort):
    torn = cohort["prior_laceration"].to_numpy()
    assert torn.any(), "no laceration in 200,000 pregnancies: the test means nothing"
    assert (cohort["parity"].to_numpy()[torn] > 0).all(), "a laceration needs an earlier birth"
    h = cilib.generate_histories(50_000, pregnancies=3, seed=5)
    first = (h["pregnancy_number"] == 1).to_numpy()
    assert not h["prior_laceration"].to_numpy()[first].any(), "none in a first pregnancy"


def test_black_women_carry_the_weakness_more_often(cohort):
    """or_insufficiency_nh_black > 1: the latent weakness (and so painless dilation) is more
    common in Black than in White women (the seeds; Tanner 2018). Tolerance: the comparison
    is one-sided on a large gap (an odds ratio of 2.45 or more)."""
    race = cohort["race_ethnicity"].to_numpy()
    weak = cohort["cervical_insufficiency"].to_numpy()
    black, white = weak[race == "NH Black"].mean(), weak[race == "NH White"].mean()
    assert black > 1.5 * white, f"trait Black {black:.4f} vs White {white:.4f}"


def test_cerclage_is_never_placed_after_rupture_under_any_preset(cohort):
    """Target 23: every cerclage in every output is placed before rupture of the membranes; a
    policy that asks afterwards gets a refusal in ``cerclage_refused``."""
    rupture = cohort["pprom_ga_weeks"].to_numpy()
    for name in cilib.policies.presets():
        r = cilib.simulate(cohort, name, seed=SEED)
        if "cerclage_given" not in r:
            continue
        given = r["cerclage_given"].to_numpy()
        start = r["cerclage_start_weeks"].to_numpy()
        assert not (given & (rupture <= start)).any(), f"{name}: a cerclage after rupture"
    starts = cohort[[]].assign(cerclage=np.where(np.isnan(rupture), np.nan, rupture + 0.1))
    r = cilib.simulate(cohort, starts, seed=SEED)
    asked = ~np.isnan(rupture) & (cohort["ga_birth_weeks"].to_numpy() > rupture + 0.1)
    assert asked.sum() > 10, "the test needs ongoing pregnancies after a rupture"
    assert not r["cerclage_given"].to_numpy()[asked].any(), "refused after rupture"
    assert r["cerclage_refused"].to_numpy()[asked].all(), "and reported as refused"


def test_pprom_birth_of_ruptures_only_equals_every_row_bit_for_bit():
    """Birth after rupture is solved only where the membranes ruptured; the 2-D path solves
    every row. Both must give the same bits, ``inf`` without a rupture."""
    a = cilib.Assumptions.default()
    rng = np.random.default_rng(8)
    r = np.where(rng.random(5_000) < 0.3, rng.uniform(14.0, 41.0, 5_000), np.inf)
    e = rng.exponential(1.0, 5_000)
    some = failure.pprom_birth(a, r, e)
    every = failure.pprom_birth(a, r[None, :], e[None, :])[0]
    assert some.dtype == every.dtype == np.float32, "float32 gestations"
    assert np.array_equal(some, every), "ruptures-only solution differs"
    assert np.isinf(some[np.isinf(r)]).all(), "no rupture, no birth after one"
