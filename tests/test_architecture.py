"""The package's floors: layer contracts, no import cycle, no shadowing, small modules.

``lint-imports`` runs the contracts of ``pyproject.toml`` (layers, acyclic siblings, private
modules, private names); this file runs them inside the test command and adds what they do
not check: no cycle anywhere in the import graph (lazy imports inside functions included), no
function exported under the name of a submodule, modules and functions of a readable size, and
the old module paths of cilib 0.1 still importing.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
import warnings
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

import cilib
from cilib import _aliases
from tests import architecture

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cilib"
#: "No module over about 500 lines; no function over about 60 lines" (issue 11). Function
#: length counts code from the first statement after the docstring to the end.
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def test_import_contracts_hold(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    status = lint_imports(no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert status == 0, f"import-linter contracts broken (run `lint-imports`):\n{report}"


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("cilib", include_external_packages=False)


def test_no_import_cycle_anywhere():
    """No chain of imports leads from a module back to itself. The root ``cilib`` (the public
    facade, which imports every layer) and the aliases of old paths are left out: nothing in
    the package imports them."""
    graph = _graph()
    facade = {"cilib", "cilib._aliases"}
    for module in sorted(graph.modules - facade):
        assert not (graph.find_modules_that_directly_import(module) & facade - {"cilib"}), module
        for imported in graph.find_modules_directly_imported_by(module) - facade:
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            assert chain is None, f"import cycle: {module} -> {' -> '.join(chain)}"
    importers_of_root = graph.find_modules_that_directly_import("cilib") - facade
    assert not importers_of_root, f"modules importing the facade (a cycle): {importers_of_root}"


def test_the_cycle_check_can_fail(tmp_path, monkeypatch):
    pkg = tmp_path / "cyclepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from cyclepkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from cyclepkg import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("cyclepkg")
    chain = graph.find_shortest_chain(importer="cyclepkg.b", imported="cyclepkg.a")
    assert chain is not None, "a lazy import inside a function must count as an edge"


def test_private_names_contract_finds_a_private_import(tmp_path, monkeypatch):
    pkg = tmp_path / "privpkg"
    (pkg / "low").mkdir(parents=True)
    (pkg / "high").mkdir()
    for d in (pkg, pkg / "low", pkg / "high"):
        (d / "__init__.py").write_text("")
    (pkg / "low" / "core.py").write_text("def _helper():\n    return 1\n")
    (pkg / "low" / "sibling.py").write_text("from privpkg.low.core import _helper\n")
    (pkg / "high" / "user.py").write_text("from privpkg.low.core import (\n    _helper,\n)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("privpkg")
    contract = architecture.PrivateNamesContract("test", {}, {})
    check = contract.check(graph, verbose=False)
    assert not check.kept, "importing _helper from another package must break the contract"
    assert check.metadata["broken"] == [("privpkg.high.user", 1, "privpkg.low.core", "_helper")], (
        f"only the import from privpkg.high is a breach, got {check.metadata['broken']}"
    )


def _modules() -> list[str]:
    return ["cilib"] + [m.name for m in pkgutil.walk_packages(cilib.__path__, prefix="cilib.")]


def test_no_function_shadows_a_submodule():
    """``cilib.simulate`` used to be both a function and the module that defined it; no package
    may export a name that is also one of its submodules (unless it is that submodule)."""
    for name in _modules():
        module = importlib.import_module(name)
        if not hasattr(module, "__path__"):
            continue
        for sub in pkgutil.iter_modules(module.__path__):
            value = getattr(module, sub.name, None)
            if value is None:
                continue
            assert getattr(value, "__name__", None) == f"{name}.{sub.name}", (
                f"{name}.{sub.name} is {value!r}, which shadows the submodule {sub.name}"
            )
    assert callable(cilib.simulate) and not hasattr(cilib.simulate, "__path__"), (
        "cilib.simulate must be the function"
    )


def _function_lengths(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            first = body[0]
            is_doc = isinstance(first, ast.Expr) and isinstance(
                getattr(first, "value", None), ast.Constant
            )
            start = (
                (body[1].lineno if len(body) > 1 else first.end_lineno) if is_doc else first.lineno
            )
            yield node.name, node.lineno, node.end_lineno - start + 1


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_modules_and_functions_are_readable_sizes(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, (
        f"{path.relative_to(ROOT)} has {lines} lines (at most {MAX_MODULE_LINES}): split it"
    )
    for name, lineno, length in _function_lengths(path):
        assert length <= MAX_FUNCTION_LINES, (
            f"{path.relative_to(ROOT)}:{lineno} {name} has {length} code lines "
            f"(at most {MAX_FUNCTION_LINES}): split it"
        )


@pytest.mark.parametrize("old", sorted(_aliases.ALIASES))
def test_old_module_paths_still_import_with_a_deprecation_warning(old):
    sys.modules.pop(old, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
    assert any(issubclass(w.category, DeprecationWarning) for w in caught), (
        f"importing {old} must warn that it moved"
    )
    targets = [importlib.import_module(t) for t in _aliases.ALIASES[old]]
    public = [n for t in targets for n in getattr(t, "__all__", ())]
    assert public, f"{old}: its targets export nothing"
    for name in public:
        owner = next(t for t in targets if hasattr(t, name))
        assert getattr(module, name) is getattr(owner, name), (
            f"{old}.{name} must be the same object"
        )


def test_public_names_of_cilib_0_1_are_kept():
    for name in (
        "Assumptions",
        "generate_cohort",
        "cervical_length",
        "measure_cervical_length",
        "simulate",
        "compare_policies",
        "generate_histories",
        "recurrence_table",
        "ci_recurrence",
        "data_dictionary",
        "scenarios",
        "assumptions_of",
    ):
        assert callable(getattr(cilib, name)), f"cilib.{name} must stay public"
    assert cilib.policies.presets()[0] == "no_screening", "cilib.policies keeps its presets"
    assert "fonseca_2007" in cilib.trials.trials(), "cilib.trials keeps its trials"
    from cilib.policies import Policy  # a public module path of its own, without a warning

    assert Policy is cilib.interventions.policies.Policy, "cilib.policies is the policies package"


def test_every_assert_in_the_tests_says_what_was_expected():
    """Every ``assert`` of the test suite carries a message (issue 11: about 59 did not)."""
    bare = [
        f"{p.relative_to(ROOT)}:{node.lineno}"
        for p in sorted((ROOT / "tests").rglob("*.py"))
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert) and node.msg is None
    ]
    assert not bare, f"asserts without a message: {bare}"
