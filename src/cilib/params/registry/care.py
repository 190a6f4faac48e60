"""History care: the cerclage a woman's earlier pregnancies received, as a care pattern.

Part of the assumptions registry (:mod:`cilib.params.registry`). A cohort's earlier pregnancies
are simulated with the natural history (their outcomes are untreated, so the obstetric history
the calibration targets rest on is unchanged), and the care they received is drawn from this
pattern (:mod:`cilib.model.care`): who had a cerclage in an earlier pregnancy, the
``prior_cerclage`` column that policies such as ACOG PB 142's read. It describes past care,
not a guideline under test.
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import Record
from cilib.params.records import record as _r

_CARE = dict(group="history care")

CARE: tuple[Record, ...] = (
    _r(
        "p_history_cerclage_after_loss",
        0.564,
        "probability",
        0.3,
        0.8,
        bounds=P,
        distribution="beta",
        sources=("danish_ci_cohort", "acog_pb142"),
        status="assumption",
        note="Share of earlier singleton pregnancies that followed a mid-trimester loss (or a "
        "pregnancy with a cerclage) in which a history-indicated cerclage was placed. In the "
        "Danish cohort (Sneider 2017), 79 of 140 second pregnancies after strict cervical "
        "insufficiency had one (59 vaginal, 20 abdominal): 0.564. Applied to every "
        "mid-trimester loss, including those from fetal causes, it is a stated assumption.",
        **_CARE,
    ),
    _r(
        "p_history_cerclage_short_cervix",
        0.5,
        "probability",
        0.2,
        0.8,
        bounds=P,
        distribution="beta",
        sources=("acog_pb142", "acog_pb234_2021"),
        status="assumption",
        note="Share of earlier singleton pregnancies after a spontaneous birth before 34 wk, "
        "with a short cervix (true CL at or below short_cervix_mm at a serial scan between "
        "serial_scan_start_weeks and serial_scan_end_weeks), that received an "
        "ultrasound-indicated cerclage (ACOG PB 142; PB 234 says 'consider VP or cerclage'). "
        "No source gives the uptake; half is stated.",
        **_CARE,
    ),
)
