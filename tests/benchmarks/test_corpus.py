"""Benchmark corpora: shuffled seed sentences, the same every time, readable by the pipeline's own ingest."""

from __future__ import annotations

import pytest

from benchmarks.corpus import EXAMPLES, articles, read_documents, source_sentences, write_jsonl

SENTENCES = [f"Sentence number {i} says something." for i in range(40)]


def test_articles_are_the_same_for_the_same_seed_and_differ_across_seeds():
    first, again, other = (list(articles(5, SENTENCES, seed=s)) for s in (1, 1, 2))
    assert first == again and first != other


@pytest.mark.parametrize(("n", "length"), [(1, (8, 8)), (20, (8, 24)), (3, (50, 60))])
def test_articles_draw_their_sentences_in_paragraphs(n, length):
    records = list(articles(n, SENTENCES, length=length))
    assert len(records) == n and len({r["id"] for r in records}) == n
    for record in records:
        drawn = sum(p.count("says something.") for p in record["text"].split("\n\n"))
        assert min(length[0], len(SENTENCES)) <= drawn <= min(length[1], len(SENTENCES))


def test_articles_need_sentences():
    with pytest.raises(ValueError, match="no sentences"):
        next(articles(1, []))


def test_generated_articles_read_back_as_dated_documents(tmp_path):
    path = tmp_path / "corpus.jsonl"
    assert write_jsonl(path, articles(12, SENTENCES)) == 12
    documents = read_documents(path)
    assert len(documents) == 12 and len({d.doc_id for d in documents}) == 12
    assert all(d.date_source == "given" and d.doc_date is not None for d in documents)


def test_source_sentences_split_the_built_in_examples(nlp):
    sentences = source_sentences(EXAMPLES)
    assert len(sentences) > 20 and all(s == " ".join(s.split()) and s for s in sentences)
