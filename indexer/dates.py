"""Dates in running English text, with their precision; and the command line's date bounds.

:func:`find_dates` finds the dates a history book or a novel writes out, each as a
:class:`DateMention` whose :class:`~indexer.records.PartialDate` is known to the day, the month,
the season or the year:

===================================================  ===========  ==========================
text                                                 isoformat    precision
===================================================  ===========  ==========================
``April 8, 1977``, ``8 April 1977``, ``the 8th of    1977-04-08   day
April, 1977``, ``Apr. 8th 1977``, ``1977-04-08``
``April 1963``, ``early April of 1963``,             1963-04      month
``mid-April 1963``, ``Apr. 1963``, ``1963-04``
``April 8-10, 1977``, ``8 and 9 April 1977``         1977-04      month (the month they share)
``the spring of 1963``, ``summer 1944``,             1963-21      season (EDTF code)
``in the fall of 1962``, ``the winter of 1941-42``
``1963``, ``in 1963``, ``the year 1492``,            1963         year
``early 1963``, ``mid-1963``, ``the end of 1963``
``January, March, and April 1963``, ``March and      1963         year (the months differ)
April 1963``, ``from April to June 1963``,
``the spring and summer of 1963``
===================================================  ===========  ==========================

Choices, so that callers know what to expect:

- Every mention holds a four-digit year from 1000 to 2100: "April 8" alone, "'63" and "the
  1960s" give nothing. That is also why month words used otherwise ("Now in", "May I", "March
  on") never count, and Title Case or CAPITALS are required of month names ("may 1963" is not a
  month).
- The span includes qualifiers and an article ("early April of 1963", "the spring of 1963",
  "mid-1963", "the year 1492") but not prepositions ("in", "by", "since").
- A span of years is two year mentions, one for each end, since no single date holds it: "from
  1961 to 1963" gives "1961" and "1963"; "1961-63" and "1961–1963" give "1961" and "63" (1963) or
  "1963". "the winter of 1941-42" is one season mention (a winter runs into the next year). Days
  or months joined in one expression make one mention at the finest precision they share (the
  list rule above).
- "YYYY-MM" is a month ("1963-04") unless MM is the year after ("1903-04", "2011-12"), which
  in prose is a span of two years. Numeric dates such as "4/8/1977" are not read (US or UK order
  cannot be told apart).
- A day that does not exist ("February 30, 1963") leaves the month. Years before Christ
  ("1200 B.C.") are skipped.
- A year alone is refused when it is part of a longer number or code ("1963.5", "555-1963",
  "A1963", "1656.txt"), a quantity ("1200 miles", "1500 or 1700 a day", "$1963", "£2000"), a
  number after "page", "No.", "Footnote" and the like, or after such a number ("p. 1248, 1249"),
  a decade ("1960s", "1960's"), or a number in a column at the end of a line after text (verse
  line numbers, tables). Numbers with thousands separators ("1,963") are never years.

The words (months, seasons, qualifiers, units, ...) live in ``indexer/data/dates.txt``.

:func:`find_dates` only runs its grammar around four-digit numbers, so it reads text without any
at memory speed, and its work per number is bounded: no input backtracks catastrophically.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.records import SEASONS, PartialDate
from indexer.resources import read_lines

__all__ = ["DateMention", "find_dates", "parse_date_bound"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    date: PartialDate


# --- the words, from indexer/data/dates.txt ----------------------------------------------------


def _read_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in read_lines("dates.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"dates.txt: entry outside a section: {line!r}")
        else:
            current.append(line)
    return sections


_SECTIONS = _read_sections()

#: Lower-cased month name or abbreviation -> month number.
_MONTH_NUMBERS: dict[str, int] = {}
_MONTH_FULL: list[str] = []
_MONTH_SHORT: list[str] = []
for _entry in _SECTIONS["months"]:
    _number, _names = _entry.split(":", 1)
    _full, *_short = _names.split()
    _MONTH_FULL.append(_full)
    _MONTH_SHORT.extend(_short)
    for _name in (_full, *_short):
        _MONTH_NUMBERS[_name.lower()] = int(_number)

#: Lower-cased season word -> season (a key of SEASONS).
_SEASON_NAMES: dict[str, str] = {}
for _entry in _SECTIONS["seasons"]:
    _season, _words = _entry.split(":", 1)
    if _season not in SEASONS:
        raise ValueError(f"dates.txt: unknown season {_season!r}")
    for _word in _words.split():
        _SEASON_NAMES[_word.lower()] = _season

if sorted(set(_MONTH_NUMBERS.values())) != list(range(1, 13)):
    raise ValueError("dates.txt: [months] must name the twelve months")


# --- the grammar -------------------------------------------------------------------------------

_SP = "[ \\t\\u00a0\\u2009\\u202f]"
#: A few spaces with at most one line break among them: a date may be wrapped and indented, not
#: split by a blank line or a column gap. Bounded, so that backtracking over spaces stays cheap.
_WS = f"(?:{_SP}{{1,6}}(?:\\r?\\n{_SP}{{0,24}})?|\\r?\\n{_SP}{{0,24}})"


def _alternation(phrases: Iterable[str]) -> str:
    """Longest first, so that "Sept" is tried before "Sep"; words of a phrase joined by _WS."""
    ordered = sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))
    return "|".join(_WS.join(re.escape(word) for word in phrase.split()) for phrase in ordered)


def _cased(names: Iterable[str]) -> list[str]:
    return [variant for name in names for variant in (name, name.upper())]


_MONTH = (
    f"(?:\\b(?:{_alternation(_cased(_MONTH_FULL))})\\b"
    f"|\\b(?:{_alternation(_cased(_MONTH_SHORT))})\\b\\.?)"
)
_SEASON = f"\\b(?i:{_alternation(_SEASON_NAMES)})\\b"
_DAY = "\\b(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th|d)?\\b"
_THE = f"(?i:the){_WS}"
_QUALIFIERS = _SECTIONS["qualifiers"]
#: "early ", "the end of the ", "mid-": before a month, a season or a year.
_QUALIFIER = (
    f"(?:{_THE})?(?:(?i:{_alternation(q for q in _QUALIFIERS if not q.endswith('-'))}){_WS}"
    f"(?:{_THE})?|(?i:{_alternation(q for q in _QUALIFIERS if q.endswith('-'))}))"
)
#: Between two items of a list or the two ends of a range.
_SEP = (
    f"{_WS}?(?:,{_WS}?(?:(?i:and|or|&){_WS})?|[-–—]{_WS}?|(?i:and|or|&|to|through|till|until){_WS})"
)
_DAYS = f"{_DAY}(?:{_SEP}{_DAY}){{0,6}}"
#: One item: April, early April, April 8, April 8-10 | 8 April, the 8th of April, the spring.
_HEAD = (
    f"(?:(?:{_QUALIFIER})?{_MONTH}(?:{_WS}{_DAYS})?"
    f"|(?:{_QUALIFIER}|{_THE})?(?:{_DAYS}{_WS}(?:(?i:of){_WS})?{_MONTH}|{_SEASON}))"
)
_LINK = f"{_WS}?(?:,{_WS}?)?(?:(?i:of){_WS})?"
_YEAR = "(?<![0-9])[0-9]{4}(?![0-9])"
_TAIL = "[-–—/](?:[0-9]{4}|[0-9]{2})(?![0-9])"

_DATE = re.compile(
    # months, days, seasons, then the year: "early April of 1963", "January, March, and April 1963"
    f"\\b(?:(?P<list>{_HEAD}(?:{_SEP}{_HEAD}){{0,11}}){_LINK}(?P<lyear>{_YEAR})(?P<ltail>{_TAIL})?"
    # ISO 8601: 1977-04-08, 1963-04
    f"|(?P<iyear>{_YEAR})-(?P<imonth>0[1-9]|1[0-2])(?:-(?P<iday>0[1-9]|[12][0-9]|3[01]))?(?![0-9])"
    # a year alone: 1963, mid-1963, the end of 1963, the year 1492, 1961-63
    f"|(?P<prefix>{_QUALIFIER}|(?:{_THE})?(?i:year){_WS})?(?P<byear>{_YEAR})(?P<btail>{_TAIL})?)"
)
#: The months, days and seasons inside a matched list.
_TOKEN = re.compile(f"(?P<month>{_MONTH})|(?P<season>{_SEASON})|(?P<day>{_DAY})")

#: Where to look for dates: four-digit numbers (longer runs are skipped whole).
_CANDIDATE = re.compile("[0-9]{4,}")
#: How far a date may reach before its year ("January, February, ..., and December 1963").
_REACH = 200
#: ... and after its start ("-04-08", a range's end).
_AFTER = 16
#: How far apart two numbers in a row may be ("p. 1248, 1249").
_JOIN = 12

#: After a date: part of a longer number, word or name ("1963.5", "1963:12", "1960s", "1656.txt").
_BAD_AFTER = re.compile("\\w|[.,:/]?[0-9]|[./][^\\W_]|[-–—][0-9]")
_DECADE_S = re.compile("['’]s\\b")
_BEFORE_CHRIST = re.compile(f"{_WS}?(?:{_alternation(_SECTIONS['before-christ'])})(?![^\\W\\d_])")
#: After a year alone: a unit that makes it a quantity ("1200 miles", "1500 or 1700 a day").
_UNIT = re.compile(
    f"{_WS}?(?:(?:(?i:or|to|and){_WS}|[-–]{_WS}?)?[0-9][0-9,.]*{_WS}?)?"
    f"(?i:{_alternation(_SECTIONS['units'])})(?!\\w)"
)
#: Before a year alone: a word ("page 1963", "No. 1963") or a symbol ("$1963", "£ 1200").
_WORDS_BEFORE = frozenset(word.lower() for word in _SECTIONS["words-before"])
_SYMBOLS_BEFORE = frozenset(
    symbol for line in _SECTIONS["symbols-before"] for symbol in line.split()
)
_SPACES = " \t\u00a0\u2009\u202f\r\n"
_OPENERS = "([{\"'“‘"

#: Between a number that is not a year and the next, which is not one either ("p. 1248, 1249").
_JOINED = re.compile(f"{_SP}*(?:,{_SP}*(?:(?i:and|or){_SP}+)?|(?i:and|or|to){_SP}+|[-–—&]{_SP}*)")
#: A year alone at the end of a line, in a column after text: a verse line number, a table.
_COLUMN_BEFORE = re.compile(f"\\S{_SP}{{3,}}\\Z")
_LINE_END = re.compile(f"{_SP}*(?:\\r?\\n|\\Z)")


def find_dates(text: str) -> list[DateMention]:
    """The dates written in ``text``, in order of ``start``, not overlapping.

    See the module's docstring for the forms read, the precision given and what is refused.
    """
    mentions: list[DateMention] = []
    floor = 0  # no new mention starts before this: the end of the last number or mention
    refused = -1  # the end of the last number that was not a year
    for candidate in _CANDIDATE.finditer(text):
        start, end = candidate.span()
        if start < floor:  # already part of a mention (the end of a range)
            continue
        window = max(floor, start - _REACH)
        floor = end
        match = None
        if end - start == 4:
            match = _DATE.search(text, window, min(len(text), end + _AFTER))
        found = []
        if match is not None and match.start() <= start < match.end():
            follows_refused = 0 <= match.start() - refused <= _JOIN and bool(
                _JOINED.fullmatch(text, refused, match.start())
            )
            found = _interpret(text, match, follows_refused=follows_refused)
        if found:
            mentions.extend(found)
            floor = found[-1].end
        else:
            refused = end
    return mentions


def _mention(text: str, start: int, end: int, date: PartialDate) -> DateMention:
    return DateMention(start, end, text[start:end], date)


def _plausible(year: int) -> bool:
    return 1000 <= year <= 2100


def _range_end(year: int, digits: str) -> int | None:
    """The year that ``digits`` (after a dash) means after ``year``; None if no span of years."""
    if len(digits) == 2:
        later = year // 100 * 100 + int(digits)
        if later <= year:
            later += 100
    else:
        later = int(digits)
    return later if year < later < year + 100 and _plausible(later) else None


def _interpret(text: str, match: re.Match[str], *, follows_refused: bool) -> list[DateMention]:
    """The mentions a grammar match stands for, after the checks the grammar cannot make.

    ``follows_refused``: the match comes right after a number that was not a year, joined to it
    by a comma, "and", "to" or a dash; a year alone there is not one either.
    """
    if match["lyear"] is not None:
        year = int(match["lyear"])
        date = _list_date(match["list"], year)
        year_end = match.end("lyear")
        tail_group, bare = "ltail", False
    elif match["iyear"] is not None:
        year = int(match["iyear"])
        month = int(match["imonth"])
        if match["iday"] is None and month == (year + 1) % 100:  # 1903-04: two years
            date = PartialDate(year)
            year_end = match.end("iyear")
            tail_group, bare = "imonth", True
        else:
            date = PartialDate(year, month, _valid_day(year, month, match["iday"]))
            year_end = match.end()
            tail_group, bare = "", False
        if _refused_before(text, match.start()):
            return []
    else:
        year = int(match["byear"])
        date = PartialDate(year)
        year_end = match.end("byear")
        tail_group, bare = "btail", True
        if follows_refused or _refused_before(text, match.start()):
            return []
    if not _plausible(year):
        return []

    found = [_mention(text, match.start(), year_end, date)]
    end = year_end
    tail = match[tail_group] if tail_group else None
    if tail:
        digits = tail.lstrip("-–—/")
        later = _range_end(year, digits)
        if later is None:
            return []
        end = match.end(tail_group)
        if date.season == "winter" and later == year + 1:  # the winter of 1941-42
            found = [_mention(text, match.start(), end, date)]
        else:
            found.append(_mention(text, end - len(digits), end, PartialDate(later)))
        year = later

    if _BAD_AFTER.match(text, end) or _BEFORE_CHRIST.match(text, end):
        return []
    if year % 10 == 0 and _DECADE_S.match(text, end):
        return []
    if bare and (
        _UNIT.match(text, end)
        or (
            _LINE_END.match(text, end)
            and _COLUMN_BEFORE.search(text, max(0, match.start() - 120), match.start())
        )
    ):
        return []
    return found


def _refused_before(text: str, start: int) -> bool:
    """Whether what comes before ``start`` makes a number there something other than a year.

    It is part of a longer number or code ("555-1963", "1.1963", "A1963", "pre-1963"), one of a
    row of numbers ("12 1963"), money ("$1963", "£ 1200") or a page, a chapter... ("page 1963",
    "No. 1963").
    """
    before = text[max(0, start - 40) : start]
    word_end = before.rstrip(_SPACES)
    spaces = before[len(word_end) :]
    if not word_end or spaces.count("\n") > 1:
        return False
    last = word_end[-1]
    if last in _SYMBOLS_BEFORE:
        return True
    if not spaces:
        previous = word_end[-2:-1]
        if last.isalnum() or (last in "-./:," and previous.isdigit()):
            return True
        if last == "-" and previous.isalpha():
            return True
    elif last.isdigit() and len(spaces) == 1 and spaces != "\n":
        return True
    word = word_end.rsplit(None, 1)[-1].lstrip(_OPENERS).lower()
    return (bool(spaces) or word.endswith(".")) and word in _WORDS_BEFORE


def _valid_day(year: int, month: int, day: int | str | None) -> int | None:
    """``day`` as a number if that month has it, else None (the date falls back to the month)."""
    if day is None:
        return None
    number = int(day)
    return number if number <= calendar.monthrange(year, month)[1] else None


def _list_date(span: str, year: int) -> PartialDate:
    """The finest date that all the months, days and seasons in ``span`` share, in ``year``."""
    months: set[int] = set()
    days: set[int] = set()
    seasons: set[str] = set()
    for token in _TOKEN.finditer(span):
        if token["month"] is not None:
            months.add(_MONTH_NUMBERS[token["month"].rstrip(".").lower()])
        elif token["season"] is not None:
            seasons.add(_SEASON_NAMES[token["season"].lower()])
        else:
            days.add(int(token["day"].rstrip("stndrh")))
    if months:
        if seasons or len(months) > 1:
            return PartialDate(year)
        (month,) = months
        day = _valid_day(year, month, days.pop()) if len(days) == 1 else None
        return PartialDate(year, month, day)
    if len(seasons) == 1:
        return PartialDate(year, season=seasons.pop())
    return PartialDate(year)


# --- the command line's --from and --until -----------------------------------------------------

_BOUND = re.compile("([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def parse_date_bound(value: str, *, end: bool) -> datetime.date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its first day, or with ``end=True`` its last.

    ``parse_date_bound("1963", end=True)`` is 1963-12-31; ``"1963-02"`` gives 1963-02-28.
    Raises ValueError, with a one-line message, on anything else.
    """
    usage = "use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1963, 1963-04 or 1963-04-08"
    match = _BOUND.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a date: {value!r} ({usage})")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if year < datetime.MINYEAR:
        raise ValueError(f"no year 0: {value!r} ({usage})")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no month {month} in {value!r} ({usage})")
    if month is None:
        return datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return datetime.date(year, month, last if end else 1)
    if not 1 <= day <= last:
        raise ValueError(f"no day {day} in {year:04d}-{month:02d}: {value!r} ({usage})")
    return datetime.date(year, month, day)
