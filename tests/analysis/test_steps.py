"""The treatment-stop artefact check (target 26): births per week among the treated."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

import cilib
from cilib.analysis.steps import birth_week_steps

SEED = 11
#: One-sided family-wise 1% over the six weeks (Bonferroni), as in notebook 04.
Z_STEP = norm.ppf(1 - 0.01 / 6)


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(600_000, seed=SEED)


def test_no_step_under_a_progesterone_preset(cohort):
    """Universal screening with vaginal progesterone: no week of 30-35 shows a step among the
    treated beyond the untreated one (z below the Bonferroni bound; z is the log excess in
    Poisson standard errors, conservative since the arms are the same women)."""
    r = cilib.simulate(cohort, "universal_25mm", seed=SEED)
    t = birth_week_steps(cohort, r)
    assert list(t.index) == [30, 31, 32, 33, 34, 35], "completed weeks 30 to 35"
    assert (t["births_treated"] > 50).all(), f"too few treated births to test: {t}"
    assert (t["z"] < Z_STEP).all(), f"a step among the treated:\n{t}"


def test_an_effect_cut_at_a_week_shows_as_a_step(cohort):
    """The check can fail: vaginal progesterone at full effect until 32 wk and nothing after
    (no waning, no washout, stopped at 32) piles the held-back births into week 32."""
    a = cilib.assumptions_of(cohort).replace(
        progesterone_stop_weeks=32.0, vp_fade_from_weeks=32.0, progesterone_washout_weeks=0.0
    )
    r = cilib.simulate(cohort, "universal_25mm", seed=SEED, assumptions=a)
    t = birth_week_steps(cohort, r)
    assert t.loc[32, "z"] > Z_STEP, f"a cliff at 32 wk must show as a step in week 32:\n{t}"


def test_bad_input(cohort):
    r = cilib.simulate(cohort.iloc[:1000], "universal_25mm", seed=SEED)
    with pytest.raises(ValueError, match="result"):
        birth_week_steps(cohort, r)
    with pytest.raises(ValueError, match="weeks"):
        birth_week_steps(cohort.iloc[:1000], r, weeks=(35, 30))
    # counts add up: the treated births in 30-35 under the policy
    t = birth_week_steps(cohort.iloc[:1000], r)
    ga = r["ga_birth_weeks"].to_numpy()[r["treated"].to_numpy()]
    want = np.isin(np.floor(ga), np.arange(30, 36)).sum()
    assert t["births_treated"].sum() == want, f"treated births in 30-35 wk: {want} expected"
