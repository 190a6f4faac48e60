"""Trials and meta-analyses of progestogens, cerclage and pessary.

Part of the bibliographic registry (:mod:`cilib.params.references`); every field comes from the
project's evidence dossier, ``None`` where the dossier does not give it.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, NEJM, OBSTET_GYNECOL, UOG, Reference

TREATMENTS: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 5a. progestogens
    Reference(
        key="hassan_2011",
        authors="Hassan et al.",
        title="Vaginal progesterone gel in women with a mid-trimester cervical length of "
        "10-20 mm (PREGNANT trial)",
        journal=f"{UOG} 38:18-31",
        year=2011,
        pmid="21472815",
        note="458 analysed; PTB <33 wk RR 0.55 (0.33-0.92). Treated-patient table in "
        "PMC3482512. Screening numbers (~32,091 screened, 2.3% CL 10-20 mm) are unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="romero_2012",
        authors="Romero et al.",
        title="Individual patient data meta-analysis of vaginal progesterone in women with a "
        "short cervix (CL <=25 mm)",
        journal=AJOG,
        year=2012,
        note="5 trials, 775 women; PTB <33 wk RR 0.58 (0.42-0.80).",
        title_is_descriptive=True,
    ),
    Reference(
        key="romero_2017_twins",
        authors="Romero et al.",
        title="Individual patient data meta-analysis of vaginal progesterone in twin "
        "gestations with a short cervix",
        journal=f"{UOG} 49:303-14",
        year=2017,
        pmid="28067007",
        note="6 trials, 303 women. Design verified; RRs not captured.",
        title_is_descriptive=True,
    ),
    Reference(
        key="romero_2018",
        authors="Romero et al.",
        title="Updated individual patient data meta-analysis of vaginal progesterone in "
        "singletons with a short cervix (includes OPPTIMUM)",
        journal=AJOG,
        year=2018,
        note="PMC5987201. 5 trials, 974 women; PTB <33 wk RR 0.62 (0.47-0.81).",
        title_is_descriptive=True,
    ),
    Reference(
        key="conde_agudelo_2022",
        authors="Conde-Agudelo et al.",
        title="Vaginal progesterone in singletons with prior sPTB and cervical length >25 mm",
        journal=AJOG,
        year=2022,
        doi="10.1016/j.ajog.2022.07.054",
        note="Conclusion only (VP not effective); figures not captured.",
        title_is_descriptive=True,
    ),
    Reference(
        key="norman_2016_opptimum",
        authors="Norman et al.",
        title="Vaginal progesterone vs placebo in women at high risk of preterm birth "
        "(OPPTIMUM trial)",
        journal="Lancet 387:2106-16",
        year=2016,
        note="1,228 randomised; fetal death or birth <34 wk OR 0.86 (0.61-1.22); see also "
        "opptimum_2018_hta.",
        title_is_descriptive=True,
    ),
    Reference(
        key="opptimum_2018_hta",
        authors=None,
        title="OPPTIMUM trial full report (NIHR Health Technology Assessment)",
        journal="Health Technol Assess 22(35)",
        year=2018,
        note="96/600 (16%) primary-outcome events in the progesterone arm.",
        title_is_descriptive=True,
    ),
    Reference(
        key="epppic_2021",
        authors=None,
        title="EPPPIC individual participant data meta-analysis of progestogens for "
        "preventing preterm birth",
        journal="Lancet 397:1183-94",
        year=2021,
        note="31 trials, 11,644 women. Conclusions verified; numeric RRs not captured "
        "(VP <34 wk RR ~0.78 and 17-OHPC ~0.83 are unverified).",
        title_is_descriptive=True,
    ),
    Reference(
        key="meis_2003",
        authors="Meis et al.",
        title="Weekly 17-alpha-hydroxyprogesterone caproate vs placebo in women with prior "
        "spontaneous preterm birth (MFMU trial)",
        journal=f"{NEJM} 348:2379-85",
        year=2003,
        pmid="12802023",
        note="463 women (310 vs 153); PTB <37 wk 36.3% vs 54.9%. Rates verified; the RR CI "
        "(0.54-0.81) is unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="iams_meis_placebo_editorial",
        authors="Iams",
        title="Was the preterm birth rate in the placebo group too high in the Meis MFMU "
        "Network trial of 17-OHPC?",
        journal="Am J Obstet Gynecol (editorial beside O'Sullivan et al., 453.e1)",
        year=None,
        url="https://obgynkey.com/was-the-preterm-birth-rate-in-the-placebo-group-too-high-in-"
        "the-meis-mfmu-network-trial-of-17-ohpc",
        verified="yes (secondary)",
        note="Seen as a secondary copy of the editorial: the Meis placebo rate of 54.9% was "
        "called 'strikingly high' and blamed on the castor-oil vehicle; the editorial answers "
        "that three historical factors (Black race, gestation of the index preterm birth, "
        "number of previous preterm births) each raise the risk about 1.5- to 2-fold beyond "
        "a prior preterm birth. Year and volume not captured.",
    ),
    Reference(
        key="blackwell_2020_prolong",
        authors="Blackwell et al.",
        title="17-OHPC vs placebo in women with prior spontaneous preterm birth (PROLONG trial)",
        journal="Am J Perinatol 37:127-36",
        year=2020,
        pmid="31652479",
        note="1,708 women, 93 centres. Design and planning assumption (30% PTB <35 wk) "
        "verified; observed rates (~11% both arms, RR ~0.95) unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="dodd_2013_cochrane",
        authors="Dodd et al.",
        title="Cochrane review of progesterone for women with prior spontaneous preterm birth",
        journal="Cochrane Database Syst Rev",
        year=2013,
        note="Any progestogen vs placebo: PTB <34 wk RR 0.31 (0.14-0.69); <37 wk 0.55; "
        "perinatal mortality 0.50.",
        title_is_descriptive=True,
    ),
    Reference(
        key="petrini_2005",
        authors="Petrini et al.",
        title="Model of the population impact of 17-OHPC on the US preterm birth rate",
        journal=None,
        year=2005,
        note="~10,000 PTB prevented; national rate 12.1% -> 11.8%. Journal not given.",
        title_is_descriptive=True,
    ),
    Reference(
        key="fda_17ohpc_2023",
        authors=None,
        title="FDA withdrawal of approval of 17-OHPC (Makena) and generics",
        journal="US Food and Drug Administration",
        year=2023,
        verified="yes (secondary)",
        note="Proposed 2020; advisory committee 14/15 for withdrawal; final withdrawal "
        "announced 5-6 April 2023 (read via OptumRx, MedStar, Drug Discovery Trends pages).",
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
        "'until delivery or to 36 weeks'.",
        title_is_descriptive=True,
    ),
    # ---------------------------------------------------------------- 5b. cerclage
    Reference(
        key="mrc_rcog_1993",
        authors=None,
        title="MRC/RCOG multicentre randomised trial of cervical cerclage",
        journal="BJOG 100:516-23",
        year=1993,
        pmid="8334085",
        note="1,292 women, 12 countries; delivery <33 wk 13% vs 17% (p=0.03); NNT ~25.",
        title_is_descriptive=True,
    ),
    Reference(
        key="owen_2009",
        authors="Owen et al.",
        title="Ultrasound-indicated cerclage in women with prior sPTB and CL <25 mm",
        journal=f"{AJOG} 201:375.e1-8",
        year=2009,
        pmid="19788970",
        note="302 randomised; birth <35 wk 32% vs 42%, p=0.09 (primary endpoint not "
        "significant); OR 0.67 only from a secondary summary.",
        title_is_descriptive=True,
    ),
    Reference(
        key="berghella_2011",
        authors="Berghella et al.",
        title="Patient-level meta-analysis of cerclage for short cervix in singletons with "
        "prior spontaneous preterm birth",
        journal=f"{OBSTET_GYNECOL} 117:663-71",
        year=2011,
        note="5 trials; PTB <35 wk 28.4% (71/250) vs 41.3% (105/254), RR 0.70 (0.55-0.89); "
        "composite perinatal morbidity/mortality RR 0.64 (0.45-0.91).",
        title_is_descriptive=True,
    ),
    Reference(
        key="berghella_2005",
        authors="Berghella et al.",
        title="Meta-analysis of cerclage for short cervix (twin subgroup)",
        journal=f"{OBSTET_GYNECOL} 106:181-9",
        year=2005,
        verified="no",
        note="Harm signal in twins with CL <25 mm (RR ~2.15 for PTB <35 wk) not seen.",
        title_is_descriptive=True,
    ),
    Reference(
        key="ehsanipoor_2015",
        authors="Ehsanipoor et al.",
        title="Meta-analysis of physical-exam-indicated (rescue) cerclage vs expectant management",
        journal=OBSTET_GYNECOL,
        year=2015,
        verified="yes (secondary)",
        note="Attribution and figures read in a citing article: neonatal survival 71% vs 43% "
        "(RR 1.66); birth <34 wk RR 0.55; latency 56.7 vs 18.8 days.",
        title_is_descriptive=True,
    ),
    Reference(
        key="althuisius_2003",
        authors="Althuisius et al.",
        title="Emergency cerclage plus bed rest vs bed rest alone (CIRCLE trial)",
        journal=None,
        year=2003,
        verified="no",
        note="Not found; recalled latency ~54 vs ~20 days is unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="alfirevic_2017",
        authors="Alfirevic et al.",
        title="Cochrane review of cervical cerclage for preventing preterm birth in singleton "
        "pregnancy",
        journal="Cochrane Database Syst Rev (CD008991.pub3)",
        year=2017,
        pmid="28586127",
        note="15 trials, 3,490 women; perinatal death RR 0.82 (0.65-1.04). PTB <34 wk RR ~0.77 "
        "unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="saccone_2015",
        authors="Saccone et al.",
        title="Individual patient data meta-analysis of cerclage in twins with a short cervix",
        journal="Acta Obstet Gynecol Scand",
        year=2015,
        note="Conclusion verified (cerclage cannot be recommended); RRs not captured.",
        title_is_descriptive=True,
    ),
    # ---------------------------------------------------------------- 5c. pessary
    Reference(
        key="goya_2012",
        authors="Goya et al.",
        title="Cervical pessary vs expectant management in women with CL <=25 mm (PECEP trial)",
        journal="Lancet 379:1800-6",
        year=2012,
        note="385 randomised; spontaneous delivery <34 wk 6% vs 27%, OR 0.18 (0.08-0.37).",
        title_is_descriptive=True,
    ),
    Reference(
        key="nicolaides_2016",
        authors="Nicolaides et al.",
        title="Cervical pessary in singletons with CL <=25 mm at 20-24 weeks",
        journal=f"{NEJM} 374:1044-52",
        year=2016,
        pmid="26981934",
        note="465 vs 467; spontaneous delivery <34 wk 12.0% vs 10.8%, OR 1.12 (0.75-1.69).",
        title_is_descriptive=True,
    ),
    Reference(
        key="saccone_2017",
        authors="Saccone et al.",
        title="Cervical pessary in singletons without prior sPTB and CL <=25 mm (Italy)",
        journal="JAMA 318:2317-24",
        year=2017,
        pmid="29260226",
        note="300 women; sPTB <34 wk 7.3% vs 15.3%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="hoffman_2023_tops",
        authors="Hoffman et al.",
        title="Cervical pessary in singletons without prior sPTB and CL <=20 mm (TOPS trial)",
        journal="JAMA 330:340-8",
        year=2023,
        pmid="37490086",
        note="544 of planned 850; delivery or fetal death <37 wk 45.5% vs 45.6%, RR 1.00 "
        "(0.83-1.20); stopped for futility and a fetal/neonatal death signal.",
        title_is_descriptive=True,
    ),
)
