"""The writing side of the index: one Whoosh index holding passages, quotes and a manifest.

The manifest is part of the index itself (one ``document`` entry per indexed source file, one
``skipped`` entry per file that could not be read, one ``meta`` entry for the index), so a
commit updates records and manifest together or not at all: there is no second file to disagree
with the index after a crash. Skipped files are remembered so that an unchanged one is not read
(and warned about) again at every run.

How the guarantees are kept:

* **Atomic commits.** Whoosh writes new segment files next to the old ones and then renames a
  new table of contents (``_verbatim_<generation>.toc``) into place; readers always open the
  latest complete generation. A writer killed before that rename leaves the previous generation
  untouched; its orphan files are removed by the next commit.
* **Rebuilds are built aside.** ``--rebuild`` (or a schema change) writes the new index as a new
  generation in the same folder and drops the old segments only in that generation's commit
  (Whoosh's ``CLEAR`` merge), so a crash keeps the old index searchable.
* **One writer at a time.** :func:`writer_lock` takes an OS file lock (``filelock``, flock-based:
  the kernel releases it when its process dies, ``kill -9`` included) for the whole run, and
  writes the holder's pid, host and start time next to it so a waiting writer can name it. A
  holder record left by a killed writer is stale: the next writer reports and replaces it.
* **Damage is found on open.** :func:`open_index` checks that the table of contents and the
  segments load, that the schema version matches, and that the number of live records equals
  the counts the manifest's ``meta`` entry recorded at the last commit.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import socket
import time
import warnings
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex, IndexVersionError, LockError
from whoosh.writing import CLEAR, PostingPool, SegmentWriter

import indexer
from indexer import schema as schema_module
from indexer.errors import IndexDamaged, IndexLocked, IndexMissing
from indexer.records import SEASONS, Extraction, PartialDate
from indexer.schema import (
    day_number,
    make_schema,
    nfc,
    pack_chunk,
    pack_record,
    pointer,
    read_pointer,
    unpack_chunk,
    unpack_record,
)
from indexer.shapes import passage_shape, quote_shape

INDEX_NAME = "verbatim"
META_ID = "meta:index"
LOCK_FILE = "verbatim.lock"
HOLDER_FILE = "verbatim.lock.json"
#: Seconds a second writer waits for the first by default.
DEFAULT_WAIT = 30.0


class IndexIncompatible(IndexDamaged):
    """The index was written with another schema or by an unreadable Whoosh version.

    Shown to the user; ``verbatim index`` rebuilds such an index by itself."""


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
    chunks: int = 0  # entries the passages and quotations are stored in


@dataclass(frozen=True, slots=True)
class SkipInfo:
    """What the manifest knows of a source file that could not be read: not indexed, and not
    read again until its size, modification time or the extraction version changes."""

    source: str
    sha256: str  # empty when the file could not even be hashed
    size: int
    mtime_ns: int
    reason: str  # the one-line warning, naming the file
    extraction_version: int


class VerbatimIndex(FileIndex):
    """A Whoosh index whose refreshed searchers see deletions.

    ``Searcher.refresh()`` hands the old reader to ``_reader`` for reuse, and Whoosh 2.7
    matches segments by id alone: a refreshed searcher keeps the old deletions of a segment
    that a commit has since deleted from, and even keeps segments the commit dropped. A
    long-lived searcher would then find both the old and the new records of a changed
    document. Here a reader is reused only for a segment that is still in the index with the
    same deletions (a segment's deletions only grow, so the same count means the same set)."""

    @classmethod
    def _reader(
        cls,
        storage: Any,
        schema: Any,
        segments: list[Any],
        generation: int,
        reuse: Any = None,
    ) -> Any:
        if reuse is None:
            return super()._reader(storage, schema, segments, generation)
        from whoosh.reading import EmptyReader, MultiReader, SegmentReader

        current = {segment.segment_id(): segment.deleted_count() for segment in segments}
        keep: dict[str, Any] = {}
        for leaf, _ in reuse.leaf_readers():
            segment = leaf.segment()
            if getattr(leaf, "is_closed", False):
                continue
            if segment is not None and current.get(segment.segment_id()) == (
                segment.deleted_count()
            ):
                keep[segment.segment_id()] = leaf
            else:
                leaf.close()
        readers = []
        for segment in segments:
            leaf = keep.pop(segment.segment_id(), None)
            readers.append(leaf or SegmentReader(storage, schema, segment, generation=generation))
        if not readers:
            return EmptyReader(schema)
        return readers[0] if len(readers) == 1 else MultiReader(readers, generation=generation)


def schema_version() -> int:
    """The schema version this engine writes (looked up at call time, so tests can bump it)."""
    return int(schema_module.SCHEMA_VERSION)


def extraction_version() -> int:
    """The pipeline's extraction version (looked up at call time, so tests can bump it)."""
    return int(indexer.EXTRACTION_VERSION)


def exists(path: Path) -> bool:
    """Whether ``path`` holds an index (perhaps a damaged one: :func:`open_index` tells)."""
    return path.is_dir() and any(path.glob(f"_{INDEX_NAME}_*.toc"))


def _missing(path: Path) -> IndexMissing:
    return IndexMissing(f"no index in {path}: build it with `verbatim index`")


def _damaged(path: Path, why: str) -> IndexDamaged:
    return IndexDamaged(f"the index in {path} {why}: rebuild it with `verbatim index --rebuild`")


def _incompatible(path: Path, why: str) -> IndexIncompatible:
    return IndexIncompatible(
        f"the index in {path} was written by an incompatible version ({why}): "
        "rebuild it with `verbatim index --rebuild`"
    )


def open_index(path: Path) -> FileIndex:
    """Open an existing index, or say in one line why it cannot be used and what to do.

    Raises :class:`IndexMissing` (no index, or only the empty start of one whose first run was
    interrupted), :class:`IndexIncompatible` (another schema version) or :class:`IndexDamaged`
    (files truncated or missing, or records that disagree with the manifest)."""
    if not exists(path):
        raise _missing(path)
    problem: str | None = None
    version_error = False
    meta: dict[str, Any] | None = None
    segments = live = 0
    with warnings.catch_warnings():
        # Whoosh leaves the files it was reading open when it fails half-way.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = VerbatimIndex(FileStorage(str(path)), indexname=INDEX_NAME)
            segments = len(ix._segments())
            if segments:
                with ix.searcher() as searcher:
                    fields = searcher.document(id=META_ID)
                    live = searcher.reader().doc_count()
                meta = unpack_record(fields["record"]) if fields else None
        except Exception as error:  # whoosh raises many kinds (pickle, struct, EOF) on damage
            problem = type(error).__name__  # not the error: its traceback holds the open files
            version_error = isinstance(error, IndexVersionError)
        if problem is not None:
            gc.collect()  # close them now, while the warning is ignored
    if version_error:
        raise _incompatible(path, "unknown Whoosh format")
    if problem is not None:
        raise _damaged(path, f"is damaged ({problem})")
    if not segments:
        raise IndexMissing(
            f"no complete index in {path} (its first `verbatim index` did not finish): "
            "build it with `verbatim index`"
        )
    if meta is None:
        raise _damaged(path, "has no manifest")
    if meta.get("schema_version") != schema_version():
        raise _incompatible(
            path, f"schema {meta.get('schema_version')}, this engine reads {schema_version()}"
        )
    expected = meta.get("records")
    if expected is not None and expected != live:
        raise _damaged(path, f"disagrees with its manifest ({live} records, expected {expected})")
    return ix


_Entry = TypeVar("_Entry", "DocInfo", "SkipInfo")


def _entries(ix: FileIndex, kind: str, entry: type[_Entry]) -> dict[str, _Entry]:
    """The manifest entries of one kind, by source path."""
    found: dict[str, _Entry] = {}
    with ix.searcher() as searcher:
        for fields in searcher.documents(kind=kind):
            info = entry(**unpack_record(fields["record"]))
            found[info.source] = info
    return found


def manifest(ix: FileIndex) -> dict[str, DocInfo]:
    """The documents the index holds, by source path."""
    return _entries(ix, "document", DocInfo)


def skipped(ix: FileIndex) -> dict[str, SkipInfo]:
    """The files the index remembers as unreadable, by source path."""
    return _entries(ix, "skipped", SkipInfo)


def index_meta(ix: FileIndex) -> dict[str, Any]:
    with ix.searcher() as searcher:
        meta = searcher.document(id=META_ID)
    return unpack_record(meta["record"]) if meta else {}


def check_manifest(path: Path, ix: FileIndex, docs: dict[str, DocInfo]) -> None:
    """Raise :class:`IndexDamaged` unless the manifest's counts match the records by kind."""
    meta = index_meta(ix)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        live = {"document": 0, "passage": 0, "quote": 0}
        for kind in live:
            postings = reader.postings("kind", kind) if (("kind", kind) in reader) else None
            if postings is not None:
                live[kind] = sum(1 for n in postings.all_ids() if not reader.is_deleted(n))
    wanted = {
        "document": len(docs),
        "passage": sum(d.passages for d in docs.values()),
        "quote": sum(d.quotes for d in docs.values()),
    }
    if live != wanted or meta.get("documents", len(docs)) != len(docs):
        raise _damaged(path, f"disagrees with its manifest (holds {live}, manifest says {wanted})")


def index_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


# The writer lock and its holder.


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds (or held) the writer lock."""

    pid: int
    host: str
    started: float

    def alive(self) -> bool | None:
        """Whether the holder still runs (None: it runs on another host, so unknown)."""
        if self.host != socket.gethostname():
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def describe(self) -> str:
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.started))
        return f"pid {self.pid} on {self.host} (since {since})"


def read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads((path / HOLDER_FILE).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), float(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_holder(path: Path, holder: Holder) -> None:
    temp = path / f"{HOLDER_FILE}.{os.getpid()}"
    temp.write_text(json.dumps(asdict(holder)), encoding="utf-8")
    temp.replace(path / HOLDER_FILE)


@contextmanager
def writer_lock(path: Path, wait: float = DEFAULT_WAIT) -> Iterator[Holder | None]:
    """Hold the index's writer lock for the block, waiting up to ``wait`` seconds for it.

    Yields the holder record a killed writer left behind (a stale lock: the kernel released
    the lock itself when that process died), or None. Raises :class:`IndexLocked`, naming the
    holder, when the wait runs out."""
    path.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path / LOCK_FILE))
    try:
        lock.acquire(timeout=wait, poll_interval=0.05)
    except Timeout:
        holder = read_holder(path)
        who = holder.describe() if holder else "another process"
        if holder is not None and holder.alive() is False:
            who += ", which has exited (its worker processes may still be stopping)"
        raise IndexLocked(
            f"the index in {path} is being updated by {who}; gave up after waiting "
            f"{wait:g} s: try again when it finishes, or pass a longer --wait"
        ) from None
    try:
        stale = read_holder(path)
        _write_holder(path, Holder(os.getpid(), socket.gethostname(), time.time()))
        try:
            yield stale
        finally:
            with contextlib.suppress(OSError):
                (path / HOLDER_FILE).unlink()
    finally:
        lock.release()


def _clean_leftovers(path: Path) -> None:
    """Remove what a killed writer can leave (only called with the writer lock held)."""
    for temp in path.glob(f"_{INDEX_NAME}_*.toc.*"):  # a table of contents never renamed
        with contextlib.suppress(OSError):
            temp.unlink()
    for temp in path.glob(f"{HOLDER_FILE}.*"):
        with contextlib.suppress(OSError):
            temp.unlink()
    for folder in path.glob(f"{INDEX_NAME}*.tmp"):  # a writer's or a builder's sorting space
        shutil.rmtree(folder, ignore_errors=True)


# Records -> Whoosh fields. Moves re-add stored records, so both paths go through the shapes.


def _date_from_shape(iso: str, precision: str) -> PartialDate:
    year, _, rest = iso.lstrip("-").partition("-")
    number = -int(year) if iso.startswith("-") else int(year)
    pieces = rest.split("-") if rest else []
    if precision == "day":
        return PartialDate(number, int(pieces[0]), int(pieces[1]))
    if precision == "month":
        return PartialDate(number, int(pieces[0]))
    if precision == "season":
        code = int(pieces[0])
        season = next(name for name, (c, _, _) in SEASONS.items() if c == code)
        return PartialDate(number, season=season)
    return PartialDate(number)


def _fields(shape: dict[str, Any], stored: str) -> dict[str, Any]:
    """A passage's or quotation's fields; ``stored`` is the pointer to its chunk."""
    fields: dict[str, Any] = {"kind": shape["type"], "doc_id": shape["doc_id"], "record": stored}
    if shape["type"] == "passage":
        # Only passages have words: a quotation's are its passage's, and the engine finds it
        # through them (see search.matching). ``text`` is parsed only, never indexed.
        fields["exact"] = nfc(shape["text"])
        # No id term either (a third of the term dictionary): a passage is found by id
        # through its document's chunks (Records.find).
    else:
        fields["id"] = shape["id"]
        if shape.get("speaker"):
            fields["speaker"] = nfc(shape["speaker"])
            fields["speaker_key"] = nfc(shape["speaker"])
        if shape.get("addressees"):
            fields["addressees"] = nfc(" ; ".join(shape["addressees"]))
        if shape.get("date"):
            first, last = _date_from_shape(shape["date"], shape["date_precision"]).interval()
            fields["date_start"] = day_number(first)
            fields["date_end"] = day_number(last)
            fields["date_precision"] = shape["date_precision"]
    return fields


def _moved(shape: dict[str, Any], old: str, new: str, source: str) -> dict[str, Any]:
    """A stored record of document ``old`` as it reads for document ``new``."""

    def rename(record_id: str) -> str:
        return new + record_id[len(old) :] if record_id.startswith(old + ":") else record_id

    moved = {**shape, "id": rename(shape["id"]), "doc_id": new, "source": source}
    if moved.get("passage_id"):
        moved["passage_id"] = rename(moved["passage_id"])
    return moved


class Transaction:
    """The changes of one ``verbatim index`` run; committed together by :func:`transaction`.

    ``known`` and ``known_skipped`` are the manifest as committed when the writer lock was taken
    (empty when rebuilding); ``rebuild`` says why the index is being written from scratch, if it
    is."""

    def __init__(
        self,
        path: Path,
        writer: _Writer,
        known: dict[str, DocInfo],
        rebuild: str | None,
        stale_holder: Holder | None,
        ix: FileIndex | None,
        known_skipped: dict[str, SkipInfo] | None = None,
    ) -> None:
        self.path = path  # the index folder (worker processes write segments into it)
        self.writer = writer
        self.known = known
        self.known_skipped = dict(known_skipped or {})
        self.rebuild = rebuild
        self.stale_holder = stale_holder
        self.docs = dict(known)  # the manifest as it will be committed
        self.skips = dict(self.known_skipped)
        self.changed = rebuild is not None
        self._ix = ix

    def skip(self, info: SkipInfo) -> None:
        """Remember a file that could not be read (replacing what was known of it)."""
        self.writer.delete_by_term("id", _skip_id(info.source))
        self.writer.add_document(
            id=_skip_id(info.source), kind="skipped", record=pack_record(asdict(info))
        )
        self.skips[info.source] = info
        self.changed = True

    def forget_skip(self, source: str) -> None:
        """Drop a skipped file from the manifest (it is gone, or about to be indexed)."""
        if self.skips.pop(source, None) is not None:
            self.writer.delete_by_term("id", _skip_id(source))
            self.changed = True

    def remove(self, source: str) -> None:
        """Drop every record of a document (its passages, quotes and manifest entry)."""
        info = self.docs.pop(source)
        self.writer.delete_by_term("doc_id", info.doc_id)
        self.changed = True

    def put(self, extraction: Extraction, info: DocInfo) -> None:
        """Add a document's records (after :meth:`remove` when it was indexed before)."""
        chunks = add_records(self.writer, extraction, info.source)
        self._put_info(replace(info, chunks=chunks))

    def put_written(self, info: DocInfo) -> None:
        """Record in the manifest a document whose records a :class:`SegmentBuilder` wrote."""
        self._put_info(info)

    def adopt(self, segment: Any) -> None:
        """Commit, with this transaction, a segment a :class:`SegmentBuilder` finished."""
        self.writer.adopted.append(segment)
        self.changed = True

    def move(self, old_source: str, info: DocInfo) -> None:
        """Move a document to a new path from its stored records, without extracting it."""
        old = self.docs[old_source]
        assert self._ix is not None, "nothing to move in a new index"
        with self._ix.searcher() as searcher:
            chunks = sorted(
                (
                    fields["record"]
                    for fields in searcher.documents(doc_id=old.doc_id, kind="chunk")
                ),
                key=lambda stored: unpack_chunk(stored)[0]["id"],
            )
        self.remove(old_source)
        self._put_info(info)
        for number, stored in enumerate(chunks, start=1):
            chunk = [
                _moved(shape, old.doc_id, info.doc_id, info.source)
                for shape in unpack_chunk(stored)
            ]
            _add_chunk(self.writer, info.doc_id, number, chunk)

    def touch(self, info: DocInfo) -> None:
        """Record a new size or modification time for a document whose content is the same."""
        self.writer.delete_by_term("id", f"doc:{info.doc_id}")
        self._put_info(info)

    def _put_info(self, info: DocInfo) -> None:
        self.writer.add_document(
            id=f"doc:{info.doc_id}",
            kind="document",
            doc_id=info.doc_id,
            title=nfc(info.title or ""),
            record=pack_record(asdict(info)),
        )
        self.docs[info.source] = info
        self.changed = True

    def meta(self) -> dict[str, Any]:
        passages = sum(d.passages for d in self.docs.values())
        quotes = sum(d.quotes for d in self.docs.values())
        return {
            "schema_version": schema_version(),
            "engine_version": indexer.__version__,
            "extraction_version": extraction_version(),
            "updated": time.time(),
            "documents": len(self.docs),
            "passages": passages,
            "quotes": quotes,
            "skipped": len(self.skips),
            "records": 1
            + len(self.docs)
            + passages
            + quotes
            + sum(d.chunks for d in self.docs.values())
            + len(self.skips),
        }


#: Characters of text (passages and quotations) per chunk of stored records.
CHUNK_CHARS = 16_000


def chunks_of(extraction: Extraction, source: str) -> Iterator[list[dict[str, Any]]]:
    """A document's passage and quotation records, in runs of consecutive passages, each with
    its quotations, of about :data:`CHUNK_CHARS` characters of text.

    Records are stored a chunk at a time, not one by one: Whoosh compresses each stored value
    on its own, and a 1,500-character passage compresses to 60% of its size where a chunk of
    them, with the quotations that repeat their words, compresses to a quarter."""
    quotes: dict[str, list[dict[str, Any]]] = {}
    for quote in extraction.quotes:
        if quote.kind == "quotation":
            quotes.setdefault(quote.passage_id, []).append(quote_shape(quote, source))
    chunk: list[dict[str, Any]] = []
    size = 0
    for passage in extraction.passages:
        for shape in (passage_shape(passage, source), *quotes.pop(passage.id, ())):
            chunk.append(shape)
            size += len(shape["text"])
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    for orphans in quotes.values():  # a quotation outside every passage: none expected
        chunk.extend(orphans)
    if chunk:
        yield chunk


def _add_chunk(
    writer: SegmentWriter, doc_id: str, number: int, chunk: list[dict[str, Any]]
) -> None:
    chunk_id = f"{doc_id}:c{number:04d}"
    writer.add_document(id=chunk_id, kind="chunk", doc_id=doc_id, record=pack_chunk(chunk))
    following: dict[int, int] = {}  # a passage's place: its quotations right after it
    last: tuple[int, str] | None = None
    for place, shape in enumerate(chunk):
        if shape["type"] == "passage":
            last = (place, shape["id"])
            following[place] = 0
        elif last is not None and shape.get("passage_id") == last[1]:
            following[last[0]] += 1
        else:
            last = None
    for place, shape in enumerate(chunk):
        writer.add_document(**_fields(shape, pointer(chunk_id, place, following.get(place))))


def add_records(writer: SegmentWriter, extraction: Extraction, source: str) -> int:
    """Add a document's passages and quotations to ``writer``; returns the chunks written."""
    count = 0
    for count, chunk in enumerate(chunks_of(extraction, source), start=1):
        _add_chunk(writer, extraction.document.doc_id, count, chunk)
    return count


class _Chunk:
    """A chunk's records as stored lines, each parsed when first asked for."""

    __slots__ = ("lines", "parsed")

    def __init__(self, stored: str) -> None:
        self.lines = stored.split("\n")
        self.parsed: dict[int, dict[str, Any]] = {}

    def record(self, place: int) -> dict[str, Any]:
        found = self.parsed.get(place)
        if found is None:
            found = self.parsed[place] = json.loads(self.lines[place])
        return found


class Records:
    """Reads the records a searcher's stored fields hold, resolving pointers to chunks.

    Chunks read lately are kept (hits of one query often share a chunk); make a new reader
    for a new searcher, since a changed document reuses its chunk ids."""

    def __init__(self, searcher: Any, keep: int = 64) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self._chunks: dict[str, _Chunk] = {}
        self._keep = keep

    def load(self, stored: str) -> dict[str, Any]:
        found = read_pointer(stored)
        if found is None:
            return unpack_record(stored)
        chunk_id, place, _ = found
        return self._chunk(chunk_id).record(place)

    def find(self, record_id: str) -> dict[str, Any] | None:
        """A passage or quotation by id, read from its document's chunks (passages have no
        id term of their own)."""
        doc_id = record_id.rpartition(":")[0]
        for fields in self._searcher.documents(doc_id=doc_id, kind="chunk"):
            for record in unpack_chunk(fields["record"]):
                if record["id"] == record_id:
                    return record
        return None

    def quotes_beside(self, stored: str) -> list[dict[str, Any]]:
        """The quotations of the passage whose pointer is ``stored``: they follow it in its
        chunk, and the pointer says how many (a passage without any costs no reading)."""
        found = read_pointer(stored)
        if found is None or not found[2]:
            return []
        chunk_id, place, count = found
        chunk = self._chunk(chunk_id)
        return [chunk.record(n) for n in range(place + 1, place + 1 + count)]

    def _chunk(self, chunk_id: str) -> _Chunk:
        chunk = self._chunks.pop(chunk_id, None)
        if chunk is None:
            chunk = _Chunk(self._stored_chunk(chunk_id))
            if len(self._chunks) >= self._keep:
                del self._chunks[next(iter(self._chunks))]
        self._chunks[chunk_id] = chunk  # most recently used last
        return chunk

    def docnum(self, record_id: str) -> int | None:
        """The live document with this id term (chunks, quotations and the manifest have
        one), read straight from the postings: a Searcher.document() lookup builds and runs
        a query, five times slower."""
        reader = self._reader
        if ("id", record_id) in reader:
            for docnum in reader.postings("id", record_id).all_ids():
                if not reader.is_deleted(docnum):
                    return int(docnum)
        return None

    def _stored_chunk(self, chunk_id: str) -> str:
        docnum = self.docnum(chunk_id)
        if docnum is None:
            raise IndexDamaged(f"the index has lost the chunk {chunk_id}")
        stored: str = self._reader.stored_fields(docnum)["record"]
        return stored


class _Lengths:
    """A per-document reader whose field lengths are read once per document and field.

    Whoosh asks for the field length of a posting's document at every posting it writes (for
    its blocks' length bounds), each time through a column reader: a third of the time it
    spent writing postings. Each field's lengths are read into an array on first use (4 bytes
    a document: memory stays flat, where a dictionary of every (document, field) pair grew
    with the segment). A length of 0 stands for Whoosh's None: both mean "no bound"."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._count = reader.doc_count_all()
        self._fields: dict[str, array[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            get = self._reader.doc_field_length
            lengths = array("I", (get(n, fieldname, 0) or 0 for n in range(self._count)))
            self._fields[fieldname] = lengths
        return lengths[docnum]


class _FastWriter(SegmentWriter):
    """Whoosh's segment writer, with field lengths remembered while postings are written."""

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader) if reader is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader is not None:
            reader.close()


