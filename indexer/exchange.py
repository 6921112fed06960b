"""Exchanges of dialogue: runs of quotations, each close to the one before, and whom each
line of them addresses.

Once every speaker is settled, a line that calls no one by name and names no one addressed
in its cue is taken to address the other party of its exchange: the speaker of the line that
answers it, when that is someone else, else the nearest other speaker before it, else after
it (on pdnc, reading the answer first is right more often than reading the line before).

Bare lines that turn-taking, reading forwards, left without a speaker take the alternation
read back from a later line of their exchange whose speaker is given
(:func:`settle_turns_backwards`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from indexer.records import Attribution
from indexer.scene import TURN_GAP, Attributed

#: How many lines before or after a line its other party is looked for.
ADDRESSEE_REACH = 4


def exchanges(
    results: Sequence[Attributed], is_line: Callable[[Attributed], bool]
) -> Iterator[list[Attributed]]:
    """The exchanges of a document's quotations, in order: lines of dialogue (``is_line``),
    each at most ``TURN_GAP`` paragraphs after the one before. A quotation that is no line
    of dialogue (one quoted inside a paragraph of narration) ends the exchange; terms are
    passed over."""
    run: list[Attributed] = []
    for item in results:
        if item.term:
            continue
        if not is_line(item):
            if run:
                yield run
            run = []
            continue
        if run and item.found.marks[0].para - run[-1].found.marks[-1].para > TURN_GAP:
            yield run
            run = []
        run.append(item)
    if run:
        yield run


def other_party(run: Sequence[Attributed], index: int) -> str | None:
    """The other party of line ``index`` of an exchange, someone other than its speaker: the
    speaker of the next line, else the nearest speaker before it, else after it."""
    speaker = run[index].speaker
    before = range(index - 1, max(-1, index - 1 - ADDRESSEE_REACH), -1)
    after = range(index + 1, min(len(run), index + 1 + ADDRESSEE_REACH))
    for j in (*after[:1], *before, *after[1:]):
        other = run[j].speaker
        if other is not None and other != speaker:
            return other
    return None


def fill_addressees(results: Sequence[Attributed], is_line: Callable[[Attributed], bool]) -> None:
    """Give each line of dialogue without an addressee the other party of its exchange (a
    line whose speaker is unknown, the nearest speaker around it)."""
    for run in exchanges(results, is_line):
        for index, item in enumerate(run):
            if item.addressees:
                continue
            other = other_party(run, index)
            if other is not None:
                item.addressees = [other]


#: Attribution methods whose speaker anchors the turns before it: a speaker found in the
#: line's own paragraph (a cue, a pronoun, a description, narration, the line before).
ANCHORS = frozenset({"explicit", "alias", "pronoun", "description", "narration", "continuation"})
#: Attribution methods of a bare line of dialogue, whose turn may be read back.
_BARE = frozenset({"turn-taking", "none"})


def settle_turns_backwards(
    results: Sequence[Attributed],
    is_line: Callable[[Attributed], bool],
    calls: Callable[[Attributed], Sequence[str]],
) -> int:
    """Give the bare lines that turn-taking left without a speaker the alternation read
    back from a later line of their exchange whose speaker is given.

    Turn-taking runs forwards: a bare line whose exchange has no speaker yet (or whose
    other party is unknown) stays without one. A later line of the exchange whose speaker
    ``S`` its own paragraph gives (``ANCHORS``: on pdnc, lines with a pronoun, a description
    or narration help as much as named ones) settles the bare lines right before it: ``S``
    speaks two, four... lines back, the other party (the nearest other speaker among those
    lines, else the speaker before them, else the one who answers ``S``) one, three... lines
    back. Only lines without a speaker are given one (on pdnc, overriding a speaker
    turn-taking chose loses more than it gains), never anyone the line calls by name.
    Returns how many lines
    were given a speaker."""
    changed = 0
    for run in exchanges(results, is_line):
        for k, anchor in enumerate(run):
            speaker = anchor.speaker
            if speaker is None or anchor.attribution.method not in ANCHORS:
                continue
            start = k
            while start > 0 and run[start - 1].attribution.method in _BARE:
                start -= 1
            if all(item.speaker is not None for item in run[start:k]):
                continue
            others = (
                item.speaker
                for item in (*reversed(run[max(0, start - 1) : k]), *run[k + 1 : k + 2])
            )
            other = next((name for name in others if name not in (None, speaker)), None)
            for j in range(k - 1, start - 1, -1):
                item = run[j]
                wanted = speaker if (k - j) % 2 == 0 else other
                if item.speaker is not None or wanted is None or wanted in calls(item):
                    continue
                item.speaker = wanted
                item.attribution = Attribution("turn-taking", None, 0.4)
                changed += 1
    return changed
