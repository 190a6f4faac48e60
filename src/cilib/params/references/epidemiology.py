"""Cervical length and base rates of preterm birth, twins, smoking and fetal death.

Part of the bibliographic registry (:mod:`cilib.params.references`). Fields were first taken from
the project's evidence dossier and then checked against the published abstract, journal page or
an indexed copy of it (citation audit, ``notes/citations.md`` beside the repository). Titles,
volumes, pages and identifiers are filled in only where a retrieved page showed them; notes say
which figures the audit could not find in the source.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, NEJM, NVSR, UOG, Reference

EPIDEMIOLOGY: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 1. cervical length
    Reference(
        key="iams_1996",
        authors="Iams et al.",
        title="The length of the cervix and the risk of spontaneous premature delivery",
        journal=f"{NEJM} 334:567-72",
        year=1996,
        pmid="8569824",
        doi="10.1056/NEJM199602293340904",
        note="NICHD MFMU Network cohort. 2,915 singletons scanned at ~24 wk (2,531 rescanned at "
        "~28 wk), 10 university clinics; CL mean 35.2 mm, SD 8.3 mm; sPTB <35 wk 126 (4.3%); "
        "centiles and RR of sPTB <35 wk by CL centile (RRs from the dossier; the abstract seen "
        "was truncated before them).",
    ),
    Reference(
        key="heath_1998_demographics",
        authors="Heath et al.",
        title="Cervical length at 23 weeks of gestation: relation to demographic characteristics "
        "and previous obstetric history",
        journal=f"{UOG} 12:304-11",
        year=1998,
        pmid="9819867",
        note="Heath VC, Southall TR, Souka AP, Novakov A, Nicolaides KH. Title and citation "
        "checked (reference lists and an indexed abstract page); the figures (2,702 UK "
        "singletons, median CL 38 mm, CL <=15 mm in 1.6%, 95% of repeat measurements within "
        "3.5 mm) are from the dossier and were not seen again in this audit; PMID from the "
        "dossier.",
    ),
    Reference(
        key="burger_1997",
        authors="Burger M, Weber-Rossler T, Willmann M",
        title="Measurement of the pregnant cervix by transvaginal sonography: an interobserver "
        "study and new standards to improve the interobserver variability",
        journal=f"{UOG} 9:188-93",
        year=1997,
        pmid="9165682",
        doi="10.1046/j.1469-0705.1997.09030188.x",
        note="Before quality-control standards, 46 measurements had a mean interobserver "
        "discrepancy of 3.04 mm (range 0-6); after them, 1.24 mm (abstract).",
        verified="yes",
    ),
    Reference(
        key="heath_1998_prediction",
        authors="Heath et al.",
        title="Cervical length at 23 weeks of gestation: prediction of spontaneous preterm "
        "delivery",
        journal=f"{UOG} 12:312-7",
        year=1998,
        pmid="9819868",
        doi="10.1046/j.1469-0705.1998.12050312.x",
        note="Heath VC, Southall TR, Souka AP, Elisseou A, Nicolaides KH. 2,567 singletons at "
        "23 wk; CL <=15 mm in 43 (1.7%); risk of spontaneous delivery <=32 wk 78% at 5 mm, 4% "
        "at 15 mm, 0.5% at 50 mm (abstract). PMID from the dossier (not displayed on the "
        "abstract page seen).",
    ),
    Reference(
        key="to_2001",
        authors=None,
        title="Cervical length and funneling at 23 weeks of gestation in the prediction of "
        "spontaneous early preterm delivery",
        journal=UOG,
        year=2001,
        doi="10.1046/j.1469-0705.2001.00437.x",
        note="Title checked on the journal's abstract page for this DOI; the author list was "
        "not shown there (commonly cited as To et al.). 6,819 screened at 22-24 wk, 6,334 "
        "analysed; median CL 36 mm, CL <=15 mm in 1.6%; funneling ~4%.",
    ),
    Reference(
        key="fonseca_2007",
        authors="Fonseca et al.",
        title="Progesterone and the risk of preterm birth among women with a short cervix",
        journal=f"{NEJM} 357:462-9",
        year=2007,
        pmid="17671254",
        note="Fonseca EB, Celik E, Parra M, Singh M, Nicolaides KH (FMF trial). Screening "
        "prevalence CL <=15 mm 413/24,620 = 1.7% at median 22 wk; 250 randomised to VP 200 mg "
        "nightly 24-34 wk or placebo; spontaneous delivery <34 wk 19.2% vs 34.4%, RR 0.56 "
        "(0.36-0.86).",
    ),
    Reference(
        key="hassan_2000",
        authors="Hassan et al.",
        title="Patients with an ultrasonographic cervical length <=15 mm have nearly a 50% risk "
        "of early spontaneous preterm delivery",
        journal=f"{AJOG} 182:1458-67",
        year=2000,
        pmid="10871466",
        note="Detroit, 6,877 women at 14-24 wk, two-stage TA then TV scanning (TV if CL <30 mm); "
        "mean CL 37.5 mm.",
    ),
    Reference(
        key="plos_one_2021_cl_meta",
        authors="Bortoletto et al.",
        title="Cervical length varies considering different populations and gestational "
        "outcomes: Results from a systematic review and meta-analysis",
        journal="PLoS One 16(2):e0245746",
        year=2021,
        pmid="33592005",
        doi="10.1371/journal.pone.0245746",
        note="57 articles, 158,346 women in the meta-analysis; pooled mean CL at 16-24 wk "
        "37.96 mm (36.68-39.24); shorter in African and Asian populations, lower-income "
        "countries, lower body weight.",
    ),
    Reference(
        key="temming_2016",
        authors="Temming et al.",
        title="Universal cervical length screening: implementation and outcomes",
        journal=f"{AJOG} 214:523.e1-8",
        year=2016,
        note="St Louis, July 2011-Dec 2014, singletons at 17-23 wk; 10,871/12,740 (85.3%) "
        "accepted; CL <=25 mm 2.0% (215), <=20 mm 1.2% (131); African American women more "
        "likely to decline (aOR 2.17, 1.93-2.44).",
    ),
    Reference(
        key="twin_cl_brazil_2023",
        authors=None,
        title="The Use of Mid-Pregnancy Cervical Length to Predict Preterm Birth in Brazilian "
        "Asymptomatic Twin Gestations",
        journal="Rev Bras Ginecol Obstet 45(4):171-8",
        year=2023,
        doi="10.1055/s-0043-1769467",
        note="P5 trial screening phase. 253 twin pregnancies at 18-22+6 wk; mean 33.7 mm, median "
        "35.5 mm, 10th centile 17.8 mm. Author list not shown on the pages seen.",
    ),
    Reference(
        key="carvalho_2003",
        authors="Carvalho et al.",
        title="Cervical length at 11-14 weeks' and 22-24 weeks' gestation evaluated by "
        "transvaginal sonography, and gestational age at delivery",
        journal=f"{UOG} 21:135-9",
        year=2003,
        doi="10.1002/uog.32",
        note="529 unselected women; mean CL 42.4 -> 38.6 mm; preterm deliverers 40.6 -> 26.7 mm; "
        "term deliverers 42.7 -> 39.3 mm.",
    ),
    Reference(
        key="parma_2002_cl_decline",
        authors=None,
        title="Transvaginal sonographic cervical length changes during normal pregnancy",
        journal="J Ultrasound Med 21:227-32",
        year=2002,
        pmid="11883533",
        note="University of Parma; authors not shown on the abstract page seen. 321 low-risk "
        "women (185 nulliparous, 136 multiparous), cross-sectional; linear fall between the "
        "10th and 40th week; no parity difference.",
    ),
    Reference(
        key="greco_2011",
        authors="Greco et al.",
        title="Prediction of spontaneous preterm delivery from endocervical length at 11 to 13 "
        "weeks",
        journal="Prenat Diagn 31:84-9",
        year=2011,
        doi="10.1002/pd.2640",
        note="1,508 singletons (1,492 delivered after 34 wk, 16 before); median endocervical "
        "length 32.4 mm at 11-13 wk and 32.2 mm at 20-24 wk (isthmus excluded).",
    ),
    Reference(
        key="salomon_2009",
        authors="Salomon et al.",
        title="Reference range for cervical length throughout pregnancy (LMS model, France)",
        journal=UOG,
        year=2009,
        doi="10.1002/uog.6332",
        verified="no",
        note="6,614 measurements at 16-36 wk, LMS model with Z-score formula (abstract seen); "
        "the L, M, S values were not captured. Published title only partly seen ('Reference "
        "range for cervical length throughout pregnancy ...').",
        title_is_descriptive=True,
    ),
    # ---------------------------------------------------------------- 2. base rates
    Reference(
        key="nvsr_2022_births",
        authors="Osterman et al.",
        title="Births: Final Data for 2022",
        journal=f"{NVSR} 73(2)",
        year=2024,
        pmid="38625869",
        note="Data year 2022, published 4 April 2024 (vol 73 no 2). PTB <37 wk 10.38% of "
        "3,667,758 births; twin birth rate 31.2/1,000; smoking in pregnancy 3.7%; mean age at "
        "first birth 27.4 y (tables summary, secondary). PMID from the dossier and audit brief, "
        "not displayed on the pages seen.",
    ),
    Reference(
        key="nvsr_2023_births",
        authors="Osterman et al.",
        title="Births: Final Data for 2023",
        journal=f"{NVSR} (1)",
        year=2025,
        pmid="40961109",
        doi="10.15620/cdc/175204",
        note="Data year 2023, published 18 March 2025; PubMed shows issue (1) without a volume "
        "(vol 74 by NCHS numbering, not seen). PTB <37 wk 10.41% of 3,596,017 births; twin "
        "birth rate fell 2%. Provisional 2023 data brief (Births in the United States, 2023): "
        "PMID 39325585.",
    ),
    Reference(
        key="march_of_dimes_2022",
        authors=None,
        title="March of Dimes 2022 Report Card",
        journal="March of Dimes (NVSS data)",
        year=2022,
        url="https://www.marchofdimes.org/about/news/march-dimes-2022-report-card-shows-us-"
        "preterm-birth-rate-hits-15-year-high-rates",
        verified="yes (secondary)",
        note="Press release of 15 Nov 2022: PTB <37 wk 10.5% in 2021 (383,082); Black 14.4 -> "
        "14.7%, American Indian/Alaska Native 11.6 -> 12.3%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="march_of_dimes_2024",
        authors=None,
        title="March of Dimes 2024 Report Card",
        journal="March of Dimes",
        year=2024,
        url="https://www.marchofdimes.org/peristats/reports/united-states/report-card",
        verified="yes (secondary)",
        note="Overall 10.4% in 2023 on the report-card page; by race read via news summaries: "
        "Black 14.7%; AI/AN and Pacific Islander 12.4%; Hispanic 10.1%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="gregory_2022_fetal_mortality",
        authors="Gregory et al.",
        title="Fetal Mortality: United States, 2022",
        journal=f"{NVSR} 73(9)",
        year=2024,
        note="Gregory ECW, Valenzuela CP, Hoyert DL. Data year 2022, released 12 Sept 2024 "
        "(vol 73 no 9 per a secondary citation). 20,202 fetal deaths >=20 wk; 5.48/1,000; "
        "2.79 at 20-27 wk; 2.71 at >=28 wk.",
    ),
    Reference(
        key="hrsa_2010_child_health_usa",
        authors=None,
        title="Child Health USA 2010 (NVSS preterm birth by gestational age)",
        journal="HRSA",
        year=2010,
        url="http://www.mchb.hrsa.gov/chusa10/hstat/hsi/desc/204pbVcwg.html",
        note="US 2008 preliminary: <32 wk 2.0%, 32-33 wk 1.6%, 34-36 wk 8.8% (total 12.3%).",
        title_is_descriptive=True,
    ),
    Reference(
        key="acog_pb234_2021",
        authors=None,
        title="Prediction and Prevention of Spontaneous Preterm Birth: ACOG Practice Bulletin, "
        "Number 234",
        journal="Obstet Gynecol",
        year=2021,
        pmid="34293771",
        doi="10.1097/AOG.0000000000004479",
        verified="yes (secondary)",
        note="Abstract seen (PubMed): about half of PTB follow spontaneous preterm labour, a "
        "quarter PPROM, a quarter medically indicated. The screening and treatment rules (serial "
        "TV CL 16-24 wk after prior sPTB; short = CL <=25 mm; VP for no prior PTB + CL <=25 mm; "
        "continue to 36-37 wk) were read via an UpToDate consensus table and the AAFP 2022 "
        "summary, which instead says VP 'until 34 weeks'.",
    ),
    Reference(
        key="aafp_2022_pb234_summary",
        authors=None,
        title="Summary of ACOG Practice Bulletin No. 234 on preterm birth prevention",
        journal="Am Fam Physician 106(3):337-9",
        year=2022,
        url="https://www.aafp.org/pubs/afp/issues/2022/0900/practice-guidelines-preventing-"
        "preterm-birth.html",
        verified="yes (secondary)",
        note="Early preterm <34 wk 3% of births; preterm in 60% of twin and 98% of triplet "
        "pregnancies; 1 in 20 nulliparas preterm; daily VP from 20-24 to 34 wk; prior D&C "
        "raises PTB risk ~30% (the D&C figure was not in the preview seen by the audit).",
        title_is_descriptive=True,
    ),
    Reference(
        key="acog_pb130_2012",
        authors=None,
        title="Prediction and Prevention of Preterm Birth. ACOG Practice Bulletin No. 130",
        journal="Obstet Gynecol 120(4):964-73",
        year=2012,
        note="October 2012 (copies of the bulletin seen). Preterm labour precedes approximately "
        "50% of preterm births.",
    ),
    Reference(
        key="chandiramani_2007",
        authors="Chandiramani, Shennan",
        title="Premature cervical change and the use of cervical cerclage",
        journal="Fetal Matern Med Rev",
        year=2007,
        url="https://journals.cambridge.org/abstract_S0965539507001878",
        note="Extract on the Cambridge page: spontaneous preterm birth about 75% of all preterm "
        "births; at 27-28 wk 50% are iatrogenic.",
    ),
    Reference(
        key="ptb_subtype_chapter",
        authors=None,
        title="Book chapter on preterm birth subtypes (spontaneous labour, PPROM, indicated)",
        journal="Taylor & Francis (book chapter)",
        year=None,
        verified="yes (secondary)",
        note="Spontaneous labour ~45% (23-64%), PPROM ~30% (7-51%), indicated ~25% (19-35%). "
        "Authors and book not shown in the dossier. The ranges match Moutquin JM, "
        "'Classification and heterogeneity of preterm birth', BJOG 2003;110 Suppl 20 (doi "
        "10.1046/j.1471-0528.2003.00021.x), whose point values are 50% spontaneous / 25% PPROM "
        "/ 25% indicated, not 45/30/25.",
        title_is_descriptive=True,
    ),
    Reference(
        key="goldenberg_2008",
        authors="Goldenberg et al.",
        title="Epidemiology and causes of preterm birth",
        journal="Lancet 371:75-84",
        year=2008,
        pmid="18177778",
        doi="10.1016/S0140-6736(08)60074-4",
        note="Goldenberg RL, Culhane JF, Iams JD, Romero R. The split (about 30-35% indicated, "
        "40-45% spontaneous labour, 25-30% PPROM) is not in the abstract; it was read in a "
        "full-text copy of the paper (Epidemiology section). PMID from the dossier.",
    ),
    Reference(
        key="mercer_1999",
        authors="Mercer et al.",
        title="The preterm prediction study: effect of gestational age and cause of preterm "
        "birth on subsequent obstetric outcome",
        journal=f"{AJOG} 181:1216-21",
        year=1999,
        pmid="10561648",
        doi="10.1016/s0002-9378(99)70111-0",
        note="NICHD MFMU Network. 1,711 multiparous singletons at 23-24 wk; sPTB <28/30/32/35/37 "
        "wk 0.8/1.1/1.9/5.1/11.9%; sPTB <37 wk 21.7% after prior sPTB vs 8.8% without; 27.1% "
        "if the earliest prior sPTB was at 23-27 wk.",
    ),
    Reference(
        key="harper_owen_2017",
        authors="Harper, Owen",
        title="Cervical Insufficiency",
        journal="Global Library of Women's Medicine",
        year=2017,
        doi="10.3843/GLOWM.10190",
        verified="yes (secondary)",
        note="Chapter last updated January 2017. Classic CI 1/100 to 1/2,000 births; expanded "
        "definition (prior sPTB + CL <25 mm) 3-4% of the obstetric population.",
    ),
    Reference(
        key="bmj_best_practice_miscarriage",
        authors=None,
        title="Miscarriage: epidemiology",
        journal="BMJ Best Practice",
        year=None,
        url="https://bestpractice.bmj.com/topics/en-gb/666/epidemiology",
        verified="yes (secondary)",
        note="'Approximately 1% to 2% of all second trimester pregnancies miscarry before "
        "24 weeks' (topic 666, epidemiology page).",
        title_is_descriptive=True,
    ),
    Reference(
        key="am_fam_physician_2007_miscarriage",
        authors="Michels, Tiu",
        title="Second trimester pregnancy loss",
        journal="Am Fam Physician 76(9):1341-6",
        year=2007,
        url="http://www.aafp.org/afp/2007/1101/p1341.html",
        verified="yes (secondary)",
        note="Quoted by a consumer site: miscarriage at 13-19 wk in 1-5% of pregnancies; "
        "stillbirth 20-27 wk ~0.3%. The free preview seen by the audit defines the second "
        "trimester as 13-27 wk but does not show these figures.",
    ),
    Reference(
        key="medrxiv_2022_twin_ga",
        authors=None,
        title="Gestational age distribution of US twin births in 2020",
        journal="medRxiv 2022.10.19.22281268",
        year=2022,
        doi="10.1101/2022.10.19.22281268",
        note="Preprint abstract seen: 3,617,213 newborns in 2020; 112,633 twins, median 36 wk, "
        "mode 37 wk. Authors not shown on the preprint page (an RTI Health Solutions poster of "
        "the same analysis lists Margulis AV et al.).",
        title_is_descriptive=True,
    ),
    Reference(
        key="houlihan_2016",
        authors="Houlihan et al.",
        title="Cervical cerclage for preterm birth prevention in twin gestation with short "
        "cervix: a retrospective cohort study",
        journal=f"{UOG} 48:752-6",
        year=2016,
        doi="10.1002/uog.15918",
        note="Houlihan C, Poon LCY, Ciarlo M, Kim E, Guzman ER, Nicolaides KH. Cited only for "
        "its introduction (read in a full-text copy): twins are <2% of pregnancies but >25% of "
        "spontaneous early PTB.",
    ),
    Reference(
        key="dodd_2017_cochrane_twins",
        authors="Dodd et al.",
        title="Prenatal administration of progestogens for preventing spontaneous preterm birth "
        "in women with a multiple pregnancy",
        journal="Cochrane Database Syst Rev (CD012024.pub2)",
        year=2017,
        pmid="29086920",
        doi="10.1002/14651858.CD012024.pub2",
        note="Background of the abstract: more than 50% of women with a twin pregnancy give "
        "birth before 37 wk.",
    ),
)
