"""The actor data the coder matches: places, organisations, people with dated roles, and agent words.

UTF-8 CSV files in ``coders/data/`` (blank lines and lines starting with ``#`` are skipped; lists
inside a field are separated by ``|``), read once on first use through `coders.datafiles` and
validated row by row (errors are ``file:line [field] message``):

- ``countries.csv`` ``iso3,names,adjectives,capital,cities,start,end``: what pycountry lacks. The official and
  common names come from pycountry at load time (inverted catalogue forms such as
  "Korea, Republic of" are left out); the file adds short, historical and other names, adjectives
  and demonyms (plurals listed where they differ), the capital (its current and former names, and
  the seats of power news uses for the government: "the Kremlin", "the White House") and major
  cities, plus a few regions that news names like cities (Xinjiang, Chechnya, Karakalpakstan).
  A former capital that is another city (Almaty, Yangon) is a city. A row may also name a
  historical state that pycountry keeps (SUN, YUG, CSK, DDR, SCG); its names come from the file,
  ``start``/``end`` the days it existed. ``cameo_countries.csv`` ``code,name,reason`` lists the
  country codes CAMEO uses that ISO lacks (KSV, Kosovo); they count as country codes everywhere.
- ``organizations.csv`` ``code,names,start,end``: international and non-state organisations, and a
  few named national institutions whose name alone implies their country (the Pentagon is USAMIL);
  ``start``/``end`` the days a code holds (the Taliban are AFGREB, then AFGGOV).
  ``peoples.csv`` (same columns): peoples the news names as actors (the Kurds, KUR); ``regions.csv``
  (same columns): regions named as actors, by CAMEO's region codes (Europe, EUR).
- ``people.csv`` ``name,aliases,country,role,office,title,start,end``: one row per person per office. The
  country of an office in an organisation (the UN Secretary-General) is that organisation's code from
  ``organizations.csv`` (IGOUNO) and its role the code's first three letters (IGO): the holder is then
  coded as the organisation itself, as the coder codes "the UN" or "UN Secretary-General".
  ``office`` names the kind of a national office whose holders the table means to list without a
  break (head-of-state, head-of-government, foreign, defence, interior, security), or is empty.
  ``people_gaps.csv`` ``country,office,start,end,reason`` lists the spans when such an office has no
  holder in people.csv; a test (tests/coders/test_actor_data.py) keeps the two in step.
- ``agents.csv`` ``phrase,agent``: lowercase words that refine an actor (army -> MIL).
- ``world_organizations.csv`` and ``world_people.csv`` (the columns of organizations.csv and
  people.csv), generated from the Phoenix dictionaries by scripts/convert_phoenix_actors.py, are
  read after our own files where a folder holds them: a name our own rows give is dropped from them.

Places rank country > adjective > capital > city: a phrase given several kinds keeps the highest
("Georgia" is the country; "Djibouti" the country, not its capital). Two countries may share a
name only if they never existed at once ("Yugoslavia": YUG, then SCG); they may share a demonym, a
capital or a city name ("Congolese"), and the phrase then names both: `dated` keeps, of what a
phrase names, what existed or held on the document's date.

The agent of a person's office: heads of state and government, foreign ministers and other
ministers or presidential staff are GOV; defence ministers and chiefs of the general staff MIL;
ministers and agencies that command the police, border or interior troops (interior ministers,
the US Secretary of Homeland Security) COP; heads of security and intelligence services (SNB, KNB,
GKNB, FSB, SVR, MSS, CIA, DNI) SPY; chairs of a parliament or its chambers LEG; chief prosecutors
and judges (the US Attorney General) JUD. The office head-of-state or head-of-government marks a
head of state or government, who wins over other offices held at once.

A surname may be an alias of two people only if their offices never overlap in time; otherwise the
loader reports the conflict, since no date could tell the two apart. A country or organisation code
that neither pycountry nor organizations.csv knows is reported with its file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator

from coders.actor_records import (
    _AGENT_CODES,
    _KIND_RANK,
    FORMER_OFFICIAL,
    HEAD_OFFICES,
    AgentCode,
    Office,
    Person,
    Place,
    PlaceKind,
    Role,
    _split,
    _within,
    dated,
    dated_places,
)
from coders.datafiles import csv_rows, validate_row
from coders.phrase_index import NameIndex
from coders.spellings import SPELLINGS_FILE, other_spellings
from schemas.errors import LexiconError

__all__ = [
    "FORMER_OFFICIAL",
    "HEAD_OFFICES",
    "ActorData",
    "AgentCode",
    "Office",
    "Organization",
    "Person",
    "Place",
    "PlaceKind",
    "Role",
    "country_codes",
    "dated",
    "dated_places",
    "iso_country_codes",
    "load_actor_data",
]

DATA_DIR = Path(__file__).resolve().parent / "data"

_ACTOR_CODE = re.compile(r"(?:[A-Z]{3})+")
_PAREN = re.compile(r"\s*\([^)]*\)")

_COUNTRY_COLUMNS = ["iso3", "names", "adjectives", "capital", "cities", "start", "end"]
_CAMEO_COUNTRY_COLUMNS = ["code", "name", "reason"]
_ORGANIZATION_COLUMNS = ["code", "names", "start", "end"]
_PEOPLE_COLUMNS = ["name", "aliases", "country", "role", "office", "title", "start", "end"]
_AGENT_COLUMNS = ["phrase", "agent"]


class Organization(BaseModel):
    """An international, non-state or named national organisation and the names it goes by."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="CAMEO actor code, e.g. IGOUNO, NGOHRIAMN, AFGREB")
    names: list[str] = Field(min_length=1)
    start: dt.date | None = Field(default=None, description="the first day the code holds (None: always before)")
    end: dt.date | None = Field(default=None, description="the last day the code holds (None: still)")

    @field_validator("names", mode="before")
    @classmethod
    def _split_names(cls, value: object) -> object:
        return _split(value)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return value or None

    def active(self, on: dt.date) -> bool:
        """Whether the code holds on this date (both ends inclusive): the Taliban are AFGGOV from 2021-08-15."""
        return _within(on, self.start, self.end)

    @property
    def country(self) -> str | None:
        """The country of a code that begins with one (AFGREB, USAMIL), else None (IGOUNO, NGOHRIAMN)."""
        return self.code[:3] if self.code[:3] in country_codes() else None

    @field_validator("code")
    @classmethod
    def _code_is_cameo(cls, value: str) -> str:
        if not _ACTOR_CODE.fullmatch(value):
            raise ValueError("code must be uppercase letters in groups of three, e.g. IGOUNO")
        return value


