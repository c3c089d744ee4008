"""What a target resolver reads (`VerbQuery`), what it is (`Resolver`), and how the first that finds anyone wins."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Token

from coders.actors import Actor
from coders.coref_table import coref_table
from coders.events.reading import VerbReader, VerbReading
from coders.events.roles import SentenceRoles
from coders.kinds import ActorKind
from coders.lexicon import LexiconEntry

STATEMENT_ROOT = "01"
CONSULT_ROOT = "04"
DISAPPROVAL_ROOT = "11"


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
    """The targets of the first resolver that finds any other than the doers' own side, with its name; ([], None) when none does.

    "Russia lifted its ban on flights to Kyrgyzstan": "its" names Russia, the doer itself, so the next place is read.
    """
    for resolver in resolvers:
        found = resolver.find(query)
        if found and not (query.sources and all(one_side(s, t) for s in query.sources for t in found)):
            return found, resolver.name
    return [], None


def one_side(source: Actor, target: Actor) -> bool:
    """Whether an event from source to target would be an actor acting on itself, which is never coded.

    The same actor; a thing of one's own country ("the Kyrgyz government nationalized a Kyrgyz mine"), unless the doer
    is an agent outside the state ("Somali militants bombed a Somali market": SOMREB -> SOM); one's own country
    ("Karimov proposed talks between Uzbekistan and X": not UZBGOV -> UZB); a country and its state (_same_country).
    """
    outside_state = coref_table().standalone
    return (
        source.code == target.code
        or source.key == target.key
        or (target.kind == ActorKind.MODIFIER and target.country == source.country and source.agent not in outside_state)
        or (target.code == source.country and source.agent not in outside_state)
        or _same_country(source, target)
    )


def _same_country(source: Actor, target: Actor) -> bool:
    """Whether an event would be a country acting on itself: one side is the bare country, the other it or its state.

    "Kenya praised Kenyan police" (KEN -> KENCOP) is no event between two actors; "Nigeria condemned
    Nigerian militants" (NGA -> NGAREB) is one, and stays: the state's offices are coreference.toml's [titles] offices.
    """
    if source.country is None or source.country != target.country or source.country not in (source.code, target.code):
        return False
    other = target if source.code == source.country else source
    return other.agent is None or other.agent in coref_table().office_agents
