"""The order of the stages: document -> cleaned paragraphs -> passages, quotes -> attribution.

:func:`extract` is a pure function of one document (and the engine's version): the same file
always gives the same records, whatever else is in the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from indexer.attribution import Attributed, Attributor
from indexer.cleaning import Paragraph, clean
from indexer.dates import find_dates
from indexer.letters import without_letters
from indexer.passages import Cut, split_passages
from indexer.quotes import Span, find_quotes
from indexer.reading import read_document
from indexer.records import Document, Extraction, Passage, Quote, QuotePart


def quote_id(doc_id: str, number: int) -> str:
    return f"{doc_id}:q{number:04d}"


def extract(document: Document) -> Extraction:
    """Every passage and quotation of ``document``, with offsets into ``document.text``."""
    cleaned = clean(document.text)
    document = replace(document, title=cleaned.title or document.title)
    paragraphs = cleaned.paragraphs
    dates = [find_dates(p.text) for p in paragraphs]
    found = without_letters(paragraphs, find_quotes(paragraphs))
    attributed = Attributor(paragraphs, dates).attribute(found)
    keep: dict[int, list[tuple[int, int]]] = {}
    for item in attributed:
        for span in item.found.parts:
            keep.setdefault(span.para, []).append((span.start, span.end))
    cuts = split_passages(document.doc_id, paragraphs, keep)
    passages = [cut.passage for cut in cuts]
    by_para: dict[int, list[Cut]] = {}
    for cut in cuts:
        by_para.setdefault(cut.para, []).append(cut)
    if document.pages:
        passages = [replace(p, page=document.page_at(p.start)) for p in passages]
    quotes = [
        _to_quote(document.doc_id, number, item, paragraphs, by_para)
        for number, item in enumerate(attributed, 1)
    ]
    if document.pages:
        quotes = [replace(q, page=document.page_at(q.start)) for q in quotes]
    return Extraction(document, tuple(passages), tuple(quotes))


def _within_passages(span: Span, cuts: list[Cut]) -> list[Span]:
    """``span`` split where passages were cut (only a quotation longer than a passage is)."""
    pieces = []
    for cut in cuts:
        if cut.para != span.para or cut.end <= span.start or cut.start >= span.end:
            continue
        start, end = max(span.start, cut.start), min(span.end, cut.end)
        if start < end:
            pieces.append(Span(span.para, start, end))
    return pieces or [span]


def _to_quote(
    doc_id: str,
    number: int,
    item: Attributed,
    paragraphs: Sequence[Paragraph],
    cuts: dict[int, list[Cut]],
) -> Quote:
    parts = []
    owner: Passage | None = None
    for whole in item.found.parts:
        here = cuts.get(whole.para, [])
        for span in _within_passages(whole, here):
            para = paragraphs[span.para]
            start, end = para.source_span(span.start, span.end)
            parts.append(QuotePart(start, end, para.text[span.start : span.end].strip()))
            if owner is None:
                owner = next((c.passage for c in here if c.start <= span.start < c.end), None)
    nested = tuple(paragraphs[s.para].text[s.start : s.end] for s in item.found.nested)
    return Quote(
        start=parts[0].start,
        end=parts[-1].end,
        id=quote_id(doc_id, number),
        doc_id=doc_id,
        passage_id=owner.id if owner else "",
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
