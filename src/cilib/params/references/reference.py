"""The :class:`Reference` record: one published source and its citation."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AJOG", "NEJM", "NVSR", "OBSTET_GYNECOL", "UOG", "VERIFIED_STATUSES", "Reference"]

#: NLM abbreviations of the journals most sources appeared in.
NEJM = "N Engl J Med"
UOG = "Ultrasound Obstet Gynecol"
AJOG = "Am J Obstet Gynecol"
OBSTET_GYNECOL = "Obstet Gynecol"
NVSR = "Natl Vital Stat Rep"

VERIFIED_STATUSES: tuple[str, ...] = ("yes", "yes (secondary)", "no", "derived")


@dataclass(frozen=True)
class Reference:
    """One published source (paper, report, guideline or web page).

    Parameters
    ----------
    key : str
        Registry key, lowercase ``firstauthor_year[_topic]``.
    authors : str or None
        First author followed by ``et al.`` (e.g. ``"Iams et al."``), or the names of a
        two-author paper, or ``None`` if no author list was seen. Full author lists, where
        checked, are in :attr:`note`.
    title : str
        The title, or a short description if the title is not known
        (then ``title_is_descriptive`` is ``True``).
    journal : str or None
        Journal, publisher or report series, with ``volume:pages`` where known.
    year : int or None
        Year of publication (not the data year of a statistical report), or ``None`` if
        unknown.
    pmid, doi, url : str or None
        Identifiers, only where the dossier gives them or a page retrieved in the citation
        audit showed them; never filled in from memory.
    verified : str
        Verification status of the figures taken from the source; one of
        :data:`VERIFIED_STATUSES`. ``"yes"``: read in the source or a reproduction of it;
        ``"yes (secondary)"``: read only in a secondary source; ``"no"``: not seen.
    note : str
        What the source is used for and any caveats, including which figures the citation
        audit could not find in the source.
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
