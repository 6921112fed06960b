"""Word and phrase queries answered from whole posting lists, a list at a time.

Whoosh answers a query a document at a time: every posting of every word passes through
nested matcher calls in Python, and a keyword's stem is an ``Or`` of the words that have it,
one more level of calls for each. On the 80 MB index that made the common keyword queries
three to four times slower than a bare Whoosh index with a stemmed field. Here a query made of
words and phrases on the ``exact`` field (joined by And and Or, the shape of nearly every
query) is answered from whole lists instead: each word's postings are read a block at a time
(Whoosh's own blocks, unpickled once each), a conjunction reads its rarest part first and only
looks up the others' postings for the documents still in the running, and scores are summed
per document in plain dictionaries.

The scores are Whoosh's own: BM25F with its defaults, the sum over the query's matched words
of ``bm25(idf, frequency, length)``, a phrase scoring as the words it is made of (as Whoosh's
phrase matcher does), lengths as Whoosh stores them (one byte). A test compares the hits and
scores with Whoosh's on random queries.

A phrase is checked word by word on positions only for the documents that could still reach
the hits: at the top of a query (a phrase alone, or in a conjunction), candidates are taken
best score first and checked until the hits asked for are found, so a common phrase ("to
be") checks tens of documents, not tens of thousands. The total is then an estimate, from the
share of checked candidates that held the phrase.

Anything else (prefixes, wildcards, negations) goes to Whoosh: :func:`answers` says which.
"""

from __future__ import annotations

import heapq
import pickle
import struct
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from itertools import accumulate, islice
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
from whoosh.query import And, Or, Phrase, Query, Term
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

from search.matching import K1, B, in_a_row

FIELD = "exact"
#: A word's postings are looked up one document at a time, rather than read whole, when the
#: documents still in the running are fewer than its postings divided by this.
PROBE_RATIO = 4


@dataclass(frozen=True, slots=True)
class Found:
    """One document that matches, with its score."""

    docnum: int
    score: float


@dataclass(slots=True)
class Answer:
    """The best documents, best first; how many match; and whether that count is exact."""

    found: list[Found]
    total: int
    exact: bool


def answers(query: Query, schema: Any) -> bool:
    """Whether :func:`search` can answer this query: And and Or over words and phrases of
    the ``exact`` field, and words of fields never indexed (which match nothing)."""
    if type(query) in (And, Or):
        children = list(query.children())
        if isinstance(query, Or) and (query.scale is not None or query.minmatch):
            return False  # Whoosh's coordination scaling and minimum matches
        if len(children) < 2 and query.boost != 1:
            return False  # Whoosh ignores the boost of a compound of one query
        return all(answers(child, schema) for child in children)
    if type(query) is Term:
        return query.fieldname == FIELD or (
            query.fieldname in schema and not schema[query.fieldname].indexed
        )
    if type(query) is Phrase:  # words in a row: Whoosh's SpanNear tries every span for a slop
        return query.fieldname == FIELD and query.slop == 1
    return False


_INT = struct.Struct("!i")


@dataclass(slots=True)
class _Block:
    """One block of a posting list: its last id, its (compressed) data, and once decoded its
    (ids, weights, values)."""

    last_id: int
    data: bytes
    compressed: bool
    count: int
    postings: tuple[Any, Any, Any] | None = None


