"""Quoted fragments inside a sentence: when the clause before them reports what was said."""

from __future__ import annotations

import pytest

from indexer.fragments import reports_content


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
