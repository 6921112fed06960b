"""Extraction speed per format: MB/s of reading alone and of reading + the whole pipeline.

Each format gets a realistic file made from the seed's prose (the fixture script's builders,
the body repeated 60 times: about 0.22 MB of text). "file MB" is the file as stored (an EPUB
is compressed), "text MB" the UTF-8 text the reader produced; "read text MB/s" is the fairest
comparison between formats, "extract MB/s" (file MB over read + pipeline) what indexing sees::

    .venv/bin/python benchmarks/formats.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import make_fixtures as fx  # noqa: E402

from indexer.pipeline import extract  # noqa: E402
from indexer.reading import read_document  # noqa: E402

COPIES = 60  # the seed's body 60 times: ~0.3 MB of prose


def build(folder: Path) -> dict[str, Path]:
    title, body, junk = fx.seed_blocks()
    book = body * COPIES
    files = {
        "text": folder / "book.txt",
        "html": folder / "book.html",
        "markdown": folder / "book.md",
        "epub": folder / "book.epub",
        "pdf": folder / "book.pdf",
    }
    files["text"].write_text("\n\n".join([title, *book, *junk]) + "\n", encoding="utf-8")
    files["html"].write_text(fx.make_html(title, book, junk), encoding="utf-8")
    files["markdown"].write_text(fx.make_markdown(title, book), encoding="utf-8")
    files["epub"].write_bytes(fx.make_epub(title, book))
    fx.make_pdf(title, book, files["pdf"])
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = build(Path(tmp))
        print(
            f"{'format':<9} {'file MB':>8} {'text MB':>8} {'read MB/s':>10} "
            f"{'read text MB/s':>15} {'extract MB/s':>13}"
        )
        for fmt, path in files.items():
            mb = path.stat().st_size / 2**20
            read_s = extract_s = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                document = read_document(path, path.name)
                t1 = time.perf_counter()
                result = extract(document)
                t2 = time.perf_counter()
                read_s, extract_s = min(read_s, t1 - t0), min(extract_s, t2 - t0)
            assert len(result.quotes) >= 5 * COPIES, (fmt, len(result.quotes))
            text_mb = len(document.text.encode()) / 2**20
            print(
                f"{fmt:<9} {mb:>8.2f} {text_mb:>8.2f} {mb / read_s:>10.2f} "
                f"{text_mb / read_s:>15.2f} {mb / extract_s:>13.2f}"
            )


if __name__ == "__main__":
    main()
