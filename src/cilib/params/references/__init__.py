"""Bibliographic registry of the sources behind every number in cilib.

Each published source cited by an assumption, calibration target or guideline rule is a
:class:`Reference`, stored in :data:`REFERENCES` under a short lowercase key of the form
``firstauthor_year[_topic]`` (for example ``iams_1996`` or ``hoffman_2023_tops``). Where the
first author is not known, the key names the journal, organisation or document instead
(``plos_one_2021_cl_meta``, ``acog_pb234_2021``, ``danish_ci_cohort``).

Every field is taken from the project evidence dossier (``shared/evidence.md`` beside the
repository) or from a retrieved copy of the published abstract, journal page or PubMed record
(the citation audit of cilib 0.2; identifiers only where such a page showed them). Where
neither gives a field (authors, journal, year, PMID, DOI) it is ``None``; no identifier, author
list or title has been filled in from memory. In particular:

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
>>> from cilib.params.references import get_reference
>>> get_reference("iams_1996").pmid
'8569824'
>>> get_reference("fonseca_2007").year
2007
"""

import difflib
from dataclasses import fields
from typing import TYPE_CHECKING

from cilib.params.references.epidemiology import EPIDEMIOLOGY
from cilib.params.references.guidelines import GUIDELINES
from cilib.params.references.natural_history import NATURAL_HISTORY
from cilib.params.references.outcomes import OUTCOMES
from cilib.params.references.reference import VERIFIED_STATUSES, Reference
from cilib.params.references.risk_factors import RISK_FACTORS
from cilib.params.references.treatments import TREATMENTS

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas

__all__ = [
    "REFERENCES",
    "VERIFIED_STATUSES",
    "Reference",
    "get_reference",
    "references_table",
]

_REFERENCE_LIST: tuple[Reference, ...] = (
    EPIDEMIOLOGY + RISK_FACTORS + TREATMENTS + GUIDELINES + NATURAL_HISTORY + OUTCOMES
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
