"""Word lists shipped with the package: an English lexicon, function words, web-interface terms.

The lexicon (``data/words.txt.gz``) is Debian's ``wamerican`` list (SCOWL), lowercased: see
``data/words.COPYING``. It repairs words broken across lines. The web terms
(``data/web_words.txt``) help recognise page furniture (menus, buttons, error notices) in
scraped text. Every loader is cached: the files are read once per process.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

_DATA = "indexer.data"

#: Closed-class English words (articles, pronouns, prepositions, conjunctions, auxiliaries).
#: Running prose has a steady share of them; menus and button labels have almost none.
_FUNCTION_WORDS = """
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me might more most must my myself no nor not now of off on once only or other our ours
ourselves out over own same shall she should so some such than that the their theirs them
themselves then there these they this those through to too under until up upon very was we
were what when where which while who whom why will with would you your yours yourself
yourselves ye thee thou thy yet whose though although also ever never
"""
FUNCTION_WORDS: frozenset[str] = frozenset(_FUNCTION_WORDS.split())

#: Endings that the lexicon lists as words (abbreviations, names) but that are no words when
#: they follow a hyphen at the end of a line ("curtail-" / "ing").
_SUFFIX_FRAGMENTS = """
ing ings ed er ers est ly ness ment ments tion tions sion sions ous ful fully able ably ible
ibly ity ities ist ists ism isms ance ances ence ences ant ants ent ents al ally ial ive ives
ize izes ise ises less lessly ship ships
"""
SUFFIX_FRAGMENTS: frozenset[str] = frozenset(_SUFFIX_FRAGMENTS.split())


@cache
def words() -> frozenset[str]:
    """The English lexicon: about 73,000 lowercase words."""
    raw = resources.files(_DATA).joinpath("words.txt.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


@cache
def web_terms() -> Mapping[str, float]:
    """Web-interface terms (a word or a phrase of words, lowercase) with their weight.

    Weight 1.0 marks words that are almost only ever interface text ("login", "reload"),
    0.5 words that are interface words but also ordinary English ("page", "button").
    """
    text = resources.files(_DATA).joinpath("web_words.txt").read_text(encoding="utf-8")
    terms: dict[str, float] = {}
    for raw_line in text.splitlines():
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        term, _, weight = line.rpartition(" ")
        try:
            terms[" ".join(term.lower().split())] = float(weight)
        except ValueError:
            terms[" ".join(line.lower().split())] = 1.0
    return MappingProxyType(terms)
