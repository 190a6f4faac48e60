"""Docstring examples run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cilib

MODULES = ["cilib"] + [
    f"cilib.{m.name}" for m in pkgutil.iter_modules(cilib.__path__) if m.name != "__main__"
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
