"""The verb and noun lexicon: matching patterns, synonym sets, modality codes, and errors on malformed files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coders.cameo import cameo_table
from coders.lexicon import DATA_DIR, LEXICON_VERSION, Lexicon, LexiconEntry, load_lexicon
from schemas.errors import LexiconError

ROOTS = [f"{n:02d}" for n in range(1, 21)]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.mark.parametrize(
    ("pos", "lemma", "particle", "objects", "preps", "code"),
    [
        # the brief's examples
        ("verb", "sign", None, ["agreement"], [], "057"),
        ("verb", "sign", None, ["memorandum"], ["with"], "057"),
        ("verb", "visit", None, [], [], "042"),
        ("verb", "cut", None, ["aid"], ["to"], "162"),
        ("verb", "suspend", None, ["assistance", "military"], ["to"], "1622"),
        ("verb", "freeze", None, ["loan"], [], "1621"),
        ("verb", "provide", None, ["assistance"], ["to"], "070"),
        # objects carry their modifiers: the most specific kind of aid wins
        ("verb", "provide", None, ["assistance", "military"], ["to"], "072"),
        ("verb", "provide", None, ["aid", "humanitarian"], [], "073"),
        ("verb", "send", None, ["weapon"], ["to"], "072"),
        ("verb", "give", None, ["loan"], [], "071"),
        ("verb", "pledge", None, ["aid", "financial"], [], "0331"),
        ("verb", "make", None, ["visit"], ["to"], "042"),
        ("verb", "pay", None, ["trip", "official"], ["to"], "042"),
        ("verb", "hold", None, ["talk"], ["with"], "040"),
        ("verb", "hold", None, ["negotiation"], ["with"], "046"),
        ("verb", "hold", None, ["conversation", "telephone"], [], "041"),
        ("verb", "express", None, ["concern"], ["over"], "012"),
        ("verb", "voice", None, ["support"], ["for"], "051"),
        ("verb", "reaffirm", None, ["willingness", "political"], [], "030"),
        ("verb", "call", None, [], ["on"], "020"),
        ("verb", "impose", None, ["sanction", "new"], ["on"], "163"),
        ("verb", "lift", None, ["sanction"], ["against"], "085"),
        ("verb", "withdraw", None, ["troop"], ["from"], "0874"),
        ("verb", "withdraw", None, ["troop", "peacekeeping"], ["from"], "1661"),
        ("verb", "expel", None, ["diplomat"], [], "161"),
        ("verb", "expel", None, ["journalist"], [], "174"),
        ("verb", "release", None, ["hostage"], [], "0841"),
        ("verb", "reject", None, ["invitation"], [], "125"),
        ("verb", "reject", None, ["accusation"], [], "016"),
        ("verb", "violate", None, ["ceasefire"], [], "196"),
        ("verb", "violate", None, ["fire", "cease"], [], "196"),
        ("verb", "violate", None, ["resolution"], [], "128"),
        ("verb", "threaten", None, ["sanction"], [], "1312"),
        ("verb", "torture", None, [], [], "1822"),
        ("verb", "assassinate", None, [], ["by"], "186"),
        ("verb", "shell", None, ["town"], [], "194"),
        ("verb", "massacre", None, ["civilian"], [], "202"),
        # a particle makes a verb of its own
        ("verb", "back", None, ["plan"], [], "051"),
        ("verb", "back", "down", [], [], "080"),
        ("verb", "crack", "down", [], ["on"], "175"),
        ("verb", "break", "off", ["relation", "diplomatic"], ["with"], "161"),
        ("verb", "call", "off", ["talk"], [], "164"),
        ("verb", "carry", "out", [], [], None),
        # prepositions decide
        ("verb", "send", None, ["troop"], ["to"], "150"),
        ("verb", "send", None, ["troop"], ["into"], "190"),
        ("verb", "hold", None, ["exercise", "military"], ["with"], "062"),
        ("verb", "hold", None, ["exercise", "military"], [], "150"),
        ("verb", "say", None, [], [], None),
        ("verb", "say", None, [], ["to"], "010"),
        # nouns: modifiers and prepositions
        ("noun", "visit", None, ["state"], ["to"], "042"),
        ("noun", "talk", None, [], ["with"], "040"),
        ("noun", "assistance", None, ["military"], [], "072"),
        ("noun", "aid", None, [], ["to"], "070"),
        ("noun", "sanction", None, ["western"], ["against"], "163"),
        ("noun", "sanction", None, ["western"], [], None),
        ("noun", "attack", None, [], ["on"], "190"),
        ("noun", "attack", None, ["air"], ["on"], "195"),
        ("noun", "strike", None, ["hunger"], ["against"], "142"),
        ("noun", "strike", None, ["drone"], ["on"], "1952"),
        ("noun", "support", None, ["military"], ["for"], "072"),
        ("noun", "exercise", None, ["joint", "military"], [], "062"),
        ("noun", "cooperation", None, ["military"], ["with"], "062"),
        ("noun", "cooperation", None, [], [], None),
        ("noun", "agreement", None, [], ["with"], None),
        ("noun", "unheard-of", None, [], [], None),
    ],
)
def test_lexicon_match_most_specific_code(lexicon, pos, lemma, particle, objects, preps, code):
    entry = lexicon.match(pos, lemma, particle=particle, objects=objects, preps=preps)
    assert (entry.code if entry else None) == code


@pytest.mark.parametrize(
    ("lemma", "objects", "preps", "entry_id", "reverse"),
    [
        ("receive", ["president"], [], "receive", False),
        ("receive", ["aid"], ["from"], "receive.aid", True),
        ("receive", ["assistance", "military"], ["from"], "receive.aid.military.kind", True),
        ("receive", ["call"], ["from"], "receive.call", True),
        ("accept", ["invitation"], ["from"], "accept.invitation", False),
    ],
)
def test_lexicon_match_reverses_roles_of_receiving(lexicon, lemma, objects, preps, entry_id, reverse):
    entry = lexicon.match("verb", lemma, objects=objects, preps=preps)
    assert entry is not None
    assert (entry.id, entry.reverse) == (entry_id, reverse)


def test_lexicon_match_ties_go_to_the_first_listed(tmp_path):
    folder = _small_lexicon(tmp_path, "attack.any,noun,attack,,,,on,,,,190,\nattack.air,noun,attack,,air,,,,,,195,\n")
    assert load_lexicon(folder).match("noun", "attack", objects=["air"], preps=["on"]).code == "190"


def test_lexicon_match_ignores_case(lexicon):
    assert lexicon.match("verb", "Sign", objects=["Agreement"], preps=["WITH"]).code == "057"


@pytest.mark.parametrize(
    ("entry", "specificity"),
    [
        (LexiconEntry(id="visit", pos="verb", lemma="visit", code="042"), 0),
        (LexiconEntry(id="talk.with", pos="verb", lemma="talk", preps=("with",), code="040"), 1),
        (LexiconEntry(id="crack.down", pos="verb", lemma="crack", particle="down", preps=("on",), code="175"), 2),
        (
            LexiconEntry(
                id="cut.off.aid.military",
                pos="verb",
                lemma="cut",
                particle="off",
                objects=frozenset({"aid"}),
                modifiers=frozenset({"military"}),
                preps=("to",),
                code="1622",
            ),
            4,
        ),
    ],
)
def test_lexicon_entry_specificity_counts_conditions(entry, specificity):
    assert entry.specificity == specificity


def test_only_lemmas_with_an_entry_about_the_clause_ask_for_it(lexicon):
    asking = LexiconEntry(id="agree.compound", pos="verb", lemma="agree", compound=True, code="030")
    plain = LexiconEntry(id="visit", pos="verb", lemma="visit", code="042")
    small = Lexicon([asking, plain], synsets={}, light_verbs=(), modality=lexicon.modality)
    assert asking.asks_clause and not plain.asks_clause
    assert small.asks_clause("verb", "agree") and not small.asks_clause("verb", "visit")


def test_lexicon_candidates_most_specific_first(lexicon):
    found = lexicon.candidates("verb", "provide")
    assert found[0].specificity >= found[-1].specificity
    assert [e.specificity for e in found] == sorted((e.specificity for e in found), reverse=True)


def test_lexicon_covers_every_cameo_root(lexicon):
    roots = {entry.code[:2] for entry in lexicon.entries}
    assert [root for root in ROOTS if root not in roots] == []


def test_lexicon_codes_are_all_in_the_cameo_table(lexicon):
    table = cameo_table()
    assert [e.id for e in lexicon.entries if e.code not in table] == []


def test_lexicon_is_several_hundred_entries_of_both_kinds(lexicon):
    assert len(lexicon) >= 500
    assert {"visit", "sign", "attack", "criticize"} <= lexicon.lemmas("verb")
    assert {"visit", "talk", "sanction", "attack"} <= lexicon.lemmas("noun")
    assert lexicon.lemmas("adjective") == frozenset()


@pytest.mark.parametrize(
    ("name", "member"),
    [
        ("agreement", "treaty"),
        ("@agreement", "memorandum"),
        ("aid", "assistance"),
        ("military", "military"),
        ("economic_aid", "loan"),
        ("talks", "talk"),
        ("meetings", "negotiation"),
        ("meetings", "summit"),
    ],
)
def test_lexicon_synset_holds_member(lexicon, name, member):
    assert member in lexicon.synset(name)


def test_lexicon_synset_references_are_expanded(lexicon):
    assert lexicon.synset("meetings") == lexicon.synset("talks") | lexicon.synset("negotiations")
    entry = lexicon.match("verb", "sign", objects=["treaty"])
    assert entry is not None and entry.objects == lexicon.synset("agreement")


def test_lexicon_synset_unknown_name_fails(lexicon):
    with pytest.raises(LexiconError, match="unknown synonym set"):
        lexicon.synset("@nope")


def test_lexicon_light_verbs_hand_over_to_nouns(lexicon):
    assert {"make", "pay", "hold", "conduct", "carry", "give"} <= lexicon.light_verbs
    assert not {"offer", "promise", "receive", "sign", "host"} & lexicon.light_verbs


@pytest.mark.parametrize(
    ("kind", "code", "expected"),
    [
        ("intent", "042", "036"),
        ("intent", "045", "039"),
        ("intent", "072", "0332"),
        ("intent", "0841", "0353"),
        ("intent", "162", "1311"),
        ("intent", "163", "1312"),
        ("intent", "190", "1384"),
        ("intent", "1952", "1384"),
        ("intent", "111", "111"),
        ("intent", "130", "130"),
        ("refusal", "040", "125"),
        ("refusal", "010", "011"),
        ("refusal", "0841", "1243"),
        ("refusal", "071", "1221"),
        ("refusal", "120", "120"),
        ("appeal", "0874", "0256"),
        ("appeal", "0841", "0253"),
        ("appeal", "042", "026"),
        ("appeal", "020", "020"),
        ("demand", "0874", "1056"),
        ("demand", "040", "106"),
        ("demand", "062", "1012"),
        ("demand", "100", "100"),
        ("cessation", "061", "163"),
        ("cessation", "071", "1621"),
        ("cessation", "0331", None),
        ("cessation", "072", "1622"),
        ("cessation", "040", "164"),
        ("cessation", "194", "087"),
        ("cessation", "111", None),
        ("cessation", "173", None),
    ],
)
def test_modality_turns_code_into(lexicon, kind, code, expected):
    assert getattr(lexicon.modality, f"{kind}_code")(code) == expected


@pytest.mark.parametrize("kind", ["intent", "refusal", "appeal", "demand", "cessation"])
def test_modality_gives_a_cameo_code_for_every_code(lexicon, kind):
    table = cameo_table()
    turn = getattr(lexicon.modality, f"{kind}_code")
    assert [code for code in table if len(code) > 2 and (c := turn(code)) is not None and c not in table] == []


@pytest.mark.parametrize(
    ("words", "word"),
    [
        ("intent_lemmas", "plan"),
        ("intent_lemmas", "promise"),
        ("intent_aux", "will"),
        ("intent_aux", "'ll"),
        ("refusal_lemmas", "refuse"),
        ("appeal_lemmas", "urge"),
        ("demand_lemmas", "demand"),
        ("negation_lemmas", "never"),
        ("negation_verbs", "fail"),
        ("negation_denials", "deny"),
        ("negation_allegations", "accuse"),
        ("cessation_lemmas", "stop"),
    ],
)
def test_modality_word_lists_hold(lexicon, words, word):
    assert word in getattr(lexicon.modality, words)


def test_load_lexicon_reads_the_package_once(lexicon):
    assert load_lexicon() is lexicon
    assert LEXICON_VERSION.startswith("dyadflow-lexicon-")


def test_load_lexicon_reads_a_folder_afresh(tmp_path):
    folder = _small_lexicon(tmp_path)
    first, second = load_lexicon(folder), load_lexicon(folder)
    assert first is not second
    assert len(first) == 2 and first.match("verb", "visit").code == "042"


# -- malformed files -------------------------------------------------------------------------------

GOOD_ROWS = "visit,verb,visit,,,,,,,,042,\nsign.agreement,verb,sign,,@agreement,,,,,,057,\n"
HEADER = "id,pos,lemma,particle,object,modifier,prep,subject,phrase,reverse,code,note\n"
SYNSETS = '[light]\nverbs = ["make"]\n\n[sets]\nagreement = ["agreement", "treaty"]\ndeal = ["@agreement", "deal"]\n'


def _small_lexicon(folder: Path, rows: str = GOOD_ROWS, synsets: str = SYNSETS, modality: str | None = None) -> Path:
    (folder / "verbs.csv").write_text(HEADER + rows, encoding="utf-8")
    (folder / "synsets.toml").write_text(synsets, encoding="utf-8")
    if modality is None:
        shutil.copy(DATA_DIR / "modality.toml", folder / "modality.toml")
    else:
        (folder / "modality.toml").write_text(modality, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("meet,verb,meet,,,,,,,,42,", "verbs.csv:4 [code]"),
        ("meet,verb,meet,,,,,,,,0999,", "verbs.csv:4 [code]"),
        ("meet,verb,meet,,,,,,,,210,", "verbs.csv:4 [code]"),
        ("meet,adjective,meet,,,,,,,,040,", "verbs.csv:4 [pos]"),
        ("meet,verb,Meet,,,,,,,,040,", "verbs.csv:4 [lemma]"),
        ("meet,verb,meet up,,,,,,,,040,", "verbs.csv:4 [lemma]"),
        ("meet,verb,meet,,@nope,,,,,,040,", "verbs.csv:4 [object]"),
        ("meet,verb,meet,,,@nope,,,,,040,", "verbs.csv:4 [modifier]"),
        ("meet,verb,meet,,,,@agreement,,,,040,", "verbs.csv:4 [prep]"),
        ("meet,verb,meet,,,,,,,yes,040,", "verbs.csv:4 [reverse]"),
        ("Meet!,verb,meet,,,,,,,,040,", "verbs.csv:4 [id]"),
        ("visit,verb,meet,,,,,,,,040,", "verbs.csv:4 [id]"),
        ("visit.again,verb,visit,,,,,,,,043,", "verbs.csv:4 [code]"),
        ("visit.again,verb,visit,,,,,,,,042,", "verbs.csv:4 [code]"),
        ("ink,verb,sign,,treaty|agreement,,,,,,050,", "verbs.csv:4 [code]"),
        ("meet,verb,meet,,,,,,,040", "verbs.csv:4"),
    ],
)
def test_load_lexicon_bad_row_names_file_line_field(tmp_path, row, where):
    folder = _small_lexicon(tmp_path, GOOD_ROWS + row + "\n")
    with pytest.raises(LexiconError, match=re.escape(where)):
        load_lexicon(folder)


def test_load_lexicon_bad_header_names_line_one(tmp_path):
    folder = _small_lexicon(tmp_path)
    (folder / "verbs.csv").write_text("id,pos,lemma,code\nvisit,verb,visit,042\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape("verbs.csv:1")):
        load_lexicon(folder)


@pytest.mark.parametrize(
    ("synsets", "where", "message"),
    [
        (SYNSETS + 'talks = ["@meetings"]\n', "synsets.toml:7 [talks]", "unknown set '@meetings'"),
        (SYNSETS + 'a = ["@b"]\nb = ["@a"]\n', "synsets.toml:8 [b]", "cycle: a -> b -> a"),
        (SYNSETS + 'talks = ["Talk"]\n', "synsets.toml:7 [talks]", "lowercase"),
        (SYNSETS + "talks = []\n", "synsets.toml:7 [talks]", "non-empty list"),
        (SYNSETS + 'talks = ["talk" "meeting"]\nother = ["x"]\n', "synsets.toml:7", "not valid TOML"),
        ('[sets]\nagreement = ["agreement"]\n', "synsets.toml", "[light]"),
    ],
)
def test_load_lexicon_bad_synsets_name_file_line(tmp_path, synsets, where, message):
    folder = _small_lexicon(tmp_path, synsets=synsets)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(folder)
    assert where in str(caught.value) and message in str(caught.value)


def test_load_lexicon_synset_references_inside_sets_expand(tmp_path):
    folder = _small_lexicon(tmp_path, GOOD_ROWS + "seal.deal,verb,seal,,@deal,,,,,,057,\n")
    lexicon = load_lexicon(folder)
    assert lexicon.synset("deal") == {"agreement", "treaty", "deal"}
    assert lexicon.match("verb", "seal", objects=["treaty"]).code == "057"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ('"04" = "036"\n', "", "[intent_codes]", "root '04' is neither kept nor mapped"),
        ('"04" = "125"', '"04" = "1259"', "[refusal_codes.04]", "not a code of the CAMEO table"),
        ('"04" = "026"', '"04" = 26', "[appeal_codes.04]", "quoted string"),
        ('keep = ["10"]', 'keep = ["10", "04"]', "[demand_codes]", "root '04' is kept, yet '04' is mapped"),
        ('drop = ["01"', 'drop = ["04", "01"', "[cessation_codes]", "root '04' is dropped, yet '04' is mapped"),
        ('placed = ["042"', 'placed = ["0429"', "[target_codes.placed]", "not a code of the CAMEO table"),
        ("reproach = ", "rebuke = ", "[target_codes]", "must hold exactly"),
        ('aux = ["will"', 'aux = ["WILL"', "[intent.aux]", "lowercase"),
        ("[negation]", "[negations]", "[negations]", "unknown table"),
    ],
)
def test_load_lexicon_bad_modality_names_file_line_field(tmp_path, old, new, field, message):
    text = (DATA_DIR / "modality.toml").read_text(encoding="utf-8")
    assert old in text
    folder = _small_lexicon(tmp_path, modality=text.replace(old, new, 1))
    with pytest.raises(LexiconError) as caught:
        load_lexicon(folder)
    assert re.search(r"modality\.toml:\d+ " + re.escape(field), str(caught.value)), str(caught.value)
    assert message in str(caught.value)


def test_load_lexicon_missing_file_names_it(tmp_path):
    folder = _small_lexicon(tmp_path)
    (folder / "modality.toml").unlink()
    with pytest.raises(LexiconError, match=r"modality\.toml file not found"):
        load_lexicon(folder)
