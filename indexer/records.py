"""The records that flow through the pipeline: source -> document -> passages and quotes.

Every record is a frozen dataclass; offsets come first and point into ``Document.text``, the
source text exactly as decoded, so ``document.text[start:end]`` is always the raw span.
"""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "season", "year"]

#: Seasons as ISO 8601-2 (EDTF) codes and their months in the northern hemisphere.
SEASONS: dict[str, tuple[int, int, int]] = {
    "spring": (21, 3, 5),
    "summer": (22, 6, 8),
    "autumn": (23, 9, 11),
    "fall": (23, 9, 11),
    "winter": (24, 12, 14),  # December to February of the next year
}


@dataclass(frozen=True, slots=True)
class Document:
    """One source file as decoded, before any cleaning."""

    doc_id: str
    source: str
    title: str | None
    text: str
    sha256: str
    metadata: dict[str, str] = field(default_factory=dict)
    #: Start offset in ``text`` of each page (PDF): page ``i + 1`` starts at ``pages[i]``.
    pages: tuple[int, ...] = ()
    #: ``(start, name)`` of each section of ``text`` (EPUB: the chapter file in the book).
    sections: tuple[tuple[int, str], ...] = ()
    #: ``(start, end)`` of each block quotation the file marks as such (HTML, EPUB, Markdown).
    block_quotes: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page (from 1) holding ``offset``, or None for a document without pages."""
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph-based stretch of the document, of bounded length.

    ``text`` is the cleaned form of ``document.text[start:end]`` (line breaks folded,
    broken words rejoined).
    """

    start: int
    end: int
    id: str
    doc_id: str
    text: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class QuotePart:
    """One quoted stretch, quote marks excluded; ``text`` is its cleaned form."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the day, the month, the season or the year."""

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.season is not None:
            return "season"
        return "year"

    def isoformat(self) -> str:
        """``1977-04-08``, ``1963-04``, ``1963`` or, for a season, its EDTF code (``1963-21``)."""
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.season is not None:
            return f"{self.year:04d}-{SEASONS[self.season][0]}"
        return f"{self.year:04d}"

    def interval(self) -> tuple[date, date]:
        """The earliest and the latest day this date can mean."""
        if self.day is not None and self.month is not None:
            day = date(self.year, self.month, self.day)
            return day, day
        if self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1), date(self.year, self.month, last)
        if self.season is not None:
            _, first, last = SEASONS[self.season]
            end_year = self.year + (last - 1) // 12
            end_month = (last - 1) % 12 + 1
            end_day = calendar.monthrange(end_year, end_month)[1]
            return date(self.year, first, 1), date(end_year, end_month, end_day)
        return date(self.year, 1, 1), date(self.year, 12, 31)


@dataclass(frozen=True, slots=True)
class Attribution:
    """How a quotation's speaker was found, so a user can see why.

    ``method`` is one of: ``dash-line`` (an epigraph or block quotation signed by a dash line),
    ``explicit`` (a reporting verb next to a name), ``alias`` (the same, the name being a
    surname or first name resolved to a full name), ``description`` (a reporting verb next to
    a description, "said her father", resolved to a person in the scene), ``pronoun``,
    ``continuation`` (no attribution of its own; the previous speaker goes on in the same
    paragraph), ``turn-taking`` (a line of dialogue in an exchange of two speakers),
    ``narration`` (the person the narration beside the quotation is about), ``narrator`` (a
    first-person cue, "said I": the narrator, by the name the text gives it or "narrator"),
    ``none``.
    ``cue`` is the text that gave it away; ``confidence`` a rough 0-1 order of the sieves.
    """

    method: str
    cue: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: one or more parts, who said it, to whom, and when."""

    start: int
    end: int
    id: str
    doc_id: str
    passage_id: str
    parts: tuple[QuotePart, ...]
    speaker: str | None = None
    addressees: tuple[str, ...] = ()
    date: PartialDate | None = None
    nested: tuple[str, ...] = ()
    attribution: Attribution = Attribution("none")
    kind: Literal["quotation", "term"] = "quotation"
    page: int | None = None

    @property
    def text(self) -> str:
        return " ".join(part.text for part in self.parts)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the pipeline extracted from one document."""

    document: Document
    passages: tuple[Passage, ...]
    quotes: tuple[Quote, ...]
