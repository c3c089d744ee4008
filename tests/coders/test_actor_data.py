"""The actor data: places, organisations, people with dated roles, agent words, and errors on bad files."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pycountry
import pytest
from pydantic import BaseModel, ConfigDict, Field

from coders.actor_data import (
    DATA_DIR,
    ActorData,
    Office,
    Organization,
    Person,
    Place,
    Role,
    country_codes,
    dated,
    iso_country_codes,
    load_actor_data,
)
from coders.datafiles import read_csv
from schemas.errors import LexiconError

PEOPLE_REVISED = dt.date(2025, 12, 31)
"""The last day people.csv speaks for: an office with an empty end is held until then."""


class OfficeGap(BaseModel):
    """A span when a national office has no holder in people.csv, and why (a row of people_gaps.csv)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str = Field(pattern=r"^[A-Z]{3}$")
    office: Office
    start: dt.date
    end: dt.date
    reason: str = Field(min_length=1)


def office_gaps(
    people: Sequence[Person], country: str, office: Office, since: dt.date, until: dt.date = PEOPLE_REVISED
) -> list[tuple[dt.date, dt.date]]:
    """The spans (first and last day) from `since` to `until` when no one in `people` held a country's office."""
    spans = sorted(
        (role.start or dt.date.min, role.end or until)
        for person in people
        for role in person.roles
        if role.country == country and role.office == office
    )
    gaps: list[tuple[dt.date, dt.date]] = []
    day = since
    for start, end in spans:
        if day > until:
            break
        if start > day:
            gaps.append((day, min(start - dt.timedelta(days=1), until)))
        if end >= day:
            day = end + dt.timedelta(days=1)
    if day <= until:
        gaps.append((day, until))
    return gaps


def read_office_gaps(path: Path) -> list[OfficeGap]:
    """Read people_gaps.csv, the known spans without a holder; LexiconError naming file:line on a bad row."""
    gaps = []
    for line, gap in read_csv(path, OfficeGap):
        if gap.country not in country_codes():
            raise LexiconError(f"unknown country code {gap.country!r}", path=str(path), line=line, field="country")
        if gap.end < gap.start:
            raise LexiconError(f"end {gap.end} is before start {gap.start}", path=str(path), line=line, field="end")
        gaps.append(gap)
    return gaps


COUNTRIES = "iso3,names,adjectives,capital,cities,start,end\nUZB,Uzbek SSR,Uzbek|Uzbeks,Tashkent,Samarkand,,\nKAZ,,Kazakh,Astana,Almaty,,\n"
ORGANIZATIONS = "code,names,start,end\nIGOUNO,UN|United Nations,,\n"
PEOPLE = "name,aliases,country,role,office,title,start,end\nIslam Karimov,Karimov,UZB,GOV,head-of-state,President,1990-03-24,2016-09-02\n"
AGENTS = "phrase,agent\npresident,GOV\n"


@pytest.fixture(scope="module")
def data() -> ActorData:
    return load_actor_data()


def person(data: ActorData, name: str) -> Person:
    return next(p for p in data.people if p.name == name)


