"""Cues: the words beside a quotation that say who spoke it.

Holds the reporting-verb, pronoun and person-noun data (``indexer/data``), the cue patterns
built from them, and the finders that read a cue after a quotation ("...," Castro observed),
before it (Castro said: "...") or as the subject of an unfinished sentence leading to a
reporting verb ("Fanny struggled for speech, and said,"). A :class:`Cue` is the speaker's
mention as written; resolving it to a person is :mod:`indexer.attribution`'s work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indexer import lexicon
from indexer.names import name_mentions, titles
from indexer.resources import read_set, read_table


@cache
def reporting_verbs() -> dict[str, bool]:
    """Reporting verbs, each with whether its object is the person addressed ("told")."""
    verbs: dict[str, bool] = {}
    for word, mark in read_table("reporting_verbs.txt", sep=">"):
        verbs[word] = verbs.get(word, False) or mark == "addressee"
    return verbs


@cache
def pronouns() -> dict[str, str]:
    """Pronouns that can stand for a speaker, with their gender (m, f, or p)."""
    return {word: gender for word, gender in read_table("pronouns.txt")}


#: A character known by a capitalised common noun: "the Mouse", "the Mock Turtle"; or an
#: agency by its acronym after "The" ("The FBI concluded"), a source news quotes as written.
_DEFINITE = (
    r"(?:[Tt]he\s+(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z][a-z]+)?|[A-Z]{2,})(?![\w’']))"
)

#: Words that may stand before the subject that opens a sentence.
_CONNECTIVES = r"(?:And|But|Then|So|Now|Here|There|At last|At length|Presently|Again|Still|Yet)"


@cache
def _utterance() -> str:
    """Nouns for what someone said ("was Mrs. Weston's parting question"), from
    ``data/utterance_nouns.txt``."""
    return "|".join(sorted(map(re.escape, read_set("utterance_nouns.txt")), key=len, reverse=True))


#: The ending of a possessive name, with its apostrophe or with the space that a text folded
#: to ASCII left of it ("Mrs. Allen s reply").
_OWNS = r"(?:(?<=['’]s)|\s+s)"
#: A voice that stands for its owner: "said the clear voice of Ann", after the verb.
_VOICE_OF = r"(?:the|a)\s+(?:[a-z]+\s+){0,2}?voice\s+of\s+"
#: A voice that stands for its owner: "Ann's clear voice said", after the name.
_OWN_VOICE = rf"(?:{_OWNS}\s+(?:[a-z]+\s+){{0,2}}?voice)?"
#: The verbs of hearing whose object is a speaker ("heard Ann say").
_HEARING = r"(?:heard|overheard|hear|hears)"
#: Someone heard saying the quotation: "he heard Katharine say", after the quotation; the
#: speaker is the person heard.
_HEARD = rf"(?:[^\W\d_][^,;:.!?\"“”]{{0,40}}?\s{_HEARING}\s+)?"

#: Determiners that open a description of a person ("the girl", "her father", "a student").
_DETERMINER = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Mm]y|[Tt]heir|[Oo]ur|[Yy]our)"


@dataclass(frozen=True, slots=True)
class PersonNoun:
    gender: str | None  # m, f, or None when the noun does not tell
    kind: str  # kin, person or role (see data/person_nouns.txt)


@cache
def person_nouns() -> dict[str, PersonNoun]:
    """Nouns that describe a person, from ``data/person_nouns.txt``."""
    found = {}
    for noun, gender, kind in read_table("person_nouns.txt"):
        found[noun] = PersonNoun(gender if gender in ("m", "f") else None, kind)
    return found


@cache
def nominal() -> re.Pattern[str]:
    """A speaker named by a description: a determiner, up to two lowercase modifiers and a
    person noun ("the old man", "her elder sister", "a student")."""
    nouns = "|".join(sorted(map(re.escape, person_nouns()), key=len, reverse=True))
    return re.compile(rf"{_DETERMINER}\s+(?:[a-z][a-z-]*\s+){{0,2}}?(?P<noun>{nouns})(?![\w’'-])")


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """The cue patterns by where they stand, and the sentence end they stop at."""
    verbs = "|".join(sorted(map(re.escape, reporting_verbs()), key=len, reverse=True))
    title = "|".join(re.escape(" ".join(t.words)) for t in titles())
    pronoun = "|".join(p for w in pronouns() for p in (w, w.capitalize()))
    from indexer.names import NAME_RUN

    name = rf"(?:(?:{title})\s+)*(?:{NAME_RUN.pattern}){_PARTY_TAG}?{_HOME}?"
    described = nominal().pattern.replace("(?P<noun>", "(?:")
    epithet = _epithet(name)
    spk = (
        rf"(?<![\w’'])(?P<spk>{pronoun}|{described}|{_DEFINITE}|{epithet}|{_modified(name)}|{name})"
    )
    verb = rf"(?P<verb>{verbs})"
    adv = r"(?:(?:was|were)\s+)?(?:[\w-]+ly\s+|also\s+|then\s+|again\s+|later\s+|now\s+)?"
    # news describes a source at length ("Fred Kagan, director of the ... at the hawkish
    # American Enterprise Institute, said"); a long stretch opening on a name is a clause
    # ("Like Corker, Menendez also rejected ..., arguing")
    apposition = r"(?:,\s(?:[^,;:.!?]{1,80}|[a-z][^,;:.!?]{80,119}),)?"
    rest = r"(?P<rest>[^,;:!?]*)"
    lead = r"^[\s,;:—–-]*"
    return {
        "after_name_verb": re.compile(
            rf"{lead}{_HEARD}{spk}{_OWN_VOICE}{apposition}\s+{adv}{verb}\b{rest}"
        ),
        "after_verb_name": re.compile(
            rf"{lead}{verb}\s+{adv}(?:{_VOICE_OF})?{_BARE_EPITHET}{spk}(?![\w’']){rest}"
        ),
        "before_name_verb": re.compile(
            rf"{spk}{_OWN_VOICE}(?P<who>,\s+who\b)?{apposition}\s+{adv}{verb}\b(?P<rest>[^,;:!?“\"]*)[,:—–-]*\s*$"
        ),
        "before_verb_name": re.compile(
            rf"(?<![\w’']){verb}\s+{spk}(?![\w’'])(?P<rest>)\s*[,:—–-]+\s*$"
        ),
        "possessive_after": re.compile(
            rf"{lead}(?:was|were|had\s+been)\s+(?:all\s+)?{spk}{_OWNS}\s+(?:[a-z]+\s+){{0,2}}?"
            rf"(?P<verb>{_utterance()})\b{rest}"
        ),
        # "in reply to Lady Bertram's calm inquiry of", "Sir Walter's remark was, soon
        # afterwards--": what someone said, named before the quotation.
        "possessive_before": re.compile(
            rf"{spk}{_OWNS}\s+(?:[a-z]+\s+){{0,2}}?(?P<verb>{_utterance()})\s+"
            r"(?:of|was|had\s+been)\b(?P<rest>[^.!?“\"]{0,30})[,:—–-]*\s*$"
        ),
        # "was an artless exclamation of Catherine's", "was uttered at the same moment by
        # Catherine", "burst from William", "broke explosively from Janey".
        "passive_after": re.compile(
            rf"{lead}(?:(?:was|were)\s+(?:[a-z]+\s+){{0,3}}?"
            rf"(?:(?P<verb>{_utterance()})\s+of|(?:uttered|spoken|said|cried|added)\s+"
            rf"(?:[a-z]+\s+){{0,4}}?by)|(?:burst|broke)\s+(?:[a-z]+ly\s+)?from)"
            rf"\s+{spk}(?![\w’']){rest}"
        ),
        # "came from Sir Thomas's tight lips", "from Mr. Wilcox, who...": the person alone
        # after "from" (a quoted figure "from Wall Street firms" is followed by more words).
        "from_after": re.compile(
            rf"{lead}(?:came\s+(?:[a-z]+ly\s+)?)?[Ff]rom\s+(?:the\s+lips\s+of\s+)?{spk}"
            rf"(?:{_OWNS}\s+(?:[a-z]+\s+){{0,2}}?lips)?(?=\s*(?:[.,;:!?—–-]|$))(?P<rest>)"
        ),
        "closing_name_verb": re.compile(
            rf"^(?:{_CONNECTIVES}\s+)?{spk}{apposition}\s+{adv}{verb}\b"
            r"(?P<rest>[^,;:!?“\"]{0,40})[.:]\s*$"
        ),
        "according_to": re.compile(rf"\b[Aa]ccording to {spk}"),
        "subject": re.compile(rf"[\s,;:—–-]*(?:{_CONNECTIVES}\s+,?\s*)?{spk}(?![\w’'])"),
        "name_verb": re.compile(rf"{spk}{apposition}\s+{adv}{verb}\b(?P<rest>[^,;:!?“\"]*)"),
        "sentence_end": re.compile(
            rf"(?<![A-Z]){_abbreviated_titles()}"
            r"[.!?][\"”’)]?\s+(?=[\"“‘'(]?[A-Z0-9])|[.!?][\"”’)]?$"
        ),
    }


#: Abbreviations whose period ends no sentence besides the titles' ("Jr.", "Sr."), and the
#: months news abbreviates before a day ("the Nov. 8 election").
_NAME_ABBREVIATIONS = ("Jr", "Sr", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec")


def _abbreviated_titles() -> str:
    """Lookbehinds that keep the period of an abbreviated title ("Sen.", "Del.", ``data/
    titles.txt``) or of "Jr."/"Sr." from ending a sentence, one per length."""
    words = {t.words[-1][:-1] for t in titles() if t.words[-1].endswith(".")}
    words.update(_NAME_ABBREVIATIONS)
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "".join(rf"(?<!\b(?:{'|'.join(group)}))" for _, group in sorted(by_length.items()))


#: A legislator's party and state after the name: "Sen. Ted Cruz (R-Texas)", "(Maine)",
#: ", R-Ky.,".
_PARTY_TAG = (
    r"(?:\s*\((?:[DRI]-)?[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?\)"
    r"|,\s+[DRI]-[A-Z][A-Za-z.]*,(?=\s|$))"
)
#: Where a person is from or works, after the name: "Rep. Tom Cole of Oklahoma", "Jeffrey
#: Lewis of the James Martin Center for Nonproliferation Studies" (a longer run only after
#: "the", which names an institution; cut off again by :func:`speaker_name`).
_HOME = (
    r"(?:\s+of\s+(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?"
    r"|the\s+[A-Z][\w’'.-]*(?:\s+(?:(?:for|of|and|on)\s+)?[A-Z][\w’'.-]*){0,5})(?![\w’']))"
)
#: How many words may stand before the name in a news subject ("Tulsa police Chief").
_MODIFIER_REACH = 6


@cache
def _stop_words() -> str:
    """Lowercase words that end a subject's modifiers: function words, pronouns and
    reporting verbs ("said Trump in Iowa", "Obama told Biden")."""
    words = lexicon.FUNCTION_WORDS | set(pronouns()) | set(reporting_verbs())
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


#: Words that end the describing words of an epithet ("the house of Mr. Bennet" is none).
_EPITHET_STOP = (
    r"(?:of|to|and|or|but|in|on|at|by|for|with|from|as|that|who|whom|which|a|an|the|his|her"
    r"|their|my|your|our|its|was|were|is|had|has)(?![\w’'-])"
)


#: A describing word right before a name, without "the": "said dour Major Callendar", "said
#: astonished Marilla", "the voice of old Mr. Emerson".
_BARE_EPITHET = rf"(?:(?!{_EPITHET_STOP})[a-z][\w’'-]*\s+(?=[A-Z]))?"


def _epithet(name: str) -> str:
    """A name after "the" and a lowercase word (with "less", "more", "most" or "very"
    before it) that describes its bearer as the narration sees them: "said the gloomy
    Ratcliffe", "asked the staring Professor", "said the less courteous Edmund" (a
    description of a person noun, "the old man", is :func:`nominal`)."""
    return rf"[Tt]he\s+(?:(?:less|more|most|very)\s+)?(?!{_EPITHET_STOP})[a-z][\w’'-]*\s+(?:{name})"


def _modified(name: str) -> str:
    """A name after the words that describe its bearer, as news writes subjects: "Republican
    party boss Reince Priebus", "Clinton campaign spokesman Brian Fallon", "Army Capt.
    Christian Pardo". The person is the name at its end (see :func:`speaker_name`)."""
    return rf"(?<![\w’'-])(?=[A-Z])(?:{_modifier_word()}\s+){{1,{_MODIFIER_REACH}}}{name}"


