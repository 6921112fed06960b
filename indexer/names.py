"""Person names in running text, and their resolution to one canonical full name per person.

A name is a run of capitalised words (with initials, particles such as "de" or "van", and
titles stripped from its left edge: "Senators George McGovern" names George McGovern). Within a
document, a surname or a first name alone resolves to the person most recently named in full
before it ("Castro" in a paragraph about Fidel Castro is Fidel Castro, while Raúl stays Raúl).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from indexer import lexicon
from indexer.resources import read_set, read_table

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
#: A capitalised word, with an apostrophe or a hyphen inside it, the combining accents of
#: text written decomposed ("José" as "Jose" and U+0301) and the symbols that text decoded
#: in the wrong encoding leaves after "Ã" or "Â" ("FranÃ§ois" for François): none of them
#: is a word character.
_WORD = (
    rf"[{_UPPER}][\u0300-\u036f]*(?:[^\W\d_][\u0300-\u036f]*"
    r"|(?<=[ÂÃ\u0302\u0303])[\u0080-\u00bf]|['’\-](?=[^\W\d_]))*"
)
_INITIAL = rf"[{_UPPER}]\."
_PARTICLE = r"(?:de|da|del|della|di|du|la|le|van|von|der|den|bin|ibn|al|el|y|dos|das)"
#: Titles that a plain run of capitalised words would not take in: abbreviations with a period
#: ("Mr.", "Sen.") and titles with a lowercase word ("Secretary of State").
_TITLE_PREFIX = "|".join(
    re.escape(t).replace(r"\ ", r"\s+")
    for t in sorted((row[0] for row in read_table("titles.txt")), key=len, reverse=True)
    if "." in t or any(w.islower() for w in t.split())
)
#: Particles that may open a surname written without its first name ("de Worms", "Mr. van der
#: Luyden"); the short ones that are also common words elsewhere (la, le, al, y) may not.
_LEADING_PARTICLE = r"(?:de|du|van|von|der|den|della|ten|ter)"
NAME_RUN = re.compile(
    rf"(?<![\w’'])(?:(?:{_TITLE_PREFIX})\s+)*(?:{_LEADING_PARTICLE}\s+){{0,2}}"
    rf"(?:{_INITIAL}\s?|{_WORD}\s)?(?:(?:{_INITIAL}|{_WORD})(?:\s+{_PARTICLE})?\s+)*"
    rf"(?:{_WORD})(?!\w)(?!['’](?!(?<=s['’])\s))"  # "Myers’ campaign": a possessive
)
#: NAME_RUN behind a test of its first character: every run opens with a capital (a title, an
#: initial, a word) or a leading particle (de, du, van, von, der, den, della, ten, ter), so the
#: runs found are the same, but most positions of a text fail at once instead of trying every
#: title and particle after the look-behind.
_NAME_RUN_SCAN = re.compile(rf"(?=[{_UPPER}dtv]){NAME_RUN.pattern}")
_SPLIT = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Title:
    words: tuple[str, ...]
    gender: str | None


@cache
def titles() -> tuple[Title, ...]:
    """Titles from the data file, longest first so "Secretary of State" wins over "Secretary"."""
    found = []
    for name, gender in read_table("titles.txt"):
        found.append(Title(tuple(name.split()), gender or None))
    return tuple(sorted(found, key=lambda t: -len(t.words)))


@cache
def _not_names() -> frozenset[str]:
    return read_set("not_names.txt")


def _never_name(token: str) -> bool:
    """A word that is never part of a name (``data/not_names.txt``), also with a contracted
    "is" or a possessive ending ("It’s", "There's")."""
    lower = token.lower()
    return lower in _not_names() or (bool(_POSSESSIVE.search(lower)) and lower[:-2] in _not_names())


#: What follows a participle opening a sentence as its object ("Acknowledging that",
#: "Doing so"); a name is followed by its verb instead.
_PARTICIPLE_OBJECT = re.compile(
    r"\s+(?:the|a|an|that|so|this|these|those|his|her|their|its|our|it|them|him|what|how)\b"
)


def _participle(token: str, text: str, end: int) -> bool:
    """A word in -ing opening a clause with its object after it ("Bemoaning the",
    "Doing so"), not a surname (Manning, Fielding: a verb follows them)."""
    lower = token.lower()
    return (
        lower.endswith("ing")
        and lower in lexicon.words()
        and token not in first_names()
        and _PARTICIPLE_OBJECT.match(text, end) is not None
    )


@cache
def first_names() -> dict[str, str]:
    """First names with their usual gender (m, f or u), from ``data/first_names.txt``."""
    return {name: gender for name, gender in read_table("first_names.txt")}


def name_gender(tokens: list[str]) -> str | None:
    """The gender a name's first word tells (m or f), if the names list knows it."""
    gender = first_names().get(tokens[0]) if tokens else None
    return gender if gender in ("m", "f") else None


