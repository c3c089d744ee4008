"""Sentence splitting keeps paragraphs and gives offsets that point back into the body text."""

from __future__ import annotations

import pytest

from coders.sentences import chunks, paragraphs, parse_documents
from schemas import Document

BODY = (
    "Uzbek President Shavkat Mirziyoyev arrived in Astana on Monday. He met his Kazakh counterpart.\n\n"
    "The two leaders signed a treaty on the border. Officials called it historic."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\n\ntwo", [(0, 3), (5, 8)]),
        ("one\n  \n\n two\n", [(0, 3), (9, 13)]),
        ("\n\nonly\n", [(2, 7)]),
        ("   ", []),
    ],
)
def test_paragraphs_are_blocks_between_blank_lines(text, expected):
    assert paragraphs(text) == expected


def test_chunks_cut_long_paragraphs_at_sentence_ends():
    text = "A sentence here. " * 1000
    pieces = list(chunks(text, 0, len(text), limit=1000))
    assert all(end - start <= 1000 for start, end in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(text[end - 2 : end] == ". " for _, end in pieces[:-1])


def test_parse_documents_offsets_and_paragraphs(nlp):
    document = Document(doc_id="d1", path="x.txt", text=BODY)
    [(doc, parsed)] = list(parse_documents([document], nlp))
    sentences = [p.sentence for p in parsed]
    assert [s.sentence_index for s in sentences] == [0, 1, 2, 3]
    assert [s.paragraph_index for s in sentences] == [0, 0, 1, 1]
    for s in sentences:
        assert BODY[s.start_char : s.end_char] == s.text
    assert sentences[2].text.startswith("The two leaders")


ARTICLE = (
    "Kazakh President Nursultan Nazarbayev arrived in Tashkent on Monday. The weather was mild. "
    "Rain fell all week. He met Uzbek officials.\n\n"
    "Markets were calm.\n\n"
    "Talks continued. Exports grew."
)


@pytest.fixture(scope="module")
def words_filter(nlp):
    """A filter that marks sentences naming a capital (as a phrase) or holding "he" or "talks"."""
    from spacy.matcher import PhraseMatcher

    from coders.sentences import SentenceFilter

    capitals = PhraseMatcher(nlp.vocab, attr="ORTH")
    capitals.add("capital", [nlp.make_doc("Tashkent")])
    return SentenceFilter(nlp, [capitals], ["he", "Talks"])


@pytest.mark.parametrize(
    ("sentence", "parsed"),
    [
        ("Kazakh President Nursultan Nazarbayev arrived in Tashkent on Monday.", True),  # a phrase
        ("The weather was mild.", False),
        ("Rain fell all week.", False),
        ("He met Uzbek officials.", True),  # a word, matched lowercase
        ("Markets were calm.", False),
        ("Talks continued.", True),
        ("Exports grew.", False),
    ],
)
def test_parse_documents_parses_only_the_sentences_the_filter_marks(nlp, words_filter, sentence, parsed):
    document = Document(doc_id="d2", path="x.txt", text=ARTICLE)
    [(_, items)] = list(parse_documents([document], nlp, candidates=words_filter))
    [item] = [i for i in items if i.sentence.text == sentence]
    assert (item.span is not None) == parsed
    if parsed:
        assert item.span.text.strip() == sentence
        assert item.span[0].pos_ and item.span[-1].dep_  # tagged and parsed


def test_parse_documents_stores_every_sentence_with_or_without_a_parse(nlp, words_filter):
    document = Document(doc_id="d2", path="x.txt", text=ARTICLE)
    [(_, filtered)] = list(parse_documents([document], nlp, candidates=words_filter))
    [(_, everything)] = list(parse_documents([document], nlp))
    assert [i.sentence for i in filtered] == [i.sentence for i in everything]
    assert [i.sentence.paragraph_index for i in filtered] == [0, 0, 0, 0, 1, 2, 2]
    assert all(i.span is not None for i in everything)


def test_parsed_spans_are_one_sentence_each(nlp, words_filter):
    document = Document(doc_id="d2", path="x.txt", text=ARTICLE + "\n\nHe spoke. Then he left. Nothing else happened.")
    for _, items in parse_documents([document], nlp, candidates=words_filter):
        for item in items:
            if item.span is not None:
                assert {token.sent.start for token in item.span} == {item.span.start}
                assert item.span.sent.end == item.span.end


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("He left Tashkent.", ["He", "Tashkent"]),
        ("he said so", ["he"]),
        ("Heads of state met.", []),  # words are whole tokens
        ("TALKS resumed.", ["TALKS"]),
    ],
)
def test_sentence_filter_marks_phrase_starts_and_words(nlp, words_filter, text, marked):
    doc = nlp.make_doc(text)
    flags = words_filter.marks(doc)
    assert [t.text for t, flag in zip(doc, flags, strict=True) if flag] == marked


def test_the_sentence_of_a_parsed_token_is_the_one_spacy_finds(nlp, words_filter):
    """The hook that finds a token's sentence among the run's starts gives what spaCy's own search gives."""
    document = Document(doc_id="d3", path="x.txt", text=ARTICLE + "\n\nHe spoke in Tashkent. Then he left. Talks ended.")
    hooked = 0
    for _, items in parse_documents([document], nlp, candidates=words_filter):
        for item in [i for i in items if i.span is not None]:
            doc = item.span.doc
            hook = doc.user_token_hooks.pop("sent")
            hooked += 1
            try:
                searched = [(t.sent.start, t.sent.end) for t in doc]
            finally:
                doc.user_token_hooks["sent"] = hook
            assert [(t.sent.start, t.sent.end) for t in doc] == searched
    assert hooked


def test_runs_cut_from_one_paragraph_keep_hooks_of_their_own(nlp, words_filter):
    """Span.as_doc shares the hook dict of the doc it is cut from: each run must still find its own sentences."""
    text = "The weather was mild. He met Uzbek officials. Talks continued. Rain fell all week. He left Tashkent."
    [(_, items)] = list(parse_documents([Document(doc_id="d4", path="x.txt", text=text)], nlp, candidates=words_filter))
    spans = [i.span for i in items if i.span is not None]
    assert len({id(s.doc) for s in spans}) == 2  # two runs, cut from one paragraph
    for span in spans:
        assert all((t.sent.start, t.sent.end) == (span.start, span.end) for t in span)


def test_sentence_filter_reads_the_text_it_is_given(nlp):
    """marks(doc, text) finds the phrases marks(doc) finds, reading the caller's text instead of joining the tokens."""
    from coders.phrase_index import PhraseIndex
    from coders.sentences import SentenceFilter

    names = SentenceFilter(nlp, [PhraseIndex([("Tashkent", 0), ("Nursultan Nazarbayev", 1)])], [])
    doc = nlp.make_doc(ARTICLE)
    flags = names.marks(doc, ARTICLE)
    assert [t.text for t, flag in zip(doc, flags, strict=True) if flag] == ["Nursultan", "Tashkent"]
    assert flags.tolist() == names.marks(doc).tolist()