@cache
def _modifier_word() -> str:
    """A word that may describe the person named after it: capitalised, an ordinal or a
    lowercase word that is no stop word."""
    return (
        rf"(?:[A-Z][\w’'.&-]*|\d+(?:st|nd|rd|th)"
        rf"|(?!(?:{_stop_words()}|{_PAST_VERB})(?![\w’'-]))[a-z][\w’'-]*)"
    )


@cache
def _description_lead() -> re.Pattern[str]:
    return re.compile(rf"\s*(?=[A-Z])(?:{_modifier_word()}\s+){{1,{_MODIFIER_REACH}}}")


def describes_bearer(lead: str) -> bool:
    """Whether ``lead`` (a sentence up to a name) is only words that describe the person
    named after it ("Radio talk host ", "Cruz spokesman "): that name opens the sentence as
    its subject (:func:`_modified`)."""
    return _description_lead().fullmatch(lead) is not None


#: Verbs in the past that join two names as subject and object, not as description and name
#: ("Trump praised Obama and said"); a hyphened word is a modifier ("Florida-based").
_PAST_VERB = r"[a-z]+ed|met|won|beat|led|gave|took|left|sent|brought|hit|made|let|got|saw|heard|had"


@dataclass(frozen=True, slots=True)
class Cue:
    """An attribution found in the text: the speaker's mention as written, and its verb."""

    speaker: str
    para: int
    offset: int  # where the speaker's mention starts in its paragraph
    text: str  # the cue as written
    rest: str  # what follows the verb (its object, "to NAME")
    verb: str
    #: The source is an organisation or an outlet named as written ("CNN", "The New York
    #: Times"), not a person to resolve.
    organisation: bool = False


