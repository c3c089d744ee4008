"""The event coder: who did what to whom in a parsed sentence, with the evidence for each event.

For each trigger (a verb or event noun of the lexicon) it reads the roles from the dependency
parse (subject, object, passive "by" agent, prepositional targets, possessors of event nouns),
matches the most specific lexicon entry, applies negation, refusal and modality, expands compound
actors, resolves pronouns and descriptions, and dates the event from the sentence or the document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from coders.actors import Actor, ActorMatcher, SentenceMentions
from coders.cameo import lookup
from coders.coreference import DocumentContext
from coders.dates import find_dates
from coders.lexicon import Lexicon, LexiconEntry

CONTENT_PREPS = ("for", "with", "of")
PURPOSE_PREPS = frozenset({"for", "to", "toward", "towards"})
VERB_TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "into", "over", "upon", "at")
NOUN_TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "between", "for", "into", "over")
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
STATEMENT_CODE = "010"


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


@dataclass
class SentenceResult:
    """The events of a sentence and the decisions behind them."""

    events: list[CodedEvent] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


class EventCoder:
    """Codes parsed sentences of one document at a time, keeping the document's coreference context."""

    def __init__(self, matcher: ActorMatcher, lexicon: Lexicon) -> None:
        self.matcher = matcher
        self.lexicon = lexicon
        self.verbs = lexicon.lemmas("verb")
        self.nouns = lexicon.lemmas("noun")
        self.recipient_verbs = lexicon.synset("recipient_verbs")
        self.symmetric_nouns = lexicon.synset("symmetric_nouns")

    def code_sentence(self, span: Span, context: DocumentContext, on: dt.date | None) -> SentenceResult:
        """The events of one sentence; `on` is the date roles are chosen by."""
        result = SentenceResult()
        mentions = self.matcher.find(span)
        roles = _Roles(self, span, mentions, context, on)
        if mentions.any() or any(t.lower_ in _pronoun_words() for t in span):
            for token in span:
                lemma = token.lemma_.lower()
                if token.pos_ in ("VERB", "AUX") and lemma in self.verbs:
                    self._code_verb(token, roles, result)
                elif token.pos_ in ("NOUN", "PROPN") and lemma in self.nouns:
                    self._code_noun(token, roles, result)
        result.events = _prefer_specific(result.events)
        context.remember(roles.named)
        return result

    # -- verbs ---------------------------------------------------------------------------------
    def _code_verb(self, verb: Token, roles: _Roles, result: SentenceResult) -> None:
        lemma = verb.lemma_.lower()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")] + (
            [c for c in verb.children if c.dep_ == "nsubjpass"] if passive else []
        )
        objects = _with_conjuncts(objects)
        if lemma in self.lexicon.light_verbs and any(o.lemma_.lower() in self.nouns for o in objects):
            return  # "made a visit": the noun codes it, with this verb's subject
        preps = _preps(verb, objects)
        adverbs = [c.lemma_.lower() for c in verb.children if c.dep_ == "advmod"]
        # "asked Russia for aid", "threatened X with sanctions": what the preposition carries is the content
        contents = [t for p in CONTENT_PREPS for t in preps.get(p, [])]
        entry = self.lexicon.match(
            "verb", lemma, particle=particle, objects=_object_lemmas(objects + contents) + adverbs,
            preps=list(preps) + (["by"] if passive else []),
        )
        if entry is None:
            return
        if passive:
            sources = roles.actors(preps.get("by", []))
        else:
            sources = roles.actors(_subjects(verb) or _adjacent_subjects(verb))
        object_targets = roles.targets(objects)
        datives = roles.targets(_datives(verb))
        if entry.preps:
            targets = roles.targets([t for p in entry.preps if p != "by" or not passive for t in preps.get(p, [])])
        else:
            targets = object_targets or datives
            for p in VERB_TARGET_PREPS:
                if targets:
                    break
                targets = roles.targets(preps.get(p, []))
        # "X and Y fought crimes": an action aimed at a thing is not one between the co-subjects
        reciprocal = entry.objects is not None or not objects
        self._emit(verb, entry, sources, targets, roles, result, negated=_negated(verb), reverse=entry.reverse, reciprocal=reciprocal)

    # -- nouns ---------------------------------------------------------------------------------
    def _code_noun(self, noun: Token, roles: _Roles, result: SentenceResult) -> None:
        governor = noun.head if noun.dep_ in ("dobj", "obj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") else None
        preps = _preps(noun, [])
        if governor is not None and governor.lemma_.lower() in self.lexicon.light_verbs:
            for p, objs in _preps(governor, []).items():
                preps.setdefault(p, []).extend(objs)
        modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound")]
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
        sources += [a for a in roles.actors(modifiers) if a.country]
        if not sources and governor is not None and governor.lemma_.lower() in self.lexicon.light_verbs:
            sources = roles.actors(_subjects(governor))
        targets = roles.targets([t for p in target_preps for t in preps.get(p, [])])
        if not sources and len(targets) > 1 and preps.get("between"):
            sources, targets = targets, []  # "talks between X and Y": among themselves
        clause = _clause_verb(noun)
        if sources and not targets and clause is not None and clause.lemma_.lower() in self.recipient_verbs:
            targets = roles.actors(_subjects(clause))
        if (not sources and not targets and clause is not None and noun.lemma_.lower() in self.symmetric_nouns
                and not (noun.dep_ == "pobj" and noun.head.lower_ in PURPOSE_PREPS)):
            sources = roles.actors(_subjects(clause))
        negated = _negated(noun) or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
        if governor is not None:
            negated = negated or _negated(governor)
        proposed = governor is not None and governor.lemma_.lower() in self.lexicon.modality.intent_lemmas
        self._emit(noun, entry, sources, targets, roles, result, negated=negated, reverse=entry.reverse, anchor=governor, intent=proposed)

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
    ) -> None:
        code, rule = entry.code, entry.id
        head = anchor if anchor is not None else trigger
        modality = self.lexicon.modality
        asking = modality.appeal_lemmas | modality.demand_lemmas
        governor = head.head if head.dep_ == "xcomp" or (head.dep_ == "ccomp" and head.head.lemma_.lower() in asking) else None
        if governor is not None and governor.lemma_.lower() in asking:
            appeal = governor.lemma_.lower() in modality.appeal_lemmas
            code = modality.appeal_code(code) if appeal else modality.demand_code(code)
            rule += "+appeal" if appeal else "+demand"
            addressed = [c for c in governor.children if c.dep_ in ("dobj", "obj")] + _datives(governor)
            addressed += [t for p in ("on", "upon") for t in _preps(governor, []).get(p, [])]
            if head.dep_ == "ccomp":  # "demanded that X release ...": X is asked
                addressed += [c for c in head.children if c.dep_ in SUBJECT_DEPS]
            sources = roles.actors(_subjects(governor))
            targets = roles.actors(addressed)
            negated = _negated(governor)
            reverse = False
        elif governor is not None and governor.lemma_.lower() in modality.refusal_lemmas:
            code, rule, negated = modality.refusal_code(code), rule + "+refusal", negated and _negated(governor)
            sources = sources or roles.actors(_subjects(governor))
        elif intent or (governor is not None and governor.lemma_.lower() in modality.intent_lemmas) or any(
            c.dep_ == "aux" and c.lower_ in modality.intent_aux for c in head.children
        ):
            code, rule = modality.intent_code(code), rule + "+intent"
            if governor is not None:
                negated = negated or _negated(governor)
        if reverse:
            sources, targets = targets, sources
        decision = Decision(_trigger_text(trigger), rule, [a.code for a in sources], [a.code for a in targets], "coded")
        result.decisions.append(decision)
        if negated:
            decision.outcome = "negated: no event"
            return
        if len({s.key for s in sources}) > 1 and targets and all(t.kind == "modifier" for t in targets):
            targets = []  # "X and Y signed an agreement on a Russian base": the base is a topic, not a party
        pairs = [(s, t) for s in sources for t in targets]
        if not targets and reciprocal and len({s.key for s in sources}) > 1:
            pairs = [(s, t) for s in sources for t in sources if s.key != t.key]
            rule += "+compound"
        pairs = [(s, t) for s, t in pairs if s.code != t.code and s.key != t.key]
        if not pairs:
            decision.outcome = "needs a source and a target actor" if not (sources and targets) else "same actor on both sides"
            return
        char = trigger.idx - trigger.sent.start_char
        for s, t in pairs:
            result.events.append(CodedEvent(s, t, code, _trigger_text(trigger), rule, char))


