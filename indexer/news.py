"""Attribution as news reports it, where it differs from dialogue in fiction.

A news paragraph of reported speech often ends on its attribution after a comma ("The
administration may be reluctant to act, Schiff said."), and the quotation-only paragraph after
it goes on with the same source. In fiction a narration paragraph seldom ends that way; its
quotation-only paragraphs are turns of an exchange, read by turn-taking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from indexer import lexicon
from indexer.cleaning import Paragraph
from indexer.cues import Cue, cue_after, is_speaker, sentence_tail, subject_cue
from indexer.names import NameMention, name_mentions
from indexer.quotes import FoundQuote
from indexer.records import Attribution
from indexer.scene import Attributed

#: The share of a document's quotations standing inside a sentence (after a word, not at the
#: start of their paragraph or after a colon) from which it reports speech rather than telling
#: a story in dialogue: news quotes in fragments ("called it "a disaster""), which dialogue
#: seldom does (the PDNC novels have one in twenty at most, scare quotes counted; half of the
#: PolNeAR news reports have one in three or more).
REPORTED_SHARE = 0.2
#: Too few quotations tell no style.
REPORTED_MIN_QUOTES = 5


def inside_sentence(text: str, start: int) -> bool:
    """Whether a quotation whose opening mark stands at ``start`` of ``text`` (its
    paragraph) stands inside a sentence: a word right before it."""
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "’'")


def reports_speech_style(paragraphs: Sequence[Paragraph], quotes: Sequence[FoundQuote]) -> bool:
    """Whether a document reports speech (news) rather than staging dialogue (fiction), read
    from its quotations (``quotes``, without scare quotes and titles): enough of them stand
    inside sentences."""
    if len(quotes) < REPORTED_MIN_QUOTES:
        return False
    inside = sum(
        inside_sentence(paragraphs[q.marks[0].para].text, q.marks[0].start) for q in quotes
    )
    return inside >= REPORTED_SHARE * len(quotes)


#: How many digits (per thousand characters) a report writes at least: news gives dates,
#: ages, sums and polls in figures (three in four PolNeAR reports without a run of dialogue
#: have 1.8 or more), a story seldom does (the LitBank excerpts without one have 0.5 at most,
#: but for a diary's dates and chapter numbers).
REPORT_DIGITS = 1.0
_DIGIT = re.compile(r"\d")
_CLOSING = re.compile(r"[\s.,;:!?\"”’')]*")


def _bare_line(paragraphs: Sequence[Paragraph], quote: FoundQuote) -> bool:
    """A quotation alone in its paragraph (a line of dialogue, or a report's follow-up)."""
    first, last = quote.marks[0], quote.marks[-1]
    text = paragraphs[last.para].text
    closing = _CLOSING.match(text, last.end)
    return not paragraphs[first.para].text[: first.start].strip() and (
        closing is not None and closing.end() == len(text)
    )


def stages_no_exchange(paragraphs: Sequence[Paragraph], quotes: Sequence[FoundQuote]) -> bool:
    """Whether a document quotes as a report does though its quotations mostly open their
    paragraphs (an interview, a profile): it writes figures (``REPORT_DIGITS``) and no
    quotation alone in its paragraph follows another in the paragraph right before. A story
    stages its dialogue as runs of such bare lines, which alternate; in a report a bare line
    follows a quotation whose source is named, and goes on with it."""
    chars = sum(len(p.text) for p in paragraphs)
    digits = sum(len(_DIGIT.findall(p.text)) for p in paragraphs)
    if not chars or 1000 * digits < REPORT_DIGITS * chars:
        return False
    bare = [(q.marks[0].para, q.marks[-1].para) for q in quotes if _bare_line(paragraphs, q)]
    return not any(b[0] == a[1] + 1 for a, b in pairwise(bare))


def same_source_goes_on(paragraphs: Sequence[Paragraph], results: Sequence[Attributed]) -> None:
    """In a document that reports speech (:func:`reports_speech_style`,
    :func:`stages_no_exchange`), a quotation that turn-taking gave to the other party of an
    exchange goes on with the source of the quotation before it: news quotes one source over
    several paragraphs ("...," Schiff said. / "The other factor..."), where a novel's bare
    lines alternate."""
    quoted = [r for r in results if not r.term]
    found = [r.found for r in quoted]
    if not reports_speech_style(paragraphs, found) and not stages_no_exchange(paragraphs, found):
        return
    for previous, result in pairwise(quoted):
        if result.attribution.method == "turn-taking" and previous.speaker is not None:
            result.speaker = previous.speaker
            result.attribution = Attribution("continuation", previous.attribution.cue, 0.5)


#: How long the attribution closing a sentence may be, from its comma to the period.
ATTRIBUTION_REACH = 150


def trailing_attribution(text: str, para: int, base: int = 0) -> Cue | None:
    """The attribution that closes the last sentence of ``text`` (which starts at ``base`` of
    paragraph ``para``) after a comma ("..., Schiff said." or "..., said Larry Noble, an
    attorney."), if any."""
    stripped = text.rstrip()
    if not stripped.endswith("."):
        return None
    tail, offset = sentence_tail(stripped)
    comma = tail.rfind(", ")
    while comma >= 0 and len(tail) - comma <= ATTRIBUTION_REACH:
        cue = cue_after(tail[comma + 1 :], para, base + offset + comma + 1)
        if cue is not None:
            return cue
        comma = tail.rfind(", ", 0, comma)
    return None


#: A dash that signs a quotation with its author's name ("― Karen Bobadilla", "- Clinton.").
_SIGNATURE = re.compile(r"[\s.,]*(?:[—―–]|--?)\s*(?=[A-Z])")
#: What may follow the name on a signature: nothing, or a description after a comma.
_AFTER_SIGNATURE = re.compile(r"\s*(?:[,.(].*)?$")
#: Titles before a name ("President ", "Sen. ").
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w.]*\s+)*")
#: How long a signature may be.
SIGNATURE_REACH = 200


