"""EPUB: the chapters in spine order, with the book's title, author and date from its metadata.

Read with :mod:`zipfile` and lxml: ``META-INF/container.xml`` names the package document, whose
manifest and spine list the chapters; each chapter is read as HTML (:mod:`.html`). A book whose
members would unpack to more than :data:`MAX_UNPACKED` bytes, or that compress suspiciously well
(a zip bomb), is refused before anything is unpacked.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any
from urllib.parse import unquote

from indexer.errors import UnreadableDocument
from indexer.readers import Reading
from indexer.readers._blocks import Blocks, squash
from indexer.readers.html import blocks_of, parse

#: Refuse books that unpack to more than this.
MAX_UNPACKED = 256 * 2**20
#: ... or whose members compress more than this ratio (text compresses ~3-10x; bombs ~1000x).
MAX_RATIO = 200
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_CHAPTER_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")


def _check_sizes(book: zipfile.ZipFile, name: str) -> None:
    total = 0
    for info in book.infolist():
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if ratio > MAX_RATIO and info.file_size > 2**20:
            raise UnreadableDocument(
                f"{name}: EPUB member {info.filename} expands {ratio:.0f}x (a zip bomb?), skipped"
            )
    if total > MAX_UNPACKED:
        raise UnreadableDocument(
            f"{name}: EPUB unpacks to {total / 2**20:.0f} MB, over the "
            f"{MAX_UNPACKED // 2**20} MB limit, skipped"
        )


def _xml(book: zipfile.ZipFile, member: str, name: str) -> Any:
    from lxml import etree

    try:
        raw = book.read(member)
    except KeyError:
        raise UnreadableDocument(f"{name}: EPUB without {member}, skipped") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(raw, parser=parser)
    if root is None:
        raise UnreadableDocument(f"{name}: EPUB with an unreadable {member}, skipped")
    return root


def _first(package: Any, tag: str) -> str | None:
    element = package.find(f"{_OPF}metadata/{_DC}{tag}")
    if element is None or not (element.text or "").strip():
        return None
    return squash(element.text)


def read(data: bytes, name: str) -> Reading:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise UnreadableDocument(f"{name}: not a readable EPUB ({error}), skipped") from None
    try:
        with book:
            _check_sizes(book, name)
            return _read_book(book, name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as error:
        raise UnreadableDocument(f"{name}: damaged EPUB ({error}), skipped") from None


def _read_book(book: zipfile.ZipFile, name: str) -> Reading:
    container = _xml(book, "META-INF/container.xml", name)
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise UnreadableDocument(f"{name}: EPUB container names no package document, skipped")
    opf_path = rootfile.get("full-path")
    package = _xml(book, opf_path, name)
    base = posixpath.dirname(opf_path)
    manifest = {
        item.get("id"): item
        for item in package.iter(f"{_OPF}item")
        if item.get("id") and item.get("href")
    }
    blocks = Blocks()
    sections: list[tuple[int, str]] = []
    quotes: list[tuple[int, int]] = []
    title: str | None = _first(package, "title")
    for ref in package.iter(f"{_OPF}itemref"):
        item = manifest.get(ref.get("idref"))
        if item is None or item.get("media-type") not in _CHAPTER_TYPES:
            continue
        member = posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
        try:
            raw = book.read(member)
        except KeyError:
            raise UnreadableDocument(
                f"{name}: EPUB spine names a missing {member}, skipped"
            ) from None
        root = parse(raw, f"{name}!{member}")
        body = root.find("body")
        chapter, headings = blocks_of(body if body is not None else root)
        if title is None and headings:
            title = headings[0]
        if not chapter.parts:
            continue
        start = blocks.mark()
        sections.append((start, member))
        quotes += [(start + s, start + e) for s, e in chapter.quotes]
        blocks.add(chapter.text())
    text = blocks.text()
    if not text.strip():
        raise UnreadableDocument(f"{name}: EPUB with no text in its chapters, skipped")
    metadata = {}
    for key, tag in (("author", "creator"), ("date", "date"), ("language", "language")):
        value = _first(package, tag)
        if value:
            metadata[key] = value
    return Reading(
        text=text,
        title=title,
        metadata=metadata,
        sections=tuple(sections),
        block_quotes=tuple(quotes),
    )
