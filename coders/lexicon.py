"""The verb and noun lexicon: CAMEO patterns for event triggers, the lemma sets they name, and modality.

Three data files under ``coders/data/``, read once on first use and validated row by row:

- ``verbs.csv`` (``id,pos,lemma,particle,object,modifier,prep,reverse,code,note``): one pattern a row.
  ``object`` and ``modifier`` hold ``|``-separated lemmas or ``@set`` names. For a verb, ``object``
  must match the head of its direct object; for a noun, a modifier of the noun. ``modifier`` adds a
  second condition on the same lemmas ("assistance" that is also "military"). ``prep`` lists the
  prepositions that carry the target; ``reverse`` makes the subject the target and the object of
  the preposition the source ("received aid from X").
- ``synsets.toml``: ``[sets]`` of named lemma lists and ``[light] verbs`` that hand their object
  noun's event over to the noun ("made a visit").
- ``modality.toml``: the words of intent, refusal, appeal, demand, cessation and negation, and the
  tables that turn a code into the code of intending, refusing, urging, demanding or ending it (a
  table may drop a root whose acts are then no event: "stopped criticizing"), and ``[target_codes]``,
  the codes of events whose target may be read from a place, a border, what was signed or an earlier accusation.

A match needs every condition of an entry: the same particle (a phrasal verb is a verb of its own,
so an entry without a particle matches only a verb without one: "back" is not "back down"), one of
its objects among the given lemmas, one of its modifiers among them too, and one of its
prepositions among the given ones. The most specific matching entry wins; ties go to the one
listed first in verbs.csv.

Entries read from PETRARCH-format dictionaries (coders/petrarch/verbs.py) may ask four more things
of the trigger's `Clause`, which verbs.csv has no columns for: words of the subject (or an
auxiliary), a preposition with given words opening its object, a compound subject, the trigger's
written form.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from coders.cameo import cameo_table
from schemas.errors import LexiconError

LEXICON_VERSION = "dyadflow-lexicon-2026.12.2"

DATA_DIR = Path(__file__).resolve().parent / "data"
VERBS_FILE = "verbs.csv"
SYNSETS_FILE = "synsets.toml"
MODALITY_FILE = "modality.toml"

Pos = Literal["verb", "noun"]

_COLUMNS = ["id", "pos", "lemma", "particle", "object", "modifier", "prep", "reverse", "code", "note"]
_WORD = re.compile(r"[\w'.-]+")
_SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")
_CODE = re.compile(r"\d{2,4}")
_ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
_TOML_LINE = re.compile(r"line (\d+)")
# Modality tables: the word lists each holds, or None for a code table.
_MODALITY_TABLES: dict[str, tuple[str, ...] | None] = {
    "intent": ("lemmas", "aux"),
    "intent_codes": None,
    "refusal": ("lemmas",),
    "refusal_codes": None,
    "appeal": ("lemmas",),
    "appeal_codes": None,
    "demand": ("lemmas",),
    "demand_codes": None,
    "negation": ("lemmas", "verbs", "denials", "allegations"),
    "cessation": ("lemmas",),
    "cessation_codes": None,
}
# Tables of CAMEO code prefixes by name (not words): [target_codes].
_CODE_LIST_TABLES: dict[str, tuple[str, ...]] = {"target_codes": ("placed", "posture", "agreement", "reproach")}


# -- entries ---------------------------------------------------------------------------------------


class LexiconEntry(BaseModel):
    """One pattern of the lexicon: a trigger lemma with its conditions and the CAMEO code it yields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    pos: Pos
    lemma: str
    particle: str | None = None
    objects: frozenset[str] | None = None
    modifiers: frozenset[str] | None = None
    preps: tuple[str, ...] = ()
    reverse: bool = False
    code: str
    note: str = ""
    # Conditions only PETRARCH-format dictionaries set (coders/petrarch/verbs.py); verbs.csv has no column for them.
    subjects: frozenset[str] | None = None
    phrases: tuple[tuple[str, frozenset[str]], ...] = ()
    compound: bool = False
    forms: frozenset[str] | None = None

    @property
    def specificity(self) -> int:
        """How many conditions the entry sets: one for each of particle, objects, ..., form."""
        return sum((
            self.particle is not None, self.objects is not None, self.modifiers is not None, bool(self.preps),
            self.subjects is not None, bool(self.phrases), self.compound, self.forms is not None,
        ))

    @property
    def asks_clause(self) -> bool:
        """Whether the entry asks about the rest of the clause (subjects, phrases, a compound subject, the verb's form)."""
        return self.subjects is not None or bool(self.phrases) or self.compound or self.forms is not None

    def accepts(
        self,
        particle: str | None,
        objects: frozenset[str],
        preps: frozenset[str],
        clause: Clause | None = None,
    ) -> bool:
        """Whether a trigger with this particle, object lemmas, prepositions (and `clause`) fits the entry."""
        if not (
            self.particle == particle
            and (self.objects is None or not self.objects.isdisjoint(objects))
            and (self.modifiers is None or not self.modifiers.isdisjoint(objects))
            and (not self.preps or not preps.isdisjoint(self.preps))
        ):
            return False
        if not self.asks_clause:
            return True
        clause = clause or Clause()
        return (
            (self.forms is None or clause.form in self.forms)
            and (self.subjects is None or not self.subjects.isdisjoint(clause.subjects))
            and all(
                prep in clause.phrases and (not words or not words.isdisjoint(clause.phrases[prep]))
                for prep, words in self.phrases
            )
            and (not self.compound or clause.compound)
        )


