"""The PETRARCH validation suites: a made-up suite pins the runner; the shared suites measure the coder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coders.petrarch.validate import read_suite, strip_comments, validate
from schemas.errors import DictionaryError
from tests.coders.test_petrarch_load import write_dictionaries
from tests.conftest import shared_path

SUITE = """\
<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!-- a comment holding <!-- a nested one --> and more -->
<Environment>
    <Verbfile>test.verbs.txt</Verbfile>
    <Actorfile>test.actors.txt</Actorfile>
    <Agentfile>test.agents.txt</Agentfile>
    <Discardfile>test.discards.txt</Discardfile>
    <Include>DEMO AGENT ERROR</Include>
</Environment>
<Sentences>
<Config option="require_dyad" value="false" />
<Sentence category="DEMO" date="20190315" id="DEMO-01" evaluate="true">
<EventCoding eventcode="173" sourcecode="UZBCOP" targetcode="KAZEDU" />
<PLEvent {"event": "173", "source": [{"code": "UZB"}]}>
<Text>
Uzbek militia arrested
Kazakh students.
</Text>
</Sentence>
<Sentence category="DEMO" date="20190315" id="DEMO-02">
<EventCoding eventcode="040" sourcecode="UZBGOV" targetcode="KAZGOVFRM" />
<EventCoding eventcode="040" sourcecode="KAZGOVFRM" targetcode="UZBGOV" />
<EventCoding eventcode="040" sourcecode="KAZ" targetcode="UZB" />
<Text>Mirziyoyev met the Kazakh foreign minister.</Text>
</Sentence>
<Sentence category="AGENT" date="190315" id="AGENT-01">
<EventCoding noevents="True" />
<Text>Kazakhstan criticized the Uzbek levy.</Text>
</Sentence>
<Sentence category="AGENT" date="20190315" id="AGENT-02">
<EventCoding noevents="True" />
<Text>Mirziyoyev criticized Kazakhstan.</Text>
</Sentence>
<Sentence category="ERROR" date="20190315" id="DISCARD-01">
<EventCoding error="storydiscard" />
<Text>Uzbek militia arrested Kazakh students after the Gold Cup match.</Text>
</Sentence>
<Sentence category="ERROR" date="20190315" id="ERROR-01">
<EventCoding error="bad_input_parse" />
<Text>Uzbek militia arrested Kazakh students.</Text>
</Sentence>
<Sentence category="DEMO" date="20190315" id="DEMO-03" evaluate="false">
<EventCoding eventcode="010" sourcecode="UZB" targetcode="KAZ" />
<Text>Uzbekistan said nothing.</Text>
</Sentence>
<Sentence category="PARSING" date="20190315" id="PARSING-01">
<EventCoding eventcode="173" sourcecode="UZBCOP" targetcode="KAZEDU" />
<Text>Uzbek militia arrested Kazakh students.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def write_suite(folder: Path) -> Path:
    """The made-up suite and its dictionaries in a folder; the suite's path."""
    write_dictionaries(folder)
    suite = folder / "suite.xml"
    suite.write_text(SUITE, encoding="utf-8")
    return suite


def test_petrarch_validate_strip_comments_handles_nesting_and_plevent_lines():
    text = 'a<!-- x <!-- y --> z -->b\n<PLEvent {"event": "040"}>\nc'
    assert strip_comments(text) == "ab\n\nc"


def test_petrarch_validate_reads_environment_and_records(tmp_path):
    suite = read_suite(write_suite(tmp_path))
    assert {kind: [p.name for p in paths] for kind, paths in suite.files.items()} == {
        "verbs": ["test.verbs.txt"],
        "actors": ["test.actors.txt"],
        "agents": ["test.agents.txt"],
        "discards": ["test.discards.txt"],
        "pico": [],
    }
    assert suite.include == ["DEMO", "AGENT", "ERROR"] and suite.config_options == ["require_dyad"]
    first = suite.records[0]
    assert (first.id, first.category, str(first.date), first.text) == (
        "DEMO-01",
        "DEMO",
        "2019-03-15",
        "Uzbek militia arrested Kazakh students.",
    )
    assert first.expected == {("UZBCOP", "KAZEDU", "173")}
    assert [(r.id, r.evaluate, r.error) for r in suite.records[2:]] == [
        ("AGENT-01", True, None),
        ("AGENT-02", True, None),
        ("DISCARD-01", True, "storydiscard"),
        ("ERROR-01", True, "bad_input_parse"),
        ("DEMO-03", False, None),
        ("PARSING-01", True, None),
    ]


