"""The records of the actor data: places, people and their dated roles, and the codes they use.

Read from the tables of coders/data by coders/actor_data.py; see there for the files and their rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from coders.actor_data import Organization

AgentCode = Literal[
    "GOV", "MIL", "COP", "SPY", "LEG", "JUD", "OPP", "REB", "SEP", "INS", "UAF", "PTY",
    "MED", "BUS", "MNC", "CVL", "EDU", "REF", "LAB", "ELI", "AGR", "HLH", "HRI", "ENV",
    "DEV", "CRM", "REL", "MOD", "RAD", "IGO", "NGO", "IMG",
]  # fmt: skip
PlaceKind = Literal["country", "adjective", "capital", "city"]
Office = Literal["head-of-state", "head-of-government", "foreign", "defence", "interior", "security"]
_AGENT_CODES: frozenset[str] = frozenset(get_args(AgentCode))
HEAD_OFFICES: frozenset[str] = frozenset({"head-of-state", "head-of-government"})
FORMER_OFFICIAL = "ELI"  # the agent of a person between or after national offices

_KIND_RANK: dict[str, int] = {"country": 0, "adjective": 1, "capital": 2, "city": 3}

_Dated = TypeVar("_Dated", "Place", "Organization")


def _within(on: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a date falls in a span whose ends (None: open) are both inclusive."""
    return (start is None or start <= on) and (end is None or on <= end)


def dated(targets: Sequence[_Dated], on: dt.date | None) -> list[_Dated]:
    """Of the things a phrase names, those that hold on a date; all of them when none does or there is no date."""
    if on is None:
        return list(targets)
    held = [t for t in targets if t.active(on)]
    return held or list(targets)


def dated_places(targets: Sequence[object], on: dt.date | None) -> list[Place]:
    """Of the things a phrase names, the places that hold on a date (as `dated`), never an adjective of a state gone
    by then: "Soviet-era" or "former Soviet" in news of 2015 names no state, "the former Yugoslavia" still does."""
    places = [t for t in targets if isinstance(t, Place)]
    if on is not None:
        places = [p for p in places if not (p.kind == "adjective" and p.end is not None and p.end < on)]
    return dated(places, on)


def _split(value: object) -> object:
    """A pipe-separated field as a list of stripped, non-empty items."""
    if isinstance(value, str):
        return [item.strip() for item in value.split("|") if item.strip()]
    return value


class Place(BaseModel):
    """A phrase that names a country: its name, an adjective or demonym, its capital, or a city."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    phrase: str = Field(min_length=1, description="as written in the data, case kept")
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    kind: PlaceKind
    start: dt.date | None = Field(default=None, description="the first day the state existed (None: long before)")
    end: dt.date | None = Field(default=None, description="the last day the state existed (None: it still does)")

    def active(self, on: dt.date) -> bool:
        """Whether the state existed on this date (both ends inclusive)."""
        return _within(on, self.start, self.end)


class Role(BaseModel):
    """One office a person held: the country, the CAMEO agent of the office, its title and dates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str = Field(pattern=r"^(?:[A-Z]{3})+$", description="ISO3 country, or an organisation's code (IGOUNO)")
    agent: AgentCode
    office: Office | None = None
    title: str = Field(min_length=1)
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def national(self) -> bool:
        """Whether the office is one of a country (UZB), not of an organisation (IGOUNO)."""
        return len(self.country) == 3

    @property
    def code(self) -> str:
        """The CAMEO actor code of the office: UZBGOV for a country's, the organisation's code (IGOUNO) for an organisation's."""
        return self.country + self.agent if self.national else self.country

    @property
    def is_head(self) -> bool:
        """Whether the office is that of a head of state or government."""
        return self.office in HEAD_OFFICES

    def active(self, on: dt.date) -> bool:
        """Whether the office was held on this date (start and end both inclusive)."""
        return _within(on, self.start, self.end)


class Person(BaseModel):
    """A person the news names, with every office they held."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(min_length=1)

    def code_on(self, on: dt.date | None) -> str | None:
        """The actor code on a date: the office held then, a former official (ELI) after, None before.

        Of several offices held at once a head of state or government wins, then file order.
        Between or after offices the person is the country of the latest ended national office + "ELI"
        (None when every office ended was in an organisation: a former UN official has no country).
        With no date the most recent office (latest start) gives the code.
        """
        if on is None:
            latest = max(self.roles, key=lambda r: (r.start or dt.date.min, r.is_head))
            return latest.code
        held = [role for role in self.roles if role.active(on)]
        if held:
            heads = [role for role in held if role.is_head]
            return (heads or held)[0].code
        ended = [role for role in self.roles if role.national and role.end is not None and role.end < on]
        if not ended:
            return None
        return max(ended, key=lambda r: r.end or dt.date.min).country + FORMER_OFFICIAL

    @property
    def home_country(self) -> str | None:
        """The one country whose national offices the person held, or None (none, or several)."""
        countries = {role.country for role in self.roles if role.national}
        return countries.pop() if len(countries) == 1 else None
