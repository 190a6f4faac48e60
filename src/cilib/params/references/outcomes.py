"""Neonatal outcomes: survival of live-born infants by gestational age at birth.

Part of the bibliographic registry (:mod:`cilib.params.references`). Figures were read in the
abstracts or tables named in each note (a helper's search, 2026-12-02); where only a secondary
summary showed them, ``verified`` says so.
"""

from __future__ import annotations

from cilib.params.references.reference import Reference

OUTCOMES: tuple[Reference, ...] = (
    Reference(
        key="costeloe_2012",
        authors="Costeloe et al.",
        title="Short term outcomes after extreme preterm birth in England: comparison of two "
        "birth cohorts in 1995 and 2006 (the EPICure studies)",
        journal="BMJ 345:e7976",
        year=2012,
        pmid="23212881",
        doi="10.1136/bmj.e7976",
        note="EPICure 2, every birth at 22-26 wk in England in 2006. Abstract: survival of live "
        "born babies to discharge 2% at 22 wk, 19% at 23, 40% at 24, 66% at 25 and 77% at 26 wk "
        "(live births 152, 339, 442, 521, 580).",
    ),
    Reference(
        key="ancel_2015",
        authors="Ancel et al.",
        title="Survival and morbidity of preterm children born at 22 through 34 weeks' "
        "gestation in France in 2011: results of the EPIPAGE-2 cohort study",
        journal="JAMA Pediatr 169:230-8",
        year=2015,
        pmid="25621457",
        doi="10.1001/jamapediatrics.2014.3351",
        note="Abstract: 0.7% of infants born before 24 wk survived to discharge; 31.2% at 24 wk, "
        "59.1% at 25, 75.3% at 26; 93.6% at 27-31 wk and 98.9% at 32-34 wk. Few infants were "
        "actively treated at 22-24 wk in France.",
    ),
    Reference(
        key="bell_2022",
        authors="Bell et al.",
        title="Mortality, in-hospital morbidity, care practices, and 2-year outcomes for "
        "extremely preterm infants in the US, 2013-2018",
        journal="JAMA 327:248-63",
        year=2022,
        pmid="35040888",
        doi="10.1001/jama.2021.23580",
        verified="yes (secondary)",
        note="NICHD Neonatal Research Network, 19 US centres. Read in a summary: survival to "
        "discharge 10.9% at 22 wk and 94.0% at 28 wk; among actively treated infants 30.0% at "
        "22 wk and 55.8% at 23 wk. Per-week values at 23-27 wk not seen.",
    ),
    Reference(
        key="joseph_2004",
        authors="Joseph et al.",
        title="A parsimonious explanation for intersecting perinatal mortality curves: "
        "understanding the effects of race and of maternal smoking",
        journal="BMC Pregnancy Childbirth 4:7",
        year=2004,
        pmid="15090071",
        doi="10.1186/1471-2393-4-7",
        note="US 1997 singleton births (>= 500 g, >= 22 wk). Table 1, White singletons, neonatal "
        "(< 28 d) deaths per 1,000 live births: 32 wk 15.2, 33 wk 10.5, 34 wk 8.3, 35 wk 5.6, "
        "36 wk 3.2, 37 wk 2.0, 38 wk 1.1, 39 wk 0.9, 40 wk 0.8.",
    ),
    Reference(
        key="field_2008",
        authors="Field et al.",
        title="Survival of extremely premature babies in the Trent region, 1994-2005",
        title_is_descriptive=True,
        journal="BMJ 336:1221-3",
        year=2008,
        pmid="18469017",
        note="Trent region, 1994-2005: 'none of the 150 infants born at 22 weeks' gestation "
        "survived' (abstract).",
    ),
)
