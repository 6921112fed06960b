"""Read a source file into a :class:`Document`: the entry point to the readers.

The reader is chosen by content and extension (:mod:`indexer.readers`). For plain text, the
document's text is the file as decoded, line endings untouched, so every offset the pipeline
reports points into it; for HTML, EPUB, PDF and Markdown it is the text the reader produced,
blocks separated by blank lines, with the way back into the file (pages, chapters) alongside.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from indexer.errors import UnreadableDocument
from indexer.readers import read_bytes
from indexer.readers.text import MAX_CONTROL_SHARE, decode
from indexer.records import Document

__all__ = ["MAX_BYTES", "MAX_CONTROL_SHARE", "decode", "read_document"]

#: Files above this size are refused: a corpus document this large is almost surely not prose.
MAX_BYTES = 64 * 1024 * 1024


def read_document(path: Path, source: str) -> Document:
    """Read ``path``; ``source`` is how the records name it (relative to the corpus root)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // 2**20
            raise UnreadableDocument(
                f"{source}: {size / 2**20:.0f} MB is over the {limit} MB limit, skipped"
            )
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"{source}: cannot read ({error.strerror}), skipped") from None
    fmt, reading = read_bytes(data, source, path.suffix)
    return Document(
        doc_id=source,
        source=source,
        title=reading.title,
        text=reading.text,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata={"format": fmt, **reading.metadata},
        pages=reading.pages,
        sections=reading.sections,
        block_quotes=reading.block_quotes,
    )