def cue_from_match(match: re.Match[str], para: int, base: int) -> Cue:
    """The cue a pattern matched in text that starts at ``base`` of paragraph ``para``."""
    return Cue(
        speaker=match.group("spk"),
        para=para,
        offset=base + match.start("spk"),
        text=match.group(0).strip(" ,;:—–-"),
        rest=match.groupdict().get("rest") or "",
        verb=match.group("verb") if "verb" in match.groupdict() and match.group("verb") else "",
    )


_NON_SPACE = re.compile(r"\S")


def opens_paragraph(text: str, at: int) -> bool:
    """Whether only white space stands before ``at`` in ``text`` (without copying it)."""
    return _NON_SPACE.search(text, 0, at) is None


def sentence_tail(text: str) -> tuple[str, int]:
    """The last sentence of ``text`` (where a cue before a quotation stands) and its offset."""
    start = 0
    for match in patterns()["sentence_end"].finditer(text):
        if match.end() < len(text):
            start = match.end()
    return text[start:], start


def sentence_head(text: str) -> str:
    """The first sentence of ``text``."""
    match = patterns()["sentence_end"].search(text)
    return text[: match.end()] if match else text


def cue_after(text: str, para: int, base: int, *, punctuated: bool = False) -> Cue | None:
    """A cue that opens ``text`` (the text right after a closing mark).

    ``punctuated`` says that the quotation ends on its own punctuation ("No, no,"), as a
    line of speech does: only then is a person after "from" its speaker ("No, no," from
    Ann), since a quoted phrase inside a sentence is often followed by where something
    came from (took "about $200" from Tom Bell).
    """
    head = sentence_head(text)
    keys = (*_AFTER_KEYS, "from_after") if punctuated else _AFTER_KEYS
    for key in keys:
        match = patterns()[key].match(head)
        if match and is_speaker(match.group("spk")):
            return according_to(head, para, base, match.end("spk")) or cue_from_match(
                match, para, base
            )
    return None


