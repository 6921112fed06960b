"""News attribution: a paragraph of reported speech closed by its source."""

from __future__ import annotations

import hashlib
import re

import pytest

from indexer.cues import (
    according_to,
    cue_after,
    cue_before,
    sentence_tail,
    speech_acts,
    subject_cue,
)
from indexer.fragments import content_verbs
from indexer.news import colon_source, signature, trailing_attribution
from indexer.pipeline import extract
from indexer.records import Document


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The plan may fail before the vote, Adam Schiff said.", "Adam Schiff"),
        ("The plan may fail, said Larry Noble, an attorney with the center.", "Larry Noble"),
        ("It was a hard year for the town, she said on Tuesday.", "she"),
        # Negative: no attribution closes the sentence.
        ("The plan may fail, and the vote may come late.", None),
        ("Adam Schiff said the plan may fail.", None),
        # Negative: the paragraph does not end on a finished sentence.
        ("The plan may fail, Adam Schiff said:", None),
    ],
)
def test_trailing_attribution(text: str, speaker: str | None) -> None:
    cue = trailing_attribution(text, 0)
    assert (cue.speaker if cue else None) == speaker
    if cue is not None:
        assert text[cue.offset :].startswith(speaker or "")


def _speakers(text: str) -> list[str | None]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = extract(Document("t.txt", "t.txt", None, text, digest)).quotes
    return [q.speaker for q in found if q.kind == "quotation"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # The quotation after a sentence closed by its source goes on with that source.
        (
            'The vote may come late, Adam Schiff said. "The other factor is the calendar."',
            ["Adam Schiff"],
        ),
        (
            'Lawmakers met.\n\nThe vote may come late, Adam Schiff said.\n\n"It is the calendar."',
            ["Adam Schiff"],
        ),
        # Negative: narration without an attribution names no source.
        ('The vote may come late this year. "The other factor is the calendar."', [None]),
    ],
)
def test_quotation_after_attributed_paragraph(text: str, speakers: list[str | None]) -> None:
    assert _speakers(text) == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (" ― Karen Bobadilla", "Karen Bobadilla"),
        ("- Clinton.", "Clinton"),
        ("-President Obama, tweeting after the speech.", "Obama"),
        # Negative: a dash that goes on with narration, or with no name after it.
        ("--Mr. Weston came in.", None),
        (" -- and then she left.", None),
        ("", None),
    ],
)
def test_signature(text: str, speaker: str | None) -> None:
    cue = signature(text, 0, 0)
    assert (cue.speaker if cue else None) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("POLLS WERE EARLY - Mark Blumenthal and Jon Cohen: ", "Jon Cohen"),
        ("The interplay matters - Philip Bump: ", "Philip Bump"),
        ("In response, Senator Ann Lee issued the following statement: ", "Senator Ann Lee"),
        # A label after the previous quotation of its paragraph (the text starts on a space).
        (" Bo Diaz: ", "Bo Diaz"),
        (" The motto of the day: ", None),
        # Negative: no name alone before the colon, a reporting verb (read elsewhere), a
        # salutation.
        ("He had three things to say: ", None),
        ("The menu read as follows: ", None),
        ("Dear Sir: ", None),
        ("The interplay matters - Philip Bump.", None),
        # The person named right before the colon that ends the sentence.
        ("The timing does not surprise pollster Dan Shaw: ", "Dan Shaw"),
        ("More on the polls from Bo Diaz: ", "Bo Diaz"),
        # Negative: the one spoken to or about; a word that labels a caption.
        ("A message to Ann Lee: ", None),
        ("She looked up at the Window: ", None),
    ],
)
def test_colon_source(text: str, speaker: str | None) -> None:
    cue = colon_source(text, 0, 0)
    assert (cue.speaker if cue else None) == speaker


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ('"We will not back down," Ann Lee fumed on Tuesday.', ["Ann Lee"]),
        ('"Would it be negotiable?" Bo Diaz pressed.', ["Bo Diaz"]),
        ('"It was never about the money," Cy Ray points out.', ["Cy Ray"]),
        ('Ann Lee: "We will win." Bo Diaz: "We will not."', ["Ann Lee", "Bo Diaz"]),
        # The period of an abbreviated title ends no sentence ("Del.", "Sens.").
        ('"We will win," said Del. Ann Lee, a delegate.', ["Ann Lee"]),
        ('"We will win," said Sens. Ann Lee and Bo Diaz.', ["Ann Lee"]),
        # Negative: a period after a name ends its sentence.
        ('"We will win," said Ann Lee. Bo Diaz sat down.', ["Ann Lee"]),
    ],
)
def test_more_news_cues(text: str, speakers: list[str | None]) -> None:
    assert _speakers(text) == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # The one the sentence says reported the speech is its source, a person or an
        # organisation named as written (an acronym, words joined by "of", "and", "for").
        ('"We will win," Ann Lee said, according to CNN.', ["CNN"]),
        ('"We will win," Ann Lee said, according to Bo Diaz.', ["Bo Diaz"]),
        (
            'According to The Daily Ledger, Ann Lee said the plan was "a grave mistake."',
            ["The Daily Ledger"],
        ),
        (
            'Ann Lee said the plan was "a grave and costly mistake," according to the Office'
            " of Budget and Management.",
            ["the Office of Budget and Management"],
        ),
        # Negative: "according to" inside the quotation; none in the sentence.
        ('Ann Lee said, "It all went according to The Plan."', ["Ann Lee"]),
        ('"We will win," Ann Lee said. According to CNN, the race is close.', ["Ann Lee"]),
    ],
)
def test_according_to_names_the_source(text: str, speakers: list[str | None]) -> None:
    assert _speakers(text) == speakers


