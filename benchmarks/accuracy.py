"""Score quotation extraction and attribution on the annotated development sets.

Runs ``verbatim extract --format jsonl`` over every document of each set in
``../shared/data/quotes`` (polnear, pdnc, litbank, quoteli3), scores the output with
``../shared/tools/score_quotes.py`` and prints one Markdown table: extraction precision, recall
and F1 (exact and overlapping spans), split quotations joined, speaker accuracy (over matched
quotations and end to end) and addressee accuracy, per set and per quote type (pdnc) or kind
(polnear). It also reports the throughput of ``verbatim extract`` on pdnc, in MB/s on one core.

The data stays where it is: nothing from it is written into the project.

Usage::

    .venv/bin/python benchmarks/accuracy.py [--data DIR] [--sets pdnc litbank] [--jobs 2]
        [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "quotes"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score_quotes.py"
SETS = ("polnear", "pdnc", "litbank", "quoteli3")
COLUMNS = (
    "set",
    "gold",
    "pred",
    "P exact",
    "R exact",
    "F1 exact",
    "P overlap",
    "R overlap",
    "F1 overlap",
    "split joined",
    "speaker matched",
    "speaker e2e",
    "addressee",
)


def _verbatim() -> str:
    local = Path(sys.executable).parent / "verbatim"
    return str(local) if local.exists() else "verbatim"


def _chunks(paths: list[Path], jobs: int) -> list[list[Path]]:
    """Split ``paths`` into ``jobs`` lists of about equal size in bytes (largest first)."""
    bins: list[list[Path]] = [[] for _ in range(jobs)]
    sizes = [0] * jobs
    for path in sorted(paths, key=lambda p: p.stat().st_size, reverse=True):
        i = sizes.index(min(sizes))
        bins[i].append(path)
        sizes[i] += path.stat().st_size
    return [b for b in bins if b]


def _extract(paths: list[Path], out: Path) -> float:
    """Run ``verbatim extract`` on ``paths`` into ``out``; return the CPU seconds it took."""
    with out.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            [_verbatim(), "extract", *map(str, paths), "--format", "jsonl"], stdout=handle
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return usage.ru_utime + usage.ru_stime


def run_set(
    data: Path, name: str, jobs: int, workdir: Path, scorer: Path
) -> tuple[dict[str, Any], float, int]:
    """Extract and score one set; return the scorer's JSON, the CPU seconds of extraction
    summed over the worker processes, and the bytes extracted."""
    folder = data / name
    paths = sorted((folder / "docs").glob("*.txt"))
    chunks = _chunks(paths, jobs)
    outs = [workdir / f"{name}.{i}.jsonl" for i in range(len(chunks))]

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        seconds = sum(pool.map(lambda args: _extract(*args), zip(chunks, outs, strict=True)))
    merged = workdir / f"{name}.jsonl"
    with merged.open("w", encoding="utf-8") as handle:
        for out in outs:
            handle.write(out.read_text(encoding="utf-8"))
    size = sum(p.stat().st_size for p in paths)
    return score(scorer, folder, merged), seconds, size


def joins_fragments(folder: Path) -> bool:
    """Whether the gold set annotates a quotation interrupted by its attribution as one
    quotation of several spans (PDNC, PolNeAR) rather than one quotation per fragment."""
    with (folder / "quotes.jsonl").open(encoding="utf-8") as handle:
        return any(len(json.loads(line).get("spans") or []) > 1 for line in handle)


def fragments_as_quotes(predictions: Path, out: Path) -> None:
    """The same predictions with every part of a quotation as a quotation of its own."""
    with predictions.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for line in source:
            record = json.loads(line)
            if record.get("type") != "quote" or len(record.get("parts", [])) < 2:
                sink.write(line)
                continue
            for part in record["parts"]:
                sink.write(json.dumps({**record, "parts": [part]}) + "\n")


def score(scorer: Path, folder: Path, predictions: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(scorer), str(folder), str(predictions), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _fmt(value: float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def row(label: str, figures: dict[str, Any]) -> list[str]:
    exact, overlap = figures["exact"], figures["overlap"]
    return [
        label,
        _fmt(figures["gold"]),
        _fmt(figures.get("predicted")),
        _fmt(exact.get("precision")),
        _fmt(exact.get("recall")),
        _fmt(exact.get("f1")),
        _fmt(overlap.get("precision")),
        _fmt(overlap.get("recall")),
        _fmt(overlap.get("f1")),
        _fmt(figures["split"].get("share")),
        _fmt(figures["speaker"].get("accuracy_matched")),
        _fmt(figures["speaker"].get("accuracy_end_to_end")),
        _fmt(figures["addressee"].get("accuracy_matched")),
    ]


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for name, score in results.items():
        lines.append("| " + " | ".join(row(f"**{name}**", score["overall"])) + " |")
        for group, figures in sorted(score.get("groups", {}).items()):
            lines.append("| " + " | ".join(row(f"{name} · {group}", figures)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the quotes folder")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="score_quotes.py")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--keep", type=Path, help="keep each set's predictions (<set>.jsonl) here")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: no data folder at {args.data} (pass --data)", file=sys.stderr)
        return 2
    results: dict[str, dict[str, Any]] = {}
    speed: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="verbatim-accuracy-") as tmp:
        for name in args.sets:
            print(f"scoring {name} ...", file=sys.stderr)
            figures, seconds, size = run_set(args.data, name, args.jobs, Path(tmp), args.scorer)
            results[name] = figures
            folder = args.data / name
            if not joins_fragments(folder):
                # A diagnostic, not the official figure: this set's gold gives each fragment
                # of an interrupted quotation as a quotation of its own, the engine joins them.
                split = Path(tmp) / f"{name}.fragments.jsonl"
                fragments_as_quotes(Path(tmp) / f"{name}.jsonl", split)
                diagnostic = score(args.scorer, folder, split)
                results[f"{name} (fragments as quotes, diagnostic)"] = diagnostic
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(tmp) / f"{name}.jsonl", args.keep / f"{name}.jsonl")
            speed[name] = size / 1e6 / seconds if seconds else 0.0
    print(table(results))
    if "pdnc" in speed:
        print(
            f"\nThroughput of `verbatim extract` on pdnc: {speed['pdnc']:.2f} MB/s on one core "
            "(CPU time of the extract processes, start-up included)."
        )
    if args.json:
        args.json.write_text(json.dumps({"sets": results, "mb_per_s": speed}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