def according_to(sentence: str, para: int, base: int, start: int = 0) -> Cue | None:
    """The source a sentence names with "according to" (from ``start``, outside quotation
    marks): the one who reports the speech, which the news takes for the source of the
    quotation rather than the speaker it names ('"...," Welch said, according to Vermont
    Edition.', 'According to GMA News, Salceda said the "..."')."""
    match = patterns()["according_to"].search(sentence, start)
    outlet = _ACCORDING_TO_OUTLET.search(sentence, start)
    if outlet is not None and _inside_quotation(sentence, outlet.start()):
        return None  # "It went according to The Plan."
    person = match is not None and is_speaker(match.group("spk"))
    if match is not None and person and (outlet is None or match.end() >= outlet.end()):
        return Cue(match.group("spk"), para, base + match.start("spk"), match.group(0), "", "")
    if outlet is None or not _is_outlet(outlet.group("spk")):
        return None
    at = base + outlet.start("spk")
    return Cue(outlet.group("spk"), para, at, outlet.group(0), "", "", organisation=True)


#: "according to" and a capitalised name that may hold "of", "and" or "for" between its
#: words, or an acronym: an organisation or an outlet ("according to Immigration and Customs
#: Enforcement", "according to The New York Times", "according to CNN").
_ACCORDING_TO_OUTLET = re.compile(
    r"\b[Aa]ccording to (?P<spk>(?:[Tt]he\s+)?[A-Z](?:[\w&’'-]|\.(?=\w))*"
    r"(?:\s+(?:(?:of|and|for|&)\s+(?:the\s+)?)?[A-Z](?:[\w&’'-]|\.(?=\w))*)*)"
)
#: An opening curly quotation mark not closed before the end of the text.
_QUOTED_BEFORE = re.compile(r"“[^”]*$")


