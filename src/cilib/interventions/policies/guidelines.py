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

import numpy as np
import pandas as pd

from cilib.interventions.policies.rules import (
    Policy,
    earliest,
    no_contraindication,
    ongoing,
    preference,
    prior_cerclage,
    prior_midtrimester_loss,
    prior_sptb,
    prior_sptb_at_least,
    short_cervix,
    singleton,
    start_at,
    starts,
)
from cilib.params.assumptions import Assumptions
from cilib.params.definitions import USI_PRIOR_SPTB_BEFORE_WEEKS
from cilib.screening.schedules import anatomy_scan, serial_scans

__all__ = ["get", "presets"]

# ------------------------------------------------------------------ guideline numbers
#: "before 24 wk" (ACOG PB 142 ultrasound-indicated cerclage; SMFM Consult #70 VP).
BEFORE_24_WEEKS = 24.0
#: "serial TV CL from 16+0 to 24+0 wk" (ACOG PB 234), "TV scan at 16+0 to 24+0 wk" (NICE NG25),
#: "ultrasound-indicated at 14-24 wk" (RCOG GTG 75): a short cervix found at 24+0 counts.
THROUGH_24_0_WEEKS = 24.0 + 1.0 / 7.0
#: "CL <=20 mm at <=24 wk" (SMFM 2012): up to 24+6 completed weeks.
THROUGH_24_6_WEEKS = 25.0
#: "prescribe VP if CL <=20 mm before 24 wk (1A)" (SMFM Consult #70, 2024).
SMFM_2024_VP_MM = 20.0
#: "consider VP at 21-25 mm by shared decision (1B)" (SMFM Consult #70, 2024): upper limit.
SMFM_2024_CONSIDER_MM = 25.0
#: "CL <25 mm before 24 wk" for ultrasound-indicated cerclage (ACOG PB 142).
USI_CERCLAGE_MM = 25.0
#: "place at 13-14 wk" (ACOG PB 142 history-indicated cerclage): the start of that window.
ACOG_HIC_WEEKS = 13.0
#: "HIC usually at 11-14 wk" (RCOG GTG 75, 2022); stated assumption: 12 wk.
RCOG_HIC_WEEKS = 12.0
#: ">=3 previous PTBs in a singleton: offer history-indicated cerclage (B)" (RCOG GTG 75).
RCOG_HIC_MIN_PRIOR_SPTB = 3
#: "CL staying >25 mm = low risk" (RCOG GTG 75): short = at or below 25 mm.
RCOG_SHORT_MM = 25.0
#: "CL <25 mm" (NICE NG25 rec 1.2.1); "25 mm or less" (QS135 and the 2019 update).
NICE_SHORT_MM = 25.0
#: "history of sPTB or mid-trimester loss at 16+0 to 34+0 wk" (NICE NG25 rec 1.2.1).
NICE_HISTORY_BEFORE_WEEKS = 34.0
#: "CL <=20 mm at <=24 wk: VP" (SMFM 2012, singleton without prior PTB).
SMFM_2012_VP_MM = 20.0
#: 17-OHPC start: Meis 2003 enrolled at 16-20 wk and treated weekly to 36 wk; start of window.
LEGACY_17OHPC_START_WEEKS = 16.0
#: Stated assumption: FIGO 2021 gives no start week for VP after a prior sPTB; 16 wk, the start
#: of the 16+0-24+0 wk window of ACOG PB 234 and NICE NG25.
FIGO_PRIOR_SPTB_VP_WEEKS = 16.0
#: Threshold of the universal screening comparator (short = CL <=25 mm, ACOG PB 234).
UNIVERSAL_MM = 25.0


# ------------------------------------------------------------------ schedule eligibility
def _singleton_no_prior_sptb(c: pd.DataFrame) -> np.ndarray:
    return singleton(c) & ~prior_sptb(c)


def _nice_history(c: pd.DataFrame) -> np.ndarray:
    return prior_sptb(c, NICE_HISTORY_BEFORE_WEEKS) | prior_midtrimester_loss(c)


def _rcog_hic(c: pd.DataFrame) -> np.ndarray:
    return singleton(c) & prior_sptb_at_least(c, RCOG_HIC_MIN_PRIOR_SPTB)


def _rcog_surveillance(c: pd.DataFrame) -> np.ndarray:
    return singleton(c) & (prior_sptb(c) | prior_midtrimester_loss(c)) & ~_rcog_hic(c)


def _serial_then_anatomy(a: Assumptions):
    """Serial scans for singletons with a prior sPTB, the anatomy scan for other singletons."""
    return (
        _serial("singleton_prior_sptb")(a),
        replace(
            anatomy_scan(a, eligible=_singleton_no_prior_sptb),
            name="anatomy scan (singleton, no prior sPTB)",
        ),
    )


