"""Turn a decoded source text into clean paragraphs, with an exact map back to the source.

:func:`clean` splits the text into paragraphs (blank-line blocks; indented first lines; one
paragraph a line where lines are far too long to be hard-wrapped), unwraps hard-wrapped lines,
rejoins words broken at a line end, drops soft hyphens, recognises a title repeated at the top
and drops page junk (menus, search forms, error notices) scraped along with the text.

Every :class:`Paragraph` keeps a compact offset map, so any stretch of its cleaned text can be
traced back to ``text[start:end]`` of the source as decoded. Nothing here loops over characters in
Python: the text is cut into lines with :meth:`str.splitlines` and the per-line work is a few
string operations, so a 10 MB book takes a second or two.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from indexer import lexicon

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


# --------------------------------------------------------------------------------------------
# Characters

#: What :meth:`str.splitlines` treats as line breaks (``\r\n`` counts as one).
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: Whitespace inside a line: every character ``str.isspace`` accepts but the line breaks.
_SPACES = (
    "\t\x1f \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
#: Invisible characters dropped from the cleaned text: soft hyphen, zero-width space, word
#: joiner, byte-order mark (zero-width no-break space).
_IGNORABLE = "\u00ad\u200b\u2060\ufeff"
_STRIP = _SPACES + _IGNORABLE
_IGNORABLE_RE = re.compile("[" + _IGNORABLE + "]")
#: Whitespace other than a plain space (tab, no-break space...): a plain space in cleaned text.
_ODD_SPACE_RE = re.compile("[" + re.escape(_SPACES.replace(" ", "")) + "]")

_BREAK = "[" + re.escape(_BREAKS) + "]"
_BREAK_RE = re.compile(_BREAK)
#: Spaces within a line, as a regular expression.
_INLINE_SPACE = "[" + re.escape(_SPACES) + "]"

_DASHES = "\u2014\u2015\u2013"  # em dash, horizontal bar, en dash
_CLOSERS = "[\"'\u201d\u2019\u00bb)\\]_*]*"  # closing quotes and brackets, Gutenberg italics
_SENTENCE_END_RE = re.compile(r"[.!?\u2026:]" + _CLOSERS + r"\Z")
_PARAGRAPH_END_RE = re.compile(r"[.!?\u2026]" + _CLOSERS + r"\Z")
_WORD_RE = re.compile(r"[^\W\d_]+")
_TAIL_WORD_RE = re.compile(r"[^\W\d_]+\Z")
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_ALNUM_RE = re.compile(r"[^\W_]")
_COMPOUND_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_TAIL_COMPOUND_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-\Z")
#: A hyphen that ends a line, between two words: "con-" / "stantly", "well-" / "known".
_HYPHEN_BREAK_RE = re.compile(
    r"([^\W\d_]+)-" + _INLINE_SPACE + r"*(?:\r\n|" + _BREAK + ")" + _INLINE_SPACE + r"*([^\W\d_]+)"
)
#: The first word of every line (on reversed text: the last word of every line, reversed).
_LINE_FIRST_WORD_RE = re.compile(
    r"(?:\A|(?<=" + _BREAK + r"))[^\w" + re.escape(_BREAKS) + r"]*([^\W\d_]+)"
)
#: A line that opens with a dash and a name or a capital: an attribution ("—Raúl Castro, 1977")
#: or a dialogue line in the dash style.
_DASH_LINE_RE = re.compile(r"(?:[\u2014\u2015\u2013]|--) ?[\"'\u201c\u2018]?[^\W\d_]")
#: A drop-down label: "Search by... Author", "Show... All Results".
_DROPDOWN_RE = re.compile(r"(?:^|\s)[^\W\d_][\w-]*(?: [\w-]+){0,2}(?:\.\.\.|\u2026) ?[A-Z0-9]")

#: A line longer than this is not hard-wrapped: in a block with one, a line ending like a
#: sentence ends a paragraph (scraped text with one paragraph a line).
_LONG_LINE = 150
#: Paragraphs longer than this are never page junk.
_MAX_JUNK_CHARS = 1200
#: Look-ups of the document's own words by scanning, before its vocabulary is counted.
_MAX_SCANS = 24
#: The title is looked for among this many paragraphs at the top.
_TITLE_WINDOW = 12

# --------------------------------------------------------------------------------------------
# Words of the document itself, built only when a line-end repair needs them


class _DocWords:
    """The document's own words, looked up lazily.

    The first look-ups scan the lowercased text with :meth:`str.find` (a few milliseconds a
    megabyte); after ``_MAX_SCANS`` of them the words of the whole text are counted once, so a
    document full of odd line ends stays linear.
    """

    __slots__ = ("_all", "_answers", "_compounds", "_edges", "_low", "_scans", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._low: str | None = None
        self._answers: dict[tuple[str, bool], bool] = {}
        self._scans = 0
        self._all: Counter[str] | None = None
        self._edges: Counter[str] | None = None
        self._compounds: frozenset[str] | None = None

    def occurs(self, word: str) -> bool:
        """Whether ``word`` (lowercase) occurs anywhere in the document as a whole word."""
        return self._lookup(word, False)

    def occurs_unbroken(self, word: str) -> bool:
        """Whether ``word`` occurs inside a line (not first or last), where it cannot be a piece."""
        return self._lookup(word, True)

    def compound(self, word: str) -> bool:
        """Whether the hyphenated ``word`` (lowercase) occurs in the document (within a line)."""
        return self._lookup(word, False)

    def _lower(self) -> str:
        if self._low is None:
            self._low = self._text.lower()
        return self._low

    def _lookup(self, word: str, interior: bool) -> bool:
        key = (word, interior)
        answer = self._answers.get(key)
        if answer is not None:
            return answer
        if "-" in word and (self._compounds is not None or self._scans >= _MAX_SCANS):
            if self._compounds is None:
                self._compounds = frozenset(_COMPOUND_RE.findall(self._lower()))
            answer = word in self._compounds
        elif "-" not in word and (self._all is not None or self._scans >= _MAX_SCANS):
            every, edges = self._count()
            answer = every[word] > (edges[word] if interior else 0)
        else:
            self._scans += 1
            answer = self._scan(word, interior)
        self._answers[key] = answer
        return answer

    def _count(self) -> tuple[Counter[str], Counter[str]]:
        if self._all is None or self._edges is None:
            low = self._lower()
            self._all = Counter(_WORD_RE.findall(low))
            edges = Counter(_LINE_FIRST_WORD_RE.findall(low))
            edges.update(w[::-1] for w in _LINE_FIRST_WORD_RE.findall(low[::-1]))
            self._edges = edges
        return self._all, self._edges

    def _scan(self, word: str, interior: bool) -> bool:
        low = self._lower()
        size = len(low)
        i = low.find(word)
        for _ in range(1000):
            if i < 0:
                return False
            j = i + len(word)
            if (
                (i == 0 or not low[i - 1].isalpha())
                and (j >= size or not low[j].isalpha())
                and (not interior or self._inside_line(low, i, j))
            ):
                return True
            i = low.find(word, i + 1)
        return False

    @staticmethod
    def _inside_line(low: str, i: int, j: int) -> bool:
        """Whether the line holding ``low[i:j]`` has a word before it and one after it."""
        before = _BREAK_RE.split(low[max(0, i - 100) : i])[-1]
        after = _BREAK_RE.split(low[j : j + 100], maxsplit=1)[0]
        return _ALNUM_RE.search(before) is not None and _ALNUM_RE.search(after) is not None


# --------------------------------------------------------------------------------------------
# Broken words


def _ends_sentence(text: str, end: int, start: int) -> bool:
    return _SENTENCE_END_RE.search(text, max(start, end - 8), end) is not None


def _tail_word(text: str, start: int, end: int) -> str:
    """The letters that end ``text[start:end]`` (at most 48 of them; fast on long lines)."""
    low = max(start, end - 48)
    space = text.rfind(" ", low, end)
    chunk = text[space + 1 if space >= 0 else low : end]
    if chunk.isalpha():
        return chunk
    m = _TAIL_WORD_RE.search(chunk)
    return m.group() if m is not None else ""


class _Joiner:
    """Decides how two consecutive lines of a paragraph are joined."""

    __slots__ = ("_typeset", "doc", "lex", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = lexicon.words()
        self.doc = _DocWords(text)
        self._typeset: bool | None = None

    def typeset(self) -> bool:
        """Whether the document was hyphenated by a typesetter: most of its line-end hyphens
        that can be told apart break a word ("con-" / "stantly") rather than end the first
        part of a compound ("well-" / "known"). In such a text a hyphen before a line break
        that could be either is taken for a break too."""
        if self._typeset is None:
            lex = self.lex
            breaks = compounds = 0
            for n, m in enumerate(_HYPHEN_BREAK_RE.finditer(self.text)):
                if n >= 2000:
                    break
                a, b = m.group(1).lower(), m.group(2)
                if b[0].isupper():
                    continue
                b = b.lower()
                a_word, b_word = a in lex, b in lex and b not in lexicon.SUFFIX_FRAGMENTS
                whole = a + b in lex
                breaks += whole and not (a_word and b_word)
                compounds += a_word and b_word and not whole
            self._typeset = breaks >= 3 and breaks > 2 * compounds
        return self._typeset

    def known(self, word: str) -> bool:
        return word in self.lex or self.doc.occurs_unbroken(word)

    def join(self, p0: int, p1: int, n0: int, n1: int) -> tuple[int, str]:
        """How to join the line with content ``[p0, p1)`` to the next, content ``[n0, n1)``.

        Returns where the first line's kept content ends (``p1``, or ``p1 - 1`` to drop a
        hyphen) and the separator to insert (a space or nothing).
        """
        text = self.text
        last = text[p1 - 1]
        first = text[n0]
        if last.isalpha():
            if first.islower() and self._lost_hyphen(p0, p1, n0, n1):
                return p1, ""
            if first in _DASHES or text.startswith("--", n0):
                # "Jones\n--therefore": a dash wrapped onto the next line, unspaced style
                after = n0 + (2 if first == "-" else 1)
                if after < n1 and text[after].islower():
                    return p1, ""
            return p1, " "
        if last == "-":
            before = text[p1 - 2] if p1 - 2 >= p0 else " "
            if before == "-":  # "--" ends the line: a dash
                spaced = p1 - 3 >= p0 and text[p1 - 3].isspace()
                return p1, " " if spaced else ""
            if before.isalpha():
                return self._kept_hyphen(p0, p1, n0, n1)
            if before.isspace():  # "word -" spaced dash
                return p1, " "
            return p1, ""  # "1990-" / "95"
        if last in _DASHES:
            spaced = p1 - 2 >= p0 and text[p1 - 2].isspace()
            return p1, " " if spaced else ""
        return p1, " "

    def _lost_hyphen(self, p0: int, p1: int, n0: int, n1: int) -> bool:
        """ "de" / "stroyed": join when the whole is a word and a half is not."""
        text = self.text
        a = _tail_word(text, p0, p1).lower()
        h = _WORD_RE.match(text, n0, min(n1, n0 + 48))
        if len(a) < 2 or h is None or h.end() - h.start() < 2:
            return False  # hyphenation leaves two letters or more on each side
        b = h.group().lower()
        lex = self.lex
        a_lex, b_lex = a in lex, b in lex
        if a_lex and b_lex:
            return False
        whole = a + b
        if whole not in lex and not (not a_lex and not b_lex and self.doc.occurs(whole)):
            return False
        b_known = b_lex or self.doc.occurs_unbroken(b)
        if text[p1 - len(a)].isupper():
            # a capitalised first half is most often a name ("River Humber" / "to"): join
            # only when the second half is a piece of a word ("De" / "stroyed")
            return not b_known
        return not b_known or not (a_lex or self.doc.occurs_unbroken(a))

    def _kept_hyphen(self, p0: int, p1: int, n0: int, n1: int) -> tuple[int, str]:
        """ "recon-" / "structed": drop the hyphen or keep it ("war-" / "time")."""
        text = self.text
        keep = p1, ""
        a_raw = _tail_word(text, p0, p1 - 1)
        h = _WORD_RE.match(text, n0, min(n1, n0 + 48))
        if not a_raw or h is None:
            return keep
        b_raw = h.group()
        if b_raw[0].isupper() and not (a_raw.isupper() and b_raw.isupper()):
            return keep  # "Chalk-" / "Newton"
        a, b = a_raw.lower(), b_raw.lower()
        if self.doc.compound(a + "-" + b):
            return keep
        # the whole compound before the hyphen ("mother-in-" / "law")
        full = _TAIL_COMPOUND_RE.search(text[max(p0, p1 - 64) : p1])
        if (
            full is not None
            and full.group().count("-") > 1
            and self.doc.compound(full.group().lower() + b)
        ):
            return keep
        whole = a + b
        whole_known = whole in self.lex or self.doc.occurs(whole)
        a_known = self.known(a)
        b_known = b not in lexicon.SUFFIX_FRAGMENTS and self.known(b)
        if not whole_known:
            # two pieces of an unknown word ("dilapi-" / "dations") in a typeset text
            if not a_known and not b_known and self.typeset():
                return p1 - 1, ""
            return keep
        if not (a_known and b_known):
            return p1 - 1, ""
        # both halves and the whole are words ("to-" / "day", "sup-" / "port"): join when the
        # document writes the whole word elsewhere (its hyphenated form, checked above, does
        # not occur) or was hyphenated by a typesetter
        if self.doc.occurs(whole) or self.typeset():
            return p1 - 1, ""
        return keep


# --------------------------------------------------------------------------------------------
# Page junk


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
            quick_words.add(_WORD_RE.findall(tokens[0])[0])
        elif tokens:
            grouped.setdefault(tokens[0], []).append((tokens, weight))
            quick_phrases.setdefault(_WORD_RE.findall(term)[0], []).append(" ".join(tokens))
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
        ends_sentence=_SENTENCE_END_RE.search(raw, max(0, len(raw) - 8)) is not None,
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


def _find_junk(
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
        words = set(_WORD_RE.findall(low))
        if words.isdisjoint(quick_words):
            # perhaps the first word of a phrase ("all", "see", "read"): is the phrase there?
            firsts = words.intersection(quick_phrases)
            if not firsts:
                continue
            joined = " ".join(_TOKEN_RE.findall(low))
            if not any(phrase in joined for first in firsts for phrase in quick_phrases[first]):
                continue
        if _DASH_LINE_RE.match(raw):
            continue  # an attribution line is always kept
        tokens = _TOKEN_RE.findall(raw)
        candidates.append((r, _features(raw, tokens, index), _fold(text, s, e).casefold()))
    repeats = Counter(key for _, _, key in candidates)
    return {r for r, f, key in candidates if _is_junk(f, repeats[key])}


# --------------------------------------------------------------------------------------------
# The whole pass


def clean(text: str) -> CleanDocument:
    """Clean ``text`` (a source exactly as decoded) into a title, paragraphs and dropped junk."""
    starts, ends, indents, soft_end = _scan_lines(text)
    has_ignorable = _IGNORABLE_RE.search(text) is not None

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
        runs.extend(_split_block(text, b0, k - 1, starts, ends, indents))

    # title: a line repeated at the top
    title, title_runs = _find_title(text, runs, starts, ends)

    # page junk
    junk = _find_junk(text, runs, starts, ends, title_runs)

    joiner = _Joiner(text)
    ignorable = [m.start() for m in _IGNORABLE_RE.finditer(text)] if has_ignorable else []
    odd_spaces = _ODD_SPACE_RE.search(text) is not None
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


def _scan_lines(text: str) -> tuple[list[int], list[int], list[int], set[int]]:
    """Each line's content span (no surrounding whitespace or invisible characters), its
    indentation (a tab counts 4) and the lines that end in a soft hyphen."""
    starts: list[int] = []
    ends: list[int] = []
    indents: list[int] = []
    soft_end: set[int] = set()
    add_start, add_end, add_indent = starts.append, ends.append, indents.append
    has_soft = "\u00ad" in text
    has_ignorable = _IGNORABLE_RE.search(text) is not None
    has_tab = "\t" in text
    pos = 0
    for k, line in enumerate(text.splitlines(keepends=True)):
        body = line.rstrip(_BREAKS)
        rest = body.lstrip(_SPACES)
        indent = len(body) - len(rest)
        if has_tab and indent:
            indent += 3 * body.count("\t", 0, indent)
        add_indent(indent)
        if has_ignorable:
            rest = rest.lstrip(_STRIP)
        c0 = pos + len(body) - len(rest)
        content = rest.rstrip(_STRIP)
        add_start(c0)
        add_end(c0 + len(content))
        if has_soft and len(content) < len(rest) and "\u00ad" in rest[len(content) :]:
            soft_end.add(k)
        pos += len(line)
    return starts, ends, indents, soft_end


def _split_block(
    text: str, b0: int, b1: int, starts: list[int], ends: list[int], indents: list[int]
) -> list[tuple[int, int]]:
    """Cut the block of lines ``b0..b1`` into paragraphs."""
    if b0 == b1:
        return [(b0, b1)]
    long_lines = any(ends[i] - starts[i] > _LONG_LINE for i in range(b0, b1))
    out: list[tuple[int, int]] = []
    first = b0
    for k in range(b0 + 1, b1 + 1):
        prev = k - 1
        new = False
        if indents[k] >= 2 and indents[prev] < 2:
            # an indented first line after the last line of an unindented paragraph (verse
            # that indents every other line goes on: its lines seldom end a sentence)
            new = (
                _PARAGRAPH_END_RE.search(text, max(starts[prev], ends[prev] - 8), ends[prev])
                is not None
            )
        elif long_lines and _ends_sentence(text, ends[prev], starts[prev]):
            new = True  # one paragraph a line
        elif text[starts[k]] in "-\u2013\u2014\u2015" and _ends_sentence(
            text, ends[prev], starts[prev]
        ):
            m = _DASH_LINE_RE.match(text, starts[k], ends[k])
            new = m is not None and m.group()[-1].isupper()  # an attribution, a dash dialogue
        if new:
            out.append((first, prev))
            first = k
    out.append((first, b1))
    return out


def _fold(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split()).replace("\u00ad", "")


def _find_title(
    text: str, runs: list[tuple[int, int]], starts: list[int], ends: list[int]
) -> tuple[str | None, set[int]]:
    """A one-line paragraph repeated among the first paragraphs, before the prose starts."""
    seen: dict[str, list[int]] = {}
    for r, (l0, l1) in enumerate(runs[:_TITLE_WINDOW]):
        s, e = starts[l0], ends[l1]
        if l0 != l1 or e - s > 300:
            break  # prose (or at least a wrapped paragraph) has started
        raw = text[s:e]
        words = _TOKEN_RE.findall(raw)
        if len(words) >= 30 or (len(words) >= 12 and _ends_sentence(text, e, s)):
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


def _build(
    text: str,
    l0: int,
    l1: int,
    starts: list[int],
    ends: list[int],
    soft_end: set[int],
    joiner: _Joiner,
    ignorable: list[int],
    odd_spaces: bool,
) -> Paragraph | None:
    """The paragraph made of lines ``l0..l1``, unwrapped, with its offset map."""
    if l0 == l1 and not ignorable:
        s, e = starts[l0], ends[l0]
        body = text[s:e]
        return Paragraph(s, e, _ODD_SPACE_RE.sub(" ", body) if odd_spaces else body)
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
        body = _ODD_SPACE_RE.sub(" ", body)
    start, end = source_at[0], ends[l1]
    if len(clean_at) == 1:
        return Paragraph(start, end, body)
    return Paragraph(start, end, body, tuple(clean_at), tuple(source_at))
