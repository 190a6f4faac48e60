"""Bad input to the public API gets a one-line ValueError or TypeError in the house style
``param: got <value, at most 80 characters>; allowed: <what>`` (issue 15, F10-F12).

Each case below was answered before the fix by another exception (OverflowError, KeyError,
IndexError, AttributeError, ZeroDivisionError, numpy's ufunc errors), by a message that did not
name the parameter ("could not convert string to float: 'x'", "'int' object is not iterable"),
by a misleading one (a missing cohort reported as "no cilib metadata"), by a message echoing
hundreds of characters of the value, or by no error at all.
"""

from __future__ import annotations

import functools
import math
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import psa, screening, trials
from cilib.analysis import economics, events, steps, summary
from cilib.interventions.policies import rules
from cilib.screening import tables

#: A message longer than this echoes too much (80 characters of value and the rest).
MAX_MESSAGE = 400


@functools.cache
def data() -> SimpleNamespace:
    c = cilib.generate_cohort(600, seed=11)
    cl = cilib.cervical_length(c, 20)
    ev = (c["ga_birth_weeks"] < 34).to_numpy()
    return SimpleNamespace(
        c=c,
        h=cilib.generate_histories(200, pregnancies=2, seed=11),
        cl=cl,
        ev=ev,
        screened=screening.screen(c, screening.anatomy_scan(), seed=11),
        sweep=screening.sweep(cl, ev),
        roc=screening.roc(cl, ev),
        result=cilib.simulate(c, "no_screening", seed=11),
    )


def _rule(c, s, a):
    return rules.starts(c)


def _policy(**kw):
    return lambda d: cilib.policies.Policy("x", rule=_rule, **kw)


A = cilib.Assumptions.default
S = screening.Schedule
PSA = {"draws": 1, "n": 10}

