"""What the PETRARCH dictionary readers share: comment stripping, phrases, problems, grammar words.

PETRARCH/TABARI dictionaries are plain text. Comments are dropped as PETRARCH drops them: a line
starting with ``#`` or ``<!``, anything after ``#`` or ``;`` on a line, and ``<!-- ... -->``, also
across lines. Blank lines are skipped. Phrases join words with spaces or underscores; a trailing
underscore (TABARI's "whole word" mark) is dropped, since the coder matches whole words anyway.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from coders.lexicon import read_data_text
from schemas.errors import LexiconError

GRAMMAR_FILE = Path(__file__).resolve().parent / "grammar.toml"

_INLINE_COMMENT = re.compile(r"[#;]")
_OPEN, _CLOSE = "<!--", "-->"


class DictionaryError(LexiconError):
    """A line of a PETRARCH-format dictionary (or validation file) cannot be read: ``file:line: message``."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        super().__init__(message, path=path, line=line)
        self.args = (f"{path}:{line}: {message}" if line is not None else f"{path}: {message}",)
        self.detail = message


@dataclass(frozen=True)
class Problem:
    """A line a reader skipped, and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Problems:
    """Collects the lines a reader cannot use: strict readers raise on the first, lenient ones keep a list."""

    strict: bool = True
    found: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int, message: str) -> None:
        """Record a malformed line; raise DictionaryError at once when strict."""
        if self.strict:
            raise DictionaryError(message, path=str(path), line=line)
        self.found.append(Problem(str(path), line, message))


def read_text(path: Path) -> str:
    """The UTF-8 text of a dictionary file, or a DictionaryError naming it."""
    return read_data_text(path, DictionaryError)


def dictionary_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line that holds something, comments removed, leading blanks kept."""
    inside = False
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
        text = raw
        if inside:
            if _CLOSE not in text:
                continue
            text, inside = text[text.index(_CLOSE) + len(_CLOSE) :], False
        while _OPEN in text:
            before, _, after = text.partition(_OPEN)
            if _CLOSE in after:
                text = before + after[after.index(_CLOSE) + len(_CLOSE) :]
            else:
                text, inside = before, True
        if text.lstrip().startswith("<!"):  # a malformed comment opener such as "<! --"
            inside = _CLOSE not in text
            continue
        cut = _INLINE_COMMENT.search(text)
        if cut:
            text = text[: cut.start()]
        text = text.rstrip()
        if text.strip():
            yield number, text


def phrase_words(text: str) -> list[str]:
    """The words of a dictionary phrase: split on blanks and underscores, TABARI's trailing '_' dropped."""
    return [word for word in re.split(r"[\s_]+", text.strip()) if word]


@dataclass(frozen=True)
class GrammarWords:
    """Closed-class English words the verb reader needs to read a pattern: particles, prepositions, articles."""

    particles: frozenset[str]
    prepositions: frozenset[str]
    determiners: frozenset[str]


@cache
def grammar_words() -> GrammarWords:
    """The word lists of grammar.toml, read once."""
    where = str(GRAMMAR_FILE)
    try:
        data = tomllib.loads(GRAMMAR_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"cannot read the grammar word lists: {e}", path=where) from e
    lists: dict[str, frozenset[str]] = {}
    for key in ("particles", "prepositions", "determiners"):
        words = data.get(key)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w == w.lower() for w in words):
            raise LexiconError("must be a non-empty list of lowercase words", path=where, field=key)
        lists[key] = frozenset(words)
    return GrammarWords(**lists)
