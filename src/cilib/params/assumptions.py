"""Validated assumption sets: scenarios, overrides, files, and the assumptions a frame carries.

:class:`Assumptions` is an immutable mapping from record names (:mod:`cilib.params.records`,
registry in :mod:`cilib.params.registry`) to values. Records whose value was fitted by the
calibration say so (``status="calibrated"``) and name the targets they were fitted to; their
fitted values live in ``cilib/data/calibrated*.toml`` (written by ``scripts/fit_calibration.py``
and ``scripts/fit_treatments.py``), so that the records themselves are written in one place only.

Every frame cilib generates carries the assumptions it was made with in ``DataFrame.attrs``
(:func:`attach`); :func:`assumptions_of` rebuilds them and every consumer uses it, so that a
cohort generated under ``iams_1996`` is never summarised with another scenario's values.

Examples
--------
>>> import cilib
>>> a = cilib.Assumptions.default()
>>> a.scenario_name
'us_contemporary'
>>> b = a.replace(p_smoking=0.10)
>>> float(b["p_smoking"])
0.1
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from cilib.params.records import Record, check_value
from cilib.params.registry import BASE_RECORDS, SCENARIOS, SHARE_GROUPS
from cilib.params.validation import shown

__all__ = [
    "CALIBRATED_FILES",
    "Assumptions",
    "assumptions_of",
    "attach",
    "calibrated_ranges",
    "calibrated_values",
    "detached",
    "resolve",
    "scenarios",
]


def _close(name: object, known: list[str], n: int = 3) -> list[str]:
    """Known names close to ``name`` (none for a non-string or a very long one: difflib's
    cost grows with the length of the name)."""
    if not isinstance(name, str) or len(name) > 200:
        return []
    return difflib.get_close_matches(name, known, n=n, cutoff=0.6)


def _unknown(name: object, known: Iterator[str] | list[str]) -> ValueError:
    known = sorted(known)
    close = _close(name, known)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return ValueError(
        f"unknown assumption {shown(name)}{hint}; allowed: one of the {len(known)} names "
        "of cilib.Assumptions.default().table()"
    )


CALIBRATED_FILES = ("calibrated.toml", "calibrated_treatments.toml")


def calibrated_values(files: tuple[str, ...] = CALIBRATED_FILES) -> dict[str, dict[str, float]]:
    """Fitted values by scenario name ('*' = shared biology), from ``data/calibrated*.toml``.

    ``calibrated.toml`` holds the natural-history fit (``scripts/fit_calibration.py``),
    ``calibrated_treatments.toml`` the treatment effects fitted to simulated trials
    (``scripts/fit_treatments.py``).
    """
    out: dict[str, dict[str, float]] = {}
    for name in files:
        path = resources.files("cilib") / "data" / name
        if not path.is_file():
            continue
        with path.open("rb") as f:
            raw = tomllib.load(f)
        for scope, values in raw.get("values", {}).items():
            out.setdefault(scope, {}).update({n: float(v) for n, v in values.items()})
    return out


#: The ranges of calibrated treatment effects (``scripts/fit_treatment_ranges.py``).
RANGES_FILE = "calibrated_ranges.toml"
_RANGE_NOTE = (
    " Range: the values that reproduce the ends of the target's published 95% CI, the other "
    "effects at their fitted values (scripts/fit_treatment_ranges.py); what a probabilistic "
    "sensitivity analysis draws from."
)


def calibrated_ranges() -> dict[str, tuple[float, float]]:
    """``{name: (low, high)}`` of the calibrated records whose range was mapped from their
    target's 95% CI (``data/calibrated_ranges.toml``; empty if absent)."""
    path = resources.files("cilib") / "data" / RANGES_FILE
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        raw = tomllib.load(f)
    return {n: (float(v[0]), float(v[1])) for n, v in raw.get("ranges", {}).get("*", {}).items()}


