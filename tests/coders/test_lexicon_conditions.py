"""Lexicon entries that look at the doer (verbs.csv `subject`) and at what a prepositional phrase names (`phrase`).

"Israeli jets struck ..." is an air strike (195) because jets struck; "accused Russia of war crimes"
is 1124 because of what the "of" phrase names. The kinds of doer and of thing named are word sets of
coders/data/synsets.toml; the conditions are read from the trigger's clause (`coders.lexicon.Clause`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coders.events.reading import clause_of, phrase_lemmas
from coders.events.syntax import prep_phrases, surface_subjects_of
from coders.lexicon import DATA_DIR, Clause, Lexicon, LexiconEntry, load_lexicon
from schemas.errors import LexiconError

HEADER = "id,pos,lemma,particle,object,modifier,prep,subject,phrase,reverse,code,note\n"
SYNSETS = '[light]\nverbs = ["make"]\n\n[sets]\naircraft = ["jet", "warplane"]\nwar_crimes = ["genocide"]\n'
ROWS = (
    "strike,verb,strike,,,,,,,,190,\n"
    "strike.aircraft,verb,strike,,,,,@aircraft,,,195,\n"
    "accuse,verb,accuse,,,,,,,,112,\n"
    "accuse.of.war_crimes,verb,accuse,,,,,,of:war+crime|@war_crimes,,1124,\n"
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _folder(tmp_path: Path, rows: str = ROWS) -> Path:
    (tmp_path / "verbs.csv").write_text(HEADER + rows, encoding="utf-8")
    (tmp_path / "synsets.toml").write_text(SYNSETS, encoding="utf-8")
    shutil.copy(DATA_DIR / "modality.toml", tmp_path / "modality.toml")
    return tmp_path


# -- matching ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lemma", "particle", "doers", "code"),
    [
        ("strike", None, {"jet", "israeli"}, "195"),
        ("strike", None, {"drone"}, "1952"),
        ("strike", None, {"soldier"}, "190"),
        ("shoot", "down", {"jet", "fighter"}, "195"),
        ("kill", None, {"bomber", "suicide"}, "1831"),
        ("kill", None, {"fighter", "taliban"}, "190"),  # militia fighters are no aircraft
        ("storm", None, {"protester"}, "145"),
        ("storm", None, {"soldier"}, "190"),
        ("leave", None, {"troop", "french"}, "0874"),
        ("enter", None, {"troop"}, "192"),
        ("pound", None, {"artillery", "russian"}, "194"),
        ("kill", None, {"bomb", "car"}, "1832"),  # lemmas joined by '+' in the subject cell
        ("kill", None, {"car"}, "190"),  # a car alone is no car bomb
    ],
)
def test_the_doer_decides_the_code(lexicon, lemma, particle, doers, code):
    entry = lexicon.match("verb", lemma, particle=particle, clause=Clause(doers=frozenset(doers)))
    assert entry is not None and entry.code == code


def test_leaving_or_entering_by_anyone_else_codes_nothing(lexicon):
    for lemma in ("leave", "enter"):
        assert lexicon.match("verb", lemma, clause=Clause(doers=frozenset({"minister"}))) is None
        assert lexicon.match("verb", lemma, clause=Clause(doers=frozenset({"personnel", "embassy"}))) is None


@pytest.mark.parametrize(
    ("words", "code"),
    [
        ({"crime", "war"}, "1124"),
        ({"genocide"}, "1124"),
        ({"cleansing", "ethnic"}, "1122"),
        ({"kill", "migrant"}, "1122"),  # a gerund by its verb lemma: "of killing migrants"
        ({"violation", "right", "human"}, "1122"),
        ({"aggression"}, "1123"),
        ({"start", "war"}, "1123"),
        ({"espionage"}, "1125"),
        ({"spy"}, "1125"),
        ({"corruption"}, "1121"),
        ({"crime"}, "1121"),
        ({"violate", "sovereignty"}, "1123"),
        ({"violate", "agreement", "border"}, "112"),  # breaking a border agreement is no aggression
        ({"overreact"}, "112"),
    ],
)
def test_what_an_accusation_names_decides_its_kind(lexicon, words, code):
    entry = lexicon.match("verb", "accuse", clause=Clause(phrase_words={"of": frozenset(words)}))
    assert entry is not None and entry.code == code


def test_blame_for_abuses_names_their_kind(lexicon):
    assert lexicon.match("verb", "blame", clause=Clause(phrase_words={"for": frozenset({"torture"})})).code == "1122"
    assert lexicon.match("verb", "blame", clause=Clause(phrase_words={"for": frozenset({"delay"})})).code == "112"


def test_the_phrase_must_be_the_named_preposition(lexicon):
    on_war_crimes = Clause(phrase_words={"about": frozenset({"crime", "war"})})
    assert lexicon.match("verb", "accuse", clause=on_war_crimes).code == "112"


@pytest.mark.parametrize(
    ("lemma", "objects", "preps", "phrases", "code"),
    [
        ("speak", [], ["with", "by"], {"by": {"telephone"}}, "041"),
        ("talk", [], ["with", "over"], {"over": {"phone"}}, "041"),
        ("speak", [], ["with"], {}, "040"),
        ("agree", [], ["to"], {"to": {"ceasefire", "immediate"}}, "0871"),
        ("agree", [], ["on"], {"on": {"fire", "cease"}}, "0871"),
        ("agree", [], ["on"], {"on": {"plan"}}, "050"),
        ("put", ["force", "armed"], ["on"], {"on": {"alert", "high"}}, "152"),
        ("put", ["police"], ["on"], {"on": {"alert"}}, "151"),
        ("put", ["force"], ["on"], {"on": {"table"}}, None),
        ("put", ["tourist"], ["on"], {"on": {"trial"}}, "173"),
        ("take", ["citizen"], ["into"], {"into": {"custody"}}, "173"),
        ("go", [], ["on"], {"on": {"strike", "hunger"}}, "142"),
        ("go", [], ["on"], {"on": {"strike"}}, "143"),
    ],
)
def test_what_a_phrase_holds_decides_the_code(lexicon, lemma, objects, preps, phrases, code):
    clause = Clause(phrase_words={p: frozenset(w) for p, w in phrases.items()})
    entry = lexicon.match("verb", lemma, objects=objects, preps=preps, clause=clause)
    assert (entry.code if entry else None) == code


def test_a_noun_reads_its_phrase_too(lexicon):
    clause = Clause(phrase_words={"of": frozenset({"genocide"})})
    assert lexicon.match("noun", "accusation", preps=["of", "against"], clause=clause).code == "1124"


def test_conditions_count_toward_specificity_and_ask_for_the_clause():
    entry = LexiconEntry(
        id="x",
        pos="verb",
        lemma="accuse",
        doers=frozenset({frozenset({"jet"})}),
        phrase=(frozenset({"of"}), frozenset({frozenset({"war", "crime"})})),
        code="1124",
    )
    assert entry.specificity == 2 and entry.asks_clause


def test_a_folder_lexicon_reads_subject_and_phrase_cells(tmp_path):
    small = load_lexicon(_folder(tmp_path))
    assert small.asks_clause("verb", "strike") and small.asks_clause("verb", "accuse")
    assert small.match("verb", "strike", clause=Clause(doers=frozenset({"warplane"}))).code == "195"
    assert small.match("verb", "strike").code == "190"  # no clause read: the conditioned entry cannot match
    both = Clause(phrase_words={"of": frozenset({"war", "crime"})})
    one = Clause(phrase_words={"of": frozenset({"crime"})})
    assert small.match("verb", "accuse", clause=both).code == "1124"
    assert small.match("verb", "accuse", clause=one).code == "112"  # "war+crime" needs both lemmas


# -- what the clause holds, read from a parse --------------------------------------------------------


def _clause(nlp, text: str, verb_text: str, passive: bool = False) -> Clause:
    doc = nlp(text)
    verb = next(t for t in doc if t.text == verb_text)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preps = prep_phrases(verb, objects)
    return clause_of(verb, surface_subjects_of(verb, passive), objects, preps, None, passive)


def test_the_doer_is_the_subject_or_a_passive_agent(nlp):
    assert {"jet", "fighter"} <= _clause(nlp, "An American fighter jet shot down the balloon.", "shot").doers
    passive = _clause(nlp, "Forty people were killed by a suicide bomber in Kabul.", "killed", passive=True)
    assert {"bomber", "suicide"} <= passive.doers and "people" not in passive.doers


def test_a_phrase_holds_its_head_modifiers_and_a_gerunds_object(nlp):
    doc = nlp("Rights groups accused the guards of killing hundreds of migrants.")
    verb = next(t for t in doc if t.lemma_ == "accuse")
    words = phrase_lemmas(prep_phrases(verb, [c for c in verb.children if c.dep_ == "dobj"]))
    assert "kill" in words["of"]
    cleansing = _clause(nlp, "Armenia accused Azerbaijan on Friday of ethnic cleansing.", "accused")
    assert {"cleansing", "ethnic"} <= cleansing.phrase_words["of"]  # the weekday is a date, its "of" the verb's


# -- malformed rows ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "where", "message"),
    [
        ("strike.x,verb,strike,,,,,@nope,,,195,", "verbs.csv:6 [subject]", "unknown set '@nope'"),
        ("strike.x,verb,strike,,,,,Jets,,,195,", "verbs.csv:6 [subject]", "subject must be lemmas, @sets or lemmas joined by"),
        ("strike.x,noun,strike,,,,,@aircraft,,,195,", "verbs.csv:6 [subject]", "a noun trigger has no subject"),
        ("accuse.x,verb,accuse,,,,,,@war_crimes,,1124,", "verbs.csv:6 [phrase]", "phrase must be 'prep:words'"),
        ("accuse.x,verb,accuse,,,,,,of:,,1124,", "verbs.csv:6 [phrase]", "phrase must be 'prep:words'"),
        ("accuse.x,verb,accuse,,,,,,@of:genocide,,1124,", "verbs.csv:6 [phrase]", "not @sets"),
        ("accuse.x,verb,accuse,,,,,,of:war crime,,1124,", "verbs.csv:6 [phrase]", "joined by '+'"),
        ("accuse.x,verb,accuse,,,,,,of:war+@war_crimes,,1124,", "verbs.csv:6 [phrase]", "joined by '+'"),
        ("accuse.x,verb,accuse,,,,,,of:@nope,,1124,", "verbs.csv:6 [phrase]", "unknown set '@nope'"),
        ("strike.again,verb,strike,,,,,@aircraft,,,195,", "verbs.csv:6 [code]", "same pattern as 'strike.aircraft' on line 3"),
    ],
)
def test_a_bad_condition_names_file_line_and_column(tmp_path, row, where, message):
    folder = _folder(tmp_path, ROWS + row + "\n")
    with pytest.raises(LexiconError, match=re.escape(where)) as raised:
        load_lexicon(folder)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Pakistan deported 27,000 Afghans.", "thousand"),
        ("Pakistan deported two million Afghans.", "million"),
        ("Pakistan deported 120 Afghans.", None),
    ],
)
def test_a_count_of_thousands_in_figures_is_read_as_thousands(nlp, text, counted):
    from coders.events.reading import object_lemmas

    doc = nlp(text)
    obj = next(t for t in doc if t.dep_ == "dobj")
    lemmas = object_lemmas([obj])
    assert (counted in lemmas) if counted else not {"thousand", "million"} & set(lemmas)


# -- h3: what a measure counts, a sum of money, a verbless small clause, a particle's object -------------


def test_a_measure_in_the_doer_or_a_phrase_is_read_with_what_it_counts(nlp):
    doc = nlp("Russia targeted the grid with dozens of missiles and drones.")
    verb = next(t for t in doc if t.lemma_ == "target")
    preps = prep_phrases(verb, [c for c in verb.children if c.dep_ == "dobj"])
    assert not {"missile", "drone"} & phrase_lemmas(preps)["with"]
    assert {"missile", "drone"} <= phrase_lemmas(preps, frozenset({"dozen"}))["with"]
    doc = nlp("Thousands of Russian troops crossed into Ukraine.")
    verb = next(t for t in doc if t.lemma_ == "cross")
    clause = clause_of(verb, surface_subjects_of(verb, False), [], prep_phrases(verb, []), None, False, frozenset({"thousand"}))
    assert "troop" in clause.doers


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The IMF disbursed $1.2 billion to Pakistan.", "071"),  # a sum with a currency sign is money
        ("The United States will send $345 million in weapons to Taiwan.", "072"),  # unless it counts something named
        ("A Moscow court found American Paul Whelan guilty of espionage.", "116"),  # "guilty" read as a clause of its own
        ("Israeli forces sealed off the city of Jenin.", "191"),  # the city hung on the particle
        ("Iran launched hundreds of drones and missiles at Israel.", "190"),  # a measure counts its conjuncts too
    ],
)
def test_the_reader_finds_what_the_parse_hides(nlp, text, code):
    from coders.events.reading import GrammarSets, VerbReader

    lexicon = load_lexicon()
    reader = VerbReader(lexicon, GrammarSets.of(lexicon), lexicon.lemmas("noun"))
    doc = nlp(text)
    readings = [reader.read(t) for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lexicon.lemmas("verb")]
    assert code in {r.entry.code for r in readings if r is not None and r.entry is not None}
