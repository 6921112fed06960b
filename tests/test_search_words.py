"""How words match: apostrophes folded (a typed ' finds a printed ’) and inflections stemmed
alike (Porter2), through the CLI on small corpora; and the ``exact`` field's ASCII shortcut
giving the analyzer's postings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields

from indexer.schema import FoldedText, folding_analyzer
from tests.conftest import jsonl, run

APOSTROPHES = """Havana, April 1963

Castro’s forces held the beach for three days, and nobody in Washington expected it.

The weather was fine and the sea was calm.

Then O’Brien said, “I’m not going to talk about who blew it up.”
"""

INFLECTIONS = """Talks, 1963

Donovan had to negotiate with Castro for the prisoners.

The two men negotiated through the night at the villa.

Negotiating was slow, and the negotiations lasted for months.

Relations between the two countries were cold.

There was no relation between the two events.

The storm would destroy the harbour.

The bridge was destroyed in the war.

They were destroying the evidence, and the fishermen mended their nets.
"""


def _index(tmp_path: Path, name: str, text: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    target = tmp_path / "index"
    result = run("index", str(corpus), "--index-dir", str(target))
    assert result.exit_code == 0, result.output
    return target


def _hits(index_dir: Path, query: str) -> set[str]:
    result = run("search", query, "--index-dir", str(index_dir), "--format", "jsonl", "-n", "50")
    assert result.exit_code == 0, result.output
    return {record["id"] for record in jsonl(result)}


@pytest.fixture()
def apostrophes_index(tmp_path: Path) -> Path:
    return _index(tmp_path, "castro.txt", APOSTROPHES)


@pytest.mark.parametrize(
    ("queries"),
    [
        ["Castro's", "Castro’s", "Castroʼs", "Castro‘s"],
        ['"Castro\'s forces"', '"Castro’s forces"'],
        ["I'm", "I’m"],
        ["O'Brien", "O’Brien"],
    ],
)
def test_a_straight_apostrophe_finds_a_curly_one(
    apostrophes_index: Path, queries: list[str]
) -> None:
    found = [_hits(apostrophes_index, query) for query in queries]
    assert found[0], queries[0]
    assert all(hits == found[0] for hits in found), dict(zip(queries, found, strict=True))


def test_curly_and_straight_apostrophes_find_the_same_passages(apostrophes_index: Path) -> None:
    keyword = _hits(apostrophes_index, "Castro's")
    assert keyword == _hits(apostrophes_index, '"Castro\'s forces"')
    assert keyword == _hits(apostrophes_index, "Castro’s")


@pytest.fixture()
def inflections_index(tmp_path: Path) -> Path:
    return _index(tmp_path, "talks.txt", INFLECTIONS)


@pytest.mark.parametrize(
    "family",
    [
        ["negotiate", "negotiated", "negotiating", "negotiations"],
        ["relation", "relations"],
        ["destroy", "destroyed", "destroying"],
    ],
)
def test_words_match_in_any_inflection(inflections_index: Path, family: list[str]) -> None:
    found = {word: _hits(inflections_index, word) for word in family}
    # Every word finds every passage that holds any word of its family.
    assert len(found[family[0]]) >= len(family) - 1, found
    assert all(hits == found[family[0]] for hits in found.values()), found


@pytest.mark.parametrize("word", ["dying", "lying", "tying"])
def test_a_porter2_stem_two_letters_off_its_word(tmp_path: Path, word: str) -> None:
    index_dir = _index(tmp_path, "night.txt", f"Night, 1963\n\nThe old man was {word} there.\n")
    assert _hits(index_dir, word)


def _postings(field: fields.FieldType, text: str) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(field.index(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"abzAZ09 .'’‘ʼ_-\n,éÉİßøŁ“”—ﬁﬂΣσς",
                "e\u0301",  # a combining accent
                "O'Brien",
                "u.s.",
                "it's",
                " the ",
                "Raúl",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_indexing_shortcut_gives_the_analyzer_postings(text: str) -> None:
    field = FoldedText()
    analysed = sorted(fields.TEXT.index(field, text))
    assert _postings(field, text) == analysed


@given(st.text(alphabet=st.sampled_from(list("ab '’‘ʼ.")), max_size=40))
def test_every_apostrophe_folds_to_the_straight_one(text: str) -> None:
    straight = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    field = FoldedText()
    assert _postings(field, text) == _postings(field, straight)
    assert [t.text for t in folding_analyzer()(text)] == [
        t.text for t in folding_analyzer()(straight)
    ]


LIGATURES = """Notes

