"""PETRARCH verb dictionaries read into lexicon entries: patterns, codes, multi-word verbs, malformed lines."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coders.events import GRAMMAR_SETS
from coders.lexicon import Clause, load_lexicon
from coders.petrarch.dictionary_lexicon import DictionaryLexicon
from coders.petrarch.patterns import NULL_CODE, CodeSpec, read_code
from coders.petrarch.verbs import read_verbs
from schemas.errors import DictionaryError

# A made-up dictionary in PETRARCH's format, written for these tests.
DICTIONARY = """\
# comments and <!-- XML comments --> are skipped
&CASH
+BANKNOTES
+FUNDS
+HARD CURRENCY

&KINDS_
+NAVAL
+FINANCIAL

--- DONATE  [070]  ---
DONATE
GIVE {GIVES GAVE GIVEN GIVING}
+HAND_OVER {+HANDS_OVER +HANDED_OVER +HANDING_OVER}
+SCOFF_AT [111]
- * &CASH  [071]           # a set as the object
- * {&KINDS AID}  [0332:0331]  # a paired code
- + * (FROM $)  [073]       # the subject receives, the source follows "from"
- * LEVY  [---]           # no event
- * (TO)  [:042]            # the reverse event only
- * OFFICE (IN CAPITAL)  [080]
- * (INTO CUSTODY)  [173]
- RECENTLY *  [074]
- * PLEDGE TO ^ +  [0331]  # a bare preposition before the target
- % *  [071]

