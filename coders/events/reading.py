"""A trigger verb read from the parse: its particle, objects, prepositional phrases and the lexicon entry they match.

`VerbReader` reads the verbs of one sentence, each once (a complement is read when its governor asks
whether it codes itself, and again when it is coded). `GrammarSets` are the lexicon's named word
sets the coder reads by name. `clause_of` gathers what a PETRARCH dictionary entry may ask of the
clause (`coders.lexicon.Clause`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from spacy.tokens import Token

from coders.coref_table import coref_table
from coders.events.syntax import (
    CONTENT_PREPS,
    attributive_object,
    prep_objects,
    prep_phrases,
    small_clause_subjects,
    subjects_of,
    surface_subjects_of,
    with_conjuncts,
)
from coders.events.verb_forms import antecedent, commanded, copular_passive, reduced_passive, relative_head, shared_objects, shares_passive
from coders.lexicon import Clause, Lexicon, LexiconEntry
from coders.role_words import role_words


@dataclass(frozen=True)
class VerbReading:
    """What the parse says of a trigger verb, and the lexicon entry that matches it (None: no entry does)."""

    lemma: str
    passive: bool
    objects: list[Token]
    preps: dict[str, list[Token]]
    measures: list[Token]
    surface_subjects: list[Token]
    entry: LexiconEntry | None


@dataclass(frozen=True)
class GrammarSets:
    """The word sets of the lexicon (synsets.toml) the coder reads by name; a dictionary lexicon borrows them."""

    recipient_verbs: frozenset[str]
    symmetric_nouns: frozenset[str]
    visit_nouns: frozenset[str]
    onward_particles: frozenset[str]
    attributive_participles: frozenset[str]
    attributive_hosts: frozenset[str]
    symmetric_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    quantity_nouns: frozenset[str]
    carrier_nouns: frozenset[str]
    carrying_verbs: frozenset[str]
    border_nouns: frozenset[str]
    water_nouns: frozenset[str]
    participation_verbs: frozenset[str]
    authority_verbs: frozenset[str]
    request_nouns: frozenset[str]
    policy: frozenset[str]
    persons: frozenset[str]
    setting_nouns: frozenset[str]
    reproach: frozenset[str]
    agreement: frozenset[str]
    military_action: frozenset[str]
    hostilities: frozenset[str]
    partitive_nouns: frozenset[str]
    resultative_verbs: frozenset[str]
    growth_verbs: frozenset[str]
    completion_verbs: frozenset[str]
    completed_events: frozenset[str]
    troops: frozenset[str]
    group_nouns: frozenset[str]
    fellow_nouns: frozenset[str]
    complaint_verbs: frozenset[str]
    joint_words: frozenset[str]
    faulting_words: frozenset[str]
    phone: frozenset[str]
    land_parts: frozenset[str]

    @classmethod
    def of(cls, lexicon: Lexicon) -> GrammarSets:
        """The sets as a lexicon defines them."""
        return cls(**{name: lexicon.synset(name) for name in GRAMMAR_SETS})


GRAMMAR_SETS = tuple(f.name for f in fields(GrammarSets))
MEANS_PREPS = ("by", "over", "on", "via")  # "spoke by telephone with X", "talked over the phone with X"
PERSON_WORD = "person"  # a word of the persons synset, standing for a named person


class VerbReader:
    """Reads the trigger verbs of one sentence against the lexicon, each verb once."""

    def __init__(self, lexicon: Lexicon, grammar: GrammarSets, nouns: frozenset[str], people: frozenset[int] = frozenset()) -> None:
        self.lexicon, self.grammar, self.nouns = lexicon, grammar, nouns
        self.people = people  # the sentence's tokens that name a person: "released Suu Kyi" reads as releasing a person
        self._readings: dict[int, VerbReading | None] = {}

    def read(self, verb: Token) -> VerbReading | None:
        """A verb's parts from the parse and the lexicon entry they match; None when a light verb hands its event to its object."""
        if verb.i not in self._readings:
            self._readings[verb.i] = self._reading(verb)
        return self._readings[verb.i]

    def codes_itself(self, clause: Token) -> bool:
        """Whether a complement verb is a trigger the lexicon codes (then it is an event of its own)."""
        if clause.lemma_.lower() not in self.lexicon.lemmas("verb"):
            return False
        reading = self.read(clause)
        return reading is None or reading.entry is not None  # None: a light verb whose noun codes

    def _reading(self, verb: Token) -> VerbReading | None:
        """What the parse says of a verb, and the entry it matches."""
        lemma = verb.lemma_.lower()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        if particle is not None and self._onward(verb, lemma, particle):
            particle = None  # "Medvedev flies on to Beijing", "will travel on to Uzbekistan": the verb is "fly ... to"
        shared = shares_passive(verb)  # "was signed and ratified by X": "ratified" has the treaty and the passive of "signed"
        reduced = reduced_passive(verb)  # "the agreement, signed by X and Y": the noun is what was signed
        copular = copular_passive(verb)  # "it was extremely troubled by X": the parser makes the participle a complement
        passive = shared or reduced or copular or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")] + (
            # "the envoy, who was expelled by X": what the relative pronoun stands for
            [antecedent(c) for c in (verb.head if shared else verb).children if c.dep_ == "nsubjpass"] if passive else []
        )
        if passive and not objects and verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "Kim arrived in Pyongyang and was met at the airport by Kim Jong-il": the first verb's subject undergoes it
            objects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if copular:
            objects += [antecedent(c) for c in verb.head.children if c.dep_ == "nsubj"]
        if reduced:
            objects = [verb.head]
        if not objects and not passive:
            # "Putin met Karimov.": the parser may read a name that ends a short clause as an adverbial
            objects = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i > verb.i]
        if not objects and not passive:
            objects = small_clause_subjects(verb, permission=lemma in self.lexicon.modality.permission_lemmas)
        described = [] if objects or passive else self._described(verb)
        if described:
            objects = described  # "met visiting Wang Yi": the name the participle describes is the meeting's object
        visitors = attributive_object(verb, self.grammar.attributive_participles, self.grammar.attributive_hosts)
        if visitors:
            objects = subjects_of(verb.head)  # "Mirziyoyev met visiting Wang Yi": Wang Yi visits Mirziyoyev's country
        declared = declared_phrase(verb) if lemma in role_words().declared.verbs and particle is None and not passive else None
        if declared is not None:  # "declared two Russian diplomats persona non grata"
            particle, objects = declared
        predicates: list[Token] = []
        if not objects and not passive:
            objects, predicates = _predicated(verb)  # "found Whelan guilty": Whelan is the object, "guilty" what he is found
        reported: list[Token] = []
        if not objects and not passive and self._faults_in_speech(lemma):
            # "said the decision was illegal": as "called the decision illegal"
            objects, predicates = _reported_verdict(verb, self.grammar.faulting_words)
            reported = objects  # a clause's subject: its phrases are its own, not the speech verb's ("the visit ... to Taiwan")
        preps_read: dict[str, list[Token]] = {}
        prt = next((c for c in verb.children if c.dep_ == "prt"), None)
        if prt is not None and not objects and not passive:
            objects = [c for c in prt.children if c.dep_ == "pobj"]  # "sealed off the city", the city hung on the particle
        if particle is None and not objects:
            # "sealed off the border": the parser may read a particle the lexicon knows as a preposition
            known = {e.particle for e in self.lexicon.candidates("verb", lemma) if e.particle}
            misread = next((c for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1 and c.lower_ in known), None)
            if misread is not None:
                particle, objects = misread.lower_, [c for c in misread.children if c.dep_ == "pobj"]
        elif particle is None and objects:
            # "handed over 20 bronzes": the parser may read a particle the lexicon knows as a count's "more than"
            known = {e.particle for e in self.lexicon.candidates("verb", lemma) if e.particle}
            counts = [c for o in objects for c in o.children if c.dep_ == "nummod"]
            if any(q.dep_ == "quantmod" and q.i == verb.i + 1 and q.lower_ in known for c in counts for q in c.children):
                particle = verb.doc[verb.i + 1].lower_
        elif particle is not None and objects and self._prepositional_particle(lemma, particle):
            # "quarrel over the plans": a dictionary names its phrasal verbs (+SEAL_OFF); a particle it
            # does not know for the verb is the preposition the parser could as well have read
            preps_read = {particle: objects}
            particle, objects = None, []
        objects = with_conjuncts(objects)
        if lemma in self.lexicon.light_verbs and any(o.lemma_.lower() in self.nouns for o in objects):
            return None  # "made a visit": the noun codes it, with this verb's subject
        preps = prep_phrases(verb, [o for o in objects if o not in reported])
        if preps_read:
            preps = {**preps_read, **preps}
        adverbs = [c.lemma_.lower() for c in verb.children if c.dep_ == "advmod"]
        # "asked Russia for aid", "threatened X with sanctions": what the preposition carries is the content;
        # so is what the object is called ("described Uzbekistan as a partner", "called Uzbekistan an ally")
        contents = [t for p in CONTENT_PREPS for t in preps.get(p, [])]
        contents += (
            predicates
            + [c for c in verb.children if c.dep_ == "oprd"]
            + [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.children if t.dep_ == "pobj"]
        )
        # "the vaccine, which Moscow has promised to provide": the relative pronoun's noun is what the lexicon reads
        relative = relative_head(verb)
        if relative is not None:
            contents.append(relative)
        # "provided Fiji with 3 million dollars in emergency relief": what a measure among the contents counts is content too
        contents += with_conjuncts(
            [t for c in contents if c.lemma_.lower() in self.grammar.quantity_nouns for t in prep_objects(c, ("of", "in"))], appos=False
        )
        # "sent 100 tonnes of flour": the lexicon reads what the measure counts
        measures = [o for o in objects if o.lemma_.lower() in self.grammar.quantity_nouns]
        counted = with_conjuncts([t for o in measures for t in prep_objects(o, ("of", "in"))], appos=False)
        contents += counted
        loads = self._loads(objects)
        contents += [t for c in loads for t in (*(o for o in c.children if o.dep_ in ("dobj", "obj")), *prep_objects(c, ("with",)))]
        for p, objs in prep_phrases(verb, counted).items():  # "pledged $5 billion in loans to Kazakhstan": the loans' "to"
            preps.setdefault(p, []).extend(o for o in objs if o not in preps.get(p, []))
        for c in loads:  # "sent a plane loaded with supplies to Kyrgyzstan", the parser hanging "to" on the participle
            for p, objs in prep_phrases(c, []).items():
                if p != "with":
                    preps.setdefault(p, []).extend(o for o in objs if o not in preps.get(p, []))
        for means in (t for p in MEANS_PREPS for t in preps.get(p, []) if t.lemma_.lower() in self.grammar.phone):
            for p, objs in prep_phrases(means, []).items():  # "spoke by telephone with Rouhani": the partner hung on the means
                preps.setdefault(p, []).extend(o for o in objs if o not in preps.get(p, []))
        if measures:  # "provided 2 million dollars in aid", the parser hanging "in aid" on the verb
            contents += preps.get("in", [])
        # "pledged $500 million": a bare sum is money given ("$345 million in weapons" is the weapons)
        signs = (
            []
            if counted or (measures and preps.get("in"))
            else [c.lemma_ for o in objects for c in o.children if c.dep_ == "quantmod" and c.pos_ == "SYM"]
        )
        # "ordered troops to withdraw from X": the troops withdraw, as the entry's subject kind asks
        surface_subjects = commanded(verb, role_words().command.verbs) or surface_subjects_of(
            verb, passive, self.lexicon.modality.intent_lemmas
        )
        if visitors:
            surface_subjects = visitors
        clause = (
            clause_of(verb, surface_subjects, objects, preps, particle, passive, self.grammar.quantity_nouns | self.grammar.group_nouns)
            if self.lexicon.asks_clause("verb", lemma)
            else None
        )
        # "seized and searched a British tanker": the entry of "seized" is chosen by the object it shares
        co_objects = [] if objects or passive else shared_objects(verb)
        entry = self.lexicon.match(
            "verb",
            lemma,
            particle=particle,
            objects=object_lemmas(objects + contents + co_objects) + signs + adverbs + self._person_words(objects + co_objects),
            preps=list(preps) + (["by"] if passive else []),
            clause=clause,
        )
        if lemma in self.grammar.resultative_verbs and (predicates or any(c.dep_ == "oprd" for c in verb.children)):
            entry = None  # "exchanged fire, leaving two guards dead": the state the act left, no act of its own
        return VerbReading(lemma, passive, objects, preps, measures, surface_subjects, entry)

    def _faults_in_speech(self, lemma: str) -> bool:
        """Whether a speech verb has an entry for faulting what it reports ("said the decision was illegal": say.faulting)."""
        if lemma not in coref_table().quotes.speech_verbs:
            return False
        faulting = self.grammar.faulting_words
        return any(e.objects is not None and not e.objects.isdisjoint(faulting) for e in self.lexicon.candidates("verb", lemma))

    def _loads(self, objects: list[Token]) -> list[Token]:
        """The participles of carrying on carrier objects (synsets carrier_nouns, carrying_verbs): "planes carrying tents"."""
        carriers = [o for o in objects if o.lemma_.lower() in self.grammar.carrier_nouns]
        return [c for o in carriers for c in o.children if c.dep_ == "acl" and c.lemma_.lower() in self.grammar.carrying_verbs]

    def _onward(self, verb: Token, lemma: str, particle: str) -> bool:
        """Whether a particle only says a journey goes on to the "to" after it (synsets.toml onward_particles), and no
        phrasal entry of the verb has it."""
        if particle not in self.grammar.onward_particles or any(e.particle == particle for e in self.lexicon.candidates("verb", lemma)):
            return False
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)

    def _described(self, verb: Token) -> list[Token]:
        """The name an attributive participle the parser hung on the verb describes ("met visiting Wang Yi"), else []."""
        kinds, hosts = self.grammar.attributive_participles, self.grammar.attributive_hosts
        return next((found for c in verb.children if (found := attributive_object(c, kinds, hosts))), [])

    def _person_words(self, objects: list[Token]) -> list[str]:
        """The word "person" for each object that names a person, which entries of @persons objects accept."""
        return [PERSON_WORD for o in objects if o.i in self.people]

    def _prepositional_particle(self, lemma: str, particle: str) -> bool:
        """Whether a verb's particle is better read as a preposition: entries that read it so (PETRARCH's), none with it."""
        entries = self.lexicon.candidates("verb", lemma)
        return bool(entries) and all(e.conventions.particles_as_preps for e in entries) and all(e.particle != particle for e in entries)