@dataclass(frozen=True)
class Clause:
    """What else a trigger's clause holds, for the conditions of dictionary entries.

    ``subjects``: lemmas of the subject's head and modifiers; ``phrases``: each preposition of the
    trigger (or of its object) with the lemmas of its objects and their modifiers, "to" also with
    an infinitive the verb governs ("allowed them to leave"); ``compound``: the subject is two or
    more conjoined words; ``form``: the trigger as written, lowercased.
    """

    subjects: frozenset[str] = frozenset()
    phrases: Mapping[str, frozenset[str]] = field(default_factory=dict)
    compound: bool = False
    form: str = ""


def _is_word(value: str) -> bool:
    return bool(_WORD.fullmatch(value)) and value == value.lower()


def _words(cell: str, what: str) -> list[str]:
    """The |-separated items of a cell (lemmas, or @set names where allowed), each checked."""
    items = [item.strip() for item in cell.split("|")] if cell else []
    for item in items:
        if not _is_word(item.removeprefix("@")):
            raise ValueError(f"{what} must be lowercase single words separated by '|', got {item!r}")
    return items


def _check_code(value: str) -> str:
    """A CAMEO code of the project's table: 2-4 digits with the leading zero, root 01-20."""
    if not _CODE.fullmatch(value):
        raise ValueError("code must be 2 to 4 digits with its leading zero, e.g. '042'")
    if value[:2] not in _ROOTS:
        raise ValueError("the root (first two digits) must be 01 to 20")
    if value not in cameo_table():
        raise ValueError("not a code of the CAMEO table (coders/data/cameo.csv)")
    return value


