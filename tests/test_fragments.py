"""Quoted fragments inside a sentence: when the clause before them reports what was said."""

from __future__ import annotations

import hashlib

import pytest

from indexer.fragments import reports_content
from indexer.pipeline import extract
from indexer.records import Document


@pytest.mark.parametrize(
    ("before", "reports"),
    [
        # A verb of saying whose complement holds the fragment.
        ("The board said the move was", True),
        ("A spokesman for the agency described the plan as", True),
        ("The council slammed the", True),
        ("The ministry warned of", True),
        ("Voters are, according to the survey,", True),
        ("The mayor called it", True),
        ("The senator bemoaned a climate in which people", True),
        ("On Monday, she tried to turn the tables, portraying him as", True),
        # Negative: no verb of saying in the clause.
        ("The company sold the", False),
        ("They watched the", False),
        # Negative: a verb of saying in an earlier clause, cut off by a semicolon.
        ("She said nothing; the room was", False),
        # Negative: naming, not reporting.
        ("The back room was called", False),
        # Negative: a passive that names no one who said it.
        ("It was said that the", False),
        ("It is what people call", False),
        ("a small room called", False),
        ("It was what the papers described as", False),
        # Negative: the verb used as a noun.
        ("There were loud cries of", False),
        ("It ignored the claims and", False),
    ],
)
def test_reports_content(before: str, reports: bool) -> None:
    assert reports_content(before) is reports


def _records(text: str) -> list[tuple[str, str | None]]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = extract(Document("t.txt", "t.txt", None, text, digest)).quotes
    return [(q.kind, q.speaker) for q in found]


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # Verbs that characterise what someone said make a short fragment a partial quotation
        # of their subject.
        ('Ann Lee blamed the delay on "lazy clerks" at the depot.', [("quotation", "Ann Lee")]),
        ('Tom Reyes likened the plan to "a leaky boat" on Monday.', [("quotation", "Tom Reyes")]),
        ('Ann Lee hailed the vote as "historic" last week.', [("quotation", "Ann Lee")]),
        ('Ann Lee referred to the mayor as "our fixer" twice.', [("quotation", "Ann Lee")]),
        ('Tom Reyes ripped the council for its "lazy habits" again.', [("quotation", "Tom Reyes")]),
        # Negative: the same fragment with no verb of saying stays a scare quote.
        ('The depot was full of "lazy clerks" at noon.', [("term", None)]),
        # Negative: a noun, not the verb ("the blame").
        ('The mayor took the blame for the "lazy clerks" at the depot.', [("term", None)]),
    ],
)
def test_speech_act_verbs(text: str, records: list[tuple[str, str | None]]) -> None:
    assert _records(text) == records


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # A fragment in title case is a partial quotation when its clause reports speech.
        ('Ann Lee described the senator as "Little Tom" at the rally.', [("quotation", "Ann Lee")]),
        ('The board said the scheme was "Totally Illegal" in its filing.', [("quotation", None)]),
        # Negative: a title with no sign of speech stays a term.
        ('The band played "Coach And Horses" all night.', [("term", None)]),
        # Negative: a naming word before it makes it a term, whatever the clause.
        ('Ann Lee said the so-called "Grand Plan" would fail.', [("term", None)]),
    ],
)
def test_title_case_fragment_in_reported_speech(
    text: str, records: list[tuple[str, str | None]]
) -> None:
    assert _records(text) == records
