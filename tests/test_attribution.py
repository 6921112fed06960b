"""Attribution sieves on small texts: explicit verbs, titles, pronouns, aliases, turn-taking,
addressees."""

from __future__ import annotations

import hashlib

import pytest

from indexer.cleaning import clean
from indexer.exchange import _calls_agree
from indexer.pipeline import extract
from indexer.records import Document, Quote
from indexer.scene import Scene
from indexer.splits import splits_quote


def quotes(text: str) -> list[Quote]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = extract(Document("t.txt", "t.txt", None, text, digest)).quotes
    return [q for q in found if q.kind == "quotation"]


def last(text: str) -> Quote:
    return quotes(text)[-1]


@pytest.mark.parametrize(
    ("text", "speaker", "method"),
    [
        ('"Come in," said Mrs Beaver.', "Mrs Beaver", "explicit"),
        ('Castro asked, "What would be involved?"', "Castro", "explicit"),
        ('"Not now," Mr. Bennet replied.', "Mr. Bennet", "explicit"),
        ('"Hush," said the Mouse.', "The Mouse", "explicit"),
        ('According to Hugh Hill, "the patient is stable."', "Hugh Hill", "explicit"),
        (
            'Hugh Hill, a doctor, arrived. "Rest," Hill said.',
            "Hugh Hill",
            "alias",
        ),
        (
            'Secretary of State Dean Rusk spoke first. "We wait," said Rusk.',
            "Dean Rusk",
            "alias",
        ),
        # "Mrs. Vane" is not the Sibyl Vane named before: she was never called Mrs.
        ('Sibyl Vane sang. "Hush," murmured Mrs. Vane.', "Mrs. Vane", "explicit"),
        # What someone said, as a noun or in the passive, after the quotation.
        (
            '"How well he dances!" was an artless exclamation of Catherine\'s.',
            "Catherine",
            "explicit",
        ),
        ('"That may be," was all Lady Bertram\'s reply.', "Lady Bertram", "explicit"),
        ('"Tis James!" was uttered at the same moment by Catherine.', "Catherine", "explicit"),
        ('"Those dreadful insects!" burst from William, with a laugh.', "William", "explicit"),
        # Negative: the danger "came from" someone is no speech.
        ('Ramos said that the "danger" came from Donald Trump.', "Ramos", "explicit"),
        # Phrasal reporting verbs and verbs of manner.
        ('"He has them," put in Mr. Wilcox slyly.', "Mr. Wilcox", "explicit"),
        ('Mary Smith broke out with vehemence: "I want to be free."', "Mary Smith", "explicit"),
        ('"Yes, indeed," nodded Evie.', "Evie", "explicit"),
        # Negative: a phrasal verb whose subject is no person.
        ('"Fire! Fire!" Then a riot broke out in the street.', None, "none"),
        # A title with a period does not end the cue's sentence.
        ('"Go on," cried Dr. Aziz.', "Aziz", "explicit"),
        # Negative: no cue and no exchange, no speaker.
        ('The sign read, in red letters, "Keep out of the water at all times."', None, "none"),
    ],
)
def test_explicit_and_alias(text: str, speaker: str | None, method: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == method


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Mary Smith came in with John Brown. "I am tired," she said.', "Mary Smith"),
        ('Mary Smith came in with John Brown. "I am tired," he said.', "John Brown"),
        ('Mrs. Hale came in with John Brown. "I am tired," she said.', "Mrs. Hale"),
        # Negative: a plural pronoun resolves to no one person.
        ('Mary Smith came in with John Brown. "We are tired," they said.', None),
    ],
)
def test_pronouns(text: str, speaker: str | None) -> None:
    assert last(text).speaker == speaker


def test_alias_keeps_people_apart() -> None:
    text = (
        'Fidel Castro met Raúl Castro. "We talk," said Fidel. "We listen," said Raúl.\n\n'
        '"Enough," said Castro.'
    )
    found = quotes(text)
    assert found[0].speaker == "Fidel Castro"
    assert found[1].speaker == "Raúl Castro"


def test_alias_keeps_a_common_first_name() -> None:
    text = "Mary King was named once. " + " ".join('"Yes," said Mary.' for _ in range(6))
    assert {q.speaker for q in quotes(text)} == {"Mary"}


def test_turn_taking_in_an_exchange_of_two() -> None:
    text = (
        '"Where were you?" asked Elinor.\n\n'
        '"Out," said Marianne.\n\n'
        '"Out where?"\n\n'
        '"Nowhere at all."\n\n'
        '"That is no answer."'
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Elinor", "Marianne", "Elinor", "Marianne", "Elinor"]
    assert [q.attribution.method for q in found[2:]] == ["turn-taking"] * 3
    assert found[2].addressees == ("Marianne",)


def test_no_turn_taking_after_narration() -> None:
    text = (
        '"Where were you?" asked Elinor.\n\n'
        '"Out," said Marianne.\n\n'
        "The rain went on all afternoon, and nobody spoke until supper.\n\n"
        "Later that week the weather changed for the better and the house woke up.\n\n"
        "Visitors came and went.\n\n"
        '"Nowhere at all."'
    )
    assert quotes(text)[-1].speaker is None


@pytest.mark.parametrize(
    ("text", "addressees"),
    [
        # A name called with its title keeps it.
        ('"Mr. Bennet, how can you?" said Mrs. Bennet.', ("Mr. Bennet",)),
        ('"Oh, my dear Miss Woodhouse, look!" said Mary Smith.', ("Miss Woodhouse",)),
        ('"Sit down, Jane," said Lizzy.', ("Jane",)),
        ('"Come here," Castro told James Donovan.', ("James Donovan",)),
        # Negative: a name that is no vocative addresses no one.
        ('"Jane went home early," said Lizzy.', ()),
        # A vocative is a person: a titled name, or a name the document gives in full.
        ('"Mr. Bennet, how can you tease me so?" cried his wife.', ("Mr. Bennet",)),
        ('John Smith came in. "John, come here," said Mary Jones.', ("John Smith",)),
        # Negative: a word capitalised because it opens the quotation is no addressee.
        ("\u201cHello,\u201d said John Smith.", ()),
        ('"Hello," said John Smith.', ()),
        ('"Thanks," said John Smith.', ()),
        ('"Stop," said John Smith.', ()),
        ('"Again," said John Smith.', ()),
        ('"Well. Thanks, that will do," said John Smith.', ()),
        # Negative: a capitalised word before a name is no title ("Why Greece?").
        ('"But why go as far as Greece? Why Greece?" said John Smith.', ()),
        ('"Thank Heaven! I am going," said John Smith.', ()),
    ],
)
def test_addressees(text: str, addressees: tuple[str, ...]) -> None:
    assert last(text).addressees == addressees


@pytest.mark.parametrize(
    ("gap", "content", "joins"),
    [
        (" said his host. ", "Do not apologize,", True),
        (" cried Ann, ", "Oh!", True),
        (" he asked. ", "Why?", True),
        (" she cried; ", "Never!", True),
        (" he recalled. ", "So I said, ‘why not?’", False),
        (" The door closed. ", "I am done,", False),
        (" ", "Yes,", False),
        (" said Ann. ", "It is over.", False),
    ],
)
def test_splits_quote(gap: str, content: str, joins: bool) -> None:
    assert splits_quote(gap, content) is joins


@pytest.mark.parametrize(
    ("gap", "content", "starts_sentence", "joins"),
    [
        # A sentence broken off on a comma resumes after a clause about its speaker.
        (" he nodded. ", "Yes,", True, True),
        (" Anne confided to Marilla. ", "I know,", True, True),
        (" looking into the park. ", "Well--", True, True),
        (" apologised Margaret. ", "I am sorry,", True, True),
        # Negative: inside a sentence of narration the fragments are separate terms.
        (" she was ", "so swollen,", False, False),
        # Negative: a finished statement, or a gap of two sentences.
        (" he nodded. ", "Yes.", True, False),
        (" He sat down. Then he rose. ", "Yes,", True, False),
        # Negative: a gap that is no clause about a speaker.
        (" and ", "big,", True, False),
    ],
)
def test_splits_quote_after_a_narration_clause(
    gap: str, content: str, starts_sentence: bool, joins: bool
) -> None:
    assert splits_quote(gap, content, starts_sentence) is joins


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A narration paragraph closing on someone taking the floor.
        ('Anne sat down. Mrs Musgrove interposed.\n\n"You shall go, my dear."', "Mrs Musgrove"),
        (
            'Anne felt it. Mr. Collins began.\n\n"Believe me, my dear Miss Elizabeth."',
            "Mr. Collins",
        ),
        (
            'After the praises of the day, Captain Wentworth added:--\n\n"What weather!"',
            "Wentworth",
        ),
        ('At that moment Aziz was crying, "Cyril, Cyril." Then he left.', "Aziz"),
        ('"Oh, perfectly," was Mrs. Weston\'s parting question.', "Mrs. Weston"),
        ('Mary was silent, and then thus spoke Mary: "I hate it."', "Mary"),
        ('"Well," pouted Louisa.', "Louisa"),
        # Negative: someone who says nothing does not take the floor.
        ('Anne rose. Elizabeth said nothing.\n\n"Well?"', None),
        # Negative: the one told is not the speaker; a name after "said" is the subject of
        # what was said.
        ('Priebus was calm. Later he told Fox News: "It will work out."', None),
        ('The governor said Democrats are to blame for "he said this."', None),
    ],
)
def test_cues_in_narration_around_a_quotation(text: str, speaker: str | None) -> None:
    found = quotes(text)
    assert (found[-1].speaker if found else None) == speaker


