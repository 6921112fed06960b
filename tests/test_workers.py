"""Indexing in worker processes, each writing a segment of its own.

The parallel path must index exactly what one process indexes, keep the old index whole when
a worker fails or dies, and leave nothing of a failed run behind once the next run commits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from whoosh.index import open_dir

import indexer.sync
import indexer.workers
from indexer import store
from indexer.records import Extraction
from indexer.sync import sync
from indexer.workers import WorkerFailed


def story(n: int) -> str:
    return (
        f"Harbour Notes {n}\n\nIn April 1963 the harbour was quiet, and word{n} was the word.\n\n"
        f'"We shall sail at dawn, word{n}," said Anna Berg.\n\n'
        f'"And come back by noon," Karl Lind answered.\n'
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.txt").write_text(story(n), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 40)
    return folder


def records(index_dir: Path) -> list[dict[str, Any]]:
    """Every stored record but the index's own metadata, in id order."""
    ix = open_dir(str(index_dir), indexname=store.INDEX_NAME)
    with ix.searcher() as searcher:
        records = store.Records(searcher)
        found = [
            records.load(fields["record"])
            for kind in ("passage", "quote", "document", "skipped")
            for fields in searcher.documents(kind=kind)
        ]
    for record in found:
        record.pop("mtime_ns", None)  # the manifest entry keeps the file's own time
    return sorted(found, key=lambda r: (r.get("id") or r.get("source"), r.get("type", "")))


def segment_count(index_dir: Path) -> int:
    return len(open_dir(str(index_dir), indexname=store.INDEX_NAME)._segments())


def leftovers(index_dir: Path) -> set[str]:
    """Files and folders in the index folder that the committed index does not use."""
    ix = open_dir(str(index_dir), indexname=store.INDEX_NAME)
    used = {f"{s.segment_id()}.seg" for s in ix._segments()}
    ignored = {"verbatim.lock", "verbatim_WRITELOCK", store.HOLDER_FILE}
    return {
        p.name
        for p in index_dir.iterdir()
        if p.name not in used and p.name not in ignored and not p.name.endswith(".toc")
    }


def test_workers_index_what_one_process_indexes(corpus: Path, tmp_path: Path) -> None:
    serial = sync(corpus, tmp_path / "serial", jobs=1)
    parallel = sync(corpus, tmp_path / "parallel", jobs=2)
    assert (parallel.added, len(parallel.skipped)) == (serial.added, len(serial.skipped)) == (6, 1)
    assert (parallel.passages, parallel.quotes) == (serial.passages, serial.quotes)
    assert records(tmp_path / "parallel") == records(tmp_path / "serial")
    # A segment of records per worker that took a readable file, and the transaction's own
    # (manifest, metadata). Which worker takes what is up to the scheduler: on a loaded
    # machine one worker may have taken every file before the other starts.
    assert 2 <= segment_count(tmp_path / "parallel") <= 3
    assert leftovers(tmp_path / "parallel") == set()


def test_incremental_runs_with_workers_replace_changed_documents(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    sync(corpus, index_dir, jobs=2)
    (corpus / "0.txt").write_text(story(100), encoding="utf-8")
    (corpus / "1.txt").write_text(story(101), encoding="utf-8")
    (corpus / "5.txt").unlink()
    summary = sync(corpus, index_dir, jobs=2)
    assert (summary.added, summary.changed, summary.removed) == (0, 2, 1)
    texts = " ".join(r.get("text", "") for r in records(index_dir))
    assert "word100" in texts and "word101" in texts
    assert "word0," not in texts and "word5" not in texts
    fresh = tmp_path / "fresh"
    sync(corpus, fresh, jobs=1)
    assert records(index_dir) == records(fresh)


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_failed_worker_leaves_the_index_as_it_was(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    index_dir = tmp_path / "index"
    sync(corpus, index_dir, jobs=2)
    before = records(index_dir)
    real = indexer.workers.extract_file

    def fail_on_three(path: Path, source: str) -> Extraction:
        if source == "3.txt":
            if how == "dies":
                os._exit(7)
            raise ValueError("disk on fire")
        return real(path, source)

    monkeypatch.setattr(indexer.workers, "extract_file", fail_on_three)
    with pytest.raises(WorkerFailed, match="exit code 7" if how == "dies" else "disk on fire"):
        sync(corpus, index_dir, jobs=2, rebuild=True)
    assert records(index_dir) == before
    monkeypatch.setattr(indexer.workers, "extract_file", real)
    (corpus / "2.txt").write_text(story(200), encoding="utf-8")
    summary = sync(corpus, index_dir, jobs=2)
    assert summary.changed == 1
    assert leftovers(index_dir) == set()


def test_workers_take_the_largest_files_first(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large book handed out last would leave one worker extracting it alone."""
    (corpus / "long.txt").write_text(story(9) * 30, encoding="utf-8")
    (corpus / "longer.txt").write_text(story(8) * 60, encoding="utf-8")
    handed: list[str] = []
    real = indexer.sync.write_in_workers

    def spy(index_dir: Path, files: list[tuple[Path, str]], jobs: int) -> Any:
        handed.extend(source for _, source in files)
        return real(index_dir, files, jobs)

    monkeypatch.setattr(indexer.sync, "write_in_workers", spy)
    sync(corpus, tmp_path / "index", jobs=2)
    sizes = [(corpus / source).stat().st_size for source in handed]
    assert handed[:2] == ["longer.txt", "long.txt"] and sizes == sorted(sizes, reverse=True)
