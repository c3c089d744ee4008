"""Where events happened: the gazetteer, the placer and a table of sentences each with its place.

The table is tests/data/place_cases.toml: every event a case's sentence codes must carry the case's
place, or no place where the case names none (no place is better than a wrong one).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from coders.gazetteer import GeoType, fold, read_places
from schemas.errors import LexiconError

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "place_cases.toml"
DEFAULT_DATE = dt.date(2023, 6, 1)


def load_cases() -> list[dict]:
    """The cases of the table, as written."""
    with CASES_FILE.open("rb") as f:
        return tomllib.load(f)["case"]


def case_params() -> list:
    """One pytest.param per case; a case with `skip` says why the gazetteer cannot place it yet."""
    return [
        pytest.param(case, id=case["id"], marks=[pytest.mark.skip(reason=case["skip"])] if "skip" in case else []) for case in load_cases()
    ]


def code_case(coder, case: dict):
    """The events the coder takes from the case's text."""
    from coders.ingest import document_from_text

    document = document_from_text(case["text"], path="case", default_date=case.get("date", DEFAULT_DATE))
    return [event for coded in coder.code([document]) for event in coded.events]


def test_place_cases_are_well_formed():
    cases = load_cases()
    assert len(cases) >= 60
    assert len({c["id"] for c in cases}) == len(cases), "case ids must be unique"
    assert sum(1 for c in cases if not c["place"]) >= 8, "the table needs sentences that name no place"
    for case in cases:
        if case["place"]:
            assert len(case["country"]) == 3 and case["type"] in {t.value for t in GeoType}, case["id"]


@pytest.mark.slow
@pytest.mark.parametrize("case", case_params())
def test_place_cases_place_every_event(coder, case):
    events = code_case(coder, case)
    assert events, f"the sentence codes no event to place: {case['text']}"
    for event in events:
        if not case["place"]:
            assert event.action_geo_name is None, f"invented {event.action_geo_name!r} for: {case['text']}"
            assert event.action_geo_lat is None and event.action_geo_type is None
            continue
        assert (event.action_geo_name, event.action_geo_country, event.action_geo_type) == (case["place"], case["country"], case["type"]), (
            case["text"]
        )
        assert event.action_geo_lat is not None and event.action_geo_lon is not None
        if "rule" in case:
            assert event.action_geo_rule == case["rule"], case["text"]


def test_gazetteer_folds_spellings():
    assert fold("Mazār-e Sharīf") == fold("Mazar-e Sharif") == "mazar e sharif"
    assert fold("Qo‘qon") == "qo'qon"


def test_gazetteer_tells_homonyms_apart(coder):
    gazetteer = coder.placer.gazetteer
    moscow = gazetteer.lookup("Moscow")
    assert {p.iso3 for p in moscow} >= {"RUS", "USA"}
    assert gazetteer.lookup("Georgia")[0].geo_type == GeoType.COUNTRY
    assert gazetteer.lookup("Samarkand")[0].iso3 == "UZB", "a city's own name outranks another's alternate"
    assert gazetteer.lookup("Sokh")[0].adm1 == "UZ03", "places.csv adds what GeoNames' city list lacks"
    assert not any(p.iso3 == "MAR" for p in gazetteer.lookup("White House")), "another country's seat of power is no alternate"


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("Nowhere,,XYZ,,123.0,10.0,,world_city,0,", r"places.csv:2 \[lat/lon/iso3\]"),
        ("Somewhere,,KAZ,,43.0,70.0,,village,0,", r"places.csv:2 \[VILLAGE\]"),
    ],
)
def test_places_file_rejects_a_bad_row(tmp_path, row, error):
    bad = tmp_path / "places.csv"
    bad.write_text("name,alternates,iso3,adm1,lat,lon,geonames_id,kind,population,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=error):
        list(read_places(bad))


def test_gazetteer_is_built_once_then_read_from_its_cache_and_rebuilt_when_broken(tmp_path, monkeypatch):
    from coders.gazetteer import cache_path, load_gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    build = load_gazetteer.__wrapped__  # past the per-process cache
    first = build()
    assert cache_path().is_relative_to(tmp_path) and cache_path().exists()
    assert build().lookup("Osh") == first.lookup("Osh")
    cache_path().write_bytes(b"not a pickle")
    assert build().lookup("Batken")[0].iso3 == "KGZ"


def test_place_words_must_be_lowercase_single_words(tmp_path):
    from coders.places import PLACE_WORDS_FILE, place_words

    bad = tmp_path / "place_words.toml"
    good = PLACE_WORDS_FILE.read_text(encoding="utf-8")
    bad.write_text(good.replace('"visit", "arrive"', '"Visit", "arrive"', 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"place_words.toml.* \[destination_verbs\] must hold lowercase single words, not 'Visit'"):
        place_words.__wrapped__(bad)