class _Segment:
    """One segment of the index: its posting lists, deletions and field lengths."""

    def __init__(self, reader: Any, base: int, avg_length: float) -> None:
        self.reader = reader
        self.base = base
        self.deleted: set[int] = set(reader.deleted_docs_set or ())
        self.count = reader.doc_count_all()
        self._fixed = reader.schema[FIELD].format.fixed_value_size()
        self._norm: list[float] | None = None
        self._lengths: bytes | None = None
        self._avg = avg_length

    def lengths(self) -> tuple[bytes, list[float]]:
        """Each document's length byte, and for each byte the BM25 length norm."""
        if self._lengths is None:
            column = self.reader._perdoc._cached_reader(f"_{FIELD}_len", LENGTHS_COLUMN)
            raw = b"" if column is None else column._dbfile.get(column._basepos, column._count)
            self._lengths = raw + bytes(max(0, self.count - len(raw)))
            self._norm = [
                K1 * ((1 - B) + B * (byte_to_length(byte) or 1) / self._avg) for byte in range(256)
            ]
        assert self._norm is not None
        return self._lengths, self._norm

    def blocks(self, word: bytes) -> list[_Block]:
        """The word's posting list as its blocks, read in one piece (Whoosh's matcher reads
        each block's header with a dozen small reads); none if the segment lacks the word."""
        terms = self.reader._terms
        if (FIELD, word) not in terms:
            return []
        info = terms.term_info(FIELD, word)
        if info.is_inlined():  # Whoosh 2.7's W3 codec never writes them (and cannot read them)
            raise ValueError(f"postings inlined in the term dictionary for {word!r}")
        offset, length = info.extent()
        if isinstance(length, tuple):  # Whoosh 2.7 reads it back unpacked
            (length,) = length
        raw = terms._postfile.get(offset, length)
        if raw[:4] != WHOOSH3_HEADER_MAGIC:
            raise ValueError(f"damaged posting list for {word!r}")
        stream = BytesIO(raw)
        stream.seek(4)
        found = []
        while True:  # a block: its length (negative for the last), its info, its data
            start = stream.tell()
            (size,) = _INT.unpack(stream.read(4))
            count, last_id, _, compression, _, _ = pickle.load(stream)
            data = raw[stream.tell() : start + 4 + abs(size)]
            found.append(_Block(last_id, data, bool(compression), count))
            if size < 0:
                return found
            stream.seek(start + 4 + size)

    def decode(self, block: _Block) -> tuple[Any, Any, Any]:
        """A block's ids, weights and values, as Whoosh's W3LeafMatcher reads them (the ids'
        deltas summed in C by ``accumulate``, not by a generator)."""
        if block.postings is None:
            data = zlib.decompress(block.data) if block.compressed else block.data
            ids, weights, values = pickle.loads(data)
            ids = list(accumulate(ids))
            if weights is None:
                weights = [1.0] * block.count
            elif isinstance(weights, float):
                weights = [weights] * block.count
            if self._fixed == 0:
                values = (None,) * block.count
            elif self._fixed is not None and self._fixed > 0:
                size = self._fixed
                values = [values[i : i + size] for i in range(0, len(values), size)]
            block.postings = (ids, weights, values)
        return block.postings


@dataclass(slots=True)
class _List:
    """One word's postings in one search, by ascending document number (kept in columns:
    a dictionary of tuples cost more to build than the blocks cost to decode)."""

    ids: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    values: list[bytes | None] = field(default_factory=list)
    #: each document's BM25 length norm
    norms: list[float] = field(default_factory=list)

    def add(self, docnum: int, weight: float, value: bytes | None, norm: float) -> None:
        self.ids.append(docnum)
        self.weights.append(weight)
        self.values.append(value)
        self.norms.append(norm)

    def within(self, wanted: set[int]) -> _List:
        kept = _List()
        for i, docnum in enumerate(self.ids):
            if docnum in wanted:
                kept.add(docnum, self.weights[i], self.values[i], self.norms[i])
        return kept

    def value(self, docnum: int) -> bytes | None:
        i = bisect_left(self.ids, docnum)
        return self.values[i] if i < len(self.ids) and self.ids[i] == docnum else None

    def scores(self, idf: float) -> dict[int, float]:
        """Each document's BM25F score, for a word of this ``idf``."""
        k1 = K1 + 1
        found = [idf * w * k1 / (w + n) for w, n in zip(self.weights, self.norms, strict=True)]
        return dict(zip(self.ids, found, strict=True))


class Postings:
    """The ``exact`` field's posting lists as one searcher sees them."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        avg = searcher.avg_field_length(FIELD) or 1.0
        self.segments = [
            _Segment(reader, base, avg)
            for reader, base in searcher.reader().leaf_readers()
            if isinstance(reader, SegmentReader)  # not the EmptyReader of an empty index
        ]
        self.format = searcher.schema[FIELD].format

    def frequency(self, word: str) -> int:
        """How many documents have the word (deleted ones too: an estimate for ordering)."""
        return int(self.searcher.doc_frequency(FIELD, word))

    def read(self, word: str, within: set[int] | None = None) -> _List:
        """The word's postings, for every document or only those ``within``."""
        key = word.encode("utf-8")
        found = _List()
        for segment in self.segments:
            blocks = segment.blocks(key)
            if not blocks:
                continue
            base, deleted = segment.base, segment.deleted
            lengths, norm = segment.lengths()
            if within is None:
                read = _List()
                for block in blocks:
                    ids, weights, values = segment.decode(block)
                    read.ids.extend(ids)
                    read.weights.extend(weights)
                    read.values.extend(values or (None,) * len(ids))
                    read.norms.extend(map(norm.__getitem__, map(lengths.__getitem__, ids)))
                if deleted:
                    read = read.within(set(read.ids) - deleted)
                if base:
                    read.ids = [base + local for local in read.ids]
                found.ids.extend(read.ids)
                found.weights.extend(read.weights)
                found.values.extend(read.values)
                found.norms.extend(read.norms)
                continue
            ends = [block.last_id for block in blocks]
            end = base + segment.count
            for docnum in sorted(d for d in within if base <= d < end):
                local = docnum - base
                at = bisect_left(ends, local)
                if at == len(blocks) or local in deleted:
                    continue
                ids, weights, values = segment.decode(blocks[at])
                i = bisect_left(ids, local)
                if i < len(ids) and ids[i] == local:
                    value = values[i] if values else None
                    found.add(docnum, weights[i], value, norm[lengths[local]])
        return found

    def scores(self, word: str, postings: _List, boost: float) -> dict[int, float]:
        """Each document's BM25F score for the word."""
        if not postings.ids:
            return {}  # (and no idf to compute: an empty index has none)
        return postings.scores(self.searcher.idf(FIELD, word) * boost)

    def positions(self, value: bytes | None) -> list[int]:
        return [] if value is None else list(self.format.decode_positions(value))


