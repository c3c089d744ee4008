"""The named word sets of the lexicon (``coders/data/synsets.toml``): ``[sets]`` of lemma lists that
verbs.csv and the coder name with ``@set``, and ``[light] verbs`` that hand their object noun's event
over to the noun ("made a visit").

Read with `coders.datafiles`; a set may include another (``@name``), cycles refused; problems are
reported as ``synsets.toml:line [set] message``.
"""

from __future__ import annotations

import re
from pathlib import Path

from coders.datafiles import read_toml
from schemas.errors import LexiconError

_WORD = re.compile(r"[\w'.-]+|[$€£¥₹₽]")  # a currency sign is a word of its own ("$500 million")
SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")


def is_word(value: str) -> bool:
    """Whether a value is one lowercase word (letters, digits, apostrophes, dots, hyphens) or a currency sign."""
    return bool(_WORD.fullmatch(value)) and value == value.lower()


def word_list(value: object, what: str, *, where: str, line: int | None) -> list[str]:
    """A TOML list of lowercase words, or a LexiconError naming file:line [what]."""
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        raise LexiconError("must be a non-empty list of quoted words", path=where, line=line, field=what)
    for item in value:
        if not is_word(item.removeprefix("@")):
            raise LexiconError(f"must hold lowercase single words, got {item!r}", path=where, line=line, field=what)
    return value


def read_synsets(path: Path) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """The named sets, with @references among them expanded, and the light verbs."""
    toml = read_toml(path)
    data, where = toml.data, str(path)
    for table in data:
        if table not in ("sets", "light"):
            message = "unknown table; expected [sets] and [light]"
            raise LexiconError(message, path=where, line=toml.line_of(table), field=table)
    raw = data.get("sets")
    if not isinstance(raw, dict) or not raw:
        raise LexiconError("[sets] must name at least one list of lemmas", path=where, line=toml.line_of("sets"))
    light = data.get("light")
    if not isinstance(light, dict) or set(light) != {"verbs"}:
        message = "[light] must hold exactly `verbs = [...]`"
        raise LexiconError(message, path=where, line=toml.line_of("light"), field="light")
    light_verbs = word_list(light["verbs"], "light.verbs", where=where, line=toml.line_of("verbs", "light"))
    if any(verb.startswith("@") for verb in light_verbs):
        raise LexiconError("light verbs are lemmas, not @sets", path=where, line=toml.line_of("verbs", "light"))
    for name, members in raw.items():
        line = toml.line_of(name, "sets")
        if not SLUG.fullmatch(name):
            raise LexiconError("a set name must be a lowercase slug", path=where, line=line, field=name)
        word_list(members, name, where=where, line=line)

    expanded: dict[str, frozenset[str]] = {}

    def expand(name: str, trail: tuple[str, ...]) -> frozenset[str]:
        if name in expanded:
            return expanded[name]
        if name in trail:
            cycle = " -> ".join((*trail[trail.index(name) :], name))
            line = toml.line_of(trail[-1], "sets")
            raise LexiconError(f"sets include each other in a cycle: {cycle}", path=where, line=line, field=trail[-1])
        words: set[str] = set()
        for member in raw[name]:
            if not member.startswith("@"):
                words.add(member)
            elif member[1:] in raw:
                words |= expand(member[1:], (*trail, name))
            else:
                raise LexiconError(f"unknown set {member!r}", path=where, line=toml.line_of(name, "sets"), field=name)
        expanded[name] = frozenset(words)
        return expanded[name]

    for name in raw:
        expand(name, ())
    return expanded, frozenset(light_verbs)
