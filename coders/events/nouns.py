"""Event nouns: the roles of "talks", "visit", "aid" read from the noun's possessor, modifiers and phrases.

`read_noun` finds the lexicon entry an event noun matches and its sources and targets; the coder
then emits it (`coders.events.emit`). The target is read, in order, from the entry's (or the
usual) prepositions ("noun-prep"), a "for ... to" clause ("for-clause"), the subject of a verb of
receiving ("recipient"), or the other parties of a proposal ("proposed-to"); the name goes into
the event's rule.
"""

from __future__ import annotations

from spacy.tokens import Token

from coders.actors import Actor
from coders.events.emit import Found
from coders.events.modality import cancels, is_negated
from coders.events.reading import GrammarSets, phrase_lemmas
from coders.events.roles import SentenceRoles
from coders.events.syntax import (
    ANCHOR_PREPS,
    NOUN_TARGET_PREPS,
    POSTURE_PREPS,
    PURPOSE_PREPS,
    REASON_PREPS,
    SETTING_PARTY_PREPS,
    SETTING_PREPS,
    clause_verb,
    datives_of,
    for_clause_subjects,
    hung_on_place,
    hyphenated,
    joined_in,
    prep_objects,
    prep_phrases,
    preps_between_subject_and_verb,
    subjects_of,
)
from coders.events.verb_forms import gerund_controller, mistagged_infinitive
from coders.lexicon import Clause, Lexicon
from coders.role_words import role_words


