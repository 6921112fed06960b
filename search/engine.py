"""The reading side of the index: a neutral request in, ranked hits out.

The rules that turn a request into a Whoosh query live here: keyword words go to the stemmed
field, quoted phrases to the unstemmed one (so stop words count), a speaker name must match every
one of its words (so "Castro" finds every Castro and "Fidel Castro" only Fidel), and a date range
keeps quotations whose whole interval lies inside it.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh import highlight
from whoosh.lang import stemmer_for_language
from whoosh.qparser import (
    AndGroup,
    BoostPlugin,
    EveryPlugin,
    QueryParser,
    RangePlugin,
    SingleQuotePlugin,
)
from whoosh.query import (
    And,
    Every,
    NullQuery,
    NumericRange,
    Or,
    Prefix,
    Query,
    Term,
    Wildcard,
)
from whoosh.query.wrappers import Not

from indexer.errors import BadQuery, IndexDamaged, VerbatimError
from indexer.schema import (
    QUERY_STOP_WORDS,
    day_number,
    folding_analyzer,
    nfc,
)
from indexer.store import Records, index_meta, manifest, open_index
from search import postings
from search.matching import Words, matches, positive, score

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")
_OPERATORS = {"and", "or", "not", "andnot", "andmaybe"}
#: A word glued to query syntax (a wildcard, a colon): not a word to correct.
_SYNTAX_WORD = re.compile(r"[^\s()\"]*[*?^~][^\s()\"]*")
#: Typographic double quotes delimit a phrase like the typewriter one (a pasted quotation).
_DOUBLE_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
#: Whoosh syntax that is not part of Verbatim's query language: field names, ranges, boosts,
#: 'single-quoted terms' (they would eat apostrophes) and *:* are plain text here.
_UNSUPPORTED = (BoostPlugin, EveryPlugin, RangePlugin, SingleQuotePlugin)


def _matches_everything(query: Query) -> bool:
    """A query that matches documents without asking for a word: negations alone, or *."""
    if isinstance(query, (Not, Every)):
        return True
    if isinstance(query, And):
        return all(_matches_everything(q) for q in query.children())
    if isinstance(query, Or):
        return any(_matches_everything(q) for q in query.children())
    return False


_WORDED = {"passage", "quote"}  # the kinds of record that have text fields


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asks: words and phrases, filters, which kinds of record, how many."""

    text: str = ""
    kinds: tuple[str, ...] = ("passage", "quote")
    speaker: str | None = None
    addressee: str | None = None
    date_from: date | None = None
    date_until: date | None = None
    limit: int | None = 10


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    record: dict[str, Any]
    score: float
    highlights: str


@dataclass(slots=True)
class Answer:
    hits: list[Hit]
    total: int
    suggestions: dict[str, str] = field(default_factory=dict)


