"""Modality: what the clause around a trigger makes of its act, as pure functions of the parse.

Negation ("did not sign"), denial ("denied that it had detained"), allegation ("accused X of
supporting"), condition ("if Russia invaded", "X could cut ties if ..., analysts said"), and the governing verb that turns the act into an appeal or demand ("urged X to
free"), a cessation ("stopped supplying"), a refusal ("refused to meet") or an intent ("will
visit", "agreed to sign"). The word lists and code tables are the lexicon's (modality.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from coders.actor_data import load_actor_data
from coders.events.syntax import ANCHOR_PREPS, BE, SUBJECT_DEPS, datives_of, prep_phrases
from coders.events.verb_forms import infinitive
from coders.kinds import RuleModifier
from coders.modality_table import Modality

# a cooperative act's intent code (036 "will meet", 0354 "will recognize"): declining it by "will not" is a refusal
COOPERATIVE_INTENT = "03"
# "should have done": the perfect auxiliary that makes an obligation a reproach for what was not done
PERFECT = "have"


@dataclass(frozen=True)
class Mood:
    """What a trigger's clause makes of its act: the code it then has, the modifier of its rule, and the governing verb.

    `code` is None when the act is ended and ending it is no event ("stopped criticizing"). `addressed`:
    for an appeal or demand, the words naming whom the governor asks.
    """

    code: str | None
    modifier: RuleModifier | None = None
    governor: Token | None = None
    negated: bool = False
    addressed: list[Token] = field(default_factory=list)


def mood_of(
    head: Token, code: str, modality: Modality, *, negated: bool, asked_by: Token | None = None, intent: bool = False, modal: bool = True
) -> Mood:
    """The mood of an act whose trigger (or the verb that carries it) is `head`, coded `code` on its own.

    `asked_by`: the appeal or demand verb an event noun is the "for" phrase of ("called for talks");
    `intent`: the act is proposed; `modal`: intent words and auxiliaries apply (not for PETRARCH's entries).
    """
    asking = modality.asking
    base = head
    while base.dep_ == "conj" and base.head.i != base.i:  # "agreed to expand cooperation and to hold exercises"
        base = base.head
    told = base.head if told_to(base, modality) else None
    governor = (
        asked_by
        or told
        or (
            base.head
            if (
                base.dep_ == "xcomp"
                or (base.dep_ == "advcl" and infinitive(base) and complemented_by_advcl(base.head, modality))  # "called on X ... to lift"
                or (base.dep_ == "ccomp" and base.head.lemma_.lower() in asking | modality.permission_lemmas)  # "let X use"
                or (
                    base.dep_ == "acl" and infinitive(base) and base.head.lemma_.lower() in modality.intent_lemmas
                )  # "the intention to hold"
            )
            else None
        )
    )
    if governor is not None and asked_by is None:
        governor = _through_aspect(governor, modality)
    lemma = governor.lemma_.lower() if governor is not None else None
    if governor is not None and (lemma in asking or governor is told):
        appeal = lemma in modality.appeal_lemmas
        addressed = [c for c in governor.children if c.dep_ in ("dobj", "obj")] + datives_of(governor)
        # "called on X to", "appealed to X to": whom the governor's phrase addresses
        if governor is not told:  # "told X on the sidelines of the U.N. assembly": no one addressed "on"
            addressed += [t for p in ("on", "upon", "to") for t in prep_phrases(governor, []).get(p, [])]
        if head.dep_ == "ccomp":  # "demanded that X release ...": X is asked
            addressed += [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        return Mood(
            modality.appeal_code(code) if appeal else modality.demand_code(code),
            RuleModifier.APPEAL if appeal else RuleModifier.DEMAND,
            governor,
            is_negated(governor, modality),
            addressed,
        )
    if modal and governor is not None and lemma in modality.permission_lemmas:
        # "allowed Egypt to deliver aid", "let Greek ships use its ports": whom the permission is for
        allowed = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
        allowed += [c for c in head.children if c.dep_ in SUBJECT_DEPS] if head.dep_ == "ccomp" else []
        return Mood(modality.permission_code(code), RuleModifier.PERMISSION, governor, is_negated(governor, modality), allowed)
    if governor is not None and lemma in modality.cessation_lemmas and not is_negated(governor, modality):
        # "stopped supplying gas to Kazakhstan": an embargo, 163
        return Mood(modality.cessation_code(code), RuleModifier.CESSATION, governor, negated)
    if governor is not None and lemma in modality.refusal_lemmas:
        return Mood(modality.refusal_code(code), RuleModifier.REFUSAL, governor, negated and is_negated(governor, modality))
    if head.lemma_.lower() in modality.demand_told and any(told_to(c, modality) for c in head.children if c.dep_ in ("xcomp", "ccomp")):
        # "told the Taliban to take his words seriously", "told Putin that Moscow must treat them with respect": saying
        # so to the one told is a demand of them (the act demanded, when the lexicon codes it, is an event of its own)
        return Mood(modality.demand_code(code), RuleModifier.DEMAND, None, negated)
    if base.dep_ == "advcl" and infinitive(base) and is_negated(base.head, modality):
        negated = True  # "would not be sent to fight in Ukraine", "did not come to sign": what a negated act is for is not done
    # "the United States would restore relations and open an embassy": a conjoined verb with no subject or auxiliary of
    # its own shares the first verb's auxiliary
    bare = head is not base and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in head.children)
    # ... and so does a participle set off after it: "said it would reopen its embassy, restoring ties with Venezuela"
    carrier = base if bare else head.head if _trailing_participle(head) else head
    auxiliary = any(c.dep_ == "aux" and c.lower_ in modality.intent_aux for c in carrier.children)
    if modal and auxiliary and negated and modality.intent_code(code).startswith(COOPERATIVE_INTENT):
        # "Georgia would not recognize ...", "will not attend the talks": refusing a cooperative act (12x)
        return Mood(modality.refusal_code(code), RuleModifier.REFUSAL, governor, False)
    if modal and (
        intent
        or (governor is not None and (lemma in modality.intent_lemmas or (lemma == BE and infinitive(base))))
        or auxiliary
        or (base.dep_ == "advcl" and infinitive(base) and _announced(base.head, modality))
    ):  # "will visit", "plans to visit", "is to visit", "are to meet ... to sign"
        negated = negated or (governor is not None and is_negated(governor, modality))
        return Mood(modality.intent_code(code), RuleModifier.INTENT, governor, negated)
    return Mood(code, None, governor, negated)


def _through_aspect(governor: Token, modality: Modality) -> Token:
    """The verb of modality above an aspect verb ("hoped to keep discussing": "hoped"), else the governor itself."""
    above = governor.head
    if (
        governor.lemma_.lower() in modality.aspect_lemmas
        and governor.dep_ == "xcomp"
        and above.i != governor.i
        and above.lemma_.lower() in modality.governors
    ):
        return above
    return governor


def told_to(clause: Token, modality: Modality) -> bool:
    """Whether a clause is what a verb of saying tells its addressee to do: "told Iran to release", "told X that Y must"."""
    if clause.head.i == clause.i:
        return False
    if clause.head.lemma_.lower() in modality.demand_ordered:
        named = [c for c in clause.head.children if c.dep_ in ("dobj", "obj") and c.pos_ == "PROPN"]
        return clause.dep_ == "xcomp" and infinitive(clause) and bool(named)  # "ordered Israel to halt"
    if clause.head.lemma_.lower() not in modality.demand_told:
        return False
    if clause.dep_ == "xcomp":
        return infinitive(clause)
    auxiliaries = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    # "told reporters that Pakistan should have handed over the suspects": a reproach, not a demand
    return clause.dep_ == "ccomp" and bool(auxiliaries & modality.demand_obligation) and PERFECT not in auxiliaries


def _announced(verb: Token, modality: Modality) -> bool:
    """Whether a verb's act is only announced ("will meet", "is to meet", "plan to meet"), so what it is done for is too."""
    if any(c.dep_ == "aux" and c.lower_ in modality.intent_aux for c in verb.children):
        return True
    governor = verb.head
    lemma = governor.lemma_.lower()
    return verb.dep_ == "xcomp" and governor.i != verb.i and (lemma in modality.intent_lemmas or (lemma == BE and infinitive(verb)))


def complemented_by_advcl(governor: Token, modality: Modality) -> bool:
    """Whether an infinitive the parser hangs as advcl on a governor is its complement ("called on X on Friday to
    lift", "agreed on Wednesday to strengthen"): always for an appeal or demand, for an intent or refusal when the
    governor has no object of its own (then "to ..." may be a purpose: "signed a deal to end")."""
    lemma = governor.lemma_.lower()
    if lemma in modality.asking:
        return True
    return (lemma in modality.intent_lemmas or lemma in modality.refusal_lemmas) and not any(
        c.dep_ in ("dobj", "obj") for c in governor.children
    )


def not_done(head: Token, modality: Modality, request_nouns: frozenset[str], code: str = "") -> str | None:
    """Why an act its clause names is no event though not negated (denied, only asked for, alleged), or None."""
    denying = denying_verb(head, modality)
    if denying is not None:
        return f"said not to have happened ({denying.text!r}): no event"
    asked_for = head.head if head.dep_ == "acl" and head.head.pos_ == "NOUN" else None
    if asked_for is not None and asked_for.lemma_.lower() in request_nouns:
        # "extended an invitation to Tokayev to visit Samarkand": the invitation is the event, the visit not yet one
        return f"what {asked_for.text!r} is about, not done: no event"
    alleging = alleging_verb(head, modality)
    if alleging is not None:
        return f"alleged, not reported as done ({alleging.text!r}): no event"
    standing = next((c for c in head.children if c.dep_ == "advmod" and c.lower_ in modality.background_adverbs), None)
    if standing is not None and any(c.dep_ == "aux" and c.lemma_.lower() == PERFECT for c in head.children):
        return f"a standing position ({standing.text!r}), not an act of the day: no event"
    if _describing_patron(head, modality):
        return f"a patronage describing {head.head.text!r} ({head.text!r}), not an act of the day: no event"
    if code.startswith(tuple(modality.background_result_codes)) and _effect_of_main_act(head, modality):
        return f"what the main act brought about ({head.text!r}), not an act of its own: no event"
    era = _past_era(head, modality)
    if era is not None:
        return f"set in the era of the late {era.text!r} ({head.text!r}), not an act of the day: no event"
    if _describing_present(head):
        return f"what {head.head.text!r} does as a rule ({head.text!r}), not an act of the day: no event"
    # readings of the clause around the act, tried in turn; each names the word that shows it ({0} in its message)
    clause_readings: tuple[tuple[Callable[[], Token | None], str], ...] = (
        (
            lambda: _overtaken_plan(_verb_chain(head), modality),
            "a plan overtaken by events ('had ... {0}'), not an act of the day: no event",
        ),
        (lambda: hypothetical(head, modality), "a condition or what might follow one ({0!r}), not reported as done: no event"),
        (lambda: time_anchor(head, modality), "a time anchor of a perfect ('{0} ...'), not an act of the day: no event"),
        (lambda: long_after(head, modality), "an act {0} before the story's day ('... {0} after'), background: no event"),
        (lambda: popular_vote(head, modality), "what {0!r} voted for, a referendum's result, not an act of their state: no event"),
    )
    for reading, why in clause_readings:
        found = reading()
        if found is not None:
            return why.format(found.text)
    return None


def _past_era(head: Token, modality: Modality) -> Token | None:
    """The person dead by the story's day whose era an act is set in ("frozen under the late Islam Karimov") or whose
    act a relative clause tells ("the late Islam Karimov, who accused Turkey"), or None; see modality.toml [background]."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # an event noun's clause
    people = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in modality.background_era_preps for t in c.children]
    if verb.dep_ == "relcl":
        people.append(verb.head)
    return next((p for p in people if any(c.dep_ == "amod" and c.lower_ in modality.background_era for c in p.children)), None)


def popular_vote(head: Token, modality: Modality) -> Token | None:
    """The voters when an act is what a people votes for ("Britons voted to leave the European Union"; modality.toml
    [background] voting, voters), or None; a body's vote ("parliament voted to impose sanctions") is its act."""
    verb = head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in modality.background_voting:
        return None
    subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return next((s for s in subjects if s.lemma_.lower() in modality.background_voters or _people_plural(s)), None)


def _people_plural(word: Token) -> bool:
    """Whether a word is a plural nationality word of countries.csv, naming a people ("Britons", "Moldovans")."""
    return word.lower_.endswith("s") and word.lower_ in _nationality_words()


@cache
def _nationality_words() -> frozenset[str]:
    """The packaged actor data's nationality words, read once."""
    return load_actor_data().nationality_words()


def long_after(head: Token, modality: Modality) -> Token | None:
    """The span of an "after" clause an act is named in when it is months or years ("four years after the two countries
    expelled each other's envoys"; modality.toml [background] spans), or None."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # an event noun's clause
    if not any(c.dep_ == "mark" and c.lower_ == "after" for c in verb.children):
        return None  # the parser may hang the clause as an advcl or a conj; its "after" marks it either way
    return next((c for c in verb.children if c.dep_ == "npadvmod" and c.lemma_.lower() in modality.background_spans), None)


def time_anchor(head: Token, modality: Modality) -> Token | None:
    """The "since" of the clause an act is named in when it dates a perfect ("has sought alternatives since Moscow invaded
    Ukraine", "has been seeking markets since flows collapsed after its invasion"), or None; not when a word of the
    clause dates it to the story's days ("since Raisi warned the Taliban this month")."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # an event noun's clause
    if verb.dep_ != "advcl":
        return None
    since = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ANCHOR_PREPS), None)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == PERFECT for c in verb.head.children)
    recent = any(t.lower_ in modality.background_recent for t in verb.subtree)
    return since if perfect and not recent else None