def read_noun(noun: Token, roles: SentenceRoles, lexicon: Lexicon, grammar: GrammarSets) -> Found | None:
    """The entry an event noun matches, with its roles; None when no entry does (nor for a time anchor)."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ANCHOR_PREPS:
        return None  # "since Russia's invasion of Ukraine": the invasion dates the clause
    if _in_reason(noun):
        return None  # "sanctioned Iran over its support for Russia": the reason for the act, not an act reported
    in_force = role_words().in_force
    if noun.lemma_.lower() in in_force.nouns and not (noun.dep_ == "nsubj" and noun.head.lemma_.lower() in in_force.verbs):
        return None  # "violated the ceasefire between X and Y": what another act is about; "the ceasefire took effect" is one
    # "will hold a new round of talks": the round stands in the verb's object slot for the talks
    slot = (
        noun.head.head
        if (noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in grammar.partitive_nouns)
        else noun
    )
    # "offered to host talks": the parser may tag an infinitive's verb a noun, yet hangs the object on it
    verbal = slot.head.pos_ in ("VERB", "AUX") or mistagged_infinitive(slot.head)
    governor = slot.head if slot.dep_ in ("dobj", "obj", "nsubjpass") and verbal else None
    joined = governor is None and joined_in(noun, grammar.participation_verbs)
    if joined:  # "refused to take part in the talks": the act the subject of "take part" refused
        governor = noun.head.head
    # "the signing of the border treaty between Uzbekistan and Kyrgyzstan": the parties of what was signed
    signed = [o for o in prep_objects(noun, ("of",)) if o.lemma_.lower() in grammar.agreement]
    preps = prep_phrases(noun, signed)
    for holder in hung_on_place(preps, roles.mentions):  # "the meeting in Astana of Putin and Nazarbayev"
        preps.setdefault("of", []).append(holder)
    for p, objs in preps_between_subject_and_verb(noun).items():  # "X's meeting in Beijing, with his counterpart, confirmed"
        preps.setdefault(p, []).extend(objs)
    if governor is not None and governor.lemma_.lower() in lexicon.light_verbs:
        for p, objs in prep_phrases(governor, []).items():
            preps.setdefault(p, []).extend(o for o in objs if o.i != noun.i)
        # "gave Russia cautious backing": the light verb's bare indirect object is whom the act is for ("to")
        indirect = [c for c in governor.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP" and c.i != noun.i]
        if indirect:
            preps.setdefault("to", []).extend(indirect)
    if governor is not None and governor.lemma_.lower() in role_words().reaction.verbs:
        # "..., drawing condemnation from Britain": the parser may hang the reaction's "from" on the verb
        preps.setdefault("from", []).extend(o for o in prep_objects(governor, ("from",)) if o not in preps.get("from", []))
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound")]
    modifiers = sorted(modifiers + hyphenated(modifiers), key=lambda t: t.i)  # "joint Uzbek-Russian exercises"
    objects = [m.lemma_.lower() for m in modifiers]
    # "clashes on the Kyrgyz-Tajik border": a noun that takes a "between" phrase is between the border's two countries
    # "fighting erupted on the Kyrgyz-Tajik border": the phrase of the verb the noun is the subject of
    around = prep_phrases(noun.head, []) if noun.dep_ == "nsubj" and noun.head.pos_ in ("VERB", "AUX") else {}
    setting = [] if preps.get("between") or preps.get("with") else _setting_parties(preps, roles, grammar)
    setting = setting or ([] if preps.get("between") or preps.get("with") else _setting_parties(around, roles, grammar))
    read = Clause(phrase_words=phrase_lemmas(preps, grammar.quantity_nouns)) if lexicon.asks_clause("noun", noun.lemma_.lower()) else None
    entry = lexicon.match("noun", noun.lemma_.lower(), objects=objects, preps=[*preps, "between"], clause=read) if setting else None
    if entry is None or "between" not in entry.preps:
        setting, entry = [], lexicon.match("noun", noun.lemma_.lower(), objects=objects, preps=list(preps), clause=read)
    if entry is None:
        return None
    target_preps = entry.preps or NOUN_TARGET_PREPS
    sources, subject_groups = roles.actors([c for c in noun.children if c.dep_ == "poss"]), None
    if "of" not in target_preps:
        sources += roles.actors(preps.get("of", []))
    sources += roles.actors(preps.get("by", []))
    if not sources and "from" not in target_preps:
        sources = roles.actors(preps.get("from", []))  # "an invitation from Russia", "aid from China to Kyrgyzstan"
    known = {a.country for a in sources}
    sources += [a for a in roles.named_countries(modifiers) if a.country not in known]  # "Uzbek-Russian exercises"
    commanded = governor is not None and governor.lemma_.lower() in role_words().command.verbs  # "ordered a siege of X"
    grown = governor is not None and governor.lemma_.lower() in grammar.growth_verbs  # "to expand cooperation with X"
    ended = _completed(noun, governor, grammar)  # "wrapped up a week of exercises"
    if not sources and governor is not None and (joined or commanded or grown or ended or governor.lemma_.lower() in lexicon.light_verbs):
        subjects = gerund_controller(governor, role_words().credited.verbs) or subjects_of(governor)  # "thanked X for holding talks"
        sources = roles.actors(subjects)
        subject_groups = roles.groups(subjects)  # "X and Y as well as Z and W held talks"
    responded = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None
    if responded is not None and responded.lemma_.lower() not in role_words().response.verbs:
        responded = None
    if not sources and responded is not None:
        sources = roles.actors(subjects_of(responded))  # "retaliated with duties on American goods": the subject's act
    claimer = None if sources else _claimed(noun)
    if claimer is not None:
        sources = roles.actors(subjects_of(claimer))  # "the Taliban claimed responsibility for a suicide bombing"
    source = "setting" if setting and not sources else "claimed" if claimer is not None and sources else None
    sources = sources or setting
    targets, resolver = roles.targets([t for p in target_preps for t in preps.get(p, [])]), "noun-prep"
    for_verb = _verb_it_is_for(noun)  # "hosted Putin for talks", "called for talks"
    if (
        not sources
        and for_verb is not None
        and noun.lemma_.lower() in grammar.symmetric_nouns
        and for_verb.lemma_.lower() in role_words().hosting.verbs
    ):
        # "Erdogan hosted Putin in Ankara for talks on Syria": the talks are the host's with the guest ("on Syria" their topic)
        hosts, guests = roles.actors(subjects_of(for_verb)), roles.actors([c for c in for_verb.children if c.dep_ in ("dobj", "obj")])
        if hosts and guests:
            sources, targets, resolver = hosts, guests, "hosted-for"
    if not targets:  # "an offer from China for Kyrgyzstan to host the games"
        targets, resolver = roles.actors(for_clause_subjects(noun)), "for-clause"
    given = _given_as(noun)
    if given is not None and not sources and not targets and role_words().beneficiary.cover(entry.code):
        # "handed over 5,000 tonnes of fuel to Afghanistan as humanitarian aid": the giver's aid to whom it went
        # ("provided Tajikistan with vehicles as military assistance": the object, when it is an actor)
        received = datives_of(given) + [t for p in role_words().beneficiary.prepositions for t in prep_objects(given, (p,))]
        received += [c for c in given.children if c.dep_ in ("dobj", "obj")]
        sources, targets, resolver = roles.actors(subjects_of(given)), roles.targets(received), "given-as"
        governor = given  # its mood is the giving's: "offered to send wheat to X as aid" is an intent
    beneficiaries = [t for p in role_words().beneficiary.prepositions for t in preps.get(p, [])]
    if not targets and beneficiaries:  # "aid for flood victims in Pakistan": the country the people it is for are in
        targets, resolver = roles.places(beneficiaries, ("in", "from")), "beneficiary"
    if not targets and entry.code.startswith(lexicon.modality.target_codes.posture):
        # "live-fire drills around Taiwan", "naval exercises off the Korean coast": where the show of force stands
        # (not "drills in Belarus": a show of force held in a country is not aimed at it)
        stands = [t for p in ("around", "near", "along", "off") for t in preps.get(p, [])]
        targets, resolver = roles.targets(stands) or roles.places(stands, POSTURE_PREPS), "posture"
        # nor "Russian and Uzbek troops held drills near Termez, the Uzbek city": no show of force at one's own country
        targets = [t for t in targets if t.country not in {a.country for a in sources}]
        if not targets and len({a.country for a in sources} - {None}) > 1:
            # "Russian and Uzbek troops held drills": the forces of several countries drill together (synsets.toml joint_words)
            entry = (
                lexicon.match("noun", noun.lemma_.lower(), objects=[*objects, *grammar.joint_words], preps=list(preps), clause=read)
                or entry
            )
    if not targets and entry.code.startswith(lexicon.modality.target_codes.placed):
        # "air strikes on a prison in the Yemeni city of Saada": the country of the place struck
        targets, resolver = roles.places([t for p in target_preps for t in preps.get(p, [])], ("in", "inside", "near")), "place"
        # "carried out air strikes in Syria": where the act itself took place, as a verb's ("bombed targets in Syria")
        targets = targets or roles.places_of([t for p in ("in", "inside") for t in preps.get(p, [])])
    victims = _victims_verb(noun)
    if not targets and sources and victims is not None and entry.code.startswith(lexicon.modality.target_codes.placed):
        # "Israeli air strikes killed at least 30 Palestinians": whom the attack killed or hit
        targets, resolver = roles.targets([c for c in victims.children if c.dep_ in ("dobj", "obj")]), "victims"
    if not targets and sources and entry.code.startswith(lexicon.modality.target_codes.investigated):
        targets, resolver = _investigated(preps, roles, sources), "investigated"
    if not targets and sources and governor is not None and governor.lemma_.lower() in role_words().reaction.verbs:
        # "the test drew condemnation from Japan", "..., drawing criticism from Seoul": what drew it is the target
        targets, resolver = roles.targets(subjects_of(governor)), "drew"
    if not targets and sources and responded is not None:
        # "Hamas fired rockets at Israel, and Israel responded with air strikes": at the doer of the act responded to
        targets, resolver = _responded_to(responded, sources, roles), "responded-to"
    if not targets and sources and role_words().mediated.cover(entry.code):
        targets, resolver = _mediated_parties(noun, sources, roles), "mediated-clause"
    groups = None
    if not sources and len(targets) > 1 and preps.get("between"):
        sources, targets = targets, []  # "talks between X and Y": among themselves
        groups = roles.groups(preps["between"])  # "between X and Y as well as Z and W": two pairs
        if governor is not None and _proposed_by_another(governor, sources, roles, lexicon.modality.intent_lemmas):
            return None  # "Qatar offered to host talks between X and Y": Qatar's offer, not X's or Y's intent
    clause = clause_verb(noun)
    if sources and not targets and clause is not None and clause.lemma_.lower() in grammar.recipient_verbs:
        targets, resolver = roles.actors(subjects_of(clause)), "recipient"
    if sources and not targets and role_words().visits.cover(entry.code):
        targets, resolver = _host_of(noun, sources, roles), "hosted"
    clause_negated = False
    if (
        not sources
        and not targets
        and clause is not None
        and noun.lemma_.lower() in grammar.symmetric_nouns
        and not (noun.dep_ == "pobj" and noun.head.lower_ in PURPOSE_PREPS)
    ):
        # not "X and Y mediated between A and B in the talks": the talks are the clause's own act between its parties
        holders = gerund_controller(clause, role_words().credited.verbs) or subjects_of(clause)  # "thanked X for hosting the summit"
        sources = [] if prep_objects(clause, ("between",)) else roles.actors(holders)
        clause_negated = is_negated(clause, lexicon.modality)  # "X and Y did not meet at the summit": they held none
        if _setting_of_act(noun, clause, lexicon) and len(sources) > 2:
            # "Xi and the presidents of five states signed a treaty at the summit": the summit is where the act of
            # the many was done, not a consultation of each with each
            sources = []
    elif (
        not sources
        and targets
        and clause is not None
        and noun.dep_ == "pobj"
        and (
            (noun.lemma_.lower() in grammar.symmetric_nouns and noun.head.lower_ in SETTING_PREPS and noun.head.head.i == clause.i)
            or (noun.head.lower_ == "during" and entry.code.startswith(lexicon.modality.target_codes.during))
            or (noun.lemma_.lower() in grammar.visit_nouns and _stage_of(noun, clause))
        )
    ):
        # "After talks with Putin, Karimov said ...": the clause's subject held them; "praised X for its commitment
        # during a visit to Y": the one who praised visited (what comes "after" an act may be someone else's)
        sources = [a for a in roles.actors(subjects_of(clause)) if a not in targets]
    elif (
        not sources
        and targets
        and clause is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
        and noun.head.head.i == clause.i
        and noun.lemma_.lower() in role_words().manner.nouns
        and not any(c.dep_ in ("det", "poss", "amod") for c in noun.children)
    ):
        # "tested a missile in defiance of U.N. sanctions" (roles.toml [manner]): a bare "in" phrase says how the
        # clause's subject acted (not "in the talks", a setting)
        sources, source = [a for a in roles.actors(subjects_of(clause)) if a not in targets], "manner"
    negated = is_negated(noun, lexicon.modality) or clause_negated
    if governor is not None:
        negated = negated or is_negated(governor, lexicon.modality) or cancels(governor, lexicon.modality)
    modality = lexicon.modality
    wished = (
        noun.head.head
        if (
            governor is None
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("of", "for")
            and noun.head.head.pos_ == "NOUN"
            and noun.head.head.lemma_.lower() in modality.intent_lemmas
            and noun.head.head.dep_ in ("dobj", "obj")
            and noun.head.head.head.pos_ in ("VERB", "AUX")
        )
        else None
    )
    if wished is not None and not sources:
        # "stressed the importance of cooperation with Kazakhstan", "underlined the need for dialogue with X":
        # the one who stressed it means to cooperate
        sources = [a for a in roles.actors(subjects_of(wished.head)) if a not in targets]
        governor = wished.head
    proposed = governor is not None and (governor.lemma_.lower() in modality.intent_lemmas or wished is not None)
    if proposed and governor is not None and not targets and len({a.country for a in sources}) > 1:
        # "Uzbekistan proposed joint exercises between Uzbekistan and Kazakhstan": the proposer's offer to the other
        proposers = {a.country for a in roles.actors(subjects_of(governor))}
        own = [a for a in sources if a.country in proposers]
        if own and len(own) < len(sources):
            sources, targets, resolver = own, [a for a in sources if a.country not in proposers], "proposed-to"
    asked_by = (
        for_verb
        if (
            governor is None
            and for_verb is not None
            and for_verb.lemma_.lower() in modality.asking
            and not any(c.dep_ in ("dobj", "obj") for c in for_verb.children)  # "demanded an apology for Abe's visit": a reason
        )
        else None
    )  # "called for talks between Armenia and Azerbaijan": the talks are asked for, not held
    return Found(
        noun,
        entry,
        sources,
        targets,
        negated=negated,
        reverse=entry.reverse,
        resolver=resolver if targets else None,
        anchor=governor,
        intent=proposed,
        asked_by=asked_by,
        groups=groups or subject_groups,
        mutual=(mutual := noun.lemma_.lower() in grammar.symmetric_nouns),
        reciprocal=mutual or not _aimed_at_a_thing(noun, entry.preps),
        source=source,
    )


# the prepositions whose phrase names the parties themselves ("a ceasefire between X and Y", "talks with Z"), not what is aimed at
_SHARED_PREPS = frozenset({"between", "among", "with"})


def _aimed_at_a_thing(noun: Token, preps: tuple[str, ...]) -> bool:
    """Whether an event noun has a phrase of its entry's target prepositions, so co-subjects act on what it names, not on
    each other ("American and British forces launched air strikes on military targets")."""
    aimed = set(preps) - _SHARED_PREPS
    return any(c.dep_ == "prep" and c.lower_ in aimed and any(g.dep_ == "pobj" for g in c.children) for c in noun.children)


def _stage_of(noun: Token, clause: Token) -> bool:
    """Whether an event noun is the "of" phrase of a stage set on the clause's verb: "crossed into Pakistan ..., at the
    start of a two-day visit to Lahore", "on the first day of a visit to X" (the clause's subject makes the visit)."""
    stage = noun.head.head
    return noun.head.lower_ == "of" and stage.dep_ == "pobj" and stage.head.lower_ in ("at", "on") and stage.head.head.i == clause.i


