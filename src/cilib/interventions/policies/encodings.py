"""The rules of the guideline presets (:mod:`.guidelines`): each guideline's numbers, with the
text they encode, and one function per preset turning a cohort and its screening results into
treatment start weeks.

Every number a rule needs that is not an assumption record is a module-level constant below,
with the guideline text it encodes or marked "stated assumption".

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from cilib.interventions.policies.rules import (
    earliest,
    no_contraindication,
    ongoing,
    open_cervix_found,
    preference,
    prior_cerclage,
    prior_late_midtrimester_loss,
    prior_midtrimester_loss,
    prior_painless_loss,
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
#: Physical-examination-indicated (emergency) cerclage for a cervix found open from 14 wk
#: (ACOG PB 142: second trimester) up to 27+6 wk (RCOG GTG 75, as summarised in a secondary
#: source; the Ehsanipoor 2015 meta-analysis: dilatation at 14-27 wk).
RESCUE_FROM_WEEKS = 14.0
RESCUE_BEFORE_WEEKS = 28.0
#: 17-OHPC from 16 wk for a singleton with a prior sPTB (ACOG PB 234, 2021, as Meis 2003).
ACOG_2021_17OHPC_WEEKS = 16.0


# ------------------------------------------------------------------ schedule eligibility
def _singleton_no_prior_sptb(c: pd.DataFrame) -> np.ndarray:
    return singleton(c) & ~prior_sptb(c)


def _nice_history(c: pd.DataFrame) -> np.ndarray:
    return prior_sptb(c, NICE_HISTORY_BEFORE_WEEKS) | prior_late_midtrimester_loss(c)


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


def _rescue(cohort):
    """Physical-examination-indicated cerclage at the examination that finds the cervix open
    (:func:`open_cervix_found`, 14-27+6 wk); refused after rupture (``cerclage_refused``)."""
    found, week = open_cervix_found(cohort, RESCUE_FROM_WEEKS, RESCUE_BEFORE_WEEKS)
    return start_at(found, week)


def _history_based(cohort, screened, a):
    found, week = short_cervix(screened, a["short_cervix_mm"], THROUGH_24_0_WEEKS)
    return starts(cohort, vaginal_progesterone=start_at(found & singleton(cohort), week))


def _usi_cerclage(cohort, screened, before_weeks=BEFORE_24_WEEKS):
    """Ultrasound-indicated cerclage (ACOG PB 142): singleton, prior sPTB <34 wk, CL <25 mm."""
    found, week = short_cervix(screened, USI_CERCLAGE_MM, before_weeks)
    ok = found & prior_sptb(cohort, USI_PRIOR_SPTB_BEFORE_WEEKS)
    return start_at(ok & no_contraindication(cohort, "cerclage"), week)


def _smfm_2024(cohort, screened, a, *, seed):
    one = _singleton_no_prior_sptb(cohort)  # Consult #70: no prior sPTB
    le20, w20 = short_cervix(screened, SMFM_2024_VP_MM, BEFORE_24_WEEKS)
    le25, w25 = short_cervix(screened, SMFM_2024_CONSIDER_MM, BEFORE_24_WEEKS)
    takes = preference(cohort, seed) < a["p_smfm_consider_vp"]
    vp = earliest(start_at(one & le20, w20), start_at(one & le25 & takes, w25))
    # prior sPTB: serial CL and ultrasound-indicated cerclage (PB 142; the 2023 statement
    # leaves the cerclage indications unchanged); VP for those with a short cervix who get no
    # stitch (the 2023 statement keeps VP for a short cervix)
    cerclage = _usi_cerclage(cohort, screened)
    prior_short, w = short_cervix(screened, USI_CERCLAGE_MM, BEFORE_24_WEEKS)
    prior_vp = start_at(
        singleton(cohort) & prior_sptb(cohort) & prior_short & np.isnan(cerclage), w
    )
    return starts(cohort, vaginal_progesterone=earliest(vp, prior_vp), cerclage=cerclage)


def _acog_cerclage_and_vp(cohort, screened, a):
    one = singleton(cohort)
    # PB 142: one or more second-trimester losses attributed to painless dilation, or a
    # cerclage in an earlier pregnancy for that reason
    history = one & (prior_painless_loss(cohort) | prior_cerclage(cohort))
    hic = start_at(history, ACOG_HIC_WEEKS)
    cerclage = earliest(hic, _usi_cerclage(cohort, screened), _rescue(cohort))
    found, week = short_cervix(screened, a["short_cervix_mm"], THROUGH_24_0_WEEKS)
    vp = start_at(one & found & np.isnan(cerclage), week)  # "consider VP or cerclage"
    return one, cerclage, vp


def _acog_2021(cohort, screened, a):
    one, cerclage, vp = _acog_cerclage_and_vp(cohort, screened, a)
    at = ACOG_2021_17OHPC_WEEKS
    ohpc = start_at(one & prior_sptb(cohort) & ongoing(cohort, at), at)
    vp = np.where(np.isnan(ohpc), vp, np.nan)  # a progestogen: 17-OHPC after a prior sPTB
    return starts(cohort, vaginal_progesterone=vp, im_17ohpc=ohpc, cerclage=cerclage)


def _acog_2023(cohort, screened, a):
    _, cerclage, vp = _acog_cerclage_and_vp(cohort, screened, a)
    return starts(cohort, vaginal_progesterone=vp, cerclage=cerclage)


def _nice_ng25(cohort, screened, a, *, seed):
    found, week = short_cervix(screened, NICE_SHORT_MM, THROUGH_24_0_WEEKS)
    cerc = no_contraindication(cohort, "cerclage") & (
        preference(cohort, seed) < a["p_nice_choose_cerclage"]
    )
    one = singleton(cohort)  # NG137: no progesterone to prevent preterm birth in twins
    return starts(
        cohort,
        vaginal_progesterone=start_at(found & one & ~cerc, week),
        cerclage=earliest(start_at(found & cerc, week), _rescue(cohort)),
    )


def _rcog_2022(cohort, screened, a):
    found, week = short_cervix(screened, RCOG_SHORT_MM, THROUGH_24_0_WEEKS)
    usi = start_at(found & _rcog_surveillance(cohort), week)
    return starts(
        cohort,
        cerclage=earliest(start_at(_rcog_hic(cohort), RCOG_HIC_WEEKS), usi, _rescue(cohort)),
    )


def _figo_2021(cohort, screened, a):
    one = singleton(cohort)
    found, week = short_cervix(screened, a["short_cervix_mm"], BEFORE_24_WEEKS)
    at = FIGO_PRIOR_SPTB_VP_WEEKS
    high_risk = prior_sptb(cohort) | prior_midtrimester_loss(cohort)
    history = start_at(one & high_risk & ongoing(cohort, at), at)
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
    return starts(cohort, vaginal_progesterone=start_at(found & singleton(cohort), week))
