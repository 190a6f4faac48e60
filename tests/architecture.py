"""An import-linter contract type: no private name is imported from another package.

``from cilib.model.population import _age`` inside ``cilib.model`` is fine; the same line in
``cilib.interventions`` is not: a name that starts with an underscore belongs to its package.
(The built-in ``private_modules`` contract covers private *modules*, such as
``cilib.plots._style``; this one covers private *names*.) Registered in ``pyproject.toml``
under ``[tool.importlinter]`` as ``private_names``; ``lint-imports`` and
``tests/test_architecture.py`` run it.
"""

from __future__ import annotations

import ast
import importlib.util

import grimp
from importlinter import Contract, ContractCheck, output


def package_of(module: str, is_package: bool) -> str:
    """The package a module's code lives in (a package's ``__init__`` lives in itself)."""
    return module if is_package else module.rpartition(".")[0]


def private_imports(
    module: str, modules: set[str], packages: set[str]
) -> list[tuple[int, str, str]]:
    """``(line, imported module, name)`` of every private name ``module`` imports from
    outside its own package (relative imports are resolved); ``modules`` and ``packages`` are
    those of the import graph."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return []
    is_package = spec.submodule_search_locations is not None
    home = package_of(module, is_package)
    with open(spec.origin, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=spec.origin)
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = node.module or ""
        if node.level:  # relative: from .x import y, from .. import z
            base = home.split(".")[: len(home.split(".")) - (node.level - 1)]
            source = ".".join([*base, source] if source else base)
        for alias in node.names:
            name = alias.name
            if not name.startswith("_") or name.startswith("__"):
                continue
            owner = source
            if f"{source}.{name}" in modules:  # ``from pkg import _module``
                owner = f"{source}.{name}"
            owner_home = owner.rpartition(".")[0] if owner not in packages else owner
            if owner_home != home:
                out.append((node.lineno, source, name))
    return out


class PrivateNamesContract(Contract):
    """No module imports a private name (or private module) from outside its own package."""

    type_name = "private_names"

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        modules = set(graph.modules)
        packages = {
            m
            for m in modules
            if (spec := importlib.util.find_spec(m)) is not None
            and spec.submodule_search_locations is not None
        }
        broken = [
            (module, line, source, name)
            for module in sorted(modules)
            for line, source, name in private_imports(module, modules, packages)
        ]
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, line, source, name in check.metadata["broken"]:
            output.print_error(f"{module}:{line} imports private {name} from {source}")
            output.new_line()
