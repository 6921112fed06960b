"""Bring the index up to date with a corpus folder: add, re-extract, move and drop documents.

Unchanged files (same size and modification time as in the manifest) are not read at all; a
file whose size or time changed is hashed, and re-extracted only if its content changed. A file
with the same content under a new path is a rename. Extraction runs in worker processes, fed
a few documents at a time so memory stays flat; one writer commits everything at the end.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from indexer import EXTRACTION_VERSION
from indexer.errors import CorpusNotFound, UnreadableDocument
from indexer.pipeline import extract_file
from indexer.records import Extraction
from indexer.store import DocInfo, exists, manifest, open_index, transaction

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    source: str  # relative to the corpus root, with forward slashes
    size: int
    mtime_ns: int


@dataclass(slots=True)
class Plan:
    """What a run will do, by source path."""

    added: list[SourceFile] = field(default_factory=list)
    changed: list[SourceFile] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, SourceFile]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    stale: list[SourceFile] = field(default_factory=list)  # extracted by another version


@dataclass(slots=True)
class Summary:
    added: int = 0
    changed: int = 0
    removed: int = 0
    renamed: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # one-line reasons
    passages: int = 0
    quotes: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        text = (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.renamed} renamed, {self.unchanged} unchanged"
        )
        if self.skipped:
            text += f", {len(self.skipped)} skipped"
        return f"{text} ({self.seconds:.1f} s)"


def scan_corpus(root: Path) -> list[SourceFile]:
    """Every regular, non-hidden file under ``root``, in path order."""
    if not root.is_dir():
        raise CorpusNotFound(f"no corpus folder at {root}: create it and put documents in it")
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            stat = path.stat()
            source = path.relative_to(root).as_posix()
            found.append(SourceFile(path, source, stat.st_size, stat.st_mtime_ns))
    return found


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_plan(files: list[SourceFile], known: dict[str, DocInfo]) -> Plan:
    plan = Plan()
    seen = {f.source for f in files}
    gone = {source: info for source, info in known.items() if source not in seen}
    gone_by_hash = {info.sha256: source for source, info in gone.items()}
    for file in files:
        info = known.get(file.source)
        if info is None:
            old = gone_by_hash.pop(file_sha256(file.path), None) if gone_by_hash else None
            if old is not None and known[old].extraction_version == EXTRACTION_VERSION:
                plan.renamed.append((old, file))
                del gone[old]
            else:
                plan.added.append(file)
        elif info.extraction_version != EXTRACTION_VERSION:
            plan.stale.append(file)
        elif info.size == file.size and info.mtime_ns == file.mtime_ns:
            plan.unchanged.append(file.source)
        elif file_sha256(file.path) == info.sha256:
            plan.unchanged.append(file.source)  # touched, same content
        else:
            plan.changed.append(file)
    plan.removed = sorted(gone)
    return plan


def _extract_one(path: Path, source: str) -> Extraction | str:
    try:
        return extract_file(path, source)
    except UnreadableDocument as error:
        return str(error)


def extract_all(
    files: list[SourceFile], jobs: int
) -> Iterator[tuple[SourceFile, Extraction | str]]:
    """Extract files in order, ``jobs`` processes at a time, a bounded number in flight."""
    if jobs <= 1 or len(files) <= 1:
        for file in files:
            yield file, _extract_one(file.path, file.source)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: list[tuple[SourceFile, Future[Extraction | str]]] = []
        queue = iter(files)
        for file in queue:
            pending.append((file, pool.submit(_extract_one, file.path, file.source)))
            if len(pending) >= 2 * jobs:
                done_file, future = pending.pop(0)
                yield done_file, future.result()
        for done_file, future in pending:
            yield done_file, future.result()


def sync(
    corpus: Path,
    index_dir: Path,
    *,
    jobs: int = 0,
    rebuild: bool = False,
    wait: float = 30.0,
    progress: Progress | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> Summary:
    """Bring ``index_dir`` up to date with ``corpus``; all changes commit together or not at all."""
    began = time.perf_counter()
    files = scan_corpus(corpus)
    known = {} if rebuild or not exists(index_dir) else manifest(open_index(index_dir))
    plan = make_plan(files, known)
    if on_plan:
        on_plan(plan)
    summary = Summary(unchanged=len(plan.unchanged))
    work = [*plan.added, *plan.changed, *plan.stale]
    if not (work or plan.removed or plan.renamed) and not rebuild and exists(index_dir):
        summary.seconds = time.perf_counter() - began
        return summary
    jobs = jobs or os.cpu_count() or 1
    with transaction(index_dir, rebuild=rebuild, wait=wait) as tx:
        for source in plan.removed:
            tx.remove(known[source].doc_id)
        summary.removed = len(plan.removed)
        for old, file in plan.renamed:
            result = _extract_one(file.path, file.source)  # ids follow the path: records move
            tx.remove(known[old].doc_id)
            if isinstance(result, str):
                summary.skipped.append(result)
                continue
            tx.put(result, _info(result, file))
            summary.renamed += 1
        changed = {f.source for f in plan.changed} | {f.source for f in plan.stale}
        for file, result in extract_all(work, jobs):
            if progress:
                progress(file.source)
            if file.source in changed:
                tx.remove(known[file.source].doc_id)
            if isinstance(result, str):
                summary.skipped.append(result)
                continue
            tx.put(result, _info(result, file))
            summary.passages += len(result.passages)
            summary.quotes += sum(1 for q in result.quotes if q.kind == "quotation")
            if file.source in changed:
                summary.changed += 1
            else:
                summary.added += 1
    summary.seconds = time.perf_counter() - began
    return summary


def _info(extraction: Extraction, file: SourceFile) -> DocInfo:
    doc = extraction.document
    return DocInfo(
        doc_id=doc.doc_id,
        source=file.source,
        title=doc.title,
        sha256=doc.sha256,
        size=file.size,
        mtime_ns=file.mtime_ns,
        extraction_version=EXTRACTION_VERSION,
        passages=len(extraction.passages),
        quotes=sum(1 for q in extraction.quotes if q.kind == "quotation"),
    )
