"""Crash safety: real ``verbatim index`` processes killed with SIGKILL at random moments.

Each round changes the corpus (adds, edits, removes and renames documents; every fourth round
is a ``--rebuild``), starts ``verbatim index`` in a subprocess and kills it after a random
delay. After each kill the index must open, answer a search, and hold exactly the previous or
the new state of every document (all the previous or all the new: one run is one commit); the
next run must then take the lock at once (``wait=0``: no stale lock) and finish the job.

``benchmarks/crash.py`` runs more rounds with the same code and prints the numbers.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from indexer.sync import sync
from search.engine import Engine, Request

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\bd\d+x\d+\b")


def text_of(token: str) -> str:
    return (
        f"Harbour Notes\n\nIn April 1963 the harbour was quiet, and {token} was the word.\n\n"
        f'"We shall sail at dawn, {token}," said Anna Berg.\n'
    )


#: Records per document that the query in :func:`index_state` finds (three passages, a quote).
RECORDS_PER_DOC = 4


@dataclass
class Corpus:
    """A corpus folder and what each of its documents says (its version token)."""

    folder: Path
    state: dict[str, str] = field(default_factory=dict)
    counter: int = 0

    def write(self, source: str, token: str) -> None:
        (self.folder / source).write_text(text_of(token), encoding="utf-8")
        self.state[source] = token

    def new_source(self) -> str:
        self.counter += 1
        return f"doc{self.counter:05d}.txt"

    def populate(self, documents: int) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(documents):
            source = self.new_source()
            self.write(source, f"d{self.counter}x0")

    def mutate(self, rng: random.Random, share: float) -> None:
        """Change about ``share`` of the documents, in every way a user can."""
        sources = sorted(self.state)
        picked = rng.sample(sources, max(4, int(len(sources) * share)))
        quarter = len(picked) // 4
        for source in picked[:quarter]:  # removed
            (self.folder / source).unlink()
            del self.state[source]
        for source in picked[quarter : 2 * quarter]:  # renamed, content kept
            target = self.new_source()
            (self.folder / source).rename(self.folder / target)
            self.state[target] = self.state.pop(source)
        for source in picked[2 * quarter :]:  # edited
            number, version = self.state[source][1:].split("x")
            self.write(source, f"d{number}x{int(version) + 1}")
        for _ in range(quarter):  # added
            source = self.new_source()
            self.write(source, f"d{self.counter}x0")


def index_state(index_dir: Path) -> dict[str, str]:
    """What the index says each document contains, found by searching it."""
    engine = Engine(index_dir)
    try:
        answer = engine.search(
            Request(text="harbour OR dawn", kinds=("passage", "quote"), limit=None)
        )
    finally:
        engine.close()
    tokens: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for hit in answer.hits:
        source = hit.record["source"]
        tokens.setdefault(source, set()).update(TOKEN.findall(hit.record["text"]))
        counts[source] = counts.get(source, 0) + 1
    bad = {s: n for s, n in counts.items() if n != RECORDS_PER_DOC or len(tokens[s]) != 1}
    example = sorted(bad.items())[:3]
    assert not bad, f"{len(bad)} documents with missing, doubled or mixed records: {example}"
    return {source: found.pop() for source, found in tokens.items()}


def _generation(index_dir: Path) -> int:
    """The newest generation of table of contents in the index folder (-1 for none)."""
    found = [int(p.stem.rpartition("_")[2]) for p in index_dir.glob("_verbatim_*.toc")]
    return max(found, default=-1)


@dataclass
class CrashStats:
    rounds: int = 0
    kills: int = 0  # SIGKILL sent while the process was running
    survived: int = 0  # kills after which every check passed
    old_state: int = 0  # the kill came before the commit
    new_state: int = 0  # the kill came after it
    finished_first: int = 0  # rounds whose process was done before its kill


def index_command(corpus: Path, index_dir: Path, jobs: int, rebuild: bool) -> list[str]:
    args = [sys.executable, "-m", "search", "index", str(corpus), "--index-dir", str(index_dir)]
    return [*args, "--jobs", str(jobs), "--quiet", *(["--rebuild"] if rebuild else [])]


def crash_rounds(
    root: Path,
    kills: int,
    *,
    seed: int = 5,
    documents: int = 300,
    jobs: int = 1,
    share: float = 0.1,
    max_rounds: int | None = None,
    log: Callable[[str], None] | None = None,
) -> CrashStats:
    """Kill ``verbatim index`` until ``kills`` kills landed; check the index after each."""
    rng = random.Random(seed)
    corpus = Corpus(root / "corpus")
    corpus.populate(documents)
    index_dir = root / "index"
    began = time.perf_counter()
    command = index_command(corpus.folder, index_dir, jobs, False)
    subprocess.run(command, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    longest = time.perf_counter() - began  # a full build, startup included
    committed = dict(corpus.state)
    assert index_state(index_dir) == committed
    stats = CrashStats()
    while stats.kills < kills and (max_rounds is None or stats.rounds < max_rounds):
        stats.rounds += 1
        rebuild = stats.rounds % 4 == 0
        corpus.mutate(rng, share)
        wanted = dict(corpus.state)
        # stderr to a file, not a pipe: reading a pipe to its end would also wait for any
        # worker process that outlived its parent (which the checks below must catch).
        errors_file = root / "stderr.txt"
        with errors_file.open("w") as errors_out:
            process = subprocess.Popen(
                index_command(corpus.folder, index_dir, jobs, rebuild),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=errors_out,
            )
        if stats.rounds % 3 == 0:
            # Right after the commit: as soon as a new table of contents is in place (the
            # window before the process exits is too narrow for a random delay to hit often).
            delay = longest
            generation = _generation(index_dir)
            deadline = time.monotonic() + longest * 3
            while process.poll() is None and time.monotonic() < deadline:
                if _generation(index_dir) > generation:
                    process.send_signal(signal.SIGKILL)
                    break
                time.sleep(0.001)
        else:
            delay = rng.uniform(0.02, longest)
            try:
                process.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
        process.wait()
        errors = errors_file.read_text()
        killed = process.returncode == -signal.SIGKILL
        if killed:
            stats.kills += 1
        else:  # done before the delay ran out (or just before the signal)
            stats.finished_first += 1
            assert process.returncode == 0, errors
        # The index opens, answers, and holds the previous or the new state, whole.
        found = index_state(index_dir)
        assert found in (committed, wanted), "the index holds a state no run committed"
        if killed:
            stats.old_state += found == committed and found != wanted
            stats.new_state += found == wanted
        # The next run takes the lock at once (workers of a killed run need a moment to
        # notice that their parent died) and finishes the job.
        sync(corpus.folder, index_dir, jobs=1, wait=0 if jobs == 1 else 5)
        assert index_state(index_dir) == wanted
        assert not list(index_dir.glob("*.toc.*")), "a temporary table of contents was left"
        committed = wanted
        if killed:
            stats.survived += 1
        if log:
            log(f"round {stats.rounds}: {'killed' if killed else 'finished'} after {delay:.2f} s")
    return stats


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    stats = crash_rounds(tmp_path, kills=20, max_rounds=60)
    print(f"\ncrash test: {stats}")
    assert stats.kills >= 20
    assert stats.survived == stats.kills
    assert stats.old_state and stats.new_state, "kills should land both before and after commits"


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find leftover workers")
def test_killed_run_with_workers_leaves_no_lock_and_no_workers(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    corpus.populate(300)
    index_dir = tmp_path / "index"
    process = subprocess.Popen(
        index_command(corpus.folder, index_dir, 2, False), cwd=ROOT, stderr=subprocess.PIPE
    )
    # Kill it while its workers extract: once the writer lock's holder record is there.
    deadline = time.monotonic() + 20
    while not (index_dir / "verbatim.lock.json").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    process.kill()
    process.wait()
    process.stderr.close()  # type: ignore[union-attr]
    deadline = time.monotonic() + 5
    while processes_mentioning(str(index_dir)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_mentioning(str(index_dir)) == [], "worker processes outlived their parent"
    summary = sync(corpus.folder, index_dir, jobs=1, wait=0)
    assert summary.stale_lock is not None
    assert index_state(index_dir) == corpus.state


@pytest.mark.slow
def test_many_kills_with_worker_processes(tmp_path: Path) -> None:
    stats = crash_rounds(tmp_path, kills=60, jobs=2, documents=400, seed=11)
    assert stats.survived == stats.kills >= 60