class _Row(BaseModel):
    """One row of verbs.csv as written; the field names are the column names, for error messages."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    pos: Pos
    lemma: str
    particle: str
    object: str
    modifier: str
    prep: str
    reverse: Literal["", "true", "false"]
    code: str
    note: str

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not _SLUG.fullmatch(value):
            raise ValueError("id must be a lowercase slug such as 'sign.agreement'")
        return value

    @field_validator("lemma", "particle")
    @classmethod
    def _one_word(cls, value: str, info: ValidationInfo) -> str:
        if value and not _is_word(value) or (not value and info.field_name == "lemma"):
            raise ValueError(f"{info.field_name} must be one lowercase word (a spaCy lemma)")
        return value

    @field_validator("object", "modifier", "prep")
    @classmethod
    def _word_list(cls, value: str, info: ValidationInfo) -> str:
        items = _words(value, str(info.field_name))
        if info.field_name == "prep" and any(item.startswith("@") for item in items):
            raise ValueError("prep lists prepositions, not @sets")
        return value

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return _check_code(value)


# -- modality --------------------------------------------------------------------------------------


class CodeTable(BaseModel):
    """A modality's code table: roots whose codes stay as they are, and code prefixes mapped to new codes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    keep: frozenset[str] = frozenset()
    drop: frozenset[str] = frozenset()  # roots whose acts are no event under this modality ("stopped criticizing")
    codes: dict[str, str] = {}

    def gaps(self) -> list[str]:
        """What keeps the table from covering each root exactly once; empty when it is whole."""
        missing = [root for root in _ROOTS if root not in self.keep and root not in self.drop and root not in self.codes]
        problems = [f"root {root!r} is neither kept nor mapped" for root in missing]
        problems += [f"root {p[:2]!r} is kept, yet {p!r} is mapped" for p in self.codes if p[:2] in self.keep]
        problems += [f"root {p[:2]!r} is dropped, yet {p!r} is mapped" for p in self.codes if p[:2] in self.drop]
        problems += [f"root {root!r} is both kept and dropped" for root in sorted(self.keep & self.drop)]
        return problems

    def drops(self, code: str) -> bool:
        """Whether an act of this code is no event under this modality."""
        return code[:2] in self.drop

    def apply(self, code: str) -> str:
        """The code under this modality: kept, or mapped by its longest listed prefix (a dropped code is an error)."""
        if code[:2] in self.keep:
            return code
        for size in (4, 3, 2):
            if len(code) >= size and code[:size] in self.codes:
                return self.codes[code[:size]]
        raise LexiconError(f"no modality mapping for CAMEO code {code!r}")


class TargetCodes(BaseModel):
    """The codes (prefixes) of events whose target the coder may find beyond the verb's own slots ([target_codes])."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    placed: tuple[str, ...]  # the place of what was struck, visited or paid for ("shelled villages in Kyrgyzstan")
    posture: tuple[str, ...]  # the country whose border a show of force is near or along
    agreement: tuple[str, ...]  # a lone signer's partner, named inside what was signed
    reproach: tuple[str, ...]  # criticism a later "rejected the criticism" answers


class Modality(BaseModel):
    """Words that make a trigger an intent, refusal, appeal, demand or negation, and the codes they give."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    intent_lemmas: frozenset[str]
    intent_aux: frozenset[str]
    intent_codes: CodeTable
    refusal_lemmas: frozenset[str]
    refusal_codes: CodeTable
    appeal_lemmas: frozenset[str]
    appeal_codes: CodeTable
    demand_lemmas: frozenset[str]
    demand_codes: CodeTable
    negation_lemmas: frozenset[str]
    negation_verbs: frozenset[str]
    negation_denials: frozenset[str]
    negation_allegations: frozenset[str]
    cessation_lemmas: frozenset[str]
    cessation_codes: CodeTable
    target_codes: TargetCodes

    @cached_property
    def asking(self) -> frozenset[str]:
        """The verbs that ask another to act: appeals and demands."""
        return self.appeal_lemmas | self.demand_lemmas

    @cached_property
    def governors(self) -> frozenset[str]:
        """The verbs that make the act of their clause an intent, refusal, appeal, demand or cessation."""
        return self.intent_lemmas | self.refusal_lemmas | self.asking | self.cessation_lemmas

    def cessation_code(self, code: str) -> str | None:
        """The code of ending the act ("stopped supplying gas": 061 -> 163), None when ending it is no event."""
        return None if self.cessation_codes.drops(code) else self.cessation_codes.apply(code)

    def intent_code(self, code: str) -> str:
        """The code of announcing or planning the act ("will visit": 042 -> 036; "will attack": 190 -> 1384)."""
        return self.intent_codes.apply(code)

    def refusal_code(self, code: str) -> str:
        """The code of refusing the act ("refused to meet": 040 -> 125)."""
        return self.refusal_codes.apply(code)

    def appeal_code(self, code: str) -> str:
        """The code of urging another to do the act ("urged X to free the sailors": 0841 -> 0253)."""
        return self.appeal_codes.apply(code)

    def demand_code(self, code: str) -> str:
        """The code of demanding the act ("demanded that X withdraw its troops": 0874 -> 1056)."""
        return self.demand_codes.apply(code)