def test_speaker_of_a_quotation_split_by_a_long_subject() -> None:
    text = (
        '"We have no choice," Senate Majority Leader Mitch McConnell, a Republican, '
        'at last conceded. "That is all."'
    )
    result = last(text)
    assert [p.text for p in result.parts] == ["We have no choice,", "That is all."]
    assert result.speaker == "Mitch McConnell"


def test_turn_taking_over_a_turn_of_unknown_speaker() -> None:
    text = (
        '"Where were you?" asked Elinor.\n\n'
        '"Out," said her sister.\n\n'
        '"Out where?"\n\n'
        '"Nowhere at all."\n\n'
        '"That is no answer."'
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Elinor", None, "Elinor", None, "Elinor"]


def test_surname_far_commoner_alone_stays_alone() -> None:
    text = "Anne Darcy was a cousin. " + " ".join('"No," said Darcy.' for _ in range(5))
    assert {q.speaker for q in quotes(text)} == {"Darcy"}


@pytest.mark.parametrize(
    ("text", "speaker", "method"),
    [
        # A person noun: the person of the scene whose gender fits.
        (
            'Mary Smith sat with John Brown.\n\n"Come here," said the girl.',
            "Mary Smith",
            "description",
        ),
        (
            'Mary Smith sat with John Brown.\n\n"Come here," the old man said.',
            "John Brown",
            "description",
        ),
        # A relation is never its own possessor, and stays unresolved when no one else fits.
        (
            'Henry Bennet sat with Jane Bennet.\n\n"Sit down," said her father.',
            "Henry Bennet",
            "description",
        ),
        ('Jane Bennet sat alone.\n\n"Sit down," said her father.', None, "description"),
        # A part nobody was called is kept as written; one the text gave a name takes it.
        (
            'Jane Bennet sat alone.\n\n"Move on," said the policeman.',
            "the policeman",
            "description",
        ),
        (
            'Tertius Lydgate, the doctor, came with Jane Bennet.\n\n"Rest," said the doctor.',
            "Tertius Lydgate",
            "description",
        ),
        # Reporting verbs of manner.
        ('"Oh, no!" Mary Smith gasped.', "Mary Smith", "explicit"),
        ('"Well," John Brown good-naturedly agreed.', "John Brown", "explicit"),
        # Negative: a thing is no speaker.
        ('Jane Bennet sat alone.\n\n"Stop," said the tree.', None, "none"),
    ],
)
def test_described_speakers(text: str, speaker: str | None, method: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == method


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The subject of an unfinished sentence that leads to a reporting verb.
        ('Mary Smith struggled for speech, and said, "I am sorry."', "Mary Smith"),
        (
            'Then John Brown sat down at once, and said, rather to himself than to Mary: "Well."',
            "John Brown",
        ),
        # A cue that ends the paragraph before, on a colon.
        ('Dinner was late. Then Mary Smith said:\n\n"Where is the cook?"', "Mary Smith"),
        # The subject of the clause of the verb, not of the sentence: the last person
        # where a clause begins, passing over objects and plural pronouns.
        (
            "Isabella had applied her handkerchief to her eyes; and Morland, miserable at such"
            ' a sight, could not help saying, "Nay, Catherine."',
            "Morland",
        ),
        (
            "After a pause, Fanny, feeling it due to herself, returned to Mr. Crawford,"
            ' and said, "No."',
            "Fanny",
        ),
        ('At length Darcy spoke, and in a constrained manner said, "He is charming."', "Darcy"),
        (
            'Mary Smith assured her that they never sat there; and then added, "Is it late?"',
            "Mary Smith",
        ),
        # Negative: a possessor is no subject.
        ('Then, to Mary Smith\'s surprise, the clock said, "Cuckoo."', None),
        # Negative: a finished sentence before the quotation is no cue.
        ('Mary Smith said nothing.\n\n"Where is the cook?"', None),
        # Negative: the subject is no person.
        ('The report, released on Monday, said: "Rates will rise."', None),
    ],
)
def test_subject_of_the_sentence_before(text: str, speaker: str | None) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "method"),
    [
        # The person the narration opening the paragraph is about speaks.
        (
            'Mary Smith sat down.\n\nJohn Brown resumed in a lower voice. "It is late."',
            "John Brown",
            "narration",
        ),
        (
            'Mary Smith sat down.\n\nShe looked at the clock. "It is late."',
            "Mary Smith",
            "narration",
        ),
        # Narration after a line of dialogue that no exchange explains.
        (
            'Mary Smith sat down.\n\n"It is late." John Brown looked at the clock.',
            "John Brown",
            "narration",
        ),
        # Negative: narration about no person.
        ('Mary Smith sat down.\n\nThe clock struck ten. "It is late."', None, "none"),
        # The subject of the main clause after an opening phrase set off by a comma.
        (
            'Rates rose.\n\nOn Friday, Gov. Ann Lee stood up. "It is late."',
            "Ann Lee",
            "narration",
        ),
        (
            'Rates rose.\n\nLike many growers, Tom Reyes looked up. "It is late."',
            "Tom Reyes",
            "narration",
        ),
        # A word in -ing opening a clause with its object is no name ("Bemoaning the").
        (
            'Rates rose.\n\nBemoaning the delay, Tom Reyes looked up. "It is late."',
            "Tom Reyes",
            "narration",
        ),
        ('Rates rose.\n\nDoing so was hard. "It is late."', None, "none"),
        # Negative: names in a list after the opening phrase.
        (
            'Rates rose.\n\nBy noon, New Haven and Albany were flooded. "It is late."',
            None,
            "none",
        ),
    ],
)
def test_narration_subject(text: str, speaker: str | None, method: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == method


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A pronoun after a paragraph of narration stands for the person it last names.
        (
            '"Come," said Mary Smith to John Brown.\n\n"No," said John Brown.\n\n'
            'She sat down, and Jane Bennet came in.\n\n"Well," she said.',
            "Jane Bennet",
        ),
        # Negative: a paragraph with a quotation in it is no narration to read.
        (
            '"Come," said Mary Smith to John Brown.\n\n"No," said Jane Bennet.\n\n'
            '"Well," she said.',
            "Mary Smith",
        ),
    ],
)
def test_pronoun_after_narration(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # News subjects: the words that describe a person come before the name.
        ('"We will win," said Republican party boss Reince Priebus.', "Reince Priebus"),
        ('"We will win," Tulsa police Chief Chuck Jordan said Monday.', "Chuck Jordan"),
        ('"No comment," Trump campaign spokeswoman Hope Hicks said.', "Hope Hicks"),
        ('"No comment," said Army Capt. Christian Pardo.', "Christian Pardo"),
        ('"Fine," said Florida-based Republican strategist Al Cardenas.', "Al Cardenas"),
        ('New York attorney Eric Levine said: "He is funny."', "Eric Levine"),
        # A party tag or a place after the name is no part of it.
        ('"We must act," Rep. John Mica (R-Fla.) said.', "John Mica"),
        ('"We must act," Sen. Rand Paul, R-Ky., told Fox News.', "Rand Paul"),
        ('Sen. Susan Collins (Maine) said the plan was "a good start."', "Susan Collins"),
        (
            'Rep. Tom Cole of Oklahoma, an ally of the leadership, said he is "unpredictable."',
            "Tom Cole",
        ),
        # The subject of the sentence, over its modifiers, in an unfinished sentence.
        (
            "Democratic presidential candidate Bernie Sanders on Saturday criticized the"
            ' plan, saying it was "a disgrace."',
            "Bernie Sanders",
        ),
        # Negative: a verb between two names makes them subject and object.
        ('Trump praised Obama and said, "He is great."', "Trump"),
        ('"We will see," said Trump at a rally in Iowa.', "Trump"),
    ],
)
def test_news_subjects(text: str, speaker: str | None) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A quotation inside a sentence that ends it takes no cue from the next sentence.
        (
            'On Twitter, Jeb Bush called Trump "unhinged." Marco Rubio called the statement'
            ' "offensive and outlandish."',
            "Jeb Bush",
        ),
        # A fragment in a sentence whose subject characterises speech is a quotation of it.
        ('Trump blasted Disney for its "outrageous practices" in Florida.', "Trump"),
        ('Warren accused the bank of a "major breach of trust" on Monday.', "Warren"),
        # A cue that closes the sentence of a fragment, after a comma.
        (
            '"Boots on the ground" would be appropriate, Ben Carson said after the attacks.',
            "Ben Carson",
        ),
        ('"We are happy" about the decision, said Larry Noble.', "Larry Noble"),
    ],
)
def test_partial_quotations_in_news(text: str, speaker: str) -> None:
    assert quotes(text)[0].speaker == speaker


