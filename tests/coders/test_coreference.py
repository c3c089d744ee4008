"""Coreference of quotations: which words are quoted, who speaks them, and how far a speaker carries."""

from __future__ import annotations

import pytest

from coders.actors import Actor
from coders.coreference import coref_table
from coders.pronouns import agrees
from coders.quotations import QuoteState, read_quotation


def quoted_words(nlp, text: str, continues: bool = False) -> list[str]:
    """The words of a one-sentence text that stand within quotation marks."""
    sent = next(nlp(text).sents)
    reading = read_quotation(sent, coref_table().quotes, continues)
    return [tok.text for tok in sent if tok.i in reading.inside]


def code(coder, text: str, date: str = "2010-06-01") -> set[tuple[str, str, str]]:
    """The (source, target, code) events of a one-document text."""
    from coders.ingest import document_from_text

    document = document_from_text(text, path="case", default_date=date)
    return {(e.source_actor, e.target_actor, e.event_code) for coded in coder.code([document]) for e in coded.events}


def test_coref_table_reads_the_quotation_words() -> None:
    quotes = coref_table().quotes
    assert {"we", "our", "i"} <= quotes.speaker
    assert {"say", "tell", "add"} <= quotes.speech_verbs
    assert "\u201c" in quotes.opening and "\u201d" in quotes.closing and '"' in quotes.both


@pytest.mark.parametrize(
    ("text", "continues", "quoted"),
    [
        ('"We are ready," Karimov said.', False, ["We", "are", "ready", ","]),
        ("Karimov said: \u201cWe are ready.\u201d", False, ["We", "are", "ready", "."]),
        ('Karimov called the dam "a threat".', False, ["a", "threat"]),
        ("We are ready, Karimov said.", False, []),
        ('We are ready."', False, ["We", "are", "ready", "."]),
        ("We are ready.", True, ["We", "are", "ready", "."]),
    ],
)
def test_quotation_marks_tell_the_quoted_words(nlp, text: str, continues: bool, quoted: list[str]) -> None:
    assert quoted_words(nlp, text, continues) == quoted


def test_a_quotation_left_open_is_open_at_the_end(nlp) -> None:
    sent = next(nlp('Karimov said: "We are ready.').sents)
    reading = read_quotation(sent, coref_table().quotes, False)
    assert reading.open_at_end and not reading.starts_inside
    assert reading.speech_subject is not None and reading.speech_subject.text == "Karimov"


def test_a_speech_verb_inside_the_quotation_names_no_speaker(nlp) -> None:
    sent = next(nlp('"Tashkent said no," the report read.').sents)
    reading = read_quotation(sent, coref_table().quotes, False)
    assert reading.speech_subject is None


def test_quote_state_is_a_value() -> None:
    assert QuoteState(True, False, ()) == QuoteState(True, False, ())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date", "events"),
    [
        # the speaker named in the same sentence
        ('"We will help Tajikistan," Kazakh President Nursultan Nazarbayev said.', "2010-06-01", {("KAZGOV", "TJK", "033")}),
        # "he said": the speaker is who "he" is
        (
            'Nazarbayev arrived in Dushanbe on Monday. "Relations are good," he said. "We will help Tajikistan."',
            "2010-06-01",
            {("KAZGOV", "TJKGOV", "042"), ("KAZGOV", "TJK", "033")},
        ),
        # carried into the next sentence, which has no speaker of its own
        ('"Relations are good," Nazarbayev said. "We will help Tajikistan."', "2010-06-01", {("KAZGOV", "TJK", "033")}),
        # a quotation over two paragraphs: the first is left open, the second opens again
        ('Nazarbayev said: "Relations are good.\n\n"We will help Tajikistan."', "2010-06-01", {("KAZGOV", "TJK", "033")}),
        # a sentence no actor word names goes on quoting while the quotation is open
        ('Nazarbayev said: "Relations are good. The harvest was rich. We will help Tajikistan."', "2010-06-01", {("KAZGOV", "TJK", "033")}),
        # a new speaker wins
        ('"Relations are good," Nazarbayev said. "We will help Tajikistan," Medvedev added.', "2010-06-01", {("RUSGOV", "TJK", "033")}),
        # an unquoted sentence ends the carry
        ('"Relations are good," Nazarbayev said. The harvest was rich. "We will help Tajikistan."', "2010-06-01", set()),
        # first person outside quotation marks is the writer's
        ("Nazarbayev spoke in Astana. We will help Tajikistan.", "2010-06-01", set()),
        # two speakers: their "we" is not guessed
        ('"We will help Tajikistan," Nazarbayev and Medvedev said.', "2010-06-01", set()),
        # "our army": the speaker's
        ('"Our troops will hold joint exercises with Tajikistan," Medvedev said.', "2010-06-01", {("RUSMIL", "TJK", "0312")}),
        # a speaker's "both sides" are two others
        (
            'Bakiyev criticized Uzbekistan on Monday. Lavrov said in Moscow: "Russia is ready to help. We urge both sides to show restraint."',
            "2009-06-01",
            {("KGZGOV", "UZB", "111"), ("RUSGOV", "KGZ", "0256"), ("RUSGOV", "UZB", "0256")},
        ),
    ],
)
def test_the_speaker_of_a_quotation_is_the_source_of_what_it_says(coder, text: str, date: str, events: set) -> None:
    assert code(coder, text, date) == events


def actor(kind: str, plural: bool = False) -> Actor:
    return Actor("KAZ", "KAZ", "Kazakhstan", kind, "KAZ", None, plural)


