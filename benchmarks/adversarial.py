"""Adversarial inputs through the cleaning and date stages: seconds and MB/s for each.

A megabyte or so without a line break, shaped to make a backtracking grammar or a quadratic
loop stumble. The baseline in the same run is ``str.split()`` over the same text, so the ratio
says how many times slower than a bare scan each stage is. Reads nothing outside the project.

    .venv/bin/python benchmarks/adversarial.py
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from datetime import datetime

from indexer.cleaning import clean
from indexer.dates import find_dates
from indexer.pipeline import extract
from indexer.records import Document

INPUTS = {
    "digits": "1" * 1_000_000,
    "years in a row": "1963, " * 170_000,
    "refused years": "$1963 " * 170_000,
    "months, a long number": ("January, February, March, April, May, June, " * 4 + "19634 ")
    * 5_000,
    "spaces after a year": "1963" + " " * 1_000_000 + "x",
    "a long line of words": "word " * 200_000 + "end.",
    "broken lines": "it was de\nstroyed and well-\nknown and con-\ngregation " * 20_000,
    "quote marks only": "“‘\"'”’" * 170_000,
    "dense quotations": ("“He said no,” Castro said, “and I said yes. " * 2_500),
}


def _seconds(work: Callable[[], object]) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def main() -> None:
    print(f"# adversarial inputs, {platform.node()}, {datetime.now():%Y-%m-%d %H:%M}")
    print("# command: .venv/bin/python benchmarks/adversarial.py")
    print(
        f"{'input':<24} {'MB':>6} {'split s':>8} {'clean s':>8} {'dates s':>8} {'extract s':>9}"
        f" {'extract x':>10}"
    )
    for name, text in INPUTS.items():
        size = len(text.encode()) / 1e6
        base = _seconds(text.split)
        cleaning = _seconds(lambda t=text: clean(t))
        dating = _seconds(lambda t=text: find_dates(t))
        document = Document(name, name, None, text, "")
        whole = _seconds(lambda d=document: extract(d))
        print(
            f"{name:<24} {size:6.2f} {base:8.3f} {cleaning:8.3f} {dating:8.3f} {whole:9.3f}"
            f" {whole / max(base, 1e-6):9.0f}x"
        )


if __name__ == "__main__":
    main()
