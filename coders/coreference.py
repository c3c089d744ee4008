"""Coreference within a document: pronouns and descriptions resolved to actors named earlier."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.tokens import Token

from coders.actors import Actor
from schemas.errors import LexiconError

_PAIR_WORDS = frozenset({"two", "both"})


@dataclass(frozen=True)
class CorefTable:
    """The pronoun sets and pair-description nouns of coreference.toml."""

    person: frozenset[str]
    group: frozenset[str]
    thing: frozenset[str]
    pairs: dict[str, str]
    standalone: frozenset[str]


@cache
def coref_table() -> CorefTable:
    """The coreference word lists, loaded once."""
    path = resources.files("coders") / "data" / "coreference.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        pronouns = data["pronouns"]
        return CorefTable(
            frozenset(pronouns["person"]), frozenset(pronouns["group"]), frozenset(pronouns["thing"]), dict(data["pairs"]),
            frozenset(data["standalone"]["agents"]),
        )
    except (KeyError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"malformed coreference table: {e}", path=str(path)) from e


@dataclass
class DocumentContext:
    """The actors named so far in a document, most recent last."""

    sentences: list[list[Actor]] = field(default_factory=list)
    groups: list[tuple[Actor, ...]] = field(default_factory=list)

    def remember(self, actors: list[Actor]) -> None:
        """Note the actors named in a sentence, in their order."""
        self.sentences.append([a for a in actors if a.country or a.kind == "organization"])
        del self.sentences[:-10]

    @property
    def seen(self) -> list[Actor]:
        """Every remembered actor, oldest first."""
        return [a for sentence in self.sentences for a in sentence]

    def remember_group(self, actors: tuple[Actor, ...]) -> None:
        """Note a compound actor ("Putin and Karimov") that a later "they" can name."""
        if len(actors) > 1:
            self.groups.append(actors)
            del self.groups[:-10]

    def pronoun(self, token: Token) -> list[Actor]:
        """The actors a pronoun stands for, or [] when unsure."""
        table, word = coref_table(), token.lower_
        if word in table.person:
            return self._last(lambda a: a.kind == "person" or (a.kind == "agent" and a.agent == "GOV" and not a.plural))
        if word in table.group:
            if self.groups:
                return list(self.groups[-1])
            return self._last(lambda a: a.plural)
        if word in table.thing:
            return self._last(lambda a: a.kind in ("country", "organization", "capital") and not a.plural)
        return []

    def description(self, head: Token, agent_only: Actor | None) -> list[Actor]:
        """"the two leaders", "both countries": the two latest actors of different countries; "the president": the latest of that agent."""
        table = coref_table()
        lemma = head.lemma_.lower()
        if lemma in table.pairs and any(c.lower_ in _PAIR_WORDS for c in head.children):
            pair = self._two_countries()
            agent = table.pairs[lemma]
            return [Actor(a.country + agent if agent else a.country, a.country, head.text, "coreference", a.country + agent, agent or None)
                    for a in pair if a.country]
        if agent_only is not None and agent_only.agent:
            return self._last(lambda a: a.agent == agent_only.agent and a.country is not None)
        return []

    def _last(self, wanted) -> list[Actor]:  # type: ignore[no-untyped-def]
        """The first wanted actor of the latest sentence that has one: news names its subject first."""
        for sentence in reversed(self.sentences):
            for actor in sentence:
                if wanted(actor):
                    return [actor]
        return []

    def _two_countries(self) -> list[Actor]:
        found: list[Actor] = []
        for actor in reversed(self.seen):
            if actor.country and all(actor.country != f.country for f in found):
                found.append(actor)
                if len(found) == 2:
                    return found[::-1]
        return []