def _kinds(text: str) -> list[str]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return [q.kind for q in extract(Document("t.txt", "t.txt", None, text, digest)).quotes]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('Trump blasted Disney for its "outrageous practices" in Florida.', "quotation"),
        # Negative: a title, a so-called name, a word as a word, a fragment nobody said.
        ('Obama pushed for a "Grand Bargain" with Congress, he said.', "term"),
        ('Then he called it the so-called "nuclear option" again.', "term"),
        ('The message showed the word "intent" twice.', "term"),
        ('The "foreign visitor" left early.', "term"),
        # Negative: speech in the sentence but no one who spoke it.
        ('It was said that the "foreign visitor" left early.', "term"),
    ],
)
def test_scare_quotes_or_partial_quotations(text: str, kind: str) -> None:
    assert _kinds(text) == [kind]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The name called out in a line: the reply is by the one addressed.
        (
            '"Out," said Marianne.\n\n'
            '"Mr. Palmer, how are you?" Elinor asked.\n\n'
            '"Thank you, I am well."',
            "Mr. Palmer",
        ),
        # A known speaker twice running: the other party of the exchange answers.
        (
            '"Where were you?" asked Elinor.\n\n'
            '"Out," said Marianne.\n\n'
            '"And then?" Marianne went on.\n\n'
            '"Nowhere at all."',
            "Elinor",
        ),
        # An exclamation that reads as a name is no one called: the other party answers.
        (
            '"Where were you?" asked Elinor.\n\n'
            '"Out," said Marianne.\n\n'
            '"Hullo, what is this?" Marianne went on.\n\n'
            '"Nothing at all."',
            "Elinor",
        ),
    ],
)
def test_turn_taking_reads_the_other_party(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker
    assert last(text).attribution.method == "turn-taking"


_THREE = (
    '"Where is the key?" asked Elinor.\n\n"I have it," said Marianne.\n\n'
    '"Then give it to me," said Mrs. Dashwood.\n\n"It is in the hall."\n\n'
)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The answer calls someone of the exchange by name: that one spoke the line.
        (_THREE + '"In the hall, Elinor? I looked there."', "Elinor"),
        # ... or whom the narration shows present.
        (
            "Jane Price sat by the window with her work.\n\n"
            + _THREE
            + '"In the hall, Jane? I looked there."',
            "Jane Price",
        ),
        # Negative: a name new to the scene is someone talked about; turns alternate.
        (_THREE + '"In the hall, Jane? I looked there."', "Marianne"),
        # The other party would answer a speaker twice running; the answer names another.
        (
            '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n'
            '"And then?" Marianne went on.\n\n"Nowhere at all."\n\n'
            '"Come, Jane, tell us."',
            "Jane",
        ),
    ],
)
def test_turn_taking_reads_the_name_the_answer_calls(text: str, speaker: str) -> None:
    assert quotes(text)[-2].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # The line calls the only other party by name: not its speaker.
        '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n'
        '"And then?" Marianne went on.\n\n"Nothing, Elinor."',
        # The line talks of the only other party: not its speaker either.
        '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n'
        '"And then?" Marianne went on.\n\n"Nothing. Ask Elinor if you doubt it."',
        # Narration between the turns breaks the exchange.
        '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n'
        "The rain went on.\n\nIt rained all week.\n\nNobody came.\n\n"
        '"Nowhere at all."',
    ],
)
def test_turn_taking_other_party_negative(text: str) -> None:
    assert last(text).speaker is None


