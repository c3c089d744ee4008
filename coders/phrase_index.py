"""Written phrases found in text by their exact spelling, for tens of thousands of names at little cost.

spaCy's PhraseMatcher needs each phrase tokenized into a Doc when it is built, which adds every word to
the vocabulary: for the world's people and organisations (some 40,000 phrases) that takes seconds and
over a hundred megabytes. A `PhraseIndex` keeps the phrases as strings instead. A phrase matches the
tokens i..j of a text when the text from token i's first character to token j's last is the phrase,
written exactly (case kept): "Bashar al-Assad" matches the three tokens "Bashar", "al-", "Assad" ... as
spaCy splits them, whatever the split. Only tokens whose first word-part begins some phrase are tried,
and a window grows no longer than the longest phrase beginning so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

_PART = re.compile(r"[\s\-'’.,/]")


def _lead(text: str) -> str:
    """The first word-part of a text: up to its first blank, hyphen, apostrophe, period, comma or slash."""
    lead = _PART.split(text, maxsplit=1)[0]
    return lead or text[:1]


class PhraseIndex:
    """Exact written phrases, each with a match id; called on a Doc or Span like spaCy's PhraseMatcher."""

    def __init__(self, phrases: Iterable[tuple[str, int]] = ()) -> None:
        self._ids: dict[str, int] = {}
        self._longest: dict[str, int] = {}
        for phrase, match_id in phrases:
            self.add(phrase, match_id)

    def add(self, phrase: str, match_id: int) -> None:
        """Index one phrase under a match id (a phrase added twice keeps its first id)."""
        phrase = phrase.strip()
        if not phrase:
            return
        self._ids.setdefault(phrase, match_id)
        lead = _lead(phrase)
        self._longest[lead] = max(self._longest.get(lead, 0), len(phrase))

    def __len__(self) -> int:
        return len(self._ids)

    def __call__(self, doclike: Doc | Span) -> list[tuple[int, int, int]]:
        """Every (match id, start, end) of a phrase in the tokens of a Doc or Span, offsets in the Doc."""
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        start, end = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
        text, found = doc.text, []
        for i in range(start, end):
            token = doc[i]
            longest = self._longest.get(_lead(token.text))
            if longest is None:
                continue
            first = token.idx
            for j in range(i, end):
                last = doc[j].idx + len(doc[j].text)
                if last - first > longest:
                    break
                match_id = self._ids.get(text[first:last])
                if match_id is not None:
                    found.append((match_id, i, j + 1))
        return found
