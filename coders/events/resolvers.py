"""Whom a trigger verb acts upon: an ordered list of named target resolvers, the likeliest reading of the parse first.

Each resolver reads one place of the sentence where a target may stand and returns its actors, or
[] to hand over to the next. The first that finds anyone wins, and its name goes into the event's
rule (``sign.agreement+target:prep``) and into ``--explain``. To add a reading, write a function of
`VerbQuery` and put it in `VERB_TARGETS` where it belongs in the order; keep it precise: a
resolver that turns every "X said ... Y" into an event does more harm than the events it adds.
"""

from __future__ import annotations

from spacy.tokens import Token

from coders.actors import Actor
from coders.coreference import coref_table
from coders.events import carried
from coders.events.emit import EVENT_PLACE, STATEMENT_TOPIC
from coders.events.query import CONSULT_ROOT, DISAPPROVAL_ROOT, STATEMENT_ROOT, Resolver, VerbQuery, ours
from coders.events.roles import SentenceRoles
from coders.events.syntax import (
    POSTURE_PREPS,
    SETTING_PREPS,
    STATEMENT_TOPIC_PREPS,
    SUBJECT_DEPS,
    TOPIC_TARGET_PREPS,
    VERB_TARGET_PREPS,
    act_of_before,
    datives_of,
    in_inner_clause,
    participle_agents,
    prep_objects,
    prep_phrases,
    subjects_of,
    verb_phrase,
    with_conjuncts,
)
from coders.events.verb_forms import agents_of, infinitive, relative_head, shared_objects
from coders.kinds import ActorKind
from coders.role_words import role_words

# The resolver whose target a move of force protects: its event is coded as protection (roles.toml [protection]).
PROTECTED = "protected"
EXPELLED = "expelled"  # not a resolver: the name the coder gives an ordered withdrawal of another country's force

# Prepositions whose phrase names a setting, a topic or a possession, never the party an act is aimed at.
_NOT_A_PARTY = SETTING_PREPS | {
    "of",
    "for",
    "about",
    "regarding",
    "concerning",
    "despite",
    "since",
    "until",
    "before",
    "by",
    "between",
    "without",
    "except",
    "excluding",
}


# -- the direct object and what it holds -----------------------------------------------------------


def _removal_from(q: VerbQuery) -> list[Actor]:
    """The "from" phrase of a verb of removal (roles.toml [removal]), unless it is the doer's own country.

    "withdrew its forces from Syria", "recalled its envoy from Caracas", "pulled its monitors from Mali";
    not "expelled Russian diplomats from Britain" said by Britain, whose target is the diplomats' country.
    """
    if q.reading.lemma not in role_words().removal.verbs or not ours(q):
        return []
    own = q.own_countries
    return [a for a in q.roles.targets(q.preps.get("from", [])) if a.country not in own]


def _removal_conjoined(q: VerbQuery) -> list[Actor]:
    """For a verb of removal (roles.toml [removal]) whose objects are the doer's own, the party of the verb it is
    conjoined to: "sent a note of protest to Bishkek and recalled its ambassador" is aimed at Bishkek."""
    verb = q.verb
    if q.reading.lemma not in role_words().removal.verbs or verb.dep_ != "conj" or not q.objects:
        return []
    if not all(_own_thing(q, o) for o in q.objects):
        return []
    objects = [c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
    found = q.roles.targets(prep_phrases(verb.head, objects).get("to", [])) or q.roles.targets(objects)
    own = q.own_countries
    return [a for a in found if a.country not in own]


def _accused_described(q: VerbQuery) -> list[Actor]:
    """Whom a participle of reproach accuses when its object describes the one the main verb acts upon.

    "asked the UN to withdraw its mission, accusing the force of ...", "closed its border with Tajikistan, accusing
    its neighbour of ...": the object or party of the verb the participle hangs on. Not when the description names
    someone other than the doer ("accusing the Russian army of ...", "accusing the opposition of ..."): the object
    resolver reads that.
    """
    verb = q.verb
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or not q.entry.code.startswith(q.reader.lexicon.modality.target_codes.reproach):
        return []
    described = [o for o in q.objects if o.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in o.children)]
    own = q.own_countries
    doers = {a.code for a in q.sources} | own  # "accusing the country of ...", read as the doer's own country: a misreading
    if not described or any(a.code not in doers for a in q.roles.targets(described)):
        return []
    head = verb.head
    for _ in range(2):  # "asked the UN to withdraw its mission, accusing the force": up through the infinitive
        objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
        preps = prep_phrases(head, objects)
        found = q.roles.targets(objects) or next((f for p in (*VERB_TARGET_PREPS, "from") if (f := q.roles.targets(preps.get(p, [])))), [])
        found = [a for a in found if a.country not in own]
        if found or head.dep_ not in ("xcomp", "ccomp", "conj") or head.head.i == head.i:
            return found
        head = head.head
    return []


