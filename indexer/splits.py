"""Split quotations: one quotation interrupted by its attribution, joined again.

``"Do not apologize," said his host. "You are late."`` is one quotation in two parts; the cue
between them is its attribution. :func:`join_split_quotes` joins such parts in place and hands
back each joined quotation's inner cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.cleaning import Paragraph
from indexer.cues import (
    Cue,
    cue_after,
    cue_before,
    is_speaker,
    opens_paragraph,
    patterns,
    pronouns,
    reporting_verbs,
    sentence_tail,
    speaker_name,
    subject_cue,
)
from indexer.news import reports_speech_style
from indexer.quotes import FoundQuote
from indexer.resources import read_set


def join_split_quotes(
    paragraphs: Sequence[Paragraph], quotes: list[FoundQuote]
) -> list[Cue | None]:
    """Join quotations interrupted by their attribution, in place; return each one's inner cue.

    A title quoted inside the attribution (``"...," he said on MSNBC's "Morning Joe." "..."``)
    stays a quotation of its own, and the parts on either side of it are joined over it.
    In a document that reports speech (:func:`indexer.news.reports_speech_style`), a fragment
    quoted inside a sentence is not resumed by the next quotation of that sentence ("called
    it "shameful" and called on leaders "not to..."": two partial quotations)."""
    reported = reports_speech_style(paragraphs, quotes)
    joined: list[FoundQuote] = []
    cues: list[Cue | None] = []
    for quote in quotes:
        at = len(joined) - 1
        cue = None
        if joined and not _gap_title(paragraphs, quote):
            cue = _join(paragraphs, joined[at], quote, None, reported)
        if cue is None and len(joined) >= 2 and _gap_title(paragraphs, joined[-1]):
            at = len(joined) - 2
            cue = _join(paragraphs, joined[at], quote, joined[-1], reported)
        if cue is None:
            joined.append(quote)
            cues.append(None)
            continue
        prev = joined[at]
        prev.parts.extend(quote.parts)
        prev.marks.extend(quote.marks)
        prev.nested.extend(quote.nested)
        cues[at] = cues[at] or cue.found
    quotes[:] = joined
    return cues


@dataclass(frozen=True, slots=True)
class _Joined:
    """A join made, with the cue found in its gap (if any)."""

    found: Cue | None


def _join(
    paragraphs: Sequence[Paragraph],
    prev: FoundQuote,
    quote: FoundQuote,
    title: FoundQuote | None,
    reported: bool,
) -> _Joined | None:
    """Whether ``quote`` resumes ``prev`` after an attribution (which holds ``title``, if any)."""
    if prev.block_dash_line is not None or quote.block_dash_line is not None:
        return None
    last, first = prev.marks[-1], quote.marks[0]
    if last.para != first.para:
        return None
    text = paragraphs[last.para].text
    gap = text[last.end : first.start]
    if title is not None:  # the title read as words of the attribution
        mark, part = title.marks[0], title.parts[0]
        words = text[part.start : part.end].rstrip(".,")
        gap = text[last.end : mark.start] + words + text[mark.end : first.start]
    content = text[prev.parts[-1].start : prev.parts[-1].end].rstrip()
    opening = prev.marks[0]
    starts = _starts_sentence(paragraphs[opening.para].text, opening.start)
    if reported and not starts and gap.rstrip()[-1:] not in ".!?":
        return None  # a report's fragment inside a sentence, then another one
    if not splits_quote(gap, content, starts) and (
        reported or not _cue_then_narration(gap, content)
    ):
        return None  # no cue in the gap, nor a cue and narration a broken-off part resumes over
    if _inside_clause(gap):
        return None
    if _own_cue_after(text, quote) and not (starts and _goes_on(text, quote)):
        return None
    if reported and _second_cue(gap):
        return None
    if _another_speaker_leads_in(gap):
        return None
    return _Joined(cue_after(gap, last.para, last.end) or subject_cue(gap, last.para, last.end))


#: How many words a title quoted inside an attribution may have.
_TITLE_WORDS = 8
_MINOR_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


def _gap_title(paragraphs: Sequence[Paragraph], quote: FoundQuote) -> bool:
    """Whether a quotation is a title standing inside a sentence ("on ABC's "This Week""):
    one part glued to the word before it, every word but the minor ones capitalised."""
    if len(quote.parts) != 1 or quote.block_dash_line is not None:
        return False
    part, mark = quote.parts[0], quote.marks[0]
    text = paragraphs[part.para].text
    before = text[max(0, mark.start - 2) : mark.start].rstrip()
    if not before or not (before[-1].isalnum() or before[-1] in "’'"):
        return False
    words = _WORD.findall(text[part.start : part.end])
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    return 0 < len(words) <= _TITLE_WORDS and bool(major) and all(w[0].isupper() for w in major)


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
    content = text[quote.parts[-1].start : quote.parts[-1].end].rstrip("'’\"” ")
    if content.endswith(".") and _NEW_SENTENCE.match(after):
        return False  # "...," she said. "We feel good." She noted a rally...: narration
    return cue_after(after, close.para, close.end) is not None


def _goes_on(text: str, quote: FoundQuote) -> bool:
    """Whether the quotation after a gap opens in lowercase, so that it goes on with the
    sentence that the part before the gap broke off (``"The truth is," said Tom, "that we
    never met," he added.``): one quotation, however many cues interrupt it. In PDNC such a
    part after a quotation that starts a sentence resumes it 87 times in 94, even with an
    attribution of its own after it; inside a sentence of narration a lowercase quotation
    is a fragment of its own (``He said "we will win" today. Then "we lost," she said.``)."""
    part = quote.parts[0]
    letter = _FIRST_LETTER.search(text, part.start, part.end)
    return letter is not None and letter.group(0).islower()


_FIRST_LETTER = re.compile(r"[^\W\d_]")


#: A new sentence after a quotation that ends with its own period.
_NEW_SENTENCE = re.compile(r"\s+[A-Z]")


def _second_cue(gap: str) -> bool:
    """Whether the gap reports a second utterance after the one it attributes (``"...," she
    said, adding, "..."``, ``"...," Trump said, adding later, "..."``): two reporting verbs,
    the second after a comma."""
    verbs = reporting_verbs()
    found = [m for m in _WORD.finditer(gap) if m.group(0).lower() in verbs]
    if len(found) < 2 or found[-1].group(0).lower() not in _ADDING:
        return False
    return "," in gap[found[0].end() : found[-1].start()]


def _another_speaker_leads_in(gap: str) -> bool:
    """Whether the gap, after the attribution of the part before it, gives the floor to
    someone else, whose own reporting verb leads into the next part (``"...," said Ann
    Hale; and Mrs. Lee murmured: "..."``, ``"...," called Ann, while Tom said, "..."``): two
    quotations of two speakers. Pronouns are not compared (whom they stand for is not
    known here), nor the subject of a clause of time or manner, which is no speaker
    (``"...," said Tom, when Ann had read the note aloud, "..."``)."""
    if gap.rstrip()[-1:] not in ":,":
        return False
    first = cue_after(gap, 0, 0, punctuated=True)
    second = cue_before(gap, 0, 0)
    if first is None or second is None or second.offset <= first.offset:
        return False
    if second.verb.lower() not in reporting_verbs():
        return False
    words = [_name_words(cue.speaker) for cue in (first, second)]
    if not all(words) or words[0] & words[1]:
        return False
    return _SUBORDINATE_BEFORE.search(gap, 0, second.offset) is None


def _name_words(mention: str) -> frozenset[str]:
    """The words of a speaker mention that tell who it is (none for a pronoun), lowercased,
    without its title or article."""
    if mention.lower() in pronouns():
        return frozenset()
    name = speaker_name(mention)[0] or mention
    return frozenset(w for w in name.lower().split() if w not in ("the", "a", "an"))


#: A conjunction of time or manner right before a subject ("when Ann had read", "as Tom").
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:when|as|after|before|until|till|though|although|if|since|because|whilst)\s+$"
)


