"""Cervical length and base rates of preterm birth, twins, smoking and fetal death.

Part of the bibliographic registry (:mod:`cilib.params.references`); every field comes from the
project's evidence dossier, ``None`` where the dossier does not give it.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, NEJM, NVSR, UOG, Reference

EPIDEMIOLOGY: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 1. cervical length
    Reference(
        key="iams_1996",
        authors="Iams et al.",
        title="Transvaginal cervical length at 24 and 28 weeks and the risk of spontaneous "
        "preterm delivery (NICHD MFMU cohort)",
        journal=NEJM,
        year=1996,
        pmid="8569824",
        note="2,915 singletons scanned at ~24 wk (2,531 rescanned at ~28 wk), 10 MFMU clinics; "
        "CL mean 35.2 mm, SD 8.3 mm; centiles and RR of sPTB <35 wk by CL centile.",
        title_is_descriptive=True,
    ),
    Reference(
        key="heath_1998_demographics",
        authors="Heath et al.",
        title="Cervical length at 23 weeks in routine care: distribution, demographic "
        "factors and measurement reproducibility",
        journal=f"{UOG} 12:304-11",
        year=1998,
        pmid="9819867",
        note="2,702 UK singletons; median CL 38 mm at 23 wk, CL <=15 mm in 1.6%; 95% of "
        "repeat measurements within 3.5 mm.",
        title_is_descriptive=True,
    ),
    Reference(
        key="heath_1998_prediction",
        authors="Heath et al.",
        title="Cervical length at 23 weeks and prediction of spontaneous preterm delivery",
        journal=f"{UOG} 12:312-7",
        year=1998,
        pmid="9819868",
        note="Prevalence CL <=15 mm at 23 wk 1.7% (43/2,567), UK singletons.",
        title_is_descriptive=True,
    ),
    Reference(
        key="to_2001",
        authors=None,
        title="Cervical length at 22-24 weeks in routine screening (Fetal Medicine "
        "Foundation, London)",
        journal=UOG,
        year=2001,
        doi="10.1046/j.1469-0705.2001.00437.x",
        note="Authors not shown in the dossier (commonly cited as To et al.). 6,819 screened, "
        "6,334 analysed; median CL 36 mm, CL <=15 mm in 1.6%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="fonseca_2007",
        authors="Fonseca et al.",
        title="Vaginal progesterone vs placebo in women with a short cervix (CL <=15 mm) "
        "found at routine screening (FMF trial)",
        journal=f"{NEJM} 357:462-9",
        year=2007,
        pmid="17671254",
        note="Screening prevalence CL <=15 mm 413/24,620 = 1.7% at median 22 wk; sPTB <34 wk "
        "19.2% vs 34.4%, RR 0.56 (0.36-0.86).",
        title_is_descriptive=True,
    ),
    Reference(
        key="hassan_2000",
        authors="Hassan et al.",
        title="Cervical length at 14-24 weeks in a large Detroit population",
        journal=AJOG,
        year=2000,
        pmid="10871466",
        note="6,877 women, two-stage TA then TV scanning; mean CL 37.5 mm.",
        title_is_descriptive=True,
    ),
    Reference(
        key="plos_one_2021_cl_meta",
        authors=None,
        title="Meta-analysis of mid-trimester cervical length (16-24 weeks) across populations",
        journal="PLoS One",
        year=2021,
        doi="10.1371/journal.pone.0245746",
        note="Article id pone.0245746 in the dossier (DOI formed from it); authors not shown. "
        "57 articles, 158,346 women; pooled mean CL 37.96 mm (36.68-39.24); shorter in "
        "African and Asian populations, lower-income countries, lower body weight.",
        title_is_descriptive=True,
    ),
    Reference(
        key="temming_2016",
        authors="Temming et al.",
        title="Universal transvaginal cervical length screening at 17-23 weeks in a single "
        "US centre: uptake and prevalence of short cervix",
        journal=f"{AJOG} 214:523.e1-8",
        year=2016,
        note="St Louis, 2011-2014, singletons; 85.3% accepted; CL <=25 mm 2.0%, <=20 mm 1.2%; "
        "Black women more likely to decline (aOR 2.17).",
        title_is_descriptive=True,
    ),
    Reference(
        key="twin_cl_brazil_2023",
        authors=None,
        title="Cervical length distribution in Brazilian twin pregnancies (P5 trial screening)",
        journal="Rev Bras Ginecol Obstet",
        year=2023,
        doi="10.1055/s-0043-1769467",
        note="253 twin pregnancies at 18-22+6 wk; mean 33.7 mm, median 35.5 mm, 10th "
        "centile 17.8 mm. Authors not shown in the dossier.",
        title_is_descriptive=True,
    ),
    Reference(
        key="carvalho_2003",
        authors=None,
        title="Change in cervical length from 11-14 to 22-24 weeks in unselected women",
        journal=UOG,
        year=2003,
        doi="10.1002/uog.32",
        note="Authors not shown in the dossier (commonly cited as Carvalho et al.). 529 women; "
        "mean CL 42.4 -> 38.6 mm; preterm deliverers 40.6 -> 26.7 mm.",
        title_is_descriptive=True,
    ),
    Reference(
        key="parma_2002_cl_decline",
        authors=None,
        title="Cross-sectional study of cervical length decline through pregnancy in "
        "low-risk women (Parma)",
        journal="J Ultrasound Med",
        year=2002,
        pmid="11883533",
        note="321 low-risk women; roughly linear fall between 10 and 40 wk; no parity "
        "difference. Authors not shown in the dossier.",
        title_is_descriptive=True,
    ),
    Reference(
        key="greco_2011",
        authors="Greco et al.",
        title="Endocervical length at 11-13 weeks compared with 20-24 weeks",
        journal="Prenat Diagn",
        year=2011,
        note="1,508 singletons; median endocervical length 32.4 and 32.2 mm (isthmus excluded "
        "at 11-13 wk).",
        title_is_descriptive=True,
    ),
    Reference(
        key="salomon_2009",
        authors="Salomon et al.",
        title="Reference range for cervical length across pregnancy (LMS model, France)",
        journal=UOG,
        year=2009,
        verified="no",
        note="6,614 measurements; the centile values were not captured (dossier: 'no (numbers)').",
        title_is_descriptive=True,
    ),
    # ---------------------------------------------------------------- 2. base rates
    Reference(
        key="nvsr_2022_births",
        authors="Osterman et al.",
        title="Births: Final Data for 2022",
        journal=f"{NVSR} 73(2)",
        year=None,
        pmid="38625869",
        note="Data year 2022 (publication year not stated in the dossier). PTB <37 wk 10.38% "
        "of 3,667,758 births; twin birth rate 31.2/1,000; smoking in pregnancy 3.7%; mean "
        "age at first birth 27.4 y (tables summary, secondary).",
    ),
    Reference(
        key="nvsr_2023_births",
        authors="Osterman et al.",
        title="Births: Final Data for 2023",
        journal=NVSR,
        year=2025,
        pmid="40961109",
        note="PTB <37 wk 10.41% of 3,596,017 births; twin birth rate fell 2%. Provisional "
        "2023 data brief: PMID 39325585.",
    ),
    Reference(
        key="march_of_dimes_2022",
        authors=None,
        title="March of Dimes 2022 Report Card",
        journal="March of Dimes (NVSS data)",
        year=2022,
        verified="yes (secondary)",
        note="PTB <37 wk 10.5% in 2021 (383,082); Black 14.7%, American Indian/Alaska Native "
        "12.3%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="march_of_dimes_2024",
        authors=None,
        title="March of Dimes 2024 Report Card",
        journal="March of Dimes",
        year=2024,
        verified="yes (secondary)",
        note="Read via news summaries. 2023 PTB: Black 14.7%; AI/AN and Pacific Islander 12.4%; "
        "Hispanic 10.1%; overall 10.4%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="gregory_2022_fetal_mortality",
        authors="Gregory et al.",
        title="Fetal Mortality: United States 2022",
        journal=NVSR,
        year=None,
        note="Data year 2022 (publication year not stated in the dossier). 20,202 fetal deaths "
        ">=20 wk; 5.48/1,000; 2.79 at 20-27 wk; 2.71 at >=28 wk.",
    ),
    Reference(
        key="hrsa_2010_child_health_usa",
        authors=None,
        title="Child Health USA 2010 (NVSS preterm birth by gestational age)",
        journal="HRSA",
        year=2010,
        note="US 2008 preliminary: <32 wk 2.0%, 32-33 wk 1.6%, 34-36 wk 8.8% (total 12.3%).",
        title_is_descriptive=True,
    ),
    Reference(
        key="acog_pb234_2021",
        authors=None,
        title="ACOG Practice Bulletin No. 234 (screening for and prevention of preterm birth)",
        journal="American College of Obstetricians and Gynecologists",
        year=2021,
        verified="yes (secondary)",
        note="Read via an UpToDate consensus table and the AAFP 2022 summary. Serial TV CL "
        "16-24 wk after prior sPTB; short = CL <=25 mm; VP for no prior PTB + CL <=25 mm.",
        title_is_descriptive=True,
    ),
    Reference(
        key="aafp_2022_pb234_summary",
        authors=None,
        title="Summary of ACOG Practice Bulletin No. 234 on preterm birth prevention",
        journal="Am Fam Physician 106:337-9",
        year=2022,
        verified="yes (secondary)",
        note="Early preterm <34 wk ~3% of births; ~60% of twins preterm; 1 in 20 nulliparas "
        "preterm; prior D&C raises PTB risk ~30%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="acog_pb130_2012",
        authors=None,
        title="ACOG Practice Bulletin No. 130 (preterm birth)",
        journal="American College of Obstetricians and Gynecologists",
        year=2012,
        note="Preterm labour precedes ~50% of preterm births.",
        title_is_descriptive=True,
    ),
    Reference(
        key="chandiramani_2007",
        authors="Chandiramani, Shennan",
        title="Review of the share of preterm births that are spontaneous vs iatrogenic",
        journal="Fetal Matern Med Rev",
        year=2007,
        note="About 75% of PTB spontaneous; at 27-28 wk about half iatrogenic.",
        title_is_descriptive=True,
    ),
    Reference(
        key="ptb_subtype_chapter",
        authors=None,
        title="Book chapter on preterm birth subtypes (spontaneous labour, PPROM, indicated)",
        journal="Taylor & Francis (book chapter)",
        year=None,
        verified="yes (secondary)",
        note="Spontaneous labour ~45% (23-64%), PPROM ~30% (7-51%), indicated ~25% (19-35%). "
        "Authors and book not shown in the dossier.",
        title_is_descriptive=True,
    ),
    Reference(
        key="goldenberg_2008",
        authors="Goldenberg et al.",
        title="Review of the epidemiology and causes of preterm birth",
        journal="Lancet",
        year=2008,
        pmid="18177778",
        verified="no",
        note="Abstract seen; the 40-45% labour / 25-30% PPROM / 30-35% indicated split is not "
        "in the abstract and is unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="mercer_1999",
        authors="Mercer et al.",
        title="Recurrence of spontaneous preterm birth in multiparous women (MFMU Preterm "
        "Prediction Study)",
        journal=f"{AJOG} 181:1216-21",
        year=1999,
        note="1,711 multiparous singletons; sPTB <37 wk 21.7% after prior sPTB vs 8.8% "
        "without; incidence by cut-off <28 to <37 wk.",
        title_is_descriptive=True,
    ),
    Reference(
        key="harper_owen_2017",
        authors="Harper, Owen",
        title="Chapter on cervical insufficiency: definitions and incidence",
        journal="Global Library of Women's Medicine",
        year=2017,
        verified="yes (secondary)",
        note="Classic CI 1/100 to 1/2,000 births; expanded definition (prior sPTB + CL <25 mm) "
        "3-4% of the obstetric population.",
        title_is_descriptive=True,
    ),
    Reference(
        key="bmj_best_practice_miscarriage",
        authors=None,
        title="Miscarriage: epidemiology",
        journal="BMJ Best Practice",
        year=None,
        verified="yes (secondary)",
        note="~1-2% of pregnancies reaching the 2nd trimester miscarry before 24 wk.",
        title_is_descriptive=True,
    ),
    Reference(
        key="am_fam_physician_2007_miscarriage",
        authors=None,
        title="Review of second-trimester pregnancy loss",
        journal="Am Fam Physician",
        year=2007,
        verified="yes (secondary)",
        note="Quoted by a consumer site: miscarriage at 13-19 wk in 1-5% of pregnancies; "
        "stillbirth 20-27 wk ~0.3%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="medrxiv_2022_twin_ga",
        authors=None,
        title="Gestational age distribution of US twin births in 2020",
        journal="medRxiv 2022.10.19.22281268",
        year=2022,
        note="112,633 US twin newborns; median 36 wk, mode 37 wk. Preprint identifier as given "
        "in the dossier (no DOI stated).",
        title_is_descriptive=True,
    ),
    Reference(
        key="houlihan_2016",
        authors="Houlihan et al.",
        title="Twin pregnancy and early spontaneous preterm birth (background statement)",
        journal=f"{UOG} 48:752-6",
        year=2016,
        verified="yes (secondary)",
        note="Twins <2% of pregnancies but >25% of spontaneous early PTB.",
        title_is_descriptive=True,
    ),
    Reference(
        key="dodd_2017_cochrane_twins",
        authors="Dodd et al.",
        title="Cochrane review on preterm birth prevention in multiple pregnancy (background)",
        journal="Cochrane Database Syst Rev (CD012024)",
        year=2017,
        verified="yes (secondary)",
        note="Background: more than 50% of twin pregnancies deliver <37 wk.",
        title_is_descriptive=True,
    ),
)
