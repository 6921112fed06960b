"""HTML and XHTML (saved web pages): the main content, one paragraph a block element.

Parsed with lxml. Scripts, styles, navigation, headers, footers, side bars, forms and elements
marked as such by their role or class are dropped; the content is the page's ``<main>``, else
its longest ``<article>``, else its body. Headings are not passages: the first one is the title
when the page has no ``<title>``. ``<q>`` becomes curly quotation marks, so the quotation finder
sees it; every ``<blockquote>`` is recorded as a block quotation.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.errors import UnreadableDocument
from indexer.readers import Reading
from indexer.readers._blocks import Blocks, squash

#: Dropped with everything inside them.
DROP_TAGS = frozenset(
    re.findall(
        r"\w+",
        "script style noscript template nav header footer aside form button select option input "
        "textarea label iframe object embed svg math canvas menu dialog head title meta link "
        "figure img video audio picture map",
    )
)
#: Elements that end the paragraph before them and start a new one.
BLOCK_TAGS = frozenset(
    re.findall(
        r"\w+",
        "p div section article main blockquote li dd dt pre td th caption figcaption address "
        "tr ul ol dl table hr body center details summary h1 h2 h3 h4 h5 h6",
    )
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
DROP_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"}
)
_JUNK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|breadcrumbs?|cookies?|share|social|"
    r"comments?|related|advert|ads|banner|masthead|skip-link)(?:$|[\s_-])",
    re.IGNORECASE,
)
_META_AUTHOR = ("author", "dc.creator", "article:author", "citation_author")
_META_DATE = ("date", "dc.date", "article:published_time", "citation_date", "pubdate")


def _tag(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comment, processing instruction
    return tag.rsplit("}", 1)[-1].lower()


def _is_junk(element: Any) -> bool:
    tag = _tag(element)
    if not tag or tag in DROP_TAGS:
        return True
    if (element.get("role") or "").lower() in DROP_ROLES or element.get("hidden") is not None:
        return True
    if tag in ("main", "article", "body", "blockquote", "p", "q"):
        return False
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_JUNK_CLASS.search(marks))


class _Walker:
    """Collects the inline text of each block; ``<blockquote>`` blocks are quotations."""

    def __init__(self) -> None:
        self.blocks = Blocks()
        self.headings: list[str] = []
        self.buffer: list[str] = []
        self.quote_depth = 0
        self.q_depth = 0
        self.pre = 0

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        text = raw.strip("\n ") if self.pre else squash(raw)
        self.blocks.add(text, quote=self.quote_depth > 0)

    def walk(self, element: Any) -> None:
        tag = _tag(element)
        if _is_junk(element):
            if element.tail:
                self.buffer.append(element.tail)
            return
        if tag in HEADINGS:
            self.flush()
            self.headings.append(squash(element.text_content()))
            self._tail(element)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        if tag == "br":
            self.buffer.append("\n" if self.pre else " ")
        elif tag == "q":
            self.buffer.append("“" if self.q_depth % 2 == 0 else "‘")
            self.q_depth += 1
        self.quote_depth += tag == "blockquote"
        self.pre += tag == "pre"
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
        self.quote_depth -= tag == "blockquote"
        self.pre -= tag == "pre"
        if tag == "q":
            self.q_depth -= 1
            self.buffer.append("”" if self.q_depth % 2 == 0 else "’")
        if block:
            self.flush()
        self._tail(element)

    def _tail(self, element: Any) -> None:
        if element.tail:
            self.buffer.append(element.tail)


def _meta(root: Any, names: tuple[str, ...]) -> str | None:
    for element in root.iter("meta"):
        key = (element.get("name") or element.get("property") or "").lower()
        if key in names and (element.get("content") or "").strip():
            return squash(element.get("content"))
    return None


def parse(data: bytes | str, name: str) -> Any:
    """The lxml tree of an HTML page, or :class:`UnreadableDocument`."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        if isinstance(data, bytes) and data.lstrip().startswith(b"<?xml"):
            parser = lxml_html.HTMLParser(recover=True, encoding=None, no_network=True)
            return lxml_html.document_fromstring(data, parser=parser)
        return lxml_html.document_fromstring(data)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableDocument(f"{name}: not a readable HTML page ({error}), skipped") from None


def content_root(root: Any) -> Any:
    """The element holding the page's main content."""
    mains = [e for e in root.iter("main")] or root.xpath('//*[@role="main"]')
    if mains:
        return mains[0]
    articles = list(root.iter("article"))
    if articles:
        return max(articles, key=lambda e: len(e.text_content()))
    body = root.find("body")
    return body if body is not None else root


def blocks_of(element: Any) -> tuple[Blocks, list[str]]:
    """The blocks and headings under ``element``."""
    walker = _Walker()
    walker.walk(element)
    walker.flush()
    return walker.blocks, walker.headings


def read(data: bytes, name: str) -> Reading:
    if not data.strip():
        raise UnreadableDocument(f"{name}: empty HTML file, skipped")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument(f"{name}: binary file (NUL bytes), not HTML, skipped")
    root = parse(data, name)
    title_element = root.find(".//title")
    title = squash(title_element.text_content()) if title_element is not None else ""
    blocks, headings = blocks_of(content_root(root))
    text = blocks.text()
    if not text.strip():
        raise UnreadableDocument(f"{name}: HTML page with no text in its body, skipped")
    metadata: dict[str, str] = {}
    for key, names in (("author", _META_AUTHOR), ("date", _META_DATE)):
        value = _meta(root, names)
        if value:
            metadata[key] = value
    if "date" not in metadata:
        time = root.find(".//time[@datetime]")
        if time is not None:
            metadata["date"] = time.get("datetime")
    return Reading(
        text=text,
        title=title or _meta(root, ("og:title",)) or (headings[0] if headings else None),
        metadata=metadata,
        block_quotes=tuple(blocks.quotes),
    )