def _inside_quotation(sentence: str, at: int) -> bool:
    """Whether ``at`` stands inside a quotation the sentence holds: after an opening curly
    mark not closed, or after an odd number of straight ones."""
    return bool(_QUOTED_BEFORE.search(sentence, 0, at)) or sentence.count('"', 0, at) % 2 == 1


def _is_outlet(text: str) -> bool:
    """Whether the capitalised words after "according to" name a source: their first word
    (after "the", without a possessive) is no pronoun or function word ("According to
    His own account", "According to Some")."""
    words = text.split()
    if words[0].lower() == "the":
        words = words[1:]
    return bool(words) and _POSSESSIVE.sub("", words[0].lower()) not in _not_outlets()


@cache
def _not_outlets() -> frozenset[str]:
    return frozenset(pronouns()) | lexicon.FUNCTION_WORDS


#: A sentence finished at the end of a text: a stop and maybe a closing mark.
_FINISHED = re.compile(r"[.!?][\"”’)]?$")

_AFTER_KEYS = ("after_name_verb", "after_verb_name", "possessive_after", "passive_after")


def cue_before(text: str, para: int, base: int) -> Cue | None:
    """A cue that ends ``text`` (the text before an opening mark), or "according to X" in it."""
    text = text.rstrip()
    # Only the last two characters can end a sentence: searching them alone, not the whole
    # paragraph before the mark, gives the same answer without a scan of the text.
    if _FINISHED.search(text[-2:]):
        return None  # a finished sentence introduces nothing
    tail, offset = sentence_tail(text)
    source = according_to(tail, para, base + offset)
    if source is not None:
        return source
    for key in ("before_name_verb", "before_verb_name"):
        match = patterns()[key].search(tail)
        if not match or not is_speaker(match.group("spk")):
            continue
        if (
            key == "before_name_verb"
            and not match.group("who")
            and _PREPOSITION_BEFORE.search(tail, 0, match.start("spk"))
            and not _POSSESSIVE.search(tail, match.end("spk") - 2, match.end("spk") + 2)
            and (
                "," in tail[match.end("spk") : match.start("verb")]
                or not match.group("verb").endswith("ing")
            )
        ):
            # "a salesman from Sumter, South Carolina, says", "CEO of the Association
            # stated": the object of a preposition is no subject ("footage of Clinton
            # asking" is)
            continue
        if key == "before_verb_name" and reporting_verbs().get(match.group("verb").lower(), False):
            continue  # "told Fox News:" names whom it was said to
        return cue_from_match(match, para, base + offset)
    match = patterns()["possessive_before"].search(tail)
    if match and is_speaker(match.group("spk")):
        return cue_from_match(match, para, base + offset)
    return subject_cue(tail, para, base + offset)


@cache
def speech_acts() -> frozenset[str]:
    """Verbs that characterise what someone said ("blasted", "accused", "calling"), from
    ``data/speech_acts.txt``: with reporting verbs, they mark a sentence that reports speech."""
    return read_set("speech_acts.txt")


def reports_speech(sentence: str) -> bool:
    """Whether a sentence reports what someone said: a reporting verb or a verb that
    characterises speech, or "according to"."""
    words = (w.group(0).lower() for w in _WORD_RE.finditer(sentence))
    if any(w in reporting_verbs() or w in speech_acts() for w in words):
        return True
    return "according to" in sentence


