"""Bring the index up to date with a corpus folder: add, re-extract, move and drop documents.

Unchanged files (same size and modification time as in the manifest) are not read at all; a
file whose size or time changed is hashed, and re-extracted only if its content changed. A file
with the same content under a new path is a rename: its stored records move to the new path
without running the pipeline. Documents extracted by another extraction version are
re-extracted; an index with another schema version is rebuilt.

A file that cannot be read is skipped with a warning and remembered in the manifest (its size,
modification time, hash, reason and the extraction version): while it stays as it is, later runs
neither read it nor warn about it again (they count it as skipped); once its size or time
changes, or the extraction version does, it is read again; once it is gone, it is forgotten.

The plan is made (again) after the writer lock is taken, from the manifest as committed then,
so a writer that waited for another never applies a stale plan. Extraction runs in worker
processes, each taking one file at a time and writing its records into a segment of its own
(:mod:`indexer.workers`); the transaction commits the manifest and those segments at the
end, all together, or nothing.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from indexer.errors import (
    CorpusNotFound,
    IndexDamaged,
    IndexMissing,
    VerbatimError,
)
from indexer.store import (
    DEFAULT_WAIT,
    DocInfo,
    IndexIncompatible,
    SkipInfo,
    Transaction,
    add_records,
    extraction_version,
    manifest,
    open_index,
    skipped,
    transaction,
)
from indexer.workers import (
    Finished,
    Outcome,
    Unreadable,
    Written,
    extract_one,
    write_in_workers,
    written,
)

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
    touched: list[SourceFile] = field(default_factory=list)  # new mtime, same content
    skipped: list[str] = field(default_factory=list)  # unreadable before, unchanged: not read
    retried: list[SourceFile] = field(default_factory=list)  # unreadable before, since changed
    forgotten: list[str] = field(default_factory=list)  # unreadable before, since removed

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.changed
            or self.removed
            or self.renamed
            or self.stale
            or self.touched
            or self.retried
            or self.forgotten
        )


@dataclass(slots=True)
class Summary:
    added: int = 0
    changed: int = 0  # re-extracted because the content or the extraction version changed
    removed: int = 0
    renamed: int = 0
    unchanged: int = 0
    stale: int = 0  # of ``changed``: re-extracted for a new extraction version
    rebuilt: str | None = None  # why the index was written from scratch, if it was
    stale_lock: str | None = None  # the holder a killed writer left behind, if any
    skipped: list[str] = field(default_factory=list)  # one-line reasons, read by this run
    skipped_before: int = 0  # skipped by an earlier run and unchanged since: not read again
    repaired: list[str] = field(default_factory=list)  # indexed, but damaged and mended
    passages: int = 0
    quotes: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """``3 added, 1 changed, 2 removed, 412 unchanged (0.8 s)``, with renames and skipped
        files added when there are any (``5 skipped (unchanged since the last run)``, or
        ``7 skipped (5 unchanged since the last run)`` when this run skipped 2 more)."""
        text = (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged} unchanged"
        )
        if self.renamed:
            text += f", {self.renamed} renamed"
        total = len(self.skipped) + self.skipped_before
        if total:
            text += f", {total} skipped"
            if self.skipped_before == total:
                text += " (unchanged since the last run)"
            elif self.skipped_before:
                text += f" ({self.skipped_before} unchanged since the last run)"
        return f"{text} ({self.seconds:.1f} s)"


def scan_corpus(root: Path, exclude: Path | None = None) -> list[SourceFile]:
    """Every regular, non-hidden file under ``root``, in path order (``exclude``: a folder to
    leave out, such as an index kept inside the corpus)."""
    if not root.is_dir():
        raise CorpusNotFound(f"no corpus folder at {root}: create it and put documents in it")
    skip = exclude.resolve() if exclude is not None else None
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and (skip is None or (Path(dirpath) / d).resolve() != skip)
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            try:
                stat = path.stat()
            except OSError:  # removed while we looked
                continue
            source = path.relative_to(root).as_posix()
            found.append(SourceFile(path, source, stat.st_size, stat.st_mtime_ns))
    return found


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Hashes:
    """Content hashes, computed once per (file, size, mtime) however often a run plans."""

    def __init__(self) -> None:
        self._known: dict[tuple[Path, int, int], str] = {}

    def __call__(self, file: SourceFile) -> str:
        key = (file.path, file.size, file.mtime_ns)
        if key not in self._known:
            try:
                self._known[key] = file_sha256(file.path)
            except OSError:
                self._known[key] = ""  # gone or unreadable: extraction will say why
        return self._known[key]


def make_plan(
    files: list[SourceFile],
    known: dict[str, DocInfo],
    hashes: Hashes | None = None,
    known_skipped: dict[str, SkipInfo] | None = None,
) -> Plan:
    """Compare the corpus with the manifest. Files whose size and mtime match are not read."""
    hash_of = hashes or Hashes()
    version = extraction_version()
    plan = Plan()
    seen = {f.source for f in files}
    unreadable = known_skipped or {}
    plan.forgotten = sorted(source for source in unreadable if source not in seen)
    gone = {source: info for source, info in known.items() if source not in seen}
    gone_by_hash = {
        info.sha256: source for source, info in gone.items() if info.extraction_version == version
    }
    for file in files:
        info = known.get(file.source)
        skip = unreadable.get(file.source)
        if info is None and skip is not None:
            if (skip.size, skip.mtime_ns, skip.extraction_version) == (
                file.size,
                file.mtime_ns,
                version,
            ):
                plan.skipped.append(file.source)
            else:
                plan.retried.append(file)
        elif info is None:
            old = gone_by_hash.get(hash_of(file)) if gone_by_hash else None
            # The suffix picks the reader (text, Markdown, HTML...): a new one means new records.
            if old is not None and _suffix(old) == _suffix(file.source):
                del gone_by_hash[known[old].sha256]
                plan.renamed.append((old, file))
                del gone[old]
            else:
                plan.added.append(file)
        elif info.extraction_version != version:
            plan.stale.append(file)
        elif info.size == file.size and info.mtime_ns == file.mtime_ns:
            plan.unchanged.append(file.source)
        elif hash_of(file) == info.sha256:
            plan.touched.append(file)  # same content: only the manifest's mtime moves
        else:
            plan.changed.append(file)
    plan.removed = sorted(gone)
    return plan


def _suffix(source: str) -> str:
    return Path(source).suffix.lower()


def _largest_first(files: list[SourceFile]) -> list[SourceFile]:
    """The files largest first, as the workers should take them: a large book taken last
    leaves one worker extracting it while the others have nothing left to do."""
    return sorted(files, key=lambda file: (-file.size, file.source))


def _extract_in_process(writer: Any, files: list[SourceFile]) -> Iterator[Outcome | Finished]:
    """One file at a time in this process, into the transaction's own writer."""
    for file in files:
        result = extract_one(file.path, file.source)
        if isinstance(result, str):
            yield Unreadable(file.source, result)
            continue
        yield written(result, file.source, add_records(writer, result, file.source))


