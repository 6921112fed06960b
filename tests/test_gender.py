"""Gender learned per person from the pronoun that follows a name."""

from __future__ import annotations

import pytest

from indexer import gender
from indexer.names import name_mentions


def _votes(text: str) -> list[tuple[str, str]]:
    mentions = list(name_mentions(text))
    return [(m.name, g) for m, g in gender.votes_in(text, mentions)]


@pytest.mark.parametrize(
    ("text", "votes"),
    [
        ("Aziz laughed, and he went out.", [("Aziz", "m")]),
        ("Then Aziz took his hat.", [("Aziz", "m")]),
        ("Adela hesitated; then she spoke.", []),  # the clause ends first
        ("Adela smiled as if she knew.", [("Adela", "f")]),
        # Only the name just before the pronoun votes.
        ("Adela nodded and Aziz smiled, for he knew.", [("Aziz", "m")]),
        # Negative: object forms stand for someone else.
        ("Aziz looked at her.", []),
        # Negative: a name after a preposition or an article is no subject.
        ("In Derbyshire he rode all day.", []),
        ("The Collector said that he would come.", []),
        # Negative: a quotation mark ends the search.
        ('Aziz said, "She is here."', []),
    ],
)
def test_votes_in(text: str, votes: list[tuple[str, str]]) -> None:
    assert _votes(text) == votes


def _learn(texts: list[str]) -> dict[str, str]:
    mentions = [list(name_mentions(t)) for t in texts]
    return gender.learn(texts, mentions, lambda _para, mention: mention.name)


@pytest.mark.parametrize(
    ("texts", "learned"),
    [
        (["Aziz laughed, and he went out.", "Aziz sat down with his tea."], {"Aziz": "m"}),
        # Negative: one vote is not enough, nor votes that disagree.
        (["Aziz laughed, and he went out."], {}),
        (["Aziz laughed, and he went out.", "Aziz sat, and she smiled."], {}),
        # Negative: an ordinary word that names no one named in full does not vote.
        (["Perhaps he knew.", "Perhaps he did not."], {}),
    ],
)
def test_learn(texts: list[str], learned: dict[str, str]) -> None:
    assert _learn(texts) == learned


def test_learned_gender_resolves_a_pronoun() -> None:
    from tests.test_attribution import last

    told = "Aziz came in, and he sat down by the fire. Then Aziz took his hat.\n\n"
    scene = 'Mrs. Moore looked at Aziz.\n\n"It is late," he said.'
    assert last(told + scene).speaker == "Aziz"
    # Negative: without the pronouns, nothing tells the gender of Aziz.
    assert last("Aziz came in.\n\n" + scene).speaker is None


def test_a_name_inside_a_quotation_does_not_vote() -> None:
    assert _votes('"Lizzy, he is here," said Jane.') == []
    # Negative: the narration after the quotation still votes.
    assert _votes('"Go," said Jane, and she went.') == [("Jane", "f")]


@pytest.mark.parametrize(
    ("texts", "description", "known"),
    [
        (
            ["The Professor rose, and he spoke.", "The Professor took his hat."],
            "The Professor",
            "m",
        ),
        (
            ["the old woman nodded, and she knew. The old woman said that she would."],
            "the old woman",
            "f",
        ),
        # Negative: after a preposition the description is no subject; one vote is none.
        (
            ["He spoke to the Professor, and he left.", "The Professor took his hat."],
            "The Professor",
            None,
        ),
    ],
)
def test_of_description(texts: list[str], description: str, known: str | None) -> None:
    assert gender.of_description("\n".join(texts).lower(), description) == known


def test_a_courtesy_title_gives_way_to_the_pronouns_of_the_bare_name() -> None:
    from indexer.cleaning import clean
    from indexer.scene import Scene

    text = "Mrs. Hall came in.\n\nHall went out, and he shut the door.\n\nHall sat, and he ate."
    scene = Scene(clean(text).paragraphs)
    assert scene.gender_of("Hall") == "m"
    assert scene.gender_of("Mrs. Hall") == "f"
    # Negative: without pronouns after the bare name, the title still tells.
    assert Scene(clean("Mrs. Hall came in.\n\nHall went out.").paragraphs).gender_of("Hall") == "f"


def test_a_described_speaker_has_the_gender_of_its_noun() -> None:
    from indexer.cleaning import clean
    from indexer.scene import Scene

    scene = Scene(clean("The matron came in.").paragraphs)
    assert scene.gender_of("the matron") == "f"
    # Negative: a noun of no gender, and no pronoun after it.
    assert scene.gender_of("the stranger") is None
