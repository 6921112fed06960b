"""The scene around a quotation: the people of a document, the exchange, and whom
he/she/"her father" stands for.

:class:`Scene` knows every name mentioned in a document (with a :class:`NameBook` to resolve
surnames and first names), the person nouns set beside names ("Lydgate, the doctor"), and
reads from the quotations attributed so far (:class:`Attributed`) who takes part in the
exchange. It resolves a pronoun to its antecedent and a description to a person present. It
learns each person's gender from the pronouns after the name (:mod:`indexer.gender`), the parts
people play from the titles before their names ("Doctor Losberne"), which names are places or
ordinary words rather than people (:meth:`Scene.is_person`), and where the scene breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from indexer import gender
from indexer.cleaning import Paragraph
from indexer.cues import describes_bearer, nominal, person_nouns, sentence_tail
from indexer.names import (
    NameBook,
    NameMention,
    Title,
    common_word,
    name_gender,
    name_mentions,
    titles,
)
from indexer.quotes import FoundQuote
from indexer.records import Attribution, PartialDate
from indexer.resources import read_set, read_table

#: How many paragraphs back a pronoun's antecedent may be found.
PRONOUN_LOOKBACK = 6
#: How many paragraphs back the narration is read for a pronoun's antecedent when nobody of
#: its gender is named nearer.
PRONOUN_REACH = 60
_SCALE = 10**9  # global position = paragraph index * _SCALE + offset

#: How many paragraphs back the people of a scene are gathered from.
SCENE_LOOKBACK = 4

#: How often the text must call someone by a courtesy title and a family name ("Mrs. Allen")
#: for a relation of a person of that family ("his wife" of Mr. Allen) to stand for them.
TITLED_MENTIONS = 3

#: How many paragraphs may lie between two turns of one exchange.
TURN_GAP = 2


def position(para: int, offset: int) -> int:
    """A place in the document, comparable across paragraphs."""
    return para * _SCALE + offset


@dataclass(slots=True)
class Attributed:
    """A quotation with its parts joined and its attribution settled."""

    found: FoundQuote
    speaker: str | None = None
    addressees: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    attribution: Attribution = field(default_factory=lambda: Attribution("none"))
    term: bool = False


def with_title(resolved: str, name: str, title: str | None) -> str:
    """A name left unresolved keeps its courtesy title: "Mrs. Bennet" and "Mr. Bennet" stay
    apart."""
    gender = title_gender(title)
    if resolved == name and title and gender and len(title.split()) == 1:
        return f"{title} {name}"
    return resolved


@cache
def _title_nouns() -> dict[str, str]:
    return {title: noun for title, noun in read_table("title_nouns.txt")}


def _title_noun(title: str | None) -> str | None:
    """The person noun a title before a name is ("Doctor", "Dr." -> doctor), if any."""
    if title is None:
        return None
    noun = _title_nouns().get(title, title.lower())
    return noun if noun in person_nouns() else None


#: How a speaker known by a description begins ("The Hatter", "the stranger").
_THE = ("The ", "the ")
_COURTESY = re.compile(r"^(?:Mr|Mrs|Miss|Ms)\.?\s+")


@cache
def _kin_titles() -> dict[str, tuple[str, str]]:
    """The courtesy title (Mr, Mrs) a relation is called by, and whether it is a parent or a
    spouse, from ``data/kin_titles.txt``."""
    return {noun: (title, kind) for noun, title, kind in read_table("kin_titles.txt")}


def _aged(description: str, words: frozenset[str]) -> bool:
    """Whether a description tells an age by one of ``words`` before its noun ("the old
    lady", "the young man")."""
    return any(word.lower() in words for word in description.split()[1:-1])


#: Titles an unmarried young person goes by: no sign of age or of a family of one's own.
_YOUTH_TITLES = frozenset({"Miss", "Master"})


def _titled(name: str) -> bool:
    """Whether a name is written with a title of a grown person ("Mrs. Maylie", "Sir Thomas",
    "Dr. Aziz"); "Miss Abbott" is no one's mother."""
    tokens = tuple(name.split())
    return any(
        len(tokens) > len(title.words)
        and tokens[: len(title.words)] == title.words
        and title.words[0].rstrip(".") not in _YOUTH_TITLES
        for title in titles()
    )


def _family_name(person: str) -> str | None:
    """The last word of a name that may be a family name: "Bennet" of "Mr. Bennet", "Catherine
    Morland" or "Allen"."""
    words = person.split()
    return words[-1] if words and words[-1][:1].isupper() else None


#: A preposition of place just before a name: "in India", "from Geneva".
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Ff]rom|[Ii]nto|[Nn]ear|[Tt]owards?|[Tt]hrough)\s+$")
#: A paragraph that breaks the scene: a heading with no lowercase letter ("CHAPTER XIV",
#: "THE SIX PHILOSOPHERS"), a chapter line ("Chapter 16"), or a row of stars or dashes.
_SCENE_BREAK = re.compile(
    r"\s*(?:[^a-z\"“”]*[A-Z][^a-z\"“”]*|(?:Chapter|CHAPTER|Book|BOOK|Part|PART)\b[^\"“”]{0,60}"
    r"|[*\s.·—–-]+)\s*"
)
#: An article right before a name, "a Christian", or with a lowercase word between, "a
#: good Christian", "the average Christian" (not "the Hatter", a description).
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?\s+(?:[a-z]+\s+)?|[Tt]he\s+[a-z]+\s+)$")
#: What stands before a word inside a sentence: a lowercase word or a comma.
_INSIDE_SENTENCE = re.compile(r"(?:[a-z]|[,;])\s+$")


