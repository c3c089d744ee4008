"""The event coder: who did what to whom in a parsed sentence, with the evidence for each event.

For each trigger (a verb or event noun of the lexicon) it reads the roles from the dependency
parse (subject, object, passive "by" agent, prepositional targets, possessors of event nouns),
matches the most specific lexicon entry, applies negation, refusal and modality, expands compound
actors, resolves pronouns and descriptions, and dates the event from the sentence or the document.

Entries read from PETRARCH dictionaries (`Lexicon.follows_petrarch`) are coded by PETRARCH's
conventions where they differ from ours: a future or planned act keeps the dictionary's code
(the dictionary says intent itself, with patterns such as ``- WILL * [036]``), and a verb whose
object and prepositions name no actor takes the first actor of its verb phrase as the target
("left for Tashkent", "criticized the closure of border markets in Osh", "believes X and Y can
cope"), as PETRARCH reads its target from the verb phrase. They may also ask what only they can:
words of the subject, prepositional phrases with their objects, a compound subject, the verb's
form (`coders.lexicon.Clause`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field, fields

from spacy.tokens import Span, Token

from coders.actors import Actor, ActorMatcher, SentenceMentions, resolve_surnames
from coders.cameo import lookup
from coders.coreference import DocumentContext, agrees, coref_table, described, points_back
from coders.dates import is_month
from coders.lexicon import Clause, Lexicon, LexiconEntry, Modality

CONTENT_PREPS = ("for", "with", "of")
PURPOSE_PREPS = frozenset({"for", "to", "toward", "towards"})
# Prepositions of a phrase that sets an exchange beside its clause: "after talks with X, Y said ..."
SETTING_PREPS = frozenset({"after", "following", "during", "at", "in", "amid"})
VERB_TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "into", "over", "upon", "at")
# The phrase of a topic noun an entry names ("the murder of X", "the attack against X") that holds the one it befell.
TOPIC_TARGET_PREPS = ("of", "against")
NOUN_TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "between", "for", "into", "over")
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
STATEMENT_CODE = "010"
# Prepositions by which an agent takes its country from a name ("ambassadors of X", "lawmakers in X", "troops from X").
_SHARED_PREPS = frozenset({"of", "in", "from"})
_PLACE_KINDS = frozenset({"country", "capital", "city"})


@dataclass
class Decision:
    """Why a trigger did or did not become events: the --explain record."""

    trigger: str
    rule: str
    sources: list[str]
    targets: list[str]
    outcome: str


@dataclass
class CodedEvent:
    """An event found in a sentence, before it becomes a stored Event."""

    source: Actor
    target: Actor
    code: str
    trigger: str
    rule: str
    char: int  # offset of the trigger in the sentence, to pick the nearest date


@dataclass(frozen=True)
class _VerbReading:
    """What the parse says of a trigger verb, and the lexicon entry that matches it (None: no entry does)."""

    lemma: str
    passive: bool
    objects: list[Token]
    preps: dict[str, list[Token]]
    measures: list[Token]
    surface_subjects: list[Token]
    entry: LexiconEntry | None


@dataclass
class SentenceResult:
    """The events of a sentence and the decisions behind them."""

    events: list[CodedEvent] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


@dataclass(frozen=True)
class GrammarSets:
    """The word sets of the lexicon (synsets.toml) the coder reads by name; a dictionary lexicon borrows them."""

    recipient_verbs: frozenset[str]
    symmetric_nouns: frozenset[str]
    symmetric_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    quantity_nouns: frozenset[str]
    border_nouns: frozenset[str]
    participation_verbs: frozenset[str]
    authority_verbs: frozenset[str]
    request_nouns: frozenset[str]
    policy: frozenset[str]
    persons: frozenset[str]
    setting_nouns: frozenset[str]
    reproach: frozenset[str]
    agreement: frozenset[str]
    partitive_nouns: frozenset[str]

    @classmethod
    def of(cls, lexicon: Lexicon) -> GrammarSets:
        """The sets as a lexicon defines them."""
        return cls(**{name: lexicon.synset(name) for name in GRAMMAR_SETS})


GRAMMAR_SETS = tuple(f.name for f in fields(GrammarSets))


class EventCoder:
    """Codes parsed sentences of one document at a time, keeping the document's coreference context."""

    def __init__(self, matcher: ActorMatcher, lexicon: Lexicon) -> None:
        self.matcher = matcher
        self.lexicon = lexicon
        self.verbs = lexicon.lemmas("verb")
        self.nouns = lexicon.lemmas("noun")
        self.grammar = GrammarSets.of(lexicon)
        self._readings: dict[int, _VerbReading | None] = {}  # the sentence's verbs read so far, by token index

    def code_sentence(self, span: Span, context: DocumentContext, on: dt.date | None) -> SentenceResult:
        """The events of one sentence; `on` is the date roles are chosen by."""
        result = SentenceResult()
        self._readings.clear()
        mentions = self.matcher.find(span)
        resolve_surnames(span, mentions, context.surnames)
        roles = _Roles(self, span, mentions, context, on)
        resolvable = coref_table().resolvable
        if mentions.any() or any(t.lower_ in resolvable or t.lemma_.lower() in resolvable for t in span):
            for token in span:
                lemma = token.lemma_.lower()
                if token.pos_ in ("VERB", "AUX") and lemma in self.verbs:
                    self._code_verb(token, roles, result)
                elif token.pos_ in ("NOUN", "PROPN") and lemma in self.nouns:
                    self._code_noun(token, roles, result)
        result.events = _prefer_specific(result.events)
        context.remember(roles.named, span, roles.actor_at)  # a quoted sentence naming nobody still carries its speaker on
        return result

    # -- verbs ---------------------------------------------------------------------------------
    def _code_verb(self, verb: Token, roles: _Roles, result: SentenceResult) -> None:
        reading = self._read_verb(verb)
        if reading is None or reading.entry is None:
            return
        entry, objects, preps, passive = reading.entry, reading.objects, reading.preps, reading.passive
        petrarch = self.lexicon.follows_petrarch(entry)
        if not petrarch and reading.lemma in self.lexicon.modality.governors and any(
            self._codes_itself(c) for c in verb.children if c.dep_ == "xcomp"
        ):
            return  # "agreed to supply gas", "invited Putin to visit": the act its modality makes an intent or appeal is the event
        if passive and not (petrarch and entry.reverse):
            sources = roles.actors(preps.get("by", []))
            if not sources and reading.lemma in self.grammar.authority_verbs:
                sources = self._authority(preps, roles)
        else:
            # a dictionary's reversed pattern names roles by position: "+ * (FROM $)" is "X was freed from Y"
            sources = roles.actors(reading.surface_subjects)
        targets = self._verb_targets(verb, entry, objects, preps, passive, reading.measures, roles)
        if not targets and sources and any(o.lemma_.lower() in self.grammar.reproach for o in objects):
            targets = roles.context.accusers(sources)  # "The Kyrgyz side rejected the accusations": the accuser of before
        agreement = entry.code.startswith(self.lexicon.modality.target_codes.agreement)
        if not targets and len({a.country for a in sources}) == 1 and agreement and not petrarch:
            # "ratified the treaty on the demarcation of the border with Uzbekistan": a lone signer's partner named
            # in a phrase of what was signed (co-signers sign with each other)
            targets = self._phrase_target(verb, roles, skip_settings=True)
        if not targets and sources and any(_act_of_before(o, self.grammar.policy) for o in objects):
            # "The Kazakh government said it would not ... Russia criticized the decision": the one who took it
            countries = {a.country for a in sources}
            earlier = roles.actors(_subjects(verb.head)) if verb.dep_ == "conj" else []  # "X closed the border, and Y criticized the move"
            targets = [a for a in earlier or roles.context.last_doers() if a.country not in countries]
        # "X and Y fought crimes": an action aimed at a thing is not one between the co-subjects; a
        # dictionary says with "%" where a compound subject acts among itself ("- % * TALKS [043]")
        mutual = any(_each_other(t) for t in [*objects, *(t for ts in preps.values() for t in ts)])
        reciprocal = entry.compound or entry.objects is not None or not objects or reading.lemma in self.grammar.symmetric_verbs or mutual
        self._emit(
            verb, entry, sources, targets, roles, result,
            negated=_negated(verb, self.lexicon.modality), reverse=entry.reverse, reciprocal=reciprocal, modal=not petrarch,
        )

    @staticmethod
    def _authority(preps: dict[str, list[Token]], roles: _Roles) -> list[Actor]:
        """Who did a passive act of authority that names no doer: the institution it was done at, else the place's country.

        "was summoned to the Kazakh Foreign Ministry" (KAZGOV), "were arrested in Moscow" (RUS), "was expelled
        from Uzbekistan" (UZB). A country "to" which someone was sent is where they went, not who sent them.
        """
        institutions = [a for p in ("to", "at") for a in roles.actors(preps.get(p, [])) if a.kind == "agent"]
        if institutions:
            return institutions
        where = [t for p in ("in", "from", "at") for t in preps.get(p, [])]
        named = [Actor.of_country(p.iso3, t.text, "modifier") for t in where for p in roles.mentions.places(t)[:1]]
        return list(dict.fromkeys(named)) or roles.places(where)  # "in Moscow", "at the airport in Tashkent"

    def _read_verb(self, verb: Token) -> _VerbReading | None:
        """A verb's parts from the parse and the lexicon entry they match; None when a light verb hands its event to its object.

        Read once per sentence: a complement is read when its governor asks whether it codes itself, and again when it is coded.
        """
        if verb.i not in self._readings:
            self._readings[verb.i] = self._reading(verb)
        return self._readings[verb.i]

    def _reading(self, verb: Token) -> _VerbReading | None:
        lemma = verb.lemma_.lower()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")] + (
            [c for c in verb.children if c.dep_ == "nsubjpass"] if passive else []
        )
        if not objects and not passive:
            # "Putin met Karimov.": the parser may read a name that ends a short clause as an adverbial
            objects = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i > verb.i]
        if not objects and not passive:
            objects = _small_clause_subjects(verb)
        preps_read: dict[str, list[Token]] = {}
        if particle is None and not objects:
            # "sealed off the border": the parser may read a particle the lexicon knows as a preposition
            known = {e.particle for e in self.lexicon.candidates("verb", lemma) if e.particle}
            misread = next((c for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1 and c.lower_ in known), None)
            if misread is not None:
                particle, objects = misread.lower_, [c for c in misread.children if c.dep_ == "pobj"]
        elif particle is not None and objects and self._prepositional_particle(lemma, particle):
            # "quarrel over the plans": a dictionary names its phrasal verbs (+SEAL_OFF); a particle it
            # does not know for the verb is the preposition the parser could as well have read
            preps_read = {particle: objects}
            particle, objects = None, []
        objects = _with_conjuncts(objects)
        if lemma in self.lexicon.light_verbs and any(o.lemma_.lower() in self.nouns for o in objects):
            return None  # "made a visit": the noun codes it, with this verb's subject
        preps = _preps(verb, objects)
        if preps_read:
            preps = {**preps_read, **preps}
        adverbs = [c.lemma_.lower() for c in verb.children if c.dep_ == "advmod"]
        # "asked Russia for aid", "threatened X with sanctions": what the preposition carries is the content;
        # so is what the object is called ("described Uzbekistan as a partner", "called Uzbekistan an ally")
        contents = [t for p in CONTENT_PREPS for t in preps.get(p, [])]
        contents += [c for c in verb.children if c.dep_ == "oprd"] + [
            t for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.children if t.dep_ == "pobj"
        ]
        # "sent 100 tonnes of flour": the lexicon reads what the measure counts
        measures = [o for o in objects if o.lemma_.lower() in self.grammar.quantity_nouns]
        counted = [t for o in measures for t in _prep_objects(o, ("of", "in"))]
        contents += counted
        for p, objs in _preps(verb, counted).items():  # "pledged $5 billion in loans to Kazakhstan": the loans' "to"
            preps.setdefault(p, []).extend(o for o in objs if o not in preps.get(p, []))
        if measures:  # "provided 2 million dollars in aid", the parser hanging "in aid" on the verb
            contents += preps.get("in", [])
        surface_subjects = _surface_subjects(verb, passive, self.lexicon.modality.intent_lemmas)
        clause = _clause(verb, surface_subjects, objects, preps, particle) if self.lexicon.asks_clause("verb", lemma) else None
        entry = self.lexicon.match(
            "verb", lemma, particle=particle, objects=_object_lemmas(objects + contents) + adverbs,
            preps=list(preps) + (["by"] if passive else []), clause=clause,
        )
        return _VerbReading(lemma, passive, objects, preps, measures, surface_subjects, entry)

    def _verb_targets(
        self, verb: Token, entry: LexiconEntry, objects: list[Token], preps: dict[str, list[Token]], passive: bool,
        measures: list[Token], roles: _Roles,
    ) -> list[Actor]:
        """Whom a matched verb acts upon, from the likeliest reading of the parse to the least."""
        lemma = verb.lemma_.lower()
        petrarch = self.lexicon.follows_petrarch(entry)
        object_targets = [] if lemma in self.grammar.topic_verbs else roles.targets(objects) or self._topic_targets(entry, objects, roles)
        if not object_targets and measures:  # "wrote off $500 million of Kyrgyz debt": what is counted is Kyrgyz
            object_targets = roles.targets([t for o in measures for t in _prep_objects(o)])
        if not object_targets and objects and not passive and lemma not in self.grammar.topic_verbs:
            # "condemned the attack by militants": an active verb takes no "by" agent, so the parser's
            # verb-level "by" names the doer of the act its object names
            object_targets = roles.actors(preps.get("by", []))
        if not object_targets and objects and lemma not in self.grammar.topic_verbs:
            # "denounced the sanctions imposed on Russia by the United States": the doer of what the object names
            # (people "held by militants" are no act of theirs)
            object_targets = roles.actors(_participle_agents([o for o in objects if o.lemma_.lower() not in self.grammar.persons]))
        datives = roles.targets(_datives(verb))
        if entry.preps:
            # the entry's prepositions are alternatives, first listed first: "arrived in Almaty at the
            # request of Tokayev" arrives in Kazakhstan, not at Tokayev
            targets = next(
                (found for p in entry.preps if p != "by" or not passive if (found := roles.targets(preps.get(p, [])))), []
            )
        else:
            targets = object_targets or datives
            for p in VERB_TARGET_PREPS:
                if targets:
                    break
                targets = roles.targets(preps.get(p, []))
            if not targets:  # "expressed support for Uzbekistan's bid", "announced aid for Kyrgyzstan": whom the object is for
                targets = roles.targets([t for o in objects for t in _prep_objects(o, ("for",))])
        if not targets and petrarch and not entry.compound:
            targets = self._phrase_target(verb, roles)
        if not targets and not entry.preps:
            targets = self._addressee(verb, roles)
        target_codes = self.lexicon.modality.target_codes  # modality.toml [target_codes]
        if not targets and entry.code.startswith(target_codes.placed):
            targets = roles.places(objects + [t for ts in preps.values() for t in ts]) or roles.places([verb])
        elif not targets and entry.code.startswith(target_codes.posture):
            targets = roles.places([*objects, verb], ("in", "near", "along", "on", "at"))
        if not targets:
            # "said Tajik troops opened fire on its posts": a thing of someone else's is aimed at them
            targets = roles.owners(objects + [t for p in (entry.preps or VERB_TARGET_PREPS) for t in preps.get(p, [])])
        if not targets:
            targets = self._complement_targets(verb, roles)
        return targets

    def _codes_itself(self, clause: Token) -> bool:
        """Whether a complement verb is a trigger the lexicon codes (then it is an event of its own)."""
        if clause.lemma_.lower() not in self.verbs:
            return False
        reading = self._read_verb(clause)
        return reading is None or reading.entry is not None  # None: a light verb whose noun codes

    def _complement_targets(self, verb: Token, roles: _Roles) -> list[Actor]:
        """Whom a demand, appeal, refusal or intent is aimed at when its clause names an act the lexicon does not code.

        "demanded that Russia pay rent for the base": Russia is asked; "refused to join the Eurasian
        Economic Union": the union is refused; "agreed to demarcate the border with Kyrgyzstan": with
        Kyrgyzstan. A clause the lexicon codes is an event of its own, made a demand, refusal or intent
        by this verb, so it is left to itself.
        """
        lemma, modality = verb.lemma_.lower(), self.lexicon.modality
        asking = lemma in modality.asking
        # "refused to join the union", "agreed to demarcate the border with Kyrgyzstan", "threatened to retaliate against X"
        refusing_or_intending = lemma in modality.refusal_lemmas or lemma in modality.intent_lemmas
        for clause in verb.children:
            if clause.dep_ not in ("ccomp", "xcomp") or self._codes_itself(clause):
                continue
            if asking and clause.dep_ == "ccomp":
                return roles.targets([c for c in clause.children if c.dep_ == "nsubj"])
            if refusing_or_intending and clause.dep_ == "xcomp":
                objects = [c for c in clause.children if c.dep_ in ("dobj", "obj")]
                preps = _preps(clause, objects)
                return roles.targets(objects) or next(
                    (found for p in VERB_TARGET_PREPS if (found := roles.targets(preps.get(p, [])))), []
                )
        return []

    @staticmethod
    def _topic_targets(entry: LexiconEntry, objects: list[Token], roles: _Roles) -> list[Actor]:
        """The target in the "of"/"against" phrase of an object the entry names as its topic.

        "probed the murder of an Afghan trader", "investigated the attack against Kazakh troops":
        the crime or attack the entry asks for is no actor; whom it befell is the target.
        """
        if entry.objects is None:
            return []
        topics = [o for o in objects if o.lemma_.lower() in entry.objects]
        return roles.targets([c for o in topics for c in _prep_objects(o, TOPIC_TARGET_PREPS)])

    @staticmethod
    def _addressee(verb: Token, roles: _Roles) -> list[Actor]:
        """Whom a speaker told what a verb reports, when the verb names no target of its own.

        "Lavrov told his Uzbek counterpart that Russia was ready to supply more gas": the supply is
        offered to Uzbekistan.
        """
        current = verb
        for _ in range(4):  # up through "was ready to supply" to the clause that is reported
            if current.dep_ == "ccomp":
                break
            if current.dep_ not in ("xcomp", "acomp", "conj") or current.head.i == current.i:
                return []
            current = current.head
        speech = current.head
        if current.dep_ != "ccomp" or speech.lemma_.lower() not in coref_table().quotes.speech_verbs:
            return []
        return roles.targets([c for c in speech.children if c.dep_ in ("dobj", "obj")] + _datives(speech))

    def _prepositional_particle(self, lemma: str, particle: str) -> bool:
        """Whether a verb's particle is better read as a preposition: dictionary entries only, none with it."""
        entries = self.lexicon.candidates("verb", lemma)
        return (
            bool(entries) and all(self.lexicon.follows_petrarch(e) for e in entries)
            and all(e.particle != particle for e in entries)
        )

    def _phrase_target(self, verb: Token, roles: _Roles, skip_settings: bool = False) -> list[Actor]:
        """PETRARCH's target: the first actor in the verb phrase, with its conjuncts.

        "left for Tashkent", "criticized the closure of border markets in Osh", "welcomed a
        restart of trade between X and Y". With `skip_settings`, a place the act happened in or at
        ("signed an agreement in Moscow") is passed over.
        """
        for token in _verb_phrase(verb, self.verbs):
            if token.pos_ == "PRON":
                continue  # "his trip to the Fergana Valley": a possessive pronoun is not what the phrase is about
            if skip_settings and ((token.dep_ == "pobj" and token.head.lower_ in SETTING_PREPS) or _in_inner_clause(token, verb)):
                continue  # nor what a clause inside it names ("an agreement to supply gas to China")
            found = roles.targets([token])
            if found:
                return found
        return []

    # -- nouns ---------------------------------------------------------------------------------
    def _code_noun(self, noun: Token, roles: _Roles, result: SentenceResult) -> None:
        # "will hold a new round of talks": the round stands in the verb's object slot for the talks
        slot = noun.head.head if (
            noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in self.grammar.partitive_nouns
        ) else noun
        governor = slot.head if slot.dep_ in ("dobj", "obj", "nsubjpass") and slot.head.pos_ in ("VERB", "AUX") else None
        joined = governor is None and _joined_in(noun, self.grammar.participation_verbs)
        if joined:  # "refused to take part in the talks": the act the subject of "take part" refused
            governor = noun.head.head
        # "the signing of the border treaty between Uzbekistan and Kyrgyzstan": the parties of what was signed
        signed = [o for o in _prep_objects(noun, ("of",)) if o.lemma_.lower() in self.grammar.agreement]
        preps = _preps(noun, signed)
        for holder in _hung_on_place(preps, roles.mentions):  # "the meeting in Astana of Putin and Nazarbayev"
            preps.setdefault("of", []).append(holder)
        for p, objs in _preps_between_subject_and_verb(noun).items():  # "X's meeting in Beijing, with his counterpart, confirmed"
            preps.setdefault(p, []).extend(objs)
        if governor is not None and governor.lemma_.lower() in self.lexicon.light_verbs:
            for p, objs in _preps(governor, []).items():
                preps.setdefault(p, []).extend(o for o in objs if o.i != noun.i)
        modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound")]
        modifiers = sorted(modifiers + _hyphenated(modifiers), key=lambda t: t.i)  # "joint Uzbek-Russian exercises"
        entry = self.lexicon.match(
            "noun", noun.lemma_.lower(), objects=[m.lemma_.lower() for m in modifiers], preps=list(preps)
        )
        if entry is None:
            return
        target_preps = entry.preps or NOUN_TARGET_PREPS
        sources = roles.actors([c for c in noun.children if c.dep_ == "poss"])
        if "of" not in target_preps:
            sources += roles.actors(preps.get("of", []))
        sources += roles.actors(preps.get("by", []))
        if not sources and "from" not in target_preps:
            sources = roles.actors(preps.get("from", []))  # "an invitation from Russia", "aid from China to Kyrgyzstan"
        known = {a.country for a in sources}
        sources += [a for a in roles.named_countries(modifiers) if a.country not in known]  # "Uzbek-Russian exercises"
        if not sources and governor is not None and (joined or governor.lemma_.lower() in self.lexicon.light_verbs):
            sources = roles.actors(_subjects(governor))
        targets = roles.targets([t for p in target_preps for t in preps.get(p, [])])
        if not targets:  # "an offer from China for Kyrgyzstan to host the games"
            targets = roles.actors(_for_clause_subjects(noun))
        if not sources and len(targets) > 1 and preps.get("between"):
            sources, targets = targets, []  # "talks between X and Y": among themselves
        clause = _clause_verb(noun)
        if sources and not targets and clause is not None and clause.lemma_.lower() in self.grammar.recipient_verbs:
            targets = roles.actors(_subjects(clause))
        if (not sources and not targets and clause is not None and noun.lemma_.lower() in self.grammar.symmetric_nouns
                and not (noun.dep_ == "pobj" and noun.head.lower_ in PURPOSE_PREPS)):
            sources = roles.actors(_subjects(clause))
        elif (not sources and targets and clause is not None and noun.lemma_.lower() in self.grammar.symmetric_nouns
                and noun.dep_ == "pobj" and noun.head.lower_ in SETTING_PREPS and noun.head.head.i == clause.i):
            # "After talks with Putin, Karimov said ...": the clause's subject held them
            sources = [a for a in roles.actors(_subjects(clause)) if a not in targets]
        negated = _negated(noun, self.lexicon.modality)
        if governor is not None:
            negated = negated or _negated(governor, self.lexicon.modality)
        modality = self.lexicon.modality
        wished = noun.head.head if (
            governor is None and noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for")
            and noun.head.head.pos_ == "NOUN" and noun.head.head.lemma_.lower() in modality.intent_lemmas
            and noun.head.head.dep_ in ("dobj", "obj") and noun.head.head.head.pos_ in ("VERB", "AUX")
        ) else None
        if wished is not None and not sources:
            # "stressed the importance of cooperation with Kazakhstan", "underlined the need for dialogue with X":
            # the one who stressed it means to cooperate
            sources = [a for a in roles.actors(_subjects(wished.head)) if a not in targets]
            governor = wished.head
        proposed = governor is not None and (governor.lemma_.lower() in modality.intent_lemmas or wished is not None)
        if proposed and governor is not None and not targets and len({a.country for a in sources}) > 1:
            # "Uzbekistan proposed joint exercises between Uzbekistan and Kazakhstan": the proposer's offer to the other
            proposers = {a.country for a in roles.actors(_subjects(governor))}
            own = [a for a in sources if a.country in proposers]
            if own and len(own) < len(sources):
                sources, targets = own, [a for a in sources if a.country not in proposers]
        asked_by = noun.head.head if (
            governor is None and noun.dep_ == "pobj" and noun.head.lower_ == "for"
            and noun.head.head.lemma_.lower() in modality.asking
        ) else None  # "called for talks between Armenia and Azerbaijan": the talks are asked for, not held
        self._emit(
            noun, entry, sources, targets, roles, result,
            negated=negated, reverse=entry.reverse, anchor=governor, intent=proposed, asked_by=asked_by,
        )

    # -- both ----------------------------------------------------------------------------------
    def _emit(
        self,
        trigger: Token,
        entry: LexiconEntry,
        sources: list[Actor],
        targets: list[Actor],
        roles: _Roles,
        result: SentenceResult,
        *,
        negated: bool,
        reverse: bool,
        anchor: Token | None = None,
        reciprocal: bool = True,
        intent: bool = False,
        modal: bool = True,
        asked_by: Token | None = None,
    ) -> None:
        """Turn a matched trigger into events, every decision recorded for --explain.

        Applies appeal, demand, refusal and (when `modal`) intent modality, negation and compound actors.
        `asked_by` is the appeal or demand verb an event noun is the "for" phrase of ("called for talks").
        """
        code, rule = entry.code, entry.id
        head = anchor if anchor is not None else trigger
        modality = self.lexicon.modality
        asking = modality.asking
        base = head
        while base.dep_ == "conj" and base.head.i != base.i:  # "agreed to expand cooperation and to hold exercises"
            base = base.head
        governor = asked_by or (base.head if (
            base.dep_ == "xcomp"
            or (base.dep_ == "ccomp" and base.head.lemma_.lower() in asking)
            or (base.dep_ == "acl" and base.head.lemma_.lower() in modality.intent_lemmas)  # "the intention to hold"
        ) else None)
        if governor is not None and governor.lemma_.lower() in asking:
            appeal = governor.lemma_.lower() in modality.appeal_lemmas
            code = modality.appeal_code(code) if appeal else modality.demand_code(code)
            rule += "+appeal" if appeal else "+demand"
            addressed = [c for c in governor.children if c.dep_ in ("dobj", "obj")] + _datives(governor)
            addressed += [t for p in ("on", "upon") for t in _preps(governor, []).get(p, [])]
            if head.dep_ == "ccomp":  # "demanded that X release ...": X is asked
                addressed += [c for c in head.children if c.dep_ in SUBJECT_DEPS]
            asked = [*sources, *targets]  # the parties of the act asked for, when the verb addresses no one
            sources = roles.actors(_subjects(governor))
            targets = roles.actors(addressed) or ([a for a in asked if a not in sources] if asked_by is not None else [])
            negated = _negated(governor, modality)
            reverse = False
        elif governor is not None and governor.lemma_.lower() in modality.cessation_lemmas and not _negated(governor, modality):
            ended = modality.cessation_code(code)  # "stopped supplying gas to Kazakhstan": an embargo, 163
            sources = sources or roles.actors(_subjects(governor))
            if ended is None:
                result.decisions.append(Decision(_trigger_text(trigger), rule + "+cessation", [], [], f"ended ({governor.text!r}): no event"))
                return
            code, rule = ended, rule + "+cessation"
        elif governor is not None and governor.lemma_.lower() in modality.refusal_lemmas:
            code, rule, negated = modality.refusal_code(code), rule + "+refusal", negated and _negated(governor, modality)
            sources = sources or roles.actors(_subjects(governor))
        elif modal and (intent or (governor is not None and governor.lemma_.lower() in modality.intent_lemmas) or any(
            c.dep_ == "aux" and c.lower_ in modality.intent_aux for c in head.children
        )):
            code, rule = modality.intent_code(code), rule + "+intent"
            if governor is not None:
                negated = negated or _negated(governor, modality)
        if reverse:
            sources, targets = targets, sources
        decision = Decision(_trigger_text(trigger), rule, [a.code for a in sources], [a.code for a in targets], "coded")
        result.decisions.append(decision)
        if negated:
            decision.outcome = "negated: no event"
            return
        denying = _denying_verb(head, modality)
        if denying is not None:
            decision.outcome = f"said not to have happened ({denying.text!r}): no event"
            return
        asked_for = head.head if head.dep_ == "acl" and head.head.pos_ == "NOUN" else None
        if asked_for is not None and asked_for.lemma_.lower() in self.grammar.request_nouns:
            # "extended an invitation to Tokayev to visit Samarkand": the invitation is the event, the visit not yet one
            decision.outcome = f"what {asked_for.text!r} is about, not done: no event"
            return
        alleging = _alleging_verb(head, modality)
        if alleging is not None:
            decision.outcome = f"alleged, not reported as done ({alleging.text!r}): no event"
            return
        if len({s.key for s in sources}) > 1 and targets and all(t.kind == "modifier" for t in targets):
            targets = []  # "X and Y signed an agreement on a Russian base": the base is a topic, not a party
        pairs = [(s, t) for s in sources for t in targets]
        # "X and Y said ...": speaking together is no statement to each other
        if not targets and reciprocal and code != STATEMENT_CODE and len({s.key for s in sources}) > 1:
            pairs = [(s, t) for s in sources for t in sources if s.key != t.key]
            rule += "+compound"
        # a thing of one's own country is no second actor ("the Kyrgyz government nationalized a Kyrgyz mine")
        pairs = [
            (s, t) for s, t in pairs
            if s.code != t.code and s.key != t.key and not (t.kind == "modifier" and t.country == s.country)
            and not (t.code == s.country)  # "Karimov proposed talks between Uzbekistan and X": not UZBGOV->UZB
        ]
        if not pairs:
            decision.outcome = "needs a source and a target actor" if not (sources and targets) else "same actor on both sides"
            return
        char = trigger.idx - trigger.sent.start_char
        for s, t in pairs:
            result.events.append(CodedEvent(s, t, code, _trigger_text(trigger), rule, char))
            if code.startswith(modality.target_codes.reproach):
                roles.context.remember_accusation(s, t)


