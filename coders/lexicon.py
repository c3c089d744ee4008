"""The verb and noun lexicon: CAMEO patterns for event triggers, the lemma sets they name, and modality.

Three data files under ``coders/data/``, read once on first use and validated row by row:

- ``verbs.csv`` (``id,pos,lemma,particle,object,modifier,prep,subject,phrase,reverse,code,note``):
  one pattern a row. ``object`` and ``modifier`` hold ``|``-separated lemmas or ``@set`` names. For
  a verb, ``object`` must match the head of its direct object; for a noun, a modifier of the noun.
  ``modifier`` adds a second condition on the same lemmas ("assistance" that is also "military").
  ``prep`` lists the prepositions that carry the target; ``reverse`` makes the subject the target
  and the object of the preposition the source ("received aid from X").
  ``subject`` (verbs only) names the kind of doer: lemmas or @sets one of which must be the head or a
  modifier of the verb's subject, or of a passive verb's "by" agent ("jets struck", "a suicide
  bomber killed"); lemmas joined by ``+`` must all be there ("car+bomb"). ``phrase`` names what a prepositional phrase holds, as ``prep:words``, with
  ``|``-separated prepositions and lemmas or @sets ("of:@war_crimes", "by|over:@phone"): one of
  the words must be the head or a modifier of that preposition's object, or a gerund there and its
  object ("accused X of killing migrants"); lemmas joined by ``+`` must all be there ("war+crime").
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
written form. The `subject` and `phrase` conditions of verbs.csv are read from the `Clause` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from coders.cameo import check_code
from coders.datafiles import read_csv
from coders.modality_table import Modality, read_modality
from coders.synsets import SLUG, is_word, read_synsets
from schemas.errors import LexiconError

LEXICON_VERSION = "dyadflow-lexicon-2026.12.8.2"

DATA_DIR = Path(__file__).resolve().parent / "data"
VERBS_FILE = "verbs.csv"
SYNSETS_FILE = "synsets.toml"
MODALITY_FILE = "modality.toml"

Pos = Literal["verb", "noun"]


# -- entries ---------------------------------------------------------------------------------------


class Conventions(BaseModel):
    """How the coder reads the entries of one source where coders differ: ours (`OURS`) or PETRARCH's (`PETRARCH`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    # "agreed to supply gas": a governed complement the lexicon codes is the event (made an intent), not the governor
    complement_is_event: bool
    # a reversed pattern names roles by position, passive or not: "+ * (FROM $)" is "X was freed from Y"
    roles_by_position: bool
    # a lone signer's partner may be named inside what was signed ("ratified the treaty on the border with X")
    partner_in_agreement: bool
    # intent words and auxiliaries make the act an intent ("will visit": 036); PETRARCH's dictionaries say intent themselves
    modal: bool
    # PETRARCH's target: the first actor of the verb phrase, when the object and prepositions name none
    phrase_target: bool
    # a particle no entry of the verb knows is read as a preposition ("quarrel over the plans")
    particles_as_preps: bool
    # PETRARCH 2's ontology (a suite's PICO file): a negated act is coded as its counterpart, (code, negated code)
    # pairs ("did not clash", 110 negated, is 050); without them a negated act is no event
    negations: tuple[tuple[str, str], ...] = ()

    def negated_code(self, code: str) -> str | None:
        """The code of the act negated, by these conventions, or None (no event)."""
        return next((negated for own, negated in self.negations if own == code), None)


