"""Validators: one-line messages naming the parameter, values cut to 80 characters (issue 15,
F1 and F12), and property-based checks of ``Assumptions.replace`` and the shared checks."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cilib.params.assumptions import Assumptions
from cilib.params.records import check_value
from cilib.params.registry import SHARE_GROUPS
from cilib.params.validation import MAX_SHOWN, aligned, number, shown

DEFAULT = Assumptions.default()
RECORDS = list(DEFAULT.records.values())
IN_SHARE_GROUP = {n for names in SHARE_GROUPS.values() for n in names}
# records whose values replace() accepts one at a time (shares are also checked as a group)
ALONE = [r for r in RECORDS if r.name not in IN_SHARE_GROUP]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HUGE = 10**400


def _one_line(msg: str, name: str) -> None:
    assert "\n" not in msg, f"message is not one line: {msg!r}"
    assert name in msg, f"message does not name {name!r}: {msg!r}"
    assert len(msg) < 400, f"message of {len(msg)} characters: {msg[:120]!r}..."


def _finite_range(r) -> tuple[float, float]:
    lo, hi = r.bounds
    return max(lo, -1e6), min(hi, 1e6)


def _inside(r):
    lo, hi = _finite_range(r)
    if r.integer:
        return st.integers(math.ceil(lo), math.floor(hi))
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


# ------------------------------------------------------------------------------ F1
@pytest.mark.parametrize("value", [HUGE, -HUGE, 10**5000], ids=["1e400", "-1e400", "1e5000"])
def test_replace_refuses_a_huge_number_with_a_one_line_value_error(value):
    """F1: ``replace(p=10**400)`` raised OverflowError (float() of the int); 10**5000 even
    broke repr (Python's 4300-digit limit)."""
    with pytest.raises(ValueError) as info:
        DEFAULT.replace(p_smoking=value)
    msg = str(info.value)
    _one_line(msg, "p_smoking")
    assert "allowed: a number in [0, 1]" in msg, f"the allowed range is not given: {msg!r}"


def test_toml_scenario_with_a_huge_integer_is_refused(tmp_path):
    """F1: a huge integer in a TOML file (tomllib reads it as a Python int)."""
    path = tmp_path / "huge.toml"
    path.write_text(f"[values]\nhr_sptb_bv = {HUGE}\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Assumptions.from_toml(path)
    msg = str(info.value)
    _one_line(msg, "hr_sptb_bv")
    assert "an integer of 401 digits" in msg, f"the value is not described: {msg!r}"


# ------------------------------------------------------------------------------ F12
def test_a_huge_scenario_name_is_not_echoed_back(tmp_path):
    """F12: the whole scenario string was echoed in the message (100 MB here 1 MB)."""
    name = "mars_" * 200_000
    with pytest.raises(ValueError) as info:
        Assumptions.scenario(name)
    msg = str(info.value)
    _one_line(msg, "scenario")
    assert len(msg) < 80 + 200, f"message of {len(msg)} characters echoes the value"
    path = tmp_path / "s.toml"
    path.write_text(f'scenario = "{name}"\n', encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Assumptions.from_toml(path)
    assert len(str(info.value)) < 80 + 200, "from_toml echoes the scenario in full"


@pytest.mark.parametrize(
    "kw",
    [{"p_smoking": "x" * 1_000_000}, {"y" * 1_000_000: 0.1}, {"p_smoking": ["z"] * 100_000}],
    ids=["long value", "long name", "long list"],
)
def test_replace_cuts_long_values_in_messages(kw):
    """F12: a long value or name is cut to 80 characters in the message."""
    with pytest.raises((TypeError, ValueError)) as info:
        DEFAULT.replace(**kw)
    msg = str(info.value)
    assert "\n" not in msg, f"message is not one line: {msg[:200]!r}"
    assert len(msg) < 80 + 200, f"message of {len(msg)} characters echoes the value"


@given(st.one_of(st.text(), st.binary(), st.integers(), st.floats(), st.lists(st.text())))
@FAST
def test_shown_is_one_short_line(value):
    text = shown(value)
    assert len(text) <= MAX_SHOWN, f"shown() gave {len(text)} characters: {text!r}"
    assert "\n" not in text and "\r" not in text, f"shown() gave several lines: {text!r}"


def test_shown_keeps_short_values_and_describes_huge_integers():
    assert shown("mars") == "'mars'", f"a short value is its repr, got {shown('mars')!r}"
    assert shown(0.25) == "0.25", f"got {shown(0.25)!r}"
    assert shown(10**400) == "an integer of 401 digits", f"got {shown(10**400)!r}"
    assert shown(-(10**99)) == "an integer of 100 digits", f"got {shown(-(10**99))!r}"
    frame = pd.DataFrame({"a": range(100)})
    assert "\n" not in shown(frame), "a DataFrame is shown on one line"


# ------------------------------------------------------------------------------ properties
@given(st.data())
@FAST
def test_replace_accepts_every_value_inside_a_records_bounds(data):
    r = data.draw(st.sampled_from(ALONE), label="record")
    v = data.draw(_inside(r), label="value")
    got = DEFAULT.replace(**{r.name: v})[r.name]
    assert got == float(v), f"{r.name}={v!r} inside {r.bounds} gave {got!r}"


@given(st.data())
@FAST
def test_check_value_accepts_every_value_inside_any_records_bounds(data):
    r = data.draw(st.sampled_from(RECORDS), label="record")
    v = data.draw(_inside(r), label="value")
    assert check_value(r, v) == float(v), f"{r.name}={v!r} inside {r.bounds} refused"


@given(st.data())
@FAST
def test_replace_refuses_every_value_outside_a_records_bounds(data):
    r = data.draw(st.sampled_from([r for r in RECORDS if any(map(math.isfinite, r.bounds))]))
    lo, hi = r.bounds
    sides = [st.floats(hi, 1e300, exclude_min=True)] if math.isfinite(hi) else []
    sides += [st.floats(-1e300, lo, exclude_max=True)] if math.isfinite(lo) else []
    v = data.draw(st.one_of(*sides), label="value")
    with pytest.raises(ValueError) as info:
        DEFAULT.replace(**{r.name: v})
    _one_line(str(info.value), r.name)


BAD_VALUES = st.one_of(
    st.just(math.nan),
    st.just(math.inf),
    st.just(-math.inf),
    st.integers(min_value=10**309, max_value=10**600),
    st.integers(min_value=-(10**600), max_value=-(10**309)),
    st.text(max_size=300),
    st.booleans(),
    st.none(),
    st.lists(st.floats(0, 1), max_size=3),
    st.complex_numbers(allow_nan=False, max_magnitude=1),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@given(st.data())
@FAST
def test_replace_refuses_nan_inf_huge_and_wrong_types(data):
    r = data.draw(st.sampled_from(RECORDS), label="record")
    v = data.draw(BAD_VALUES, label="value")
    with pytest.raises((TypeError, ValueError)) as info:
        DEFAULT.replace(**{r.name: v})
    _one_line(str(info.value), r.name)


@given(
    st.one_of(st.floats(allow_nan=True), st.integers(-(10**500), 10**500), BAD_VALUES),
    st.floats(-100, 100),
    st.floats(0, 100),
)
@FAST
def test_number_accepts_exactly_the_finite_numbers_in_range(value, low, width):
    high = low + width
    ok = (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and abs(value) < 1e308
        and math.isfinite(float(value))
        and low <= float(value) <= high
    )
    if ok:
        assert number("x", value, low, high) == float(value), f"{value!r} in range refused"
        return
    with pytest.raises((TypeError, ValueError)) as info:
        number("x_param", value, low, high)
    _one_line(str(info.value), "x_param")


@given(st.permutations(list(range(8))))
@FAST
def test_aligned_reads_a_series_by_label(order):
    index = pd.Index([f"p{i}" for i in range(8)])
    s = pd.Series(np.arange(8.0)[order], index=index[order])
    out = aligned("ga_weeks", s, index)
    assert out.index.equals(index), "the Series is put in the cohort's order"
    assert out.tolist() == list(np.arange(8.0)), f"values follow their labels: {out.tolist()}"


def test_aligned_refuses_other_labels():
    index = pd.RangeIndex(5)
    with pytest.raises(ValueError) as info:
        aligned("ga_weeks", pd.Series(np.ones(5), index=range(1, 6)), index)
    _one_line(str(info.value), "ga_weeks")
    assert aligned("ga_weeks", [1.0] * 5, index) == [1.0] * 5, "a list is read by position"


def test_membership_and_get_do_not_raise_for_unknown_names():
    """``name in assumptions`` and ``.get`` follow the Mapping protocol: ``__getitem__``
    raises ValueError (a one-line message with close names), which Mapping's own
    ``__contains__`` and ``get`` let through."""
    assert "p_smoking" in DEFAULT, "a known name is in the assumptions"
    assert "p_smokng" not in DEFAULT, "an unknown name is not (and raises nothing)"
    assert DEFAULT.get("p_smokng") is None, "get() of an unknown name gives the default"
    assert DEFAULT.get("p_smoking") == DEFAULT["p_smoking"], "get() of a known name"
