"""Dates in running text (indexer.dates.find_dates) and the command line's date bounds."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.dates import DateMention, find_dates, parse_date_bound
from indexer.records import PartialDate

SEED = Path(__file__).parent / "data" / "back-channel-to-cuba.txt"


def found(text: str) -> list[tuple[str, str, str]]:
    """(mention text, isoformat, precision) of each date found."""
    return [(m.text, m.date.isoformat(), m.date.precision) for m in find_dates(text)]


def assert_well_formed(text: str, mentions: list[DateMention]) -> None:
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert previous_end <= mention.start < mention.end
        previous_end = mention.end


# (text, the one mention expected, its isoformat, its precision)
ONE_DATE = [
    # day
    ("He arrived on April 8, 1977.", "April 8, 1977", "1977-04-08", "day"),
    ("on 8 April 1977 at noon", "8 April 1977", "1977-04-08", "day"),
    ("April 8th, 1977", "April 8th, 1977", "1977-04-08", "day"),
    ("the stunning December 17, 2014, announcement", "December 17, 2014", "2014-12-17", "day"),
    ("logged 1977-04-08 by the clerk", "1977-04-08", "1977-04-08", "day"),
    ("on the 8th of April, 1977, he", "the 8th of April, 1977", "1977-04-08", "day"),
    ("8th of April, 1977", "8th of April, 1977", "1977-04-08", "day"),
    ("Sept. 8, 1963", "Sept. 8, 1963", "1963-09-08", "day"),
    ("Dec 17 2014", "Dec 17 2014", "2014-12-17", "day"),
    ("SEPTEMBER 11, 2001", "SEPTEMBER 11, 2001", "2001-09-11", "day"),
    ("the 4th of July, 1776", "the 4th of July, 1776", "1776-07-04", "day"),
    ("born November 5,\n1789; Mary", "November 5,\n1789", "1789-11-05", "day"),
    ("May 19, 2004", "May 19, 2004", "2004-05-19", "day"),
    ("March 1, 1760", "March 1, 1760", "1760-03-01", "day"),
    ("Leap day: February 29, 2000.", "February 29, 2000", "2000-02-29", "day"),
    # month
    ("in April 1963 they met", "April 1963", "1963-04", "month"),
    ("In early April of 1963, during talks", "early April of 1963", "1963-04", "month"),
    ("in April of 1963", "April of 1963", "1963-04", "month"),
    ("Apr. 1963", "Apr. 1963", "1963-04", "month"),
    ("the file 1963-04 was", "1963-04", "1963-04", "month"),
    ("dated July, 1803:--", "July, 1803", "1803-07", "month"),
    ("mid-April 1963", "mid-April 1963", "1963-04", "month"),
    ("late in May 1963", "May 1963", "1963-05", "month"),
    ("by the end of April 1963", "the end of April 1963", "1963-04", "month"),
    ("April 8-10, 1977", "April 8-10, 1977", "1977-04", "month"),
    ("April 8–10, 1977", "April 8–10, 1977", "1977-04", "month"),
    ("on 8 and 9 April 1977", "8 and 9 April 1977", "1977-04", "month"),
    ("March 8 and 9, 1977", "March 8 and 9, 1977", "1977-03", "month"),
    ("February 30, 1963", "February 30, 1963", "1963-02", "month"),  # no such day
    ("February 29, 1963", "February 29, 1963", "1963-02", "month"),  # not a leap year
    # season
    ("during the spring of 1963, some", "the spring of 1963", "1963-21", "season"),
    ("Sent to Cuba in the fall of 1962 by", "the fall of 1962", "1962-23", "season"),
    ("summer 1944", "summer 1944", "1944-22", "season"),
    ("the winter of 1941 was cold", "the winter of 1941", "1941-24", "season"),
    ("winter of 1941", "winter of 1941", "1941-24", "season"),
    ("in the autumn of 1864 I", "the autumn of 1864", "1864-23", "season"),
    ("Spring 1893.", "Spring 1893", "1893-21", "season"),
    ("In the early summer of 1876, he", "the early summer of 1876", "1876-22", "season"),
    ("the terrible winter of 1870-71.", "winter of 1870-71", "1870-24", "season"),
    ("the end of the summer of 1963", "the end of the summer of 1963", "1963-22", "season"),
    # year
    ("in 1963 the talks", "1963", "1963", "year"),
    ("1963", "1963", "1963", "year"),
    ("by 1850 it", "1850", "1850", "year"),
    ("in 1776.", "1776", "1776", "year"),
    ("in the year 1492, Columbus", "the year 1492", "1492", "year"),
    ("since 1959, Back Channel", "1959", "1959", "year"),
    ("(1814)", "1814", "1814", "year"),
    ("mid-1963", "mid-1963", "1963", "year"),
    ("in early 1963 he", "early 1963", "1963", "year"),
    ("at the end of 1963", "the end of 1963", "1963", "year"),
    ("the 1963 election", "1963", "1963", "year"),
    ("1963's crisis", "1963", "1963", "year"),
    ("in 1000", "1000", "1000", "year"),
    ("in 2100", "2100", "2100", "year"),
    ("Copyright, 1916, by", "1916", "1916", "year"),
    ("may 1963", "1963", "1963", "year"),  # "may" in lower case is no month
    # lists: the months differ, so only the year is shared
    (
        "Through trips in January, March, and April 1963, he",
        "January, March, and April 1963",
        "1963",
        "year",
    ),
    ("March and April 1963", "March and April 1963", "1963", "year"),
    ("from April to June 1963", "April to June 1963", "1963", "year"),
    ("April 8 to May 2, 1977", "April 8 to May 2, 1977", "1977", "year"),
    ("the spring and summer of 1963", "the spring and summer of 1963", "1963", "year"),
    ("April and May of 1963", "April and May of 1963", "1963", "year"),
    ("in April and in May 1963", "May 1963", "1963-05", "month"),  # "in" breaks the list
]


@pytest.mark.parametrize(("text", "mention", "iso", "precision"), ONE_DATE)
def test_one_date(text: str, mention: str, iso: str, precision: str) -> None:
    assert found(text) == [(mention, iso, precision)]


SEVERAL_DATES = [
    # a span of years is one mention for each end
    ("from 1961 to 1963", [("1961", "1961"), ("1963", "1963")]),
    ("between 1961 and 1963", [("1961", "1961"), ("1963", "1963")]),
    ("in 1961-63", [("1961", "1961"), ("63", "1963")]),
    ("1960-61", [("1960", "1960"), ("61", "1961")]),
    ("Kepler (1571-1630) was", [("1571", "1571"), ("1630", "1630")]),
    ("WEYBRIDGE, 1908–1910.", [("1908", "1908"), ("1910", "1910")]),
    ("the season 1999-00", [("1999", "1999"), ("00", "2000")]),
    ("in 1903-04", [("1903", "1903"), ("04", "1904")]),  # not April 1903
    ("the summer of 1963-64", [("the summer of 1963", "1963-22"), ("64", "1964")]),
    ("in 1961, 1962 and 1963", [("1961", "1961"), ("1962", "1962"), ("1963", "1963")]),
    (
        "born March 1, 1760, married, July 15, 1784, Elizabeth",
        [("March 1, 1760", "1760-03-01"), ("July 15, 1784", "1784-07-15")],
    ),
    ("April 1963 and 1964", [("April 1963", "1963-04"), ("1964", "1964")]),
]


@pytest.mark.parametrize(("text", "expected"), SEVERAL_DATES)
def test_several_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.date.isoformat()) for m in find_dates(text)] == expected


NO_DATE = [
    "reconstructing the bridge, brick by brick, 90 miles from Key West",
    "more than one thousand members of the brigade",
    "1,000 members",
    "12,000 men",
    "1200 miles",
    "1500 men",
    "some 1250 copies were printed",
    "1500 or 1700 a day",
    "from 1000 to 1800 a week",
    "2000 pounds a year",
    "1963 hours",
    "$1963",
    "US$ 1963",
    "£1200",
    "£ 1200",
    "€1999",
    "#1963",
    "page 1963",
    "p. 1963",
    "see pp. 1963",
    "No. 1963",
    "Room 1963",
    "[Footnote 1131: Gibbon",
    "p. 1248, 1249, 1250.",
    "Call 555-1963 today",
    "(212) 555 1963",
    "12 1963",
    "1963.5",
    "1963,000",
    "1963:12",
    "at 10:30 on 12/04",
    "ISBN 978-1-1963-0",
    "A1963",
    "pre-1963 cars",
    "the 1960s",
    "the 1960's",
    "in the early 1960s",
    "19634",
    "196",
    "in 999",
    "in 0999",
    "in 2101",
    "in 3000",
    "the year 4800",
    "1200 B.C.",
    "the summer of 1200 BC",
    "809 North 1500 West, Salt Lake City",
    "named 1656.txt or 1656.zip",
    "drew        1650\nThe whole roof",  # a verse line number
    "Now in paperback and updated",
    "we can shake hands without winners or losers",
    "May I come in?",
    "March on, my friends",
    "Let us march on in May.",
    "April 8",
    "on the 8th of April",
    "in the spring",
    "'63",
    "April '63",
    "4/8/1977",
    "",
]


@pytest.mark.parametrize("text", NO_DATE)
def test_no_date(text: str) -> None:
    assert found(text) == []


def test_month_words_need_a_day_or_a_year() -> None:
    text = "May I say that we March on in May, and that in March we may rest?"
    assert find_dates(text) == []
    assert found("May 1963") == [("May 1963", "1963-05", "month")]
    assert found("March 3, 1963") == [("March 3, 1963", "1963-03-03", "day")]


def test_seed_document() -> None:
    with SEED.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    mentions = find_dates(text)
    assert_well_formed(text, mentions)
    expected = [
        ("December 17, 2014", "2014-12-17", "day"),
        ("1959", "1959", "year"),
        ("April 8, 1977", "1977-04-08", "day"),
        ("early April of 1963", "1963-04", "month"),
        ("the fall of 1962", "1962-23", "season"),
        ("January, March, and April 1963", "1963", "year"),
        ("the spring of 1963", "1963-21", "season"),
    ]
    assert [(m.text, m.date.isoformat(), m.date.precision) for m in mentions] == expected
    for mention in mentions:
        assert "90 miles" not in text[mention.start - 20 : mention.end + 20]
        assert "thousand" not in mention.text


def test_dates_are_partial_dates() -> None:
    (mention,) = find_dates("the winter of 1941-42")
    assert mention.date == PartialDate(1941, season="winter")
    assert mention.date.interval() == (datetime.date(1941, 12, 1), datetime.date(1942, 2, 28))
    (mention,) = find_dates("in early April of 1963")
    assert mention.date == PartialDate(1963, 4)
    assert mention == DateMention(3, 22, "early April of 1963", PartialDate(1963, 4))


def test_offsets_slice_back_in_a_longer_text() -> None:
    text = (
        "Chapter 12\n\nOn the 8th of April, 1977, 1,000 members met; in the fall of 1962 and\n"
        "again from 1961 to 1963 (see page 1963), and on 1977-04-08 — the $1963 question —\n"
        "January, March,\nand April 1963. Early 1964, mid-1965 and the 1960s. "
    ) * 3
    mentions = find_dates(text)
    assert_well_formed(text, mentions)
    assert [m.text for m in mentions[:8]] == [
        "the 8th of April, 1977",
        "the fall of 1962",
        "1961",
        "1963",
        "1977-04-08",
        "January, March,\nand April 1963",
        "Early 1964",
        "mid-1965",
    ]
    assert len(mentions) == 24


def test_blank_line_breaks_a_date() -> None:
    assert found("April\n\n1963") == [("1963", "1963", "year")]
    assert found("April\n1963") == [("April\n1963", "1963-04", "month")]


#: Pieces of dates and of non-dates, for random texts.
PIECES = (
    "April May March Sept. 8 8th 31 of the early mid- spring fall winter and , - – to "
    "1963 1000 2100 999 63 04 $ page miles s 's . 1,000 12345 1963-04-08 B.C."
)
FRAGMENTS = [*PIECES.split(), " ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join))
def test_any_text_gives_well_formed_mentions(text: str) -> None:
    mentions = find_dates(text)
    assert_well_formed(text, mentions)
    for mention in mentions:
        assert 1000 <= mention.date.year <= 2100
        mention.date.interval()  # a real calendar date


#: A megabyte or so without a line break, each shaped to make a backtracking grammar stumble,
#: with the number of dates it holds.
MEGABYTES = {
    "digits": ("1" * 1_000_000, 0),
    "years in a row": ("1963, " * 170_000, 170_000),
    "refused years": ("$1963 " * 170_000, 0),
    "days and months, no year": (("April 8, 9 April 8, 9 " * 12 + "x1963 ") * 3_500, 0),
    "months, a long number": (
        ("January, February, March, April, May, June, " * 4 + "19634 ") * 5_000,
        0,
    ),
    "qualifiers": (("the early the spring of April 8 and 9 " * 5 + "1963x ") * 5_000, 0),
    "spaces after a year": ("1963" + " " * 1_000_000 + "x", 1),
    "spaces before a year": ("page" + "\u00a0" * 1_000_000 + "1963 or", 1),
}


@pytest.mark.parametrize(("text", "count"), MEGABYTES.values(), ids=MEGABYTES.keys())
def test_a_megabyte_without_newlines(text: str, count: int) -> None:
    # How fast (linear, no backtracking) is measured by benchmarks/adversarial.py.
    found = find_dates(text)
    assert_well_formed(text, found)
    assert len(found) == count


BOUNDS = [
    ("1963", False, datetime.date(1963, 1, 1)),
    ("1963", True, datetime.date(1963, 12, 31)),
    ("1963-02", False, datetime.date(1963, 2, 1)),
    ("1963-02", True, datetime.date(1963, 2, 28)),
    ("1964-02", True, datetime.date(1964, 2, 29)),
    ("1963-04", True, datetime.date(1963, 4, 30)),
    ("1963-04-08", False, datetime.date(1963, 4, 8)),
    ("1963-04-08", True, datetime.date(1963, 4, 8)),
    (" 1977-04-08 ", True, datetime.date(1977, 4, 8)),
    ("0476", False, datetime.date(476, 1, 1)),
    ("9999", True, datetime.date(9999, 12, 31)),
]


@pytest.mark.parametrize(("value", "end", "expected"), BOUNDS)
def test_parse_date_bound(value: str, end: bool, expected: datetime.date) -> None:
    assert parse_date_bound(value, end=end) == expected


BAD_BOUNDS = [
    "1963-13",
    "1963-00",
    "1963-02-30",
    "1963-04-31",
    "1963-04-00",
    "63",
    "yesterday",
    "",
    "0000",
    "1963-4",
    "1963-04-8",
    "04/08/1977",
    "1963-04-08T12:00",
    "April 1963",
    "19630",
]


@pytest.mark.parametrize("value", BAD_BOUNDS)
@pytest.mark.parametrize("end", [False, True])
def test_parse_date_bound_refuses(value: str, end: bool) -> None:
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD") as caught:
        parse_date_bound(value, end=end)
    assert "\n" not in str(caught.value)
