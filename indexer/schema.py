"""The Whoosh schema shared by the writing side (:mod:`indexer.store`) and the reading side.

This module imports Whoosh only (never NLTK or the pipeline), so searching starts fast.

Fields:
* ``exact``: the words, accents and case folded, unstemmed, stop words kept, with positions:
  ranked keyword search, exact phrases ("to be or not to be") and did-you-mean suggestions;
* ``text``: parsed, never indexed (:class:`ParseOnly`): the query parser stems keyword words
  with its analyzer, and the engine turns each stem into the ``exact`` words that have it
  (``bridg`` -> ``bridge``, ``bridges``, ``bridged``...). The match sets are those of a stemmed
  field, at half the indexing cost: a second analysed copy of every text was 55% of the time
  Whoosh spent indexing and a quarter of the index (see README, "Performance");
* ``speaker`` / ``addressees``: names folded for case and accents, so ``castro`` finds every
  Castro and ``fidel castro`` (all words required) finds Fidel alone; ``speaker_key`` holds the
  canonical name as one term, for listing speakers;
* ``date_start`` / ``date_end``: the date's interval as YYYYMMDD numbers (any year, unlike
  ``datetime``), so a range filter checks the whole interval;
* ``record``: the only stored field. The manifest's entries store their JSON here; passages
  and quotations are stored in chunks (see :mod:`indexer.store`) and keep a pointer to theirs.

Texts are NFC-normalised before they reach Whoosh (a decomposed "Raúl" would tokenise badly).
Apostrophes are folded too: ``’``, ``‘`` and ``ʼ`` index and search as ``'``, so ``Castro's``
typed on a keyboard finds "Castro’s" in the text. Stems are the English Snowball (Porter2)
stemmer's, which gives every inflection one stem ("negotiated", "negotiating", "negotiations"
-> ``negoti``) where the original Porter stemmer split them (``negotiat`` / ``negoti``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

from whoosh import fields
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.filters import STOP_WORDS
from whoosh.support.charset import accent_map

#: Bumped whenever the fields change; an index with another schema version must be rebuilt.
#: 5: apostrophes folded to ', Porter2 stems. 8: records stored in chunks.
#: 9: quotations have no words of their own (their passages' are searched). 10: a chunk
#: holds one JSON record a line, and a passage's pointer counts its quotations.
SCHEMA_VERSION = 10

#: Words: letters and digits (no underscores, so Gutenberg's _italics_ index as words),
#: with inner periods or apostrophes kept ("u.s", "o'brien", "castro’s"). The modifier letter
#: apostrophe counts as a letter to Python, but here as the apostrophe it stands for.
TOKEN_PATTERN = r"[^\W_ʼ]+(?:[.'’‘ʼ][^\W_ʼ]+)*"

#: Accents off, and every apostrophe (right and left single quotation marks, the modifier
#: letter apostrophe) the typewriter one: "Castro’s" is indexed, and searched, as "castro's".
FOLD_MAP = {**accent_map, 0x2019: "'", 0x2018: "'", 0x02BC: "'"}
#: Typographic ligatures (common in text taken from PDFs and OCR) as their letters, so
#: "ﬁne" is indexed and searched as "fine".
FOLD_MAP.update(
    {
        0xFB00: "ff",
        0xFB01: "fi",
        0xFB02: "fl",
        0xFB03: "ffi",
        0xFB04: "ffl",
        0xFB05: "st",
        0xFB06: "st",
    }
)


def folding_analyzer() -> Analyzer:
    """Words, lowercased, accents and apostrophes folded: names, phrases, did-you-mean."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(FOLD_MAP)


#: Words too common to search for alone, Whoosh's list less the ones that are names or content
#: in news and history ("US", "May", "will" as a noun, "can"): a query keeps them.
QUERY_STOP_WORDS = frozenset(STOP_WORDS - {"us", "may", "will", "can", "yet", "tbd"})


def stemming_analyzer() -> Analyzer:
    """The folded words less stop words, stemmed (English Porter2): keyword queries."""
    return (
        folding_analyzer()
        | StopFilter(stoplist=QUERY_STOP_WORDS)
        | StemFilter(lang="en", cachesize=50000)
    )


_TOKEN = re.compile(TOKEN_PATTERN)


