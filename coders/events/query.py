"""What a target resolver reads (`VerbQuery`), what it is (`Resolver`), and how the first that finds anyone wins."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Token

from coders.actors import Actor
from coders.events.reading import VerbReader, VerbReading
from coders.events.roles import SentenceRoles
from coders.lexicon import LexiconEntry

STATEMENT_ROOT = "01"
CONSULT_ROOT = "04"


@dataclass(frozen=True)
class VerbQuery:
    """What a target resolver may read: the verb, its reading and entry, the sentence's roles and the sources found."""

    verb: Token
    reading: VerbReading
    entry: LexiconEntry
    sources: list[Actor]
    roles: SentenceRoles
    reader: VerbReader

    @property
    def objects(self) -> list[Token]:
        """The verb's objects (with conjuncts)."""
        return self.reading.objects

    @property
    def preps(self) -> dict[str, list[Token]]:
        """Preposition -> the objects of the verb's (and its objects') prepositional phrases."""
        return self.reading.preps

    @property
    def topical(self) -> bool:
        """Whether the verb is one whose object is a topic, never a party ("discussed Afghanistan")."""
        return self.reading.lemma in self.reader.grammar.topic_verbs

    @property
    def own_countries(self) -> set[str | None]:
        """The countries of the sources: a target of the doer's own country is no target ("withdrew from Syria" said by Syria)."""
        return {a.country for a in self.sources}

    @property
    def statement(self) -> bool:
        """Whether the entry codes a statement (root 01)."""
        return self.entry.code.startswith(STATEMENT_ROOT)

    @property
    def free(self) -> bool:
        """Whether the entry leaves the target's slot open (it names no prepositions of its own)."""
        return not self.entry.preps


class Resolver(NamedTuple):
    """A named way to find a target; `find` returns [] when it has nothing to say."""

    name: str
    find: Callable[[VerbQuery], list[Actor]]


def ours(q: VerbQuery) -> bool:
    """Whether the entry is read by our conventions: the resolvers beyond PETRARCH's own reading are not for its entries."""
    return not q.entry.conventions.phrase_target


def resolve(query: VerbQuery, resolvers: Sequence[Resolver]) -> tuple[list[Actor], str | None]:
    """The targets of the first resolver that finds any, with its name; ([], None) when none does."""
    for resolver in resolvers:
        found = resolver.find(query)
        if found:
            return found, resolver.name
    return [], None