#: A phrase to check on one document.
_Check = Callable[[int], bool]


def _estimate(postings: Postings, query: Query) -> int:
    if isinstance(query, Term):
        return postings.frequency(query.text) if query.fieldname == FIELD else 0
    if isinstance(query, Phrase):
        return min((postings.frequency(w) for w in query.words), default=0)
    sizes = [_estimate(postings, child) for child in query.children()]
    return min(sizes, default=0) if isinstance(query, And) else sum(sizes)


def _needed(postings: Postings, word: str, within: set[int] | None) -> set[int] | None:
    """``within``, or None where reading the whole list is cheaper than looking up each."""
    if within is not None and len(within) * PROBE_RATIO < postings.frequency(word):
        return within
    return None


def _term(postings: Postings, query: Term, within: set[int] | None) -> dict[int, float]:
    if query.fieldname != FIELD:
        return {}  # the parse-only stem field, or a field without words
    word = query.text
    # Read whole, the list is not cut to ``within``: the conjunction above drops the rest,
    # and cutting it cost more than scoring it.
    return postings.scores(word, postings.read(word, _needed(postings, word, within)), query.boost)


def _phrase(
    postings: Postings, query: Phrase, within: set[int] | None
) -> tuple[dict[int, float], _Check]:
    """The documents that have every word of the phrase, scored, and the check of the
    words' order on one of them.

    The words are read rarest first, each only where the ones before it stand. Before a
    common word is looked up document by document, the candidates are narrowed to those
    where the words read so far already stand at the right distances from one another
    ("which _ man" before "a" is looked up): decoding their positions costs a few
    microseconds a document, looking up a common word a block (about 60) per document.
    """
    words = list(query.words)
    offsets: dict[str, list[int]] = {}
    for offset, word in enumerate(words):
        offsets.setdefault(word, []).append(offset)
    read: dict[str, _List] = {}
    starts: dict[int, set[int]] | None = None  # where the phrase may start, once narrowed
    for word in sorted(offsets, key=postings.frequency):
        wanted = _needed(postings, word, within)
        if (
            starts is None
            and wanted is not None
            and query.slop == 1
            and len(read) >= 2
            and _narrowing_pays(len(wanted), len(read), postings.frequency(word))
        ):
            starts = _starts(postings, read, offsets, wanted)
            within = wanted = set(starts)
        found = postings.read(word, wanted)
        read[word] = found
        here = set(found.ids) if within is None else within.intersection(found.ids)
        if starts is not None:
            starts = _starts(postings, {word: found}, offsets, here, starts)
            within = set(starts)
        else:
            within = here
    candidates = within or set()
    tables = [
        (postings.scores(word, read[word], query.boost), len(where))
        for word, where in offsets.items()
    ]
    if len(tables) == 1:  # one word, perhaps repeated ("you you")
        (table, times), *_ = tables
        total = {d: table[d] * times for d in candidates}
    else:
        total = {d: sum(table[d] * times for table, times in tables) for d in candidates}
    slop = query.slop

    def check(docnum: int) -> bool:
        lists = [postings.positions(read[word].value(docnum)) for word in words]
        return next(in_a_row(lists, slop), None) is not None

    return total, check


#: Measured on the 80 MB index: decoding one word's positions in one document takes about
#: 3 microseconds; decoding a block of postings, about 60.
_POSITIONS_COST = 3
_BLOCK_COST = 60


