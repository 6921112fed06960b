"""Passages: paragraph-based stretches of a document, of bounded length, with stable ids."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from indexer.cleaning import Paragraph
from indexer.records import Passage
from indexer.sentences import sentence_spans

#: A paragraph longer than this is cut at sentence boundaries (a sentence longer still, at a space).
MAX_PASSAGE_CHARS = 1500


def passage_id(doc_id: str, number: int) -> str:
    return f"{doc_id}:p{number:04d}"


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Cleaned-text spans of at most MAX_PASSAGE_CHARS, cut between sentences where possible."""
    if len(text) <= MAX_PASSAGE_CHARS:
        yield 0, len(text)
        return
    start = end = 0
    for s_start, s_end in sentence_spans(text):
        if s_end - start > MAX_PASSAGE_CHARS and end > start:
            yield start, end
            start = s_start
        while s_end - start > MAX_PASSAGE_CHARS:  # one very long sentence
            cut = text.rfind(" ", start + 1, start + MAX_PASSAGE_CHARS)
            cut = cut if cut > start else start + MAX_PASSAGE_CHARS
            yield start, cut
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        end = s_end
    if end > start:
        yield start, end


def split_passages(doc_id: str, paragraphs: Sequence[Paragraph]) -> list[tuple[int, Passage]]:
    """Every passage of the document with the index of the paragraph it comes from."""
    found: list[tuple[int, Passage]] = []
    for index, para in enumerate(paragraphs):
        for start, end in _chunks(para.text):
            text = para.text[start:end].strip()
            if not text:
                continue
            lead = len(para.text[start:end]) - len(para.text[start:end].lstrip())
            s, e = para.source_span(start + lead, start + lead + len(text))
            found.append((index, Passage(s, e, passage_id(doc_id, len(found) + 1), doc_id, text)))
    return found
