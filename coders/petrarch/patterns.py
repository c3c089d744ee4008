"""The pieces of a PETRARCH verb pattern: its elements (words, sets, phrases, role markers, prepositional groups),
its code (``[042]``, ``[042:043]``, ``[---]``) and the conditions it sets on an entry.

`coders.petrarch.verbs` reads a dictionary's lines with these; the format is described there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from coders.cameo import cameo_table
from coders.petrarch.common import phrase_words

NULL_CODE = "---"

Lemmatize = Callable[[str, str], str]

_TOKEN = re.compile(r"[(){}*]|[^\s(){}*]+")
_MARKERS = frozenset({"$", "+", "%", "^"})


class _PatternError(ValueError):
    """A pattern or verb line that cannot be read (unbalanced brackets, no verb slot ...).

    Never reaches a user: the verb reader turns it into a `DictionaryError` naming file:line.
    """


# -- the elements of a pattern ----------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word, or words joined by underscores that must follow each other ("BORDER_POST")."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class SetRef:
    """A synonym set named in a pattern or a set: ``&PACTKINDS``."""

    name: str


@dataclass(frozen=True)
class Phrase:
    """A noun phrase in braces: its last item is the head, the others modify it."""

    items: tuple[Word | SetRef, ...]


@dataclass(frozen=True)
class Marker:
    """``$`` source, ``+`` target, ``%`` compound, ``^`` skip."""

    symbol: str


@dataclass(frozen=True)
class PrepGroup:
    """A prepositional phrase in parentheses: the preposition and what follows it."""

    prep: str
    items: tuple[Element, ...]


Element = Word | SetRef | Phrase | Marker | PrepGroup


def tokens_of(text: str) -> list[str]:
    return _TOKEN.findall(text)


def parse_elements(tokens: list[str]) -> list[Element]:
    """The elements of a token list; _PatternError on unbalanced brackets."""
    out: list[Element] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "(":
            end = _closing(tokens, i, "(", ")")
            inner = parse_elements(tokens[i + 1 : end])
            if not inner or not isinstance(inner[0], Word) or len(inner[0].words) != 1:
                raise _PatternError("a prepositional phrase must start with its preposition: (TO ...)")
            out.append(PrepGroup(inner[0].words[0].lower(), tuple(inner[1:])))
            i = end + 1
        elif token == "{":
            end = _closing(tokens, i, "{", "}")
            inner = parse_elements(tokens[i + 1 : end])
            if not inner or not all(isinstance(item, (Word, SetRef)) for item in inner):
                raise _PatternError("a {noun phrase} holds words and &sets only")
            out.append(Phrase(tuple(item for item in inner if isinstance(item, (Word, SetRef)))))
            i = end + 1
        elif token in (")", "}"):
            raise _PatternError(f"unbalanced {token!r}")
        else:
            out.append(_atom(token))
            i += 1
    return out


def _atom(token: str) -> Element:
    if token in _MARKERS:
        return Marker(token)
    if token.startswith("&"):
        return SetRef(set_name(token))
    words = phrase_words(token)
    if not words:
        raise _PatternError(f"not a word: {token!r}")
    return Word(tuple(words))


def _closing(tokens: list[str], start: int, opening: str, closing: str) -> int:
    for j in range(start + 1, len(tokens)):
        if tokens[j] == closing:
            return j
        if tokens[j] == opening:
            raise _PatternError(f"nested {opening!r} is not allowed")
    raise _PatternError(f"missing {closing!r}")


def set_name(token: str) -> str:
    """A set's name as defined or used: "&AUXVERB1_" and "&auxverb1" are both AUXVERB1."""
    return token.lstrip("&").rstrip("_").upper()


# -- codes --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeSpec:
    """A bracketed code read for the coder: the event code, whether it runs target to source, the paired code."""

    code: str  # a CAMEO code, or NULL_CODE for "no event"
    reverse: bool = False
    paired: str | None = None


def read_code(text: str, foreign: Counter[str]) -> CodeSpec | None:
    """The CodeSpec of the inside of ``[...]``; None when no part is a CAMEO code or the null code.

    Codes outside the CAMEO table are counted in `foreign`.
    """
    text = text.strip()
    if text == NULL_CODE:
        return CodeSpec(NULL_CODE)
    first, colon, second = text.partition(":")
    first, second = first.strip(), second.strip()
    main = _cameo(first, foreign) if first and first != NULL_CODE else None
    back = _cameo(second, foreign) if colon and second and second != NULL_CODE else None
    if main is not None:
        return CodeSpec(main, paired=back)
    if back is not None:
        return CodeSpec(back, reverse=True)
    if first == NULL_CODE and (not colon or second in ("", NULL_CODE)):
        return CodeSpec(NULL_CODE)
    return None


def _cameo(code: str, foreign: Counter[str]) -> str | None:
    if code in cameo_table():
        return code
    foreign[code] += 1
    return None


# -- conditions ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conditions:
    """What an entry asks of the parse (the fields of `coders.lexicon.LexiconEntry` of the same names)."""

    particle: str | None = None
    objects: frozenset[str] | None = None
    modifiers: frozenset[str] | None = None
    preps: tuple[str, ...] = ()
    reverse: bool = False
    subjects: frozenset[str] | None = None
    phrases: tuple[tuple[str, frozenset[str]], ...] = ()
    compound: bool = False

    def any(self) -> bool:
        """Whether the conditions tell the entry apart from the bare verb."""
        return bool(
            self.particle or self.objects or self.modifiers or self.preps or self.reverse or self.subjects or self.phrases or self.compound
        )

    def merge(self, other: Conditions) -> Conditions | None:
        """The conditions of a pattern applied to a (multi-word) verb; None if their particles clash."""
        if self.particle and other.particle and self.particle != other.particle:
            return None
        objects, modifiers = self.objects, self.modifiers
        if other.objects:
            if objects:
                modifiers = (modifiers or frozenset()) | other.objects
            else:
                objects = other.objects
        if other.modifiers:
            modifiers = (modifiers or frozenset()) | other.modifiers
        preps = self.preps + tuple(p for p in other.preps if p not in self.preps)
        subjects = self.subjects | other.subjects if self.subjects and other.subjects else self.subjects or other.subjects
        return Conditions(
            self.particle or other.particle,
            objects,
            modifiers,
            preps,
            self.reverse != other.reverse,
            subjects,
            self.phrases + tuple(p for p in other.phrases if p not in self.phrases),
            self.compound or other.compound,
        )
