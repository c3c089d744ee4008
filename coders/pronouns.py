"""Whom a pronoun of a sentence may stand for, read from the sentence itself: agreement in number and kind, and the
subjects and objects of its own and governing clauses ("X sent his regards", "Bakiyev said ... after Russia promised his
country loans"). Coreference across sentences is coders/coreference.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Token

from coders.actors import Actor
from coders.coref_table import coref_table
from coders.kinds import ActorKind

ActorsAt = Mapping[int, "Actor | None"]


def agrees(pronoun: str, actors: Sequence[Actor]) -> bool:
    """Whether a third-person pronoun can stand for these actors.

    "it" stands for one country, capital, organisation or body ("the government said it"), "he"/"she"
    for one person or office holder ("the minister"), "they" for several actors, a plural phrase
    ("Kazakh troops") or an organisation, whose members the news often counts ("the Taliban said they").
    An agent word may name a body or a person, so it agrees with both.
    """
    table = coref_table()
    if pronoun in table.group:
        return len(actors) > 1 or actors[0].plural or actors[0].kind == ActorKind.ORGANIZATION
    if len(actors) != 1 or actors[0].plural:
        return False
    if pronoun in table.thing:
        return actors[0].kind in (ActorKind.COUNTRY, ActorKind.ORGANIZATION, ActorKind.CAPITAL, ActorKind.AGENT)
    if pronoun in table.person:
        words = actors[0].text.lower().split()  # "the U.N. special rapporteur": an organisation named by its officer
        office = actors[0].kind == ActorKind.ORGANIZATION and bool(words) and words[-1] in table.person_offices
        return actors[0].kind in (ActorKind.PERSON, ActorKind.AGENT) or office
    return False


def is_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass"))


def earlier_subject(pronoun: Token, actors_at: ActorsAt, word: str) -> list[Actor]:
    """The first subject before a subject pronoun in its own sentence that it agrees with: a subject goes on as the subject."""
    for tok in pronoun.sent:
        if tok.i >= pronoun.i:
            break
        if is_subject(tok):
            actor = actors_at.get(tok.i)
            if actor is not None and agrees(word, [actor]):
                return [actor]
    return []


def own_subject(pronoun: Token, actors_at: ActorsAt, word: str) -> list[Actor]:
    """The subject of the verb whose direct object a possessive pronoun qualifies, when it agrees ("X sent his regards")."""
    thing = pronoun.head
    if thing.dep_ not in ("dobj", "obj") or thing.head.pos_ != "VERB":
        return []
    subjects = [actors_at.get(c.i) for c in thing.head.children if c.dep_ == "nsubj"]
    return [a for a in subjects if a is not None and agrees(word, [a])][:1]


def own_group(pronoun: Token, actors_at: ActorsAt) -> list[Actor]:
    """The co-subjects (two or more actors) of the clause a possessive "their" stands in, else []."""
    heads = _clause_subjects(pronoun)
    actors = [a for t in [*heads, *(c for h in heads for c in h.conjuncts)] if (a := actors_at.get(t.i)) is not None]
    return list(dict.fromkeys(actors)) if len({a.key for a in actors}) > 1 else []


def own_plural(pronoun: Token, actors_at: ActorsAt) -> list[Actor]:
    """The one actor a plural noun names as the subject of the clause a possessive "their" stands in ("Ukrainian troops
    pressed on with their incursion": the troops', not the pair named before), else []."""
    heads = [h for h in _clause_subjects(pronoun) if h.tag_ in ("NNS", "NNPS") and not h.conjuncts]
    # not "Philippine and U.S. troops", "the two ministers", nor "their governments" itself
    heads = [h for h in heads if not any(m.conjuncts or m.dep_ == "nummod" for m in h.children) and pronoun.head.i != h.i]
    actors = [a for h in heads if (a := actors_at.get(h.i)) is not None]
    return actors[:1]


def _clause_subjects(pronoun: Token) -> list[Token]:
    """The subjects of the clause a possessive pronoun stands in, up the verbs that share theirs ("agreed to resume")."""
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        verb = verb.head  # "agreed to resume visits by their leaders": the subject of "agreed"
    return [c for c in verb.children if c.dep_ == "nsubj"]


def governing_subject(pronoun: Token, actors_at: ActorsAt, word: str) -> list[Actor]:
    """The subject of a clause above a possessive's own, when its own clause's subject cannot be its owner.

    "Bakiyev said ... after Russia promised his country loans": "his" is not Russia's, so Bakiyev's.
    """
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for step in range(4):
        subjects = [actors_at.get(c.i) for c in verb.children if is_subject(c)]
        agreeing = [a for a in subjects if a is not None and a.country and agrees(word, [a])]
        if agreeing or (step == 0 and any(is_subject(c) and c.pos_ == "PRON" for c in verb.children)):
            return agreeing[:1] if step else []  # its own clause's subject may own it: left as it was
        if verb.dep_ not in ("advcl", "ccomp", "conj", "xcomp") or verb.head.i == verb.i:
            return []
        verb = verb.head
    return []


def thing_before(pronoun: Token, actors_at: ActorsAt) -> bool:
    """Whether an object "it" follows a thing its own sentence names as an object ("condemned the attack ... it")."""
    if pronoun.dep_ not in ("dobj", "obj", "pobj"):
        return False
    return any(
        tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj", "pobj") and actors_at.get(tok.i) is None
        for tok in pronoun.sent
        if tok.i < pronoun.i
    )
