"""simulate() and treatment effects: common random numbers and directions."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.interventions import treatments
from cilib.model.cervix import true_length

SEED = 4


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(40_000, seed=SEED)


def _starts(cohort, **cols):
    return pd.DataFrame({k: v for k, v in cols.items()}, index=cohort.index)


def _random_starts(cohort):
    """Start weeks at random: progesterone for 30% (16-24 wk), cerclage (14-24 wk), pessary
    (18-24 wk) and 17-OHPC (16 wk) for 10% each, overlapping."""
    n = len(cohort)
    rng = np.random.default_rng(3)
    return _starts(
        cohort,
        vaginal_progesterone=np.where(rng.random(n) < 0.3, 16.0 + 8 * rng.random(n), np.nan),
        cerclage=np.where(rng.random(n) < 0.1, 14.0 + 10 * rng.random(n), np.nan),
        pessary=np.where(rng.random(n) < 0.1, 18.0 + 6 * rng.random(n), np.nan),
        im_17ohpc=np.where(rng.random(n) < 0.1, 16.0, np.nan),
    )


def _short_at(cohort, weeks):
    cl = cilib.cervical_length(cohort, weeks)
    a = cilib.assumptions_of(cohort)
    return np.where(cl <= a["short_cervix_mm"], float(weeks), np.nan)


def test_nobody_treated_gives_the_natural_history(cohort):
    r = cilib.simulate(cohort, _starts(cohort, vaginal_progesterone=np.nan), seed=1)
    assert np.array_equal(r["ga_birth_weeks"], cohort["ga_birth_weeks"]), "must be bit-identical"
    assert r["onset"].equals(cohort["onset"]), "onset expected unchanged"
    assert r["end_cause"].equals(cohort["end_cause"]), "end cause expected unchanged"
    assert not r["treated"].any(), f"nobody treated expected, got {int(r['treated'].sum())}"


def test_treatment_with_no_effect_changes_nothing(cohort):
    a = cilib.assumptions_of(cohort).replace(
        hr_vp_short_cervix=1.0,
        hr_vp_no_short_cervix=1.0,
        hr_vp_twin=1.0,
        hr_vp_twin_short_cervix=1.0,
    )
    starts = _starts(cohort, vaginal_progesterone=_short_at(cohort, 20))
    r = cilib.simulate(cohort, starts, seed=1, assumptions=a)
    assert r["vaginal_progesterone_given"].sum() > 300, "the test needs treated women"
    assert np.array_equal(r["ga_birth_weeks"], cohort["ga_birth_weeks"]), (
        "a treatment with no effect must leave every outcome identical"
    )
    assert r["spontaneous_type"].equals(cohort["spontaneous_type"]), (
        "a treatment with no effect must leave the spontaneous subtype unchanged"
    )


@pytest.mark.parametrize("hr", [0.3, 0.6, 0.9])
def test_a_protective_treatment_never_brings_birth_earlier(cohort, hr):
    a = cilib.assumptions_of(cohort).replace(hr_vp_short_cervix=hr)
    starts = _starts(cohort, vaginal_progesterone=_short_at(cohort, 20))
    r = cilib.simulate(cohort, starts, seed=1, assumptions=a)
    given = r["vaginal_progesterone_given"]
    # treated times are recomputed in float64 from float32 inputs: allow 1e-5 wk of rounding
    assert (r["ga_birth_weeks"] >= cohort["ga_birth_weeks"] - 1e-5).all(), "HR < 1 never earlier"
    # was + 1e-9, inside the 1e-5 wk rounding allowed just above: a later birth must exceed
    # the rounding to count as an effect
    later = r["ga_birth_weeks"][given] > cohort["ga_birth_weeks"][given] + 1e-5
    assert later.any(), f"HR {hr}: some treated births expected later, none of {given.sum()}"
    untreated = ~r["treated"]
    assert np.array_equal(r["ga_birth_weeks"][untreated], cohort["ga_birth_weeks"][untreated]), (
        "untreated pregnancies expected bit-identical to the natural history"
    )


def test_more_efficacy_never_more_preterm_births(cohort):
    starts = _starts(cohort, vaginal_progesterone=_short_at(cohort, 20))
    ptb = []
    for hr in (1.0, 0.8, 0.6, 0.4):
        a = cilib.assumptions_of(cohort).replace(hr_vp_short_cervix=hr)
        r = cilib.simulate(cohort, starts, seed=1, assumptions=a)
        ptb.append(int((r["ga_birth_weeks"] < a["preterm_before_weeks"]).sum()))
    assert ptb == sorted(ptb, reverse=True) and ptb[0] > ptb[-1], f"PTB counts {ptb}"


def test_contraindicated_women_are_never_treated(cohort):
    everyone = np.full(len(cohort), 20.0)
    r = cilib.simulate(cohort, _starts(cohort, cerclage=everyone, pessary=everyone), seed=1)
    ended = cohort["ga_birth_weeks"].to_numpy() <= 20.0
    multiple = (cohort["plurality"] != "singleton").to_numpy()
    open_cervix = cilib.cervical_length(cohort, 20).fillna(0).to_numpy() <= 0
    assert ended.any() and (multiple & ~open_cervix).any(), "the test needs both groups"
    assert not r["cerclage_given"][ended].any() and not r["pessary_given"][ended].any(), (
        "nobody is treated after the pregnancy ended"
    )
    assert not r["cerclage_given"][multiple & ~open_cervix].any(), (
        "no elective cerclage in a multiple pregnancy"
    )
    assert r["cerclage_start_weeks"][~r["cerclage_given"]].isna().all(), (
        "no cerclage given: cerclage_start_weeks expected NaN"
    )


def test_vp_effect_follows_the_cervix_as_it_shortens(cohort):
    """Progesterone started at 16 wk: the cervix-driven hazard takes hr_vp_no_short_cervix
    while the true CL is above short_cervix_mm and hr_vp_short_cervix from the week it gets
    there, whenever that is (issue 13: not frozen at the start state); exact, the multipliers
    are records' values."""
    a = cilib.assumptions_of(cohort).replace(hr_vp_no_short_cervix=0.9)
    start = np.full(len(cohort), 16.0)
    effect = treatments.effects(cohort, "vaginal_progesterone", start, a)
    single = (cohort["plurality"] == "singleton").to_numpy()
    cross = treatments.state(cohort, start, a).short_from
    later = effect.given & single & (cross > 17.0) & (cross < a["vp_fade_from_weeks"] - 1)
    assert later.sum() > 20, f"the test needs cervices that shorten later, got {later.sum()}"
    before = effect.multiplier("cervical", cross - 0.5)[later]
    after = effect.multiplier("cervical", cross + 0.5)[later]
    np.testing.assert_array_equal(before, a["hr_vp_no_short_cervix"])
    np.testing.assert_array_equal(after, a["hr_vp_short_cervix"])
    # the crossing is where the true CL reaches the threshold (bisection; 1e-6 mm of slack)
    cl = true_length(cohort, np.where(later, cross, 20.0), a)[later]
    assert np.all(np.abs(cl - a["short_cervix_mm"]) < 1e-6), "crossing at the threshold"
    # labour and rupture follow the general effect; term labour is not changed
    np.testing.assert_array_equal(
        effect.multiplier("preterm", cross + 0.5)[later], a["hr_vp_no_short_cervix"]
    )
    assert "term" not in effect.windows, "vaginal progesterone does not act on term labour"