def sync(
    corpus: Path,
    index_dir: Path,
    *,
    jobs: int = 0,
    rebuild: bool = False,
    wait: float = DEFAULT_WAIT,
    progress: Progress | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> Summary:
    """Bring ``index_dir`` up to date with ``corpus``; all changes commit together or not at all."""
    began = time.perf_counter()
    files = scan_corpus(corpus, exclude=index_dir)
    hashes = Hashes()
    if not rebuild:
        # A look without the lock: when nothing changed there is nothing to wait for.
        try:
            ix = open_index(index_dir)
            plan = make_plan(files, manifest(ix), hashes, skipped(ix))
        except (IndexMissing, IndexIncompatible):
            plan = None
        if plan is not None and plan.empty:
            return Summary(
                unchanged=len(plan.unchanged),
                skipped_before=len(plan.skipped),
                seconds=time.perf_counter() - began,
            )
    with transaction(index_dir, rebuild=rebuild, wait=wait) as tx:
        files = scan_corpus(corpus, exclude=index_dir)  # it may have moved on while we waited
        plan = make_plan(files, tx.known, hashes, tx.known_skipped)
        if on_plan:
            on_plan(plan)
        summary = _apply(plan, tx, jobs or os.cpu_count() or 1, progress, hashes)
        summary.rebuilt = tx.rebuild
        if tx.stale_holder is not None:
            summary.stale_lock = tx.stale_holder.describe()
    summary.seconds = time.perf_counter() - began
    return summary


def _apply(
    plan: Plan,
    tx: Transaction,
    jobs: int,
    progress: Progress | None,
    hashes: Hashes | None = None,
) -> Summary:
    hash_of = hashes or Hashes()
    summary = Summary(
        unchanged=len(plan.unchanged) + len(plan.touched), skipped_before=len(plan.skipped)
    )
    for source in plan.removed:
        tx.remove(source)
    summary.removed = len(plan.removed)  # documents: a forgotten skipped file was none
    for source in plan.forgotten:
        tx.forget_skip(source)
    for file in plan.touched:
        tx.touch(_info_from(tx.known[file.source], file))
    for old_source, file in plan.renamed:
        tx.move(old_source, _info_from(tx.known[old_source], file))
    summary.renamed = len(plan.renamed)
    replaced = {f.source for f in plan.changed} | {f.source for f in plan.stale}
    for source in replaced:
        tx.remove(source)  # deletes from the committed segments only, not what is added below
    work = [*plan.added, *plan.changed, *plan.stale, *plan.retried]
    by_source = {file.source: file for file in work}
    if jobs > 1 and len(work) > 1:
        jobs_in_order = [(f.path, f.source) for f in _largest_first(work)]
        outcomes = write_in_workers(tx.path, jobs_in_order, jobs)
    else:
        outcomes = _extract_in_process(tx.writer, work)
    for outcome in outcomes:
        if isinstance(outcome, Finished):
            if outcome.segment is not None:
                tx.adopt(outcome.segment)
            continue
        file = by_source[outcome.source]
        if progress:
            progress(file.source)
        if isinstance(outcome, Unreadable):
            summary.skipped.append(outcome.reason)
            tx.skip(_skip_info(outcome.reason, file, hash_of(file)))
            continue
        tx.forget_skip(file.source)
        tx.put_written(_info(outcome, file))
        if outcome.repaired:
            summary.repaired.append(outcome.repaired)
        summary.passages += outcome.passages
        summary.quotes += outcome.quotes
        if file.source in replaced:
            summary.changed += 1
        else:
            summary.added += 1
    summary.stale = len(plan.stale)
    return summary


def _info_from(old: DocInfo, file: SourceFile) -> DocInfo:
    """The manifest entry of a document whose content is known: only its path or time moved."""
    return replace(
        old, doc_id=file.source, source=file.source, size=file.size, mtime_ns=file.mtime_ns
    )


def _skip_info(reason: str, file: SourceFile, sha256: str) -> SkipInfo:
    return SkipInfo(
        source=file.source,
        sha256=sha256,
        size=file.size,
        mtime_ns=file.mtime_ns,
        reason=reason,
        extraction_version=extraction_version(),
    )


def _info(done: Written, file: SourceFile) -> DocInfo:
    return DocInfo(
        doc_id=done.doc_id,
        source=file.source,
        title=done.title,
        sha256=done.sha256,
        size=file.size,
        mtime_ns=file.mtime_ns,
        extraction_version=extraction_version(),
        passages=done.passages,
        quotes=done.quotes,
        chunks=done.chunks,
    )


#: Watchdog event types that mean a file's content or place changed (reads are left out:
#: our own hashing and extraction open the files too).
_CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})


