"""A lexicon whose entries may come from PETRARCH dictionaries, and the lemmatizer that reads their words.

`DictionaryLexicon` adds to `coders.lexicon.Lexicon` the null code (an entry that blocks its verb) and
paired codes; `spacy_lemmatizer` lemmatizes dictionary words as the parse does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from spacy.language import Language

from coders.lexicon import Lexicon, LexiconEntry
from coders.modality_table import Modality
from coders.petrarch.patterns import NULL_CODE, Lemmatize


def spacy_lemmatizer(nlp: Language) -> Lemmatize:
    """lemma(word, pos) with the pipeline's own rule lemmatizer, so dictionary words compare to the parse."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    tables = getattr(lemmatizer, "lookups", None)
    index = tables.get_table("lemma_index") if tables is not None and tables.has_table("lemma_index") else {}
    base_verbs = frozenset(index.get("verb", ()))

    @cache
    def lemma(word: str, pos: str) -> str:
        if pos == "VERB" and word.lower() in base_verbs:
            return word.lower()  # "express" is a verb as it stands, not "expres" + s
        doc = nlp.make_doc(word.lower())
        if len(doc) != 1:
            return word.lower()
        doc[0].pos_ = pos
        found = lemmatizer.rule_lemmatize(doc[0])  # type: ignore[attr-defined]
        return str(found[0]).lower() if found else word.lower()

    return lemma


class DictionaryLexicon(Lexicon):
    """A lexicon whose entries may come from PETRARCH dictionaries: null codes block, paired codes pair.

    An entry with the null code ``---`` matches like any other, but `match` then returns None, so
    the verb codes nothing ("approve the budget" under APPROVE). `paired_code` gives the code of
    the reversed second event of a paired entry (``[042:043]``: "arrived in" is a visit one way
    and hosting a visit the other).
    """

    def __init__(
        self,
        entries: Iterable[LexiconEntry],
        synsets: Mapping[str, frozenset[str]],
        light_verbs: Iterable[str],
        modality: Modality,
        paired: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(entries, synsets, light_verbs, modality)
        self.paired = dict(paired or {})

    def blocks(self, entry: LexiconEntry) -> bool:
        """Whether an entry stops its trigger from coding: the null code ``---``."""
        return entry.code == NULL_CODE

    def paired_code(self, rule: str) -> str | None:
        """The code of the reversed event an entry pairs with its own, if it is a paired entry."""
        return self.paired.get(rule)
