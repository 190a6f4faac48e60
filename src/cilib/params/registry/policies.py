"""Policies: shared decisions that guidelines leave to the woman and her clinician.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
A guideline's rule itself (who is screened, which threshold, which treatment) is encoded in
:mod:`cilib.interventions.policies.guidelines` with the text it quotes; what a guideline leaves
to a shared decision has no published figure, so it is a stated assumption here, overridable
like any other record.
"""

from __future__ import annotations

from cilib.params.records import PROBABILITY as P
from cilib.params.records import Record
from cilib.params.records import record as _r

_POL = dict(group="policies")

POLICIES: tuple[Record, ...] = (
    _r(
        "p_smfm_consider_vp",
        0.5,
        "probability",
        0.25,
        0.75,
        bounds=P,
        distribution="beta",
        sources=("smfm_2024",),
        status="assumption",
        note="Share of singletons with a measured CL of 21-25 mm before 24 wk who take vaginal "
        "progesterone when SMFM Consult #70 says 'consider VP by shared decision (1B)'. The "
        "consult gives no uptake; half is stated, the range is wide because nothing narrows it.",
        **_POL,
    ),
    _r(
        "p_nice_choose_cerclage",
        0.5,
        "probability",
        0.25,
        0.75,
        bounds=P,
        distribution="beta",
        sources=("nice_ng25",),
        status="assumption",
        note="Share of singletons with a short cervix who choose cerclage when NICE NG25 offers "
        "'a choice of prophylactic vaginal progesterone or prophylactic cervical cerclage'. The "
        "guideline gives no split; half is stated (a multiple pregnancy gets VP).",
        **_POL,
    ),
)
