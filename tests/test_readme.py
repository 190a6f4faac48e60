"""README.md: notice, set-up commands, and the generated tables are current."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import scripts

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _update_readme():
    return scripts.load("update_readme")


def test_notice_and_two_commands():
    assert "not for clinical use" in README.lower(), "README must say 'not for clinical use'"
    for marker in ("<!-- main-command -->", "<!-- test-command -->"):
        block = README.split(marker, 1)[1].split("```", 2)[1]
        assert block.startswith("bash\n") and len(block.strip().splitlines()) == 2, (
            f"{marker} must be followed by exactly one bash command"
        )
    test_cmd = README.split("<!-- test-command -->", 1)[1].split("```", 2)[1]
    assert "pytest" in test_cmd, f"the test command must run pytest: {test_cmd!r}"
    assert '".[test]"' in test_cmd, f'the test command must install ".[test]": {test_cmd!r}'


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "<!-- test-command -->" in ci, ".ci/run must read the test command from README.md"


def test_params_table_is_generated_from_the_registry():
    from cilib.cli import params_markdown

    body = README.split("<!-- params-table:start -->\n", 1)[1].split("<!-- params-table:end", 1)[0]
    assert body.strip() == params_markdown().strip(), (
        "README assumptions table is stale: run python scripts/update_readme.py"
    )


@pytest.mark.slow
def test_calibration_table_is_current():
    body = README.split("<!-- calibration-table:start -->\n", 1)[1].split(
        "<!-- calibration-table:end", 1
    )[0]
    assert body.strip() == _update_readme().calibration_markdown().strip(), (
        "README calibration table is stale: run python scripts/update_readme.py"
    )


@pytest.mark.slow
def test_validation_table_is_current():
    body = README.split("<!-- validation-table:start -->\n", 1)[1].split(
        "<!-- validation-table:end", 1
    )[0]
    assert body.strip() == _update_readme().validation_markdown().strip(), (
        "README validation table is stale: run python scripts/update_readme.py"
    )


@pytest.mark.slow
def test_trials_table_is_current():
    body = README.split("<!-- trials-table:start -->\n", 1)[1].split("<!-- trials-table:end", 1)[0]
    assert body.strip() == _update_readme().trials_markdown().strip(), (
        "README trials table is stale: run python scripts/update_readme.py"
    )


def test_posterior_table_is_current():
    body = README.split("<!-- posterior-table:start -->\n", 1)[1].split(
        "<!-- posterior-table:end", 1
    )[0]
    assert body.strip() == _update_readme().posterior_markdown().strip(), (
        "README posterior table is stale: run python scripts/update_readme.py"
    )
