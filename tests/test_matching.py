"""Quotations are matched on their own words, through their passages.

Quotations have no postings of their own; the engine reads the quotations of the passages that
match and checks each one's text here. These tests pin down that a quotation is found exactly
when its own words satisfy the query, whichever way the engine came to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.query import And, AndMaybe, AndNot, Every, Or, Phrase, Prefix, Query, Term, Wildcard
from whoosh.query.wrappers import Not

import search.engine
from indexer.sync import sync
from search.engine import Engine, Request
from search.matching import Words, matches, positive


def t(word: str) -> Term:
    return Term("exact", word)


TEXT = "We will cross the old bridge at dawn, and the river will be ours."


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (t("bridge"), True),
        (t("bridges"), False),
        (And([t("bridge"), t("dawn")]), True),
        (And([t("bridge"), t("war")]), False),
        (Or([t("war"), t("river")]), True),
        (Or([t("war"), t("peace")]), False),
        (Not(t("war")), True),
        (Not(t("river")), False),
        (AndNot(t("bridge"), t("war")), True),
        (AndNot(t("bridge"), t("river")), False),
        (AndMaybe(t("bridge"), t("war")), True),
        (Phrase("exact", ["old", "bridge"]), True),
        (Phrase("exact", ["bridge", "old"]), False),
        (Phrase("exact", ["the", "river", "will"]), True),
        (Phrase("exact", ["the", "bridge"]), False),  # "the old bridge": not in a row
        (Prefix("exact", "riv"), True),
        (Prefix("exact", "sea"), False),
        (Wildcard("exact", "b?idge"), True),
        (Wildcard("exact", "*ours"), True),
        (Wildcard("exact", "x*"), False),
        (Every(), True),
    ],
)
def test_a_quotation_matches_on_its_own_words(query: Query, expected: bool) -> None:
    assert matches(query, Words.of(TEXT)) is expected


def test_words_are_folded_like_the_index() -> None:
    words = Words.of("Raúl CASTRO’s “bridge”")
    assert set(words.positions) == {"raul", "castro's", "bridge"}
    assert words.length == 3


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        (AndNot(t("bridge"), t("war")), t("bridge")),
        (And([t("bridge"), Not(t("war"))]), t("bridge")),
        (Not(t("war")), Every()),
        (Or([t("bridge"), Not(t("war"))]), Every()),
        (And([t("a"), t("b")]), And([t("a"), t("b")])),
    ],
)
def test_the_positive_part_drops_negations(query: Query, kept: Query) -> None:
    assert positive(query) == kept


STORY = (
    "The Crossing\n\n"
    "The bridge was long and the war was near.\n\n"
    '"We will cross the bridge at dawn," said Anna Berg. The war was near.\n\n'
    '"Hold the river," Karl Lind answered, "and the bridge is ours."\n\n'
    "Nobody spoke of the harbour.\n"
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("matching")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "crossing.txt").write_text(STORY, encoding="utf-8")
    sync(corpus, root / "index", jobs=1)
    return Engine(root / "index")


def found(engine: Engine, text: str, **kwargs: object) -> list[tuple[str, str]]:
    answer = engine.search(Request(text=text, limit=None, **kwargs))  # type: ignore[arg-type]
    return sorted((hit.kind, hit.record["text"]) for hit in answer.hits)


def quotes(engine: Engine, text: str, **kwargs: object) -> list[str]:
    return [text for kind, text in found(engine, text, **kwargs) if kind == "quote"]


def test_every_word_must_be_the_quotations_own(engine: Engine) -> None:
    # "war" stands beside the first quotation, not in it: its passage matches, it does not.
    assert quotes(engine, "bridge war") == []
    kinds = [kind for kind, _ in found(engine, "bridge war")]
    assert kinds == ["passage", "passage"]
    assert quotes(engine, "bridge dawn") == ["We will cross the bridge at dawn,"]


def test_a_negated_word_beside_the_quotation_does_not_exclude_it(engine: Engine) -> None:
    assert quotes(engine, "bridge NOT war") == [
        "Hold the river, and the bridge is ours.",
        "We will cross the bridge at dawn,",
    ]
    assert quotes(engine, "NOT bridge") == []
    assert [k for k, _ in found(engine, "harbour NOT bridge")] == ["passage"]


def test_phrases_prefixes_and_stems_reach_quotations(engine: Engine) -> None:
    assert quotes(engine, '"cross the bridge"') == ["We will cross the bridge at dawn,"]
    assert quotes(engine, '"the bridge is ours"') == ["Hold the river, and the bridge is ours."]
    assert quotes(engine, "riv*") == ["Hold the river, and the bridge is ours."]
    assert quotes(engine, "crossing") == ["We will cross the bridge at dawn,"]  # the stem
    hit = next(h for h in engine.search(Request(text="riv*")).hits if h.kind == "quote")
    assert "**river**" in hit.highlights and hit.score > 0


@pytest.mark.parametrize("few", [5_000, 0])
def test_filters_give_the_same_quotations_either_way(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    # With few quotations left by the filters each is checked; with many, the quotations of
    # the matching passages are, less those the filters exclude.
    monkeypatch.setattr(search.engine, "_FEW_QUOTES", few)
    assert quotes(engine, "bridge", speaker="Berg") == ["We will cross the bridge at dawn,"]
    assert quotes(engine, "bridge", speaker="lind") == ["Hold the river, and the bridge is ours."]
    assert quotes(engine, "dawn", speaker="Lind") == []
    assert found(engine, "bridge", speaker="Berg", kinds=("passage", "quote")) == [
        ("quote", "We will cross the bridge at dawn,")
    ]


def test_quotations_rank_among_passages_by_their_own_words(engine: Engine) -> None:
    hits = engine.search(Request(text="bridge", limit=None)).hits
    assert {h.kind for h in hits} == {"passage", "quote"}
    assert all(h.score > 0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert engine.search(Request(text="bridge", limit=2)).hits == hits[:2]


def test_a_passage_is_found_by_id_through_its_chunks(engine: Engine, tmp_path: Path) -> None:
    hit = next(h for h in engine.search(Request(text="harbour")).hits)
    assert engine.get(hit.record["id"]) == hit.record
    assert engine.get("crossing.txt:p9999") is None


def test_filters_alone_find_quotations_of_every_kind_asked(engine: Engine) -> None:
    """Speakers and dates are quotations' fields: a filter finds quotations, never passages."""
    kinds = ("passage", "quote")
    both = engine.search(Request(speaker="Lind", kinds=kinds, limit=None)).hits
    assert [(h.kind, h.record["speaker"]) for h in both] == [("quote", "Karl Lind")]
    assert engine.search(Request(speaker="Lind", kinds=("passage",), limit=None)).hits == []
    assert len(engine.search(Request(kinds=kinds, limit=None)).hits) > 2  # no filter: all
