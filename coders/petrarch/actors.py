"""PETRARCH/TABARI actor and agent dictionaries read into the coder's actor data.

Actor dictionaries (``Phoenix.Countries.actors.txt``, ``PETR.Validate.actors.txt``) hold records::

    SHAVKAT_MIRZIYOYEV_           primary phrase, optionally followed by [CODE] and restrictions
    +PRESIDENT_MIRZIYOYEV_        synonyms, one a line
        [UZBGOV 031212-161214]    date-bounded codes, one or more a line, indented
        [UZBGOV >161214]          after a date
        [UZBGOV <19961231]        before a date
        [UZBELI]                  the default code, when no restriction holds

Restrictions are tried in file order and the first that holds on the event's date wins (bounds
are inclusive, as in PETRARCH); otherwise the default code (on the primary line or a bare
``[CODE]`` line) applies; with neither, or with the null code ``---``, the phrase is known but
names no coded actor. Dates are
YYYYMMDD or YYMMDD; a two-digit year 00-30 is 20YY and 31-99 is 19YY (the KEDS/TABARI rule that
PETRARCH keeps). Codes are kept as written, uppercased: ``UZB``, ``IGOUNO``, ``UZB/KAZ/KGZ``,
and the null codes ``---`` and ``+++``.

These records do not fit `coders.actor_data`: a date-restricted code is not a Role (its codes need
not be a country plus one agent, e.g. UZBREBMUS, NGOKGZHRI) and a plain code need not be an ISO country.
Each record becomes a `NamedActor` (phrases, default code, dated codes) and `DictionaryActorData`
holds them beside the places, organisations and people of our own data.

Agent dictionaries (``Phoenix.agents.txt``) hold ``PHRASE {PLURAL} [~CODE]`` lines: ``~GOV`` is
added after the actor code (RUS + ~COP = RUSCOP), ``NGO~`` before it (NGO~ + KGZ = NGOKGZ). The
regular plural (+S, Y -> IES, S -> ES) is added unless ``{PLURAL}`` gives another or ``{}`` none.
``!NAME! = A, B`` defines a substitution set: ``ASSEMBLY!HOLDER!`` is ASSEMBLYMAN, ASSEMBLYMEN ...
Agent codes are kept with their tilde in `DictionaryActorData.agents` (our own agents have none
and are added after the actor code).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from coders.actor_data import ActorData, AgentCode, iso_country_codes
from coders.petrarch.common import Problems, dictionary_lines, phrase_words

_BRACKET = re.compile(r"\[([^\]\[]*)\]")
_RESTRICTION = re.compile(r"^(?P<code>\S+?)(?:\s*(?P<op>[<>])\s*(?P<date>\d+)|\s+(?P<start>\d+)\s*-\s*(?P<end>\d+))?$")
_ACTOR_CODE = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9/]+|---|\+\+\+")
_AGENT_CODE = re.compile(r"~[A-Za-z0-9]+|[A-Za-z0-9]+~")
_MARKER_DEF = re.compile(r"^\s*!(?P<name>[^!\s]+)!\s*=\s*(?P<items>.+)$")
_MARKER_USE = re.compile(r"!([^!\s]+)!")
_TWO_DIGIT_CENTURY_CUT = 30
NULL_ACTOR = "---"


class _LineError(ValueError):
    """A line of an actor or agent dictionary that cannot be read."""


@dataclass(frozen=True)
class DatedCode:
    """An actor code that holds between two dates (None: open-ended), both inclusive."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, on: dt.date) -> bool:
        """Whether the code holds on this date."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class NamedActor:
    """An actor-dictionary record: the phrases that name it, its default code and its dated codes."""

    phrases: tuple[str, ...]
    default: str | None = None
    dated: tuple[DatedCode, ...] = ()
    path: str = ""
    line: int = 0

    @property
    def name(self) -> str:
        """The primary phrase."""
        return self.phrases[0]

    def code_on(self, on: dt.date | None) -> str | None:
        """The code on a date: the first restriction that holds, else the default; None if neither.

        With no date, the default code, else the latest-starting restriction's code. The null
        code ``---`` ("no longer a coded actor") is None too.
        """
        code = self._code(on)
        return None if code == NULL_ACTOR else code

    def _code(self, on: dt.date | None) -> str | None:
        if on is not None:
            return next((dated.code for dated in self.dated if dated.active(on)), self.default)
        if self.default is not None or not self.dated:
            return self.default
        return max(self.dated, key=lambda d: d.start or dt.date.min).code


def parse_date(text: str) -> dt.date:
    """A dictionary date, YYYYMMDD or YYMMDD (00-30 -> 20YY, 31-99 -> 19YY); ValueError if invalid."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"date must be YYYYMMDD or YYMMDD, got {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= _TWO_DIGIT_CENTURY_CUT else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, month, day)
    except ValueError as e:
        raise ValueError(f"not a calendar date: {text!r} ({e})") from e


