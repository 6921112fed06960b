"""The order of the stages: document -> cleaned paragraphs -> passages, quotes -> attribution.

:func:`extract` is a pure function of one document (and the engine's version): the same file
always gives the same records, whatever else is in the corpus.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from pathlib import Path

from indexer.attribution import Attributed, Attributor
from indexer.cleaning import clean
from indexer.dates import find_dates
from indexer.passages import split_passages
from indexer.quotes import find_quotes
from indexer.reading import read_document
from indexer.records import Document, Extraction, Passage, Quote, QuotePart


def quote_id(doc_id: str, number: int) -> str:
    return f"{doc_id}:q{number:04d}"


def extract(document: Document) -> Extraction:
    """Every passage and quotation of ``document``, with offsets into ``document.text``."""
    cleaned = clean(document.text)
    document = replace(document, title=cleaned.title or document.title)
    paragraphs = cleaned.paragraphs
    passages = [p for _, p in split_passages(document.doc_id, paragraphs)]
    if document.pages:
        passages = [replace(p, page=document.page_at(p.start)) for p in passages]
    dates = [find_dates(p.text) for p in paragraphs]
    attributed = Attributor(paragraphs, dates).attribute(find_quotes(paragraphs))
    starts = [p.start for p in passages]
    quotes = [
        _to_quote(document.doc_id, number, item, paragraphs, passages, starts)
        for number, item in enumerate(attributed, 1)
    ]
    if document.pages:
        quotes = [replace(q, page=document.page_at(q.start)) for q in quotes]
    return Extraction(document, tuple(passages), tuple(quotes))


def _to_quote(
    doc_id: str,
    number: int,
    item: Attributed,
    paragraphs,  # type: ignore[no-untyped-def]
    passages: list[Passage],
    starts: list[int],
) -> Quote:
    parts = []
    for span in item.found.parts:
        para = paragraphs[span.para]
        start, end = para.source_span(span.start, span.end)
        parts.append(QuotePart(start, end, para.text[span.start : span.end]))
    nested = tuple(paragraphs[s.para].text[s.start : s.end] for s in item.found.nested)
    at = max(0, bisect.bisect_right(starts, parts[0].start) - 1)
    return Quote(
        start=parts[0].start,
        end=parts[-1].end,
        id=quote_id(doc_id, number),
        doc_id=doc_id,
        passage_id=passages[at].id if passages else "",
        parts=tuple(parts),
        speaker=item.speaker,
        addressees=tuple(item.addressees),
        date=item.date,
        nested=nested,
        attribution=item.attribution,
        kind="term" if item.term else "quotation",
    )


def extract_file(path: Path, source: str) -> Extraction:
    """Read and extract one file (raises :class:`UnreadableDocument` when it is not text)."""
    return extract(read_document(path, source))
