"""Find quotations in the paragraphs of a cleaned document.

Quotations are found on paragraph text, never sentence by sentence (every sentence splitter
cuts inside some quotations). The scanner reads the quote marks of a paragraph in order:

* double marks, curly or straight, open and close the document's primary quotations; single
  marks inside them are nested quotations. A document whose dialogue is in single marks
  (British style) is detected and its roles are swapped;
* a single mark between two letters (I'm, Castro's) is an apostrophe, as is a closing single
  mark with no nested quotation open (the Smiths' house), one that ends a word in -in or -s
  with the sentence going on in lowercase (goin' home, the Smiths' dog) and an opening one
  before an elision ('em, 'tis);
* an opening mark never closed closes at the end of its paragraph, unless the next paragraph
  opens with a mark: then the quotation runs on over several paragraphs, one part per paragraph;
* a paragraph without marks, followed by a dash line naming its author, is a block quotation;
* marks inside a markup tag (``<tweet author="@x">``, ``<a href="...">``) delimit attribute
  values, not quotations, and are passed over (a tag left open at the paragraph's end too).

Joining a quotation split by its attribution (``"...," Castro asked, "..."``) happens in
:mod:`indexer.attribution`, which knows what an attribution looks like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.cleaning import Paragraph
from indexer.resources import read_set

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‚"
_MARK = re.compile(r"[\"“”„«»'‘’‚]")
_DASH_LINE = re.compile(r"^\s*(?:[—―–]|--?)\s*(?=\S)")
#: A markup tag (``<a href="...">``, ``</tweet>``) or one left open at the paragraph's end.
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?(?:>|$)")
_BOUNDARY_PUNCT = set(".,;:!?)]}—–-…") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)
_OPENING_CONTEXT = set("([{—–-/") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one paragraph's cleaned text: ``paragraphs[para].text[start:end]``."""

    para: int
    start: int
    end: int


@dataclass(slots=True)
class FoundQuote:
    """A quotation as the scanner found it, before attribution.

    ``parts`` are the quoted stretches without their marks; ``marks`` the stretches with them
    (used to read the text around the quotation); ``block`` is set for a block quotation or an
    epigraph, with the paragraph index of its dash line.
    """

    parts: list[Span]
    marks: list[Span]
    nested: list[Span] = field(default_factory=list)
    block_dash_line: int | None = None


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == ""


def _flanking(text: str, i: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) for the mark at ``text[i]``, as in CommonMark."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    left = not _is_space(nxt) and (_is_space(prev) or prev in _OPENING_CONTEXT)
    right = not _is_space(prev) and (_is_space(nxt) or nxt in _BOUNDARY_PUNCT)
    return left, right


def _elision_after(text: str, i: int) -> bool:
    """An opening single mark that stands for missing letters ('em, 'tis, '63)."""
    match = re.match(r"[A-Za-z]+|\d\d\b", text[i + 1 : i + 8])
    if not match:
        return False
    word = match.group(0).lower()
    return word.isdigit() or word in read_set("elisions.txt")


_ELIDED_END = re.compile(r"(?:\win|\ws)$")


def _elision_before(text: str, i: int) -> bool:
    """A closing single mark that ends a word and the sentence goes on in lowercase: a dropped
    letter (goin' home, nothin' more) or a plural possessive (the Smiths' dog)."""
    nxt = text[i + 1 : i + 3]
    return (
        len(nxt) == 2
        and nxt[0] == " "
        and nxt[1].islower()
        and bool(_ELIDED_END.search(text[max(0, i - 8) : i]))
    )


def quote_marks(text: str) -> list[int]:
    """Where the quote marks of ``text`` stand, outside markup tags."""
    marks = [m.start() for m in _MARK.finditer(text)]
    if "<" not in text or not marks:
        return marks
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text) if "=" in m.group(0)]
    return [i for i in marks if not any(start < i < end for start, end in tags)]


def _letter(ch: str) -> bool:
    return ch.isalpha()


def classify_mark(text: str, i: int) -> str:
    """One of ``open``, ``close``, ``either`` (double marks) or ``open1``, ``close1``,
    ``apostrophe`` (single marks) for the mark at ``text[i]``."""
    ch = text[i]
    left, right = _flanking(text, i)
    if ch in DOUBLE_MARKS:
        if ch == "“" and right and not left:
            return "close"  # an opening mark typed at the close: 'for her here,“ said Ann Lee'
        if ch in "“„«":
            return "open"
        if ch == "»":
            return "close"
        if left and not right:
            return "open"
        if right and not left:
            return "close"
        return "either"
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if _letter(prev) and _letter(nxt):
        return "apostrophe"
    if ch in "‘‚" or (ch == "'" and left and not right):
        return "apostrophe" if _elision_after(text, i) else "open1"
    if right and _elision_before(text, i):
        return "apostrophe"
    if right:
        return "close1"
    return "apostrophe"


