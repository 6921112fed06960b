"""Incremental reindexing: every kind of change, checked by searching the index afterwards.

Also: rebuilds that keep the old index until the new one is complete, schema and extraction
version bumps, damage reported in one line, and ``verbatim status``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from whoosh.index import open_dir

import indexer
import indexer.schema
import indexer.sync
import indexer.workers
from indexer import store
from indexer.records import Extraction
from search.cli import ExitStatus
from tests.conftest import jsonl, run


def text_of(word: str, title: str = "Harbour Notes") -> str:
    return (
        f"{title}\n\nIn April 1963 the harbour was quiet, and {word} was the word.\n\n"
        f'"We shall sail at dawn, {word}," said Anna Berg.\n'
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, word in [("a.txt", "alphaword"), ("b.txt", "bravoword"), ("c.txt", "charlieword")]:
        (folder / name).write_text(text_of(word), encoding="utf-8")
    return folder


@pytest.fixture()
def index_dir(corpus: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    result = index(corpus, target)
    assert result.exit_code == 0, result.output
    assert "3 added, 0 changed, 0 removed, 0 unchanged (" in result.stderr
    return target


def index(corpus: Path, target: Path, *args: str) -> Any:
    return run("index", str(corpus), "--index-dir", str(target), "--jobs", "1", *args)


def search(target: Path, query: str) -> list[dict[str, Any]]:
    result = run("search", query, "--index-dir", str(target), "-n", "1000", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return jsonl(result)


def sources(target: Path, query: str) -> dict[str, set[str]]:
    """Record ids found for ``query``, by source."""
    found: dict[str, set[str]] = {}
    for record in search(target, query):
        found.setdefault(record["source"], set()).add(record["id"])
    return found


def everything(target: Path) -> list[dict[str, Any]]:
    """Every passage and quote: each document says "harbour" or "dawn"."""
    records = search(target, "harbour OR dawn OR notes")
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "a record is indexed twice"
    return records


def forbid_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, source: str) -> Extraction:
        raise AssertionError(f"{source} was extracted")

    monkeypatch.setattr(indexer.workers, "extract_file", refuse)


def test_add(corpus: Path, index_dir: Path) -> None:
    (corpus / "d.txt").write_text(text_of("deltaword"), encoding="utf-8")
    result = index(corpus, index_dir)
    assert "1 added, 0 changed, 0 removed, 3 unchanged (" in result.stderr
    assert sources(index_dir, "deltaword") == {
        "d.txt": {"d.txt:p0002", "d.txt:p0003", "d.txt:q0001"}
    }
    assert len(everything(index_dir)) == 4 * 4


def test_change_replaces_every_old_record(corpus: Path, index_dir: Path) -> None:
    (corpus / "a.txt").write_text(
        text_of("echoword") + "\nA second paragraph about the harbour.\n", encoding="utf-8"
    )
    result = index(corpus, index_dir)
    assert "0 added, 1 changed, 0 removed, 2 unchanged (" in result.stderr
    assert sources(index_dir, "alphaword") == {}
    assert sources(index_dir, "echoword") == {
        "a.txt": {"a.txt:p0002", "a.txt:p0003", "a.txt:q0001"}
    }
    a_records = [r for r in everything(index_dir) if r["source"] == "a.txt"]
    assert len(a_records) == 5  # four passages and a quote, none left from before


def test_remove(corpus: Path, index_dir: Path) -> None:
    (corpus / "b.txt").unlink()
    result = index(corpus, index_dir)
    assert "0 added, 0 changed, 1 removed, 2 unchanged (" in result.stderr
    assert sources(index_dir, "bravoword") == {}
    assert {r["source"] for r in everything(index_dir)} == {"a.txt", "c.txt"}
    assert run("show", "b.txt:q0001", "--index-dir", str(index_dir)).exit_code == 1


def test_rename_moves_records_without_extracting(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "sub").mkdir()
    (corpus / "a.txt").rename(corpus / "sub" / "moved.txt")
    forbid_extraction(monkeypatch)
    result = index(corpus, index_dir)
    assert result.exit_code == 0, result.output
    assert "0 added, 0 changed, 0 removed, 2 unchanged, 1 renamed (" in result.stderr
    moved = "sub/moved.txt"
    assert sources(index_dir, "alphaword") == {
        moved: {f"{moved}:p0002", f"{moved}:p0003", f"{moved}:q0001"}
    }
    # Speaker and date filters work on the moved quote; its passage id followed it.
    quotes = jsonl(
        run(
            "quotes",
            "alphaword",
            "--speaker",
            "anna berg",
            "--from",
            "1963-04",
            "--until",
            "1963-04",
            "--index-dir",
            str(index_dir),
        )
    )
    assert [(q["id"], q["passage_id"], q["doc_id"]) for q in quotes] == [
        (f"{moved}:q0001", f"{moved}:p0003", moved)
    ]
    (shown,) = jsonl(run("show", f"{moved}:q0001", "--index-dir", str(index_dir)))
    assert "alphaword" in shown["context"]
    assert run("show", "a.txt:q0001", "--index-dir", str(index_dir)).exit_code == 1
    assert len(everything(index_dir)) == 3 * 4


def test_rename_to_another_format_is_extracted_again(corpus: Path, index_dir: Path) -> None:
    (corpus / "a.txt").rename(corpus / "a.md")  # another suffix may mean another reader
    result = index(corpus, index_dir)
    assert "1 added, 0 changed, 1 removed, 2 unchanged (" in result.stderr
    assert set(sources(index_dir, "alphaword")) == {"a.md"}


def test_rename_gives_the_same_records_as_extraction(corpus: Path, index_dir: Path) -> None:
    (corpus / "a.txt").rename(corpus / "z.txt")
    index(corpus, index_dir)
    moved = {r["id"]: r for r in everything(index_dir) if r["source"] == "z.txt"}
    fresh = index(corpus, index_dir, "--rebuild")
    assert "3 added" in fresh.stderr
    extracted = {r["id"]: r for r in everything(index_dir) if r["source"] == "z.txt"}
    strip = {"score", "highlights"}
    assert {k: {f: v for f, v in r.items() if f not in strip} for k, r in moved.items()} == {
        k: {f: v for f, v in r.items() if f not in strip} for k, r in extracted.items()
    }


def test_unchanged_files_are_not_read(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forbid_extraction(monkeypatch)
    hashed: list[Path] = []
    real_hash = indexer.sync.file_sha256
    monkeypatch.setattr(indexer.sync, "file_sha256", lambda p: hashed.append(p) or real_hash(p))
    result = index(corpus, index_dir)
    assert "0 added, 0 changed, 0 removed, 3 unchanged (" in result.stderr
    assert hashed == []
    # Touched (new mtime, same content): hashed once, not extracted, and remembered.
    stat = (corpus / "b.txt").stat()
    os.utime(corpus / "b.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    result = index(corpus, index_dir)
    assert "0 added, 0 changed, 0 removed, 3 unchanged (" in result.stderr
    assert [p.name for p in hashed] == ["b.txt"]
    index(corpus, index_dir)
    assert [p.name for p in hashed] == ["b.txt"]
    assert sources(index_dir, "bravoword") == {
        "b.txt": {"b.txt:p0002", "b.txt:p0003", "b.txt:q0001"}
    }


def test_swapped_contents(corpus: Path, index_dir: Path) -> None:
    a, b = (corpus / "a.txt").read_text(), (corpus / "b.txt").read_text()
    (corpus / "a.txt").write_text(b, encoding="utf-8")
    (corpus / "b.txt").write_text(a, encoding="utf-8")
    result = index(corpus, index_dir)
    assert "0 added, 2 changed, 0 removed, 1 unchanged (" in result.stderr
    assert set(sources(index_dir, "alphaword")) == {"b.txt"}
    assert set(sources(index_dir, "bravoword")) == {"a.txt"}
    assert len(everything(index_dir)) == 12


def test_engine_version_bump_re_extracts(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = indexer.workers.extract_file

    def version_two(path: Path, source: str) -> Extraction:
        result = real(path, source)
        passages = tuple(replace(p, text=p.text + " versiontwo") for p in result.passages)
        return replace(result, passages=passages)

    monkeypatch.setattr(indexer.workers, "extract_file", version_two)
    unchanged = index(corpus, index_dir)
    assert "3 unchanged" in unchanged.stderr and sources(index_dir, "versiontwo") == {}
    monkeypatch.setattr(indexer, "EXTRACTION_VERSION", indexer.EXTRACTION_VERSION + 1)
    (info,) = jsonl(run("status", "--index-dir", str(index_dir), "--corpus", str(corpus)))
    assert info["pending_changed"] == 3
    result = index(corpus, index_dir)
    assert "0 added, 3 changed, 0 removed, 0 unchanged (" in result.stderr
    assert "re-extracted by the new extraction version" in result.stderr
    assert set(sources(index_dir, "versiontwo")) == {"a.txt", "b.txt", "c.txt"}
    (info,) = jsonl(run("status", "--index-dir", str(index_dir), "--corpus", str(corpus)))
    assert info["extraction_version"] == indexer.EXTRACTION_VERSION
    assert info["pending_changed"] == 0


def test_schema_version_bump_rebuilds(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer.schema, "SCHEMA_VERSION", indexer.schema.SCHEMA_VERSION + 1)
    result = run("search", "alphaword", "--index-dir", str(index_dir))
    assert result.exit_code == ExitStatus.ERROR
    assert "incompatible version" in result.stderr and "verbatim index --rebuild" in result.stderr
    result = index(corpus, index_dir)
    assert result.exit_code == 0, result.output
    assert "3 added" in result.stderr and "rebuilt" in result.stderr
    assert set(sources(index_dir, "alphaword")) == {"a.txt"}
    assert len(everything(index_dir)) == 12


def test_failed_rebuild_keeps_the_old_index(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = everything(index_dir)
    calls = 0
    real = indexer.workers.extract_file

    def fail_on_third(path: Path, source: str) -> Extraction:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("disk on fire")
        return real(path, source)

    monkeypatch.setattr(indexer.workers, "extract_file", fail_on_third)
    with pytest.raises(RuntimeError):
        index(corpus, index_dir, "--rebuild")
    assert everything(index_dir) == before
    monkeypatch.setattr(indexer.workers, "extract_file", real)
    assert "3 added" in index(corpus, index_dir, "--rebuild").stderr
    assert everything(index_dir) == before


def test_an_interrupted_first_run_is_finished_by_the_next(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "fresh"
    real = indexer.workers.extract_file

    def fail(path: Path, source: str) -> Extraction:
        raise RuntimeError("killed")

    monkeypatch.setattr(indexer.workers, "extract_file", fail)
    with pytest.raises(RuntimeError):
        index(corpus, target)
    result = run("search", "alphaword", "--index-dir", str(target))
    assert result.exit_code == ExitStatus.ERROR
    assert "build it with `verbatim index`" in result.stderr
    monkeypatch.setattr(indexer.workers, "extract_file", real)
    assert "3 added" in index(corpus, target).stderr
    assert set(sources(target, "alphaword")) == {"a.txt"}


def test_a_stale_lock_is_cleared_and_reported(corpus: Path, index_dir: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = {"pid": dead.pid, "host": socket.gethostname(), "started": 1.0}
    (index_dir / store.HOLDER_FILE).write_text(json.dumps(stale), encoding="utf-8")
    (corpus / "d.txt").write_text(text_of("deltaword"), encoding="utf-8")
    result = index(corpus, index_dir, "--wait", "0")
    assert result.exit_code == 0, result.output
    assert f"cleared a stale lock left by pid {dead.pid}" in result.stderr
    assert not (index_dir / store.HOLDER_FILE).exists()
    assert set(sources(index_dir, "deltaword")) == {"d.txt"}


def test_status_shows_what_the_index_holds(corpus: Path, index_dir: Path) -> None:
    (corpus / "d.txt").write_text(text_of("deltaword"), encoding="utf-8")
    (corpus / "a.txt").write_text(text_of("changedword"), encoding="utf-8")
    (corpus / "b.txt").unlink()
    (info,) = jsonl(run("status", "--index-dir", str(index_dir), "--corpus", str(corpus)))
    assert info["documents"] == 3 and info["passages"] == 9 and info["quotes"] == 3
    assert (info["pending_new"], info["pending_changed"], info["pending_removed"]) == (1, 1, 1)
    assert info["engine_version"] == indexer.__version__
    assert info["schema_version"] == indexer.schema.SCHEMA_VERSION
    assert info["updated"] and info["index_bytes"] > 0 and info["writer"] is None


# Unreadable files: remembered in the manifest, not read or warned about again until they change.

BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def status_of(corpus: Path, target: Path) -> dict[str, Any]:
    (info,) = jsonl(run("status", "--index-dir", str(target), "--corpus", str(corpus)))
    return info


def pending(info: dict[str, Any]) -> tuple[int, int, int, int]:
    return (
        info["pending_new"],
        info["pending_changed"],
        info["pending_removed"],
        info["pending_renamed"],
    )


def warnings_of(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


@pytest.fixture()
def skipped_index(corpus: Path, index_dir: Path) -> Path:
    """The index after a run that found two new unreadable files."""
    (corpus / "image.png").write_bytes(BINARY)
    (corpus / "noise.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = index(corpus, index_dir)
    assert result.exit_code == ExitStatus.SKIPPED, result.output
    assert len(warnings_of(result)) == 2
    assert "0 added, 0 changed, 0 removed, 3 unchanged, 2 skipped (" in result.stderr
    return index_dir


def test_a_skipped_file_is_recorded_in_the_manifest(corpus: Path, skipped_index: Path) -> None:
    ix = store.open_index(skipped_index)
    skips = store.skipped(ix)
    assert sorted(skips) == ["image.png", "noise.txt"]
    image = skips["image.png"]
    stat = (corpus / "image.png").stat()
    assert (image.size, image.mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert image.sha256 == indexer.sync.file_sha256(corpus / "image.png")
    assert image.extraction_version == indexer.EXTRACTION_VERSION
    assert image.reason.startswith("image.png: ") and "binary" in image.reason
    assert "\n" not in image.reason
    assert sorted(store.manifest(ix)) == ["a.txt", "b.txt", "c.txt"]  # not indexed
    info = status_of(corpus, skipped_index)
    assert info["skipped"] == 2
    assert info["skipped_reasons"] == [skips["image.png"].reason, skips["noise.txt"].reason]
    assert info["documents"] == 3 and pending(info) == (0, 0, 0, 0)


def test_an_unchanged_skipped_file_is_not_read_or_warned_about_again(
    corpus: Path, skipped_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forbid_extraction(monkeypatch)
    hashed: list[Path] = []
    real_hash = indexer.sync.file_sha256
    monkeypatch.setattr(indexer.sync, "file_sha256", lambda p: hashed.append(p) or real_hash(p))
    # Nothing to do: no writer lock either.
    locked: list[Path] = []
    real_lock = store.writer_lock
    monkeypatch.setattr(store, "writer_lock", lambda *a: locked.append(a[0]) or real_lock(*a))
    result = index(corpus, skipped_index)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == []
    assert (
        "0 added, 0 changed, 0 removed, 3 unchanged, 2 skipped (unchanged since the last run) ("
        in result.stderr
    )
    assert hashed == [] and locked == []
    info = status_of(corpus, skipped_index)
    assert info["skipped"] == 2 and pending(info) == (0, 0, 0, 0)


def test_only_newly_skipped_files_are_warned_about_and_exit_3(
    corpus: Path, skipped_index: Path
) -> None:
    (corpus / "other.png").write_bytes(BINARY + b"more")
    result = index(corpus, skipped_index)
    assert result.exit_code == ExitStatus.SKIPPED
    (warning,) = warnings_of(result)
    assert "other.png" in warning
    assert "3 unchanged, 3 skipped (2 unchanged since the last run) (" in result.stderr
    assert status_of(corpus, skipped_index)["skipped"] == 3


@pytest.mark.parametrize("how", ["touched", "changed"])
def test_a_changed_skipped_file_is_read_again(corpus: Path, skipped_index: Path, how: str) -> None:
    path = corpus / "image.png"
    if how == "touched":
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    else:
        path.write_bytes(BINARY + b"still binary")
    info = status_of(corpus, skipped_index)
    assert pending(info) == (0, 1, 0, 0)
    result = index(corpus, skipped_index)
    assert result.exit_code == ExitStatus.SKIPPED  # read by this run, and still unreadable
    (warning,) = warnings_of(result)
    assert "image.png" in warning
    assert "3 unchanged, 2 skipped (1 unchanged since the last run) (" in result.stderr
    skip = store.skipped(store.open_index(skipped_index))["image.png"]
    assert (skip.size, skip.mtime_ns) == (path.stat().st_size, path.stat().st_mtime_ns)
    assert pending(status_of(corpus, skipped_index)) == (0, 0, 0, 0)
    again = index(corpus, skipped_index)
    assert again.exit_code == 0 and warnings_of(again) == []


def test_a_new_extraction_version_reads_skipped_files_again(
    corpus: Path, skipped_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "EXTRACTION_VERSION", indexer.EXTRACTION_VERSION + 1)
    assert status_of(corpus, skipped_index)["pending_changed"] == 5
    result = index(corpus, skipped_index)
    assert result.exit_code == ExitStatus.SKIPPED
    assert len(warnings_of(result)) == 2


def test_a_fixed_skipped_file_is_indexed(corpus: Path, skipped_index: Path) -> None:
    (corpus / "noise.txt").write_text(text_of("fixedword"), encoding="utf-8")
    result = index(corpus, skipped_index)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == []
    assert (
        "1 added, 0 changed, 0 removed, 3 unchanged, 1 skipped (unchanged since the last run) ("
        in result.stderr
    )
    assert set(sources(skipped_index, "fixedword")) == {"noise.txt"}
    ix = store.open_index(skipped_index)
    assert sorted(store.skipped(ix)) == ["image.png"]
    assert "noise.txt" in store.manifest(ix)
    info = status_of(corpus, skipped_index)
    assert (info["documents"], info["skipped"], pending(info)) == (4, 1, (0, 0, 0, 0))


def test_a_removed_skipped_file_is_forgotten(corpus: Path, skipped_index: Path) -> None:
    (corpus / "image.png").unlink()
    assert pending(status_of(corpus, skipped_index)) == (0, 0, 1, 0)
    result = index(corpus, skipped_index)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == []
    # A skipped file was never a document: forgetting it removes none.
    assert "0 added, 0 changed, 0 removed, 3 unchanged, 1 skipped (unchanged" in result.stderr
    info = status_of(corpus, skipped_index)
    assert (info["skipped"], pending(info)) == (1, (0, 0, 0, 0))
    (corpus / "noise.txt").unlink()
    assert index(corpus, skipped_index).exit_code == 0
    info = status_of(corpus, skipped_index)
    assert (info["skipped"], info["skipped_reasons"], pending(info)) == (0, [], (0, 0, 0, 0))
    assert len(everything(skipped_index)) == 12


def test_an_indexed_file_that_becomes_unreadable_is_dropped_and_remembered(
    corpus: Path, index_dir: Path
) -> None:
    (corpus / "a.txt").write_bytes(BINARY)
    result = index(corpus, index_dir)
    assert result.exit_code == ExitStatus.SKIPPED
    assert sources(index_dir, "alphaword") == {}
    info = status_of(corpus, index_dir)
    assert (info["documents"], info["skipped"], pending(info)) == (2, 1, (0, 0, 0, 0))
    assert index(corpus, index_dir).exit_code == 0


def test_rebuild_reads_skipped_files_again(corpus: Path, skipped_index: Path) -> None:
    result = index(corpus, skipped_index, "--rebuild")
    assert result.exit_code == ExitStatus.SKIPPED
    assert len(warnings_of(result)) == 2
    assert "3 added, 0 changed, 0 removed, 0 unchanged, 2 skipped (" in result.stderr
    assert status_of(corpus, skipped_index)["skipped"] == 2


# Damage: one line, the fix named, exit 1, never a traceback; and the fix works.


def truncate_segments(target: Path) -> None:
    for path in target.glob("*.seg"):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def remove_segments(target: Path) -> None:
    for path in target.glob("*.seg"):
        path.unlink()


def truncate_toc(target: Path) -> None:
    for path in target.glob("_verbatim_*.toc"):
        path.write_bytes(path.read_bytes()[:30])


def drop_a_record(target: Path) -> None:
    """A manifest that disagrees with the records: one quotation gone behind its back."""
    ix = open_dir(str(target), indexname=store.INDEX_NAME)
    with ix.writer() as writer:
        assert writer.delete_by_term("id", "a.txt:q0001") == 1


DAMAGE = {
    "truncated segment": (truncate_segments, "is damaged"),
    "missing segment": (remove_segments, "is damaged"),
    "truncated table of contents": (truncate_toc, "is damaged"),
    "manifest disagrees": (drop_a_record, "disagrees with its manifest"),
}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("command", ["search", "status", "index"])
def test_damage_is_reported_in_one_line(
    corpus: Path, index_dir: Path, damage: str, command: str
) -> None:
    harm, message = DAMAGE[damage]
    harm(index_dir)
    args = {
        "search": ["search", "alphaword"],
        "status": ["status", "--corpus", str(corpus)],
        "index": ["index", str(corpus), "--jobs", "1"],
    }[command]
    result = run(*args, "--index-dir", str(index_dir))
    assert result.exit_code == ExitStatus.ERROR, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0] and "verbatim index --rebuild" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("damage", DAMAGE)
def test_rebuild_repairs_damage(corpus: Path, index_dir: Path, damage: str) -> None:
    DAMAGE[damage][0](index_dir)
    result = index(corpus, index_dir, "--rebuild")
    assert result.exit_code == 0, result.output
    assert "3 added" in result.stderr
    assert len(everything(index_dir)) == 12
    assert jsonl(run("status", "--index-dir", str(index_dir), "--corpus", str(corpus)))
