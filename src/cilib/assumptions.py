"""Assumption records, the registry of defaults, scenarios and validated overrides.

Every number the model uses is a :class:`Record`: a value with its unit, plausible range,
distribution for uncertainty analysis, hard bounds for overrides, citation keys, population,
year and a note. Records whose value was fitted by :mod:`cilib.calibration` say so
(``status="calibrated"``) and name the targets they were fitted to; their fitted values live in
``cilib/data/calibrated.toml`` (written by ``scripts/fit_calibration.py``), so that the records
themselves are written in one place only (:mod:`cilib.defaults`).

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
import math
import os
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

STATUSES = ("sourced", "derived", "calibrated", "assumption")
DISTRIBUTIONS = ("fixed", "normal", "lognormal", "beta", "uniform", "triangular")


@dataclass(frozen=True)
class Record:
    """One model assumption.

    Parameters
    ----------
    name : str
        Identifier; units in the name (``_weeks``, ``_mm``, ``_years``), ``p_`` for
        probabilities, ``hr_``/``rr_``/``or_`` for ratios.
    value : float
        The value used by the model.
    unit : str
        Unit of ``value`` ("probability", "hazard ratio", "mm", "weeks", ...).
    low, high : float
        Plausible range (95% CI where published); the default value lies inside it.
    bounds : tuple of float
        Hard limits an override must respect (for example 0-1 for a probability).
    distribution : str
        Distribution for later uncertainty analysis, over ``low``-``high``.
    sources : tuple of str
        Citation keys in :data:`cilib.references.REFERENCES`.
    status : str
        ``sourced`` (read from a source), ``derived`` (arithmetic on sourced figures),
        ``calibrated`` (fitted to the targets in ``targets``) or ``assumption`` (stated
        assumption, the note says why).
    population, year : str
        Population and period the value describes.
    note : str
        How the value was obtained or why it was assumed.
    targets : tuple of int
        Calibration targets (evidence.md numbering) a calibrated value was fitted to.
    integer : bool
        Whether the value must be an integer.
    """

    name: str
    value: float
    unit: str
    low: float
    high: float
    bounds: tuple[float, float] = (-math.inf, math.inf)
    distribution: str = "uniform"
    sources: tuple[str, ...] = ()
    status: str = "sourced"
    population: str = ""
    year: str = ""
    note: str = ""
    targets: tuple[int, ...] = ()
    integer: bool = False
    group: str = ""

    def problems(self) -> list[str]:
        """Return a list of documentation problems (empty when the record is complete)."""
        out = []
        if not self.unit:
            out.append("no unit")
        if self.status not in STATUSES:
            out.append(f"status {self.status!r} not one of {STATUSES}")
        if self.status in ("sourced", "derived") and not self.sources:
            out.append("no source")
        if self.status == "assumption" and not self.note:
            out.append("stated assumption without a note saying why")
        if self.status == "calibrated" and not self.targets:
            out.append("calibrated without naming its targets")
        if self.distribution not in DISTRIBUTIONS:
            out.append(f"distribution {self.distribution!r} not one of {DISTRIBUTIONS}")
        if not (self.bounds[0] <= self.low <= self.high <= self.bounds[1]):
            out.append(f"range [{self.low}, {self.high}] not inside bounds {self.bounds}")
        if not (self.low <= self.value <= self.high):
            out.append(f"value {self.value} outside its range [{self.low}, {self.high}]")
        return out


def _fmt(x: float) -> str:
    return f"{x:g}"


def check_value(record: Record, value: Any) -> float:
    """Validate an override for ``record`` and return it as a float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (booleans and strings are refused).
    ValueError
        If ``value`` is NaN, not an integer where one is required, or outside the bounds.
    """
    lo, hi = record.bounds
    allowed = f"a number in [{_fmt(lo)}, {_fmt(hi)}] ({record.unit})"
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            import numpy as np

            ok = isinstance(value, np.integer | np.floating)
        except ImportError:  # pragma: no cover
            ok = False
        if not ok:
            raise TypeError(
                f"assumption {record.name!r}: got {value!r} of type {type(value).__name__}; "
                f"allowed: {allowed}"
            )
    v = float(value)
    if math.isnan(v):
        raise ValueError(f"assumption {record.name!r}: got NaN; allowed: {allowed}")
    if record.integer and v != round(v):
        raise ValueError(f"assumption {record.name!r}: got {value!r}; allowed: an integer")
    if not (lo <= v <= hi):
        raise ValueError(f"assumption {record.name!r}: got {value!r}; allowed: {allowed}")
    return v


def _unknown(name: str, known: Iterator[str] | list[str]) -> ValueError:
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return ValueError(
        f"unknown assumption {name!r}{hint} (see cilib.Assumptions.default().table() "
        f"for the {len(known)} names)"
    )


@dataclass(frozen=True)
class Scenario:
    """A named assumption set describing one population and measurement setting."""

    name: str
    description: str
    overrides: tuple[Record, ...] = ()
    sources: tuple[str, ...] = ()


CALIBRATED_FILES = ("calibrated.toml", "calibrated_treatments.toml")


def _calibrated_values() -> dict[str, dict[str, float]]:
    """Fitted values by scenario name ('*' = shared biology), from ``data/calibrated*.toml``.

    ``calibrated.toml`` holds the natural-history fit (``scripts/fit_calibration.py``),
    ``calibrated_treatments.toml`` the treatment effects fitted to simulated trials.
    """
    out: dict[str, dict[str, float]] = {}
    for name in CALIBRATED_FILES:
        path = resources.files("cilib") / "data" / name
        if not path.is_file():
            continue
        with path.open("rb") as f:
            raw = tomllib.load(f)
        for scope, values in raw.get("values", {}).items():
            out.setdefault(scope, {}).update({n: float(v) for n, v in values.items()})
    return out


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
        from cilib.defaults import BASE_RECORDS, SCENARIOS

        if not isinstance(name, str) or name not in SCENARIOS:
            close = difflib.get_close_matches(str(name), list(SCENARIOS), n=2)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"scenario: got {name!r}{hint}; allowed: {', '.join(sorted(SCENARIOS))}"
            )
        recs = {r.name: r for r in BASE_RECORDS}
        for r in SCENARIOS[name].overrides:
            if r.name not in recs:
                raise ValueError(f"scenario {name!r} overrides unknown assumption {r.name!r}")
            recs[r.name] = r
        fitted = _calibrated_values()
        for scope in ("*", name):
            for n, v in fitted.get(scope, {}).items():
                if n in recs and recs[n].status == "calibrated":
                    recs[n] = replace(recs[n], value=v)
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
        from cilib.defaults import SHARE_GROUPS

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

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def __hash__(self) -> int:  # pragma: no cover - dataclass(frozen) with a Mapping field
        return hash(self.hash())

    @property
    def description(self) -> str:
        """What the scenario describes (population, period, setting) and its targets."""
        from cilib.defaults import SCENARIOS

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
                    "distribution": r.distribution,
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
        path = Path(path)
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
        path = Path(path)
        try:
            with path.open("rb") as f:
                raw = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise ValueError(f"assumptions file {str(path)!r}: not valid TOML ({e})") from None
        unknown_keys = set(raw) - {"scenario", "values"}
        if unknown_keys:
            raise ValueError(
                f"assumptions file {str(path)!r}: unknown top-level keys {sorted(unknown_keys)}; "
                "allowed: 'scenario' and a [values] table"
            )
        base = cls.scenario(raw.get("scenario", "us_contemporary"))
        values = raw.get("values", {})
        if not isinstance(values, dict):
            raise ValueError(f"assumptions file {str(path)!r}: 'values' must be a table")
        changed = {k: v for k, v in values.items() if k not in base.records or base[k] != v}
        return base.replace(**changed)


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
    from cilib.defaults import SCENARIOS

    return list(SCENARIOS)