def primary_is_single(paragraphs: Sequence[Paragraph]) -> bool:
    """True when the document's dialogue is in single marks and nested quotes in double ones."""
    singles = doubles = 0
    for para in paragraphs:
        text = para.text
        for i in quote_marks(text):
            kind = classify_mark(text, i)
            if kind == "open":
                doubles += 1
            elif kind == "open1" and (i == 0 or not text[i - 1].isalnum()):
                singles += 1
    return singles > 2 * doubles + 2


class _Scanner:
    def __init__(self, paragraphs: Sequence[Paragraph], single_primary: bool) -> None:
        self.paragraphs = paragraphs
        self.single_primary = single_primary
        self.found: list[FoundQuote] = []
        self.current: FoundQuote | None = None
        self.part_start = 0  # content start of the current part in its paragraph
        self.mark_start = 0
        self.nested_start: int | None = None

    def _is_primary(self, kind: str) -> bool:
        return (kind in ("open1", "close1")) == self.single_primary

    def _open(self, para: int, i: int) -> None:
        self.current = FoundQuote(parts=[], marks=[])
        self.part_start = i + 1
        self.mark_start = i
        self.nested_start = None

    def _close_part(self, para: int, end: int, mark_end: int) -> None:
        assert self.current is not None
        self.current.parts.append(Span(para, self.part_start, end))
        self.current.marks.append(Span(para, self.mark_start, mark_end))

    def _finish(self) -> None:
        if self.current is not None:
            self.found.append(self.current)
        self.current = None

    def scan(self) -> list[FoundQuote]:
        for index, para in enumerate(self.paragraphs):
            self._scan_paragraph(index, para.text)
        self._finish()
        return [quote for quote in self.found if quote.parts]

    def _scan_paragraph(self, index: int, text: str) -> None:
        if self.current is not None:  # a quotation running on from the previous paragraph
            self.part_start = self.mark_start = 0
            marks = quote_marks(text)
            if marks and marks[0] == len(text) - len(text.lstrip()):
                self.part_start = marks[0] + 1
        for i in quote_marks(text):
            if self.current is not None and i < self.part_start:
                continue
            kind = classify_mark(text, i)
            if kind == "apostrophe":
                continue
            primary = self._is_primary(kind)
            if self.current is None:
                if kind in ("open", "either", "open1") and primary:
                    self._open(index, i)
                continue
            if not primary:  # nested quotation marks
                if kind == "open1" or (kind in ("open", "either") and self.nested_start is None):
                    self.nested_start = i + 1
                elif kind in ("close1", "close", "either") and self.nested_start is not None:
                    self.current.nested.append(Span(index, self.nested_start, i))
                    self.nested_start = None
                continue
            if kind in ("close", "either", "close1"):
                self._close_part(index, i, i + 1)
                self._finish()
            elif kind in ("open",) or kind == "open1":
                # An opening mark inside an open quotation: the earlier one was never closed.
                self._close_part(index, i, i)
                self._finish()
                self._open(index, i)
        if self.current is not None:
            nxt = self.paragraphs[index + 1].text if index + 1 < len(self.paragraphs) else ""
            stripped = nxt.lstrip()
            runs_on = bool(stripped) and self._opens_with_primary(stripped)
            self._close_part(index, len(text), len(text))
            if not runs_on:
                self._finish()

    def _opens_with_primary(self, text: str) -> bool:
        if not _MARK.match(text):
            return False
        kind = classify_mark(text, 0)
        return kind in ("open", "either", "open1") and self._is_primary(kind)


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return Span(span.para, start, end)


def dash_line_author(text: str) -> int | None:
    """Where the author's name starts on an attribution dash line (``—Raúl Castro to ...``)."""
    match = _DASH_LINE.match(text)
    if not match or len(text) > 300:
        return None
    rest = text[match.end() :]
    if not rest[:1].isupper():
        return None
    return match.end()


def find_quotes(paragraphs: Sequence[Paragraph]) -> list[FoundQuote]:
    """Every quotation of the document, in order, with parts trimmed of surrounding space."""
    scanner = _Scanner(paragraphs, primary_is_single(paragraphs))
    found: list[FoundQuote] = []
    quoted_paras: set[int] = set()
    for quote in scanner.scan():
        parts = [_trim(paragraphs[s.para].text, s) for s in quote.parts]
        nested = [_trim(paragraphs[s.para].text, s) for s in quote.nested]
        kept = [p for p in parts if p is not None]
        if not kept:
            continue
        quote.parts = kept
        quote.nested = [n for n in nested if n is not None]
        quoted_paras.update(s.para for s in quote.marks)
        found.append(quote)
    for index in range(1, len(paragraphs)):
        if dash_line_author(paragraphs[index].text) is None:
            continue
        above = index - 1
        text = paragraphs[above].text
        if above in quoted_paras or _MARK.search(text.replace("’", "").replace("'", "")):
            continue
        span = _trim(text, Span(above, 0, len(text)))
        if span is not None and len(text.split()) >= 4:
            found.append(FoundQuote(parts=[span], marks=[span], block_dash_line=index))
    found.sort(key=lambda q: (q.parts[0].para, q.parts[0].start))
    return found
