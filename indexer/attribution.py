"""Who said a quotation, to whom, and when.

Sieves, from the most to the least certain, each recorded as the attribution method:

1. ``dash-line``: a block quotation or epigraph attributed by the dash line under it;
2. ``explicit``: a reporting verb next to a name, inside a split quotation (``"...," Castro asked,
   "..."``), right after the quotation (``" Castro observed``), or before it (``Castro said: "``);
   ``alias`` when that name was a surname or first name resolved to a full name;
3. ``pronoun``: a reporting verb next to he/she, resolved to the nearest person named before with
   a compatible gender;
   also the subject of an unfinished sentence leading to a reporting verb ("Fanny struggled for
   speech, and said,"), in the quotation's paragraph or ending the paragraph before on a colon;
4. ``description``: a reporting verb next to a description ("said her father", "cried the
   girl"), resolved to a person of the scene whose gender fits (``data/person_nouns.txt``);
5. ``continuation``: no attribution of its own, in the same paragraph as the quotation before it;
6. ``turn-taking``: a line of dialogue alone in its paragraph, in an exchange of two speakers;
7. ``narration``: the person subject of the narration beside the quotation in its paragraph.

Reporting verbs, titles and pronouns are data files (``indexer/data``). Addressees come from the
object of a verb of address ("asked James Donovan") or from "to NAME" in the cue. The date is the
one on the cue (or the dash line), else the nearest date mention before the quotation in its
paragraph or the few paragraphs before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from indexer.cleaning import Paragraph
from indexer.dates import DateMention
from indexer.names import NameBook, name_gender, name_mentions, titles
from indexer.quotes import FoundQuote, Span, dash_line_author
from indexer.records import Attribution, PartialDate
from indexer.resources import read_lines

#: How many paragraphs back a date (or a pronoun's antecedent) may be found.
DATE_LOOKBACK = 3
PRONOUN_LOOKBACK = 6
#: How far back before a quotation (in characters of its paragraph) its cue is looked for.
CUE_WINDOW = 600
_SCALE = 10**9  # global position = paragraph index * _SCALE + offset


#: How many paragraphs back the people of a scene are gathered from.
SCENE_LOOKBACK = 4

#: How many paragraphs may lie between two turns of one exchange.
TURN_GAP = 2


def position(para: int, offset: int) -> int:
    return para * _SCALE + offset


def _inside(quote: FoundQuote, para: int, offset: int) -> bool:
    return any(m.para == para and m.start <= offset < m.end for m in quote.marks)


_VOCATIVE_BEFORE = re.compile(r"(?:^|[,;:!?.—–-]|\b(?:[Oo]h?|[Dd]ear|[Mm]y dear|[Yy]es|[Nn]o))\s*$")
_VOCATIVE_AFTER = re.compile(r"^\s*(?:[,;:!?.—–-]|$)")


def _vocative(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """A name called out inside a quotation: set off by punctuation or the quotation's edge
    on both sides ("Mr. Bennet, how can you", "you know, Jane.")."""
    before = text[lo:start]
    after = text[end:hi]
    # Titles stand before the name's start: step over them.
    before = re.sub(r"(?:\b[A-Z][a-z]*\.?\s+)+$", "", before) if before.endswith(" ") else before
    return bool(_VOCATIVE_BEFORE.search(before)) and bool(_VOCATIVE_AFTER.match(after))


@cache
def _verbs() -> dict[str, bool]:
    verbs: dict[str, bool] = {}
    for line in read_lines("reporting_verbs.txt"):
        word, _, mark = (piece.strip() for piece in line.partition(">"))
        verbs[word] = verbs.get(word, False) or mark == "addressee"
    return verbs


@cache
def _pronouns() -> dict[str, str]:
    found = {}
    for line in read_lines("pronouns.txt"):
        word, _, gender = (piece.strip() for piece in line.partition("|"))
        found[word] = gender
    return found


#: A character known by a capitalised common noun: "the Mouse", "the Mock Turtle".
_DEFINITE = r"(?:[Tt]he\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?![\w’']))"

#: Words that may stand before the subject that opens a sentence.
_CONNECTIVES = r"(?:And|But|Then|So|Now|Here|There|At last|At length|Presently|Again|Still|Yet)"

#: Nouns for what someone said: "was Mrs. Weston's parting question".
_UTTERANCE = (
    r"(?:reply|answer|question|remark|assurance|comment|response|rejoinder|exclamation"
    r"|declaration|language|words|greeting|observation|conclusion|retort|cry)"
)

#: Determiners that open a description of a person ("the girl", "her father", "a student").
_DETERMINER = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Mm]y|[Tt]heir|[Oo]ur|[Yy]our)"


@dataclass(frozen=True, slots=True)
class PersonNoun:
    gender: str | None  # m, f, or None when the noun does not tell
    kind: str  # kin, person or role (see data/person_nouns.txt)


@cache
def person_nouns() -> dict[str, PersonNoun]:
    """Nouns that describe a person, from ``data/person_nouns.txt``."""
    found = {}
    for line in read_lines("person_nouns.txt"):
        noun, gender, kind = (piece.strip() for piece in line.split("|"))
        found[noun] = PersonNoun(gender if gender in ("m", "f") else None, kind)
    return found


@cache
def _nominal() -> re.Pattern[str]:
    """A speaker named by a description: a determiner, up to two lowercase modifiers and a
    person noun ("the old man", "her elder sister", "a student")."""
    nouns = "|".join(sorted(map(re.escape, person_nouns()), key=len, reverse=True))
    return re.compile(rf"{_DETERMINER}\s+(?:[a-z][a-z-]*\s+){{0,2}}?(?P<noun>{nouns})(?![\w’'-])")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = "|".join(sorted(map(re.escape, _verbs()), key=len, reverse=True))
    title = "|".join(re.escape(" ".join(t.words)) for t in titles())
    pronoun = "|".join(p for w in _pronouns() for p in (w, w.capitalize()))
    from indexer.names import NAME_RUN

    name = rf"(?:(?:{title})\s+)*(?:{NAME_RUN.pattern})"
    nominal = _nominal().pattern.replace("(?P<noun>", "(?:")
    spk = rf"(?P<spk>{pronoun}|{nominal}|{_DEFINITE}|{name})"
    verb = rf"(?P<verb>{verbs})"
    adv = r"(?:(?:was|were)\s+)?(?:[\w-]+ly\s+|also\s+|then\s+|again\s+|later\s+|now\s+)?"
    apposition = r"(?:,\s[^,;:.!?]{1,80},)?"
    rest = r"(?P<rest>[^,;:!?]*)"
    lead = r"^[\s,;:—–-]*"
    return {
        "after_name_verb": re.compile(rf"{lead}{spk}{apposition}\s+{adv}{verb}\b{rest}"),
        "after_verb_name": re.compile(rf"{lead}{verb}\s+{adv}{spk}(?![\w’']){rest}"),
        "before_name_verb": re.compile(
            rf"{spk}{apposition}\s+{adv}{verb}\b(?P<rest>[^,;:!?“\"]*)[,:—–-]*\s*$"
        ),
        "before_verb_name": re.compile(
            rf"(?<![\w’']){verb}\s+{spk}(?![\w’'])(?P<rest>)\s*[,:—–-]+\s*$"
        ),
        "possessive_after": re.compile(
            rf"{lead}was\s+(?:all\s+)?{spk}(?<=['’]s)\s+(?:[a-z]+\s+){{0,2}}?"
            rf"(?P<verb>{_UTTERANCE})\b{rest}"
        ),
        # "was an artless exclamation of Catherine's", "was uttered at the same moment by
        # Catherine", "burst from William".
        "passive_after": re.compile(
            rf"{lead}(?:(?:was|were)\s+(?:[a-z]+\s+){{0,3}}?"
            rf"(?:(?P<verb>{_UTTERANCE})\s+of|(?:uttered|spoken|said|cried|added)\s+"
            rf"(?:[a-z]+\s+){{0,4}}?by)|(?:burst|broke)\s+from)\s+{spk}(?![\w’']){rest}"
        ),
        "closing_name_verb": re.compile(
            rf"^(?:{_CONNECTIVES}\s+)?{spk}{apposition}\s+{adv}{verb}\b"
            r"(?P<rest>[^,;:!?“\"]{0,40})[.:]\s*$"
        ),
        "according_to": re.compile(rf"\b[Aa]ccording to {spk}"),
        "subject": re.compile(rf"[\s,;:—–-]*(?:{_CONNECTIVES}\s+,?\s*)?{spk}(?![\w’'])"),
        "name_verb": re.compile(rf"{spk}{apposition}\s+{adv}{verb}\b(?P<rest>[^,;:!?“\"]*)"),
        "sentence_end": re.compile(
            r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt))(?<!\b(?:Mrs|Gen|Col|Sen|Rep|Gov|Rev))"
            r"(?<!\bCapt)(?<!\bProf)"
            r"[.!?][\"”’)]?\s+(?=[\"“‘'(]?[A-Z0-9])|[.!?][\"”’)]?$"
        ),
    }


@dataclass(frozen=True, slots=True)
class Cue:
    """An attribution found in the text: the speaker's mention as written, and its verb."""

    speaker: str
    para: int
    offset: int  # where the speaker's mention starts in its paragraph
    text: str  # the cue as written
    rest: str  # what follows the verb (its object, "to NAME")
    verb: str