def _narrowing_pays(candidates: int, words: int, frequency: int) -> bool:
    """Whether checking the positions of ``words`` words in every candidate costs less than
    the blocks of a word with ``frequency`` postings that the candidates would decode."""
    blocks = min(candidates, frequency // 128 + 1)
    return candidates * words * _POSITIONS_COST < blocks * _BLOCK_COST


def _starts(
    postings: Postings,
    read: dict[str, _List],
    offsets: dict[str, list[int]],
    candidates: set[int],
    known: dict[int, set[int]] | None = None,
) -> dict[int, set[int]]:
    """For each candidate, the positions where the phrase can start given the words
    ``read`` (at their offsets in the phrase) and what was ``known``; only candidates
    where it still can."""
    found: dict[int, set[int]] = {}
    for docnum in candidates:
        can = None if known is None else known.get(docnum)
        if known is not None and can is None:
            continue
        for word, postings_of_word in read.items():
            where = postings.positions(postings_of_word.value(docnum))
            for offset in offsets[word]:
                here = {position - offset for position in where}
                can = here if can is None else can & here
            if not can:
                break
        if can:
            found[docnum] = can
    return found


def _evaluate(
    postings: Postings, query: Query, within: set[int] | None, checks: list[_Check] | None
) -> dict[int, float]:
    """Scores of the documents that match. Phrases are checked here, unless ``checks`` is
    given, where they are left for the caller (the conjunction at the top of the query)."""
    if isinstance(query, Term):
        return _term(postings, query, within)
    if isinstance(query, Phrase):
        scores, check = _phrase(postings, query, within)
        if checks is not None:
            checks.append(check)
            return scores
        return {d: s for d, s in scores.items() if check(d)}
    children = list(query.children())
    if isinstance(query, Or):
        # the largest part copied whole (a stem's commonest word), the others added to it
        parts = sorted(
            (_evaluate(postings, child, within, None) for child in children), key=len, reverse=True
        )
        total = dict(parts[0]) if parts else {}
        for part in parts[1:]:
            for docnum, score in part.items():
                total[docnum] = total.get(docnum, 0.0) + score
        if query.boost != 1:
            return {d: s * query.boost for d, s in total.items()}
        return total
    # And: the rarest part first; the others only where it matched
    result: dict[int, float] | None = None
    for child in sorted(children, key=lambda c: _estimate(postings, c)):
        scores = _evaluate(postings, child, within, checks)
        if result is None:
            result = scores
        else:
            result = {d: s + scores[d] for d, s in result.items() if d in scores}
        within = set(result)
        if not result:
            break
    if query.boost != 1:
        return {d: s * query.boost for d, s in (result or {}).items()}
    return result or {}


def _best_first(scores: dict[int, float], first: int | None) -> Iterator[tuple[int, float]]:
    """The documents by descending score (then number), the best ``first`` found without
    sorting the rest: their threshold comes from a heap of bare scores, in C."""
    rest: list[tuple[float, int]]
    if first is not None and len(scores) > first:
        threshold = heapq.nlargest(first, scores.values())[-1]
        top = [(d, s) for d, s in scores.items() if s >= threshold]
        top.sort(key=lambda item: (-item[1], item[0]))
        yield from top
        rest = [(-s, d) for d, s in scores.items() if s < threshold]
    else:
        rest = [(-s, d) for d, s in scores.items()]
    rest.sort()
    for negated, docnum in rest:
        yield docnum, -negated


def search(postings: Postings, query: Query, limit: int | None) -> Answer:
    """The best ``limit`` documents (all, for None) for a query :func:`answers` accepts."""
    checks: list[_Check] | None = [] if isinstance(query, (And, Phrase)) else None
    scores = _evaluate(postings, query, None, checks)
    if not checks:
        best = islice(_best_first(scores, limit), limit)
        return Answer([Found(d, s) for d, s in best], len(scores), True)
    # Phrases at the top: checked best candidate first, until the hits are found.
    if limit is not None and limit < 1:
        return Answer([], len(scores), False)
    found: list[Found] = []
    checked = 0
    for docnum, score in _best_first(scores, None if limit is None else limit * 4):
        if limit is not None and len(found) == limit:
            break
        checked += 1
        if all(check(docnum) for check in checks):
            found.append(Found(docnum, score))
    if checked == len(scores):
        return Answer(found, len(found), True)
    share = len(found) / checked
    return Answer(found, max(len(found), round(len(scores) * share)), False)