def _host_of(noun: Token, visitors: list[Actor], roles: SentenceRoles) -> list[Actor]:
    """Who hosts a visit told beside a clause of hosting (roles.toml [hosting]): "Costa welcomed Lourenco in Lisbon, the
    first state visit by an Angolan leader in nine years" is a visit to the host, the subject of "welcomed"."""
    clause = noun.head
    if noun.dep_ not in ("dep", "appos", "npadvmod") or clause.pos_ != "VERB" or clause.lemma_.lower() not in role_words().hosting.verbs:
        return []
    own = {a.country for a in visitors}
    return [a for a in roles.actors(subjects_of(clause)) if a.country not in own]


def _claimed(noun: Token) -> Token | None:
    """The verb by which a doer takes responsibility for an event noun in its "for" phrase (roles.toml [claimed]):
    "claimed responsibility for a suicide bombing"; else None."""
    table = role_words().claimed
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in table.nouns:
        return None
    taken = prep.head
    verb = taken.head
    return verb if taken.dep_ in ("dobj", "obj") and verb.lemma_.lower() in table.verbs else None


def _completed(noun: Token, governor: Token | None, grammar: GrammarSets) -> bool:
    """Whether a verb reports an event noun by saying it ended ("concluded two days of talks"): its subject held it."""
    return governor is not None and governor.lemma_.lower() in grammar.completion_verbs and noun.lemma_.lower() in grammar.completed_events


