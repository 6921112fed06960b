"""Tests of indexer.cleaning (with indexer.linebreaks and indexer.junk): paragraphs, unwrapping,
broken words, title and page junk, offsets."""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import lexicon
from indexer.cleaning import CleanDocument, Paragraph, clean

DATA = Path(__file__).parent / "data"
SEED = DATA / "back-channel-to-cuba.txt"

_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_SQUEEZE = re.compile(r"[\s" + _INVISIBLE + "-]")


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def texts(doc: CleanDocument) -> list[str]:
    return [p.text for p in doc.paragraphs]


def one(text: str) -> str:
    """The cleaned text of a source that must give exactly one paragraph."""
    doc = clean(text)
    assert len(doc.paragraphs) == 1, texts(doc)
    return doc.paragraphs[0].text


def check_offsets(source: str, doc: CleanDocument, seed: int = 0) -> None:
    """Every paragraph's offset map agrees with the source, character by character."""
    for p in doc.paragraphs:
        assert 0 <= p.start < p.end <= len(source)
        assert "\n" not in p.text and "\r" not in p.text
        assert p.text == p.text.strip()
        # the same visible characters, in the same order
        assert _SQUEEZE.sub("", source[p.start : p.end]) == _SQUEEZE.sub("", p.text)
        assert p.to_source(0) == p.start
        assert p.to_source(len(p.text)) == p.end
        last = -1
        for i, char in enumerate(p.text):
            at = p.to_source(i)
            assert at > last, (p.text, i)
            last = at
            if char == " ":
                assert source[at].isspace() or source[at] in _INVISIBLE, (p.text, i)
            else:
                assert source[at] == char, (p.text, i, source[at])
    rng = random.Random(seed)
    for p in doc.paragraphs:
        words = list(re.finditer(r"\S+", p.text))
        for m in rng.sample(words, min(len(words), 10)):
            s, e = p.source_span(m.start(), m.end())
            assert s == p.to_source(m.start())
            assert e == p.to_source(m.end() - 1) + 1
            assert _SQUEEZE.sub("", source[s:e]) == _SQUEEZE.sub("", m.group())
            assert source[s] == m.group()[0]
            assert source[e - 1] == m.group()[-1]


# ------------------------------------------------------------------------------------------
# The seed document


@pytest.fixture(scope="module")
def seed() -> tuple[str, CleanDocument]:
    source = read(SEED)
    return source, clean(source)


def test_seed_title_folded_once(seed: tuple[str, CleanDocument]) -> None:
    source, doc = seed
    expected = json.loads(read(DATA / "expected.json"))["document"]
    assert doc.title == expected["title"]
    assert len(doc.title_spans) == expected["title_lines_in_source"]
    for s, e in doc.title_spans:
        assert source[s:e] == expected["title"]
    assert not any(expected["title"] in p.text for p in doc.paragraphs)
    assert not any("Hidden History" in p.text for p in doc.paragraphs)


def test_seed_junk_dropped(seed: tuple[str, CleanDocument]) -> None:
    source, doc = seed
    expected = json.loads(read(DATA / "expected.json"))["document"]
    for junk in expected["not_in_any_passage"]:
        assert not any(junk in p.text for p in doc.paragraphs), junk
    dropped = [source[s:e] for s, e in doc.dropped]
    assert dropped == [
        "Search by... Author",
        "Show... All Results Primary Sources Peer-reviewed",
        "An unknown error has occurred. Please click the button below to reload the page. "
        "If the problem persists, please try again in a little while.",
    ]


def test_seed_keeps_the_rest(seed: tuple[str, CleanDocument]) -> None:
    source, doc = seed
    expected = json.loads(read(DATA / "expected.json"))
    body = texts(doc)
    assert len(body) == 7
    assert body[2] == "—Raúl Castro to Senators George McGovern and James Abourezk, April 8, 1977"
    assert body[-1].endswith("his special relationship . . .")
    for quote in expected["quotes"]:
        for part in quote["parts"]:
            assert any(part in text for text in body), part
    # every visible character of the source is in the title, a paragraph or a dropped line
    covered = sorted(
        list(doc.title_spans) + list(doc.dropped) + [(p.start, p.end) for p in doc.paragraphs]
    )
    kept = "".join(source[s:e] for s, e in covered)
    assert _SQUEEZE.sub("", kept) == _SQUEEZE.sub("", source)


