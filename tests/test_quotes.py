"""Quotation finding on small texts: marks, apostrophes, nesting, paragraphs, block quotations."""

from __future__ import annotations

import hashlib

import pytest

from indexer.pipeline import extract
from indexer.records import Document, Extraction


def run(text: str) -> Extraction:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return extract(Document("t.txt", "t.txt", None, text, digest))


def quotes(text: str) -> list[list[str]]:
    """The parts of every quotation (not terms) found in ``text``."""
    return [[p.text for p in q.parts] for q in run(text).quotes if q.kind == "quotation"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said, "We will win." Then he left.', [["We will win."]]),
        ("He said, “We will win.” Then he left.", [["We will win."]]),
        # British single-quote dialogue: apostrophes inside are not closing marks.
        (
            "‘I’m goin’ home,’ said Tom.\n\n‘Give ’em the Smiths’ dog,’ said Ann.\n\n"
            "‘It’s late,’ said Tom.",
            [["I’m goin’ home,"], ["Give ’em the Smiths’ dog,"], ["It’s late,"]],
        ),
        # A quotation running on over two paragraphs: the first has no closing mark.
        (
            '"It began long ago.\n\n"And it ended today," she said.',
            [["It began long ago.", "And it ended today,"]],
        ),
        # Nested quotation of the other mark.
        ("\"He told me 'never' twice,\" said Ann.", [["He told me 'never' twice,"]]),
        # An opening curly mark typed where the quotation closes.
        ("“We will win this,“ said Ann Lee. Then she left.", [["We will win this,"]]),
        # Negative: an opening curly mark between a comma and a space of its own opens.
        ("He said, “ We will win.” Then he left.", [["We will win."]]),
        # Negative: no marks, no quotation.
        ("Nothing here is quoted at all.", []),
        # Negative: apostrophes alone open nothing.
        ("The Smiths' dog and the Joneses' cat didn't bark.", []),
    ],
)
def test_quote_parts(text: str, expected: list[list[str]]) -> None:
    assert quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Split by its attribution, mid-sentence and at a sentence end.
        ('"Do not," said his host, "be late."', [["Do not,", "be late."]]),
        (
            '"Do not apologize," said his host. "You are late."',
            [["Do not apologize,", "You are late."]],
        ),
        ('"Oh!" cried Ann, "how kind."', [["Oh!", "how kind."]]),
        # A question or an exclamation goes on in the same turn after its attribution.
        ('"Why?" he asked. "Tell me."', [["Why?", "Tell me."]]),
        (
            '"Lord!" said Mr. Marvel, looking about him. "Names and all."',
            [["Lord!", "Names and all."]],
        ),
        # Negative: the next quotation has an attribution of its own.
        (
            '"It fails," said Ann Preble, of the Institute. "This is wrong," she said.',
            [["It fails,"], ["This is wrong,"]],
        ),
        # A finished sentence after the second part is narration, not its own attribution.
        (
            '"It fails," she said. "We feel good." She noted a rally in Ohio.',
            [["It fails,", "We feel good."]],
        ),
        # Negative: a question, then narration without a reporting verb.
        ('"Why?" The door closed. "Goodbye."', [["Why?"], ["Goodbye."]]),
        # Negative: a finished statement, then narration without a reporting verb.
        ('"I am done." The door closed. "Goodbye."', [["I am done."], ["Goodbye."]]),
        # Negative: the gap runs on into a clause the next quotation stands inside.
        (
            '"Wait," said Joe Biden, urging them to "give him all the time he needs."',
            [["Wait,"], ["give him all the time he needs."]],
        ),
        (
            '"We need change," Ann said, adding that it was "a failure from the very start."',
            [["We need change,"], ["a failure from the very start."]],
        ),
        (
            '"It is late," she said on the radio\'s "talk of the morning hour."',
            [["It is late,"], ["talk of the morning hour."]],
        ),
        # A title quoted inside the attribution: the parts around it are joined over it.
        (
            '"It is late," she said on NBC\'s "Today Show." "We must go home now."',
            [["It is late,", "We must go home now."], ["Today Show."]],
        ),
        # Negative: a finished statement before the title.
        (
            '"It is late." She watched NBC\'s "Today Show." "We must go home now."',
            [["It is late."], ["We must go home now."]],
        ),
        # A conjunction or the speaker's name before the next part: one quotation resumed.
        (
            '"This deal must hold," she said, and "clear consequences must follow."',
            [["This deal must hold,", "clear consequences must follow."]],
        ),
        ('"I see," said he gravely "you are late."', [["I see,", "you are late."]]),
        # A part opening in lowercase goes on with the sentence before the cue, even when
        # an attribution of its own follows it.
        (
            '"The truth is," said Tom Hale, "that we never met," he added. "Ask her."',
            [["The truth is,", "that we never met,", "Ask her."]],
        ),
        # Negative: a part opening a new sentence, with its own attribution, is a new one.
        (
            '"The truth is," said Tom Hale. "We never met," he added. "Ask her."',
            [["The truth is,"], ["We never met,", "Ask her."]],
        ),
        # A broken-off part resumes after its cue and a sentence of narration.
        (
            '"So it is," said Ann Hale, hiding her vexation. She was tired of it. "Tom is odd."',
            [["So it is,", "Tom is odd."]],
        ),
        ('"Stop!" cried Ann. She seized his arm. "You will fall."', [["Stop!", "You will fall."]]),
        # Negative: the narration leads into a new quotation with a reporting verb.
        (
            '"So it is," said Ann Hale. After a pause she added, "Tom is odd."',
            [["So it is,"], ["Tom is odd."]],
        ),
        # Negative: a finished statement before the cue, or narration without a cue first.
        (
            '"So it is." said Ann Hale. She was tired of it. "Tom is odd."',
            [["So it is."], ["Tom is odd."]],
        ),
        (
            '"So it is," The rain fell. She was tired of it. "Tom is odd."',
            [["So it is,"], ["Tom is odd."]],
        ),
        # Negative: someone else's reporting verb in the gap leads into the next part.
        (
            '"It is late," said Ann Hale; and Mrs. Lee murmured: "Not at all."',
            [["It is late,"], ["Not at all."]],
        ),
        (
            '"It is late," called Ann Hale, while Tom Reyes said, "Not at all."',
            [["It is late,"], ["Not at all."]],
        ),
        # The same speaker, or a person in a clause of time, does not part them.
        (
            '"It is late," said Ann Hale; and she added: "Not at all."',
            [["It is late,", "Not at all."]],
        ),
        (
            '"It is late," said Tom Reyes, when Ann Hale had read the note, "and we go."',
            [["It is late,", "and we go."]],
        ),
    ],
)
def test_split_quotations_joined(text: str, expected: list[list[str]]) -> None:
    assert quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ('The so-called "experts" were wrong again.', True),
        ('They watched "Casablanca" on the train.', True),
        # Negative: a quoted fragment in a sentence that reports speech is a quotation.
        ('Ban Ki-moon said it was a "brazen breach" of the rules.', False),
        # A fragment in a clause that reports what was said, whoever said it.
        ('The agency said the rules were "badly broken" last year.', False),
        ('The board described the plan as "a costly mistake" in its report.', False),
        # Negative: naming, not reporting.
        ('The back room was called "the den" by everyone.', True),
    ],
)
def test_terms(text: str, term: bool) -> None:
    found = run(text).quotes
    assert len(found) == 1
    assert (found[0].kind == "term") is term
    if term:
        assert found[0].speaker is None