def _holder(q: VerbQuery) -> list[Actor]:
    """Who holds the doer's own people a demand or appeal is about (roles.toml [holder]), never the doer's own country.

    "Tajikistan demanded the release of a Tajik citizen held in Uzbekistan": Uzbekistan, by the place of the
    participle that says they are held, or its "by" agent ("detained by Russian police").
    """
    own = q.own_countries - {None}
    if not q.free or not own or not role_words().holder.cover(q.entry.code):
        return []
    people = with_conjuncts(q.objects + [m for o in q.objects for m in prep_objects(o)], appos=False)
    mine = [p for p in people if (found := q.roles.targets([p])) and all(a.country in own for a in found)]
    clauses = [c for p in mine for c in p.children if c.dep_ == "acl"]
    holders = q.roles.actors([t for c in clauses for t in agents_of(c)]) or q.roles.places(clauses, ("in",))
    return [a for a in holders if a.country not in own]


def _recipient(q: VerbQuery) -> list[Actor]:
    """Who received what a participle or relative clause of giving describes (roles.toml [received]): "Kyrgyzstan received
    150,000 doses of vaccine donated by China", "is expecting a shipment of vaccine, which Moscow has promised to provide":
    the subject of the verb whose object (or what its measure counts) the participle or clause is on."""
    words = role_words().received
    noun = q.verb.head if q.verb.dep_ == "acl" and q.verb.tag_ == "VBN" else relative_head(q.verb)
    if noun is None or not words.cover(q.entry.code):
        return []
    quantities = q.reader.grammar.quantity_nouns
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in quantities:
        noun = noun.head.head  # "doses of vaccine donated by China": up to the measure the verb takes
    if noun.dep_ not in ("dobj", "obj") or noun.head.lemma_.lower() not in words.verbs:
        return []
    own = q.own_countries
    return [a for a in q.roles.actors(subjects_of(noun.head)) if a.country not in own]


def _object(q: VerbQuery) -> list[Actor]:
    """The direct object: "criticized Russia", "shelled Kyrgyz villages"; not the forces a move of force moves
    ("deployed Turkish troops to Libya", roles.toml [instrument])."""
    if not q.free or q.topical:
        return []
    objects = [o for o in q.objects if not _own_thing(q, o)]
    instrument = role_words().instrument
    if instrument.cover(q.entry.code) and q.reading.lemma not in instrument.recipient_verbs:
        return q.roles.targets([o for o in objects if o.lemma_.lower() not in q.reader.grammar.troops])
    return q.roles.targets(objects)


def _own_thing(q: VerbQuery, obj: Token) -> bool:
    """Whether an object is the doer's own by a possessive pronoun ("France recalled its ambassador to Italy"): the act
    is aimed at whom another phrase names, not at its doer."""
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
        return False
    owners = q.roles.targets([obj])
    return bool(owners) and all(a.country in q.own_countries for a in owners)