def parse_restriction(text: str) -> DatedCode | str:
    """The inside of ``[...]``: a DatedCode, or the code alone (a default); _LineError if malformed."""
    match = _RESTRICTION.match(" ".join(text.split()))
    if match is None or not _ACTOR_CODE.fullmatch(match.group("code")):
        raise _LineError(f"expected [CODE], [CODE <date], [CODE >date] or [CODE date-date], got [{text.strip()}]")
    code = match.group("code").upper()
    try:
        if match.group("op") == "<":
            return DatedCode(code, None, parse_date(match.group("date")))
        if match.group("op") == ">":
            return DatedCode(code, parse_date(match.group("date")), None)
        if match.group("start"):
            start, end = parse_date(match.group("start")), parse_date(match.group("end"))
            if end < start:
                raise ValueError(f"the end {end} is before the start {start}")
            return DatedCode(code, start, end)
    except ValueError as e:
        raise _LineError(f"[{text.strip()}]: {e}") from e
    return code


@dataclass
class _Record:
    phrases: list[str]
    line: int
    default: str | None = None
    dated: list[DatedCode] = field(default_factory=list)

    def take(self, restriction: DatedCode | str) -> None:
        if isinstance(restriction, DatedCode):
            self.dated.append(restriction)
        elif self.default is None:
            self.default = restriction


@dataclass
class ActorDictionary:
    """The records of one actor dictionary and the lines that could not be read."""

    path: Path
    actors: list[NamedActor]
    problems: Problems


def read_actors(path: Path, *, strict: bool = True) -> ActorDictionary:
    """Read a PETRARCH actor dictionary; DictionaryError ``file:line: message`` on a malformed line when strict."""
    path = Path(path)
    problems = Problems(strict)
    records: list[_Record] = []
    for line, text in dictionary_lines(path):
        try:
            _read_actor_line(text, line, records)
        except _LineError as e:
            problems.add(path, line, str(e))
    actors = [NamedActor(tuple(r.phrases), r.default, tuple(r.dated), str(path), r.line) for r in records if r.phrases]
    return ActorDictionary(path, actors, problems)


def _read_actor_line(text: str, line: int, records: list[_Record]) -> None:
    stripped = text.strip()
    if stripped.startswith("["):
        if not records:
            raise _LineError("a [code] line before the first actor")
        for restriction in _restrictions(stripped, whole=True):
            records[-1].take(restriction)
        return
    phrase_text, restrictions = _split_codes(stripped)
    words = phrase_words(phrase_text.removeprefix("+"))
    if not words:
        raise _LineError(f"expected an actor phrase, got {stripped!r}")
    phrase = " ".join(words)
    if stripped.startswith("+"):
        if not records:
            raise _LineError("a +synonym before the first actor")
        records[-1].phrases.append(phrase)
    else:
        records.append(_Record([phrase], line))
    for restriction in restrictions:
        records[-1].take(restriction)


def _split_codes(text: str) -> tuple[str, list[DatedCode | str]]:
    """The phrase before the first '[' and the restrictions in brackets after it."""
    if "[" not in text:
        if "]" in text:
            raise _LineError("unbalanced ']'")
        return text, []
    at = text.index("[")
    return text[:at], _restrictions(text[at:], whole=True)


def _restrictions(text: str, *, whole: bool) -> list[DatedCode | str]:
    found = _BRACKET.findall(text)
    rest = _BRACKET.sub("", text).strip()
    if whole and rest:
        raise _LineError(f"unexpected text beside the [codes]: {rest!r}")
    if text.count("[") != len(found) or text.count("]") != len(found):
        raise _LineError("unbalanced '[' or ']'")
    return [parse_restriction(item) for item in found]


# -- agents -------------------------------------------------------------------------------------------


@dataclass
class AgentDictionary:
    """The agent phrases of one dictionary (lowercase words -> ~CODE or CODE~) and the unread lines."""

    path: Path
    agents: dict[str, str]
    problems: Problems


def regular_plural(phrase: str) -> str:
    """The regular plural of a phrase's last word: +S, Y -> IES, S -> ES (PETRARCH's rule)."""
    last = phrase[-1:].lower()
    if last == "y":
        return phrase[:-1] + ("IES" if phrase.isupper() else "ies")
    if last == "s":
        return phrase + ("ES" if phrase.isupper() else "es")
    return phrase + ("S" if phrase.isupper() else "s")


