"""Readers: bytes of one file -> the text the pipeline works on, its title and metadata.

One module a format (:mod:`.text`, :mod:`.html`, :mod:`.epub`, :mod:`.pdf`, :mod:`.markdown`);
:func:`pick_format` chooses by content first (a PDF or an EPUB named ``.txt`` is still read as
one) and by extension next. Every reader returns a :class:`Reading` whose ``text`` is what the
offsets of every record point into: for plain text the file as decoded, for the other formats
the text the reader produced (blocks separated by blank lines). The way back into the file is
kept alongside: page starts for PDF, chapter starts for EPUB, block quotations for HTML, EPUB
and Markdown. Each reader imports its library only when called, so searching never loads them.
A reader raises :class:`~indexer.errors.UnreadableDocument` with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

__all__ = ["FORMATS", "Reading", "pick_format", "read_bytes"]


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader made of a file; offsets point into ``text``."""

    text: str
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    #: Start offset in ``text`` of each page (PDF): page ``i + 1`` starts at ``pages[i]``.
    pages: tuple[int, ...] = ()
    #: ``(start, name)`` of each section in ``text`` (EPUB: the chapter file inside the book).
    sections: tuple[tuple[int, str], ...] = ()
    #: ``(start, end)`` in ``text`` of each block quotation (``<blockquote>``, Markdown ``>``).
    block_quotes: tuple[tuple[int, int], ...] = ()


#: Format name -> module of :mod:`indexer.readers` with a ``read(data, name) -> Reading``.
FORMATS: dict[str, str] = {
    "text": "text",
    "html": "html",
    "epub": "epub",
    "pdf": "pdf",
    "markdown": "markdown",
}

SUFFIXES: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".epub": "epub",
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
}

_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")


def pick_format(suffix: str, data: bytes) -> str:
    """The reader for a file: its content's signature first, then its extension, else text."""
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (
        b"application/epub+zip" in data[:200] or suffix.lower() == ".epub"
    ):
        return "epub"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_STARTS) or (head.startswith(b"<?xml") and b"<html" in data[:2048]):
        return "html"
    return SUFFIXES.get(suffix.lower(), "text")


def reader(fmt: str) -> Callable[[bytes, str], Reading]:
    module = import_module(f"indexer.readers.{FORMATS[fmt]}")
    read: Callable[[bytes, str], Reading] = module.read
    return read


def read_bytes(data: bytes, name: str, suffix: str = "") -> tuple[str, Reading]:
    """The format chosen for ``data`` and what its reader made of it."""
    fmt = pick_format(suffix, data)
    return fmt, reader(fmt)(data, name)