def write_folder(folder: Path, **files: str) -> Path:
    """A minimal valid actor-data folder, with any file replaced by the text given."""
    texts = {"countries": COUNTRIES, "organizations": ORGANIZATIONS, "people": PEOPLE, "agents": AGENTS} | files
    for stem, text in texts.items():
        (folder / f"{stem}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Islam Karimov", "2008-02-06", "UZBGOV"),
        ("Islam Karimov", "2016-09-02", "UZBGOV"),
        ("Islam Karimov", "2017-01-01", "UZBELI"),
        ("Islam Karimov", "1985-01-01", None),
        ("Vladimir Putin", "2001-06-01", "RUSGOV"),
        ("Vladimir Putin", "2010-06-01", "RUSGOV"),
        ("Vladimir Putin", "2020-06-01", "RUSGOV"),
        ("Vladimir Putin", "1999-01-01", "RUSSPY"),
        ("Dmitry Medvedev", "2006-06-01", "RUSGOV"),
        ("Nursultan Nazarbayev", "2006-09-11", "KAZGOV"),
        ("Kassym-Jomart Tokayev", "2003-06-01", "KAZGOV"),
        ("Kassym-Jomart Tokayev", "2009-06-01", "KAZLEG"),
        ("Kassym-Jomart Tokayev", "2012-06-01", "KAZELI"),
        ("Kassym-Jomart Tokayev", "2020-06-01", "KAZGOV"),
        ("Shavkat Mirziyoyev", "2010-06-01", "UZBGOV"),
        ("Shavkat Mirziyoyev", "2000-01-01", None),
        ("Karim Massimov", "2018-01-01", "KAZSPY"),
        ("Sergei Shoigu", "2015-01-01", "RUSMIL"),
        ("Kadyr Gulyamov", "2004-05-01", "UZBMIL"),
        ("Kadyr Gulyamov", "2006-06-01", "UZBELI"),
        ("Bahodir Matlubov", "2010-01-01", "UZBCOP"),
        ("Rustam Inoyatov", "2005-05-13", "UZBSPY"),
        ("Condoleezza Rice", "2006-01-01", "USAGOV"),
        ("Hu Jintao", "2006-01-01", "CHNGOV"),
        ("Rustam Akhmedov", "1995-06-01", "UZBMIL"),
        ("Nurtay Abykayev", "2005-06-01", "KAZLEG"),
        ("Nurtay Abykayev", "2012-06-01", "KAZSPY"),
        ("Amangeldy Shabdarbayev", "2008-06-01", "KAZSPY"),
        ("Askar Mamin", "2019-02-22", "KAZGOV"),
        ("Ednan Karabayev", "2008-06-01", "KGZGOV"),
        ("Bakytbek Kalyev", "2009-06-01", "KGZMIL"),
        ("Melis Turganbaev", "2015-06-01", "KGZCOP"),
        ("Abdurahim Kahhorov", "2010-06-01", "TJKCOP"),
        ("Isgender Mulikov", "2015-06-01", "TKMCOP"),
        ("Boris Yeltsin", "1992-03-01", "RUSGOV"),
        ("Viktor Barannikov", "1992-06-01", "RUSSPY"),
        ("Qin Jiwei", "1990-06-01", "CHNMIL"),
        ("George Tenet", "1997-03-01", "USASPY"),
    ],
)
def test_person_code_on_gives_the_office_held_that_day(data: ActorData, name: str, on: str, code: str | None) -> None:
    assert person(data, name).code_on(dt.date.fromisoformat(on)) == code


def test_person_code_on_prefers_a_head_of_state_to_other_offices_held_at_once(data: ActorData) -> None:
    # Yuldashev chaired the Senate (listed first) while acting president after Karimov's death.
    assert person(data, "Nigmatilla Yuldashev").code_on(dt.date(2016, 9, 5)) == "UZBGOV"
    assert person(data, "Nigmatilla Yuldashev").code_on(dt.date(2017, 9, 5)) == "UZBLEG"


@pytest.mark.parametrize(
    ("name", "code"),
    [("Islam Karimov", "UZBGOV"), ("Kassym-Jomart Tokayev", "KAZGOV"), ("Kadyr Gulyamov", "UZBMIL"), ("Sergei Shoigu", "RUSGOV")],
)
def test_person_code_on_without_a_date_uses_the_latest_office(data: ActorData, name: str, code: str) -> None:
    assert person(data, name).code_on(None) == code


@pytest.mark.parametrize(
    ("on", "active"),
    [("2005-11-17", False), ("2005-11-18", True), ("2007-01-01", True), ("2008-09-01", True), ("2008-09-02", False)],
)
def test_role_active_includes_both_ends(on: str, active: bool) -> None:
    role = Role(country="UZB", agent="MIL", title="Minister of Defence", start=dt.date(2005, 11, 18), end=dt.date(2008, 9, 1))
    assert role.active(dt.date.fromisoformat(on)) is active
    assert role.code == "UZBMIL"


