"""The baseline: the same passages in a bare Whoosh index (one stemmed text field, a stored id).

One process, Whoosh's defaults, nothing of Verbatim: what Whoosh alone costs on this machine.
Run by ``bench.py`` as its own process, so its time and memory are measured like the engine's::

    .venv/bin/python benchmarks/bare_whoosh.py PASSAGES.jsonl INDEX_DIR

prints one JSON line: ``{"seconds": ..., "passages": ..., "bytes": ...}`` (seconds: adding every
passage and committing; reading the JSONL lines is included, it is a small share).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import StemmingAnalyzer


def schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True), text=fields.TEXT(analyzer=StemmingAnalyzer())
    )


def build(passages: Path, index_dir: Path) -> dict[str, float]:
    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True)
    began = time.perf_counter()
    ix = index.create_in(str(index_dir), schema())
    writer = ix.writer()
    count = 0
    with passages.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            writer.add_document(id=record["id"], text=record["text"])
            count += 1
    writer.commit()
    seconds = time.perf_counter() - began
    size = sum(p.stat().st_size for p in index_dir.iterdir() if p.is_file())
    return {"seconds": seconds, "passages": count, "bytes": size}


def main() -> None:
    print(json.dumps(build(Path(sys.argv[1]), Path(sys.argv[2]))))


if __name__ == "__main__":
    main()
