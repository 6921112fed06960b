"""Who said a quotation, to whom, and when.

Sieves, from the most to the least certain, each recorded as the attribution method:

1. ``dash-line``: a block quotation or epigraph attributed by the dash line under it;
2. ``explicit``: a reporting verb next to a name, inside a split quotation (``"...," Castro asked,
   "..."``), right after the quotation (``" Castro observed``), or before it (``Castro said: "``);
   ``alias`` when that name was a surname or first name resolved to a full name;
   ``narrator`` when the cue says "I" ("said I", "I answered"): the narrator of a story told in
   the first person, by the name the text gives it (:mod:`indexer.narrator`);
3. ``pronoun``: a reporting verb next to he/she, resolved to the nearest person named before with
   a compatible gender;
   also the subject of an unfinished sentence leading to a reporting verb ("Fanny struggled for
   speech, and said,"), in the quotation's paragraph or ending the paragraph before on a colon;
4. ``description``: a reporting verb next to a description ("said her father", "cried the
   girl"), resolved to a person of the scene whose gender fits (``data/person_nouns.txt``);
   a parent or spouse through its possessor's family name ("her father" of Kate Morley is the
   text's Mr. Morley, ``data/kin_titles.txt``), a sibling or child to one of the scene who
   shares it (``data/family_kin.txt``), an older person ("the old lady") to one the text calls
   by a title (``data/senior_words.txt``), a younger one to one it calls by a first name;
5. ``continuation``: no attribution of its own, in the same paragraph as the quotation before it;
6. ``turn-taking``: a line of dialogue alone in its paragraph, in an exchange of two speakers
   (after narration telling the listener kept silent, ``data/silence_phrases.txt``, the one
   who spoke before goes on); a line left without a speaker is read back from a later line
   of its exchange whose own paragraph gives its speaker, and where the turns read forwards
   run into a line whose speaker does not fit them, the lines after the break (a paragraph of
   narration between two lines, the names they call) are read back from it;
7. ``narration``: the person subject of the narration beside the quotation in its paragraph.

Cues are found by :mod:`indexer.cues`, split quotations joined by :mod:`indexer.splits`, and
pronouns, descriptions and turns resolved against the :class:`~indexer.scene.Scene`; this module
holds the :class:`Attributor`, which runs the sieves in order. Addressees come from the object of
a verb of address ("asked James Donovan"), from "to NAME" in the cue, or from a name called out
in the quotation, else, for a line of dialogue, from the other party of its exchange
(:mod:`indexer.exchange`). The date is the one on the cue (or the dash line), else the nearest date
mention before the quotation in its paragraph or the few paragraphs before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from indexer import lexicon, narrator
from indexer.cleaning import Paragraph
from indexer.cues import (
    Cue,
    according_to,
    addressees_in,
    cue_after,
    cue_before,
    cue_from_match,
    identified_description,
    is_speaker,
    nominal,
    opens_paragraph,
    patterns,
    person_nouns,
    pronouns,
    reports_speech,
    sentence_head,
    sentence_tail,
    speaker_name,
    speech_acts,
    subject_cue,
)
from indexer.dates import DateMention
from indexer.exchange import fill_addressees, mend_broken_turns, settle_turns_backwards
from indexer.fragments import content_verbs, reports_content
from indexer.names import NameMention, name_mentions
from indexer.news import (
    ATTRIBUTION_REACH,
    colon_source,
    reports_speech_style,
    same_source_goes_on,
    signature,
    stages_no_exchange,
    trailing_attribution,
)
from indexer.quotes import FoundQuote, Span, dash_line_author
from indexer.records import Attribution, PartialDate
from indexer.resources import read_lines
from indexer.scene import TURN_GAP, Attributed, Scene, position, title_gender, with_title
from indexer.splits import join_split_quotes

#: The last characters of a quotation that ends on its own punctuation.
_SPOKEN_END = frozenset(",.;:!?-—–…")
#: How many paragraphs back a date may be found.
DATE_LOOKBACK = 3
#: How far back before a quotation (in characters of its paragraph) its cue is looked for.
CUE_WINDOW = 600
#: The attributions that name the speaker beside the quotation.
_NAMED_METHODS = frozenset({"explicit", "alias", "dash-line"})
#: How much narration (in characters) may stand before a line of dialogue in its paragraph.
DIALOGUE_LEAD = 400
#: How many paragraphs before an exchange its narration is read for the other party.
SCENE_NARRATION = 12
#: How much narration before a quotation (in characters) a first-person cue is read in.
FIRST_PERSON_REACH = 160

_VOCATIVE_BEFORE = re.compile(r"(?:^|[,;:!?.—–-]|\b(?:[Oo]h?|[Dd]ear|[Mm]y dear|[Yy]es|[Nn]o))\s*$")
_VOCATIVE_AFTER = re.compile(r"^\s*(?:[,;:!?.—–-]|$)")


def _vocative(text: str, mention: NameMention, lo: int, hi: int) -> bool:
    """A name called out inside a quotation: set off by punctuation or the quotation's edge
    on both sides ("Mr. Bennet, how can you", "you know, Jane."). Only the name's own title
    is stepped over: a capitalised word before it is no title ("Why Greece?", "Thank
    Heaven!")."""
    before = text[lo : mention.start]
    after = text[mention.end : hi]
    if mention.title is not None:
        title = r"\s+".join(map(re.escape, mention.title.split()))
        before = re.sub(rf"\b{title}\s*$", "", before)
    # A match of _VOCATIVE_BEFORE ends in white space only, and what it needs before that
    # (a mark, or a word of at most seven letters, "My dear") ends the stripped text: the
    # search can start there instead of scanning all the quotation before the name.
    start = max(0, len(before.rstrip()) - 7)
    return bool(_VOCATIVE_BEFORE.search(before, start)) and bool(_VOCATIVE_AFTER.match(after))


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?…]['’\"”)]*)[\s\"“'‘(—–-]*$")


def _person(mention: NameMention, resolved: str, before: str) -> bool:
    """Whether a name called out in a quotation is a person, not an ordinary word written
    with a capital because it opens the quotation or a sentence ("Hello," "Thanks," "Stop,").

    A person is a titled name ("Mr. Bennet"), a name of two words or more, a name that
    resolves to a fuller one named in the document ("John" for John Smith), or a word the
    lexicon does not list. A capitalised word inside a sentence ("you know, Jane.") has its
    capital of its own and counts as a name.
    """
    if mention.title is not None or len(mention.tokens) > 1 or resolved != mention.name:
        return True
    if mention.name.lower() not in lexicon.words():
        return True
    return not _SENTENCE_OPENING.search(before)


#: A paragraph that breaks off into the next: on a colon, a comma or a dash, or on a word
#: with no punctuation at all (texts that lost their dashes: "Miss Crawford soon went on").
_LEADS_ON = re.compile(r"(?:[,:—–-]|[^\W\d_])\s*$")
#: Where a clause of its own begins inside a sentence: after ", and", ", but" or a semicolon.
_CLAUSE_BREAK = re.compile(r"(?:,\s+(?:and|but)|;(?:\s+(?:and|but))?)\s+")
_NEGATION = re.compile(r"\b(?:nothing|not|no|never|none)\b|n[’']t\b")
_QUOTE_MARK = re.compile(r'["“”]')
_LEADING_PUNCT = re.compile(r"[\s.,;:!?—–-]*")
_NEXT_SENTENCE = re.compile(r"\s+[\"“(]?[A-Z]")


#: Words that announce a name or a word as a word, not a quotation ("the so-called
#: "Grand Bargain"", "the word "intent"").
_NAMING = re.compile(
    r"\b(?:so-called|so called|the (?:word|words|phrase|term|slogan|hashtag|motto))\s*$", re.I
)
#: A fragment after "as" characterises what a verb is about ("pounding Trump as a", "heralded
#: the deal as a").
_CHARACTERISED_AS = re.compile(r"\b[a-z]\w*(?:ed|ing|s)\s+[^,;:.!?]{1,60}\bas\s+(?:a|an|the)?\s*$")
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)
_CONTENT_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
)


