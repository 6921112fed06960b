"""Crash benchmark: kill ``verbatim index`` with SIGKILL many times and check after each kill.

The same rounds as ``tests/test_crash.py`` (a synthetic corpus generated here, nothing read
from ../shared): each round adds, edits, removes and renames documents (every fourth round is
a ``--rebuild``), starts ``verbatim index`` in a subprocess and kills it at a random moment;
the index must then open, answer a search, hold exactly the previous or the new state of
every document, and the next run must take the lock at once and finish.

Usage::

    .venv/bin/python benchmarks/crash.py [--kills 100] [--documents 300] [--jobs 1] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_crash import crash_rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes per run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", "-v", action="store_true", help="a line per round")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        stats = crash_rounds(
            Path(tmp),
            args.kills,
            seed=args.seed,
            documents=args.documents,
            jobs=args.jobs,
            log=(lambda line: print(line, file=sys.stderr)) if args.verbose else None,
        )
    print(f"rounds                {stats.rounds}")
    print(f"kills tried           {stats.kills}")
    print(f"kills survived        {stats.survived}")
    print(f"  index at old state  {stats.old_state}")
    print(f"  index at new state  {stats.new_state}")
    print(f"runs done before kill {stats.finished_first}")
    print(f"time                  {time.perf_counter() - began:.0f} s")
    return 0 if stats.survived == stats.kills else 1


if __name__ == "__main__":
    sys.exit(main())