def _serial(eligible):
    return lambda a: replace(
        serial_scans(a, eligible=eligible), name=f"serial scans ({_label(eligible)})"
    )


def _label(eligible) -> str:
    return eligible if isinstance(eligible, str) else eligible.__name__.strip("_").replace("_", " ")


# ------------------------------------------------------------------ preset rules
def _no_treatment(cohort, screened, a):
    return starts(cohort)


def _history_based(cohort, screened, a):
    found, week = short_cervix(screened, a["short_cervix_mm"], THROUGH_24_0_WEEKS)
    return starts(cohort, vaginal_progesterone=start_at(found, week))


def _usi_cerclage(cohort, screened, before_weeks=BEFORE_24_WEEKS):
    """Ultrasound-indicated cerclage (ACOG PB 142): singleton, prior sPTB <34 wk, CL <25 mm."""
    found, week = short_cervix(screened, USI_CERCLAGE_MM, before_weeks)
    ok = found & prior_sptb(cohort, USI_PRIOR_SPTB_BEFORE_WEEKS)
    return start_at(ok & no_contraindication(cohort, "cerclage"), week)


def _smfm_2024(cohort, screened, a, *, seed):
    one = singleton(cohort)
    le20, w20 = short_cervix(screened, SMFM_2024_VP_MM, BEFORE_24_WEEKS)
    le25, w25 = short_cervix(screened, SMFM_2024_CONSIDER_MM, BEFORE_24_WEEKS)
    takes = preference(cohort, seed) < a["p_smfm_consider_vp"]
    vp = earliest(start_at(one & le20, w20), start_at(one & le25 & takes, w25))
    return starts(cohort, vaginal_progesterone=vp, cerclage=_usi_cerclage(cohort, screened))


def _acog_2021(cohort, screened, a):
    one = singleton(cohort)
    history = one & (prior_midtrimester_loss(cohort) | prior_cerclage(cohort))
    hic = start_at(history, ACOG_HIC_WEEKS)
    cerclage = earliest(hic, _usi_cerclage(cohort, screened))
    found, week = short_cervix(screened, a["short_cervix_mm"], THROUGH_24_0_WEEKS)
    vp = start_at(one & found & np.isnan(cerclage), week)  # "consider VP or cerclage"
    return starts(cohort, vaginal_progesterone=vp, cerclage=cerclage)


def _nice_ng25(cohort, screened, a, *, seed):
    found, week = short_cervix(screened, NICE_SHORT_MM, THROUGH_24_0_WEEKS)
    cerc = no_contraindication(cohort, "cerclage") & (
        preference(cohort, seed) < a["p_nice_choose_cerclage"]
    )
    return starts(
        cohort,
        vaginal_progesterone=start_at(found & ~cerc, week),
        cerclage=start_at(found & cerc, week),
    )


def _rcog_2022(cohort, screened, a):
    found, week = short_cervix(screened, RCOG_SHORT_MM, THROUGH_24_0_WEEKS)
    usi = start_at(found & _rcog_surveillance(cohort), week)
    return starts(
        cohort,
        cerclage=earliest(start_at(_rcog_hic(cohort), RCOG_HIC_WEEKS), usi),
    )


def _figo_2021(cohort, screened, a):
    one = singleton(cohort)
    found, week = short_cervix(screened, a["short_cervix_mm"], BEFORE_24_WEEKS)
    at = FIGO_PRIOR_SPTB_VP_WEEKS
    history = start_at(one & prior_sptb(cohort) & ongoing(cohort, at), at)
    return starts(cohort, vaginal_progesterone=earliest(history, start_at(one & found, week)))


def _legacy_17ohpc_2011(cohort, screened, a):
    one = singleton(cohort)
    at = LEGACY_17OHPC_START_WEEKS
    ohpc = start_at(one & prior_sptb(cohort) & ongoing(cohort, at), at)
    found, week = short_cervix(screened, SMFM_2012_VP_MM, THROUGH_24_6_WEEKS)
    vp = start_at(one & ~prior_sptb(cohort) & found, week)
    return starts(
        cohort, vaginal_progesterone=vp, im_17ohpc=ohpc, cerclage=_usi_cerclage(cohort, screened)
    )


