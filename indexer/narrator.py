"""The narrator of a story told in the first person, as a speaker.

A line of dialogue whose cue says "I" ("said I", "I answered", "I cried, "...") outside any
quotation is the narrator's: the person telling the story. Novels and memoirs name that
person rarely in the narration itself; the other characters do, in the lines that answer the
narrator or that the narrator answers ("You see, Watson, ..." / "I see," said I.). So the
narrator's name is learned from the text:

- where the narration names its "I" ("I, John Smith, of Leeds, ...", "my name was Tom",
  "they called me Tom", "I called myself Tom"): the strongest sign;
- the names called out in the lines right next to the narrator's own lines, which are most
  often addressed to the narrator (a name the narrator calls is someone else).

When nothing names the narrator, the speaker is :data:`NARRATOR`, which says what is known
without guessing a wrong person. The turns of an exchange then read the narrator as one of
its parties like anyone else (:mod:`indexer.attribution`), and a line "said Holmes to me"
addresses the narrator. A description with "my" ("said my uncle") is the narrator's relation:
the person the narration names so ("my brother Robert"), else kept as written, not resolved
to the nearest person of the scene whose gender fits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

from indexer.cues import Cue, reporting_verbs
from indexer.names import name_mentions
from indexer.resources import read_set

#: The speaker of the narrator's lines when the text never names the narrator.
NARRATOR = "narrator"
#: The cue speaker that stands for the narrator.
FIRST_PERSON = "I"
#: How many votes a name the narration gives its "I" counts, against one per line that
#: calls it next to the narrator's lines.
SELF_NAMING_WEIGHT = 2
#: How far after a phrase that names the narrator ("I, ", "called me") or a relation of the
#: narrator's ("my brother") the name is read.
_NAME_REACH = 40
#: How long what follows the verb of a first-person cue may be ("I said to him gravely"):
#: a longer clause is narration ("I began to see politics very differently").
REST_REACH = 30
#: An infinitive after the verb: "I began to see", not "I said to him", "I said to Holmes".
_INFINITIVE = re.compile(
    r"\s*to\s+(?!(?:him|her|them|me|us|my|his|their|the|a|an|myself|himself|herself)\b)[a-z]"
)

#: What a cue's verb may carry after it before its end: an object or "to Holmes".
_REST = r"(?P<rest>[^,;:!?“\"”‘’.]*)"
_ADVERB = r"(?:[\w-]+ly\s+|also\s+|then\s+|again\s+|now\s+|at\s+last\s+|at\s+once\s+)?"
_NEGATION = re.compile(r"\b(?:nothing|not|no|never|none)\b|n[’']t\b")
#: Phrases of the narration that give its "I" a name, followed by that name.
_SELF_NAMING = re.compile(
    r"(?:(?<![\w’'])I,\s+(?=[A-Z])"
    r"|\b[Mm]y\s+(?:name|Christian\s+name|first\s+name)\s+(?:is|was)\s+"
    r"|\b(?:called|call|named)\s+me\s+|\bI\s+(?:called|named)\s+myself\s+)"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """First-person cues after and before a quotation (the verbs of ``reporting_verbs``)."""
    verbs = "|".join(sorted(map(re.escape, reporting_verbs()), key=len, reverse=True))
    lead = r"^[\s,;:—–-]*"
    return {
        "after": re.compile(
            rf"{lead}(?:(?P<verb>{verbs})\s+{_ADVERB}(?P<me>I)(?![\w’'])"
            rf"|(?P<me2>I)\s+{_ADVERB}(?P<verb2>{verbs})\b){_REST}"
        ),
        "before": re.compile(
            rf"(?<![\w’'])(?P<me>I)\s+{_ADVERB}(?P<verb>{verbs})\b{_REST}[,:—–-]+\s*$"
        ),
    }


def _cue(match: re.Match[str], para: int, base: int) -> Cue | None:
    """The narrator's cue a pattern matched, unless it says nothing was said ("I said
    nothing"), runs on into a clause of narration, or speaks of thinking ("I think", "I
    remember", ``data/first_person_not_cues.txt``)."""
    rest = match.group("rest") or ""
    if len(rest) > REST_REACH or _NEGATION.search(rest) or _INFINITIVE.match(rest):
        return None
    groups = match.groupdict()
    verb = groups["verb"] or groups.get("verb2") or ""
    if verb.lower() in read_set("first_person_not_cues.txt"):
        return None
    start = match.start("me") if groups["me"] is not None else match.start("me2")
    return Cue(FIRST_PERSON, para, base + start, match.group(0).strip(" ,;:—–-"), rest, verb)


#: The word "I" alone: read first, since most text after a quotation has none near.
_I = re.compile(r"(?<![\w’'])I(?![\w’'])")
#: How far into the text after a quotation a cue's "I" may stand ("replied I", "answered
#: I", after the longest verbs and an adverb).
_I_REACH = 40


def cue_after(text: str, para: int, base: int) -> Cue | None:
    """A first-person cue that opens ``text``, the narration right after a quotation ("said
    I", "I answered him")."""
    if _I.search(text, 0, _I_REACH) is None:
        return None
    match = _patterns()["after"].match(text)
    return _cue(match, para, base) if match else None