class ActorData:
    """Everything the actor matcher reads: places, organisations, people and agent words.

    `phrases()` keys are lowercase, so some collide with common words ("us", "un", "rice",
    "gates"); a matcher that wants case, as proper names need, uses `written_phrases()`.
    A phrase may name several things (a surname shared across the years, a demonym shared by two
    countries): the lists keep file order, and a person is told apart by `Person.code_on`.
    """

    def __init__(
        self,
        places: list[Place],
        organizations: list[Organization],
        people: list[Person],
        agents: dict[str, str],
    ) -> None:
        self.places = places
        self.organizations = organizations
        self.people = people
        self.agents = agents
        self._phrases: dict[str, list[Place | Organization | Person]] | None = None
        self._written: dict[str, list[Place | Organization | Person]] | None = None
        self._names: NameIndex[Place | Organization | Person] | None = None

    def nationality_words(self) -> frozenset[str]:
        """The lowercased adjectives and demonyms of the countries ("british", "britons", "greeks")."""
        return frozenset(p.phrase.lower() for p in self.places if p.kind == "adjective")

    def phrases(self) -> dict[str, list[Place | Organization | Person]]:
        """Every matchable phrase, lowercased, with what it names (places, organisations, people)."""
        if self._phrases is None:
            self._phrases = {}
            for written, targets in self.written_phrases().items():
                bucket = self._phrases.setdefault(written.lower(), [])
                bucket.extend(t for t in targets if t not in bucket)
        return self._phrases

    def written_phrases(self) -> dict[str, list[Place | Organization | Person]]:
        """Every matchable phrase as the data writes it (case kept, for case-sensitive matching)."""
        if self._written is None:
            table: dict[str, list[Place | Organization | Person]] = {}

            def add(phrase: str, target: Place | Organization | Person) -> None:
                bucket = table.setdefault(phrase, [])
                if target not in bucket:
                    bucket.append(target)

            for place in self.places:
                add(place.phrase, place)
            for org in self.organizations:
                for name in org.names:
                    add(name, org)
            for person in self.people:
                for name in [person.name, *person.aliases]:
                    add(name, person)
            for phrase, person in other_spellings(self.people, table).items():
                table[phrase] = [person]
            self._written = table
        return self._written

    def name_index(self) -> NameIndex[Place | Organization | Person]:
        """The written phrases indexed for matching (built once; kept in the packaged tables' cache)."""
        if self._names is None:
            self._names = NameIndex(self.written_phrases())
        return self._names