def test_petrarch_validate_not_a_suite_is_an_error(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<Validation><Sentence></Validation>", encoding="utf-8")
    with pytest.raises(DictionaryError, match="not a readable validation file"):
        read_suite(path)


@pytest.fixture(scope="module")
def result(tmp_path_factory, nlp):
    return validate(write_suite(tmp_path_factory.mktemp("suite")), nlp=nlp)


@pytest.mark.parametrize(
    ("category", "line"),
    [
        ("DEMO", "records=2 correct=1 expected=4 found=3 extra=0"),  # the third event of DEMO-02 is missed
        ("AGENT", "records=2 correct=1 expected=0 found=0 extra=1"),  # AGENT-02 codes an event none expects
        ("ERROR", "records=1 correct=1 expected=0 found=0 extra=0"),  # the story discard is met
    ],
)
def test_petrarch_validate_tallies_each_category(result, category, line):
    assert result.by_category()[category].line() == line


def test_petrarch_validate_report_ends_with_the_totals(result):
    report = result.report()
    assert report[-1] == "records=5 correct=3 expected=4 found=3 extra=1"
    assert any('left out: 1 records (evaluate="false")' in line for line in report)
    # as PETRARCH's own runner, a category the suite's <Include> does not name is not coded
    assert any("left out: 1 records (category PARSING not in the suite's <Include>" in line for line in report)
    assert "PARSING" not in result.by_category()
    assert any("<Config> options not applied: require_dyad" in line for line in report)


# -- the shared suites and the gold codings (slow) ----------------------------------------------------

# The v2_02 suite's target (issue 16): at least 83% of the expected events found, extra events at
# most 8.5% of those found. The older suite's figures are levels reached, not targets: many of its codes
# are WEIS-era, and it expects PETRARCH-1's reading of words before the verb. Each run's report
# is printed; README.md ("PETRARCH dictionaries") says what falls short and why.
V2_02_FOUND, V2_02_EXTRA = 254, 21  # 83% of 305 expected in 245 records; measured 264 found, 21 extra
UNIT_FOUND, UNIT_EXTRA = 170, 70  # of 355 expected in 278 records; measured 180 found, 65 extra
PHOENIX_F1 = 0.15  # Phoenix dictionaries alone on the gold codings: measured 0.25 (our lexicon: 0.909)


def _run(path: Path):
    result = validate(path)
    print("\n".join(result.report()))
    return result.total()


@pytest.mark.slow
def test_petrarch_validate_v2_02_suite_with_its_own_dictionaries():
    total = _run(shared_path("petrarch", "v2_02", "PETR_Validate_records_2_02.xml"))
    assert (total.records, total.expected) == (245, 305)
    assert total.found >= V2_02_FOUND and total.extra <= V2_02_EXTRA
    assert total.found >= 0.83 * total.expected and total.extra <= 0.085 * total.found


@pytest.mark.slow
def test_petrarch_validate_unit_test_suite_with_its_own_dictionaries():
    total = _run(shared_path("petrarch", "PETR.UnitTest.records.xml"))
    assert (total.records, total.expected) == (278, 355)
    assert total.found >= UNIT_FOUND and total.extra <= UNIT_EXTRA


@pytest.mark.slow
@pytest.mark.seeds
def test_petrarch_validate_phoenix_dictionaries_against_gold_beside_our_lexicon(tmp_path, coder):
    from coders.petrarch.load import DictionaryCoder, load_dictionaries
    from tests.coders.test_gold import code_gold_documents

    gold = shared_path("gold", "seed_events.dev.jsonl")
    scorer = shared_path("tools", "score_gold.py")
    petrarch = shared_path("petrarch")
    files = {
        "verbs": [petrarch / "CAMEO.2.0.txt"],
        "actors": [petrarch / f"Phoenix.{kind}.actors.txt" for kind in ("Countries", "International", "MilNonState")],
        "agents": [petrarch / "Phoenix.agents.txt"],
        "discards": [petrarch / "Phoenix.discards.txt"],
    }
    phoenix = DictionaryCoder(load_dictionaries(**files, strict=False))
    scores = {}
    for name, which in [("ours", coder), ("phoenix", phoenix)]:
        events = code_gold_documents(which, gold, shared_path("seeds"))
        predicted = tmp_path / f"{name}.jsonl"
        predicted.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
        out = subprocess.run([sys.executable, str(scorer), str(gold), str(predicted), "--json"], capture_output=True, text=True, check=True)
        scores[name] = json.loads(out.stdout)
    print(json.dumps({name: {k: s[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")} for name, s in scores.items()}))
    assert scores["phoenix"]["f1"] >= PHOENIX_F1
    assert scores["ours"]["f1"] > scores["phoenix"]["f1"]