def test_vp_effect_wanes_towards_term_without_a_step(cohort):
    """From vp_fade_from_weeks the log HR falls linearly (in FADE_STEPS steps) to 0 at
    progesterone_stop_weeks: every step is the same fraction of the full effect, the
    multiplier never rises above 1 and is 1 from the stop; 17-OHPC washes out after it."""
    a = cilib.assumptions_of(cohort)
    start = np.full(len(cohort), 20.0)
    effect = treatments.effects(cohort, "vaginal_progesterone", start, a)
    single = (cohort["plurality"] == "singleton").to_numpy()
    rows = effect.given & single & (treatments.state(cohort, start, a).short_from <= 20.0)
    assert rows.sum() > 10, "the test needs women short at the start"
    fade, stop = a["vp_fade_from_weeks"], a["progesterone_stop_weeks"]
    weeks = np.linspace(fade - 1, stop + 1, 200)
    logs = np.array([np.log(effect.multiplier("cervical", w)[rows][0]) for w in weeks])
    full = np.log(a["hr_vp_short_cervix"])
    assert np.isclose(logs[0], full), "full effect before the fade"
    assert np.all(np.diff(logs) >= -1e-12), "the effect only wanes"
    assert logs[-1] == 0.0, "no effect after the stop"
    jumps = np.diff(logs)[np.diff(logs) > 1e-12]
    # no step larger than 1/FADE_STEPS of the full log HR (each step's value is the mean of
    # the linear fall over it, so the first and last are half steps), and together the whole
    # effect (floating point only)
    assert np.all(jumps <= -full / treatments.FADE_STEPS + 1e-12), f"steps {jumps}"
    assert np.isclose(jumps.sum(), -full), f"the steps add to the full effect: {jumps}"
    e17 = treatments.effects(cohort, "im_17ohpc", start, a)
    prior = e17.given & single & cohort["prior_sptb"].to_numpy()
    at = e17.multiplier("term", stop + a["progesterone_washout_weeks"] / 2)[prior]
    assert np.all((at > a["hr_17ohpc_prior_sptb"]) & (at < 1.0)), "17-OHPC washes out"
    after = e17.multiplier("term", stop + a["progesterone_washout_weeks"])[prior]
    assert np.all(after == 1.0), "17-OHPC has washed out at the end of its washout"


