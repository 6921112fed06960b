"""Title and page junk: the lines of a scraped page that are not the text.

:func:`find_title` recognises a one-line title repeated at the top of a document;
:func:`find_junk` classifies paragraphs as page furniture (menus, search forms, error notices,
share buttons) by the web interface terms they hold (``lexicon.web_terms``), whether they speak
to the reader, end like a sentence, or repeat.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from indexer import lexicon
from indexer.linebreaks import DASH_LINE_RE, SENTENCE_END_RE, WORD_RE, ends_sentence

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
#: A drop-down label: "Search by... Author", "Show... All Results".
_DROPDOWN_RE = re.compile(r"(?:^|\s)[^\W\d_][\w-]*(?: [\w-]+){0,2}(?:\.\.\.|\u2026) ?[A-Z0-9]")
#: Paragraphs longer than this are never page junk.
_MAX_JUNK_CHARS = 1200
#: The title is looked for among this many paragraphs at the top.
_TITLE_WINDOW = 12


@dataclass(frozen=True, slots=True)
class _WebIndex:
    """The web terms split for quick look-ups: one-token terms, and phrases by first token."""

    singles: dict[str, float]
    phrases: dict[str, tuple[tuple[tuple[str, ...], float], ...]]
    #: For a quick first test on letters-only words: the first word of every one-token term
    #: ("peer" of "peer-reviewed"), and the phrases (as text) by their first word.
    quick_words: frozenset[str]
    quick_phrases: dict[str, tuple[str, ...]]


@cache
def _web_index() -> _WebIndex:
    singles: dict[str, float] = {}
    grouped: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    quick_words: set[str] = set()
    quick_phrases: dict[str, list[str]] = {}
    for term, weight in lexicon.web_terms().items():
        tokens = tuple(_TOKEN_RE.findall(term))
        if len(tokens) == 1:
            singles[tokens[0]] = weight
            quick_words.add(WORD_RE.findall(tokens[0])[0])
        elif tokens:
            grouped.setdefault(tokens[0], []).append((tokens, weight))
            quick_phrases.setdefault(WORD_RE.findall(term)[0], []).append(" ".join(tokens))
    phrases = {
        first: tuple(sorted(group, key=lambda item: -len(item[0])))
        for first, group in grouped.items()
    }
    return _WebIndex(
        singles,
        phrases,
        frozenset(quick_words),
        {first: tuple(group) for first, group in quick_phrases.items()},
    )


def _web_weight(low: list[str], index: _WebIndex) -> tuple[float, float, int, int]:
    """The web terms among the lowercase tokens: their summed weight, the tokens they cover
    (each counted at its term's weight), how many of them weigh 1 and how many differ."""
    singles, phrases = index.singles, index.phrases
    web = 0.0
    covered = 0.0
    strong = 0
    seen: set[tuple[str, ...] | str] = set()
    i, n = 0, len(low)
    while i < n:
        tok = low[i]
        weight = 0.0
        size = 1
        for tokens, w in phrases.get(tok, ()):
            if tuple(low[i : i + len(tokens)]) == tokens:
                weight, size = w, len(tokens)
                seen.add(tokens)
                break
        else:
            weight = singles.get(tok, 0.0)
            if weight:
                seen.add(tok)
        web += weight
        covered += weight * size
        strong += weight >= 1.0
        i += size
    return web, covered, strong, len(seen)


#: Words by which a text speaks to its reader, as interface messages do ("Please click...").
_READER_WORDS = frozenset(["please", "you", "your", "yours"])


@dataclass(frozen=True, slots=True)
class _Features:
    words: int
    web: float
    web_share: float
    strong: int
    distinct: int
    to_reader: bool
    function_share: float
    capital_share: float
    ends_sentence: bool
    dropdown: bool


def _features(raw: str, tokens: list[str], index: _WebIndex) -> _Features:
    low = [t.lower() for t in tokens]
    n = len(tokens)
    web, covered, strong, distinct = _web_weight(low, index)
    functional = sum(1 for t in low if t in lexicon.FUNCTION_WORDS)
    capital = sum(1 for t in tokens if t[0].isupper())
    return _Features(
        words=n,
        web=web,
        web_share=covered / n if n else 0.0,
        strong=strong,
        distinct=distinct,
        to_reader=not _READER_WORDS.isdisjoint(low),
        function_share=functional / n if n else 0.0,
        capital_share=capital / n if n else 0.0,
        ends_sentence=SENTENCE_END_RE.search(raw, max(0, len(raw) - 8)) is not None,
        dropdown=_DROPDOWN_RE.search(raw) is not None,
    )


def _is_junk(f: _Features, repeats: int) -> bool:
    """Whether a paragraph with these features is page furniture rather than prose."""
    if f.words == 0 or f.web == 0:
        return False
    share = f.web_share
    # an interface message in sentences, speaking to the reader: "An unknown error has
    # occurred. Please click the button below to reload the page." (prose about the web, such
    # as news about Twitter, does not speak to its reader about buttons and pages; a novel's
    # "Click--click--click!" is one word, not an interface)
    if f.web >= 2.5 and share >= 0.12 and f.distinct >= 3 and (f.to_reader or f.strong >= 3):
        return True
    if f.ends_sentence:
        return False
    # a drop-down or a row of labels: "Search by... Author", "Show... All Results Primary
    # Sources Peer-reviewed"
    if f.dropdown and f.function_share <= 0.4 and f.capital_share >= 0.5:
        return True
    # a short label: "Advertisement", "Share this", "Sign in", "Read more"
    if f.words <= 6 and f.web >= 1 and share >= 0.5:
        return True
    # a repeated fragment of interface words and names ("Home | World | Politics")
    return repeats >= 2 and share >= 0.2 and f.function_share < 0.3 and f.capital_share >= 0.5


def find_junk(
    text: str,
    runs: list[tuple[int, int]],
    starts: list[int],
    ends: list[int],
    skip: set[int],
) -> set[int]:
    """The paragraphs that are page junk (see :func:`_is_junk`)."""
    index = _web_index()
    quick_words, quick_phrases = index.quick_words, index.quick_phrases
    candidates: list[tuple[int, _Features, str]] = []
    for r, (l0, l1) in enumerate(runs):
        s, e = starts[l0], ends[l1]
        if r in skip or e - s > _MAX_JUNK_CHARS:
            continue
        raw = text[s:e]
        low = raw.lower()
        words = set(WORD_RE.findall(low))
        if words.isdisjoint(quick_words):
            # perhaps the first word of a phrase ("all", "see", "read"): is the phrase there?
            firsts = words.intersection(quick_phrases)
            if not firsts:
                continue
            joined = " ".join(_TOKEN_RE.findall(low))
            if not any(phrase in joined for first in firsts for phrase in quick_phrases[first]):
                continue
        if DASH_LINE_RE.match(raw):
            continue  # an attribution line is always kept
        tokens = _TOKEN_RE.findall(raw)
        candidates.append((r, _features(raw, tokens, index), _fold(text, s, e).casefold()))
    repeats = Counter(key for _, _, key in candidates)
    return {r for r, f, key in candidates if _is_junk(f, repeats[key])}


def _fold(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split()).replace("\u00ad", "")


def find_title(
    text: str,
    runs: list[tuple[int, int]],
    starts: list[int],
    ends: list[int],
    skip: set[int] | None = None,
) -> tuple[str | None, set[int]]:
    """A one-line paragraph repeated among the first paragraphs (those not in ``skip``),
    before the prose starts."""
    seen: dict[str, list[int]] = {}
    kept = [(r, run) for r, run in enumerate(runs) if not skip or r not in skip]
    for r, (l0, l1) in kept[:_TITLE_WINDOW]:
        s, e = starts[l0], ends[l1]
        if l0 != l1 or e - s > 300:
            break  # prose (or at least a wrapped paragraph) has started
        raw = text[s:e]
        words = _TOKEN_RE.findall(raw)
        if len(words) >= 30 or (len(words) >= 12 and ends_sentence(text, e, s)):
            break
        seen.setdefault(_fold(text, s, e).casefold(), []).append(r)
    best: list[int] = []
    for rs in seen.values():
        if len(rs) > len(best):
            best = rs
    if len(best) < 2:
        return None, set()
    l0 = runs[best[0]][0]
    s, e = starts[l0], ends[l0]
    raw = text[s:e]
    if (
        _TOKEN_RE.search(raw) is None
        or raw[-1] in ".,;:"
        or raw[0] in "\"'\u201c\u2018-\u2014\u2015\u2013([*"
    ):
        return None, set()
    return _fold(text, s, e), set(best)


#: The lines that frame an e-book's text in a Project Gutenberg file (its licence header and
#: footer lie outside them), and the header's title line.
_FRAME_START = re.compile(
    r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK", re.IGNORECASE | re.MULTILINE
)
_FRAME_END = re.compile(
    r"^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK", re.IGNORECASE | re.MULTILINE
)
_FRAME_TITLE = re.compile(r"^Title:[ \t]*(\S.*?)\s*$", re.MULTILINE)


def frame_cuts(text: str) -> set[int]:
    """Source offsets where a paragraph must be cut so that an e-book's START and END lines
    stand alone (they may be glued to the text around them)."""
    cuts: set[int] = set()
    for pattern in (_FRAME_START, _FRAME_END):
        found = pattern.search(text)
        if found is None:
            continue
        cuts.add(found.start())
        line_end = text.find("\n", found.end())
        if line_end >= 0:
            cuts.add(line_end + 1)
    return cuts


def find_frame(
    text: str, runs: list[tuple[int, int]], starts: list[int], ends: list[int]
) -> tuple[str | None, set[int]]:
    """An e-book's licence header and footer (everything up to its START line and from its
    END line on): the paragraphs they cover, and the title the header gives. Nothing when the
    text has no such frame."""
    start = _FRAME_START.search(text)
    if start is None:
        return None, set()
    line_end = text.find("\n", start.end())
    head = len(text) if line_end < 0 else line_end
    end = _FRAME_END.search(text, head)
    stop = end.start() if end else len(text) + 1
    outside = {r for r, (l0, l1) in enumerate(runs) if ends[l1] <= head or starts[l0] >= stop}
    title = _FRAME_TITLE.search(text, 0, start.start())
    return (title.group(1) if title else None), outside
