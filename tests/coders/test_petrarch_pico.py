"""PETRARCH 2's coding ontology: a negated act is coded as its counterpart, as PETRARCH 2 codes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coders.petrarch.pico import negations
from schemas.errors import DictionaryError

ONTOLOGY = """# values in hex; a negated act is the value shifted by 0xFFFF
010:0x1000#Make Public Statement
011:0x1000-0xFFFF
050:0x0080#DiplomaticCoop
110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove
190:0x00A0#Fight
---:0
"""


def test_a_negated_act_is_its_counterpart_in_the_ontology(tmp_path: Path) -> None:
    path = tmp_path / "pico.txt"
    path.write_text(ONTOLOGY)
    assert negations(path) == {"010": "011", "011": "010", "050": "110", "110": "050"}  # 190 has none


def test_a_line_that_is_no_code_and_value_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pico.txt"
    path.write_text("050:0x0080\n110 0x1007f\n")
    with pytest.raises(DictionaryError, match=r"pico.txt:2.*CODE:VALUE"):
        negations(path)


@pytest.mark.parametrize(("text", "expected"), [("did not clash", "050"), ("clashed", "110")])
def test_dictionaries_with_an_ontology_code_a_negated_clash_as_cooperation(tmp_path: Path, nlp, text: str, expected: str) -> None:
    from coders.ingest import document_from_text
    from coders.petrarch.load import DictionaryCoder, load_dictionaries

    (tmp_path / "verbs.txt").write_text("--- CLASH  [110] ---\nCLASH\n+CLASHED\n- * (WITH)  [110]\n")
    (tmp_path / "actors.txt").write_text("NORWAY [NOR]\nSWEDEN [SWE]\n")
    (tmp_path / "pico.txt").write_text(ONTOLOGY)
    loaded = load_dictionaries(verbs=[tmp_path / "verbs.txt"], actors=[tmp_path / "actors.txt"], pico=[tmp_path / "pico.txt"], nlp=nlp)
    coder = DictionaryCoder(loaded, nlp=nlp)
    document = document_from_text(f"Norway {text} with Sweden.", path="case", default_date=dt.date(2020, 1, 1))
    events = [(e.source_actor, e.target_actor, e.event_code) for c in coder.code([document]) for e in c.events]
    assert events == [("NOR", "SWE", expected)]