def test_bad_policy_input(cohort):
    with pytest.raises(ValueError, match="unknown treatment columns"):
        cilib.simulate(cohort, _starts(cohort, aspirin=20.0), seed=1)
    with pytest.raises(ValueError, match="does not match the cohort's"):
        cilib.simulate(cohort, pd.DataFrame({"cerclage": [14.0]}), seed=1)
    with pytest.raises(ValueError, match="gestation in weeks"):
        cilib.simulate(cohort, _starts(cohort, cerclage=-3.0), seed=1)
    with pytest.raises(TypeError, match="policy"):
        cilib.simulate(cohort, [1, 2], seed=1)
    with pytest.raises(ValueError, match="seed"):
        cilib.simulate(cohort, _starts(cohort, cerclage=np.nan), seed=-2)


def test_sporadic_losses_are_untreatable_and_inside_their_window(cohort):
    a = cilib.assumptions_of(cohort)
    sporadic = (cohort["end_cause"] == "sporadic_loss").to_numpy()
    assert sporadic.sum() > 20, "too few sporadic losses for the test to mean anything"
    ga = cohort["ga_birth_weeks"].to_numpy()
    assert (ga[sporadic] < a["sporadic_loss_before_weeks"]).all(), (
        f"sporadic losses expected before {a['sporadic_loss_before_weeks']} wk, "
        f"latest {ga[sporadic].max():.2f}"
    )
    assert cohort["midtrimester_loss"].to_numpy()[sporadic].all(), "a sporadic end is a loss"
    assert (cohort["onset"].to_numpy()[sporadic] == "spontaneous").all(), (
        "a sporadic loss is a spontaneous end"
    )
    # every treatment from 14 wk: a sporadic loss happens exactly as in natural history
    starts = _starts(cohort, vaginal_progesterone=14.0, cerclage=14.0, pessary=14.0)
    r = cilib.simulate(cohort, starts, seed=SEED)
    assert (r["end_cause"].to_numpy()[sporadic] == "sporadic_loss").all(), (
        "treatment must not change the cause of a sporadic loss"
    )
    assert np.array_equal(r["ga_birth_weeks"].to_numpy()[sporadic], ga[sporadic]), (
        "treatment must not move a sporadic loss"
    )


