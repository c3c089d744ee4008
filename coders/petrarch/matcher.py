"""The actor matcher for PETRARCH dictionaries: named actors with fixed or dated codes, agents before or after.

It finds what `coders.actors.ActorMatcher` finds in our own data and, beside it, the phrases of
`DictionaryActorData.named`. Dictionary phrases are written in capitals, so they are matched
without regard to case, but a match counts only when one of its words is written with a capital
(proper names: "Kyrgyzstan", "the Kremlin", "U.N."), never as a common word ("china", "turkey").
Where a dictionary phrase and a phrase of our data cover the same words, the longer wins, and
ours on a tie; an agent word of both keeps our code.

The country of an actor is the first three letters of its code when they name a country
(`DictionaryActorData.country_codes`: ISO 3166, or a dictionary's bare three-letter actor code
that is no sector, such as the codes the validation suites invent); IGOUNO and MEDxxx have none.

A noun phrase is coded as PETRARCH codes it: the actor it names (its head's, else the nearest
one among its modifiers, possessors and "of" complements, on the event date) with every agent
of the phrase in order: ``~CODE`` agents after the actor code, ``CODE~`` agents before it
("MSF Kyrgyz diplomat": NGO + KGZ + GOV), an agent the code already holds left out ("White House
security officials": USAGOV). A dictionary agent word is matched in the forms the dictionary
gives (its plural is listed or generated, or nulled with ``{}``: "polices" is no POLICE {}),
our own agent words by lemma. A phrase with agents and no actor is an agent-only actor for
coreference to place, as in our own coder, unless an "in" or "from" complement names one
("lawmakers in Tajikistan" is TJKLEG, "soldiers from Russia" RUSMIL), or the first of two conjoined
agents shares its modifiers ("Afghan Islamist press and government": AFGMUSMED and AFGMUSGOV).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Span, Token

from coders.actor_data import Organization, Person, Place
from coders.actors import HEAD_POS, Actor, ActorMatcher, SentenceMentions, phrase_text, phrase_tokens
from coders.kinds import ActorKind
from coders.petrarch.actors import DictionaryActorData, NamedActor
from coders.phrase_index import PhraseIndex

Target = Place | Organization | Person | NamedActor

_AGENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
# Dependencies that keep a token inside the noun phrase it modifies ("Kazakhstan's Prime Minister Mamin").
_MODIFIER_DEPS = frozenset({"amod", "compound", "det", "case"})
# Prepositions by which an agent noun takes its country from a name: "officials in Moscow", "troops from Kazakhstan".
_PLACE_PREPS = frozenset({"in", "from"})


class DictionaryActorMatcher(ActorMatcher):
    """Finds our own actor phrases and the dictionaries' named actors and agents; codes noun phrases."""

    def __init__(self, nlp: Language, data: DictionaryActorData) -> None:
        super().__init__(nlp, data.base)
        self.data = data
        # matched on the text as written, whatever the tokenizer makes of it ("K.U." and "k.u.")
        self.named = PhraseIndex(ignore_case=True)
        self._named_targets: list[list[NamedActor]] = []
        for phrase, actors in data.named_phrases().items():
            self.named.add(phrase, len(self._named_targets))
            self._named_targets.append(actors)
        self.countries = data.country_codes()
        self.exact_agents: dict[str, str] = {}
        for phrase, code in data.dictionary_agents.items():
            if phrase in data.base.agents:
                continue  # our own agent word keeps its code
            if " " in phrase or "-" in phrase:
                self.multi_agents.add(code, [nlp.make_doc(phrase)])
            else:
                self.exact_agents[phrase] = code
        self.single_agents.update(self.exact_agents)

    def find(self, span: Span) -> SentenceMentions:
        """Actor names (our own and the dictionaries', longest first, ours on a tie) and agent words of a sentence."""
        found = SentenceMentions()
        doc = span.doc
        candidates: list[tuple[int, int, int, list[Target]]] = []
        for match_id, start, end in self.named(span):
            if any(any(c.isupper() for c in t.text) for t in doc[start:end]):
                candidates.append((start, end, 1, list(self._named_targets[match_id])))
        for match_id, start, end in self.names(span):
            candidates.append((start, end, 0, list(self._targets[match_id])))
        for start, end, _, targets in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
            if any(i in found.names for i in range(start, end)):
                continue
            for i in range(start, end):
                found.names[i] = (doc[start:end], targets)
        for match_id, start, end in sorted(self.multi_agents(span), key=lambda m: (m[1] - m[2], m[1])):
            if any(i in found.agents or i in found.names for i in range(start, end)):
                continue
            for i in range(start, end):
                found.agents[i] = (doc[start:end], doc.vocab.strings[match_id])
        for token in span:
            if token.i in found.agents or token.i in found.names or token.pos_ not in _AGENT_POS:
                continue
            lemma = token.lemma_.lower()
            agent = self.single_agents.get(token.lower_) or (None if lemma in self.exact_agents else self.single_agents.get(lemma))
            if agent:
                found.agents[token.i] = (doc[token.i : token.i + 1], agent)
        return found

    def actor(self, head: Token, mentions: SentenceMentions, on: dt.date | None) -> Actor | None:
        """The actor the noun phrase headed by `head` names on date `on`, or None."""
        if head.pos_ not in HEAD_POS or head.dep_ in _MODIFIER_DEPS:
            return None
        tokens = phrase_tokens(head)
        if head.i in mentions.agents and not any(t.i in mentions.names for t in tokens):
            tokens = sorted(tokens + _place_complements(head, mentions) + _shared_modifiers(head, mentions), key=lambda t: t.i)
        if not any(t.i in mentions.names or t.i in mentions.agents for t in tokens):
            return None
        if head.i not in mentions.names and head.i not in mentions.agents and head.pos_ != "PROPN" and not _names_modifier(head, mentions):
            return None
        named = _named_actor(head, tokens, mentions, on)
        agents = _agents(tokens, mentions)
        text = phrase_text(head, tokens)
        plural = head.tag_ in ("NNS", "NNPS")
        if named is None:
            if not agents:
                return None
            code = _with_agents("", agents)
            return Actor(code, None, text, ActorKind.AGENT, code, code, plural)
        code, kind, key = named
        if kind == ActorKind.CAPITAL and not agents:
            agents = ["GOV"]  # "Moscow said": the seat of government speaks for it
        full = _with_agents(code, agents)
        country = full[:3] if full[:3] in self.countries else None
        suffix = full[len(code) :] or None if full.startswith(code) else None
        if kind in (ActorKind.COUNTRY, ActorKind.ADJECTIVE, ActorKind.CAPITAL, ActorKind.CITY) and suffix and country:
            kind = ActorKind.AGENT
        return Actor(full, country, text, kind, key if full == code else full, suffix, plural)