class _Roles:
    """Actors of tokens in one sentence, with pronouns and descriptions resolved."""

    def __init__(self, coder: EventCoder, span: Span, mentions: SentenceMentions, context: DocumentContext, on: dt.date | None) -> None:
        self.coder, self.span, self.mentions, self.context, self.on = coder, span, mentions, context, on
        self.named: list[Actor] = []
        self._cache: dict[int, list[Actor]] = {}
        for token in span:
            actor = coder.matcher.actor(token, mentions, on) if token.dep_ != "compound" else None
            if actor is not None and actor.country:
                self.named.append(actor)

    def actors(self, tokens: list[Token]) -> list[Actor]:
        """The actors named by tokens (and their conjuncts), in order, without repeats."""
        out: list[Actor] = []
        group: list[Actor] = []
        for token in _with_conjuncts(tokens, appos=False):
            for actor in self._of(token) or self._via_apposition(token):
                if actor not in out:
                    out.append(actor)
                    group.append(actor)
        self.context.remember_group(tuple(group))
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
            found = self.context.pronoun(token)
        else:
            actor = self.coder.matcher.actor(token, self.mentions, self.on)
            members = _of_complements(token) if actor is None or actor.country is None else []
            if members:  # "the heads of the Chinese and Uzbek ministries", "leaders of Russia and China"
                found = [a for m in _with_conjuncts(members, appos=False) for a in self._of(m)]
            else:
                found = []
            if found:
                pass
            elif actor is not None and actor.country is None and actor.kind == "agent":
                found = self.context.description(token, actor) or ([actor] if actor.agent in _standalone_agents() else [])
            elif actor is None and token.lemma_.lower() in _pair_nouns():
                found = self.context.description(token, None)
            else:
                found = [actor] if actor is not None else []
        self._cache[token.i] = found
        return found

    def targets(self, tokens: list[Token]) -> list[Actor]:
        """Actors acted upon: as actors(), and a thing a country modifies stands for that country
        ("shelled Kyrgyz villages", "invested in Kazakhstan's oil sector")."""
        found = self.actors(tokens)
        if found:
            return found
        for token in _with_conjuncts(tokens, appos=False):
            place = self.coder.matcher.modifier_country(token, self.mentions)
            if place is not None and place not in found:
                found.append(place)
        return found


