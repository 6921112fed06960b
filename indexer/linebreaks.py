"""Lines and line breaks: which breaks end a paragraph and which are repaired.

Holds the characters that break and space lines, each line's content span
(:func:`scan_lines`), the cutting of a block of lines into paragraphs (:func:`split_block`:
indented first lines, one paragraph a line where lines are far too long to be hard-wrapped,
dash lines) and the :class:`Joiner`, which decides how two lines of a paragraph join: unwrapped
with a space, or a word broken at the line end rejoined, its hyphen kept or dropped by the
lexicon and the document's own words.
"""

from __future__ import annotations

import re
from collections import Counter

from indexer import lexicon

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
IGNORABLE_RE = re.compile("[" + _IGNORABLE + "]")
#: Whitespace other than a plain space (tab, no-break space...): a plain space in cleaned text.
ODD_SPACE_RE = re.compile("[" + re.escape(_SPACES.replace(" ", "")) + "]")

_BREAK = "[" + re.escape(_BREAKS) + "]"
_BREAK_RE = re.compile(_BREAK)
#: Spaces within a line, as a regular expression.
_INLINE_SPACE = "[" + re.escape(_SPACES) + "]"

_DASHES = "\u2014\u2015\u2013"  # em dash, horizontal bar, en dash
_CLOSERS = "[\"'\u201d\u2019\u00bb)\\]_*]*"  # closing quotes and brackets, Gutenberg italics
SENTENCE_END_RE = re.compile(r"[.!?\u2026:]" + _CLOSERS + r"\Z")
_PARAGRAPH_END_RE = re.compile(r"[.!?\u2026]" + _CLOSERS + r"\Z")
WORD_RE = re.compile(r"[^\W\d_]+")
_TAIL_WORD_RE = re.compile(r"[^\W\d_]+\Z")
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
DASH_LINE_RE = re.compile(r"(?:[\u2014\u2015\u2013]|--) ?[\"'\u201c\u2018]?[^\W\d_]")

#: A line longer than this is not hard-wrapped: in a block with one, a line ending like a
#: sentence ends a paragraph (scraped text with one paragraph a line).
_LONG_LINE = 150
#: Look-ups of the document's own words by scanning, before its vocabulary is counted.
_MAX_SCANS = 24


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
            self._all = Counter(WORD_RE.findall(low))
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


def ends_sentence(text: str, end: int, start: int) -> bool:
    """Whether the line ``text[start:end]`` ends like a sentence (or on a colon)."""
    return SENTENCE_END_RE.search(text, max(start, end - 8), end) is not None


def _tail_word(text: str, start: int, end: int) -> str:
    """The letters that end ``text[start:end]`` (at most 48 of them; fast on long lines)."""
    low = max(start, end - 48)
    space = text.rfind(" ", low, end)
    chunk = text[space + 1 if space >= 0 else low : end]
    if chunk.isalpha():
        return chunk
    m = _TAIL_WORD_RE.search(chunk)
    return m.group() if m is not None else ""


class Joiner:
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
        h = WORD_RE.match(text, n0, min(n1, n0 + 48))
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
        h = WORD_RE.match(text, n0, min(n1, n0 + 48))
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
# Lines and paragraphs


def scan_lines(text: str) -> tuple[list[int], list[int], list[int], set[int]]:
    """Each line's content span (no surrounding whitespace or invisible characters), its
    indentation (a tab counts 4) and the lines that end in a soft hyphen."""
    starts: list[int] = []
    ends: list[int] = []
    indents: list[int] = []
    soft_end: set[int] = set()
    add_start, add_end, add_indent = starts.append, ends.append, indents.append
    has_soft = "\u00ad" in text
    has_ignorable = IGNORABLE_RE.search(text) is not None
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


def split_block(
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
        elif long_lines and ends_sentence(text, ends[prev], starts[prev]):
            new = True  # one paragraph a line
        elif text[starts[k]] in "-\u2013\u2014\u2015" and ends_sentence(
            text, ends[prev], starts[prev]
        ):
            m = DASH_LINE_RE.match(text, starts[k], ends[k])
            new = m is not None and m.group()[-1].isupper()  # an attribution, a dash dialogue
        if new:
            out.append((first, prev))
            first = k
    out.append((first, b1))
    return out
