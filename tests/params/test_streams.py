"""The stream registry: every random draw has a named stream, and no two names share draws."""

from __future__ import annotations

import inspect
import itertools
import re
from pathlib import Path

import numpy as np
import pytest

import cilib
from cilib.analysis import calibration, trials
from cilib.cli import formats
from cilib.params import streams

SRC = Path(streams.__file__).resolve().parents[1]
#: Slots listed per unbounded stream: enough to cover every block of a cohort of 50,000,000
#: (763 blocks of 65,536) and every pregnancy number of a history.
UNBOUNDED_SLOTS = 1_000


#: Slots listed per bounded stream at most, and its last slot: the ABC chains' stream has
#: 10^10 slots (chain x 10^7 + step), far too many to list; the registry proves ranges
#: disjoint analytically (``streams._registry``), this test confirms it on the listed keys.
LISTED_SLOTS = 100_000


def _keys(stream: streams.Stream) -> set[tuple[int, ...]]:
    if stream.size is None and not stream.stage:
        return {stream.root}
    n = UNBOUNDED_SLOTS if stream.size is None else stream.size
    out = {stream.key(i) for i in range(min(n, LISTED_SLOTS))}
    return out | {stream.key(n - 1)}


def test_every_key_of_every_stream_is_distinct():
    """List every spawn key each stream can produce and prove no two streams share one, and
    that no leaf's key lies below a stage's root (a stage's keys root whole trees)."""
    keys = {name: _keys(s) for name, s in streams.STREAMS.items()}
    for (a, ka), (b, kb) in itertools.combinations(keys.items(), 2):
        shared = ka & kb
        assert not shared, f"streams {a!r} and {b!r} share keys {sorted(shared)[:3]}"
    for name, stage in streams.STREAMS.items():
        if not stage.stage:
            continue
        for other, ko in keys.items():
            if other == name:
                continue
            below = [k for k in ko if k[: len(stage.root)] == stage.root]
            assert not below, f"{other!r} has keys {below[:3]} under the stage {name!r}"


def test_the_registry_refuses_overlapping_streams():
    with pytest.raises(ValueError, match="overlap"):
        streams._registry(
            streams.Stream("scan", (1,), 0, 100), streams.Stream("window", (1,), 100 - 1, 2)
        )
    with pytest.raises(ValueError, match="stage owns its root"):
        streams._registry(
            streams.Stream("blocks", (0,), size=None, stage=True), streams.Stream("x", (0,), 5)
        )


def test_calibration_windows_do_not_share_the_draws_of_a_scan():
    """cilib 0.1 drew the calibration's scan gestations from key (1, 100 + scan), which a user's
    ``measure_cervical_length(..., scan=100 + k)`` also drew from (the collision of issue 11).
    Scan numbers now stop before the calibration's slots, so such a scan is refused."""
    c = cilib.generate_cohort(100, seed=1)
    for scan in (100, 101, 102):
        with pytest.raises(ValueError, match="scan: got"):
            cilib.measure_cervical_length(c, 20.0, seed=1, scan=scan)
    timing = streams.key(1, "calibration_timing", 0)
    scans = {streams.key(1, "scan", k) for k in range(streams.STREAMS["scan"].size)}
    assert timing not in scans, f"calibration timing {timing} is one of the scan streams"


def test_stages_give_every_child_its_own_tree():
    a = streams.child(1, "managed_pregnancy", 0)
    b = streams.child(1, "managed_pregnancy", 1)
    assert a != b, "pregnancy numbers must get different seeds"
    draws = [streams.generator(s, "adherence").random(4) for s in (a, b, 1)]
    for x, y in itertools.combinations(draws, 2):
        assert not np.array_equal(x, y), "a stage's streams must differ from the root's"
    nested = streams.child(a, "managed_pregnancy", 0)
    assert nested.path == (*a.path, *streams.STREAMS["managed_pregnancy"].key(0)), (
        "a stage below a stage extends its path"
    )


def test_same_seed_and_name_give_the_same_draws():
    x = streams.generator(7, "uptake").random(5)
    y = streams.generator(7, "uptake").random(5)
    assert np.array_equal(x, y), "a stream is reproducible"


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: streams.generator(1, "no_such_stream"), "stream: got 'no_such_stream'"),
        (lambda: streams.generator(1, "scan", 100), "index: got 100"),
        (lambda: streams.generator(1, "cohort"), "is a stage"),
        (lambda: streams.child(1, "scan", 0), "is not a stage"),
        (lambda: streams.check_seed(-1), "seed: got -1"),
        (lambda: streams.check_seed(True), "seed: got True"),
    ],
)
def test_bad_use_is_a_one_line_error(call, fragment):
    with pytest.raises((TypeError, ValueError)) as info:
        call()
    assert fragment in str(info.value) and "\n" not in str(info.value), str(info.value)


def test_no_random_state_outside_the_registry():
    """Every generator is made by cilib.params.streams: no other module seeds numpy itself."""
    pattern = re.compile(r"default_rng|SeedSequence\(|PCG64\(|np\.random\.(seed|rand|normal)")
    offenders = [
        f"{p.relative_to(SRC)}:{i}"
        for p in SRC.rglob("*.py")
        if p.name != "streams.py"
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, f"random state made outside cilib.params.streams: {offenders}"


def test_the_default_seed_is_one_constant():
    defaults = {
        "calibrate": inspect.signature(calibration.calibrate).parameters["seed"].default,
        "validation": inspect.signature(calibration.validation).parameters["seed"].default,
        "run_trial": inspect.signature(trials.run_trial).parameters["seed"].default,
        "run_all": inspect.signature(trials.run_all).parameters["seed"].default,
        "cli calibrate": formats.CALIBRATION_SEED,
    }
    wrong = {k: v for k, v in defaults.items() if v is not streams.DEFAULT_SEED}
    assert not wrong, f"defaults not taken from streams.DEFAULT_SEED: {wrong}"
    literal = re.compile(r"20_?240_?601")
    copies = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.name != "streams.py" and literal.search(p.read_text(encoding="utf-8"))
    ]
    assert not copies, f"the default seed is typed again in {copies}"
