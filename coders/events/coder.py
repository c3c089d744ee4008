"""The event coder: who did what to whom in a parsed sentence, with the evidence for each event.

For each trigger (a verb or event noun of the lexicon) it reads the roles from the dependency
parse (`reading`, `nouns`), finds the target with the first of its named resolvers that names
anyone (`resolvers`), applies the clause's mood, negation and compound actors (`modality`,
`emit`), and keeps one event per pair and code. Everything one sentence needs lives in a
`_Sentence` made for it; the coder itself holds only what every sentence shares.

Entries carry the conventions they are coded by (`coders.lexicon.Conventions`): ours, or
PETRARCH's for entries read from its dictionaries (a future or planned act keeps the
dictionary's code, a reversed pattern names roles by position, a verb whose object and
prepositions name no actor takes the first actor of its verb phrase as the target).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from coders.actors import Actor, ActorMatcher
from coders.coreference import DocumentContext, coref_table
from coders.events.emit import Found, SentenceResult, emit, prefer_specific
from coders.events.modality import complemented_by_advcl, is_negated
from coders.events.nouns import read_noun
from coders.events.query import VerbQuery, resolve
from coders.events.reading import GrammarSets, VerbReader, VerbReading
from coders.events.resolvers import EXPELLED, PERMISSION_TARGETS, PROTECTED, VERB_TARGETS
from coders.events.roles import SentenceRoles
from coders.events.syntax import each_other, hyphenated, prep_objects, subjects_of, within
from coders.events.verb_forms import (
    agents_of,
    commanded,
    coordinated_verbs,
    gerund_controller,
    infinitive,
    mistagged_infinitive,
    object_controller,
    predicate_adjective,
    predicate_subjects,
    shares_passive,
)
from coders.events.verdicts import code_verdicts
from coders.kinds import ActorKind
from coders.lexicon import Lexicon
from coders.person_names import resolve_surnames
from coders.role_words import role_words


@dataclass
class _Sentence:
    """What coding one sentence needs and keeps: its roles, its verbs read so far, and its result."""

    roles: SentenceRoles
    reader: VerbReader
    result: SentenceResult


class EventCoder:
    """Codes parsed sentences of one document at a time, keeping the document's coreference context."""

    def __init__(self, matcher: ActorMatcher, lexicon: Lexicon) -> None:
        self.matcher = matcher
        self.lexicon = lexicon
        self.verbs = lexicon.lemmas("verb")
        self.nouns = lexicon.lemmas("noun")
        self.grammar = GrammarSets.of(lexicon)

    def code_sentence(self, span: Span, context: DocumentContext, on: dt.date | None) -> SentenceResult:
        """The events of one sentence; `on` is the date roles are chosen by."""
        mentions = self.matcher.find(span)
        resolve_surnames(span, mentions, context.surnames)
        roles = SentenceRoles(self.matcher, self.grammar, span, mentions, context, on)
        people = frozenset(i for i, a in roles.actor_at.items() if a is not None and a.kind == ActorKind.PERSON)
        sentence = _Sentence(roles, VerbReader(self.lexicon, self.grammar, self.nouns, people), SentenceResult())
        resolvable = coref_table().resolvable
        if mentions.any() or any(t.lower_ in resolvable or t.lemma_.lower() in resolvable for t in span):
            for token in span:
                pos = token.pos_
                if pos not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):  # ADJ: "is concerned about" (predicate_adjective)
                    continue
                lemma = token.lemma_.lower()
                if lemma in self.verbs and (pos in ("VERB", "AUX") or mistagged_infinitive(token) or predicate_adjective(token)):
                    self._code_verb(token, sentence)
                elif pos in ("NOUN", "PROPN") and lemma in self.nouns:
                    found = read_noun(token, roles, self.lexicon, self.grammar)
                    if found is not None:
                        emit(found, roles, sentence.result, self.lexicon.modality, self.grammar.request_nouns)
        result = sentence.result
        code_verdicts(span, roles, result)
        result.events = prefer_specific(result.events)
        context.remember(roles.named, span, roles.actor_at)  # a quoted sentence naming nobody still carries its speaker on
        context.remember_acts([e.source for e in result.events])
        context.remember_aims([(e.code[:2], e.target) for e in result.events])
        return result

    def _code_verb(self, verb: Token, sentence: _Sentence) -> None:
        reading = sentence.reader.read(verb)
        if reading is None or reading.entry is None:
            return
        entry, objects, preps, roles = reading.entry, reading.objects, reading.preps, sentence.roles
        conventions = entry.conventions
        advcl_complement = complemented_by_advcl(verb, self.lexicon.modality)
        if (
            conventions.complement_is_event
            and reading.lemma in self.lexicon.modality.governors
            and any(
                sentence.reader.codes_itself(c)
                for c in verb.children
                if c.dep_ == "xcomp" or (advcl_complement and c.dep_ == "advcl" and infinitive(c))  # "called on X on Friday to lift"
            )
        ):
            return  # "agreed to supply gas", "invited Putin to visit": the act its modality makes an intent or appeal is the event
        if _serves_coded_act(verb, reading, sentence.reader, self.lexicon.modality.governors):
            return  # "pledged $200 million in grants to help Kyrgyzstan adapt": the pledge, meant for Kyrgyzstan, is the event
        sources, source = self._sources(verb, reading, roles)
        query = VerbQuery(verb, reading, entry, sources, roles, sentence.reader)
        targets, resolver = resolve(query, PERMISSION_TARGETS if self._bare_permission(reading) else VERB_TARGETS)
        if resolver == PROTECTED:  # "sent troops to help protect Azerbaijan": military protection, not a posture
            entry = entry.model_copy(update={"code": role_words().protection.code})
        orderers, expelled = self._expelled(verb, reading, sources, roles)
        if expelled:  # "ordered French troops out of the country": the troops' expulsion, not the orderer's withdrawal
            table = role_words().expulsion
            code = entry.code if any(entry.code.startswith(k) for k in table.kept) else table.code
            entry, targets, resolver = entry.model_copy(update={"code": code}), expelled, EXPELLED
            sources, source = orderers, None if orderers == sources else "commander"
        if source in ("between", "setting"):  # the parties act among themselves, whatever else the phrase names
            targets = [t for t in targets if t.country not in {a.country for a in sources}]
            resolver = resolver if targets else None
        groups = roles.groups(reading.preps.get("between", []) if source == "between" else reading.surface_subjects)
        # "X and Y fought crimes": an action aimed at a thing is not one between the co-subjects; a
        # dictionary says with "%" where a compound subject acts among itself ("- % * TALKS [043]")
        mutual = any(each_other(t) for t in [*objects, *(t for ts in preps.values() for t in ts)])
        both_ways = self.grammar.symmetric_verbs | role_words().side_by_side.verbs  # "met", "traded accusations"
        mutual = entry.compound or reading.lemma in both_ways or mutual
        own = {a.country for a in sources} - {None}
        if mutual and conventions.modal and targets and len(own) > 1 and {t.country for t in targets} <= own:
            targets, resolver = [], None  # "the ministers discussed a visit by Mirziyoyev": among themselves
        reciprocal = mutual or entry.objects is not None or not objects
        found = Found(
            verb,
            entry,
            sources,
            targets,
            negated=is_negated(verb, self.lexicon.modality),
            reverse=entry.reverse,
            resolver=resolver,
            reciprocal=reciprocal,
            mutual=mutual,
            modal=conventions.modal,
            source=source,
            groups=groups,
        )
        emit(found, roles, sentence.result, self.lexicon.modality, self.grammar.request_nouns)

    def _expelled(self, verb: Token, reading: VerbReading, sources: list[Actor], roles: SentenceRoles) -> tuple[list[Actor], list[Actor]]:
        """Who orders a withdrawal of another country's force, and that force (roles.toml [expulsion]); ([], []) if none.

        The ordering verb is the matched one ("ordered French troops out") or the one whose complement it is ("ordered
        French troops to withdraw", whose orderer is the ordering verb's subject, and which moves no object of its own);
        its object is the force, and the force's country must be none of the orderers'.
        """
        table = role_words().expulsion
        entry = reading.entry
        if entry is None or not table.cover(entry.code):
            return [], []
        # "told Vucic to withdraw the troops": a withdrawal whose own object is what it moves was asked of the one told
        own_object = entry.objects is not None and any(c.dep_ == "dobj" for c in verb.children)
        order = verb if reading.lemma in table.verbs else verb.head if verb.dep_ == "xcomp" and not own_object else None
        if order is None or order.lemma_.lower() not in table.verbs:
            return [], []
        orderers = sources if order.i == verb.i else roles.actors(subjects_of(order))
        ours = {a.country for a in orderers}
        forces = roles.targets([c for c in order.children if c.dep_ == "dobj"])  # "the UN peacekeeping mission": the UN
        # "ordered the United Nations peacekeeping mission to leave": an organisation's force is no orderer's own
        expelled = [a for a in forces if (a.country and a.country not in ours) or (a.country is None and a.kind == ActorKind.ORGANIZATION)]
        expelled = expelled if orderers and None not in ours else []
        return (orderers, expelled) if expelled else ([], [])

    def _bare_permission(self, reading: VerbReading) -> bool:
        """Whether a verb is "allow", "let" or "permit" matched by its entry with no condition: whom it allows is its target."""
        entry = reading.entry
        return (
            entry is not None
            and entry.conventions.modal  # ours, not a PETRARCH dictionary's "allow"
            and reading.lemma in self.lexicon.modality.permission_lemmas
            and entry.objects is None
            and entry.modifiers is None
            and not entry.preps
        )

    def _crowd_of_place(self, verb: Token, reading: VerbReading, roles: SentenceRoles) -> list[Actor]:
        """The people (civilians) of the country where a crowd of no nationality protests, by the verb's or its object's
        "in" phrase, when that is not the country of what they protest at: "protesters stormed the Swedish embassy in
        Baghdad" (IRQCVL; roles.toml [crowds])."""
        aimed = {a.country for a in roles.actors(reading.objects)}
        countries = [a.country for a in roles.places([verb, *reading.objects]) if a.country is not None and a.country not in aimed]
        if not countries or not reading.surface_subjects:
            return []
        people, country = self.matcher.demonyms.people, countries[0]
        return [Actor(country + people, country, reading.surface_subjects[0].text, ActorKind.AGENT, country + people, people, True)]

    def _sources(self, verb: Token, reading: VerbReading, roles: SentenceRoles) -> tuple[list[Actor], str | None]:
        """Who does a matched verb's act, with the name of the reading that found them when it is not the parse's own slot.

        A passive verb's "by" agent (or the authority it was done at: "authority"), else its subjects; when the
        verb names no doer, the parties of its "between" phrase ("between") or of the meeting it happened at,
        named by their nationality words ("signed at the Uzbek-Kazakh summit": "setting").
        """
        entry = reading.entry
        if reading.passive and not (entry is not None and entry.reverse and entry.conventions.roles_by_position):
            # not the "by" phrase of the subject itself: "a visit by Overchuk was called off" says who visits, not who called it off
            sources = roles.actors([t for t in reading.preps.get("by", []) if not within(t, reading.surface_subjects)])
            if not sources and entry is not None and entry.reverse:
                # "China was worried by Israel's strikes": a reversed passive's "by" phrase is read as a target is
                sources = roles.targets(reading.preps.get("by", []))
            if not sources:  # "was signed and ratified by X and Y": the agent of the verb it is coordinated with
                shared = [t for v in coordinated_verbs(verb) if shares_passive(v) or shares_passive(verb) for t in agents_of(v)]
                sources = roles.actors(shared)
                if sources:
                    return sources, "shared-agent"
            if not sources:  # "four soldiers were killed in an attack by Kurdish militants": the attack's doer
                attacks = [
                    t for p in ("in", "during") for t in reading.preps.get(p, []) if t.lemma_.lower() in self.grammar.military_action
                ]
                sources = roles.actors([a for t in attacks for a in prep_objects(t, ("by",))])
                if sources:
                    return sources, "attacker"
            if not sources and reading.lemma in role_words().experiencer.verbs:
                sources = roles.actors(reading.surface_subjects)
                if sources:
                    return sources, "experiencer"  # "Germany was disappointed with Turkey's response": Germany disapproves
            if not sources and reading.lemma in self.grammar.authority_verbs:
                sources = _authority(reading.preps, roles)
                if sources:
                    return sources, "authority"
        else:
            # "visited Estonia to meet British troops": a journey's purpose is the traveller's (roles.toml [journeys])
            controlled = entry is not None and entry.conventions.modal and verb.head.lemma_.lower() not in role_words().journeys.verbs
            controller = roles.actors(object_controller(verb, self.lexicon.modality.governors)) if controlled else []
            if controller:
                return controller, "object-control"  # "prompted Israel to recall its ambassador": Israel recalls
            credited = roles.actors(gerund_controller(verb, role_words().credited.verbs))
            if credited:
                return credited, "credited"  # "thanked Turkmenistan for hosting the summit": Turkmenistan hosted it
            # a dictionary's reversed pattern names roles by position: "+ * (FROM $)" is "X was freed from Y"
            sources = roles.actors(reading.surface_subjects) or roles.subject_owner(reading.surface_subjects)
            if not sources and commanded(verb, role_words().command.verbs):
                sources = roles.actors(subjects_of(verb.head))
                if sources:
                    return sources, "commander"  # "Putin ordered troops to withdraw from Syria": Putin's side withdraws
        if not sources and entry is not None and entry.doers is not None and not reading.passive:
            # "A U.S. air strike hit a hospital": a doer of a kind that is a weapon, not an actor, is the country it names
            sources = roles.named_countries([m for s in reading.surface_subjects for m in s.children if m.dep_ in ("amod", "compound")])
            if sources:
                return sources, "weapon"
            if role_words().crowds.cover(entry.code):
                sources = self._crowd_of_place(verb, reading, roles)
                if sources:
                    return sources, "crowd-place"
        if not sources and entry is not None and not reading.passive:
            sources = roles.document_issuer(verb)
            if sources:
                return sources, "document"  # "adopted a resolution demanding that Israel halt": the adopter demands
        if not sources and entry is not None and entry.conventions.modal:
            sources = roles.actors(predicate_subjects(verb))
            if sources:
                return sources, "predicate"  # "Russia became the first country to recognise the Taliban government"
        if sources or not entry or not entry.conventions.complement_is_event:
            return sources, None
        parties = roles.actors(reading.preps.get("between", []))
        if len({a.country for a in parties}) > 1:
            return parties, "between"  # "Fighting between Sudan and Chad intensified"
        settings = [t for p in ("at", "during") for t in reading.preps.get(p, []) if t.lemma_.lower() in self.grammar.symmetric_nouns]
        for setting in settings:
            modifiers = [c for c in setting.children if c.dep_ in ("amod", "compound")]
            parties = roles.named_countries(sorted(modifiers + hyphenated(modifiers), key=lambda t: t.i))
            if len(parties) > 1:
                return parties, "setting"
        visits = [t for t in reading.preps.get("during", []) if t.lemma_.lower() in self.grammar.visit_nouns]
        for visit in visits if verb.dep_ not in ("acl", "relcl") else []:
            # "The agreement was signed during Tokayev's state visit to China": the visitor and the host (not "the accords
            # signed during Lula's visit", which names the accords as background)
            visitors = roles.actors([c for c in visit.children if c.dep_ == "poss"] + prep_objects(visit, ("by",)))
            parties = list({a.country: a for a in visitors + roles.targets(prep_objects(visit, ("to",))) if a.country}.values())
            if len(parties) == 2 and visitors:
                return parties, "setting"
        return [], None