@dataclass(slots=True)
class Attributed:
    """A quotation with its parts joined and its attribution settled."""

    found: FoundQuote
    speaker: str | None = None
    addressees: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    attribution: Attribution = field(default_factory=lambda: Attribution("none"))
    term: bool = False


def _cue_from_match(match: re.Match[str], para: int, base: int) -> Cue:
    return Cue(
        speaker=match.group("spk"),
        para=para,
        offset=base + match.start("spk"),
        text=match.group(0).strip(" ,;:—–-"),
        rest=match.groupdict().get("rest") or "",
        verb=match.group("verb") if "verb" in match.groupdict() and match.group("verb") else "",
    )


_NON_SPACE = re.compile(r"\S")
_NEGATION = re.compile(r"\b(?:nothing|not|no|never|none)\b|n[’']t\b")
_QUOTE_MARK = re.compile(r'["“”]')
_LEADING_PUNCT = re.compile(r"[\s.,;:!?—–-]*")


def _opens_paragraph(text: str, at: int) -> bool:
    """Whether only white space stands before ``at`` in ``text`` (without copying it)."""
    return _NON_SPACE.search(text, 0, at) is None


def _sentence_tail(text: str) -> tuple[str, int]:
    """The last sentence of ``text`` (where a cue before a quotation stands) and its offset."""
    start = 0
    for match in _patterns()["sentence_end"].finditer(text):
        if match.end() < len(text):
            start = match.end()
    return text[start:], start


