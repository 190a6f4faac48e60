"""Risk factors of preterm birth and the recurrence of cervical insufficiency.

Part of the bibliographic registry (:mod:`cilib.params.references`). Fields were first taken from
the project's evidence dossier and then checked against the published abstract, journal page or
an indexed copy of it (citation audit, ``notes/citations.md`` beside the repository). Titles,
volumes, pages and identifiers are filled in only where a retrieved page showed them; notes say
which figures the audit could not find in the source.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, NEJM, OBSTET_GYNECOL, UOG, Reference

RISK_FACTORS: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 3. risk factors
    Reference(
        key="purisch_2018",
        authors="Purisch et al.",
        title="The Effect of Prior Term Birth on Risk of Recurrent Spontaneous Preterm Birth",
        journal="Am J Perinatol 35(4):380-4",
        year=2018,
        pmid="29078234",
        doi="10.1055/s-0037-1607317",
        note="Purisch SE, Turitz AL, Elovitz MA, Levine LD (epub 2017). 211 women with prior "
        "sPTB; recurrent sPTB 33.7%; after a second-trimester loss (16-23+6 wk) 43.2% without "
        "vs 15.4% with a prior term birth.",
    ),
    Reference(
        key="kyrgiou_2016",
        authors="Kyrgiou et al.",
        title="Adverse obstetric outcomes after local treatment for cervical preinvasive and "
        "early invasive disease according to cone depth: systematic review and meta-analysis",
        journal="BMJ",
        year=2016,
        note="71 studies, 6,338,982 women (65,082 treated); PTB <37 wk 10.7% vs 5.4%, RR 1.78 "
        "(1.60-1.98); severe (<32-34 wk) 3.5% vs 1.4%, RR 2.40 (1.92-2.99). Method-specific RRs "
        "(CKC ~2.7, laser ~2.1, LLETZ ~1.6, ablation ~1.5) were not in the abstract text seen "
        "and remain unverified. Volume/article number and PMID not seen.",
    ),
    Reference(
        key="kyrgiou_2017_cd012847",
        authors="Kyrgiou et al.",
        title="Obstetric outcomes after conservative treatment for cervical intraepithelial "
        "lesions and early invasive disease",
        journal="Cochrane Database Syst Rev (CD012847)",
        year=2017,
        pmid="29095502",
        doi="10.1002/14651858.CD012847",
        verified="no",
        note="Kyrgiou M, Athanasiou A, Kalliala IEJ, Paraskevaidi M, Mitra A, Martin-Hirsch PP, "
        "Arbyn M, Bennett P, Paraskevaidis E; published 2 Nov 2017 (issue 11), 69 studies. "
        "Cited with Kyrgiou 2016 for method-specific RRs, which were not seen (English results "
        "section not retrieved). Formerly registered as cochrane_2017_cd012847.",
    ),
    Reference(
        key="lletz_volume_ejogrb",
        authors=None,
        title="Predictive value of volume of cervical tissue removed during LLETZ on subsequent "
        "preterm delivery: a cohort study",
        journal="Eur J Obstet Gynecol Reprod Biol (pages 51-5)",
        year=2014,
        doi="10.1016/j.ejogrb.2014.06.011",
        note="Single UK tertiary unit; 556 women delivering 2008-2011; PTB 9.0% vs 3.6% (RR 2.5, "
        "1.224-5.107) vs punch-biopsy controls; >3-fold sPTB; no relation to excised volume. "
        "Authors and volume not shown on the pages seen; year from the DOI.",
    ),
    Reference(
        key="shah_bracken_2000",
        authors="Shah, Bracken",
        title="A systematic review and meta-analysis of prospective studies on the association "
        "between maternal cigarette smoking and preterm delivery",
        journal=f"{AJOG} 182:465-72",
        year=2000,
        pmid="10694353",
        doi="10.1016/s0002-9378(00)70240-7",
        note="20 prospective studies; any smoking OR 1.27 (1.21-1.33) (abstract). The heavy-"
        "smoking OR 1.31 (1.20-1.42) is not in the abstract (not checked in the full text).",
    ),
    Reference(
        key="cui_2016",
        authors="Cui et al.",
        title="Associations between Passive Maternal Smoking during Pregnancy and Preterm "
        "Birth: Evidence from a Meta-Analysis of Observational Studies",
        journal="PLoS One 11(1):e0147848",
        year=2016,
        pmid="26808045",
        doi="10.1371/journal.pone.0147848",
        note="24 studies, 5,607 women with PTB; ever exposed OR 1.20 (1.07-1.34), at home 1.16 "
        "(1.04-1.30).",
    ),
    Reference(
        key="chan_2011_prevalence",
        authors="Chan et al.",
        title="The prevalence of congenital uterine anomalies in unselected and high-risk "
        "populations: a systematic review",
        journal="Hum Reprod Update 17(6):761-71",
        year=2011,
        pmid="21705770",
        doi="10.1093/humupd/dmr028",
        note="94 studies, 89,861 women; 5.5% (3.5-8.5) in unselected women with optimal tests; "
        "8.0% infertile; 13.3% after miscarriage; 24.5% both; arcuate 3.9% (2.1-7.1).",
    ),
    Reference(
        key="chan_2011_ptb",
        authors="Chan et al.",
        title="Reproductive outcomes in women with congenital uterine anomalies: a systematic "
        "review",
        journal=f"{UOG} 38:371-82",
        year=2011,
        pmid="21830244",
        doi="10.1002/uog.10056",
        note="9 studies, 3,805 women; PTB RR 2.14 (1.48-3.11) canalisation, 2.97 (2.08-4.23) "
        "unification defects; arcuate: second-trimester miscarriage RR 2.39 (1.33-4.27).",
    ),
    Reference(
        key="hua_2011",
        authors="Hua et al.",
        title="Congenital uterine anomalies and adverse pregnancy outcomes",
        journal=f"{AJOG} 205:558.e1-5",
        year=2011,
        pmid="21907963",
        note="Single US tertiary centre, 1990-2008; aOR 7.4 (4.8-11.4) for PTB <34 wk, 5.9 "
        "(4.3-8.1) for <37 wk.",
    ),
    Reference(
        key="hoover_2011",
        authors="Hoover et al.",
        title="Adverse health outcomes in women exposed in utero to diethylstilbestrol",
        journal=f"{NEJM} 365:1304-14",
        year=2011,
        pmid="21991952",
        note="4,653 exposed vs 1,927 unexposed; cumulative PTB 53.3% vs 17.8% (HR 4.68, "
        "3.74-5.86); second-trimester loss 16.4% vs 1.7% (HR 3.77, 2.56-5.54); spontaneous "
        "abortion 50.3% vs 38.6% (HR 1.64).",
    ),
    Reference(
        key="eds_hcup_2020",
        authors=None,
        title="Pregnancy outcomes in women with Ehlers-Danlos Syndrome",
        journal="J Matern Fetal Neonatal Med (pages 1683-9)",
        year=2020,
        pmid="32654548",
        doi="10.1080/14767058.2020.1767574",
        note="Published online 13 July 2020; McGill group (authors not shown on the pages "
        "seen). HCUP-NIS 1999-2014, 1,042 EDS deliveries; prevalence 7/100,000; prematurity aOR "
        "1.47 (1.18-1.82); cervical incompetence aOR 3.11 (1.99-4.85).",
    ),
    Reference(
        key="sundelin_2017",
        authors="Sundelin et al.",
        title="Pregnancy outcome in joint hypermobility syndrome and Ehlers-Danlos syndrome",
        journal="Acta Obstet Gynecol Scand 96:114-9",
        year=2017,
        doi="10.1111/aogs.13043",
        note="Swedish registers 1997-2011; 314 births vs 1,247,864; PTB aOR 0.6 (0.3-1.2), i.e. "
        "no excess.",
    ),
    Reference(
        key="koumans_2007",
        authors="Koumans et al.",
        title="The prevalence of bacterial vaginosis in the United States, 2001-2004; "
        "associations with symptoms, sexual behaviors, and reproductive health",
        journal="Sex Transm Dis 34(11)",
        year=2007,
        doi="10.1097/OLQ.0b013e318074e565",
        note="NHANES 2001-2004, women 14-49 (not pregnancy-specific): 29.2% (27.2-31.3); "
        "non-Hispanic Black 51.4%, Mexican American 31.9%, non-Hispanic White 23.2%; 84% "
        "asymptomatic. Pages not seen.",
    ),
    Reference(
        key="allsworth_2007",
        authors="Allsworth, Peipert",
        title="Prevalence of bacterial vaginosis: 2001-2004 National Health and Nutrition "
        "Examination Survey data",
        journal=f"{OBSTET_GYNECOL} 109:114-20",
        year=2007,
        doi="10.1097/01.AOG.0000247627.84791.91",
        note="BV prevalence 29%.",
    ),
    Reference(
        key="leitich_2003",
        authors="Leitich et al.",
        title="Bacterial vaginosis as a risk factor for preterm delivery: a meta-analysis",
        journal=f"{AJOG} 189:139-47",
        year=2003,
        doi="10.1067/mob.2003.339",
        note="18 studies, 20,232 women; OR 2.19 (1.54-3.12); screened <16 wk 7.55 (1.80-31.65), "
        "<20 wk 4.20 (2.11-8.39); spontaneous abortion 9.91 (1.99-49.34).",
    ),
    Reference(
        key="flynn_1999",
        authors="Flynn et al.",
        title="Bacterial vaginosis in pregnancy and the risk of prematurity: a meta-analysis",
        journal="J Fam Pract 48(11):885",
        year=1999,
        note="19 studies; pooled adjusted ORs give a 60% increase in preterm delivery "
        "(abstract). The crude OR 1.85 (1.62-2.11) is not in the abstract and was not checked "
        "in the full text.",
    ),
    Reference(
        key="rours_2011",
        authors="Rours et al.",
        title="Chlamydia trachomatis infection during pregnancy associated with preterm "
        "delivery: a population-based prospective cohort study",
        journal="Eur J Epidemiol 26:493-502",
        year=2011,
        pmid="21538042",
        doi="10.1007/s10654-011-9586-1",
        note="Generation R, Rotterdam; 4,055 women; prevalence 3.9% (PCR); aOR <32 wk 4.35 "
        "(1.3-15.2), <35 wk 2.66 (1.1-6.5).",
    ),
    Reference(
        key="simons_2021",
        authors="Simons et al.",
        title="Chlamydia Prevalence by Age and Correlates of Infection Among Pregnant Women",
        journal="Sex Transm Dis 48(1):37-41",
        year=2021,
        pmid="32932385",
        doi="10.1097/OLQ.0000000000001261",
        note="University of Alabama at Birmingham, Nov 2012-Dec 2017; 13,657 tested; 7.4% "
        "(7.0-7.9); 14.6% if <25 y.",
    ),
    Reference(
        key="ahmadi_2018",
        authors="Ahmadi et al.",
        title="Association of Chlamydia trachomatis infections with preterm delivery; a "
        "systematic review and meta-analysis",
        journal="BMC Pregnancy Childbirth 18:240",
        year=2018,
        pmid="29914397",
        doi="10.1186/s12884-018-1868-0",
        note="Ahmadi A, Ramazanzadeh R, Sayehmiri K, Sayehmiri F, Amirmozafari N. 24 articles "
        "(1998-2014), random effects: pooled OR for preterm delivery 2.28 (1.64-3.16). Its "
        "abstract reports no high-quality subset; the OR 1.73 (1.30-2.32) often cited beside "
        "it is He et al. 2020 (he_2020).",
    ),
    Reference(
        key="he_2020",
        authors="He et al.",
        title="Effect of Chlamydia trachomatis on adverse pregnancy outcomes: a meta-analysis",
        journal="Arch Gynecol Obstet 302(3):553-67",
        year=2020,
        pmid="32643040",
        doi="10.1007/s00404-020-05664-6",
        note="He W, Jin Y, Zhu H, Zheng Y, Qian J. 50 studies, 502,141 participants. Preterm "
        "birth: high-quality studies OR 1.734 (1.295-2.321) (the 1.73 (1.30-2.32) figure); "
        "antibody detection OR 1.571 (1.112-2.220). Also PPROM, stillbirth, LBW, SGA.",
    ),
    Reference(
        key="speiser_2013",
        authors="Speiser et al.",
        title="Radical Vaginal Trachelectomy: A Fertility-Preserving Procedure in Early "
        "Cervical Cancer in Young Women",
        journal="Dtsch Arztebl Int 110:289-95",
        year=2013,
        doi="10.3238/arztebl.2013.0289",
        note="Speiser D, Köhler C, Schneider A, Mangler M. >300 own RVT patients + literature "
        "(~300 pregnancies after RVT); 50% of the children born preterm, mainly after PPROM.",
    ),
    Reference(
        key="shinkai_2020",
        authors="Shinkai et al.",
        title="Pregnancies after vaginal radical trachelectomy (RT) in patients with early "
        "invasive uterine cervical cancer: results from a single institute",
        journal="BMC Pregnancy Childbirth 20:248",
        year=2020,
        pmid="32334568",
        doi="10.1186/s12884-020-02949-1",
        note="71 vaginal RTs; 28 pregnancies in 21 patients; median delivery 34 wk; emergent "
        "caesarean in 7 (25%).",
    ),
    # ---------------------------------------------------------------- 4. CI recurrence
    Reference(
        key="danish_ci_cohort",
        authors="Sneider et al.",
        title="Recurrence rates after abdominal and vaginal cerclages in women with cervical "
        "insufficiency: a validated cohort study",
        journal="Arch Gynecol Obstet 295(4):859-66",
        year=2017,
        pmid="28233116",
        doi="10.1007/s00404-017-4315-y",
        note="Sneider K, Christiansen OB, Sundtoft IB, Langhoff-Roos J (author list as on the "
        "PubMed record). Denmark, register-based sample 1997-2012, followed to June 2015: "
        "149/621 (24%) met strict CI criteria; second pregnancy <28 wk: abdominal cerclage 5% "
        "(n=20), vaginal 30% (n=59), none 72% (n=61); <34 wk 10/46/84%; take-home baby "
        "95/73/33%; third pregnancy <34 wk 2/21/25% (n=47/38/8).",
    ),
    Reference(
        key="merck_ci",
        authors=None,
        title="Cervical insufficiency",
        journal="Merck Manual Professional",
        year=None,
        verified="yes (secondary)",
        note="Dossier status 'yes (tertiary)' for the recurrence statement ('probably 30% or "
        "less', no primary citation); incidence range 1/100 to 1/2,000 matches Harper & Owen. "
        "Not re-found by the audit.",
    ),
)