def cue_before(text: str, para: int, base: int) -> Cue | None:
    """A first-person cue that ends ``text``, the narration right before a quotation ("I
    said to him:", "I answered,")."""
    match = _patterns()["before"].search(text)
    return _cue(match, para, base) if match else None


#: "to me" after a reporting verb: the narrator is addressed ("said Holmes to me").
_TO_ME = re.compile(r"^\s*(?:[\w-]+ly\s+)?to\s+me\b")
_ME = re.compile(r"^\s*me\b")


def addresses_narrator(cue: Cue) -> bool:
    """Whether a third-person cue says its line is addressed to the narrator ("said Holmes
    to me", "he answered me" for a verb whose object is the person addressed)."""
    if cue.speaker == FIRST_PERSON:
        return False
    if _TO_ME.match(cue.rest):
        return True
    return reporting_verbs().get(cue.verb.lower(), False) and bool(_ME.match(cue.rest))


def is_narrator(cue: Cue | None) -> bool:
    """Whether a cue gives the narrator as its speaker."""
    return cue is not None and cue.speaker == FIRST_PERSON


def self_named(narration: Sequence[str]) -> list[str]:
    """The names the narration gives its "I" ("I, Allan Brown, of Durban", "I called
    myself Pip"), once per phrase, in order."""
    found = []
    for text in narration:
        for match in _SELF_NAMING.finditer(text):
            name = _name_at(text, match.end())
            if name is not None:
                found.append(name)
    return found


def _name_at(text: str, at: int) -> str | None:
    """The name that starts right at ``at`` in ``text`` (read within ``_NAME_REACH``), if
    any."""
    mention = next(name_mentions(text[at : at + _NAME_REACH]), None)
    return mention.name if mention is not None and mention.start == 0 else None


def learn_name(
    lines: Sequence[int],
    called: Callable[[int], list[str]],
    neighbours: Callable[[int], list[int]],
    named: Sequence[str],
) -> str | None:
    """The narrator's name, or None when the text gives none.

    ``lines`` are the indexes of the narrator's lines among the quotations; ``called(i)`` the
    persons quotation ``i`` calls by name; ``neighbours(i)`` the lines right before and after
    line ``i`` in its exchange; ``named`` the names the narration gives its "I"
    (:func:`self_named`, which count :data:`SELF_NAMING_WEIGHT` each). A name the narrator
    calls is someone else's and never wins; two names with as many votes give none (lines
    next to the narrator's may address a third person).
    """
    votes: Counter[str] = Counter()
    for name in named:
        votes[name] += SELF_NAMING_WEIGHT
    own = set(lines)
    others: set[str] = set()
    near: set[int] = set()
    for line in lines:
        others.update(called(line))
        near.update(i for i in neighbours(line) if i not in own)
    for i in sorted(near):
        votes.update(called(i)[:1])
    ranked = [(n, c) for n, c in votes.most_common() if n not in others or n in named]
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None  # no name, or two names as likely: no guess
    return ranked[0][0]


#: A name in a list ("Tom, Dick, and Harry"): "and" and a name right after its comma, or a
#: name with its own comma or "and" ("Tom, Dick, and"), or two names with their commas before
#: it ("Tom, Dick, Harry"); not a vocative before the next clause ("Watson, I think").
_LIST_AFTER = re.compile(r",\s+(?:(?:and|or)\s+[A-Z]|[A-Z][\w’'-]*(?:,\s|\s+(?:and|or)\s))")
_LIST_BEFORE = re.compile(r",\s+[A-Z][\w’'-]*,\s+$")


def in_list(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` stands in a list of names, which a
    vocative's commas would otherwise let it pass for."""
    return bool(_LIST_AFTER.match(text, end)) or bool(
        _LIST_BEFORE.search(text, max(0, start - 30), start)
    )


#: A relation of the narrator's named in apposition: "my brother Robert", "my uncle, John
#: Marlow,".
_RELATION_NAMED = re.compile(r"\b[Mm]y\s+(?P<noun>[a-z][a-z-]*),?\s+(?=[A-Z])")


def is_relation(description: str) -> bool:
    """Whether a description is the narrator's relation or acquaintance ("my uncle", "my
    poor mother"): "my" in the narration is the narrator's."""
    return description.split(None, 1)[0].lower() == "my"


def relations(narration: Sequence[str], nouns: Callable[[str], bool]) -> dict[str, str]:
    """The narrator's relations the narration names ("my brother Robert"), by noun, the
    last naming winning; ``nouns`` tells the person nouns ("brother", not "hat")."""
    found: dict[str, str] = {}
    for text in narration:
        for match in _RELATION_NAMED.finditer(text):
            if not nouns(match.group("noun")):
                continue
            name = _name_at(text, match.end())
            if name is not None:
                found[match.group("noun")] = name
    return found


def relation_speaker(description: str, named: dict[str, str], noun: str) -> str:
    """The speaker a description of the narrator's relation stands for: the person the
    narration named so ("my brother Robert"), else the description as written, in lowercase
    ("my uncle"): the story knows that person by the relation alone, and the nearest person
    of the scene whose gender fits is a guess."""
    return named.get(noun) or description[0].lower() + description[1:]