def _sentence_head(text: str) -> str:
    match = _patterns()["sentence_end"].search(text)
    return text[: match.end()] if match else text


def cue_after(text: str, para: int, base: int) -> Cue | None:
    """A cue that opens ``text`` (the text right after a closing mark)."""
    head = _sentence_head(text)
    for key in ("after_name_verb", "after_verb_name", "possessive_after", "passive_after"):
        match = _patterns()[key].match(head)
        if match and _is_speaker(match.group("spk")):
            return _cue_from_match(match, para, base)
    return None


def cue_before(text: str, para: int, base: int) -> Cue | None:
    """A cue that ends ``text`` (the text before an opening mark), or "according to X" in it."""
    text = text.rstrip()
    if re.search(r"[.!?][\"”’)]?$", text):
        return None  # a finished sentence introduces nothing
    tail, offset = _sentence_tail(text)
    for key in ("before_name_verb", "before_verb_name"):
        match = _patterns()[key].search(tail)
        if not match or not _is_speaker(match.group("spk")):
            continue
        if key == "before_verb_name" and _verbs().get(match.group("verb").lower(), False):
            continue  # "told Fox News:" names whom it was said to
        return _cue_from_match(match, para, base + offset)
    match = _patterns()["according_to"].search(tail)
    if match and _is_speaker(match.group("spk")):
        return Cue(
            match.group("spk"), para, base + offset + match.start("spk"), match.group(0), "", ""
        )
    return _subject_cue(tail, para, base + offset)


def _subject_cue(sentence: str, para: int, base: int) -> Cue | None:
    """The subject of the clause of an unfinished sentence that leads to a reporting verb,
    further than the verb's neighbour: "Fanny struggled for speech, and said," or "Isabella
    had applied her handkerchief to her eyes; and Morland, miserable at such a sight, could
    not help saying,". The subject is the last person before the verb that stands where a
    clause begins (the sentence's start, after a comma, a semicolon, a dash or a conjunction),
    so that the object of a verb or a preposition ("returned to Mr. Crawford, and said") is
    passed over."""
    verbs = _verbs()
    verb = None
    for word in _WORD_RE.finditer(sentence):
        if word.group(0).lower() in verbs:
            verb = word
    if verb is None:
        return None
    head = sentence[: verb.start()]
    subject: tuple[int, str] | None = None
    for start, end in _person_spans(head):
        lead = _TITLE_RUN.sub("", head[max(0, start - 40) : start])
        opening = _OPENING.fullmatch(head, 0, start) is not None
        if not opening and not _CLAUSE_START.search(lead):
            continue  # the object of a verb or a preposition
        if head[end : end + 2] in ("'s", "’s") or _LOOSE_POSSESSIVE.match(head, end):
            continue  # "Catherine's exclamation": a possessor
        subject = (start, head[start:end])
    if subject is None or not _is_speaker(subject[1]):
        return None
    return Cue(
        speaker=subject[1],
        para=para,
        offset=base + subject[0],
        text=sentence.strip(" ,;:—–-"),
        rest=sentence[verb.end() :],
        verb=verb.group(0),
    )


_WORD_RE = re.compile(r"[\w’']+")
#: What may stand just before the subject of a clause.
_CLAUSE_START = re.compile(
    r"(?:[,;:(—–-]|\b(?:and|but|or|when|whilst|while|as|then|till|until|so|though|although"
    r"|before|after|now|yet|once|whereupon|[Aa]nd|[Bb]ut|[Tt]hen))\s*$"
)
#: A sentence's opening up to its subject: nothing, or a connective ("At length Darcy").
_OPENING = re.compile(rf"[\s,;:—–-]*(?:{_CONNECTIVES}\s*,?\s*)?(?:[A-Z][a-z]*\.?\s+)*")
#: Capitalised words (a title, a connective) just before a name's first word.
_TITLE_RUN = re.compile(r"(?:\b[A-Z][a-z]*\.?\s+)+$")
_LOOSE_POSSESSIVE = re.compile(r" s\b")


