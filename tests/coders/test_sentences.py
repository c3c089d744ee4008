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
