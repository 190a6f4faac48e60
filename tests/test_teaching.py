"""Answer checks of the notebooks' exercises: each accepts the right answer, rejects a wrong one
and never shows the expected value."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import teaching
from cilib.analysis import summary, trials
from cilib.analysis.recurrence import SECOND_TRIMESTER_FROM_WEEKS
from cilib.plots import recurrence as recurrence_plots

SEED = 7
N = 4_000


def _assert_right_and_wrong(right, wrong, expected_text: str | None = None):
    assert right.correct is True, f"the right answer must pass: {right.message}"
    assert bool(right), "a right verdict is truthy"
    assert wrong.correct is False, f"a wrong answer must fail: {wrong.message}"
    assert not bool(wrong), "a wrong verdict is falsy"
    assert wrong.message.startswith("Not yet"), f"a wrong answer gets a hint: {wrong.message}"
    if expected_text is not None:
        assert expected_text not in wrong.message, (
            f"the verdict must not reveal the expected value {expected_text}: {wrong.message}"
        )


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(N, seed=SEED)


def test_nb01_smoke_free(cohort):
    def overall(table):
        return table.loc[table["group_type"] == "all", "ptb_percent"].item()

    a = cilib.assumptions_of(cohort)
    smoke_free = cilib.generate_cohort(N, seed=SEED, assumptions=a.replace(p_smoking=0.0))
    right = 10 * (
        overall(summary.preterm_rates(cohort, a)) - overall(summary.preterm_rates(smoke_free, a))
    )
    _assert_right_and_wrong(
        teaching.nb01_smoke_free(round(right, 2), cohort, seed=SEED),
        teaching.nb01_smoke_free(right + 0.5, cohort, seed=SEED),
        f"{right:.2f}",
    )
    none = teaching.nb01_smoke_free(None, cohort, seed=SEED)
    assert none.correct is None and "No answer yet" in none.message, none.message


@pytest.fixture(scope="module")
def screen_data():
    """Ten scanned women and one not scanned: 4 at or below 20 mm, of whom 3 give birth early."""
    cl = pd.Series([8, 12, 19, 20, 22, 25, 30, 35, 40, 45, np.nan])
    event = pd.Series([1, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1], dtype=bool)
    return cl, event


def test_nb02_ppv(screen_data):
    cl, event = screen_data
    right = 3 / 4  # by hand: 3 early births among the 4 women at or below 20 mm
    _assert_right_and_wrong(
        teaching.nb02_ppv(right, cl, event, 20),
        teaching.nb02_ppv(2 / 4, cl, event, 20),
        "0.75",
    )
    as_percent = teaching.nb02_ppv(75.0, cl, event, 20)
    assert as_percent.correct is False and "percentage" in as_percent.message, as_percent.message


def test_nb02_threshold(screen_data):
    cl, event = screen_data
    # 5 early births among the scanned (8, 12, 20, 22, 40 mm): 0.6 of them (3) are found
    # first at 20 mm; 19 mm finds 2
    _assert_right_and_wrong(
        teaching.nb02_threshold(20, cl, event, 0.6),
        teaching.nb02_threshold(19, cl, event, 0.6),
    )


def test_nb03_two_sptb():
    histories = cilib.generate_histories(3_000, pregnancies=3, seed=SEED)
    bands = list(teaching.SPTB_OUTCOMES)
    two_back = cilib.recurrence_table(histories, event="sptb_lt37", history=2)
    both = [f"{x} > {y}" for x in bands for y in bands]
    both = [s for s in both if s in set(two_back["history"])]
    right = recurrence_plots.pool_histories(two_back, {"two sPTB": both}).iloc[0].probability
    _assert_right_and_wrong(
        teaching.nb03_two_sptb(right, histories),
        teaching.nb03_two_sptb(right + 0.02, histories),
        f"{right:.3f}",
    )


def test_nb04_fonseca_full_effect():
    spec = trials.get("fonseca_2007")
    pop = trials.population(spec, n_source=spec.n_source // 4, seed=SEED)
    full = pop.assumptions.replace(vp_fade_from_weeks=pop.assumptions["progesterone_stop_weeks"])
    right = trials.paired_rr(*trials.arm_outcomes(spec, pop, seed=SEED, assumptions=full))[0]
    _assert_right_and_wrong(
        teaching.nb04_fonseca_full_effect(right, pop, seed=SEED),
        teaching.nb04_fonseca_full_effect(spec.published_rr + 1, pop, seed=SEED),
    )


def test_nb05_nnt():
    spec = trials.get("mrc_rcog_1993")
    table = pd.DataFrame({"trial": [spec.name], "control_rate": [0.2], "treatment_rate": [0.1]})
    published = 1 / (spec.published_control - spec.published_treatment)
    right = teaching.nb05_nnt(published, 10.0, table)  # simulated: 1 / (0.2 - 0.1)
    wrong = teaching.nb05_nnt(published, 12.0, table)
    _assert_right_and_wrong(right, wrong)
    assert (
        "answer_nnt_simulated" in wrong.message and "answer_nnt_published" not in wrong.message
    ), f"only the wrong answer is named: {wrong.message}"
    half = teaching.nb05_nnt(published, None, table)
    assert half.correct is False and "No answer yet" in half.message, half.message


def test_nb06_overtreatment(cohort):
    table = cilib.compare_policies(cohort, ["no_screening", "acog_2021"], seed=SEED)
    row = table.set_index("policy").loc["acog_2021"]
    assert row["ptb_averted"] > 0, "the test needs an averted birth to have an NNT"
    share = row["treated_term_anyway"] / row["treated_any"]
    nnt = row["treated_any"] / row["ptb_averted"]
    _assert_right_and_wrong(
        teaching.nb06_overtreatment(share, nnt, cohort, table, seed=SEED),
        teaching.nb06_overtreatment(share, nnt + 1, cohort, table, seed=SEED),
        f"{nnt:.1f}",
    )


def test_nb07_share_helped():
    outcomes = pd.DataFrame(
        {
            "draw": [0, 0, 1, 1, 2, 2, 3, 3],
            "policy": ["no_screening", "universal_25mm"] * 4,
            "outcome": "ptb_lt34_per_1000",
            "value": [30, 29, 30, 31, 28, 27, 25, 24],
        }
    )
    result = SimpleNamespace(outcomes=outcomes)  # the check reads only the tidy outcomes
    _assert_right_and_wrong(
        teaching.nb07_share_helped(0.75, result),  # lower in draws 0, 2 and 3
        teaching.nb07_share_helped(0.5, result),
    )


def test_check_dispatches_and_refuses_unknown_exercises(screen_data):
    cl, event = screen_data
    v = teaching.check("nb02_ppv", 0.75, cl=cl, event=event, threshold_mm=20)
    assert v.correct is True and v.exercise == "nb02_ppv", v
    with pytest.raises(ValueError, match="exercise: got 'nb99'"):
        teaching.check("nb99", 1.0)
    bad = teaching.check("nb02_ppv", "three quarters", cl=cl, event=event, threshold_mm=20)
    assert bad.correct is False and "one finite number" in bad.message, bad.message
    nan = teaching.check("nb02_ppv", math.nan, cl=cl, event=event, threshold_mm=20)
    assert nan.correct is False, nan.message


def test_misses_lists_only_rows_whose_ci_misses_the_interval():
    t = pd.DataFrame(
        {
            "name": ["inside", "overlaps", "above", "below"],
            "rr": [0.5, 1.0, 2.0, 0.1],
            "lo": [0.4, 0.85, 1.8, 0.05],
            "hi": [0.6, 1.2, 2.2, 0.2],
            "low": [0.3, 0.3, 0.3, 0.3],
            "high": [0.9, 0.9, 0.9, 0.9],
        }
    )
    found = teaching.misses(t, "rr", ("lo", "hi"), ("low", "high"), label="name")
    assert [m.split(":")[0] for m in found] == ["above", "below"], found


def test_versus_target_names_the_target_and_refuses_an_unknown_key():
    text = teaching.versus_target("ptb_all", 10.15, 9.86, 10.43)
    assert "Simulated: 10.2% (95% CI 9.9-10.4)" in text and "target 1" in text, text
    with pytest.raises(ValueError, match="key: got 'no_such_target'"):
        teaching.versus_target("no_such_target", 1.0, 0.5, 1.5)


def test_hr_sweep_is_monotone_and_exact_at_no_effect():
    spec = trials.get("fonseca_2007")
    pop = trials.population(spec, n_source=spec.n_source // 8, seed=SEED)
    s = teaching.hr_sweep(spec, pop, "hr_vp_short_cervix", [0.1, 0.5, 1.0], seed=SEED)
    assert (np.diff(s["treatment_rate"]) >= 0).all(), f"treated rate must rise with the HR: {s}"
    assert s["control_rate"].nunique() == 1, "the control arm must not move"
    assert s.set_index("hr").loc[1.0, "rr"] == 1.0, "no effect: same-women RR exactly 1"


def test_rescue_latency_and_still_pregnant(cohort):
    open_weeks = cohort["dilation_ga_weeks"].dropna()
    women = cohort.loc[open_weeks.index]
    assert len(women) > 0, "the test needs at least one painless dilation"
    latency = teaching.rescue_latency_days(women, open_weeks, seed=SEED)
    assert (latency["control"] >= 0).all(), "birth cannot precede the examination"
    assert (latency["treatment"] >= latency["control"]).all(), "a stitch never shortens a pregnancy"
    curve = teaching.still_pregnant(latency, [0, 7, 70])
    for arm, g in curve.groupby("arm"):
        assert (np.diff(g["share"]) <= 0).all(), f"{arm}: the share still pregnant cannot rise"
    expected = (latency["control"] > 7).mean()
    got = curve.query("arm == 'control' and days == 7")["share"].item()
    assert got == expected, f"share still pregnant at day 7: expected {expected}, got {got}"


def test_next_pregnancy_by_loss_cause_counts_every_first_loss():
    histories = cilib.generate_histories(3_000, pregnancies=2, seed=SEED)
    a = cilib.assumptions_of(histories)
    t = teaching.next_pregnancy_by_loss_cause(histories, a)
    first = histories[histories["pregnancy_number"] == 1]
    losses = (
        (first["onset"] == "spontaneous")
        & (first["ga_birth_weeks"] >= SECOND_TRIMESTER_FROM_WEEKS)
        & (first["ga_birth_weeks"] < a["loss_before_weeks"])
    ).sum()
    assert t["women"].sum() == losses, f"expected {losses} first losses, got {t['women'].sum()}"
    assert (t["events"] <= t["women"]).all(), "events cannot exceed women"


def test_trial_what_ifs_runs_the_same_women_under_each_assumption():
    spec = trials.get("fonseca_2007")
    a = cilib.Assumptions.scenario(spec.scenario)
    t = teaching.trial_what_ifs(
        spec,
        {"fitted": a, "no effect": a.replace(hr_vp_short_cervix=1.0)},
        "hr_vp_short_cervix",
        n_source=spec.n_source // 8,
        seed=SEED,
    )
    assert list(t.index) == ["fitted", "no effect"], f"one row per what-if: {list(t.index)}"
    assert t["n_eligible"].nunique() == 1, "the same eligible women in every row"
    assert t.loc["no effect", "model HR"] == 1.0, f"model HR column: {t['model HR'].tolist()}"
    assert t.loc["no effect", "rr_counterfactual"] == 1.0, "no effect: same-women RR exactly 1"
    assert t.loc["fitted", "rr_counterfactual"] < 1.0, "the fitted effect protects"


def test_cohort_for_reads_the_saved_cohort_only_when_it_is_the_same(tmp_path, capsys):
    """Notebook 01 reads output/cohort.parquet when the main command made exactly its cohort."""
    from cilib.io import make_manifest, write_cohort

    a = cilib.Assumptions.default()
    made = cilib.generate_cohort(500, seed=7, assumptions=a)
    path = tmp_path / "cohort.parquet"
    write_cohort(made, path, manifest=make_manifest(n=500, seed=7, assumptions=a, command=None))
    got = teaching.cohort_for(500, 7, a, saved=path)
    assert "Read 500 pregnancies" in capsys.readouterr().out, "the saved cohort is read"
    pd.testing.assert_frame_equal(got, made)
    teaching.cohort_for(500, 8, a, saved=path)
    assert "Generated 500" in capsys.readouterr().out, "another seed is generated, not read"
    teaching.cohort_for(500, 7, a, saved=tmp_path / "missing.parquet")
    assert "Generated 500" in capsys.readouterr().out, "no saved file: generated"


def test_example_shapes_are_disjoint_term_singletons_of_each_course():
    """Notebook 05's three example cervixes: masks aligned with the cohort, of singletons born
    at term whose true CL is above short_cervix_mm at the stitch, split by their CL at
    EXAMPLE_SEEN_WEEKS (above the threshold / at or below it but open / 0 mm); each shape has a
    pregnancy in the notebook's cohort (20,000 pregnancies, seed 2024)."""
    cohort = cilib.generate_cohort(20_000, seed=2024)
    a = cilib.assumptions_of(cohort)
    start_weeks = a["serial_scan_start_weeks"]
    shapes = teaching.example_shapes(cohort, a, from_weeks=start_weeks)
    assert len(shapes) == 3, f"three shapes: {list(shapes)}"
    short = a["short_cervix_mm"]
    start = cilib.cervical_length(cohort, start_weeks, a)
    seen = cilib.cervical_length(cohort, teaching.EXAMPLE_SEEN_WEEKS, a)
    term = (cohort["plurality"] == "singleton") & (
        cohort["ga_birth_weeks"] >= a["preterm_before_weeks"]
    )
    wanted = [seen > short, (seen <= short) & (seen > 0), seen <= 0]
    for (label, mask), want in zip(shapes.items(), wanted, strict=True):
        assert mask.index.equals(cohort.index), f"{label}: not aligned with the cohort"
        assert mask.equals(term & (start > short) & want), f"{label}: not its definition"
        assert mask.any(), f"{label}: no pregnancy of this shape for the notebook"
        assert f"{short:g} mm" in label or "0 mm" in label, f"{label}: names its threshold"
    both = sum(m.astype(int) for m in shapes.values())
    assert both.max() == 1, "a pregnancy in two shapes"
