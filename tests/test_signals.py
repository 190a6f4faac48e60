"""Signals during a write (issue 15, F2 and F3): real SIGINT, SIGTERM and SIGHUP sent to a
``cilib generate`` process while it writes its files.

SIGINT exits 130 and SIGTERM/SIGHUP 128 + their number, with one line on stderr, and the
output folder holds nothing new: no hidden temporary and no partial file. Each test waits for
the temporary file to appear before it signals, so the signal lands in the write; the child
slows its write down (small CSV chunks, or a pause after the Parquet writer) so that the
window is wide and the test fast. One test changes nothing in the write: it signals 50 ms
after the cohort is generated, while the CSV text is formatted (F2 as reported).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import cilib.io

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

#: The child: the real command line, its write slowed down (``hook``) but not changed.
CHILD = """
import signal, sys, time
for name in ("SIGTERM", "SIGHUP"):  # as in a terminal, whatever the test runner ignores
    signal.signal(getattr(signal, name), signal.SIG_DFL)
signal.signal(signal.SIGINT, signal.default_int_handler)
import pandas as pd
import cilib.io
hook = sys.argv[1]
if hook == "csv":
    cilib.io.CSV_CHUNK_ROWS = 25  # 200 small chunks: the CSV takes a second or more
elif hook == "parquet":
    real = pd.DataFrame.to_parquet
    def slow(self, *args, **kwargs):
        real(self, *args, **kwargs)
        for _ in range(6000):  # the temporary is complete; the commit has not happened
            time.sleep(0.01)  # short sleeps: a signal caught by another thread is seen soon
    pd.DataFrame.to_parquet = slow
elif hook == "announce":  # say when the cohort is generated: the write starts
    from cilib.cli import commands
    real = commands.generate_cohort
    def announce(*args, **kwargs):
        cohort = real(*args, **kwargs)
        print("generated", flush=True)
        return cohort
    commands.generate_cohort = announce
from cilib.cli import main
sys.exit(main(sys.argv[2:]))
"""

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
TIMEOUT = 120  # generous: the machine may be shared


def _start(out: Path, n: int, hook: str) -> subprocess.Popen:
    argv = ["generate", "--n", str(n), "--seed", "1", "--out", str(out)]
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, hook, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _wait_for_temporary(proc: subprocess.Popen, folder: Path) -> list[str]:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        names = [p.name for p in folder.iterdir()]
        if any(name.endswith(".tmp") for name in names):
            return names
        if proc.poll() is not None:
            break
        time.sleep(0.002)
    proc.kill()
    out, err = proc.communicate()
    raise AssertionError(f"no temporary file appeared (exit {proc.returncode}): {err[-500:]}")


def _interrupt(tmp_path: Path, sig: signal.Signals, suffix: str, n: int, hook: str):
    folder = tmp_path / "out"
    folder.mkdir()
    proc = _start(folder / f"cohort{suffix}", n, hook)
    seen = _wait_for_temporary(proc, folder)
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"{sig.name}: the process did not stop") from None
    return proc.returncode, err, seen, sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_signal_during_the_write_exits_128_plus_signal_and_leaves_nothing(tmp_path, sig, suffix):
    code, err, seen, left = _interrupt(tmp_path, sig, suffix, 5_000, suffix[1:])
    assert code == 128 + sig, f"{sig.name} during the write: exit {code}, want {128 + sig}: {err}"
    assert err.count("\n") == 1 and err.startswith("cilib: interrupted by "), (
        f"{sig.name}: stderr must be one line 'cilib: interrupted by ...', got {err!r}"
    )
    assert sig.name in err and "Traceback" not in err, f"{sig.name}: stderr {err!r}"
    assert any(name.endswith(".tmp") for name in seen), f"signal sent before the write: {seen}"
    assert left == [], f"{sig.name} during the {suffix} write left {left} (want nothing)"


def test_ctrl_c_while_the_csv_is_formatted(tmp_path):
    """F2 as reported: Ctrl-C while the CSV text was formatted (numpy's ``np.char.mod``
    swallowed it) gave exit 0 and a complete file. The child only says when the cohort is
    generated; the signal follows 50 ms later, while the first rows are formatted."""
    folder = tmp_path / "out"
    folder.mkdir()
    proc = _start(folder / "cohort.csv", 200_000, "announce")
    line = proc.stdout.readline()
    assert line == "generated\n", f"child said {line!r}: {proc.stderr.read()[-500:]}"
    time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=TIMEOUT)
    left = sorted(p.name for p in folder.iterdir())
    assert proc.returncode == 130, f"Ctrl-C while formatting: exit {proc.returncode}: {err}"
    assert err == "cilib: interrupted by SIGINT\n", f"stderr {err!r}"
    assert "Wrote" not in out and left == [], f"Ctrl-C while formatting left {left}: {out!r}"


def test_library_write_killed_by_sigterm_leaves_no_temporary(tmp_path):
    """Outside the command line a write takes over SIGTERM only while it runs: the process
    still dies by SIGTERM, as it would have without cilib, but only after removing its
    temporary files."""
    script = f"""
import signal, time
signal.signal(signal.SIGTERM, signal.SIG_DFL)
from pathlib import Path
from cilib.io import atomic_write
def slow(tmp):
    tmp.write_text("partial")
    for _ in range(6000):
        time.sleep(0.01)
atomic_write([(Path({str(tmp_path / "a.txt")!r}), slow)], force=False)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    seen = _wait_for_temporary(proc, tmp_path)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == -signal.SIGTERM, f"exit {proc.returncode} (want death by SIGTERM)"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [], f"SIGTERM during atomic_write left {left} (saw {seen} before)"


def _needs_default_sigint() -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers are set in the main thread only")
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        pytest.skip("the test runner handles SIGINT itself")


def test_a_swallowed_interrupt_commits_nothing(tmp_path):
    """F2's mechanism: an interrupt whose exception something swallows (a ``__del__``, a
    library's broad ``except``) must still stop the write: nothing is moved into place."""
    _needs_default_sigint()

    def swallowing_writer(tmp: Path) -> None:
        tmp.write_text("complete")
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # the handler runs here
        except KeyboardInterrupt:
            pass  # swallowed

    with pytest.raises(KeyboardInterrupt) as info:
        cilib.io.atomic_write([(tmp_path / "a.txt", swallowing_writer)], force=False)
    assert isinstance(info.value, cilib.io.Interrupted), f"raised {info.value!r}"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [], f"a swallowed interrupt still committed or left {left}"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, "handler not restored"


def test_handlers_are_restored_and_others_left_alone(tmp_path):
    def mine(signum, frame):
        raise RuntimeError("the caller's own handler")

    _needs_default_sigint()
    old = signal.signal(signal.SIGTERM, mine)
    try:
        with cilib.io.interruptible():
            assert signal.getsignal(signal.SIGTERM) is mine, "a caller's handler was replaced"
            assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler, (
                "SIGINT (default handler) must be taken over in the block"
            )
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, "not restored"
    finally:
        signal.signal(signal.SIGTERM, old)
