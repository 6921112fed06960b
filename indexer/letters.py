"""Letters read out in a story: quoted paragraphs that are a document, not speech.

A novel often gives a letter as a run of paragraphs, each wholly in quote marks: a place and a
date, a salutation alone on its paragraph ("Dearest Meg,"), the body, the signature. Nobody
says these aloud, so they are no quotations. A letter is recognised by that salutation: a
quotation that is nothing but "Dear ...," (or "My dear ...,", "Dearest ...,") and fills its
paragraph. The letter runs on over the wholly quoted paragraphs right after it, and back over
at most :data:`HEADING_LINES` short ones right before it (its place and date). A salutation that
opens a longer quotation ("My dear Louisa," said her father) is speech and starts no letter.

A letter read out without its salutation is recognised by its close: a quotation filling its
paragraphs whose last words are a valediction ("Yours ever, Mary.", "Your affectionate
friend,", "I am, dear Madam,") or a signature after the last sentence (initials,
"M.D.", or a name in capitals, "CAROLINE BINGLEY."), or a paragraph that is nothing but a name
in capitals right after another wholly quoted one. The letter runs back over the wholly quoted
paragraphs right before its close and on over the short ones right after it (the rest of a
close set one line a paragraph: "Your most obedient", "humble servant,", "JOHN WILLOUGHBY.").
Speech ends in none of these: a valediction or a signature is a form of writing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from indexer import lexicon
from indexer.cleaning import Paragraph
from indexer.quotes import FoundQuote
from indexer.resources import read_set

#: How many short quoted paragraphs (a place, a date) may head a letter before its salutation.
HEADING_LINES = 3
#: How many words a heading line may have.
HEADING_WORDS = 4

#: A salutation: "Dearest Meg,", "My dear Anne,--", "MY DEAR LIZZY,".
_SALUTATION_WORDS = (
    r"(?:[Mm]y\s+|MY\s+)?(?:[Dd]ear(?:est)?|DEAR(?:EST)?)\s+[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*"
)
_SALUTATION = re.compile(rf"{_SALUTATION_WORDS}\s*,\s*(?:--|[—–])?")
#: A salutation set off by a dash or by the wide space of a line break, with the body after it
#: in the same paragraph ("Dear Fanny,--You know our present wretchedness."): speech puts no
#: dash after a greeting's comma.
_SALUTATION_OPENS = re.compile(rf"{_SALUTATION_WORDS}\s*,(?:\s*(?:--|[—–])|\s{{3,}})\s*\S")
_NOT_CONTENT = re.compile(r"[\s\"“”'‘’]+")
#: What may stand before a valediction or a signature: nothing, a sentence's end, a dash or
#: the wide space of a line break inside the quotation.
_CLOSE_LEAD = r"(?:^|[.!?;]\s+|(?:--|[—–])\s*|\s{3,})"


@cache
def _valediction() -> re.Pattern[str]:
    """A valediction ending a letter, with what may follow it (a name, "&c."): "Yours" and
    one of ``data/letter_closings.txt`` ("Yours ever,"), or the writer signing as one of
    ``data/letter_signers.txt`` ("Your affectionate friend,")."""
    signers = "|".join(sorted(map(re.escape, read_set("letter_signers.txt"))))
    closings = "|".join(sorted(map(re.escape, read_set("letter_closings.txt"))))
    return re.compile(
        rf"{_CLOSE_LEAD}(?:(?:Yours|Your['’]s|YOURS)(?:\s+(?:{closings})\b|\s*[,.]|\s*$)"
        rf"|[Yy]our\s+(?:[a-z'’-]+,?\s+){{0,3}}(?:{signers}),"
        r"|I\s+(?:am|remain),\s+(?:dear|my|&c|etc|yours|your|sir|madam)\b)"
        r"[\w\s&'’.,-]{0,60}$"
    )


#: A signature after the last sentence: initials ("M.D.", "F. W.") or a name in capitals.
_SIGNATURE = re.compile(
    r"(?:[.!?,]|--|[—–]|\s{3})\s*(?:(?:[A-Z]\.\s?){2,3}|[A-Z]{2,}(?:\s+[A-Z]{2,}){0,2}\.)$"
)
#: A paragraph that is nothing but a name in capitals ("JOHN WILLOUGHBY.", "E. GARDINER.").
_CAPITAL_NAME = re.compile(r"(?:[A-Z]{2,}\.?|[A-Z]\.)(?:\s+(?:[A-Z]{2,}\.?|[A-Z]\.)){0,2}[.,]?")
#: How many words the quoted paragraph before a name in capitals must have for that name to
#: sign a letter (a shout in capitals answers a short line of dialogue).
LETTER_WORDS = 25


def _fills_paragraphs(paragraphs: Sequence[Paragraph], quote: FoundQuote) -> bool:
    """Whether each part of the quotation is the whole of its paragraph, marks aside."""
    for part in quote.parts:
        text = paragraphs[part.para].text
        outside = text[: part.start] + text[part.end :]
        if _NOT_CONTENT.sub("", outside):
            return False
    return True


def _follows(before: FoundQuote, after: FoundQuote) -> bool:
    return after.parts[0].para == before.parts[-1].para + 1


def _text(paragraphs: Sequence[Paragraph], quote: FoundQuote) -> str:
    return " ".join(paragraphs[p.para].text[p.start : p.end].strip() for p in quote.parts)


def _signed(
    texts: Sequence[str], whole: Sequence[bool], quotes: Sequence[FoundQuote], i: int
) -> bool:
    """Whether quotation ``i`` closes a letter: a valediction or a signature ends it, or it is
    a name in capitals right after a long wholly quoted paragraph."""
    signature = _SIGNATURE.search(texts[i])
    if _valediction().search(texts[i]) or (signature and _names_no_one_else(signature.group(0))):
        return True
    return (
        _CAPITAL_NAME.fullmatch(texts[i]) is not None
        and _names_no_one_else(texts[i])
        and i > 0
        and whole[i - 1]
        and _follows(quotes[i - 1], quotes[i])
        and len(texts[i - 1].split()) >= LETTER_WORDS
    )


def _names_no_one_else(text: str) -> bool:
    """Whether capitals hold no function word, as a name does ("STOP IT NOW" is a shout)."""
    return not any(w.lower() in lexicon.FUNCTION_WORDS for w in _CAPITALS.findall(text))


_CAPITALS = re.compile(r"[A-Z]{2,}")


def _salutes(paragraphs: Sequence[Paragraph], quote: FoundQuote) -> bool:
    """Whether a quotation opens a letter: a salutation alone, or one set off by a dash from
    the body after it."""
    part = quote.parts[0]
    text = paragraphs[part.para].text
    alone = len(quote.parts) == 1 and _SALUTATION.fullmatch(text, part.start, part.end)
    return bool(alone or _SALUTATION_OPENS.match(text, part.start, part.end))


def letter_quotes(paragraphs: Sequence[Paragraph], quotes: Sequence[FoundQuote]) -> set[int]:
    """The indexes of the quotations that are the parts of a letter read out."""
    found: set[int] = set()
    whole = [q.block_dash_line is None and _fills_paragraphs(paragraphs, q) for q in quotes]
    texts = [_text(paragraphs, q) if whole[i] else "" for i, q in enumerate(quotes)]
    for i, quote in enumerate(quotes):
        if not whole[i] or i in found:
            continue
        if _salutes(paragraphs, quote):
            found.add(i)
            found.update(_run_on(quotes, whole, i))
            found.update(_heading(paragraphs, quotes, whole, i))
        elif _signed(texts, whole, quotes, i):
            found.add(i)
            found.update(_run_back(quotes, whole, i))
            found.update(_close_lines(quotes, whole, texts, i))
    return found


def _run_on(quotes: Sequence[FoundQuote], whole: Sequence[bool], i: int) -> list[int]:
    """The wholly quoted paragraphs right after quotation ``i``: the body of its letter."""
    found = []
    j = i + 1
    while j < len(quotes) and whole[j] and _follows(quotes[j - 1], quotes[j]):
        found.append(j)
        j += 1
    return found


def _run_back(quotes: Sequence[FoundQuote], whole: Sequence[bool], i: int) -> list[int]:
    """The wholly quoted paragraphs right before quotation ``i``: the body of its letter."""
    found = []
    j = i - 1
    while j >= 0 and whole[j] and _follows(quotes[j], quotes[j + 1]):
        found.append(j)
        j -= 1
    return found


def _close_lines(
    quotes: Sequence[FoundQuote], whole: Sequence[bool], texts: Sequence[str], i: int
) -> list[int]:
    """The short wholly quoted paragraphs right after a letter's close: the rest of a close
    set one line a paragraph ("humble servant,", "JOHN WILLOUGHBY.")."""
    found = []
    j = i + 1
    while (
        j < len(quotes)
        and whole[j]
        and _follows(quotes[j - 1], quotes[j])
        and len(texts[j].split()) <= HEADING_WORDS
    ):
        found.append(j)
        j += 1
    return found


def _heading(
    paragraphs: Sequence[Paragraph], quotes: Sequence[FoundQuote], whole: Sequence[bool], i: int
) -> list[int]:
    """The short wholly quoted paragraphs right before a salutation: a place and a date."""
    found = []
    j = i - 1
    while (
        j >= 0
        and i - j <= HEADING_LINES
        and whole[j]
        and _follows(quotes[j], quotes[j + 1])
        and sum(len(paragraphs[p.para].text[p.start : p.end].split()) for p in quotes[j].parts)
        <= HEADING_WORDS
    ):
        found.append(j)
        j -= 1
    return found


def without_letters(paragraphs: Sequence[Paragraph], quotes: list[FoundQuote]) -> list[FoundQuote]:
    """The quotations that are not parts of a letter read out."""
    letters = letter_quotes(paragraphs, quotes)
    return [quote for i, quote in enumerate(quotes) if i not in letters]