# -- the lexicon -----------------------------------------------------------------------------------


class Lexicon:
    """The patterns indexed by (pos, lemma), most specific first, with the synonym sets and modality."""

    def __init__(
        self,
        entries: Iterable[LexiconEntry],
        synsets: Mapping[str, frozenset[str]],
        light_verbs: Iterable[str],
        modality: Modality,
    ) -> None:
        self.entries = tuple(entries)
        self.light_verbs = frozenset(light_verbs)
        self.modality = modality
        self._synsets = dict(synsets)
        found: dict[tuple[str, str], list[tuple[int, LexiconEntry]]] = {}
        for order, entry in enumerate(self.entries):
            found.setdefault((entry.pos, entry.lemma), []).append((order, entry))
        self._index = {
            key: tuple(entry for _, entry in sorted(pairs, key=lambda pair: (-pair[1].specificity, pair[0])))
            for key, pairs in found.items()
        }
        self._lemmas = {pos: frozenset(lemma for p, lemma in self._index if p == pos) for pos in ("verb", "noun")}
        # The lemmas with an entry that asks about the rest of the clause: for others the coder need not read it.
        self._clause_lemmas = frozenset(key for key, entries in self._index.items() if any(e.asks_clause for e in entries))

    def __len__(self) -> int:
        return len(self.entries)

    def asks_clause(self, pos: str, lemma: str) -> bool:
        """Whether an entry of this lemma asks about the rest of its clause (subjects, phrases, form)."""
        return (pos, lemma) in self._clause_lemmas

    def lemmas(self, pos: str) -> frozenset[str]:
        """Every lemma with at least one entry of this part of speech ("verb" or "noun")."""
        return self._lemmas.get(pos, frozenset())

    def synset(self, name: str) -> frozenset[str]:
        """The lemmas of a named set, given as "@name" or "name"."""
        key = name.removeprefix("@")
        if key not in self._synsets:
            raise LexiconError(f"unknown synonym set {name!r}")
        return self._synsets[key]

    def candidates(self, pos: str, lemma: str) -> tuple[LexiconEntry, ...]:
        """The entries of a trigger lemma, in the order match() tries them."""
        return self._index.get((pos, lemma.lower()), ())

    def match(
        self,
        pos: str,
        lemma: str,
        *,
        particle: str | None = None,
        objects: Iterable[str] = (),
        preps: Iterable[str] = (),
        clause: Clause | None = None,
    ) -> LexiconEntry | None:
        """The most specific entry the trigger fits, or None.

        Args:
            pos: "verb" or "noun".
            lemma: the trigger's lemma.
            particle: the phrasal particle of a verb ("out" in "carry out"), if any.
            objects: lemmas of the direct object heads and of their compound/amod modifiers (a verb),
                or of the noun's modifiers (a noun): ["assistance", "military"].
            preps: the prepositions attached to the trigger, with "by" for a passive agent.
            clause: subject words, prepositional phrases and compound subject, which only the
                entries of PETRARCH-format dictionaries ask about.
        """
        entries = self._index.get((pos, lemma.lower()))
        if not entries:
            return None
        bag = frozenset(word.lower() for word in objects)
        given = frozenset(word.lower() for word in preps)
        wanted = particle.lower() if particle else None
        return next((entry for entry in entries if entry.accepts(wanted, bag, given, clause)), None)

    def follows_petrarch(self, entry: LexiconEntry) -> bool:
        """Whether an entry is coded by PETRARCH's conventions (it comes from a PETRARCH dictionary): our lexicon's never are."""
        return False


