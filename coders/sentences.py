"""Sentence splitting with spaCy: paragraphs kept, each sentence with its index and character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span

from coders.nlp import MAX_CHUNK_CHARS, load_nlp
from schemas.records import Document, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SOFT_BREAK = re.compile(r"[.!?][\"'”’)]?\s+")


@dataclass
class ParsedSentence:
    """A stored sentence and its parsed spaCy span."""

    sentence: Sentence
    span: Span


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the paragraphs of a text: blocks separated by blank lines."""
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def chunks(text: str, start: int, end: int, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """Cut [start, end) into pieces of at most limit characters, at a sentence end or a space if possible."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = max((m.end() for m in _SOFT_BREAK.finditer(window, limit // 2)), default=0)
        if not cut:
            cut = window.rfind(" ", limit // 2) + 1 or limit
        yield start, start + cut
        start += cut
    yield start, end


def parse_documents(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 64
) -> Iterator[tuple[Document, list[ParsedSentence]]]:
    """Split and parse documents in batches; yields each document with its sentences in order."""
    nlp = nlp or load_nlp()
    pending: list[Document] = []
    for document in documents:
        pending.append(document)
        if len(pending) >= batch_size:
            yield from _parse_batch(pending, nlp, batch_size)
            pending = []
    if pending:
        yield from _parse_batch(pending, nlp, batch_size)


def _parse_batch(documents: list[Document], nlp: Language, batch_size: int) -> Iterator[tuple[Document, list[ParsedSentence]]]:
    pieces = []
    for d, document in enumerate(documents):
        for p, (start, end) in enumerate(paragraphs(document.text)):
            for chunk_start, chunk_end in chunks(document.text, start, end):
                pieces.append((document.text[chunk_start:chunk_end], (d, p, chunk_start)))
    results: list[list[ParsedSentence]] = [[] for _ in documents]
    for doc, (d, p, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        sentences = results[d]
        for span in doc.sents:
            text = span.text.strip()
            if not text:
                continue
            lead = len(span.text) - len(span.text.lstrip())
            start = offset + span.start_char + lead
            sentences.append(
                ParsedSentence(
                    Sentence(
                        doc_id=documents[d].doc_id,
                        sentence_index=len(sentences),
                        paragraph_index=p,
                        start_char=start,
                        end_char=start + len(text),
                        text=text,
                    ),
                    span,
                )
            )
    yield from zip(documents, results, strict=True)