def subject_cue(
    sentence: str, para: int, base: int, verbs: frozenset[str] | None = None
) -> Cue | None:
    """The subject of the clause of an unfinished sentence that leads to a reporting verb,
    further than the verb's neighbour: "Fanny struggled for speech, and said," or "Isabella
    had applied her handkerchief to her eyes; and Morland, miserable at such a sight, could
    not help saying,". The subject is the last person before the verb that stands where a
    clause begins (the sentence's start, after a comma, a semicolon, a dash or a conjunction),
    so that the object of a verb or a preposition ("returned to Mr. Crawford, and said") is
    passed over."""
    verb = None
    for word in _WORD_RE.finditer(sentence):
        if word.group(0).lower() in reporting_verbs() or (verbs and word.group(0).lower() in verbs):
            verb = word
    if verb is None:
        return None
    head = sentence[: verb.start()]
    subject: tuple[int, str] | None = None
    for start, end in _person_spans(head):
        if head[start - 1 : start] == "(" and _CLOSING_PAREN.match(head, end):
            continue  # a party tag or an aside: "Rep. John Mica (R-Fla.) said"
        lead = _TITLE_RUN.sub("", head[max(0, start - 40) : start])
        opening = _OPENING.fullmatch(head, 0, start) is not None
        modifies = subject is not None and bool(
            _modifiers().fullmatch(head, subject[0] + len(subject[1]), start)
        )
        absolute = _WITH_BEFORE.search(lead) is not None and _right_before_participle(
            head, end, verb.group(0)
        )
        possessor = head[end : end + 2] in ("'s", "’s") or _LOOSE_POSSESSIVE.match(head, end)
        if _HEARD_BEFORE.search(head, max(0, start - 20), start) and _ONLY_ADVERB.fullmatch(
            head, end
        ):
            subject = (start, head[start:end])  # "Archer heard Madame Olenska say": the one heard
            break
        gerund = possessor and _GERUND_OWNED.match(head, end) is not None
        # "It was broken by Lucy, who renewed the subject by saying": with no person subject
        # before it, a name that a relative clause follows is that clause's subject.
        relative = subject is None and _RELATIVE_AFTER.match(head, end) is not None
        result = _RESULT_THAT.search(head, max(0, start - _RESULT_REACH), start) is not None
        if not (
            opening
            or modifies
            or absolute
            or gerund
            or relative
            or result
            or _CLAUSE_START.search(lead)
        ):
            continue  # the object of a verb or a preposition
        if possessor and not gerund and not _speaks_for().match(head, end):
            continue  # "Catherine's exclamation": a possessor ("Clinton's campaign" speaks)
        if subject is not None and _in_apposition(head, start, end):
            continue  # "in Buffalo, New York, that": the place of the name before it
        if subject is not None and _in_subject_aside(head, subject, start, end):
            continue  # "Michael Seaman, who lives near the capital, Sacramento, said"
        subject = (start, head[start:end])
    if subject is None or not is_speaker(subject[1]):
        return None
    subject = _with_article(head, subject)
    return Cue(
        speaker=subject[1],
        para=para,
        offset=base + subject[0],
        text=sentence.strip(" ,;:—–-"),
        rest=sentence[verb.end() :],
        verb=verb.group(0),
    )


_WORD_RE = re.compile(r"[\w’']+")
#: "with" before a name: the subject of an absolute clause when the name's participle follows
#: ("irritated, with Sen. John McCain calling it a").
_WITH_BEFORE = re.compile(r"\bwith\s*$")
#: What may stand between a subject and its participle: an adverb or two.
_ADVERBS = re.compile(r"(?:\s+[a-z]+ly)*\s*")


def _right_before_participle(head: str, end: int, verb: str) -> bool:
    """Whether the name ending at ``end`` of ``head`` (the sentence up to its reporting verb)
    stands right before that verb, a participle in -ing ("with Donald Trump tweeting")."""
    return verb.endswith("ing") and _ADVERBS.fullmatch(head, end) is not None


#: "The" right before a subject.
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _with_article(text: str, subject: tuple[int, str]) -> tuple[int, str]:
    """A subject that is a capitalised common noun keeps its article, as the cues after a
    quotation keep it ("said the Mouse" is "The Mouse"): "The Mouse did not notice this
    question, but went on" names the Mouse, not someone called Mouse."""
    start, name = subject
    article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
    words = name.split("-")
    if article is None or " " in name or not all(w.lower() in lexicon.words() for w in words):
        return subject
    return article.start(), f"The {name}"


#: What may stand just before the subject of a clause.
_CLAUSE_START = re.compile(
    r"(?:[,;:(—–-]|\b(?:and|but|or|when|whilst|while|as|then|till|until|so|though|although"
    r"|before|after|now|yet|once|whereupon|[Aa]nd|[Bb]ut|[Tt]hen))\s*$"
)
#: A sentence's opening up to its subject: nothing, or a connective ("At length Darcy").
_OPENING = re.compile(rf"[\s,;:—–-]*(?:{_CONNECTIVES}\s*,?\s*)?(?:[A-Z][a-z]*\.?\s+)*")
#: Capitalised words (a title, a connective) just before a name's first word.
_TITLE_RUN = re.compile(r"(?:\b[A-Z][a-z]*\.?\s+)+$")
#: A possessive written loosely (" s", the apostrophe lost) or by the apostrophe alone after
#: an s ("Myers’ campaign").
_LOOSE_POSSESSIVE = re.compile(r" s\b|(?<=s)['’](?=\s)")
#: "so ... that" or "such ... that" right before a subject: the clause of a result opens
#: ("He laughed so heartily, that Emma could not help saying"); a plain "that" mostly opens
#: what someone else said or thought ("repeated accusations that Rubio recites").
_RESULT_THAT = re.compile(r"\b(?:so|such)\b[^.;:!?]*\bthat\s+$")
#: How far before the subject (in characters) the "so" or "such" may stand.
_RESULT_REACH = 150
#: A verb of hearing right before a person, whose verb of speech follows ("heard Ann say").
_HEARD_BEFORE = re.compile(rf"\b{_HEARING}\s+$")
#: Nothing but an adverb between a person and the reporting verb after it.
_ONLY_ADVERB = re.compile(r"(?:\s+(?:[a-z]+ly|next|then|again|now))?\s*")
#: A relative clause right after a name whose subject is the "who" ("Lucy, who renewed"; in
#: "Bannon, who Beck called", Beck is).
_RELATIVE_AFTER = re.compile(r",\s+who\b(?!\s+(?:[A-Z]|(?:he|she|they|we|you)\b))")
#: A possessive before a gerund with its object or adverb: its owner is the subject of the
#: gerund's clause, even after a preposition ("without Mr. Woodhouse's giving a sigh, and
#: saying"); a word in -ing before a noun describes it ("Fiorina's speaking firm").
_GERUND_OWNED = re.compile(
    r"(?:['’]s| s)\s+(?:[a-z]+ly\s+)?[a-z]{2,}ing(?:\s*[,;]|\s+(?:a|an|the|his|her|their|its"
    r"|my|your|our|him|them|me|us|it|to|in|on|out|up|down|away|back|with|that|so)\b)"
)


