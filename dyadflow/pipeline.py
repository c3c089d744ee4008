"""The pipeline's steps as plain functions: ingest, code, store, commit. The Prefect flow wraps these."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel

from coders.coder import Coder, CodedDocument
from coders.ingest import read_inputs
from dyadflow.web import WebInput, split_inputs, web_documents
from schemas.records import Coding, Document, Reject, RunRecord
from warehouse.db import memory_connection
from warehouse.store import RunWriter

BATCH_DOCUMENTS = 64


@dataclass
class RunSummary:
    """What a run did, for the one-screen summary and the runs table."""

    run_id: str = ""
    inputs_seen: int = 0
    documents_new: int = 0
    documents_skipped: int = 0
    sentences: int = 0
    events: int = 0
    rejects: list[Reject] = field(default_factory=list)
    record: RunRecord | None = None

    @property
    def rejected(self) -> int:
        """Inputs not coded: those ingest rejected and documents the coder failed on."""
        return len(self.rejects)

    def counts(self) -> dict[str, int]:
        """The counters stored in the run's record."""
        return {
            "inputs_seen": self.inputs_seen,
            "documents_new": self.documents_new,
            "documents_skipped": self.documents_skipped,
            "rejected": self.rejected,
            "sentences": self.sentences,
            "events": self.events,
        }


_progress: list[Callable[[RunSummary], None]] = []


def set_progress(callback: Callable[[RunSummary], None] | None) -> None:
    """Have every finished batch of this process reported to callback (the CLI's progress bar); None stops it."""
    _progress.clear()
    if callback is not None:
        _progress.append(callback)


def report_progress(summary: RunSummary) -> None:
    """Tell the progress callback, if any, that a batch is done."""
    for callback in _progress:
        callback(summary)


@cache
def shared_coder() -> Coder:
    """The process's coder: the spaCy model and the data tables loaded once."""
    return Coder()


# Malformed dictionary lines shown in the warning of coder_from_options; the rest are counted.
_SHOWN_PROBLEMS = 3


def coder_from_options(
    *,
    verbs: Sequence[Path] | None = None,
    actors: Sequence[Path] | None = None,
    agents: Sequence[Path] | None = None,
    discards: Sequence[Path] | None = None,
    dictionaries: Path | None = None,
    alone: bool = False,
    strict: bool = False,
) -> Coder:
    """The coder for the dictionary options (--verbs, --dictionaries, ...): the packaged coder when none is given.

    Dictionaries from ``dictionaries`` (a folder) come before the files given one by one. Unless
    ``alone``, they code on top of our own lexicon and actors (see coders.petrarch.load for the
    precedence). The field's own dictionaries hold a few malformed lines (22 of Phoenix's ~70,000),
    which PETRARCH skips: so does this, with a warning on stderr naming them, unless ``strict``. The
    coder is built once per process for the same options.

    Raises:
        DictionaryError: a dictionary is missing or (when strict) has a malformed line.
    """
    files = {"verbs": list(verbs or ()), "actors": list(actors or ()), "agents": list(agents or ()), "discards": list(discards or ())}
    if dictionaries is not None:
        from coders.petrarch.load import dictionary_files

        for kind, paths in dictionary_files(dictionaries).items():
            files[kind] = paths + files[kind]
    if not any(files.values()):
        return shared_coder()
    key = tuple(tuple(str(Path(p).resolve()) for p in files[kind]) for kind in ("verbs", "actors", "agents", "discards"))
    return _dictionary_coder(key, alone, strict)


@cache
def _dictionary_coder(key: tuple[tuple[str, ...], ...], alone: bool, strict: bool) -> Coder:
    from rich.console import Console

    from coders.actor_data import load_actor_data
    from coders.lexicon import load_lexicon
    from coders.petrarch.load import DictionaryCoder, load_dictionaries

    verbs, actors, agents, discards = key
    loaded = load_dictionaries(
        verbs=verbs,
        actors=actors,
        agents=agents,
        discards=discards,
        base_lexicon=None if alone else load_lexicon(),
        base_actors=None if alone else load_actor_data(),
        strict=strict,
    )
    stderr = Console(stderr=True)
    stderr.print(f"dictionaries: {loaded.report.summary()}", highlight=False, soft_wrap=True)
    problems = loaded.report.problems
    for problem in problems[:_SHOWN_PROBLEMS]:
        stderr.print(f"[yellow]skipped[/] {problem}", highlight=False, soft_wrap=True)
    if len(problems) > _SHOWN_PROBLEMS:
        more = len(problems) - _SHOWN_PROBLEMS
        stderr.print(f"[yellow]skipped[/] … and {more} more malformed lines (--strict stops at the first)", highlight=False, soft_wrap=True)
    return DictionaryCoder(loaded)


