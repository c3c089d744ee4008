"""scripts/convert_phoenix_actors.py on small dictionaries written here: facts kept, titles and common words left out."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from coders.actor_data import read_organizations, read_people

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "convert_phoenix_actors.py"

COUNTRIES = """
KAZAKHSTAN_ [KAZ]
+KAZAKH_

ZHANIBEK_ORAZBAYEV_  # CountryInfo.txt
+PRESIDENT_ZHANIBEK_ORAZBAYEV_
+ORAZBAYEV_
+MAJOR_
	[KAZELI 200101-250101]
	[KAZGOV 991231-080507]
	[KAZGOV >080508]
KASSYM-JOMART_TOKAYEV_  # CountryInfo.txt
	[KAZGOV 190320-190612]
TOLEGEN_AL_QUDSI_  # CountryInfo.txt
	[KAZMIL 050101-100101]
"""
INTERNATIONAL = """
STEPPE_COOPERATION_COUNCIL_ [IGOCASSCC]
+SCC_
ANNA_BEKOVA_  [IGOCASSCC 100101-121231] # IGOrulers.txt
"""
MILNONSTATE = """
ZHETISU_LIBERATION_FRONT_ [KAZREB]
+FRONT_FOR_THE_LIBERATION_OF_ZHETISU_
ARAL_REGION_ [KAZXYZ]
17_NOVEMBER_ [KAZINS]
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, out = tmp_path_factory.mktemp("phoenix"), tmp_path_factory.mktemp("out")
    for name, text in [("Countries", COUNTRIES), ("International", INTERNATIONAL), ("MilNonState", MILNONSTATE)]:
        (source / f"Phoenix.{name}.actors.txt").write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("convert_phoenix_actors", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    assert module.main(["--source", str(source), "--out", str(out)]) == 0
    return out


def rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_the_tables_name_the_source_and_its_licence(converted: Path) -> None:
    for name in ("world_people.csv", "world_organizations.csv"):
        header = converted.joinpath(name).read_text(encoding="utf-8").split("\n", 3)[:3]
        assert "Open Event Data Alliance" in " ".join(header) and "MIT" in " ".join(header)


def test_people_keep_names_codes_and_dates_without_titles_or_common_words(converted: Path) -> None:
    people = {r["name"]: r for r in rows(converted / "world_people.csv")}
    roles = [
        (r["country"], r["role"], r["start"], r["end"]) for r in rows(converted / "world_people.csv") if r["name"] == "Zhanibek Orazbayev"
    ]
    # two-digit years the dictionaries read as 2020 and 2025 are 1920 and 1925: they were made in 2014
    assert roles == [
        ("KAZ", "ELI", "1920-01-01", "1925-01-01"),
        ("KAZ", "GOV", "1999-12-31", "2008-05-07"),
        ("KAZ", "GOV", "2008-05-08", ""),
    ]
    assert people["Zhanibek Orazbayev"]["aliases"].split("|") == ["Orazbayev"]  # no "President ...", no "Major"
    assert "Tolegen al-Qudsi" in people["Tolegen Al Qudsi"]["aliases"].split("|")
    assert "Kassym-Jomart Tokayev" not in people  # a person of our own people.csv: ours win


def test_organisations_keep_plain_codes_and_several_word_names(converted: Path) -> None:
    organizations = {r["code"]: r["names"].split("|") for r in rows(converted / "world_organizations.csv")}
    assert organizations["KAZREB"] == ["Zhetisu Liberation Front", "Front for the Liberation of Zhetisu"]
    assert organizations["IGOCASSCC"] == ["Steppe Cooperation Council"]  # one word ("SCC") may be a common one
    assert "KAZXYZ" not in organizations  # a region of a country, not an actor
    assert "KAZINS" not in organizations  # a name that is a date is written far more often as a date


def test_the_generated_tables_load_and_a_person_in_an_organisation_has_its_code(converted: Path) -> None:
    organizations = read_organizations(converted / "world_organizations.csv")
    people = {p.name: p for p in read_people(converted / "world_people.csv", organizations)}
    assert people["Anna Bekova"].code_on(dt.date(2011, 6, 1)) == "IGOCASSCC"
    assert people["Zhanibek Orazbayev"].code_on(dt.date(2005, 6, 1)) == "KAZGOV"