_NARRATION = (
    "The morning was grey and the house was quiet, for the servants had gone to the fair and"
    " the garden lay under a thin rain that nobody cared to walk in. The clocks ticked in"
    " every room, the dogs slept by the kitchen fire, and the post had not come. Letters were"
    " expected from town, and from the north, and the family had spoken of little else all"
    " week long while they waited for them. At noon the carriage came back empty, and the"
    " coachman said the roads were bad. "
)


@pytest.mark.parametrize(
    ("text", "addressees"),
    [
        # A line of dialogue addresses the other party of its exchange: the one who answers
        # it, or the one it answers.
        ('"Where were you?" asked Elinor.\n\n"Out," said Marianne.', [("Marianne",), ("Elinor",)]),
        (
            '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n"Out where?"',
            [("Marianne",), ("Elinor",), ("Marianne",)],
        ),
        # A name called out in the line comes first.
        (
            '"Where were you, Jane?" asked Elinor.\n\n"Out," said Marianne.',
            [("Jane",), ("Elinor",)],
        ),
        # Negative: one speaker alone has no other party.
        ('"Where were you?" asked Elinor.\n\n"Out, I suppose," Elinor went on.', [(), ()]),
        # Negative: narration between the lines ends the exchange.
        (
            '"Where were you?" asked Elinor.\n\nThe rain went on.\n\nIt rained all week.\n\n'
            'Nobody came.\n\n"Out," said Marianne.',
            [(), ()],
        ),
        # Negative: a quotation inside a paragraph of narration is no line of an exchange.
        (
            f'"Where were you?" asked Elinor.\n\n{_NARRATION}"Out," said Marianne.',
            [(), ()],
        ),
    ],
)
def test_addressee_is_the_other_party_of_the_exchange(
    text: str, addressees: list[tuple[str, ...]]
) -> None:
    assert [q.addressees for q in quotes(text)] == addressees


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # One speaker known so far: the other party is the person the narration before the
        # exchange names last.
        (
            'Tom Hale came in and sat down by Mrs. Bennet.\n\n"You are very kind," said'
            ' Mrs. Bennet.\n\n"Not at all."',
            "Tom Hale",
        ),
        # Negative: a place is no party (no gender, never spoke).
        (
            'They drove to Meryton and sat down.\n\n"You are very kind," said Mrs. Bennet.'
            '\n\n"Not at all."',
            None,
        ),
        # Negative: the line calls that person by name.
        (
            'Tom Hale came in and sat down by Mrs. Bennet.\n\n"You are very kind," said'
            ' Mrs. Bennet.\n\n"Not at all, Tom Hale."',
            None,
        ),
    ],
)
def test_turn_taking_reads_the_narration_before_the_exchange(
    text: str, speaker: str | None
) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name inside another quotation of the paragraph is no antecedent.
        (
            'Tom Hale sat down.\n\n"Is John Brown late?" asked Mary Smith. There was a pause.'
            ' "Yes," he said.',
            "Tom Hale",
        ),
        # Negative: a name in the narration of the paragraph still is.
        (
            'Tom Hale sat down.\n\n"Is it late?" asked Mary Smith. John Brown paused.'
            ' "Yes," he said.',
            "John Brown",
        ),
    ],
)
def test_pronoun_passes_over_names_in_quotations(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


_FAR = "The rain went on.\n\nIt rained all week.\n\nNobody came.\n\nThe roads were bad.\n\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A title before a name is a role: "the doctor" is the one written "Doctor X".
        ('Doctor Losberne came in with Mary Smith.\n\n"Rest," said the doctor.', "Losberne"),
        ('Dr. Tom Hale came in with Mary Smith.\n\n"Rest," said the doctor.', "Tom Hale"),
        # The one person the whole document calls so, even out of the scene.
        (f'Doctor Losberne lived in the village.\n\n{_FAR}"Rest," said the doctor.', "Losberne"),
        # Negative: two doctors out of the scene: no telling which.
        (
            f"Doctor Losberne and Doctor Grimwig lived in the village.\n\n{_FAR}"
            '"Rest," said the doctor.',
            "the doctor",
        ),
        # Negative: a title that is no role noun names no part.
        (f'Mr. Tom Hale lived in the village.\n\n{_FAR}"Rest," said the doctor.', "the doctor"),
    ],
)
def test_role_named_by_a_title(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "The other" is the party of the exchange who did not speak last.
        (
            'Tom Hale sat with Mary Smith.\n\n"Come here," said Mary Smith.\n\n'
            '"Why?" said the other.',
            "Tom Hale",
        ),
        # Negative: no one else in the scene.
        ('"Come here," said Mary Smith.\n\n"Why?" said the other.', None),
        # An occupation is a part kept as written when no one was called so.
        ('Tom Hale sat at the bar.\n\n"Fire, perhaps," said the barman.', "the barman"),
    ],
)
def test_other_party_and_parts(text: str, speaker: str | None) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A paragraph that breaks off on a word with no punctuation leads into the quotation
        # (a text that lost its dashes).
        ('Mary Smith, however, soon went on\n\n"I am happy here."', "Mary Smith"),
        ('There was a silence, and then Tom Hale said, biting his lip\n\n"Not yet."', "Tom Hale"),
        # Negative: a heading is no cue.
        ('CHAPTER II\n\n"I am happy here."', None),
        # Negative: a finished sentence leads into nothing.
        ('Mary Smith soon went on.\n\nTom Hale sat down.\n\n"I am happy here."', None),
    ],
)
def test_paragraph_breaking_off_without_punctuation(text: str, speaker: str | None) -> None:
    assert last(text).speaker == speaker


_GENEVA = (
    "Geneva was quiet, and she slept. Geneva was cold, and she shivered. They lived in"
    " Geneva, and he came from Geneva."
)


def test_a_place_is_no_antecedent() -> None:
    # "Geneva ... she" would make Geneva a woman; named after "in" and "from" it is a place.
    text = f'Mary Smith came.\n\n{_GENEVA}\n\n"It is late," she said.'
    assert last(text).speaker == "Mary Smith"


@pytest.mark.parametrize(
    ("text", "name", "person"),
    [
        (_GENEVA, "Geneva", False),
        # An ordinary word only ever capitalised for opening a sentence is no name.
        ("Much was said. Much was done.", "Much", False),
        # Negative: inside a sentence an ordinary word is a name ("Tell Hall").
        ("Much was said. Tell Hall to come.", "Hall", True),
        ("Tom Hale came in. Then Tom Hale sat down.", "Tom Hale", True),
    ],
)
def test_is_person(text: str, name: str, person: bool) -> None:
    scene = Scene(clean(text).paragraphs)
    assert scene.is_person(name) is person


def test_someone_who_spoke_is_a_person() -> None:
    scene = Scene(clean("Much was said. Much was done.").paragraphs)
    scene.speakers.add("Much")
    assert scene.is_person("Much")


@pytest.mark.parametrize(
    "heading",
    ["CHAPTER XIV", "THE SIX PHILOSOPHERS", "Chapter 16", "* * *"],
)
def test_scene_break_ends_the_exchange(heading: str) -> None:
    text = (
        f'"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n{heading}\n\n'
        '"Nowhere at all."'
    )
    assert last(text).speaker is None