def ingest_batches(
    inputs: Sequence[str | Path],
    *,
    default_date: dt.date | None = None,
    stdin: BinaryIO | None = None,
    batch_size: int = BATCH_DOCUMENTS,
    web: WebInput | None = None,
) -> Iterator[list[Document | Reject]]:
    """Read inputs lazily and hand them on in batches of documents (rejects travel with them).

    Inputs that are http(s) URLs, and the feeds of web, are fetched after the files (dyadflow.web).
    """
    paths, urls = split_inputs(inputs)
    items: Iterable[Document | Reject] = read_inputs(paths, default_date=default_date, stdin=stdin)
    if urls or (web is not None and web.feeds):
        items = itertools.chain(items, web_documents(urls, web or WebInput()))
    batch: list[Document | Reject] = []
    documents = 0
    for item in items:
        batch.append(item)
        documents += isinstance(item, Document)
        if documents >= batch_size:
            yield batch
            batch, documents = [], 0
    if batch:
        yield batch


def select_new(batch: list[Document | Reject], known: set[str], summary: RunSummary) -> tuple[list[Document], list[Reject]]:
    """Split a batch into documents not stored yet and rejects; count what is skipped."""
    documents, rejects = [], []
    for item in batch:
        summary.inputs_seen += 1
        if isinstance(item, Reject):
            rejects.append(item)
        elif item.doc_id in known:
            summary.documents_skipped += 1
        else:
            known.add(item.doc_id)
            documents.append(item)
    summary.rejects.extend(rejects)
    return documents, rejects


def code_documents(documents: list[Document], coder: Coder | None = None) -> tuple[list[CodedDocument], list[Reject]]:
    """Code a batch; if the coder fails on it, code its documents one by one and reject only those that fail."""
    coder = coder or shared_coder()
    try:
        return list(coder.code(documents)), []
    except Exception:  # one bad document must not cost the batch: find it below
        pass
    coded: list[CodedDocument] = []
    failed: list[Reject] = []
    for document in documents:
        try:
            coded.extend(coder.code([document]))
        except Exception as e:  # the night goes on; the document stays unstored and is tried again next run
            failed.append(
                Reject(
                    path=document.path,
                    reason="coder-error",
                    message=f"the coder failed on this document ({type(e).__name__}: {e}); "
                    "it was not stored and the next run tries it again",
                )
            )
    return coded, failed


def batch_rows(coded: list[CodedDocument], rejects: list[Reject], coder_version: str) -> dict[str, list[BaseModel]]:
    """The rows a coded batch adds to each table: documents, sentences, events, codings, rejects."""
    return {
        "documents": [c.document for c in coded],
        "sentences": [s for c in coded for s in c.sentences],
        **recode_rows(coded, coder_version),
        "rejects": list(rejects),
    }


def recode_rows(coded: list[CodedDocument], coder_version: str) -> dict[str, list[BaseModel]]:
    """The rows a re-coded batch adds: its events, and one coding per document that makes them current."""
    return {
        "events": [e for c in coded for e in c.events],
        "codings": [Coding(doc_id=c.document.doc_id, coder_version=coder_version, events=len(c.events)) for c in coded],
    }


def count_coded(summary: RunSummary, coded: list[CodedDocument], failed: Sequence[Reject] = (), *, recode: bool = False) -> None:
    """Add a written batch to the run's counters: its documents, sentences, events and coder failures.

    A run's coded documents are new ones (its inputs were counted as they were read); a recode's
    documents, coded or failed, count as inputs seen, none as new.
    """
    if recode:
        summary.inputs_seen += len(coded) + len(failed)
    else:
        summary.documents_new += len(coded)
    summary.sentences += sum(len(c.sentences) for c in coded)
    summary.events += sum(len(c.events) for c in coded)
    summary.rejects.extend(failed)