class _Roles:
    """Actors of tokens in one sentence, with pronouns and descriptions resolved."""

    def __init__(self, coder: EventCoder, span: Span, mentions: SentenceMentions, context: DocumentContext, on: dt.date | None) -> None:
        self.coder, self.span, self.mentions, self.context = coder, span, mentions, context
        self._cache: dict[int, list[Actor]] = {}
        # the actor each token names, read once and placed: roles, coreference and the quotation's speaker use it
        self.actor_at: dict[int, Actor | None] = {t.i: self._placed(t, coder.matcher.actor(t, mentions, on)) for t in span}
        self.named = [a for t in span if t.dep_ != "compound" and (a := self.actor_at[t.i]) is not None]

    def _actor(self, token: Token) -> Actor | None:
        """The actor a token of the sentence names (no coreference)."""
        return self.actor_at.get(token.i)

    def actors(self, tokens: list[Token]) -> list[Actor]:
        """The actors named by tokens (and their conjuncts), in order, without repeats."""
        out: list[Actor] = []
        group: list[Actor] = []
        for token in self._listed(_with_conjuncts(tokens, appos=False)):
            for actor in self._of(token) or self._via_apposition(token):
                if actor not in out:
                    out.append(actor)
                    group.append(actor)
        self.context.remember_group(tuple(group))
        return out

    def _listed(self, tokens: list[Token]) -> list[Token]:
        """Tokens with the list members the parser took for appositions.

        In "Kyrgyzstan, the landlocked Tajikistan, and Russia", "Tajikistan" names another country than "Kyrgyzstan", so it
        is no second name for it but the next item of the list.
        """
        out = list(tokens)
        for token in tokens:
            own = {a.country for a in self._of(token)} if token.pos_ == "PROPN" else set()
            for child in token.children:
                if child.dep_ != "appos" or child.pos_ != "PROPN" or child.i not in self.mentions.names or not own - {None}:
                    continue
                other = {a.country for a in self._of(child)} - {None}
                if other and other.isdisjoint(own):
                    out.extend(t for t in _with_conjuncts([child], appos=False) if t not in out)
        return out

    def _via_apposition(self, token: Token) -> list[Actor]:
        for child in token.children:
            if child.dep_ == "appos":
                found = self._of(child)
                if found:
                    return found
        return []

    def _of(self, token: Token) -> list[Actor]:
        if token.i in self._cache:
            return self._cache[token.i]
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            found = self._of(token.head.head)
        elif token.pos_ == "PRON":
            found = self._clause_antecedent(token) or self.context.pronoun(token, self.actor_at)
        else:
            actor = self._actor(token)
            members = _prep_objects(token) if actor is None or actor.country is None else []
            if members:  # "the heads of the Kyrgyz and Tajik agencies", "leaders of Russia and China"
                found = [a for m in _with_conjuncts(members, appos=False) for a in self._of(m)]
                if actor is not None and actor.kind == "agent" and actor.agent:
                    # "the security services of the two countries": each country's, with the head's agent
                    found = [actor.with_country(a.country) if a.country and a.code == a.country else a for a in found]
            else:
                found = []
            if found:
                pass
            elif actor is not None and actor.country is None and actor.kind == "agent":
                found = (
                    self._possessed(token, actor.agent)
                    or self.context.description(token, actor, self.actor_at)
                    or ([actor] if actor.agent in coref_table().standalone else [])
                )
            elif actor is None and token.lemma_.lower() in coref_table().pairs:
                found = self._possessed(token, coref_table().pairs[token.lemma_.lower()]) or self.context.description(
                    token, None, self.actor_at
                )
            elif actor is not None and actor.kind == "adjective" and actor.agent is None:
                found = [self._borrowed_agent(token, actor)]
            else:
                found = self._shared_agent(token, actor) if actor is not None else []
        self._cache[token.i] = found
        return found

    def _placed(self, token: Token, actor: Actor | None) -> Actor | None:
        """An agent with no country placed by the one country its "from" phrase names ("a delegation from Afghanistan"
        is AFGGOV), or for agents of a place, its "in" phrase ("police in Pavlodar" are KAZCOP)."""
        if actor is None or actor.country is not None or actor.kind != "agent":
            return actor
        for prep in ("from", "in") if actor.agent in coref_table().located else ("from",):
            countries = {place.iso3 for t in _prep_objects(token, (prep,)) for place in self.mentions.places(t) if place.kind in _PLACE_KINDS}
            if len(countries) == 1:
                return actor.with_country(countries.pop())
        return actor

    def _shared_agent(self, token: Token, actor: Actor) -> list[Actor]:
        """An agent shared by conjoined names, as one actor per country.

        "the ambassadors of X, Y and Z", "lawmakers in X and Y", "the Israeli and Egyptian foreign
        ministers".
        """
        if actor.kind != "agent" or not actor.country or actor.code != actor.country + (actor.agent or ""):
            return [actor]
        names = _name_modifiers(token, self.mentions)
        if not names and token.dep_ == "conj":
            # "deputies and envoys in X and Y": the parser hangs the names on the first conjunct
            names = [n for n in _name_modifiers(token.head, self.mentions) if n.i > token.i]
        for name in names:
            members = [m for m in _with_conjuncts([name], appos=False) if m.i != name.i]
            countries = [a.country for m in members if (a := self._actor(m)) and a.country]
            if countries and len(countries) == len(members):
                return [actor, *(actor.with_country(c) for c in dict.fromkeys(countries) if c != actor.country)]
        return [actor]

    def _borrowed_agent(self, token: Token, actor: Actor) -> Actor:
        """A nationality the parser made a head takes the agent of the phrase it is conjoined with.

        "Kyrgyz and Tajik border guards", parsed as "Kyrgyz" and "Tajik border guards": both are border guards.
        """
        for conj in token.children:
            other = self._actor(conj) if conj.dep_ == "conj" else None
            if other is not None and other.kind == "agent" and other.agent and other.country and _name_modifiers(conj, self.mentions):
                code = actor.country + other.agent
                return Actor(code, actor.country, actor.text, "agent", code, other.agent, other.plural)
        return actor

    def _possessed(self, token: Token, agent: str | None) -> list[Actor]:
        """A country noun or agent word owned by a third-person pronoun: the owner's country, with the word's agent.

        "the Kyrgyz president said that his country would ..." is KGZ; "Kazakhstan said its army
        would ..." KAZMIL ("our country" in a quotation is the speaker's: DocumentContext.description).
        """
        table = coref_table()
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in table.quotes.speaker), None)
        if owner is None:
            return []
        countries = dict.fromkeys(a.country for a in self._of(owner) if a.country)
        return [described(country, agent, token) for country in countries]

    def _clause_antecedent(self, pronoun: Token) -> list[Actor]:
        """The subject of the clause a pronoun's clause complements, when they agree.

        In "Kyrgyzstan signalled it would respond", "it" is Kyrgyzstan; in "the minister said he would
        resign", "he" the minister; in "the president said his government would", "his" the president.
        """
        subject = pronoun.head if pronoun.dep_ == "poss" else pronoun
        clause = subject.head
        if subject.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return []
        subjects = [t for t in _subjects(clause.head) if t.pos_ != "PRON"]
        found = [a for t in subjects for a in self._of(t)]
        return found if found and agrees(pronoun.lower_, found) else []

    def targets(self, tokens: list[Token]) -> list[Actor]:
        """Actors acted upon: as actors(); a thing a country modifies stands for that country
        ("shelled Kyrgyz villages", "invested in Kazakhstan's oil sector"), an act for its doer
        ("welcomed the decision by Moscow"), an offer for the one it is for ("an invitation for Uzbekistan to join")."""
        tokens = [t for t in tokens if t.lemma_.lower() not in self.coder.grammar.setting_nouns]  # "on the sidelines of the summit"
        found = self.actors(tokens)
        if found:
            return found
        for token in _with_conjuncts(tokens, appos=False):
            place = self.coder.matcher.modifier_country(token, self.mentions)
            if place is not None and place not in found:
                found.append(place)
        things = _with_conjuncts(tokens, appos=False)
        return (
            found
            or self.actors([c for t in things for c in _prep_objects(t, ("by",))])
            or self.actors([s for t in things for s in _for_clause_subjects(t)])  # "sent an invitation for X to join"
        )

    def owners(self, things: list[Token]) -> list[Actor]:
        """Whose things are, where possessive pronouns say so ("opened fire on its posts"): see _pronoun_owner."""
        found: list[Actor] = []
        for thing in _with_conjuncts(things, appos=False):
            found += [a for a in self._pronoun_owner(thing) if a not in found]
        return found

    def _pronoun_owner(self, thing: Token) -> list[Actor]:
        """Whose a thing is, when a possessive pronoun says so and agrees with a subject of its clause or the clause it reports.

        "The Kyrgyz border service said Tajik troops opened fire on its posts": "its" cannot be the troops,
        so the posts are the border service's.
        """
        pronoun = next((c for c in thing.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if pronoun is None or pronoun.lower_ in coref_table().quotes.speaker:
            return []  # "our posts" in a quotation is the speaker's, read as a description
        verb = thing
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for clause in (verb, verb.head if verb.dep_ == "ccomp" else None):
            if clause is None:
                continue
            found = [a for t in _subjects(clause) if t.pos_ != "PRON" for a in self._of(t)]
            if found and agrees(pronoun.lower_, found):
                return found
        return self._of(pronoun)

    def named_countries(self, tokens: list[Token]) -> list[Actor]:
        """The countries modifier words name, as country actors ("Uzbek-Russian exercises": UZB, RUS), in order."""
        named: dict[str, str] = {}
        for token in tokens:
            for place in self.mentions.places(token)[:1]:
                named.setdefault(place.iso3, token.text)
        return [Actor.of_country(iso3, text, "adjective") for iso3, text in named.items()]

    def places(self, tokens: list[Token], preps: Collection[str] = ("in",)) -> list[Actor]:
        """The countries of the places things stand in, as country actors ("villages in Kyrgyzstan's Batken region")."""
        found: list[Actor] = []
        for token in _with_conjuncts(tokens, appos=False):
            places = _prep_objects(token, preps)
            # "near the border with Tajikistan": a border's neighbour is in its "with" phrase
            places += [n for p in places if p.lemma_.lower() in self.coder.grammar.border_nouns for n in _prep_objects(p, ("with",))]
            found += [Actor.of_country(a.country, a.text, "modifier") for a in self.targets(places) if a.country]
        return list(dict.fromkeys(found))


def _name_modifiers(token: Token, mentions: SentenceMentions) -> list[Token]:
    """The names that modify a noun: before it ("Uzbek police") or in its "of"/"in"/"from" phrase."""
    found = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    found += _prep_objects(token, _SHARED_PREPS)
    return [t for t in found if t.i in mentions.names]


def _with_conjuncts(tokens: list[Token], appos: bool = True) -> list[Token]:
    out: list[Token] = []
    todo = list(tokens)
    while todo:
        tok = todo.pop(0)
        if tok not in out:
            out.append(tok)
            todo.extend(c for c in tok.children if c.dep_ == "conj")
            if appos:
                todo.extend(c for c in tok.children if c.dep_ == "appos")
    return out


def _prep_objects(token: Token, preps: Collection[str] = ("of",)) -> list[Token]:
    """The objects of a token's prepositional phrases headed by one of `preps`: "the heads of X and Y" -> [X]."""
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ in preps for c in p.children if c.dep_ == "pobj"]


def _clause_verb(noun: Token) -> Token | None:
    """The verb whose clause an event noun stands in: as object, or through prepositions ("at the end of the talks")."""
    current = noun
    for _ in range(4):
        head = current.head
        if head.i == current.i:
            return None
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "prep" and current.dep_ in ("dobj", "obj", "pobj", "prep", "nsubjpass", "pcomp"):
            return head  # ("following" the parser tags a verb but hangs as a preposition is one)
        if current.dep_ not in ("pobj", "prep"):
            return None
        current = head
    return None


def _small_clause_subjects(verb: Token) -> list[Token]:
    """The subject of a bare infinitive clause right after a verb, which is the verb's object.

    "helped Tajikistan build a road", "let Russia use the base"; not "said Russia would help", whose
    clause is finite.
    """
    return [
        s
        for c in verb.children
        if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VB" and c.i > verb.i
        and not any(g.dep_ in ("aux", "auxpass", "mark") for g in c.children)
        for s in c.children
        if s.dep_ == "nsubj" and s.i == c.left_edge.i
    ]


def _surface_subjects(verb: Token, passive: bool, intent_nouns: Collection[str] = ()) -> list[Token]:
    """The words standing as a verb's subject: its passive subject, else its (inherited or adjacent) subjects."""
    if passive:
        return [c for c in verb.children if c.dep_ == "nsubjpass"]
    return _subjects(verb, intent_nouns) or _adjacent_subjects(verb)


def _subjects(verb: Token, intent_nouns: Collection[str] = ()) -> list[Token]:
    """The subjects of a verb, inherited along xcomp/conj/advcl chains ("agreed to sign", "met and signed") and
    from the clause of an intent noun to the verb that has it ("expressed readiness to supply")."""
    current, came_by = verb, ""
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects
        if current.i != verb.i and came_by == "xcomp":
            # "X was seen to cross into ...", "X is expected to sign": the passive subject does the act
            subjects = [c for c in current.children if c.dep_ == "nsubjpass"]
            if subjects:
                return subjects
        if current.dep_ == "relcl":
            return [current.head]
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current, came_by = current.head.head, "pcomp"
            continue
        if current.dep_ == "acl" and current.head.dep_ in ("dobj", "obj") and current.head.lemma_.lower() in intent_nouns:
            # "expressed readiness to supply grain": the one who expressed it would supply
            current, came_by = current.head.head, "acl"
            continue
        if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head.i == current.i:
            return []
        came_by = current.dep_
        current = current.head
    return []


# Dependents that never belong to a verb's phrase when PETRARCH's target is looked for in it.
_OUTSIDE_PHRASE = frozenset({
    "expl", "aux", "auxpass", "neg", "mark", "cc", "punct", "relcl", "parataxis", "prt", "discourse", "meta",
    "dep", "preconj", "predet",
})


def _verb_phrase(verb: Token, trigger_lemmas: frozenset[str]) -> list[Token]:
    """The words of a verb's phrase after it, in order.

    Objects, prepositional phrases, participles and infinitives, and a complement clause with no
    trigger verb of its own ("believes X and Y can cope"); never its subject.
    """
    found: list[Token] = []
    todo = [c for c in verb.children if c.i > verb.i and c.dep_ not in SUBJECT_DEPS]
    while todo:
        token = todo.pop()
        if token.dep_ in _OUTSIDE_PHRASE or not _inside_phrase(token, trigger_lemmas):
            continue
        found.append(token)
        todo.extend(token.children)
    return sorted(found, key=lambda t: t.i)


def _inside_phrase(token: Token, trigger_lemmas: frozenset[str]) -> bool:
    """Whether a dependent stays in the verb phrase.

    Participles ("roads leading into X") and infinitives do; coordinated verbs and finite
    adverbial clauses do not, nor a complement clause with an event verb of its own.
    """
    if token.pos_ in ("VERB", "AUX") and token.dep_ == "conj":
        return False
    if token.dep_ == "advcl":
        infinitive = any(c.lower_ == "to" and c.dep_ in ("aux", "mark") for c in token.children)
        return infinitive and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
    if token.dep_ == "ccomp":
        return not any(t.pos_ == "VERB" and t.lemma_.lower() in trigger_lemmas for t in _own_words(token))
    return True


def _own_words(clause: Token) -> list[Token]:
    """A clause's words, without coordinated verbs, relative clauses and their dependents."""
    found, todo = [], [clause]
    while todo:
        token = todo.pop()
        found.append(token)
        todo.extend(c for c in token.children if c.dep_ not in _OUTSIDE_PHRASE and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return found


def _clause(verb: Token, subjects: list[Token], objects: list[Token], preps: dict[str, list[Token]], particle: str | None) -> Clause:
    """What a dictionary entry may ask of a verb's clause (`coders.lexicon.Clause`).

    Subject words and auxiliaries, prepositional phrases with the words opening their objects, a
    compound subject, the verb's form.
    """
    words: set[str] = set()
    subject_tokens = _with_conjuncts(subjects, appos=False)
    words.update(_object_lemmas(subject_tokens))
    for token in subject_tokens:
        words.update(c.lemma_.lower() for c in token.children if c.dep_ in ("poss", "nmod"))
    for aux in verb.children:
        if aux.dep_ in ("aux", "auxpass"):
            words.update((aux.lower_, aux.lemma_.lower()))
    phrases: dict[str, set[str]] = {}
    for prep, tokens in preps.items():
        phrases.setdefault(prep, set()).update(_leading_words(_with_conjuncts(tokens, appos=False)))
    # "allowed them to leave": an infinitive is a "to" phrase; "held up licensing": a particle heads its object
    infinitives = [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children)]
    if infinitives:
        phrases.setdefault("to", set()).update(c.lemma_.lower() for c in infinitives)
    if particle and objects:
        phrases.setdefault(particle, set()).update(_leading_words(objects))
    return Clause(frozenset(words), {p: frozenset(w) for p, w in phrases.items()}, len(subject_tokens) > 1, verb.lower_)


def _leading_words(objects: list[Token]) -> list[str]:
    """The words that open each object's phrase, determiners skipped, the last also as its lemma.

    What a pattern's "(ON DRAFT)" or "(TO {CEASE FIRE})" asks: "draft" for "on a draft";
    "temporary" and "temporary refuge", not "refuge", for "for temporary refuge".
    """
    found: list[str] = []
    for obj in objects:
        words = [t for t in obj.doc[obj.left_edge.i : obj.i + 1] if t.dep_ not in ("det", "poss", "predet", "case", "punct")]
        for end in range(1, len(words) + 1):
            before = " ".join(t.lower_ for t in words[: end - 1])
            last = words[end - 1]
            found.extend(f"{before} {form}".strip() for form in {last.lower_, last.lemma_.lower()})
    return found


def _datives(verb: Token) -> list[Token]:
    """Indirect objects; spaCy labels the "to" of "sent troops to X" dative, so read its object."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dative", "iobj"):
            out.extend([c for c in child.children if c.dep_ == "pobj"] if child.pos_ == "ADP" else [child])
    return out


def _adjacent_subjects(verb: Token) -> list[Token]:
    """When the parse gave a verb no subject, the conjoined names right before it ("..., Putin and Karimov explored")."""
    before = verb.i - 1
    while before >= verb.sent.start and verb.doc[before].pos_ in ("ADV", "AUX", "PART"):
        before -= 1
    if before < verb.sent.start or verb.doc[before].pos_ not in ("PROPN", "NOUN"):
        return []
    chain = [verb.doc[before]]
    while chain[-1].dep_ == "conj" and chain[-1].head.i < chain[-1].i:
        chain.append(chain[-1].head)
    if len(chain) == 1:
        return chain
    return sorted((t for t in chain if t.dep_ == "conj"), key=lambda t: t.i)  # in the order written


def _preps(token: Token, objects: list[Token]) -> dict[str, list[Token]]:
    """Preposition -> its objects, for the token and for its direct objects ("signed an agreement with X")."""
    found: dict[str, list[Token]] = {}
    # "welcomed a restart of trade with X": the object's "of" complement carries prepositions too
    inner = [c for o in objects for c in _prep_objects(o)]
    for holder in [token, *objects, *inner]:
        for child in holder.children:
            # spaCy labels the "to" of "handed X over to Y" dative: a preposition all the same
            if child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP"):
                for obj in (c for c in child.children if c.dep_ in ("pobj", "pcomp")):
                    if not _is_date(obj):
                        found.setdefault(child.lower_, []).append(obj)
                        continue
                    # "the visit on March 16 of the President to Tashkent": the parser hangs the noun's
                    # phrases on the date
                    for inner in obj.children:
                        if inner.dep_ == "prep":
                            found.setdefault(inner.lower_, []).extend(c for c in inner.children if c.dep_ in ("pobj", "pcomp"))
    return found


def _preps_between_subject_and_verb(noun: Token) -> dict[str, list[Token]]:
    """The phrases the parser hangs on a verb that stand between its subject noun and it, which modify the noun.

    "Atamkulov's meeting in Beijing, with his counterpart Wang Yi, confirmed ...": "with his counterpart" is
    the meeting's partner, though the parser attached it to "confirmed".
    """
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.i < noun.i:
        return {}
    found: dict[str, list[Token]] = {}
    for prep in verb.children:
        if prep.dep_ == "prep" and noun.i < prep.i < verb.i:
            found.setdefault(prep.lower_, []).extend(c for c in prep.children if c.dep_ == "pobj" and not _is_date(c))
    return found


def _in_inner_clause(token: Token, verb: Token) -> bool:
    """Whether a token of a verb's phrase stands in a clause of its own below the verb ("to supply gas to China")."""
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return False
        if ancestor.pos_ in ("VERB", "AUX"):
            return True
    return False


def _hung_on_place(preps: dict[str, list[Token]], mentions: SentenceMentions) -> list[Token]:
    """The "of" phrases the parser hangs on a place an event noun names instead of on the noun.

    "the meeting in Astana of Putin and Nazarbayev": "of Putin" belongs to the meeting. A place's own
    "of" phrase ("in the city of Osh", "in Astana of Kazakhstan") names a place and stays where it is.
    """
    found: list[Token] = []
    for place in (t for p in ("in", "at") for t in preps.get(p, []) if mentions.places(t)):
        hung = [
            obj
            for prep in place.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for obj in prep.children if obj.dep_ == "pobj" and not mentions.places(obj)
        ]
        # "... in Tashkent of Nazarbayev and Karimov": the parser may join the second name to the place
        stray = [c for c in place.children if c.dep_ == "conj" and c.i in mentions.names and not mentions.places(c)]
        found += hung + (stray if hung else [])
    return found


def _participle_agents(nouns: list[Token]) -> list[Token]:
    """The "by" agents of participles that modify nouns: "the sanctions imposed by the United States" -> [States]."""
    return [
        obj
        for noun in nouns for participle in noun.children if participle.dep_ == "acl" and participle.tag_ == "VBN"
        for agent in participle.children if agent.dep_ == "agent"
        for obj in agent.children if obj.dep_ == "pobj"
    ]


def _for_clause_subjects(token: Token) -> list[Token]:
    """The subject of a "for ... to" clause on a noun: "an invitation for Uzbekistan to join" -> [Uzbekistan]."""
    return [
        s
        for c in token.children
        if c.dep_ in ("advcl", "acl") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        for s in c.children
        if s.dep_ == "nsubj"
    ]


def _joined_in(noun: Token, participation_verbs: frozenset[str]) -> bool:
    """Whether an event noun is what a verb of taking part joins: "took part in the talks", "is on a visit to Moscow"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "on") or prep.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = prep.head
    return verb.lemma_.lower() in participation_verbs and (
        verb.lemma_.lower() != "take" or any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "part" for c in verb.children)
    )


def _hyphenated(modifiers: list[Token]) -> list[Token]:
    """The first halves of hyphenated modifiers, which the parser hangs on the second: "Uzbek" of "Uzbek-Russian"."""
    return [g for m in modifiers for g in m.children if g.dep_ in ("amod", "compound") and g.i + 2 == m.i and g.nbor().text == "-"]


def _each_other(token: Token) -> bool:
    """Whether a word heads a reciprocal pronoun (coreference.toml): "accused each other", "blamed one another"."""
    reciprocal = coref_table().reciprocal
    return any(" ".join(t.lower_ for t in sorted((c, token), key=lambda t: t.i)) in reciprocal for c in token.children)


def _is_date(token: Token) -> bool:
    """Whether a phrase head is a date: a month, or a day the month modifies ("March 16th-17th", "September 6")."""
    return any(is_month(t.text) for t in (token, *(c for c in token.children if c.dep_ in ("compound", "nmod", "nummod"))))


def _object_lemmas(objects: list[Token]) -> list[str]:
    """The lemmas of object heads and of their amod/compound modifiers.

    With each head come the words right before it as written, head lemma last ("gold florin",
    "austrian gold florin"), which dictionary patterns may ask for.
    """
    lemmas = []
    for obj in objects:
        lemmas.append(obj.lemma_.lower())
        lemmas.extend(c.lemma_.lower() for c in obj.children if c.dep_ in ("amod", "compound"))
        words, at = [obj.lemma_.lower()], obj.i - 1
        while at >= obj.sent.start and obj.doc[at].head.i in range(at + 1, obj.i + 1):
            token = obj.doc[at]
            at -= 1
            if token.dep_ == "punct" and token.text == "-":
                continue  # "cease-fire"
            if token.dep_ not in ("amod", "compound", "nmod", "advmod", "npadvmod"):
                break
            words.insert(0, token.lower_)
            lemmas.append(" ".join(words))
    return lemmas


def _negated(token: Token, modality: Modality) -> bool:
    """Whether a trigger is negated: "did not sign", "never signed", "no talks", "without consulting", "did not ever sign"."""
    words = modality.negation_lemmas
    if token.dep_ == "pcomp" and token.head.lower_ in words:
        return True
    return any(
        c.dep_ == "neg"
        or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in words)
        or (c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children))
        for c in token.children
    )


def _denying_verb(token: Token, modality: Modality) -> Token | None:
    """The verb that says a trigger's act did not happen, when it is not negated itself, or None.

    "failed to sign", "refrained from attacking", "denied that it had detained", "denied detaining",
    "dismissed reports that its troops shelled".
    """
    governor = token.head
    if governor.i == token.i:
        return None
    lemma = governor.lemma_.lower()
    if (token.dep_ == "xcomp" and (lemma in modality.negation_verbs or lemma in modality.negation_denials)) or (
        token.dep_ == "ccomp" and lemma in modality.negation_denials
    ):
        verb = governor
    elif token.dep_ == "pcomp" and governor.dep_ == "prep" and governor.head.lemma_.lower() in modality.negation_verbs:
        verb = governor.head  # "refrained from attacking"
    elif token.dep_ in ("acl", "ccomp") and governor.pos_ == "NOUN" and governor.head.lemma_.lower() in modality.negation_denials:
        verb = governor.head  # "denied reports that ..."
    else:
        return None
    return None if _negated(verb, modality) else verb


def _act_of_before(noun: Token, policy: frozenset[str]) -> bool:
    """Whether a noun names an act said before, and no one's: "the decision", "this move" (not "Russia's decision",
    "the decision by Moscow", "a decision")."""
    return (
        noun.lemma_.lower() in policy and points_back(noun)
        and not any(c.dep_ in ("poss", "amod", "compound") and c.pos_ in ("PROPN", "PRON") for c in noun.children)
        and not _prep_objects(noun, ("of", "by"))
    )


def _alleging_verb(token: Token, modality: Modality) -> Token | None:
    """The verb that names a trigger's act as what someone is accused or punished for, or None.

    "accused Kyrgyzstan of supporting militants", "blamed Russia for shelling", "arrested for attacking".
    """
    prep = token.head
    if token.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    return verb if verb.lemma_.lower() in modality.negation_allegations else None


def _trigger_text(token: Token) -> str:
    words = [token] + [c for c in token.children if c.dep_ in ("prt", "neg")]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _prefer_specific(events: list[CodedEvent]) -> list[CodedEvent]:
    """One event per (source, target, code); per pair, a code is dropped when a more specific code of its
    family is there (020 beside 0256), and a bare statement (010) when anything else links the pair or its countries."""
    seen: dict[tuple[str, str, str], CodedEvent] = {}
    for e in events:
        seen.setdefault((e.source.code, e.target.code, e.code), e)
    codes: dict[tuple[str, str], set[str]] = {}
    for s, t, c in seen:
        codes.setdefault((s, t), set()).add(c)
    # "Lavrov told his counterpart that Russia was ready to supply gas": what was said links the two
    # countries, so the telling (010, RUSGOV->UZBGOV) adds nothing beside the offer (RUS->UZBGOV)
    said = {(e.source.country or e.source.code, e.target.country or e.target.code) for e in seen.values() if e.code != STATEMENT_CODE}

    def covered(s: str, t: str, c: str) -> bool:
        others = codes[(s, t)] - {c}
        if c == STATEMENT_CODE:
            e = seen[(s, t, c)]
            return bool(others) or (e.source.country or s, e.target.country or t) in said
        family = c.rstrip("0") if len(c) == 3 else c
        return any(o.startswith(family) and len(o) > len(c) or (c.endswith("0") and len(c) == 3 and o[:2] == c[:2] and o != c) for o in others)

    return [e for (s, t, c), e in seen.items() if not covered(s, t, c)]


def event_id(doc_id: str, sentence_index: int, source: str, target: str, code: str) -> str:
    """A stable id of an event: the same coding of the same sentence always gets the same id."""
    return hashlib.sha256(f"{doc_id}|{sentence_index}|{source}|{target}|{code}".encode()).hexdigest()[:20]


def cameo_fields(code: str) -> tuple[str, int, float]:
    """(root, QuadClass, Goldstein weight) of a CAMEO code."""
    entry = lookup(code)
    return entry.root, entry.quad_class, entry.goldstein
