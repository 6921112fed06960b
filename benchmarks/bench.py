"""Indexing and query benchmarks on real books, side by side with bare Whoosh, in one run.

For each size (MB of source text taken from ../shared/data/gutenberg/books in manifest order;
sizes above the 80 MB there are the books replicated under new names):

* ``verbatim index`` end to end as a whole process (``--rebuild``, ``--jobs``): MB/s,
  passages/s, quotes/s, peak RSS of the whole process tree, index size;
* the baseline in the same run: the same passages (read back from that index) indexed into a bare
  Whoosh index, one stemmed field and a stored id, one process (``bare_whoosh.py``); the ratio;
* query latency in process (median and 95th percentile, warm): keyword, phrase, speaker and
  date-range requests through :class:`search.engine.Engine`, and the same keyword and phrase
  queries on the bare index;
* start-up: ``verbatim search`` and ``verbatim quotes`` as whole processes, median of 10, on the
  seed index and on this size's index, and whether a search imported NLTK or the pipeline.

Prints Markdown tables (machine, date and command first) and writes them, with the raw figures
as JSON, to ``benchmarks/out/``. Figures are one run on a possibly busy machine: compare ratios.

Usage::

    .venv/bin/python benchmarks/bench.py                 # 10 MB: a few minutes
    .venv/bin/python benchmarks/bench.py --size 10 80    # adds the full corpus (~10 min)
    .venv/bin/python benchmarks/bench.py --size 320 --no-baseline --no-queries  # growth
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "gutenberg"
OUT = ROOT / "benchmarks" / "out"
PYTHON = sys.executable
#: ``python -m search`` from ROOT: the code of this checkout (or of a snapshot of it, so other
#: people's edits in progress do not change a long run), not whatever is installed.
VERBATIM = [PYTHON, "-m", "search"]
SEED = 20261125

sys.path.insert(0, str(ROOT))


# --- machine and process-tree memory -------------------------------------------------------


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.node()}: {cpu}, {os.cpu_count()} cores{mem}; "
        f"Python {platform.python_version()} on {platform.system()} {platform.release()}"
    )


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found += [int(c) for c in text]
    except OSError:
        pass
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss(current)
        stack += _children(current)
    return total


def run_measured(command: Sequence[str], **kwargs: Any) -> tuple[float, int, str, str]:
    """Run ``command``; its wall time, peak process-tree RSS, stdout and stderr."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    if process.returncode not in (0, 3):
        raise SystemExit(f"{shlex.join(command)} failed ({process.returncode}):\n{err[-2000:]}")
    return seconds, peak, out, err


# --- corpus ----------------------------------------------------------------------------------


def books() -> list[Path]:
    rows = (DATA / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [DATA / "books" / f"{int(row.split(chr(9))[0]):04d}.txt" for row in rows]


def make_corpus(size_mb: float) -> tuple[Path, int]:
    """A folder of symlinks to books, in manifest order, until ``size_mb``; replicated
    (``copyN-`` names, so new documents) beyond the whole set. Returns it and its bytes."""
    folder = OUT / f"corpus-{size_mb:g}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    total, copy = 0, 0
    all_books = books()
    while total < size_mb * 1e6:
        for book in all_books:
            if total >= size_mb * 1e6:
                break
            name = book.name if copy == 0 else f"copy{copy}-{book.name}"
            (folder / name).symlink_to(book)
            total += book.stat().st_size
        copy += 1
    return folder, total


def index_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


# --- queries ---------------------------------------------------------------------------------


def _query_stop_words() -> frozenset[str]:
    from indexer.schema import QUERY_STOP_WORDS

    return QUERY_STOP_WORDS


_STOP_WORDS = (
    "a an and are as at be by for from has have he her his i in is it its of on or that the "
    "their there they this to was were which with you not but had him she all we my me so"
)
STOP = frozenset(_STOP_WORDS.split(" ")) | _query_stop_words()  # never a query of stop words
WORD = re.compile(r"[A-Za-z]+")


def dump_passages(index_dir: Path, target: Path) -> int:
    """Every passage of our index, one JSON record a line (the baseline's input)."""
    from indexer.store import Records, open_index

    count = 0
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        records = Records(searcher)
        found = []
        for fields in searcher.documents(kind="passage"):
            record = records.load(fields["record"])
            found.append((record["id"], record["text"]))
    # In id order: the order of the index's segments depends on which worker wrote which
    # book, and the sample of queries must not.
    with target.open("w", encoding="utf-8") as out:
        for record_id, text in sorted(found):
            out.write(json.dumps({"id": record_id, "text": text}) + "\n")
            count += 1
    return count


def make_queries(passages: Path, count: int = 300, phrases: int = 50) -> dict[str, list[str]]:
    """Keyword queries (1-3 content words from one passage) and phrases (2-4 running words),
    from passages sampled with a fixed seed: realistic, and each has at least one hit."""
    rng = random.Random(SEED)
    sample: list[str] = []
    with passages.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):  # reservoir sample of 2,000 passages
            if len(sample) < 2000:
                sample.append(line)
            elif (j := rng.randrange(number + 1)) < 2000:
                sample[j] = line
    keyword, phrase = [], []
    texts = [json.loads(line)["text"] for line in sample]
    while len(keyword) < count or len(phrase) < phrases:
        words = WORD.findall(rng.choice(texts))
        content = [w.lower() for w in words if len(w) > 3 and w.lower() not in STOP]
        if len(keyword) < count and len(content) >= 3:
            start = rng.randrange(len(content) - 2)
            keyword.append(" ".join(content[start : start + rng.choice((1, 2, 2, 3))]))
        if len(phrase) < phrases and len(words) >= 6:
            size = rng.choice((2, 3, 3, 4))
            start = rng.randrange(len(words) - size)
            phrase.append('"' + " ".join(words[start : start + size]) + '"')
    return {"keyword": keyword, "phrase": phrase}


