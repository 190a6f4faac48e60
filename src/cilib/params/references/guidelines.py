"""Guidelines and economic evaluations of cervical-length screening.

Part of the bibliographic registry (:mod:`cilib.params.references`); every field comes from the
project's evidence dossier, ``None`` where the dossier does not give it.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, UOG, Reference

GUIDELINES: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 6. guidelines
    Reference(
        key="acog_pb142",
        authors=None,
        title="ACOG Practice Bulletin No. 142 (cerclage)",
        journal="American College of Obstetricians and Gynecologists",
        year=2014,
        note="Reaffirmed 2019. Clinical definition of CI; history-, ultrasound- and "
        "physical-exam-indicated cerclage (indications via JHU manual, secondary). "
        "Contraindication list unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="smfm_2012",
        authors=None,
        title="SMFM clinical guideline on progesterone and preterm birth prevention",
        journal=f"{AJOG} 206:376-86",
        year=2012,
        note="Singleton, no prior PTB, CL <=20 mm at <=24 wk: VP 90 mg gel or 200 mg suppository.",
        title_is_descriptive=True,
    ),
    Reference(
        key="smfm_consult40_2016",
        authors=None,
        title="SMFM Consult Series #40 (cervical length screening)",
        journal=f"{AJOG} 215(3):B2-B7",
        year=2016,
        note="Routine TV CL for singletons with prior sPTB; universal screening only under "
        "strict protocols.",
        title_is_descriptive=True,
    ),
    Reference(
        key="smfm_2024",
        authors="Biggio et al.",
        title="SMFM Consult Series #70 (preterm birth prevention after 17-OHPC withdrawal)",
        journal="Society for Maternal-Fetal Medicine",
        year=2024,
        note="Short = CL <=25 mm; VP if CL <=20 mm before 24 wk (1A); consider at 21-25 mm; no "
        "17-OHPC; pessary not recommended.",
        title_is_descriptive=True,
    ),
    Reference(
        key="rcog_gtg75_2022",
        authors="Shennan, Story",
        title="RCOG Green-top Guideline No. 75 (cerclage)",
        journal="BJOG 129:1178-1210",
        year=2022,
        note="Replaces No. 60 (2011). HIC for >=3 prior PTBs; emergency cerclage ~34 days' gain. "
        "Removal timing (36+0-37+0 wk) not captured.",
        title_is_descriptive=True,
    ),
    Reference(
        key="nice_ng25",
        authors=None,
        title="NICE guideline NG25 (preterm birth prevention recommendations)",
        journal="National Institute for Health and Care Excellence",
        year=2015,
        note="Updated 2019, last updated June 2022; rec 1.2.1: prior sPTB or mid-trimester "
        "loss and CL <=25 mm at 16-24 wk: VP or cerclage. Quality standard QS135.",
        title_is_descriptive=True,
    ),
    Reference(
        key="figo_2021",
        authors="Shennan et al.",
        title="FIGO good practice recommendation on progestogens for preterm birth prevention",
        journal="Int J Gynaecol Obstet 155:16-18",
        year=2021,
        pmid="34520058",
        note="Daily VP or weekly 17-OHPC for high-risk singletons; predates the 2023 FDA "
        "withdrawal of 17-OHPC.",
        title_is_descriptive=True,
    ),
    # ---------------------------------------------------------------- 7. economics
    Reference(
        key="cahill_2010",
        authors="Cahill et al.",
        title="Decision analysis of universal cervical length screening and vaginal progesterone",
        journal=f"{AJOG} 202:548.e1-8",
        year=2010,
        pmid="20079888",
        note="Universal screening + VP dominant; expected cost $8,325 vs $9,664 (17-OHPC "
        "strategy); ~95,920 PTBs prevented per year.",
        title_is_descriptive=True,
    ),
    Reference(
        key="werner_2011",
        authors="Werner et al.",
        title="Cost-effectiveness of a single transvaginal cervical length scan in low-risk "
        "singletons",
        journal=f"{UOG} 38:32-7",
        year=2011,
        pmid="21157771",
        note="Per 100,000 screened: $12,119,947 saved, 423.9 QALYs, 22 neonatal deaths or "
        "neurological deficits prevented.",
        title_is_descriptive=True,
    ),
    Reference(
        key="ajog_2016_cl_screening_cea",
        authors=None,
        title="Cost-effectiveness of risk-based vs universal cervical length screening",
        journal=AJOG,
        year=2016,
        note="July 2016; authors not shown (likely Einerson, Grobman & Miller). ICER "
        "$21,144/QALY for universal screening.",
        title_is_descriptive=True,
    ),
    Reference(
        key="norman_2020",
        authors="Norman et al.",
        title="Review of the population impact of cervical length screening and progesterone",
        journal="Int J Gynaecol Obstet 150:24-30",
        year=2020,
        pmid="32524598",
        note="Would lower the overall PTB rate by less than 0.5%.",
        title_is_descriptive=True,
    ),
)
