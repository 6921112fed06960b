"""The narrator of a story told in the first person: its cues ("said I"), its name learned
from the lines next to its own, and its place in the turns of an exchange."""

from __future__ import annotations

import hashlib

import pytest

from indexer import narrator
from indexer.cues import Cue
from indexer.pipeline import extract
from indexer.records import Document, Quote


def quotes(text: str) -> list[Quote]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = extract(Document("t.txt", "t.txt", None, text, digest)).quotes
    return [q for q in found if q.kind == "quotation"]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        (", said I.", "said"),
        (" I answered him gravely.", "answered"),
        (", cried I, with some heat.", "cried"),
        (", I said to Holmes.", "said"),
    ],
)
def test_first_person_cue_after(text: str, verb: str) -> None:
    cue = narrator.cue_after(text, 0, 0)
    assert cue is not None and narrator.is_narrator(cue)
    assert cue.verb == verb
    assert text[cue.offset] == "I"


@pytest.mark.parametrize(
    "text",
    [
        " I said nothing.",  # nothing was said
        " I think he was right.",  # thinking, not saying
        " I remembered asking the way.",
        " I began to see the town very differently.",  # a clause of narration
        ", said he.",
    ],
)
def test_no_first_person_cue_after(text: str) -> None:
    assert narrator.cue_after(text, 0, 0) is None


def test_first_person_cue_before() -> None:
    text = "The fog lifted at last, and I said to him, "
    cue = narrator.cue_before(text, 3, 100)
    assert cue is not None and narrator.is_narrator(cue)
    assert cue.para == 3 and cue.offset == 100 + text.index("I said")
    assert narrator.cue_before("The fog lifted, and he said, ", 0, 0) is None


def test_self_named() -> None:
    narration = [
        "I, Tom Marlow, of Leeds, set down these pages.",
        "At school they called me Nobby, and I did not mind it.",
        "I went out.",
    ]
    assert narrator.self_named(narration) == ["Tom Marlow", "Nobby"]


def test_learn_name_votes() -> None:
    # Lines 1 and 3 are the narrator's; 0, 2 and 4 stand next to them.
    calls = {0: ["Marlow"], 1: ["Bede"], 2: ["Marlow"], 3: [], 4: ["Bede"]}

    def neighbours(i: int) -> list[int]:
        return [i - 1, i + 1]

    assert narrator.learn_name([1, 3], calls.__getitem__, neighbours, []) == "Marlow"
    # A name the narrator calls is someone else's.
    calls[0] = ["Bede"]
    calls[2] = ["Bede"]
    assert narrator.learn_name([1, 3], calls.__getitem__, neighbours, []) is None
    # Two names as likely: no guess; the narration naming its "I" settles it.
    calls = {0: ["Marlow"], 1: [], 2: ["Kurtz"], 3: [], 4: []}
    assert narrator.learn_name([1, 3], calls.__getitem__, neighbours, []) is None
    assert narrator.learn_name([1, 3], calls.__getitem__, neighbours, ["Kurtz"]) == "Kurtz"


def test_in_list() -> None:
    text = "I met Tom, Dick, and Harry on the road, Bede."
    assert narrator.in_list(text, text.index("Dick"), text.index("Dick") + 4)
    assert narrator.in_list(text, text.index("Tom"), text.index("Tom") + 3)
    assert not narrator.in_list(text, text.index("Bede"), text.index("Bede") + 4)


def test_unnamed_narrator_is_a_placeholder() -> None:
    text = 'I walked to the mill in the rain.\n\n"Is anyone there?" said I.\n'
    found = quotes(text)
    assert found[0].speaker == narrator.NARRATOR
    assert found[0].attribution.method == "narrator"