def run(
    inputs: Sequence[str | Path],
    warehouse: str | Path,
    *,
    default_date: dt.date | None = None,
    stdin: BinaryIO | None = None,
    coder: Coder | None = None,
    wait: float = 0.0,
    feeds: str | None = None,
) -> RunSummary:
    """Ingest, code and store inputs (and the feeds listed in the file feeds) into a warehouse in one committed run, without Prefect."""
    coder = coder or shared_coder()
    summary = RunSummary()
    with RunWriter(warehouse, wait=wait) as writer:
        summary.run_id = writer.run_id
        known = writer.known_doc_ids()
        web = WebInput(feeds=feeds, warehouse=writer.layout.root, store=writer.write)
        for batch in ingest_batches(inputs, default_date=default_date, stdin=stdin, web=web):
            documents, rejects = select_new(batch, known, summary)
            coded, failed = code_documents(documents, coder)
            for table, rows in batch_rows(coded, [*rejects, *failed], coder.version).items():
                writer.write(table, rows)
            count_coded(summary, coded, failed)
            report_progress(summary)
        summary.record = writer.commit(**summary.counts(), coder_version=coder.version)
    return summary


def code_only(
    inputs: Iterable[str | Path],
    *,
    default_date: dt.date | None = None,
    stdin: BinaryIO | None = None,
    explain: bool = False,
    coder: Coder | None = None,
) -> Iterator[CodedDocument | Reject]:
    """Code inputs without storing anything: coded documents and rejects, in input order."""
    coder = coder or shared_coder()
    for batch in ingest_batches(list(inputs), default_date=default_date, stdin=stdin):
        documents = [d for d in batch if isinstance(d, Document)]
        yield from (r for r in batch if isinstance(r, Reject))
        yield from coder.code(documents, explain=explain)


def stored_documents(
    warehouse: str | Path, coder_version: str, *, everything: bool = False, batch_size: int = BATCH_DOCUMENTS
) -> Iterator[list[Document]]:
    """The warehouse's documents in batches, as Document records: those not coded by coder_version, or all."""
    columns = list(Document.model_fields)
    select = ", ".join(f"d.{name}" for name in columns)
    sql = (
        f"SELECT {select} FROM documents d LEFT JOIN current_codings c USING (doc_id) "
        "WHERE ? OR c.coder_version IS DISTINCT FROM ? "
        "QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.run_id) = 1 ORDER BY d.doc_id"
    )
    con = memory_connection(warehouse)
    try:
        cursor = con.execute(sql, [everything, coder_version])
        while rows := cursor.fetchmany(batch_size):
            yield [Document(**dict(zip(columns, row, strict=True))) for row in rows]
    finally:
        con.close()


def stored_document_count(warehouse: str | Path) -> int:
    """How many documents the warehouse holds."""
    con = memory_connection(warehouse)
    try:
        return int(con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def recode(warehouse: str | Path, *, everything: bool = False, coder: Coder | None = None, wait: float = 0.0) -> RunSummary:
    """Re-code stored documents with the current coder in one committed run of kind "recode", without Prefect.

    Documents whose current coding is already this coder version are skipped unless everything is set.
    The new events become current when the run commits; older ones stay in all_events.
    """
    coder = coder or shared_coder()
    summary = RunSummary()
    with RunWriter(warehouse, kind="recode", wait=wait) as writer:
        summary.run_id = writer.run_id
        stored = stored_document_count(writer.layout.root)
        for documents in stored_documents(writer.layout.root, coder.version, everything=everything):
            coded, failed = code_documents(documents, coder)
            for table, rows in recode_rows(coded, coder.version).items():
                writer.write(table, rows)
            count_coded(summary, coded, failed, recode=True)
            report_progress(summary)
        summary.documents_skipped = stored - summary.inputs_seen
        summary.record = writer.commit(**summary.counts(), coder_version=coder.version)
    return summary