def test_no_scene_break_keeps_the_exchange() -> None:
    # Negative: a line of dialogue in capitals is no heading.
    text = '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n"OUT WHERE?"'
    assert last(text).speaker == "Elinor"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # An exchange opening on bare lines: read back from the first named speaker.
        (
            '"Is anyone there?"\n\n"Only me."\n\n"Who is me?" asked Elinor.\n\n'
            '"Marianne," said Marianne.',
            ["Elinor", "Marianne", "Elinor", "Marianne"],
        ),
        # The other party is the one who answers the named line.
        (
            '"Well?"\n\n"Come in," said Elinor.\n\n"Thank you," said Marianne.',
            ["Marianne", "Elinor", "Marianne"],
        ),
        # A pronoun's speaker anchors the turns before it too.
        (
            'Elinor and Mr. Palmer sat by the fire.\n\n"Cold?"\n\n"A little."\n\n'
            '"So am I," he said.\n\n"Then come closer," said Elinor.',
            ["Palmer", "Elinor", "Palmer", "Elinor"],
        ),
    ],
)
def test_turns_read_back_from_a_named_speaker(text: str, speakers: list[str]) -> None:
    found = quotes(text)
    assert [q.speaker for q in found] == speakers
    assert found[0].attribution.method == "turn-taking"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # The line calls the anchor's speaker by name: not its speaker.
        (
            '"Is that you, Elinor?"\n\n"Yes."\n\n"Where were you?" asked Elinor.',
            [None, None, "Elinor"],
        ),
        # A turn that turn-taking settled is kept, even against the alternation read back.
        (
            '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n"Out where?"\n\n'
            '"Nowhere," said Elinor.',
            ["Elinor", "Marianne", "Elinor", "Elinor"],
        ),
        # Narration between the bare line and the named one: another exchange.
        (
            '"Is anyone there?"\n\nThe rain went on.\n\nIt rained all week.\n\nNobody came.\n\n'
            '"Who is it?" asked Elinor.',
            [None, "Elinor"],
        ),
    ],
)
def test_turns_read_back_negative(text: str, speakers: list[str | None]) -> None:
    assert [q.speaker for q in quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name after "the" and the words describing its bearer.
        ('Ann Shaw sat down.\n\n"It is late," said the weary Ann.', "Ann Shaw"),
        ('"No, sir," said the less courteous Tom Bell.', "Tom Bell"),
        ('"Where is he?" asked the staring Colonel.', "The Colonel"),
        ('The gloomy Ratcliffe said, "We are lost."', "Ratcliffe"),
        # Negative: a person noun keeps its description ("the old man").
        ('"Go away," said the old man.', "the old man"),
    ],
)
def test_a_name_after_its_epithet(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The subject of a relative clause that leads to the quotation.
        (
            "Tom Bell and Ann Shaw waited. The silence was broken by Ann Shaw, who said "
            'with a faint smile, "It is late."',
            "Ann Shaw",
        ),
        (
            "Tom Bell and Ann Shaw waited. They were joined by Tom Bell, who, coming to "
            'them with a gayer look, said, "Well, I am here."',
            "Tom Bell",
        ),
        # A relative clause that runs on past verbs of its own to the reporting verb.
        (
            "Tom Bell and Ann Shaw waited.\n\nIt was broken by Ann Shaw, who took up the "
            'subject again by saying, with some care,\n\n"It is late."',
            "Ann Shaw",
        ),
        (
            "Tom Bell and Ann Shaw waited. The pause was ended by Tom Bell, who, rousing "
            'himself, stood up to go, and said "Good night."',
            "Tom Bell",
        ),
    ],
)
def test_a_relative_clause_leads_to_the_quotation(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "explicit"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The subject of the sentence is more salient than a person named after it.
        ('Emma Woodhouse smiled at Harriet Smith, and she said, "Come."', "Emma Woodhouse"),
        ('Mrs. Weston smiled at Harriet Smith.\n\n"Come," she said.', "Mrs. Weston"),
        # Negative: the latest sentence that names someone who fits decides.
        (
            'Emma Woodhouse sat down. Harriet Smith smiled at Jane Fox. "Come," she said.',
            "Harriet Smith",
        ),
        # Negative: a subject of the other gender is passed over.
        ('Tom Bell smiled at Harriet Smith, and she said, "Come."', "Harriet Smith"),
    ],
)
def test_pronoun_prefers_the_subject(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "pronoun"


@pytest.mark.parametrize(
    ("narration", "speaker", "method"),
    [
        # The last clause of the paragraph before takes the floor.
        (
            "A short pause followed this speech, and Mrs. Hurst began again.",
            "Mrs. Hurst",
            "explicit",
        ),
        ("Nobody answered; and Ann Shaw went on.", "Ann Shaw", "explicit"),
        # Negative: the last clause has no person taking the floor.
        ("A short pause followed, and the rain began again.", "Tom Bell", "turn-taking"),
    ],
)
def test_last_clause_of_the_paragraph_before(narration: str, speaker: str, method: str) -> None:
    text = (
        '"Is he ill?" asked Tom Bell.\n\n"No," said Ann Shaw.\n\n'
        f'{narration}\n\n"I have an excessive regard for him."'
    )
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == method


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"I thought he had patience," offered Edna Pontellier.', "Edna Pontellier"),
        ('"She did," corroborated Flora Jane.', "Flora Jane"),
        ('"Can you not see?" interpreted Helen Schlegel.', "Helen Schlegel"),
        # A retort and a participle after a comma, as news writes them.
        ('"You are wrong," Ann Lee shot back.', "Ann Lee"),
        ('When Bo Diaz spoke, Ann Lee fired back: "You are wrong."', "Ann Lee"),
        ('Ann Lee tried to laugh it off by interjecting, "Only once."', "Ann Lee"),
    ],
)
def test_more_reporting_verbs(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "explicit"


_BREAK = (
    '"Where were you?" asked Elinor.\n\n"Out," said Marianne.\n\n"Out where?"\n\n'
    '"On the hill."\n\nThe door opened and Mrs. Jennings came in, shaking the rain from her'
    ' cloak.\n\n"What weather!"\n\n"Dreadful."\n\n'
)


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # The line named after the bare lines does not fit their alternation: it broke at
        # the narration between them, where a third person came in...
        (
            _BREAK + '"I am wet through," said Mrs. Jennings.',
            ["Elinor", "Marianne", "Elinor", "Marianne", "Mrs. Jennings", "Marianne"],
        ),
        # ... or where the same speaker went on after a pause.
        (
            _BREAK + '"I am wet through," said Marianne.',
            ["Elinor", "Marianne", "Elinor", "Marianne", "Marianne", "Elinor"],
        ),
        # Negative: the named line fits the alternation; nothing to mend.
        (
            _BREAK + '"Sit down, both of you," said Elinor.',
            ["Elinor", "Marianne", "Elinor", "Marianne", "Elinor", "Marianne"],
        ),
        # Negative: no narration between the bare lines, no sign where the break is; the
        # alternation read forwards stays.
        (
            _BREAK.replace(" from her cloak", "").split("The door")[0]
            + '"What weather!"\n\n"Dreadful."\n\n"I am wet through," said Mrs. Jennings.',
            ["Elinor", "Marianne", "Elinor", "Marianne", "Elinor", "Marianne"],
        ),
    ],
)
def test_broken_turns_mended_at_the_narration(text: str, speakers: list[str]) -> None:
    assert [q.speaker for q in quotes(text)][:-1] == speakers


