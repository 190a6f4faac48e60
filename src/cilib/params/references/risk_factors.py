"""Risk factors of preterm birth and the recurrence of cervical insufficiency.

Part of the bibliographic registry (:mod:`cilib.params.references`); every field comes from the
project's evidence dossier, ``None`` where the dossier does not give it.
"""

from __future__ import annotations

from cilib.params.references.reference import AJOG, NEJM, OBSTET_GYNECOL, UOG, Reference

RISK_FACTORS: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 3. risk factors
    Reference(
        key="purisch_2018",
        authors="Purisch et al.",
        title="Recurrent spontaneous preterm birth after prior sPTB or second-trimester loss "
        "in a tertiary cohort",
        journal="Am J Perinatol",
        year=2018,
        pmid="29078234",
        note="33.7% recurrent sPTB (211 women); after 16-23+6 wk loss, 43.2% without vs 15.4% "
        "with an intervening term birth.",
        title_is_descriptive=True,
    ),
    Reference(
        key="kyrgiou_2016",
        authors="Kyrgiou et al.",
        title="Meta-analysis of preterm birth after local cervical treatment, by cone depth",
        journal="BMJ",
        year=2016,
        note="71 studies, 6,338,982 women; PTB 10.7% vs 5.4%, RR 1.78 (1.60-1.98). "
        "Method-specific RRs (CKC ~2.7, laser ~2.1, LLETZ ~1.6, ablation ~1.5) are "
        "unverified.",
        title_is_descriptive=True,
    ),
    Reference(
        key="cochrane_2017_cd012847",
        authors=None,
        title="Cochrane review of obstetric outcomes after cervical excision and ablation",
        journal="Cochrane Database Syst Rev (CD012847)",
        year=2017,
        verified="no",
        note="Cited with Kyrgiou 2016 for method-specific RRs, which were not seen.",
        title_is_descriptive=True,
    ),
    Reference(
        key="lletz_volume_ejogrb",
        authors=None,
        title="Single-centre study of LLETZ (excised volume) and preterm birth",
        journal="Eur J Obstet Gynecol Reprod Biol",
        year=None,
        note="556 UK women; PTB 9.0% vs 3.6% (RR 2.5, 1.22-5.11) vs punch-biopsy controls. "
        "Authors and year not shown in the dossier.",
        title_is_descriptive=True,
    ),
    Reference(
        key="shah_bracken_2000",
        authors="Shah, Bracken",
        title="Meta-analysis of prospective studies of maternal smoking and preterm delivery",
        journal=AJOG,
        year=2000,
        pmid="10694353",
        note="20 prospective studies; any smoking OR 1.27 (1.21-1.33); heavy 1.31 (1.20-1.42).",
        title_is_descriptive=True,
    ),
    Reference(
        key="cui_2016",
        authors="Cui et al.",
        title="Meta-analysis of passive smoking in pregnancy and preterm birth",
        journal="PLoS One",
        year=2016,
        note="24 studies; OR 1.20 (1.07-1.34).",
        title_is_descriptive=True,
    ),
    Reference(
        key="chan_2011_prevalence",
        authors="Chan et al.",
        title="Systematic review of the prevalence of congenital uterine anomalies",
        journal="Hum Reprod Update",
        year=2011,
        pmid="21705770",
        note="94 studies, 89,861 women; 5.5% (3.5-8.5) in unselected women; arcuate 3.9%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="chan_2011_ptb",
        authors="Chan et al.",
        title="Meta-analysis of reproductive outcomes by type of congenital uterine anomaly",
        journal=UOG,
        year=2011,
        pmid="21830244",
        note="9 studies, 3,805 women; PTB RR 2.14 (canalisation), 2.97 (unification); arcuate: "
        "2nd-trimester miscarriage RR 2.39.",
        title_is_descriptive=True,
    ),
    Reference(
        key="hua_2011",
        authors="Hua et al.",
        title="Congenital uterine anomalies and preterm birth in a US tertiary centre",
        journal=f"{AJOG} 205:558.e1-5",
        year=2011,
        note="1990-2008; aOR 7.4 (4.8-11.4) for PTB <34 wk, 5.9 (4.3-8.1) for <37 wk.",
        title_is_descriptive=True,
    ),
    Reference(
        key="hoover_2011",
        authors="Hoover et al.",
        title="Reproductive outcomes after in-utero diethylstilbestrol (DES) exposure",
        journal=NEJM,
        year=2011,
        pmid="21991952",
        note="4,653 exposed vs 1,927 unexposed; cumulative PTB 53.3% vs 17.8% (HR 4.68); "
        "2nd-trimester loss 16.4% vs 1.7% (HR 3.77).",
        title_is_descriptive=True,
    ),
    Reference(
        key="eds_hcup_2020",
        authors=None,
        title="Pregnancy outcomes in Ehlers-Danlos syndrome (HCUP-NIS 1999-2014)",
        journal="J Matern Fetal Neonatal Med",
        year=2020,
        pmid="32654548",
        note="McGill group (authors not shown). 1,042 EDS deliveries; prematurity aOR 1.47; "
        "cervical incompetence aOR 3.11 (1.99-4.85).",
        title_is_descriptive=True,
    ),
    Reference(
        key="sundelin_2017",
        authors="Sundelin et al.",
        title="Pregnancy outcomes in Ehlers-Danlos syndrome / hypermobility (Swedish register)",
        journal="Acta Obstet Gynecol Scand 96:114-9",
        year=2017,
        note="314 births vs 1,247,864; PTB aOR 0.6 (0.3-1.2), i.e. no excess.",
        title_is_descriptive=True,
    ),
    Reference(
        key="koumans_2007",
        authors="Koumans et al.",
        title="Prevalence of bacterial vaginosis in US women (NHANES 2001-2004)",
        journal="Sex Transm Dis",
        year=2007,
        note="29.2% (27.2-31.3) of women 14-49 (not pregnancy-specific); Black 51.4%, Mexican "
        "American 31.9%, White 23.2%; 84% asymptomatic.",
        title_is_descriptive=True,
    ),
    Reference(
        key="allsworth_2007",
        authors="Allsworth, Peipert",
        title="Prevalence of bacterial vaginosis in US women (NHANES)",
        journal=OBSTET_GYNECOL,
        year=2007,
        note="BV prevalence 29%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="leitich_2003",
        authors="Leitich et al.",
        title="Meta-analysis of bacterial vaginosis and preterm delivery",
        journal=f"{AJOG} 189:139-47",
        year=2003,
        note="18 studies, 20,232 women; OR 2.19 (1.54-3.12); higher if screened early.",
        title_is_descriptive=True,
    ),
    Reference(
        key="flynn_1999",
        authors="Flynn et al.",
        title="Meta-analysis of bacterial vaginosis and preterm birth",
        journal="J Fam Pract",
        year=1999,
        note="19 studies; OR 1.85 (1.62-2.11); pooled adjusted ORs ~1.6.",
        title_is_descriptive=True,
    ),
    Reference(
        key="rours_2011",
        authors="Rours et al.",
        title="Chlamydia trachomatis in pregnancy and preterm delivery (Rotterdam cohort)",
        journal="Eur J Epidemiol",
        year=2011,
        note="4,055 women; prevalence 3.9% (PCR); aOR <32 wk 4.35 (1.3-15.2), <35 wk 2.66.",
        title_is_descriptive=True,
    ),
    Reference(
        key="simons_2021",
        authors="Simons et al.",
        title="Chlamydia prevalence in pregnancy at a US academic centre (Alabama 2012-2017)",
        journal="Sex Transm Dis",
        year=2021,
        pmid="32932385",
        note="13,657 women; 7.4% (7.0-7.9); 14.6% if <25 y.",
        title_is_descriptive=True,
    ),
    Reference(
        key="ahmadi_2018",
        authors="Ahmadi et al.",
        title="Meta-analysis of Chlamydia trachomatis infection and preterm birth",
        journal="BMC Pregnancy Childbirth",
        year=2018,
        pmid="29914397",
        note="Chlamydia and PTB meta-analysis (the dossier cites it with He 2020: OR 2.28 "
        "(1.64-3.16), 24 studies; high-quality studies 1.73).",
        title_is_descriptive=True,
    ),
    Reference(
        key="he_2020",
        authors="He et al.",
        title="Meta-analysis of Chlamydia trachomatis infection and preterm birth",
        journal="Arch Gynecol Obstet",
        year=2020,
        pmid="32643040",
        note="Cited with Ahmadi 2018 for chlamydia-PTB ORs.",
        title_is_descriptive=True,
    ),
    Reference(
        key="speiser_2013",
        authors="Speiser et al.",
        title="Fertility and pregnancy outcome after radical vaginal trachelectomy",
        journal="Dtsch Arztebl Int 110:289-95",
        year=2013,
        note=">300 RVT patients + literature; ~50% of babies born preterm (mainly after PPROM).",
        title_is_descriptive=True,
    ),
    Reference(
        key="shinkai_2020",
        authors="Shinkai et al.",
        title="Pregnancy outcomes after vaginal radical trachelectomy (single institute)",
        journal="BMC Pregnancy Childbirth",
        year=2020,
        pmid="32334568",
        note="28 pregnancies; median delivery 34 wk; 25% emergency caesarean.",
        title_is_descriptive=True,
    ),
    # ---------------------------------------------------------------- 4. CI recurrence
    Reference(
        key="danish_ci_cohort",
        authors=None,
        title="Recurrence rates after abdominal and vaginal cerclages in women with cervical "
        "insufficiency",
        journal=None,
        year=None,
        note="Danish register-validated cohort, 1997-2012 (authors/journal not shown). 149/621 "
        "met strict CI criteria; 2nd pregnancy <28 wk: no cerclage 72%, vaginal 30%, "
        "abdominal 5%; <34 wk 84/46/10%.",
    ),
    Reference(
        key="merck_ci",
        authors=None,
        title="Cervical insufficiency",
        journal="Merck Manual Professional",
        year=None,
        verified="yes (secondary)",
        note="Dossier status 'yes (tertiary)' for the recurrence statement ('probably 30% or "
        "less', no primary citation); incidence range 1/100 to 1/2,000 matches Harper & Owen.",
    ),
)