class _Marks(highlight.Formatter):
    """Matched words wrapped in ``**``, fragments joined by `` … ``."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{highlight.get_text(text, token, replace)}**"


#: With filters that leave at most this many quotations, each is checked; with more, the
#: quotations of the passages that match are.
_FEW_QUOTES = 5_000
#: Passages read for their quotations, per hit asked for (and at least _MIN_PASSAGES): a
#: quotation is ranked by its own words, so the best quotations need not stand in the very
#: best passages. The one search that finds the passage hits finds these too; asking Whoosh
#: for the best 100 instead of the best 20 made a keyword query's p95 75 -> 103 ms on 80 MB.
_PASSAGES_PER_HIT = 2
_MIN_PASSAGES = 20


#: The stems whose words an engine keeps (see Engine._words_of_stem) before starting afresh.
_KEPT_STEMS = 10_000


def _passages_for(limit: int) -> int:
    """How many of the best passages are read for quotations when ``limit`` hits are asked."""
    return max(_MIN_PASSAGES, limit * _PASSAGES_PER_HIT)


def _marked(text: str, words: Query) -> str:
    """The text's best fragments with the query's words marked."""
    kept = positive(words)
    leaves = list(kept.leaves()) if not kept.is_leaf() else [kept]
    terms: set[str] = set()
    patterns = []
    for leaf in leaves:
        if isinstance(leaf, (Prefix, Wildcard)):
            patterns.append(leaf)
        elif getattr(leaf, "fieldname", None) == "exact":
            terms.update(
                w.decode("utf-8") if isinstance(w, bytes) else w for _, w in leaf.iter_all_terms()
            )
    if patterns:  # the words of this text that a prefix or wildcard stands for
        own = Words.of(text)
        terms.update(
            w for w in own.positions if any(matches(p, Words({w: [0]}, 1)) for p in patterns)
        )
    if not terms:
        return ""
    return highlight.highlight(
        text,
        terms,
        _ANALYZER,
        highlight.ContextFragmenter(maxchars=240, surround=60),
        _Marks(),
    )


def _fold(text: str) -> list[str]:
    return [token.text for token in folding_analyzer()(nfc(text))]


_ANALYZER = folding_analyzer()


_ENGLISH = stemmer_for_language("en")


@lru_cache(maxsize=200_000)
def _stem_of(word: str) -> str | None:
    """The stem a folded word had in a stemmed field (None for a stop word): the stemming
    analyzer's stop list, shortest word and stemmer applied to the one word directly (through
    the analyzer's tokens it cost 20 us a word, and a short stem reads thousands)."""
    if len(word) < 2 or word in QUERY_STOP_WORDS:
        return None
    stem: str = _ENGLISH(word)
    return stem


def stem_prefixes(stem: str) -> set[str]:
    """What every word with this stem starts with (see :func:`_variants`)."""
    prefixes = {stem[:-1] if stem[-1:] in "eily" and len(stem) > 1 else stem}
    if stem.endswith("ie") and len(stem) > 2:
        prefixes.add(stem[:-2] + "y")
    return prefixes


def _variants(reader: Any, stem: str) -> list[str]:
    """Every word of the ``exact`` field whose stem is ``stem``.

    An English (Porter2) word starts with its stem, except where the stemmer changed the
    stem's last letter, which is then "e", "i", "l" or "y" ("hope" for "hoping", "happi" for
    "happy", "readabl" for "readability", "sky" for "skies"), or made "ie" of a "y" ("die"
    for "dying"): checked on every word of the shipped word list, folded as the index folds
    them. So only the words that start with the stem (or with the stem less that letter,
    or with its "y" form) are stemmed, once per process. (The stem less its last letter for
    every stem, as before, made a 3-letter stem such as "use" read thousands of words.)
    """
    found = []
    for prefix in sorted(stem_prefixes(stem)):
        for term in reader.expand_prefix("exact", prefix):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            if _stem_of(word) == stem and word not in found:
                found.append(word)
    return found


def query_text(text: str) -> str:
    """The query as the parser reads it: NFC, and curly double quotes made straight."""
    return nfc(text).translate(_DOUBLE_QUOTES)


def _asks_for_a_word(query: Query) -> bool:
    """Whether some leaf of the query names a word (``NOT *`` and ``*`` name none)."""
    for leaf in query.leaves():
        if isinstance(leaf, (Wildcard, Prefix)):
            if leaf.text.strip("*?"):
                return True
        elif not isinstance(leaf, Every) and leaf is not NullQuery:
            return True
    return False


