"""The index's fields: the fast path of the ``exact`` field gives what its analyzer gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields

from indexer.schema import FoldedText, make_schema

PIECES = [*"abcXYZ019 _.'-,;\n\"", "the", "The", "U.S.", "o'Brien", "a.b", "x'"]
ASCII_PROSE = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


def _both(text: str) -> tuple[list[object], list[object]]:
    field = make_schema()["exact"]
    assert isinstance(field, FoldedText)
    fast = sorted(field.index(text))
    slow = sorted(fields.TEXT.index(field, text))
    return fast, slow


@settings(max_examples=300, deadline=None)
@given(ASCII_PROSE)
def test_fast_path_equals_the_analyzer(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow


def test_fast_path_on_real_prose(seed_text: str) -> None:
    for paragraph in seed_text.split("\n\n"):
        fast, slow = _both(paragraph)
        assert fast == slow


def test_non_ascii_text_takes_the_analyzer() -> None:
    fast, slow = _both("Raúl Castro’s _bridge_ — Fidel")
    assert fast == slow
    assert any(item[0] == b"raul" for item in fast)
