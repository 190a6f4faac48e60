"""Tests of cilib.analysis.psa: probabilistic sensitivity analysis, in process and on Dask."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.analysis import psa
from cilib.params import posterior
from cilib.params.assumptions import calibrated_ranges
from cilib.params.distributions import sampling

POLICIES = ["no_screening", "universal_25mm", "acog_2023"]
ARGS = dict(draws=4, n=8_000, seed=3)


@pytest.fixture(scope="module")
def result():
    return psa.run(POLICIES, chunk_size=3, **ARGS)


def test_the_same_seed_gives_the_same_frames_whatever_the_chunks(result):
    """Each draw takes its seeds from its own stream slot: chunking changes nothing (exact)."""
    again = psa.run(POLICIES, chunk_size=1, **ARGS)
    pd.testing.assert_frame_equal(result.outcomes, again.outcomes, obj="outcomes")
    pd.testing.assert_frame_equal(result.parameters, again.parameters, obj="parameters")
    fewer = psa.run(POLICIES, draws=2, n=ARGS["n"], seed=ARGS["seed"])
    first = result.outcomes[result.outcomes["draw"] < 2].reset_index(drop=True)
    pd.testing.assert_frame_equal(fewer.outcomes, first, obj="the first two draws")


def test_outcomes_are_tidy_and_complete(result):
    o = result.outcomes
    assert list(o.columns) == ["draw", "policy", "outcome", "value"], list(o.columns)
    assert len(o) == ARGS["draws"] * len(POLICIES) * len(psa.OUTCOMES), "draw x policy x outcome"
    assert set(o["outcome"]) == set(psa.OUTCOMES), "every outcome recorded"
    ref = o[(o["policy"] == "no_screening") & (o["outcome"] == "ptb_averted")]
    assert (ref["value"] == 0).all(), "the reference averts nothing against itself"


def test_drawn_parameters_stay_inside_their_bounds(result):
    a = cilib.Assumptions.default()
    p = result.parameters
    joint = [c for c in p.columns if c not in result.settings["varied"]]
    assert list(p.columns)[: len(result.settings["varied"])] == result.settings["varied"], (
        "one column per independently varied assumption, then the posterior's"
    )
    assert psa.POSTERIOR_DRAW in joint, "the calibration-posterior draw of each PSA draw"
    for name in [c for c in p.columns if c != psa.POSTERIOR_DRAW]:
        r = a.record(name)
        assert p[name].between(*r.bounds).all(), f"{name} outside {r.bounds}"
        if r.unit == "probability":
            assert p[name].between(0, 1).all(), f"{name}: probability outside [0, 1]"
        if "ratio" in r.unit:
            assert (p[name] > 0).all(), f"{name}: ratio not positive"
    ranged = set(calibrated_ranges())
    assert ranged <= set(result.settings["varied"]), "calibrated effects with a CI-mapped range"
    calibrated = {r.name for r in a.records.values() if r.status == "calibrated"}
    natural = {x for x in calibrated if a.record(x).group != "treatments"}
    assert natural <= set(joint), "the calibrated natural history comes from the posterior"
    assert not natural & set(result.settings["varied"]), "never drawn independently"
    held = calibrated - natural - ranged
    assert result.settings["held_calibrated"] == sorted(held), "held: effects with no range"


def test_each_draw_takes_one_whole_posterior_draw(result):
    """The natural history of PSA draw d is exactly posterior draw posterior_draw[d] (joint,
    not independent): every record's value equals that row's."""
    post = posterior.load()
    p = result.parameters
    for d, i in p[psa.POSTERIOR_DRAW].items():
        want = post.values(int(i), cilib.Assumptions.default())
        got = p.loc[d, list(want)].to_dict()
        assert got == want, f"PSA draw {d} is not posterior draw {i}"
    assert p[psa.POSTERIOR_DRAW].between(0, post.size - 1).all(), "a posterior draw number"


def test_vary_natural_history_or_treatments_only():
    nh = psa.plan(POLICIES, draws=2, n=100, vary="natural_history")
    assert nh.settings["varied"] == [] and nh.spec["joint"], "only the posterior"
    tx = psa.plan(POLICIES, draws=2, n=100, vary="treatments")
    assert not tx.spec["joint"], "treatments only: the natural history is held"
    assert "p_cervical_insufficiency" in tx.settings["held_calibrated"], "and said to be held"
    with pytest.raises(ValueError, match="calibrated natural-history records"):
        psa.plan(POLICIES, draws=2, n=100, vary=["p_cervical_insufficiency"])


def test_draw_values_follow_their_distributions():
    """Draw d's value of each parameter is its quantile at draw d's own uniform: over 400
    draws the empirical median of a log-normal ratio is within 3 binomial SEs of its median
    (the share below the median is 1/2 +/- 3 x 0.025)."""
    a = cilib.Assumptions.default()
    name = "hr_bed_rest"
    values = psa.draw_parameters(a, [name], range(400), seed=1)[name]
    median = float(sampling(a.record(name)).ppf(0.5))
    share = float((values < median).mean())
    assert abs(share - 0.5) < 3 * 0.025, f"{share:.3f} of draws below the median"


def test_summary_and_incremental(result):
    s = result.summary()
    row = s[(s["policy"] == "universal_25mm") & (s["outcome"] == "ptb_lt34_per_1000")].iloc[0]
    v = result.outcomes.query("policy == 'universal_25mm' and outcome == 'ptb_lt34_per_1000'")
    assert np.isclose(row["mean"], v["value"].mean()), "summary mean"
    assert row["low"] <= row["mean"] <= row["high"], "mean inside its interval"
    inc = result.incremental("no_screening")
    got = inc.query("policy == 'universal_25mm' and outcome == 'scans'")["difference"]
    ref = result.outcomes.query("policy == 'no_screening' and outcome == 'scans'")["value"]
    pol = result.outcomes.query("policy == 'universal_25mm' and outcome == 'scans'")["value"]
    assert np.allclose(got.to_numpy(), pol.to_numpy() - ref.to_numpy()), "policy minus reference"
    with pytest.raises(ValueError, match="reference: got 'nope'"):
        result.incremental("nope")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        (dict(draws=0), "draws: got 0"),
        (dict(draws=-3), "draws: got -3"),
        (dict(n=0), "n: got 0"),
        (dict(seed=-1), "seed: got -1"),
        (dict(chunk_size=0), "chunk_size: got 0"),
        (dict(vary="everything"), "vary: got 'everything'"),
        (dict(vary=["no_such_record"]), "vary: got unknown"),
        (dict(scenario="mars"), "scenario"),
    ],
)
def test_bad_input_is_a_one_line_error(kwargs, fragment):
    args = {**ARGS, "draws": 1, **kwargs}
    with pytest.raises(ValueError, match=fragment) as err:
        psa.run(POLICIES, **args)
    assert "\n" not in str(err.value), "one line"


def test_an_unknown_policy_fails_before_any_draw():
    with pytest.raises(ValueError, match="no_such_policy"):
        psa.run(["no_screening", "no_such_policy"], draws=1, n=100, seed=1)


@pytest.mark.slow
def test_dask_workers_give_the_same_frames(result):
    """Two worker processes (a LocalCluster) compute the same numbers as one process."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = psa.run(POLICIES, client=client, chunk_size=1, **ARGS)
    pd.testing.assert_frame_equal(result.outcomes, on_dask.outcomes, obj="outcomes on Dask")
    pd.testing.assert_frame_equal(result.parameters, on_dask.parameters, obj="parameters")


