"""Target resolvers that read what a verb's object or phrase carries: whom it is for, what it is against, whose goods
or country it names, whom a purpose infinitive means, whose finding, agreement or act it is. Tried in the order `resolvers.VERB_TARGETS` gives."""

from __future__ import annotations

from spacy.tokens import Token

from coders.actors import Actor
from coders.events.query import VerbQuery, ours
from coders.events.syntax import (
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    VERB_TARGET_PREPS,
    for_clause_subjects,
    prep_objects,
    small_clause_subjects,
    with_conjuncts,
)
from coders.events.verb_forms import infinitive
from coders.role_words import role_words

# a relative clause whose own object or complement is not its relative pronoun says something else of the noun
_OWN_OBJECT_DEPS = frozenset({"dobj", "obj", "ccomp", "xcomp", "attr", "oprd"})


def object_for(q: VerbQuery) -> list[Actor]:
    """Whom the object is for: "expressed support for Uzbekistan's bid", "announced aid for Kyrgyzstan"; the other party
    of talks it is for: "rejected calls for talks with the RSF"."""
    if not q.free:
        return []
    wanted = [t for o in q.objects for t in prep_objects(o, ("for",))]
    talks = [t for t in wanted if t.lemma_.lower() in q.reader.grammar.symmetric_nouns]
    return q.roles.targets(wanted) or q.roles.targets([t for n in talks for t in prep_objects(n, ("with",))])


def object_about(q: VerbQuery) -> list[Actor]:
    """Whom the object (no actor itself) acts upon, in a participle or relative clause of a trigger verb.

    "backed a resolution condemning Pyongyang", "welcomed a report that criticized Belarus": what the
    object is against. Only a clause whose verb the lexicon codes, so "a plan involving Chile" says nothing.
    """
    if not q.free or q.topical or not ours(q):
        return []
    verbs = q.reader.lexicon.lemmas("verb")
    clauses = [
        c for o in q.objects if not _attack_on_victims(q, o) for c in o.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in verbs
    ]
    # a participle, or a relative clause whose subject is the object itself; not "reports that its troops shelled X"
    clauses = [
        c
        for c in clauses
        if not any(t.dep_ == "mark" or (t.dep_ in SUBJECT_DEPS and t.lower_ not in RELATIVE_PRONOUNS) for t in c.children)
    ]
    return q.roles.targets([t for c in clauses for t in c.children if t.dep_ in ("dobj", "obj")])


def _attack_on_victims(q: VerbQuery, thing: Token) -> bool:
    """Whether an object is an attack whose own clause says whom it killed or hit ("condemned the attack, which wounded three
    Kyrgyz embassy staff"): its victims are not whom the act on the attack is aimed at (roles.toml [victims])."""
    grammar = q.reader.grammar
    attack = thing.lemma_.lower() in grammar.military_action or thing.lemma_.lower() in grammar.hostilities
    return attack and any(c.lemma_.lower() in role_words().victims.verbs for c in thing.children if c.dep_ in ("acl", "relcl"))


def beneficiary(q: VerbQuery) -> list[Actor]:
    """Whom an act is for, in a "for"/"to" phrase (roles.toml [beneficiary]) of what is given: the country they are in.

    "pledged 20 million euros in aid for earthquake victims in Nepal", "shipped tents to refugees from
    Syria", "granted loans for Haiti's farmers". A bare "for X" (or "for X to ...") on the verb is read for aid only
    ("pledged $100 million for Ukraine"; not "criticized Y for X"), nor what a verb of discussion is about ("discussed a railway to X").
    """
    if not ours(q) or q.topical:
        return []
    words = role_words().beneficiary
    preps = tuple(words.prepositions)
    holders = [*q.objects, *(t for m in q.reading.measures for t in prep_objects(m, ("of", "in")))]
    if q.reading.measures:  # "pledged 3 million dollars in aid for ...", the parser hanging "in aid" on the verb
        holders += q.preps.get("in", [])
    carried = [t for h in holders for t in prep_objects(h, preps)]
    found = q.roles.targets(carried)
    if not found and words.cover(q.entry.code):
        found = [a for a in q.roles.targets(q.preps.get("for", [])) if a.country not in q.own_countries]
    if not found and words.cover(q.entry.code):
        # "approved $375 million for Uzbekistan to help it cope": the subject of a "for ... to" clause gets the aid
        subjects = [s for t in (q.verb, *holders) for s in for_clause_subjects(t)]
        found = [a for a in q.roles.targets(subjects) if a.country not in q.own_countries]
    if found:
        return found
    carried += [t for p in preps for t in q.preps.get(p, [])]
    # "returned to the talks in Vienna": a meeting or another event is where the act goes, not whom it is for
    carried = [t for t in carried if t.lemma_.lower() not in q.reader.nouns]
    # "pledged aid for flood victims in Pakistan", the parser hanging "in Pakistan" on the verb right after the phrase
    return q.roles.places(carried, ("in", "from", "along")) or q.roles.places_of(_hung_after(q.verb, carried, ("in", "from", "along")))