def test_according_to_inside_a_quotation_names_no_source() -> None:
    assert according_to('Ann Lee said "it went according to The Plan', 0, 0) is None
    assert according_to("Ann Lee said “it went according to The Plan", 0, 0) is None
    cue = according_to("Ann Lee said so, according to the Office of Budget", 0, 0)
    assert cue is not None and cue.organisation and cue.speaker == "the Office of Budget"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ('"We will win this state in the fall."\n\n- Ann Lee, Ohio.', ["Ann Lee"]),
        ('"We will win this state in the fall." ― Ann Lee', ["Ann Lee"]),
        # Signed quotations following each other in one paragraph: each is signed up to
        # the next quotation.
        (
            '"We will win this state in the fall." ― Ann Lee\n"The fight is not over yet."― Bo'
            ' Diaz\n"Nobody expected this result."\u2015 Cy Ray.',
            ["Ann Lee", "Bo Diaz", "Cy Ray"],
        ),
        # Negative: a dash that goes on with narration signs nothing, even before a quotation.
        ('"We will win." ― and the crowd cheered. "Not yet," Ann Lee said.', [None, "Ann Lee"]),
        ('POLLS WERE EARLY - Philip Bump: "The polls closed early in the week."', ["Philip Bump"]),
        # Negative: narration after the dash.
        ('"We will win this state in the fall."\n\n-- and so the evening ended.', [None]),
    ],
)
def test_signed_and_labelled_quotations(text: str, speakers: list[str | None]) -> None:
    assert _speakers(text) == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # The subject of the verb of saying whose clause holds the fragment.
        ('Ann Lee portrayed the bill as "a costly mistake".', ["Ann Lee"]),
        ('Earlier, Ann Lee cited "obligations at home" for the delay.', ["Ann Lee"]),
        # Negative: the verb's clause has no person for its subject.
        ('The report portrayed the bill as "a costly mistake".', [None]),
    ],
)
def test_partial_quotation_speaker(text: str, speakers: list[str | None]) -> None:
    assert _speakers(text) == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A place or an age set off by commas after a name is no subject.
        ("Cory Dale, 22, of Flint, Mich., said the plan will", "Cory Dale"),
        ("Dean Moss, a salesman from Sumter, South Carolina, says the plan will", "Dean Moss"),
        ("Ann Lee spoke in Buffalo, New York, and said the plan will", "Ann Lee"),
        # The object of a preposition is no subject.
        ("Ann Lee, the mayor of Reno, a city in Nevada, said the plan will", "Ann Lee"),
        # A name between commas inside an aside opened after the subject names no subject.
        ("Ann Lee, who lives outside the state capital, Columbus, said the plan will", "Ann Lee"),
        ("Ann Lee, a teacher near the capital, Columbus, says the plan will", "Ann Lee"),
        # Negative: a subject after an opening phrase, or after a clause of its own.
        ("After the debate, Bo Diaz, the mayor, said the plan will", "Bo Diaz"),
        ("Ann Lee spoke, and later, Bo Diaz, the mayor, said the plan will", "Bo Diaz"),
        # Negative: a person after a clause or after a connective is the subject.
        ("When Tom Hale arrived, Ann Lee, smiling, said", "Ann Lee"),
        ("Still, Ann Lee, who ran the city, said", "Ann Lee"),
        ("They met in Berkeley Street, Mrs. Jennings, on returning, said", "Mrs. Jennings"),
        # Negative: a possessor after a preposition, a participle after "of".
        ("They were heedless of Tom Hale's repeated question of,", "Tom Hale's"),
        ("The ad uses footage of Ann Lee asking,", "Ann Lee"),
    ],
)
def test_apposition_and_object_are_no_subject(text: str, speaker: str) -> None:
    cue = cue_before(text, 0, 0)
    assert cue is not None and cue.speaker == speaker
    assert text[cue.offset :].startswith(speaker)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The subject of an absolute clause after "with", right before its participle.
        ("Rivals were quick to chime in, with Ann Lee tweeting that it was a ", "Ann Lee"),
        ("Rivals were irritated, with Sen. Ann Lee quickly calling it a ", "Sen. Ann Lee"),
        # Negative: the object of "with" before a verb of its own.
        ("Cy Ray met with Bo Diaz and tweeted that it was a ", "Cy Ray"),
    ],
)
def test_subject_of_an_absolute_clause(text: str, speaker: str) -> None:
    cue = subject_cue(text, 0, 0, content_verbs() | speech_acts())
    assert cue is not None and cue.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # The sentence of a partial quotation closes on its source, then a description.
        (
            'Voters met.\n\n"It seems unlikely" that the bill can pass, said Dan Moss, a '
            "lobbyist for the union.",
            ["Dan Moss"],
        ),
        (
            'Voters met.\n\n"It seems unlikely" that the bill can pass, Dan Moss said, citing '
            "the calendar.",
            ["Dan Moss"],
        ),
        # Negative: a clause that goes on after its verb is no attribution.
        (
            'Voters met.\n\n"It seems unlikely" that the bill can pass, Dan Moss denied the '
            "report, the memo and the letter.",
            [None],
        ),
        # Negative: no reporting verb before the description.
        (
            'Voters met.\n\n"It seems unlikely" that the bill can pass, in the view of the '
            "union, a group of lobbyists.",
            [None],
        ),
    ],
)
def test_attribution_before_a_description(text: str, speakers: list[str | None]) -> None:
    assert _speakers(text) == speakers