def _title_case(content: str) -> bool:
    """A title or a name ("Grand Bargain", "Make America Great Again"): every word but the
    minor ones capitalised, and more than one word or a single capitalised one."""
    words = [w for w in _CONTENT_WORD.findall(content) if w.lower() not in _MINOR_WORDS]
    return bool(words) and all(w[0].isupper() for w in words)


def _a_term(sentence: str, content: str, after: str, attributed: bool, report: bool) -> bool:
    """Whether a fragment quoted inside a sentence is a term (a scare quote, a title, a word
    as a word) rather than a partial quotation, by its context: a term when the sentence
    names it ("so-called", "the word"); a quotation when the sentence reports the speech of
    someone it names (``attributed``: a subject before a reporting verb or a verb such as
    "blasted" or "accused", or a cue closing the sentence). It is a quotation too when the
    clause before it reports what was said, whoever said it
    (:func:`indexer.fragments.reports_content`: "the board said the move was "a mistake"").
    That clause decides before the form, so a fragment written as a title is a quotation
    there (news quotes nicknames and slogans: "described him as "Little Marco""); elsewhere
    a title is a term even beside a cue ("pushed for a "Grand Bargain", he said"). Without
    any sign, a short fragment (five words or fewer) is taken for a term, a longer one for a
    quotation."""
    if _NAMING.search(sentence):
        return True
    if reports_content(sentence):
        return False
    if report and _CHARACTERISED_AS.search(sentence) and not _title_case(content):
        return False  # pounding Trump as a "con artist": what someone called him
    if _title_case(content):
        return True
    if attributed and (reports_speech(sentence) or reports_speech(after)):
        return False
    return len(content.split()) <= 5