def _authority(preps: dict[str, list[Token]], roles: SentenceRoles) -> list[Actor]:
    """Who did a passive act of authority that names no doer: the institution it was done at, else the place's country.

    "was summoned to the Kazakh Foreign Ministry" (KAZGOV), "were arrested in Moscow" (RUS), "was expelled
    from Uzbekistan" (UZB). A country "to" which someone was sent is where they went, not who sent them.
    """
    institutions = [a for p in ("to", "at") for a in roles.actors(preps.get(p, [])) if a.kind == ActorKind.AGENT]
    if institutions:
        return institutions
    where = [t for p in ("in", "from", "at") for t in preps.get(p, [])]
    named = [Actor.of_country(p.iso3, t.text, ActorKind.MODIFIER) for t in where for p in roles.mentions.places(t, roles.on)[:1]]
    return list(dict.fromkeys(named)) or roles.places(where)  # "in Moscow", "at the airport in Tashkent"


def _serves_coded_act(verb: Token, reading: VerbReading, reader: VerbReader, governors: frozenset[str]) -> bool:
    """Whether a purpose infinitive (roles.toml [purpose]) says whom a coded act with an object of its own is for.

    So is an act that is the aim of another (roles.toml [aim]: "signed a peace deal to end the war"). Not the
    complement of a verb of modality ("asked the UN to help them return": the appeal is the event).
    """
    words = role_words()
    aim = reading.entry is not None and words.aim.cover(reading.entry.code)
    if verb.dep_ not in ("advcl", "xcomp") or not infinitive(verb) or not (reading.lemma in words.purpose.verbs or aim):
        return False
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or head.i == verb.i or ((verb.dep_ == "xcomp" or aim) and head.lemma_.lower() in governors):
        return False
    governing = reader.read(head)
    return governing is not None and governing.entry is not None and bool(governing.objects)