@pytest.mark.slow
def test_a_chunk_lost_with_its_worker_is_recomputed_with_the_same_numbers(result):
    """A worker process killed mid-run (SIGKILL after the first chunk finishes): Dask
    reruns its chunks elsewhere and the frames equal the in-process run (exact)."""
    import os
    import signal

    distributed = pytest.importorskip("distributed")
    p = psa.plan(POLICIES, chunk_size=1, workers=2, **ARGS)
    killed = []
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):

        def kill_one(i, outcomes, parameters):
            if not killed:
                victim = sorted(client.scheduler_info()["workers"])[0]
                pid = client.run(os.getpid, workers=[victim])[victim]
                os.kill(pid, signal.SIGKILL)
                killed.append(victim)

        parts = psa.execute(p, client=client, on_chunk=kill_one)
    again = psa.assemble(p, parts)
    assert killed, "a worker was killed"
    pd.testing.assert_frame_equal(result.outcomes, again.outcomes, obj="outcomes")
    pd.testing.assert_frame_equal(result.parameters, again.parameters, obj="parameters")


def test_default_chunks_are_short_and_cover_every_draw_once():
    """About four chunks per worker, at most MAX_CHUNK draws each, every draw in exactly one
    chunk, in order."""
    for draws, workers in ((1000, 2), (7, 1), (100, 4)):
        p = psa.plan(POLICIES, draws=draws, n=100, workers=workers, vary="treatments")
        flat = [d for c in p.chunks for d in c]
        assert flat == list(range(draws)), f"draws {draws}: chunks miss or repeat a draw"
        assert max(map(len, p.chunks)) <= psa.MAX_CHUNK, f"chunks over {psa.MAX_CHUNK} draws"
        assert len(p.chunks) >= min(draws, 3 * workers), (
            f"not about 4 chunks per worker: {p.chunks}"
        )