# the clauses below a trigger that are not its own ("sold gas, which it buys a year ...")
_OTHER_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis"})


def statistic(head: Token, modality: Modality) -> Token | None:
    """The word making a flow of goods a trade figure, not an act ("imports 80 percent of its gas", "exported 5 billion
    cubic metres a year", "imported 700,000 tonnes in the first nine months"), or None; see modality.toml [statistic]."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in modality.statistic_verbs:
        return None
    rates, periods = modality.statistic_rates, modality.statistic_periods
    for word in _own_clause(head):
        lemma = word.lemma_.lower()
        if word.head.i == head.i and word.dep_ in ("dobj", "obj") and lemma in modality.statistic_shares:
            return word  # "80 percent of its electricity", "most of its gas"
        if word.pos_ == "ADV" and lemma in rates:
            return word  # "annually"
        if lemma not in periods:
            continue
        per = word.dep_ == "pobj" and word.head.lower_ in rates
        if per or (word.dep_ != "pobj" and any(c.dep_ == "det" and c.lower_ in rates for c in word.children)):
            return word  # "a year", "per day" (not "in more than a decade")
        counted = any(c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in modality.statistic_spans) for c in word.children)
        if counted and word.dep_ == "pobj" and word.head.lower_ in ("in", "during", "over"):
            return word  # "in the first nine months", "over the past five years"
    return None


def _own_clause(head: Token) -> list[Token]:
    """The words of a verb's own clause: its subtree without the clauses hung below it."""
    words, stack = [], [c for c in head.children if c.dep_ not in _OTHER_CLAUSES]
    while stack:
        word = stack.pop()
        words.append(word)
        stack.extend(c for c in word.children if c.dep_ not in _OTHER_CLAUSES)
    return words


