"""The coder's loop: sentences that cannot hold an event are stored but not parsed, and nothing is lost by it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from coders.coreference import coref_table
from coders.ingest import read_inputs
from coders.sentences import parse_documents
from schemas import Document
from tests.conftest import SHARED

EXAMPLES = Path(__file__).resolve().parents[2] / "dyadflow" / "examples"


def _corpus() -> list[Document]:
    """The built-in examples, and the seed articles when ../shared is there."""
    folders = [EXAMPLES] + ([SHARED / "seeds"] if (SHARED / "seeds").is_dir() else [])
    return [d for d in read_inputs(folders) if isinstance(d, Document)]


def _codes_something(coder, span) -> bool:
    """Whether the event coder looks for triggers in a sentence: it names an actor or holds a coreference word."""
    table = coref_table()
    words = table.person | table.group | table.thing | frozenset(table.pairs) | table.quotes.speaker
    return coder.events.matcher.find(span).any() or any(t.lower_ in words for t in span)


def test_candidate_filter_keeps_every_sentence_the_event_coder_would_look_at(coder):
    documents = _corpus()
    looked_at = kept = 0
    for (_, everything), (_, filtered) in zip(
        parse_documents(documents, coder.nlp), parse_documents(documents, coder.nlp, candidates=coder.candidates), strict=True
    ):
        for full, item in zip(everything, filtered, strict=True):
            if _codes_something(coder, full.span):
                looked_at += 1
                assert item.span is not None, f"not parsed, yet it names an actor: {item.sentence.text!r}"
            kept += item.span is not None
    assert looked_at > 20 and kept >= looked_at


def test_coder_events_are_the_same_with_and_without_the_filter(coder):
    documents = _corpus()
    unfiltered = copy.copy(coder)
    unfiltered.candidates = None
    with_filter = [(e.sentence, e.source_actor, e.target_actor, e.event_code) for c in coder.code(documents) for e in c.events]
    without = [(e.sentence, e.source_actor, e.target_actor, e.event_code) for c in unfiltered.code(documents) for e in c.events]
    assert with_filter == without and with_filter


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Markets were calm on Monday.", False),
        ("Prices of cotton rose sharply in the spring.", False),
        ("Uzbek President Islam Karimov visited Astana.", True),
        ("He later met the two leaders.", True),
        ("The ministers signed it.", True),  # an agent word, plural
        ('"We are ready for more."', True),  # a quotation's first person: its speaker carries on through it
    ],
)
def test_coder_explains_an_unparsed_sentence_with_no_decisions(coder, text, parsed):
    document = Document(doc_id="x", path="x.txt", text=text, doc_date=dt.date(2010, 1, 1), date_source="given")
    [(_, [item])] = list(parse_documents([document], coder.nlp, candidates=coder.candidates))
    assert (item.span is not None) == parsed
    [coded] = list(coder.code([document], explain=True))
    [(sentence, result)] = coded.explain
    assert sentence.text == text and [s.text for s in coded.sentences] == [text]
    if not parsed:
        assert not result.events and not result.decisions
