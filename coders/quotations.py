"""Quotations in a sentence: which words are quoted, whether a quotation runs on into the next sentence, and the speech
verb outside the marks whose subject speaks them (coreference.toml [quotes] lists the marks and speech verbs)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from coders.actors import Actor
from coders.coref_table import QuoteTable


@dataclass(frozen=True)
class QuoteState:
    """How a sentence stands to quotations, as the next sentence needs it.

    `quotes`: it holds quoted words; `open_at_end`: its last quotation is not closed; `speaker`: who
    speaks its quoted words (its own speaker, or the one carried into it; empty when unknown).
    """

    quotes: bool
    open_at_end: bool
    speaker: tuple[Actor, ...]


@dataclass(frozen=True)
class Quotation:
    """One sentence read for quotations: which tokens are quoted, and how it starts and ends."""

    inside: frozenset[int] = frozenset()  # token indices within quotation marks
    marks: int = 0
    starts_inside: bool = False
    opens_at_start: bool = False  # its first token is an opening mark
    open_at_end: bool = False
    wholly_quoted: bool = False
    speech_subject: Token | None = None  # subject of a speech verb outside the quotation marks


UNQUOTED = Quotation()  # a sentence with no quotation mark that no open quotation runs into


def read_quotation(sent: Span, table: QuoteTable, continues: bool) -> Quotation:
    """Which tokens of a sentence are quoted, whether it starts or ends inside a quotation, and its speech verb.

    `continues`: the sentence before left a quotation open, so a sentence without marks is quoted throughout.
    """
    kinds = {tok.i: kind for tok in sent if (kind := _mark_kind(tok, table)) is not None}
    if not kinds and not continues:
        return UNQUOTED
    marks = sorted(kinds.items())
    first = marks[0][1] if marks else None
    starts_inside = first == "close" or (first is None and continues)
    inside: set[int] = set()
    state = starts_inside
    for tok in sent:
        kind = kinds.get(tok.i)
        if kind == "open" or (kind == "either" and not state):
            state = True
        elif kind in ("close", "either"):
            state = False
        elif state:
            inside.add(tok.i)
    words = [tok for tok in sent if not tok.is_punct and not tok.is_space]
    subject = None
    for tok in sent:
        if tok.i in inside or tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in table.speech_verbs:
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside]
        if subjects:
            subject = subjects[0]
            break
    return Quotation(
        inside=frozenset(inside),
        marks=len(marks),
        starts_inside=starts_inside,
        opens_at_start=bool(marks) and marks[0][0] == sent.start and marks[0][1] in ("open", "either"),
        open_at_end=state,
        wholly_quoted=bool(words) and all(tok.i in inside for tok in words),
        speech_subject=subject,
    )


def _mark_kind(tok: Token, table: QuoteTable) -> str | None:
    """ "open", "close", "either" (a straight mark that cannot be told from its spacing) or None for a word."""
    text = tok.text
    if text in table.opening:
        return "open"
    if text in table.closing:
        return "close"
    if text not in table.both:
        return None
    doc = tok.doc
    space_before = tok.i == 0 or bool(doc[tok.i - 1].whitespace_)
    space_after = bool(tok.whitespace_) or tok.i + 1 == len(doc)
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    if not space_before and not space_after and tok.i + 1 < len(doc) and doc[tok.i + 1].is_punct:
        return "close"  # 'ready".' : a mark glued to a word and to the sentence's last stop closes
    return "either"
