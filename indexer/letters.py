"""Letters read out in a story: quoted paragraphs that are a document, not speech.

A novel often gives a letter as a run of paragraphs, each wholly in quote marks: a place and a
date, a salutation alone on its paragraph ("Dearest Meg,"), the body, the signature. Nobody
says these aloud, so they are no quotations. A letter is recognised by that salutation: a
quotation that is nothing but "Dear ...," (or "My dear ...,", "Dearest ...,") and fills its
paragraph. The letter runs on over the wholly quoted paragraphs right after it, and back over
at most :data:`HEADING_LINES` short ones right before it (its place and date). A salutation that
opens a longer quotation ("My dear Louisa," said her father) is speech and starts no letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.cleaning import Paragraph
from indexer.quotes import FoundQuote

#: How many short quoted paragraphs (a place, a date) may head a letter before its salutation.
HEADING_LINES = 3
#: How many words a heading line may have.
HEADING_WORDS = 4

_SALUTATION = re.compile(
    r"(?:[Mm]y\s+)?(?:[Dd]ear(?:est)?|DEAR(?:EST)?)\s+[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*"
    r"\s*,\s*(?:--|[—–])?"
)
_NOT_CONTENT = re.compile(r"[\s\"“”'‘’]+")


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


def letter_quotes(paragraphs: Sequence[Paragraph], quotes: Sequence[FoundQuote]) -> set[int]:
    """The indexes of the quotations that are the parts of a letter read out."""
    found: set[int] = set()
    whole = [q.block_dash_line is None and _fills_paragraphs(paragraphs, q) for q in quotes]
    for i, quote in enumerate(quotes):
        if not whole[i] or len(quote.parts) != 1:
            continue
        part = quote.parts[0]
        if not _SALUTATION.fullmatch(paragraphs[part.para].text, part.start, part.end):
            continue
        found.add(i)
        j = i + 1
        while j < len(quotes) and whole[j] and _follows(quotes[j - 1], quotes[j]):
            found.add(j)
            j += 1
        j = i - 1
        while (
            j >= 0
            and i - j <= HEADING_LINES
            and whole[j]
            and _follows(quotes[j], quotes[j + 1])
            and sum(len(paragraphs[p.para].text[p.start : p.end].split()) for p in quotes[j].parts)
            <= HEADING_WORDS
        ):
            found.add(j)
            j -= 1
    return found


def without_letters(paragraphs: Sequence[Paragraph], quotes: list[FoundQuote]) -> list[FoundQuote]:
    """The quotations that are not parts of a letter read out."""
    letters = letter_quotes(paragraphs, quotes)
    return [quote for i, quote in enumerate(quotes) if i not in letters]