def _proposed_by_another(governor: Token, parties: list[Actor], roles: SentenceRoles, intent_lemmas: frozenset[str]) -> bool:
    """Whether the act `governor` carries is offered or planned by actors none of whom is among its `parties`."""
    proposer = governor
    while proposer.lemma_.lower() not in intent_lemmas and proposer.dep_ == "xcomp" and proposer.head.i != proposer.i:
        proposer = proposer.head  # "offered to host talks between X and Y": up to the verb of intent
    if proposer.lemma_.lower() not in intent_lemmas:
        return False
    proposers = {a.country for a in roles.actors(subjects_of(proposer))}
    return bool(proposers) and not proposers & {a.country for a in parties}


def _responded_to(verb: Token, sources: list[Actor], roles: SentenceRoles) -> list[Actor]:
    """The doer of the act a verb of response answers: the subject of the clause it is joined to by "and", or of its
    "after" clause; not the responder's own side."""
    acts = [verb.head] if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") else []
    acts += [c for c in verb.children if c.dep_ == "advcl" and any(m.lower_ in ("after", "when") for m in c.children)]
    own = {a.country for a in sources}
    return [a for a in roles.actors([s for act in acts for s in subjects_of(act)]) if a.country not in own]


def _setting_parties(preps: dict[str, list[Token]], roles: SentenceRoles, grammar: GrammarSets) -> list[Actor]:
    """The countries of a border or meeting an act is on or at, when it names two or more of them.

    "on the Kyrgyz-Tajik border", "along the border between Armenia and Azerbaijan", "at the Uzbek-Kazakh summit".
    """
    settings = [
        t for p in SETTING_PARTY_PREPS for t in preps.get(p, []) if t.lemma_.lower() in grammar.border_nouns | grammar.symmetric_nouns
    ]
    for setting in settings:
        modifiers = [c for c in setting.children if c.dep_ in ("amod", "compound")]
        parties = roles.named_countries(sorted(modifiers + hyphenated(modifiers), key=lambda t: t.i))
        named = {a.country for a in parties}
        parties += [a for a in roles.targets(prep_objects(setting, ("between", "with"))) if a.country and a.country not in named]
        parties = list({a.country: a for a in parties}.values())
        if len(parties) > 1:
            return parties
    return []