OURS = Conventions(
    name="dyadflow",
    complement_is_event=True,
    roles_by_position=False,
    partner_in_agreement=True,
    modal=True,
    phrase_target=False,
    particles_as_preps=False,
)
PETRARCH = Conventions(
    name="petrarch",
    complement_is_event=False,
    roles_by_position=True,
    partner_in_agreement=False,
    modal=False,
    phrase_target=True,
    particles_as_preps=True,
)


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
    # verbs.csv's `subject` and `phrase` columns: the doer's words; (prepositions, words) of a phrase's object
    doers: frozenset[frozenset[str]] | None = None
    phrase: tuple[frozenset[str], frozenset[frozenset[str]]] | None = None
    conventions: Conventions = OURS  # how the coder reads this entry where coders differ

    @property
    def specificity(self) -> int:
        """How many conditions the entry sets: one for each of particle, objects, ..., form."""
        return sum(
            (
                self.particle is not None,
                self.objects is not None,
                self.modifiers is not None,
                bool(self.preps),
                self.subjects is not None,
                bool(self.phrases),
                self.compound,
                self.forms is not None,
                self.doers is not None,
                self.phrase is not None,
            )
        )

    @property
    def asks_clause(self) -> bool:
        """Whether the entry asks about the rest of the clause (subjects, doers, phrases, a compound subject, the verb's form)."""
        return (
            self.subjects is not None
            or bool(self.phrases)
            or self.compound
            or self.forms is not None
            or self.doers is not None
            or self.phrase is not None
        )

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
            and all(prep in clause.phrases and (not words or not words.isdisjoint(clause.phrases[prep])) for prep, words in self.phrases)
            and (not self.compound or clause.compound)
            and (self.doers is None or _holds(self.doers, clause.doers))
            and (self.phrase is None or any(_holds(self.phrase[1], clause.phrase_words.get(p)) for p in self.phrase[0]))
        )


def _holds(alternatives: frozenset[frozenset[str]], words: frozenset[str] | None) -> bool:
    """Whether the lemmas of a subject or phrase hold one of a condition's alternatives (a lemma, or lemmas joined by '+')."""
    return words is not None and any(alternative <= words for alternative in alternatives)


@dataclass(frozen=True)
class Clause:
    """What else a trigger's clause holds, for the conditions of dictionary entries.

    ``subjects``: lemmas of the subject's head and modifiers; ``phrases``: each preposition of the
    trigger (or of its object) with the lemmas of its objects and their modifiers, "to" also with
    an infinitive the verb governs ("allowed them to leave"); ``compound``: the subject is two or
    more conjoined words; ``form``: the trigger as written, lowercased. For verbs.csv's conditions:
    ``doers``, the lemmas of the subject's heads and modifiers (of the "by" agent for a passive);
    ``phrase_words``, each preposition with the lemmas of its objects' heads and modifiers (and of a
    gerund's objects).
    """

    subjects: frozenset[str] = frozenset()
    phrases: Mapping[str, frozenset[str]] = field(default_factory=dict)
    compound: bool = False
    form: str = ""
    doers: frozenset[str] = frozenset()
    phrase_words: Mapping[str, frozenset[str]] = field(default_factory=dict)


def _words(cell: str, what: str) -> list[str]:
    """The |-separated items of a cell (lemmas, or @set names where allowed), each checked."""
    items = [item.strip() for item in cell.split("|")] if cell else []
    for item in items:
        if not is_word(item.removeprefix("@")):
            raise ValueError(f"{what} must be lowercase single words separated by '|', got {item!r}")
    return items


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
    subject: str
    phrase: str
    reverse: Literal["", "true", "false"]
    code: str
    note: str

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not SLUG.fullmatch(value):
            raise ValueError("id must be a lowercase slug such as 'sign.agreement'")
        return value

    @field_validator("lemma", "particle")
    @classmethod
    def _one_word(cls, value: str, info: ValidationInfo) -> str:
        if value and not is_word(value) or (not value and info.field_name == "lemma"):
            raise ValueError(f"{info.field_name} must be one lowercase word (a spaCy lemma)")
        return value

    @field_validator("object", "modifier", "prep")
    @classmethod
    def _word_list(cls, value: str, info: ValidationInfo) -> str:
        items = _words(value, str(info.field_name))
        if info.field_name == "prep" and any(item.startswith("@") for item in items):
            raise ValueError("prep lists prepositions, not @sets")
        return value

    @field_validator("subject")
    @classmethod
    def _subject(cls, value: str, info: ValidationInfo) -> str:
        _alternatives(value, "subject")
        if value and info.data.get("pos") == "noun":
            raise ValueError("a noun trigger has no subject; name the kinds of a noun's modifiers in object")
        return value

    @field_validator("phrase")
    @classmethod
    def _phrase(cls, value: str) -> str:
        if value:
            _split_phrase(value)
        return value

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value)