# --- reading the files -------------------------------------------------------------------------


class _CountryRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    names: list[str]
    adjectives: list[str]
    capital: list[str]
    cities: list[str]
    start: dt.date | None
    end: dt.date | None

    @field_validator("names", "adjectives", "capital", "cities", mode="before")
    @classmethod
    def _split_lists(cls, value: object) -> object:
        return _split(value)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return value or None


class _CameoCountryRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(min_length=1)
    reason: str = Field(min_length=1)


class _PersonRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    aliases: list[str]
    country: str = Field(pattern=r"^(?:[A-Z]{3})+$")
    role: AgentCode
    office: Office | None
    title: str = Field(min_length=1)
    start: dt.date | None
    end: dt.date | None

    @field_validator("aliases", mode="before")
    @classmethod
    def _split_aliases(cls, value: object) -> object:
        return _split(value)

    @field_validator("office", "start", "end", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return value or None


class _AgentRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phrase: str = Field(min_length=1)
    agent: AgentCode

    @field_validator("phrase")
    @classmethod
    def _lowercase(cls, value: str) -> str:
        if value != " ".join(value.lower().split()):
            raise ValueError("phrase must be lowercase words separated by single spaces")
        return value


@cache
def _pycountry_names() -> dict[str, list[str]]:
    """alpha-3 -> the names pycountry gives a current country, inverted catalogue forms left out."""
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        found: list[str] = []
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value or "," in value:
                continue
            value = _PAREN.sub("", value).strip()
            value = value[4:] if value.startswith("the ") else value
            if value and value not in found:
                found.append(value)
        names[country.alpha_3] = found
    return names


@cache
def iso_country_codes() -> frozenset[str]:
    """The ISO 3166 alpha-3 codes of countries, current and historical (SUN, YUG, CSK)."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(c.alpha_3 for c in pycountry.historic_countries)


@cache
def country_codes() -> frozenset[str]:
    """The codes of countries: ISO 3166 alpha-3, current and historical, and CAMEO's own (KSV, cameo_countries.csv)."""
    return iso_country_codes() | frozenset(read_cameo_countries(DATA_DIR / "cameo_countries.csv"))


def read_cameo_countries(path: Path) -> dict[str, str]:
    """Read cameo_countries.csv, the country codes CAMEO uses that ISO 3166 lacks: code -> name."""
    codes: dict[str, str] = {}
    for line, raw in csv_rows(path, _CAMEO_COUNTRY_COLUMNS):
        row = validate_row(_CameoCountryRow, raw, path, line)
        if row.code in iso_country_codes():
            raise LexiconError(
                f"{row.code} is an ISO 3166 code already; list only codes ISO lacks", path=str(path), line=line, field="code"
            )
        codes[row.code] = row.name
    return codes


def _check_iso3(iso3: str, path: Path, line: int, field: str) -> None:
    if iso3 not in country_codes():
        raise LexiconError(
            f"unknown ISO 3166 alpha-3 code {iso3!r} (nor a CAMEO code of cameo_countries.csv)", path=str(path), line=line, field=field
        )


def _check_span(start: dt.date | None, end: dt.date | None, path: Path, line: int) -> None:
    if start and end and end < start:
        raise LexiconError(f"end {end} is before start {start}", path=str(path), line=line, field="end")


def _overlaps(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]) -> bool:
    """Whether two spans (None: open) share a day."""
    return (a[0] or dt.date.min) <= (b[1] or dt.date.max) and (b[0] or dt.date.min) <= (a[1] or dt.date.max)


