"""Tests of ``cilib psa`` and cilib.psa_files: resumable runs, Parquet with a manifest,
dampack's tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from cilib.analysis import psa
from cilib.cli import main
from cilib.psa_files import read_psa, write_dampack, write_psa

POLICIES = "no_screening,universal_25mm,acog_2023"
ARGV = ["psa", "--policies", POLICIES, "--draws", "4", "--n", "3000", "--seed", "5"]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def small():
    return psa.run(POLICIES.split(","), draws=3, n=2000, seed=1)


def test_write_read_round_trip(tmp_path, small):
    write_psa(small, tmp_path / "r")
    back = read_psa(tmp_path / "r")
    pd.testing.assert_frame_equal(back.outcomes, small.outcomes, obj="outcomes")
    pd.testing.assert_frame_equal(back.parameters, small.parameters, obj="parameters")
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text())
    assert manifest["synthetic"] is True and "not for clinical use" in manifest["notice"], "notice"
    with pytest.raises(FileExistsError, match="--force"):
        write_psa(small, tmp_path / "r")


def test_a_truncated_table_is_refused(tmp_path, small):
    write_psa(small, tmp_path / "r")
    small.outcomes.iloc[:-5].to_parquet(tmp_path / "r" / "outcomes.parquet", index=False)
    with pytest.raises(ValueError, match="outcomes.parquet: got"):
        read_psa(tmp_path / "r")


def test_dampack_tables_round_trip(tmp_path, small):
    cost = pd.DataFrame({p: [1.0, 2.5, 3.25] for p in POLICIES.split(",")})
    write_dampack(small, tmp_path / "d", cost=cost)
    eff = pd.read_csv(tmp_path / "d" / "effectiveness.csv")
    want = small.outcomes.query("outcome == 'survivors_per_1000'").pivot(
        index="draw", columns="policy", values="value"
    )[POLICIES.split(",")]
    assert list(eff.columns) == POLICIES.split(","), "one column per policy, in order"
    pd.testing.assert_frame_equal(eff, want.reset_index(drop=True), check_names=False)
    par = pd.read_csv(tmp_path / "d" / "parameters.csv")
    pd.testing.assert_frame_equal(par, small.parameters.reset_index(drop=True), obj="parameters")
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "d" / "cost.csv"), cost, obj="cost")
    with pytest.raises(ValueError, match="cost: got"):
        write_dampack(small, tmp_path / "e", cost=cost.iloc[:2])
    assert not (tmp_path / "e" / "effectiveness.csv").exists(), "nothing written"
    with pytest.raises(ValueError, match="effectiveness: got 'nope'"):
        write_dampack(small, tmp_path / "f", effectiveness="nope")


def test_cli_run_and_resume_after_an_interruption(tmp_path, capsys, monkeypatch):
    """Interrupt after the first chunk: the same command resumes from the saved chunk, and
    the result equals an uninterrupted run (exact)."""
    clean = tmp_path / "clean"
    code, out, err = _run(capsys, *ARGV, "--chunk-size", "2", "--out", str(clean))
    assert code == 0, f"exit {code}: {err}"
    calls = {"n": 0}
    real = psa._run_chunk

    def stop_after_one(spec, draws):
        calls["n"] += 1
        if calls["n"] > 1:
            raise KeyboardInterrupt
        return real(spec, draws)

    monkeypatch.setattr(psa, "_run_chunk", stop_after_one)
    resumed = tmp_path / "resumed"
    code, _, err = _run(capsys, *ARGV, "--chunk-size", "2", "--out", str(resumed))
    assert code == 130, f"an interrupted run exits 130, got {code}: {err}"
    assert not (resumed / "outcomes.parquet").exists(), "no results before every chunk is done"
    monkeypatch.setattr(psa, "_run_chunk", real)
    code, out, err = _run(capsys, *ARGV, "--chunk-size", "2", "--out", str(resumed))
    assert code == 0, f"exit {code}: {err}"
    assert "1 resumed" in out, out
    a, b = read_psa(clean), read_psa(resumed)
    pd.testing.assert_frame_equal(a.outcomes, b.outcomes, obj="resumed outcomes")
    assert not (resumed / ".psa_chunks").exists(), "chunks removed when done"


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--draws", "0"], "--draws: got '0'"),
        (["--draws", "-2"], "--draws: got '-2'"),
        (["--policies", "no_screening,nope"], "nope"),
        (["--policies", " , "], "--policies: got no names"),
        (["--workers", "0"], "--workers: got '0'"),
        (["--scenario", "mars"], "--scenario: got 'mars'"),
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, extra, fragment):
    out = tmp_path / "o"
    argv = [*ARGV, "--out", str(out), *extra]
    if "--policies" in extra:  # the later --policies wins in argparse
        argv = [*ARGV[:2], extra[1], *ARGV[3:], "--out", str(out)]
    code, _, err = _run(capsys, *argv)
    assert code == 2, f"exit {code}: {err}"
    assert fragment in err and err.count("\n") == 1, err
    assert not out.exists() or not any(out.iterdir()), "nothing written"


def test_cli_refuses_existing_results_without_force(tmp_path, capsys):
    out = tmp_path / "o"
    assert _run(capsys, *ARGV, "--draws", "1", "--out", str(out))[0] == 0, "first run"
    code, _, err = _run(capsys, *ARGV, "--draws", "1", "--out", str(out))
    assert code == 2 and "--force" in err, err
    assert _run(capsys, *ARGV, "--draws", "1", "--out", str(out), "--force")[0] == 0, "--force"


@pytest.mark.slow
def test_cli_unreachable_scheduler_exits_2(tmp_path, capsys):
    code, _, err = _run(
        capsys, *ARGV, "--scheduler", "tcp://127.0.0.1:9", "--out", str(tmp_path / "o")
    )
    assert code == 2 and "--scheduler: cannot reach" in err, err
    assert not (tmp_path / "o").exists(), "nothing written"


# -- issue 15: the tables are checked against the manifest (F5), links count (F13) ----------
def test_a_changed_value_or_column_is_refused(tmp_path, small):
    """The row count alone let an edited table through; the manifest now records each
    table's columns, dtypes, ranges, missing values and SHA-256."""
    write_psa(small, tmp_path / "r")
    path = tmp_path / "r" / "outcomes.parquet"
    original = path.read_bytes()
    edited = small.outcomes.copy()
    edited.loc[3, "value"] = edited.loc[4, "value"]  # same rows, same range
    assert not edited["value"].equals(small.outcomes["value"]), "test needs a real change"
    edited.to_parquet(path, index=False)
    with pytest.raises(ValueError, match="outcomes.parquet") as info:
        read_psa(tmp_path / "r")
    assert "\n" not in str(info.value), f"not one line: {info.value}"
    path.write_bytes(original)
    small.outcomes.drop(columns=["value"]).to_parquet(path, index=False)
    with pytest.raises(ValueError, match="outcomes.parquet.*columns differ") as info:
        read_psa(tmp_path / "r")
    path.write_bytes(original)
    assert len(read_psa(tmp_path / "r").outcomes) == len(small.outcomes), "restored file reads"


