"""The assumptions registry: documentation completeness, overrides, scenarios, TOML files."""

from __future__ import annotations

import math
import tomllib
from importlib import resources

import numpy as np
import pytest

import cilib
from cilib.params.assumptions import Assumptions
from cilib.params.references import REFERENCES
from cilib.params.registry import BASE_RECORDS, SCENARIOS


@pytest.mark.parametrize("name", cilib.scenarios())
def test_every_record_is_documented_and_in_range(name):
    a = Assumptions.scenario(name)
    bad = {n: r.problems() for n, r in a.records.items() if r.problems()}
    assert not bad, f"records with documentation problems in {name}: {bad}"


@pytest.mark.parametrize("name", cilib.scenarios())
def test_every_citation_key_exists(name):
    a = Assumptions.scenario(name)
    missing = {n: [k for k in r.sources if k not in REFERENCES] for n, r in a.records.items()}
    missing = {n: ks for n, ks in missing.items() if ks}
    assert not missing, f"unknown citation keys: {missing}"
    for key in SCENARIOS[name].sources:
        assert key in REFERENCES, f"scenario {name} cites unknown key {key}"


def test_names_carry_units_or_prefixes():
    prefixes = ("p_", "hr_", "rr_", "or_", "h_", "sd_", "log_", "rho_", "mean_", "max_")
    suffixes = ("_weeks", "_mm", "_years", "_per_week", "_share", "_log_sd", "_tail")
    odd = [
        r.name
        for r in BASE_RECORDS
        if not (r.name.startswith(prefixes) or r.name.endswith(suffixes))
    ]
    assert not odd, f"assumption names without a unit suffix or a type prefix: {odd}"


@pytest.mark.parametrize("name", ["calibrated.toml", "calibrated_treatments.toml"])
def test_calibrated_file_only_names_calibrated_records(name):
    path = resources.files("cilib") / "data" / name
    if not path.is_file():
        pytest.skip(f"{name} not written yet")
    with path.open("rb") as f:
        raw = tomllib.load(f)["values"]
    for scope, values in raw.items():
        a = Assumptions.scenario("us_contemporary" if scope == "*" else scope)
        for n in values:
            assert a.record(n).status == "calibrated", (
                f"{scope}:{n} in calibrated.toml is not a calibrated record"
            )
            # pytest.approx default (rel 1e-6): floating-point only, the TOML value as loaded
            assert a[n] == pytest.approx(values[n]), f"fitted value of {n} not loaded"


def test_default_and_scenarios():
    name = Assumptions.default().scenario_name
    assert name == "us_contemporary", f"default scenario us_contemporary expected, got {name}"
    want = ["us_contemporary", "iams_1996", "fmf_london"]
    assert cilib.scenarios() == want, f"scenarios {want} expected, got {cilib.scenarios()}"
    iams = Assumptions.scenario("iams_1996")
    assert iams["p_twin"] == 0.0, "iams_1996 is a singleton cohort"
    assert "1992-1994" in iams.description, "scenarios say what they describe"
    record = iams.record("cl_measurement_sd_mm")
    assert record.status == "derived", f"iams_1996 cl_measurement_sd_mm: derived, got {record}"
    assert record.sources == ("burger_1997",), f"derived from Burger 1997, got {record.sources}"
    # the derivation in its note: mean |difference| 3.04 mm -> SD of one measurement
    derived = 3.04 / np.sqrt(2 / np.pi) / np.sqrt(2)
    assert iams["cl_measurement_sd_mm"] == pytest.approx(derived, abs=0.005), (
        f"iams_1996 cl_measurement_sd_mm {iams['cl_measurement_sd_mm']} != {derived:.3f}"
    )
    with pytest.raises(ValueError, match="iams_1996"):
        Assumptions.scenario("iams1996")


def test_replace_returns_new_object_and_validates():
    a = Assumptions.default()
    b = a.replace(p_smoking=0.2)
    # pytest.approx default (rel 1e-6): floating-point only, the registry's value
    assert a["p_smoking"] == pytest.approx(0.037), "replace must not mutate the original"
    assert b["p_smoking"] == 0.2, f"p_smoking 0.2 expected after replace, got {b['p_smoking']}"
    assert b.overridden == ("p_smoking",), f"overridden ('p_smoking',) expected: {b.overridden}"
    assert a.hash() != b.hash(), "the hash must change with a value"
    got = a.replace(p_smoking=np.float64(0.1))["p_smoking"]
    assert np.float64(0.1) == got, f"a numpy float is accepted as 0.1, got {got!r}"


@pytest.mark.parametrize(
    ("kw", "exc", "fragment"),
    [
        ({"p_smokng": 0.1}, ValueError, "did you mean 'p_smoking'"),
        ({"p_smoking": "0.1"}, TypeError, "p_smoking"),
        ({"p_smoking": True}, TypeError, "p_smoking"),
        ({"p_smoking": math.nan}, ValueError, "NaN"),
        ({"p_smoking": 1.5}, ValueError, "allowed: a number in [0, 1]"),
        ({"hr_sptb_bv": -1}, ValueError, "hr_sptb_bv"),
        ({"max_prior_pregnancies": 2.5}, ValueError, "integer"),
        ({"p_race_nh_black": 0.9}, ValueError, "sum to"),
    ],
)
def test_bad_overrides_give_one_line_errors(kw, exc, fragment):
    with pytest.raises(exc) as info:
        Assumptions.default().replace(**kw)
    msg = str(info.value)
    assert fragment in msg, f"message {msg!r} should contain {fragment!r}"
    assert "\n" not in msg, "errors must be one line"
    name = next(iter(kw))
    assert name in msg or "p_race" in msg, f"message {msg!r} must name the parameter"


def test_toml_round_trip(tmp_path):
    a = Assumptions.scenario("fmf_london").replace(p_smoking=0.1)
    path = a.to_toml(tmp_path / "a.toml")
    b = Assumptions.from_toml(path)
    assert b.scenario_name == "fmf_london", f"scenario fmf_london expected: {b.scenario_name}"
    assert b.values() == a.values(), "values must survive the round trip"
    assert b.hash() == a.hash(), "the hash must survive the round trip"
    with pytest.raises(FileExistsError):
        a.to_toml(path)
    a.to_toml(path, force=True)


def test_toml_validation(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('scenario = "us_contemporary"\n[values]\np_smoking = 2.0\n')
    with pytest.raises(ValueError, match="p_smoking"):
        Assumptions.from_toml(p)
    p.write_text("[values]\nnot_a_name = 1\n")
    with pytest.raises(ValueError, match="unknown assumption 'not_a_name'"):
        Assumptions.from_toml(p)
    p.write_text("this is = = not toml")
    with pytest.raises(ValueError, match="not valid TOML"):
        Assumptions.from_toml(p)
    p.write_text('scenerio = "x"\n')
    with pytest.raises(ValueError, match="unknown top-level keys"):
        Assumptions.from_toml(p)


def test_table_lists_every_record():
    t = Assumptions.default().table()
    assert len(t) == len(Assumptions.default()), "one row per record"
    cols = {"name", "value", "unit", "low", "high", "status", "sources"}
    assert cols <= set(t.columns), f"missing columns {cols - set(t.columns)}"
    assert t["unit"].str.len().gt(0).all(), "every record has a unit"
