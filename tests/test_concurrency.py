"""Concurrency: searches during updates, and writers that meet.

* a search process runs throughout several updates (incremental and ``--rebuild``) and every
  answer it gets is complete: every document, each with all its records, all from one commit;
* a second writer waits for the lock up to ``--wait``, then exits 1 naming the holder;
* two writers started together both succeed, one after the other, and the index holds each
  document once;
* ``verbatim index --watch`` follows additions, edits and removals, and stops on Ctrl-C.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from indexer import store
from indexer.sync import sync
from search.cli import ExitStatus
from search.engine import Engine, Request
from tests.test_crash import ROOT, TOKEN, Corpus, index_command, index_state

SEARCHER = r"""
import json, sys, time
from pathlib import Path
from search.engine import Engine, Request

index_dir, stop, out = Path(sys.argv[1]), Path(sys.argv[2]), open(sys.argv[3], "w")
request = Request(text="harbour OR dawn", kinds=("passage", "quote"), limit=None)
kept = Engine(index_dir)  # a long-lived engine, as a server would keep one
turn = 0
while not stop.exists():
    turn += 1
    engine = kept if turn % 2 else Engine(index_dir)  # and a fresh one, as the CLI opens
    hits = engine.search(request).hits
    docs = {}
    for hit in hits:
        docs.setdefault(hit.record["source"], []).append(hit.record["text"])
    out.write(json.dumps({"records": len(hits), "docs": docs}) + "\n")
    out.flush()
"""


def generations(docs: dict[str, list[str]]) -> set[str]:
    """The version suffixes (``x3``) found in an answer's records."""
    found = set()
    for texts in docs.values():
        for text in texts:
            found.update(token.split("x")[1] for token in TOKEN.findall(text))
    return found


def test_searches_see_whole_commits_throughout_updates(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    corpus.populate(200)
    index_dir = tmp_path / "index"
    subprocess.run(
        index_command(corpus.folder, index_dir, 1, False),
        check=True,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    stop, out = tmp_path / "stop", tmp_path / "answers.jsonl"
    searcher = subprocess.Popen(
        [sys.executable, "-c", SEARCHER, str(index_dir), str(stop), str(out)], cwd=ROOT
    )
    try:
        while not out.exists() or not out.read_text():
            time.sleep(0.05)
        for update in range(4):
            for source in list(corpus.state):  # every document changes in every update
                number = corpus.state[source].split("x")[0]
                corpus.write(source, f"{number}x{update + 1}")
            done = subprocess.run(
                index_command(corpus.folder, index_dir, 1, rebuild=update == 2),
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, done.stderr
        time.sleep(0.3)
    finally:
        stop.touch()
        searcher.wait(timeout=30)
    assert searcher.returncode == 0
    answers = [json.loads(line) for line in out.read_text().splitlines()]
    seen = set()
    for answer in answers:
        assert len(answer["docs"]) == 200, "an answer missed documents"
        odd = {s: t for s, t in answer["docs"].items() if len(t) != 4}
        assert not odd, f"records missing or doubled: {list(odd.items())[:2]} of {len(odd)}"
        (generation,) = generations(answer["docs"])  # one commit, whole
        seen.add(generation)
    assert len(answers) >= 10
    assert len(seen) >= 3, f"the searcher saw too few commits: {sorted(seen)}"


def test_second_writer_waits_then_names_the_holder(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    corpus.populate(20)
    index_dir = tmp_path / "index"
    command = index_command(corpus.folder, index_dir, 1, False)
    subprocess.run(command, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    before = index_state(index_dir)
    corpus.write("extra.txt", "d999x0")
    with store.writer_lock(index_dir, wait=0):
        began = time.monotonic()
        refused = subprocess.run(
            [*command, "--wait", "0.5"], cwd=ROOT, capture_output=True, text=True
        )
        waited = time.monotonic() - began
    assert refused.returncode == ExitStatus.ERROR
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in refused.stderr
    assert f"pid {os.getpid()}" in lines[0] and "--wait" in lines[0]
    assert waited >= 0.5
    assert index_state(index_dir) == before  # nothing written

    # With a long enough wait it runs as soon as the holder lets go.
    def hold() -> None:
        with store.writer_lock(index_dir, wait=0):
            held.set()
            time.sleep(1.0)

    held = threading.Event()
    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    patient = subprocess.run([*command, "--wait", "20"], cwd=ROOT, capture_output=True, text=True)
    holder.join()
    assert patient.returncode == 0, patient.stderr
    assert "1 added, 0 changed, 0 removed, 20 unchanged" in patient.stderr
    assert index_state(index_dir) == corpus.state


def test_two_writers_started_together(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    corpus.populate(150)
    index_dir = tmp_path / "index"
    command = index_command(corpus.folder, index_dir, 1, False)
    subprocess.run(command, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    for source in sorted(corpus.state)[:60]:
        number = corpus.state[source].split("x")[0]
        corpus.write(source, f"{number}x1")
    for n in range(20):
        corpus.write(f"new{n:02d}.txt", f"d{1000 + n}x0")
    writers = [
        subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [w.communicate(timeout=60)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    summaries = sorted(line for out in outputs for line in out.splitlines() if "added" in line)
    assert summaries[0].startswith("0 added, 0 changed, 0 removed, 170 unchanged")
    assert summaries[1].startswith("20 added, 60 changed, 0 removed, 90 unchanged")
    assert index_state(index_dir) == corpus.state  # each document once, in its new state


def test_a_refreshed_searcher_sees_replacements_and_rebuilds(tmp_path: Path) -> None:
    """Whoosh's reader reuse on refresh() keeps stale deletions and dropped segments; the
    index that :func:`store.open_index` returns does not."""
    corpus = Corpus(tmp_path / "corpus")
    corpus.populate(30)
    index_dir = tmp_path / "index"
    sync(corpus.folder, index_dir, jobs=1)
    engine = Engine(index_dir)
    request = Request(text="harbour OR dawn", kinds=("passage", "quote"), limit=None)
    assert len(engine.search(request).hits) == 30 * 4
    for rebuild in (False, True, False):
        for source in sorted(corpus.state)[:10]:
            number, version = corpus.state[source].split("x")
            corpus.write(source, f"{number}x{int(version) + 1}")
        sync(corpus.folder, index_dir, jobs=1, rebuild=rebuild)
        hits = engine.search(request).hits
        assert len(hits) == 30 * 4
        found: dict[str, set[str]] = {}
        for hit in hits:
            found.setdefault(hit.record["source"], set()).update(TOKEN.findall(hit.record["text"]))
        assert found == {s: {t} for s, t in corpus.state.items()}
    engine.close()


def test_watch_keeps_the_index_current(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    corpus.populate(5)
    index_dir = corpus.folder / ".index"  # inside the corpus: left out of it
    watcher = subprocess.Popen(
        [*index_command(corpus.folder, index_dir, 1, False), "--watch"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if index_state(index_dir) == corpus.state:
                    break
            except Exception:
                pass
            time.sleep(0.1)
        assert index_state(index_dir) == corpus.state
        corpus.write("late.txt", "d77x0")
        corpus.write("doc00001.txt", "d1x1")
        (corpus.folder / "doc00002.txt").unlink()
        del corpus.state["doc00002.txt"]
        deadline = time.monotonic() + 30
        while index_state(index_dir) != corpus.state and time.monotonic() < deadline:
            time.sleep(0.1)
        assert index_state(index_dir) == corpus.state
    finally:
        watcher.send_signal(signal.SIGINT)
        _, errors = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, errors
    assert "1 added, 1 changed, 1 removed, 3 unchanged" in errors
    assert "stopped watching" in errors