def test_seed_line_break_repairs(seed: tuple[str, CleanDocument]) -> None:
    _, doc = seed
    epigraph = doc.paragraphs[1].text
    assert "as fast as it was destroyed. It takes" in epigraph
    assert "a bridge in war-time." in epigraph
    assert "who blew it up—I think it was you" in epigraph
    assert "we are reconstructing the bridge" in epigraph
    assert "Varadero beach." in epigraph
    for before, after in json.loads(read(DATA / "expected.json"))["document"]["line_break_repairs"]:
        assert not any(before in p.text for p in doc.paragraphs)
        assert any(after in p.text for p in doc.paragraphs)


def test_seed_offsets(seed: tuple[str, CleanDocument]) -> None:
    source, doc = seed
    check_offsets(source, doc)
    epigraph = doc.paragraphs[1]
    i = epigraph.text.index("destroyed")
    s, e = epigraph.source_span(i, i + len("destroyed"))
    assert source[s:e] == "de\nstroyed"


# ------------------------------------------------------------------------------------------
# Broken lines and words


def test_hard_wrapped_lines_unwrap_to_one_space() -> None:
    source = "The war has ended   \n   and now we are\nreconstructing the bridge."
    assert one(source) == "The war has ended and now we are reconstructing the bridge."
    check_offsets(source, clean(source))


def test_lost_hyphen_is_rejoined() -> None:
    assert one("as fast as it was de\nstroyed. It takes") == "as fast as it was destroyed. It takes"


def test_lost_hyphen_not_joined_when_both_halves_are_words() -> None:
    # "to" and "day" are both words: the break may be a real space, so it stays one
    assert one("We met to\nday after day.") == "We met to day after day."
    assert one("a fine in\nformation") == "a fine in formation"


def test_lost_hyphen_not_joined_when_the_whole_is_no_word() -> None:
    assert one("LeoGrande and Korn\nbluh wrote") == "LeoGrande and Korn bluh wrote"


def test_lost_hyphen_whole_word_from_the_document() -> None:
    # "kornbluh" is no dictionary word, but the document writes it unbroken elsewhere
    source = "Peter Kornbluh wrote it. LeoGrande and Korn\nbluh wrote more."
    assert one(source) == "Peter Kornbluh wrote it. LeoGrande and Kornbluh wrote more."


def test_single_letters_are_never_joined() -> None:
    # apostrophes lost ("Bast s topper"): hyphenation leaves two letters on each side
    assert one("Mr. Bast s\ntopper was missing") == "Mr. Bast s topper was missing"


def test_hyphen_inside_a_line_is_never_touched() -> None:
    source = "a bridge in war-time, a recon-\nstruction, a de-stroyed word"
    assert one(source) == "a bridge in war-time, a reconstruction, a de-stroyed word"


def test_kept_hyphen_joined_when_a_half_is_no_word() -> None:
    assert one("it was recon-\nstructed easily") == "it was reconstructed easily"
    assert one("time the con-\ngregation reached") == "time the congregation reached"


def test_kept_hyphen_compound_across_lines() -> None:
    # both halves are words and the whole is not: a real compound
    assert one("a well-\nknown man") == "a well-known man"
    assert one("the red-\nhaired maiden") == "the red-haired maiden"


def test_kept_hyphen_when_the_compound_occurs_elsewhere() -> None:
    source = "Our relations are like a bridge in war-time. It was war-\ntime then."
    assert one(source) == "Our relations are like a bridge in war-time. It was war-time then."
    assert one("Come to-day, not to-\nday week.") == "Come to-day, not to-day week."