def check_query(text: str) -> None:
    """Refuse what cannot be a query: unbalanced quotes or parentheses."""
    text = query_text(text)
    if text.count('"') % 2:
        raise BadQuery(f'unbalanced quote in query {text!r}: close the phrase with a second "')
    depth = 0
    for ch in _PHRASE.sub("", text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth:
        raise BadQuery(f"unbalanced parentheses in query {text!r}")


def _name_query(fieldname: str, name: str) -> Query:
    words = _fold(name)
    if not words:
        raise BadQuery(f"no name in {name!r}")
    return And([Term(fieldname, word) for word in words])


def _damaged(index_dir: Path, error: Exception) -> IndexDamaged:
    return IndexDamaged(
        f"the index in {index_dir} is damaged ({type(error).__name__}): "
        "rebuild it with `verbatim index --rebuild`"
    )


class Engine:
    """An open index and the queries it answers.

    Whoosh reads segment files lazily, so damage can surface during a search: any error from
    below the seam becomes :class:`IndexDamaged`, never a traceback.
    """

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._open: Any = None
        self._records: Records | None = None
        self._postings: postings.Postings | None = None
        self._variants: dict[str, list[str]] = {}
        self.ix = open_index(index_dir)
        # Opened through mmap, each file of a compound segment is copied whole into memory
        # (Whoosh's BufferFile wraps a BytesIO copy): 0.4 s of a search on the 80 MB index.
        # Read plainly, only what the query needs is read; warm queries are as fast.
        self.ix.storage.supports_mmap = False
        self.schema = self.ix.schema

    def _searcher(self) -> Any:
        """One searcher for the engine's life (opening one costs milliseconds), refreshed when
        a writer has committed since."""
        if self._open is None or not self._open.up_to_date():
            self._open = self.ix.searcher() if self._open is None else self._open.refresh()
            self._records = Records(self._open)
            self._postings = postings.Postings(self._open)
            self._variants = {}
        return self._open

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # The searcher holds the segment files open: close them with the engine.
        self.close()

    def _words_of_stem(self, reader: Any, stem: str) -> list[str]:
        """:func:`_variants`, kept for the searcher's life: a short stem ("be") reads every
        word with its first letter."""
        found = self._variants.get(stem)
        if found is None:
            if len(self._variants) >= _KEPT_STEMS:
                self._variants.clear()
            found = self._variants[stem] = _variants(reader, stem)
        return found

    def _to_exact(self, query: Query, reader: Any) -> Query:
        """Keyword words were parsed into stems of the (never indexed) ``text`` field: each
        becomes the ``exact`` words with that stem; prefixes and ranges move over as they are."""

        def visit(q: Query) -> Query:
            if getattr(q, "fieldname", None) != "text":
                return q
            if isinstance(q, Term):
                words = self._words_of_stem(reader, q.text)
                if not words:
                    return q  # the never-indexed field: matches nothing, as it should
                if len(words) == 1:
                    return Term("exact", words[0], boost=q.boost)
                return Or([Term("exact", w) for w in words], boost=q.boost)
            q = copy.copy(q)
            q.fieldname = "exact"
            return q

        return query.accept(visit).normalize()

    def _text_query(self, text: str) -> Query:
        check_query(text)
        # Field names are not part of the language: a colon outside a phrase is plain text.
        outside = _PHRASE.split(query_text(text))
        plain = [
            piece.replace(":", " ") if i % 2 == 0 else piece for i, piece in enumerate(outside)
        ]
        # Phrases go to the unstemmed field, which keeps stop words.
        rewritten = "".join(
            piece if i % 2 == 0 else f' exact:"{piece}" ' for i, piece in enumerate(plain)
        )
        parser = QueryParser("text", self.schema, group=AndGroup)
        for plugin in _UNSUPPORTED:
            parser.remove_plugin_class(plugin)
        query = parser.parse(rewritten)
        if query is None or query is NullQuery or not _asks_for_a_word(query):
            raise BadQuery(f'nothing to search for in {text!r}: give a word or a "phrase"')
        return query

    def _filters(self, request: Request) -> list[Query]:
        """The clauses on quotations' own fields: speaker, addressee and dates."""
        clauses: list[Query] = []
        if request.speaker:
            clauses.append(_name_query("speaker", request.speaker))
        if request.addressee:
            clauses.append(_name_query("addressees", request.addressee))
        if request.date_from:
            clauses.append(NumericRange("date_start", day_number(request.date_from), None))
        if request.date_until:
            clauses.append(NumericRange("date_end", None, day_number(request.date_until)))
        return clauses

    def search(self, request: Request) -> Answer:
        words = self._text_query(request.text) if request.text.strip() else None
        filters = self._filters(request)
        try:
            return self._search(words, filters, request)
        except VerbatimError:
            raise
        except Exception as error:
            raise _damaged(self.index_dir, error) from None

    def _search(self, words: Query | None, filters: list[Query], request: Request) -> Answer:
        searcher = self._searcher()
        kinds = set(request.kinds)
        if words is None:  # filters (or nothing): Whoosh answers alone
            if not filters:
                query: Query = Or([Term("kind", kind) for kind in request.kinds])
            elif "quote" in kinds:
                # Speakers, addressees and dates are quotations' fields alone: a clause on
                # the kind would only make Whoosh walk the postings of every quotation.
                query = And(filters)
            else:
                query = NullQuery
            ranked, total = self._ranked(searcher, query.normalize(), request.limit)
            hits = self._hits(ranked[: request.limit], None)
        else:
            words = self._to_exact(words, searcher.reader())
            hits, total = [], 0
            passages: list[tuple[str, float]] | None = None
            # Without negations, one search serves both: the best passages are hits, and they
            # (with the next best) are where the quotations are looked for.
            shared = "quote" in kinds and positive(words) == words
            if "passage" in kinds and not filters:
                query = words
                if _matches_everything(words):  # a negation alone: of the passages only
                    query = And([Term("kind", "passage"), words])
                top = request.limit
                if shared and top is not None:
                    top = _passages_for(top)
                ranked, total = self._ranked(searcher, query, top)
                hits = self._hits(ranked[: request.limit], words)
                if shared:
                    passages = ranked
            if "quote" in kinds:
                quotes = self._quote_hits(searcher, words, filters, request.limit, passages)
                hits += quotes
                total += len(quotes)
        hits.sort(key=lambda h: (-h.score, h.record.get("id", "")))
        if request.limit is not None:
            hits = hits[: request.limit]
        if words is not None:
            hits = [
                replace(hit, highlights=_marked(hit.record.get("text", ""), words))
                if hit.kind == "quote"
                else hit
                for hit in hits
            ]
        suggestions = self._suggest(searcher, request.text) if request.text else {}
        return Answer(hits, max(total, len(hits)), suggestions)

    def _ranked(
        self, searcher: Any, query: Query, limit: int | None
    ) -> tuple[list[tuple[str, float]], int]:
        """The best ``limit`` documents for the query (all, for None), as their stored
        ``record`` field and score, and how many match. Words and phrases are answered from
        whole posting lists (:mod:`search.postings`), anything else by Whoosh. Counting every
        match when Whoosh stopped early means running the query again over all documents
        (two thirds of a query's time): the count is then Whoosh's estimate."""
        if postings.answers(query, self.schema):
            assert self._postings is not None
            answer = postings.search(self._postings, query, limit)
            stored = searcher.stored_fields
            found = [(stored(f.docnum)["record"], f.score) for f in answer.found]
            return found, answer.total
        results = searcher.search(query, limit=limit)
        found = [(result["record"], result.score) for result in results]
        if limit is None or len(found) < limit:
            total = len(found)
        elif results.has_exact_length():
            total = len(results)
        else:
            total = max(len(found), results.estimated_length())
        return found, total

    def _hits(self, ranked: list[tuple[str, float]], words: Query | None) -> list[Hit]:
        """Hits for records ranked by the index (passages, or records by their fields)."""
        records = self._records
        assert records is not None
        hits = []
        for stored, found_score in ranked:
            record = records.load(stored)
            marked = _marked(record.get("text", ""), words) if words is not None else ""
            hits.append(Hit(record["type"], record, round(found_score, 4), marked))
        return hits

    def _quote_hits(
        self,
        searcher: Any,
        words: Query,
        filters: list[Query],
        limit: int | None,
        passages: list[tuple[str, float]] | None = None,
    ) -> list[Hit]:
        """Quotations whose own words match, found through their passages (quotations have
        no postings: see :mod:`search.matching`), or, when filters leave few, among those."""
        records = self._records
        assert records is not None
        if filters:
            wanted = And(filters).normalize()  # quotations' fields (see _search)
            allowed = set(searcher.docs_for_query(wanted))
            if len(allowed) <= _FEW_QUOTES:
                candidates = [
                    records.load(searcher.stored_fields(docnum)["record"])
                    for docnum in sorted(allowed)
                ]
            else:
                candidates = self._quotes_of_passages(searcher, words, None, allowed)
        elif passages is not None:  # the passages this query found, best first
            candidates = [q for stored, _ in passages for q in records.quotes_beside(stored)]
        else:
            candidates = self._quotes_of_passages(searcher, words, limit, None)
        hits = []
        for record in candidates:
            found = Words.of(record.get("text", ""))
            if matches(words, found):
                # Highlighted once the hits are cut to the limit (see _search).
                hits.append(Hit("quote", record, round(score(words, found, searcher), 4), ""))
        return hits

    def _quotes_of_passages(
        self, searcher: Any, words: Query, limit: int | None, allowed: set[int] | None
    ) -> list[dict[str, Any]]:
        """The quotations of the passages that match the query's positive part: the best
        ``limit`` times :data:`_PASSAGES_PER_HIT` passages, or all; only ``allowed`` ones."""
        records = self._records
        assert records is not None
        kept = positive(words)
        query = Term("kind", "passage") if isinstance(kept, Every) else kept
        top = None if limit is None else _passages_for(limit)
        found = []
        for stored, _ in self._ranked(searcher, query, top)[0]:
            for record in records.quotes_beside(stored):
                if allowed is None or records.docnum(record["id"]) in allowed:
                    found.append(record)
        return found

    def _suggest(self, searcher: Any, text: str) -> dict[str, str]:
        """For each plain query word the index has in no form at all, the likeliest word it
        has. Words glued to syntax (``bri*``) and operators are left alone."""
        plain = _SYNTAX_WORD.sub(" ", _PHRASE.sub(" ", query_text(text)))
        words = [w for w in _WORD.findall(plain) if w.lower() not in _OPERATORS]
        reader = searcher.reader()
        corrector = None
        found = {}
        for word in words:
            folded = _fold(word)
            if not folded or reader.frequency("exact", folded[0]) > 0:
                continue
            stem = _stem_of(folded[0])
            if stem is None or self._words_of_stem(reader, stem):
                continue  # a stop word, or another form of the word is in the index
            corrector = corrector or searcher.corrector("exact")
            options = corrector.suggest(folded[0], limit=1, prefix=1)
            if options:
                found[word] = options[0]
        return found

    def get(self, record_id: str) -> dict[str, Any] | None:
        fields = self._searcher().document(id=record_id)
        assert self._records is not None
        if not fields:
            return self._records.find(record_id)
        record = self._records.load(fields["record"])
        return record if isinstance(record, dict) else None  # a chunk is no record

    def speakers(self) -> list[tuple[str, int]]:
        """Every speaker with the number of quotations indexed for them, most quoted first."""
        counts: Counter[str] = Counter()
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            for term in reader.field_terms("speaker_key"):
                postings = reader.postings("speaker_key", term)
                live = sum(1 for docnum in postings.all_ids() if not reader.is_deleted(docnum))
                if live:
                    name = term.decode("utf-8") if isinstance(term, bytes) else term
                    counts[name] = live
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def status(self) -> dict[str, Any]:
        docs = manifest(self.ix)
        meta = index_meta(self.ix)
        size = sum(p.stat().st_size for p in self.index_dir.iterdir() if p.is_file())
        return {
            "documents": len(docs),
            "passages": sum(d.passages for d in docs.values()),
            "quotes": sum(d.quotes for d in docs.values()),
            "schema_version": meta.get("schema_version"),
            "engine_version": meta.get("engine_version"),
            "extraction_version": meta.get("extraction_version"),
            "updated": meta.get("updated"),
            "index_bytes": size,
        }
