"""Emission: a matched trigger with its roles becomes events, every decision recorded for --explain.

`emit` applies the clause's mood (`coders.events.modality`), negation, compound actors and the
rules that keep an actor from acting on itself; `prefer_specific` keeps one event per pair and code.
`event_id`, `event_date` and `cameo_fields` give a stored event its id, date and CAMEO fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from spacy.tokens import Token

from coders.actors import Actor
from coders.cameo import lookup
from coders.events.modality import Mood, advised, mood_of, not_done, reported_consequence, speculated, statistic
from coders.events.query import CONSULT_ROOT, one_side
from coders.events.roles import SentenceRoles
from coders.events.syntax import subjects_of, trigger_text
from coders.events.verb_forms import infinitive
from coders.kinds import ActorKind, RuleModifier, rule_of
from coders.lexicon import LexiconEntry
from coders.modality_table import Modality
from coders.role_words import role_words

STATEMENT_CODE = "010"
CONSULT_CODE = "040"
STATEMENT_TOPIC = "statement-topic"  # the resolver of what a statement is about (coders.events.resolvers)
EVENT_PLACE = "event-place"  # the resolver of where an event an act is aimed at took place (coders.events.carried)


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


@dataclass
class Found:
    """A matched trigger with the roles read for it, before its mood is applied.

    `resolver`: the name of the target resolver that found `targets`; `anchor`: the verb that carries an
    event noun ("held talks"); `reciprocal`: co-sources act on each other when no target is named; `mutual`: the word
    itself is reciprocal (meet, sign, "each other"), so they do so even in a code roles.toml [side_by_side] names;
    `intent`: the act is proposed; `modal`: intent words apply (not for PETRARCH's entries);
    `asked_by`: the appeal or demand verb an event noun is the "for" phrase of ("called for talks").
    """

    trigger: Token
    entry: LexiconEntry
    sources: list[Actor]
    targets: list[Actor]
    negated: bool
    reverse: bool
    resolver: str | None = None
    anchor: Token | None = None
    reciprocal: bool = True
    mutual: bool = False
    intent: bool = False
    modal: bool = True
    asked_by: Token | None = None
    source: str | None = None  # the source resolver, when not the parse's own subject slot ("between", "setting")
    groups: list[list[Actor]] | None = None  # lists joined by "as well as": co-sources act within their own list


# co-subjects who attend a gathering together: more than this many are a multilateral meeting, not pairs consulting
MANY_ATTENDING = 3


def _attended_together(found: Found, code: str, sources: list[Actor]) -> bool:
    """Whether more than MANY_ATTENDING co-subjects attended or joined a meeting the trigger noun names ("Aliyev,
    Tokayev, Japarov and Mirziyoyev attended the meeting") or acted at it: none of them is coded as consulting another."""
    anchor, trigger, attended = found.anchor, found.trigger, role_words().attended
    if not code.startswith(CONSULT_ROOT) or len({s.key for s in sources}) <= MANY_ATTENDING:
        return False
    if trigger.dep_ == "pobj" and trigger.head.lower_ in attended.prepositions:
        return True  # "A, B, C and D pledged ... at a four-way summit": the gathering is where they acted
    return anchor is not None and anchor.lemma_.lower() in attended.verbs


def _sent_to_do(head: Token) -> bool:
    """Whether an act is what a verb of sending forces (roles.toml [sent_to]) sends them to help with, through a purpose
    verb ([purpose]): "deployed soldiers to Mozambique to help fight insurgents" (not "sent troops to fight in Ukraine")."""
    words = role_words()
    helped = False
    while head.dep_ == "xcomp" and head.head.i != head.i and head.head.lemma_.lower() in words.purpose.verbs:
        head, helped = head.head, True  # "to help fight": the help is the purpose
    sender = head.head
    return helped and head.dep_ == "advcl" and infinitive(head) and sender.i != head.i and sender.lemma_.lower() in words.sent_to.verbs


def _orders_own_side(mood: Mood, roles: SentenceRoles, modality: Modality) -> bool:
    """Whether a demand read from an order (modality.toml [demand] ordered) orders the orderer's own side, or no one
    known: "Putin ordered the Defence Ministry to withdraw troops" reports the withdrawal, not a demand."""
    governor = mood.governor
    if mood.modifier != RuleModifier.DEMAND or governor is None or governor.lemma_.lower() not in modality.demand_ordered:
        return False
    own = {a.country for a in roles.actors(subjects_of(governor))}
    ordered = roles.actors(mood.addressed)
    return not ordered or {a.country for a in ordered} <= own


def emit(found: Found, roles: SentenceRoles, result: SentenceResult, modality: Modality, request_nouns: frozenset[str]) -> None:
    """Turn a matched trigger into events in `result`, every decision recorded for --explain."""
    trigger, sources, targets, resolver = found.trigger, found.sources, found.targets, found.resolver
    head = found.anchor if found.anchor is not None else trigger
    mood = mood_of(head, found.entry.code, modality, negated=found.negated, asked_by=found.asked_by, intent=found.intent, modal=found.modal)
    if _orders_own_side(mood, roles, modality):
        mood = Mood(found.entry.code, None, mood.governor, found.negated)  # "Putin ordered the Defence Ministry to withdraw"
    modifiers = [mood.modifier] if mood.modifier is not None else []
    negated, reverse, governor = mood.negated, found.reverse, mood.governor
    if mood.modifier in (RuleModifier.APPEAL, RuleModifier.DEMAND, RuleModifier.PERMISSION) and governor is not None:
        asked = [*sources, *targets]  # the parties of the act asked for, when the verb addresses no one
        sources = roles.actors(subjects_of(governor))
        targets = roles.actors(mood.addressed)
        resolver = "addressed" if targets else None
        if not targets and found.asked_by is not None:
            targets, resolver = [a for a in asked if a not in sources], "asked-for"
        reverse = False
    elif mood.modifier in (RuleModifier.CESSATION, RuleModifier.REFUSAL) and governor is not None:
        sources = sources or roles.actors(subjects_of(governor))
    source = found.source
    if mood.code is None:
        rule = rule_of(found.entry.id, None, *modifiers)
        result.decisions.append(Decision(trigger_text(trigger), rule, [], [], f"ended ({governor.text if governor else ''!r}): no event"))
        return
    code = mood.code
    if reverse:
        sources, targets = targets, sources
    decision = Decision(
        trigger_text(trigger),
        rule_of(found.entry.id, resolver, *modifiers, source=source),
        [a.code for a in sources],
        [a.code for a in targets],
        "coded",
    )
    result.decisions.append(decision)
    if negated:
        counterpart = found.entry.conventions.negated_code(code)
        if counterpart is None:
            decision.outcome = "negated: no event"
            return
        code = counterpart  # PETRARCH's reading: "did not clash" (110) is 050
        modifiers.append(RuleModifier.NEGATED)
    why = not_done(head, modality, request_nouns, code)
    if why is None and role_words().sent_to.cover(code) and _sent_to_do(head):
        why = "what forces are sent to do, not done that day: no event"
    warner = reported_consequence(head, modality) if why is not None else None
    if warner is not None and _speaks_for(roles.actors(subjects_of(warner)), sources):
        why = None  # "a U.S. official warned that the United States could impose sanctions if ...": a threat, kept
    speaker = advised(head, modality)
    if why is None and speaker is not None and _said_by_another(speaker, head, roles, sources, modality):
        why = f"what another ({speaker.text!r}) says the doer should or could do, not done: no event"
    figure = statistic(head, modality) if why is None and mood.modifier is None and not negated else None
    if figure is not None:
        why = f"a trade figure ({figure.text!r}), not an act of the day: no event"
    if why is not None:
        decision.outcome = why
        return
    # "X and Y voiced concern over North Korea's launch": what a statement is about is its target; "X and Y condemned the
    # crackdown in Belarus": so is the country of the event an act is aimed at
    beside = role_words().side_by_side
    one_way = trigger.lemma_.lower() in beside.one_way  # "China and India will buy Iranian oil": the goods' country is each one's partner
    topic = resolver in (STATEMENT_TOPIC, EVENT_PLACE) or one_way
    owned = not found.mutual and _possessed_object(trigger)  # "X and Y recognised Kosovo's independence": Kosovo is the party
    # "X, Y and Z launched strikes against Syrian government targets": what is struck, visited or given to is a party
    # (not where the doers themselves are: "money sent home by migrants in Germany and Switzerland")
    own = {s.country for s in sources}
    placed = not found.mutual and code.startswith(modality.target_codes.placed) and not any(t.country in own for t in targets)
    if (
        len({s.key for s in sources}) > 1
        and targets
        and not (topic or owned or placed)
        and all(t.kind == ActorKind.MODIFIER for t in targets)
    ):
        targets, resolver = [], None  # "X and Y signed an agreement on a Russian base": the base is a topic, not a party
    pairs = [(s, t) for s in sources for t in targets]
    # "X and Y said ...", "X and Y voiced concern over Z": speaking together is no statement to each other
    side_by_side = (beside.cover(code) or one_way) and not found.mutual
    if not targets and found.reciprocal and not side_by_side and code != STATEMENT_CODE and len({s.key for s in sources}) > 1:
        groups = found.groups if found.groups and not reverse else [sources]
        if _attended_together(found, code, sources):
            groups = []  # "A, B, C and D attended the meeting": a gathering attended, not four parties consulting pairwise
        pairs = [(s, t) for group in groups for s in group for t in group if s.key != t.key and s in sources and t in sources]
        modifiers.append(RuleModifier.COMPOUND)
    # a thing of one's own country is no second actor ("the Kyrgyz government nationalized a Kyrgyz mine"), unless the
    # doer is an agent outside the state ("Somali militants bombed a Somali market": SOMREB -> SOM)
    pairs = [(s, t) for s, t in pairs if not one_side(s, t)]
    holder = role_words().holder
    if holder.cover(code):  # "Nepal demanded the release of Nepali workers": a demand is never aimed at one's own people
        pairs = [(s, t) for s, t in pairs if not (t.country == s.country and (t.agent is None or t.agent in holder.agents))]
    private = role_words().private
    if private.cover(code):  # "tourists from the United States visited Italy": travel, no visit
        pairs = [(s, t) for s, t in pairs if s.agent not in private.agents]
    if not pairs:
        decision.outcome = "needs a source and a target actor" if not (sources and targets) else "same actor on both sides"
        return
    rule = rule_of(found.entry.id, resolver, *modifiers, source=source)
    decision.rule = rule
    char = trigger.idx - trigger.sent.start_char
    for s, t in pairs:
        result.events.append(CodedEvent(s, t, code, trigger_text(trigger), rule, char))
        if code.startswith(modality.target_codes.reproach):
            roles.context.remember_accusation(s, t)


def _possessed_object(trigger: Token) -> bool:
    """Whether a verb's direct object has a possessor named before it ("recognised Kosovo's independence")."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for o in trigger.children if o.dep_ in ("dobj", "obj") for c in o.children)


def _said_by_another(speaker: Token, head: Token, roles: SentenceRoles, doers: list[Actor], modality: Modality) -> bool:
    """Whether what a doer should or could do is said by someone who does not speak for it. Of what it could do, only a
    named other side or a commentator (roles.toml [spokesmen] commentators: "analysts said") counts: "Japan may send
    troops, a government spokesman said" is Japan's own word."""
    subjects = subjects_of(speaker)
    speakers = roles.actors(subjects)
    if not speculated(head, modality):
        return not _speaks_for(speakers, doers)
    commentators = role_words().spokesmen.commentators
    return (bool(speakers) and not _speaks_for(speakers, doers)) or any(t.lemma_.lower() in commentators for t in subjects)


def _speaks_for(speakers: list[Actor], doers: list[Actor]) -> bool:
    """Whether a speaker saying what a doer should do speaks for it: the doer itself, or its country's state speaking
    for the country ("Putin said Russia should ..."); a former official, an analyst or another country does not."""
    state = role_words().spokesmen.agents
    return any(
        s.code == d.code or (s.country is not None and s.country == d.country and (s.agent is None or s.agent in state))
        for s in speakers
        for d in doers
    )


def prefer_specific(events: list[CodedEvent]) -> list[CodedEvent]:
    """One event per (source, target, code); per pair, a code is dropped when a more specific code of its
    family is there (020 beside 0256), and a bare statement (010) when anything else links the pair or its countries."""
    seen: dict[tuple[str, str, str], CodedEvent] = {}
    for e in _without_bare_country_twins(events):
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
        if c == CONSULT_CODE and all(role_words().visits.cover(o) for o in others if o[:2] == c[:2]):
            return False  # "hosted Modi, where the two leaders discussed trade": a visit and the talks held during it
        return any(
            o.startswith(family) and len(o) > len(c) or (c.endswith("0") and len(c) == 3 and o[:2] == c[:2] and o != c) for o in others
        )

    return [e for (s, t, c), e in seen.items() if not covered(s, t, c)]


def _without_bare_country_twins(events: list[CodedEvent]) -> list[CodedEvent]:
    """Drop an event by or on a bare country when the sentence gives the same event by or on an actor of that country.

    "The Kazakh government and Kazakhstan signed ..." (KAZ and KAZGOV, one act), "Macron visited Ulaanbaatar, the first
    trip to Mongolia by a French president" (the visit told twice): the more specific actor is kept.
    """
    keys = {(e.code, e.source.code, e.target.code) for e in events}

    def twin(e: CodedEvent) -> bool:
        if _described_echo(e, keys):
            return True
        for side, other in ((e.source, e.target), (e.target, e.source)):
            if side.country is None or side.code != side.country:
                continue
            for code, s, t in keys:
                mine, theirs = (s, t) if side is e.source else (t, s)
                if code == e.code and theirs == other.code and mine != side.code and mine.startswith(side.country):
                    return True
        return False

    return [e for e in events if not twin(e)]


def _described_echo(e: CodedEvent, keys: set[tuple[str, str, str]]) -> bool:
    """Whether an event of a pair description's bare countries repeats one of their actors' in the sentence: in "Cohen met
    Berdimuhamedov, and the two sides discussed trade", ISR->TKM (040) repeats ISRGOV->TKMGOV."""
    sides = (e.source, e.target)
    if not any(a.kind == ActorKind.COREFERENCE for a in sides) or any(a.country is None or a.code != a.country for a in sides):
        return False
    own = (e.source.code, e.target.code)
    return any(code == e.code and (s, t) != own and s.startswith(e.source.code) and t.startswith(e.target.code) for code, s, t in keys)


def event_id(doc_id: str, sentence_index: int, source: str, target: str, code: str) -> str:
    """A stable id of an event: the same coding of the same sentence always gets the same id."""
    return hashlib.sha256(f"{doc_id}|{sentence_index}|{source}|{target}|{code}".encode()).hexdigest()[:20]


def cameo_fields(code: str) -> tuple[str, int, float]:
    """(root, QuadClass, Goldstein weight) of a CAMEO code."""
    entry = lookup(code)
    return entry.root, entry.quad_class, entry.goldstein
