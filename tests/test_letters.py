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
