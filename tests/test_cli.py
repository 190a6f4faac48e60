"""Tests of the ``cilib`` command line (in-process through cilib.cli.main)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import cilib
from cilib.cli import main, params_markdown
from cilib.io import read_cohort
from cilib.model.schema import check_frame

NOTICE = "Synthetic data for teaching and research only; not for clinical use."


def _files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _generate(out: Path, *extra: str, n: int = 500, seed: int = 3) -> list[str]:
    return ["generate", "--n", str(n), "--seed", str(seed), "--out", str(out), *extra]


def test_generate_writes_cohort_and_manifest(tmp_path, capsys):
    out = tmp_path / "cohort.csv"
    argv = _generate(out, "--scenario", "iams_1996")
    code, stdout, stderr = _run(capsys, *argv)
    assert code == 0, f"exit {code}; stderr: {stderr}"
    assert _files(tmp_path) == ["cohort.csv", "cohort.csv.manifest.json"], _files(tmp_path)
    cohort = read_cohort(out)
    assert len(cohort) == 500, f"{len(cohort)} rows"
    assert check_frame(cohort) == [], f"problems: {check_frame(cohort)}"
    manifest = json.loads((tmp_path / "cohort.csv.manifest.json").read_text())
    assert manifest["command"] == ["cilib", *argv], f"command {manifest['command']}"
    assert manifest["scenario"] == "iams_1996", f"scenario {manifest['scenario']}"
    want_hash = cilib.Assumptions.scenario("iams_1996").hash()
    assert manifest["assumptions_hash"] == want_hash, "manifest hash differs"
    for needle in ("500", "iams_1996", "preterm", "%", str(out), "manifest.json", NOTICE):
        assert needle in stdout, f"summary lacks {needle!r}: {stdout}"
    assert stderr == "", f"unexpected stderr: {stderr}"


def test_generate_parquet_matches_library(tmp_path, capsys):
    out = tmp_path / "cohort.parquet"
    code, _, stderr = _run(capsys, *_generate(out, n=300, seed=9))
    assert code == 0, f"exit {code}; stderr: {stderr}"
    want = cilib.generate_cohort(300, seed=9)
    got = read_cohort(out)
    got.attrs, want.attrs = {}, {}
    try:
        pd.testing.assert_frame_equal(got, want)
    except AssertionError as e:
        raise AssertionError(f"CLI cohort differs from generate_cohort: {e}") from e


def test_second_run_refuses_and_keeps_bytes(tmp_path, capsys):
    out = tmp_path / "cohort.csv"
    assert _run(capsys, *_generate(out))[0] == 0, "first run failed"
    before = {p: (tmp_path / p).read_bytes() for p in _files(tmp_path)}
    code, stdout, stderr = _run(capsys, *_generate(out, seed=4))
    assert code == 2, f"exit {code}"
    assert len(stderr.splitlines()) == 1, f"stderr is not one line: {stderr!r}"
    assert stderr.startswith("cilib: error:"), f"stderr {stderr!r}"
    assert "--force" in stderr and "cohort.csv" in stderr, f"stderr {stderr!r}"
    assert stdout == "", f"stdout on error: {stdout!r}"
    after = {p: (tmp_path / p).read_bytes() for p in _files(tmp_path)}
    assert after == before, "refused run changed or added files"


def test_force_overwrites(tmp_path, capsys):
    out = tmp_path / "cohort.csv"
    assert _run(capsys, *_generate(out, seed=1))[0] == 0, "first run failed"
    first = out.read_bytes()
    code, _, stderr = _run(capsys, *_generate(out, "--force", seed=2))
    assert code == 0, f"exit {code}; stderr {stderr}"
    assert out.read_bytes() != first, "--force did not overwrite"
    manifest = json.loads((tmp_path / "cohort.csv.manifest.json").read_text())
    assert manifest["seed"] == 2, f"manifest seed {manifest['seed']}"
    assert _files(tmp_path) == ["cohort.csv", "cohort.csv.manifest.json"], _files(tmp_path)


def test_same_seed_same_bytes(tmp_path, capsys, monkeypatch):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        monkeypatch.chdir(tmp_path / d)  # same command line, so the same manifest
        assert _run(capsys, *_generate(Path("c.csv")))[0] == 0, f"run {d} failed"
    for name in ("c.csv", "c.csv.manifest.json"):
        a, b = (tmp_path / d / name for d in ("a", "b"))
        assert a.read_bytes() != b"", f"{name} is empty"
        assert a.read_bytes() == b.read_bytes(), f"{name} differs between identical runs"


def _toml(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


BAD_INPUTS = {
    "unknown scenario": (["--n", "100", "--seed", "1", "--scenario", "mars_2099"], "mars_2099"),
    "n zero": (["--n", "0", "--seed", "1"], "--n"),
    "n negative": (["--n", "-5", "--seed", "1"], "--n"),
    "n not integer": (["--n", "1.5", "--seed", "1"], "1.5"),
    "n not a number": (["--n", "many", "--seed", "1"], "many"),
    "n too large": (["--n", "999999999999", "--seed", "1"], "--n"),
    "negative seed": (["--n", "100", "--seed", "-1"], "--seed"),
    "seed not integer": (["--n", "100", "--seed", "x1"], "--seed"),
    "missing seed": (["--n", "100"], "--seed"),
    "unknown option": (["--n", "100", "--seed", "1", "--colour", "red"], "--colour"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_generate_bad_arguments(tmp_path, capsys, case):
    args, needle = BAD_INPUTS[case]
    code, stdout, stderr = _run(capsys, "generate", *args, "--out", str(tmp_path / "c.csv"))
    assert code == 2, f"{case}: exit {code}"
    assert len(stderr.splitlines()) == 1, f"{case}: stderr is not one line: {stderr!r}"
    assert stderr.startswith("cilib"), f"{case}: stderr {stderr!r}"
    assert ": error: " in stderr, f"{case}: stderr {stderr!r}"
    assert "usage:" not in stderr, f"{case}: usage block printed: {stderr!r}"
    assert needle in stderr, f"{case}: stderr does not name {needle!r}: {stderr!r}"
    assert _files(tmp_path) == [], f"{case}: wrote {_files(tmp_path)}"


def _bad_file_cases(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    out = str(tmp_path / "out" / "c.csv")
    base = ["generate", "--n", "100", "--seed", "1"]
    return {
        "bad suffix": (
            [*base, "--out", str(tmp_path / "out" / "c.xlsx")], "c.xlsx"),
        "missing directory": (
            [*base, "--out", str(tmp_path / "out" / "nodir" / "c.csv")], "nodir"),
        "missing assumptions file": (
            [*base, "--assumptions", str(tmp_path / "none.toml"), "--out", out], "none.toml"),
        "invalid TOML": (
            [*base, "--assumptions", _toml(tmp_path / "broken.toml", "[values\n"),
             "--out", out], "broken.toml"),
        "TOML value out of range": (
            [*base, "--assumptions",
             _toml(tmp_path / "range.toml", "[values]\np_smoking = 1.5\n"), "--out", out],
            "p_smoking"),
        "TOML value not a number": (
            [*base, "--assumptions",
             _toml(tmp_path / "type.toml", '[values]\np_smoking = "lots"\n'), "--out", out],
            "p_smoking"),
        "TOML unknown assumption": (
            [*base, "--assumptions",
             _toml(tmp_path / "unknown.toml", "[values]\np_smokin = 0.1\n"), "--out", out],
            "p_smokin"),
        "TOML unknown scenario": (
            [*base, "--assumptions",
             _toml(tmp_path / "scen.toml", 'scenario = "mars"\n'), "--out", out], "mars"),
        "TOML and --scenario disagree": (
            [*base, "--scenario", "fmf_london", "--assumptions",
             _toml(tmp_path / "iams.toml", 'scenario = "iams_1996"\n'), "--out", out],
            "iams_1996"),
    }  # fmt: skip


CASE_NAMES = [
    "bad suffix", "missing directory", "missing assumptions file", "invalid TOML",
    "TOML value out of range", "TOML value not a number", "TOML unknown assumption",
    "TOML unknown scenario", "TOML and --scenario disagree",
]  # fmt: skip


@pytest.mark.parametrize("case", CASE_NAMES)
def test_generate_bad_files(tmp_path, capsys, case):
    (tmp_path / "out").mkdir()
    argv, needle = _bad_file_cases(tmp_path)[case]
    code, stdout, stderr = _run(capsys, *argv)
    assert code == 2, f"{case}: exit {code}; stderr {stderr!r}"
    assert len(stderr.splitlines()) == 1, f"{case}: stderr is not one line: {stderr!r}"
    assert stderr.startswith("cilib: error: "), f"{case}: stderr {stderr!r}"
    assert "Traceback" not in stderr, f"{case}: traceback printed"
    assert needle in stderr, f"{case}: stderr does not name {needle!r}: {stderr!r}"
    assert _files(tmp_path / "out") == [], f"{case}: wrote {_files(tmp_path / 'out')}"
    assert stdout == "", f"{case}: stdout on error: {stdout!r}"


def test_assumptions_file_scenario_rules(tmp_path, capsys):
    with_scenario = _toml(
        tmp_path / "iams.toml", 'scenario = "iams_1996"\n[values]\np_smoking = 0.1\n'
    )
    without = _toml(tmp_path / "plain.toml", "[values]\np_smoking = 0.1\n")
    cases = [
        ("file scenario used", [with_scenario], "iams_1996"),
        ("agreeing scenario", [with_scenario, "--scenario", "iams_1996"], "iams_1996"),
        ("file without scenario", [without, "--scenario", "fmf_london"], "fmf_london"),
        ("file alone, default", [without], "us_contemporary"),
    ]
    for i, (label, extra, scenario) in enumerate(cases):
        out = tmp_path / f"c{i}.csv"
        code, _, stderr = _run(capsys, *_generate(out, "--assumptions", *extra, n=100))
        assert code == 0, f"{label}: exit {code}; stderr {stderr!r}"
        manifest = json.loads((tmp_path / f"c{i}.csv.manifest.json").read_text())
        assert manifest["scenario"] == scenario, f"{label}: scenario {manifest['scenario']}"
        assert manifest["overridden"] == ["p_smoking"], f"{label}: {manifest['overridden']}"
        want = cilib.Assumptions.scenario(scenario).replace(p_smoking=0.1).hash()
        assert manifest["assumptions_hash"] == want, f"{label}: assumptions hash differs"


def test_assumptions_file_from_to_toml(tmp_path, capsys):
    a = cilib.Assumptions.scenario("fmf_london").replace(p_twin=0.02)
    a.to_toml(tmp_path / "saved.toml")
    out = tmp_path / "c.parquet"
    code, _, stderr = _run(capsys, *_generate(out, "--assumptions", str(tmp_path / "saved.toml")))
    assert code == 0, f"exit {code}; stderr {stderr!r}"
    manifest = json.loads((tmp_path / "c.parquet.manifest.json").read_text())
    assert manifest["assumptions_hash"] == a.hash(), "hash differs from the saved assumptions"


def test_params_markdown_matches_function(capsys):
    code, stdout, stderr = _run(capsys, "params", "--format", "markdown")
    assert code == 0, f"exit {code}; stderr {stderr!r}"
    assert stdout == params_markdown(), "CLI markdown differs from params_markdown()"
    lines = stdout.splitlines()
    assert lines[0] == "| name | value | unit | range | distribution | status | sources |", lines[0]
    names = list(cilib.Assumptions.default().table()["name"])
    assert len(lines) == 2 + len(names), f"{len(lines)} lines for {len(names)} assumptions"
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines), "not a table"
    # Two calls in one process share its hash seed, so they could not differ; another
    # process with another PYTHONHASHSEED can (set or dict order leaking into the text).
    proc = subprocess.run(
        [sys.executable, "-c",
         "import sys; from cilib.cli import params_markdown; sys.stdout.write(params_markdown())"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )  # fmt: skip
    assert proc.returncode == 0, f"exit {proc.returncode}; stderr {proc.stderr}"
    assert proc.stdout == params_markdown(), "params_markdown differs under another hash seed"
    code, stdout, _ = _run(capsys, "params", "--format", "markdown", "--scenario", "iams_1996")
    assert stdout == params_markdown("iams_1996"), "scenario markdown differs"


def test_params_other_formats_and_group(capsys):
    code, stdout, stderr = _run(capsys, "params", "--format", "csv", "--group", "cervix")
    assert code == 0, f"exit {code}; stderr {stderr!r}"
    table = cilib.Assumptions.default().table()
    want = table[table["group"] == "cervix"]
    assert len(stdout.splitlines()) == 1 + len(want), "csv rows differ from the cervix group"
    assert stdout.startswith("name,group,value,unit"), f"csv header {stdout[:60]!r}"
    code, stdout, _ = _run(capsys, "params")
    assert code == 0 and "p_smoking" in stdout, "table format lacks p_smoking"
    code, stdout, stderr = _run(capsys, "params", "--group", "astrology")
    assert code == 2, f"unknown group: exit {code}"
    assert len(stderr.splitlines()) == 1 and "astrology" in stderr, f"stderr {stderr!r}"
    with pytest.raises(ValueError, match="astrology"):
        params_markdown(group="astrology")
    with pytest.raises(ValueError, match="mars"):
        params_markdown("mars")


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["params", "--scenario", "mars"], "mars"),
        (["params", "--format", "html"], "html"),
        (["calibrate", "--n", "0"], "--n"),
        (["calibrate", "--seed", "-3"], "--seed"),
        (["calibrate", "--scenario", "mars"], "mars"),
        (["dictionary", "--format", "xml"], "xml"),
        (["dictionary", "--out", "dictionary.txt"], "dictionary.txt"),
        (["nonsense"], "nonsense"),
        ([], "required"),
    ],
)
def test_other_bad_input(capsys, tmp_path, monkeypatch, argv, needle):
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = _run(capsys, *argv)
    assert code == 2, f"{argv}: exit {code}"
    assert len(stderr.splitlines()) == 1, f"{argv}: stderr is not one line: {stderr!r}"
    assert stderr.startswith("cilib") and ": error: " in stderr, f"{argv}: {stderr!r}"
    assert needle in stderr, f"{argv}: stderr does not name {needle!r}: {stderr!r}"
    assert _files(tmp_path) == [], f"{argv}: wrote {_files(tmp_path)}"


def test_calibrate_prints_table(capsys):
    code, stdout, stderr = _run(capsys, "calibrate", "--scenario", "fmf_london", "--n", "20000")
    assert code in (0, 1), f"exit {code}; stderr {stderr!r}"
    for key in ("cl_median_22_24w", "cl_le15_22_24w", "sptb34_cl_le15"):
        assert key in stdout, f"calibration table lacks {key}: {stdout}"
    if code == 1:
        assert "outside" in stderr, f"failure not reported on stderr: {stderr!r}"
    else:
        assert stderr == "", f"stderr although all targets pass: {stderr!r}"


def test_calibrate_csv_exit_status_matches_pass_column(capsys):
    code, stdout, stderr = _run(
        capsys, "calibrate", "--scenario", "fmf_london", "--n", "5000", "--format", "csv"
    )
    from io import StringIO

    table = pd.read_csv(StringIO(stdout))
    want = ["cl_median_22_24w", "cl_le15_22_24w", "sptb34_cl_le15"]
    want += ["heath_5mm", "heath_15mm", "heath_45mm"]
    assert list(table["key"]) == want, f"keys {list(table['key'])}"
    assert code == (0 if table["pass"].all() else 1), f"exit {code} vs pass {list(table['pass'])}"


def test_dictionary(tmp_path, capsys):
    code, stdout, _ = _run(capsys, "dictionary", "--format", "csv")
    assert code == 0, f"exit {code}"
    assert stdout.splitlines()[0] == "column,dtype,unit,meaning,categories", stdout[:80]
    names = list(cilib.data_dictionary()["column"])
    assert len(stdout.splitlines()) == 1 + len(names), "one line per column expected"
    code, stdout, _ = _run(capsys, "dictionary", "--format", "markdown")
    assert code == 0 and stdout.startswith("| column | dtype |"), f"markdown {stdout[:60]!r}"
    code, stdout, _ = _run(capsys, "dictionary")
    assert code == 0 and all(n in stdout for n in names), "table lacks some columns"
    out = tmp_path / "dictionary.csv"
    code, _, _ = _run(capsys, "dictionary", "--out", str(out))
    assert code == 0 and out.exists(), "dictionary --out did not write"
    code, _, stderr = _run(capsys, "dictionary", "--out", str(out))
    assert code == 2 and "--force" in stderr, f"overwrite not refused: {code} {stderr!r}"


def test_help_and_version(capsys):
    for argv in (["--help"], ["generate", "--help"], ["params", "--help"],
                 ["calibrate", "--help"], ["dictionary", "--help"]):  # fmt: skip
        code, stdout, _ = _run(capsys, *argv)
        assert code == 0, f"{argv}: exit {code}"
        assert "usage: cilib" in stdout, f"{argv}: no usage in {stdout[:80]!r}"
    code, stdout, _ = _run(capsys, "--version")
    assert code == 0 and stdout.strip() == f"cilib {cilib.__version__}", f"version {stdout!r}"


def test_python_m_cilib_help():
    proc = subprocess.run(
        [sys.executable, "-m", "cilib", "--help"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, f"exit {proc.returncode}; stderr {proc.stderr}"
    assert "generate" in proc.stdout and "usage: cilib" in proc.stdout, proc.stdout


# -- issue 15 --------------------------------------------------------------------------------
def test_generate_refuses_a_cohort_larger_than_memory(tmp_path, capsys, monkeypatch):
    """F4: a huge --n died with an out-of-memory traceback; now the size is checked first
    (available memory injected: nothing is allocated)."""
    from cilib.model import cohort as cohort_module

    monkeypatch.setattr(cohort_module, "available_memory", lambda: 2 * 10**9)
    code, stdout, stderr = _run(capsys, *_generate(tmp_path / "c.csv", n=40_000_000))
    assert code == 2, f"exit {code}; stderr {stderr!r}"
    assert len(stderr.splitlines()) == 1, f"stderr is not one line: {stderr!r}"
    for needle in ("--n: got 40,000,000", "GB", "2.0 GB are free", "smaller --n", "--seed"):
        assert needle in stderr, f"stderr lacks {needle!r}: {stderr!r}"
    assert "--chunk-size" not in stderr, "no such option of generate: do not suggest it"
    assert stdout == "" and _files(tmp_path) == [], f"wrote {_files(tmp_path)}"
    fit = int(stderr.split("at most about ")[1].split()[0].replace(",", ""))
    need = cohort_module.memory_needed(fit, ".csv")
    assert 0 < fit < 40_000_000 and need <= 2 * 10**9, f"suggested {fit:,} needs {need:,} B"
    monkeypatch.setattr(cohort_module, "available_memory", lambda: None)  # unknown: no guard
    assert _run(capsys, *_generate(tmp_path / "d.csv", n=50))[0] == 0, "guard without a number"


def test_generate_refuses_a_dangling_symlink_without_force(tmp_path, capsys):
    """F13: a dangling link at --out was overwritten without --force."""
    out = tmp_path / "cohort.csv"
    out.symlink_to(tmp_path / "elsewhere.csv")
    code, _, stderr = _run(capsys, *_generate(out, n=50))
    assert code == 2, f"exit {code}; stderr {stderr!r}"
    assert "--force" in stderr and "symbolic link" in stderr, f"stderr {stderr!r}"
    assert out.is_symlink() and _files(tmp_path) == ["cohort.csv"], f"{_files(tmp_path)}"
    code, _, stderr = _run(capsys, *_generate(out, "--force", n=50))
    assert code == 0 and not out.is_symlink(), f"--force must replace the link: {stderr!r}"


@pytest.mark.parametrize(
    "argv",
    [
        ["generate", "--n", "10", "--seed", "1", "--scenario", "m" * 1_000_000, "--out", "c.csv"],
        ["generate", "--n", "9" * 100_000, "--seed", "1", "--out", "c.csv"],
        ["params", "--format", "h" * 1_000_000],
        ["params", "--group", "g" * 1_000_000],
        ["generate", "--n", "10", "--seed", "1", "--out", "c.csv", "--" + "x" * 1_000_000],
        ["generate", "--n", "10", "--seed", "1", "--out", "d" * 1_000_000 + ".csv"],
    ],
    ids=["scenario", "n", "format", "group", "option", "out"],
)
def test_huge_values_are_not_echoed_back(tmp_path, capsys, monkeypatch, argv):
    """F12: an error echoing a huge value cuts it to 80 characters."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = _run(capsys, *argv)
    assert code == 2, f"exit {code}"
    assert len(stderr.splitlines()) == 1, f"stderr is not one line ({len(stderr)} characters)"
    assert len(stderr) < 400, f"stderr of {len(stderr)} characters: {stderr[:200]!r}..."
    assert max(len(w) for w in stderr.split()) <= 82, f"a word over 80 characters: {stderr!r}"
    assert _files(tmp_path) == [], f"wrote {_files(tmp_path)}"


def test_a_huge_toml_scenario_string_is_not_echoed(tmp_path, capsys):
    big = _toml(tmp_path / "big.toml", 'scenario = "' + "s" * 10_000_000 + '"\n')
    code, _, stderr = _run(capsys, *_generate(tmp_path / "c.csv", "--assumptions", big))
    assert code == 2 and len(stderr) < 400, f"exit {code}; stderr of {len(stderr)} characters"
    assert "big.toml" in stderr, f"stderr does not name the file: {stderr!r}"