@cache
def _titles_by_first_word() -> dict[str, tuple[Title, ...]]:
    """The titles by their first word, each group in the order of :func:`titles`: only the
    titles that start with a name's first word can open it, so :meth:`Scene.gender_of`
    tries them alone instead of every title for every name it is asked about."""
    found: dict[str, list[Title]] = {}
    for title in titles():
        found.setdefault(title.words[0], []).append(title)
    return {word: tuple(group) for word, group in found.items()}


@cache
def title_gender(title: str | None) -> str | None:
    """The gender a courtesy title tells (m or f), if any."""
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
    return re.compile(rf",\s+{nominal().pattern}\s*[,;.]")


@cache
def _epithet_before() -> re.Pattern[str]:
    return re.compile(rf"{nominal().pattern},?\s+(?:[A-Z][a-z]*\.?\s+)*$")


#: What stands before the subject of a main clause: the start of the paragraph, a
#: punctuation mark or a coordinating word, then the subject's title if any ("and Mrs.
#: Elton", "; Fanny"). Not a subordinating one: in "she was persuaded that Jane must" the
#: one the narration is about is she, not Jane.
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.!?;:,(\"“”'‘’—–-]|(?:^|[.!?;:,]\s*)(?i:and|or|nor)\s|\b(?i:but|so|then|yet|now)\s)"
    r"\s*(?:[A-Z][a-z]*\.?\s+)*$"
)
#: What after a name makes it no singular subject: a possessive ("Emma's", "Emma s" in
#: texts that lost their apostrophes), or another person joined to it ("Elinor and
#: Marianne").
_NO_SUBJECT_AFTER = re.compile(r"['’]s?\b| s\b|\s+(?:and|or)\s+(?:[A-Z]|his\b|her\b|the\b)")

#: The capitalised words of a title right before a name ("Mr. ", "Secretary General ").
_TITLE_BEFORE = re.compile(r"(?:\b[A-Z][a-z]*\.?\s+)+$")