def _topic(q: VerbQuery) -> list[Actor]:
    """The "of"/"against" phrase of an object the entry names as its topic: "probed the murder of an Afghan trader"."""
    if not q.free or q.topical or q.entry.objects is None:
        return []
    topics = [o for o in q.objects if o.lemma_.lower() in q.entry.objects]
    return q.roles.targets([c for o in topics for c in prep_objects(o, TOPIC_TARGET_PREPS)])


def _measure(q: VerbQuery) -> list[Actor]:
    """What a measure counts: "wrote off $500 million of Kyrgyz debt"; not a meeting's ("received 150,000 doses of
    China's vaccine" meets no one)."""
    if not q.free or q.entry.code.startswith(CONSULT_ROOT):
        return []
    return q.roles.targets([t for o in q.reading.measures for t in prep_objects(o)])


def _doer(q: VerbQuery) -> list[Actor]:
    """The doer of the act the object names, in a "by" phrase the parser hung on the verb: "condemned the attack by militants"."""
    if not q.free or not q.objects or q.reading.passive or q.topical:
        return []
    return q.roles.actors(q.preps.get("by", []))


def _participle_doer(q: VerbQuery) -> list[Actor]:
    """The doer of what the object names: "denounced the sanctions imposed on Russia by the United States".

    People "held by militants" are no act of theirs.
    """
    if not q.free or not q.objects or q.topical or q.verb.head in q.objects:  # the verb is that participle itself
        return []
    persons = q.reader.grammar.persons
    owning = role_words().belonging.verbs  # "tanks belonging to Gaddafi's forces"
    return q.roles.actors(participle_agents([o for o in q.objects if o.lemma_.lower() not in persons], owning))


def _dative(q: VerbQuery) -> list[Actor]:
    """The indirect object: "sent Tajikistan aid", "handed the documents over to Kyrgyz officials"."""
    return q.roles.targets(datives_of(q.verb)) if q.free else []


# -- prepositional phrases -------------------------------------------------------------------------


def _entry_prep(q: VerbQuery) -> list[Actor]:
    """The first of the entry's own prepositions that names anyone: "arrived in Almaty at the request of Tokayev"."""
    passive = q.reading.passive
    return next((found for p in q.entry.preps if p != "by" or not passive if (found := q.roles.targets(q.preps.get(p, [])))), [])


def _prep(q: VerbQuery) -> list[Actor]:
    """The first target preposition that names anyone: "talked with Putin", "imposed sanctions on Russia".

    Not a meeting that co-subjects of several countries act at ("X and Y signed a treaty at the China-Central Asia
    summit"), nor an organisation they act at ("signed a treaty at the United Nations"): that is where they act with
    each other, and the parties its modifiers name are theirs.
    """
    if not q.free:
        return []
    meeting = len({a.country for a in q.sources}) > 1
    # "discussed a railway to Afghanistan with X": a verb whose object is a topic has its partner in "with" only; so do
    # co-signers of several countries ("Bangladesh and Myanmar signed a deal on the repatriation of Rohingya refugees")
    signing = meeting and q.entry.code.startswith(q.reader.lexicon.modality.target_codes.agreement)
    preps = ("with",) if q.topical or signing else VERB_TARGET_PREPS
    victims = _attacked(q)
    phrases = [[t for t in _parties_at(q, p, meeting) if t not in victims] for p in preps]
    # "imposed sanctions on Iranian officers over the supply of drones to Russia": the phrase written first
    phrases.sort(key=lambda ts: min((t.i for t in ts), default=len(q.verb.doc)))
    return next((found for ts in phrases if (found := q.roles.targets(ts))), [])


def _attacked(q: VerbQuery) -> list[Token]:
    """Who an attack a disapproval's object names befell: "condemned the attack on the hospital" faults the attacker, not
    the hospital."""
    if not ours(q) or not q.entry.code.startswith(DISAPPROVAL_ROOT):
        return []
    grammar = q.reader.grammar
    attacks = [o for o in q.objects if o.lemma_.lower() in grammar.military_action or o.lemma_.lower() in grammar.hostilities]
    return [t for o in attacks for p in o.children if p.dep_ == "prep" for t in p.children if t.dep_ == "pobj"]


