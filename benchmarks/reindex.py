"""Reindex benchmark: how long `verbatim index` takes after one document changes, against a
full rebuild, with 1,000 documents indexed.

The corpus is synthetic and generated here (seeded, so every run measures the same text):
1,000 documents of about 4 KB each, prose paragraphs with quotations, speakers and dates.
Nothing is read from ../shared. Every step runs the real command line in a subprocess, so
the times include start-up, as a user sees them.

Steps: a full build (``--rebuild``), a run with nothing changed, then one document edited and
``verbatim index`` run again. Prints the times and the ratio incremental / rebuild.

Usage::

    .venv/bin/python benchmarks/reindex.py [--documents 1000] [--jobs 0] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "harbour",
    "river",
    "council",
    "bridge",
    "letter",
    "winter",
    "morning",
    "evening",
    "garden",
    "village",
    "station",
    "captain",
    "minister",
    "doctor",
    "teacher",
    "soldier",
    "farmer",
    "merchant",
    "sailor",
    "window",
    "table",
    "lamp",
    "road",
    "quiet",
    "slowly",
    "always",
    "never",
    "perhaps",
    "certainly",
    "walked",
    "spoke",
    "waited",
    "remembered",
    "carried",
    "opened",
    "closed",
    "crossed",
    "returned",
    "wrote",
    "read",
    "heard",
    "watched",
    "answered",
    "promised",
]
NAMES = ["Anna Berg", "John Hale", "Maria Costa", "Peter Lund", "Sofia Marr", "Tom Reyes"]
MONTHS = ["January", "March", "April", "June", "August", "October", "December"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def document(rng: random.Random, number: int) -> str:
    paragraphs = [f"Chronicle {number}"]
    while sum(len(p) for p in paragraphs) < 4000:
        if rng.random() < 0.4:
            said = " ".join(sentence(rng) for _ in range(rng.randint(1, 2)))
            name = rng.choice(NAMES)
            when = f"In {rng.choice(MONTHS)} {rng.randint(1900, 1990)}"
            paragraphs.append(f'{when}, {name} said: "{said}"')
        else:
            paragraphs.append(" ".join(sentence(rng) for _ in range(rng.randint(3, 6))))
    return "\n\n".join(paragraphs) + "\n"


def make_corpus(folder: Path, documents: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(documents):
        (folder / f"doc{number:05d}.txt").write_text(document(rng, number), encoding="utf-8")


def timed_index(corpus: Path, index_dir: Path, jobs: int, *extra: str) -> tuple[float, str]:
    command = [sys.executable, "-m", "search", "index", str(corpus), "--index-dir", str(index_dir)]
    began = time.perf_counter()
    done = subprocess.run(
        [*command, "--jobs", str(jobs), "--quiet", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - began, done.stderr.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: all cores)")
    parser.add_argument("--keep", type=Path, help="build the corpus and index here, and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        corpus, index_dir = root / "corpus", root / "index"
        make_corpus(corpus, args.documents)
        size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        print(f"corpus: {args.documents} documents, {size:.1f} MB (synthetic)")
        rebuild, line = timed_index(corpus, index_dir, args.jobs, "--rebuild")
        print(f"full rebuild           {rebuild:7.2f} s   {line}")
        nothing, line = timed_index(corpus, index_dir, args.jobs)
        print(f"nothing changed        {nothing:7.2f} s   {line}")
        edited = corpus / f"doc{args.documents // 2:05d}.txt"
        edited.write_text(
            edited.read_text(encoding="utf-8") + '\nAnna Berg said: "One more line."\n',
            encoding="utf-8",
        )
        one, line = timed_index(corpus, index_dir, args.jobs)
        print(f"one document changed   {one:7.2f} s   {line}")
        print(f"ratio incremental / rebuild: {one / rebuild:.3f} ({rebuild / one:.0f}x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