def test_kept_hyphen_when_halves_and_whole_are_words() -> None:
    # "to", "day" and "today" are all words and the document has no evidence: keep
    assert one("I will come to-\nday.") == "I will come to-day."
    # ...unless the document writes the whole word elsewhere
    assert one("Today is fine. I will come to-\nday.") == "Today is fine. I will come today."


def test_kept_hyphen_in_a_typeset_text() -> None:
    # most line-end hyphens of this text break words: a typesetter hyphenated it, so a hyphen
    # that could be either ("sup-" / "port": both words, and so is "support") breaks a word too
    source = (
        "The highway con-\nstantly keeps to the river; the tomb, in com-\nparison, is\n"
        "small. I had been in-\ntroduced to the person who took on arriv-\ning the\n"
        "great flying buttress with its sup-\nport, and the dilapi-\ndations of the well-\n"
        "known tower."
    )
    assert one(source) == (
        "The highway constantly keeps to the river; the tomb, in comparison, is small. I had "
        "been introduced to the person who took on arriving the great flying buttress with "
        "its support, and the dilapidations of the well-known tower."
    )
    # the same hyphens in a text of compounds stay
    assert one("with its sup-\nport") == "with its sup-port"
    assert one("and the dilapi-\ndations") == "and the dilapi-dations"


def test_capitalised_first_half_is_a_name() -> None:
    assert one("from the River Humber\nto the River Tyne") == (
        "from the River Humber to the River Tyne"
    )
    assert one("De\nstroyed, it was.") == "Destroyed, it was."


def test_kept_hyphen_before_a_capital() -> None:
    assert one("the road to Chalk-\nNewton ran") == "the road to Chalk-Newton ran"


def test_suffix_after_a_hyphen_is_no_word() -> None:
    assert one("a way of curtail-\ning their dimensions") == "a way of curtailing their dimensions"


def test_numbers_and_spaced_dashes() -> None:
    assert one("the years 1990-\n95 were") == "the years 1990-95 were"
    assert (
        one("the drunken section, --\nthat is, he went")
        == "the drunken section, -- that is, he went"
    )
    assert one("a pause -\nthen more") == "a pause - then more"


def test_dash_at_line_end_adds_no_space() -> None:
    assert one("who blew it up—\nI think it was you") == "who blew it up—I think it was you"
    assert one("could not compose herself--\nMr. Woodhouse would") == (
        "could not compose herself--Mr. Woodhouse would"
    )
    assert one("my seeing Mr. Jones\n--therefore do not") == "my seeing Mr. Jones--therefore do not"


# ------------------------------------------------------------------------------------------
# Characters and line ends


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028"])
def test_any_line_end(newline: str) -> None:
    lines = [
        "It is not a bridge that can be reconstructed easily, as fast as it was de",
        "stroyed.",
    ]
    source = newline.join(["Title", "", *lines, "", "Next one."])
    doc = clean(source)
    assert texts(doc) == [
        "Title",
        "It is not a bridge that can be reconstructed easily, as fast as it was destroyed.",
        "Next one.",
    ]
    check_offsets(source, doc)


def test_crlf_gives_the_same_text() -> None:
    source = read(SEED)
    crlf = source.replace("\n", "\r\n")
    doc, doc_crlf = clean(source), clean(crlf)
    assert texts(doc) == texts(doc_crlf)
    assert doc.title == doc_crlf.title
    assert [crlf[s:e] for s, e in doc_crlf.dropped] == [source[s:e] for s, e in doc.dropped]
    check_offsets(crlf, doc_crlf)


def test_soft_hyphens_are_dropped() -> None:
    source = "It was recon\u00adstructed, and recon\u00ad\nstructed again."
    doc = clean(source)
    assert texts(doc) == ["It was reconstructed, and reconstructed again."]
    check_offsets(source, doc)
    p = doc.paragraphs[0]
    i = p.text.index("reconstructed")
    assert source[slice(*p.source_span(i, i + 13))] == "recon\u00adstructed"