def _person_spans(text: str) -> list[tuple[int, int]]:
    """Where persons are named (with their titles) or referred to by a singular pronoun in
    ``text``."""
    found = []
    for mention in name_mentions(text):
        titled = _titles_before().search(text, max(0, mention.start - 40), mention.start)
        found.append((titled.start() if titled else mention.start, mention.end))
    for match in _pronoun_re().finditer(text):
        if _pronouns()[match.group(0).lower()] == "p":
            continue  # "assured her that they never sat there": no one person
        found.append((match.start(), match.end()))
    return sorted(found)


@cache
def _titles_before() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, titles_words()), key=len, reverse=True))
    return re.compile(rf"(?<![\w’'])(?:(?:{words})\s+)+$")


@cache
def _pronoun_re() -> re.Pattern[str]:
    words = "|".join(p for w in _pronouns() for p in (w, w.capitalize()))
    return re.compile(rf"\b(?:{words})\b")


def _is_speaker(text: str) -> bool:
    if re.fullmatch(_DEFINITE, text) or _nominal().fullmatch(text):
        return True
    return text.lower() in _pronouns() or any(True for _ in name_mentions(text))


@cache
def titles_words() -> frozenset[str]:
    return frozenset(" ".join(t.words) for t in titles())


def _speaker_name(text: str) -> tuple[str | None, str | None]:
    """(name, title) of a speaker mention, or (None, None) for a pronoun."""
    if text.lower() in _pronouns():
        return None, None
    if re.fullmatch(_DEFINITE, text):
        return "The " + text.split(None, 1)[1], None
    mentions = list(name_mentions(text))
    if not mentions:
        return None, None
    return mentions[-1].name, mentions[-1].title


def _with_title(resolved: str, name: str, title: str | None) -> str:
    """A name left unresolved keeps its courtesy title: "Mrs. Bennet" and "Mr. Bennet" stay
    apart."""
    gender = _title_gender(title)
    if resolved == name and title and gender and len(title.split()) == 1:
        return f"{title} {name}"
    return resolved


def _title_gender(title: str | None) -> str | None:
    return next((t.gender for t in titles() if " ".join(t.words) == title), None)


def _epithet(text: str, start: int, end: int) -> str | None:
    """The person noun set beside a name: "Lydgate, the doctor," or "the old doctor, Lydgate"."""
    after = _epithet_after().match(text, end)
    if after:
        return after.group("noun")
    before = _epithet_before().search(text[max(0, start - 60) : start])
    return before.group("noun") if before else None


@cache
def _epithet_after() -> re.Pattern[str]:
    return re.compile(rf",\s+{_nominal().pattern}\s*[,;.]")


@cache
def _epithet_before() -> re.Pattern[str]:
    return re.compile(rf"{_nominal().pattern},?\s+(?:[A-Z][a-z]*\.?\s+)*$")


def addressees_in(rest: str, verb: str) -> list[str]:
    """Names addressed in what follows a reporting verb: its object, or "to NAME and NAME"."""
    target = ""
    to = re.search(r"\bto\s+(.*)", rest)
    if to:
        target = to.group(1)
    elif _verbs().get(verb.lower(), False):
        target = rest
    target = re.split(r"[,;:]|\s(?:that|about|if|whether|when|why|how|in|on|at|during)\s", target)[
        0
    ]
    return [m.name for m in name_mentions(target)]


def join_split_quotes(
    paragraphs: Sequence[Paragraph], quotes: list[FoundQuote]
) -> list[Cue | None]:
    """Join quotations interrupted by their attribution, in place; return each one's inner cue."""
    joined: list[FoundQuote] = []
    cues: list[Cue | None] = []
    for quote in quotes:
        prev = joined[-1] if joined else None
        if prev is not None and prev.block_dash_line is None and quote.block_dash_line is None:
            last, first = prev.marks[-1], quote.marks[0]
            if last.para == first.para:
                text = paragraphs[last.para].text
                gap = text[last.end : first.start]
                content = text[prev.parts[-1].start : prev.parts[-1].end].rstrip()
                opening = prev.marks[0]
                starts = _starts_sentence(paragraphs[opening.para].text, opening.start)
                if splits_quote(gap, content, starts) and not _own_cue_after(text, quote):
                    prev.parts.extend(quote.parts)
                    prev.marks.extend(quote.marks)
                    prev.nested.extend(quote.nested)
                    cues[-1] = (
                        cues[-1]
                        or cue_after(gap, last.para, last.end)
                        or _subject_cue(gap, last.para, last.end)
                    )
                    continue
        joined.append(quote)
        cues.append(None)
    quotes[:] = joined
    return cues


#: How many words of the gap between two quotations may come before its reporting verb.
_CUE_REACH = 6