def _common_word(token: str) -> bool:
    """A capitalised word that is an ordinary English word and no first name ("Poor", "Give",
    "I'm", "Cold-hearted")."""
    lower = token.lower().replace("’", "'")
    head = re.split(r"['\-]", lower)[0]
    if head != lower and (head in lexicon.words() or head in lexicon.FUNCTION_WORDS):
        return True
    return lower in lexicon.words() and token not in first_names()


def common_word(token: str) -> bool:
    """A capitalised word that is an ordinary English word or made of one, and no first name
    ("Much", "Good-bye", "Spring")."""
    return _common_word(token)


def _adverb_or_participle(token: str) -> bool:
    """An adverb in -ly that opens a sentence, not a name ("Suddenly", "Presently"); first
    names (Emily, Lily) stay names. Words in -ing are not dropped: too many are surnames
    (Fielding, Browning, Manning)."""
    lower = token.lower()
    return lower.endswith("ly") and lower in lexicon.words() and token not in first_names()


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person named in the text: ``start``/``end`` cover the name without its title."""

    start: int
    end: int
    name: str
    title: str | None
    gender: str | None

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


@cache
def _titles_by_first_word() -> dict[str, tuple[Title, ...]]:
    """The titles by their first word, longest first."""
    found: dict[str, list[Title]] = {}
    for title in titles():
        found.setdefault(title.words[0], []).append(title)
    return {word: tuple(group) for word, group in found.items()}


def _is_title_start(tokens: list[str]) -> bool:
    candidates = _titles_by_first_word().get(tokens[0], ()) if tokens else ()
    return any(tuple(tokens[: len(t.words)]) == t.words for t in candidates)


def _strip_title(tokens: list[str]) -> tuple[list[str], Title | None]:
    found: Title | None = None
    changed = True
    while changed and tokens:
        changed = False
        for title in _titles_by_first_word().get(tokens[0], ()):
            size = len(title.words)
            if len(tokens) > size and tuple(tokens[:size]) == title.words:
                tokens, found, changed = tokens[size:], title, True
                break
    return tokens, found


def name_mentions(text: str) -> Iterator[NameMention]:
    """Every capitalised run of ``text`` that can name a person, titles stripped."""
    for match in _NAME_RUN_SCAN.finditer(text):
        tokens = _SPLIT.split(match.group(0))
        start = match.start()
        # Drop leading words that are never part of a name ("The", "In", "When").
        while tokens and _never_name(tokens[0]):
            start = (
                text.index(tokens[1], start + len(tokens[0])) if len(tokens) > 1 else match.end()
            )
            tokens = tokens[1:]
        # Drop a leading ordinary word before a name ("Poor Ralph", "Give George", "Could Mary").
        while (
            len(tokens) > 1
            and tokens[0][0].isupper()
            and _common_word(tokens[0])
            and not _is_title_start(tokens)
        ):
            start = text.index(tokens[1], start + len(tokens[0]))
            tokens = tokens[1:]
        if not tokens or (len(tokens) == 1 and _adverb_or_participle(tokens[0])):
            continue  # "Suddenly the stranger raised..."
        if len(tokens) == 1 and _participle(tokens[0], text, match.end()):
            continue  # "Bemoaning the "phony system," Trump accused..."
        before = len(tokens)
        tokens, title = _strip_title(tokens)
        if len(tokens) < before:
            start = text.index(tokens[0], start)
        while tokens and _never_name(tokens[-1]):
            tokens = tokens[:-1]
        if tokens and _POSSESSIVE.search(tokens[-1]) and len(tokens[-1]) > 3:
            tokens[-1] = tokens[-1][:-2]  # the possessive is no part of the name: Bertram's
        if not tokens or not any(ch.islower() for ch in "".join(tokens)):
            continue  # acronyms and initials alone (U.S., FBI) name no person
        name = " ".join(tokens)
        end = start + len(name) if text.startswith(name, start) else match.end()
        gender = title.gender if title else None
        yield NameMention(
            start,
            end,
            name,
            " ".join(title.words) if title else None,
            gender or (name_gender(tokens) if len(tokens) > 1 or not title else None),
        )


def is_name_like(word: str) -> bool:
    """A single capitalised word that is not a common sentence word, title or month."""
    return bool(re.fullmatch(_WORD, word)) and word.lower() not in _not_names()


def _courtesy(title: str | None) -> str | None:
    """Mr, Mrs or Miss for a courtesy title ("Mrs." -> "Mrs"), else None."""
    word = (title or "").rstrip(".")
    return word if word in ("Mr", "Mrs", "Miss") else None


def _nearest_fitting(
    spots: dict[tuple[str, ...], list[int]],
    position: int,
    fits: Callable[[tuple[str, ...]], bool],
) -> tuple[str, ...] | None:
    """The full name that ``fits`` with the nearest mention: the latest one at or before
    ``position`` (the greatest name first among mentions at one position), else the earliest
    after it (the least name first). ``fits`` must depend on the name alone: each distinct
    name of ``spots`` (full name -> its positions in order) is tested once."""
    before: tuple[int, tuple[str, ...]] | None = None
    after: tuple[int, tuple[str, ...]] | None = None
    for full, places in spots.items():
        if not fits(full):
            continue
        i = bisect.bisect_right(places, position)
        if i:
            if before is None or (places[i - 1], full) > before:
                before = (places[i - 1], full)
        elif after is None or (places[0], full) < after:
            after = (places[0], full)
    chosen = before or after
    return chosen[1] if chosen else None


class NameBook:
    """The people named in one document, in order, for resolving partial names.

    ``add`` records mentions with a global position (any increasing number, such as
    ``paragraph_index * 10**7 + offset``); ``resolve`` maps a mention to a canonical name.
    """

    def __init__(self) -> None:
        #: Full names (two words or more) by their last word (-1), their first word (0), and
        #: both, each with its positions in order: resolving a name looks only at the full
        #: names that can be it, tests each once and finds its nearest mention by bisection,
        #: instead of walking every mention of every candidate (hundreds for a main character).
        self._word_spots: dict[tuple[int, str], dict[tuple[str, ...], list[int]]] = {}
        self._ends_spots: dict[tuple[str, str], dict[tuple[str, ...], list[int]]] = {}
        self.gender: dict[str, str] = {}
        #: The names whose gender only a courtesy title before a surname tells ("Mrs. Hall"
        #: for "Hall"): the pronouns after the name itself may say otherwise.
        self.titled: set[str] = set()
        #: The single words written after a title somewhere ("Mr. Hall"): names, whatever
        #: else the word means.
        self.surnames: set[str] = set()
        self.count: dict[str, int] = {}
        #: The courtesy titles (Mr, Mrs, Miss) each full name was written with.
        self.courtesy: dict[str, set[str]] = {}

    def add(self, position: int, mention: NameMention) -> None:
        tokens = tuple(mention.tokens)
        self.count[mention.name] = self.count.get(mention.name, 0) + 1
        if len(tokens) >= 2:
            for key in ((-1, tokens[-1]), (0, tokens[0])):
                bisect.insort(self._word_spots.setdefault(key, {}).setdefault(tokens, []), position)
            ends = (tokens[0], tokens[-1])
            bisect.insort(self._ends_spots.setdefault(ends, {}).setdefault(tokens, []), position)
        courtesy = _courtesy(mention.title)
        if courtesy and len(tokens) >= 2:
            self.courtesy.setdefault(mention.name, set()).add(courtesy)
        if mention.gender:
            full = self.resolve(mention.name, position, mention.gender, mention.title)
            if full not in self.gender and len(tokens) == 1 and mention.title:
                self.titled.add(full)  # "Mrs. Hall" for the "Hall" who may be her husband
            self.gender.setdefault(full, mention.gender)
        if mention.title and len(tokens) == 1:
            self.surnames.add(mention.name)

    def add_all(self, position: int, mentions: Iterable[NameMention]) -> None:
        for mention in mentions:
            self.add(position + mention.start, mention)

    def _two_people(self, full: tuple[str, ...]) -> bool:
        """Two names side by side ("Katharine Cassandra"): each stands alone far more often
        than the pair does."""
        pair = self.count.get(" ".join(full), 0)
        return len(full) == 2 and all(self.count.get(t, 0) > 3 * pair + 2 for t in full)

    def _gender_of(self, full: tuple[str, ...]) -> str | None:
        return self.gender.get(" ".join(full)) or name_gender(list(full))

    def _other_person(self, full: tuple[str, ...], courtesy: str | None) -> bool:
        """Whether a full name cannot be the person a courtesy title names: "Mrs. Vane" is not
        "Sibyl Vane" (a woman named by her first name and never called Mrs.), and "Miss Grey"
        is no one only ever called Mrs."""
        if courtesy not in ("Mrs", "Miss"):
            return False
        known = self.courtesy.get(" ".join(full), set())
        if courtesy in known:
            return False
        if courtesy == "Miss":
            return "Mrs" in known
        return bool(known) or first_names().get(full[0]) == "f"

    def family_of(self, first: str) -> str | None:
        """The one family name the text writes after a first name ("Elizabeth Bennet" makes
        Bennet Elizabeth's), None when it writes none or more than one."""
        families = {full[-1] for full in self._word_spots.get((0, first), {}) if len(full) == 2}
        return families.pop() if len(families) == 1 else None

    def surname_gender(self, word: str, position: int) -> str | None:
        """The gender of the nearest full name (before ``position``, else after) that ends with
        ``word`` and whose first name tells it ("Richard Cross" for a later "Cross"), even where
        :meth:`resolve` keeps the surname apart because it stands alone far more often: news
        writes a full name once and the surname ever after."""
        spots = self._word_spots.get((-1, word), {})
        full = _nearest_fitting(spots, position, lambda full: self._gender_of(full) is not None)
        return self._gender_of(full) if full else None

    def resolve(
        self, name: str, position: int, gender: str | None = None, title: str | None = None
    ) -> str:
        """The full name ``name`` stands for at ``position``: nearest full name before it that
        ends (or starts) with it, else the first one after it, else ``name`` itself.

        A full name whose gender (from a title or the first-names list) is not ``gender`` is
        passed over ("Mrs. Bennet" is not "Mr. Henry Bennet"), so is one that the courtesy
        ``title`` rules out ("Mrs. Vane" is not "Sibyl Vane", see ``_other_person``), and a
        surname or first name that stands alone far more often than in a candidate full name
        stays as it is (a novel's "Mary" is not the "Mary King" named three times, nor its
        "Darcy" an "Anne Darcy").
        """
        tokens = tuple(name.split())
        if not tokens:
            return name
        if len(tokens) >= 2:
            # a longer form of the same name: "John Kennedy" -> "John F. Kennedy"
            spots = self._ends_spots.get((tokens[0], tokens[-1]), {})
            longer = _nearest_fitting(spots, position, lambda full: len(full) > len(tokens))
            return " ".join(longer) if longer else name
        alone = self.count.get(name, 0)
        courtesy = _courtesy(title)
        for attr in (-1, 0):  # surname first, then first name
            # Every test depends on the full name alone, not on where it stands, so each
            # distinct full name is tested once (a surname with hundreds of mentions of a
            # full name it cannot be).
            def fits(full: tuple[str, ...], attr: int = attr) -> bool:
                if self._two_people(full):
                    return False
                known = self._gender_of(full)
                if gender and known and known != gender:
                    return False
                if attr == -1 and self._other_person(full, courtesy):
                    return False
                return self.count.get(" ".join(full), 0) * 4 >= alone

            found = _nearest_fitting(self._word_spots.get((attr, tokens[0]), {}), position, fits)
            if found:
                return " ".join(found)
        return name
