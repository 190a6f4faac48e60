"""Recurrence tables use the assumptions the histories were generated with (issue 11)."""

from __future__ import annotations

import pandas as pd
import pytest

import cilib
from cilib.analysis.recurrence import ci_recurrence, recurrence_table

#: A definition that differs from every built-in scenario (24 wk), so using the wrong
#: assumptions shows.
LOSS_BEFORE = 22.0


@pytest.fixture(scope="module")
def overridden():
    a = cilib.Assumptions.default().replace(loss_before_weeks=LOSS_BEFORE)
    return a, cilib.generate_histories(4_000, pregnancies=3, seed=3, assumptions=a)


def test_histories_carry_their_overrides(overridden):
    a, h = overridden
    assert h.attrs["overrides"] == {"loss_before_weeks": LOSS_BEFORE}, h.attrs
    assert cilib.assumptions_of(h).hash() == a.hash(), "histories rebuild their assumptions"


def test_recurrence_table_uses_the_histories_assumptions(overridden):
    """cilib 0.1 fell back to ``us_contemporary`` (a loss before 24 wk) for any histories."""
    a, h = overridden
    own = recurrence_table(h, event="sptb_lt28")
    pd.testing.assert_frame_equal(own, recurrence_table(h, event="sptb_lt28", assumptions=a))
    default = recurrence_table(h, event="sptb_lt28", assumptions=cilib.Assumptions.default())
    assert not own.equals(default), (
        "births at 22-23+6 wk are sPTB <28 under the histories' definition and not under the "
        "default one: the tables must differ, or this test checks nothing"
    )


def test_ci_recurrence_uses_the_histories_assumptions(overridden):
    _, h = overridden
    t = ci_recurrence(h)
    assert t.attrs["loss_before_weeks"] == LOSS_BEFORE, t.attrs
    assert any(f"<{LOSS_BEFORE:g} wk" in d for d in t["definition"]), set(t["definition"])


def test_histories_without_metadata_are_refused(overridden):
    _, h = overridden
    bare = h.copy()
    bare.attrs = {}
    for call in (lambda: recurrence_table(bare), lambda: ci_recurrence(bare)):
        with pytest.raises(ValueError, match="no cilib metadata"):
            call()