def _parties_at(q: VerbQuery, prep: str, meeting: bool) -> list[Token]:
    """The objects of a verb's `prep` phrase, less a meeting it is held at when `meeting` (see `_prep`)."""
    objects = q.preps.get(prep, [])
    if prep == "at" and role_words().spoken_at.cover(q.entry.code):
        return []  # "told reporters at the White House": where a statement is made, not to whom
    if prep != "at" or not meeting:
        return objects
    if role_words().venue.cover(q.entry.code):
        return []  # "X and Y signed a declaration at the White House": where they act, not on whom
    venues = [
        t for t in objects if (found := q.roles.targets([t])) and all(a.kind == ActorKind.ORGANIZATION and a.country is None for a in found)
    ]
    return [t for t in objects if t.lemma_.lower() not in q.reader.grammar.symmetric_nouns and t not in venues]


def _statement_topic(q: VerbQuery) -> list[Actor]:
    """Whom a statement of concern, regret or hope is about, in its "about"/"over" phrase: the actor named or possessing
    what it names, else the country it happened in. "voiced concern about North Korea's missile launch", "expressed alarm
    over the election in Georgia". Only statements (root 01) whose entry names their object.
    """
    if not q.statement or q.entry.objects is None or not ours(q):
        return []
    topics = [t for p in STATEMENT_TOPIC_PREPS for t in q.preps.get(p, [])]
    return q.roles.targets(topics) or q.roles.places(topics)


def _shared_object(q: VerbQuery) -> list[Actor]:
    """The object of the verb coordinated right after this one, when this one has none: "condemned and sanctioned Iran"."""
    if not q.free or q.objects or q.topical or q.reading.passive:
        return []
    return q.roles.targets(shared_objects(q.verb))


def phrase_target(verb: Token, roles: SentenceRoles, trigger_lemmas: frozenset[str], skip_settings: bool = False) -> list[Actor]:
    """PETRARCH's target: the first actor in the verb phrase, with its conjuncts.

    "left for Tashkent", "criticized the closure of border markets in Osh", "welcomed a
    restart of trade between X and Y". With `skip_settings`, a place the act happened in or at
    ("signed an agreement in Moscow") is passed over.
    """
    for token in verb_phrase(verb, trigger_lemmas):
        if token.pos_ == "PRON":
            continue  # "his trip to the Fergana Valley": a possessive pronoun is not what the phrase is about
        if skip_settings and ((token.dep_ == "pobj" and token.head.lower_ in SETTING_PREPS) or in_inner_clause(token, verb)):
            continue  # nor what a clause inside it names ("an agreement to supply gas to China")
        found = roles.targets([token])
        if found:
            return found
    return []


def _verb_phrase(q: VerbQuery) -> list[Actor]:
    """PETRARCH's reading, for the entries that follow its conventions: the first actor of the verb phrase."""
    if not q.entry.conventions.phrase_target or q.entry.compound:
        return []
    return phrase_target(q.verb, q.roles, q.reader.lexicon.lemmas("verb"))


# -- beyond the verb's own phrase ------------------------------------------------------------------


def _addressee(q: VerbQuery) -> list[Actor]:
    """Whom a speaker told what the verb reports: "Lavrov told his Uzbek counterpart that Russia was ready to supply gas"."""
    if not q.free:
        return []
    current = q.verb
    for _ in range(4):  # up through "was ready to supply" to the clause that is reported
        if current.dep_ == "ccomp":
            break
        if current.dep_ not in ("xcomp", "acomp", "conj") or current.head.i == current.i:
            return []
        current = current.head
    speech = current.head
    if current.dep_ != "ccomp" or speech.lemma_.lower() not in coref_table().quotes.speech_verbs:
        return []
    return q.roles.targets([c for c in speech.children if c.dep_ in ("dobj", "obj")] + datives_of(speech)) or _spoken_to(q, speech)


