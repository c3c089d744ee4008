"""Written phrases found in text by their exact spelling, for tens of thousands of names at little cost.

spaCy's PhraseMatcher needs each phrase tokenized into a Doc when it is built, which adds every word to
the vocabulary: for the world's people and organisations (some 40,000 phrases) that takes seconds and
over a hundred megabytes. A `PhraseIndex` keeps the phrases as strings instead. A phrase matches the
tokens i..j of a text when the text from token i's first character to token j's last is the phrase,
written exactly (case kept): "Bashar al-Assad" matches the tokens "Bashar", "al", "-", "Assad" as spaCy
splits them, whatever the split. Only tokens whose first word-part begins some phrase are tried,
and a window grows no longer than the longest phrase beginning so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # spaCy is imported when a text is matched: the actor tables load without it (dyadflow sql, dyad)
    from spacy.tokens import Doc, Span

_PART = re.compile(r"[\s\-'’.,/]")
_LEAD_CACHE = 200_000  # words whose longest phrase is remembered

T = TypeVar("T")


def _lead(text: str) -> str:
    """The first word-part of a text: up to its first blank, hyphen, apostrophe, period, comma or slash."""
    lead = _PART.split(text, maxsplit=1)[0]
    return lead or text[:1]


class PhraseIndex:
    """Exact written phrases, each with a match id; called on a Doc or Span like spaCy's PhraseMatcher.

    With `ignore_case`, phrases and text are compared lowercased (PhraseMatcher's attr="LOWER").
    """

    def __init__(self, phrases: Iterable[tuple[str, int]] = (), *, ignore_case: bool = False) -> None:
        self.ignore_case = ignore_case
        self._ids: dict[str, int] = {}
        self._longest: dict[str, int] = {}
        self._longest_of: dict[int, int] = {}  # a word's hash -> the longest phrase its first part begins (0: none)
        for phrase, match_id in phrases:
            self.add(phrase, match_id)

    def add(self, phrase: str, match_id: int) -> None:
        """Index one phrase under a match id (a phrase added twice keeps its first id)."""
        phrase = phrase.strip()
        if not phrase:
            return
        if self.ignore_case:
            phrase = phrase.lower()
        self._ids.setdefault(phrase, match_id)
        lead = _lead(phrase)
        self._longest[lead] = max(self._longest.get(lead, 0), len(phrase))
        self._longest_of.clear()  # what words begin has changed

    def __len__(self) -> int:
        return len(self._ids)

    def lookup(self, phrase: str) -> int | None:
        """The match id of a phrase written exactly so, or None."""
        return self._ids.get(phrase.lower() if self.ignore_case else phrase)

    def __call__(self, doclike: Doc | Span, text: str | None = None) -> list[tuple[int, int, int]]:
        """Every (match id, start, end) of a phrase in the tokens of a Doc or Span, offsets in the Doc.

        `text`: the Doc's or Span's own text when the caller has it (spaCy joins every token's text to make it).
        """
        from spacy.attrs import IDX, LENGTH, ORTH
        from spacy.tokens import Span

        doc = doclike.doc if isinstance(doclike, Span) else doclike
        start, end = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
        rows = doc.to_array([ORTH, IDX, LENGTH])[start:end].tolist()  # no Token objects: this runs on every text
        base = doclike.start_char if isinstance(doclike, Span) else 0  # a Span's own text, not the whole Doc's each time
        text, lower_each = doclike.text if text is None else text, False
        if self.ignore_case:  # lowercased once, unless a letter lowercases to two ("İ") and would shift the offsets
            lowered = text.lower()
            text, lower_each = (lowered, False) if len(lowered) == len(text) else (text, True)
        found, longest_of, strings = [], self._longest_of, doc.vocab.strings
        for i, (orth, first, _) in enumerate(rows):
            longest = longest_of.get(orth)
            if longest is None:
                word = strings[orth]
                longest = self._longest.get(_lead(word.lower() if self.ignore_case else word), 0)
                if len(longest_of) < _LEAD_CACHE:
                    longest_of[orth] = longest
            if not longest:
                continue
            for j in range(i, len(rows)):
                last = rows[j][1] + rows[j][2]
                if last - first > longest:
                    break
                written = text[first - base : last - base]
                match_id = self._ids.get(written.lower() if lower_each else written)
                if match_id is not None:
                    found.append((match_id, start + i, start + j + 1))
        return found


class NameIndex(Generic[T]):
    """Written names as a matcher looks them up: a phrase's match id i names the things in `targets[i]`.

    Names are matched case-sensitively, a lowercase data entry with its first letter capitalized; a
    lowercase phrase of several words ("war crimes tribunal") is also matched as written, and a phrase
    opening with "the" also without it.
    """

    def __init__(self, written: dict[str, list[T]]) -> None:
        self.targets: list[list[T]] = []
        self.phrases = PhraseIndex()
        for phrase, targets in written.items():
            match_id = len(self.targets)
            self.targets.append(list(targets))
            variants = _variants(phrase)
            for pattern in {_cased(v) for v in variants} | {v for v in variants if " " in v and v.islower()}:
                self.phrases.add(pattern, match_id)


def _variants(phrase: str) -> set[str]:
    variants = {phrase}
    if phrase.lower().startswith("the "):
        variants.add(phrase[4:])
    return variants


def _cased(phrase: str) -> str:
    """Names are matched case-sensitively; lowercase data entries are matched capitalized."""
    return phrase if any(c.isupper() for c in phrase) else phrase[:1].upper() + phrase[1:]
