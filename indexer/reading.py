"""Read a source file into a :class:`Document`: bytes -> text, refusing what is not text.

The text is the source as decoded, line endings untouched, so every offset the pipeline reports
points into it. UTF-8 (with or without a byte-order mark) is read as is; another encoding is
accepted only when charset-normalizer finds one that reads cleanly.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from indexer.errors import UnreadableDocument
from indexer.records import Document

#: Files above this size are refused: a corpus document this large is almost surely not prose.
MAX_BYTES = 64 * 1024 * 1024
#: Share of control characters (other than whitespace) above which a file is binary.
MAX_CONTROL_SHARE = 0.01
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})


def decode(data: bytes, name: str) -> str:
    """The text of ``data``, or :class:`UnreadableDocument` saying why not."""
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(f"{name}: binary file (NUL bytes), skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.chaos > 0.1 or best.encoding in ("utf_8", "ascii"):
            raise UnreadableDocument(
                f"{name}: not valid UTF-8 (byte {error.start}) and no other encoding fits, skipped"
            ) from None
        text = str(best)
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > MAX_CONTROL_SHARE * max(1, min(len(text), 65536)):
        raise UnreadableDocument(f"{name}: binary file (control characters), skipped")
    return text


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
    text = decode(data, source)
    return Document(
        doc_id=source,
        source=source,
        title=None,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
    )
