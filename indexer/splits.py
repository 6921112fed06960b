"""Split quotations: one quotation interrupted by its attribution, joined again.

``"Do not apologize," said his host. "You are late."`` is one quotation in two parts; the cue
between them is its attribution. :func:`join_split_quotes` joins such parts in place and hands
back each joined quotation's inner cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.cleaning import Paragraph
from indexer.cues import (
    Cue,
    cue_after,
    is_speaker,
    opens_paragraph,
    patterns,
    reporting_verbs,
    subject_cue,
)
from indexer.quotes import FoundQuote
from indexer.resources import read_set


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
                if (
                    splits_quote(gap, content, starts)
                    and not _inside_clause(gap)
                    and not _own_cue_after(text, quote)
                ):
                    prev.parts.extend(quote.parts)
                    prev.marks.extend(quote.marks)
                    prev.nested.extend(quote.nested)
                    cues[-1] = (
                        cues[-1]
                        or cue_after(gap, last.para, last.end)
                        or subject_cue(gap, last.para, last.end)
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