@cache
def _speaks_for() -> re.Pattern[str]:
    """A possessive before those who speak for the possessor ("Clinton's campaign said",
    ``data/spokes_nouns.txt``): the possessor is the source, unless the speaker is named
    after it ("Clinton's campaign manager Robby Mook", "Santilli's attorney, Thomas Coan,"); a
    name after the verb is its object ("Clinton's campaign called AP's report")."""
    nouns = "|".join(sorted(map(re.escape, read_set("spokes_nouns.txt"))))
    verbs = "|".join(sorted(map(re.escape, reporting_verbs().keys() | speech_acts())))
    return re.compile(
        rf"(?:['’]s| s|(?<=s)['’])\s+(?:(?:presidential|re-election|press|legal)\s+)?(?:{nouns})\b"
        # "campaign manager Robby Mook": Mook is named
        rf"(?!,?\s+(?:(?!(?:{verbs})\b)[a-z]+\s+)?[A-Z])"
    )


#: A possessive ending after a name ("of Mr. Rushworth's question": the name is a possessor).
_POSSESSIVE = re.compile(r"['’]s\b")
#: A preposition just before a name makes it an object, not the subject of a clause.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|of|from|at|near|outside|inside|to|with|by|about|on|into)\s+$"
)
#: What stands before a place or an age set off by commas after the name it belongs to:
#: a capitalised word or a number ("Buffalo|, New York,", "Cory James|, 22,").
_APPOSITION_HOST = re.compile(r"(?:\b[A-Z][\w’'.-]*|\d+)\s*,\s+(?:[A-Z][\w’'.-]*\s+)*$")
#: What closes the apposition: a comma, after an abbreviation's period ("Mich.,").
_APPOSITION_END = re.compile(r"\.?,")


def _in_apposition(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` stands alone between commas right after a
    capitalised word or a number ("in Buffalo, New York, that"; "of Flint, Mich., said"): the
    place or the state of what precedes it, not the subject of a clause."""
    host = _APPOSITION_HOST.search(text, max(0, start - 60), start)
    first = text[start:end].split(None, 1)[0]
    return bool(
        host
        and not {first, first.rstrip(".")} & titles_words()  # "Street, Mrs. Jennings,"
        and not opens_paragraph(text, host.start())  # "Still, Petrilli, who": a connective
        and _APPOSITION_END.match(text, end)
    )


#: An aside that opens right after a subject: a relative clause or a description
#: ("Michael Seaman, who lives...", "Ann Lee, a teacher from...").
_ASIDE_OPENS = re.compile(r"\.?,\s+(?:who|whose|which|a|an|the)\b")


def _in_subject_aside(text: str, subject: tuple[int, str], start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` stands between commas inside an aside opened
    right after ``subject`` ("Michael Seaman, who lives outside the state capital,
    Sacramento, said"): it names something of the aside, not a new subject."""
    subject_end = subject[0] + len(subject[1])
    return (
        _ASIDE_OPENS.match(text, subject_end) is not None
        and text[max(0, start - 2) : start] == ", "
        and _APPOSITION_END.match(text, end) is not None
        and ";" not in text[subject_end:start]
    )


_CLOSING_PAREN = re.compile(r"\.?\)")


@cache
def _modifiers() -> re.Pattern[str]:
    """The words between a subject's first name and the name of the person it is about
    ("Tulsa| police Chief |Chuck Jordan"): that later name heads the subject."""
    return re.compile(rf"\s+(?:{_modifier_word()}\s+){{0,{_MODIFIER_REACH}}}")


def _person_spans(text: str) -> list[tuple[int, int]]:
    """Where persons are named (with their titles) or referred to by a singular pronoun in
    ``text``."""
    found = []
    for mention in name_mentions(text):
        titled = _titles_before().search(text, max(0, mention.start - 40), mention.start)
        found.append((titled.start() if titled else mention.start, mention.end))
    for match in _pronoun_re().finditer(text):
        if pronouns()[match.group(0).lower()] == "p":
            continue  # "assured her that they never sat there": no one person
        found.append((match.start(), match.end()))
    return sorted(found)


@cache
def _titles_before() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, titles_words()), key=len, reverse=True))
    return re.compile(rf"(?<![\w’'])(?:(?:{words})\s+)+$")