def _describing_patron(head: Token, modality: Modality) -> bool:
    """Whether a trigger is a past participle of patronage hung on a noun: "rebels backed by Rwanda"."""
    return head.dep_ == "acl" and head.tag_ == "VBN" and head.lemma_.lower() in modality.background_patrons


def _trailing_participle(head: Token) -> bool:
    """Whether a verb is a present participle set off by a comma after its clause's verb, with no subject or auxiliary of
    its own: "would reopen its embassy, restoring ties"."""
    return (
        head.dep_ == "advcl"
        and head.tag_ == "VBG"
        and head.i > head.head.i
        and head.left_edge.i > 0
        and head.doc[head.left_edge.i - 1].text == ","
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in head.children)
    )


def _effect_of_main_act(head: Token, modality: Modality) -> bool:
    """Whether a trigger is a present participle of result set off after its main clause: "signed a deal, ending the war"."""
    return (
        head.dep_ == "advcl"
        and head.tag_ == "VBG"
        and head.lemma_.lower() in modality.background_results
        and head.i > head.head.i
        and head.left_edge.i > 0
        and head.doc[head.left_edge.i - 1].text == ","
        and not any(c.dep_ in SUBJECT_DEPS for c in head.children)
    )


def _describing_present(head: Token) -> bool:
    """Whether a trigger is a simple present verb of a relative clause set off by a comma, describing what its noun
    does as a rule: "Tajikistan, which hosts Russia's largest base abroad", "Turkmenistan, which sells most of its
    gas to China" (not "Kazakhstan, which hosted the talks", nor "which will host", nor a clause naming one of many)."""
    if head.dep_ != "relcl" or head.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return False
    if head.lemma_.lower() == BE:
        return False  # "Putin, who is on a state visit to Tajikistan": the visit under way is the day's act
    noun = head.head
    return noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].text == "," and head.i > noun.i


