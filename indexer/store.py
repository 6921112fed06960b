"""The writing side of the index: one Whoosh index holding passages, quotes and a manifest.

The manifest is part of the index itself (one ``document`` entry per source file, one ``meta``
entry for the index), so a commit updates records and manifest together or not at all: there is
no second file to disagree with the index after a crash.
"""

from __future__ import annotations

import gc
import json
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import FileIndex, LockError
from whoosh.writing import SegmentWriter

from indexer import EXTRACTION_VERSION, __version__
from indexer.errors import IndexDamaged, IndexLocked, IndexMissing
from indexer.records import Extraction
from indexer.schema import SCHEMA_VERSION, day_number, make_schema, nfc
from indexer.shapes import passage_shape, quote_shape

INDEX_NAME = "verbatim"
META_ID = "meta:index"


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What the manifest knows of one indexed source file."""

    doc_id: str
    source: str
    title: str | None
    sha256: str
    size: int
    mtime_ns: int
    extraction_version: int
    passages: int
    quotes: int


def exists(path: Path) -> bool:
    """Whether ``path`` holds an index (perhaps a damaged one: :func:`open_index` tells)."""
    return path.is_dir() and any(path.glob(f"_{INDEX_NAME}_*.toc"))


def open_index(path: Path) -> FileIndex:
    """Open an existing index, or say in one line why it cannot be used and what to do."""
    if not exists(path):
        raise IndexMissing(f"no index in {path}: build it with `verbatim index`")
    problem = None
    with warnings.catch_warnings():
        # Whoosh leaves the files it was reading open when it fails half-way.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
            with ix.searcher() as searcher:
                meta = searcher.document(id=META_ID)
        except Exception as error:  # whoosh raises many kinds (pickle, struct, EOF) on damage
            problem = type(error).__name__
        if problem is not None:
            gc.collect()  # close them now, while the warning is ignored
    if problem is not None:
        raise IndexDamaged(
            f"the index in {path} is damaged ({problem}): "
            "rebuild it with `verbatim index --rebuild`"
        )
    if meta is None or json.loads(meta["record"]).get("schema_version") != SCHEMA_VERSION:
        raise IndexDamaged(
            f"the index in {path} was written by an incompatible version: "
            "rebuild it with `verbatim index --rebuild`"
        )
    return ix


def create_index(path: Path) -> FileIndex:
    path.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(path), make_schema(), indexname=INDEX_NAME)
    with ix.writer() as writer:
        writer.add_document(id=META_ID, kind="meta", record=json.dumps(_meta()))
    return ix


def _meta() -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "engine_version": __version__,
        "extraction_version": EXTRACTION_VERSION,
        "updated": time.time(),
    }


def manifest(ix: FileIndex) -> dict[str, DocInfo]:
    """The documents the index holds, by source path."""
    found: dict[str, DocInfo] = {}
    with ix.searcher() as searcher:
        for fields in searcher.documents(kind="document"):
            info = DocInfo(**json.loads(fields["record"]))
            found[info.source] = info
    return found


def index_meta(ix: FileIndex) -> dict[str, Any]:
    with ix.searcher() as searcher:
        meta = searcher.document(id=META_ID)
    return json.loads(meta["record"]) if meta else {}


class Transaction:
    """The changes of one ``verbatim index`` run; committed together by :func:`transaction`."""

    def __init__(self, writer: SegmentWriter) -> None:
        self.writer = writer

    def remove(self, doc_id: str) -> None:
        """Drop every record of a document (its passages, quotes and manifest entry)."""
        self.writer.delete_by_term("doc_id", doc_id)

    def put(self, extraction: Extraction, info: DocInfo) -> None:
        """Add a document's records (after :meth:`remove` when it was indexed before)."""
        writer = self.writer
        doc = extraction.document
        source = doc.source
        writer.add_document(
            id=f"doc:{doc.doc_id}",
            kind="document",
            doc_id=doc.doc_id,
            title=nfc(doc.title or ""),
            record=json.dumps(asdict(info)),
        )
        for passage in extraction.passages:
            text = nfc(passage.text)
            writer.add_document(
                id=passage.id,
                kind="passage",
                doc_id=doc.doc_id,
                text=text,
                exact=text,
                record=json.dumps(passage_shape(passage, source), ensure_ascii=False),
            )
        for quote in extraction.quotes:
            if quote.kind != "quotation":
                continue
            text = nfc(quote.text)
            fields: dict[str, Any] = {
                "id": quote.id,
                "kind": "quote",
                "doc_id": doc.doc_id,
                "text": text,
                "exact": text,
                "record": json.dumps(quote_shape(quote, source), ensure_ascii=False),
            }
            if quote.speaker:
                fields["speaker"] = nfc(quote.speaker)
                fields["speaker_key"] = nfc(quote.speaker)
            if quote.addressees:
                fields["addressees"] = nfc(" ; ".join(quote.addressees))
            if quote.date:
                first, last = quote.date.interval()
                fields["date_start"] = day_number(first)
                fields["date_end"] = day_number(last)
                fields["date_precision"] = quote.date.precision
            writer.add_document(**fields)


@contextmanager
def transaction(path: Path, *, rebuild: bool = False, wait: float = 30.0) -> Iterator[Transaction]:
    """Open (or create) the index and yield a transaction: committed when the block ends
    normally, cancelled if it raises. A second writer waits up to ``wait`` seconds."""
    ix = create_index(path) if rebuild or not exists(path) else open_index(path)
    try:
        writer = ix.writer(timeout=wait)
    except LockError:
        raise IndexLocked(
            f"another `verbatim index` is writing to {path} (waited {wait:g} s): "
            "try again when it finishes, or pass a longer --wait"
        ) from None
    try:
        yield Transaction(writer)
        writer.update_document(id=META_ID, kind="meta", record=json.dumps(_meta()))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
