"""Guidelines and economic evaluations of cervical-length screening.

Part of the bibliographic registry (:mod:`cilib.params.references`). Fields were first taken from
the project's evidence dossier and then checked against the published abstract, journal page or
an indexed copy of it (citation audit, ``notes/citations.md`` beside the repository). Titles,
volumes, pages and identifiers are filled in only where a retrieved page showed them; notes say
which figures the audit could not find in the source.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, UOG, Reference

GUIDELINES: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 6. guidelines
    Reference(
        key="acog_pb142",
        authors=None,
        title="Cerclage for the Management of Cervical Insufficiency. ACOG Practice Bulletin "
        "No. 142",
        journal="American College of Obstetricians and Gynecologists",
        year=2014,
        note="February 2014 (copies of the bulletin seen); reaffirmed 2019 (dossier). Clinical "
        "definition of CI: inability of the cervix to retain a second-trimester pregnancy "
        "without contractions or labour; a short CL alone is not sufficient for the diagnosis. "
        "History-, ultrasound- and physical-exam-indicated cerclage (indications via JHU "
        "manual, secondary). Contraindication list unverified.",
    ),
    Reference(
        key="smfm_2012",
        authors="SMFM Publications Committee, Berghella",
        title="Progesterone and preterm birth prevention: translating clinical trials data into "
        "clinical practice",
        journal=f"{AJOG} 206:376-86",
        year=2012,
        doi="10.1016/j.ajog.2012.03.010",
        note="SMFM clinical guideline (Publications Committee, with the assistance of Vincenzo "
        "Berghella). Singleton, no prior PTB, CL <=20 mm at <=24 wk: VP 90 mg gel or 200 mg "
        "suppository.",
    ),
    Reference(
        key="smfm_consult40_2016",
        authors="McIntosh et al.",
        title="SMFM Consult Series #40: The role of routine cervical length screening in "
        "selected high- and low-risk women for preterm birth prevention",
        journal=f"{AJOG} 215(3):B2-B7",
        year=2016,
        doi="10.1016/j.ajog.2016.04.027",
        note="SMFM; McIntosh J, Feltovich H, Berghella V, Manuck T. Routine TV CL for singletons "
        "with prior sPTB (1A); not routinely with cerclage, multiple gestation, PPROM or "
        "placenta praevia (2B); universal screening only under strict guidelines (2B); "
        "training (2B).",
    ),
    Reference(
        key="smfm_2024",
        authors="Biggio et al.",
        title="Society for Maternal-Fetal Medicine Consult Series #70: Management of short "
        "cervix in individuals without a history of spontaneous preterm birth",
        journal=AJOG,
        year=2024,
        url="https://publications.smfm.org/publications/560-society-for-maternal-fetal-"
        "medicine-consult-series-70",
        note="SMFM; J Biggio; Publications Committee. Recommendations (SMFM publications page): "
        "TV measurement per PQF/FMF protocols (1C); short = CL <=25 mm in singletons without "
        "prior sPTB (1C); VP if CL <=20 mm before 24 wk (1A); consider VP at 21-25 mm by "
        "shared decision (1B); no 17-OHPC, including compounded (1B); no cerclage for CL "
        "10-25 mm without dilation (1B); pessary not recommended. Volume, pages and PMID not "
        "seen.",
    ),
    Reference(
        key="acog_pa_2023_progesterone",
        authors=None,
        title="Updated Clinical Guidance for the Use of Progestogen Supplementation for the "
        "Prevention of Recurrent Preterm Birth. ACOG Practice Advisory",
        journal="American College of Obstetricians and Gynecologists",
        year=2023,
        url="https://www.acog.org/clinical/clinical-guidance/practice-advisory/articles/2023/"
        "04/updated-guidance-use-of-progesterone-supplementation-for-prevention-of-recurrent-"
        "preterm-birth",
        verified="yes",
        note="April 2023, an update to Practice Bulletin No. 234 after the FDA withdrew "
        "17-OHPC: 'Vaginal progesterone may be considered as a treatment option for patients "
        "with a history of preterm birth, singleton gestation, and a shortened cervix', not "
        "in the absence of a shortened cervix; IM 17-OHPC no longer recommended.",
    ),
    Reference(
        key="smfm_statement_2023_17ohpc",
        authors="Society for Maternal-Fetal Medicine",
        title="SMFM Statement: Response to the Food and Drug Administration's withdrawal of "
        "17-alpha hydroxyprogesterone caproate",
        journal=AJOG,
        year=2023,
        url="https://old.smfm.org/publications/467-smfm-statement-response-to-the-food-and-"
        "drug-administrations-withdrawal-of-17-alpha-hydroxyprogesterone-caproate",
        verified="yes",
        note="Discourages continued prescribing of 17-OHPC (FDA withdrawal 5 April 2023); no "
        "change to the indications for cerclage or for vaginal progesterone with a short "
        "cervix; vaginal progesterone without a short cervix by shared decision.",
    ),
    Reference(
        key="rcog_gtg75_2022",
        authors="Shennan, Story",
        title="Cervical Cerclage: Green-top Guideline No. 75",
        journal="BJOG 129:1178-1210",
        year=2022,
        doi="10.1111/1471-0528.17003",
        note="June 2022, second edition (first: No. 60, 2011). HIC for >=3 prior PTBs (B); "
        "serial scans after prior loss/PTB (B); no cerclage for an incidental short cervix "
        "(B); transabdominal after failed transvaginal cerclage (grade A after a 10 March 2023 "
        "correction); emergency cerclage delays birth by ~34 days on average. Removal timing "
        "(36+0-37+0 wk) not captured.",
    ),
    Reference(
        key="nice_ng25",
        authors=None,
        title="Preterm labour and birth. NICE guideline NG25",
        journal="National Institute for Health and Care Excellence",
        year=2015,
        url="https://www.nice.org.uk/guidance/ng25",
        note="Published 20 Nov 2015; recommendations on VP and cerclage updated August 2019; "
        "last updated 10 June 2022. Quality standard QS135 statement 2: previous preterm birth "
        "or loss and CL 25 mm or less at 16+0-24+0 wk -> choice of prophylactic VP or "
        "prophylactic cerclage.",
    ),
    Reference(
        key="figo_2021",
        authors="Shennan et al.",
        title="FIGO good practice recommendations on progestogens for prevention of preterm "
        "delivery",
        journal="Int J Gynaecol Obstet 155:16-18",
        year=2021,
        pmid="34520058",
        doi="10.1002/ijgo.13852",
        note="FIGO Working Group for Preterm Birth. Daily VP or weekly 17-OHPC for high-risk "
        "singletons; uncertain with prior sPTB and CL >=30 mm; not for unselected multiples; "
        "predates the 2023 FDA withdrawal of 17-OHPC.",
    ),
    # ---------------------------------------------------------------- 7. economics
    Reference(
        key="cahill_2010",
        authors="Cahill et al.",
        title="Universal cervical length screening and treatment with vaginal progesterone to "
        "prevent preterm birth: a decision and economic analysis",
        journal=f"{AJOG} 202:548.e1-8",
        year=2010,
        pmid="20079888",
        doi="10.1016/j.ajog.2009.12.005",
        note="Universal screening + VP dominant over 3 alternatives; expected cost $8,325 vs "
        "$9,664 (17-OHPC strategy), saving $1,339; 95,920 PTBs prevented per year in the US.",
    ),
    Reference(
        key="werner_2011",
        authors="Werner et al.",
        title="Universal cervical-length screening to prevent preterm birth: a "
        "cost-effectiveness analysis",
        journal=f"{UOG} 38:32-7",
        year=2011,
        pmid="21157771",
        doi="10.1002/uog.8911",
        note="Single TV CL at 18-24 wk, VP if CL <15 mm, VP assumed to cut PTB <34 wk by 45%. "
        "Per 100,000 screened: $12,119,947 saved, 423.9 QALYs, 22 neonatal deaths or "
        "neurological deficits prevented (from the dossier; the abstract seen was cut off "
        "after '$12,').",
    ),
    Reference(
        key="ajog_2016_cl_screening_cea",
        authors="Einerson et al.",
        title="Cost-effectiveness of risk-based screening for cervical length to prevent "
        "preterm birth",
        journal=AJOG,
        year=2016,
        note="Einerson BD, Grobman WA, Miller ES; July 2016 issue (pages not seen). 3.5 million "
        "US women/year without prior PTB: universal vs risk-based screening +2.19 million TV "
        "scans, +11,027 treated, 913 fewer PTB <35 wk, 63 fewer neonatal deaths, +$51,936,699; "
        "ICER $21,144/QALY.",
    ),
    Reference(
        key="norman_2020",
        authors="Norman",
        title="Progesterone and preterm birth",
        journal="Int J Gynaecol Obstet 150:24-30",
        year=2020,
        pmid="32524598",
        doi="10.1002/ijgo.13187",
        note="Single-author review (Jane E Norman). A CL screening programme followed by "
        "progesterone would reduce PTB rates by less than 0.5%.",
    ),
)
