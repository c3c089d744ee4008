"""Run a PETRARCH validation suite (PETR.UnitTest.records.xml, PETR_Validate_records_2_02.xml) on our coder.

A suite is XML: ``<Environment>`` names its dictionaries (``<Verbfile>``, ``<Actorfile>``,
``<Agentfile>``, ``<Discardfile>``, relative to the suite file) and the categories it includes;
each ``<Sentence date id category evaluate>`` holds a ``<Text>`` and the events expected of it,
``<EventCoding sourcecode targetcode eventcode/>``, or ``noevents``, or an ``error`` PETRARCH
should report. The suites are not strictly XML (comments nest, ``<PLEvent {...}>`` lines are
not elements), so comments and PLEvent lines are removed before parsing.

Each text is coded by our own coder, with the suite's dictionaries and our own parse (the
``<Parse>`` elements are not read), dated by the record's date. A record is correct when the
coded (source, target, code) triples are exactly the expected ones. Expected ``storydiscard``
and ``sentencediscard`` errors are met when the discard list drops the text and nothing is
coded. Records that test PETRARCH's own input reading (a malformed ``<Parse>``, a dateline),
``evaluate="false"`` records and, as PETRARCH's own runner does, records of a category that
the suite's ``<Include>`` does not name are left out, and counted in the report (the word
``valid`` in ``<Include>`` is an option of PETRARCH's, not a category). ``<Config>`` options (require_dyad, comma limits,
new_actor_length) are not applied: our coder always needs a source and a target.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from coders.cameo import cameo_table
from coders.petrarch.actors import parse_date
from coders.petrarch.common import read_text
from coders.petrarch.load import Dictionaries, DictionaryCoder, LoadReport, load_dictionaries
from schemas.errors import DictionaryError
from schemas.records import Document

Triple = tuple[str, str, str]  # (source, target, code)

ENVIRONMENT_FILES = {"Verbfile": "verbs", "Actorfile": "actors", "Agentfile": "agents", "Discardfile": "discards", "PICOfile": "pico"}
# Expected errors that test PETRARCH's reading of its input, which our coder does not share.
INPUT_ERRORS = frozenset({"bad_input_parse", "dateline"})
DISCARD_ERRORS = {"storydiscard": "story", "sentencediscard": "sentence"}

# Kinds of dictionary parts the coder leaves out, named in the report (the most frequent first).
_NOTES_SHOWN = 6
_COMMENT = re.compile(r"<!--|-->")
_PLEVENT = re.compile(r"<PLEvent\b[^\n]*>")


@dataclass(frozen=True)
class Record:
    """One validation record: its text and date, and what the coder should make of it."""

    id: str
    category: str
    date: dt.date | None
    text: str
    expected: frozenset[Triple]
    evaluate: bool = True
    error: str | None = None


@dataclass
class Suite:
    """A validation suite: its file, the dictionaries its environment names, its categories and records."""

    path: Path
    files: dict[str, list[Path]]
    include: list[str]
    records: list[Record]
    config_options: list[str] = field(default_factory=list)


def strip_comments(text: str) -> str:
    """XML text without ``<!-- -->`` comments (nested ones too) and without ``<PLEvent ...>`` lines."""
    out: list[str] = []
    depth, kept_from = 0, 0
    for mark in _COMMENT.finditer(text):
        if mark.group() == "<!--":
            if depth == 0:
                out.append(text[kept_from : mark.start()])
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                kept_from = mark.end()
    if depth == 0:
        out.append(text[kept_from:])
    return _PLEVENT.sub("", "".join(out))


def read_suite(path: Path | str) -> Suite:
    """Read a validation suite file; DictionaryError naming the file when it is not one."""
    path = Path(path)
    try:
        root = ET.fromstring(strip_comments(read_text(path)))
    except ET.ParseError as e:
        raise DictionaryError(f"not a readable validation file: {e}", path=str(path), line=e.position[0]) from e
    environment = root.find("Environment")
    if environment is None:
        raise DictionaryError("no <Environment> naming the suite's dictionaries", path=str(path))
    files: dict[str, list[Path]] = {kind: [] for kind in ENVIRONMENT_FILES.values()}
    for tag, kind in ENVIRONMENT_FILES.items():
        for element in environment.findall(tag):
            names = [n.strip() for n in (element.text or "").replace(";", ",").split(",") if n.strip()]
            files[kind].extend(path.parent / name for name in names)
    include = (environment.findtext("Include") or "").split()
    records = [_record(element, path) for element in root.iter("Sentence")]
    options = sorted({str(c.get("option")) for c in root.iter("Config") if c.get("option")})
    return Suite(path, files, include, records, options)


def _record(element: ET.Element, path: Path) -> Record:
    rid = element.get("id") or "?"
    date_text = (element.get("date") or "").strip()
    try:
        date = parse_date(date_text) if date_text else None
    except ValueError as e:
        raise DictionaryError(f"record {rid}: {e}", path=str(path)) from e
    expected: set[Triple] = set()
    error = None
    for coding in element.findall("EventCoding"):
        if coding.get("error"):
            error = str(coding.get("error"))
        elif coding.get("eventcode") is not None:
            source, target = coding.get("sourcecode") or "", coding.get("targetcode") or ""
            expected.add((source.strip(), target.strip(), str(coding.get("eventcode")).strip()))
    text = " ".join((element.findtext("Text") or "").split())
    evaluate = (element.get("evaluate") or "true").strip().lower() != "false"
    return Record(rid, element.get("category") or "?", date, text, frozenset(expected), evaluate, error)


# -- running --------------------------------------------------------------------------------------------


@dataclass
class RecordResult:
    """What the coder made of one record."""

    record: Record
    coded: frozenset[Triple]
    discard: str | None = None

    @property
    def found(self) -> int:
        """Expected events that were coded."""
        return len(self.record.expected & self.coded)

    @property
    def extra(self) -> int:
        """Coded events that were not expected."""
        return len(self.coded - self.record.expected)

    @property
    def correct(self) -> bool:
        """Exactly the expected events (and, for an expected discard, the text discarded)."""
        if self.record.error in DISCARD_ERRORS:
            return self.discard is not None and not self.coded
        return self.coded == self.record.expected


@dataclass
class Tally:
    """Counts of a category or of the whole suite."""

    records: int = 0
    correct: int = 0
    expected: int = 0
    found: int = 0
    extra: int = 0

    def add(self, result: RecordResult) -> None:
        """Count one record."""
        self.records += 1
        self.correct += result.correct
        self.expected += len(result.record.expected)
        self.found += result.found
        self.extra += result.extra

    def line(self) -> str:
        """``records=N correct=N expected=N found=N extra=N``."""
        return f"records={self.records} correct={self.correct} expected={self.expected} found={self.found} extra={self.extra}"


@dataclass
class SuiteResult:
    """The results of a suite run, by record, with the records left out and why."""

    suite: Suite
    results: list[RecordResult]
    left_out: dict[str, int]
    load: LoadReport | None = None  # what loading the dictionaries read and left out

    def by_category(self) -> dict[str, Tally]:
        """A tally per category, in the order categories first appear."""
        tallies: dict[str, Tally] = {}
        for result in self.results:
            tallies.setdefault(result.record.category, Tally()).add(result)
        return tallies

    def total(self) -> Tally:
        """The tally of every evaluated record."""
        tally = Tally()
        for result in self.results:
            tally.add(result)
        return tally

    def report(self) -> list[str]:
        """The report lines: dictionaries, one line per category, what was left out, the totals last."""
        lines = [f"suite {self.suite.path.name}: {self.load.summary() if self.load else 'dictionaries given'}"]
        if self.load and self.load.notes:
            shown = "; ".join(f"{note} ({n})" for note, n in self.load.notes.most_common(_NOTES_SHOWN))
            lines.append(f"  dictionary parts the coder does not use: {shown}")
        if self.load and self.load.foreign_codes:
            shown = ", ".join(f"{code} ({n})" for code, n in self.load.foreign_codes.most_common(_NOTES_SHOWN))
            lines.append(f"  codes outside the CAMEO table, not coded: {shown}")
        categories = self.by_category()
        width = max((len(c) for c in categories), default=8)
        for category, tally in categories.items():
            share = f"{tally.found / tally.expected:6.1%}" if tally.expected else "     -"
            lines.append(f"  {category:<{width}}  {tally.line()}  found {share}")
        unreachable = Counter(t[2] for r in self.results for t in r.record.expected if t[2] not in cameo_table())
        if unreachable:
            codes = ", ".join(f"{code} ({n})" for code, n in unreachable.most_common())
            lines.append(f"  expected events with codes outside the CAMEO table, which no CAMEO coder finds: {codes}")
        for reason, count in self.left_out.items():
            lines.append(f"  left out: {count} records ({reason})")
        if self.suite.config_options:
            lines.append(f"  <Config> options not applied: {', '.join(self.suite.config_options)}")
        lines.append(self.total().line())
        return lines


def suite_dictionaries(suite: Suite, *, folder: Path | None = None, nlp: Language | None = None) -> Dictionaries:
    """The dictionaries a suite's environment names (from `folder` instead of beside the suite if given).

    The suites' own dictionaries hold deliberately malformed lines (they test PETRARCH's error
    handling), so they are read leniently and the skipped lines counted in the report.
    """
    files = {kind: [folder / p.name if folder else p for p in paths] for kind, paths in suite.files.items()}
    for paths in files.values():
        for p in paths:
            if not p.is_file():
                raise DictionaryError(f"the suite's <Environment> names {p.name}, which is not there", path=str(p))
    return load_dictionaries(
        verbs=files.get("verbs", []),
        actors=files.get("actors", []),
        agents=files.get("agents", []),
        discards=files.get("discards", []),
        pico=files.get("pico", []),
        nlp=nlp,
        strict=False,
    )


def run_suite(suite: Suite, coder: DictionaryCoder, *, load: LoadReport | None = None) -> SuiteResult:
    """Code every evaluated record of a suite with the coder and compare with what it expects."""
    left_out: dict[str, int] = {}
    records: list[Record] = []
    for record in suite.records:
        reason = _left_out(record, suite.include)
        if reason:
            left_out[reason] = left_out.get(reason, 0) + 1
        else:
            records.append(record)
    documents = [record_document(i, record, suite.path) for i, record in enumerate(records)]
    results = []
    for record, coded in zip(records, coder.code(documents), strict=True):
        triples = frozenset((e.source_actor, e.target_actor, e.event_code) for e in coded.events)
        kind = DISCARD_ERRORS.get(record.error or "")
        discard = None
        if kind == "story":
            discard = coder.discards.discarded(record.text)
        elif kind == "sentence":
            discard = coder.discards.sentence_discarded(record.text)
        results.append(RecordResult(record, triples, discard))
    return SuiteResult(suite, results, left_out, load)


def validate(path: Path | str, *, folder: Path | None = None, nlp: Language | None = None) -> SuiteResult:
    """Read a suite, load the dictionaries it names, code its records and compare."""
    suite = read_suite(path)
    dictionaries = suite_dictionaries(suite, folder=folder, nlp=nlp)
    return run_suite(suite, DictionaryCoder(dictionaries, nlp), load=dictionaries.report)


def _left_out(record: Record, include: list[str]) -> str | None:
    """Why a record is not coded, or None: evaluate="false", an input-reading test, a category not included."""
    if not record.evaluate:
        return 'evaluate="false"'
    if record.error in INPUT_ERRORS:
        return "they test PETRARCH's reading of its input, which dyadflow does not share"
    if include and record.category not in include:
        return f"category {record.category} not in the suite's <Include>, which PETRARCH's own runner skips too"
    return None


def record_document(index: int, record: Record, path: Path) -> Document:
    """A validation record as a document to code, its id numbered by its place in the suite."""
    return Document(
        doc_id=f"{index:04d}-{record.id}",
        input_id=record.id,
        path=f"{path}#{record.id}",
        doc_date=record.date,
        date_source="given" if record.date else "unknown",
        text=record.text,
    )


def failures(result: SuiteResult) -> Iterable[str]:
    """One line per record that was not coded exactly as expected: id, expected, coded."""
    for r in result.results:
        if not r.correct:
            expected = " ".join(sorted("/".join(t) for t in r.record.expected)) or "-"
            coded = " ".join(sorted("/".join(t) for t in r.coded)) or "-"
            yield f"{r.record.id} [{r.record.category}] expected {expected} coded {coded}"
