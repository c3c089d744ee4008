"""The CAMEO event table: its contents, the QuadClass rule, and errors on malformed table files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from coders.cameo import QUAD_CLASS_RULE, CameoCode, cameo_table, load_cameo_table, lookup, quad_class
from schemas.errors import LexiconError
from schemas.records import QuadClass

SHARED_CAMEO = Path(__file__).resolve().parents[2] / ".." / "shared" / "cameo"
HEADER = "code,name,goldstein\n"


@pytest.mark.parametrize(
    ("code", "name", "goldstein"),
    [
        ("01", "Make public statement", 0.0),
        ("010", "Make statement, not specified below", 0.0),
        ("015", "Acknowledge or claim responsibility", 0.0),
        ("016", "Deny responsibility", -2.0),
        ("036", "Express intent to meet or negotiate", 4.0),
        ("0311", "Express intent to cooperate economically", 5.2),
        ("042", "Make a visit", 1.9),
        ("043", "Host a visit", 2.8),
        ("046", "Engage in negotiation", 7.0),
        ("051", "Praise or endorse", 3.4),
        ("057", "Sign formal agreement", 8.0),
        ("061", "Cooperate economically", 6.4),
        ("071", "Provide economic aid", 7.4),
        ("0874", "Retreat or surrender militarily", 10.0),
        ("111", "Criticize or denounce", -2.0),
        ("124", "Refuse to yield, not specified below", -4.0),
        ("130", "Threaten, not specified below", -4.4),
        ("163", "Impose embargo, boycott, or sanctions", -8.0),
        ("165", "Halt mediation", -6.5),
        ("176", "Attack cybernetically", -7.0),
        ("173", "Arrest, detain, or charge with legal action", -5.0),
        ("190", "Use conventional military force, not specified below", -10.0),
        ("1952", "Employ remotely piloted aerial munitions", -10.0),
        ("2042", "Detonate nuclear weapons", -10.0),
    ],
)
def test_lookup_gives_name_and_goldstein(code: str, name: str, goldstein: float) -> None:
    entry = lookup(code)
    assert (entry.code, entry.name, entry.goldstein) == (code, name, goldstein)


def test_cameo_table_has_twenty_roots_each_with_subcodes() -> None:
    table = cameo_table()
    roots = sorted(code for code in table if len(code) == 2)
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    for root in roots:
        assert f"{root}0" in table, f"root {root} lacks its 'not specified below' code"


def test_cameo_table_every_subcode_has_its_parent() -> None:
    table = cameo_table()
    assert all(code[:-1] in table for code in table if len(code) > 2)
    assert {len(code) for code in table} == {2, 3, 4}


def test_cameo_table_is_loaded_once() -> None:
    assert cameo_table() is cameo_table()


@pytest.mark.parametrize(
    ("root", "expected"),
    [(f"{n:02d}", QuadClass.VERBAL_COOPERATION) for n in range(1, 6)]
    + [(f"{n:02d}", QuadClass.MATERIAL_COOPERATION) for n in range(6, 9)]
    + [(f"{n:02d}", QuadClass.VERBAL_CONFLICT) for n in range(9, 14)]
    + [(f"{n:02d}", QuadClass.MATERIAL_CONFLICT) for n in range(14, 21)],
)
def test_quad_class_follows_root(root: str, expected: QuadClass) -> None:
    assert QUAD_CLASS_RULE == "gdelt-1"
    assert quad_class(root) == expected
    assert all(entry.quad_class == expected for entry in cameo_table().values() if entry.root == root)


@pytest.mark.parametrize(("code", "root", "quad"), [("042", "04", 1), ("0874", "08", 2), ("1125", "11", 3), ("193", "19", 4)])
def test_cameo_code_root_and_quad_class(code: str, root: str, quad: int) -> None:
    entry = lookup(code)
    assert (entry.root, entry.quad_class) == (root, quad)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("42", "did you mean '042'"),
        ("211", "did you mean '0211'"),
        ("999", "unknown CAMEO code '999'"),
        ("0429", "unknown CAMEO code '0429'"),
        ("", "unknown CAMEO code ''"),
    ],
)
def test_lookup_rejects_unknown_or_unpadded_codes(code: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        lookup(code)


@pytest.mark.parametrize("code", ["1", "42", "00", "21", "0a2", "04210", " 042"])
def test_cameo_code_rejects_malformed_codes(code: str) -> None:
    with pytest.raises(ValidationError):
        CameoCode(code=code, name="Anything", goldstein=0.0)


def test_cameo_code_is_frozen() -> None:
    with pytest.raises(ValidationError):
        lookup("042").goldstein = 0.0  # type: ignore[misc]


def test_load_cameo_table_reads_a_small_table(tmp_path: Path) -> None:
    path = tmp_path / "cameo.csv"
    path.write_text(HEADER + '04,Consult,1.0\n042,Make a visit,1.9\n044,"Meet at a ""third"" location",2.5\n', encoding="utf-8")
    table = load_cameo_table(path)
    assert list(table) == ["04", "042", "044"]
    assert table["044"].name == 'Meet at a "third" location'


@pytest.mark.parametrize(
    ("body", "line", "field", "message"),
    [
        ("04,Consult,1.0\n042,Make a visit,high\n", 3, "goldstein", "valid number"),
        ("04,Consult,1.0\n042,Make a visit,12\n", 3, "goldstein", "less than or equal to 10"),
        ("04,Consult,1.0\n42,Make a visit,1.9\n", 3, "code", "leading zero"),
        ("21,Not a root,1.0\n", 2, "code", "01 to 20"),
        ("04,Consult,1.0\n042,,1.9\n", 3, "name", "at least 1 character"),
        ("04,Consult,1.0\n04,Consult again,1.0\n", 3, "code", "duplicate code '04', first given on line 2"),
        ("04,Consult,1.0\n0421,Orphan,1.0\n", 3, "code", "'042' is not in the table"),
        ("042,Make a visit,1.9\n", 2, "code", "'04' is not in the table"),
        ("04,Consult,1.0\n042,Make a visit\n", 3, None, "expected 3 fields"),
    ],
)
def test_load_cameo_table_names_file_line_and_field(tmp_path: Path, body: str, line: int, field: str | None, message: str) -> None:
    path = tmp_path / "cameo.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as caught:
        load_cameo_table(path)
    label = f" [{field}]" if field else ""
    assert str(caught.value).startswith(f"{path}:{line}{label} ")
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), line, field)


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty"), ("code,title,weight\n04,Consult,1.0\n", "header must be"), (HEADER, "no codes")],
)
def test_load_cameo_table_rejects_bad_headers_and_empty_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "cameo.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_cameo_table(path)


def test_load_cameo_table_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read the CAMEO table"):
        load_cameo_table(tmp_path / "absent.csv")


def _shared(name: str) -> Path:
    path = SHARED_CAMEO / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (../shared beside the project root holds GDELT's CAMEO files)")
    return path


# The shared JSON numbers "Conduct suicide, car, or other non-military bombing" 1883; CAMEO's code is 183.
GOLDSTEIN_JSON_ERRATA = {"1883": "183"}


@pytest.mark.seeds
def test_cameo_table_has_every_code_of_gdelt_goldstein_json() -> None:
    reference = json.loads(_shared("cameo_goldstein.json").read_text(encoding="utf-8"))
    codes = [GOLDSTEIN_JSON_ERRATA.get(code, code) for code in reference]
    missing = sorted(code for code in codes if code not in cameo_table())
    assert codes and not missing, f"codes in the shared Goldstein JSON but not ours: {missing}"


@pytest.mark.seeds
@pytest.mark.xfail(
    strict=True,
    reason="the shared cameo_goldstein.json departs from GDELT's published CAMEO.goldsteinscale.txt on most "
    "codes (e.g. 042 3.0 for 1.9, 173 -7.5 for -5.0, 190 -8.0 for -10.0); ours follows the published table",
)
def test_cameo_table_goldstein_matches_shared_json() -> None:
    reference = json.loads(_shared("cameo_goldstein.json").read_text(encoding="utf-8"))
    table = cameo_table()
    differing = {
        code: (table[code].goldstein, float(entry["value"]))
        for code, entry in reference.items()
        if code in table and table[code].goldstein != float(entry["value"])
    }
    assert not differing, f"Goldstein values (ours, shared JSON's) that differ: {differing}"


@pytest.mark.seeds
def test_cameo_table_has_every_gdelt_event_code() -> None:
    lines = _shared("LOOKUP-CAMEO.eventcodes.txt").read_text(encoding="utf-8").splitlines()
    codes = [line.split("\t")[0].strip() for line in lines[1:] if line.strip()]
    missing = sorted(code for code in codes if code not in cameo_table())
    assert codes and not missing, f"codes in GDELT's event code list but not ours: {missing}"
