"""Any text and any bytes through ingest -> split -> code: coded events or a reject, never anything else.

The only exception the steps may raise is the project's own InputError; a Reject must carry a known
reason, a Document must be English text, its sentences must slice its text, its events must be CAMEO events.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coders.actor_data import load_actor_data
from coders.cameo import cameo_table
from coders.ingest import make_doc_id, read_input
from coders.lexicon import load_lexicon
from schemas.errors import InputError
from schemas.records import Document, Reject

# The reasons read_input documents for an input it cannot code.
REASONS = {"binary", "empty", "unreadable", "bad-json", "bad-date", "not-english", "not-prose"}
SUFFIXES = (".txt", ".md", ".html", ".jsonl")

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


def _vocabulary() -> tuple[list[str], list[str]]:
    """Actor names and event verbs (past tense, roughly) from the coder's own data."""
    actors = sorted(phrase for phrase in load_actor_data().written_phrases() if phrase.isascii())
    verbs = sorted({entry.lemma for entry in load_lexicon().entries if entry.pos == "verb"})
    return actors[::7], [verb + ("d" if verb.endswith("e") else "ed") for verb in verbs]


ACTORS, VERBS = _vocabulary()
ODD = st.sampled_from(["\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad", "\x00", "\x0b", "\r", "\t", "…", "«", "»", "’", "—",
                       "!" * 300, "\u0645\u0631\u062d\u0628\u0627", "Привет", "数据", "😀", "&amp;", "<p>", "</b>", "{", "\"", "---"])  # fmt: skip
TOKENS = st.one_of(
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(["the", "on", "Monday", "in", "said", "talks", "and", "not"]),
    st.sampled_from([".", ",", ";", ":", "?", "!", "(", ")", "\n", "\n\n", "2012-01-20", "January 18, 2012"]),
    ODD, st.text(max_size=8),
)  # fmt: skip
SENTENCE = st.builds(
    lambda source, verb, target, tail: f"{source} {verb} {target}{tail}",
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(ACTORS),
    st.sampled_from([".", " on Monday.", ", officials said.", " in talks", ""]),
)  # fmt: skip
NEWSY = st.lists(st.one_of(SENTENCE, SENTENCE, TOKENS), min_size=1, max_size=120).map(" ".join)
TEXT = st.one_of(NEWSY, st.text(max_size=400))
JSON_LINE = st.one_of(
    st.builds(lambda text, date, extra: json.dumps({"text": text, **({"date": date} if date is not None else {}), **extra}),
              TEXT, st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
              st.dictionaries(st.sampled_from(["id", "title", "source", "url"]), st.one_of(st.text(max_size=20), st.integers(), st.none()), max_size=2)),
    st.text(max_size=60),
    st.just("{"),
)  # fmt: skip
CONTENT = st.one_of(
    st.binary(max_size=2000),
    st.tuples(TEXT, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "koi8_r"])).map(lambda p: p[0].encode(p[1], "replace")),
    st.lists(JSON_LINE, max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8")),
    st.builds(lambda head, body: f"<html><head><title>{head}</title></head><body><p>{body}</p></body></html>".encode(), TEXT, TEXT),
    st.builds(lambda head, body: f"---\ntitle: {head}\ndate: 2012-01-20\n---\n{body}".encode(), st.text(max_size=30), TEXT),
)
CAMEO = set(cameo_table())


def _check(items: Iterable[Document | Reject], where: str, coder: Any) -> tuple[list[str], int]:
    """Check every reject and document read from one input, code the documents and check them: (reject reasons, events)."""
    documents, reasons = [], []
    for item in items:
        if isinstance(item, Reject):
            assert item.reason in REASONS and item.message.strip()
            assert item.path == where
            reasons.append(item.reason)
            continue
        assert isinstance(item, Document)
        assert item.language == "en" and item.text.strip() and item.path.startswith(where)
        assert item.doc_id == make_doc_id(item.text)
        documents.append(item)
    events = 0
    try:
        coded = list(coder.code(documents))
    except InputError:
        return reasons + ["input-error"], 0
    assert [c.document for c in coded] == documents
    for result in coded:
        text = result.document.text
        starts = [s.start_char for s in result.sentences]
        assert starts == sorted(starts) and [s.sentence_index for s in result.sentences] == list(range(len(starts)))
        for sentence in result.sentences:
            assert text[sentence.start_char : sentence.end_char] == sentence.text and sentence.text.strip()
        assert len({e.event_id for e in result.events}) == len(result.events)
        for coded in result.events:
            assert coded.doc_id == result.document.doc_id and 0 <= coded.sentence_index < len(result.sentences)
            assert coded.event_code in CAMEO and coded.source_actor and coded.target_actor
        events += len(result.events)
    return reasons, events


def _tally(outcome: tuple[list[str], int]) -> None:
    """Let hypothesis count what the examples came to: rejects by reason, and inputs with events."""
    reasons, events = outcome
    for reason in sorted(set(reasons)):
        event(f"rejected: {reason}")
    event("coded with events" if events else "no events")


@SETTINGS
@given(data=CONTENT, suffix=st.sampled_from(SUFFIXES))
def test_properties_any_file_is_coded_or_rejected(coder: Any, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        _tally(_check(read_input(path), str(path), coder))


@SETTINGS
@given(data=CONTENT)
def test_properties_any_stdin_is_coded_or_rejected(coder: Any, data: bytes) -> None:
    _tally(_check(read_input("-", stdin=io.BytesIO(data)), "-", coder))


@SETTINGS
@given(text=NEWSY)
def test_properties_news_like_text_is_coded(coder: Any, text: str) -> None:
    """Text made of actor names and event verbs: read as a document (or rejected), its events well formed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        _tally(_check(read_input(path), str(path), coder))


def test_properties_vocabulary_makes_events(coder: Any) -> None:
    """The generated news text does reach the event coder: its words code events."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text("Russia criticized Ukraine on Monday. Kazakhstan accused Uzbekistan.", encoding="utf-8")
        assert _check(read_input(path), str(path), coder) == ([], 2)
    assert {"Russia", "Ukraine"} & set(ACTORS) or len(ACTORS) > 100
    assert "criticized" in VERBS


@pytest.mark.parametrize("data", [b"", b"\x00", "\ufeff".encode(), b"{", b"\n", "!" * 5000, "\u202e" * 100])
def test_properties_edge_inputs_are_coded_or_rejected(coder: Any, data: bytes | str) -> None:
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    for suffix in SUFFIXES:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(raw)
            _check(read_input(path), str(path), coder)