@pytest.mark.parametrize(
    ("phrase", "iso3", "kind"),
    [
        ("uzbekistan", "UZB", "country"),
        ("uzbek", "UZB", "adjective"),
        ("uzbeks", "UZB", "adjective"),
        ("kazakhstani", "KAZ", "adjective"),
        ("kazak", "KAZ", "adjective"),
        ("kirgiz", "KGZ", "adjective"),
        ("kyrgyz", "KGZ", "adjective"),
        ("kirghizia", "KGZ", "country"),
        ("kyrgyz republic", "KGZ", "country"),
        ("tajik", "TJK", "adjective"),
        ("turkmen", "TKM", "adjective"),
        ("russian federation", "RUS", "country"),
        ("russians", "RUS", "adjective"),
        ("americans", "USA", "adjective"),
        ("u.s.", "USA", "country"),
        ("britain", "GBR", "country"),
        ("burma", "MMR", "country"),
        ("ivory coast", "CIV", "country"),
        ("north korea", "PRK", "country"),
        ("moldova", "MDA", "country"),
        ("iran", "IRN", "country"),
        ("syria", "SYR", "country"),
        ("turkey", "TUR", "country"),
        ("georgia", "GEO", "country"),
        ("tashkent", "UZB", "capital"),
        ("akmola", "KAZ", "capital"),
        ("nur-sultan", "KAZ", "capital"),
        ("frunze", "KGZ", "capital"),
        ("ashkhabad", "TKM", "capital"),
        ("peking", "CHN", "capital"),
        ("white house", "USA", "capital"),
        ("almaty", "KAZ", "city"),
        ("alma-ata", "KAZ", "city"),
        ("andijan", "UZB", "city"),
        ("osh", "KGZ", "city"),
        ("khujand", "TJK", "city"),
        ("semipalatinsk", "KAZ", "city"),
    ],
)
def test_phrases_name_countries_by_name_demonym_capital_and_city(data: ActorData, phrase: str, iso3: str, kind: str) -> None:
    places = [t for t in data.phrases()[phrase] if isinstance(t, Place)]
    assert [(p.iso3, p.kind) for p in places] == [(iso3, kind)]


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("un", "IGOUNO"),
        ("united nations", "IGOUNO"),
        ("shanghai cooperation organization", "IGOCASSCO"),
        ("csto", "IGOCASCST"),
        ("commonwealth of independent states", "IGOCASCIS"),
        ("eurasian economic community", "IGOCASEEC"),
        ("osce", "IGOEUROSC"),
        ("nato", "IGOWSTNAT"),
        ("european union", "IGOEUREEC"),
        ("red cross", "NGOHLHIRC"),
        ("human rights watch", "NGOHRIHRW"),
        ("islamic movement of uzbekistan", "UZBREBMUS"),
        ("international criminal tribunal for the former yugoslavia", "IGOUNOJUDWCT"),
        ("world food programme", "IGOUNOWFP"),
        ("security council", "IGOUNO"),
        ("asia-pacific economic cooperation", "IGOASABUSAPE"),
        ("hamas", "PSEREBHMS"),
        ("boko haram", "NGAREB"),
        ("kurds", "KUR"),
        ("uyghurs", "UIG"),
        ("tigrayans", "TIR"),
        ("europe", "EUR"),
        ("middle east", "MEA"),
        ("central asia", "CAS"),
        ("m23", "CODREB"),
        ("jamaat-ul-ahrar", "PAKREB"),
        ("irgc", "IRNMIL"),
    ],
)
def test_phrases_name_organizations(data: ActorData, phrase: str, code: str) -> None:
    assert [t.code for t in data.phrases()[phrase] if isinstance(t, Organization)] == [code]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("karimov", "Islam Karimov"),
        ("islam karimov", "Islam Karimov"),
        ("nazarbaev", "Nursultan Nazarbayev"),
        ("tokaev", "Kassym-Jomart Tokayev"),
        ("rakhmonov", "Emomali Rahmon"),
        ("berdymukhammedov", "Gurbanguly Berdimuhamedov"),
        ("lavrov", "Sergei Lavrov"),
        ("xi", "Xi Jinping"),
    ],
)
def test_phrases_name_people_by_name_surname_and_spelling_variants(data: ActorData, phrase: str, name: str) -> None:
    assert [t.name for t in data.phrases()[phrase] if isinstance(t, Person)] == [name]


def test_phrases_keep_a_shared_demonym_for_both_countries(data: ActorData) -> None:
    assert sorted(t.iso3 for t in data.phrases()["congolese"] if isinstance(t, Place)) == ["COD", "COG"]


def test_written_phrases_keep_the_case_for_case_sensitive_matching(data: ActorData) -> None:
    written = data.written_phrases()
    assert "U.S." in written and "Uzbek" in written and "OSCE" in written
    assert "uzbek" not in written


def test_every_country_pycountry_lists_has_an_adjective_and_names(data: ActorData) -> None:
    with_adjective = {p.iso3 for p in data.places if p.kind == "adjective"}
    with_name = {p.iso3 for p in data.places if p.kind == "country"}
    codes = {c.alpha_3 for c in pycountry.countries}
    assert codes - with_adjective == set()
    assert codes - with_name == set()