def read_countries(path: Path) -> list[Place]:
    """Read countries.csv into places (pycountry names added), resolving kinds; LexiconError if malformed."""
    candidates: list[tuple[Place, int]] = []
    seen: dict[str, int] = {}
    rows = [(line, validate_row(_CountryRow, raw, path, line)) for line, raw in csv_rows(path, _COUNTRY_COLUMNS)]
    ours = {name.lower(): row.iso3 for _, row in rows for name in row.names}  # our names win over pycountry's
    for line, row in rows:
        _check_iso3(row.iso3, path, line, "iso3")
        if row.iso3 in seen:
            message = f"{row.iso3} is listed twice, first on line {seen[row.iso3]}"
            raise LexiconError(message, path=str(path), line=line, field="iso3")
        seen[row.iso3] = line
        _check_span(row.start, row.end, path, line)
        given: dict[PlaceKind, list[str]] = {
            "country": [n for n in _pycountry_names().get(row.iso3, []) if ours.get(n.lower(), row.iso3) == row.iso3] + row.names,
            "adjective": row.adjectives,
            "capital": row.capital,
            "city": row.cities,
        }
        for kind, phrases in given.items():
            candidates.extend((Place(phrase=p, iso3=row.iso3, kind=kind, start=row.start, end=row.end), line) for p in phrases)
    return _resolve_places(candidates, path)


def _resolve_places(candidates: list[tuple[Place, int]], path: Path) -> list[Place]:
    """Keep each phrase's highest kind; refuse a country name given to two countries that existed at once."""
    best: dict[str, int] = {}
    for place, _ in candidates:
        key = place.phrase.lower()
        best[key] = min(best.get(key, 9), _KIND_RANK[place.kind])
    kept: dict[tuple[str, str], Place] = {}
    country_name_of: dict[str, list[tuple[Place, int]]] = {}
    for place, line in candidates:
        key = place.phrase.lower()
        if _KIND_RANK[place.kind] != best[key]:
            continue
        if place.kind == "country":
            others = country_name_of.setdefault(key, [])
            for other, other_line in others:
                if other.iso3 != place.iso3 and _overlaps((other.start, other.end), (place.start, place.end)):
                    raise LexiconError(
                        f"{place.phrase!r} names both {other.iso3} (line {other_line}) and {place.iso3}, which existed at once",
                        path=str(path),
                        line=line,
                        field="names",
                    )
            others.append((place, line))
        kept.setdefault((key, place.iso3), place)
    return list(kept.values())