def test_history_cerclage_uses_its_own_effect_on_an_effaced_cervix_and_dilation(cohort):
    a = cilib.assumptions_of(cohort).replace(
        hr_cerclage_effaced_cervix=0.05, hr_cerclage_history_indicated=0.7
    )
    start = np.full(len(cohort), a["history_cerclage_by_weeks"])
    effect = treatments.effects(cohort, "cerclage", start, a)
    given = effect.given
    mult = {p: effect.multiplier(p, 20.0) for p in ("cervical", "dilation")}
    single = (cohort["plurality"] == "singleton").to_numpy()
    effaced = given & single & (cohort["cl_14w_mm"].to_numpy() <= 0)
    closed = given & single & (cohort["cl_14w_mm"].to_numpy() > 1)
    assert effaced.sum() > 5 and closed.sum() > 1000, "both kinds of cervix must be present"
    # np.allclose (rtol 1e-5, atol 1e-8) here and below: floating-point only, each multiplier
    # is a record's value (or its reciprocal), times the full support at 0 mm
    full = np.exp(-a["cerclage_support_share"] * treatments.cervical_rise(0.0, a))
    assert np.allclose(mult["cervical"][effaced], 0.05 * full), (
        f"effaced cervix: cervical HR 0.05 x {full:.4f} expected, "
        f"got {np.unique(mult['cervical'][effaced])}"
    )
    assert np.allclose(mult["dilation"][effaced], 0.05), (
        f"effaced cervix: dilation HR 0.05 expected, got {np.unique(mult['dilation'][effaced])}"
    )
    long_now = closed & (true_length(cohort, 20.0, a) > a["short_cervix_mm"])
    assert long_now.sum() > 1000, "the test needs cervices still long at 20 wk"
    assert np.allclose(mult["cervical"][long_now], a["hr_cerclage_history_indicated"]), (
        f"long cervix: HR {a['hr_cerclage_history_indicated']} expected (no support yet), "
        f"got {np.unique(mult['cervical'][long_now])}"
    )
    # the stitch is in before a closed cervix opens: painless dilation, whenever it comes,
    # takes the same effect
    assert np.allclose(mult["dilation"][closed], 0.05), (
        f"closed cervix: dilation HR 0.05 expected, got {np.unique(mult['dilation'][closed])}"
    )
    # a cerclage placed later (ultrasound- or examination-indicated) keeps the rescue effect,
    # a longer latency from dilation to birth
    later = np.full(len(cohort), a["history_cerclage_by_weeks"] + 6.0)
    effect = treatments.effects(cohort, "cerclage", later, a)
    given = effect.given
    mult = {p: effect.multiplier(p, 25.0) for p in ("cervical", "dilation")}
    want = 1.0 / a["rr_dilation_latency_cerclage"]
    assert np.allclose(mult["dilation"][given & single], want), (
        f"later cerclage: dilation multiplier {want} expected, "
        f"got {np.unique(mult['dilation'][given & single])}"
    )


def test_17ohpc_acts_on_all_labour_and_stitch_and_pessary_not_at_term(cohort):
    a = cilib.assumptions_of(cohort)
    start = np.full(len(cohort), 20.0)
    e17 = treatments.effects(cohort, "im_17ohpc", start, a)
    assert e17.given.sum() > 1000, f"the test needs treated women, got {e17.given.sum()}"
    for process in treatments.PROCESSES:  # term labour too, with the same hazard ratio
        np.testing.assert_array_equal(
            e17.multiplier(process, 30.0), e17.multiplier("preterm", 30.0)
        )
    # a stitch or a pessary does not act on labour at term
    for t in ("cerclage", "pessary"):
        e = treatments.effects(cohort, t, start, a)
        assert np.all(e.multiplier("term", 30.0) == 1.0), f"{t}: term-labour multiplier 1"