#: The sentence goes on after a quotation, in lowercase.
@cache
def _silence() -> re.Pattern[str]:
    """Narration that tells a listener kept silent or answered without words
    (``data/silence_phrases.txt``)."""
    phrases = sorted(read_lines("silence_phrases.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


_GOES_ON = re.compile(r"\s*[,;—–-]?\s*[a-z]")
_CLOSING_CUE = re.compile(r"[^\"“”]*,(?P<cue>[^,\"“”]{1,120}?)[.!?]?\s*$")


def _closing_cue(after: str, para: int, base: int) -> Cue | None:
    """The cue that closes the sentence of a quoted fragment after a comma ('"Boots on the
    ground" would be appropriate, Ben Carson said after the attacks.')."""
    match = _CLOSING_CUE.match(after)
    if match is None:
        return None
    cue = cue_after(match.group("cue"), para, base + match.start("cue"))
    comma = after.rfind(",", 0, match.start("cue") - 1)
    while cue is None and comma >= 0 and match.end("cue") - comma <= ATTRIBUTION_REACH:
        # An attribution that ends at a comma before a description of the speaker: "..."
        # that Sanders can win, said Steve Elmendorf, a Democratic strategist.
        found = cue_after(after[comma + 1 : match.end("cue")], para, base + comma + 1)
        if found is not None and not found.rest.strip():
            cue = found
        comma = after.rfind(",", 0, comma)
    return cue


#: A phrase opening a sentence before its subject, set off by a comma ("On Tuesday,", "Like
#: a lot of California supporters,"); no quotation inside it.
_OPENING_PHRASE = re.compile(r"[A-Z][^,.;:!?\"“”]{0,100}?,\s+")
#: A subject is followed by its verb (or an adverb), in lowercase, not by a conjunction.
_VERB_NEXT = re.compile(r"\s+(?!(?:and|or|nor)\b)[a-z]")


def _subject_after_opening(text: str, start: int, stop: int) -> re.Match[str] | None:
    """The person subject of a sentence's main clause after an opening phrase set off by a
    comma, followed by a word in lowercase (its verb): a name in a list ("By noon, New Haven
    and Albany") is none."""
    opening = _OPENING_PHRASE.match(text, start, stop)
    if opening is None:
        return None
    match = patterns()["subject"].match(text, opening.end(), stop)
    if match is None or not _subject_in_context(text, match):
        return None
    if not _VERB_NEXT.match(text, match.end(), stop):
        return None
    return match


#: How much text after a subject is read to tell a name from an ordinary word.
_NAME_CONTEXT = 40


def _subject_in_context(text: str, match: re.Match[str]) -> bool:
    """Whether the subject a pattern matched can speak, read with the words after it: a
    word in -ing opening a clause with its object ("Bemoaning the unrest,", "Doing so") looks
    like a name alone, not before its object (:func:`indexer.names.name_mentions`)."""
    spk = match.group("spk")
    if not is_speaker(spk):
        return False
    if speaker_name(spk)[0] is None or nominal().fullmatch(spk):
        return True  # a pronoun or a description
    start = match.start("spk")
    window = text[start : match.end("spk") + _NAME_CONTEXT]
    return any(m.start < len(spk) for m in name_mentions(window))


def _close(quotes: Sequence[FoundQuote], i: int, j: int) -> bool:
    """Whether quotations ``i`` and ``j`` are next to each other in an exchange: in
    different paragraphs at most ``TURN_GAP`` apart (whatever else those paragraphs hold)."""
    first, second = sorted((i, j))
    return 0 < quotes[second].marks[0].para - quotes[first].marks[-1].para <= TURN_GAP


class Attributor:
    """Settles speaker, addressees and date for every quotation of one document."""

    def __init__(self, paragraphs: Sequence[Paragraph], dates: Sequence[Sequence[DateMention]]):
        self.paragraphs = paragraphs
        self.dates = dates
        self.scene = Scene(paragraphs)
        #: The names each quotation calls out, by ``id`` of the quotation (one document's).
        self._called: dict[int, list[str]] = {}
        #: The sources a document that reports speech quotes (empty in any other document).
        self._sources: frozenset[str] = frozenset()
        #: The speaker of the lines whose cue says "I" (:mod:`indexer.narrator`).
        self._narrator = narrator.NARRATOR
        #: The narrator's relations the narration names, by noun (read when first needed).
        self._named_relations: dict[str, str] | None = None

    def attribute(self, quotes: list[FoundQuote]) -> list[Attributed]:
        inner_cues = join_split_quotes(self.paragraphs, quotes)
        self.scene.quoted = {span.para for quote in quotes for span in quote.marks}
        self.scene.marks = {}
        for quote in quotes:
            for span in quote.marks:
                self.scene.marks.setdefault(span.para, []).append((span.start, span.end))
        self._sources = frozenset()
        self._narrator = self._narrator_name(quotes)
        results = self._attribute_all(quotes, inner_cues)
        quoted = [r.found for r in results if not r.term]
        if len(quoted) < len(results) and (
            reports_speech_style(self.paragraphs, quoted)
            or stages_no_exchange(self.paragraphs, quoted)
        ):
            # A document that reports speech: read its fragments again, knowing its sources.
            self._sources = frozenset(
                r.speaker
                for r in results
                if r.speaker is not None and r.attribution.method in _NAMED_METHODS
            )
            results = self._attribute_all(quotes, inner_cues)
        same_source_goes_on(self.paragraphs, results)
        mend_broken_turns(
            results, self._dialogue_line, lambda item: self._called_out(item.found, None)
        )
        settle_turns_backwards(
            results, self._dialogue_line, lambda item: self._called_out(item.found, None)
        )
        fill_addressees(results, self._dialogue_line)
        return results

    def _attribute_all(
        self, quotes: list[FoundQuote], inner_cues: list[Cue | None]
    ) -> list[Attributed]:
        """Attribute every quotation in order (quotations split by a cue already joined)."""
        self.scene.speakers = set()
        self._called = {}
        results: list[Attributed] = []
        for i, quote in enumerate(quotes):
            prev_close = quotes[i - 1].marks[-1] if i else None
            following = quotes[i + 1] if i + 1 < len(quotes) else None
            next_open = following.marks[0] if following is not None else None
            results.append(
                self._one(quote, inner_cues[i], prev_close, next_open, results, following)
            )
            if results[-1].speaker is not None:
                self.scene.speakers.add(results[-1].speaker)
        return results

    def _one(
        self,
        quote: FoundQuote,
        inner: Cue | None,
        prev_close: Span | None,
        next_open: Span | None,
        earlier: list[Attributed],
        following: FoundQuote | None = None,
    ) -> Attributed:
        result = Attributed(quote)
        first, last = quote.marks[0], quote.marks[-1]
        cue: Cue | None = None
        method = "explicit"
        if quote.block_dash_line is not None:
            line = self.paragraphs[quote.block_dash_line].text
            at = dash_line_author(line) or 0
            mentions = list(name_mentions(line[at:]))
            if mentions:
                m = mentions[0]
                rest = line[at + m.end :]
                cue = Cue(m.name, quote.block_dash_line, at + m.start, line.strip(), rest, "")
                method = "dash-line"
        if cue is None and _SO_CALLED.search(self._line_before(first)):
            result.term = True  # the so-called "nuclear option"
            return result
        if cue is None:
            cue = inner or self._first_person_inside(quote)
        if cue is None and not self._ends_inline_sentence(quote):
            text = self.paragraphs[last.para].text
            stop = next_open.start if next_open and next_open.para == last.para else len(text)
            cue = cue_after(
                text[last.end : stop], last.para, last.end, punctuated=self._punctuated(quote)
            ) or narrator.cue_after(text[last.end : stop], last.para, last.end)
        if cue is None:
            cue = self._signature(last, next_open)  # "..." ― Karen Bobadilla
            method = "dash-line" if cue is not None else method
        if cue is None:
            text = self.paragraphs[first.para].text
            begin = prev_close.end if prev_close and prev_close.para == first.para else 0
            cue = (
                cue_before(text[begin : first.start], first.para, begin)
                or colon_source(text[begin : first.start], first.para, begin)
                or self._first_person_before(first, prev_close)
            )
            if cue is None and opens_paragraph(text, first.start) and first.para > 0:
                cue = self._cue_in_paragraph_before(first.para - 1, prev_close)
            elif cue is not None:
                cue = self._reported_by(last) or cue
        if cue is not None:
            self._settle_speaker(result, cue, method, earlier)
        else:
            self._without_cue(result, earlier, following)
        if not result.term and not result.addressees:
            result.addressees = self._addressees(result)
        result.date = self._date(quote, cue)
        return result

    def _first_person_inside(self, quote: FoundQuote) -> Cue | None:
        """A first-person cue between the parts of a split quotation (""I think," said I,
        "that..."")."""
        for close, opening in zip(quote.marks, quote.marks[1:], strict=False):
            if close.para == opening.para:
                text = self.paragraphs[close.para].text
                cue = narrator.cue_after(text[close.end : opening.start], close.para, close.end)
                if cue is not None:
                    return cue
        return None

    def _first_person_before(self, first: Span, prev_close: Span | None) -> Cue | None:
        """A first-person cue ending the narration before a quotation in its paragraph ("I
        answered him, "..."), read in the last ``FIRST_PERSON_REACH`` characters only."""
        text = self.paragraphs[first.para].text
        begin = prev_close.end if prev_close and prev_close.para == first.para else 0
        begin = max(begin, first.start - FIRST_PERSON_REACH)
        return narrator.cue_before(text[begin : first.start], first.para, begin)

    def _narrator_cue(
        self, quote: FoundQuote, prev_close: Span | None, next_open: Span | None
    ) -> Cue | None:
        """A first-person cue right after or right before a quotation in its paragraph."""
        last = quote.marks[-1]
        text = self.paragraphs[last.para].text
        stop = next_open.start if next_open and next_open.para == last.para else len(text)
        after = narrator.cue_after(text[last.end : min(stop, last.end + CUE_WINDOW)], 0, 0)
        return (
            after
            or self._first_person_inside(quote)
            or self._first_person_before(quote.marks[0], prev_close)
        )

    def _narrator_name(self, quotes: list[FoundQuote]) -> str:
        """Who speaks the lines whose cue says "I": the name the narration gives its "I" or
        the names called out in the lines next to the narrator's own
        (:func:`indexer.narrator.learn_name`), else :data:`~indexer.narrator.NARRATOR`."""
        lines = [
            i
            for i, quote in enumerate(quotes)
            if self._narrator_cue(
                quote,
                quotes[i - 1].marks[-1] if i else None,
                quotes[i + 1].marks[0] if i + 1 < len(quotes) else None,
            )
        ]
        if not lines:
            return narrator.NARRATOR

        def neighbours(i: int) -> list[int]:
            return [j for j in (i - 1, i + 1) if 0 <= j < len(quotes) and _close(quotes, i, j)]

        def called(i: int) -> list[str]:
            return self._people_in(quotes[i], vocatives=True, lists=False)

        named = narrator.self_named(self._narration_texts())
        found = narrator.learn_name(lines, called, neighbours, named)
        if found is None:
            return narrator.NARRATOR
        return self.scene.book.resolve(found, position(quotes[lines[0]].marks[0].para, 0))

    def _other_party(
        self, gender: str | None, quote: FoundQuote, earlier: list[Attributed]
    ) -> str | None:
        """Who he/she stands for when no person of that gender is known: the latest speaker
        of the exchange whose gender does not contradict it (many people are named without
        a gender the text gives away, "Holmes"), never the narrator, who is "I". On pdnc
        this fixed 18 speakers and broke 4."""
        for name in self.scene.participants(quote, earlier):
            known = self._gender_of_speaker(name)
            if name != self._narrator and (known is None or known == gender):
                return name
        return None

    def _gender_of_speaker(self, name: str) -> str | None:
        """The gender of a speaker: a description's by its noun ("my mother", "the boy"),
        else a name's (:meth:`~indexer.scene.Scene.gender_of`)."""
        described = nominal().fullmatch(name)
        if described:
            return person_nouns()[described.group("noun")].gender
        return self.scene.gender_of(name)

    def _relations(self) -> dict[str, str]:
        """The narrator's relations the narration names ("my brother Robert"), read once per
        document, when a cue first describes one."""
        if self._named_relations is None:
            self._named_relations = narrator.relations(
                self._narration_texts(), lambda noun: noun in person_nouns()
            )
        return self._named_relations

    def _narration_texts(self) -> list[str]:
        """The narration of every paragraph: its text with its quotations blanked out."""
        texts = []
        for index, para in enumerate(self.paragraphs):
            text = para.text
            for start, end in reversed(self.scene.marks.get(index, [])):
                text = text[:start] + " " * (end - start) + text[end:]
            texts.append(text)
        return texts

    def _reported_by(self, close: Span) -> Cue | None:
        """The outlet or person the sentence goes on to name with "according to" after a
        quotation its cue before introduced ('Francis said those who thought so should "look
        for a psychiatrist," according to Reuters.'): the news takes it for the source."""
        after = self._rest_of_sentence(close.para, close.end)
        if not _GOES_ON.match(after):
            return None
        return according_to(after, close.para, close.end)

    def _punctuated(self, quote: FoundQuote) -> bool:
        """Whether the quotation ends on its own punctuation, as a line of speech does."""
        part = quote.parts[-1]
        text = self.paragraphs[part.para].text[part.start : part.end].rstrip()
        return text[-1:] in _SPOKEN_END

    def _signature(self, close: Span, next_open: Span | None) -> Cue | None:
        """The author signed on a dash after a quotation, in its paragraph (up to the next
        quotation there: signed quotations may follow each other, "..." ― Ann Lee "..." ― Bo
        Diaz) or on the line under it (:func:`indexer.news.signature`)."""
        text = self.paragraphs[close.para].text
        same = next_open is not None and next_open.para == close.para
        rest = text[close.end : next_open.start if next_open is not None and same else None]
        if rest.strip(" .,"):
            return signature(rest, close.para, close.end)
        if not same and close.para + 1 < len(self.paragraphs):
            return signature(self.paragraphs[close.para + 1].text, close.para + 1, 0)
        return None

    def _line_before(self, mark: Span) -> str:
        text = self.paragraphs[mark.para].text
        return text[max(0, mark.start - 40) : mark.start]

    def _ends_inline_sentence(self, quote: FoundQuote) -> bool:
        """Whether a quotation that stands inside a sentence ends that sentence with its own
        period (called Trump "unhinged." Sen. Marco Rubio called...): what follows is the next
        sentence, whose subject is no cue of this quotation."""
        first, last = quote.marks[0], quote.marks[-1]
        if first.para != last.para:
            return False
        text = self.paragraphs[first.para].text
        before = text[max(0, first.start - 2) : first.start].rstrip()
        if not before or not (before[-1].isalnum() or before[-1] in "’'"):
            return False
        if not text[max(0, last.end - 4) : last.end].rstrip("'’\"” ").endswith("."):
            return False
        return bool(_NEXT_SENTENCE.match(text, last.end))

    def _cue_in_paragraph_before(self, para: int, prev_close: Span | None) -> Cue | None:
        """A cue ending the paragraph before a quotation that opens its own: narration that
        breaks off on a colon or a comma ("Then Freddy said:")."""
        text = self.paragraphs[para].text
        begin = prev_close.end if prev_close and prev_close.para == para else 0
        if not _LEADS_ON.search(text, begin):
            if prev_close is not None and prev_close.para == para:
                return None
            # A paragraph of narration closing on a short sentence in which someone takes
            # the floor ("Mrs Musgrove interposed.", "Mr. Collins began.").
            tail, offset = sentence_tail(text[max(0, len(text) - CUE_WINDOW) :].rstrip())
            offset += max(0, len(text) - CUE_WINDOW)
            match = patterns()["closing_name_verb"].match(tail)
            if not match:
                # The last clause of the sentence: "A short pause followed this speech, and
                # Mrs. Hurst began again."
                clauses = list(_CLAUSE_BREAK.finditer(tail))
                if clauses:
                    offset += clauses[-1].end()
                    tail = tail[clauses[-1].end() :]
                    match = patterns()["closing_name_verb"].match(tail)
            if not match or not is_speaker(match.group("spk")):
                return trailing_attribution(text, para)
            if _NEGATION.search(match.group("rest")):
                return None  # "Elizabeth said nothing."
            return cue_from_match(match, para, offset)
        return cue_before(text[begin:], para, begin) or colon_source(text[begin:], para, begin)

    def _settle_speaker(
        self, result: Attributed, cue: Cue, method: str, earlier: list[Attributed]
    ) -> None:
        where = position(cue.para, cue.offset)
        name, _title = speaker_name(cue.speaker)
        described = nominal().fullmatch(cue.speaker)
        identified = identified_description(cue) if described else None
        if cue.organisation:  # "according to CNN": the outlet as written
            result.speaker = cue.speaker
            result.attribution = Attribution(method, cue.text, 0.7)
        elif narrator.is_narrator(cue):  # "said I"
            result.speaker = self._narrator
            result.attribution = Attribution("narrator", cue.text, 0.8)
        elif identified:
            result.speaker = identified
            result.attribution = Attribution("description", cue.text, 0.5)
        elif described and narrator.is_relation(cue.speaker):  # "said my uncle"
            noun = described.group("noun")
            result.speaker = narrator.relation_speaker(cue.speaker, self._relations(), noun)
            result.attribution = Attribution("description", cue.text, 0.5)
        elif described:
            called = self._called_out(result.found, None)
            resolved = self.scene.described(described, where, result.found, earlier, called)
            result.speaker = resolved
            result.attribution = Attribution("description", cue.text, 0.5 if resolved else 0.2)
        elif name is None:
            gender = pronouns().get(cue.speaker.lower())
            called = self._called_out(result.found, None)
            resolved = self.scene.antecedent(where, gender, result.found, earlier, called)
            if resolved is None:
                resolved = self._other_party(gender, result.found, earlier)
            if resolved is None:
                result.attribution = Attribution("pronoun", cue.text, 0.2)
                return
            result.speaker = resolved
            result.attribution = Attribution("pronoun", cue.text, 0.6)
        else:
            resolved = self.scene.book.resolve(name, where, title_gender(_title), _title)
            full = with_title(resolved, name, _title)
            result.speaker = full
            if resolved != name and method == "explicit":
                method = "alias"
            result.attribution = Attribution(method, cue.text, 0.9 if method != "alias" else 0.8)
        result.addressees = [
            self.scene.book.resolve(n, where)
            for n in addressees_in(cue.rest, cue.verb)
            if self.scene.book.resolve(n, where) != result.speaker
        ]
        if not result.addressees and narrator.addresses_narrator(cue):  # "said he to me"
            result.addressees = [self._narrator]

    def _without_cue(
        self, result: Attributed, earlier: list[Attributed], following: FoundQuote | None = None
    ) -> None:
        quote = result.found
        first = quote.marks[0]
        text = self.paragraphs[first.para].text
        lo = max(0, first.start - CUE_WINDOW)
        before = text[lo : first.start].rstrip()
        content = " ".join(self.paragraphs[p.para].text[p.start : p.end] for p in quote.parts)
        inline = bool(before) and (before[-1].isalnum() or before[-1] in "’'")
        if inline and len(quote.parts) == 1:
            sentence, offset = sentence_tail(before)
            cue = self._partial_quote_cue(sentence, first.para, lo + offset)
            if cue is not None:  # a partial quotation: what X called "a brazen breach"
                self._settle_speaker(result, cue, "explicit", earlier)
                return
            close = quote.marks[-1]
            after = self._rest_of_sentence(close.para, close.end)
            cue = subject_cue(sentence, first.para, lo + offset, speech_acts())
            if cue is None:  # "...” about the decision, said RoseAnn DeMoro.
                cue = _closing_cue(after, close.para, close.end)
            if not quote.nested and _a_term(
                sentence, content, after, cue is not None, bool(self._sources)
            ):
                cue = self._source_named(sentence, content, first.para, lo + offset)
                if cue is None:
                    result.term = True  # a scare quote, a title, a word as a word
                    return
            if cue is None:  # The senator described the plan as "a costly mistake"
                cue = subject_cue(sentence, first.para, lo + offset, content_verbs())
            if cue is not None:  # Trump blasted Disney for its "outrageous practices"
                self._settle_speaker(result, cue, "explicit", earlier)
                return
        if len(quote.parts) == 1:  # "Boots on the ground" would be appropriate, Carson said.
            close = quote.marks[-1]
            after = self._rest_of_sentence(close.para, close.end)
            cue = _closing_cue(after, close.para, close.end) if _GOES_ON.match(after) else None
            if cue is not None:
                self._settle_speaker(result, cue, "explicit", earlier)
                return
        previous = next((e for e in reversed(earlier) if not e.term), None)
        if previous is not None and previous.found.marks[-1].para == first.para:
            if previous.speaker is not None:
                result.speaker = previous.speaker
                result.attribution = Attribution("continuation", previous.attribution.cue, 0.6)
            return
        cue = trailing_attribution(before, first.para, lo) if before else None
        if cue is not None:  # "...over Syria, Schiff said. "The other factor..."
            self._settle_speaker(result, cue, "explicit", earlier)
            return
        if before:
            # Narration opens the paragraph: not a bare line of dialogue, but the person it
            # is about speaks ("Sissy resumed in a lower voice. "...").
            self._narration(result, earlier, self._subject_before(first.para, first.start))
            return
        conversation = self.scene.conversation(quote, earlier)
        if previous is not None and conversation and conversation[0] is previous:
            speaker = self._next_turn(quote, previous, conversation, following)
            if speaker is not None:
                result.speaker = speaker
                result.attribution = Attribution("turn-taking", None, 0.5)
                return
        last = quote.marks[-1]
        self._narration(result, earlier, self._subject_after(last.para, last.end))

    def _source_named(self, sentence: str, content: str, para: int, offset: int) -> Cue | None:
        """A fragment with no sign of speech about it, in a document that reports speech
        (news), is a partial quotation of a source the document quotes elsewhere when its
        sentence names that source before it ("Trump's assertion that "thousands"
        celebrated"): news sets off words in quote marks to quote them. A naming
        ("so-called") or a title stays a term. ``sentence`` is the sentence up to the
        fragment; the last source it names is the speaker."""
        if not self._sources or _NAMING.search(sentence) or _title_case(content):
            return None
        where = position(para, offset)
        found = None
        for mention in name_mentions(sentence):
            if self.scene.book.resolve(mention.name, where + mention.start) in self._sources:
                found = Cue(mention.name, para, offset + mention.start, sentence.strip(), "", "")
        return found

    def _next_turn(
        self,
        quote: FoundQuote,
        previous: Attributed,
        conversation: list[Attributed],
        following: FoundQuote | None = None,
    ) -> str | None:
        """Who speaks a bare line of dialogue that answers ``previous``: the one ``previous``
        called by name ("Mr. Mahmoud Ali, how are you?" is answered by Mahmoud Ali), else the
        speaker two, four or six turns back (turns alternate), else, when ``previous`` has a
        speaker, the other party of the exchange (its latest other speaker) or the person
        the narration of the scene last named. Never the one who spoke last, nor anyone
        this line names, called out or talked about (on pdnc, 59 of 10,924 lines without a
        cue name their own speaker); except that the one who spoke last goes on when the
        narration between the two lines tells the listener kept silent or answered without
        words (:meth:`_silence_between`: "Elinor could only smile.", "He made no answer.").

        The line that answers this one (``following``) tells too: the one it calls by name
        ("Thank you, Dr. Aziz") is often this line's speaker. It goes before the other party
        and the narration, and before the alternation when the one it names is present
        (:meth:`_present`; on pdnc, a name new to the scene is more often someone talked
        about than the speaker).

        The one called must be a person who may speak (:meth:`_a_person`): words of address
        and exclamations that read as names ("Hullo", "Madam", "Huzoor", a pet name the
        text never explains) are no one to hand the turn to."""
        last = previous.speaker
        called = set(self._named_in(quote))
        if last is not None and last not in called and self._silence_between(previous, quote):
            return last
        vocative = self._called_out(previous.found, last)
        answers = vocative[0] if last is not None and vocative else None
        if answers is not None and answers not in called and self._a_person(answers):
            return answers
        answered = self._called_next(quote, following) if last is not None else None
        if answered in called or answered == last:
            answered = None
        if len(conversation) >= 2:
            speaker = next((c.speaker for c in conversation[1:6:2] if c.speaker), None)
            if speaker is not None and speaker != last and speaker not in called:
                if answered is not None and self._present(answered, quote, conversation):
                    return answered
                return speaker
        if last is None:
            return None
        if answered is not None:
            return answered
        for item in conversation[1:]:
            if item.speaker and item.speaker != last and item.speaker not in called:
                return item.speaker
        # One speaker known so far: the other party is the one the narration before the
        # exchange names last ("Mr. Collins ... complimented Mrs. Bennet").
        opening = conversation[-1].found.marks[0] if conversation else quote.marks[0]
        for name in self.scene.named_in_narration(opening.para, opening.start, SCENE_NARRATION):
            if name != last and name not in called and self._a_person(name):
                return name
        return None

    def _silence_between(self, previous: Attributed, quote: FoundQuote) -> bool:
        """Whether the narration between two lines of dialogue tells that the listener kept
        silent or answered without words ("Elinor could only smile.", "She nodded."): then
        the one who spoke before goes on, rather than the turn passing."""
        paras = range(previous.found.marks[-1].para + 1, quote.marks[0].para)
        return any(_silence().search(self.paragraphs[p].text.lower()) for p in paras)

    def _present(self, name: str, quote: FoundQuote, conversation: list[Attributed]) -> bool:
        """Whether a person is present at a line of dialogue: one who has spoken in its
        exchange, or whom the narration of the ``SCENE_NARRATION`` paragraphs before it
        names."""
        if any(item.speaker == name for item in conversation):
            return True
        first = quote.marks[0]
        return name in self.scene.named_in_narration(first.para, first.start, SCENE_NARRATION)

    def _called_next(self, quote: FoundQuote, following: FoundQuote | None) -> str | None:
        """The first person called by name in the line that answers a bare line: the next
        quotation, opening a paragraph of its own at most ``TURN_GAP`` paragraphs on."""
        if following is None:
            return None
        first = following.marks[0]
        gap = first.para - quote.marks[-1].para
        if not 0 < gap <= TURN_GAP or self.paragraphs[first.para].text[: first.start].strip():
            return None
        called = self._called_out(following, None)
        return called[0] if called else None

    def _a_person(self, name: str) -> bool:
        """Whether a name the narration gives is a person who may speak, not a place: one who
        has spoken already, or one whose gender is known (from a title, a first name or the
        document)."""
        if not self.scene.is_person(name):
            return False
        return name in self.scene.speakers or self.scene.gender_of(name) is not None

    def _called_out(self, quote: FoundQuote, speaker: str | None) -> list[str]:
        """The persons a quotation calls by name ("Mr. Bennet, how can you"), other than
        ``speaker``, in order."""
        known = self._called.get(id(quote))
        if known is None:
            known = self._people_in(quote, vocatives=True)
            self._called[id(quote)] = known
        return [name for name in known if name != speaker]

    def _named_in(self, quote: FoundQuote) -> list[str]:
        """The persons a quotation names, called out or talked about ("Has Mahmoud Ali eaten
        all the food?"), each once, in order (read only for bare lines: resolving every
        name in every quotation would cost time)."""
        return self._people_in(quote, vocatives=False)

    def _people_in(self, quote: FoundQuote, vocatives: bool, lists: bool = True) -> list[str]:
        """The persons a quotation names (``vocatives``: calls out), in order; without
        ``lists``, not a name in a list ("Tom, Dick, and Harry")."""
        names: list[str] = []
        for part in quote.parts:
            text = self.paragraphs[part.para].text
            for mention in self.scene.mentions[part.para]:
                if not part.start <= mention.start < part.end:
                    continue
                if vocatives and not _vocative(text, mention, part.start, part.end):
                    continue
                if not lists and narrator.in_list(text, mention.start, mention.end):
                    continue
                where = position(part.para, mention.start)
                name = self.scene.book.resolve(
                    mention.name, where, title_gender(mention.title), mention.title
                )
                name = with_title(name, mention.name, mention.title)
                before = text[part.start : mention.start]
                if (
                    name not in names
                    and _person(mention, name, before)
                    and self.scene.is_person(name)
                ):
                    names.append(name)
        return names

    def _rest_of_sentence(self, para: int, start: int) -> str:
        """The rest of the sentence after a quotation (at most CUE_WINDOW characters)."""
        text = self.paragraphs[para].text
        rest = text[start : start + CUE_WINDOW]
        end = patterns()["sentence_end"].search(rest)
        return rest[: end.end()] if end else rest

    def _narration(self, result: Attributed, earlier: list[Attributed], cue: Cue | None) -> None:
        """Settle the speaker on the subject of the narration next to a quotation, if any."""
        if cue is None:
            return
        self._settle_speaker(result, cue, "explicit", earlier)
        if result.speaker is None:
            result.attribution = Attribution("none")
        else:
            result.attribution = Attribution("narration", cue.text, 0.4)

    def _subject_before(self, para: int, end: int) -> Cue | None:
        """The person subject of the last sentence before ``end`` in the paragraph that has
        one (looking back at most CUE_WINDOW characters)."""
        text = self.paragraphs[para].text
        lo = max(0, end - CUE_WINDOW)
        ends = patterns()["sentence_end"].finditer(text, lo, end)
        starts = [lo] + [m.end() for m in ends]
        for start in reversed(starts):
            cue = self._subject_at(text, para, start, end)
            if cue is not None:
                return cue
        return None

    def _subject_after(self, para: int, start: int) -> Cue | None:
        """The person subject of the sentence right after a quotation, when narration follows
        it in its paragraph ("...". Elizabeth coloured.)."""
        text = self.paragraphs[para].text
        mark = _QUOTE_MARK.search(text, start, start + CUE_WINDOW)
        stop = mark.start() if mark else min(len(text), start + CUE_WINDOW)
        head = _LEADING_PUNCT.match(text, start, stop)
        offset = head.end() if head else start
        if offset >= stop or not text[offset].isupper():
            return None  # a sentence going on in lowercase is a cue, or no narration at all
        return self._subject_at(text, para, offset, stop)

    def _subject_at(self, text: str, para: int, start: int, stop: int) -> Cue | None:
        """The person whose name opens the sentence at ``start``, or opens its main clause
        after an opening phrase set off by a comma ("On Tuesday, Gov. Jerry Brown endorsed
        her", "In 2014, Pew found that")."""
        match = patterns()["subject"].match(text, start, stop)
        if not match or not _subject_in_context(text, match):
            match = _subject_after_opening(text, start, stop)
        if match is None:
            return None
        sentence = sentence_head(text[start:stop])
        return Cue(match.group("spk"), para, match.start("spk"), sentence.strip(), "", "")

    def _partial_quote_cue(self, sentence: str, para: int, offset: int) -> Cue | None:
        """The speaker of a quoted fragment inside a sentence that reports speech: the last
        name or pronoun before a reporting verb in the sentence before the fragment."""
        cue = None
        for match in patterns()["name_verb"].finditer(sentence):
            if is_speaker(match.group("spk")):
                cue = cue_from_match(match, para, offset)
        return cue

    def _addressees(self, result: Attributed) -> list[str]:
        """Whom a quotation addresses by name: the first name called out in it
        (``"Mr. Bennet, how..."``). The other party of an exchange is given once every
        speaker is settled (:func:`~indexer.exchange.fill_addressees`)."""
        return self._called_out(result.found, result.speaker)[:1]

    def _dialogue_line(self, result: Attributed) -> bool:
        """Whether a quotation is a line of dialogue: it opens its paragraph, or at most a
        short clause of narration stands before it there ("Mrs. Bennet answered most
        readily, "..."), not a paragraph of narration quoting someone."""
        first = result.found.marks[0]
        text = self.paragraphs[first.para].text
        return len(text[: first.start].strip()) < DIALOGUE_LEAD

    def _date(self, quote: FoundQuote, cue: Cue | None) -> PartialDate | None:
        if quote.block_dash_line is not None:
            found = self.dates[quote.block_dash_line]
            if found:
                return found[0].date
        if cue is not None:
            window = (cue.offset, cue.offset + len(cue.text) + 80)
            for mention in self.dates[cue.para]:
                if window[0] <= mention.start < window[1]:
                    return mention.date
        first = quote.parts[0]
        for index in range(first.para, max(-1, first.para - DATE_LOOKBACK - 1), -1):
            mentions = self.dates[index]
            if index == first.para:
                mentions = [m for m in mentions if m.start < first.start]
            if mentions:
                return mentions[-1].date
        return None
