"""cilib.cervix: the open-cervix examination."""

from __future__ import annotations

import numpy as np

import cilib
from cilib.model.cervix import first_open, true_length
from cilib.params.assumptions import assumptions_of


def test_first_open_is_the_first_examination_finding_an_ongoing_open_cervix():
    c = cilib.generate_cohort(100_000, seed=11)
    a = assumptions_of(c)
    weeks = [16.0, 18.0, 20.0, 22.0]
    found = first_open(c, weeks).to_numpy()
    ga = c["ga_birth_weeks"].to_numpy()
    onset = c["dilation_ga_weeks"].to_numpy()
    expected = np.full(len(c), np.nan)
    for w in reversed(weeks):  # the earliest week after the onset of dilation wins
        expected[(onset <= w) & (ga > w)] = w
    differ = np.flatnonzero(~((found == expected) | (np.isnan(found) & np.isnan(expected))))
    assert np.array_equal(found, expected, equal_nan=True), (
        f"first_open expected the earliest week after the onset of dilation while ongoing; "
        f"{differ.size} rows differ, first {differ[:5]}"
    )
    hit = ~np.isnan(found)
    cl = true_length(c.loc[hit], found[hit], a)
    assert (cl == 0).all(), f"an open cervix has a true CL of 0 mm; got up to {cl.max():.3g}"
    assert (~np.isnan(found)).sum() > 10, "no open cervix found: the test means nothing"
    assert (found[~np.isnan(found)] < ga[~np.isnan(found)]).all(), (
        "an open cervix is found only before the pregnancy ends"
    )