def test_bom_tabs_no_break_spaces_and_form_feeds() -> None:
    source = "\ufeffOne\ttwo\xa0three\n\x0c\nFour\u200bfive"
    doc = clean(source)
    assert texts(doc) == ["One two three", "Fourfive"]
    assert doc.paragraphs[0].start == 1
    check_offsets(source, doc)


@pytest.mark.parametrize("source", ["", " ", "\n", "\n\n\r\n", " \t\n\x0c\n\u00a0 \n", "\ufeff"])
def test_empty_and_whitespace_only(source: str) -> None:
    doc = clean(source)
    assert doc == CleanDocument(None, (), (), ())


def test_long_line_is_one_paragraph() -> None:
    # Its speed is measured by benchmarks/adversarial.py, not here.
    source = "word " * 200_000 + "end."
    doc = clean(source)
    assert len(doc.paragraphs) == 1
    assert doc.paragraphs[0].text == source
    assert doc.paragraphs[0].end == len(source)


def test_many_broken_lines_are_all_repaired() -> None:
    source = "it was de\nstroyed and well-\nknown and con-\ngregation " * 20_000
    doc = clean(source)
    assert doc.paragraphs[0].text.startswith("it was destroyed and well-known and congregation it")


# ------------------------------------------------------------------------------------------
# Paragraphs


def test_blank_lines_separate_paragraphs() -> None:
    source = "First line\nwraps here.\n\n   \n\nSecond\tparagraph.\n"
    doc = clean(source)
    assert texts(doc) == ["First line wraps here.", "Second paragraph."]
    assert [source[p.start : p.end] for p in doc.paragraphs] == [
        "First line\nwraps here.",
        "Second\tparagraph.",
    ]


def test_indented_paragraph_book() -> None:
    source = (
        "    It was the best of times, it was the worst of times, it was the age\n"
        "of wisdom, it was the age of foolishness.\n"
        "    There were a king with a large jaw and a queen with a plain face, on\n"
        "the throne of England.\n"
        '\t"Yes," said he.\n'
    )
    doc = clean(source)
    assert texts(doc) == [
        "It was the best of times, it was the worst of times, it was the age of wisdom, "
        "it was the age of foolishness.",
        "There were a king with a large jaw and a queen with a plain face, on the throne "
        "of England.",
        '"Yes," said he.',
    ]
    check_offsets(source, doc)


def test_verse_indenting_every_other_line_stays_together() -> None:
    source = (
        '"You are old," said the youth, "one would hardly suppose\n'
        "    That your eye was as steady as ever;\n"
        "Yet you balanced an eel on the end of your nose--\n"
        '    What made you so awfully clever?"\n'
    )
    assert len(clean(source).paragraphs) == 1


def test_one_paragraph_a_line() -> None:
    first = "CNN President Jeff Zucker isn’t kowtowing to Republican presidential candidate " * 2
    second = "“We do not pay candidates to appear at debates,” Zucker said on Thursday."
    third = "The next GOP debate is scheduled for Dec. 15 on CNN."
    source = f"{first}donors.\n{second}\n{third}"
    assert texts(clean(source)) == [f"{first}donors.", second, third]
    # a stray line break inside a long paragraph is unwrapped
    long_line = "Supporters of some other candidates have focused largely on paid advertising " * 2
    assert one(f"{long_line}and getting them to participate personally\nin caucuses.") == (
        f"{long_line}and getting them to participate personally in caucuses."
    )


def test_dash_attribution_line_kept_as_a_paragraph() -> None:
    source = (
        "Our relations are like a bridge in war-time.\n"
        "We can shake hands without winners or losers.\n"
        "—Raúl Castro to Senators George McGovern and James Abourezk, April 8, 1977\n"
    )
    doc = clean(source)
    assert texts(doc) == [
        "Our relations are like a bridge in war-time. We can shake hands without winners or "
        "losers.",
        "—Raúl Castro to Senators George McGovern and James Abourezk, April 8, 1977",
    ]
    # alone, even with web words in it, it is never junk
    assert texts(clean("—Posted by the Search Page team, 2016")) == [
        "—Posted by the Search Page team, 2016"
    ]


