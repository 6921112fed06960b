"""Turn a decoded source text into clean paragraphs, with an exact map back to the source.

Holds the records (:class:`Paragraph` with its offset map, :class:`CleanDocument`) and the
stage, :func:`clean`: it splits the text into paragraphs (blank-line blocks; indented first
lines; one paragraph a line where lines are far too long to be hard-wrapped), unwraps
hard-wrapped lines, rejoins words broken at a line end and drops soft hyphens
(:mod:`indexer.linebreaks`), and recognises a title repeated at the top and drops page junk
(menus, search forms, error notices) scraped along with the text (:mod:`indexer.junk`).

Every :class:`Paragraph` keeps a compact offset map, so any stretch of its cleaned text can be
traced back to ``text[start:end]`` of the source as decoded. Nothing here loops over characters in
Python: the text is cut into lines with :meth:`str.splitlines` and the per-line work is a few
string operations, so a 10 MB book takes a second or two.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from indexer.junk import find_frame, find_junk, find_title, frame_cuts
from indexer.linebreaks import IGNORABLE_RE, ODD_SPACE_RE, Joiner, scan_lines, split_block

__all__ = ["CleanDocument", "Paragraph", "clean"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: its cleaned text and where it lies in the source.

    ``start``/``end`` delimit the paragraph's first and last kept characters in the source text.
    ``text`` has no line breaks: each hard line break and the spaces around it became one space,
    words broken across lines are rejoined, soft hyphens are gone, and other whitespace characters
    (tabs, no-break spaces) are plain spaces. The private anchors map cleaned indices back to
    source offsets: anchor ``k`` says that cleaned index ``_clean_at[k]`` is source offset
    ``_source_at[k]``, and the characters after it follow one for one up to the next anchor.
    Without anchors, ``text`` maps one for one onto ``source[start:end]``.
    """

    start: int
    end: int
    text: str
    _clean_at: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _source_at: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def to_source(self, i: int) -> int:
        """The source offset of cleaned index ``i`` (``0 <= i <= len(text)``).

        ``to_source(len(text)) == end``. A space that stands for a line break maps to the first
        character of that break (or of the spaces before it).
        """
        n = len(self.text)
        if not 0 <= i <= n:
            raise IndexError(f"cleaned index {i} is outside 0..{n}")
        if i == n:
            return self.end
        if not self._clean_at:
            return self.start + i
        k = bisect_right(self._clean_at, i) - 1
        return self._source_at[k] + (i - self._clean_at[k])

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """The source span ``[s, e)`` of the cleaned span ``[i, j)``; ``e = to_source(j-1) + 1``."""
        if j < i:
            raise IndexError(f"cleaned span [{i}, {j}) ends before it starts")
        s = self.to_source(i)
        if j == i:
            return s, s
        return s, self.to_source(j - 1) + 1


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """A cleaned source text: its title (if repeated at the top), body paragraphs, dropped junk."""

    title: str | None
    title_spans: tuple[tuple[int, int], ...]
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[tuple[int, int], ...]


def _cut_runs(
    runs: list[tuple[int, int]], starts: list[int], cuts: set[int]
) -> list[tuple[int, int]]:
    """``runs`` with a new run starting at every line that starts at one of ``cuts``."""
    out: list[tuple[int, int]] = []
    for l0, l1 in runs:
        first = l0
        for line in range(l0 + 1, l1 + 1):
            if starts[line] in cuts:
                out.append((first, line - 1))
                first = line
        out.append((first, l1))
    return out


def clean(text: str) -> CleanDocument:
    """Clean ``text`` (a source exactly as decoded) into a title, paragraphs and dropped junk."""
    starts, ends, indents, soft_end = scan_lines(text)
    has_ignorable = IGNORABLE_RE.search(text) is not None

    # paragraphs as runs of lines [first, last]
    runs: list[tuple[int, int]] = []
    n_lines = len(starts)
    k = 0
    while k < n_lines:
        if starts[k] == ends[k]:
            k += 1
            continue
        b0 = k
        while k < n_lines and starts[k] != ends[k]:
            k += 1
        runs.extend(split_block(text, b0, k - 1, starts, ends, indents))

    # an e-book's licence header and footer, and the title its header gives
    cuts = frame_cuts(text)
    if cuts:
        runs = _cut_runs(runs, starts, cuts)
    frame_title, frame = find_frame(text, runs, starts, ends)

    # title: a line repeated at the top
    title, title_runs = find_title(text, runs, starts, ends, skip=frame)
    title = title or frame_title

    # page junk
    junk = find_junk(text, runs, starts, ends, title_runs | frame) | frame

    joiner = Joiner(text)
    ignorable = [m.start() for m in IGNORABLE_RE.finditer(text)] if has_ignorable else []
    odd_spaces = ODD_SPACE_RE.search(text) is not None
    paragraphs: list[Paragraph] = []
    dropped: list[tuple[int, int]] = []
    title_spans: list[tuple[int, int]] = []
    for r, (l0, l1) in enumerate(runs):
        if r in title_runs or r in junk:
            spans = title_spans if r in title_runs else dropped
            spans.extend((starts[i], ends[i]) for i in range(l0, l1 + 1) if ends[i] > starts[i])
            continue
        para = _build(text, l0, l1, starts, ends, soft_end, joiner, ignorable, odd_spaces)
        if para is not None:
            paragraphs.append(para)
    return CleanDocument(title, tuple(title_spans), tuple(paragraphs), tuple(dropped))


def _build(
    text: str,
    l0: int,
    l1: int,
    starts: list[int],
    ends: list[int],
    soft_end: set[int],
    joiner: Joiner,
    ignorable: list[int],
    odd_spaces: bool,
) -> Paragraph | None:
    """The paragraph made of lines ``l0..l1``, unwrapped, with its offset map."""
    if l0 == l1 and not ignorable:
        s, e = starts[l0], ends[l0]
        body = text[s:e]
        return Paragraph(s, e, ODD_SPACE_RE.sub(" ", body) if odd_spaces else body)
    parts: list[str] = []
    clean_at: list[int] = []
    source_at: list[int] = []
    length = 0

    def emit(s: int, e: int) -> None:
        nonlocal length
        if ignorable:
            i = bisect_right(ignorable, s - 1)
            while i < len(ignorable) and ignorable[i] < e:
                cut = ignorable[i]
                if cut > s:
                    clean_at.append(length)
                    source_at.append(s)
                    parts.append(text[s:cut])
                    length += cut - s
                s = cut + 1
                i += 1
        if e > s:
            clean_at.append(length)
            source_at.append(s)
            parts.append(text[s:e])
            length += e - s

    seg = starts[l0]
    for k in range(l0, l1):
        p0, p1, n0, n1 = starts[k], ends[k], starts[k + 1], ends[k + 1]
        if k in soft_end:
            cut, sep = p1, ""
        else:
            cut, sep = joiner.join(p0, p1, n0, n1)
        emit(seg, cut)
        if sep:
            clean_at.append(length)
            source_at.append(p1)
            parts.append(sep)
            length += 1
        seg = n0
    emit(seg, ends[l1])
    if not parts:
        return None
    body = "".join(parts)
    if odd_spaces:
        body = ODD_SPACE_RE.sub(" ", body)
    start, end = source_at[0], ends[l1]
    if len(clean_at) == 1:
        return Paragraph(start, end, body)
    return Paragraph(start, end, body, tuple(clean_at), tuple(source_at))