# -- loading ---------------------------------------------------------------------------------------


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Read and validate verbs.csv, synsets.toml and modality.toml from a folder (default: the packaged data).

    The packaged lexicon is read once per process; a folder given is read afresh on each call.

    Raises:
        LexiconError: a file is missing or malformed; the message names file:line [field].
    """
    if folder is None:
        return _packaged_lexicon()
    return _read_lexicon(Path(folder))


@cache
def _packaged_lexicon() -> Lexicon:
    return _read_lexicon(DATA_DIR)


def _read_lexicon(folder: Path) -> Lexicon:
    synsets, light_verbs = _read_synsets(folder / SYNSETS_FILE)
    entries = _read_entries(folder / VERBS_FILE, synsets)
    return Lexicon(entries, synsets, light_verbs, _read_modality(folder / MODALITY_FILE))


def read_data_text(path: Path, error: type[LexiconError] = LexiconError) -> str:
    """The UTF-8 text of a data file (ours or a PETRARCH dictionary), or `error` naming the file and the problem."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise error("file not found", path=str(path)) from e
    except OSError as e:
        raise error(f"cannot read the file: {e.strerror or e}", path=str(path)) from e
    except UnicodeDecodeError as e:
        raise error(f"the file is not UTF-8 text (byte {e.start})", path=str(path)) from e


# -- verbs.csv -------------------------------------------------------------------------------------


def _read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row dict) for each data row, checking the header and the field counts."""
    where = str(path)
    reader = csv.reader(read_data_text(path).splitlines(keepends=True))
    header = next(reader, None)
    if header is None or [name.strip().lstrip("\ufeff") for name in header] != _COLUMNS:
        got = ",".join(header) if header else "nothing"
        raise LexiconError(f"header must be {','.join(_COLUMNS)!r}, got {got!r}", path=where, line=1)
    for fields in reader:
        if not any(field.strip() for field in fields):
            continue
        if len(fields) != len(_COLUMNS):
            message = f"expected {len(_COLUMNS)} fields ({','.join(_COLUMNS)}), got {len(fields)}"
            raise LexiconError(message, path=where, line=reader.line_num)
        yield reader.line_num, dict(zip(_COLUMNS, fields))


def _read_entries(path: Path, synsets: Mapping[str, frozenset[str]]) -> list[LexiconEntry]:
    """The entries of verbs.csv, validated, with @sets expanded; duplicate ids and patterns refused."""
    where = str(path)
    entries: list[LexiconEntry] = []
    line_of_id: dict[str, int] = {}
    seen: dict[tuple[Any, ...], tuple[int, LexiconEntry]] = {}
    for line, raw in _read_rows(path):
        try:
            row = _Row.model_validate(raw)
        except ValidationError as e:
            error = e.errors()[0]
            field = str(error["loc"][0]) if error["loc"] else None
            message = error["msg"].removeprefix("Value error, ")
            raise LexiconError(f"{message}, got {error['input']!r}", path=where, line=line, field=field) from e
        if row.id in line_of_id:
            message = f"duplicate id {row.id!r}, first on line {line_of_id[row.id]}"
            raise LexiconError(message, path=where, line=line, field="id")
        line_of_id[row.id] = line
        entry = LexiconEntry(
            id=row.id,
            pos=row.pos,
            lemma=row.lemma,
            particle=row.particle or None,
            objects=_expand(row.object, synsets, where, line, "object"),
            modifiers=_expand(row.modifier, synsets, where, line, "modifier"),
            preps=tuple(_words(row.prep, "prep")),
            reverse=row.reverse == "true",
            code=row.code,
            note=row.note,
        )
        pattern = (entry.pos, entry.lemma, entry.particle, entry.objects, entry.modifiers, frozenset(entry.preps))
        if pattern in seen:
            first_line, first = seen[pattern]
            # The same code is refused too: the later entry could never be chosen.
            clash = f"another code ({first.code})" if first.code != entry.code else "the same code: it can never match"
            message = f"same pattern as {first.id!r} on line {first_line}, with {clash}"
            raise LexiconError(message, path=where, line=line, field="code")
        seen[pattern] = (line, entry)
        entries.append(entry)
    if not entries:
        raise LexiconError("the lexicon has no entries", path=where)
    return entries


def _expand(
    cell: str, synsets: Mapping[str, frozenset[str]], where: str, line: int, field: str
) -> frozenset[str] | None:
    """The lemmas of an object or modifier cell with its @sets expanded; None for an empty cell."""
    if not cell:
        return None
    words: set[str] = set()
    for item in _words(cell, field):
        if not item.startswith("@"):
            words.add(item)
        elif item[1:] in synsets:
            words |= synsets[item[1:]]
        else:
            message = f"unknown set {item!r} (sets live in {SYNSETS_FILE})"
            raise LexiconError(message, path=where, line=line, field=field)
    return frozenset(words)


# -- the TOML files --------------------------------------------------------------------------------


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    text = read_data_text(path)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        found = _TOML_LINE.search(str(e))
        raise LexiconError(f"not valid TOML: {e}", path=str(path), line=int(found.group(1)) if found else None) from e


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The line of a [table] header (no table given) or of a key inside [table], for error messages."""
    inside = False
    key_line = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            name = header.group(1).strip()
            if table is None and name == key:
                return number
            inside = name == table
        elif inside and key_line.match(line):
            return number
    return None