def _spoken_to(q: VerbQuery, speech: Token) -> list[Actor]:
    """Whom a speech verb coordinated after a statement or consultation (root 01 or 04) with someone is said to: "expressed
    condolences to Erdogan in a telephone call and said Kazakhstan was ready to provide any assistance": to Erdogan."""
    if speech.dep_ != "conj" or any(c.dep_ in SUBJECT_DEPS for c in speech.children):
        return []
    return _met_before(q, speech.head, (STATEMENT_ROOT, CONSULT_ROOT))


def _partner(q: VerbQuery) -> list[Actor]:
    """Whom a statement is made to, or a topic discussed with, when its verb is coordinated after a meeting or call.

    "Rahmon spoke with Putin by telephone, expressed condolences over the attack ...": condolences to Putin; "Modi
    hosted Albanese in New Delhi and discussed trade": discussed with Albanese. Only statements (root 01) whose entry
    names their object, or a topic verb (discuss, negotiate) sharing the subject, after a verb the lexicon codes as a
    consultation (04).
    """
    verb = q.verb
    statement = q.statement and q.entry.objects is not None
    # "hosted Albanese and discussed trade", not "hosted Albanese, and Putin discussed trade"
    discussed = q.topical and q.entry.code.startswith(CONSULT_ROOT) and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    # "Putin telephoned Bush to express his condolences": what a call or meeting is for is said to whom it is with
    purpose = statement and verb.dep_ in ("advcl", "xcomp") and infinitive(verb)
    if not (statement or discussed) or not ours(q) or not (verb.dep_ == "conj" or purpose):
        return []
    return _met_before(q, verb.head, (CONSULT_ROOT,))


def _met_before(q: VerbQuery, head: Token, roots: tuple[str, ...]) -> list[Actor]:
    """Whom the verb a trigger is coordinated after addressed or met (its objects, "with" and "to" phrases), when the
    lexicon codes that verb with one of `roots`; none of the doers' own countries."""
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in q.reader.lexicon.lemmas("verb"):
        return []
    reading = q.reader.read(head)
    if reading is None or reading.entry is None or not reading.entry.code.startswith(roots):
        return []
    own = q.own_countries
    met = reading.objects + [t for p in ("with", "to") for t in reading.preps.get(p, [])]
    return [a for a in q.roles.targets(met) if a.country not in own]


def _place(q: VerbQuery) -> list[Actor]:
    """The country of the place struck, visited or paid for ([target_codes] placed): "shelled villages in Kyrgyzstan"."""
    codes = q.reader.lexicon.modality.target_codes
    if not q.entry.code.startswith(codes.placed):
        return []
    if role_words().beneficiary.cover(q.entry.code) and _funds_hostilities(q):
        return []  # "the revenues Moscow uses to fund its war in Ukraine": paying for a war is no aid to where it is fought
    named = q.objects + [t for ts in q.preps.values() for t in ts]
    found = q.roles.places(named) or q.roles.places([q.verb])
    if not found and q.entry.code.startswith(codes.occupied):
        found = q.roles.regions(named)  # "took control of the Crimean Peninsula": the territory taken is the country's
    return found


def _funds_hostilities(q: VerbQuery) -> bool:
    """Whether what an act of aid pays for is fighting (synsets.toml hostilities): "to fund its war in Ukraine"."""
    return any(o.lemma_.lower() in q.reader.grammar.hostilities for o in q.objects)


def _posture(q: VerbQuery) -> list[Actor]:
    """The country whose border a show of force is near or along ([target_codes] posture)."""
    codes = q.reader.lexicon.modality.target_codes
    if q.entry.code.startswith(codes.placed) or not q.entry.code.startswith(codes.posture):
        return []
    # "launched three days of military exercises around Taiwan": what the object counts stands there too
    counted = [c for o in q.objects for c in prep_objects(o)]
    # "put its forces on high alert along the border with North Korea": where the phrase's noun stands
    held = [t for p in ("on", "under") for t in q.preps.get(p, [])]
    return q.roles.places([*q.objects, *counted, q.verb, *held], POSTURE_PREPS)