def hypothetical(head: Token, modality: Modality) -> Token | None:
    """The "if" or "unless" that makes a trigger's act a condition, or a speculation on what might follow one, or None.

    "if Russia invaded Ukraine", "unless Stockholm cracks down": the act is the condition. "Somalia could
    cut ties ... if Ethiopia built a base, analysts said": the act might follow the condition, and no
    party to it says so of itself ("Russia warned that it could cut supplies if ..." is a threat, kept).
    """
    chain = _verb_chain(head)  # "could cut ties ... and seek support"
    prediction = next((v for v in chain[1:] if v.lemma_.lower() in modality.hypothetical_predictions or _foreseen(v, modality)), None)
    if prediction is not None:
        return prediction  # "is unlikely to approve the bid"
    base = chain[-1]
    marks = modality.hypothetical_marks
    own = next((c for c in base.children if c.dep_ == "mark" and c.lower_ in marks), None)
    if own is not None:
        return own
    feared = _feared(base, modality)
    if feared is not None:
        return feared
    guess = _supposed(base, modality)
    if guess is not None:
        return guess
    conditions = [c for c in base.children if c.dep_ == "advcl"]
    mark = next((m for c in conditions for m in c.children if m.dep_ == "mark" and m.lower_ in marks), None)
    if mark is None or not any(c.dep_ == "aux" and c.lower_ in modality.hypothetical_possibility for c in base.children):
        return None
    return None if _said_of_itself(base) else mark


