"""Trials and meta-analyses of progestogens, cerclage and pessary.

Part of the bibliographic registry (:mod:`cilib.params.references`). Fields were first taken from
the project's evidence dossier and then checked against the published abstract, journal page or
an indexed copy of it (citation audit, ``notes/citations.md`` beside the repository). Titles,
volumes, pages and identifiers are filled in only where a retrieved page showed them; notes say
which figures the audit could not find in the source.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, NEJM, OBSTET_GYNECOL, UOG, Reference

TREATMENTS: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 5a. progestogens
    Reference(
        key="hassan_2011",
        authors="Hassan et al.",
        title="Vaginal progesterone reduces the rate of preterm birth in women with a "
        "sonographic short cervix: a multicenter, randomized, double-blind, placebo-controlled "
        "trial",
        journal=f"{UOG} 38:18-31",
        year=2011,
        pmid="21472815",
        doi="10.1002/uog.9017",
        note="PREGNANT trial. CL 10-20 mm at 19-23+6 wk; 465 randomised, 458 analysed (235 vs "
        "223); PTB <33 wk RR 0.55 (0.33-0.92). Treated-patient table in PMC3482512. Screening "
        "numbers (~32,091 screened, 2.3% CL 10-20 mm) are unverified.",
    ),
    Reference(
        key="romero_2012",
        authors="Romero et al.",
        title="Vaginal progesterone in women with an asymptomatic sonographic short cervix in "
        "the midtrimester decreases preterm delivery and neonatal morbidity: a systematic review "
        "and metaanalysis of individual patient data",
        journal=f"{AJOG} 206:124.e1-19",
        year=2012,
        pmid="22284156",
        doi="10.1016/j.ajog.2011.12.003",
        note="5 trials, 775 women, 827 infants, CL <=25 mm; PTB <33 wk RR 0.58 (0.42-0.80), <35 "
        "wk 0.69 (0.55-0.88), <28 wk 0.50 (0.30-0.81); composite neonatal morbidity/mortality "
        "0.57 (0.40-0.81).",
    ),
    Reference(
        key="romero_2017_twins",
        authors="Romero et al.",
        title="Vaginal progesterone decreases preterm birth and neonatal morbidity and mortality "
        "in women with a twin gestation and a short cervix: an updated meta-analysis of "
        "individual patient data",
        journal=f"{UOG} 49:303-14",
        year=2017,
        pmid="28067007",
        doi="10.1002/uog.17397",
        note="6 trials, 303 women (159 VP vs 144 placebo/no treatment), CL <=25 mm; one trial "
        "(CL 20-25 mm) gave 74% of the data. Reports a benefit (title); the RR for PTB <33 wk "
        "was cut off in the abstract text seen and is not captured.",
    ),
    Reference(
        key="romero_2018",
        authors="Romero et al.",
        title="Vaginal progesterone for preventing preterm birth and adverse perinatal outcomes "
        "in singleton gestations with a short cervix: a meta-analysis of individual patient "
        "data",
        journal=AJOG,
        year=2018,
        pmid="29157866",
        note="PMC5987201. Includes OPPTIMUM. 5 trials, 974 women (498 vs 476), CL <=25 mm; PTB "
        "<33 wk RR 0.62 (0.47-0.81), high-quality evidence. Volume and pages not seen.",
    ),
    Reference(
        key="conde_agudelo_2022",
        authors="Conde-Agudelo, Romero",
        title="Vaginal progesterone does not prevent recurrent preterm birth in women with a "
        "singleton gestation, a history of spontaneous preterm birth, and a midtrimester "
        "cervical length >25 mm",
        journal=AJOG,
        year=2022,
        doi="10.1016/j.ajog.2022.07.054",
        note="Published online 1 Aug 2022. Conclusion only (VP not effective); figures not "
        "captured.",
    ),
    Reference(
        key="norman_2016_opptimum",
        authors="Norman et al.",
        title="Vaginal progesterone prophylaxis for preterm birth (the OPPTIMUM study): a "
        "multicentre, randomised, double-blind trial",
        journal="Lancet 387:2106-16",
        year=2016,
        doi="10.1016/S0140-6736(16)00350-0",
        note="1,228 randomised; VP 200 mg daily from 22-24 to 34 wk; fetal death or birth <34 wk "
        "OR 0.86 (0.61-1.22) (from the dossier; not re-seen); see also opptimum_2018_hta.",
    ),
    Reference(
        key="opptimum_2018_hta",
        authors="Norman et al.",
        title="Does progesterone prophylaxis to prevent preterm labour improve outcome? A "
        "randomised double-blind placebo-controlled trial (OPPTIMUM)",
        journal="Health Technol Assess 22(35):1-304",
        year=2018,
        doi="10.3310/hta22350",
        note="Full trial report. 96/600 (16%) primary-outcome events in the progesterone arm "
        "(from the dossier; not re-seen).",
    ),
    Reference(
        key="epppic_2021",
        authors="EPPPIC Group",
        title="Evaluating Progestogens for Preventing Preterm birth International Collaborative "
        "(EPPPIC): meta-analysis of individual participant data from randomised controlled "
        "trials",
        journal="Lancet 397:1183-94",
        year=2021,
        doi="10.1016/S0140-6736(21)00217-8",
        note="31 trials, 11,644 women, 16,185 offspring. Conclusions verified; numeric RRs not "
        "seen in the primary (a citing article gives 22% (VP, 9 trials) and 17% (17-OHPC, 5 "
        "trials) relative reductions of birth <34 wk, consistent with the recalled RR ~0.78 "
        "and ~0.83).",
    ),
    Reference(
        key="meis_2003",
        authors="Meis et al.",
        title="Prevention of recurrent preterm delivery by 17 alpha-hydroxyprogesterone caproate",
        journal=f"{NEJM} 348:2379-85",
        year=2003,
        pmid="12802023",
        doi="10.1056/NEJMoa035140",
        note="MFMU Network, 19 centres; enrolled 16-20 wk, 2:1; 463 women (310 vs 153); "
        "injections until delivery or to 36 wk; PTB <37 wk 36.3% vs 54.9%. Rates verified; the "
        "RR CI (0.54-0.81) was cut off in the abstract text seen and is unverified.",
    ),
    Reference(
        key="iams_meis_placebo_editorial",
        authors="Iams",
        title="Was the preterm birth rate in the placebo group too high in the Meis MFMU "
        "Network trial of 17-OHPC?",
        journal=f"{AJOG} 202:409",
        year=2010,
        doi="10.1016/j.ajog.2010.03.020",
        url="https://obgynkey.com/was-the-preterm-birth-rate-in-the-placebo-group-too-high-in-"
        "the-meis-mfmu-network-trial-of-17-ohpc",
        verified="yes (secondary)",
        note="Seen as a secondary copy of the editorial (beside O'Sullivan et al., page 453); "
        "year, volume, page and DOI from a reference list. The Meis placebo rate of 54.9% was "
        "called 'strikingly high' and blamed on the castor-oil vehicle; the editorial answers "
        "that three historical factors (Black race, gestation of the index preterm birth, "
        "number of previous preterm births) each raise the risk about 1.5- to 2-fold beyond "
        "a prior preterm birth. It gives the treatment-arm rate as 36.9% (Meis abstract: "
        "36.3%).",
    ),
    Reference(
        key="blackwell_2020_prolong",
        authors="Blackwell et al.",
        title="17-OHPC to Prevent Recurrent Preterm Birth in Singleton Gestations (PROLONG "
        "Study): A Multicenter, International, Randomized Double-Blind Trial",
        journal="Am J Perinatol 37:127-36",
        year=2020,
        pmid="31652479",
        doi="10.1055/s-0039-3400227",
        note="1,708 planned, 93 centres (41 US), 2:1, weekly 17-OHPC to 36 wk. Design and "
        "planning assumption (30% PTB <35 wk, to detect 30% -> 21%) verified; observed rates "
        "(~11% both arms, RR ~0.95) were not in the abstract text seen and are unverified.",
    ),
    Reference(
        key="dodd_2013_cochrane",
        authors="Dodd et al.",
        title="Prenatal administration of progesterone for preventing preterm birth in women "
        "considered to be at risk of preterm birth",
        journal="Cochrane Database Syst Rev",
        year=2013,
        note="36 trials, 8,523 women. Prior sPTB, progestogen vs placebo: PTB <34 wk RR 0.31 "
        "(0.14-0.69, 5 trials, 602 women); <37 wk 0.55 (0.42-0.74, 10 trials, 1,750); "
        "perinatal mortality 0.50 (0.33-0.75, 6 trials, 1,453) (abstract copy). Review number "
        "and PMID not seen.",
    ),
    Reference(
        key="petrini_2005",
        authors="Petrini et al.",
        title="Estimated effect of 17 alpha-hydroxyprogesterone caproate on preterm birth in "
        "the United States",
        journal=f"{OBSTET_GYNECOL} 105:267-72",
        year=2005,
        doi="10.1097/01.AOG.0000150560.24297.4f",
        note="2002 US birth data: ~30,000 recurrent PTBs in eligible women (recurrence 22.5%); "
        "applying the 33% reduction, nearly 10,000 PTB prevented; national rate 12.1% -> 11.8% "
        "(~2% relative).",
    ),
    Reference(
        key="fda_17ohpc_2023",
        authors=None,
        title="FDA withdrawal of approval of 17-OHPC (Makena) and generics",
        journal="US Food and Drug Administration",
        year=2023,
        url="https://professionals.optumrx.com/publications/library/drugwithdrawal_makena_2023-"
        "0406.html",
        verified="yes (secondary)",
        note="CDER proposed withdrawal in 2020; advisory committee 14 of 15 for withdrawal; final "
        "decision announced 5 April 2023 (read via OptumRx, Drug Discovery Trends and other "
        "secondary pages).",
        title_is_descriptive=True,
    ),
    Reference(
        key="makena_label_efficacy",
        authors=None,
        title="Makena (hydroxyprogesterone caproate injection): efficacy of the pivotal NIH "
        "trial, as labelled",
        journal="Manufacturer's prescribing information and HCP pages",
        year=None,
        url="https://makenahcp.com/efficacy/",
        verified="yes (secondary)",
        note="Describes the Meis 2003 trial: weekly injections from 16-20 wk continued until "
        "week 37 of gestation or delivery (the dosing section: through 36 weeks 6 days); "
        "delivery <37 wk 37.1% vs 54.9%, <35 wk 21.3% vs 30.7%, <32 wk 11.9% vs 19.6%. "
        "Seen on the manufacturer's page and a copy of the label; the Meis abstract says "
        "'until delivery or to 36 weeks'. Not re-checked by the audit.",
        title_is_descriptive=True,
    ),
    # ---------------------------------------------------------------- 5b. cerclage
    Reference(
        key="mrc_rcog_1993",
        authors="MRC/RCOG Working Party on Cervical Cerclage",
        title="Final report of the Medical Research Council/Royal College of Obstetricians and "
        "Gynaecologists multicentre randomised trial of cervical cerclage",
        journal="Br J Obstet Gynaecol 100:516-23",
        year=1993,
        pmid="8334085",
        doi="10.1111/j.1471-0528.1993.tb15300.x",
        note="1,292 women, 12 countries; delivery <33 wk 83 (13%) vs 110 (17%), p=0.03; benefit "
        "in 1 in 25 (95% CI 1 in 12 to 1 in 300); VLBW 10% vs 13%; recommended for >=3 prior "
        "pregnancies ending <37 wk.",
    ),
    Reference(
        key="owen_2009",
        authors="Owen et al.",
        title="Multicenter randomized trial of cerclage for preterm birth prevention in "
        "high-risk women with shortened midtrimester cervical length",
        journal=f"{AJOG} 201:375.e1-8",
        year=2009,
        pmid="19788970",
        doi="10.1016/j.ajog.2009.08.015",
        note="Prior sPTB <34 wk, CL <25 mm; 1,014 screened, 302 randomised; birth <35 wk 32% vs "
        "42%, p=0.09 (primary endpoint not significant); reduced when CL <15 mm. OR 0.67 only "
        "from a secondary summary.",
    ),
    Reference(
        key="berghella_2011",
        authors="Berghella et al.",
        title="Cerclage for short cervix on ultrasonography in women with singleton gestations "
        "and previous preterm birth: a meta-analysis",
        journal=f"{OBSTET_GYNECOL} 117:663-71",
        year=2011,
        doi="10.1097/AOG.0b013e31820ca847",
        note="Patient-level meta-analysis of 5 trials; PTB <35 wk 28.4% (71/250) vs 41.3% "
        "(105/254), RR 0.70 (0.55-0.89); composite perinatal morbidity/mortality 15.6% vs "
        "24.8%, RR 0.64 (0.45-0.91).",
    ),
    Reference(
        key="berghella_2005",
        authors="Berghella et al.",
        title="Cerclage for short cervix on ultrasonography: meta-analysis of trials using "
        "individual patient-level data",
        journal=f"{OBSTET_GYNECOL} 106:181-9",
        year=2005,
        verified="no",
        note="Title and citation seen in reference lists only. Harm signal in twins with CL "
        "<25 mm (RR ~2.15 for PTB <35 wk) not seen.",
    ),
    Reference(
        key="ehsanipoor_2015",
        authors="Ehsanipoor et al.",
        title="Physical Examination-Indicated Cerclage",
        journal=f"{OBSTET_GYNECOL} 126:125-35",
        year=2015,
        verified="yes (secondary)",
        note="Ehsanipoor RM, Seligman NS, Saccone G, Szymanski LM, Wissinger C, Werner EF, "
        "Berghella V. Abstract (university repository): 10 studies (1 RCT), 757 women (485 "
        "cerclage, 272 expectant), dilatation at 14-27 wk; neonatal survival 71% vs 43%, RR "
        "1.65 (1.19-2.28); prolongation mean difference 33.98 days (17.88-50.08). Birth <34 wk "
        "RR 0.55 and mean latency 56.7 vs 18.8 days are not in the abstract (read in a citing "
        "article). Title as shown on the repository page (a subtitle, if any, not seen); "
        "volume/pages from the audit brief; PMID not seen.",
    ),
    Reference(
        key="althuisius_2003",
        authors="Althuisius et al.",
        title="Emergency cerclage plus bed rest vs bed rest alone (CIRCLE trial)",
        journal=None,
        year=2003,
        verified="no",
        note="Not found; recalled latency ~54 vs ~20 days is unverified. Only the earlier "
        "CIPRACT report (therapeutic cerclage with bed rest vs bed rest alone, Am J Obstet "
        "Gynecol 2001;185:1106-12, ultrasound-indicated) was seen, in reference lists.",
        title_is_descriptive=True,
    ),
    Reference(
        key="alfirevic_2017",
        authors="Alfirevic et al.",
        title="Cervical stitch (cerclage) for preventing preterm birth in singleton pregnancy",
        journal="Cochrane Database Syst Rev (CD008991.pub3)",
        year=2017,
        pmid="28586127",
        doi="10.1002/14651858.CD008991.pub3",
        note="Alfirevic Z, Stampalija T, Medley N. 15 trials, 3,490 women; perinatal death RR "
        "0.82 (0.65-1.04; 10 trials, 2,927 women, moderate quality). PTB <34 wk RR ~0.77 "
        "unverified.",
    ),
    Reference(
        key="saccone_2015",
        authors="Saccone et al.",
        title="Cerclage for short cervix in twin pregnancies: systematic review and "
        "meta-analysis of randomized trials using individual patient-level data",
        journal="Acta Obstet Gynecol Scand",
        year=2015,
        note="April 2015 issue. Conclusion verified (cerclage cannot currently be recommended "
        "for twins with a short cervix); RRs, authors beyond the first and pages not captured.",
    ),
    # ---------------------------------------------------------------- 5c. pessary
    Reference(
        key="goya_2012",
        authors="Goya et al.",
        title="Cervical pessary in pregnant women with a short cervix (PECEP): an open-label "
        "randomised controlled trial",
        journal="Lancet 379:1800-6",
        year=2012,
        doi="10.1016/S0140-6736(12)60030-0",
        note="5 Spanish hospitals, CL <=25 mm at 20-23 wk; 385 randomised (192 vs 193), 190 "
        "analysed per arm; spontaneous delivery <34 wk 12 (6%) vs 51 (27%), OR 0.18 "
        "(0.08-0.37).",
    ),
    Reference(
        key="nicolaides_2016",
        authors="Nicolaides et al.",
        title="A Randomized Trial of a Cervical Pessary to Prevent Preterm Singleton Birth",
        journal=f"{NEJM} 374:1044-52",
        year=2016,
        pmid="26981934",
        doi="10.1056/NEJMoa1511014",
        note="CL <=25 mm at 20-24+6 wk (VP if CL <=15 mm); 465 vs 467; spontaneous delivery <34 "
        "wk 12.0% vs 10.8%, OR 1.12 (0.75-1.69); perinatal death 3.2% vs 2.4%.",
    ),
    Reference(
        key="saccone_2017",
        authors="Saccone et al.",
        title="Effect of Cervical Pessary on Spontaneous Preterm Birth in Women With Singleton "
        "Pregnancies and Short Cervical Length: A Randomized Clinical Trial",
        journal="JAMA 318:2317-24",
        year=2017,
        pmid="29260226",
        doi="10.1001/jama.2017.18956",
        note="Italy, no prior sPTB, CL <=25 mm at 18-23+6 wk; 300 women; sPTB <34 wk 7.3% vs "
        "15.3%.",
    ),
    Reference(
        key="hoffman_2023_tops",
        authors="Hoffman et al.",
        title="Cervical Pessary for Prevention of Preterm Birth in Individuals With a Short "
        "Cervix: The TOPS Randomized Clinical Trial",
        journal="JAMA 330:340-8",
        year=2023,
        pmid="37490086",
        doi="10.1001/jama.2023.10812",
        note="12 US centres, no prior sPTB, CL <=20 mm at 16-23+6 wk; 544 of planned 850 (280 vs "
        "264), 98.9% also on VP; delivery or fetal death <37 wk 45.5% vs 45.6%, RR 1.00 "
        "(0.83-1.20); stopped for futility and a fetal/neonatal death signal.",
    ),
    # ---------------------------------------------------------------- 5c. bed rest
    Reference(
        key="sosa_2015_bed_rest",
        authors="Sosa CG, Althabe F, Belizan JM, Bergel E",
        title="Bed rest in singleton pregnancies for preventing preterm birth",
        journal="Cochrane Database Syst Rev 2015, Issue 3, CD003581",
        year=2015,
        doi="10.1002/14651858.CD003581.pub3",
        verified="yes",
        note="One study in the meta-analysis (1,266 women): 432 prescribed bed rest at home, "
        "834 placebo or no intervention; preterm birth < 37 wk 7.9% vs 8.5%, RR 0.92 "
        "(0.62-1.37); 'no evidence, either supporting or refuting the use of bed rest' "
        "(abstract).",
    ),
    Reference(
        key="grobman_2013_activity",
        authors="Grobman WA, Gilbert SA, Iams JD, et al.",
        title="Activity restriction among women with a short cervix",
        journal="Obstet Gynecol 121:1181-6",
        year=2013,
        pmid="23812450",
        doi="10.1097/AOG.0b013e3182917529",
        verified="yes",
        note="Secondary analysis of an MFMU trial (nulliparous singletons, CL < 30 mm): 39% "
        "placed on activity restriction; preterm birth < 37 wk 37% vs 17%, adjusted OR 2.37 "
        "(1.60-3.53) (abstract). Observational: restriction was prescribed to women at higher "
        "risk, so the association is not an effect.",
    ),
)