def _owner(q: VerbQuery) -> list[Actor]:
    """Whose thing is aimed at, where a possessive pronoun says so: "said Tajik troops opened fire on its posts".

    The doer's own border is aimed at the neighbour it names: "lifted controls on its border with Kyrgyzstan".
    """
    things = q.objects + [t for p in (q.entry.preps or VERB_TARGET_PREPS) for t in q.preps.get(p, [])]
    owners = q.roles.owners(things)
    if owners and all(a.country in q.own_countries for a in owners):
        borders = [t for t in with_conjuncts(things, appos=False) if t.lemma_.lower() in q.reader.grammar.border_nouns]
        neighbours = q.roles.targets([n for b in borders for n in prep_objects(b, ("with",))])
        return [a for a in neighbours if a.country not in q.own_countries] or owners
    return owners


def _complement(q: VerbQuery) -> list[Actor]:
    """Whom a demand, appeal, refusal or intent is aimed at when its clause names an act the lexicon does not code.

    "demanded that Russia pay rent for the base": Russia is asked; "refused to join the Eurasian
    Economic Union": the union is refused; "agreed to demarcate the border with Kyrgyzstan": with
    Kyrgyzstan; "complained that the alliance did nothing": the alliance. A clause the lexicon codes is an event of its own, made a demand, refusal or intent
    by this verb, so it is left to itself.
    """
    lemma, modality = q.reading.lemma, q.reader.lexicon.modality
    asking = lemma in modality.asking
    # "refused to join the union", "agreed to demarcate the border with Kyrgyzstan", "threatened to retaliate against X"
    refusing_or_intending = lemma in modality.refusal_lemmas or lemma in modality.intent_lemmas
    for clause in q.verb.children:
        if clause.dep_ not in ("ccomp", "xcomp") or q.reader.codes_itself(clause):
            continue
        if (asking or lemma in q.reader.grammar.complaint_verbs) and clause.dep_ == "ccomp":
            # "complained that the alliance did nothing to stop it": the alliance is complained of
            return q.roles.targets([c for c in clause.children if c.dep_ == "nsubj"])
        if refusing_or_intending and clause.dep_ == "xcomp":
            objects = [c for c in clause.children if c.dep_ in ("dobj", "obj")]
            preps = prep_phrases(clause, objects)
            return q.roles.targets(objects) or next((found for p in VERB_TARGET_PREPS if (found := q.roles.targets(preps.get(p, [])))), [])
    return []


def _accuser(q: VerbQuery) -> list[Actor]:
    """The accuser of before, whose accusations a source rejects: "The Kyrgyz side rejected the accusations"."""
    if not q.sources or not any(o.lemma_.lower() in q.reader.grammar.reproach for o in q.objects):
        return []
    return q.roles.context.accusers(q.sources)


def _signed_with(q: VerbQuery) -> list[Actor]:
    """A lone signer's partner named in a phrase of what was signed (co-signers sign with each other).

    "ratified the treaty on the demarcation of the border with Uzbekistan".
    """
    agreement = q.entry.code.startswith(q.reader.lexicon.modality.target_codes.agreement)
    if not agreement or not q.entry.conventions.partner_in_agreement or len(q.own_countries) != 1:
        return []
    if len({a.code for a in q.sources}) > 1:
        return []  # co-signers of one country ("President Santos and FARC commander Londono signed") sign with each other
    found = phrase_target(q.verb, q.roles, q.reader.lexicon.lemmas("verb"), skip_settings=True)
    if found or q.verb.dep_ != "conj" or q.verb.head.lemma_.lower() not in q.reader.grammar.symmetric_verbs:
        return found
    # "met his Sudanese counterpart and signed an agreement": the one met is the partner
    own = q.own_countries
    met = [c for c in q.verb.head.children if c.dep_ in ("dobj", "obj")] + prep_objects(q.verb.head, ("with",))
    return [a for a in q.roles.targets(met) if a.country not in own]