def test_people_cover_the_heads_of_state_of_the_region_since_1991(data: ActorData) -> None:
    for iso3, on in [
        ("UZB", "1995"),
        ("KAZ", "1995"),
        ("KGZ", "2008"),
        ("TJK", "2000"),
        ("TKM", "2000"),
        ("RUS", "1995"),
        ("CHN", "2000"),
        ("USA", "2000"),
    ]:
        day = dt.date(int(on), 6, 1)
        heads = [p for p in data.people if any(r.is_head and r.country == iso3 and r.active(day) for r in p.roles)]
        assert heads, f"no head of state or government of {iso3} on {day}"


@pytest.mark.parametrize(
    ("phrase", "agent"),
    [
        ("president", "GOV"),
        ("foreign minister", "GOV"),
        ("embassy", "GOV"),
        ("authorities", "GOV"),
        ("troops", "MIL"),
        ("armed forces", "MIL"),
        ("defence ministry", "MIL"),
        ("defense minister", "MIL"),
        ("police", "COP"),
        ("border guards", "COP"),
        ("interior ministry", "COP"),
        ("national security service", "SPY"),
        ("fsb", "SPY"),
        ("parliament", "LEG"),
        ("oliy majlis", "LEG"),
        ("jogorku kenesh", "LEG"),
        ("state duma", "LEG"),
        ("prosecutor", "JUD"),
        ("journalist", "MED"),
        ("news agency", "MED"),
        ("businessmen", "BUS"),
        ("militants", "REB"),
        ("opposition", "OPP"),
        ("migrant workers", "CVL"),
        ("day laborers", "CVL"),
        ("students", "EDU"),
        ("refugees", "REF"),
        ("human rights activists", "NGO"),
        ("former president", "ELI"),
    ],
)
def test_agents_map_words_to_cameo_agent_codes(data: ActorData, phrase: str, agent: str) -> None:
    assert data.agents[phrase] == agent


def test_load_actor_data_reads_the_packaged_files_once() -> None:
    assert load_actor_data() is load_actor_data()


def test_load_actor_data_reads_a_folder_adding_pycountry_names(tmp_path: Path) -> None:
    data = load_actor_data(write_folder(tmp_path))
    assert [p.kind for p in data.phrases()["republic of uzbekistan"]] == ["country"]
    assert data.phrases()["karimov"][0].code_on(dt.date(2000, 1, 1)) == "UZBGOV"


def test_places_keep_the_highest_kind_of_a_phrase(tmp_path: Path) -> None:
    countries = COUNTRIES + "GEO,,Georgian,Tbilisi,,,\nUSA,,American,Washington,Georgia,,\n"
    data = load_actor_data(write_folder(tmp_path, countries=countries))
    assert [(p.iso3, p.kind) for p in data.phrases()["georgia"]] == [("GEO", "country")]


def test_people_may_share_a_surname_when_their_offices_never_overlap(tmp_path: Path) -> None:
    people = PEOPLE + "Tohir Yuldashev,Karimov,UZB,REB,,Militant leader,2017-01-01,\n"
    data = load_actor_data(write_folder(tmp_path, people=people))
    assert [p.name for p in data.phrases()["karimov"]] == ["Islam Karimov", "Tohir Yuldashev"]


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Ban Ki-moon", "2005-06-01", "KORGOV"),
        ("Ban Ki-moon", "2010-06-01", "IGOUNO"),
        ("Ban Ki-moon", "2018-06-01", "KORELI"),
        ("Kofi Annan", "2000-06-01", "IGOUNO"),
        ("Kofi Annan", "2010-06-01", None),
        ("Antonio Guterres", "2010-06-01", "IGOUNOREFHCR"),
        ("Jens Stoltenberg", "2012-06-01", "NORGOV"),
        ("Jens Stoltenberg", "2016-06-01", "IGOWSTNAT"),
        ("Vladimir Norov", "2008-06-01", "UZBGOV"),
        ("Vladimir Norov", "2020-06-01", "IGOCASSCO"),
        ("Nikolai Bordyuzha", "2010-06-01", "IGOCASCST"),
        ("Lamberto Zannier", "2014-06-01", "IGOEUROSC"),
        ("Catherine Ashton", "2012-06-01", "IGOEUREEC"),
        ("Christine Lagarde", "2015-06-01", "IGOBUSIMF"),
        ("Robert Zoellick", "2010-06-01", "IGOUNODEVWBK"),
        ("Suma Chakrabarti", "2015-06-01", "IGOEURDEVEBR"),
        ("Sergei Lebedev", "2015-06-01", "IGOCASCIS"),
    ],
)
def test_a_person_in_an_international_organisation_is_coded_as_the_organisation(
    data: ActorData, name: str, on: str, code: str | None
) -> None:
    assert person(data, name).code_on(dt.date.fromisoformat(on)) == code


