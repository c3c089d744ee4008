"""PETRARCH discard lists: phrases that mark a sentence, or with ``+`` a whole story, as not to be coded.

One phrase a line (``CRICKET SCORES``, ``+CHESS OLYMPIAD``): sports results, chronologies,
fiction. As in PETRARCH, matching ignores case, a phrase must start a word, and it is a stem
("OLYMPI" matches "Olympics") unless it ends with ``_``, when it must also end the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coders.petrarch.common import Problems, dictionary_lines, phrase_words


@dataclass(frozen=True)
class Discard:
    """One discard phrase: its words, whether it drops the whole story, whether it must end a word."""

    phrase: str
    story: bool
    whole_word: bool
    path: str = ""
    line: int = 0

    def pattern(self) -> str:
        """The regular expression of the phrase from a word's start: words separated by any blanks."""
        body = r"\s+".join(re.escape(word) for word in self.phrase.split())
        return body + (r"(?!\w)" if self.whole_word else "")


# A list's phrases compiled into one regular expression, with the phrases its groups stand for.
_Compiled = tuple[re.Pattern[str], list[Discard]] | None


@dataclass
class Discards:
    """The discard phrases of one or more lists, ready to test a story or a sentence."""

    entries: list[Discard] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)

    def __post_init__(self) -> None:
        self._compiled: tuple[_Compiled, _Compiled] | None = None  # story, any: compiled on first use

    def __len__(self) -> int:
        return len(self.entries)

    def discarded(self, text: str) -> str | None:
        """The story-level (``+``) phrase found in a story's text, or None: the whole story is not coded."""
        return _first(self._regexes()[0], text)

    def sentence_discarded(self, text: str) -> str | None:
        """Any discard phrase found in a sentence, or None: the sentence is not coded."""
        return _first(self._regexes()[1], text)

    def merged(self, other: Discards) -> Discards:
        """The phrases of both lists (compiled once, on first use)."""
        problems = Problems(self.problems.strict, self.problems.found + other.problems.found)
        return Discards(self.entries + other.entries, problems)

    def _regexes(self) -> tuple[_Compiled, _Compiled]:
        """The story-level and the any-phrase regular expressions, compiled on first use."""
        if self._compiled is None:
            self._compiled = (_compile([d for d in self.entries if d.story]), _compile(self.entries))
        return self._compiled


def _compile(entries: Iterable[Discard]) -> _Compiled:
    """One regular expression of all the phrases: a word start checked once, then the phrases in order."""
    found = list(entries)
    if not found:
        return None
    alternatives = "|".join(f"(?P<d{i}>{d.pattern()})" for i, d in enumerate(found))
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE), found


def _first(compiled: _Compiled, text: str) -> str | None:
    """The phrase of the first (leftmost, then earliest listed) match in text, or None."""
    if compiled is None:
        return None
    regex, entries = compiled
    match = regex.search(text)
    if match is None:
        return None
    index = int(str(match.lastgroup)[1:])
    return entries[index].phrase


def read_discards(path: Path, *, strict: bool = True) -> Discards:
    """Read a PETRARCH discard list; DictionaryError ``file:line: message`` on a malformed line when strict."""
    path = Path(path)
    problems = Problems(strict)
    entries: list[Discard] = []
    for line, text in dictionary_lines(path):
        stripped = text.strip()
        story = stripped.startswith("+")
        body = stripped[1:].strip() if story else stripped
        words = phrase_words(body)
        if not words:
            problems.add(path, line, f"expected a phrase, got {stripped!r}")
            continue
        entries.append(Discard(" ".join(words), story, body.endswith("_"), str(path), line))
    return Discards(entries, problems)
