"""Screening: uptake of transvaginal cervical-length scans and their windows.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import RATIO, Record
from cilib.params.records import record as _r

_SCR = dict(group="screening")

SCREENING: tuple[Record, ...] = (
    _r(
        "p_tvcl_uptake",
        0.853,
        "probability",
        0.847,
        0.859,
        bounds=P,
        distribution="beta",
        sources=("temming_2016",),
        population="US single centre, universal screening",
        year="2011-2014",
        note="Share offered a transvaginal CL scan who accept it: 10,871/12,740 (84.7-85.9%).",
        **_SCR,
    ),
    _r(
        "or_tvcl_decline_nh_black",
        2.17,
        "odds ratio",
        1.93,
        2.44,
        bounds=RATIO,
        distribution="lognormal",
        sources=("temming_2016",),
        population="same",
        note="Non-Hispanic Black women declined the transvaginal scan more often (aOR 2.17); "
        "applied to the odds of declining at the overall uptake.",
        **_SCR,
    ),
    _r(
        "anatomy_scan_start_weeks",
        18.0,
        "weeks",
        18.0,
        18.0,
        bounds=(14, 34),
        distribution="fixed",
        sources=("acog_pb234_2021",),
        note="Cervix seen at the 18+0 to 22+6 wk anatomy scan (ACOG PB 234).",
        **_SCR,
    ),
    _r(
        "anatomy_scan_end_weeks",
        23.0,
        "weeks",
        23.0,
        23.0,
        bounds=(14, 34),
        distribution="fixed",
        sources=("acog_pb234_2021",),
        note="End of the anatomy-scan window (22+6 wk, i.e. before 23+0).",
        **_SCR,
    ),
    _r(
        "serial_scan_start_weeks",
        16.0,
        "weeks",
        16.0,
        16.0,
        bounds=(14, 34),
        distribution="fixed",
        sources=("acog_pb234_2021", "nice_ng25"),
        note="Serial transvaginal CL after a prior sPTB from 16+0 wk.",
        **_SCR,
    ),
    _r(
        "serial_scan_end_weeks",
        24.0,
        "weeks",
        24.0,
        24.0,
        bounds=(14, 34),
        distribution="fixed",
        sources=("acog_pb234_2021", "nice_ng25"),
        note="... to 24+0 wk.",
        **_SCR,
    ),
    _r(
        "serial_scan_interval_weeks",
        2.0,
        "weeks",
        1.0,
        2.0,
        bounds=(0.5, 8),
        distribution="fixed",
        sources=("acog_pb234_2021",),
        status="assumption",
        note="Scans every 2 weeks (the usual interval of serial surveillance; the dossier "
        "gives the window, not the interval).",
        **_SCR,
    ),
)