@pytest.mark.parametrize(
    ("reading", "points"),
    [
        # The one a line calls answers it, or spoke just before it.
        (["Marianne", "Elinor", "Marianne"], 1.5),
        # A line calling its own speaker by name reads wrong.
        (["Elinor", "Marianne", "Elinor"], -1.0),
        # Negative: the one called neither answers nor spoke before.
        (["Elinor", "Elinor", "Elinor"], 0.0),
    ],
)
def test_calls_agree_with_a_reading(reading: list[str], points: float) -> None:
    assert _calls_agree(reading, [[], ["Marianne"], []]) == points


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A possessive noun of speech, also with the space an ASCII folding left of the
        # apostrophe, and after "had been".
        ('Tom Bell sat down.\n\n"You tumble my gown," was Ann Shaw s reply.', "Ann Shaw"),
        ('Tom Bell sat down.\n\n"At four," was Ann Shaw\'s parting injunction.', "Ann Shaw"),
        ('Tom Bell sat down.\n\n"He knows it," had been Ann Shaw\'s answer.', "Ann Shaw"),
        # A voice that stands for its owner.
        ('Tom Bell sat down.\n\n"No, no," said the clear voice of Ann Shaw.', "Ann Shaw"),
        ('Tom Bell sat down.\n\n"No, no," Ann Shaw\'s eager voice broke out.', "Ann Shaw"),
        # What came from someone, or from someone's lips.
        ('Tom Bell sat down.\n\n"No, no," came from Ann Shaw s tight lips.', "Ann Shaw"),
        ('Tom Bell sat down.\n\n"No, no," from Ann Shaw, who laughed.', "Ann Shaw"),
        ('Tom Bell sat down.\n\n"No, no," broke angrily from Ann Shaw.', "Ann Shaw"),
        # The person heard saying it, not the one who hears.
        ('Tom Bell sat down.\n\n"No, no," he heard Ann Shaw say.', "Ann Shaw"),
        ('"No, no," Tom Bell heard Ann Shaw say.', "Ann Shaw"),
        ('Tom Bell sat. Then Tom heard Ann Shaw say, in a low voice to Jane, "Go."', "Ann Shaw"),
    ],
)
def test_cues_of_possession_voice_and_hearing(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "explicit"


@pytest.mark.parametrize(
    "text",
    [
        # Negative: "from" before more words is where something came from, not who spoke.
        'Ann Shaw said Tom Bell took "about $200" from Wall Street firms last year.',
        'Ann Shaw said that the "danger" came from Tom Bell\'s wish to win.',
    ],
)
def test_from_names_no_speaker_before_more_words(text: str) -> None:
    assert last(text).speaker != "Tom Bell"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The owner of a gerund is its clause's subject, even after a preposition.
        (
            'Tom Bell left, but never without Ann Shaw\'s giving a sigh, and saying, "Poor Tom!"',
            "Ann Shaw",
        ),
        # Verbs of speech the list lacked.
        ('Tom Bell smiled, and Ann Shaw accosted him with, "Well?"', "Ann Shaw"),
        ('"Not so," Ann Shaw intervened.', "Ann Shaw"),
        ('"So it ends," Ann Shaw summed up.', "Ann Shaw"),
        # Gerunds of speech, and "moralised".
        ('Tom Bell sat. Ann Shaw ran into the street, shouting, "Stop!"', "Ann Shaw"),
        ('Tom Bell sat. Ann Shaw was only calling out, "Come, girls."', "Ann Shaw"),
        ('Tom Bell sat. Ann Shaw thus moralised to herself:--\n\n"It is late."', "Ann Shaw"),
    ],
)
def test_gerund_owner_and_more_verbs(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "explicit"


def test_a_word_in_ing_before_a_noun_owns_nothing() -> None:
    # Negative: "Ann Shaw's sitting room" is no gerund clause; Tom Bell is the subject.
    text = 'Tom Bell spoke of Ann Shaw\'s sitting room, and said, "It is cold."'
    assert last(text).speaker == "Tom Bell"


def test_a_relative_clause_keeps_its_place() -> None:
    # Negative: a person subject before the relative clause keeps the floor.
    text = 'Ann Shaw turned to Tom Bell, who was reading, and said, "Come."'
    assert last(text).speaker == "Ann Shaw"
    # Negative: "who" is the object when a name follows it.
    text = 'It was put to Tom Bell, who Ann Shaw answered for, saying, "He is out."'
    assert last(text).speaker != "Tom Bell"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A capitalised common noun keeps its article as the subject of a clause.
        ('The Mouse did not notice this question, but hurriedly went on, "Well?"', "The Mouse"),
        ('The Frog-Footman repeated, in the same solemn tone, "Tomorrow."', "The Frog-Footman"),
        # Negative: a proper name after "the" keeps its own form.
        ('The Bell family sat down, and Tom Bell said, "Well?"', "Tom Bell"),
    ],
)
def test_a_common_noun_subject_keeps_its_article(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A describing word before a name, without "the".
        ('Tom Bell sat.\n\n"No, no," said astonished Ann Shaw.', "Ann Shaw"),
        ('Tom Bell sat.\n\n"No, no," exclaimed the voice of old Mr. Ross.', "Mr. Ross"),
        # What someone said named before the quotation, or after it with "were".
        ('Tom Bell sat. Ann Shaw\'s remark was, soon afterwards--\n\n"Well?"', "Ann Shaw"),
        ('Tom Bell sat, and turned to Ann Shaw\'s reproach of "You are late."', "Ann Shaw"),
        ('Tom Bell sat.\n\n"I must not," were Ann Shaw s first words.', "Ann Shaw"),
    ],
)
def test_bare_epithets_and_named_remarks(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "so ... that" opens a clause of result whose subject speaks.
        ('Tom Bell laughed so heartily, that Ann Shaw could not help saying, "Stop."', "Ann Shaw"),
        (
            'Tom Bell showed such doubt that Ann Shaw collected herself and asked, "Well?"',
            "Ann Shaw",
        ),
    ],
)
def test_the_subject_of_a_clause_of_result(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


def test_a_plain_that_opens_no_speaker() -> None:
    # Negative: without "so" or "such", a name after "that" is what the subject said.
    text = 'Tom Bell repeated claims that Ann Shaw recites lines, saying, "She is a parrot."'
    assert last(text).speaker == "Tom Bell"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # What tells an unnamed person apart keeps the description as written.
        (
            'Mr. Bumble sat.\n\n"Hang him," said the gentleman in the white waistcoat.',
            "the gentleman in the white waistcoat",
        ),
        (
            'Tom Bell sat.\n\n"Go!" shouted the man with the black beard.',
            "the man with the black beard",
        ),
        # Negative: how someone spoke is no part of who they are.
        ('Mr. Bumble sat.\n\n"Hang him," said the old man in a low voice.', "Mr. Bumble"),
        ('Tom Bell sat.\n\n"Hang him," said the old man with the same calm.', "Tom Bell"),
    ],
)
def test_a_description_that_tells_its_bearer_apart(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "description"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The subject of an earlier sentence is more salient than a person named since as
        # an object ("an account of Harriet Smith").
        (
            "Emma Woodhouse thought with pleasure of the change. Mr. Elton was cheerful, and"
            ' she had an account of Harriet Smith.\n\n"Much the same," she said.',
            "Emma Woodhouse",
        ),
        # The subject of a clause that depends on another is not the one the narration is
        # about.
        (
            "Emma Woodhouse listened, and she was persuaded that Jane Fox must go.\n\n"
            '"Well," she said.',
            "Emma Woodhouse",
        ),
        # Two people joined by "and" are no one subject.
        (
            "Jane Fox sat down. She had broken faith with Tom Bell and Harriet Smith.\n\n"
            '"No," she said.',
            "Jane Fox",
        ),
        # Negative: a subject of its own is taken, object or not before it.
        (
            'Emma Woodhouse smiled at Jane Fox. Then Harriet Smith came in.\n\n"No," she said.',
            "Harriet Smith",
        ),
    ],
)
def test_pronoun_prefers_a_subject_of_the_narration(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A paragraph with a quotation in it still has narration: its subject stands for
        # the pronoun after it.
        (
            '"Come," said Mary Smith.\n\n"No," said Tom Bell. Jane Bennet turned away.\n\n'
            '"Well," she said.',
            "Jane Bennet",
        ),
        # Negative: the name in a cue after a quotation is no subject of narration.
        (
            '"Come," said Mary Smith to John Brown.\n\n"No," said Jane Bennet.\n\n'
            '"Well," she said.',
            "Mary Smith",
        ),
    ],
)
def test_pronoun_reads_the_narration_of_a_quoted_paragraph(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


def test_pronoun_reaches_back_past_the_scene() -> None:
    # Nobody of the pronoun's gender named in the last six paragraphs: the one the
    # narration named last, further back.
    text = f'Katharine Hilbery sat by the fire.\n\n{_FAR}{_FAR}"Well," she said.'
    assert last(text).speaker == "Katharine Hilbery"
    # Negative: nobody of the pronoun's gender was ever named.
    assert last(f'Tom Bell sat by the fire.\n\n{_FAR}{_FAR}"Well," she said.').speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The one the line before calls by name answers it.
        (
            '"Sit down," said Mary Smith.\n\n"Where are you going, Adela?" said Tom Bell.\n\n'
            '"Home," she said.',
            "Adela",
        ),
        # Negative: without a name called, the other party of that gender.
        (
            '"Sit down," said Mary Smith.\n\n"Where are you going?" said Tom Bell.\n\n'
            '"Home," she said.',
            "Mary Smith",
        ),
    ],
)
def test_pronoun_goes_to_the_one_called_by_the_line_before(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The other party is not of the pronoun's gender: the one who spoke last goes on,
        # before anyone who spoke earlier in the exchange.
        (
            '"Hello," said John Brown.\n\n"Hello," said Mary Smith.\n\n"Hi," said Tom Bell.'
            '\n\n"Good," he went on.',
            "Tom Bell",
        ),
        # Negative: the other party of the pronoun's gender takes the turn.
        (
            '"Hello," said John Brown.\n\n"Hello," said Tom Bell.\n\n"Hi," said Mary Smith.'
            '\n\n"Good," he said.',
            "Tom Bell",
        ),
    ],
)
def test_pronoun_after_the_last_speaker(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


_HATTER = "The Hatter took off his hat. The Hatter sat down, and he yawned.\n\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A speaker known by a description is named in the narration by it.
        (
            f'{_HATTER}"Tea," said the Hatter.\n\n{_FAR}"Hello," said Tom Bell.\n\n'
            '"Hello," said John Brown.\n\nThe Hatter came in and looked at the clock.\n\n'
            '"Late," he said.',
            "The Hatter",
        ),
        # Negative: a description nobody was called by yet is no one.
        (
            f'{_HATTER}{_FAR}"Hello," said Tom Bell.\n\n"Hello," said John Brown.\n\n'
            'The Hatter came in and looked at the clock.\n\n"Late," he said.',
            "Tom Bell",
        ),
    ],
)
def test_pronoun_stands_for_a_described_speaker(text: str, speaker: str) -> None:
    assert last(text).speaker == speaker


