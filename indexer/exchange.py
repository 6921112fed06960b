"""Exchanges of dialogue: runs of quotations, each close to the one before, and whom each
line of them addresses.

Once every speaker is settled, a line that calls no one by name and names no one addressed
in its cue is taken to address the other party of its exchange: the speaker of the line that
answers it, when that is someone else, else the nearest other speaker before it, else after
it (on pdnc, reading the answer first is right more often than reading the line before).

Bare lines that turn-taking, reading forwards, left without a speaker take the alternation
read back from a later line of their exchange whose speaker is given
(:func:`settle_turns_backwards`). Where that reading back and the one read forwards disagree
between two lines whose speakers are given, the bare lines after the break (a paragraph of
narration, or the names the lines call) follow the reading back (:func:`mend_broken_turns`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

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
ANCHORS = frozenset(
    {"explicit", "alias", "pronoun", "description", "narration", "continuation", "narrator"}
)
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


#: How much a narration paragraph between two lines counts for the alternation breaking
#: there, against a line calling by name (one point each way, :func:`_calls_agree`).
BREAK_AT_NARRATION = 1.5


def mend_broken_turns(
    results: Sequence[Attributed],
    is_line: Callable[[Attributed], bool],
    calls: Callable[[Attributed], Sequence[str]],
) -> int:
    """Where the alternation read forwards from one anchored line of an exchange and the one
    read back from the next disagree, put the break where the text shows it.

    Turn-taking copies the speaker two lines back, so between two lines whose own paragraph
    gives the speaker (``ANCHORS``) the bare lines follow the first one; when the second does
    not fit that reading (a third person took a turn, someone went on in a new paragraph, or
    the first anchor was wrong), the lines after the break belong to the reading back from
    the second. The break is put where it makes the lines agree best with the names they
    call (:func:`_calls_agree`) and, first of all, at a paragraph of narration between two
    lines (someone enters, or the speaker resumes after a pause); with no such sign the
    forward reading stays (on pdnc it is right more often than the one read back).
    Returns how many lines were given another speaker."""
    changed = 0
    for run in exchanges(results, is_line):
        anchors = [
            k for k, item in enumerate(run) if item.speaker and item.attribution.method in ANCHORS
        ]
        for a, b in pairwise(anchors):
            changed += _mend_between(run, a, b, calls)
    return changed


def _mend_between(
    run: Sequence[Attributed], a: int, b: int, calls: Callable[[Attributed], Sequence[str]]
) -> int:
    """Mend the bare lines between anchors ``a`` and ``b`` of an exchange (see
    :func:`mend_broken_turns`); each line must stand in a paragraph of its own."""
    if b - a < 2 or any(item.attribution.method not in _BARE for item in run[a + 1 : b]):
        return 0
    paras = [item.found.marks[0].para for item in run[a : b + 1]]
    if any(run[j].found.marks[-1].para >= paras[j - a + 1] for j in range(a, b)):
        return 0  # two lines in one paragraph: no turns to count
    forward = [item.speaker for item in run[a : b + 1]]
    back = _read_back(run, a, b)
    if back == forward:
        return 0
    called = [list(calls(item)) for item in run[a : b + 1]]

    def score(split: int) -> float:
        reading = forward[:split] + back[split:]
        points = _calls_agree(reading, called)
        if split < len(forward) - 1 and _narration_before(run, a + split):
            points += BREAK_AT_NARRATION
        return points

    last = len(forward) - 1
    best = max(range(last, 0, -1), key=lambda split: (score(split), split))
    if score(best) <= score(last):
        return 0
    changed = 0
    for j in range(a + best, b):
        wanted = back[j - a]
        if wanted is not None and wanted != run[j].speaker and wanted not in called[j - a]:
            run[j].speaker = wanted
            run[j].attribution = Attribution("turn-taking", None, 0.4)
            changed += 1
    return changed


def _read_back(run: Sequence[Attributed], a: int, b: int) -> list[str | None]:
    """The speakers of lines ``a``..``b`` read back from anchor ``b``: its speaker two,
    four... lines before it, the other party (the nearest other speaker before it, down to
    ``a``, else the one who answers it) one, three... lines before; ``a`` keeps its own."""
    speaker = run[b].speaker
    others = (item.speaker for item in (*reversed(run[a:b]), *run[b + 1 : b + 2]))
    other = next((name for name in others if name not in (None, speaker)), None)
    back = [speaker if (b - j) % 2 == 0 else other for j in range(a, b + 1)]
    back[0] = run[a].speaker
    return back


def _calls_agree(reading: Sequence[str | None], called: Sequence[Sequence[str]]) -> float:
    """How well a reading of an exchange's speakers agrees with the names its lines call
    out: a line calling someone is not theirs (-1), and the one it calls answers it (+1) or
    spoke just before (+0.5)."""
    points = 0.0
    for j, names in enumerate(called):
        if not names:
            continue
        if reading[j] in names:
            points -= 1
        if j + 1 < len(reading) and reading[j + 1] == names[0]:
            points += 1
        if j > 0 and reading[j - 1] == names[0]:
            points += 0.5
    return points


def _narration_before(run: Sequence[Attributed], j: int) -> bool:
    """Whether a paragraph without a line of the exchange stands between line ``j`` and the
    line before it."""
    return run[j].found.marks[0].para - run[j - 1].found.marks[-1].para > 1
