"""Markdown: the rendered structure, one paragraph a block, without the markup.

Parsed with markdown-it-py (CommonMark). Headings are not passages: the first level-one heading
is the title (or ``title:`` in a front-matter block). Emphasis markers, link targets and inline
code ticks are dropped; soft line breaks are kept, so the cleaner unwraps lines as for text.
Block quotations (``>``) are recorded as quotation evidence; code blocks are not prose and are
left out.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.readers import Reading
from indexer.readers._blocks import Blocks, tidy_lines
from indexer.readers.text import decode

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FIELD = re.compile(r"^(title|author|date)\s*:\s*(.+?)\s*$", re.M | re.I)


def _inline(token: Any) -> str:
    out: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image":
            continue
    return tidy_lines("".join(out))


def read(data: bytes, name: str) -> Reading:
    from markdown_it import MarkdownIt

    source = decode(data, name)
    metadata: dict[str, str] = {}
    title: str | None = None
    front = _FRONT_MATTER.match(source)
    if front:
        for key, value in _FIELD.findall(front.group(1)):
            metadata[key.lower()] = value.strip("\"'")
        source = source[front.end() :]
        title = metadata.pop("title", None)
    tokens = MarkdownIt("commonmark").parse(source)
    blocks = Blocks()
    depth = 0
    heading = 0
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "inline":
            text = _inline(token)
            if heading:
                if title is None and heading == 1:
                    title = " ".join(text.split())
                continue
            blocks.add(text, quote=depth > 0)
    return Reading(
        text=blocks.text(), title=title, metadata=metadata, block_quotes=tuple(blocks.quotes)
    )
