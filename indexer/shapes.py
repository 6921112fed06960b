"""The JSON shape of each record (a contract: see README "Records"), made from the dataclass."""

from __future__ import annotations

from typing import Any

from indexer.records import Document, Passage, Quote


def document_shape(document: Document) -> dict[str, Any]:
    return {
        "type": "document",
        "doc_id": document.doc_id,
        "source": document.source,
        "title": document.title,
    }


def passage_shape(passage: Passage, source: str) -> dict[str, Any]:
    shape = {
        "type": "passage",
        "id": passage.id,
        "doc_id": passage.doc_id,
        "source": source,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
    }
    if passage.page is not None:
        shape["page"] = passage.page  # paged documents (PDF) only
    return shape


def quote_shape(quote: Quote, source: str) -> dict[str, Any]:
    shape = {
        "type": "quote" if quote.kind == "quotation" else "term",
        "id": quote.id,
        "doc_id": quote.doc_id,
        "source": source,
        "passage_id": quote.passage_id,
        "start": quote.start,
        "end": quote.end,
        "parts": [{"start": p.start, "end": p.end, "text": p.text} for p in quote.parts],
        "text": quote.text,
        "speaker": quote.speaker,
        "addressees": list(quote.addressees),
        "date": quote.date.isoformat() if quote.date else None,
        "date_precision": quote.date.precision if quote.date else None,
        "nested": list(quote.nested),
        "attribution": {
            "method": quote.attribution.method,
            "cue": quote.attribution.cue,
            "confidence": quote.attribution.confidence,
        },
    }
    if quote.page is not None:
        shape["page"] = quote.page  # paged documents (PDF) only
    return shape
