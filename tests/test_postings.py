"""Queries answered from whole posting lists find and score what Whoosh finds and scores.

:mod:`search.postings` reads Whoosh's posting blocks itself and sums BM25F scores in
dictionaries; these tests build small indexes with Verbatim's ``exact`` field (several
segments, deleted documents, posting lists of one block and of many) and compare its answers
with Whoosh's own on random queries.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import fields, index
from whoosh.query import And, Or, Phrase, Query, Term

from indexer.schema import FoldedText, ParseOnly, stemming_analyzer
from search import postings

#: Common words (long posting lists of several blocks), rare ones (a posting or two).
COMMON = ["the", "of", "and", "to", "a"]
MIDDLE = ["bridge", "river", "dawn", "war", "peace", "castro", "said", "cross"]
RARE = ["havana", "sierra", "maestra", "granma"]


def _schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        text=ParseOnly(stemming_analyzer()),
        exact=FoldedText(),
    )


def _text(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randrange(1, 40)):
        roll = rng.random()
        pool = COMMON if roll < 0.55 else MIDDLE if roll < 0.97 else RARE
        words.append(rng.choice(pool))
    return " ".join(words)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An index of 1,200 random documents in three segments, with deletions in two."""
    folder = tmp_path_factory.mktemp("postings")
    ix = index.create_in(str(folder), _schema())
    rng = random.Random(7)
    number = 0
    for _ in range(3):
        writer = ix.writer()
        for _ in range(400):
            writer.add_document(id=f"d{number}", exact=_text(rng))
            number += 1
        writer.commit(merge=False)
    writer = ix.writer()
    for gone in rng.sample(range(number), 60):
        writer.delete_by_term("id", f"d{gone}")
    writer.commit(merge=False)
    assert len(ix._segments()) == 3 and ix.doc_count() < ix.doc_count_all()
    with ix.searcher() as opened:
        yield opened


def _whoosh(searcher: Any, query: Query, limit: int | None) -> list[tuple[int, float]]:
    return [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit)]


def _ours(searcher: Any, query: Query, limit: int | None) -> postings.Answer:
    assert postings.answers(query, searcher.schema)
    return postings.search(postings.Postings(searcher), query, limit)


def _same(
    ours: list[postings.Found],
    theirs: list[tuple[int, float]],
    every: list[tuple[int, float]] | None = None,
) -> None:
    """The same scores in the same order; the same documents, but for ties (Whoosh breaks
    them by document number too, yet its sums may differ in the last bits): any document of
    ``every`` match with the same score will do, also past the cut."""
    assert [round(f.score, 6) for f in ours] == [round(s, 6) for _, s in theirs]
    by_score: dict[float, set[int]] = {}
    for docnum, score in theirs if every is None else every:
        by_score.setdefault(round(score, 6), set()).add(docnum)
    for found in ours:
        assert found.docnum in by_score[round(found.score, 6)]


WORDS = COMMON + MIDDLE + RARE + ["absent"]
term = st.sampled_from(WORDS).map(lambda w: Term("exact", w))
phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(
    lambda ws: Phrase("exact", ws)
)
SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
leaf = st.one_of(term, term, phrase)
queries = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(And),
        st.lists(inner, min_size=2, max_size=3).map(Or),
    ),
    max_leaves=5,
)


@pytest.fixture(params=["measured", "always", "never"])
def narrowing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Phrases narrowed by the positions of the words read so far as the cost model says,
    always, or never: the answers are the same."""
    if request.param != "measured":
        always = request.param == "always"
        monkeypatch.setattr(postings, "_narrowing_pays", lambda *_: always)


@SETTINGS
@given(query=queries)
def test_every_match_and_score_as_whoosh(searcher: Any, narrowing: None, query: Query) -> None:
    theirs = _whoosh(searcher, query, None)
    ours = _ours(searcher, query, None)
    _same(ours.found, theirs)
    assert ours.total == len(theirs) and ours.exact


@SETTINGS
@given(query=queries, limit=st.integers(min_value=1, max_value=15))
def test_the_best_as_whoosh(searcher: Any, narrowing: None, query: Query, limit: int) -> None:
    everything = _whoosh(searcher, query, None)
    ours = _ours(searcher, query, limit)
    _same(ours.found, everything[:limit], everything)
    if ours.exact:
        assert ours.total == len(everything)
    else:  # phrases checked best first: the count is estimated from those checked
        assert len(ours.found) == limit < len(everything) or ours.total >= len(ours.found)


def test_a_common_phrase_checks_few_candidates(searcher: Any) -> None:
    """At the top of a query, a phrase is checked on the best candidates only."""
    query = Phrase("exact", ["of", "the"])
    everything = _whoosh(searcher, query, None)
    assert len(everything) > 20
    ours = _ours(searcher, query, 5)
    _same(ours.found, everything[:5], everything)
    assert not ours.exact and ours.total > 5


def test_a_word_of_a_field_never_indexed_matches_nothing(searcher: Any) -> None:
    query = And([Term("exact", "bridge"), Term("text", "bridg")])
    assert _ours(searcher, query, 10).found == []
    assert postings.answers(Or([Term("exact", "war"), Term("text", "bridg")]), searcher.schema)


def test_what_it_cannot_answer_goes_to_whoosh(searcher: Any) -> None:
    from whoosh.query import Not, Prefix, Wildcard

    schema = searcher.schema
    assert not postings.answers(Prefix("exact", "bri"), schema)
    assert not postings.answers(Wildcard("exact", "br?dge"), schema)
    assert not postings.answers(And([Term("exact", "war"), Not(Term("exact", "peace"))]), schema)
    assert not postings.answers(Term("id", "d1"), schema)  # an indexed field other than exact


def test_an_empty_index(tmp_path: Path) -> None:
    ix = index.create_in(str(tmp_path), _schema())
    with ix.searcher() as opened:
        answer = _ours(opened, And([Term("exact", "war"), Phrase("exact", ["of", "war"])]), 10)
    assert answer.found == [] and answer.total == 0


def test_queries_whoosh_scores_its_own_way_go_to_whoosh(searcher: Any) -> None:
    """A phrase with a slop (Whoosh tries every span), an Or that scales by coordination or
    asks for a minimum of matches, a boosted compound of one query (Whoosh drops the boost)."""
    schema = searcher.schema
    assert not postings.answers(Phrase("exact", ["of", "the", "war"], slop=2), schema)
    pair = [Term("exact", "war"), Term("exact", "dawn")]
    assert not postings.answers(Or(pair, scale=0.5), schema)
    assert not postings.answers(Or(pair, minmatch=2), schema)
    assert not postings.answers(And([Term("exact", "war")], boost=2.0), schema)
    assert postings.answers(And([Term("exact", "war")]), schema)


def test_no_hit_asked_for_a_phrase(searcher: Any) -> None:
    answer = _ours(searcher, Phrase("exact", ["of", "the"]), 0)
    assert answer.found == [] and answer.total > 0 and not answer.exact
