"""PETRARCH dictionaries loaded into the coder: actors with agents and dates, paired and null codes, discards, precedence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coders.actor_data import load_actor_data
from coders.lexicon import load_lexicon
from coders.petrarch.load import DictionaryCoder, dictionary_files, load_dictionaries
from schemas import Document
from schemas.errors import DictionaryError

# Made-up dictionaries in PETRARCH's format, written for these tests.
VERBS = """\
--- GATHER  [040:040]  ---
MEET {MET MEETS}

--- ARREST  [173]  ---
ARREST

--- REBUKE  [111]  ---
CRITICIZE
- * LEVY  [---]

--- PRAISE  [051]  ---
EULOGIZE

--- DONATION  [070]  ---
CONTRIBUTE

--- FLIGHT  [---]  ---
FLEW  [042:043]

--- POSTPONEMENT  [120]  ---
POSTPONE
- % * TALKS  [120]

--- PERFORM  [100]  ---
ACT
- * (ON DRAFT)  [057]
"""

ACTORS = """\
UZBEKISTAN_  [UZB]
+UZBEK_ ; the adjective
+TASHKENT_  ; the capital
KAZAKHSTAN_  [KAZ]
+KAZAKH_
RUSSIA_  [RUS]
SHAVKAT_MIRZIYOYEV_
+MIRZIYOYEV_
\t[UZBGOV 031212-161214]
\t[UZBGOV >161214]
\t[UZBELI]  ; a former official
"""

AGENTS = """\
MILITIA {} [~COP]
STUDENT {STUDENTS} [~EDU]
FOREIGN_MINISTER {FOREIGN_MINISTERS} [~GOVFRM]
RIGHTS_WATCHDOG [NGO~]
LAWMAKER {LAWMAKERS} [~LEG]
TELEVISION {} [~MED]
"""

DISCARDS = """\
+GOLD CUP
CRICKET SCORES
"""


def write_dictionaries(folder: Path) -> Path:
    """The made-up verb, actor, agent and discard dictionaries of these tests, written into folder; the folder."""
    for name, text in [
        ("test.verbs.txt", VERBS),
        ("test.actors.txt", ACTORS),
        ("test.agents.txt", AGENTS),
        ("test.discards.txt", DISCARDS),
    ]:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_dictionaries(tmp_path_factory.mktemp("dictionaries"))


@pytest.fixture(scope="module")
def dictionaries(folder, nlp):
    return load_dictionaries(**dictionary_files(folder), nlp=nlp)


@pytest.fixture(scope="module")
def coder(dictionaries, nlp):
    return DictionaryCoder(dictionaries, nlp)


def code(coder, text: str, on: dt.date = dt.date(2018, 5, 1)) -> list[tuple[str, str, str]]:
    document = Document(doc_id="t", path="test", doc_date=on, date_source="given", text=text)
    return [(e.source_actor, e.event_code, e.target_actor) for coded in coder.code([document]) for e in coded.events]


def test_petrarch_load_finds_dictionaries_of_a_folder_by_name(folder):
    found = dictionary_files(folder)
    assert {kind: [p.name for p in paths] for kind, paths in found.items()} == {
        "verbs": ["test.verbs.txt"],
        "actors": ["test.actors.txt"],
        "agents": ["test.agents.txt"],
        "discards": ["test.discards.txt"],
    }


def test_petrarch_load_folder_without_dictionaries_is_an_error(tmp_path):
    with pytest.raises(DictionaryError, match="no dictionaries here"):
        dictionary_files(tmp_path)


def test_petrarch_load_report_counts_what_was_read(dictionaries):
    counts = dictionaries.report.counts
    assert (counts["verb blocks"], counts["actors"], counts["agent phrases"], counts["discard phrases"]) == (8, 4, 10, 2)
    assert dictionaries.report.problems == []


@pytest.mark.parametrize(
    ("text", "on", "events"),
    [
        # agents after the actor code, on both sides
        ("Uzbek militia arrested Kazakh students.", dt.date(2018, 5, 1), [("UZBCOP", "173", "KAZEDU")]),
        # an agent before the actor code
        ("An Uzbek rights watchdog criticized Kazakhstan.", dt.date(2018, 5, 1), [("NGOUZB", "111", "KAZ")]),
        # a paired code: the meeting both ways
        (
            "Mirziyoyev met the Kazakh foreign minister.",
            dt.date(2018, 5, 1),
            [("UZBGOV", "040", "KAZGOVFRM"), ("KAZGOVFRM", "040", "UZBGOV")],
        ),
        # dated codes: prime minister in 2010, no office in 1995
        ("Mirziyoyev criticized Kazakhstan.", dt.date(2010, 3, 1), [("UZBGOV", "111", "KAZ")]),
        ("Mirziyoyev criticized Kazakhstan.", dt.date(1995, 3, 1), [("UZBELI", "111", "KAZ")]),
        # the null code: a pattern that codes nothing
        ("Kazakhstan criticized the Uzbek levy.", dt.date(2018, 5, 1), []),
        # dictionary phrases need a capital: "uzbekistan" in lower case is not the country
        ("uzbekistan criticized kazakhstan.", dt.date(2018, 5, 1), []),
        # an agent takes its country from an "in" complement, or from the agent it is conjoined with
        ("Lawmakers in Tashkent criticized Kazakhstan.", dt.date(2018, 5, 1), [("UZBLEG", "111", "KAZ")]),
        ("Uzbek television and militia criticized Kazakhstan.", dt.date(2018, 5, 1), [("UZBMED", "111", "KAZ"), ("UZBCOP", "111", "KAZ")]),
        # a dictionary agent is matched in the forms it lists: MILITIA {} has no plural "militias"
        ("Kazakhstan criticized Uzbek militias.", dt.date(2018, 5, 1), [("KAZ", "111", "UZB")]),
    ],
)
def test_petrarch_load_coder_codes_with_the_dictionaries(coder, text, on, events):
    assert code(coder, text, on) == events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # a dictionary keeps its own code for a future act: PETRARCH has no intent modality
        ("Uzbekistan will contribute funds to Kazakhstan.", [("UZB", "070", "KAZ")]),
        # FLEW is that form of "fly" only
        ("Mirziyoyev flew to Kazakhstan on Monday.", [("UZBGOV", "042", "KAZ"), ("KAZ", "043", "UZBGOV")]),
        ("Kazakhstan criticized the closure of schools in Tashkent.", [("KAZ", "111", "UZB")]),
        # "- % * TALKS": a compound subject acts among itself, though the verb has an object
        ("Uzbekistan and Kazakhstan postponed their talks.", [("UZB", "120", "KAZ"), ("KAZ", "120", "UZB")]),
        # "(ON DRAFT)": the preposition with the words that open its object
        ("Uzbekistan acted on a draft with Kazakhstan.", [("UZB", "057", "KAZ")]),
        ("Uzbekistan acted on a new draft with Kazakhstan.", [("UZB", "100", "KAZ")]),
    ],
)
def test_petrarch_load_coder_follows_petrarch_for_dictionary_entries(coder, text, events):
    assert code(coder, text) == events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # a pronoun subject of a complement clause is the subject of the clause it complements
        ("Uzbekistan signalled that it would act with Kazakhstan.", [("UZB", "100", "KAZ")]),
        # the passive subject of "was seen to" does the act
        ("Mirziyoyev was seen to criticize Kazakhstan.", [("UZBGOV", "111", "KAZ")]),
        # an agent shared by conjoined names: one actor per country
        ("Lawmakers of Uzbekistan and Kazakhstan criticized Russia.", [("UZBLEG", "111", "RUS"), ("KAZLEG", "111", "RUS")]),
        ("The Uzbek and Kazakh foreign ministers criticized Russia.", [("UZBGOVFRM", "111", "RUS"), ("KAZGOVFRM", "111", "RUS")]),
    ],
)
def test_petrarch_load_coder_reads_roles_across_clauses_and_conjuncts(coder, text, events):
    assert code(coder, text) == events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("Uzbek militia arrested Kazakh students after the Gold Cup match.", []),  # the whole story
        ("Uzbek militia arrested Kazakh students. Kazakhstan criticized Uzbekistan over cricket scores.", [("UZBCOP", "173", "KAZEDU")]),
    ],
)
def test_petrarch_load_coder_applies_discards(coder, text, events):
    assert code(coder, text) == events


@pytest.fixture(scope="module")
def stacked(folder, nlp):
    return load_dictionaries(**dictionary_files(folder), base_lexicon=load_lexicon(), base_actors=load_actor_data(), nlp=nlp)


@pytest.mark.parametrize("lemma", ["meet", "criticize", "eulogize"])
def test_petrarch_load_our_lexicon_codes_the_verbs_it_has(stacked, lemma):
    ours = load_lexicon()
    origin = {"ours" if not e.id.startswith("test.verbs.txt:") else "dictionary" for e in stacked.lexicon.candidates("verb", lemma)}
    assert origin == ({"ours"} if lemma in ours.lemmas("verb") else {"dictionary"})


@pytest.mark.parametrize(
    ("text", "event_code"),
    [
        ("Mirziyoyev will meet the Kazakh foreign minister.", "036"),  # our entry for "meet": the intent to meet
        ("Mirziyoyev will eulogize the Kazakh foreign minister.", "051"),  # the dictionary's: its own code
    ],
)
def test_petrarch_load_each_entry_keeps_the_conventions_of_its_source(stacked, nlp, text, event_code):
    assert {c for _, c, _ in code(DictionaryCoder(stacked, nlp), text)} == {event_code}


def test_petrarch_load_our_agent_words_keep_their_codes(stacked):
    ours = load_actor_data().agents
    assert stacked.actor_data.agents["foreign minister"] == ours["foreign minister"]
    assert "rights watchdog" not in ours and stacked.actor_data.agents["rights watchdog"] == "NGO~"


def test_petrarch_load_strict_loading_stops_at_a_malformed_line(tmp_path, nlp):
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("SOMEONE\n\t[ABCGOV 9108223-911221]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=rf"^{bad}:2: "):
        load_dictionaries(actors=[bad], nlp=nlp)
    assert [p.line for p in load_dictionaries(actors=[bad], nlp=nlp, strict=False).report.problems] == [2]


def test_petrarch_load_coder_version_names_the_dictionary_files(tmp_path, nlp, coder, dictionaries):
    changed = tmp_path / "test.discards.txt"
    changed.write_text(DISCARDS + "+GOLF\n", encoding="utf-8")
    other = load_dictionaries(discards=[changed], nlp=nlp).report.digest
    assert coder.version.endswith(f"+petrarch-{dictionaries.report.digest}")
    assert other != dictionaries.report.digest
