"""Stored records come back exactly as they were given, key order included, whether stored
whole (the manifest) or in chunks (passages and quotations)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import store
from indexer.records import Extraction
from indexer.schema import make_schema, pack_record, read_pointer, unpack_record
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


def test_chunks_hold_every_record_once_each_quotation_beside_its_passage(
    seed_extraction: Extraction, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "CHUNK_CHARS", 400)  # several chunks out of the seed
    source = seed_extraction.document.source
    chunks = list(store.chunks_of(seed_extraction, source))
    assert len(chunks) > 2
    flat = [record for chunk in chunks for record in chunk]
    wanted = [passage_shape(p, source) for p in seed_extraction.passages]
    wanted += [quote_shape(q, source) for q in seed_extraction.quotes if q.kind == "quotation"]
    assert sorted(flat, key=lambda r: r["id"]) == sorted(wanted, key=lambda r: r["id"])
    for chunk in chunks:
        current = None
        for record in chunk:
            if record["type"] == "passage":
                current = record["id"]
            else:
                assert record["passage_id"] == current  # right after its passage
    for chunk in chunks[:-1]:  # all but the last reach the size
        assert sum(len(r["text"]) for r in chunk) >= 400


def test_records_resolve_pointers_whatever_the_cache_holds(
    seed_extraction: Extraction, tmp_path: Path
) -> None:
    from whoosh import index as whoosh_index

    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    with ix.writer() as writer:
        chunks = store.add_records(writer, seed_extraction, "seed.txt")
    assert chunks >= 1
    with ix.searcher() as searcher:
        stored = {
            fields["record"]: fields["record"]
            for fields in searcher.all_stored_fields()
            if fields["record"].startswith("@")
        }
        for keep in (1, 64):
            records = store.Records(searcher, keep=keep)
            for _ in range(2):  # read twice: from the index, then (some) from the cache
                for pointer in stored:
                    record = records.load(pointer)
                    chunk_id, _, following = read_pointer(pointer)
                    assert record["doc_id"] == seed_extraction.document.doc_id
                    assert chunk_id.startswith(record["doc_id"] + ":c")
                    beside = records.quotes_beside(pointer)
                    if record["type"] == "passage":
                        assert len(beside) == following
                        assert [q["passage_id"] for q in beside] == [record["id"]] * following
                        assert {q["id"] for q in beside} == {
                            q.id
                            for q in seed_extraction.quotes
                            if q.kind == "quotation" and q.passage_id == record["id"]
                        }
                    else:
                        assert beside == [] and following == 0
        ids = {records.load(p)["id"] for p in stored}
        assert ids == {p.id for p in seed_extraction.passages} | {
            q.id for q in seed_extraction.quotes if q.kind == "quotation"
        }
