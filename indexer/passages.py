"""Passages: paragraph-based stretches of a document, of bounded length, with stable ids.

A paragraph longer than :data:`MAX_PASSAGE_CHARS` is cut between sentences, but not inside a
quotation: a passage grows to hold a long quotation whole, up to :data:`HARD_MAX_PASSAGE_CHARS`.
Only a quotation longer than that is cut, and the pipeline then splits it into parts at the cut,
so every part of every quotation lies inside one passage.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from indexer.cleaning import Paragraph
from indexer.records import Passage
from indexer.sentences import sentence_spans

#: A paragraph longer than this is cut at sentence boundaries (a sentence longer still, at a space).
MAX_PASSAGE_CHARS = 1500
#: A passage grows past MAX_PASSAGE_CHARS to keep a quotation whole, up to this length.
HARD_MAX_PASSAGE_CHARS = 12_000


@dataclass(frozen=True, slots=True)
class Cut:
    """A passage with where it lies in its paragraph's cleaned text."""

    para: int
    start: int
    end: int
    passage: Passage


def passage_id(doc_id: str, number: int) -> str:
    return f"{doc_id}:p{number:04d}"


class _Keep:
    """Spans of a paragraph (quotation parts, which never overlap) that a cut should not split."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def _last_before(self, at: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, at) - 1
        return self.spans[i] if i >= 0 else None

    def inside(self, at: int) -> bool:
        """Whether cutting at ``at`` would split a span."""
        span = self._last_before(at)
        return span is not None and span[1] > at

    def limit(self, start: int, end: int) -> int:
        """How long a passage over ``[start, end)`` may grow: longer if it holds a quotation."""
        span = self._last_before(end)
        holds = span is not None and span[1] > start
        return HARD_MAX_PASSAGE_CHARS if holds else MAX_PASSAGE_CHARS


def _chunks(text: str, keep: _Keep) -> Iterator[tuple[int, int]]:
    """Cleaned-text spans of bounded length, cut between sentences, outside quotations."""
    if len(text) <= MAX_PASSAGE_CHARS:
        yield 0, len(text)
        return
    start = end = 0
    for s_start, s_end in sentence_spans(text):
        too_long = s_end - start > MAX_PASSAGE_CHARS
        if (
            too_long
            and end > start
            and (not keep.inside(s_start) or s_end - start > HARD_MAX_PASSAGE_CHARS)
        ):
            yield start, end
            start = s_start
        while s_end - start > keep.limit(start, s_end):  # one very long sentence
            limit = keep.limit(start, s_end)
            cut = text.rfind(" ", start + 1, start + limit)
            cut = cut if cut > start else start + limit
            yield start, cut
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        end = s_end
    if end > start:
        yield start, end


def split_passages(
    doc_id: str,
    paragraphs: Sequence[Paragraph],
    keep: dict[int, list[tuple[int, int]]] | None = None,
) -> list[Cut]:
    """Every passage of the document; ``keep`` gives, per paragraph index, the cleaned spans
    (quotation parts) that should not be cut."""
    keep = keep or {}
    found: list[Cut] = []
    for index, para in enumerate(paragraphs):
        for start, end in _chunks(para.text, _Keep(keep.get(index, []))):
            piece = para.text[start:end]
            text = piece.strip()
            if not text:
                continue
            lead = len(piece) - len(piece.lstrip())
            s, e = para.source_span(start + lead, start + lead + len(text))
            number = len(found) + 1
            passage = Passage(s, e, passage_id(doc_id, number), doc_id, text)
            found.append(Cut(index, start + lead, start + lead + len(text), passage))
    return found