def test_vp_stopped_earlier_never_prevents_more_births(cohort):
    """Common random numbers: the same women, so the treated birth week can only move earlier
    when the effect ends sooner (exact, no tolerance)."""
    a = cilib.assumptions_of(cohort)
    starts = _starts(cohort, vaginal_progesterone=_short_at(cohort, 20))
    ga = {}
    for until in (30.0, 34.0, 37.0):
        b = a.replace(progesterone_stop_weeks=until, vp_fade_from_weeks=until - 3.0)
        r = cilib.simulate(cohort, starts, seed=SEED, assumptions=b)
        ga[until] = r["ga_birth_weeks"].to_numpy()
    # 1e-9 wk: float64 rounding of the piecewise recomputation (~1e-14 wk at 40 wk) with room;
    # the ordering itself is exact
    assert np.all(ga[30.0] <= ga[34.0] + 1e-9), "effect ending at 30 wk: no birth later than 34"
    assert np.all(ga[34.0] <= ga[37.0] + 1e-9), "effect ending at 34 wk: no birth later than 37"
    # 1e-6 wk: a real difference, far above that rounding
    assert (ga[30.0] < ga[37.0] - 1e-6).any(), "the end of the effect must matter for someone"


def test_every_treatment_not_given_says_why(cohort):
    """A cerclage asked for at 20 wk for everyone: exactly the ended pregnancies, the ruptured
    membranes and the closed cervices of multiples are refused, each with its reason, and
    nobody who got the stitch has a reason (exact)."""
    a = cilib.assumptions_of(cohort)
    r = cilib.simulate(cohort, _starts(cohort, cerclage=20.0), seed=SEED)
    reason = r["cerclage_not_given_reason"]
    assert list(reason.cat.categories) == list(treatments.NOT_GIVEN_REASONS), "categories"
    ended = cohort["ga_birth_weeks"].to_numpy() <= 20.0
    ruptured = ~ended & (cohort["pprom_ga_weeks"].to_numpy(np.float64) <= 20.0)
    closed = true_length(cohort, 20.0, a) > 0.0
    dilated = cohort["dilation_ga_weeks"].to_numpy(np.float64) <= 20.0
    multiple = ~ended & ~ruptured & (cohort["plurality"] != "singleton").to_numpy()
    multiple &= closed & ~dilated
    for mask, why in (
        (ended, "pregnancy ended"),
        (ruptured, "membranes ruptured"),
        (multiple, "elective cerclage in a multiple"),
    ):
        assert mask.any(), f"the test needs '{why}'"
        assert (reason[mask] == why).all(), f"'{why}' expected for all {mask.sum()}"
    assert reason[r["cerclage_given"]].isna().all(), "a stitch given has no refusal reason"
    refused = ended | ruptured | multiple
    assert (reason.notna().to_numpy() == refused).all(), "a reason exactly where refused"


def test_bed_rest_is_a_what_if_with_the_cochrane_null_effect(cohort):
    """Bed rest is no preset's treatment; its HR is the Cochrane RR (a stated assumption); at
    HR 1 it changes nothing (exact, common random numbers) and at its record value no birth
    comes earlier."""
    a = cilib.assumptions_of(cohort)
    record = a.record("hr_bed_rest")
    assert record.status == "assumption" and "sosa_2015_bed_rest" in record.sources, record
    for name in cilib.policies.presets():
        st, _ = cilib.policies.get(name).apply(cohort, seed=SEED)
        assert "bed_rest" not in st.columns, f"{name} must not prescribe bed rest"
    starts = _starts(cohort, bed_rest=20.0)
    null = cilib.simulate(cohort, starts, seed=SEED, assumptions=a.replace(hr_bed_rest=1.0))
    np.testing.assert_array_equal(null["ga_birth_weeks"], cohort["ga_birth_weeks"])
    r = cilib.simulate(cohort, starts, seed=SEED)
    later = r["ga_birth_weeks"].to_numpy() >= cohort["ga_birth_weeks"].to_numpy() - 1e-9
    assert later.all(), "a protective HR never brings a birth earlier"


