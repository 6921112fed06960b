"""Gender learned per person from the text: the pronoun that follows a name.

In "Fielding laughed, and he went out" the first gendered pronoun after the name, in the same
sentence and before any other name or quotation mark, is taken as a vote for the person's
gender (subject and possessive forms only, ``data/gender_pronouns.txt``). Only a name that
opens a clause votes (not one after a preposition or an article: "in Derbyshire he", "the
Collector"), not one inside a quotation ("Lizzy, he is here"), and an ordinary word only when
it resolves to a full name or is written after a title somewhere ("Fielding" for Cyril
Fielding and "Hall" of "Mr. Hall" vote, "Perhaps he" does not). A person whose votes agree
often enough gets that gender; the courtesy title and the first-names list still come first
(see :meth:`indexer.scene.Scene.gender_of`), but for a bare surname whose gender came from a
title ("Mrs. Hall" for "Hall"), the votes of the bare name decide. A speaker known by a
description ("the Professor") gets the gender its own pronouns vote for
(:func:`of_description`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Sequence
from functools import cache

from indexer import lexicon
from indexer.names import NameMention, first_names
from indexer.resources import read_table

#: How far after a name (in characters) its pronoun is looked for.
WINDOW = 120
#: Votes needed, and the share of them that must agree.
MIN_VOTES = 2
AGREEMENT = 0.8

_STOP = re.compile(r"[.!?;\"“”]")
#: What stands before a name that is no subject: a preposition or a determiner.
_NOT_SUBJECT = re.compile(
    r"\b(?i:in|at|from|to|of|into|near|for|by|with|on|through|towards?|the|a|an)\s+"
    r"(?:[A-Z][a-z]*\.?\s+)*$"
)


@cache
def gender_pronouns() -> dict[str, str]:
    """Pronouns that tell the gender of the person named before them, from the data file."""
    return {word: gender for word, gender in read_table("gender_pronouns.txt")}


@cache
def _pronoun() -> re.Pattern[str]:
    words = "|".join(sorted(gender_pronouns(), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def _ordinary_word(mention: NameMention) -> bool:
    """A single capitalised word that is an ordinary English word and no first name
    ("Perhaps he", "Upon her")."""
    word = mention.name
    return (
        len(mention.tokens) == 1
        and mention.title is None
        and word.lower() in lexicon.words()
        and word not in first_names()
    )


def _subject(text: str, mention: NameMention) -> bool:
    """A name that stands as a subject, not after a preposition or an article."""
    return _NOT_SUBJECT.search(text, max(0, mention.start - 40), mention.start) is None


def votes_in(text: str, mentions: Sequence[NameMention]) -> list[tuple[NameMention, str]]:
    """The mentions of one paragraph that a pronoun after them gives a gender, with it
    (subjects only)."""
    pronouns = [(m.start(), m.group(0).lower()) for m in _pronoun().finditer(text)]
    if not pronouns:
        return []
    stops = [m.start() for m in _STOP.finditer(text)]
    starts = [p for p, _ in pronouns]
    found = []
    for k, mention in enumerate(mentions):
        limit = mentions[k + 1].start if k + 1 < len(mentions) else len(text)
        limit = min(limit, mention.end + WINDOW)
        i = bisect.bisect_left(starts, mention.end)
        if i == len(starts) or starts[i] >= limit:
            continue
        j = bisect.bisect_left(stops, mention.end)
        if j < len(stops) and stops[j] < starts[i]:
            continue  # the sentence ends first
        if _subject(text, mention) and not _quoted(text, mention.start):
            found.append((mention, gender_pronouns()[pronouns[i][1]]))
    return found


_DOUBLE_MARK = re.compile(r'["“”]')


def _quoted(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside a quotation of its paragraph: after an odd number of
    straight double quote marks, or after an opening curly one ("Lizzy, he is..." says
    nothing of Lizzy)."""
    marks = _DOUBLE_MARK.findall(text, 0, offset)
    if not marks:
        return False
    if marks[-1] in "“”":
        return marks[-1] == "“"
    return len(marks) % 2 == 1


def learn(
    texts: Sequence[str],
    mentions: Sequence[Sequence[NameMention]],
    resolve: Callable[[int, NameMention], str],
    names: Collection[str] = (),
) -> dict[str, str]:
    """The gender of each person whose pronoun votes agree (``resolve(paragraph, mention)``
    gives the person a mention names; ``names`` are words known to be names, "Hall" of "Mr.
    Hall", even where the word list has them)."""
    votes: dict[str, list[int]] = {}
    for index, (text, found) in enumerate(zip(texts, mentions, strict=True)):
        if not found:
            continue
        for mention, gender in votes_in(text, found):
            person = resolve(index, mention)
            if person == mention.name and _ordinary_word(mention) and person not in names:
                continue  # an ordinary word that names no one named in full
            tally = votes.setdefault(person, [0, 0])
            tally[gender == "f"] += 1
    learned = {}
    for person, (male, female) in votes.items():
        total = male + female
        if total >= MIN_VOTES and max(male, female) >= AGREEMENT * total:
            learned[person] = "m" if male > female else "f"
    return learned


#: A preposition just before a description ("to the Professor"): no subject.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?i:in|at|from|to|of|into|near|for|by|with|on|through|towards?|upon|about)\s+$"
)


def of_description(folded: str, description: str) -> str | None:
    """The gender of the person a description stands for ("the Professor", "The Mock
    Turtle"), from the pronoun after it wherever the document (``folded``: its paragraphs
    one a line, lowercased) names someone so as a subject ("the Professor rose, and he"), by
    the same votes as names."""
    words = description.lower().split()
    if len(words) < 2 or words[0] != "the":
        return None
    phrase = " ".join(words)
    male = female = 0
    at = folded.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        before = folded[at - 1 : at] if at else " "
        after = folded[end : end + 1]
        if (
            not before.isalnum()
            and not after.isalnum()
            and not _PREPOSITION_BEFORE.search(folded, max(0, at - 12), at)
        ):
            window = folded[end : end + WINDOW].split("\n", 1)[0]
            stop = _STOP.search(window)
            pronoun = _pronoun().search(window, 0, stop.start() if stop else len(window))
            if pronoun is not None:
                if gender_pronouns()[pronoun.group(0)] == "f":
                    female += 1
                else:
                    male += 1
        at = folded.find(phrase, end)
    total = male + female
    if total >= MIN_VOTES and max(male, female) >= AGREEMENT * total:
        return "m" if male > female else "f"
    return None