def _also(q: VerbQuery) -> list[Actor]:
    """Whom the sentence before's act of the same root was aimed at, when this one is done "also" and names no target:
    "Putin congratulated Mirziyoyev. Tokayev also sent a message of congratulations"."""
    additive = coref_table().additive
    if q.statement or q.reading.lemma in coref_table().quotes.speech_verbs:
        return []  # "Z also said ...": no statement is aimed at anyone this way
    if not any(c.dep_ == "advmod" and c.lower_ in additive for c in q.verb.children):
        return []
    if q.objects and q.entry.objects is None:
        return []  # "also approved a plan": an act on a thing of its own, not the act before done again
    return [a for a in q.roles.context.last_aimed(q.entry.code[:2]) if a.country not in q.own_countries]


def _first_actor(q: VerbQuery) -> list[Actor]:
    """As a last resort, PETRARCH's reading for our own entries where it is safe: the first actor of the verb phrase.

    Only a named actor (not a country read from a modifier) in a prepositional phrase reached through nouns
    and prepositions alone ("fired shells near a vessel from South Korea"), never in a clause of its own, a
    setting ("in", "at", "during" ...) or an "of"/"for"/"about" phrase; never for a statement (root 01), a verb
    that reports speech, a topic verb, or co-doers of several countries ("X and Y discussed Z"). So "X said ...
    Y" never becomes an event this way.
    """
    if not ours(q) or q.statement or q.topical:
        return []
    if q.reading.lemma in coref_table().quotes.speech_verbs or len(q.own_countries) != 1:
        return []
    victims = _attacked(q)
    for token in verb_phrase(q.verb, q.reader.lexicon.lemmas("verb")):
        if token.dep_ != "pobj" or token.pos_ == "PRON" or token.lemma_.lower() in q.reader.grammar.setting_nouns or token in victims:
            continue  # "on the sidelines of the UN General Assembly": where it happened, not whom it is aimed at
        path = []
        for ancestor in token.ancestors:
            if ancestor.i == q.verb.i:
                break
            path.append(ancestor)
        if any(a.pos_ in ("VERB", "AUX") or (a.dep_ in ("prep", "agent") and a.lower_ in _NOT_A_PARTY and not _out_of(a)) for a in path):
            continue
        found = q.roles.actors([token])
        if found:
            return found
    return []


def _out_of(prep: Token) -> bool:
    """Whether an "of" is the second word of "out of" ("pulled out of the treaty with X"), a preposition of its own."""
    return prep.lower_ == "of" and prep.head.lower_ == "out" and prep.head.i == prep.i - 1


def _earlier_act(q: VerbQuery) -> list[Actor]:
    """The one who took a decision said before: "The Kazakh government said it would not ... Russia criticized the decision",
    "The EU said it would impose sanctions on X ... Iran condemned the move"."""
    # "Tajikistan and Kyrgyzstan signed a border treaty ... The EU welcomed the agreement": an agreement is its signers'
    # act (to a reaction to it: not to signing it, "the declaration was signed by X and Y", whose parties are its own)
    signing = q.entry.code.startswith(q.reader.lexicon.modality.target_codes.agreement)
    acts = q.reader.grammar.policy | (frozenset() if signing else q.reader.grammar.agreement)
    # "was concerned by the move", "disappointed with the decision": an entry's own preposition names the act too
    things = q.objects + [t for p in q.entry.preps for t in q.preps.get(p, [])]
    if not q.sources or not any(act_of_before(o, acts) for o in things):
        return []
    countries, codes = q.own_countries - {None}, {a.code for a in q.sources}
    verb = q.verb
    earlier = q.roles.actors(subjects_of(verb.head)) if verb.dep_ == "conj" else []  # "X closed the border, and Y criticized the move"
    # "The EU said it would impose sanctions ... Iran condemned the move": an organisation of no country decides too
    # "The State Department removed Uzbekistan from its list ... HRW says ... Tashkent welcomed the decision": the latest coded act's
    context = q.roles.context
    for doers in (earlier, context.last_act_doers(), context.last_doers(organizations=True)):
        others = [a for a in doers if a.country not in countries and a.code not in codes]
        if others:
            return others
    return []