@dataclass(frozen=True)
class Assumptions(Mapping[str, float]):
    """An immutable, validated set of assumption records.

    Use :meth:`default`, :meth:`scenario`, :meth:`replace`, :meth:`from_toml`; index it like a
    mapping (``a["p_smoking"]``) to get values, and :meth:`record` for the full record.
    """

    records: Mapping[str, Record]
    scenario_name: str = "us_contemporary"
    overridden: tuple[str, ...] = field(default=())

    # -- construction -------------------------------------------------------------------
    @classmethod
    def default(cls) -> Assumptions:
        """The ``us_contemporary`` scenario (United States births, 2021-2023)."""
        return cls.scenario("us_contemporary")

    @classmethod
    def scenario(cls, name: str) -> Assumptions:
        """Assumptions for a named scenario (see :func:`cilib.scenarios`).

        Raises
        ------
        ValueError
            If ``name`` is not a known scenario.
        """
        if not isinstance(name, str) or name not in SCENARIOS:
            close = _close(name, list(SCENARIOS), n=2)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"scenario: got {shown(name)}{hint}; allowed: {', '.join(sorted(SCENARIOS))}"
            )
        recs = {r.name: r for r in BASE_RECORDS}
        for r in SCENARIOS[name].overrides:
            if r.name not in recs:
                raise ValueError(f"scenario {name!r} overrides unknown assumption {r.name!r}")
            recs[r.name] = r
        fitted = calibrated_values()
        for scope in ("*", name):
            for n, v in fitted.get(scope, {}).items():
                if n in recs and recs[n].status == "calibrated":
                    recs[n] = replace(recs[n], value=v)
        for n, (lo, hi) in calibrated_ranges().items():
            r = recs.get(n)
            if r is not None and r.status == "calibrated":
                lo, hi = max(min(lo, r.value), r.bounds[0]), min(max(hi, r.value), r.bounds[1])
                recs[n] = replace(r, low=lo, high=hi, note=r.note + _RANGE_NOTE)
        return cls(records=recs, scenario_name=name)

    def replace(self, **overrides: float) -> Assumptions:
        """Return a new :class:`Assumptions` with some values changed.

        Raises
        ------
        ValueError
            For an unknown name (close names are suggested), NaN, or a value outside the
            record's bounds.
        TypeError
            For a value that is not a number.
        """
        recs = dict(self.records)
        for n, v in overrides.items():
            if n not in recs:
                raise _unknown(n, list(recs))
            r = recs[n]
            val = check_value(r, v)
            note = (
                r.note if val == r.value else f"overridden by user (default {r.value:g}). {r.note}"
            )
            recs[n] = replace(r, value=val, note=note)
        new = type(self)(
            records=recs,
            scenario_name=self.scenario_name,
            overridden=tuple(sorted(set(self.overridden) | set(overrides))),
        )
        new.validate()
        return new

    def validate(self) -> None:
        """Check cross-record constraints (shares summing to at most 1, and so on)."""
        for label, names in SHARE_GROUPS.items():
            total = sum(self[n] for n in names)
            if total > 1.0 + 1e-12:
                raise ValueError(
                    f"assumptions {', '.join(names)}: sum to {total:.4g}; allowed: at most 1 "
                    f"(the remainder is {label})"
                )

    # -- mapping protocol -----------------------------------------------------------------
    def __getitem__(self, name: str) -> float:
        try:
            return self.records[name].value
        except KeyError:
            raise _unknown(name, list(self.records)) from None

    def __contains__(self, name: object) -> bool:
        return name in self.records

    def get(self, name: str, default: Any = None) -> Any:
        """The value of ``name``, or ``default`` if there is no such assumption."""
        return self.records[name].value if name in self.records else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def __hash__(self) -> int:  # pragma: no cover - dataclass(frozen) with a Mapping field
        return hash(self.hash())

    @property
    def description(self) -> str:
        """What the scenario describes (population, period, setting) and its targets."""
        return SCENARIOS[self.scenario_name].description

    def record(self, name: str) -> Record:
        """The full :class:`Record` for ``name``."""
        if name not in self.records:
            raise _unknown(name, list(self.records))
        return self.records[name]

    def values(self) -> dict[str, float]:  # type: ignore[override]
        """Plain ``{name: value}`` dictionary."""
        return {n: r.value for n, r in self.records.items()}

    # -- documentation ----------------------------------------------------------------------
    def table(self) -> Any:
        """All records as a tidy :class:`pandas.DataFrame`, one row per assumption."""
        import pandas as pd

        from cilib.params.distributions import reason

        rows = []
        for r in self.records.values():
            rows.append(
                {
                    "name": r.name,
                    "group": r.group,
                    "value": r.value,
                    "unit": r.unit,
                    "low": r.low,
                    "high": r.high,
                    "distribution": "fixed" if r.low == r.high else r.distribution,
                    "distribution_why": reason(r),
                    "status": r.status,
                    "sources": ", ".join(r.sources),
                    "targets": ", ".join(str(t) for t in r.targets),
                    "population": r.population,
                    "year": r.year,
                    "note": r.note,
                }
            )
        return pd.DataFrame(rows)

    def hash(self) -> str:
        """SHA-256 (first 16 hex digits) of the scenario name and all values."""
        payload = json.dumps(
            {"scenario": self.scenario_name, "values": self.values()}, sort_keys=True
        ).encode()
        return hashlib.sha256(payload).hexdigest()[:16]

    # -- files ------------------------------------------------------------------------------
    def to_toml(self, path: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the scenario name and every value to a TOML file (atomically).

        Raises
        ------
        FileExistsError
            If ``path`` exists and ``force`` is false.
        """
        path = _path(path)
        if path.exists() and not force:
            raise FileExistsError(f"{path} exists; pass force=True to overwrite")
        lines = [
            "# cilib assumptions (synthetic data, not for clinical use)",
            f'scenario = "{self.scenario_name}"',
            "",
            "[values]",
        ]
        for r in self.records.values():
            lines.append(f"{r.name} = {r.value!r}  # {r.unit}")
        _atomic_write_text(path, "\n".join(lines) + "\n")
        return path

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> Assumptions:
        """Load assumptions saved by :meth:`to_toml` (or written by hand).

        The file names a ``scenario`` (default ``us_contemporary``) and a ``[values]`` table of
        overrides; every value goes through the same validation as :meth:`replace`.
        """
        path = _path(path)
        if not path.is_file():
            raise FileNotFoundError(
                f"path: got {shown(str(path))}, no such file; allowed: an existing TOML file"
            )
        try:
            with path.open("rb") as f:
                raw = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise ValueError(f"assumptions file {shown(str(path))}: not valid TOML ({e})") from None
        unknown_keys = set(raw) - {"scenario", "values"}
        if unknown_keys:
            raise ValueError(
                f"assumptions file {shown(str(path))}: unknown top-level keys "
                f"{shown(sorted(unknown_keys))}; allowed: 'scenario' and a [values] table"
            )
        base = cls.scenario(raw.get("scenario", "us_contemporary"))
        values = raw.get("values", {})
        if not isinstance(values, dict):
            raise ValueError(
                f"assumptions file {shown(str(path))}: values: got {shown(values)}; allowed: "
                "a [values] table of name = number"
            )
        changed = {k: v for k, v in values.items() if k not in base.records or base[k] != v}
        return base.replace(**changed)


def _path(path: Any) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path: got {shown(path)} of type {type(path).__name__}; allowed: a path (str or "
            "pathlib.Path)"
        )
    return Path(path)


def _atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def scenarios() -> list[str]:
    """Names of the built-in scenarios."""
    return list(SCENARIOS)


# ------------------------------------------------------------------ frames carry assumptions
class FrozenValues(dict):
    """A read-only ``{name: value}`` of a frame's overridden assumptions. pandas deep-copies a
    frame's ``attrs`` with every column it hands out; the values are plain numbers, so a copy
    of this mapping is the mapping itself (a draw of a PSA overrides dozens of records, and
    copying them on every column access cost a second per draw)."""

    def __deepcopy__(self, memo) -> FrozenValues:
        return self

    def __copy__(self) -> FrozenValues:
        return self

    def _read_only(self, *args, **kwargs):
        raise TypeError("overrides: read-only; allowed: Assumptions.replace() for new values")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _read_only


def attach(frame: Any, a: Assumptions, **info: Any) -> Any:
    """Record in ``frame.attrs`` the assumptions ``a`` it was made with (and ``info``).

    Writes ``scenario``, the extra ``info`` (for example ``seed`` and ``n``),
    ``assumptions_hash``, ``overrides`` (the values changed from the scenario) and
    ``synthetic``, in that order; :func:`assumptions_of` rebuilds ``a`` from them. Returns
    ``frame``.
    """
    frame.attrs.update(
        scenario=a.scenario_name,
        **info,
        assumptions_hash=a.hash(),
        overrides=FrozenValues({name: a[name] for name in a.overridden}),
        synthetic=True,
    )
    return frame


def detached(frame: Any) -> Any:
    """A shallow copy of ``frame`` without its ``attrs``, for internal use once its assumptions
    are resolved: pandas deep-copies a frame's ``attrs`` into every column it hands out, which
    cost a fifth of a policy comparison; the copy shares the data (copy-on-write)."""
    out = frame.copy(deep=False)
    out.attrs = {}
    return out


def _check_frame(frame: Any, name: str) -> None:
    import pandas as pd  # only here: cilib.params is imported without pandas

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"{name}: got {shown(frame)} of type {type(frame).__name__}; allowed: a DataFrame "
            "from cilib.generate_cohort or cilib.generate_histories"
        )


def assumptions_of(frame: Any, *, name: str = "cohort") -> Assumptions:
    """The assumptions a frame was generated with, rebuilt from its ``attrs``.

    ``generate_cohort``, ``generate_histories`` and ``cilib.io.read_cohort`` record the
    scenario and any overridden values (:func:`attach`); the rebuilt assumptions are checked
    against the recorded hash.

    ``name`` is the parameter the frame was passed as, for the messages.

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame.
    ValueError
        If the frame carries no cilib metadata (pass ``assumptions=`` explicitly then) or the
        rebuilt assumptions do not match the recorded hash.
    """
    _check_frame(frame, name)
    info = frame.attrs or {}
    if "scenario" not in info:
        raise ValueError(
            f"{name}: no cilib metadata in {name}.attrs (it was rebuilt or filtered in a way "
            "that dropped them); allowed: a cohort from cilib.generate_cohort or "
            "cilib.io.read_cohort, or pass assumptions= explicitly"
        )
    a = Assumptions.scenario(info["scenario"])
    overrides = info.get("overrides") or {}
    if overrides:
        a = a.replace(**overrides)
    recorded = info.get("assumptions_hash")
    if recorded is not None and recorded != a.hash():
        raise ValueError(
            f"{name}: its assumptions hash {recorded} does not match the rebuilt assumptions "
            f"({a.hash()}); allowed: pass the assumptions it was generated with"
        )
    return a


def resolve(frame: Any, assumptions: Assumptions | None, *, name: str = "cohort") -> Assumptions:
    """``assumptions`` if given (checked to be :class:`Assumptions`), else those ``frame``
    carries (:func:`assumptions_of`); ``frame`` (the parameter ``name``) is checked to be a
    DataFrame either way."""
    _check_frame(frame, name)
    if assumptions is None:
        return assumptions_of(frame, name=name)
    if not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions or None"
        )
    return assumptions