def test_pronoun_takes_the_description_not_the_name_inside_it() -> None:
    # "The King" spoke as "the King": the narration's "The King came in" names that speaker,
    # not a person called "King".
    text = (
        f'"Stop," said the King.\n\n{_FAR}"Hello," said Tom Bell.\n\n"Hello," said John '
        'Brown.\n\nThe King came in and looked at the clock.\n\n"Late," he said.'
    )
    assert last(text).speaker == "The King"


def test_described_speaker_written_with_two_spaces() -> None:
    # A description written with a wide space ("the  Mock  Turtle") is found in the narration
    # with single ones, and no KeyError is raised looking it up.
    text = (
        '"I shall go," said the  Mock  Turtle.\n\nThe Mock Turtle sighed, and he looked at '
        'Alice. "Shall I?" he said.'
    )
    assert last(text).speaker == "The Mock  Turtle"


def test_a_name_after_in_an_eighth_of_the_time_is_a_place() -> None:
    told = "Highbury was quiet. " * 14 + "They lived in Highbury. He came from Highbury."
    assert not Scene(clean(told).paragraphs).is_person("Highbury")
    # Negative: named after "at" less often ("looked at Emma"), a person.
    told = "Emma was quiet. " * 15 + "They looked at Emma. He came from Emma."
    assert Scene(clean(told).paragraphs).is_person("Emma")


def test_a_longer_name_ending_in_a_word_of_places_is_no_person() -> None:
    scene = Scene(clean("Windy Corner was quiet. Tom Bell sat in Harley Street.").paragraphs)
    assert not scene.is_person("Windy Corner")
    assert not scene.is_person("Harley Street")
    # Negative: a full name, and a surname that is also a word of places ("Hall"), are people.
    assert scene.is_person("Tom Bell")
    assert scene.is_person("Jenny Hall")


def test_a_longer_name_after_in_a_fifth_of_the_time_is_a_place() -> None:
    told = "Santa Rosa was quiet. " * 6 + "They lived in Santa Rosa. He came from Santa Rosa."
    assert not Scene(clean(told).paragraphs).is_person("Santa Rosa")
    # Negative: a full name after "from" less often ("a letter from Tom Bell"), a person.
    told = "Tom Bell was quiet. " * 9 + "They had a letter from Tom Bell. He came from Tom Bell."
    assert Scene(clean(told).paragraphs).is_person("Tom Bell")


def test_a_name_after_an_article_a_quarter_of_the_time_is_no_person() -> None:
    told = "Christian was the word. " * 2 + "He was a Christian. She met a Christian."
    scene = Scene(clean(told).paragraphs)
    assert not scene.is_person("Christian")
    told = "Christian was the word. " * 2 + "He was the average Christian. A good Christian."
    assert not Scene(clean(told).paragraphs).is_person("Christian")
    # Negative: a name after "a" seldom ("such a Tom"), a person.
    told = "Tom was quiet. " * 4 + "He was such a Tom."
    assert Scene(clean(told).paragraphs).is_person("Tom")
    # Negative: written mostly with a title, a person however few its bare mentions.
    told = "Mr. Bell was quiet. " * 6 + "Bell spoke. He was the young Bell."
    assert Scene(clean(told).paragraphs).is_person("Bell")