def _purpose_chain(q: VerbQuery) -> list[list[Token]]:
    """The purpose infinitives (roles.toml [purpose]) of the verb, step by step down a chain ("help defend"), three steps."""
    words = role_words().purpose.verbs
    todo = [c for c in q.verb.children if c.dep_ in ("advcl", "xcomp") and infinitive(c)]
    if q.reading.lemma in words:
        todo += [c for c in q.verb.children if c.dep_ in ("xcomp", "ccomp") and c not in todo]  # "help defend Estonia"
        todo += [q.verb]  # "helped Moldova secure": the verb's own small clause
    todo = [c for c in todo if c.lemma_.lower() in words]
    steps = []
    for _ in range(3):
        if not todo:
            break
        steps.append(todo)
        todo = [x for c in todo for x in c.children if x.dep_ == "xcomp" and x.lemma_.lower() in words]
    return steps


def purpose(q: VerbQuery) -> list[Actor]:
    """The object of a purpose infinitive (roles.toml [purpose]) that says whom the act is meant for.

    "offered to send troops to help defend Estonia", "deployed warships to protect Qatar", "helped
    Moldova secure its border"; a chain of such infinitives is followed ("help defend") two steps down.
    """
    if not ours(q):
        return []
    for todo in _purpose_chain(q):
        found = q.roles.targets(
            [t for c in todo if c.i != q.verb.i for t in c.children if t.dep_ in ("dobj", "obj")]
            + [t for c in todo for t in small_clause_subjects(c)]
        )
        if found:
            return found
    return []


def protected(q: VerbQuery) -> list[Actor]:
    """Whom a show or move of force protects, by the purpose infinitive it is done for (roles.toml [protection]).

    "offered to send troops to help protect Azerbaijan": the troops are military protection for Azerbaijan (074), not a
    posture towards it; the coder takes the code from the table when this resolver names the target.
    """
    protection = role_words().protection
    if not ours(q) or not protection.cover(q.entry.code):
        return []
    for todo in _purpose_chain(q):
        guards = [c for c in todo if c.i != q.verb.i and c.lemma_.lower() in protection.verbs]
        found = q.roles.targets([t for c in guards for t in c.children if t.dep_ in ("dobj", "obj")])
        if found:
            return found
    return []


def purpose_place(q: VerbQuery) -> list[Actor]:
    """The country where the act a purpose infinitive helps with is done, when it names no one it is for.

    "sent 50 rescuers to help search for survivors in Turkey", "offered to send police to help restore order in
    Haiti": the "in" phrase of the act helped with, of its object or of what its phrase names; never the doer's own.
    """
    if not ours(q):
        return []
    clauses = [c for todo in _purpose_chain(q) for c in todo]
    acts = [x for c in clauses for x in c.children if x.dep_ == "xcomp" and x.pos_ in ("VERB", "AUX")]
    acts += [c for c in clauses if c.i != q.verb.i]
    things = [t for a in acts for t in a.children if t.dep_ in ("dobj", "obj")]
    things += [
        t for a in [*acts, *things] for p in a.children if p.dep_ == "prep" and p.lower_ != "in" for t in p.children if t.dep_ == "pobj"
    ]
    own = q.own_countries
    return [a for a in q.roles.places([*acts, *things], ("in",)) if a.country not in own]


def goods(q: VerbQuery) -> list[Actor]:
    """The country a flow of goods (roles.toml [goods]) in the object or target phrase comes from, goes to or belongs to.

    "imposed a ban on imports of Russian coal", "sanctions on exports of Venezuelan oil", "halted arms deliveries to
    Israel"; never the doer's own country ("Russia banned exports of grain to Europe" is aimed at Europe).
    """
    if not q.free or q.topical or not ours(q):
        return []
    words = role_words().goods
    phrases = with_conjuncts(q.objects + [t for p in VERB_TARGET_PREPS for t in q.preps.get(p, [])], appos=False)
    # "tariffs on $34 billion of Chinese imports": what a sum counts
    phrases += [c for t in phrases if t.lemma_.lower() in q.reader.grammar.quantity_nouns for c in prep_objects(t, ("of",))]
    flows = [t for t in phrases if t.lemma_.lower() in words.nouns]
    # "barley imported from Australia": the participle's phrases
    flows += [c for t in phrases for c in t.children if c.dep_ == "acl" and c.lemma_.lower() in words.verbs]
    own = q.own_countries
    for prep in ("to", "from", "of"):
        found = [a for a in q.roles.targets([t for f in flows for t in prep_objects(f, (prep,))]) if a.country not in own]
        if found:
            return found
    # "Chinese imports": the country the flow itself is named for
    return [a for f in flows if f.pos_ == "NOUN" for a in q.roles.targets([f]) if a.country not in own]