--- FLIGHT  [---] ---
FLEW  [042:043]
"""


def fake_lemma(word: str, pos: str) -> str:
    """A stand-in lemmatizer for the tests that need no spaCy model."""
    irregular = {("left", "VERB"): "leave", ("flew", "VERB"): "fly", ("gave", "VERB"): "give", ("funds", "NOUN"): "fund"}
    if (word, pos) in irregular:
        return irregular[(word, pos)]
    if pos == "NOUN" and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@pytest.fixture
def dictionary(tmp_path: Path):
    path = tmp_path / "test.verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return read_verbs(path, fake_lemma)


def _entries(dictionary, lemma: str) -> dict[str, object]:
    return {e.note: e for e in dictionary.entries if e.lemma == lemma}


def test_petrarch_verbs_reads_blocks_verbs_patterns_and_sets(dictionary):
    assert dictionary.counts == Counter(blocks=2, verbs=5, patterns=10, synsets=2)
    assert {e.lemma for e in dictionary.entries} == {"donate", "give", "hand", "scoff", "fly"}


@pytest.mark.parametrize(
    ("pattern", "particle", "objects", "modifiers", "preps", "reverse", "code"),
    [
        # a set member of several words is all of them, as the coder lists an object with its modifiers
        ("- * &CASH [071]", None, {"banknote", "banknotes", "fund", "funds", "hard currency"}, None, (), False, "071"),
        # in a {noun phrase} the word before the head stands right before it: "naval aid"
        ("- * {&KINDS AID} [0332:0331]", None, {"naval aid", "financial aid"}, None, (), False, "0332"),
        ("- + * (FROM $) [073]", None, None, None, ("from",), True, "073"),
        ("- * LEVY [---]", None, {"levy"}, None, (), False, NULL_CODE),
        ("- * (TO) [:042]", None, None, None, ("to",), True, "042"),
        ("- * PLEDGE TO ^ + [0331]", None, {"pledge"}, None, ("to",), False, "0331"),
    ],
)
def test_petrarch_verbs_pattern_maps_onto_entry_conditions(dictionary, pattern, particle, objects, modifiers, preps, reverse, code):
    entry = _entries(dictionary, "donate")[pattern]
    assert entry.particle == particle
    assert (set(entry.objects) if entry.objects else None) == objects
    assert (set(entry.modifiers) if entry.modifiers else None) == modifiers
    assert entry.preps == preps
    assert entry.reverse is reverse
    assert entry.code == code


@pytest.mark.parametrize(
    ("pattern", "subjects", "phrases", "compound"),
    [
        ("- RECENTLY * [074]", {"recently"}, (), False),  # words before the verb: the subject's or an auxiliary
        ("- * OFFICE (IN CAPITAL) [080]", None, (("in", {"capital"}),), False),  # a phrase naming a noun
        ("- * (INTO CUSTODY) [173]", None, (("into", {"custody"}),), False),
        ("- % * [071]", None, (), True),  # a compound subject acting among itself
    ],
)
def test_petrarch_verbs_pattern_maps_onto_clause_conditions(dictionary, pattern, subjects, phrases, compound):
    entry = _entries(dictionary, "donate")[pattern]
    assert (set(entry.subjects) if entry.subjects else None) == subjects
    assert tuple((prep, set(words)) for prep, words in entry.phrases) == phrases
    assert entry.compound is compound


def test_petrarch_verbs_patterns_apply_to_every_verb_of_the_block(dictionary):
    for lemma in ("donate", "give"):
        assert "- * &CASH [071]" in _entries(dictionary, lemma)


@pytest.mark.parametrize(
    ("lemma", "particle", "preps", "code"),
    [
        ("donate", None, (), "070"),  # the block's code
        ("give", None, (), "070"),  # forms in {...} are not verbs of their own: the lemma is
        ("hand", "over", (), "070"),  # +HAND_OVER: a phrasal verb
        ("scoff", None, ("at",), "111"),  # +SCOFF_AT: a preposition carries the target; its own code
        ("fly", None, (), "042"),  # FLEW is read as its lemma
    ],
)
def test_petrarch_verbs_verb_line_gives_a_bare_entry(dictionary, lemma, particle, preps, code):
    bare = [e for e in dictionary.entries if e.lemma == lemma and e.note.endswith("verb")]
    assert [(e.particle, e.preps, e.code) for e in bare] == [(particle, preps, code)]


def test_petrarch_verbs_notes_what_the_coder_cannot_check(tmp_path):
    path = tmp_path / "notes.verbs.txt"
    path.write_text("--- SEE [010] ---\nSEE\n- (IN) * [075]\n- * (NO OBSTACLE) [013]\n- * ^ [010]\n- * TALKS [212]\n", encoding="utf-8")
    notes = read_verbs(path, fake_lemma).notes
    assert notes == {
        "prepositional phrase before the verb, skipped": 1,
        "parenthesis that does not start with a preposition, skipped": 1,
        "pattern with nothing beyond the bare verb (^ $ +), skipped": 1,
        "pattern with a code outside CAMEO, read as the null code": 1,
    }


def test_petrarch_verbs_pattern_with_a_foreign_code_blocks_the_verb(tmp_path):
    path = tmp_path / "weis.verbs.txt"
    path.write_text("--- HOLD [010] ---\nHOLD\n- * TALKS [212]\n", encoding="utf-8")
    read = read_verbs(path, fake_lemma)
    assert [(e.objects and set(e.objects), e.code) for e in read.entries] == [(None, "010"), ({"talk", "talks"}, NULL_CODE)]
    assert read.foreign_codes == {"212": 1}


@pytest.mark.parametrize(
    ("line", "lemmas", "forms"),
    [
        ("LEFT [042]", {"leave"}, {"left"}),  # an inflected form matches only itself, as PETRARCH matches words
        ("GIVE {GIVES GAVE GIVEN GIVING}", {"give"}, None),
    ],
)
def test_petrarch_verbs_inflected_verb_line_matches_its_form(tmp_path, line, lemmas, forms):
    path = tmp_path / "forms.verbs.txt"
    path.write_text(f"--- GO [010] ---\n{line}\n", encoding="utf-8")
    entries = read_verbs(path, fake_lemma).entries
    assert {e.lemma for e in entries} == lemmas
    assert {frozenset(e.forms) if e.forms else None for e in entries} == {frozenset(forms) if forms else None}


def _line_of(text: str) -> int:
    return next(n for n, line in enumerate(DICTIONARY.splitlines(), start=1) if line.startswith(text))


def test_petrarch_verbs_paired_codes_are_kept_by_entry_id(dictionary):
    name = dictionary.path.name
    assert dictionary.paired == {f"{name}:{_line_of('- * {&KINDS AID}')}": "0331", f"{name}:{_line_of('FLEW')}": "043"}


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("042", CodeSpec("042")),
        ("042:043", CodeSpec("042", paired="043")),
        (":173", CodeSpec("173", reverse=True)),
        ("---", CodeSpec(NULL_CODE)),
        ("---:---", CodeSpec(NULL_CODE)),
        ("212", None),  # a WEIS code, not CAMEO
        ("xxy", None),
        ("212:042", CodeSpec("042", reverse=True)),  # only the CAMEO half can be coded
    ],
)
def test_petrarch_verbs_code_spec(text, spec):
    foreign: Counter[str] = Counter()
    assert read_code(text, foreign) == spec
    assert ("212" in foreign) == ("212" in text)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("- * (TO BORDER [154]", "missing ')'"),
        ("- * AID", "a pattern must end with its [code]"),
        ("- AID [070]", "a pattern must hold exactly one * for the verb"),
        ("- * &NOWHERE [070]", "unknown set &NOWHERE"),
        ("STAND DOWN", "not a verb: 'STAND DOWN'"),
        ("CALL_OFF", "a multi-word verb marks its verb with one '+'"),
    ],
)
def test_petrarch_verbs_malformed_line_is_an_error_naming_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.verbs.txt"
    path.write_text(f"--- CALL [010] ---\nCALL\n{line}\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as caught:
        read_verbs(path, fake_lemma)
    assert str(caught.value).startswith(f"{path}:3: ")
    assert message in str(caught.value)


def test_petrarch_verbs_lenient_reading_skips_and_lists_malformed_lines(tmp_path):
    path = tmp_path / "bad.verbs.txt"
    path.write_text("--- CALL [010] ---\nCALL\n- * AID\n- * (FOR) [113]\n", encoding="utf-8")
    read = read_verbs(path, fake_lemma, strict=False)
    assert [str(p) for p in read.problems.found] == [f"{path}:3: a pattern must end with its [code]"]
    assert [(e.preps, e.code) for e in read.entries] == [((), "010"), (("for",), "113")]


def test_petrarch_verbs_pattern_before_any_block_is_an_error(tmp_path):
    path = tmp_path / "bad.verbs.txt"
    path.write_text("- * AID [070]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="before the first --- block --- header"):
        read_verbs(path, fake_lemma)


def test_petrarch_verbs_missing_file_is_an_error(tmp_path):
    with pytest.raises(DictionaryError, match="file not found"):
        read_verbs(tmp_path / "none.txt", fake_lemma)


@pytest.fixture
def lexicon(dictionary):
    ours = load_lexicon()
    sets = {name: ours.synset(name) for name in GRAMMAR_SETS}
    return DictionaryLexicon(dictionary.entries, sets, ours.light_verbs, ours.modality, dictionary.paired)


@pytest.mark.parametrize(
    ("objects", "preps", "code"),
    [
        (["banknote"], [], "071"),
        (["aid", "naval", "naval aid"], [], "0332"),  # the coder lists "naval aid" with its object "aid"
        (["aid", "naval"], [], "070"),  # "naval" but not right before "aid": the block's code
        (["levy"], [], None),  # the null code blocks the verb
        (["tractor"], [], "070"),
        ([], ["to"], "042"),
    ],
)
def test_petrarch_verbs_dictionary_lexicon_matches_with_null_codes(lexicon, objects, preps, code):
    entry = lexicon.match("verb", "donate", objects=objects, preps=preps)
    assert (entry.code if entry else None) == code


@pytest.mark.parametrize(
    ("clause", "code"),
    [
        (Clause(phrases={"into": frozenset({"custody"})}), "173"),  # "donated ... into custody"
        (Clause(subjects=frozenset({"recently"})), "074"),
        (Clause(subjects=frozenset({"ministry"}), compound=True), "071"),  # "- % *": "X and Y donated"
        (Clause(), "070"),
    ],
)
def test_petrarch_verbs_dictionary_lexicon_matches_the_clause(lexicon, clause, code):
    assert lexicon.match("verb", "donate", clause=clause).code == code


def test_petrarch_verbs_dictionary_entries_follow_petrarch_unless_ours(dictionary):
    ours = load_lexicon()
    sets = {name: ours.synset(name) for name in GRAMMAR_SETS}
    first = dictionary.entries[0]
    mixed = DictionaryLexicon([*ours.entries, *dictionary.entries], sets, ours.light_verbs, ours.modality)
    assert mixed.follows_petrarch(first) and not mixed.follows_petrarch(ours.entries[0])
    assert not ours.follows_petrarch(ours.entries[0])


def test_petrarch_verbs_dictionary_lexicon_gives_the_paired_code_of_a_rule(lexicon, dictionary):
    entry = lexicon.match("verb", "donate", objects=["aid", "financial", "financial aid"])
    assert lexicon.paired_code(entry.id) == "0331"
    assert lexicon.paired_code(lexicon.match("verb", "donate", objects=["banknote"]).id) is None