@cache
def _pronoun_re() -> re.Pattern[str]:
    words = "|".join(p for w in pronouns() for p in (w, w.capitalize()))
    return re.compile(rf"\b(?:{words})\b")


#: A name or a title after "the" and the words describing its bearer ("the staring Professor").
_EPITHET_HEAD = re.compile(
    r"[Tt]he\s+(?:(?:less|more|most|very)\s+)?[a-z][\w’'-]*\s+(?P<head>[A-Z][a-z]+)"
)


def is_speaker(text: str) -> bool:
    """Whether a mention can be a speaker: a name, a pronoun or a description of a person."""
    if re.fullmatch(_DEFINITE, text) or nominal().fullmatch(text):
        return True
    epithet = _EPITHET_HEAD.fullmatch(text)
    if epithet and epithet.group("head") in titles_words():
        return True
    return text.lower() in pronouns() or any(True for _ in name_mentions(text))


@cache
def titles_words() -> frozenset[str]:
    return frozenset(" ".join(t.words) for t in titles())


def speaker_name(text: str) -> tuple[str | None, str | None]:
    """(name, title) of a speaker mention, or (None, None) for a pronoun."""
    if text.lower() in pronouns():
        return None, None
    if re.fullmatch(_DEFINITE, text):
        return "The " + text.split(None, 1)[1], None
    epithet = _EPITHET_HEAD.fullmatch(text)
    if epithet and epithet.group("head") in titles_words():
        return "The " + epithet.group("head"), None  # "the staring Professor"
    mentions = list(name_mentions(_head_of(text)))
    if not mentions:
        return None, None
    return mentions[-1].name, mentions[-1].title


def _head_of(mention: str) -> str:
    """The part of a speaker mention that names the speaker: without a party tag ("(R-Fla.)")
    and without what follows "of" after a name ("Rep. Tom Cole of Oklahoma")."""
    text = re.sub(_PARTY_TAG, "", mention).strip()
    before, sep, _after = text.partition(" of ")
    if sep and before.split()[-1] not in titles_words() and any(name_mentions(before)):
        return before
    return text


#: What tells one unnamed person from another, right after a description that follows its
#: verb: "said the gentleman in the white waistcoat.", "replied the landlord of the Cripples".
#: "the" marks a thing the reader knows; "in a low voice", "with the same placidity" say how.
_POSTMODIFIER = re.compile(
    r"\s+(?:in|with|of|on|at)\s+the\s+(?!(?:same|utmost|greatest|most|least)\b)"
    r"(?:[\w’'-]+\s+){0,2}[\w’'-]+(?=\s*(?:[.,;:!?]|$))"
)


def identified_description(cue: Cue) -> str | None:
    """A description after its verb with what tells its bearer apart ("the gentleman in the
    white waistcoat"): the speaker as written, a character the story never names, rather
    than the nearest person of the scene the bare noun would fit."""
    if not cue.verb or cue.text.find(cue.verb) > cue.text.find(cue.speaker):
        return None
    modifier = _POSTMODIFIER.match(cue.rest)
    return cue.speaker + modifier.group(0) if modifier else None


def addressees_in(rest: str, verb: str) -> list[str]:
    """Names addressed in what follows a reporting verb: its object, or "to NAME and NAME"."""
    target = ""
    to = re.search(r"\bto\s+(.*)", rest)
    if to:
        target = to.group(1)
    elif reporting_verbs().get(verb.lower(), False):
        target = rest
    target = re.split(r"[,;:]|\s(?:that|about|if|whether|when|why|how|in|on|at|during)\s", target)[
        0
    ]
    return [m.name for m in name_mentions(target)]
