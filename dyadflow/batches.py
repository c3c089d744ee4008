"""The one batch loop that `dyadflow run`, `recode` and `serve` share, free of Prefect.

A run reads its documents from input sources (files today; any iterable of documents and rejects
tomorrow), codes them in batches through a submit function, and writes them as one committed run.
What differs between callers is a `Runner`: how a batch is coded (in this process, as a Prefect task,
on Dask workers through Prefect's task runner), how rows are written and committed (plainly, or as
retried Prefect tasks), where progress and rejects are told. The fault, bad-input and misuse tests run
this loop with the in-process runner; `dyadflow run` runs it inside the Prefect flow of flows.run_flow.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeVar

from pydantic import BaseModel

from coders.coder import CodedDocument, Coder
from dyadflow.steps import (
    BATCH_DOCUMENTS,
    InputItem,
    batch_rows,
    code_documents,
    in_batches,
    read_files,
    recode_rows,
    shared_coder,
    stored_document_count,
    stored_documents,
)
from dyadflow.web import WebInput
from schemas.records import DocDate, Document, Reject, RunRecord
from warehouse.store import RunWriter

T = TypeVar("T")

LOG = logging.getLogger("dyadflow.run")
"""Where the loop tells what it does when its caller gives no logger (the CLI sends it to the run's log)."""

Coded = tuple[list[CodedDocument], list[Reject]]
"""A coded batch: its coded documents, and a reject for each document the coder failed on."""


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

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain data (what a flow returns and the CLI prints): run id, counters, rejects."""
        return {"run_id": self.run_id, **self.counts(), "rejects": [r.model_dump() for r in self.rejects]}

    def line(self, what: str = "run") -> str:
        """The summary in one line, for logs and a flow's final state."""
        return (
            f"{what} {self.run_id}: {self.inputs_seen} inputs seen, {self.documents_new} new, "
            f"{self.documents_skipped} skipped, {self.rejected} rejected, {self.sentences} sentences, {self.events} events"
        )


class Pending(Protocol):
    """A batch handed to a submit function: its result is the coded batch (a Prefect future is one)."""

    def result(self) -> Any: ...


Submit = Callable[[list[Document], str], Pending]
"""Hand a batch of documents (and a label naming it) to be coded; the result comes later, in order."""
WriteStep = Callable[[RunWriter, str, list[BaseModel]], None]
CommitStep = Callable[[RunWriter, "RunSummary", str], "RunSummary"]
Progress = Callable[["RunSummary"], None]


@dataclass(frozen=True)
class Done:
    """A batch coded at once, in this process."""

    value: Coded

    def result(self) -> Coded:
        """The coded batch."""
        return self.value


def in_process(coder: Coder | None = None) -> Submit:
    """The submit function that codes each batch at once in this process with coder (the shared coder by default)."""

    def submit(documents: list[Document], label: str = "") -> Pending:
        return Done(code_documents(documents, coder or shared_coder()))

    return submit


def plain_write(writer: RunWriter, table: str, rows: list[BaseModel]) -> None:
    """Write rows as one new part of a table."""
    writer.write(table, rows)


def plain_commit(writer: RunWriter, summary: RunSummary, version: str) -> RunSummary:
    """Commit the run: its record goes into the summary."""
    summary.record = writer.commit(**summary.counts(), coder_version=version)
    return summary


@dataclass(frozen=True)
class Runner:
    """How the batch loop codes, writes, commits and reports: what `run`, `recode` and `serve` choose differently."""

    submit: Submit
    version: str
    window: int = 1
    """Batches in flight besides the one being written: 1 for one coder, more to keep workers busy."""
    batch_size: int = BATCH_DOCUMENTS
    write: WriteStep = plain_write
    commit: CommitStep = plain_commit
    progress: Progress | None = None
    log: logging.Logger | logging.LoggerAdapter[Any] = LOG


def local_runner(coder: Coder | None = None, progress: Progress | None = None) -> Runner:
    """The runner that codes in this process, one batch at a time."""
    coder = coder or shared_coder()
    return Runner(submit=in_process(coder), version=coder.version, progress=progress)


def select_new(batch: list[InputItem], known: set[str], summary: RunSummary) -> tuple[list[Document], list[Reject]]:
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


def code_in_order(
    batches: Iterable[tuple[list[Document], T]], submit: Submit, window: int
) -> Iterator[tuple[list[CodedDocument], list[Reject], T]]:
    """Submit batches with at most window+1 in flight and hand back (coded, failed, extra) in input order."""
    pending: deque[tuple[Pending | None, T]] = deque()
    for number, (documents, extra) in enumerate(batches, start=1):
        label = f"batch {number} ({len(documents)} documents)"
        pending.append((submit(documents, label) if documents else None, extra))
        while len(pending) > window:
            yield _result(*pending.popleft())
    while pending:
        yield _result(*pending.popleft())


def _result(future: Pending | None, extra: T) -> tuple[list[CodedDocument], list[Reject], T]:
    coded, failed = future.result() if future is not None else ([], [])
    return coded, failed, extra


def gathered(
    results: Iterable[tuple[list[CodedDocument], list[Reject], T]], documents: int
) -> Iterator[tuple[list[CodedDocument], list[Reject], list[T]]]:
    """Join coded batches, in order, into groups of at least `documents` documents: fewer writes, fewer small files."""
    coded: list[CodedDocument] = []
    failed: list[Reject] = []
    extras: list[T] = []
    for batch_coded, batch_failed, extra in results:
        coded += batch_coded
        failed += batch_failed
        extras.append(extra)
        if len(coded) + len(failed) >= documents:
            yield coded, failed, extras
            coded, failed, extras = [], [], []
    if extras:
        yield coded, failed, extras


def _write(writer: RunWriter, runner: Runner, tables: dict[str, list[BaseModel]]) -> None:
    for table, rows in tables.items():
        if rows:
            runner.write(writer, table, rows)


def _tell(runner: Runner, summary: RunSummary) -> None:
    runner.log.info(
        "%d inputs seen, %d new documents, %d sentences, %d events",
        summary.inputs_seen,
        summary.documents_new,
        summary.sentences,
        summary.events,
    )
    if runner.progress is not None:
        runner.progress(summary)


def run(
    inputs: Sequence[str | Path],
    warehouse: str | Path,
    *,
    sources: Iterable[Iterable[InputItem]] = (),
    default_date: dt.date | None = None,
    stdin: BinaryIO | None = None,
    runner: Runner | None = None,
    coder: Coder | None = None,
    wait: float = 0.0,
    feeds: str | None = None,
) -> RunSummary:
    """Read inputs (files, folders, "-", page URLs), the feeds and further input sources, code what is new and store it as one committed run.

    feeds: a file of feed URLs or OPML whose new articles are fetched (dyadflow.web; the fetch log and
    the raw pages are written with the run); sources: more input sources after the files, each an
    iterable of documents and rejects; runner: how to code and write (default: in this process, with coder).
    """
    runner = runner or local_runner(coder)
    summary = RunSummary()
    with RunWriter(warehouse, wait=wait) as writer:
        web = WebInput(feeds=feeds, warehouse=writer.layout.root, store=lambda table, rows: _write(writer, runner, {table: rows}))
        files = read_files(inputs, default_date=default_date, stdin=stdin, web=web) if inputs or feeds else iter(())
        items = itertools.chain(files, *sources)
        summary.run_id = writer.run_id
        known = writer.known_doc_ids()
        runner.log.info("run %s: %d documents already stored, coder %s", writer.run_id, len(known), runner.version)
        batches = (select_new(batch, known, summary) for batch in in_batches(items, runner.batch_size))
        for coded, failed, reject_lists in gathered(code_in_order(batches, runner.submit, runner.window), BATCH_DOCUMENTS):
            rejects = [*(reject for group in reject_lists for reject in group), *failed]
            for reject in rejects:
                runner.log.warning("rejected %s: %s", _where(reject), reject.message)
            _write(writer, runner, batch_rows(coded, rejects, runner.version))
            count_coded(summary, coded, failed)
            _tell(runner, summary)
        runner.commit(writer, summary, runner.version)
    runner.log.info(summary.line("run"))
    return summary


def recode(
    warehouse: str | Path,
    *,
    everything: bool = False,
    doc_ids: Sequence[str] | None = None,
    dates: Mapping[str, dt.date] | None = None,
    runner: Runner | None = None,
    coder: Coder | None = None,
    wait: float = 0.0,
) -> RunSummary:
    """Code stored documents again with the runner's coder, as one committed run of kind "recode".

    Documents whose current coding is already this coder version are skipped unless everything is set;
    doc_ids, when given, names the documents to recode whatever coded them. dates gives documents (by
    doc_id) a new doc_date first (dyadflow redate): each one coded is stored in doc_dates with the date it
    had. The new events and codings become current together when the run commits; older events stay in all_events.
    """
    runner = runner or local_runner(coder)
    summary = RunSummary()
    dates = dict(dates or {})
    if dates:
        doc_ids = sorted({*(doc_ids or []), *dates})
    with RunWriter(warehouse, kind="recode", wait=wait) as writer:
        summary.run_id = writer.run_id
        root = writer.layout.root
        stored = stored_document_count(root)
        runner.log.info("recode %s: %d documents stored, coder %s", writer.run_id, stored, runner.version)
        chosen = stored_documents(root, runner.version, everything=everything, doc_ids=doc_ids, batch_size=runner.batch_size)
        before: dict[str, Document] = {}

        def redated(documents: list[Document]) -> list[Document]:
            before.update((d.doc_id, d) for d in documents if d.doc_id in dates)
            return [
                d.model_copy(update={"doc_date": dates[d.doc_id], "date_source": "given"}) if d.doc_id in dates else d for d in documents
            ]

        batches = ((redated(documents), None) for documents in chosen)
        for coded, failed, _ in gathered(code_in_order(batches, runner.submit, runner.window), BATCH_DOCUMENTS):
            for reject in failed:
                runner.log.warning("not re-coded %s: %s", reject.path, reject.message)
            new_dates = [
                DocDate(
                    doc_id=c.document.doc_id,
                    doc_date=dates[c.document.doc_id],
                    previous_date=before[c.document.doc_id].doc_date,
                    previous_source=before[c.document.doc_id].date_source,
                )
                for c in coded
                if c.document.doc_id in dates
            ]
            if new_dates:
                _write(writer, runner, {"doc_dates": list(new_dates)})
            _write(writer, runner, recode_rows(coded, runner.version))
            count_coded(summary, coded, failed, recode=True)
            _tell(runner, summary)
        summary.documents_skipped = stored - summary.inputs_seen
        runner.commit(writer, summary, runner.version)
    runner.log.info(summary.line("recode"))
    return summary


def _where(reject: Reject) -> str:
    return reject.path if reject.line is None else f"{reject.path}:{reject.line}"