def _own_cue_after(text: str, quote: FoundQuote) -> bool:
    """Whether the quotation after a gap has an attribution of its own right after it
    ("...," said Preble, of the Cato Institute. "This debate is misleading," he said.):
    then the gap ended one quotation and the next is a new one."""
    close = quote.marks[-1]
    if close.para != quote.marks[0].para:
        return False
    after = text[close.end : close.end + 120]
    if not after[:1].isspace() and after[:1] not in ",;—–-":
        return False
    return cue_after(after, close.para, close.end) is not None


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a quotation opening at ``at`` starts a sentence of its own (it opens the
    paragraph, or follows a sentence end or a colon), rather than standing inside one."""
    before = text[max(0, at - 4) : at].rstrip()
    return not before or before[-1] in '.!?:;"”’)' or _opens_paragraph(text, at)


def splits_quote(gap: str, content: str, starts_sentence: bool = True) -> bool:
    """Whether ``gap``, the text between two quotations of one paragraph, is an attribution
    that interrupts one quotation: ``"Do not apologize," said his host. "You are late."``.

    The first part must not end a statement (``,``, a dash, ``;``, ``!`` or ``?``, but not
    ``.``), the gap must be one clause (no sentence end before its last character) and a
    reporting verb must stand among its first few words, unless the first part starts a
    sentence (``starts_sentence``) and breaks off on a comma or a dash before a clause about
    its speaker (``"Yes," he nodded. "Go on."``). An exclamation or a question goes on
    in the same turn after its attribution (``"Why?" he asked. "Tell me."``): both annotated
    sets join these (PDNC 1,321 of 1,411, PolNeAR 33 of 35).
    """
    stripped = gap.strip()
    bare = content.rstrip("'’\"”")  # a nested quotation may end the part
    if not stripped or len(stripped) > 200 or bare[-1:] in (".", ":") or not bare:
        return False
    if bare != content and bare[-1] in "!?":
        return False  # the nested quotation's question ends a statement: "So I said, 'why?'"
    body = stripped.rstrip(",.;:—–-")
    if _patterns()["sentence_end"].search(body.replace("U.S.", "US")):
        return False
    if starts_sentence and bare[-1] in ",—–-" and _about_a_speaker(body):
        return True  # an unfinished sentence resumes after one clause about its speaker
    words = re.findall(r"[\w’']+", body)[:_CUE_REACH]
    verbs = _verbs()
    return any(word.lower() in verbs for word in words)


def _about_a_speaker(clause: str) -> bool:
    """A clause that starts with a person and a verb ("he nodded", "Anne confided to
    Marilla") or with a participle ("looking into the park")."""
    if _PARTICIPLE.match(clause):
        return True
    match = _patterns()["subject"].match(clause)
    return (
        match is not None
        and _is_speaker(match.group("spk"))
        and _LOWER_WORD.match(clause, match.end()) is not None
    )


_PARTICIPLE = re.compile(r"[a-z]+ing\b")
_LOWER_WORD = re.compile(r",?\s+[a-z]")


class Attributor:
    """Settles speaker, addressees and date for every quotation of one document."""

    def __init__(self, paragraphs: Sequence[Paragraph], dates: Sequence[Sequence[DateMention]]):
        self.paragraphs = paragraphs
        self.dates = dates
        self.book = NameBook()
        self.mentions = []
        self.quoted: set[int] = set()
        self.epithets: dict[str, set[str]] = {}
        for index, para in enumerate(paragraphs):
            found = list(name_mentions(para.text))
            self.mentions.append(found)
            self.book.add_all(position(index, 0), found)
        for index, para in enumerate(paragraphs):
            for mention in self.mentions[index]:
                noun = _epithet(para.text, mention.start, mention.end)
                if noun:
                    where = position(index, mention.start)
                    full = self.book.resolve(mention.name, where, None, mention.title)
                    self.epithets.setdefault(full, set()).add(noun)

    def attribute(self, quotes: list[FoundQuote]) -> list[Attributed]:
        inner_cues = join_split_quotes(self.paragraphs, quotes)
        self.quoted = {span.para for quote in quotes for span in quote.marks}
        results: list[Attributed] = []
        for i, quote in enumerate(quotes):
            prev_close = quotes[i - 1].marks[-1] if i else None
            next_open = quotes[i + 1].marks[0] if i + 1 < len(quotes) else None
            results.append(self._one(quote, inner_cues[i], prev_close, next_open, results))
        return results

    def _one(
        self,
        quote: FoundQuote,
        inner: Cue | None,
        prev_close: Span | None,
        next_open: Span | None,
        earlier: list[Attributed],
    ) -> Attributed:
        result = Attributed(quote)
        first, last = quote.marks[0], quote.marks[-1]
        cue: Cue | None = None
        method = "explicit"
        if quote.block_dash_line is not None:
            line = self.paragraphs[quote.block_dash_line].text
            at = dash_line_author(line) or 0
            mentions = list(name_mentions(line[at:]))
            if mentions:
                m = mentions[0]
                rest = line[at + m.end :]
                cue = Cue(m.name, quote.block_dash_line, at + m.start, line.strip(), rest, "")
                method = "dash-line"
        if cue is None:
            cue = inner
        if cue is None:
            text = self.paragraphs[last.para].text
            stop = next_open.start if next_open and next_open.para == last.para else len(text)
            cue = cue_after(text[last.end : stop], last.para, last.end)
        if cue is None:
            text = self.paragraphs[first.para].text
            begin = prev_close.end if prev_close and prev_close.para == first.para else 0
            cue = cue_before(text[begin : first.start], first.para, begin)
            if cue is None and _opens_paragraph(text, first.start) and first.para > 0:
                cue = self._cue_in_paragraph_before(first.para - 1, prev_close)
        if cue is not None:
            self._settle_speaker(result, cue, method, earlier)
        else:
            self._without_cue(result, earlier)
        if not result.term and not result.addressees:
            result.addressees = self._addressees(result, earlier)
        result.date = self._date(quote, cue)
        return result

    def _cue_in_paragraph_before(self, para: int, prev_close: Span | None) -> Cue | None:
        """A cue ending the paragraph before a quotation that opens its own: narration that
        breaks off on a colon or a comma ("Then Freddy said:")."""
        text = self.paragraphs[para].text
        begin = prev_close.end if prev_close and prev_close.para == para else 0
        if not re.search(r"[,:—–-]\s*$", text[begin:]):
            if prev_close is not None and prev_close.para == para:
                return None
            # A paragraph of narration closing on a short sentence in which someone takes
            # the floor ("Mrs Musgrove interposed.", "Mr. Collins began.").
            tail, offset = _sentence_tail(text[max(0, len(text) - CUE_WINDOW) :].rstrip())
            offset += max(0, len(text) - CUE_WINDOW)
            match = _patterns()["closing_name_verb"].match(tail)
            if not match or not _is_speaker(match.group("spk")):
                return None
            if _NEGATION.search(match.group("rest")):
                return None  # "Elizabeth said nothing."
            return _cue_from_match(match, para, offset)
        return cue_before(text[begin:], para, begin)

    def _settle_speaker(
        self, result: Attributed, cue: Cue, method: str, earlier: list[Attributed]
    ) -> None:
        where = position(cue.para, cue.offset)
        name, _title = _speaker_name(cue.speaker)
        described = _nominal().fullmatch(cue.speaker)
        if described:
            resolved = self._described(described, where, result.found, earlier)
            result.speaker = resolved
            result.attribution = Attribution("description", cue.text, 0.5 if resolved else 0.2)
        elif name is None:
            gender = _pronouns().get(cue.speaker.lower())
            resolved = self._antecedent(where, gender, result.found, earlier)
            if resolved is None:
                result.attribution = Attribution("pronoun", cue.text, 0.2)
                return
            result.speaker = resolved
            result.attribution = Attribution("pronoun", cue.text, 0.6)
        else:
            resolved = self.book.resolve(name, where, _title_gender(_title), _title)
            full = _with_title(resolved, name, _title)
            result.speaker = full
            if resolved != name and method == "explicit":
                method = "alias"
            result.attribution = Attribution(method, cue.text, 0.9 if method != "alias" else 0.8)
        result.addressees = [
            self.book.resolve(n, where)
            for n in addressees_in(cue.rest, cue.verb)
            if self.book.resolve(n, where) != result.speaker
        ]

    def gender_of(self, name: str) -> str | None:
        """m, f or None: from the name's courtesy title, the document, or the first-names list."""
        tokens = name.split()
        for title in titles():
            if len(tokens) > len(title.words) and tuple(tokens[: len(title.words)]) == title.words:
                if title.gender:
                    return title.gender
                tokens = tokens[len(title.words) :]
                break
        return self.book.gender.get(name) or name_gender(tokens)

    def _conversation(self, quote: FoundQuote, earlier: list[Attributed]) -> list[Attributed]:
        """The quotations of the exchange ``quote`` belongs to, latest first: earlier quotations
        with a speaker, each at most ``TURN_GAP`` paragraphs before the next."""
        found: list[Attributed] = []
        para = quote.marks[0].para
        for item in reversed(earlier):
            if item.term:
                continue
            if para - item.found.marks[-1].para > TURN_GAP:
                break
            para = item.found.marks[0].para
            found.append(item)
        return found

    def _participants(self, quote: FoundQuote, earlier: list[Attributed]) -> list[str]:
        """The distinct speakers of the exchange, latest first."""
        seen: list[str] = []
        for item in self._conversation(quote, earlier):
            if item.speaker and item.speaker not in seen:
                seen.append(item.speaker)
        return seen

    def _scene(self, where: int, quote: FoundQuote, earlier: list[Attributed]) -> list[str]:
        """The people present around ``where``, most likely first: the parties of the exchange
        (the one who spoke last moved to the end when the turn changes), then the people named
        in the narration of the paragraph and the few before it, latest first."""
        para, offset = divmod(where, _SCALE)
        people = self._participants(quote, earlier)
        conversation = self._conversation(quote, earlier)
        if conversation and conversation[0].found.marks[-1].para < quote.marks[0].para:
            last = conversation[0].speaker
            people = [p for p in people if p != last] + ([last] if last else [])
        for index in range(para, max(-1, para - SCENE_LOOKBACK), -1):
            for mention in reversed(self.mentions[index]):
                if index == para and mention.start >= offset:
                    continue
                full = self.book.resolve(
                    mention.name,
                    position(index, mention.start),
                    _title_gender(mention.title),
                    mention.title,
                )
                full = _with_title(full, mention.name, mention.title)
                if full not in people:
                    people.append(full)
        return people

    def _described(
        self, match: re.Match[str], where: int, quote: FoundQuote, earlier: list[Attributed]
    ) -> str | None:
        """Who a description stands for ("said her father", "cried the girl"): the first
        person of the scene whose gender fits; a relation ("her father") is never its own
        possessor. A part nobody of the scene fits ("the jailer") is kept as written; a
        relation nobody fits stays unresolved."""
        noun = person_nouns()[match.group("noun")]
        determiner = match.group(0).split()[0].lower()
        possessor = None
        if noun.kind == "kin" and determiner in ("his", "her"):
            possessor = self._antecedent(where, "m" if determiner == "his" else "f", quote, [])
        for person in self._scene(where, quote, earlier):
            if person == possessor:
                continue
            if noun.kind == "role":
                if self._named_as(person, match.group("noun")):
                    return person
                continue  # a part is taken by someone the text called so, or by no one
            if noun.gender is None and noun.kind == "person":
                break  # "the child": no gender to pick anyone by
            gender = self.gender_of(person)
            if noun.gender is not None and gender != noun.gender:
                continue
            return person
        if noun.kind == "kin" and determiner not in ("the", "a", "an"):
            return None
        return match.group(0)

    def _named_as(self, person: str, noun: str) -> bool:
        """Whether the document calls ``person`` by ``noun`` next to the name ("the doctor,
        Mr. Lydgate", "Lydgate, the doctor")."""
        return noun in self.epithets.get(person, ())

    def _antecedent(
        self, where: int, gender: str | None, quote: FoundQuote, earlier: list[Attributed]
    ) -> str | None:
        """Who he/she stands for: a person of that gender named earlier in the cue's paragraph,
        else the other party of the exchange (the speaker before last when the turn changes),
        else the nearest person of that gender named before."""
        if gender == "p":
            return None
        para = where // _SCALE
        offset = where % _SCALE

        def fits(name: str) -> bool:
            known = self.gender_of(name)
            return gender not in ("m", "f") or known == gender

        for mention in reversed(self.mentions[para]):
            if mention.start < offset and not _inside(quote, para, mention.start):
                resolved = self.book.resolve(
                    mention.name, position(para, mention.start), gender, mention.title
                )
                full = _with_title(resolved, mention.name, mention.title)
                if fits(full) and self.gender_of(full):
                    return full
        if para > 0 and para - 1 not in self.quoted:
            # Narration just before: the person it last names ("Mr. Beebe reappeared.").
            for mention in reversed(self.mentions[para - 1]):
                resolved = self.book.resolve(
                    mention.name, position(para - 1, mention.start), None, mention.title
                )
                full = _with_title(resolved, mention.name, mention.title)
                if fits(full) and self.gender_of(full):
                    return full
        participants = self._participants(quote, earlier)
        conversation = self._conversation(quote, earlier)
        if conversation and conversation[0].found.marks[-1].para < quote.marks[0].para:
            last = conversation[0].speaker
            participants = [p for p in participants if p != last] + ([last] if last else [])
        for name in participants:
            if fits(name):
                return name
        for index in range(para, max(-1, para - PRONOUN_LOOKBACK), -1):
            for mention in reversed(self.mentions[index]):
                if index == para and mention.start >= offset:
                    continue
                full = self.book.resolve(
                    mention.name, position(index, mention.start), gender, mention.title
                )
                if fits(full) and self.gender_of(full):
                    return full
        return None

    def _without_cue(self, result: Attributed, earlier: list[Attributed]) -> None:
        quote = result.found
        first = quote.marks[0]
        text = self.paragraphs[first.para].text
        lo = max(0, first.start - CUE_WINDOW)
        before = text[lo : first.start].rstrip()
        content = " ".join(self.paragraphs[p.para].text[p.start : p.end] for p in quote.parts)
        inline = bool(before) and (before[-1].isalnum() or before[-1] in "’'")
        if inline and len(quote.parts) == 1:
            sentence, offset = _sentence_tail(before)
            cue = self._partial_quote_cue(sentence, first.para, lo + offset)
            if cue is not None:  # a partial quotation: what X called "a brazen breach"
                self._settle_speaker(result, cue, "explicit", earlier)
                return
            if not quote.nested and len(content.split()) <= 5:
                result.term = True  # a scare quote, a title, a word as a word
                return
        previous = next((e for e in reversed(earlier) if not e.term), None)
        if previous is not None and previous.found.marks[-1].para == first.para:
            if previous.speaker is not None:
                result.speaker = previous.speaker
                result.attribution = Attribution("continuation", previous.attribution.cue, 0.6)
            return
        if before:
            # Narration opens the paragraph: not a bare line of dialogue, but the person it
            # is about speaks ("Sissy resumed in a lower voice. "...").
            self._narration(result, earlier, self._subject_before(first.para, first.start))
            return
        conversation = self._conversation(quote, earlier)
        if previous is not None and len(conversation) >= 2 and conversation[0] is previous:
            # Turns alternate: the speaker two, four or six turns back, if one is known.
            speaker = next((c.speaker for c in conversation[1:6:2] if c.speaker), None)
            if speaker is not None and speaker != previous.speaker:
                result.speaker = speaker
                result.attribution = Attribution("turn-taking", None, 0.5)
                return
        last = quote.marks[-1]
        self._narration(result, earlier, self._subject_after(last.para, last.end))

    def _narration(self, result: Attributed, earlier: list[Attributed], cue: Cue | None) -> None:
        """Settle the speaker on the subject of the narration next to a quotation, if any."""
        if cue is None:
            return
        self._settle_speaker(result, cue, "explicit", earlier)
        if result.speaker is None:
            result.attribution = Attribution("none")
        else:
            result.attribution = Attribution("narration", cue.text, 0.4)

    def _subject_before(self, para: int, end: int) -> Cue | None:
        """The person subject of the last sentence before ``end`` in the paragraph that has
        one (looking back at most CUE_WINDOW characters)."""
        text = self.paragraphs[para].text
        lo = max(0, end - CUE_WINDOW)
        ends = _patterns()["sentence_end"].finditer(text, lo, end)
        starts = [lo] + [m.end() for m in ends]
        for start in reversed(starts):
            cue = self._subject_at(text, para, start, end)
            if cue is not None:
                return cue
        return None

    def _subject_after(self, para: int, start: int) -> Cue | None:
        """The person subject of the sentence right after a quotation, when narration follows
        it in its paragraph ("...". Elizabeth coloured.)."""
        text = self.paragraphs[para].text
        mark = _QUOTE_MARK.search(text, start, start + CUE_WINDOW)
        stop = mark.start() if mark else min(len(text), start + CUE_WINDOW)
        head = _LEADING_PUNCT.match(text, start, stop)
        offset = head.end() if head else start
        if offset >= stop or not text[offset].isupper():
            return None  # a sentence going on in lowercase is a cue, or no narration at all
        return self._subject_at(text, para, offset, stop)

    def _subject_at(self, text: str, para: int, start: int, stop: int) -> Cue | None:
        match = _patterns()["subject"].match(text, start, stop)
        if not match or not _is_speaker(match.group("spk")):
            return None
        sentence = _sentence_head(text[start:stop])
        return Cue(match.group("spk"), para, match.start("spk"), sentence.strip(), "", "")

    def _partial_quote_cue(self, sentence: str, para: int, offset: int) -> Cue | None:
        """The speaker of a quoted fragment inside a sentence that reports speech: the last
        name or pronoun before a reporting verb in the sentence before the fragment."""
        cue = None
        for match in _patterns()["name_verb"].finditer(sentence):
            if _is_speaker(match.group("spk")):
                cue = _cue_from_match(match, para, offset)
        return cue

    def _addressees(self, result: Attributed, earlier: list[Attributed]) -> list[str]:
        """Whom a quotation addresses: a name called out in it (``"Mr. Bennet, how..."``),
        else the other party of a two-person exchange."""
        quote = result.found
        for part in quote.parts:
            text = self.paragraphs[part.para].text
            for mention in self.mentions[part.para]:
                if not part.start <= mention.start < part.end:
                    continue
                if _vocative(text, mention.start, mention.end, part.start, part.end):
                    where = position(part.para, mention.start)
                    name = self.book.resolve(mention.name, where)
                    if name != result.speaker:
                        return [name]
        first = quote.marks[0]
        if not _opens_paragraph(self.paragraphs[first.para].text, first.start):
            return []  # not a line of dialogue: no exchange to read the addressee from
        conversation = self._conversation(quote, earlier)
        if not conversation or conversation[0].found.marks[-1].para == first.para:
            return []
        prev_first = conversation[0].found.marks[0]
        if not _opens_paragraph(self.paragraphs[prev_first.para].text, prev_first.start):
            return []  # the turn before was no line of dialogue either
        participants = self._participants(quote, earlier)
        others = [p for p in participants[:2] if p != result.speaker]
        return others[:1] if result.speaker and others else []

    def _date(self, quote: FoundQuote, cue: Cue | None) -> PartialDate | None:
        if quote.block_dash_line is not None:
            found = self.dates[quote.block_dash_line]
            if found:
                return found[0].date
        if cue is not None:
            window = (cue.offset, cue.offset + len(cue.text) + 80)
            for mention in self.dates[cue.para]:
                if window[0] <= mention.start < window[1]:
                    return mention.date
        first = quote.parts[0]
        for index in range(first.para, max(-1, first.para - DATE_LOOKBACK - 1), -1):
            mentions = self.dates[index]
            if index == first.para:
                mentions = [m for m in mentions if m.start < first.start]
            if mentions:
                return mentions[-1].date
        return None
