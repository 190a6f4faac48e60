"""Bibliographic registry of the sources behind every number in cilib.

Each published source cited by an assumption, calibration target or guideline rule is a
:class:`Reference`, stored in :data:`REFERENCES` under a short lowercase key of the form
``firstauthor_year[_topic]`` (for example ``iams_1996`` or ``hoffman_2023_tops``). Where the
first author is not known, the key names the journal, organisation or document instead
(``plos_one_2021_cl_meta``, ``acog_pb234_2021``, ``danish_ci_cohort``).

Every field is taken from the project evidence dossier (the evidence dossier (``shared/evidence.md`` beside the repository)) and
nothing else. Where the dossier does not give a field (authors, journal, year, PMID, DOI) it is
``None``; no identifier, author list or title has been filled in from memory. In particular:

* Authors are written as the dossier gives them: a first-author surname followed by
  ``et al.`` (initials are not given in the dossier and have not been added), or the named
  authors of two-author papers and reports (``"Shah, Bracken"``).
* The dossier rarely quotes article titles. When it does not, :attr:`Reference.title` holds a
  short description of the paper and :attr:`Reference.title_is_descriptive` is ``True``;
  :meth:`Reference.citation` prints such titles in square brackets.
* Journal names are the standard NLM abbreviations of the names or acronyms in the dossier
  (``NEJM`` -> ``N Engl J Med``, ``UOG`` -> ``Ultrasound Obstet Gynecol``, ``AJOG`` ->
  ``Am J Obstet Gynecol``), followed by ``volume:pages`` where the dossier gives them.
* :attr:`Reference.verified` copies the dossier's ``verified?`` status, restricted to
  ``"yes"``, ``"yes (secondary)"``, ``"no"`` and ``"derived"``. The dossier grades individual
  figures, not papers; where it gives a compound status (e.g. ``"yes (rates) / no (CI)"``)
  or ``"yes (tertiary)"``, the record keeps the status under which the source itself was
  seen and its note says which figures were not verified.

Attributes
----------
REFERENCES : dict of str to Reference
    All references, keyed by :attr:`Reference.key`.
VERIFIED_STATUSES : tuple of str
    The allowed values of :attr:`Reference.verified`.

Notes
-----
Sources marked ``verified="no"`` were recalled from memory or not found in any search result
(the dossier's "Unverified" section). They are listed so that records can point at them, but
their figures must be checked against the original before they are hard-coded.

Examples
--------
>>> from cilib.references import get_reference
>>> get_reference("iams_1996").pmid
'8569824'
>>> get_reference("fonseca_2007").year
2007
"""

import difflib
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas

__all__ = [
    "REFERENCES",
    "VERIFIED_STATUSES",
    "Reference",
    "get_reference",
    "references_table",
]

VERIFIED_STATUSES: tuple[str, ...] = ("yes", "yes (secondary)", "no", "derived")


