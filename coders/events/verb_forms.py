"""The forms a verb takes in the parse and what they say of its roles: infinitives, passives (shared, reduced,
copular), relative clauses, coordinated verbs and the verbs whose object or subject controls another's (an order, a
credit, a predicate)."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from coders.events.syntax import PREDICATE_PREPS, RELATIVE_PRONOUNS, SUBJECT_DEPS, copular, misread_main_verb


def infinitive(verb: Token) -> bool:
    """Whether a verb is a "to" infinitive ("to help", "in order to protect")."""
    return any(c.lower_ == "to" and c.dep_ in ("aux", "mark") for c in verb.children)


def mistagged_infinitive(token: Token) -> bool:
    """Whether the parser tagged a "to" infinitive's verb a noun yet parsed it as one ("offered to host talks")."""
    return token.pos_ == "NOUN" and token.dep_ == "xcomp" and infinitive(token)


def predicate_adjective(token: Token) -> bool:
    """Whether a participle tagged an adjective is what its clause says of the subject ("Japan is concerned about ...").

    Only a participle ("-ed"): "the border is open", "X is free to ..." are states, not acts.
    """
    return token.pos_ == "ADJ" and token.dep_ == "acomp" and token.lower_.endswith("ed")


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass" for c in verb.children)


def shares_passive(verb: Token) -> bool:
    """Whether a past participle conjoined with a passive verb is passive too: "ratified" in "was signed and ratified by X"."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not _own_subject(verb)
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    )


def reduced_passive(verb: Token) -> bool:
    """Whether a verb is a past participle modifying a noun, its passive subject: "the agreement, signed by X and Y",
    "a deal reached between X and Y" (not "the troops left behind" nor a participle with an object of its own)."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "aux", "auxpass", "prt") for c in verb.children)
        and not misread_main_verb(verb)
    )


def copular_passive(verb: Token) -> bool:
    """Whether a past participle the parser made the complement of "to be" has a "by" agent, as a passive has: "it was
    extremely troubled by X's executions"."""
    return verb.dep_ == "acomp" and verb.tag_ == "VBN" and copular(verb.head) and any(c.dep_ == "agent" for c in verb.children)


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the envoy, who was expelled": envoy), else the token itself."""
    return token.head.head if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" else token


def relative_head(verb: Token) -> Token | None:
    """The noun a relative clause holding the verb describes, up its infinitives ("the vaccine, which Moscow has promised
    to provide": vaccine for "provide"), when the clause's relative pronoun is the verb's object; else None."""
    if not any(c.dep_ in ("dobj", "obj") and c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        return None
    clause = verb
    for _ in range(3):
        if clause.dep_ == "relcl":
            return clause.head
        if clause.dep_ != "xcomp":
            return None
        clause = clause.head
    return None


def coordinated_verbs(verb: Token) -> list[Token]:
    """The verbs coordinated with a verb that share its subject: "condemned" and "sanctioned" in "X condemned and sanctioned Y"."""
    found = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _own_subject(c)]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not _own_subject(verb):
        found.append(verb.head)
    return found


def agents_of(verb: Token) -> list[Token]:
    """The objects of a verb's "by" agent phrase ("was signed by X and Y": X)."""
    phrases = [p for p in verb.children if p.dep_ == "agent" or (p.dep_ == "prep" and p.lower_ == "by")]
    return [c for p in phrases for c in p.children if c.dep_ == "pobj"]


def shared_objects(verb: Token) -> list[Token]:
    """The objects of the verb coordinated right after a verb that has none: "Iran" in "condemned and sanctioned Iran".

    Only "V1 and V2 object", nothing but a conjunction, adverbs or commas between the verbs, the second with no subject
    of its own: not "X arrived in Kyiv and met Y", nor "X condemned and Y sanctioned Iran".
    """
    if any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children):
        return []
    for other in (v for v in coordinated_verbs(verb) if v.i > verb.i):
        between = verb.doc[verb.i + 1 : other.i]
        if all(t.dep_ in ("cc", "advmod", "punct", "neg") for t in between):
            return [c for c in other.children if c.dep_ in ("dobj", "obj")]
    return []


def object_controller(verb: Token, governors: Collection[str]) -> list[Token]:
    """The object of the verb an infinitive complements, which does the infinitive's act.

    "a move that prompted Israel to recall its ambassador", "forced Russia to withdraw"; not for the verbs of
    `governors` (appeals, intents: "urged X to free", "promised X to visit" are read by their mood).
    """
    return [] if verb.head.lemma_.lower() in governors else _infinitive_object(verb)


def commanded(verb: Token, verbs: Collection[str]) -> list[Token]:
    """Whom a verb of command orders to do an infinitive's act: "troops" in "ordered troops to withdraw from X"."""
    return _infinitive_object(verb) if verb.head.lemma_.lower() in verbs else []


def _infinitive_object(verb: Token) -> list[Token]:
    """The object before an infinitive complement of the verb above it ("ordered troops to withdraw"), or none."""
    if verb.dep_ != "xcomp" or not infinitive(verb):
        return []
    return [c for c in verb.head.children if c.dep_ in ("dobj", "obj") and c.i < verb.i]


def gerund_controller(verb: Token, verbs: Collection[str]) -> list[Token]:
    """The object of a verb of `verbs` (praise, thanks, reproach) whose "for"/"on" gerund says what that object did.

    "X and Y thanked Turkmenistan for hosting the summit": Turkmenistan hosted it, not the thankers;
    "congratulated Kazakhstan on holding a referendum".
    """
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.dep_ != "prep" or prep.lower_ not in ("for", "on"):
        return []
    if prep.head.lemma_.lower() not in verbs or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    return [c for c in prep.head.children if c.dep_ in ("dobj", "obj")]


def predicate_subjects(verb: Token) -> list[Token]:
    """The subject of a copula whose predicate noun an infinitive describes: "Russia became the first country to recognise",
    "Putin and Xi were among the first to congratulate"."""
    noun = verb.head
    if verb.dep_ not in ("relcl", "acl") or not infinitive(verb) or noun.head.i == noun.i:
        return []
    if noun.dep_ == "attr":
        copula = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ in PREDICATE_PREPS and noun.head.dep_ == "prep":
        copula = noun.head.head
    else:
        return []
    return [c for c in copula.children if c.dep_ in SUBJECT_DEPS]
