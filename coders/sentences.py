"""Sentence splitting and parsing: every sentence stored, only the sentences that can hold an event parsed.

Two passes over a batch of documents. The fast `senter` splits each paragraph into sentences (index,
paragraph, offsets). A `SentenceFilter` then marks the candidates, the sentences that name an actor
or hold a word coreference can resolve; only those go through tok2vec, tagger, parser, attribute
ruler and lemmatizer, the rest keep `span=None`. Consecutive candidates of a paragraph are parsed
together, as one doc (the paragraph's own, when all its sentences are candidates) whose sentence
boundaries are the splitter's: the parser keeps preset boundaries, so every span is one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from coders.nlp import MAX_CHUNK_CHARS, load_nlp, splitter
from coders.phrase_index import PhraseIndex
from schemas.records import Document, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SOFT_BREAK = re.compile(r"[.!?][\"'”’)]?\s+")
# Sentence runs handed to the parser at once. Larger is not faster: on the seeds x10, tok2vec took 1.7-1.8 s of
# CPU at 64 and 1.9-2.0 s at 256 (its matrices outgrow the cache), and the whole coder about 6 % less at 64.
PARSE_BATCH = 64
# spaCy's tokenizer takes time quadratic in the length of a string without spaces when it peels punctuation
# off it mark by mark (4,000 marks: 12 s); no word is this long, so longer strings are tokenized in pieces.
MAX_WORD_CHARS = 100
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


@dataclass
class ParsedSentence:
    """A stored sentence and its parse: a one-sentence spaCy span, or None when the sentence was not parsed."""

    sentence: Sentence
    span: Span | None


class SentenceFilter:
    """Which sentences can hold an event: those with a phrase match (an actor's name) or one of the words."""

    def __init__(self, nlp: Language, matchers: Sequence[PhraseMatcher | PhraseIndex], words: Iterable[str]) -> None:
        self.matchers = list(matchers)
        self._word_ids = np.array(sorted({nlp.vocab.strings.add(w.lower()) for w in words}), dtype=np.uint64)

    def marks(self, doc: Doc, text: str | None = None) -> np.ndarray:
        """One flag per token of a split (unparsed) doc: True where a phrase or a word matched.

        `text`: the doc's text when the caller has it (`Doc.text` joins every token's text anew).
        """
        marked = np.isin(doc.to_array(LOWER).astype(np.uint64), self._word_ids)
        for matcher in self.matchers:
            found = matcher(doc, text=text) if isinstance(matcher, PhraseIndex) else matcher(doc)
            for _, start, _ in found:
                marked[start] = True
        return marked


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


def make_doc(nlp: Language, text: str) -> Doc:
    """The tokens of text, in time linear in its length: a string without spaces over MAX_WORD_CHARS is cut in pieces."""
    if not _LONG_WORD.search(text):
        return nlp.make_doc(text)
    docs, start = [], 0
    for m in _LONG_WORD.finditer(text):
        if m.start() > start:
            docs.append(nlp.make_doc(text[start : m.start()]))
        docs.extend(nlp.make_doc(text[i : min(i + MAX_WORD_CHARS, m.end())]) for i in range(m.start(), m.end(), MAX_WORD_CHARS))
        start = m.end()
    if start < len(text):
        docs.append(nlp.make_doc(text[start:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_documents(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 64, candidates: SentenceFilter | None = None
) -> Iterator[tuple[Document, list[ParsedSentence]]]:
    """Split documents in batches and parse their candidate sentences (all sentences without a filter).

    Yields each document with all its sentences in order; a sentence the filter rejects has `span=None`.
    """
    nlp = nlp or load_nlp()
    pending: list[Document] = []
    for document in documents:
        pending.append(document)
        if len(pending) >= batch_size:
            yield from _parse_batch(pending, nlp, batch_size, candidates)
            pending = []
    if pending:
        yield from _parse_batch(pending, nlp, batch_size, candidates)


def _pieces(documents: list[Document]) -> Iterator[tuple[str, tuple[int, int, int]]]:
    """The paragraph chunks of a batch, each with (document, paragraph, offset of the chunk)."""
    for d, document in enumerate(documents):
        for p, (start, end) in enumerate(paragraphs(document.text)):
            for chunk_start, chunk_end in chunks(document.text, start, end):
                yield document.text[chunk_start:chunk_end], (d, p, chunk_start)


def _parse_batch(
    documents: list[Document], nlp: Language, batch_size: int, candidates: SentenceFilter | None
) -> Iterator[tuple[Document, list[ParsedSentence]]]:
    pieces = list(_pieces(documents))
    results: list[list[ParsedSentence]] = [[] for _ in documents]
    runs: list[Doc] = []
    members: list[list[tuple[ParsedSentence, int, int]]] = []  # per run: sentence, its token span in the run
    split = splitter(nlp).pipe((make_doc(nlp, text) for text, _ in pieces), batch_size=max(batch_size, PARSE_BATCH))
    for doc, (text, (d, p, offset)) in zip(split, pieces, strict=True):
        marks = candidates.marks(doc, text) if candidates is not None else None
        sentences = results[d]
        run: list[tuple[ParsedSentence, Span]] = []
        for span in doc.sents:
            written = text[span.start_char : span.end_char]  # span.text, cut from the doc's text (spaCy joins the tokens)
            stripped = written.strip()
            if not stripped:
                continue
            lead = len(written) - len(written.lstrip())
            start = offset + span.start_char + lead
            item = ParsedSentence(
                Sentence(
                    doc_id=documents[d].doc_id,
                    sentence_index=len(sentences),
                    paragraph_index=p,
                    start_char=start,
                    end_char=start + len(stripped),
                    text=stripped,
                ),
                None,
            )
            sentences.append(item)
            if marks is None or marks[span.start : span.end].any():
                if run and run[-1][1].end != span.start:
                    _close(run, runs, members)
                run.append((item, span))
            elif run:
                _close(run, runs, members)
        if run:
            _close(run, runs, members)
    for parsed, inside in zip(nlp.pipe(runs, batch_size=PARSE_BATCH), members, strict=True):
        for item, start, end in inside:
            item.span = parsed[start:end]
        RunSentences.install(parsed)
    yield from zip(documents, results, strict=True)


def _close(run: list[tuple[ParsedSentence, Span]], runs: list[Doc], members: list[list[tuple[ParsedSentence, int, int]]]) -> None:
    """Make consecutive candidate sentences one doc to parse, their boundaries kept; empty the run."""
    doc = run[0][1].doc
    first, last = run[0][1].start, run[-1][1].end
    # the whole paragraph, or the stretch of it, with the splitter's sentence starts (as_doc keeps them)
    runs.append(doc if first == 0 and last == len(doc) else doc[first:last].as_doc())
    members.append([(item, span.start - first, span.end - first) for item, span in run])
    run.clear()


class RunSentences:
    """`Token.sent` of a parsed doc, looked up among the doc's sentence starts, found once, instead of searched for.

    spaCy's `Token.sent` walks back and forth over the tokens' sentence starts and checks the doc's annotation on
    every call (7 us); the coder asks it thousands of times per document. The parse is done when the hook is
    installed, so the sentence starts are read once: the span from the last start at or before a token to the next
    start after it is what spaCy's search returns (the parser may join two of the splitter's sentences).
    """

    def __init__(self, starts: list[int], length: int) -> None:
        self.starts = starts
        self.ends = [*starts[1:], length]

    @classmethod
    def install(cls, doc: Doc) -> None:
        """Make the tokens of a parsed doc find their sentence through the hook (a doc with no sentence starts keeps spaCy's error)."""
        if len(doc) and doc.has_annotation("SENT_START"):
            flags = doc.to_array([SENT_START]).tolist()
            starts = [0, *(i for i in range(1, len(flags)) if flags[i] == 1)]
            # a dict of its own: Span.as_doc shares the hooks of the doc a run was cut from with every run of it
            doc.user_token_hooks = {**doc.user_token_hooks, "sent": cls(starts, len(doc))}

    def __call__(self, token: Token) -> Span:
        k = bisect_right(self.starts, token.i) - 1
        return token.doc[self.starts[k] : self.ends[k]]
