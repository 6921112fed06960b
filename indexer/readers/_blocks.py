"""Assemble the blocks a structured reader found into one text, blank lines between them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u2028\u2029]+")
_LINE_SPACES = re.compile(r"[ \t]*\n[ \t]*")


def squash(text: str) -> str:
    """Whitespace runs -> one space (HTML's rule for text outside ``<pre>``)."""
    return _SPACE_RUN.sub(" ", text).strip()


def tidy_lines(text: str) -> str:
    """Keep line breaks (the cleaner unwraps them and rejoins broken words), trim the rest."""
    text = re.sub(r"[ \t\f\v\u00a0]+", " ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _LINE_SPACES.sub("\n", text)
    return re.sub(r"\n{2,}", "\n", text).strip()


@dataclass(slots=True)
class Blocks:
    """Blocks of text in reading order, each tagged plain or quotation."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    quotes: list[tuple[int, int]] = field(default_factory=list)
    marks: list[int] = field(default_factory=list)

    def add(self, text: str, *, quote: bool = False) -> None:
        if not text:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if quote:
            if self.quotes and self.quotes[-1][1] + 2 == start:
                self.quotes[-1] = (self.quotes[-1][0], self.length)  # consecutive paragraphs
            else:
                self.quotes.append((start, self.length))

    def mark(self) -> int:
        """Where the next block will start (for page or chapter starts)."""
        return self.length + (2 if self.parts else 0)

    def text(self) -> str:
        return "".join(self.parts)