def test_pronoun_passes_over_a_place_the_narration_names() -> None:
    text = (
        "Mary Fox went home.\n\nAt last Windy Corner came in sight; she was lovely in the "
        'sun.\n\n"Home," she said.'
    )
    assert last(text).speaker == "Mary Fox"


def test_pronoun_passes_over_a_name_in_its_own_quotation() -> None:
    text = 'Jane Fox sat down.\n\nThe rain fell.\n\n"Where is Mary Smith?" she asked.'
    assert last(text).speaker == "Jane Fox"
    # Negative: with nobody else of that gender named, no one.
    assert last('The rain fell.\n\n"Where is Mary Smith?" she asked.').speaker is None


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        # A pronoun's speaker is nobody the line itself calls by name.
        ('"Well, Mary," she said.', "Jane Fox"),
        # Negative: a line that calls no one.
        ('"Well," she said.', "Mary Smith"),
    ],
)
def test_pronoun_is_not_the_one_the_line_calls(line: str, speaker: str) -> None:
    text = 'Jane Fox came in.\n\n"Sit down," said Mary Smith.\n\n"Hello," said Tom Bell.\n\n' + line
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        # A description's speaker is nobody the line calls by name either.
        ('"Well, Tom," said the old man.', "John Brown"),
        # Negative: a line that calls no one.
        ('"Well," said the old man.', "Tom Bell"),
    ],
)
def test_description_is_not_the_one_the_line_calls(line: str, speaker: str) -> None:
    text = '"Sit down," said Tom Bell.\n\n"Hello," said John Brown.\n\n' + line
    assert last(text).speaker == speaker


@pytest.mark.parametrize(
    ("narration", "speaker"),
    [
        # The subject of the narration two paragraphs back, the paragraph before giving
        # none: the one who came in is greeted and answers.
        ("Jane Fox came in and sat down by the fire.", "Jane Fox"),
        # Negative: no subject of that gender there, the exchange's other party.
        ("The fire burned low.", "Mary Smith"),
    ],
)
def test_pronoun_reads_the_subject_two_paragraphs_back(narration: str, speaker: str) -> None:
    text = f'"Go," said Mary Smith.\n\n{narration}\n\n"Good evening," said Tom Bell.\n\n'
    assert last(text + '"It is cold," she said.').speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A parent or spouse of someone with a family name is the one the text calls by that
        # name and the relation's title, present or not.
        (
            "Mrs. Grant came. Mrs. Grant sat down. Mrs. Grant smiled.\n\n"
            'Mr. Grant walked in with Mrs. Hale.\n\n"Sit down," said his wife.',
            "Mrs. Grant",
        ),
        (
            "Mr. Morley rode out. Mr. Morley came back. Mr. Morley slept.\n\n"
            'Kate Morley sat with Tom Bell.\n\n"Sit down," said her father.',
            "Mr. Morley",
        ),
        # Else a parent or spouse is one of the scene the text calls by a title.
        (
            'Mrs. Dale came in.\n\nKitty Hale sat with Jane Hale.\n\n"Hush," said her mother.',
            "Mrs. Dale",
        ),
        (
            'Mrs. Dale came in.\n\nKitty Hale sat with Jane Hale.\n\n"Hush," said her sister.',
            "Jane Hale",
        ),
        # A daughter known by her first name shares her parents' family name.
        (
            "Kate Morley came. Kate sat. Kate ran. Kate slept. Kate woke.\n\n"
            "Mrs. Morley came. Mrs. Morley sat. Mrs. Morley slept.\n\n"
            'Kate sat with Mrs. Hale.\n\n"Hush," said her mother.',
            "Mrs. Morley",
        ),
        # Negative: "Miss" tells no one's mother.
        (
            'Miss Dale came in.\n\nKitty Hale sat with Jane Hale.\n\n"Hush," said her mother.',
            "Jane Hale",
        ),
        # Negative: a name written so only in passing; the nearest woman of the scene.
        (
            'Mrs. Grant came.\n\nMr. Grant walked in with Mrs. Hale.\n\n"Sit down," said his wife.',
            "Mrs. Hale",
        ),
        # Negative: a sister has no title of her own to tell her by.
        (
            "Mrs. Grant came. Mrs. Grant sat down. Mrs. Grant smiled.\n\n"
            'Mr. Grant walked in with Mrs. Hale.\n\n"Sit down," said his sister.',
            "Mrs. Hale",
        ),
    ],
)
def test_a_relation_by_its_family_name(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "description"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An older person is one the text calls by a title sooner than by a first name.
        ('Mrs. Maylie sat with Rose Hale.\n\n"Come," said the old lady.', "Mrs. Maylie"),
        ('Mr. Brown sat with Oliver Hale.\n\n"Come," said the elderly gentleman.', "Mr. Brown"),
        # A younger one is one the text calls by a first name sooner than Mr. or Mrs.
        ('Rose Hale sat with Mrs. Maylie.\n\n"Come," said the young lady.', "Rose Hale"),
        ('Frank Hale sat with Mr. Weston.\n\n"Come," said the young man.', "Frank Hale"),
        # Negative: no age told, or no one titled: the nearest person whose gender fits.
        ('Mrs. Maylie sat with Rose Hale.\n\n"Come," said the young lady.', "Rose Hale"),
        ('Frank Hale sat with Mr. Weston.\n\n"Come," said the little man.', "Mr. Weston"),
        ('Ann Hale sat with Rose Hale.\n\n"Come," said the old lady.', "Rose Hale"),
    ],
)
def test_an_older_person_by_title(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "description"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A sister shares her brother's family name.
        (
            'Henry Tilney came.\n\nMiss Tilney sat with Miss Morland.\n\n"Hush," said his sister.',
            "Miss Tilney",
        ),
        # Negative: no one of the family: the nearest woman of the scene.
        (
            'Henry Tilney came.\n\nMiss Grey sat with Miss Morland.\n\n"Hush," said his sister.',
            "Miss Morland",
        ),
    ],
)
def test_a_relation_of_the_same_family(text: str, speaker: str) -> None:
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "description"


@pytest.mark.parametrize(
    ("narration", "speaker"),
    [
        # The listener kept silent or answered without words: the one who spoke goes on.
        ("There was no answer.", "Ann Shaw"),
        ("He could only stare at the fire.", "Ann Shaw"),
        ("He made no reply.", "Ann Shaw"),
        # Negative: narration that tells no silence leaves the turn to pass.
        ("The fire crackled in the grate.", "Tom Bell"),
    ],
)
def test_silence_between_lines_keeps_the_speaker(narration: str, speaker: str) -> None:
    text = (
        '"Is he ill?" asked Tom Bell.\n\n"No," said Ann Shaw.\n\n"Are you sure?"\n\n'
        f'"Quite sure."\n\n{narration}\n\n"And he will be here by noon."'
    )
    quote = last(text)
    assert quote.speaker == speaker
    assert quote.attribution.method == "turn-taking"