def _predicated(verb: Token) -> tuple[list[Token], list[Token]]:
    """The subjects and predicates of a verbless small clause right after a verb, which the parser may read as a clause
    of its own: "found former U.S. Marine Paul Whelan guilty", or a name as the predicate with what it is called as its
    apposition: "called Bush the devil" ("declared X persona non grata": `declared_phrase`); a participle's subject
    only ("detained a Russian agent plotting to kill X")."""
    subjects: list[Token] = []
    predicates: list[Token] = []
    for clause in verb.children:
        # "detained a Russian agent plotting to kill X": a participle the parser made a clause describes the object
        participle = clause.tag_ == "VBG"
        kinds = ("ccomp", "xcomp") if participle else ("ccomp",)
        if clause.dep_ not in kinds or (clause.pos_ not in ("ADJ", "NOUN", "PROPN") and not participle) or clause.i < verb.i:
            continue
        if any(c.dep_ in ("aux", "auxpass", "mark", "cop") for c in clause.children):
            continue
        found = [c for c in clause.children if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1]
        if found:
            subjects += found
            predicates += [] if participle else [clause]
    for name in (c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN" and c.left_edge.i == verb.i + 1):
        # "called Bush the devil": the parser makes the name the predicate and what it is called its apposition
        called = [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if called:
            subjects.append(name)
            predicates += called
    return subjects, predicates


def _reported_verdict(verb: Token, faulting: frozenset[str]) -> tuple[list[Token], list[Token]]:
    """The subject and faulting predicates of a copular clause a speech verb reports (roles.toml [reported_fault]): "said the
    decision was illegal" gives ([decision], [illegal]); ([], []) for a pronoun subject or a negated clause."""
    copulas = role_words().reported_fault.copulas
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in copulas or any(c.dep_ == "neg" for c in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        predicates = with_conjuncts([c for c in clause.children if c.dep_ == "acomp" and c.pos_ == "ADJ"], appos=False)
        if subjects and any(p.lemma_.lower() in faulting for p in predicates):
            return subjects, predicates
    return [], []


def clause_of(
    verb: Token,
    subjects: list[Token],
    objects: list[Token],
    preps: dict[str, list[Token]],
    particle: str | None,
    passive: bool = False,
    measures: frozenset[str] = frozenset(),
) -> Clause:
    """What a lexicon entry may ask of a verb's clause (`coders.lexicon.Clause`).

    Subject words and auxiliaries, prepositional phrases with the words opening their objects, a
    compound subject, the verb's form; the doer's words (a passive's "by" agent) and each phrase's lemmas.
    A measure noun (`measures`) of the doer or a phrase is read with what it counts: "thousands of troops
    crossed", "targeted X with dozens of missiles".
    """
    words: set[str] = set()
    subject_tokens = with_conjuncts(subjects, appos=False)
    words.update(object_lemmas(subject_tokens))
    for token in subject_tokens:
        words.update(c.lemma_.lower() for c in token.children if c.dep_ in ("poss", "nmod"))
    for aux in verb.children:
        if aux.dep_ in ("aux", "auxpass"):
            words.update((aux.lower_, aux.lemma_.lower()))
    phrases: dict[str, set[str]] = {}
    for prep, tokens in preps.items():
        phrases.setdefault(prep, set()).update(_leading_words(with_conjuncts(tokens, appos=False)))
    # "allowed them to leave": an infinitive is a "to" phrase; "held up licensing": a particle heads its object
    infinitives = [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children)]
    if infinitives:
        phrases.setdefault("to", set()).update(c.lemma_.lower() for c in infinitives)
    if particle and objects:
        phrases.setdefault(particle, set()).update(_leading_words(objects))
    doers = with_conjuncts(preps.get("by", []) if passive else subjects, appos=False)
    return Clause(
        frozenset(words),
        {p: frozenset(w) for p, w in phrases.items()},
        len(subject_tokens) > 1,
        verb.lower_,
        frozenset(object_lemmas(doers + _counted(doers, measures))),
        phrase_lemmas(preps, measures),
    )


def _counted(tokens: list[Token], measures: frozenset[str]) -> list[Token]:
    """What the measure nouns among tokens count ("dozens of missiles": the missiles), with their conjuncts."""
    return with_conjuncts([c for t in tokens if t.lemma_.lower() in measures for c in prep_objects(t, ("of",))], appos=False)


def phrase_lemmas(preps: dict[str, list[Token]], measures: frozenset[str] = frozenset()) -> dict[str, frozenset[str]]:
    """Each preposition with the lemmas of its objects' heads and modifiers, of a gerund's objects ("of killing migrants"),
    of what a measure noun counts ("with dozens of missiles") and of whom an act is against ("crimes against humanity")."""
    found: dict[str, frozenset[str]] = {}
    for prep, tokens in preps.items():
        objects = with_conjuncts(tokens, appos=False)
        objects += [c for o in objects if o.pos_ == "VERB" for c in o.children if c.dep_ in ("dobj", "obj")]
        against = [t.lemma_.lower() for o in objects for t in prep_objects(o, ("against",))]
        found[prep] = frozenset(object_lemmas(objects + _counted(objects, measures)) + against)
    return found


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


def _magnitude(number: Token) -> str:
    """The word for a count's size that entries may ask for: "27,000 Haitians" and "two million Afghans" count
    "thousand" and "million"; smaller or unreadable counts give ""."""
    word = number.lemma_.lower()
    if word in ("thousand", "million", "billion"):
        return word
    digits = number.text.replace(",", "")
    if not digits.isdigit():
        return ""
    value = int(digits)
    return "million" if value >= 1_000_000 else "thousand" if value >= 1_000 else ""


def object_lemmas(objects: list[Token]) -> list[str]:
    """The lemmas of object heads (a capitalised plural also in the singular) and of their amod, compound and nmod
    modifiers ("search-and-rescue teams").

    With each head come the words right before it as written, head lemma last ("gold florin",
    "austrian gold florin"), which dictionary patterns may ask for.
    """
    lemmas = []
    for obj in objects:
        lemmas.append(obj.lemma_.lower())
        if obj.tag_ == "NNPS" and obj.lower_.endswith("s") and obj.lemma_.lower() == obj.lower_:
            lemmas.append(obj.lower_[:-1])  # "the Benin Bronzes": a plural name the parser leaves as written
        lemmas.extend(c.lemma_.lower() for c in obj.children if c.dep_ in ("amod", "compound", "nmod"))
        lemmas.extend(_magnitude(c) for c in obj.children if c.dep_ == "nummod" and _magnitude(c))
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


def declared_phrase(verb: Token) -> tuple[str, list[Token]] | None:
    """The last word of a fixed phrase of roles.toml [declared] written after a verb, and the nouns heading the words
    between the verb and the phrase ("declared [two Russian diplomats] persona non grata"); None without one."""
    doc = verb.doc
    for phrase in role_words().declared.phrases:
        words = phrase.split()
        for start in range(verb.i + 2, min(verb.i + 12, len(doc) - len(words) + 1)):
            if [t.lower_ for t in doc[start : start + len(words)]] != words:
                continue
            between = range(verb.i + 1, start)
            heads = [t for t in doc[verb.i + 1 : start] if t.pos_ in ("NOUN", "PROPN") and t.head.i not in between]
            return (words[-1], heads) if heads else None
    return None
