"""Named random streams: every random draw in cilib comes from a stream registered here.

A stream is a block of spawn keys of :class:`numpy.random.SeedSequence`: the generator of
stream ``name``, slot ``index``, under a user's ``seed`` is
``Generator(PCG64(SeedSequence(seed, spawn_key=(*root, first + index))))``. Two streams share a
root only if their slot ranges are disjoint, and a *stage* (a stream whose keys are roots of
further streams, such as the cohort's blocks or one pregnancy of a managed history) owns its
root alone, so two names can never draw the same numbers: the registry checks it when it is
built and ``tests/params/test_streams.py`` lists every key.

A seed is a non-negative integer, or a :class:`SeedPath` (an integer and the spawn-key path of
a stage) made by :func:`child`, so that a stage run many times (each pregnancy of a managed
history, each draw of a probabilistic analysis) gets its own tree of streams.

Examples
--------
>>> g = generator(1, "scan", 3)       # measurement error of scan 3
>>> g.standard_normal(2).round(3).tolist() == generator(1, "scan", 3).standard_normal(2).round(3).tolist()
True
>>> child(7, "managed_pregnancy", 2)
SeedPath(entropy=7, path=(6, 2))
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from cilib.params.validation import shown

__all__ = [
    "DEFAULT_SEED",
    "STREAMS",
    "Seed",
    "SeedPath",
    "Stream",
    "check_seed",
    "child",
    "generator",
    "generators",
    "key",
]

#: The seed of every reference figure (calibration, trials, README tables, fitted values).
DEFAULT_SEED = 20_240_601


@dataclass(frozen=True)
class SeedPath:
    """A seed below a stage: the user's integer ``entropy`` and the spawn-key ``path``."""

    entropy: int
    path: tuple[int, ...]


Seed = int | SeedPath


@dataclass(frozen=True)
class Stream:
    """A named block of spawn keys: slots ``first`` to ``first + size - 1`` under ``root``.

    ``size`` None means unbounded (only a stream alone under its root may be unbounded);
    ``stage`` marks a stream whose keys are roots of further streams (it owns its root).
    """

    name: str
    root: tuple[int, ...]
    first: int = 0
    size: int | None = 1
    stage: bool = False
    doc: str = ""

    def key(self, index: int = 0) -> tuple[int, ...]:
        """The spawn key of slot ``index``."""
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            raise TypeError(f"stream {self.name!r}: index: got {shown(index)}; allowed: an integer")
        if index < 0 or (self.size is not None and index >= self.size):
            top = "" if self.size is None else f", at most {self.size - 1}"
            raise ValueError(
                f"stream {self.name!r}: index: got {shown(index)}; allowed: an integer >= 0{top}"
            )
        return (*self.root, self.first + int(index))


def _registry(*streams: Stream) -> dict[str, Stream]:
    """The streams by name, refusing two streams that could ever share a spawn key."""
    out: dict[str, Stream] = {}
    for s in streams:
        if s.name in out:
            raise ValueError(f"stream {s.name!r} registered twice")
        for o in out.values():
            if s.root != o.root:
                continue
            if s.stage or o.stage:
                raise ValueError(f"streams {o.name!r} and {s.name!r}: a stage owns its root")
            s_end = float("inf") if s.size is None else s.first + s.size
            o_end = float("inf") if o.size is None else o.first + o.size
            if s.first < o_end and o.first < s_end:
                raise ValueError(f"streams {o.name!r} and {s.name!r} overlap under {s.root}")
        out[s.name] = s
    return out