def test_novel_prose_is_kept() -> None:
    source = (
        "CHAPTER I\n\n"
        '"Yes," said he.\n\n'
        '"Yes," said he.\n\n'
        "THE SEARCH\n\n"
        '"Search me," said she. "Click the latch and page the butler."\n\n'
        "He turned the page and pressed the button of his coat; the menu lay on the table.\n\n"
        'Click--click--click! "Couldn\'t you better that?"\n\n'
        "* * * * *\n\n"
        "THE END"
    )
    doc = clean(source)
    assert doc.dropped == ()
    assert doc.title is None
    assert len(doc.paragraphs) == 9


def test_news_about_the_web_is_kept() -> None:
    source = (
        "Pence was the subject of 60 percent of the Twitter conversation about the debate, "
        "Twitter announced, gaining 22,000 Twitter followers.\n\n"
        "The agency released roughly 5,500 more pages of emails from the private email account "
        "that Clinton used, and said its website would post the rest online.\n\n"
        "The survey was taken online with a margin of error of plus or minus 2.8 points."
    )
    doc = clean(source)
    assert doc.dropped == ()
    assert len(doc.paragraphs) == 3


def test_page_furniture_is_dropped() -> None:
    prose = "The senator said on Tuesday that the bill would pass before the recess."
    source = "\n\n".join(
        [
            "Sign in",
            "Subscribe",
            prose,
            "We use cookies to improve your experience. By continuing to browse this website "
            "you accept our cookie policy. Click here to manage your settings.",
            "Share this article",
            "Sort by... Relevance",
            "Advertisement",
        ]
    )
    doc = clean(source)
    assert texts(doc) == [prose]
    assert len(doc.dropped) == 6
    check_offsets(source, doc)


# ------------------------------------------------------------------------------------------
# Title


def test_title_needs_a_repeated_line_at_the_top() -> None:
    once = clean("A Title\n\nThe first paragraph of the body, which is prose and ends well.")
    assert once.title is None
    assert once.title_spans == ()
    assert texts(once)[0] == "A Title"

    body = "The first paragraph of the body is prose, and it ends like a sentence."
    source = f"A Title\n\nA Title\n\n{body}\n\nA Title\n"
    twice = clean(source)
    assert twice.title == "A Title"
    assert twice.title_spans == ((0, 7), (9, 16))
    # the title lines are in no paragraph; a repetition after the prose has started stays
    assert texts(twice) == [body, "A Title"]


def test_repeated_dialogue_is_no_title() -> None:
    doc = clean('"Help!"\n\n"Help!"\n\nNobody came.')
    assert doc.title is None
    assert len(doc.paragraphs) == 3


# ------------------------------------------------------------------------------------------
# Paragraph and lexicon


def test_paragraph_without_anchors_maps_one_for_one() -> None:
    p = Paragraph(10, 15, "hello")
    assert [p.to_source(i) for i in range(6)] == [10, 11, 12, 13, 14, 15]
    assert p.source_span(1, 3) == (11, 13)
    assert p.source_span(2, 2) == (12, 12)
    with pytest.raises(IndexError):
        p.to_source(6)
    with pytest.raises(IndexError):
        p.source_span(3, 2)


def test_source_span_of_a_joined_word() -> None:
    source = "It was recon-\nstructed and war-\ntime."
    p = clean(source).paragraphs[0]
    assert p.text == "It was reconstructed and war-time."
    i = p.text.index("reconstructed")
    assert source[slice(*p.source_span(i, i + 13))] == "recon-\nstructed"
    i = p.text.index("war-time")
    assert source[slice(*p.source_span(i, i + 8))] == "war-\ntime"
    # the space that stands for a line break maps to the break
    source = "one\ntwo"
    p = clean(source).paragraphs[0]
    assert p.text == "one two"
    assert p.to_source(3) == 3
    assert p.source_span(0, 7) == (0, 7)