class FoldedText(fields.TEXT):
    """The ``exact`` field: the folding analyzer's words with their positions.

    Indexing takes a shortcut with the same result (a test compares them): one ``findall``
    and, for each word, ``lower()`` and the fold table, instead of a token object per word
    through three filters; ASCII text is lowercased whole, and needs no folding. Analysing
    was a third of the time Whoosh spent adding a passage.
    """

    def __init__(self) -> None:
        super().__init__(analyzer=folding_analyzer(), phrase=True)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if kwargs.get("mode", "index") != "index" or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        if value.isascii():
            words = _TOKEN.findall(value.lower())
        else:  # the analyzer's order: words found, then lowercased, then folded
            words = [word.lower().translate(FOLD_MAP) for word in _TOKEN.findall(value)]
        positions: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            found = positions.get(word)
            if found is None:
                positions[word] = [position]
            else:
                found.append(position)
        encode = self.format.encode
        boost = self.format.field_boost
        for word, where in positions.items():
            yield word.encode("utf-8"), len(where), len(where) * boost, encode(where)


class Key(fields.ID):
    """An ID field (one term per value, as given) that indexes a string without running it
    through an analyzer: the same term, at a tenth of the cost (a test compares them)."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, str) and kwargs.get("mode", "index") == "index":
            return [(value.encode("utf-8"), 1, self.format.field_boost, b"")]
        return super().index(value, **kwargs)


class ParseOnly(fields.TEXT):
    """A text field that the query parser analyses but the writer skips: no postings, no
    lengths, nothing stored. Values given for it when adding a document are ignored."""

    def __init__(self, analyzer: Any) -> None:
        super().__init__(analyzer=analyzer, phrase=False)
        self.indexed = False
        self.scorable = False
        self.stored = False

    def process_text(self, qstring: str, mode: str = "", **kwargs: Any) -> Any:
        """Words folded and stemmed, but a wildcard's text (``tokenize=False``) only folded:
        ``happy*`` must not become ``happi*``, which misses "happy" itself."""
        if not kwargs.get("tokenize", True):
            return (token.text for token in folding_analyzer()(qstring, mode=mode, **kwargs))
        return super().process_text(qstring, mode=mode, **kwargs)


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=Key(unique=True),
        kind=Key(),
        doc_id=Key(),
        text=ParseOnly(stemming_analyzer()),
        exact=FoldedText(),
        title=fields.TEXT(analyzer=folding_analyzer(), stored=True),
        speaker=fields.TEXT(analyzer=folding_analyzer(), phrase=False),
        speaker_key=Key(),
        addressees=fields.TEXT(analyzer=folding_analyzer(), phrase=False),
        date_start=fields.NUMERIC(int, bits=32),
        date_end=fields.NUMERIC(int, bits=32),
        date_precision=Key(),
        record=fields.STORED(),
    )


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def day_number(day: date) -> int:
    """A day as the number YYYYMMDD: ordered like the days themselves."""
    return day.year * 10000 + day.month * 100 + day.day


def pack_record(record: dict[str, Any]) -> str:
    """A record as stored in the ``record`` field: its JSON."""
    return json.dumps(record, ensure_ascii=False)


def pack_chunk(records: list[dict[str, Any]]) -> str:
    """The records of a chunk, as its ``record`` field stores them: one JSON record a line
    (JSON escapes the line breaks inside strings), so a reader parses only the records it
    needs."""
    return "\n".join(json.dumps(record, ensure_ascii=False) for record in records)


def unpack_chunk(stored: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stored.split("\n")]


#: A passage's or quotation's ``record`` field holds this, the chunk's id and the record's
#: place in it, instead of the record itself: "@doc.txt:c0003#5" for a quotation,
#: "@doc.txt:c0003#4+1" for a passage followed in its chunk by one quotation of its own. A
#: JSON record starts with "{", so the two never mix.
POINTER = "@"


def pointer(chunk_id: str, place: int, quotes: int | None = None) -> str:
    tail = "" if quotes is None else f"+{quotes}"
    return f"{POINTER}{chunk_id}#{place}{tail}"


def read_pointer(stored: str) -> tuple[str, int, int] | None:
    """The chunk id, place and number of quotations following (0 for a quotation) that a
    stored pointer names, or None for a record stored whole."""
    if not stored.startswith(POINTER):
        return None
    chunk_id, _, rest = stored[1:].rpartition("#")
    place, _, quotes = rest.partition("+")
    return chunk_id, int(place), int(quotes or 0)


def unpack_record(stored: str) -> dict[str, Any]:
    """The record :func:`pack_record` stored."""
    record: dict[str, Any] = json.loads(stored)
    return record