def test_cerclage_support_grows_as_the_cervix_shortens(cohort):
    """The stitch's multiplier of the cervix-driven hazard is exp(-share x rise(CL(t))) within
    half a step of :data:`treatments.SUPPORT_STEPS` (each step takes the rise at its midpoint),
    1 while the true CL is above short_cervix_mm, and never rises while the stitch is in."""
    a = cilib.assumptions_of(cohort).replace(hr_cerclage_history_indicated=1.0)
    start = np.full(len(cohort), 18.0)
    effect = treatments.effects(cohort, "cerclage", start, a)
    single = effect.given & (cohort["plurality"] == "singleton").to_numpy()
    share = a["cerclage_support_share"]
    half_step = 0.5 * share * float(treatments.cervical_rise(0.0, a)) / treatments.SUPPORT_STEPS
    previous = np.ones(len(cohort))
    for week in np.arange(18.0, a["cerclage_removal_weeks"], 0.5):
        m = effect.multiplier("cervical", week)[single]
        cl = true_length(cohort, week, a)[single]
        want = -share * treatments.cervical_rise(cl, a)
        # 1e-9: floating point; half_step: the step resolution
        assert np.all(np.abs(np.log(m) - want) <= half_step + 1e-9), f"week {week}"
        long = cl > a["short_cervix_mm"]
        assert np.all(m[long] == 1.0), f"week {week}: no support on a long cervix"
        assert np.all(m <= previous[single] + 1e-12), f"week {week}: the support weakened"
        previous[single] = m
    assert (previous[single] < 0.5).sum() > 10, "the test needs cervices that shortened a lot"


def test_no_effect_before_the_hazards_start(cohort):
    """Hazards start at hazard_start_weeks: a treatment started earlier acts exactly as one
    started then, and nothing ends before then (exact; a stitch's support steps before 14 wk
    once added hazard that was not there and put births at 13 wk)."""
    a = cilib.assumptions_of(cohort)
    t0 = a["hazard_start_weeks"]
    # a pessary: one constant hazard ratio, whatever the state at its start
    early = cilib.simulate(cohort, _starts(cohort, pessary=t0 - 2.0), seed=SEED)
    at_start = cilib.simulate(cohort, _starts(cohort, pessary=t0), seed=SEED)
    assert np.array_equal(early["ga_birth_weeks"], at_start["ga_birth_weeks"]), (
        "a treatment before the hazards start changed the birth week"
    )
    stitched = cilib.simulate(cohort, _starts(cohort, cerclage=t0 - 1.0), seed=SEED)
    ga = stitched["ga_birth_weeks"].to_numpy()
    assert ga.min() >= t0, f"a birth at {ga.min():.3f} wk, before the hazards start at {t0}"