def signature(text: str, para: int, base: int) -> Cue | None:
    """The author of a quotation signed after it on a dash (``text``, which starts at ``base``
    of paragraph ``para``, is the rest of the quotation's paragraph or the dash line under it):
    the name right after the dash, followed by nothing but a description ("- President Obama,
    tweeting after the speech."). A dash that goes on with narration ("--Mr. Weston came in")
    signs nothing."""
    match = _SIGNATURE.match(text)
    if match is None or len(text) > SIGNATURE_REACH:
        return None
    rest = text[match.end() :]
    mention = next(iter(name_mentions(rest)), None)
    if mention is None or not _TITLE_WORDS.fullmatch(rest, 0, mention.start):
        return None
    if not _AFTER_SIGNATURE.match(rest, mention.end):
        return None
    at = base + match.end() + mention.start
    return Cue(mention.name, para, at, text.strip(), rest[mention.end :], "")


#: The verbs that put out a statement ("Trump issued the following statement:").
_ISSUING = frozenset({"issued", "issues", "released", "releases", "posted", "posts"})
#: A name alone before a colon, opening its sentence or after a dash ("- Philip Bump:").
_LABEL = re.compile(r"\s*(?P<label>[A-Z][^:;,!?—―–]{0,80}?)\s*:\s*$")
_SEPARATOR = re.compile(r".*(?:\s[—―–-]+\s|[—―–]|[.!?]\s+)", re.S)


def colon_source(text: str, para: int, base: int) -> Cue | None:
    """The source of a quotation introduced by a colon without a reporting verb (``text``, which
    starts at ``base`` of paragraph ``para``, ends where the quotation opens): a name alone
    before the colon ("IOWA POLLS - Mark Blumenthal and Jon Cohen:", the last name named), or
    the subject of a verb that issues a statement ("Trump issued the following statement:")."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return None
    tail, offset = sentence_tail(stripped)
    cut = _SEPARATOR.match(tail)
    label = _LABEL.fullmatch(tail, cut.end() if cut else 0)
    if label is not None and not _SALUTATION.match(label.group("label")):
        mentions = list(name_mentions(label.group("label")))
        if (
            mentions
            and is_speaker(mentions[-1].name)
            and _only_names(label.group("label"), mentions)
        ):
            last = mentions[-1]
            at = base + offset + label.start("label") + last.start
            return Cue(last.name, para, at, label.group("label"), "", "")
    if any(word in _ISSUING for word in _WORD.findall(tail)):
        return subject_cue(tail, para, base + offset, _ISSUING)
    return _name_before_colon(tail, para, base + offset)


#: Words before a name that make it the one spoken to or about, not the speaker ("A message
#: to Trump:", "The question for Clinton:").
_NOT_SPEAKER_BEFORE = re.compile(
    r"\b(?:to|for|about|against|toward|towards|at|on|with|of|and|or|than|like|into)\s+$", re.I
)


def _name_before_colon(tail: str, para: int, base: int) -> Cue | None:
    """The person named last, right before the colon that ends the sentence introducing a
    quotation, whose words follow: "The surge does not surprise pollster Dan Shaw:", "More
    from Jones:"; not the one spoken to or about ("A message to Trump:"), nor a single word
    of the dictionary, which labels rather than names ("Illustration:")."""
    mentions = list(name_mentions(tail))
    if not mentions:
        return None
    last = mentions[-1]
    if tail[last.end :].strip() != ":" or not is_speaker(last.name):
        return None
    if len(last.tokens) == 1 and last.title is None and last.name.lower() in lexicon.words():
        return None  # a word that labels a caption or a heading: "Illustration:"
    if _NOT_SPEAKER_BEFORE.search(tail, 0, last.start):
        return None
    return Cue(last.name, para, base + last.start, tail.strip(), "", "")


_WORD = re.compile(r"[\w’']+")
#: A letter's salutation names whom it is written to, not its writer ("Dear Sir:").
_SALUTATION = re.compile(r"(?:My\s+)?Dear(?:est)?\b", re.I)
_JOINERS = re.compile(r"(?:\s|,|\band\b|&|[A-Z][\w.]*)*")


def _only_names(label: str, mentions: list[NameMention]) -> bool:
    """Whether ``label`` holds nothing but the names (with their titles) and "and"."""
    rest = label
    for mention in reversed(mentions):
        rest = rest[: mention.start] + " " * (mention.end - mention.start) + rest[mention.end :]
    return _JOINERS.fullmatch(rest) is not None