#: (id, exception, parameter named first in the message, call on data())
CASES = [
    # params and the model
    ("replace 10**400", ValueError, "assumption 'p_smoking'",
     lambda d: A().replace(p_smoking=10**400)),
    ("scenario of 10,000 characters", ValueError, "scenario",
     lambda d: cilib.Assumptions.scenario("y" * 10_000)),
    ("to_toml(5)", TypeError, "path", lambda d: A().to_toml(5)),
    ("generate_cohort n 10**1000", ValueError, "n",
     lambda d: cilib.generate_cohort(10**1000, seed=1)),
    ("from_toml(None)", TypeError, "path", lambda d: cilib.Assumptions.from_toml(None)),
    ("cervical_length ga None", TypeError, "ga_weeks",
     lambda d: cilib.cervical_length(d.c, None)),
    ("cervical_length ga 10**400", ValueError, "ga_weeks",
     lambda d: cilib.cervical_length(d.c, 10**400)),
    ("cervical_length ga of 500 characters", TypeError, "ga_weeks",
     lambda d: cilib.cervical_length(d.c, "x" * 500)),
    ("measure cohort None", TypeError, "cohort",
     lambda d: cilib.measure_cervical_length(None, 20, seed=1)),
    # interventions
    ("simulate cohort None", TypeError, "cohort",
     lambda d: cilib.simulate(None, "no_screening", seed=1)),
    ("simulate unknown preset", ValueError, "policy",
     lambda d: cilib.simulate(d.c, "nope", seed=1)),
    ("simulate text start weeks", TypeError, "policy",
     lambda d: cilib.simulate(d.c, pd.DataFrame({"cerclage": "20"}, index=d.c.index), seed=1)),
    ("histories unknown policy", ValueError, "policy",
     lambda d: cilib.generate_histories(5, seed=1, policy="nope")),
    ("policies.get(5)", TypeError, "policy", lambda d: cilib.policies.get(5)),
    ("compare policies None", TypeError, "policies",
     lambda d: cilib.compare_policies(d.c, None, seed=1)),
    ("compare unknown policy", ValueError, "policies[0]",
     lambda d: cilib.compare_policies(d.c, ["nope"], seed=1)),
    ("compare unknown reference", ValueError, "reference",
     lambda d: cilib.compare_policies(d.c, ["no_screening"], seed=1, reference="nope")),
    ("compare reference 5", TypeError, "reference",
     lambda d: cilib.compare_policies(d.c, ["no_screening"], seed=1, reference=5)),
    ("starts text", TypeError, "cerclage", lambda d: rules.starts(d.c, cerclage="x")),
    ("starts wrong length", ValueError, "cerclage",
     lambda d: rules.starts(d.c, cerclage=np.ones(3))),
    ("start_at text mask", TypeError, "mask", lambda d: rules.start_at("x", 20)),
    ("short_cervix no screening", ValueError, "screened",
     lambda d: rules.short_cervix(None, 25, 24)),
    ("short_cervix mm text", TypeError, "mm", lambda d: rules.short_cervix(d.screened, "x", 24)),
    ("short_cervix before text", TypeError, "before_weeks",
     lambda d: rules.short_cervix(d.screened, 25, "x")),
    ("prior_sptb before text", TypeError, "before_weeks", lambda d: rules.prior_sptb(d.c, "x")),
    ("prior_sptb_at_least text", TypeError, "count",
     lambda d: rules.prior_sptb_at_least(d.c, "x")),
    ("ongoing text", TypeError, "weeks", lambda d: rules.ongoing(d.c, "x")),
    ("open_cervix_found text", TypeError, "from_weeks",
     lambda d: rules.open_cervix_found(d.c, "x", 24)),
    ("Policy schedule 5", TypeError, "schedule", _policy(schedule=5)),
    ("Policy thresholds text", TypeError, "thresholds_mm", _policy(thresholds_mm=("a",))),
    ("Policy thresholds 5", TypeError, "thresholds_mm", _policy(thresholds_mm=5)),
    # screening
    ("Schedule start text", TypeError, "start_weeks", lambda d: S("s", "16", 20)),
    ("Schedule end 10**400", ValueError, "end_weeks", lambda d: S("s", 16, 10**400)),
    ("Schedule every inf", ValueError, "every_weeks", lambda d: S("s", 16, 30, every_weeks=math.inf)),
    ("Schedule every 1e-12", ValueError, "every_weeks",
     lambda d: S("s", 16, 30, every_weeks=1e-12)),
    ("Schedule eligible 5", TypeError, "eligible", lambda d: S("s", 16, 20, eligible=5)),
    ("Schedule name 5", TypeError, "name", lambda d: S(5, 16, 20)),
    ("anatomy_scan text", TypeError, "assumptions", lambda d: screening.anatomy_scan("x")),
    ("screen thresholds text", TypeError, "thresholds_mm",
     lambda d: screening.screen(d.c, screening.anatomy_scan(), seed=1, thresholds_mm=["a"])),
    ("screen thresholds 5", TypeError, "thresholds_mm",
     lambda d: screening.screen(d.c, screening.anatomy_scan(), seed=1, thresholds_mm=5)),
    ("screen thresholds inf", ValueError, "thresholds_mm",
     lambda d: screening.screen(d.c, screening.anatomy_scan(), seed=1, thresholds_mm=[math.inf])),
    ("combine_screens empty", ValueError, "frames", lambda d: screening.combine_screens([])),
    ("combine_screens numbers", TypeError, "frames", lambda d: screening.combine_screens([1, 2])),
    ("metrics threshold 10**400", ValueError, "threshold_mm",
     lambda d: screening.metrics(d.cl, d.ev, 10**400)),
    ("metrics empty", ValueError, "marker", lambda d: screening.metrics([], [], 25)),
    ("sweep thresholds of 1,000 characters", ValueError, "thresholds",
     lambda d: screening.sweep(d.cl, d.ev, thresholds="x" * 1000)),
    ("threshold_steps text", TypeError, "thresholds",
     lambda d: tables.threshold_steps(d.cl, d.ev, ["a"])),
    ("natural_frequencies None", TypeError, "metrics_row",
     lambda d: tables.natural_frequencies(None)),
    ("downsample_roc text", TypeError, "max_points",
     lambda d: tables.downsample_roc(d.roc, max_points="x")),
    ("downsample_sweep None", TypeError, "table", lambda d: tables.downsample_sweep(None)),
    ("downsample_sweep range text", TypeError, "range_mm",
     lambda d: tables.downsample_sweep(d.sweep, 10, range_mm="x")),
    ("centile_risk_ratios reference 100", ValueError, "reference_centile",
     lambda d: tables.centile_risk_ratios(d.cl, d.ev, reference_centile=100)),
    # analysis
    ("prevalence_table None", TypeError, "cohort", lambda d: summary.prevalence_table(None)),
    ("recurrence_table None", TypeError, "histories", lambda d: cilib.recurrence_table(None)),
    ("recurrence_table of a cohort", ValueError, "histories",
     lambda d: cilib.recurrence_table(d.c)),
    ("binned edges text", TypeError, "edges", lambda d: summary.binned(d.cl, "x")),
    ("gestation_distribution bins text", TypeError, "bins_weeks",
     lambda d: summary.gestation_distribution(d.c, bins_weeks="x")),
    ("cl_centiles text", TypeError, "centiles", lambda d: summary.cl_centiles(d.cl, "x")),
    ("cl_centiles 10**400", ValueError, "centiles",
     lambda d: summary.cl_centiles(d.cl, [10**400])),
    ("birth_week_steps text", ValueError, "weeks",
     lambda d: steps.birth_week_steps(d.c, d.result, weeks="x")),
    ("dilation_timing 10**400", ValueError, "bin_weeks",
     lambda d: events.dilation_timing(d.c, bin_weeks=10**400)),
    ("load_costs 5", TypeError, "path", lambda d: economics.load_costs(5)),
    ("load_costs missing file", ValueError, "path",
     lambda d: economics.load_costs("/nonexistent/costs.toml")),
    ("ceac text", TypeError, "willingness_to_pay",
     lambda d: economics.ceac(pd.DataFrame(), "x")),
    ("run_trial assumptions text", TypeError, "assumptions",
     lambda d: trials.run_trial("hassan_2011", n_source=100, assumptions="x")),
    ("randomise n -1", ValueError, "n", lambda d: trials.randomise(-1, (1, 1), 1)),
    ("randomise ratio 0:0", ValueError, "ratio", lambda d: trials.randomise(10, (0, 0), 1)),
    ("psa policies None", TypeError, "policies", lambda d: psa.run(None, **PSA)),
    ("psa unknown policy", ValueError, "policies[0]", lambda d: psa.run(["nope"], **PSA)),
    ("psa unknown reference", ValueError, "reference",
     lambda d: psa.run(["no_screening"], reference="nope", **PSA)),
    ("psa progress 5", TypeError, "progress",
     lambda d: psa.run(["no_screening"], progress=5, **PSA)),
    ("psa client 5", TypeError, "client", lambda d: psa.run(["no_screening"], client=5, **PSA)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("exc", "param", "call"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_gets_a_one_line_error_naming_the_parameter(exc, param, call):
    d = data()
    with pytest.raises((ValueError, TypeError)) as info:
        call(d)
    msg = str(info.value)
    assert type(info.value) is exc or isinstance(info.value, exc), (
        f"{exc.__name__} expected, got {type(info.value).__name__}: {msg!r}"
    )
    assert "\n" not in msg, f"message is not one line: {msg!r}"
    assert len(msg) <= MAX_MESSAGE, f"message of {len(msg)} characters: {msg[:120]!r}..."
    named = re.search(rf"(^|[\s(]){re.escape(param)}: ", msg)
    assert named, f"message does not name {param!r} as 'param: ...': {msg!r}"
