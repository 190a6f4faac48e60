"""Old module paths of cilib 0.1 (``cilib.accuracy``, ``cilib.summary``, ...), kept as aliases.

cilib 0.2 arranged its modules in layers (``params``, ``model``, ``screening``,
``interventions``, ``analysis``, ``plots``). Importing an old path still works: it gives a
module whose attributes are looked up in the new modules, in order, and warns once with a
:class:`DeprecationWarning` naming the new home. ``cilib.simulate`` is the function only (the
module of that name shadowed it and is now :mod:`cilib.interventions.simulation`).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings

__all__ = ["ALIASES", "install"]

#: Old module path -> the new modules that hold its names, searched in order.
ALIASES: dict[str, tuple[str, ...]] = {
    "cilib.accuracy": ("cilib.screening.accuracy", "cilib.screening.discrimination", "cilib.stats"),
    "cilib.assumptions": ("cilib.params.assumptions", "cilib.params.records"),
    "cilib.calibration": ("cilib.analysis.calibration", "cilib.analysis.targets"),
    "cilib.cervix": ("cilib.model.cervix",),
    "cilib.cohort": ("cilib.model.cohort",),
    "cilib.compare": ("cilib.interventions.compare", "cilib.params.definitions"),
    "cilib.defaults": ("cilib.params.registry",),
    "cilib.histories": (
        "cilib.interventions.histories",
        "cilib.model.histories",
        "cilib.analysis.recurrence",
    ),
    "cilib.outcomes": ("cilib.model.hazards", "cilib.model.schema"),
    "cilib.policy_plots": ("cilib.plots.policies",),
    "cilib.recurrence_plots": ("cilib.plots.recurrence",),
    "cilib.references": ("cilib.params.references",),
    "cilib.schema": ("cilib.model.schema",),
    "cilib.screening_plots": ("cilib.plots.screening", "cilib.plots.thresholds"),
    "cilib.screening_tables": (
        "cilib.screening.tables",
        "cilib.analysis.tables",
        "cilib.params.definitions",
    ),
    "cilib.summary": ("cilib.analysis.summary", "cilib.stats", "cilib.params.definitions"),
    "cilib.treatment_plots": ("cilib.plots.treatments",),
    "cilib.treatments": ("cilib.interventions.treatments",),
    "cilib.trials": ("cilib.analysis.trials", "cilib.analysis.targets"),
}


class _AliasModule(types.ModuleType):
    """A module whose attributes are those of its targets (the first that has the name)."""

    def __init__(self, name: str, targets: tuple[str, ...]) -> None:
        super().__init__(name, f"Deprecated alias of {', '.join(targets)}.")
        self.__targets = targets

    def __getattr__(self, attr: str):
        for target in self.__targets:
            module = importlib.import_module(target)
            if hasattr(module, attr):
                return getattr(module, attr)
        raise AttributeError(f"module {self.__name__!r} has no attribute {attr!r}")

    def __dir__(self) -> list[str]:
        names: set[str] = set()
        for target in self.__targets:
            names.update(dir(importlib.import_module(target)))
        return sorted(names)


class _Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return _AliasModule(spec.name, ALIASES[spec.name])

    def exec_module(self, module) -> None:
        targets = ALIASES[module.__name__]
        warnings.warn(
            f"{module.__name__} moved to {targets[0]} in cilib 0.2; import it from there",
            DeprecationWarning,
            stacklevel=2,
        )


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in ALIASES:
            return importlib.machinery.ModuleSpec(fullname, _Loader())
        return None


def install() -> None:
    """Let ``import cilib.<old name>`` find its alias (idempotent)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.append(_Finder())