The ﬁnal ﬂight left the ﬁeld at noon.

The final flight of the day was late.
"""


@pytest.mark.parametrize("query", ["final", "ﬁnal", '"final flight"', "flight"])
def test_ligatures_match_their_letters(tmp_path: Path, query: str) -> None:
    index_dir = _index(tmp_path, "notes.txt", LIGATURES)
    assert len(_hits(index_dir, query)) == 2


QUERY_WORDS = """Notes

A happy city of happiness. The cities were generous.

Running the runway, he runs.

The US said in May it will act.

Castro's envoy arrived. To be or not to be, he said.
"""


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("happy*", ["happy"]),  # a wildcard is folded, never stemmed (not happi*)
        ("city*", ["city"]),
        ("running*", ["Running"]),
        ("US", ["US"]),  # not a stop word here: a country
        ("May", ["May"]),  # a month
        ('castro\'s"envoy"', ["Castro's", "envoy"]),  # a phrase glued to a word
        ("“to be or not to be”", ["To", "be", "or", "not", "to", "be"]),  # curly quotes
    ],
)
def test_query_words(tmp_path: Path, query: str, marked: list[str]) -> None:
    index_dir = _index(tmp_path, "notes.txt", QUERY_WORDS)
    result = run("search", query, "--index-dir", str(index_dir), "--format", "jsonl")
    (hit,) = jsonl(result)
    assert re.findall(r"\*\*(.+?)\*\*", hit["highlights"]) == marked


def test_a_query_that_names_no_word_is_refused(tmp_path: Path) -> None:
    index_dir = _index(tmp_path, "notes.txt", QUERY_WORDS)
    for query in ("NOT *", "* OR *"):
        result = run("search", query, "--index-dir", str(index_dir))
        assert result.exit_code == 2
        assert "nothing to search for" in result.stderr


@given(st.text(max_size=40))
def test_key_fields_index_what_an_id_field_indexes(value: str) -> None:
    from indexer.schema import Key

    field = Key()
    assert sorted(field.index(value)) == sorted(fields.ID.index(field, value))


def test_a_word_has_the_stem_the_stemming_analyzer_gives_it() -> None:
    """The engine stems the index's words one at a time without the analyzer's tokens."""
    from indexer.lexicon import words
    from indexer.schema import FOLD_MAP, stemming_analyzer
    from search.engine import _stem_of

    analyzer = stemming_analyzer()
    checked = 0
    for word in [*words(), "a", "be", "the", "us", "o'brien", "u.s", "1984", "x2"]:
        folded = word.lower().translate(FOLD_MAP)
        stems = [token.text for token in analyzer(folded)]
        if len(stems) <= 1:  # one word, as the index's words are
            assert _stem_of(folded) == (stems[0] if stems else None), folded
            checked += 1
    assert checked > 10_000


def test_every_word_starts_with_a_prefix_of_its_stem() -> None:
    """Keyword stems are expanded to the index's words that start with one of the stem's
    prefixes: a word outside them would never be found by its stem."""
    from indexer.lexicon import words
    from indexer.schema import FOLD_MAP
    from search.engine import _stem_of, stem_prefixes

    missed = []
    for word in words():
        folded = word.lower().translate(FOLD_MAP)
        stem = _stem_of(folded)
        if stem is not None and not any(folded.startswith(p) for p in stem_prefixes(stem)):
            missed.append((folded, stem))
    assert missed == []
    assert stem_prefixes("hope") == {"hop"} and stem_prefixes("bridg") == {"bridg"}
    assert stem_prefixes("die") == {"di", "dy"}