def test_whitespace_tables_match_python() -> None:
    import sys

    from indexer import linebreaks

    every = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert set(linebreaks._BREAKS) == {c for c in every if len(f"a{c}b".splitlines()) == 2}
    assert set(linebreaks._SPACES) == every - set(linebreaks._BREAKS)


def test_lexicon() -> None:
    words = lexicon.words()
    assert len(words) > 70_000
    assert {"destroyed", "reconstructed", "bridge"} <= words
    assert "stroyed" not in words
    assert all(w == w.lower() for w in list(words)[:1000])
    terms = lexicon.web_terms()
    assert terms["click"] == 1.0
    assert terms["sign in"] == 1.0
    assert 0 < terms["page"] < 1


# ------------------------------------------------------------------------------------------
# Any text at all

_PIECES = [
    "de",
    "stroyed",
    "war",
    "time",
    "recon",
    "structed",
    "Castro",
    "to",
    "day",
    "a",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\x0c",
    "-",
    "--",
    "—",
    "\u00ad",
    "\ufeff",
    "\u200b",
    "\xa0",
    ".",
    "...",
    '"',
    "“",
    "Search by... Author",
    "Please click the button below to reload the page.",
    "é",
    "1963",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=60))
@settings(max_examples=400, deadline=None)
def test_any_text_maps_back_exactly(pieces: list[str]) -> None:
    source = "".join(pieces)
    doc = clean(source)
    check_offsets(source, doc)
    spans = sorted(
        list(doc.title_spans) + list(doc.dropped) + [(p.start, p.end) for p in doc.paragraphs]
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    kept = "".join(source[s:e] for s, e in spans)
    assert _SQUEEZE.sub("", kept) == _SQUEEZE.sub("", source)


GUTENBERG = """The Project Gutenberg EBook of Small Book, by A. Writer

This eBook is for the use of anyone anywhere at no cost. You may copy it, give it away or
re-use it under the terms of the Project Gutenberg License.

Title: Small Book

Author: A. Writer

*** START OF THIS PROJECT GUTENBERG EBOOK SMALL BOOK ***

CHAPTER I

"It was a dark night," said Ann Smith.

*** END OF THIS PROJECT GUTENBERG EBOOK SMALL BOOK ***

Updated editions will replace the previous one. Please click the link to donate.
"""


def test_an_ebook_frame_is_dropped_and_its_title_kept() -> None:
    doc = clean(GUTENBERG)
    assert doc.title == "Small Book"
    assert [p.text for p in doc.paragraphs] == [
        "CHAPTER I",
        '"It was a dark night," said Ann Smith.',
    ]
    dropped = " ".join(GUTENBERG[s:e] for s, e in doc.dropped)
    assert "START OF THIS PROJECT" in dropped and "END OF THIS PROJECT" in dropped
    assert "Updated editions" in dropped and "Title: Small Book" in dropped


def test_without_a_frame_nothing_is_dropped_for_it() -> None:
    text = "Project Gutenberg is mentioned here.\n\n*** START somewhere else ***\n\nProse.\n"
    doc = clean(text)
    assert [p.text for p in doc.paragraphs] == [
        "Project Gutenberg is mentioned here.",
        "*** START somewhere else ***",
        "Prose.",
    ]


def test_frame_lines_glued_to_the_text_are_cut_off() -> None:
    text = (
        "Title: Glued\n\n*** START OF THE PROJECT GUTENBERG EBOOK GLUED ***\n"
        'First line. "Hi," said Ann.\n\nBody.\n'
        "*** END OF THE PROJECT GUTENBERG EBOOK GLUED ***\nLicence text.\n"
    )
    doc = clean(text)
    assert doc.title == "Glued"
    assert [p.text for p in doc.paragraphs] == ['First line. "Hi," said Ann.', "Body."]