def _split_phrase(cell: str) -> tuple[list[str], list[str]]:
    """The prepositions and the words (lemmas or @sets) of a `phrase` cell such as "of:@war_crimes"."""
    preps, colon, words = cell.partition(":")
    if not colon or not preps.strip() or not words.strip():
        raise ValueError("phrase must be 'prep:words', such as 'of:@war_crimes' or 'by|over:@phone'")
    prep_list = _words(preps, "the prepositions of phrase")
    if any(item.startswith("@") for item in prep_list):
        raise ValueError("phrase names prepositions before ':', not @sets")
    return prep_list, _alternatives(words, "the words of phrase")


def _alternatives(cell: str, what: str) -> list[str]:
    """The |-separated items of a subject or phrase cell: lemmas, @sets, or lemmas joined by '+' ("war+crime")."""
    items = [item.strip() for item in cell.split("|")] if cell else []
    for item in items:
        parts = item.split("+")
        if not all(is_word(part.removeprefix("@")) for part in parts) or (len(parts) > 1 and any(p.startswith("@") for p in parts)):
            raise ValueError(f"{what} must be lemmas, @sets or lemmas joined by '+', separated by '|', got {item!r}")
    return items


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
        found = next((entry for entry in entries if entry.accepts(wanted, bag, given, clause)), None)
        return None if found is None or self.blocks(found) else found

    def blocks(self, entry: LexiconEntry) -> bool:
        """Whether a matched entry stops its trigger from coding (a dictionary's null code); ours never do."""
        return False

    def follows_petrarch(self, entry: LexiconEntry) -> bool:
        """Whether an entry is coded by PETRARCH's conventions (it comes from a PETRARCH dictionary)."""
        return entry.conventions == PETRARCH


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
    synsets, light_verbs = read_synsets(folder / SYNSETS_FILE)
    entries = _read_entries(folder / VERBS_FILE, synsets)
    return Lexicon(entries, synsets, light_verbs, read_modality(folder / MODALITY_FILE))


# -- verbs.csv -------------------------------------------------------------------------------------


def _read_entries(path: Path, synsets: Mapping[str, frozenset[str]]) -> list[LexiconEntry]:
    """The entries of verbs.csv, validated, with @sets expanded; duplicate ids and patterns refused."""
    where = str(path)
    entries: list[LexiconEntry] = []
    line_of_id: dict[str, int] = {}
    seen: dict[tuple[Any, ...], tuple[int, LexiconEntry]] = {}
    for line, row in read_csv(path, _Row):
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
            doers=_condition(_alternatives(row.subject, "subject"), synsets, where, line, "subject"),
            phrase=_phrase_condition(row.phrase, synsets, where, line),
        )
        pattern = (
            entry.pos,
            entry.lemma,
            entry.particle,
            entry.objects,
            entry.modifiers,
            frozenset(entry.preps),
            entry.doers,
            entry.phrase,
        )
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


def _phrase_condition(
    cell: str, synsets: Mapping[str, frozenset[str]], where: str, line: int
) -> tuple[frozenset[str], frozenset[frozenset[str]]] | None:
    """The prepositions of a `phrase` cell and its alternatives (sets expanded, '+' lemmas together); None for an empty cell."""
    if not cell:
        return None
    preps, items = _split_phrase(cell)
    return frozenset(preps), _condition(items, synsets, where, line, "phrase") or frozenset()


def _condition(
    items: list[str], synsets: Mapping[str, frozenset[str]], where: str, line: int, field: str
) -> frozenset[frozenset[str]] | None:
    """The alternatives of a subject or phrase condition, @sets expanded, '+' lemmas together; None for no items."""
    if not items:
        return None
    singles = "|".join(item for item in items if "+" not in item)
    alternatives = {frozenset([word]) for word in _expand(singles, synsets, where, line, field) or ()}
    alternatives |= {frozenset(item.split("+")) for item in items if "+" in item}
    return frozenset(alternatives)


def _expand(cell: str, synsets: Mapping[str, frozenset[str]], where: str, line: int, field: str) -> frozenset[str] | None:
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