@dataclass(frozen=True)
class Reference:
    """One published source (paper, report, guideline or web page).

    Parameters
    ----------
    key : str
        Registry key, lowercase ``firstauthor_year[_topic]``.
    authors : str or None
        Authors as named in the dossier (e.g. ``"Iams et al."``), or ``None`` if not named.
    title : str
        The title, or a short description if the title is not known
        (then ``title_is_descriptive`` is ``True``).
    journal : str or None
        Journal, publisher or report series, with ``volume:pages`` where known.
    year : int or None
        Year of publication, or ``None`` if the dossier does not give it.
    pmid, doi, url : str or None
        Identifiers, only where the dossier gives them.
    verified : str
        The dossier's verification status; one of :data:`VERIFIED_STATUSES`.
    note : str
        What the source is used for and any caveats.
    title_is_descriptive : bool
        ``True`` if ``title`` is a description rather than the published title.
    """

    key: str
    authors: str | None
    title: str
    journal: str | None
    year: int | None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    verified: str = "yes"
    note: str = ""
    title_is_descriptive: bool = False

    def __post_init__(self) -> None:
        if not self.key or self.key != self.key.lower() or " " in self.key:
            raise ValueError(f"reference key must be lowercase without spaces: {self.key!r}")
        if self.verified not in VERIFIED_STATUSES:
            raise ValueError(
                f"reference {self.key!r}: verified={self.verified!r} is not one of "
                f"{VERIFIED_STATUSES}"
            )
        if self.year is not None and not isinstance(self.year, int):
            raise TypeError(f"reference {self.key!r}: year must be an int or None")
        if self.pmid is not None and not self.pmid.isdigit():
            raise ValueError(f"reference {self.key!r}: PMID must be digits, got {self.pmid!r}")

    def citation(self) -> str:
        """Return a one-line human-readable citation.

        Returns
        -------
        str
            E.g. ``"Iams et al. (1996). [description]. N Engl J Med. PMID 8569824"``.
            Descriptive titles are bracketed; ``n.d.`` stands for an unknown year; sources
            not fully verified end with ``[verified: ...]``.
        """
        year = str(self.year) if self.year is not None else "n.d."
        title = self.title.rstrip(".")
        if self.title_is_descriptive:
            title = f"[{title}]"
        parts: list[str] = []
        if self.authors:
            parts.append(f"{self.authors} ({year})")
            parts.append(title)
        else:
            parts.append(f"{title} ({year})")
        if self.journal:
            parts.append(self.journal.rstrip("."))
        ids = []
        if self.pmid:
            ids.append(f"PMID {self.pmid}")
        if self.doi:
            ids.append(f"doi:{self.doi}")
        if self.url:
            ids.append(self.url)
        # a part ending in its own punctuation (a question as a title) takes no full stop
        text = "".join(
            part + ("" if k == len(parts) - 1 else " " if part[-1] in "?!" else ". ")
            for k, part in enumerate(parts)
        )
        if ids:
            text += ". " + ". ".join(ids)
        if self.verified != "yes":
            text += f" [verified: {self.verified}]"
        return text


_NEJM = "N Engl J Med"
_UOG = "Ultrasound Obstet Gynecol"
_AJOG = "Am J Obstet Gynecol"
_OG = "Obstet Gynecol"
_NVSR = "Natl Vital Stat Rep"