def test_an_office_in_an_organisation_has_the_organisation_code(tmp_path: Path) -> None:
    people = PEOPLE + "Kofi Annan,Annan,IGOUNO,IGO,,Secretary-General,1997-01-01,2006-12-31\n"
    annan = person(load_actor_data(write_folder(tmp_path, people=people)), "Kofi Annan")
    assert [(r.code, r.national) for r in annan.roles] == [("IGOUNO", False)]
    assert Role(country="UZB", agent="GOV", title="President").national


@pytest.mark.parametrize(
    ("file", "text", "where"),
    [
        (
            "people",
            PEOPLE + "Someone,,IGOXYZ,IGO,,Secretary-General,2005-01-01,\n",
            r"people\.csv:3 \[country\] unknown country or organisation code 'IGOXYZ'",
        ),
        (
            "people",
            PEOPLE + "Someone,,IGOUNO,GOV,,Secretary-General,2005-01-01,\n",
            r"people\.csv:3 \[role\] the role of an office in IGOUNO must be 'IGO'",
        ),
        ("people", PEOPLE + "Someone,,igouno,IGO,,Secretary-General,2005-01-01,\n", r"people\.csv:3 \[country\]"),
        ("countries", "iso3,names\nUZB,Uzbekistan\n", r"countries\.csv:1 header must be"),
        (
            "countries",
            "# a comment\n\niso3,names,adjectives,capital,cities,start,end\nXXX,,Xish,,,,\n",
            r"countries\.csv:4 \[iso3\] unknown ISO",
        ),
        ("countries", COUNTRIES + "UZB,,Uzbekistani,,,,\n", r"countries\.csv:4 \[iso3\] UZB is listed twice"),
        ("countries", COUNTRIES + "TJK,Uzbek SSR,Tajik,,,,\n", r"countries\.csv:4 \[names\] 'Uzbek SSR' names both UZB"),
        (
            "countries",
            COUNTRIES + "SUN,Uzbek SSR,,,,1922-12-30,1991-12-26\n",
            r"countries\.csv:4 \[names\] 'Uzbek SSR' names both UZB .* which existed at once",
        ),
        ("countries", COUNTRIES + "SUN,Soviet Union,,,,1991-12-26,1922-12-30\n", r"countries\.csv:4 \[end\] end 1922-12-30 is before"),
        ("countries", COUNTRIES + "TJK,Tajik,\n", r"countries\.csv:4 expected 7 fields"),
        ("organizations", ORGANIZATIONS + "igo,Someone,,\n", r"organizations\.csv:3 \[code\]"),
        ("organizations", ORGANIZATIONS + "IGOUNOREF,United Nations,,\n", r"organizations\.csv:3 \[names\] name 'United Nations'"),
        (
            "organizations",
            ORGANIZATIONS + "AFGREB,Taliban,,2021-08-14\nAFGGOV,Taliban,2021-08-14,\n",
            r"organizations\.csv:4 \[names\] name 'Taliban' is already given on line 3 for days these overlap",
        ),
        (
            "organizations",
            ORGANIZATIONS + "AFGXYZ,Someone,,\n",
            r"organizations\.csv:3 \[code\] a national code is a country and a CAMEO agent",
        ),
        (
            "organizations",
            ORGANIZATIONS + "AFGREB,Taliban,2021-08-15,2021-08-14\n",
            r"organizations\.csv:3 \[end\] end 2021-08-14 is before",
        ),
        ("organizations", ORGANIZATIONS + "AFGREB,Taliban,15.08.2021,\n", r"organizations\.csv:3 \[start\]"),
        ("people", PEOPLE + "Someone,,UZB,GOV,,Minister,2001-13-01,\n", r"people\.csv:3 \[start\]"),
        ("people", PEOPLE + "Someone,,UZB,GOV,,Minister,2005-01-01,2004-01-01\n", r"people\.csv:3 \[end\] end 2004-01-01 is before"),
        ("people", PEOPLE + "Someone,,UZB,BOSS,,Minister,2005-01-01,\n", r"people\.csv:3 \[role\]"),
        ("people", PEOPLE + "Someone,,ZZZ,GOV,,Minister,2005-01-01,\n", r"people\.csv:3 \[country\] unknown ISO"),
        ("people", PEOPLE + "Someone,,UZB,GOV,,,2005-01-01,\n", r"people\.csv:3 \[title\]"),
        ("people", PEOPLE + "Rustam Karimov,Karimov,UZB,GOV,,Minister,2005-01-01,\n", r"people\.csv:3 \[aliases\] 'karimov' names both"),
        ("people", PEOPLE + "Someone,,UZB,GOV,cabinet,Minister,2005-01-01,\n", r"people\.csv:3 \[office\]"),
        ("people", PEOPLE + "Someone,,IGOUNO,IGO,foreign,Secretary-General,2005-01-01,\n", r"people\.csv:3 \[office\] an office in IGOUNO"),
        ("agents", AGENTS + "army,ARMY\n", r"agents\.csv:3 \[agent\]"),
        ("agents", AGENTS + "Army,MIL\n", r"agents\.csv:3 \[phrase\] phrase must be lowercase"),
        ("agents", AGENTS + "president,LEG\n", r"agents\.csv:3 \[phrase\] phrase 'president' is already given on line 2"),
    ],
)
def test_malformed_files_are_reported_with_file_line_and_field(tmp_path: Path, file: str, text: str, where: str) -> None:
    with pytest.raises(LexiconError, match=where):
        load_actor_data(write_folder(tmp_path, **{file: text}))


