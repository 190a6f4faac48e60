"""Docstring examples run as tests, in every module of the package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cilib

MODULES = ["cilib"] + [
    m.name
    for m in pkgutil.walk_packages(cilib.__path__, prefix="cilib.")
    if m.name != "cilib.__main__"
]


def test_every_layer_is_collected():
    layers = {name.split(".")[1] for name in MODULES[1:]}
    assert {"params", "model", "screening", "interventions", "analysis", "plots"} <= layers, (
        f"doctests must walk the subpackages, found {sorted(layers)}"
    )


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
