"""cilib.cervix: the open-cervix examination."""

from __future__ import annotations

import numpy as np

import cilib
from cilib.model.cervix import first_open, true_length


def test_first_open_is_the_first_examination_finding_an_ongoing_open_cervix():
    c = cilib.generate_cohort(100_000, seed=11)
    weeks = [16.0, 18.0, 20.0, 22.0]
    found = first_open(c, weeks).to_numpy()
    ga = c["ga_birth_weeks"].to_numpy()
    expected = np.full(len(c), np.nan)
    for w in reversed(weeks):  # the earliest week that finds it wins
        hit = (true_length(c, w) <= 0) & (ga > w)
        expected[hit] = w
    differ = np.flatnonzero(~((found == expected) | (np.isnan(found) & np.isnan(expected))))
    assert np.array_equal(found, expected, equal_nan=True), (
        f"first_open expected the earliest week with true CL <= 0 while ongoing; "
        f"{differ.size} rows differ, first {differ[:5]}"
    )
    assert (~np.isnan(found)).sum() > 10, "no open cervix found: the test means nothing"
    assert (found[~np.isnan(found)] < ga[~np.isnan(found)]).all(), (
        "an open cervix is found only before the pregnancy ends"
    )
