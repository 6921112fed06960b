"""The seed document's expectations (tests/data/expected.json), every item of them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from indexer.cleaning import clean
from indexer.records import Extraction, Quote
from indexer.sentences import sentence_spans
from tests.conftest import fold, jsonl, run


def _expected_quote(expected: dict[str, Any], key: str) -> dict[str, Any]:
    return next(q for q in expected["quotes"] if q["id"] == key)


def _match(extraction: Extraction, want: dict[str, Any]) -> Quote:
    """The extracted quotation whose parts are the expected ones."""
    parts = [fold(p) for p in want["parts"]]
    found = [q for q in extraction.quotes if [fold(p.text) for p in q.parts] == parts]
    assert len(found) == 1, f"{want['id']}: no single quote with parts {parts}"
    return found[0]


def _ids(extraction: Extraction, expected: dict[str, Any]) -> dict[str, str]:
    """Our record id for each expected quote id."""
    return {q["id"]: _match(extraction, q).id for q in expected["quotes"]}


def test_title_once_and_in_no_passage(seed_extraction: Extraction, expected: dict) -> None:
    title = expected["document"]["title"]
    assert seed_extraction.document.title == title
    assert not any(title in p.text for p in seed_extraction.passages)


def test_title_lines_in_source(seed_text: str, expected: dict) -> None:
    cleaned = clean(seed_text)
    assert len(cleaned.title_spans) == expected["document"]["title_lines_in_source"]
    for start, end in cleaned.title_spans:
        assert seed_text[start:end].strip() == expected["document"]["title"]


@pytest.mark.parametrize("junk", range(4))
def test_junk_in_no_passage(seed_extraction: Extraction, expected: dict, junk: int) -> None:
    line = expected["document"]["not_in_any_passage"][junk]
    assert not any(line in p.text for p in seed_extraction.passages)


def test_line_break_repairs(seed_extraction: Extraction, expected: dict) -> None:
    text = " ".join(p.text for p in seed_extraction.passages)
    for broken, repaired in expected["document"]["line_break_repairs"]:
        assert repaired in text
        assert broken not in text


def test_exactly_the_expected_quotes(seed_extraction: Extraction, expected: dict) -> None:
    quotes = [q for q in seed_extraction.quotes if q.kind == "quotation"]
    assert len(quotes) == len(expected["quotes"])
    assert sorted(_ids(seed_extraction, expected).values()) == sorted(q.id for q in quotes)


@pytest.mark.parametrize(
    "key",
    ["epigraph", "how-would-it-come-about", "in-view-of-the-past", "porcupines", "very-carefully"],
)
def test_quote(seed_extraction: Extraction, expected: dict, key: str) -> None:
    want = _expected_quote(expected, key)
    quote = _match(seed_extraction, want)
    assert quote.speaker == want["speaker"]
    assert list(quote.addressees) == want.get("addressees", [])
    assert [fold(n) for n in quote.nested] == want.get("nested", [])
    assert quote.date is not None
    precision = want["date_precision"]
    if precision.startswith("year or finer within"):
        year = int(precision.split()[-1])
        first, last = quote.date.interval()
        assert first.year == last.year == year
    else:
        assert quote.date.isoformat() == want["date"]
        assert quote.date.precision == precision
    assert quote.attribution.method != "none"


def test_every_part_slices_back_to_the_source(seed_extraction: Extraction, seed_text: str) -> None:
    for quote in seed_extraction.quotes:
        for part in quote.parts:
            raw = seed_text[part.start : part.end]
            assert fold(raw) == part.text or re.sub(r"\s", "", raw) == re.sub(r"\s", "", part.text)
            assert "\n" not in part.text


def test_apostrophes_are_not_quotes(seed_extraction: Extraction, seed_text: str) -> None:
    marks = [m.start() + len(m.group(1)) for m in re.finditer(r"(I|Castro|Kennedy)[’']", seed_text)]
    assert len(marks) >= 4
    bounds = {b for q in seed_extraction.quotes for p in q.parts for b in (p.start - 1, p.end)}
    assert not bounds & set(marks)
    nested = [n for q in seed_extraction.quotes for n in q.nested]
    assert not any(n.startswith(("m ", "s ")) for n in nested)


def test_no_sentence_split_after(seed_extraction: Extraction, expected: dict) -> None:
    tokens = expected["sentences"]["must_not_split_after"]
    seen = dict.fromkeys(tokens, 0)
    for passage in seed_extraction.passages:
        for start, end in sentence_spans(passage.text):
            sentence = passage.text[start:end].rstrip()
            for token in tokens:
                seen[token] += passage.text[start:end].count(token)
                assert not sentence.endswith(" " + token), sentence
    assert all(seen.values()), "every token occurs in the seed"


def _lookup_args(ask: str) -> list[str]:
    """The CLI arguments for one of expected.json's lookups."""
    if m := re.fullmatch(r"quotes by speaker '([^']+)'(?: matching '([^']+)')?", ask):
        return ["quotes", "--speaker", m.group(1), *([m.group(2)] if m.group(2) else [])]
    if m := re.fullmatch(r"quotes dated from (\S+) to (\S+)", ask):
        return ["quotes", "--from", m.group(1), "--until", m.group(2)]
    if m := re.fullmatch(r"full-text search '([^']+)'.*", ask):
        return ["search", m.group(1)]
    raise AssertionError(f"unknown lookup {ask!r}")


@pytest.mark.parametrize("number", range(10))
def test_lookup(number: int, expected: dict, seed_index: Path, seed_extraction: Extraction) -> None:
    lookup = expected["lookups"][number]
    args = _lookup_args(lookup["ask"])
    result = run(*args, "--index-dir", str(seed_index), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = jsonl(result)
    if "expect_ids" in lookup:
        ids = _ids(seed_extraction, expected)
        assert sorted(r["id"] for r in records) == sorted(ids[k] for k in lookup["expect_ids"])
        assert all(r["type"] == "quote" for r in records)
        return
    expect = lookup["expect"]
    if expect == "no hits":
        assert records == []
    elif expect.startswith("a suggestion of"):
        word = re.search(r"'([^']+)'", expect).group(1)
        assert records == []
        assert word in result.stderr
    else:
        epigraph = _match(seed_extraction, _expected_quote(expected, "epigraph"))
        assert epigraph.passage_id in {r["id"] for r in records}