def _feared(base: Token, modality: Modality) -> Token | None:
    """The modal auxiliary of a clause completing a noun of fear or guesswork ("on fears that Israel could strike"), or None."""
    noun = base.head
    if (
        base.dep_ not in ("acl", "ccomp")
        or noun.i == base.i
        or noun.pos_ != "NOUN"
        or noun.lemma_.lower() not in modality.hypothetical_fears
    ):
        return None
    return next((c for c in base.children if c.dep_ == "aux" and c.lower_ in modality.intent_aux), None)


def _foreseen(verb: Token, modality: Modality) -> bool:
    """Whether a verb is a passive forecast by others: "are expected to hold", "is tipped to win"."""
    return verb.lemma_.lower() in modality.hypothetical_expected and any(c.dep_ == "auxpass" for c in verb.children)


def _verb_chain(head: Token) -> list[Token]:
    """A trigger and the verbs it is conjoined with or complements, up to the one that heads them ("could cut ties and seek")."""
    chain = [head]
    while chain[-1].dep_ in ("conj", "xcomp") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _overtaken_plan(chain: list[Token], modality: Modality) -> Token | None:
    """The plan word in the past perfect an act complements ("had been due to visit", "had planned to attend"), or None."""
    plan = chain[-1] if len(chain) > 1 else None
    if plan is None or plan.lemma_.lower() not in modality.hypothetical_unrealised:
        return None
    verb = plan.head if plan.dep_ == "acomp" else plan  # "had been due to": the perfect is the copula's
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == PERFECT and c.tag_ == "VBD" for c in verb.children)
    return plan if perfect else None