def test_narrator_named_by_the_lines_around() -> None:
    text = (
        "I found my friend Bede by the window of our rooms.\n\n"
        '"You are late, Marlow," said Bede.\n\n'
        '"The trains were slow," I answered.\n\n'
        '"Then sit down, Marlow, and listen."\n\n'
        '"Very well."\n'
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Bede", "Marlow", "Bede", "Marlow"]
    assert found[1].attribution.method == "narrator"
    assert found[3].attribution.method == "turn-taking"


def test_split_quotation_with_a_first_person_cue() -> None:
    text = (
        "I sat with Bede in the evening.\n\n"
        '"I think," said I, "that the case is closed."\n\n'
        '"Not yet, Marlow."\n'
    )
    found = quotes(text)
    assert found[0].speaker == "Marlow"
    assert found[0].attribution.method == "narrator"


def test_names_in_a_list_do_not_name_the_narrator() -> None:
    text = (
        "I rode in from the coast.\n\n"
        '"I met Tom, Dick, and Harry on the road," said Bede.\n\n'
        '"Did you?" said I.\n'
    )
    assert quotes(text)[-1].speaker == narrator.NARRATOR


def test_third_person_cues_are_untouched() -> None:
    text = 'Anne walked to the mill.\n\n"Is anyone there?" said Anne.\n'
    assert quotes(text)[0].speaker == "Anne"


def test_he_in_an_exchange_with_the_narrator_is_the_other_party() -> None:
    # Nothing tells Bede's gender, so "he" finds no antecedent of its own: it is the other
    # party of the exchange, not the narrator.
    text = (
        "The fog was thick that morning.\n\n"
        '"Come in," said Bede.\n\n'
        '"Thank you," I answered.\n\n'
        '"You look tired," said he.\n'
    )
    found = quotes(text)
    assert found[-1].speaker == "Bede"
    assert found[-1].attribution.method == "pronoun"


def test_he_is_never_the_narrator() -> None:
    text = (
        "The fog was thick that morning.\n\n"
        '"Is anyone there?" said I.\n\n'
        '"You look tired," said he.\n'
    )
    assert quotes(text)[-1].speaker is None


def test_he_without_a_known_gender_is_a_speaker_of_the_exchange() -> None:
    text = (
        'The fog was thick that morning.\n\n"Come in," said Bede.\n\n"You look tired," said he.\n'
    )
    assert quotes(text)[-1].speaker == "Bede"


def test_relations_named_by_the_narration() -> None:
    narration = ["I went home with my brother Robert and my uncle, Jasper Hale, that day."]
    found = narrator.relations(narration, lambda noun: noun in ("brother", "uncle"))
    assert found == {"brother": "Robert", "uncle": "Jasper Hale"}
    assert narrator.relations(["I lost my hat Tuesday."], lambda noun: noun == "brother") == {}


def test_the_narrators_relation_as_speaker() -> None:
    text = (
        "I lived in those years with my brother Robert and our aunt.\n\n"
        '"It is late," said my brother.\n\n'
        '"So it is," said my aunt.\n'
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Robert", "my aunt"]
    assert found[1].attribution.method == "description"


def test_he_is_not_a_relation_of_the_other_gender() -> None:
    text = (
        "The fog was thick that morning.\n\n"
        '"Come in," said my mother.\n\n'
        '"You look tired," said he.\n'
    )
    assert quotes(text)[-1].speaker is None


def test_a_vocative_before_the_next_clause_is_no_list() -> None:
    text = "Well, Watson, I think you are right."
    start = text.index("Watson")
    assert not narrator.in_list(text, start, start + len("Watson"))
    text = "Tom, Dick, Harry: all came."
    start = text.index("Harry")
    assert narrator.in_list(text, start, start + len("Harry"))


@pytest.mark.parametrize(
    ("speaker", "rest", "verb", "addressed"),
    [
        ("Holmes", " to me", "said", True),
        ("he", " me", "told", True),
        ("he", " to Bede", "said", False),
        ("he", " me back", "gave", False),  # no verb of address
        ("I", " to him", "said", False),
    ],
)
def test_addresses_narrator(speaker: str, rest: str, verb: str, addressed: bool) -> None:
    cue = Cue(speaker, 0, 0, f"{verb} {speaker}{rest}", rest, verb)
    assert narrator.addresses_narrator(cue) is addressed


def test_the_narrator_is_addressed_by_name() -> None:
    text = (
        "The fog was thick that morning.\n\n"
        '"Where to?" said I.\n\n'
        '"Baker Street, Watson," said Holmes to me.\n'
    )
    found = quotes(text)
    assert found[0].speaker == "Watson"
    assert found[1].addressees == ("Watson",)