def test_a_damaged_manifest_is_refused(tmp_path, small):
    write_psa(small, tmp_path / "r")
    (tmp_path / "r" / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="manifest"):
        read_psa(tmp_path / "r")


def test_a_dangling_symlink_as_out_is_refused(tmp_path, small):
    out = tmp_path / "r"
    out.symlink_to(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="existing file or link") as info:
        write_psa(small, out)
    assert "\n" not in str(info.value) and out.is_symlink(), f"{info.value}"


def test_cli_refuses_a_dangling_symlink_as_out(tmp_path, capsys):
    out = tmp_path / "o"
    out.symlink_to(tmp_path / "nowhere")
    code, _, err = _run(capsys, *ARGV, "--out", str(out))
    assert code == 2 and "existing file or link" in err, f"exit {code}: {err}"
    assert out.is_symlink() and not (tmp_path / "nowhere").exists(), "the link was followed"


def test_the_cli_says_when_the_posterior_has_not_mixed(tmp_path, capsys, monkeypatch):
    """A PSA that draws the natural history from the shipped posterior records its
    diagnostics and, while the chains have not mixed, says so on stdout; varying only the
    treatments does not draw from it and says nothing of it."""
    from cilib.params import posterior

    post = posterior.load()
    code, out, err = _run(capsys, *ARGV, "--no-progress", "--out", str(tmp_path / "all"))
    assert code == 0, err
    settings = json.loads((tmp_path / "all" / "manifest.json").read_text())["settings"]
    assert settings["posterior"]["rhat_max"] == post.meta["rhat_max"], "diagnostics recorded"
    assert settings["posterior"]["ess_min"] == post.meta["ess_min"], "diagnostics recorded"
    if post.meta["rhat_max"] >= posterior.RHAT_MIXED:
        assert "have not mixed" in out and "lower bound" in out, out
    else:
        assert "have not mixed" not in out, out
    argv = [*ARGV, "--no-progress", "--vary", "treatments", "--out", str(tmp_path / "tx")]
    code, out, err = _run(capsys, *argv)
    assert code == 0 and "have not mixed" not in out, out