def _supposed(base: Token, modality: Modality) -> Token | None:
    """The auxiliary making an act a guess: an indefinite event noun as the subject of "would"/"could" ("an invasion of Taiwan would
    devastate ..."), or a modal act "otherwise" ("would otherwise press Mexico"); None when there is none."""
    if base.pos_ in ("VERB", "AUX") and any(c.dep_ == "advmod" and c.lower_ in modality.hypothetical_counterfactual for c in base.children):
        return _speculating(base, modality)
    indefinite = any(c.dep_ == "det" and c.lower_ in modality.hypothetical_indefinite for c in base.children)
    if base.pos_ == "NOUN" and indefinite and base.dep_ in SUBJECT_DEPS and base.head.lemma_.lower() != BE:
        return _speculating(base.head, modality)  # "Karimov's visit to Moscow may suggest ...": a visit made, kept
    return None


def _speculating(verb: Token, modality: Modality) -> Token | None:
    """The auxiliary of speculation on a verb ("would", "could"), or None."""
    return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in modality.hypothetical_speculation), None)


def _said_of_itself(verb: Token) -> bool:
    """Whether the clause of a verb is said by its own doer: "it could cut", or "Russia said Russia could"."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.pos_ == "PRON":
        return True
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return False  # the narrator's or an unnamed source's speculation
    speaker = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    return speaker is not None and speaker.lemma_.lower() == subject.lemma_.lower()


def reported_consequence(head: Token, modality: Modality) -> Token | None:
    """The verb reporting what "could" follow a condition ("a U.S. official warned that the United States could impose
    sanctions if ..."), whose subject's actors tell a threat of the doer's own side from speculation; None when the act
    is the condition itself or the clause is not reported."""
    base = _verb_chain(head)[-1]
    marks = modality.hypothetical_marks
    if any(c.dep_ == "mark" and c.lower_ in marks for c in base.children) or base.dep_ != "ccomp" or base.head.i == base.i:
        return None
    return base.head if hypothetical(head, modality) is not None else None


def advised(head: Token, modality: Modality) -> Token | None:
    """The verb reporting a "should", "have to" or "could" said of another ("X argued that Lima should seek ties", "China could
    invade Taiwan, analysts said"), whose subject's actors tell advice or speculation from the doer's own intent or threat;
    None when the clause has none of these, is not reported, or its doer is a pronoun (said of itself: "it could")."""
    base = _verb_chain(head)[-1]
    obliged = base is not head and base.lemma_.lower() in modality.hypothetical_obliged  # "will have to ask Washington"
    modals = modality.hypothetical_advice | modality.hypothetical_possibility
    if not obliged and not any(c.dep_ == "aux" and c.lower_ in modals for c in base.children):
        return None
    if base.dep_ != "ccomp" or base.head.i == base.i:
        return None
    subject = next((c for c in base.children if c.dep_ in SUBJECT_DEPS), None)
    return None if subject is None or subject.pos_ == "PRON" else base.head


def speculated(head: Token, modality: Modality) -> bool:
    """Whether a trigger's clause says what its doer could or might do ("could invade"), not what it should do."""
    base = _verb_chain(head)[-1]
    auxiliaries = {c.lower_ for c in base.children if c.dep_ == "aux"}
    return bool(auxiliaries & modality.hypothetical_possibility) and not auxiliaries & modality.hypothetical_advice


def is_negated(token: Token, modality: Modality) -> bool:
    """Whether a trigger is negated: "did not sign", "never signed", "no talks", "without consulting", "did not ever sign".

    "would support X no matter how the situation changed" is no negation.
    """
    words = modality.negation_lemmas
    if token.dep_ == "pcomp" and token.head.lower_ in words:
        return True
    return any(
        c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in words) or (c.dep_ == "advmod" and _negated_adverb(c))
        for c in token.children
    )


def cancels(verb: Token, modality: Modality) -> bool:
    """Whether a verb calls off the planned act its object names: "cancelled the visit", "the visit was called off"."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return (lemma if particle is None else f"{lemma}-{particle}") in modality.negation_cancellations


def _negated_adverb(adverb: Token) -> bool:
    """A negated adverb ("not ever"), not a concessive one that heads its own clause ("no matter how it changed")."""
    return any(g.dep_ == "neg" for g in adverb.children) and not any(g.dep_ in ("ccomp", "advcl") for g in adverb.children)


def denying_verb(token: Token, modality: Modality) -> Token | None:
    """The verb that says a trigger's act did not happen, when it is not negated itself, or None.

    "failed to sign", "refrained from attacking", "denied that it had detained", "denied detaining",
    "dismissed reports that its troops shelled".
    """
    while token.dep_ == "xcomp" and token.head.lemma_.lower() in modality.intent_lemmas and token.head.dep_ == "ccomp":
        token = token.head  # "denied that it plans to attack": the plan is denied, and the attack with it
    while token.dep_ == "advcl" and infinitive(token) and token.head.i != token.i:
        token = token.head  # "denied reports that Moscow recruited migrants to fight in Ukraine": the purpose goes with the act
    governor = token.head
    if governor.i == token.i:
        return None
    lemma = governor.lemma_.lower()
    # "Pakistan accuses the Taliban of sheltering militants, a charge Kabul denies": what is denied is the charge's
    # content, not that it was made (an accusation written before the denial that comments on it)
    commented = token.i < governor.i and token.lemma_.lower() in modality.negation_allegations
    if (token.dep_ == "xcomp" and (lemma in modality.negation_verbs or lemma in modality.negation_denials)) or (
        token.dep_ == "ccomp" and lemma in modality.negation_denials and not commented
    ):
        verb = governor
    elif token.dep_ == "pcomp" and governor.dep_ == "prep" and governor.head.lemma_.lower() in modality.negation_verbs:
        verb = governor.head  # "refrained from attacking"
    elif token.dep_ in ("acl", "ccomp") and governor.pos_ == "NOUN" and governor.head.lemma_.lower() in modality.negation_denials:
        verb = governor.head  # "denied reports that ..."
    else:
        return None
    return None if is_negated(verb, modality) else verb


def alleging_verb(token: Token, modality: Modality) -> Token | None:
    """The verb that names a trigger's act as what someone is accused or punished for, or None.

    "accused Kyrgyzstan of supporting militants", "blamed Russia for shelling", "arrested for attacking".
    """
    while token.dep_ == "xcomp" and token.head.i != token.i:
        token = token.head  # "accused the West of using Ukraine to wage war": the war is alleged as well
    prep = token.head
    if token.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    if verb.lemma_.lower() in modality.negation_allegations:
        return verb
    # "imposed sanctions on three companies for supplying drone parts": a penalty, or a verb that lays one on someone
    penalties = modality.negation_penalties
    laid = verb.lemma_.lower() in penalties or any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in penalties for c in verb.children)
    return verb if laid else None
