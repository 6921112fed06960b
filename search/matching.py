"""A query checked against one quotation's own words, and scored as Whoosh scores a passage.

Quotations have no postings of their own: every word of a quotation is already a word of its
passage, and indexing it twice made a quarter of the index and of the indexing work. The
engine finds quotations through the passages that match the query (a quotation's passage has
all its words) and checks each here, against the quotation's text alone: ``bridge war`` finds
a quotation only if the quotation itself says both.

The query is the engine's, after keyword stems became the ``exact`` words that have them:
terms, phrases, prefixes and wildcards on ``exact``, joined by And, Or, Not, AndNot and
AndMaybe.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    NullQuery,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    Wildcard,
)
from whoosh.query.wrappers import Not
from whoosh.scoring import bm25

from indexer.schema import folding_analyzer, nfc

#: Whoosh's BM25F defaults, which score the passages.
B = 0.75
K1 = 1.2

_ANALYZER = folding_analyzer()


@dataclass(slots=True)
class Words:
    """A text's folded words and where each stands."""

    positions: dict[str, list[int]] = field(default_factory=dict)
    length: int = 0

    @classmethod
    def of(cls, text: str) -> Words:
        words = cls()
        for position, token in enumerate(_ANALYZER(nfc(text))):
            words.positions.setdefault(token.text, []).append(position)
            words.length = position + 1
        return words


@lru_cache(maxsize=256)
def _wildcard(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


def matches(query: Query, words: Words) -> bool:
    """Whether ``words`` satisfy ``query``."""
    if isinstance(query, Term):
        return _text(query.text) in words.positions
    if isinstance(query, Phrase):
        return _phrase_count(query, words) > 0
    if isinstance(query, Prefix):
        prefix = _text(query.text)
        return any(word.startswith(prefix) for word in words.positions)
    if isinstance(query, Wildcard):
        pattern = _wildcard(_text(query.text))
        return any(pattern.fullmatch(word) for word in words.positions)
    if isinstance(query, Not):
        return not matches(query.query, words)
    if isinstance(query, AndNot):
        return matches(query.a, words) and not matches(query.b, words)
    if isinstance(query, AndMaybe):
        return matches(query.a, words)
    if isinstance(query, And):
        return all(matches(q, words) for q in query.children())
    if isinstance(query, Or):
        return any(matches(q, words) for q in query.children())
    if isinstance(query, Every):
        return True
    if query is NullQuery:
        return False
    raise TypeError(f"no rule to match {type(query).__name__} against a quotation")


def _phrase_count(query: Phrase, words: Words) -> int:
    """How many times the phrase's words stand in a row (within its slop) in ``words``."""
    lists = [words.positions.get(_text(w), []) for w in query.words]
    return sum(1 for _ in in_a_row(lists, query.slop)) if lists else 0


def in_a_row(lists: list[list[int]], slop: int) -> Iterator[int]:
    """Where the words stand in a row (each within ``slop`` after the one before), given each
    word's positions in order: the first word's position for each time they do."""
    for start in lists[0]:
        at = start
        for following in lists[1:]:
            nxt = next((p for p in following if at < p <= at + slop), None)
            if nxt is None:
                break
            at = nxt
        else:
            yield start


def positive(query: Query) -> Query:
    """The query less its negations: what the quotation's passage must match (a passage
    holds every word of its quotations, but may hold words a negation excludes)."""
    if isinstance(query, Not):
        return Every()
    if isinstance(query, AndNot):
        return positive(query.a)
    if isinstance(query, AndMaybe):
        return positive(query.a)
    if isinstance(query, And):
        kept = [q for q in (positive(c) for c in query.children()) if not isinstance(q, Every)]
        return And(kept) if len(kept) > 1 else kept[0] if kept else Every()
    if isinstance(query, Or):
        found = [positive(c) for c in query.children()]
        return Every() if any(isinstance(q, Every) for q in found) else Or(found)
    return query


def score(query: Query, words: Words, searcher: Any) -> float:
    """The BM25F score Whoosh would give a document of these words (``exact`` field)."""
    avg = searcher.avg_field_length("exact") or 1.0
    length = max(words.length, 1)
    total = 0.0
    for leaf, frequency in _matched_leaves(query, words):
        if isinstance(leaf, (Prefix, Wildcard)):
            total += leaf.boost  # Whoosh scores a word pattern as a constant
            continue
        idf = sum(searcher.idf("exact", w) for w in _leaf_words(leaf))
        total += bm25(idf, frequency, length, avg, B, K1) * leaf.boost
    return total


def _leaf_words(leaf: Query) -> list[str]:
    if isinstance(leaf, Phrase):
        return [_text(w) for w in leaf.words]
    return [_text(leaf.text)]


def _matched_leaves(query: Query, words: Words) -> list[tuple[Query, int]]:
    """The leaves of the query's positive part that the words match, with their frequency."""
    found: list[tuple[Query, int]] = []
    kept = positive(query)
    for leaf in [kept] if kept.is_leaf() else kept.leaves():
        if isinstance(leaf, Term):
            count = len(words.positions.get(_text(leaf.text), ()))
        elif isinstance(leaf, Phrase):
            count = _phrase_count(leaf, words)
        elif isinstance(leaf, (Prefix, Wildcard)):
            count = int(matches(leaf, words))
        else:
            continue
        if count:
            found.append((leaf, count))
    return found