def test_an_office_in_a_national_institution_is_given_by_country_and_role(tmp_path: Path) -> None:
    organizations = ORGANIZATIONS + "USAMIL,Pentagon,,\n"
    people = PEOPLE + "Someone,,USAMIL,MIL,,Secretary,2005-01-01,\n"
    with pytest.raises(LexiconError, match=r"people\.csv:3 \[country\] 'USAMIL' is a national institution; give its country 'USA'"):
        load_actor_data(write_folder(tmp_path, organizations=organizations, people=people))


def test_office_gaps_are_the_days_no_one_held_the_office(tmp_path: Path) -> None:
    people = PEOPLE.replace("2016-09-02", "2016-09-01") + (
        "Nigmatilla Yuldashev,,UZB,GOV,head-of-state,Acting President,2016-09-02,2016-09-08\n"
        "Shavkat Mirziyoyev,,UZB,GOV,head-of-state,President,2016-12-14,\n"
        "Rustam Inoyatov,,UZB,SPY,security,Chairman of the National Security Service,1995-07-01,2018-01-31\n"
    )
    data = load_actor_data(write_folder(tmp_path, people=people))
    since, until = dt.date(1992, 1, 1), dt.date(2025, 12, 31)
    assert office_gaps(data.people, "UZB", "head-of-state", since, until) == [(dt.date(2016, 9, 9), dt.date(2016, 12, 13))]
    assert office_gaps(data.people, "UZB", "security", since, until) == [(since, dt.date(1995, 6, 30)), (dt.date(2018, 2, 1), until)]
    assert office_gaps(data.people, "UZB", "defence", since, until) == [(since, until)]
    assert office_gaps(data.people, "KAZ", "head-of-state", since, dt.date(1991, 1, 1)) == []


CORE_COUNTRIES = ["UZB", "KAZ", "KGZ", "TJK", "TKM", "RUS", "CHN", "USA"]
CORE_OFFICES = get_args(Office)


def test_people_gaps_csv_lists_every_gap_of_a_month_or_more_in_the_core_offices(data: ActorData) -> None:
    listed = {(g.country, g.office, g.start, g.end) for g in read_office_gaps(DATA_DIR / "people_gaps.csv")}
    found = {
        (country, office, start, end)
        for country in CORE_COUNTRIES
        for office in CORE_OFFICES
        for start, end in office_gaps(data.people, country, office, dt.date(1992, 1, 1))
        if (end - start).days >= 30
    }
    assert sorted(found - listed) == [], "gaps people_gaps.csv does not list"
    assert sorted(listed - found) == [], "gaps people_gaps.csv lists that people.csv has filled"