@pytest.mark.parametrize(
    ("pronoun", "actors", "expected"),
    [
        ("it", [actor("country")], True),
        ("it", [actor("organization")], True),
        ("it", [actor("person")], False),
        ("it", [actor("agent")], True),
        ("he", [actor("capital")], False),
        ("it", [actor("country"), actor("country")], False),
        ("he", [actor("person")], True),
        ("she", [actor("agent")], True),
        ("he", [actor("agent", plural=True)], False),
        ("he", [actor("country")], False),
        ("they", [actor("agent", plural=True)], True),
        ("they", [actor("person"), actor("person")], True),
        ("they", [actor("person")], False),
        ("they", [actor("organization")], True),
        ("they", [actor("country")], False),
    ],
)
def test_a_pronoun_agrees_with_the_number_and_kind_of_its_antecedent(pronoun: str, actors: list[Actor], expected: bool) -> None:
    assert agrees(pronoun, actors) is expected


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('person = ["he"', 'person = ["he", 3', r"coreference\.toml:8 \[pronouns\.person\.1\] Input should be a valid string"),
        ('army = "MIL"', 'army = "military"', r"coreference\.toml:\d+ \[pairs\]"),
        ("[located]", "[placed]", r"coreference\.toml \[located\] Field required$"),
        ('people = ["leader"', 'people = ["chief"', r"coreference\.toml:\d+ \[descriptions\].*people nouns must be \[pairs\] nouns"),
    ],
)
def test_a_malformed_coreference_table_is_reported_at_its_line(tmp_path, old: str, new: str, where: str) -> None:
    from coders.coref_table import COREF_FILE, read_coref_table
    from schemas.errors import LexiconError

    text = COREF_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "coreference.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=where):
        read_coref_table(path)


def test_the_coreference_table_is_validated_into_sets() -> None:
    table = coref_table()
    assert "they" in table.group and table.pairs["army"] == "MIL" and "GOV" in table.office_agents


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date", "wanted", "unwanted"),
    [
        # "both leaders" are two people named before, not the city they met in, nor the one who calls them
        (
            "Kyrgyz President Sadyr Japarov and Kazakh President Kassym-Jomart Tokayev met in Tashkent on Friday. "
            "Chinese President Xi Jinping later telephoned both leaders.",
            "2023-05-12",
            {("CHNGOV", "KGZGOV"), ("CHNGOV", "KAZGOV")},
            {("CHNGOV", "UZBGOV")},
        ),
        # "the two ministers" are the two named as ministers, not the president thanked in between
        (
            "Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov met in Washington. "
            "Mirzoyan thanked Kazakh President Kassym-Jomart Tokayev for his support. "
            "The next round of talks between the two ministers will be held in Almaty.",
            "2024-05-02",
            {("ARMGOV", "AZEGOV")},
            {("ARMGOV", "KAZGOV"), ("KAZGOV", "ARMGOV")},
        ),
        # "the two countries" may be the two its own sentence has just named
        (
            "Iran and Iraq signed a transport deal on Sunday. "
            "Turkmen President Serdar Berdimuhamedov, who met Putin in Moscow, said the two countries had agreed to raise gas supplies.",
            "2023-06-20",
            {("TKM", "RUS")},
            {("IRN", "IRQ")},
        ),
        # a subject "he" goes on from the subject named earlier in its sentence
        (
            "Putin met Erdogan in Sochi. After the talks Tokayev flew to Bishkek, where he and Japarov signed a declaration.",
            "2023-08-10",
            {("KAZGOV", "KGZGOV")},
            {("TURGOV", "KGZGOV"), ("RUSGOV", "KGZGOV")},
        ),
        # an object "it" after a thing its sentence named is that thing, not the subject of the sentence before
        (
            "A Moscow court sentenced four men on Monday. Tajik President Emomali Rahmon expressed condolences over the bombing and condemned it.",
            "2024-03-26",
            set(),
            {("TJKGOV", "RUSJUD")},
        ),
        # "the leaders" after three met together are the three, though their names were too many for a pair
        (
            "Turkish President Recep Tayyip Erdogan, Azerbaijani President Ilham Aliyev and Turkmen President Serdar "
            "Berdimuhamedov held a summit in Avaza on Wednesday. The leaders signed a declaration on energy cooperation.",
            "2022-12-14",
            {("TURGOV", "AZEGOV"), ("TURGOV", "TKMGOV"), ("AZEGOV", "TKMGOV")},
            set(),
        ),
        # "they" after an organisation's name is the organisation, not the last two countries named together
        (
            "Uzbekistan and Turkmenistan voiced concern over the canal in May. "
            "The Taliban have said they have a right to the water and have invited neighbouring countries to cooperate on the canal.",
            "2023-06-01",
            set(),
            {("UZB", "TKM")},
        ),
        # "the authorities" in a sentence that names one country besides the doer's: that country's, not the last government's
        (
            "Russian President Vladimir Putin telephoned Kazakh President Kassym-Jomart Tokayev on Monday. "
            "UN Secretary-General Antonio Guterres said he would send an envoy to Bishkek to talk with the new authorities.",
            "2020-10-12",
            {("IGOUNO", "KGZGOV")},
            {("IGOUNO", "KAZGOV"), ("IGOUNO", "RUSGOV")},
        ),
    ],
)
def test_descriptions_and_pronouns_point_back_to_the_likeliest_actors(coder, text: str, date: str, wanted: set, unwanted: set) -> None:
    from coders.ingest import document_from_text

    [coded] = coder.code([document_from_text(text, path="case", default_date=date)])
    last = coded.sentences[-1].sentence_index
    pairs = {(e.source_actor, e.target_actor) for e in coded.events if e.sentence_index == last}  # the last sentence's
    pairs |= {(t, s) for s, t in pairs}
    assert wanted <= pairs and not unwanted & pairs, pairs
