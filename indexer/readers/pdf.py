"""PDF (text-based): page text in reading order, one paragraph a text block, pages recorded.

Read with pdfminer.six, whose layout analysis groups lines into blocks in reading order. Running
headers and footers (a block at the top or the bottom of a page that recurs, digits aside, on
many pages) and bare page numbers are dropped. Lines keep their breaks, so the cleaner rejoins
words hyphenated at a line end as it does for text; ligatures and mojibake are fixed with ftfy.
A paragraph that runs on over a page break is joined back. The start of each page in the text
is recorded, so every passage and quote can carry its page. Encrypted PDFs and PDFs without a
text layer (scans) are refused with a clear reason: no OCR is attempted.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from typing import Any

from indexer.errors import UnreadableDocument
from indexer.readers import Reading
from indexer.readers._blocks import tidy_lines

_PAGE_NUMBER = re.compile(
    r"(?:page\s+|p\.\s*|-\s*|\[)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*-|\])?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*\Z")


def _fix(text: str) -> str:
    from ftfy import TextFixerConfig, fix_text

    config = TextFixerConfig(
        unescape_html=False,
        fix_line_breaks=False,
        uncurl_quotes=False,
        fix_character_width=False,
        normalization="NFC",
        explain=False,
    )
    return fix_text(text, config)


def _shape(text: str) -> str:
    """A block's text with digits blurred, to spot running headers ("Chapter 3 · 41")."""
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def _pages(data: bytes, name: str) -> list[list[tuple[float, float, str]]]:
    """Per page, its text blocks in reading order as ``(top, bottom, text)``."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[list[tuple[float, float, str]]] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            found = []
            for element in page:
                if isinstance(element, LTTextBox):
                    text = tidy_lines(element.get_text())
                    if text:
                        found.append((page.height - element.y1, page.height - element.y0, text))
            pages.append(found)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableDocument(
            f"{name}: encrypted PDF (a password is needed to read it), skipped"
        ) from None
    except UnreadableDocument:
        raise
    except Exception as error:  # pdfminer raises many kinds on damaged files
        if "encrypt" in str(error).lower() or "password" in str(error).lower():
            raise UnreadableDocument(
                f"{name}: encrypted PDF (a password is needed to read it), skipped"
            ) from None
        reason = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
        raise UnreadableDocument(
            f"{name}: damaged PDF ({type(error).__name__}{': ' + reason if reason else ''}), "
            "skipped"
        ) from None
    return pages


def _running(pages: list[list[tuple[float, float, str]]]) -> set[str]:
    """Shapes of the blocks that head or foot many pages."""
    edges: Counter[str] = Counter()
    for blocks in pages:
        if blocks:
            top = min(blocks, key=lambda b: b[0])
            bottom = max(blocks, key=lambda b: b[1])
            edges.update({_shape(top[2]), _shape(bottom[2])})
    needed = max(2, (len(pages) + 1) // 2)
    return {shape for shape, n in edges.items() if n >= needed}


def _is_edge(block: tuple[float, float, str], blocks: list[tuple[float, float, str]]) -> bool:
    return block[0] == min(b[0] for b in blocks) or block[1] == max(b[1] for b in blocks)


def read(data: bytes, name: str) -> Reading:
    if data[:1024].find(b"%PDF-") == -1:
        raise UnreadableDocument(f"{name}: not a PDF (no %PDF header), skipped")
    pages = _pages(data, name)
    if not pages:
        raise UnreadableDocument(f"{name}: PDF with no pages, skipped")
    if not any(pages):
        raise UnreadableDocument(
            f"{name}: PDF has no text layer (a scan or images only; OCR is not attempted), skipped"
        )
    running = _running(pages) if len(pages) > 1 else set()
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for blocks in pages:
        kept = [
            text
            for block in blocks
            for text in [block[2]]
            if not (
                _is_edge(block, blocks)
                and (_shape(text) in running or _PAGE_NUMBER.fullmatch(text.strip()))
            )
        ]
        if not kept:
            starts.append(length)
            continue
        text = _fix("\n\n".join(kept))
        if parts:
            previous = parts[-1].rstrip()
            runs_on = not _SENTENCE_END.search(previous) and text[:1].islower()
            parts.append("\n" if runs_on else "\n\n")
            length += len(parts[-1])
        starts.append(length)
        parts.append(text)
        length += len(text)
    info = _info(data)
    title = info.pop("title", None)
    return Reading(text="".join(parts), title=title, metadata=info, pages=tuple(starts))


def _info(data: bytes) -> dict[str, str]:
    """Title, author and date from the PDF's information dictionary, when it has them."""
    from pdfminer.pdfdocument import PDFDocument, PDFXRefFallback
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSLiteral

    found: dict[str, str] = {}
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        if any(isinstance(xref, PDFXRefFallback) for xref in document.xrefs):
            found["repaired"] = "bad cross-reference table rebuilt"
        info: dict[str, Any] = document.info[0] if document.info else {}
        for key, field in (("title", "Title"), ("author", "Author"), ("date", "CreationDate")):
            value: Any = info.get(field)
            if value is not None and hasattr(value, "resolve"):
                value = value.resolve()
            if isinstance(value, bytes):
                value = _decode_pdf_string(value)
            if isinstance(value, PSLiteral):
                value = str(value.name)
            if isinstance(value, str) and value.strip():
                found[key] = value.strip()
    except Exception:  # metadata is a nicety: a damaged info dictionary is ignored
        return {k: v for k, v in found.items() if k == "repaired"}
    if "date" in found:
        match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", found["date"])
        if match:
            found["date"] = "-".join(g for g in match.groups() if g)
    return found


def _decode_pdf_string(value: bytes) -> str:
    if value.startswith((b"\xfe\xff", b"\xff\xfe")):
        return value.decode("utf-16", errors="replace")
    from pdfminer.utils import decode_text

    return str(decode_text(value))