def _names_modifier(head: Token, mentions: SentenceMentions) -> bool:
    """Whether a possessor or compound of the head names an actor ("Tajikistan's militia", "the population of Osh")."""
    for child in head.children:
        if child.dep_ in ("poss", "compound", "amod") and child.i in mentions.names:
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and any(c.dep_ == "pobj" and c.i in mentions.names for c in child.children):
            return True
    return False


def _place_complements(head: Token, mentions: SentenceMentions) -> list[Token]:
    """Names in an agent's "in"/"from" complement: "lawmakers in Tajikistan", "soldiers from Russia"."""
    return [
        c
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in _PLACE_PREPS
        for c in p.children
        if c.dep_ == "pobj" and c.i in mentions.names
    ]


def _shared_modifiers(head: Token, mentions: SentenceMentions) -> list[Token]:
    """What the first of two conjoined agents shares with the second: the modifiers before it ("Danish
    Islamist press and government"), and an "in"/"from" name after both ("deputies and envoys in Kyrgyzstan")."""
    first = head.head
    if head.dep_ != "conj" or first.i not in mentions.agents:
        return []
    before = [
        c
        for c in first.children
        if c.dep_ in ("amod", "compound", "poss") and c.i < first.i and (c.i in mentions.names or c.i in mentions.agents)
    ]
    return before + [c for c in _place_complements(first, mentions) if c.i > head.i]


def _named_actor(head: Token, tokens: list[Token], mentions: SentenceMentions, on: dt.date | None) -> tuple[str, ActorKind, str] | None:
    """(code, kind, key) of the actor a phrase names: the head's own name, else the nearest named modifier."""
    named = [t for t in tokens if t.i in mentions.names]
    for token in sorted(named, key=lambda t: (t.i != head.i, abs(t.i - head.i))):
        found = _code_of(mentions.names[token.i][1], on)
        if found is not None:
            return found
    return None


def _code_of(targets: Sequence[Target], on: dt.date | None) -> tuple[str, ActorKind, str] | None:
    """The first target that has a code on the date: (code, kind, coreference key)."""
    for target in targets:
        if isinstance(target, NamedActor):
            code = target.code_on(on)
            if code:
                return code, (ActorKind.COUNTRY if len(code) == 3 else ActorKind.ORGANIZATION), target.name
        elif isinstance(target, Person):
            code = target.code_on(on)
            if code:
                return code, ActorKind.PERSON, target.name
        elif isinstance(target, Organization):
            return target.code, ActorKind.ORGANIZATION, target.code
        else:
            return target.iso3, ActorKind(target.kind), target.iso3
    return None


def _agents(tokens: list[Token], mentions: SentenceMentions) -> list[str]:
    """The agent codes of a phrase in word order, one per agent phrase, none inside a name."""
    codes: list[str] = []
    seen: set[int] = set()
    for token in tokens:
        if token.i not in mentions.agents or token.i in mentions.names:
            continue
        span, code = mentions.agents[token.i]
        if span.start in seen:
            continue
        seen.add(span.start)
        codes.append(code)
    return codes


def _with_agents(code: str, agents: list[str]) -> str:
    """An actor code with its agents: ``CODE~`` before it, ``~CODE`` and plain codes after it, none twice."""
    before = "".join(a[:-1] for a in agents if a.endswith("~") and a[:-1] not in code)
    after = ""
    for agent in agents:
        if agent.endswith("~"):
            continue
        suffix = agent.lstrip("~")
        if suffix not in code[3:] and suffix not in after:
            after += suffix
    return before + code + after