class _Writer(_FastWriter):
    """The transaction's writer. Its commit also lists, in the same new table of contents, the
    segments that worker processes wrote (:meth:`Transaction.adopt`): all of them become
    visible together, or none does."""

    def __init__(self, ix: FileIndex, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.adopted: list[Any] = []

    def _commit_toc(self, segments: list[Any]) -> None:
        super()._commit_toc([*segments, *self.adopted])


class SegmentBuilder:
    """A segment of the index written by a worker process while another process holds the
    transaction: extraction and Whoosh's analysis and posting work run in every worker, not
    in one writer. The segment counts only once the transaction adopts it
    (:meth:`Transaction.adopt`) and commits; files of a segment never adopted (a run
    cancelled or killed) are deleted by the next commit, and its temporary folder by the next
    transaction.

    Each builder sorts its postings in a temporary folder of its own: Whoosh gives every
    writer of an index the same one, and a writer that finishes deletes it."""

    def __init__(self, path: Path, limitmb: int = 128) -> None:
        storage = _storage(path)
        ix = FileIndex(storage, schema=make_schema(), indexname=INDEX_NAME)
        writer = _FastWriter(ix, _lk=False, limitmb=limitmb)
        writer.pool.cleanup()
        writer._tempstorage = storage.temp_storage(
            f"{INDEX_NAME}.{writer.newsegment.segment_id()}.tmp"
        )
        writer.pool = PostingPool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
        self._writer = writer

    def put(self, extraction: Extraction, source: str) -> int:
        """Add a document's records; returns the chunks written."""
        return add_records(self._writer, extraction, source)

    def finish(self) -> Any | None:
        """The finished segment (None if nothing was added), for :meth:`Transaction.adopt`."""
        writer = self._writer
        if not writer._added:
            writer.cancel()
            return None
        segment = writer._finalize_segment()
        writer._finish()
        return segment

    def cancel(self) -> None:
        if not self._writer.is_closed:
            self._writer.cancel()


def _skip_id(source: str) -> str:
    return f"skip:{source}"


def _storage(path: Path) -> FileStorage:
    path.mkdir(parents=True, exist_ok=True)
    return FileStorage(str(path))


def _fresh_index(path: Path) -> FileIndex:
    """An index to rebuild into, over whatever ``path`` holds, without touching what is there.

    The writer opened on it keeps the old segments until its commit (which drops them), so the
    old index stays searchable until the new one is complete."""
    storage = _storage(path)
    latest = TOC._latest_generation(storage, INDEX_NAME)
    if latest >= 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            unreadable = False
            try:
                return FileIndex(storage, schema=make_schema(), indexname=INDEX_NAME)
            except Exception:  # an unreadable table of contents: start a generation above it
                unreadable = True
            if unreadable:
                gc.collect()
    # No index yet, or a damaged one: an empty generation is no worse (it reads as missing).
    TOC(make_schema(), [], latest + 1).write(storage, INDEX_NAME)
    return FileIndex(storage, schema=make_schema(), indexname=INDEX_NAME)


@contextmanager
def transaction(
    path: Path, *, rebuild: bool = False, wait: float = DEFAULT_WAIT
) -> Iterator[Transaction]:
    """Take the writer lock and yield a transaction: committed when the block ends normally
    (if it changed anything), cancelled if it raises.

    An index with another schema version, or the empty start of an index whose first run was
    interrupted, is rebuilt as if ``rebuild`` were given; a damaged index is rebuilt only when
    asked, otherwise :class:`IndexDamaged` says how."""
    with writer_lock(path, wait) as stale:
        _clean_leftovers(path)
        reason: str | None = "requested" if rebuild else None
        ix: FileIndex | None = None
        known: dict[str, DocInfo] = {}
        known_skipped: dict[str, SkipInfo] = {}
        if not rebuild:
            try:
                ix = open_index(path)
                known = manifest(ix)
                known_skipped = skipped(ix)
            except IndexMissing:
                reason = "new"
            except IndexIncompatible:
                reason = "incompatible"
        if reason is not None:
            ix = None
            target = _fresh_index(path)
        else:
            assert ix is not None
            target = ix
        try:
            writer = _Writer(target, timeout=0)
        except LockError:
            raise IndexLocked(
                f"the index in {path} is locked by a program other than verbatim: "
                "try again when it finishes"
            ) from None
        tx = Transaction(path, writer, known, reason, stale, ix, known_skipped)
        try:
            yield tx
            if not tx.changed:
                writer.cancel()
                return
            record = pack_record(tx.meta())
            if reason is None:
                writer.update_document(id=META_ID, kind="meta", record=record)
            else:
                writer.add_document(id=META_ID, kind="meta", record=record)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR if reason is not None else None)