def test_block_quotation_with_dash_line() -> None:
    text = (
        "Our relations are like a bridge in war-time, and we rebuild it brick by brick.\n\n"
        "—Fidel Castro to a visitor, April 1963\n"
    )
    found = run(text).quotes
    assert len(found) == 1
    assert found[0].speaker == "Fidel Castro"
    assert found[0].attribution.method == "dash-line"


def test_offsets_slice_back_to_the_source() -> None:
    text = '"First part," said Ann, "second\npart."\n\n‘Single,’ said Tom.'
    for quote in run(text).quotes:
        for part in quote.parts:
            assert " ".join(text[part.start : part.end].split()) == part.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Marks around attribute values of a markup tag open no quotation.
        ('Ann wrote:\n\n<post id="123" author="@ann">We won.</post>', []),
        ('See <a href="http://example.org/x">the page</a> for more.', []),
        # A tag left open at the end of its paragraph.
        ('<post author="@ann" date="', []),
        # Negative: a quotation inside the tagged text is still one.
        (
            '<post author="@ann">He said "we will win" today.</post> Then "we lost," she said.',
            [["we will win"], ["we lost,"]],
        ),
        # Negative: a comparison sign is no tag.
        ('If a < b then "it holds," she said.', [["it holds,"]]),
    ],
)
def test_marks_inside_markup_tags(text: str, expected: list[list[str]]) -> None:
    assert quotes(text) == expected


#: A report: most of its quotations are fragments inside sentences.
_REPORT = (
    'Ann Lee called the plan "a costly mistake" on Monday.\n\n'
    'Tom Reyes described the vote as "a fair fight" in Ohio.\n\n'
    'The mayor said the budget was "out of control" again.\n\n'
)


def test_report_fragments_in_one_sentence_stay_apart() -> None:
    # In a report, a fragment inside a sentence and the next one are two partial quotations.
    text = _REPORT + 'He called it "shameful" and called on leaders "not to feed that impulse."\n'
    assert quotes(text)[-2:] == [["shameful"], ["not to feed that impulse."]]


def test_report_quotation_split_by_its_cue_is_joined() -> None:
    # Negative: a quotation that opens its sentence still resumes after its cue.
    text = _REPORT + '"We will win," Ann Lee said, "and soon."\n'
    assert quotes(text)[-1] == ["We will win,", "and soon."]


def test_story_fragment_resumed_after_its_cue() -> None:
    # Negative: outside a report, the fragment resumes after its cue as before.
    text = 'He called it "shameful" and called on leaders "not to feed that impulse."\n'
    assert quotes(text) == [["shameful", "not to feed that impulse."]]


def test_report_adding_a_second_remark_starts_a_new_quotation() -> None:
    # In a report, a cue that goes on to a second remark ("she said, adding,") ends one.
    text = _REPORT + '"We are not with them," she said, adding, "They are welcome."\n'
    assert quotes(text)[-2:] == [["We are not with them,"], ["They are welcome."]]


def test_story_adding_still_resumes() -> None:
    # Negative: outside a report the cue still interrupts one quotation.
    text = '"We are not with them," she said, adding, "They are welcome."\n'
    assert quotes(text) == [["We are not with them,", "They are welcome."]]


def test_title_after_a_cue_is_no_resumed_part() -> None:
    # A title glued to the cue's verb is no part of the quotation it follows.
    text = '"He is fair game," Ann Lee told "Fox and Friends," laughing.\n'
    assert quotes(text) == [["He is fair game,"], ["Fox and Friends,"]]


def test_report_keeps_apart_a_quotation_after_its_cue_and_narration() -> None:
    # In a report, narration after a cue turns to other people: the next quotation is new.
    text = _REPORT + '"We lost," Ann Lee said. Her rival left early. "We will be back."\n'
    assert quotes(text)[-2:] == [["We lost,"], ["We will be back."]]