def _word_list(value: object, what: str, *, where: str, line: int | None) -> list[str]:
    """A TOML list of lowercase words, or a LexiconError naming file:line [what]."""
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        raise LexiconError("must be a non-empty list of quoted words", path=where, line=line, field=what)
    for item in value:
        if not _is_word(item.removeprefix("@")):
            raise LexiconError(f"must hold lowercase single words, got {item!r}", path=where, line=line, field=what)
    return value


def _read_synsets(path: Path) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """The named sets, with @references among them expanded, and the light verbs."""
    data, text = _read_toml(path)
    where = str(path)
    for table in data:
        if table not in ("sets", "light"):
            message = "unknown table; expected [sets] and [light]"
            raise LexiconError(message, path=where, line=_line_of(text, table), field=table)
    raw = data.get("sets")
    if not isinstance(raw, dict) or not raw:
        raise LexiconError("[sets] must name at least one list of lemmas", path=where, line=_line_of(text, "sets"))
    light = data.get("light")
    if not isinstance(light, dict) or set(light) != {"verbs"}:
        message = "[light] must hold exactly `verbs = [...]`"
        raise LexiconError(message, path=where, line=_line_of(text, "light"), field="light")
    light_verbs = _word_list(light["verbs"], "light.verbs", where=where, line=_line_of(text, "verbs", "light"))
    if any(verb.startswith("@") for verb in light_verbs):
        raise LexiconError("light verbs are lemmas, not @sets", path=where, line=_line_of(text, "verbs", "light"))
    for name, members in raw.items():
        line = _line_of(text, name, "sets")
        if not _SLUG.fullmatch(name):
            raise LexiconError("a set name must be a lowercase slug", path=where, line=line, field=name)
        _word_list(members, name, where=where, line=line)

    expanded: dict[str, frozenset[str]] = {}

    def expand(name: str, trail: tuple[str, ...]) -> frozenset[str]:
        if name in expanded:
            return expanded[name]
        if name in trail:
            cycle = " -> ".join((*trail[trail.index(name) :], name))
            line = _line_of(text, trail[-1], "sets")
            raise LexiconError(f"sets include each other in a cycle: {cycle}", path=where, line=line, field=trail[-1])
        words: set[str] = set()
        for member in raw[name]:
            if not member.startswith("@"):
                words.add(member)
            elif member[1:] in raw:
                words |= expand(member[1:], (*trail, name))
            else:
                raise LexiconError(f"unknown set {member!r}", path=where, line=_line_of(text, name, "sets"), field=name)
        expanded[name] = frozenset(words)
        return expanded[name]

    for name in raw:
        expand(name, ())
    return expanded, frozenset(light_verbs)


