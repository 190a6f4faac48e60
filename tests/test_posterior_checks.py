"""scripts/posterior_checks.py: its arguments are checked before any simulation, and it reads
a history_match.py run's checkpoints (design, then waves 1, 2, ... until one is missing; a wave
stopped part way counts only its simulated points)."""

from __future__ import annotations

import numpy as np
import pytest

from tests import scripts


@pytest.fixture(scope="module")
def checks():
    return scripts.load("posterior_checks")


@pytest.mark.parametrize(
    "argv, says",
    [
        (["--seeds", "1"], "--seeds: got 1; allowed: >= 2"),
        (["--draws", "0"], "--draws: got 0; allowed: >= 1"),
        (["--psa-draws", "1"], "--psa-draws: got 1; allowed: >= 2"),
        (["--checkpoints", "no/such/folder"], "allowed: a folder with design.npz"),
        (["--draws", "100000"], "--draws: got 100000; allowed: at most"),
    ],
)
def test_bad_arguments_exit_2_with_the_reason(checks, capsys, argv, says):
    with pytest.raises(SystemExit) as stop:
        checks.main(argv)
    assert stop.value.code == 2, f"{argv}: exit status {stop.value.code}, want 2"
    err = capsys.readouterr().err
    assert says in err, f"{argv}: stderr does not say {says!r}: {err!r}"


def test_a_run_is_read_in_wave_order_and_a_partial_wave_counts_its_simulations(checks, tmp_path):
    rng = np.random.default_rng(0)
    sizes = {"design": (5, 5), "wave1": (3, 3), "wave2": (4, 2)}  # wave2 stopped after 2
    for name, (points, done) in sizes.items():
        u, est = rng.random((points, 2)), rng.random((done, 3))
        np.savez(tmp_path / f"{name}.npz", key="k", u=u, est=est)
    np.savez(tmp_path / "wave4.npz", key="k", u=u, est=est)  # after a gap: not read
    u, est, wave, keys = checks._load_run(tmp_path)
    assert keys == {"k"}, f"the files' keys: {keys}"
    assert u.shape == (10, 2) and est.shape == (10, 3), f"shapes {u.shape}, {est.shape}"
    assert wave.tolist() == [0] * 5 + [1] * 3 + [2] * 2, f"waves {wave.tolist()}"
    last = np.load(tmp_path / "wave2.npz")
    assert np.array_equal(u[-2:], last["u"][:2]), "a partial wave's simulated points, in order"


def test_a_run_of_another_fit_size_or_seed_is_refused_before_simulating(checks, tmp_path, capsys):
    np.savez(
        tmp_path / "design.npz", key="another fit:1000:1", u=np.zeros((1, 2)), est=np.zeros((1, 3))
    )
    with pytest.raises(SystemExit) as stop:
        checks.main(["--checkpoints", str(tmp_path)])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "another fit:1000:1" in err, f"{stop.value.code}: {err!r}"
    assert err.count("\n") == 1, f"one line: {err!r}"
