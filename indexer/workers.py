"""Worker processes that extract documents and write their records into segments of their own.

Whoosh's writer is pure Python and was the bottleneck of indexing: one process analysed and
sorted every posting while the extraction workers waited on it. Here each worker runs the
whole path for the documents it takes, extraction then Whoosh (analysis, postings, stored
records), into a segment of its own (:class:`indexer.store.SegmentBuilder`); the process that
holds the transaction only records the manifest and adopts the finished segments at commit.

Memory stays flat: a worker holds one document's records at a time and Whoosh spills its
sorted postings to disk past ``limitmb``. Work is handed out one file at a time from a queue,
so a large book does not hold up the other workers.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.errors import UnreadableDocument
from indexer.pipeline import extract_file
from indexer.records import Extraction
from indexer.store import SegmentBuilder

#: Megabytes of postings each worker sorts in memory before spilling a run to disk.
WORKER_LIMIT_MB = 96


@dataclass(frozen=True, slots=True)
class Written:
    """A document extracted and written: what the manifest and the run's summary need."""

    source: str
    doc_id: str
    title: str | None
    sha256: str
    passages: int
    quotes: int
    chunks: int  # stored-record chunks written
    repaired: str | None  # the one-line note on a damaged document mended before extraction


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A document that could not be read, and the one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Finished:
    """A worker's segment, ready to adopt (None when every document it took was unreadable)."""

    segment: Any


Outcome = Written | Unreadable


def repair_note(extraction: Extraction) -> str:
    """One line on a document that was damaged and mended before extraction."""
    doc = extraction.document
    return f"{doc.source}: damaged, read after repair ({doc.metadata['repaired']})"


def written(extraction: Extraction, source: str, chunks: int) -> Written:
    doc = extraction.document
    return Written(
        source=source,
        doc_id=doc.doc_id,
        title=doc.title,
        sha256=doc.sha256,
        passages=len(extraction.passages),
        quotes=sum(1 for q in extraction.quotes if q.kind == "quotation"),
        chunks=chunks,
        repaired=repair_note(extraction) if doc.metadata.get("repaired") else None,
    )


def extract_one(path: Path, source: str) -> Extraction | str:
    """The document's extraction, or the reason it cannot be read."""
    try:
        return extract_file(path, source)
    except UnreadableDocument as error:
        return str(error)


def exit_with_parent(parent: int) -> None:
    """In a worker: stop as soon as ``parent`` (the indexing process) dies.

    A forked worker inherits the writer lock's file descriptor (and the parent's stderr); were
    it to outlive a killed ``verbatim index`` it would keep the lock held. The parent may even
    die before this runs, so its death is checked both ways: a new parent process id, or no
    process ``parent`` any more."""
    first = os.getppid()

    def gone() -> bool:
        if os.getppid() != first:
            return True
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def watch() -> None:
        while not gone():
            time.sleep(0.1)
        os._exit(1)

    if first != parent and os.getppid() == 1:  # forked after the parent died
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _work(index_dir: Path, todo: Any, done: Any, parent: int, limitmb: int) -> None:
    """A worker's life: build a segment from the files it takes, then hand it over."""
    exit_with_parent(parent)
    builder: SegmentBuilder | None = None
    try:
        builder = SegmentBuilder(index_dir, limitmb=limitmb)
        while (job := todo.get()) is not None:
            path, source = job
            result = extract_one(path, source)
            if isinstance(result, str):
                done.put(Unreadable(source, result))
                continue
            done.put(written(result, source, builder.put(result, source)))
        done.put(Finished(builder.finish()))
    except BaseException as error:
        if builder is not None:
            builder.cancel()
        done.put(WorkerFailed(f"{type(error).__name__}: {error}\n{traceback.format_exc()}"))


class WorkerFailed(RuntimeError):
    """A worker stopped on an error it did not expect (a bug, not a bad document)."""


def write_in_workers(
    index_dir: Path, files: list[tuple[Path, str]], jobs: int, limitmb: int = WORKER_LIMIT_MB
) -> Iterator[Outcome | Finished]:
    """Extract and write ``files`` (path, source) in ``jobs`` processes.

    Yields each document's outcome as it is done, then each worker's :class:`Finished`
    segment. Raises :class:`WorkerFailed` if a worker fails or dies; the workers are stopped
    whatever happens, and what they wrote is left for the next commit to delete."""
    # Forked where the system can (as before Python 3.14 made forkserver the default): a
    # worker starts at once, with the modules already imported.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    todo: Any = context.Queue()
    done: Any = context.Queue()
    count = max(1, min(jobs, len(files)))
    workers = [
        context.Process(
            target=_work, args=(index_dir, todo, done, os.getpid(), limitmb), daemon=True
        )
        for _ in range(count)
    ]
    for worker in workers:
        worker.start()
    try:
        for job in files:
            todo.put(job)
        for _ in workers:
            todo.put(None)
        finished = 0
        while finished < count:
            try:
                outcome = done.get(timeout=0.5)
            except queue.Empty:
                dead = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
                if dead:
                    raise WorkerFailed(f"an indexing worker died (exit code {dead[0]})") from None
                continue
            if isinstance(outcome, WorkerFailed):
                raise outcome
            if isinstance(outcome, Finished):
                finished += 1
            yield outcome
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        for worker in workers:
            worker.join()
        todo.close()
        done.close()
