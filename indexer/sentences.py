"""Sentence boundaries with NLTK's Punkt, built from parameters that ship with the package.

No ``nltk.download()``: ``sent_tokenize`` needs downloaded data, so the tokenizer is built from a
:class:`PunktParameters` holding our abbreviations and sentence starters. Single letters
("John F. Kennedy", "William M. LeoGrande") are abbreviations too.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from functools import cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from indexer.resources import read_set


@cache
def tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(read_set("abbreviations.txt")) | set(string.ascii_lowercase)
    params.sent_starters = set(read_set("sentence_starters.txt"))
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (one paragraph, already cleaned)."""
    pieces = list(tokenizer().span_tokenize(text))
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        # A piece with no letters (". . .", "—") belongs to the sentence before it.
        if merged and not any(ch.isalnum() for ch in text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    yield from merged