def latency(run: Callable[[str], Any], queries: Sequence[str]) -> dict[str, float]:
    for query in queries[:20]:  # warm
        run(query)
    times = []
    for query in queries:
        began = time.perf_counter()
        run(query)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "n": len(times),
        "median": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
    }


def engine_latency(index_dir: Path, queries: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    from search.engine import Engine, Request

    engine = Engine(index_dir)
    rng = random.Random(SEED)
    names = [name for name, _ in engine.speakers()]
    top, rest = names[:50], names[50:]
    speakers = top + rng.sample(rest, min(len(rest), 100 - len(top)))
    while speakers and len(speakers) < 100:
        speakers.append(rng.choice(names))
    # a surname alone, as users type it, for a quarter of them
    speakers = [s.split()[-1] if i % 4 == 3 else s for i, s in enumerate(speakers)]
    ranges = []
    for _ in range(50):
        first = rng.randrange(1500, 1990)
        if rng.random() < 0.5:
            ranges.append((date(first, 1, 1), date(first + rng.randrange(1, 60), 12, 31)))
        else:
            month = rng.randrange(1, 12)
            ranges.append((date(first, month, 1), date(first, month + 1, 28)))
    figures = {
        "keyword": latency(lambda q: engine.search(Request(text=q)), queries["keyword"]),
        "phrase": latency(lambda q: engine.search(Request(text=q)), queries["phrase"]),
    }
    if speakers:
        figures["speaker"] = latency(
            lambda s: engine.search(Request(kinds=("quote",), speaker=s, limit=50)), speakers
        )
    by_index = {f"{a}..{b}": (a, b) for a, b in ranges}
    figures["date range"] = latency(
        lambda key: engine.search(
            Request(kinds=("quote",), date_from=by_index[key][0], date_until=by_index[key][1])
        ),
        list(by_index),
    )
    return figures


def bare_latency(index_dir: Path, queries: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    from whoosh import index
    from whoosh.qparser import AndGroup, QueryParser

    ix = index.open_dir(str(index_dir))
    figures = {}
    with ix.searcher() as searcher:
        parser = QueryParser("text", ix.schema, group=AndGroup)

        def run(text: str) -> list[str]:
            return [hit["id"] for hit in searcher.search(parser.parse(text), limit=10)]

        figures["keyword"] = latency(run, queries["keyword"])
        figures["phrase"] = latency(run, queries["phrase"])
    return figures


# --- start-up ----------------------------------------------------------------------------------


def startup(index_dir: Path, word: str, speaker: str) -> dict[str, float]:
    def median_of(command: list[str]) -> float:
        times = []
        for _ in range(10):
            began = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            if done.returncode:
                raise SystemExit(f"{shlex.join(command)} failed:\n{done.stderr[-2000:]}")
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    common = ["--index-dir", str(index_dir), "--format", "jsonl"]
    return {
        "search": median_of([*VERBATIM, "search", word, *common]),
        "quotes": median_of([*VERBATIM, "quotes", "--speaker", speaker, *common]),
    }


def search_imports(index_dir: Path) -> list[str]:
    """Heavy modules loaded by a `verbatim search` and a `verbatim quotes` (should be none)."""
    code = (
        "import sys\n"
        "from search.cli import cli\n"
        "for args in (['search', 'bridge'], ['quotes', '--speaker', 'castro', '--from', '1963']):\n"
        "    try:\n"
        f"        cli([*args, '--index-dir', {str(index_dir)!r}, '--format', 'jsonl'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('nltk', 'indexer.pipeline', 'indexer.cleaning', 'indexer.attribution')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk' or m in heavy))\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout
    loaded = out.strip().splitlines()[-1]
    return json.loads(loaded.replace("'", '"'))


# --- one size --------------------------------------------------------------------------------


def bench_size(size: float, args: argparse.Namespace) -> dict[str, Any]:
    corpus, source_bytes = make_corpus(size)
    mb = source_bytes / 1e6
    index_dir = OUT / f"index-{size:g}"
    print(f"## {size:g} MB: {len(list(corpus.iterdir()))} books, {mb:.1f} MB", file=sys.stderr)
    command = [*VERBATIM, "index", str(corpus), "--index-dir", str(index_dir), "--rebuild", "-q"]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    seconds, peak, _, err = run_measured(command, cwd=ROOT)
    found = re.search(r"(\d+) passages and (\d+) quotes", err)
    passages, quotes = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
    result: dict[str, Any] = {
        "size_mb": size,
        "source_mb": mb,
        "books": len(list(corpus.iterdir())),
        "index": {
            "seconds": seconds,
            "mb_s": mb / seconds,
            "passages": passages,
            "quotes": quotes,
            "passages_s": passages / seconds,
            "quotes_s": quotes / seconds,
            "peak_rss_mb": peak / 2**20,
            "index_mb": index_bytes(index_dir) / 1e6,
        },
    }
    print(f"verbatim index: {seconds:.1f} s, peak {peak / 2**20:.0f} MB", file=sys.stderr)
    passages_file = OUT / f"passages-{size:g}.jsonl"
    if args.baseline or args.queries:
        dump_passages(index_dir, passages_file)
    bare_dir = OUT / f"bare-{size:g}"
    if args.baseline:
        bare_command = [PYTHON, str(ROOT / "benchmarks" / "bare_whoosh.py")]
        _, bare_peak, out, _ = run_measured([*bare_command, str(passages_file), str(bare_dir)])
        bare = json.loads(out.strip().splitlines()[-1])
        result["baseline"] = {
            "seconds": bare["seconds"],
            "mb_s": mb / bare["seconds"],
            "passages_s": bare["passages"] / bare["seconds"],
            "peak_rss_mb": bare_peak / 2**20,
            "index_mb": bare["bytes"] / 1e6,
        }
        print(f"bare whoosh: {bare['seconds']:.1f} s", file=sys.stderr)
    if args.queries:
        queries = make_queries(passages_file)
        result["queries"] = engine_latency(index_dir, queries)
        if args.baseline:
            result["bare_queries"] = bare_latency(bare_dir, queries)
        word = queries["keyword"][0].split()[0]
        from search.engine import Engine

        names = [name for name, _ in Engine(index_dir).speakers()][:1] or ["castro"]
        result["startup"] = startup(index_dir, word, names[0])
    return result


def seed_startup() -> dict[str, Any]:
    index_dir = OUT / "index-seed"
    subprocess.run(
        [*VERBATIM, "index", "corpus", "--index-dir", str(index_dir), "--rebuild", "-q"],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    figures: dict[str, Any] = dict(startup(index_dir, "bridge", "Castro"))
    figures["heavy_imports"] = search_imports(index_dir)
    return figures


# --- report ----------------------------------------------------------------------------------


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}x" if base else "n/a"


def report(results: list[dict[str, Any]], seed: dict[str, Any] | None, command: str) -> str:
    lines = [
        "# Verbatim benchmarks",
        "",
        f"- date: {datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- machine: {machine()}",
        f"- command: `{command}`",
        "",
        "## Indexing (end to end, whole process tree) vs bare Whoosh on the same passages",
        "",
        "| size | books | run | seconds | MB/s | passages/s | quotes/s | peak RSS MB | "
        "index MB | index / source |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        i, mb = r["index"], r["source_mb"]
        lines.append(
            f"| {mb:.1f} MB | {r['books']} | verbatim index | {i['seconds']:.1f} | "
            f"{i['mb_s']:.3f} | {i['passages_s']:.0f} | {i['quotes_s']:.0f} | "
            f"{i['peak_rss_mb']:.0f} | {i['index_mb']:.1f} | {i['index_mb'] / mb:.2f}x |"
        )
        if "baseline" in r:
            b = r["baseline"]
            lines.append(
                f"| {mb:.1f} MB | | bare Whoosh, 1 process | {b['seconds']:.1f} | "
                f"{b['mb_s']:.3f} | {b['passages_s']:.0f} | | {b['peak_rss_mb']:.0f} | "
                f"{b['index_mb']:.1f} | {b['index_mb'] / mb:.2f}x |"
            )
            lines.append(
                f"| | | **throughput ratio** | | **{ratio(i['mb_s'], b['mb_s'])}** | | | "
                f"{ratio(i['peak_rss_mb'], b['peak_rss_mb'])} | "
                f"{ratio(i['index_mb'], b['index_mb'])} | |"
            )
    if len(results) > 1:
        first, last = results[0], results[-1]
        grow = last["source_mb"] / first["source_mb"]
        lines += [
            "",
            f"Growth {first['source_mb']:.0f} -> {last['source_mb']:.0f} MB ({grow:.1f}x data): "
            f"time {ratio(last['index']['seconds'], first['index']['seconds'])}, "
            f"peak RSS {ratio(last['index']['peak_rss_mb'], first['index']['peak_rss_mb'])}, "
            f"index size {ratio(last['index']['index_mb'], first['index']['index_mb'])}.",
        ]
    for r in results:
        if "queries" not in r:
            continue
        lines += [
            "",
            f"## Query latency, in process, warm, {r['source_mb']:.1f} MB index (ms)",
            "",
            "| queries | n | verbatim median | verbatim p95 | bare median | bare p95 | p95 ratio |",
            "|---|---|---|---|---|---|---|",
        ]
        bare = r.get("bare_queries", {})
        for kind, q in r["queries"].items():
            b = bare.get(kind)
            tail = (
                f"{b['median']:.1f} | {b['p95']:.1f} | {ratio(q['p95'], b['p95'])}" if b else "| |"
            )
            lines.append(f"| {kind} | {q['n']} | {q['median']:.1f} | {q['p95']:.1f} | {tail} |")
        s = r["startup"]
        lines += [
            "",
            f"Start-up on the {r['source_mb']:.0f} MB index (whole process, median of 10): "
            f"`verbatim search` {s['search']:.2f} s, `verbatim quotes --speaker` "
            f"{s['quotes']:.2f} s.",
        ]
    if seed:
        lines += [
            "",
            f"Start-up on the seed index (median of 10): `verbatim search` {seed['search']:.2f} s,"
            f" `verbatim quotes --speaker` {seed['quotes']:.2f} s; heavy modules imported by a "
            f"search: {', '.join(seed['heavy_imports']) or 'none'}.",
        ]
    lines += [
        "",
        "Keyword queries: 1-3 content words from a sampled passage, top 10; phrases: 2-4 running "
        "words in quotes (bare Whoosh drops their stop words, Verbatim keeps them); speakers: "
        "names from `verbatim speakers` (a quarter as a surname alone), limit 50; date ranges: "
        "random year or month ranges, limit 50. Verbatim's figures include highlighting and "
        "reading each record's JSON.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, nargs="+", default=[10.0], help="MB (default 10)")
    parser.add_argument("--jobs", type=int, default=0, help="verbatim index --jobs (0: all)")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false")
    parser.add_argument("--no-queries", dest="queries", action="store_false")
    parser.add_argument("--no-startup", dest="startup", action="store_false")
    args = parser.parse_args(argv)
    if not (DATA / "manifest.tsv").exists():
        raise SystemExit(f"no corpus at {DATA}: the benchmarks need ../shared/data/gutenberg")
    OUT.mkdir(parents=True, exist_ok=True)
    command = shlex.join(["python", "benchmarks/bench.py", *(argv or sys.argv[1:])])
    results = [bench_size(size, args) for size in args.size]
    seed = seed_startup() if args.startup else None
    text = report(results, seed, command)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (OUT / f"bench-{stamp}.md").write_text(text, encoding="utf-8")
    (OUT / f"bench-{stamp}.json").write_text(
        json.dumps({"command": command, "results": results, "seed": seed}, indent=1),
        encoding="utf-8",
    )
    print(text)


if __name__ == "__main__":
    main()
