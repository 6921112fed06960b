"""Letters read out: wholly quoted paragraphs headed by a salutation are no quotations."""

from __future__ import annotations

import hashlib

import pytest

from indexer.pipeline import extract
from indexer.records import Document


def quotes(text: str) -> list[str]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = extract(Document("t.txt", "t.txt", None, text, digest)).quotes
    return [q.text for q in found if q.kind == "quotation"]


LETTER = (
    "She opened it and read:\n\n"
    '"Elm Lodge,"\n\n'
    '"Sunday."\n\n'
    '"Dearest Meg,"\n\n'
    '"The house is old and lovely. We arrived late."\n\n'
    '"Your loving sister"\n\n'
    "She put it down.\n\n"
    '"What news?" asked Tom.'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A letter: its heading, salutation, body and signature are no quotations.
        (LETTER, ["What news?"]),
        ('"My dear Anne,--"\n\n"I make no apology for my silence."', []),
        # A salutation set off by a dash or a wide space from the body in its paragraph.
        ('"Dear Tom,--I have your note. The roads are bad."\n\n"We shall wait."', []),
        ('"MY DEAR ANN,   I write in haste."', []),
        # Negative: a salutation that opens speech.
        (
            '"My dear Louisa," said her father, "you are late."',
            ["My dear Louisa, you are late."],
        ),
        # Negative: a salutation inside narration is no letter.
        (
            'He wrote "Dear Tom," at the top.\n\n"It is late," she said.',
            ["Dear Tom,", "It is late,"],
        ),
    ],
)
def test_letters_are_not_quotations(text: str, expected: list[str]) -> None:
    assert quotes(text) == expected


CLOSED_LETTER = (
    "The note was brief.\n\n"
    '"We reached the coast at noon. The sea is grey and the inn is cold, but the people '
    'are kind to us."\n\n'
    '"Tell Tom to mind the garden. Yours ever, Meg."\n\n'
    "She put it down.\n\n"
    '"What news?" asked Tom.'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A letter without a salutation, known by its close, runs back over its body.
        (CLOSED_LETTER, ["What news?"]),
        ('"I shall come on Friday.   Your affectionate friend,"\n\n"ANN SHAW."', []),
        ('"Do not wait for me. I am well. M.D."', []),
        (
            '"I must go now, and I cannot write more, though there is a great deal more that I '
            'should like to tell you about the journey and the house and the people."\n\n'
            '"JOHN BELL."',
            [],
        ),
        # Negative: speech that only sounds like a close.
        ('"Ours! Yours, you mean," said Tom.', ["Ours! Yours, you mean,"]),
        ('"Is it you?"\n\n"It is--I."', ["Is it you?", "It is--I."]),
        ('"Who is there?"\n\n"TOM."', ["Who is there?", "TOM."]),
        ('"I said, STOP IT NOW."', ["I said, STOP IT NOW."]),
    ],
)
def test_letters_known_by_their_close(text: str, expected: list[str]) -> None:
    assert quotes(text) == expected