_REPORT = (
    'The mayor, Tom Reyes, called the plan "a costly mistake" and "a waste of time" on Monday.'
    '\n\nAnn Lee, who leads the council, described the vote as "a fair fight" and "long'
    ' overdue".\n\n"We will build the bridge next spring," Ann Lee said.\n\n'
    '"The money is already there."\n'
)
_DIALOGUE = (
    '"Where were you?" asked Tom Reyes.\n\n"At the mill," said Ann Lee.\n\n"All day?"\n\n'
    '"Until dark."\n\n"You must be tired."\n'
)


def test_a_report_goes_on_with_the_same_source() -> None:
    # News quotes one source over several paragraphs: the bare quotation is Ann Lee's.
    assert _speakers(_REPORT) == [
        "Tom Reyes",
        "Tom Reyes",
        "Ann Lee",
        "Ann Lee",
        "Ann Lee",
        "Ann Lee",
    ]


_INTERVIEW = (
    '"Where were you in 2015?" asked Tom Reyes.\n\n"At the mill, 12 hours a day," said Ann Lee.'
    '\n\n"We made 40 tons in 2016, 55 in 2017."\n\nThe mill opened in 1921 and employs 300.'
    '\n\n"It was hard work," said Bo Diaz, 44.\n\n"But it paid $20 an hour."\n'
)


def test_an_interview_goes_on_with_the_same_source() -> None:
    # A report whose quotations open their paragraphs: figures, and no bare quotation right
    # after another, so each bare quotation goes on with the source named before it.
    assert _speakers(_INTERVIEW) == ["Tom Reyes", "Ann Lee", "Ann Lee", "Bo Diaz", "Bo Diaz"]


