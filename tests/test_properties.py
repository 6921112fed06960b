"""Properties of the whole pipeline on random and adversarial text (Hypothesis).

Whatever the text, :func:`extract` does not raise, every offset lies inside the document,
passages are in order and do not overlap, and every part of every quotation lies inside a
passage (the first inside the quotation's own passage). The default run tries a few hundred
texts; ``pytest -m slow tests/test_properties.py`` tries 10,000 (see the README for timings).
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indexer.passages import HARD_MAX_PASSAGE_CHARS, MAX_PASSAGE_CHARS
from indexer.pipeline import extract
from indexer.readers import read_bytes
from indexer.records import Document, Extraction

MARKS = "\"'“”‘’„‚«»‹›`"
PUNCT = ".,;:!?—–-…()[]_*"
WORDS = [
    "said", "Castro", "Fidel", "Raúl", "he", "asked", "Donovan", "I", "the", "U.S.", "1963",
    "April", "8,", "—", "de", "stroyed", "Mr.", "Dr.", "Kennedy", "told", "remembered",
]  # fmt: skip

#: Text near enough to prose to reach the deep parts of the pipeline.
prose_ish = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(list(MARKS + PUNCT)),
        st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\f", "\u00ad", "\u2028"]),
        st.text(st.characters(codec="utf-8"), max_size=6),
    ),
    max_size=120,
).map("".join)

#: Only quote marks, punctuation and breaks.
marks_only = st.text(st.sampled_from(list(MARKS + " \n.,—")), max_size=200)


def _nest(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(["“‘", "\"'", "«‹", "‘“", "''"]), inner, st.booleans()).map(
        lambda t: f"{t[0][0]}said {t[1]}{t[0][1] if t[2] else ''} he said. "
    )


#: Quotations inside quotations inside quotations, some never closed.
nested = st.recursive(prose_ish, _nest, max_leaves=30)

#: Any Unicode at all, control characters and surrogate-free planes included.
any_unicode = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)

texts = st.one_of(prose_ish, marks_only, nested, any_unicode)


def check(text: str) -> Extraction:
    document = Document(
        doc_id="doc",
        source="doc",
        title=None,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )
    result = extract(document)
    n = len(text)
    previous_end = 0
    for passage in result.passages:
        assert 0 <= passage.start <= passage.end <= n
        assert passage.start >= previous_end, "passages overlap or are out of order"
        previous_end = passage.end
    by_id = {p.id: p for p in result.passages}
    for quote in result.quotes:
        assert 0 <= quote.start <= quote.end <= n
        assert quote.parts
        own = by_id[quote.passage_id]
        assert own.start <= quote.parts[0].start <= own.end
        for part in quote.parts:
            assert 0 <= part.start <= part.end <= n
            assert any(p.start <= part.start and part.end <= p.end for p in result.passages)
    return result


SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=300, **SETTINGS)
@given(texts)
@example("“")
@example("“" * 500)
@example("“Unclosed quotation that never ends.\n\nNext paragraph, no mark.\n\n“Reopened.")
@example("\x00\x01\x02\x1b[31m“bell\x07”")
@example("‘’" * 200 + "“”" * 200)
def test_pipeline_invariants(text: str) -> None:
    check(text)


@pytest.mark.slow
@settings(max_examples=10_000, **SETTINGS)
@given(texts)
def test_pipeline_invariants_10k(text: str) -> None:
    check(text)


def test_a_megabyte_without_a_newline() -> None:
    prose = "It was a long day in Havana and nothing much happened in the talks that went on. "
    text = ((prose * 20) + "“He said no,” Castro said. ") * 700
    result = check(text[: 2**20])
    assert result.passages and result.quotes


def test_a_quotation_longer_than_a_passage_lies_inside_its_passage() -> None:
    prose = "It was a long day in Havana and nothing much happened in the talks that went on. "
    result = check(f"{prose * 20}“{prose * 30}” Castro said. {prose * 20}")
    (quote,) = result.quotes
    assert len(quote.parts) == 1
    passage = next(p for p in result.passages if p.id == quote.passage_id)
    assert passage.start <= quote.start < quote.end <= passage.end
    assert len(passage.text) > MAX_PASSAGE_CHARS


def test_a_quotation_longer_than_the_hard_limit_is_split_into_parts_at_passage_cuts() -> None:
    prose = "It was a long day in Havana and nothing much happened in the talks that went on. "
    result = check(f"“{prose * 200}” Castro said.")
    (quote,) = result.quotes
    assert len(quote.parts) > 1
    assert " ".join(p.text for p in quote.parts) == (prose * 200).strip()
    assert all(len(p.text) <= HARD_MAX_PASSAGE_CHARS for p in quote.parts)


@pytest.mark.slow
def test_a_megabyte_of_dense_quotations_without_a_newline() -> None:
    # 12,000 quotations in one paragraph: about 40 s today (attribution is quadratic here).
    text = ("“He said no,” Castro said, “and I said yes. " * 25_000)[: 2**20]
    assert check(text).quotes


def test_unbalanced_quote_closes_at_the_paragraph_end() -> None:
    text = (
        "“This quotation is never closed, Castro said.\n\n"
        "A plain paragraph follows, with no marks at all, and it goes on for a while.\n"
    )
    result = check(text)
    assert len(result.quotes) == 1
    assert result.quotes[0].end <= text.index("\n\n")


def test_straight_and_curly_quotes_mixed() -> None:
    text = '“Curly first,” Castro said.\n\n"Straight next," Donovan said.\n'
    result = check(text)
    assert [q.text for q in result.quotes] == ["Curly first,", "Straight next,"]
    assert [q.speaker for q in result.quotes] == ["Castro", "Donovan"]


@settings(max_examples=100, **SETTINGS)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".md", ".pdf", ".epub"]))
def test_readers_never_raise_anything_but_unreadable(data: bytes, suffix: str) -> None:
    from indexer.errors import UnreadableDocument

    try:
        _, reading = read_bytes(data, "x" + suffix, suffix)
    except UnreadableDocument as error:
        assert "\n" not in str(error)
        return
    check(reading.text)
