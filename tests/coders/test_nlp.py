"""The pipeline as loaded: the splitter handed out, noun inflections found, the attribute table equal to the ruler."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from coders.nlp import AttributeTable, lemma_forms, splitter
from schemas.errors import DyadflowError

# Sentences that reach the English ruler's exceptions: contractions, pronouns as objects, determiners,
# whitespace tokens, "nothin'" and "y'all" (REGEX rules), "is/was" as auxiliaries (IN rules).
SENTENCES = [
    "Uzbek President Islam Karimov met Kazakh President Nursultan Nazarbayev in Astana on Monday.",
    "I don't know, y'all ain't seen nothin' yet. He'd've said it's you.",
    "That which I gave them,  \n\n they gave it to me and you.",
    "Won't you? Can't they? Isn't it? We're here; you're there, and she's gone.",
    "The talks, which were held in Tashkent, have been postponed; it was Russia that objected.",
]


def test_load_nlp_runs_the_attribute_table_in_the_rulers_place(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert "ner" not in nlp.pipe_names and "senter" in nlp.component_names and "senter" not in nlp.pipe_names


@pytest.mark.parametrize("text", SENTENCES)
def test_attribute_table_sets_what_the_attribute_ruler_sets(nlp, text):
    table = nlp.get_pipe("attribute_ruler")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(table.patterns)
    parsed = nlp(text, disable=["attribute_ruler", "lemmatizer"])
    by_ruler, by_table = ruler(Doc.from_docs([parsed])), table(Doc.from_docs([parsed]))
    attributes = [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in by_ruler]
    assert [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in by_table] == attributes


# Patterns of every kind a ruler may hold, on a blank pipeline with tags set by hand.
HAND_PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": {"IN": ["a", "the"]}, "TAG": "DT"}]], "attrs": {"POS": "DET", "LEMMA": "the"}},
    {"patterns": [[{"TAG": "NN", "LOWER": {"NOT_IN": ["dog"]}}]], "attrs": {"MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": {"REGEX": "^ca"}}]], "attrs": {"LEMMA": "feline"}},
    {"patterns": [[{"LOWER": "big"}, {"TAG": "NN"}]], "attrs": {"POS": "PROPN"}, "index": -1},
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], "attrs": {"POS": "ADV"}, "index": 0},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "TAG": "_SP"}},
]


@pytest.mark.parametrize(
    ("words", "tags"),
    [
        (["the", "big", "cat", "saw", "a", "dog"], ["DT", "JJ", "NN", "VBD", "DT", "NN"]),
        (["very", "very", "big", "dog", "\n", "cat"], ["RB", "RB", "JJ", "NN", "_SP", "NN"]),
    ],
)
def test_attribute_table_follows_the_ruler_for_every_kind_of_pattern(words, tags):
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(HAND_PATTERNS)
    table = AttributeTable(nlp.vocab)
    table.compile(ruler)
    assert len(table._rest) == 1  # only the OP pattern needs a Matcher

    def fresh() -> Doc:
        return Doc(nlp.vocab, words=words, tags=tags)

    expected = [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in ruler(fresh())]
    assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in table(fresh())] == expected


@pytest.mark.parametrize(
    ("lemma", "form"),
    [("minister", "ministers"), ("policeman", "policemen"), ("country", "countries"), ("leader", "leader")],
)
def test_lemma_forms_include_the_inflections_the_lemmatizer_undoes(nlp, lemma, form):
    assert form in lemma_forms(nlp, [lemma])


def test_splitter_says_how_to_get_a_pipeline_with_one():
    with pytest.raises(DyadflowError, match="senter"):
        splitter(spacy.blank("en"))