@pytest.mark.parametrize(
    "text",
    [
        # Negative: no figures (a story).
        re.sub(r"\$?\d+", "some", _INTERVIEW),
        # Negative: a bare line right after another (dialogue).
        _INTERVIEW.replace("\n\nThe mill opened in 1921 and employs 300.", '\n\n"Good."'),
    ],
)
def test_a_story_with_bare_lines_takes_turns(text: str) -> None:
    assert _speakers(text)[2] == "Tom Reyes"


def test_dialogue_still_takes_turns() -> None:
    # Negative: in dialogue (no quotation inside a sentence) bare lines alternate.
    assert _speakers(_DIALOGUE) == ["Tom Reyes", "Ann Lee", "Tom Reyes", "Ann Lee", "Tom Reyes"]


_SOURCES = (
    'Ann Lee called the plan "a costly mistake" on Monday.\n\n"We will fight it," Ann Lee said.'
    '\n\nTom Reyes described the vote as "a fair fight".\n\n"It passed," Tom Reyes said.\n\n'
    '"The money is there," Tom Reyes added.\n\n'
)


def _records(text: str) -> list[tuple[str, str | None]]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = extract(Document("t.txt", "t.txt", None, text, digest)).quotes
    return [(q.kind, q.speaker) for q in found]


def test_a_report_quotes_a_fragment_its_source_is_named_beside() -> None:
    # In a report, a fragment set off in a sentence that names one of its sources is theirs.
    found = _records(_SOURCES + 'Later, Ann Lee met the "lazy" council in Ohio.\n')
    assert found[-1] == ("quotation", "Ann Lee")


def test_an_interview_quotes_a_fragment_its_source_is_named_beside() -> None:
    # An interview reads as a report too (figures, no run of bare lines).
    found = _records(_INTERVIEW + '\nLater, Ann Lee met the "lazy" council in Ohio.\n')
    assert found[-1] == ("quotation", "Ann Lee")


def test_a_report_keeps_scare_quotes_that_name_no_source() -> None:
    # Negative: no source named in the sentence; a naming; a title.
    assert _records(_SOURCES + 'The "lazy" council met in Ohio.\n')[-1] == ("term", None)
    text = _SOURCES + 'Later, Ann Lee met the so-called "lazy" council.\n'
    assert _records(text)[-1] == ("term", None)
    text = _SOURCES + 'Later, Ann Lee met the "Lazy Town" council in Ohio.\n'
    assert _records(text)[-1] == ("term", None)


def test_a_report_quotes_what_someone_is_characterised_as() -> None:
    # A fragment after "as" that characterises the object of a verb is a quotation.
    found = _records(_SOURCES + 'For weeks, Bo Diaz has been pounding Cy Ray as a "con man".\n')
    assert found[-1][0] == "quotation"
    # Negative: a title after "as" stays a term.
    found = _records(_SOURCES + 'Bo Diaz has been billing the tour as "Hard Hats Forever".\n')
    assert found[-1][0] == "term"


def test_a_story_keeps_its_scare_quotes() -> None:
    # Negative: fiction (no quotation inside a sentence) does not quote its fragments.
    text = _DIALOGUE + '\nLater, Ann Lee met the "lazy" council in Ohio.\n'
    assert _records(text)[-1] == ("term", None)
    text = _DIALOGUE + '\nLater, Ann Lee was pounding Cy Ray as a "con man".\n'
    assert _records(text)[-1] == ("term", None)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Those who speak for a person make the person the source, named beside the quotation.
        (
            'Ann Lee’s campaign described the report as "a rush to judgment".',
            ("Ann Lee", "explicit"),
        ),
        (
            'Ann Lee\'s lawyers described the report as "a rush to judgment".',
            ("Ann Lee", "explicit"),
        ),
        # A possessive written with the apostrophe alone after an s.
        (
            'Ann Myers’ campaign called the report "a rush to judgment".',
            ("Ann Myers", "explicit"),
        ),
        # A capitalised word after the verb is its object, not the one who speaks for the
        # possessor.
        (
            'Ann Lee’s campaign called AP’s report "a rush to judgment".',
            ("Ann Lee", "explicit"),
        ),
        # Negative: the one who speaks for the possessor is named after the noun.
        (
            "Ann Lee’s campaign manager Tom Reyes said as much on Monday, arguing that it was"
            ' "a rush to judgment".',
            ("Tom Reyes", "explicit"),
        ),
        # Negative: a possessor of anything else is no source named beside it (only the
        # person the sentence is about, as narration).
        ('Ann Lee’s dog described the report as "a rush to judgment".', ("Ann Lee", "narration")),
    ],
)
def test_who_speaks_for_a_person(text: str, found: tuple[str, str]) -> None:
    digest = hashlib.sha256(text.encode()).hexdigest()
    (quote,) = extract(Document("t.txt", "t.txt", None, text, digest)).quotes
    assert (quote.speaker, quote.attribution.method) == found