def test_a_malformed_gap_row_is_reported_with_file_line_and_field(tmp_path: Path) -> None:
    gaps = tmp_path / "people_gaps.csv"
    gaps.write_text("country,office,start,end,reason\nUZB,cabinet,1992-01-01,1993-01-31,not found\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"people_gaps\.csv:2 \[office\]"):
        read_office_gaps(gaps)


def test_two_holders_of_one_office_never_overlap_by_more_than_the_handover_day(data: ActorData) -> None:
    """A typo in a date shows as two ministers at once; an acting holder may overlap a contested handover."""
    holders: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = {}
    for p in data.people:
        for r in p.roles:
            if r.office and not re.search(r"\bacting\b", r.title, re.IGNORECASE):
                title = re.sub(r"\s*\(.*\)$", "", r.title)
                holders.setdefault((r.country, title), []).append((r.start or dt.date.min, r.end or dt.date.max, p.name))
    overlaps = [
        (office, first[2], second[2])
        for office, terms in holders.items()
        for first, second in pairwise(sorted(terms))
        if first[1] > second[0] + dt.timedelta(days=1) and first[2] != second[2]
    ]
    assert overlaps == []


def test_a_missing_file_is_reported_by_name(tmp_path: Path) -> None:
    write_folder(tmp_path)
    (tmp_path / "agents.csv").unlink()
    with pytest.raises(LexiconError, match=r"agents\.csv.*cannot read"):
        load_actor_data(tmp_path)


def test_iso_country_codes_hold_current_and_historical_states() -> None:
    assert {"UZB", "KAZ", "RUS", "SUN", "YUG", "CSK"} <= iso_country_codes()
    assert "GOV" not in iso_country_codes()
    assert country_codes() - iso_country_codes() == {"KSV"}  # CAMEO's own, cameo_countries.csv


@pytest.mark.parametrize(
    ("phrase", "on", "codes"),
    [
        ("taliban", "2021-08-14", ["AFGREB"]),
        ("taliban", "2021-08-15", ["AFGGOV"]),
        ("taliban", None, ["AFGREB", "AFGGOV"]),
        ("hayat tahrir al-sham", "2024-12-07", ["SYRREB"]),
        ("hayat tahrir al-sham", "2024-12-08", ["SYRGOV"]),
        ("organization of african unity", "2010-01-01", ["IGOAFROAU"]),  # held by no row that day: all rows
    ],
)
def test_dated_gives_the_organisation_code_that_holds_on_the_day(data: ActorData, phrase: str, on: str | None, codes: list[str]) -> None:
    day = dt.date.fromisoformat(on) if on else None
    assert [o.code for o in dated([t for t in data.phrases()[phrase] if isinstance(t, Organization)], day)] == codes


@pytest.mark.parametrize(("on", "iso3"), [("1991-06-25", "YUG"), ("1992-04-28", "SCG"), ("2003-01-01", "SCG")])
def test_a_name_of_two_states_is_chosen_by_the_date(data: ActorData, on: str, iso3: str) -> None:
    places = [t for t in data.phrases()["yugoslavia"] if isinstance(t, Place)]
    assert sorted(p.iso3 for p in places) == ["SCG", "YUG"]
    assert [p.iso3 for p in dated(places, dt.date.fromisoformat(on))] == [iso3]


@pytest.mark.parametrize(
    ("phrase", "on", "iso3"),
    [
        ("moscow", "1985-06-01", "SUN"),
        ("kremlin", "1991-12-25", "SUN"),
        ("kremlin", "1991-12-26", "RUS"),
        ("prague", "1980-01-01", "CSK"),
        ("prague", "2000-01-01", "CZE"),
    ],
)
def test_a_capital_of_a_state_and_its_successor_names_the_one_of_the_date(data: ActorData, phrase: str, on: str, iso3: str) -> None:
    places = [t for t in data.phrases()[phrase] if isinstance(t, Place)]
    assert {p.kind for p in places} == {"capital"}
    assert [p.iso3 for p in dated(places, dt.date.fromisoformat(on))] == [iso3]


def test_a_cameo_country_code_outside_iso_is_a_country(data: ActorData) -> None:
    assert [(p.iso3, p.kind) for p in data.phrases()["kosovo"]] == [("KSV", "country")]
    assert Organization(code="KSVGOV", names=["Kosovo government"]).country == "KSV"
    assert Organization(code="IGOUNO", names=["UN"]).country is None


def test_a_cameo_country_file_refuses_an_iso_code(tmp_path: Path) -> None:
    from coders.actor_data import read_cameo_countries

    path = tmp_path / "cameo_countries.csv"
    path.write_text("code,name,reason\nUZB,Uzbekistan,no reason\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cameo_countries\.csv:2 \[code\] UZB is an ISO 3166 code already"):
        read_cameo_countries(path)


def test_generated_tables_yield_to_our_own_rows(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (folder / "world_organizations.csv").write_text("code,names,start,end\nIGOUNOXYZ,United Nations|UN Xyz Agency,,\n", encoding="utf-8")
    (folder / "world_people.csv").write_text(
        "name,aliases,country,role,office,title,start,end\n"
        "Islam Karimov,Karimov,UZB,ELI,,Elite,1960-01-01,1989-06-23\n"
        "Abdulla Aripov,Karimov|Aripov,UZB,GOV,,Government office,2016-12-14,\n",
        encoding="utf-8",
    )
    data = load_actor_data(folder)
    assert [o.code for o in data.phrases()["united nations"]] == ["IGOUNO"]
    assert [o.code for o in data.phrases()["un xyz agency"]] == ["IGOUNOXYZ"]
    assert [p.name for p in data.phrases()["karimov"]] == ["Islam Karimov"]  # ours, with our roles only
    assert person(data, "Islam Karimov").code_on(dt.date(1970, 1, 1)) is None
    assert person(data, "Abdulla Aripov").aliases == ["Aripov"]
    assert len(load_actor_data(folder, generated=False).people) == 1


@pytest.mark.parametrize(
    ("phrase", "on", "code"),
    [
        # a state paramilitary is its military until it turns on the state
        ("rapid support forces", "2019-06-03", "SDNMIL"),
        ("rapid support forces", "2023-04-15", "SDNREB"),
        # rebels, a ruling party, rebels again
        ("tplf", "1989-01-01", "ETHREB"),
        ("tplf", "2005-01-01", "ETHPTY"),
        ("tplf", "2021-06-01", "ETHREB"),
    ],
)
def test_a_group_whose_status_changes_has_the_code_of_the_day(data: ActorData, phrase: str, on: str, code: str) -> None:
    named = [t for t in data.phrases()[phrase] if isinstance(t, Organization)]
    assert [t.code for t in dated(named, dt.date.fromisoformat(on))] == [code]


def test_rsf_is_the_paramilitary_only_once_it_fought_the_army(data: ActorData) -> None:
    named = [t for t in data.phrases()["rsf"] if isinstance(t, Organization)]
    assert [t.code for t in dated(named, dt.date(2020, 1, 1))] == ["NGOHRIMED"]  # Reporters Without Borders
    assert [t.code for t in dated(named, dt.date(2024, 1, 1))] == ["SDNREB"]


def test_region_and_people_codes_are_no_country_codes(data: ActorData) -> None:
    from coders.actor_data import read_organizations

    for name in ("regions.csv", "peoples.csv"):
        for org in read_organizations(DATA_DIR / name):
            assert org.country is None and len(org.code) == 3, f"{name}: {org.code}"


@pytest.mark.parametrize(
    ("on", "code"),
    [("1990-01-01", "VATGOV"), ("2010-01-01", "VATGOV"), ("2020-01-01", "VATGOV"), ("2025-06-01", "VATGOV")],
)
def test_the_pope_is_the_vatican_whoever_held_the_office(data: ActorData, on: str, code: str) -> None:
    popes = [t for t in data.phrases()["pope"] if isinstance(t, Person)]
    day = dt.date.fromisoformat(on)
    assert len(popes) == 4
    assert [p.code_on(day) for p in popes if any(r.active(day) for r in p.roles)] == [code]


def test_a_name_our_table_gives_one_country_is_dropped_from_pycountrys_names_of_another(data: ActorData) -> None:
    # pycountry names the Republic of Congo "Congo"; the wires mean the DRC, as countries.csv says
    assert [p.iso3 for p in data.phrases()["congo"] if isinstance(p, Place) and p.kind == "country"] == ["COD"]
    assert [p.iso3 for p in data.phrases()["republic of the congo"] if isinstance(p, Place)] == ["COG"]


def test_packaged_actor_tables_are_kept_between_processes_and_read_anew_when_a_table_changes(tmp_path, monkeypatch):
    from coders.actor_data import DATA_DIR, load_actor_data
    from coders.data_cache import cache_file, cached

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tables = tmp_path / "tables"
    tables.mkdir()
    for name in ("organizations.csv", "people.csv", "countries.csv", "agents.csv"):
        (tables / name).write_bytes((DATA_DIR / name).read_bytes())
    inputs = sorted(tables.iterdir())
    path = cache_file("actors", inputs, "test")
    built = cached(path, type(load_actor_data(tables, generated=False)), lambda: load_actor_data(tables, generated=False))
    assert path.is_relative_to(tmp_path) and path.exists()
    again = cached(path, type(built), lambda: pytest.fail("read from the cache, not built"))
    assert [p.name for p in again.people] == [p.name for p in built.people]
    with (tables / "people.csv").open("a", encoding="utf-8") as f:
        f.write("Jane Example,,KAZ,GOV,,Minister,2020-01-01,\n")
    assert cache_file("actors", inputs, "test") != path  # a changed table names another cache file
    path.write_bytes(b"not a pickle")
    assert cached(path, type(built), lambda: built) is built  # a broken cache is built anew