def _read_modality(path: Path) -> Modality:
    """The modality tables, every word and code checked, every root covered by each code table."""
    data, text = _read_toml(path)
    where = str(path)
    for table in data:
        if table not in _MODALITY_TABLES and table not in _CODE_LIST_TABLES:
            raise LexiconError("unknown table", path=where, line=_line_of(text, table), field=table)
    fields: dict[str, Any] = {table: _code_lists(data, table, keys, text, where) for table, keys in _CODE_LIST_TABLES.items()}
    for table, keys in _MODALITY_TABLES.items():
        body = data.get(table)
        if not isinstance(body, dict):
            raise LexiconError(f"missing table [{table}]", path=where, field=table)
        if keys is None:
            fields[table] = _code_table(body, table, text, where)
            continue
        if set(body) != set(keys):
            message = f"[{table}] must hold exactly: {', '.join(keys)}"
            raise LexiconError(message, path=where, line=_line_of(text, table), field=table)
        for key in keys:
            words = _word_list(body[key], f"{table}.{key}", where=where, line=_line_of(text, key, table))
            name = f"{table}_lemmas" if key == "lemmas" else f"{table}_{key}"
            fields[name] = frozenset(words)
    return Modality(**fields)


def _code_lists(data: dict[str, Any], table: str, keys: tuple[str, ...], text: str, where: str) -> TargetCodes:
    """A table of named lists of CAMEO codes or code prefixes, each checked against the CAMEO table."""
    body = data.get(table)
    if not isinstance(body, dict) or set(body) != set(keys):
        raise LexiconError(f"[{table}] must hold exactly: {', '.join(keys)}", path=where, line=_line_of(text, table), field=table)
    lists: dict[str, tuple[str, ...]] = {}
    for key in keys:
        line, value = _line_of(text, key, table), body[key]
        if not isinstance(value, list) or not value or not all(isinstance(code, str) for code in value):
            raise LexiconError("must be a non-empty list of quoted codes", path=where, line=line, field=f"{table}.{key}")
        for code in value:
            try:
                _check_code(code)
            except ValueError as e:
                raise LexiconError(f"{e}, got {code!r}", path=where, line=line, field=f"{table}.{key}") from e
        lists[key] = tuple(value)
    return TargetCodes(**lists)


def _code_table(body: dict[str, Any], table: str, text: str, where: str) -> CodeTable:
    """One *_codes table: `keep` roots and prefix -> code pairs, each checked, every root covered once."""
    keep, drop = body.get("keep", []), body.get("drop", [])
    for name, roots in (("keep", keep), ("drop", drop)):
        if not isinstance(roots, list) or not all(isinstance(root, str) and root in _ROOTS for root in roots):
            line = _line_of(text, name, table)
            raise LexiconError(f"{name} must list two-digit roots '01' to '20'", path=where, line=line, field=f"{table}.{name}")
    codes = {prefix: code for prefix, code in body.items() if prefix not in ("keep", "drop")}
    for prefix, code in codes.items():
        line = _line_of(text, prefix, table)
        if not isinstance(code, str):
            message = f"the code must be a quoted string, got {code!r}"
            raise LexiconError(message, path=where, line=line, field=f"{table}.{prefix}")
        try:
            _check_code(prefix)
            _check_code(code)
        except ValueError as e:
            message = f"{e}, in {prefix!r} = {code!r}"
            raise LexiconError(message, path=where, line=line, field=f"{table}.{prefix}") from e
    mapping = CodeTable(keep=frozenset(keep), drop=frozenset(drop), codes=codes)
    gaps = mapping.gaps()
    if gaps:
        raise LexiconError(gaps[0], path=where, line=_line_of(text, table), field=table)
    return mapping