def test_no_pronoun_inside_a_word() -> None:
    # "the report was": no "he" who reports.
    assert cue_before("Then the report was ", 0, 0) is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A full name of unknown gender opens the sentence; a nearer person of known gender
        # does not take the pronoun.
        (
            "Mrs. Ellen Park spoke first at the summit on Monday.\n\n"
            'Envoy Tamsu Okonkwo-Reyes condemned what he called a "reckless gamble" by '
            "the council.",
            "Tamsu Okonkwo-Reyes",
        ),
        # A surname written alone after its full name, whose first name gives the gender.
        (
            "Robert Vantrell wrote an op-ed for the paper on Sunday. Vantrell is a former "
            "aide. Vantrell spoke again. Vantrell smiled. Vantrell left.\n\n"
            "After a long week, Vantrell said he had two choices: back Mr. Tom Park, "
            'whom he called "the worst of the lot," or stay home.',
            "Vantrell",
        ),
    ],
)
def test_a_pronoun_in_its_sentence_stands_for_the_subject(text: str, speaker: str) -> None:
    found = _speakers(text)[-1]
    assert found is not None and found.endswith(speaker)


def test_a_pronoun_skips_a_subject_of_one_word_never_written_in_full() -> None:
    # "Caves" names no one: the pronoun looks further, to the man named before.
    text = (
        "Mr. John Harwick reached the hills at noon.\n\n"
        'Marabar Caves lay ahead, and he thought, "We shall never get there."'
    )
    assert _speakers(text)[-1] != "Caves"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The FBI concluded this week that the plan had been ", "The FBI"),
        ("The NTSB said that the crash was ", "The NTSB"),
        # Negative: the acronym is the object, not the subject.
        ("Ms. Dana Holt told the FBI that the plan was ", "Dana Holt"),
    ],
)
def test_an_agency_known_by_its_acronym_is_a_source(text: str, speaker: str) -> None:
    cue = cue_before(text, 0, 0)
    assert cue is not None and cue.speaker.endswith(speaker)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A long apposition that opens in lowercase: a description of the speaker.
        (
            ", Dana Holt, senior fellow of the Center for Rural Studies at the small but "
            "lively Institute of Farm Policy, said on Monday.",
            "Dana Holt",
        ),
        # Where the speaker works, after "of the".
        (
            ", Omar Reyes of the Lakeside Center for Water Policy Studies wrote in May.",
            "Omar Reyes",
        ),
    ],
)
def test_a_source_described_at_length_after_the_quotation(text: str, speaker: str) -> None:
    cue = cue_after(text, 0, 0)
    assert cue is not None and cue.speaker.startswith(speaker)


def test_a_long_apposition_opening_with_a_name_is_no_apposition() -> None:
    # The clause after "Like Rowe," is the main clause, whose subject is Ames.
    text = (
        "Like Rowe, Ames also dismissed the idea that the board could simply walk away from "
        "the deal over the matter of fees, arguing that there is "
    )
    cue = cue_before(text, 0, 0)
    assert cue is None or cue.speaker != "Rowe"


def test_a_pronoun_stands_for_a_subject_described_before_its_name() -> None:
    text = (
        "Mr. Glen Holt spoke in Ames on Monday.\n\n"
        "Holt campaign spokesman Ray Dunmore said the team would show that Mr. Holt has "
        '"firm principles for hard times," he said.'
    )
    found = _speakers(text)[-1]
    assert found is not None and found.endswith("Ray Dunmore")


def test_an_abbreviated_month_ends_no_sentence() -> None:
    text = "The vote went well. The nominee for the Nov. 8 election later said it was "
    assert sentence_tail(text)[0].startswith("The nominee for the Nov. 8")