def read_organizations(path: Path, taken: frozenset[str] = frozenset()) -> list[Organization]:
    """Read organizations.csv; LexiconError if a row is malformed or a name is given twice for the same days.

    A name may be given again in a row whose dates never overlap the first's (the Taliban are AFGREB, then
    AFGGOV). Names in `taken` (lowercase: those of our own table, read first) are dropped: ours win.
    """
    organizations: list[Organization] = []
    first: dict[str, list[tuple[Organization, int]]] = {}
    for line, raw in csv_rows(path, _ORGANIZATION_COLUMNS):
        org = validate_row(Organization, raw, path, line)
        _check_span(org.start, org.end, path, line)
        if org.code[:3] in country_codes() and len(org.code) >= 6 and org.code[3:6] not in _AGENT_CODES:
            message = f"a national code is a country and a CAMEO agent (GOV, MIL, REB ...), got {org.code!r}"
            raise LexiconError(message, path=str(path), line=line, field="code")
        names = [name for name in org.names if name.lower() not in taken]
        for name in names:
            for other, other_line in first.get(name.lower(), []):
                if other_line != line and _overlaps((other.start, other.end), (org.start, org.end)):
                    message = f"name {name!r} is already given on line {other_line} for days these overlap"
                    raise LexiconError(message, path=str(path), line=line, field="names")
            first.setdefault(name.lower(), []).append((org, line))
        if names:
            organizations.append(org if names == org.names else org.model_copy(update={"names": names}))
    return organizations


def read_people(
    path: Path, organizations: Sequence[Organization], taken: frozenset[str] = frozenset(), given: frozenset[str] = frozenset()
) -> list[Person]:
    """Read people.csv, one row per office, into people; LexiconError on bad rows, unknown codes or ambiguous aliases.

    A row's country is an ISO3 code, or the code of one of `organizations` for an office in it. A row whose
    name is in `taken` (lowercase names and aliases of our own table, read first) is dropped, and so is
    an alias in it: ours win. So is a one-word alias in `given` (lowercase first names of our people): "Jose",
    one Angolan official's surname, would otherwise claim "Foreign Minister Jose Manuel Garcia-Margallo".
    """
    organization_codes = {org.code for org in organizations}
    rows: dict[str, tuple[list[str], list[Role], int]] = {}
    for line, raw in csv_rows(path, _PEOPLE_COLUMNS):
        row = validate_row(_PersonRow, raw, path, line)
        if row.name.lower() in taken:
            continue
        row.aliases = [a for a in row.aliases if a.lower() not in taken and not (" " not in a and a.lower() in given)]
        if len(row.country) == 3:
            _check_iso3(row.country, path, line, "country")
        else:
            _check_organization_office(row.country, row.role, organization_codes, path, line)
            if row.office:
                message = f"an office in {row.country} has no national office kind; leave office empty"
                raise LexiconError(message, path=str(path), line=line, field="office")
        if row.start and row.end and row.end < row.start:
            raise LexiconError(f"end {row.end} is before start {row.start}", path=str(path), line=line, field="end")
        aliases, roles, _ = rows.setdefault(row.name, ([], [], line))
        aliases.extend(a for a in row.aliases if a not in aliases and a != row.name)
        # the row is validated; its values build the role without validating them again (thousands of rows)
        roles.append(
            Role.model_construct(country=row.country, agent=row.role, office=row.office, title=row.title, start=row.start, end=row.end)
        )
    people = [Person.model_construct(name=name, aliases=aliases, roles=roles) for name, (aliases, roles, _) in rows.items()]
    _check_alias_overlaps(people, {name: line for name, (_, _, line) in rows.items()}, path)
    return people


def _check_organization_office(code: str, role: str, known: set[str], path: Path, line: int) -> None:
    """An office in an organisation: its code must be one of organizations.csv, not national, and its role the code's kind."""
    if code not in known:
        message = f"unknown country or organisation code {code!r}: neither an ISO 3166 alpha-3 code nor a code of organizations.csv"
        raise LexiconError(message, path=str(path), line=line, field="country")
    if code[:3] in country_codes():
        message = f"{code!r} is a national institution; give its country {code[:3]!r} and role {code[3:6]!r} instead"
        raise LexiconError(message, path=str(path), line=line, field="country")
    if role != code[:3]:
        raise LexiconError(f"the role of an office in {code} must be {code[:3]!r}, got {role!r}", path=str(path), line=line, field="role")


