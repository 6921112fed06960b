"""Quoted fragments inside a sentence: partial quotations rather than scare quotes.

A fragment quoted inside a sentence is a partial quotation when the clause before it reports
what someone said: a verb of saying that takes what was said as its complement ("the board said
the move was "a mistake"", "described it as "a disaster"", ``data/content_verbs.txt``), a verb
that characterises speech ("slammed the "outrageous" plan", ``data/speech_acts.txt``) or
"according to". Not when the verb names rather than reports, or reports no one: a passive
("was called", "it was said that"), a relative naming ("what people call", "as she
described it"), the name given right after the verb
("a room called "the den""), or the verb used as a noun ("a cry of", "the claims").
"""

from __future__ import annotations

import re
from functools import cache

from indexer.cues import speech_acts
from indexer.resources import read_set

_WORD = re.compile(r"[\w’']+")
#: The clause of a fragment: what follows the last semicolon or colon before it.
_CLAUSE_BREAK = re.compile(r"[;:]")
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "my", "your"})
_NAMING_VERB = (
    r"(?:call|calls|called|calling|named|termed|dubbed|marked|labell?ed|branded|christened)"
)
#: A naming rather than a report: passive ("was called"), relative ("what they call",
#: "as she described it"), or the name right after the verb ("a room called "the den"").
_NAMING = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:called|named|termed|dubbed|labell?ed|marked|known|described|branded|referred\s+to"
    r"|said|reported|rumou?red|alleged|thought|believed)"
    r"|(?:what|as)\b[^,;:]*\b(?:call|calls|called|describe|describes|described|say|says|said"
    r"|term|termed|name|named))\b[^,;:]*$"
    rf"|\b{_NAMING_VERB}\s*$",
    re.I,
)


@cache
def content_verbs() -> frozenset[str]:
    """Verbs whose complement is what was said, with the verbs that characterise speech."""
    return read_set("content_verbs.txt") | speech_acts()


def reports_content(sentence: str) -> bool:
    """Whether the clause ending ``sentence`` (the text before a quoted fragment in its
    sentence) reports what someone said, so that the fragment is a partial quotation."""
    clause = _CLAUSE_BREAK.split(sentence)[-1]
    if _NAMING.search(clause):
        return False
    if "according to" in clause:
        return True
    words = _WORD.findall(clause)
    verbs = content_verbs()
    for i, word in enumerate(words):
        if word.lower() not in verbs:
            continue
        if i + 1 < len(words) and words[i + 1] == "of" and not word.endswith(("ed", "id", "ld")):
            continue  # a noun: "a cry of" (but "warned of", "said of", "told of")
        if i > 0 and words[i - 1].lower() in _DETERMINERS:
            continue  # a noun: "the claims"
        return True
    return False
