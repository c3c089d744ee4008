"""Other spellings of a person's name, by the rules of ``coders/data/spellings.toml``.

Names romanized from Cyrillic are spelled differently by different outlets ("Tokayev", "Tokaev";
"Japarov", "Zhaparov"; "Rahmon", "Rakhmon"). Each rule rewrites one word of a name; a word takes
every rule that matches it, one at a time or several in turn, and a name's words vary together, so
"Kassym-Jomart Tokayev" is also "Kassym-Zhomart Tokaev".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coders.datafiles import read_toml

if TYPE_CHECKING:
    from coders.actor_records import Person

SPELLINGS_FILE = Path(__file__).resolve().parent / "data" / "spellings.toml"

_WORD_BREAK = re.compile(r"([ \-])")
MAX_SPELLINGS = 32  # of one name: a name of many changeable words keeps its first 32


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    pattern: str = Field(min_length=1)
    to: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as e:
            raise ValueError(f"not a regular expression: {e}") from e
        return value


class _SpellingsFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    countries: frozenset[str] = Field(min_length=1)
    rule: list[_Rule] = Field(min_length=1)

    @field_validator("countries")
    @classmethod
    def _iso3(cls, value: frozenset[str]) -> frozenset[str]:
        bad = sorted(c for c in value if not re.fullmatch(r"[A-Z]{3}", c))
        if bad:
            raise ValueError(f"countries must be ISO 3166 alpha-3 codes such as 'KAZ', got {bad}")
        return value


class Spellings:
    """The spelling rules and the countries whose people's names take them."""

    def __init__(self, countries: frozenset[str], rules: list[tuple[str, str]]) -> None:
        self.countries = countries
        self._rules = [(re.compile(pattern), to) for pattern, to in rules]

    def word(self, word: str) -> list[str]:
        """A word and its other spellings: each rule that matches, applied in turn to what came before."""
        found = [word]
        for pattern, to in self._rules:
            found += [changed for w in found if (changed := pattern.sub(to, w)) != w and changed not in found]
        return found

    def name(self, name: str) -> list[str]:
        """The other spellings of a name (not the name itself), its words varied together, at most MAX_SPELLINGS."""
        parts = _WORD_BREAK.split(name)  # words and the blanks or hyphens between them, kept
        options = [self.word(part) if i % 2 == 0 else [part] for i, part in enumerate(parts)]
        spellings = ("".join(choice) for choice in itertools.product(*options))
        return [s for s in itertools.islice(spellings, MAX_SPELLINGS + 1) if s != name][:MAX_SPELLINGS]


def read_spellings(path: Path) -> Spellings:
    """Read and validate a spellings table; LexiconError naming file:line [field] when it is malformed."""
    data = read_toml(path).validate(_SpellingsFile)
    return Spellings(data.countries, [(rule.pattern, rule.to) for rule in data.rule])


@cache
def spellings() -> Spellings:
    """The packaged spelling rules, loaded once."""
    return read_spellings(SPELLINGS_FILE)


def other_spellings(people: Iterable[Person], taken: Container[str]) -> dict[str, Person]:
    """Other spellings of the names of people whose home country takes the rules, each of one person and no name taken."""
    rules = spellings()
    found: dict[str, Person | None] = {}  # None: two people would share the spelling
    for person in people:
        if person.home_country not in rules.countries:
            continue
        for name in [person.name, *person.aliases]:
            for spelling in rules.name(name):
                if spelling not in taken:
                    found[spelling] = person if found.get(spelling, person) is person else None
    return {spelling: person for spelling, person in found.items() if person is not None}
