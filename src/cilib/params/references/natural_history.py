"""Sources of the natural-history mechanisms added in cilib 0.2: cervical failure, PPROM, the
new risk factors (laceration, mechanical dilation, earlier infection), race and age gradients.

Part of the bibliographic registry (:mod:`cilib.params.references`). Each entry was checked
against its abstract or a reproduction of the primary page (the ``note`` says where a figure
comes only from a secondary page, and ``verified`` says so).
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, NVSR, OBSTET_GYNECOL, Reference

NATURAL_HISTORY: tuple[Reference, ...] = (
    Reference(
        key="anum_2010",
        authors="Anum EA, Brown HL, Strauss JF 3rd",
        title="Health disparities in risk for cervical insufficiency",
        journal="Hum Reprod 25:2894-900",
        year=2010,
        pmid="20643692",
        doi="10.1093/humrep/deq177",
        note="US 2005 natality file, singleton births: cervical insufficiency in Black vs "
        "White women, adjusted OR 2.45 (2.22-2.71); in primiparas, OR by earlier "
        "terminations 2.49 (one) to 12.36 (four or more).",
    ),
    Reference(
        key="tanner_2018",
        authors="Tanner LD, Tucker LY, Postlethwaite D, Greenberg M",
        title="Maternal race/ethnicity as a risk factor for cervical insufficiency",
        journal="Eur J Obstet Gynecol Reprod Biol 221:156-9",
        year=2018,
        pmid="29306181",
        doi="10.1016/j.ejogrb.2017.12.009",
        note="Kaiser Permanente Northern California 2012, 34,173 singleton pregnancies: "
        "cervical insufficiency about 1%; Black 3.2% vs White 0.9%, adjusted OR 2.89 "
        "(2.13-3.92).",
    ),
    Reference(
        key="miller_2025_ci_disparities",
        authors="Miller HE, Mayo JA, Reddy RA, Leonard SA, Lee HC, Suharwardy S, Lyell DJ",
        title="Racial and ethnic disparities in cervical insufficiency, cervical cerclage, "
        "and preterm birth",
        journal="J Womens Health 34(1)",
        year=2025,
        doi="10.1089/jwh.2024.0088",
        note="California singleton births 2007-2018 (5.1 million): cervical insufficiency "
        "0.8%; non-Hispanic Black vs White adjusted OR 3.07 (2.97-3.18).",
    ),
    Reference(
        key="hamou_2020_laceration",
        authors="Hamou B, Sheiner E, Coreanu T, Walfisch A, Silberstein T",
        title="Intrapartum cervical lacerations and their impact on future pregnancy outcome",
        journal=None,
        year=None,
        url="https://cris.bgu.ac.il/en/publications/intrapartum-cervical-lacerations-and-"
        "their-impact-on-future-pregn",
        note="Soroka University Medical Center 1991-2014, 187,162 subsequent singleton "
        "deliveries: a cervical laceration at the previous delivery in 429 (0.2%); then "
        "cervical incompetence 1.9% vs 0.3%, preterm delivery adjusted OR 1.8 (1.1-2.8). "
        "Abstract read on the university's repository; journal and year not shown there.",
    ),
    Reference(
        key="lemmers_2016",
        authors="Lemmers M, Verschoor MAC, Hooker AB, Opmeer BC, Limpens J, Huirne JAF, "
        "Ankum WM, Mol BWM",
        title="Dilatation and curettage increases the risk of subsequent preterm birth: a "
        "systematic review and meta-analysis",
        journal="Hum Reprod 31:34-45",
        year=2016,
        pmid="26534897",
        doi="10.1093/humrep/dev274",
        note="21 studies, 1.85 million women: D&C vs none, PTB <37 wk OR 1.29 (1.17-1.42), "
        "<32 wk 1.69 (1.20-2.38); multiple D&Cs OR 1.74 (1.10-2.76) read in conference "
        "coverage only.",
    ),
    Reference(
        key="jones_jerman_2017",
        authors="Jones RK, Jerman J",
        title="Population group abortion rates and lifetime incidence of abortion: United "
        "States, 2008-2014",
        journal="Am J Public Health 107:1904-9",
        year=2017,
        pmid="29048970",
        doi="10.2105/AJPH.2017.304042",
        note="At 2014 rates 24% of US women have an abortion by age 45 (4.6% by 20, 19% by "
        "30, the last two from a Guttmacher summary).",
    ),
    Reference(
        key="reekie_2018",
        authors="Reekie J, Roberts C, Preen D, Hocking JS, Donovan B, Ward J, Mak DB, Liu B",
        title="Chlamydia trachomatis and the risk of spontaneous preterm birth, babies who are "
        "born small for gestational age, and stillbirth: a population-based cohort study",
        journal="Lancet Infect Dis 18:452-60",
        year=2018,
        pmid="29371067",
        doi="10.1016/S1473-3099(18)30045-8",
        note="Western Australia 2001-2012, 101,558 women: any positive chlamydia test vs "
        "negative, spontaneous PTB adjusted OR 1.08 (0.91-1.28); 8.3% of those tested before "
        "pregnancy were positive.",
    ),
    Reference(
        key="dale_1989_pprom",
        authors="Dale PO, et al.",
        title="Duration of the latency period in preterm premature rupture of the membranes. "
        "Maternal and neonatal consequences of expectant management",
        journal="Eur J Obstet Gynecol Reprod Biol 30:257-62",
        year=1989,
        pmid="2714507",
        doi="10.1016/0028-2243(89)90010-5",
        note="111 women with PPROM at 20-34 wk managed expectantly: median latency 7 days "
        "(0-109), inversely related to gestation at rupture; clinical chorioamnionitis 12.6%.",
    ),
    Reference(
        key="mercer_2004_pprom",
        authors="Mercer BM",
        title="Preterm premature rupture of the membranes: diagnosis and management",
        journal="Clin Perinatol 31:765-82",
        year=2004,
        note="PPROM causes about one third of preterm deliveries (text read in a "
        "reproduction of the article).",
        verified="yes (secondary)",
    ),
    Reference(
        key="mercer_2000_pprom",
        authors="Mercer BM, Goldenberg RL, Meis PJ, Moawad AH, Shellhaas C, Das A, et al.",
        title="The Preterm Prediction Study: prediction of preterm premature rupture of "
        "membranes through clinical findings and ancillary testing",
        journal="Am J Obstet Gynecol 183:738-45",
        year=2000,
        pmid="10992202",
        note="2,929 women of the MFMU network (the Iams 1996 cohort) scanned at 23-24 wk: PPROM "
        "before 37 wk in 4.5%, 32.6% of preterm births (abstract); a CL <= 25 mm was the "
        "strongest predictor of PPROM before 35 wk, adjusted OR 9.9 (3.8-25.9) in nulliparous "
        "and 4.2 (2.0-8.9) in multiparous women (Table, as reproduced in Mercer, Semin "
        "Perinatol 2007;31:142-58, Table 2).",
        verified="yes",
    ),
    Reference(
        key="acog_pb80_2007",
        authors="American College of Obstetricians and Gynecologists",
        title="Practice Bulletin No. 80: Premature rupture of membranes",
        journal=OBSTET_GYNECOL,
        year=2007,
        note="'PROM is a complication in approximately one third of preterm births' (text of "
        "the bulletin in a reproduction). Its 2020 successor (PB 217) says only 'a "
        "significant proportion'.",
        verified="yes (secondary)",
    ),
    Reference(
        key="ukoss_2024_previable_pprom",
        authors=None,
        title="Preterm prelabour rupture of membranes before 23 weeks' gestation: prospective "
        "observational study",
        journal="BMJ Medicine 3:e000729",
        year=2024,
        url="https://bmjmedicine.bmj.com/content/3/1/e000729",
        note="UK national cohort (UKOSS), PPROM at 16-22+6 wk: singleton live birth 44%, "
        "survival to discharge 26%, maternal sepsis 12%; latency >= 28 days in 38% of "
        "expectantly managed singletons, < 72 h in 27%.",
    ),
    Reference(
        key="manuck_2009",
        authors="Manuck TA, Eller AG, Esplin MS, Stoddard GJ, Varner MW, Silver RM",
        title="Outcomes of expectantly managed preterm premature rupture of membranes "
        "occurring before 24 weeks of gestation",
        journal=f"{OBSTET_GYNECOL} 114:29-37",
        year=2009,
        pmid="19546755",
        doi="10.1097/AOG.0b013e3181ab6fd3",
        note="159 singletons, Utah 2001-2007: median rupture 21.4 wk, median delivery 24.7 wk; "
        "56% of neonates survived.",
    ),
    Reference(
        key="nvsr_2002_births",
        authors="Martin JA, Hamilton BE, Sutton PD, Ventura SJ, Menacker F, Munson ML",
        title="Births: final data for 2002",
        journal=f"{NVSR} 52(10):1-113",
        year=2003,
        pmid="14717305",
        note="Plurality table: very preterm (<32 wk) 1.6% of singletons, 11.9% of twins, "
        "36.1% of triplets; preterm 58.2% of twins (figures read in a reproduction of the "
        "table; title, volume and issue on PubMed).",
        verified="yes (secondary)",
    ),
    Reference(
        key="martin_osterman_2024_nvsr73_1",
        authors="Martin JA, Osterman MJK",
        title="Shifts in the distribution of births by gestational age: United States, 2014-2022",
        journal=f"{NVSR} 73(1)",
        year=2024,
        note="Singleton births 2022, preterm (<37 wk) by maternal age, Table 2: under 20 "
        "9.66%, 20-29 8.23%, 30-39 8.69%, 40 and over 12.52%, all singletons 8.67%. The "
        "abstract (singletons, obstetric estimate, by maternal age) was read; the table's "
        "figures only in a public reconstruction of Table 2 (GitHub "
        "Wolbyworld/birth-probability-explorer), so they must be checked against the report. "
        "March of Dimes PeriStats 2009-2011 (9.2, 8.1, 8.6, 11.6%) has the same shape.",
        verified="no",
    ),
    Reference(
        key="medscape_ci_presentation",
        authors="Norwitz ER",
        title="Cervical insufficiency clinical presentation",
        journal="Medscape",
        year=2021,
        url="https://emedicine.medscape.com/article/1979914-clinical",
        note="'Although most patients are asymptomatic, they may present with pelvic "
        "pressure, cramping, back pain, or increased vaginal discharge. Uterine contractions "
        "are typically rare or absent.' No proportion is published.",
        verified="yes (secondary)",
    ),
    Reference(
        key="wood_2017_second_stage_cs",
        authors="Wood SL, Tang S, Crawford S",
        title="Cesarean delivery in the second stage of labor and the risk of subsequent "
        "premature birth",
        journal=f"{AJOG} 217(1):63.e1",
        year=2017,
        note="Alberta, 189,021 paired births: spontaneous PTB after a second-stage caesarean "
        "RR 1.57 (1.43-1.73), <32 wk RR 2.12 (1.67-2.68). Cervical injury at birth, checked "
        "against the laceration effect.",
    ),
)