def _clause_subject(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` stands alone as the subject of a main clause:
    at the start of a sentence or clause (``_SUBJECT_BEFORE``), not after a verb or a
    preposition ("looked at Harriet") nor joined to another name ("Philip and Harriet"),
    and not a possessor ("Emma's")."""
    if _NO_SUBJECT_AFTER.match(text, end):
        return False
    return _SUBJECT_BEFORE.search(text, max(0, start - 60), start) is not None


class Scene:
    """The people of one document, and who is present and speaking around a quotation."""

    def __init__(self, paragraphs: Sequence[Paragraph]):
        self.book = NameBook()
        self.mentions: list[list[NameMention]] = []
        #: The paragraphs that hold a quotation mark (set once the quotations are joined).
        self.quoted: set[int] = set()
        #: The quoted stretches (marks included) of each paragraph that has some.
        self.marks: dict[int, list[tuple[int, int]]] = {}
        self.epithets: dict[str, set[str]] = {}
        self._texts = [para.text for para in paragraphs]
        #: The descriptions that name speakers (as of which set of speakers, and how many),
        #: and the pattern that finds them.
        self._descriptions_seen: tuple[
            set[str] | None, int, dict[str, str], re.Pattern[str] | None
        ] = (None, 0, {}, None)
        #: The paragraphs one a line, lowercased, once a description's gender is asked.
        self._folded: str | None = None
        #: The gender of each description a speaker is known by, once asked.
        self._descriptions: dict[str, str | None] = {}
        for index, para in enumerate(paragraphs):
            found = list(name_mentions(para.text))
            self.mentions.append(found)
            self.book.add_all(position(index, 0), found)
        learned = gender.learn(
            [para.text for para in paragraphs],
            self.mentions,
            self._resolve_mention,
            self.book.surnames,
        )
        for person, known in learned.items():
            if person in self.book.titled:
                self.book.gender[person] = known
            else:
                self.book.gender.setdefault(person, known)
        #: How many scene breaks (headings, rows of stars) stand before each paragraph.
        self._breaks = [0]
        for para in paragraphs:
            self._breaks.append(self._breaks[-1] + bool(_SCENE_BREAK.fullmatch(para.text)))
        #: Everyone who has spoken so far (kept by the attributor).
        self.speakers: set[str] = set()
        #: How often each name written without a title stands after a preposition of place
        #: ("in India"), inside a sentence (not capitalised for opening one), at all, and after
        #: "a" or "an".
        self._placed: dict[str, list[int]] = {}
        for index, para in enumerate(paragraphs):
            for mention in self.mentions[index]:
                if mention.title is None:
                    tally = self._placed.setdefault(mention.name, [0, 0, 0, 0])
                    lead = para.text[max(0, mention.start - 30) : mention.start]
                    tally[0] += _PLACE_BEFORE.search(lead) is not None
                    tally[1] += _INSIDE_SENTENCE.search(lead) is not None
                    tally[2] += 1
                    tally[3] += _ARTICLE_BEFORE.search(lead) is not None
        #: The people the text calls by each role noun, beside or before their names.
        self.roles: dict[str, set[str]] = {}
        #: The person the text first calls by a courtesy title and a family name, by both
        #: ("Mrs", "Bennet") -> "Mrs. Bennet": the parents and spouse of a Bennet; and how
        #: often it does.
        self._by_courtesy: dict[tuple[str, str], str] = {}
        self._titled_count: dict[tuple[str, str], int] = {}
        for index, para in enumerate(paragraphs):
            for mention in self.mentions[index]:
                self._add_titled(index, mention)
                noun = _epithet(para.text, mention.start, mention.end) or _title_noun(mention.title)
                if noun:
                    where = position(index, mention.start)
                    full = self.book.resolve(mention.name, where, None, mention.title)
                    self.epithets.setdefault(full, set()).add(noun)
                    self.roles.setdefault(noun, set()).add(full)

    def _add_titled(self, para: int, mention: NameMention) -> None:
        """Record a name written with Mr or Mrs by its title and family name."""
        courtesy = (mention.title or "").rstrip(".")
        if courtesy in ("Mr", "Mrs"):
            key = (courtesy, mention.tokens[-1])
            if key not in self._by_courtesy:
                self._by_courtesy[key] = self._resolve_mention(para, mention)
            self._titled_count[key] = self._titled_count.get(key, 0) + 1

    def _resolve_mention(self, para: int, mention: NameMention) -> str:
        """The person a mention in paragraph ``para`` names, with its title when unresolved."""
        where = position(para, mention.start)
        full = self.book.resolve(mention.name, where, title_gender(mention.title), mention.title)
        return with_title(full, mention.name, mention.title)

    def is_person(self, name: str) -> bool:
        """Whether a name the text gives can be a person: not a place ("India", named after
        "in", "at", "from" an eighth of the time or more, which people seldom are; a name of
        two words or more, "Santa Croce", a fifth of the time: a full name stands after "from"
        and "to" more often, "a letter from Basil Hallward"), not a word of one written after
        "a" or "an" a quarter of the time, counting its mentions with a title too ("a
        Christian", "a German", "the average Christian": a person's name seldom takes an
        article; "the young Obama" is one of many "Mr. Obama"), and not an
        ordinary word or greeting that is only ever capitalised for opening a sentence
        ("Much", "Good-bye"; "my dear Watson" makes Watson a name), and not a longer name
        that ends in a word of places (``data/place_words.txt``: "Windy Corner", "Harley
        Street" took a gender from the pronouns after them); anyone who has spoken is a
        person."""
        if name in self.speakers:
            return True
        if name.split()[-1] in read_set("place_words.txt") and " " in name:
            return False
        placed, inside, total, article = self._placed.get(name, (0, 0, 0, 0))
        if placed >= 2 and placed * (5 if " " in name else 8) >= total:
            return False
        if " " not in name and article and article * 4 >= self.book.count.get(name, total):
            return False
        return " " in name or inside > 0 or not common_word(name)

    def gender_of(self, name: str, described: bool = True) -> str | None:
        """m, f or None: from the name's courtesy title, the document (a title or a first name
        it was written with, else the pronouns that follow it, :mod:`indexer.gender`), or the
        first-names list; for a speaker known by a description ("The Professor"), unless
        not ``described``, the pronouns after it or its noun."""
        tokens = name.split()
        for title in _titles_by_first_word().get(tokens[0], ()) if tokens else ():
            if len(tokens) > len(title.words) and tuple(tokens[: len(title.words)]) == title.words:
                if title.gender:
                    return title.gender
                tokens = tokens[len(title.words) :]
                break
        known = self.book.gender.get(name) or name_gender(tokens)
        if known is None and described and name[:4] in _THE:
            known = self._described_gender(name)
        return known

    def _described_gender(self, description: str) -> str | None:
        """The gender of a speaker known by a description ("the Professor", "The King"):
        learned from the pronouns after it (:func:`indexer.gender.of_description`), else the
        gender of its person noun (``data/person_nouns.txt``)."""
        key = description.lower()
        if key not in self._descriptions:
            if self._folded is None:
                self._folded = "\n".join(" ".join(text.split()) for text in self._texts).lower()
            known = gender.of_description(self._folded, description)
            if known is None:
                noun = person_nouns().get(key.split()[-1])
                known = noun.gender if noun is not None else None
            self._descriptions[key] = known
        return self._descriptions[key]

    def conversation(self, quote: FoundQuote, earlier: list[Attributed]) -> list[Attributed]:
        """The quotations of the exchange ``quote`` belongs to, latest first: earlier quotations
        with a speaker, each at most ``TURN_GAP`` paragraphs before the next."""
        found: list[Attributed] = []
        para = quote.marks[0].para
        for item in reversed(earlier):
            if item.term:
                continue
            if para - item.found.marks[-1].para > TURN_GAP:
                break
            if self.breaks_between(item.found.marks[-1].para, para):
                break
            para = item.found.marks[0].para
            found.append(item)
        return found

    def breaks_between(self, before: int, after: int) -> bool:
        """Whether a scene break (a heading, a row of stars) stands between two paragraphs."""
        return self._breaks[after] > self._breaks[before + 1]

    def participants(self, quote: FoundQuote, earlier: list[Attributed]) -> list[str]:
        """The distinct speakers of the exchange, latest first."""
        seen: list[str] = []
        for item in self.conversation(quote, earlier):
            if item.speaker and item.speaker not in seen:
                seen.append(item.speaker)
        return seen

    def in_quotation(self, para: int, offset: int) -> bool:
        """Whether ``offset`` of paragraph ``para`` lies inside a quotation."""
        return any(start <= offset < end for start, end in self.marks.get(para, ()))

    def named_in_narration(self, para: int, offset: int, lookback: int) -> Iterator[str]:
        """The people the narration names before ``offset`` of paragraph ``para`` and in the
        ``lookback`` paragraphs before it, latest first, each once; names inside quotations
        are passed over."""
        seen: set[str] = set()
        for index in range(para, max(-1, para - lookback - 1), -1):
            for mention in reversed(self.mentions[index]):
                if index == para and mention.start >= offset:
                    continue
                if self.in_quotation(index, mention.start):
                    continue
                full = self._resolve_mention(index, mention)
                if full not in seen:
                    seen.add(full)
                    yield full

    def people(self, where: int, quote: FoundQuote, earlier: list[Attributed]) -> list[str]:
        """The people present around ``where``, most likely first: the parties of the exchange
        (the one who spoke last moved to the end when the turn changes), then the people named
        in the narration of the paragraph and the few before it, latest first."""
        para, offset = divmod(where, _SCALE)
        people = self.participants(quote, earlier)
        conversation = self.conversation(quote, earlier)
        if conversation and conversation[0].found.marks[-1].para < quote.marks[0].para:
            last = conversation[0].speaker
            people = [p for p in people if p != last] + ([last] if last else [])
        for index in range(para, max(-1, para - SCENE_LOOKBACK), -1):
            for mention in reversed(self.mentions[index]):
                if index == para and mention.start >= offset:
                    continue
                full = self._resolve_mention(index, mention)
                if full not in people:
                    people.append(full)
        return people

    def described(
        self,
        match: re.Match[str],
        where: int,
        quote: FoundQuote,
        earlier: list[Attributed],
        called: Sequence[str] = (),
    ) -> str | None:
        """Who a description stands for ("said her father", "cried the girl"): the first
        person of the scene whose gender fits, never one the line calls by name
        (``called``); a relation ("her father") is never its own possessor, and a parent or
        spouse of a possessor with a family name is the one the text calls by that name and the
        relation's title ("Mr. Morland"), a sibling or child one of the scene who shares it
        ("Miss Tilney"); a parent or spouse otherwise, and an older person ("the old lady"), is
        one the text calls by a title when the scene has one, a younger one ("the young man")
        one it calls by a first name. A part nobody of the scene fits ("the jailer") is kept as
        written; a relation nobody fits stays unresolved."""
        noun = person_nouns()[match.group("noun")]
        determiner = match.group(0).split()[0].lower()
        possessor = None
        if noun.kind == "kin" and determiner in ("his", "her"):
            possessor = self.antecedent(where, "m" if determiner == "his" else "f", quote, [])
        if noun.kind == "other":
            return self._other_party(where, quote, earlier)
        relative = self._titled_relative(match.group("noun"), possessor)
        if (
            relative is None
            and possessor is not None
            and match.group("noun") in read_set("family_kin.txt")
        ):
            relative = self._of_the_family(possessor, match.group("noun"), where, quote, earlier)
        if relative is not None and relative not in called:
            return relative
        senior = (
            noun.kind == "person" and _aged(match.group(0), read_set("senior_words.txt"))
        ) or (noun.kind == "kin" and match.group("noun") in _kin_titles())
        junior = noun.kind == "person" and _aged(match.group(0), read_set("junior_words.txt"))
        untitled: str | None = None
        for person in self.people(where, quote, earlier):
            if person == possessor or person in called:
                continue
            if noun.kind == "role":
                if self.named_as(person, match.group("noun")):
                    return person
                continue  # a part is taken by someone the text called so, or by no one
            if noun.gender is None and noun.kind == "person":
                break  # "the child": no gender to pick anyone by
            gender = self.gender_of(person, described=False)
            if noun.gender is not None and gender != noun.gender:
                continue
            if (senior and not _titled(person)) or (junior and _titled(person)):
                untitled = untitled or person
                continue
            return person
        if untitled is not None:
            return untitled
        if noun.kind == "kin" and determiner not in ("the", "a", "an"):
            return None
        if noun.kind == "role" and determiner == "the":
            return self.only_one_called(match.group("noun")) or match.group(0)
        return match.group(0)

    def _titled_relative(self, noun: str, possessor: str | None) -> str | None:
        """The parent or spouse of a possessor with a family name, when the text calls someone
        by that name and the relation's title: "her father" of Catherine Morland is Mr.
        Morland, "his wife" of Mr. Allen Mrs. Allen, wherever they were last named. A name
        written so only once or twice is passed over: "Mrs. Beebe" or "Mr. Charles" (for
        Charles Wilcox) named in passing is seldom the relative of a Beebe or a Charles."""
        title, kind = _kin_titles().get(noun, (None, None))
        if title is None or possessor is None:
            return None
        family = _family_name(possessor)
        if family is None:
            return None
        key = (title, family)
        if key not in self._by_courtesy and kind == "parent" and len(possessor.split()) == 1:
            # a first name: the family name the text writes after it ("Elizabeth Bennet")
            key = (title, self.book.family_of(family) or family)
        if self._titled_count.get(key, 0) < TITLED_MENTIONS:
            return None
        relative = self._by_courtesy[key]
        return relative if relative != possessor else None

    def family(self, person: str) -> str | None:
        """A person's family name: the last word of a name of two words or more ("Miss
        Tilney", "Henry Tilney"), else the one the text writes after a first name."""
        words = _COURTESY.sub("", person).split()
        if len(words) >= 2 or person != " ".join(words):
            return words[-1] if words else None
        return self.book.family_of(person)

    def _of_the_family(
        self,
        possessor: str,
        noun: str,
        where: int,
        quote: FoundQuote,
        earlier: list[Attributed],
    ) -> str | None:
        """The first person of the scene of the relation's gender who shares the possessor's
        family name: "his sister" of Henry (Tilney) is Miss Tilney, not Miss Morland beside
        her. A parent goes by the relation's title ("Mrs." for a mother); a brother, sister,
        son or daughter by no "Mrs.", which a wife takes with her husband's name."""
        family = self.family(possessor)
        gender = person_nouns()[noun].gender
        if family is None or gender is None:
            return None
        title = _kin_titles().get(noun, ("Mrs", ""))[0]
        for person in self.people(where, quote, earlier):
            if person == possessor or self.gender_of(person, described=False) != gender:
                continue
            if (person.split()[0].rstrip(".") == title) != (noun in _kin_titles()):
                continue
            if self.family(person) == family:
                return person
        return None

    def _other_party(self, where: int, quote: FoundQuote, earlier: list[Attributed]) -> str | None:
        """Who "the other" is: a party of the exchange, else a person the narration of the
        scene names (one whose gender is known), who did not speak last."""
        conversation = self.conversation(quote, earlier)
        last = conversation[0].speaker if conversation else None
        for person in self.participants(quote, earlier):
            if person != last:
                return person
        para, offset = divmod(where, _SCALE)
        for person in self.named_in_narration(para, offset, SCENE_LOOKBACK):
            if person != last and self.gender_of(person) is not None:
                return person
        return None

    def named_as(self, person: str, noun: str) -> bool:
        """Whether the document calls ``person`` by ``noun`` next to the name ("the doctor,
        Mr. Lydgate", "Lydgate, the doctor") or as a title before it ("Doctor Losberne"),
        with or without a courtesy title ("Mr. Losberne")."""
        if noun in self.epithets.get(person, ()):
            return True
        bare = _COURTESY.sub("", person)
        return bare != person and noun in self.epithets.get(bare, ())

    def only_one_called(self, noun: str) -> str | None:
        """The one person the whole document calls by a role noun, if there is one."""
        people = self.roles.get(noun, set())
        return next(iter(people)) if len(people) == 1 else None

    def _salient(
        self,
        para: int,
        offset: int,
        gender: str | None,
        fits: Callable[[str], bool],
        subjects_only: bool = False,
    ) -> str | None:
        """The person of a known gender that ``fits``, named last before ``offset`` in the
        narration of paragraph ``para`` as the subject of a clause (``_clause_subject``:
        "Emma thought with pleasure of some change of subject. Mr. Elton ... received a
        different account of Harriet", she is Emma, not Harriet); else, unless
        ``subjects_only``, the one named last."""
        latest: str | None = None
        text = self._texts[para]
        named: list[tuple[int, int, NameMention | str]] = [
            (m.start, m.end, m) for m in self.mentions[para] if m.start < offset
        ]
        described = self._described_in(para, offset)
        named += described
        for start, end, mention in sorted(named, key=lambda item: item[0], reverse=True):
            if self.in_quotation(para, start):
                continue
            if not isinstance(mention, str) and any(s <= start < e for s, e, _ in described):
                continue  # "Man" of "The Invisible Man", a speaker known by the description
            if isinstance(mention, str):
                full = mention  # a speaker known by a description: "The Hatter"
            else:
                resolved = self.book.resolve(
                    mention.name, position(para, start), gender, mention.title
                )
                full = with_title(resolved, mention.name, mention.title)
            if not (fits(full) and self.gender_of(full)):
                continue
            if _clause_subject(text, start, end):
                return full
            if latest is None and not isinstance(mention, str):
                latest = full  # a description is taken as a subject only
        return None if subjects_only else latest

    def _described_in(self, para: int, offset: int) -> list[tuple[int, int, str]]:
        """Where the text of paragraph ``para`` names, before ``offset``, a speaker known by
        a description ("The Hatter was the first to break the silence."): start, end and
        the speaker."""
        seen, count, known, pattern = self._descriptions_seen
        if seen is not self.speakers or count != len(self.speakers):
            known = {
                " ".join(s.split()[1:]).lower(): s for s in sorted(self.speakers) if s[:4] in _THE
            }
            pattern = None
            if known:
                words = "|".join(
                    r"\s+".join(map(re.escape, d.split()))
                    for d in sorted(known, key=len, reverse=True)
                )
                pattern = re.compile(rf"\b[Tt]he\s+(?i:{words})\b")
            self._descriptions_seen = (self.speakers, len(self.speakers), known, pattern)
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(self._texts[para], 0, offset):
            words = " ".join(match.group(0).split()[1:]).lower()
            found.append((match.start(), match.end(), known[words]))
        return found

    def _sentence_subject(
        self, para: int, offset: int, gender: str | None, called: Sequence[str]
    ) -> str | None:
        """The person named last before ``offset`` as the subject of a clause of the same
        sentence, even one whose gender the text never gives: "Secretary General Ban Ki-moon
        condemned what he called", "With a vote ruled out, Cross said he ... Clinton, whom he
        called" (he is Cross: a pronoun inside the sentence leans on its subject, and news
        names many people once, by their full name, with no courtesy title or pronoun that
        would tell their gender). A subject of the other gender is passed over."""
        text = self._texts[para]
        _sentence, begin = sentence_tail(text[:offset])
        for mention in reversed(self.mentions[para]):
            if mention.start >= offset or self.in_quotation(para, mention.start):
                continue
            if mention.start < begin:
                break
            start = mention.start
            if mention.title:  # read from the title on: the period of "Mr." ends no sentence
                title = _TITLE_BEFORE.search(text, max(begin, start - 60), start)
                start = title.start() if title else start
            if not _clause_subject(text, start, mention.end) and not (
                describes_bearer(text[begin:start])
                and not _NO_SUBJECT_AFTER.match(text, mention.end)
            ):
                continue
            resolved = self.book.resolve(
                mention.name, position(para, mention.start), gender, mention.title
            )
            full = with_title(resolved, mention.name, mention.title)
            known = self.gender_of(full)
            if known is None and len(full.split()) < 2:
                # one word of unknown gender ("Indians", "Threepence") only as the surname
                # of a full name written before
                known = self.book.surname_gender(full, position(para, mention.start))
                if known is None:
                    continue
            if gender in ("m", "f") and known is not None and known != gender:
                continue
            if full in called or not self.is_person(full):
                continue
            return full
        return None

    def antecedent(
        self,
        where: int,
        gender: str | None,
        quote: FoundQuote,
        earlier: list[Attributed],
        called: Sequence[str] = (),
    ) -> str | None:
        """Who he/she stands for, never anyone the line itself calls by name (``called``:
        "Well, Mary," she said):

        1. the person of that gender the narration of the cue's paragraph names last before
           it, a subject of a clause first (:meth:`_salient`; a name inside a quotation is
           seldom the one speaking), else of the paragraph before (in a paragraph with
           quotations, only a subject: '"...," said Ralph grimly.' names no antecedent),
           else a subject of the narration of the paragraph before that;
        2. in an exchange that goes on from an earlier paragraph, the one the line before
           called by name ("Where are you going, Miss Quested?" / "I don't know," she
           said), else its other party, else the one who spoke last (he goes on when the
           other party is not of his gender), else anyone who spoke earlier in it;
        3. the nearest person of that gender named in the few paragraphs before, else the
           one the narration last named further back (a long run of "he said" and "she
           replied" whose parties were named before it).
        """
        if gender == "p":
            return None
        para = where // _SCALE
        offset = where % _SCALE

        def fits(name: str) -> bool:
            known = self.gender_of(name)
            return (
                (gender not in ("m", "f") or known == gender)
                and name not in called
                and self.is_person(name)
            )

        found = self._sentence_subject(para, offset, gender, called)
        if found is None:
            found = self._salient(para, offset, gender, fits)
        if found is not None:
            return found
        if para > 0:
            end = len(self._texts[para - 1])
            found = self._salient(para - 1, end, None, fits, para - 1 in self.quoted)
            if found is not None:
                return found
        if para > 1:
            found = self._salient(para - 2, len(self._texts[para - 2]), None, fits, True)
            if found is not None:
                return found
        participants = self.participants(quote, earlier)
        conversation = self.conversation(quote, earlier)
        if conversation and conversation[0].found.marks[-1].para < quote.marks[0].para:
            last = conversation[0].speaker
            addressed = conversation[0].addressees
            if addressed and addressed[0] != last and fits(addressed[0]):
                return addressed[0]
            others = [p for p in participants if p != last]
            participants = others[:1] + ([last] if last else []) + others[1:]
        for name in participants:
            if fits(name):
                return name
        for index in range(para, max(-1, para - PRONOUN_LOOKBACK), -1):
            for mention in reversed(self.mentions[index]):
                if index == para and (
                    mention.start >= offset or self.in_quotation(para, mention.start)
                ):
                    continue
                full = self.book.resolve(
                    mention.name, position(index, mention.start), gender, mention.title
                )
                if fits(full) and self.gender_of(full):
                    return full
        for index in range(para - PRONOUN_LOOKBACK, max(-1, para - PRONOUN_REACH), -1):
            found = self._salient(index, len(self._texts[index]), gender, fits)
            if found is not None:
                return found
        return None
