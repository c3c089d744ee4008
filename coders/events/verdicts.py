"""Verdicts on a vote: what a speaker says of an election is criticism or praise of the country that held it.

"Observers from the OSCE said the election lacked real competition" is criticism (111) of the country whose election
it was; "CIS observers said the vote was free and transparent" praise (051). The words are roles.toml [verdicts].
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from coders.actors import Actor
from coders.coreference import coref_table, described
from coders.events.emit import CodedEvent, Decision, SentenceResult
from coders.events.roles import SentenceRoles
from coders.events.syntax import subjects_of, trigger_text
from coders.role_words import role_words

SPEECH_DEPS = ("ccomp", "parataxis")
OTHER_CLAUSES = frozenset({"advcl", "ccomp", "parataxis", "relcl", "acl", "csubj", "mark"})


def code_verdicts(span: Span, roles: SentenceRoles, result: SentenceResult) -> None:
    """Add the events of each verdict on a vote the sentence reports (a vote as the subject of what is said)."""
    table = role_words().verdicts
    for vote in span:
        if vote.lemma_.lower() not in table.nouns or vote.dep_ not in ("nsubj", "nsubjpass") or vote.pos_ != "NOUN":
            continue
        clause = vote.head
        speech = _speech_verb(clause)
        if speech is None:
            continue
        speakers = roles.actors(subjects_of(speech))
        words = {t.lemma_.lower() for t in _own_words(clause) if t.i not in {d.i for d in vote.subtree}}
        code = table.flawed if words & table.flaws else table.approved if words & table.approvals else None
        if code is None or not speakers:
            continue
        owners = _vote_country(vote, roles)
        pairs = [(s, t) for s in speakers for t in owners if s.country != t.country]
        rule = f"verdict.{'flawed' if code == table.flawed else 'approved'}"
        result.decisions.append(
            Decision(trigger_text(vote), rule, [a.code for a in speakers], [a.code for a in owners], "coded" if pairs else "needs a target")
        )
        char = vote.idx - vote.sent.start_char
        result.events.extend(CodedEvent(s, t, code, trigger_text(vote), rule, char) for s, t in pairs)


def _own_words(clause: Token) -> list[Token]:
    """The words of a clause and its coordinated verbs, not of the clauses hung on it ("..., while the OSCE said ...")."""
    own = [clause]
    for child in clause.children:
        if child.dep_ not in OTHER_CLAUSES:
            own += _own_words(child)
    return own


def _speech_verb(clause: Token) -> Token | None:
    """The speech verb whose words a vote's clause is ("said the vote lacked ...", "the vote ..., observers said")."""
    speech = coref_table().quotes.speech_verbs
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "was efficiently run but lacked competition"
    if clause.dep_ in SPEECH_DEPS and clause.head.lemma_.lower() in speech:
        return clause.head
    return next((c for c in clause.children if c.dep_ in SPEECH_DEPS and c.lemma_.lower() in speech), None)


def _vote_country(vote: Token, roles: SentenceRoles) -> list[Actor]:
    """The country whose vote it is: its owner ("Uzbekistan's election"), its country word ("the Kazakh vote"), else the
    country named last."""
    owned = [c for c in vote.children if c.dep_ in ("poss", "amod", "compound")]
    found = [a for a in roles.actors(owned) if a.country] or roles.named_countries(owned)
    if found:
        return found
    latest = next((a.country for a in reversed(roles.context.seen) if a.country), None)
    return [described(latest, None, vote)] if latest else []