def event_place(q: VerbQuery) -> list[Actor]:
    """The country an event the object names (roles.toml [event_place]) took place in: "condemned the crackdown in Belarus".

    Its "in" phrase, or that of the participle or relative clause saying where it was done ("the killings carried out in
    the Philippines"). Not a topic verb's object ("discussed the election in Iraq"), nor a statement's (read by
    statement-topic), nor the doer's own country ("Georgia's president criticized the vote in Georgia" names no target).
    """
    if not q.free or q.topical or not ours(q) or q.statement:
        return []
    nouns = role_words().event_place.nouns
    events = [t for t in with_conjuncts(q.objects, appos=False) if t.lemma_.lower() in nouns]
    # "criticised the conduct of the election in Belarus": an event an object's "of" phrase names
    events += [t for o in q.objects for t in prep_objects(o) if t.lemma_.lower() in nouns and t not in events]
    # "criticized the vote in Hungary", the parser hanging "in Hungary" on the verb right after the object
    own = q.own_countries
    found = q.roles.event_places(events) or q.roles.places_of(_hung_after(q.verb, events, ("in",)))
    return [a for a in found if a.country not in own]


def _hung_after(verb: Token, phrases: list[Token], preps: tuple[str, ...]) -> list[Token]:
    """The objects of a verb's phrases of `preps` that stand right after one of `phrases`, where the parser hangs a
    phrase that belongs to them ("aid for flood victims in Pakistan", "the vote in Hungary")."""
    ends = {t.right_edge.i + 1 for t in phrases}
    return [t for p in verb.children if p.dep_ == "prep" and p.lower_ in preps and p.i in ends for t in p.children if t.dep_ == "pobj"]


def brokered(q: VerbQuery) -> list[Actor]:
    """The parties of what a participle of mediation (roles.toml [mediated]) modifies.

    "the ceasefire between Armenia and Azerbaijan, brokered by Russia": its "between" parties; "Israel and Hamas agreed to
    a truce brokered by Egypt": the subjects (and objects) of the clause the truce is in. Not "a truce brokered by Egypt collapsed".
    """
    if q.verb.dep_ != "acl" or not role_words().mediated.cover(q.entry.code) or not ours(q):
        return []
    noun = q.verb.head
    parties = q.roles.targets(prep_objects(noun, ("between",)))
    clause = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ in ("dobj", "obj") else None
    if not parties and clause is not None:
        parties = q.roles.clause_parties(clause, besides=noun)  # "freed prisoners in a deal brokered by X"
    own = q.own_countries
    return [a for a in parties if a.country not in own]


def offered_from(q: VerbQuery) -> list[Actor]:
    """Who made the offer, proposal or request the object names (roles.toml [offered_from]), in its "from" phrase.

    "accepted an offer from China to mediate", "rejected a proposal from Hamas for a ceasefire in Gaza".
    """
    if not q.free or q.topical or not ours(q):
        return []
    nouns = role_words().offered_from.nouns
    own = q.own_countries
    makers = [t for o in q.objects if o.lemma_.lower() in nouns for t in prep_objects(o, ("from",))]
    return [a for a in q.roles.targets(makers) if a.country not in own]


def found_by(q: VerbQuery) -> list[Actor]:
    """Whose finding, report or verdict the object names (roles.toml [found_by]), in its "of" or "by" phrase.

    "rejected the conclusions of World Bank-commissioned studies", "disputed the findings of a UN report".
    """
    if not q.free or q.topical or not ours(q):
        return []
    nouns = role_words().found_by.nouns
    found = [t for o in q.objects if o.lemma_.lower() in nouns for t in prep_objects(o, ("of", "by"))]
    found += [t for f in found if f.lemma_.lower() in nouns for t in prep_objects(f, ("of", "by"))]
    own = q.own_countries
    return [a for a in q.roles.targets(found) if a.country not in own]


def pact_partner(q: VerbQuery) -> list[Actor]:
    """The partner of the doer's own agreement, in its "with" phrase: "annulled Kyrgyzstan's agreements with Russia",
    "suspended its treaty with Moscow"."""
    if not q.free or q.topical:
        return []
    own = q.own_countries
    owned = [o for o in q.objects if o.lemma_.lower() in q.reader.grammar.agreement and _owned_by(q, o)]
    return [a for a in q.roles.targets([t for o in owned for t in prep_objects(o, ("with",))]) if a.country not in own]


def _owned_by(q: VerbQuery, obj: Token) -> bool:
    """Whether an object's possessor is the doer's own country ("its", "Kyrgyzstan's" said of Kyrgyzstan)."""
    owners = [c for c in obj.children if c.dep_ == "poss"]
    if any(c.pos_ == "PRON" for c in owners):
        return True
    found = q.roles.targets(owners)
    return bool(found) and all(a.country in q.own_countries for a in found)


def relative_doer(q: VerbQuery) -> list[Actor]:
    """The doer of what the object names, in a relative clause of which the object is the object: "praised the reforms
    Mirziyoyev has launched", "condemned the sanctions that Washington imposed" (not "the reforms that will help X")."""
    if not q.free or not q.objects or q.topical or q.verb.head in q.objects:
        return []
    persons = q.reader.grammar.persons
    doers = [
        subject
        for noun in q.objects
        if noun.lemma_.lower() not in persons
        for clause in noun.children
        if clause.dep_ == "relcl" and not any(c.dep_ in _OWN_OBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS for c in clause.children)
        for subject in clause.children
        if subject.dep_ == "nsubj" and subject.pos_ != "PRON"
    ]
    return q.roles.actors(doers)