def _mediated_parties(noun: Token, mediators: list[Actor], roles: SentenceRoles) -> list[Actor]:
    """The parties of the clause a mediation led to (roles.toml [mediated]): its subjects and objects.

    "Burkina Faso freed four French agents after mediation by Morocco": Burkina Faso and France.
    """
    if not (noun.dep_ == "pobj" and noun.head.lower_ in role_words().mediated.prepositions):
        return []
    clause = noun.head.head
    if clause.dep_ == "relcl" and noun.head.i > 0 and noun.doc[noun.head.i - 1].text == "," and clause.head.head.pos_ == "VERB":
        clause = clause.head.head  # "freed agents who had been held for a year, after mediation by X": set off, the main clause's
    mediating = {a.country for a in mediators}
    return [a for a in roles.clause_parties(clause) if a.country not in mediating]


def _given_as(noun: Token) -> Token | None:
    """The verb an "as" phrase holding the noun says how something was given by: "handed over fuel to X as aid",
    "provided X with vehicles as military assistance" (the phrase may hang on what was given); None without one."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "as":
        return None
    verb = noun.head.head
    for _ in range(3):
        if verb.pos_ == "VERB":
            return verb
        if verb.dep_ not in ("dobj", "obj", "pobj", "prep") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _verb_it_is_for(noun: Token) -> Token | None:
    """The word a "for" phrase holding the noun hangs on: "hosted Putin for talks", "called for talks"."""
    return noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None


def _investigated(preps: dict[str, list[Token]], roles: SentenceRoles, sources: list[Actor]) -> list[Actor]:
    """Who did what an investigation is into, or the country where it was done, not the investigators' own.

    "an investigation into the violation of Polish airspace by two Belarusian helicopters" (its doer); "into alleged
    crimes against humanity in Venezuela", "into the killings carried out in the Philippines", "into war crimes
    committed during the 2008 conflict in Georgia" (the place of the act, of its participle, or of what it was done during).
    """
    probed = [t for p in ("into", "of") for t in preps.get(p, [])]
    probed += [o for t in probed for o in prep_objects(t, ("against",))]  # "crimes against humanity committed in Burundi"
    done = [c for t in probed for c in t.children if c.dep_ in ("acl", "relcl")]
    own = {a.country for a in sources}
    doers = [a for a in roles.targets([o for t in probed + done for o in prep_objects(t, ("by",))]) if a.country not in own]
    during = [o for t in probed + done for o in prep_objects(t, ("during", "amid"))]
    return doers or [a for a in roles.places(probed + done + during) if a.country not in own]


def _setting_of_act(noun: Token, clause: Token, lexicon: Lexicon) -> bool:
    """Whether an event noun is the setting ("at the summit", "during the talks") of a clause whose verb is a trigger."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ in SETTING_PREPS
        and noun.head.head.i == clause.i
        and clause.lemma_.lower() in lexicon.lemmas("verb")
    )


def _victims_verb(noun: Token) -> Token | None:
    """The verb of killing or hitting (roles.toml [victims]) an attack noun is the subject of, as parsed or as the
    parser misread it: "Israeli air strikes killed 30 Palestinians" hung on "strikes" as a participle, which its
    direct object shows to be active (a reduced passive takes none), else None."""
    verbs = role_words().victims.verbs
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in verbs:
        return noun.head
    active = (
        c
        for c in noun.children
        if c.dep_ == "acl"
        and c.tag_ in ("VBN", "VBD")
        and c.i == noun.i + 1
        and c.lemma_.lower() in verbs
        and any(g.dep_ in ("dobj", "obj") for g in c.children)
        and not any(g.dep_ == "agent" for g in c.children)
    )
    return next(active, None)


def _in_reason(noun: Token) -> bool:
    """Whether an event noun is the reason phrase of a clause or stands in that phrase's noun's own phrases: "sanctioned
    Iran over its support for Russia", "summoned the envoy over the death of a volunteer in an Israeli strike"."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        if noun.head.lower_ in REASON_PREPS:
            return True
        if noun.head.head.pos_ not in ("NOUN", "PROPN"):
            return False
        noun = noun.head.head
    return False