def test_piecewise_time_matches_a_brute_force_integral():
    """The event-sorted multiplier of overlapping windows (and a zero multiplier) reaches each
    unit-exponential draw where a fine numerical integral of the multiplied hazard does: a
    Gompertz hazard on a 1e-4-week grid, so the tolerance is the grid step (2e-4 weeks)."""
    from cilib.interventions.simulation import _piecewise_time
    from cilib.model.gompertz import cumulative, gompertz_time

    rng = np.random.default_rng(5)
    n = 200
    log_h0, rate = np.log(0.02), 0.12
    e = rng.standard_exponential(n)
    listed = [
        (rng.uniform(-2, 10, n), rng.uniform(5, 30, n), rng.uniform(0.1, 1.0, n)),
        (rng.uniform(0, 20, n), np.full(n, np.inf), rng.uniform(0.3, 2.0, n)),
        (np.full(n, 8.0), np.full(n, 9.0), np.where(rng.random(n) < 0.3, 0.0, 1.0)),
    ]
    windows = tuple(np.stack(x) for x in zip(*listed, strict=True))  # (windows, pregnancies)
    got = _piecewise_time(
        e,
        lambda s, r: cumulative(s, log_h0, rate),
        lambda y, r: gompertz_time(y, log_h0, rate),
        windows,
    )
    grid = np.arange(0.0, 60.0, 1e-4)
    h = np.exp(log_h0 + rate * grid)
    for i in range(0, n, 20):
        m = np.ones_like(grid)
        for start, stop, k in listed:
            m *= np.where((grid >= max(start[i], 0.0)) & (grid < stop[i]), k[i], 1.0)
        H = np.cumsum(h * m) * 1e-4
        want = grid[np.searchsorted(H, e[i])]
        assert abs(got[i] - want) < 2e-4, f"pregnancy {i}: {got[i]:.5f} vs {want:.5f} weeks"


@pytest.mark.parametrize("hr", [None, 1.6])
def test_skipping_late_processes_changes_nothing(cohort, monkeypatch, hr):
    """simulate recomputes only the processes that can still end the pregnancy first
    (``_to_recompute``); recomputing every changed process gives the same frame, bit for bit,
    also when a treatment raises a hazard (a pessary and progesterone with hazard ratios above
    1, as a PSA draw can give)."""
    from cilib.interventions import simulation

    a = cilib.assumptions_of(cohort)
    if hr is not None:
        a = a.replace(hr_pessary=hr, hr_vp_no_short_cervix=hr)
    starts = _random_starts(cohort)
    fast = cilib.simulate(cohort, starts, seed=SEED, assumptions=a)
    full = functools.partial(simulation._to_recompute, skip_late=False)
    monkeypatch.setattr(simulation, "_to_recompute", full)
    slow = cilib.simulate(cohort, starts, seed=SEED, assumptions=a)
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    moved = (fast["ga_birth_weeks"] != cohort["ga_birth_weeks"]).sum()
    assert moved > 100, f"only {moved} births moved: the comparison would test little"