_REFERENCE_LIST: tuple[Reference, ...] = (
    # ---------------------------------------------------------------- 1. cervical length
    Reference(
        key="iams_1996",
        authors="Iams et al.",
        title="Transvaginal cervical length at 24 and 28 weeks and the risk of spontaneous "
        "preterm delivery (NICHD MFMU cohort)",
        journal=_NEJM,
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
        journal=f"{_UOG} 12:304-11",
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
        journal=f"{_UOG} 12:312-7",
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
        journal=_UOG,
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
        journal=f"{_NEJM} 357:462-9",
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
        journal=_AJOG,
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
        journal=f"{_AJOG} 214:523.e1-8",
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
        journal=_UOG,
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
        journal=_UOG,
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
        journal=f"{_NVSR} 73(2)",
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
        journal=_NVSR,
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
        journal=_NVSR,
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
        journal=f"{_AJOG} 181:1216-21",
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
        journal=f"{_UOG} 48:752-6",
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
        journal=_AJOG,
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
        journal=_UOG,
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
        journal=f"{_AJOG} 205:558.e1-5",
        year=2011,
        note="1990-2008; aOR 7.4 (4.8-11.4) for PTB <34 wk, 5.9 (4.3-8.1) for <37 wk.",
        title_is_descriptive=True,
    ),
    Reference(
        key="hoover_2011",
        authors="Hoover et al.",
        title="Reproductive outcomes after in-utero diethylstilbestrol (DES) exposure",
        journal=_NEJM,
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
        journal=_OG,
        year=2007,
        note="BV prevalence 29%.",
        title_is_descriptive=True,
    ),
    Reference(
        key="leitich_2003",
        authors="Leitich et al.",
        title="Meta-analysis of bacterial vaginosis and preterm delivery",
        journal=f"{_AJOG} 189:139-47",
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
    # ---------------------------------------------------------------- 5a. progestogens
    Reference(
        key="hassan_2011",
        authors="Hassan et al.",
        title="Vaginal progesterone gel in women with a mid-trimester cervical length of "
        "10-20 mm (PREGNANT trial)",
        journal=f"{_UOG} 38:18-31",
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
        journal=_AJOG,
        year=2012,
        note="5 trials, 775 women; PTB <33 wk RR 0.58 (0.42-0.80).",
        title_is_descriptive=True,
    ),
    Reference(
        key="romero_2017_twins",
        authors="Romero et al.",
        title="Individual patient data meta-analysis of vaginal progesterone in twin "
        "gestations with a short cervix",
        journal=f"{_UOG} 49:303-14",
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
        journal=_AJOG,
        year=2018,
        note="PMC5987201. 5 trials, 974 women; PTB <33 wk RR 0.62 (0.47-0.81).",
        title_is_descriptive=True,
    ),
    Reference(
        key="conde_agudelo_2022",
        authors="Conde-Agudelo et al.",
        title="Vaginal progesterone in singletons with prior sPTB and cervical length >25 mm",
        journal=_AJOG,
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
        journal=f"{_NEJM} 348:2379-85",
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
        journal=f"{_AJOG} 201:375.e1-8",
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
        journal=f"{_OG} 117:663-71",
        year=2011,
        note="5 trials; PTB <35 wk 28.4% (71/250) vs 41.3% (105/254), RR 0.70 (0.55-0.89); "
        "composite perinatal morbidity/mortality RR 0.64 (0.45-0.91).",
        title_is_descriptive=True,
    ),
    Reference(
        key="berghella_2005",
        authors="Berghella et al.",
        title="Meta-analysis of cerclage for short cervix (twin subgroup)",
        journal=f"{_OG} 106:181-9",
        year=2005,
        verified="no",
        note="Harm signal in twins with CL <25 mm (RR ~2.15 for PTB <35 wk) not seen.",
        title_is_descriptive=True,
    ),
    Reference(
        key="ehsanipoor_2015",
        authors="Ehsanipoor et al.",
        title="Meta-analysis of physical-exam-indicated (rescue) cerclage vs expectant management",
        journal=_OG,
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
        journal=f"{_NEJM} 374:1044-52",
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
        journal=f"{_AJOG} 206:376-86",
        year=2012,
        note="Singleton, no prior PTB, CL <=20 mm at <=24 wk: VP 90 mg gel or 200 mg suppository.",
        title_is_descriptive=True,
    ),
    Reference(
        key="smfm_consult40_2016",
        authors=None,
        title="SMFM Consult Series #40 (cervical length screening)",
        journal=f"{_AJOG} 215(3):B2-B7",
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
        journal=f"{_AJOG} 202:548.e1-8",
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
        journal=f"{_UOG} 38:32-7",
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
        journal=_AJOG,
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


def _build_registry(items: tuple[Reference, ...]) -> dict[str, Reference]:
    registry: dict[str, Reference] = {}
    for ref in items:
        if ref.key in registry:
            raise ValueError(f"duplicate reference key {ref.key!r}")
        registry[ref.key] = ref
    return registry


REFERENCES: dict[str, Reference] = _build_registry(_REFERENCE_LIST)


def get_reference(key: str) -> Reference:
    """Return the reference registered under ``key``.

    Parameters
    ----------
    key : str
        A key of :data:`REFERENCES`.

    Returns
    -------
    Reference

    Raises
    ------
    ValueError
        If ``key`` is unknown; the message names the key and suggests close matches.
    """
    try:
        return REFERENCES[key]
    except (KeyError, TypeError):
        pass
    close = difflib.get_close_matches(str(key).lower(), list(REFERENCES), n=5, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise ValueError(f"unknown reference key {key!r}.{hint}")


def references_table() -> "pandas.DataFrame":
    """Return all references as a table.

    Returns
    -------
    pandas.DataFrame
        One row per reference (in registry order); the columns are the :class:`Reference`
        fields followed by ``citation``.
    """
    import pandas as pd

    columns = [f.name for f in fields(Reference)]
    rows = [
        {**{name: getattr(ref, name) for name in columns}, "citation": ref.citation()}
        for ref in REFERENCES.values()
    ]
    return pd.DataFrame(rows, columns=[*columns, "citation"])