def _by_means(q: VerbQuery) -> list[Actor]:
    """Whom the act a gerund of means serves is aimed at: "retaliated against the United States by imposing tariffs on
    soybeans", "punished Lithuania by halting imports": the object or "against"/"to" phrase of the governing verb
    (roles.toml [means])."""
    prep = q.verb.head
    if q.verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ != "by" or prep.head.lemma_.lower() not in role_words().means.verbs:
        return []
    governor = prep.head
    aimed = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
    aimed += [t for p in governor.children if p.dep_ == "prep" and p.lower_ in ("against", "to") for t in p.children if t.dep_ == "pobj"]
    return [a for a in q.roles.targets(with_conjuncts(aimed)) if a.country not in q.own_countries]


# A bare permission ("allowed Taiwan to open an office", lexicon entry allow with no condition) is aimed only at whom
# it allows: not at whatever else its object's phrases name ("allowing a protest outside the Turkish embassy").
def _allowed(q: VerbQuery) -> list[Actor]:
    """Whom a bare permission allows, named in the clause: "allowed Taiwan to open an office" (not a pronoun: "the dam
    would allow it to export power" says what a thing makes possible, and "it" is as likely a thing as an actor)."""
    return q.roles.targets([o for o in q.objects if o.pos_ != "PRON"])


PERMISSION_TARGETS: tuple[Resolver, ...] = (Resolver("allowed", _allowed),)

VERB_TARGETS: tuple[Resolver, ...] = (
    Resolver("removal-from", _removal_from),
    Resolver("removal-conjoined", _removal_conjoined),
    Resolver("accused-described", _accused_described),
    Resolver("holder", _holder),
    Resolver("pact-partner", carried.pact_partner),
    Resolver("object", _object),
    Resolver("topic", _topic),
    Resolver("measure", _measure),
    Resolver("doer", _doer),
    Resolver("participle-doer", _participle_doer),
    Resolver("relative-doer", carried.relative_doer),
    Resolver("brokered", carried.brokered),
    Resolver("offered-from", carried.offered_from),
    Resolver("found-by", carried.found_by),
    Resolver("dative", _dative),
    Resolver("entry-prep", _entry_prep),
    Resolver("prep", _prep),
    Resolver("recipient", _recipient),
    Resolver("goods", carried.goods),
    Resolver(STATEMENT_TOPIC, _statement_topic),
    Resolver("shared-object", _shared_object),
    Resolver("object-for", carried.object_for),
    Resolver("object-about", carried.object_about),
    Resolver("beneficiary", carried.beneficiary),
    Resolver(PROTECTED, carried.protected),
    Resolver("purpose", carried.purpose),
    Resolver(EVENT_PLACE, carried.event_place),
    Resolver("purpose-place", carried.purpose_place),
    Resolver("by-means", _by_means),
    Resolver("verb-phrase", _verb_phrase),
    Resolver("addressee", _addressee),
    Resolver("partner", _partner),
    Resolver("place", _place),
    Resolver("posture", _posture),
    Resolver("owner", _owner),
    Resolver("complement", _complement),
    Resolver("accuser", _accuser),
    Resolver("signed-with", _signed_with),
    Resolver("earlier-act", _earlier_act),
    Resolver("also", _also),
    Resolver("first-actor", _first_actor),
)
"""The target resolvers of a trigger verb, in the order they are tried."""
