"""Stored records come back exactly as they were given, key order included."""

from __future__ import annotations

from indexer.records import Extraction
from indexer.schema import pack_record, unpack_record
from indexer.shapes import document_shape, passage_shape, quote_shape


def test_every_seed_record_round_trips(seed_extraction: Extraction) -> None:
    source = seed_extraction.document.source
    shapes = [document_shape(seed_extraction.document)]
    shapes += [passage_shape(p, source) for p in seed_extraction.passages]
    shapes += [quote_shape(q, source) for q in seed_extraction.quotes]
    assert any(s["type"] == "quote" and len(s["parts"]) > 1 for s in shapes)
    for shape in shapes:
        back = unpack_record(pack_record(shape))
        assert back == shape
        assert list(back) == list(shape)