def _pronoun_words() -> frozenset[str]:
    from coders.coreference import coref_table

    t = coref_table()
    return t.person | t.group | t.thing | frozenset(t.pairs)


def _standalone_agents() -> frozenset[str]:
    from coders.coreference import coref_table

    return coref_table().standalone


def _pair_nouns() -> frozenset[str]:
    from coders.coreference import coref_table

    return frozenset(coref_table().pairs)


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


def _of_complements(token: Token) -> list[Token]:
    """The objects of a token's "of" phrase: "the heads of X and Y" -> [X]."""
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]


def _clause_verb(noun: Token) -> Token | None:
    """The verb whose clause an event noun stands in: as object, or through prepositions ("at the end of the talks")."""
    current = noun
    for _ in range(4):
        head = current.head
        if head is current:
            return None
        if head.pos_ in ("VERB", "AUX") and current.dep_ in ("dobj", "obj", "pobj", "prep", "nsubjpass", "pcomp"):
            return head
        if current.dep_ not in ("pobj", "prep"):
            return None
        current = head
    return None


def _subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, inherited along xcomp/conj/advcl chains ("agreed to sign", "met and signed")."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects
        if current.dep_ == "relcl":
            return [current.head]
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
            continue
        if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head is current:
            return []
        current = current.head
    return []


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
    return [t for t in chain if t.dep_ == "conj"]


def _preps(token: Token, objects: list[Token]) -> dict[str, list[Token]]:
    """Preposition -> its objects, for the token and for its direct objects ("signed an agreement with X")."""
    found: dict[str, list[Token]] = {}
    # "welcomed a resumption of ties with X": the object's "of" complement carries prepositions too
    inner = [c for o in objects for c in _of_complements(o)]
    for holder in [token, *objects, *inner]:
        for child in holder.children:
            if child.dep_ in ("prep", "agent"):
                found.setdefault(child.lower_, []).extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return found


def _object_lemmas(objects: list[Token]) -> list[str]:
    lemmas = []
    for obj in objects:
        lemmas.append(obj.lemma_.lower())
        lemmas.extend(c.lemma_.lower() for c in obj.children if c.dep_ in ("amod", "compound"))
    return lemmas


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "not")) for c in token.children)


def _trigger_text(token: Token) -> str:
    words = [token] + [c for c in token.children if c.dep_ in ("prt", "neg")]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _prefer_specific(events: list[CodedEvent]) -> list[CodedEvent]:
    """One event per (source, target, code); per pair, a code is dropped when a more specific code of its
    family is there (020 beside 0256), and a bare statement (010) when anything else links the pair."""
    seen: dict[tuple[str, str, str], CodedEvent] = {}
    for e in events:
        seen.setdefault((e.source.code, e.target.code, e.code), e)
    codes: dict[tuple[str, str], set[str]] = {}
    for s, t, c in seen:
        codes.setdefault((s, t), set()).add(c)

    def covered(s: str, t: str, c: str) -> bool:
        others = codes[(s, t)] - {c}
        if c == STATEMENT_CODE:
            return bool(others)
        family = c.rstrip("0") if len(c) == 3 else c
        return any(o.startswith(family) and len(o) > len(c) or (c.endswith("0") and len(c) == 3 and o[:2] == c[:2] and o != c) for o in others)

    return [e for (s, t, c), e in seen.items() if not covered(s, t, c)]


def event_id(doc_id: str, sentence_index: int, source: str, target: str, code: str) -> str:
    """A stable id of an event: the same coding of the same sentence always gets the same id."""
    return hashlib.sha256(f"{doc_id}|{sentence_index}|{source}|{target}|{code}".encode()).hexdigest()[:20]


def event_date(sentence: str, char: int, doc_date: dt.date | None) -> tuple[dt.date | None, str]:
    """The date of an event: the in-text date nearest its trigger, else the document date."""
    mentions = find_dates(sentence, doc_date)
    if mentions:
        nearest = min(mentions, key=lambda m: min(abs(m.start - char), abs(m.end - char)))
        return nearest.date, "text"
    return doc_date, ("document" if doc_date else "unknown")


def cameo_fields(code: str) -> tuple[str, int, float]:
    """(root, QuadClass, Goldstein weight) of a CAMEO code."""
    entry = lookup(code)
    return entry.root, entry.quad_class, entry.goldstein