@pytest.mark.parametrize("hr", [None, 1.6])
def test_a_pregnancys_outcome_does_not_depend_on_the_others_simulated_with_it(cohort, hr):
    """Simulating a subset of the cohort gives its rows what simulating the whole cohort
    gives them, bit for bit: windows that act on other pregnancies, and which rows are
    recomputed, change nothing for a pregnancy. Every woman adheres: adherence is drawn by
    position in the frame, the one draw that depends on the others."""
    a = cilib.assumptions_of(cohort).replace(p_adherence_progesterone=1.0)
    if hr is not None:
        a = a.replace(hr_pessary=hr, hr_vp_no_short_cervix=hr)
    starts = _random_starts(cohort).drop(columns="im_17ohpc")
    whole = cilib.simulate(cohort, starts, seed=SEED, assumptions=a)
    treated = np.flatnonzero(whole["treated"].to_numpy())
    for part in (treated[::2], treated[1::2], treated[: len(treated) // 3]):
        alone = cilib.simulate(cohort.iloc[part], starts.iloc[part], seed=SEED, assumptions=a)
        got = alone["ga_birth_weeks"].to_numpy()
        want = whole["ga_birth_weeks"].to_numpy()[part]
        bad = np.flatnonzero(got != want)
        assert not len(bad), f"{len(bad)} of {len(part)} rows differ, e.g. {got[bad[:3]]}"


def test_a_change_at_the_same_time_as_an_inert_window_is_kept():
    """A window that is inert for one pregnancy (multiplier 1) but acts on another is in both
    their event lists. For the second pregnancy below, its empty window at week 5 (start =
    stop) ties with the start of a real window (multiplier 0.5 from week 5): the last event at
    week 5 is the inert stop, and the change must not be lost with it. Unit hazard, draw 10:
    5 weeks at 1, then 10 weeks at 0.5, so week 15; losing the change gave week 10. The same
    pregnancy alone (the inert window then dropped, as it acts on nobody) gives the same."""
    from cilib.interventions import simulation

    def hazard(s, rows):
        return np.asarray(s, np.float64)

    windows = (
        np.array([[3.0, 5.0], [np.inf, 5.0]]),  # starts: window x pregnancy
        np.array([[6.0, 5.0], [np.inf, np.inf]]),  # stops
        np.array([[2.0, 1.0], [1.0, 0.5]]),  # multipliers
    )
    both = simulation._piecewise_time(np.array([5.0, 10.0]), hazard, hazard, windows)
    alone = simulation._piecewise_time(
        np.array([10.0]), hazard, hazard, tuple(w[:, 1:] for w in windows)
    )
    assert both[1] == pytest.approx(15.0), f"week {both[1]}: the change at week 5 was lost"
    assert both[1] == alone[0], "the same pregnancy alone must give the same time"
    assert both[0] == pytest.approx(4.0), "the other: 3 by week 3, then 2 more at 2x: week 4"


def test_per_effect_bounds_and_windows_equal_those_of_every_window_stacked(cohort, monkeypatch):
    """A policy's treated windows are summarised per effect (_summaries) and laid out only for
    the rows recomputed (_windows): the same changed rows and first starts as over every window
    of every effect stacked (exact), the largest multiplier within rounding, and the same
    windows, bit for bit, as the stacked ones' columns."""
    from cilib.interventions import simulation
    from cilib.interventions.shared import Shared

    rng = np.random.default_rng(21)
    t0, m = 14.0, 300

    def effect(rows):  # windows as mechanisms give them: scalars and per-row arrays
        ws = [(rng.uniform(10, 30, rows), 30.0, rng.choice([1.0, 0.5, 1.4], rows))]
        ws.append((16.0, rng.uniform(20, 40, rows), 0.7))
        ws.append((rng.uniform(12, 25, rows), np.inf, np.where(rng.random(rows) < 0.5, 1.0, 2.0)))
        return ws

    blocks, stacked = {"preterm": []}, []
    for rows in (120, 250):
        ws = effect(rows)
        at = rng.integers(0, rows, m)
        given = rng.random(m) < 0.7
        blocks["preterm"].append((ws, rows, at, given))
        begin, end, k = (
            np.stack([np.broadcast_to(w[j], (rows,)) for w in ws])[:, at] for j in range(3)
        )
        stacked.append(
            (
                np.where(given, np.maximum(begin - t0, 0.0), np.inf),
                end - t0,
                np.where(given, k, 1.0),
            )
        )
    starts, stops, k = (np.concatenate([w[j] for w in stacked]) for j in range(3))
    shared = Shared(cohort, [], cilib.assumptions_of(cohort), SEED)
    calls = []
    real = simulation._bounds
    monkeypatch.setattr(simulation, "_bounds", lambda *args: calls.append(1) or real(*args))
    changed, k_max, first = simulation._summaries(blocks, t0, m, shared)["preterm"]
    simulation._summaries(blocks, t0, m, shared)  # a second policy with the same effects
    assert np.array_equal(changed, (k != 1.0).any(axis=0)), "changed rows"
    assert np.array_equal(first, starts.min(axis=0)), "first starts, exactly"
    np.testing.assert_allclose(k_max, np.prod(np.maximum(k, 1.0), axis=0), rtol=1e-14)
    pos = np.sort(rng.choice(m, 40, replace=False))
    got = simulation._windows(blocks["preterm"], pos, t0)
    for j, want in enumerate((starts, stops, k)):
        assert np.array_equal(got[j], want[:, pos]), f"window array {j} differs"
    assert len(calls) == 2, f"each effect's bounds computed once, not {len(calls)} times"
