"""Guideline presets: each guideline's rules encoded as a :class:`~.rules.Policy`, with its text.

Every number a rule needs that is not an assumption record is a module-level constant below,
with the guideline text it encodes (the evidence dossier, ``shared/evidence.md`` beside the
repository, section 6) or marked "stated assumption"; the uptake of shared decisions that no
guideline quantifies is an assumption record (``p_smfm_consider_vp``,
``p_nice_choose_cerclage``). Measured CL is
continuous, so a guideline's "< 25 mm" and "<= 25 mm" select the same women; the code uses the
screening columns for "at or below". :func:`presets` lists the presets; :func:`get` returns one
by name.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

import pandas as pd

from cilib.interventions.policies.encodings import (
    _acog_2021,
    _acog_2023,
    _figo_2021,
    _history_based,
    _legacy_17ohpc_2011,
    _nice_history,
    _nice_ng25,
    _no_treatment,
    _rcog_2022,
    _rcog_surveillance,
    _serial,
    _serial_then_anatomy,
    _smfm_2024,
    _universal_25mm,
)
from cilib.interventions.policies.rules import Policy, RuleText
from cilib.params.validation import shown
from cilib.screening.schedules import anatomy_scan

__all__ = ["get", "presets", "rules_table"]


def _acog_schedule(a):
    """ACOG PB 234: serial TV CL 16+0-24+0 wk after a prior sPTB, otherwise CL at the anatomy
    scan."""
    return (
        _serial("prior_sptb")(a),
        replace(anatomy_scan(a, eligible="no_prior_sptb"), name="anatomy scan (no prior sPTB)"),
    )


R = RuleText
_PB234 = "acog_pb234_2021"
_PB142 = "acog_pb142"
#: ACOG's screening (PB 234), shared by acog_2021 and acog_2023.
_ACOG_SCREENING = R(
    "Prior sPTB: serial TV CL 16+0-24+0 wk; otherwise CL at the anatomy scan",
    _PB234,
    "screening",
)
_RESCUE_ACOG = R(
    "Singleton or twin with a cervix found open (painless dilation) at 14-27+6 wk, membranes "
    "intact: physical-examination-indicated cerclage at that examination",
    _PB142,
    "physical-examination-indicated cerclage",
)
#: ACOG PB 142's three cerclage indications, shared by acog_2021 and acog_2023.
_ACOG_CERCLAGE = (
    R(
        "Singleton, mid-trimester loss by painless dilation or earlier cerclage: "
        "history-indicated cerclage at 13 wk",
        _PB142,
        "history-indicated cerclage",
    ),
    R(
        "Singleton, prior sPTB <34 wk, CL <25 mm before 24 wk: ultrasound-indicated cerclage",
        _PB142,
        "ultrasound-indicated cerclage",
    ),
    _RESCUE_ACOG,
)
_PRESETS: dict[str, Policy] = {
    p.name: p
    for p in (
        Policy(
            "no_screening",
            rule=_no_treatment,
            description="No cervical-length screening and no treatment: the natural history.",
        ),
        Policy(
            "history_based",
            rule=_history_based,
            schedule=_serial("prior_sptb"),
            description=(
                "Serial TV CL every 2 wk from 16+0 to 24+0 wk only after a prior sPTB (ACOG PB "
                "234, SMFM Consult #40); VP for a singleton from the scan that finds CL <=25 mm "
                "(short_cervix_mm). Nobody else is screened (the risk-based strategy of "
                "Cahill 2010); no progesterone in multiples."
            ),
            sources=("acog_pb234_2021", "smfm_consult40_2016", "cahill_2010"),
            rules=(
                R(
                    "Prior sPTB: serial TV CL every 2 wk, 16+0-24+0 wk",
                    "smfm_consult40_2016",
                    "recommendation 1 (1A)",
                ),
                R(
                    "Singleton, CL <=25 mm on those scans: vaginal progesterone",
                    _PB234,
                    "short cervix with prior sPTB",
                ),
            ),
        ),
        Policy(
            "smfm_2024",
            rule=_smfm_2024,
            schedule=_serial_then_anatomy,
            description=(
                "Singletons without a prior sPTB (SMFM Consult #70): TV CL at the 18-22 wk "
                "anatomy scan; VP when CL <=20 mm before 24 wk; CL 21-25 mm: VP by shared "
                "decision (p_smfm_consider_vp, stated assumption); no cerclage without "
                "dilation, no 17-OHPC, no pessary. Singletons with a prior sPTB (SMFM #40, ACOG "
                "PB 142, SMFM 2023 statement): serial TV CL 16+0-24+0 wk; ultrasound-indicated "
                "cerclage after a prior sPTB <34 wk with CL <25 mm before 24 wk, VP for a short "
                "cervix without a stitch. Multiples are not screened or treated."
            ),
            sources=(
                "smfm_2024",
                "smfm_consult40_2016",
                "acog_pb142",
                "smfm_statement_2023_17ohpc",
            ),
            rules=(
                R(
                    "No prior sPTB, singleton, CL <=20 mm before 24 wk: vaginal progesterone",
                    "smfm_2024",
                    "recommendation 3 (GRADE 1A)",
                ),
                R(
                    "No prior sPTB, singleton, CL 21-25 mm: consider vaginal progesterone (shared "
                    "decision)",
                    "smfm_2024",
                    "recommendation 4 (GRADE 1B)",
                ),
                R(
                    "No prior sPTB, CL 10-25 mm without dilation: no cerclage",
                    "smfm_2024",
                    "recommendation 6 (GRADE 1B)",
                ),
                R(
                    "Prior sPTB: serial TV CL 16+0-24+0 wk",
                    "smfm_consult40_2016",
                    "recommendation 1 (1A)",
                ),
                R(
                    "Prior sPTB <34 wk, singleton, CL <25 mm before 24 wk: ultrasound-indicated "
                    "cerclage",
                    _PB142,
                    "ultrasound-indicated cerclage",
                ),
                R(
                    "Prior sPTB, short cervix, no stitch: vaginal progesterone; no 17-OHPC",
                    "smfm_statement_2023_17ohpc",
                    "2023 statement",
                ),
            ),
        ),
        Policy(
            "acog_2021",
            rule=_acog_2021,
            schedule=_acog_schedule,
            description=(
                "ACOG as of 2021. Prior sPTB: serial TV CL 16+0-24+0 wk; otherwise CL at the "
                "18+0-22+6 wk anatomy scan (PB 234). Singletons: weekly 17-OHPC from 16 wk after "
                "a prior sPTB (PB 234, 2021); history-indicated cerclage at 13 wk after a "
                "mid-trimester loss by painless dilation or an earlier cerclage (PB 142); "
                "ultrasound-indicated cerclage after a prior "
                "sPTB <34 wk with CL <25 mm before 24 wk; physical-examination-indicated "
                "cerclage for a cervix found open at 14-27+6 wk; otherwise VP from the scan "
                "finding CL <=25 mm ('consider VP or cerclage')."
            ),
            sources=("acog_pb234_2021", "acog_pb142"),
            rules=(
                _ACOG_SCREENING,
                R(
                    "Singleton, prior sPTB: weekly IM 17-OHPC from 16 wk",
                    _PB234,
                    "progestogen after a prior sPTB (2021)",
                ),
                *_ACOG_CERCLAGE,
                R(
                    "Singleton, CL <=25 mm, no stitch and no 17-OHPC: vaginal progesterone",
                    _PB234,
                    "consider VP or cerclage",
                ),
            ),
        ),
        Policy(
            "acog_2023",
            rule=_acog_2023,
            schedule=_acog_schedule,
            description=(
                "ACOG after the 2023 withdrawal of 17-OHPC (Practice Advisory, April 2023): as "
                "acog_2021 without 17-OHPC; vaginal progesterone may be considered for a "
                "singleton with a prior sPTB and a short cervix, not without one."
            ),
            sources=("acog_pb234_2021", "acog_pb142", "acog_pa_2023_progesterone"),
            rules=(
                _ACOG_SCREENING,
                *_ACOG_CERCLAGE,
                R(
                    "Singleton, CL <=25 mm, no stitch: vaginal progesterone (no 17-OHPC)",
                    "acog_pa_2023_progesterone",
                    "April 2023 update to PB 234",
                ),
            ),
        ),
        Policy(
            "nice_ng25",
            rule=_nice_ng25,
            schedule=_serial(_nice_history),
            description=(
                "Prior sPTB or mid-trimester loss before 34+0 wk: TV CL every 2 wk from 16+0 to "
                "24+0 wk (interval from serial_scan_interval_weeks). CL <=25 mm: choice of VP "
                "or cerclage (p_nice_choose_cerclage, a stated assumption); no progesterone "
                "in multiples (NICE NG137). Emergency cerclage for a cervix found open at "
                "16+0-27+6 wk (the model starts at 14 wk). Losses count from 16+0 wk "
                "(prior_midtrimester_losses_16w). No routine screening without that history."
            ),
            sources=("nice_ng25",),
            rules=(
                R(
                    "History of sPTB or mid-trimester loss (16+0-34+0 wk) and CL <=25 mm at "
                    "16+0-24+0 wk: choice of vaginal progesterone or cerclage",
                    "nice_ng25",
                    "1.2 (2019), QS135 statement 2",
                ),
                R(
                    "Twins or triplets: no progesterone to prevent preterm birth",
                    "nice_ng25",
                    "NG137 (twin guideline; not verified in the dossier)",
                ),
                R(
                    "Cervix found open with intact membranes before 28 wk: consider emergency "
                    "cerclage",
                    "nice_ng25",
                    "emergency cerclage (not verified in the dossier)",
                ),
            ),
        ),
        Policy(
            "rcog_2022",
            rule=_rcog_2022,
            schedule=_serial(_rcog_surveillance),
            description=(
                "Singletons: history-indicated cerclage at 12 wk after >=3 previous sPTB; after "
                "a previous sPTB or mid-trimester loss otherwise, serial TV CL 16+0-24+0 wk and "
                "ultrasound-indicated cerclage when CL <=25 mm; emergency cerclage for a cervix "
                "found open up to 27+6 wk. A cerclage guideline: no progesterone; incidental "
                "short cervix without risk factors: no cerclage."
            ),
            sources=("rcog_gtg75_2022",),
            rules=(
                R(
                    "Singleton, >=3 previous preterm births: history-indicated cerclage",
                    "rcog_gtg75_2022",
                    "grade B",
                ),
                R(
                    "Previous sPTB or second-trimester loss: serial TV CL; cerclage if the cervix "
                    "shortens to <=25 mm",
                    "rcog_gtg75_2022",
                    "grade B",
                ),
                R(
                    "Incidental short cervix without risk factors: no cerclage",
                    "rcog_gtg75_2022",
                    "grade B",
                ),
                R(
                    "Cervix found open, membranes intact, up to 27+6 wk: emergency cerclage "
                    "(delays birth by about 34 days)",
                    "rcog_gtg75_2022",
                    "emergency cerclage (27+6 limit from a secondary summary)",
                ),
            ),
        ),
        Policy(
            "figo_2021",
            rule=_figo_2021,
            schedule=lambda a: replace(
                anatomy_scan(a, eligible="singleton"), name="anatomy scan (singleton)"
            ),
            description=(
                "Singletons at high risk: daily VP from 16 wk after a prior sPTB or "
                "mid-trimester loss (start week a stated assumption), or from the "
                "mid-trimester scan finding CL <=25 mm (short_cervix_mm). FIGO also allows "
                "weekly 17-OHPC (predates the 2023 FDA withdrawal); VP is used here. Not for "
                "multiples or women without risk factors."
            ),
            sources=("figo_2021",),
            rules=(
                R(
                    "Singleton with a previous sPTB (or mid-trimester loss) and/or a short "
                    "cervix: daily vaginal progesterone",
                    "figo_2021",
                    "recommendation 1",
                ),
                R(
                    "Unselected multiple pregnancy: no progesterone",
                    "figo_2021",
                    "recommendation on multiples",
                ),
            ),
        ),
        Policy(
            "legacy_17ohpc_2011",
            rule=_legacy_17ohpc_2011,
            schedule=_serial_then_anatomy,
            description=(
                "Pre-2023 US practice: weekly IM 17-OHPC from 16 wk for a singleton with a prior "
                "sPTB (Meis 2003), serial CL and ultrasound-indicated cerclage (prior sPTB <34 wk, "
                "CL <25 mm before 24 wk, PB 142); singletons without prior sPTB: VP at CL "
                "<=20 mm at <=24 wk (SMFM 2012). 17-OHPC was withdrawn by the FDA in 2023."
            ),
            sources=("meis_2003", "smfm_2012", "acog_pb142", "fda_17ohpc_2023"),
            rules=(
                R(
                    "Singleton, prior sPTB: weekly IM 17-OHPC from 16 wk",
                    "meis_2003",
                    "trial regimen",
                ),
                R(
                    "Singleton, no prior sPTB, CL <=20 mm at <=24 wk: vaginal progesterone",
                    "smfm_2012",
                    "SMFM 2012",
                ),
                R(
                    "Singleton, prior sPTB <34 wk, CL <25 mm before 24 wk: ultrasound-indicated "
                    "cerclage",
                    _PB142,
                    "ultrasound-indicated cerclage",
                ),
            ),
        ),
        Policy(
            "universal_25mm",
            rule=_universal_25mm,
            schedule=lambda a: replace(anatomy_scan(a, eligible="all"), name="anatomy scan (all)"),
            description=(
                "Universal TV CL at the 18+0-22+6 wk anatomy scan for every pregnancy; VP for a "
                "singleton from the scan finding CL <=25 mm (the universal strategy of decision "
                "analyses; no progesterone in multiples)."
            ),
            sources=("cahill_2010", "acog_pb234_2021"),
            rules=(
                R(
                    "Every pregnancy: TV CL at the anatomy scan",
                    "cahill_2010",
                    "universal strategy",
                ),
                R("Singleton, CL <=25 mm: vaginal progesterone", _PB234, "short cervix"),
            ),
        ),
    )
}


def rules_table(name) -> pd.DataFrame:
    """The recommendations a preset encodes, one row each: ``rule``, ``source``, ``where``.

    >>> rules_table("rcog_2022").shape[1]
    3
    """
    return get(name).rules_table()


def presets() -> list[str]:
    """Names of the preset policies.

    >>> presets()[:3]
    ['no_screening', 'history_based', 'smfm_2024']
    """
    return list(_PRESETS)


def get(name, *, param: str = "policy") -> Policy:
    """A preset policy by name (a :class:`Policy` is returned as is); ``param`` names the
    argument in the error message."""
    if isinstance(name, Policy):
        return name
    allowed = f"a preset name ({', '.join(_PRESETS)}) or a cilib.policies.Policy"
    if not isinstance(name, str):
        raise TypeError(
            f"{param}: got {shown(name)} of type {type(name).__name__}; allowed: {allowed}"
        )
    if name not in _PRESETS:
        short = len(name) <= 200  # difflib's cost grows with the length of the name
        close = difflib.get_close_matches(name, list(_PRESETS), n=3, cutoff=0.5) if short else []
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"{param}: got {shown(name)}, an unknown policy{hint}; allowed: {allowed}")
    return _PRESETS[name]