def _check_alias_overlaps(people: list[Person], line_of: dict[str, int], path: Path) -> None:
    """Refuse a name or alias shared by two people whose offices overlap in time."""
    holders: dict[str, list[Person]] = {}
    for person in people:
        for alias in {person.name.lower(), *(a.lower() for a in person.aliases)}:
            holders.setdefault(alias, []).append(person)
    for alias, group in holders.items():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if _overlap(first, second):
                    raise LexiconError(
                        f"{alias!r} names both {first.name!r} and {second.name!r}, whose offices overlap; drop it from one of them",
                        path=str(path),
                        line=line_of[second.name],
                        field="aliases",
                    )


def _overlap(first: Person, second: Person) -> bool:
    """Whether any office of one person was held on a day when the other held one."""
    for a in first.roles:
        for b in second.roles:
            if (a.start or dt.date.min) <= (b.end or dt.date.max) and (b.start or dt.date.min) <= (a.end or dt.date.max):
                return True
    return False


def read_agents(path: Path) -> dict[str, str]:
    """Read agents.csv into phrase -> agent code; LexiconError on bad rows or a phrase given twice."""
    agents: dict[str, str] = {}
    first: dict[str, int] = {}
    for line, raw in csv_rows(path, _AGENT_COLUMNS):
        row = validate_row(_AgentRow, raw, path, line)
        if row.phrase in agents:
            message = f"phrase {row.phrase!r} is already given on line {first[row.phrase]}"
            raise LexiconError(message, path=str(path), line=line, field="phrase")
        agents[row.phrase] = row.agent
        first[row.phrase] = line
    return agents


def load_actor_data(folder: Path | None = None, *, generated: bool = True) -> ActorData:
    """Read and validate the actor files of a folder (None: the packaged data, read once).

    With `generated`, the tables made from the Phoenix dictionaries (world_organizations.csv,
    world_people.csv) are read too where the folder holds them, after ours: our rows win a shared name.
    """
    if folder is None and generated:
        return _packaged_actor_data()
    folder = folder or DATA_DIR
    organizations = read_organizations(folder / "organizations.csv")
    for extra in ("peoples.csv", "regions.csv"):  # peoples ("the Kurds") and regions ("Europe"), read like organisations
        if (folder / extra).exists():
            organizations = organizations + read_organizations(folder / extra)
    people = read_people(folder / "people.csv", organizations)
    world_organizations, world_people = folder / "world_organizations.csv", folder / "world_people.csv"
    if generated and world_organizations.exists():
        taken = frozenset(name.lower() for org in organizations for name in org.names)
        organizations = organizations + read_organizations(world_organizations, taken)
    if generated and world_people.exists():
        taken = frozenset(name.lower() for person in people for name in [person.name, *person.aliases])
        given = frozenset(words[0].lower() for person in people if len(words := person.name.split()) > 1)
        people = people + read_people(world_people, organizations, taken, given)
    return ActorData(
        places=read_countries(folder / "countries.csv"),
        organizations=organizations,
        people=people,
        agents=read_agents(folder / "agents.csv"),
    )


ACTOR_FILES = ("organizations.csv", "peoples.csv", "regions.csv", "people.csv", "world_organizations.csv",
               "world_people.csv", "countries.csv", "agents.csv")  # fmt: skip


def actors_cache_path() -> Path:
    """Where the packaged tables are kept between processes, named by their files and the code of what is pickled."""
    from importlib.metadata import version

    from coders.data_cache import cache_file, code_files

    # the records' module, the index's and this one: a change to the pickled classes builds anew
    inputs = [DATA_DIR / name for name in ACTOR_FILES] + [SPELLINGS_FILE] + code_files(ActorData, Person, NameIndex)
    return cache_file("actors", inputs, f"{version('pycountry')}|{version('pydantic')}")


@cache
def _packaged_actor_data() -> ActorData:
    """The packaged tables with their name index, read once per process and kept between processes (2 s to build, 0.5 s to load)."""
    from coders.data_cache import cached

    path = actors_cache_path()

    def build() -> ActorData:
        data = load_actor_data(DATA_DIR)
        data.name_index()  # pickled with the tables: the index's targets are the tables' own records
        return data

    return cached(path, ActorData, build)