def read_agents(path: Path, *, strict: bool = True) -> AgentDictionary:
    """Read a PETRARCH agent dictionary; DictionaryError ``file:line: message`` on a malformed line when strict."""
    path = Path(path)
    problems = Problems(strict)
    markers: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for line, text in dictionary_lines(path):
        try:
            definition = _MARKER_DEF.match(text)
            if definition and "[" not in text:
                markers[definition.group("name")] = [i.strip() for i in definition.group("items").split(",") if i.strip()]
                continue
            for phrase, code in _agent_line(text.strip(), markers):
                agents[phrase] = code
        except _LineError as e:
            problems.add(path, line, str(e))
    return AgentDictionary(path, agents, problems)


def _agent_line(text: str, markers: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(phrase, code) pairs of an agent line: the phrase and its plural, or each substitution."""
    found = _BRACKET.findall(text)
    if len(found) != 1:
        raise _LineError("an agent line needs one [~CODE] or [CODE~]")
    code = found[0].strip().upper()
    if not _AGENT_CODE.fullmatch(code):
        raise _LineError(f"an agent code is ~CODE (after the actor) or CODE~ (before it), got [{found[0].strip()}]")
    head = text[: text.index("[")].strip()
    plural: str | None = None
    if "{" in head:
        if "}" not in head:
            raise _LineError("missing '}' after the plural")
        head, _, rest = head.partition("{")
        plural = rest.partition("}")[0].strip()
        head = head.strip()
    if not head:
        raise _LineError("an agent line needs a phrase before its code")
    used = _MARKER_USE.findall(head)
    if used:
        return [(_key(form), code) for form in _substitute(head, used, markers)]
    forms = [head, regular_plural(head) if plural is None else plural]
    return [(_key(form), code) for form in forms if form and phrase_words(form)]


def _substitute(head: str, used: list[str], markers: dict[str, list[str]]) -> Iterable[str]:
    name = used[0]
    if name not in markers:
        raise _LineError(f"substitution marker !{name}! is not defined (define it as !{name}! = A, B, ...)")
    for item in markers[name]:
        yield head.replace(f"!{name}!", item, 1)


def _key(phrase: str) -> str:
    return " ".join(phrase_words(phrase)).lower()


# -- the data the matcher reads -------------------------------------------------------------------------


class DictionaryActorData(ActorData):
    """Our actor data (optional) plus PETRARCH named actors and agents; our own agent words win a clash."""

    def __init__(self, named: list[NamedActor], agents: dict[str, str], base: ActorData | None = None) -> None:
        base = base or ActorData([], [], [], {})
        super().__init__(base.places, base.organizations, base.people, {**agents, **base.agents})
        self.base = base
        self.named = named
        self.dictionary_agents = dict(agents)
        self._named_phrases: dict[str, list[NamedActor]] | None = None

    def codes(self) -> set[str]:
        """Every code the dictionaries' actors may take, default or dated."""
        return {code for actor in self.named for code in (actor.default, *(d.code for d in actor.dated)) if code}

    def sectors(self) -> frozenset[str]:
        """Three-letter sector codes: our agent codes and every three-letter part of a dictionary agent code."""
        parts = {code.strip("~")[i : i + 3] for code in self.dictionary_agents.values() for i in range(0, len(code.strip("~")), 3)}
        return frozenset(get_args(AgentCode)) | frozenset(parts)

    def country_codes(self) -> frozenset[str]:
        """Codes of countries: ISO 3166 alpha-3, and the dictionaries' bare three-letter codes that are no sector.

        PETRARCH codes a country-level actor with three letters; the validation suites invent
        theirs and the Phoenix files keep former states (SUN, DDR). A bare IGO, NGO or
        MED is a sector without a country.
        """
        bare = {code for code in self.codes() if len(code) == 3 and code.isalpha()}
        return iso_country_codes() | frozenset(bare - self.sectors())

    def named_phrases(self) -> dict[str, list[NamedActor]]:
        """Every phrase of the dictionaries' actors, lowercased, with the actors it names in file order."""
        if self._named_phrases is None:
            table: dict[str, list[NamedActor]] = {}
            for actor in self.named:
                for phrase in actor.phrases:
                    bucket = table.setdefault(phrase.lower(), [])
                    if actor not in bucket:
                        bucket.append(actor)
            self._named_phrases = table
        return self._named_phrases
