"""Person names in running text and their resolution within a document."""

from __future__ import annotations

import pytest

from indexer.names import NameBook, first_names, name_gender, name_mentions


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Senators George McGovern spoke.", ["George McGovern"]),
        # A contracted "is" on a word that is never a name: "It’s", "There's".
        ("It’s the pull of Ann Lee's promise.", ["Ann Lee"]),
        ("There's still time for Bo Diaz.", ["Bo Diaz"]),
        ("Earlier this week, Bo Diaz spoke.", ["Bo Diaz"]),
        # A participle opening a clause with its object, and a surname in -ing.
        ("Bemoaning the system, Ann Lee spoke.", ["Ann Lee"]),
        ("Doing so was hard.", []),
        ("Manning said it was hard.", ["Manning"]),
        ("Secretary of State Dean Rusk spoke.", ["Dean Rusk"]),
        ("Mr. Bennet sat down.", ["Bennet"]),
        ("Poor Ralph sat down.", ["Ralph"]),
        ("Give George the book.", ["George"]),
        ("I'm Anne, she said.", ["Anne"]),
        ("John F. Kennedy and Raúl Castro met.", ["John F. Kennedy", "Raúl Castro"]),
        # A possessive is no part of the name; an apostrophe inside one is.
        ("Lady Bertram's admiration was plain.", ["Bertram"]),
        ("Rodney’s belief held.", ["Rodney"]),
        ("O'Brien came.", ["O'Brien"]),
        # Accents written decomposed, and the symbols of text decoded in the wrong encoding.
        ("Rene\u0301 Lavoie\u0300 spoke.", ["Rene\u0301 Lavoie\u0300"]),
        ("Mayor JoA\u0303\u00a3o Silva spoke.", ["JoA\u0303\u00a3o Silva"]),
        ("Mayor Jo\u00c3\u00a3o Silva spoke.", ["Jo\u00c3\u00a3o Silva"]),
        # Negative: such a symbol after any other letter ends the word.
        ("Ann Lee\u00a7 spoke.", ["Ann Lee"]),
        # The apostrophe alone after an s is a possessive too.
        ("Tom Myers’ campaign called.", ["Tom Myers"]),
        ("The Joneses' dog barked.", ["Joneses"]),
        # Negative: an apostrophe that follows no s, or runs on into a word.
        ("Ann Lee’ said.", ["Ann"]),
        # A surname that opens with a particle, after a title or alone.
        ("Mr. van der Luyden paused again.", ["van der Luyden"]),
        ('"Yes," said de Worms.', ["de Worms"]),
        ("Charles de Gaulle spoke.", ["Charles de Gaulle"]),
        # Names in -ly and -ing stay names.
        ("Emily laughed, and Fielding smiled.", ["Emily", "Fielding"]),
        # Negative: an adverb opening a sentence; particles before a lowercase word.
        ("Suddenly the stranger raised his hands.", []),
        ("Presently Anne came in.", ["Anne"]),
        ("The van driver came.", []),
        # Negative: acronyms, initials and sentence words name no person.
        ("The FBI and the U.S. agreed.", []),
        ("When it rained, nobody came.", []),
        # Negative: determiners, quantifiers and prepositions opening a sentence.
        ("Another advised patience.", []),
        ("Many said nothing at all.", []),
        ("About half of them left.", []),
        ("Amid the noise, Matt Walsh spoke.", ["Matt Walsh"]),
        ("Like many growers, Tom Reyes looked up.", ["Tom Reyes"]),
    ],
)
def test_name_mentions(text: str, names: list[str]) -> None:
    assert [m.name for m in name_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "title", "gender"),
    [
        ("Mrs. Hale", "Mrs.", "f"),
        ("Mr Darcy", "Mr", "m"),
        ("Mary Smith", None, "f"),
        ("George Emerson", None, "m"),
        # Negative: a surname alone and a genderless title tell nothing.
        ("Senator Smith", "Senator", None),
    ],
)
def test_gender(text: str, title: str | None, gender: str | None) -> None:
    (mention,) = name_mentions(text)
    assert mention.title == title
    assert mention.gender == gender


def test_first_names_list() -> None:
    names = first_names()
    assert len(names) > 4000
    assert name_gender(["Mary"]) == "f"
    assert name_gender(["Unknownname"]) is None


def book(text: str) -> NameBook:
    names = NameBook()
    names.add_all(0, name_mentions(text))
    return names


@pytest.mark.parametrize(
    ("text", "name", "gender", "resolved"),
    [
        ("Fidel Castro spoke.", "Castro", None, "Fidel Castro"),
        ("Fidel Castro spoke.", "Fidel", None, "Fidel Castro"),
        ("John Kennedy and John F. Kennedy.", "John Kennedy", None, "John F. Kennedy"),
        # Negative: the other gender's full name is passed over.
        ("Jane Bennet spoke.", "Bennet", "m", "Bennet"),
        # Negative: a lone first name far commoner than the full name stays as it is.
        ("Mary King. Mary. Mary. Mary. Mary. Mary.", "Mary", None, "Mary"),
        # Negative: nobody of that name.
        ("Fidel Castro spoke.", "Donovan", None, "Donovan"),
    ],
)
def test_resolve(text: str, name: str, gender: str | None, resolved: str) -> None:
    assert book(text).resolve(name, 10**6, gender) == resolved


@pytest.mark.parametrize(
    ("text", "name", "title", "resolved"),
    [
        # A woman named by her first name, never called Mrs., is not "Mrs. Vane".
        ("Sibyl Vane sang.", "Vane", "Mrs.", "Vane"),
        # One written with Mrs. is.
        ("Mrs. Sarah Miller came.", "Miller", "Mrs.", "Sarah Miller"),
        # A full name with a first name the list does not know as a woman's still resolves.
        ("Dorian Gray smiled.", "Gray", "Mrs.", "Dorian Gray"),
        # Miss: a woman only ever called Mrs. is not "Miss Miller"; anyone else may be.
        ("Mrs. Sarah Miller came.", "Miller", "Miss", "Miller"),
        ("Daisy Miller laughed.", "Miller", "Miss", "Daisy Miller"),
        # Negative: with no courtesy title nothing changes.
        ("Sibyl Vane sang.", "Vane", None, "Sibyl Vane"),
    ],
)
def test_resolve_with_a_courtesy_title(
    text: str, name: str, title: str | None, resolved: str
) -> None:
    assert book(text).resolve(name, 10**6, None, title) == resolved


def test_the_family_name_of_a_first_name() -> None:
    book = NameBook()
    for position, text in enumerate(["Kate Morley came.", "Ann Hale and Ann Bell came."]):
        book.add_all(position * 100, name_mentions(text))
    assert book.family_of("Kate") == "Morley"
    # Negative: two families, or none.
    assert book.family_of("Ann") is None
    assert book.family_of("Jane") is None