_MEASUREMENT = (1,)  # the family of per-pregnancy uniform and normal streams
#: Every stream of the package. Keys are those of cilib 0.1, so outputs stay bit-identical.
STREAMS: dict[str, Stream] = _registry(
    Stream("cohort", (0,), size=None, stage=True, doc="generate_cohort, one slot per block"),
    Stream("histories", (5,), size=None, stage=True, doc="generate_histories, per block"),
    Stream(
        "managed_pregnancy",
        (6,),
        size=None,
        stage=True,
        doc="pregnancy k of a history managed under a policy (a seed path for simulate)",
    ),
    Stream("scan", _MEASUREMENT, 0, 100, doc="measurement error of scan k"),
    Stream("calibration_timing", _MEASUREMENT, 100, 100, doc="calibration scan windows"),
    Stream("trial_scan", _MEASUREMENT, 500, 500, doc="a re-run trial's scans"),
    Stream("scan_timing", _MEASUREMENT, 1000, doc="gestation of a single scan in a window"),
    Stream("uptake", _MEASUREMENT, 2000, doc="acceptance of the offered scans"),
    Stream("adherence", _MEASUREMENT, 3000, doc="adherence to progesterone"),
    Stream(
        "spontaneous_type",
        _MEASUREMENT,
        3100,
        doc="retired in cilib 0.2 (PPROM is its own process); kept so that no stream reuses it",
    ),
    Stream("preference", _MEASUREMENT, 4000, doc="shared decisions of the policies"),
    Stream("trial_timing", _MEASUREMENT, 5000, 100, doc="a trial's scan or enrolment weeks"),
    Stream("randomisation", _MEASUREMENT, 5100, doc="a trial's allocation"),
    Stream("case_mix", _MEASUREMENT, 5200, doc="thinning a trial to its case mix"),
    Stream("trajectory_sample", (), size=None, doc="the pregnancies drawn as lines in a chart"),
    Stream(
        "psa_draw",
        (7,),
        size=None,
        stage=True,
        doc="draw d of a probabilistic sensitivity analysis (a seed path for its cohort, "
        "policies and parameters)",
    ),
    Stream("psa_parameters", (8,), 0, 1, doc="the parameter values of one PSA draw"),
    Stream(
        "abc_proposal",
        (9,),
        0,
        10**10,
        doc="step i of chain k of the calibration posterior's ABC-MCMC (slot k x 10^7 + i)",
    ),
    Stream("psa_posterior", (10,), 0, 1, doc="the calibration posterior draw of one PSA draw"),
    Stream(
        "abc_reach",
        (11,),
        0,
        10**10,
        doc="direction j on shell i of the calibration posterior's reach probe (slot i x 10^7 + j)",
    ),
    Stream(
        "abc_emulator",
        (12,),
        0,
        10**10,
        doc="the calibration posterior's history matching: design point i (slot i), the "
        "emulator's sampling chains of wave w, all from one draw per step (slot 10^7 + w)",
    ),
)


def check_seed(seed, name: str = "seed") -> Seed:
    """``seed`` as an int (or a :class:`SeedPath` from :func:`child`), validated.

    Raises
    ------
    TypeError
        If ``seed`` is not an integer (booleans are refused).
    ValueError
        If it is negative.
    """
    if isinstance(seed, SeedPath):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name}: got {shown(seed)}; allowed: a non-negative integer")
    if seed < 0:
        raise ValueError(f"{name}: got {shown(seed)}; allowed: a non-negative integer")
    return int(seed)


def _stream(name: str) -> Stream:
    try:
        return STREAMS[name]
    except KeyError:
        raise ValueError(f"stream: got {shown(name)}; allowed: {', '.join(STREAMS)}") from None


def key(seed: Seed, name: str, index: int = 0) -> tuple[int, tuple[int, ...]]:
    """``(entropy, spawn_key)`` of slot ``index`` of stream ``name`` under ``seed``."""
    s = check_seed(seed)
    stream = _stream(name)
    k = stream.root if stream.size is None and not stream.stage else stream.key(index)
    if isinstance(s, SeedPath):
        return s.entropy, (*s.path, *k)
    return s, k


def generator(seed: Seed, name: str, index: int = 0) -> np.random.Generator:
    """The generator of slot ``index`` of stream ``name`` (a leaf stream) under ``seed``."""
    if _stream(name).stage:
        raise ValueError(f"stream {name!r} is a stage: use generators() or child()")
    entropy, spawn_key = key(seed, name, index)
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(entropy, spawn_key=spawn_key))
    )


def generators(seed: Seed, name: str, index: int, k: int) -> list[np.random.Generator]:
    """``k`` generators spawned from slot ``index`` of the stage ``name`` (a block's streams)."""
    if not _stream(name).stage:
        raise ValueError(f"stream {name!r} is not a stage: use generator()")
    entropy, spawn_key = key(seed, name, index)
    ss = np.random.SeedSequence(entropy, spawn_key=spawn_key)
    return [np.random.Generator(np.random.PCG64(c)) for c in ss.spawn(k)]


def child(seed: Seed, name: str, index: int) -> SeedPath:
    """The seed of slot ``index`` of the stage ``name``: every stream below it is its own."""
    if not _stream(name).stage:
        raise ValueError(f"stream {name!r} is not a stage: use generator()")
    entropy, spawn_key = key(seed, name, index)
    return SeedPath(entropy, spawn_key)