#: Verbs that report a further utterance after a first attribution ("she said, adding,").
_ADDING = frozenset({"adding", "added", "adds", "continuing", "noting", "concluding"})


def _inside_clause(gap: str) -> bool:
    """Whether the gap runs on into a clause that the next quotation stands inside
    (``"...," said Biden, urging them to "give him time."``, ``"...," he said, adding that
    the plan "will fail."``): the gap holds a that-clause, or its last word leaves the clause
    open for a complement (an article, a preposition, a form of "be", an object pronoun,
    ``data/clause_words.txt``, or a possessive, "on ABC's"), where a resumed quotation follows
    the attribution itself."""
    tail = gap.rstrip()
    if not tail or not tail[-1].isalpha():
        return False
    words = _WORD.findall(tail)
    if len(words) < 2:
        return False
    last = words[-1]
    return (
        last in read_set("clause_words.txt") or last.endswith(("'s", "’s")) or "that" in words[1:]
    )


_WORD = re.compile(r"[\w’']+")


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a quotation opening at ``at`` starts a sentence of its own (it opens the
    paragraph, or follows a sentence end or a colon), rather than standing inside one."""
    before = text[max(0, at - 4) : at].rstrip()
    return not before or before[-1] in '.!?:;"”’)' or opens_paragraph(text, at)


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
    if patterns()["sentence_end"].search(body.replace("U.S.", "US")):
        return False
    if starts_sentence and bare[-1] in ",—–-" and _about_a_speaker(body):
        return True  # an unfinished sentence resumes after one clause about its speaker
    words = re.findall(r"[\w’']+", body)[:_CUE_REACH]
    verbs = reporting_verbs()
    return any(word.lower() in verbs for word in words)


#: How long (in characters) the attribution and the narration after it may be when a
#: quotation resumes over them.
_NARRATION_REACH = 150


def _cue_then_narration(gap: str, content: str) -> bool:
    """Whether ``gap`` is the attribution of a part that breaks off on a comma, a dash, ``;``,
    ``!`` or ``?``, followed by a sentence of narration that leads to nothing
    (``"So it is," said Ann, hiding her vexation. She was tired of it. "Tom is
    odd."``): the speaker goes on. The gap opens with its cue, is short and ends on a full
    stop, and its last sentence holds no reporting verb (``He added, "..."`` leads into a
    new quotation). In PDNC such parts belong to one quotation 37 times in 42; a report
    (:func:`indexer.news.reports_speech_style`) does not join them, since its narration
    after a cue turns to other people as often as not (PolNeAR: 8 times in 13)."""
    bare = content.rstrip("'’\"”")
    if bare[-1:] not in _BROKEN_OFF or (bare != content and bare[-1] in "!?"):
        return False
    stripped = gap.strip()
    if len(stripped) > _NARRATION_REACH or not stripped.endswith("."):
        return False
    if cue_after(stripped, 0, 0, punctuated=True) is None:
        return False
    tail, at = sentence_tail(stripped)
    verbs = reporting_verbs()
    return at == 0 or not any(w.lower() in verbs for w in _WORD.findall(tail))


#: The last characters of a part that breaks off, or exclaims, before its attribution.
_BROKEN_OFF = frozenset(",;—–-!?")


def _about_a_speaker(clause: str) -> bool:
    """A clause that starts with a person and a verb ("he nodded", "Anne confided to
    Marilla") or with a participle ("looking into the park")."""
    if _PARTICIPLE.match(clause):
        return True
    match = patterns()["subject"].match(clause)
    return (
        match is not None
        and is_speaker(match.group("spk"))
        and _LOWER_WORD.match(clause, match.end()) is not None
    )


_PARTICIPLE = re.compile(r"[a-z]+ing\b")
_LOWER_WORD = re.compile(r",?\s+[a-z]")