def watch(
    corpus: Path,
    index_dir: Path,
    *,
    report: Callable[[Summary | VerbatimError], None],
    jobs: int = 0,
    wait: float = DEFAULT_WAIT,
    settle: float = 0.5,
    stop: threading.Event | None = None,
) -> None:
    """Keep ``index_dir`` up to date with ``corpus`` until ``stop`` is set (or forever).

    Brings the index up to date once, then again each time files change, after ``settle``
    seconds without further change (so an editor's save or a copy of many files is one run).
    Each run's summary, or the error that stopped it (a writer holding the lock too long), goes
    to ``report``; a damaged index stops the watch. Uses watchdog (inotify on Linux)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    skip = index_dir.resolve()
    root = corpus.resolve()

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type not in _CHANGES or event.is_directory:
                return
            paths = [event.src_path, getattr(event, "dest_path", "") or ""]
            for raw in paths:
                if not raw:
                    continue
                path = Path(os.fsdecode(raw)).resolve()
                if skip in path.parents or root not in path.parents:
                    continue
                if any(part.startswith(".") for part in path.relative_to(root).parts):
                    continue  # hidden files are not part of the corpus
                changed.set()

    def run_once() -> None:
        try:
            report(sync(corpus, index_dir, jobs=jobs, wait=wait))
        except IndexDamaged:
            raise
        except VerbatimError as error:
            report(error)

    scan_corpus(corpus)  # a missing corpus is an error before anything starts
    observer = Observer()
    observer.schedule(Changes(), str(corpus), recursive=True)
    observer.start()
    try:
        run_once()
        while stop is None or not stop.is_set():
            if not changed.wait(timeout=0.2):
                continue
            while changed.is_set():  # settle: wait until the changes stop
                changed.clear()
                time.sleep(settle)
            run_once()
    finally:
        observer.stop()
        observer.join()
