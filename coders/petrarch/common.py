"""What the PETRARCH dictionary readers share: comment stripping, phrases, problems, grammar words.

PETRARCH/TABARI dictionaries are plain text. Comments are dropped as PETRARCH drops them: a line
starting with ``#`` or ``<!``, anything after ``#`` or ``;`` on a line, and ``<!-- ... -->``, also
across lines. Blank lines are skipped. Phrases join words with spaces or underscores; a trailing
underscore (TABARI's "whole word" mark) is dropped, since the coder matches whole words anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from coders.datafiles import read_text as read_data_text
from coders.datafiles import read_toml
from schemas.errors import DictionaryError

GRAMMAR_FILE = Path(__file__).resolve().parent / "grammar.toml"

_INLINE_COMMENT = re.compile(r"[#;]")
_OPEN, _CLOSE = "<!--", "-->"


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


def _lowercase(words: frozenset[str]) -> frozenset[str]:
    if any(word != word.lower() for word in words):
        raise ValueError("must be a non-empty list of lowercase words")
    return words


_LowercaseWords = Annotated[frozenset[str], Field(min_length=1), AfterValidator(_lowercase)]


class GrammarWords(BaseModel):
    """Closed-class English words the verb reader needs to read a pattern: particles, prepositions, articles."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    particles: _LowercaseWords
    prepositions: _LowercaseWords
    determiners: _LowercaseWords


@cache
def grammar_words() -> GrammarWords:
    """The word lists of grammar.toml, read once; LexiconError naming file:line [field] when malformed."""
    return read_toml(GRAMMAR_FILE).validate(GrammarWords)
