"""The word lists of coreference (``coders/data/coreference.toml``), validated by pydantic when loaded.

Its own module so that both the actor matcher (titles) and coreference (pronouns, descriptions,
quotations) read it without importing each other.
"""

from __future__ import annotations

from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from coders.datafiles import read_toml

COREF_FILE = Path(__file__).resolve().parent / "data" / "coreference.toml"

_Words = frozenset[str]


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Pronouns(_Table):
    person: _Words = Field(min_length=1)
    group: _Words = Field(min_length=1)
    thing: _Words = Field(min_length=1)
    reciprocal: _Words = Field(min_length=1)
    distributive: _Words
    reciprocal_other: _Words
    offices: _Words


class _Descriptions(_Table):
    pair_words: _Words = Field(min_length=1)
    bare_pair: str
    group_counts: dict[str, int] = Field(default_factory=dict)
    plural_pairs: _Words
    people: _Words
    definite: _Words = Field(min_length=1)
    members: _Words
    organs: _Words
    countries: _Words
    roles: _Words
    others: _Words
    bodies: _Words
    organizations: _Words
    governments: _Words
    every: _Words
    additive: _Words


class _Agents(_Table):
    agents: _Words


class _Located(_Agents):
    unplaced: _Words


class _Titles(_Table):
    past: _Words
    offices: _Words
    honorifics: _Words


class _Settled(_Table):
    agents: _Words
    prepositions: _Words = Field(min_length=1)


class _Demonyms(_Table):
    people: str = Field(pattern=r"^[A-Z]{3}$")
    opposing: str = Field(pattern=r"^[A-Z]{3}$")
    people_words: _Words
    protest_verbs: _Words


class _Hyphenated(_Table):
    other: _Words
    before: _Words


class QuoteTable(_Table):
    """The [quotes] table of coreference.toml: speaker pronouns, speech verbs and quotation marks."""

    speaker: _Words = Field(min_length=1)
    speech_verbs: _Words = Field(min_length=1)
    opening: _Words = Field(alias="open", min_length=1)
    closing: _Words = Field(alias="close", min_length=1)
    both: _Words


class _CorefFile(_Table):
    """coreference.toml as written."""

    pronouns: _Pronouns
    pairs: dict[str, str]
    descriptions: _Descriptions
    standalone: _Agents
    titles: _Titles
    located: _Located
    conjoined: _Agents
    settled: _Settled
    demonyms: _Demonyms
    hyphenated: _Hyphenated
    generic: dict[str, frozenset[str]]
    quotes: QuoteTable

    @field_validator("pairs")
    @classmethod
    def _agent_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for noun, agent in value.items():
            if agent and not (agent.isalpha() and agent.isupper() and len(agent) == 3):
                raise ValueError(f"the agent of {noun!r} must be a 3-letter code such as 'GOV' or empty, got {agent!r}")
        return value

    @field_validator("descriptions")
    @classmethod
    def _people_are_pairs(cls, value: _Descriptions, info: ValidationInfo) -> _Descriptions:
        unknown = sorted(value.people - set(info.data.get("pairs", {})))
        if unknown:
            raise ValueError(f"people nouns must be [pairs] nouns too: {unknown}")
        return value


class CorefTable:
    """The pronoun sets, pair-description nouns, agent lists, titles and quotation words of coreference.toml."""

    def __init__(self, data: _CorefFile) -> None:
        p, d = data.pronouns, data.descriptions
        self.person, self.group, self.thing, self.reciprocal = p.person, p.group, p.thing, p.reciprocal
        self.distributive, self.reciprocal_other = p.distributive, p.reciprocal_other
        self.person_offices = p.offices  # "the U.N. special rapporteur" (an organisation's code) is one person: "she"
        self.pairs = dict(data.pairs)
        self.pair_words, self.plural_pairs, self.definite = d.pair_words, d.plural_pairs, d.definite
        self.bare_pair = d.bare_pair  # "The two discussed ...": read as "the two leaders"
        self.group_counts = d.group_counts
        self.pair_people, self.members, self.country_nouns, self.country_roles = d.people, d.members, d.countries, d.roles
        self.organs = d.organs  # "the IAEA board": a body an organisation names acts for it
        self.others, self.organization_nouns, self.pair_bodies = d.others, d.organizations, d.bodies
        self.governments = d.governments  # "urged the government": the country named last when no government was
        self.every = d.every  # "urged all sides": the two parties named last, or the one country of a crisis
        self.additive = d.additive  # "X also congratulated": whom the sentence before's act of that kind was aimed at
        self.standalone, self.located, self.conjoined = data.standalone.agents, data.located.agents, data.conjoined.agents
        self.past_titles, self.office_agents, self.honorifics = data.titles.past, data.titles.offices, data.titles.honorifics
        self.settled, self.settled_where = data.settled.agents, data.settled.prepositions
        self.unplaced = data.located.unplaced  # "an international tribunal in The Hague" is no Dutch court
        self.demonyms, self.hyphen_other, self.hyphen_before = data.demonyms, data.hyphenated.other, data.hyphenated.before
        self.generic = dict(data.generic)  # "the alliance" -> the organisation codes it may name
        self.quotes = data.quotes

    @cached_property
    def resolvable(self) -> frozenset[str]:
        """The words coreference can resolve: pronouns (a quotation's first person too), pair nouns and generic nouns."""
        return (
            self.person | self.group | self.thing | frozenset(self.pairs) | frozenset(self.generic) | self.quotes.speaker | self.pair_words
        )


def read_coref_table(path: Path) -> CorefTable:
    """Read and validate a coreference table; LexiconError naming file:line [field] when it is malformed."""
    return CorefTable(read_toml(path).validate(_CorefFile))


@cache
def coref_table() -> CorefTable:
    """The packaged coreference word lists, loaded once."""
    return read_coref_table(COREF_FILE)
