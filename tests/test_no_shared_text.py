"""The project holds no text of ../shared: no line of the PETRARCH dictionaries, no run of words of the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

# Our own text files; the data tables (countries, people, organisations, CAMEO names) hold facts
# that any source states the same way, so they are left to review.
OWN_TEXT = ("*.py", "*.md", "*.toml", "*.txt", "*.sql", "*.yaml")
SKIP = {".venv", ".git", "demo-warehouse", "build", "dist"}
FORMAT_CHARS = re.compile(r"[\[\]{}_+&!~%$^*]")
SEED_RUN = 8  # words in a row that would be a copied sentence, not a shared phrase


def _own_files() -> list[Path]:
    """The project's text files, outside the virtualenv and generated folders."""
    found = []
    for pattern in OWN_TEXT:
        found += [p for p in ROOT.rglob(pattern) if not SKIP & set(p.relative_to(ROOT).parts) and ".egg-info" not in str(p)]
    return sorted(found)


def _normal(line: str) -> str:
    """A line without its '#' comment, blanks collapsed, upper case."""
    return " ".join(line.split("#", 1)[0].split()).upper()


def _dictionary_lines() -> set[str]:
    """The lines of the PETRARCH dictionaries that say something: a word with a code, a form list, a pattern."""
    lines = set()
    for path in (SHARED / "petrarch").rglob("*.txt"):
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            text = _normal(line)
            if re.search(r"[A-Z]{3}", text) and (FORMAT_CHARS.search(text) or " " in text) and len(text) >= 8:
                lines.add(text)
    return lines


@pytest.mark.skipif(not (SHARED / "petrarch").is_dir(), reason="../shared/petrarch is not beside the project")
def test_no_line_of_the_petrarch_dictionaries_is_copied_into_the_project():
    dictionary = _dictionary_lines()
    copied = []
    for path in _own_files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="ignore").splitlines(), start=1):
            pieces = [line, *re.findall(r'"([^"\n]+)"', line), *re.findall(r"`+([^`\n]+)`+", line)]
            copied += [f"{path.relative_to(ROOT)}:{number}: {piece.strip()}" for piece in pieces if _normal(piece) in dictionary]
    assert copied == []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not beside the project")
def test_no_sentence_of_the_seed_articles_is_copied_into_the_project():
    runs = set()
    for path in (SHARED / "seeds").iterdir():
        words = _words(path.read_text(encoding="utf-8", errors="ignore"))
        runs.update(tuple(words[i : i + SEED_RUN]) for i in range(len(words) - SEED_RUN + 1))
    copied = []
    for path in _own_files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="ignore").splitlines(), start=1):
            words = _words(line)
            if any(tuple(words[i : i + SEED_RUN]) in runs for i in range(len(words) - SEED_RUN + 1)):
                copied.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert copied == []