def _universal_25mm(cohort, screened, a):
    found, week = short_cervix(screened, UNIVERSAL_MM, BEFORE_24_WEEKS)
    return starts(cohort, vaginal_progesterone=start_at(found, week))


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
                "234, SMFM Consult #40); VP from the scan that finds CL <=25 mm "
                "(short_cervix_mm). Nobody else is screened (the risk-based strategy of "
                "Cahill 2010)."
            ),
            sources=("acog_pb234_2021", "smfm_consult40_2016", "cahill_2010"),
        ),
        Policy(
            "smfm_2024",
            rule=_smfm_2024,
            schedule=_serial_then_anatomy,
            description=(
                "Singletons: TV CL at the 18-22 wk anatomy scan, serial TV CL 16+0-24+0 wk after "
                "a prior sPTB (multiples not routinely screened, SMFM #40). VP when CL <=20 mm "
                "before 24 wk; CL 21-25 mm: VP by shared decision (p_smfm_consider_vp, "
                "stated assumption). Ultrasound-indicated cerclage after a prior sPTB <34 wk "
                "with CL <25 mm before 24 wk. No 17-OHPC, no pessary."
            ),
            sources=("smfm_2024", "smfm_consult40_2016", "acog_pb142"),
        ),
        Policy(
            "acog_2021",
            rule=_acog_2021,
            schedule=lambda a: (
                _serial("prior_sptb")(a),
                replace(
                    anatomy_scan(a, eligible="no_prior_sptb"), name="anatomy scan (no prior sPTB)"
                ),
            ),
            description=(
                "Prior sPTB: serial TV CL 16+0-24+0 wk; otherwise CL at the 18+0-22+6 wk "
                "anatomy scan (PB 234). Singletons: history-indicated cerclage at 13 wk after a "
                "mid-trimester loss or earlier cerclage (PB 142); ultrasound-indicated cerclage "
                "after a prior sPTB <34 wk with CL <25 mm before 24 wk (PB 142); otherwise VP "
                "from the scan finding CL <=25 mm ('consider VP or cerclage', PB 234)."
            ),
            sources=("acog_pb234_2021", "acog_pb142"),
        ),
        Policy(
            "nice_ng25",
            rule=_nice_ng25,
            schedule=_serial(_nice_history),
            description=(
                "Prior sPTB or mid-trimester loss before 34+0 wk: TV CL every 2 wk from 16+0 to "
                "24+0 wk (interval from serial_scan_interval_weeks). CL <=25 mm: choice of VP "
                "or cerclage (p_nice_choose_cerclage, a stated assumption; multiples get VP). No "
                "routine screening without that history (incidental findings not modelled)."
            ),
            sources=("nice_ng25",),
        ),
        Policy(
            "rcog_2022",
            rule=_rcog_2022,
            schedule=_serial(_rcog_surveillance),
            description=(
                "Singletons: history-indicated cerclage at 12 wk after >=3 previous sPTB; after "
                "a previous sPTB or mid-trimester loss otherwise, serial TV CL 16+0-24+0 wk and "
                "ultrasound-indicated cerclage when CL <=25 mm. A cerclage guideline: no "
                "progesterone; incidental short cervix without risk factors: no cerclage."
            ),
            sources=("rcog_gtg75_2022",),
        ),
        Policy(
            "figo_2021",
            rule=_figo_2021,
            schedule=lambda a: replace(
                anatomy_scan(a, eligible="singleton"), name="anatomy scan (singleton)"
            ),
            description=(
                "Singletons at high risk: daily VP from 16 wk after a prior sPTB (start week a "
                "stated assumption), or from the mid-trimester scan finding CL <=25 mm "
                "(short_cervix_mm). FIGO also allows weekly 17-OHPC (predates the 2023 FDA "
                "withdrawal); VP is used here. Not for multiples or women without risk factors."
            ),
            sources=("figo_2021",),
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
        ),
        Policy(
            "universal_25mm",
            rule=_universal_25mm,
            schedule=lambda a: replace(anatomy_scan(a, eligible="all"), name="anatomy scan (all)"),
            description=(
                "Universal TV CL at the 18+0-22+6 wk anatomy scan for every pregnancy; VP from "
                "the scan finding CL <=25 mm (the universal strategy of decision analyses)."
            ),
            sources=("cahill_2010", "acog_pb234_2021"),
        ),
    )
}


def presets() -> list[str]:
    """Names of the preset policies.

    >>> presets()[:3]
    ['no_screening', 'history_based', 'smfm_2024']
    """
    return list(_PRESETS)


def get(name) -> Policy:
    """A preset policy by name (a :class:`Policy` is returned as is)."""
    if isinstance(name, Policy):
        return name
    if name not in _PRESETS:
        close = difflib.get_close_matches(str(name), list(_PRESETS), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"unknown policy {name!r}{hint} (allowed: {', '.join(_PRESETS)})")
    return _PRESETS[name]
