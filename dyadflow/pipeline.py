"""The pipeline's steps as plain functions: ingest, code, store, commit. The Prefect flow wraps these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

from coders.coder import Coder, CodedDocument
from coders.ingest import read_inputs
from schemas.records import Document, Reject, RunRecord
from warehouse.store import RunWriter

BATCH_DOCUMENTS = 64


@dataclass
class RunSummary:
    """What a run did, for the one-screen summary and the runs table."""

    run_id: str = ""
    inputs_seen: int = 0
    documents_new: int = 0
    documents_skipped: int = 0
    rejected: int = 0
    sentences: int = 0
    events: int = 0
    rejects: list[Reject] = field(default_factory=list)
    record: RunRecord | None = None

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


def ingest_batches(
    inputs: Sequence[str | Path],
    *,
    default_date: dt.date | None = None,
    stdin: BinaryIO | None = None,
    batch_size: int = BATCH_DOCUMENTS,
) -> Iterator[list[Document | Reject]]:
    """Read inputs lazily and hand them on in batches of documents (rejects travel with them)."""
    batch: list[Document | Reject] = []
    documents = 0
    for item in read_inputs(inputs, default_date=default_date, stdin=stdin):
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
    summary.rejected += len(rejects)
    summary.rejects.extend(rejects)
    return documents, rejects


def code_batch(documents: list[Document], coder: Coder | None = None) -> list[CodedDocument]:
    """Split and code a batch of documents."""
    coder = coder or shared_coder()
    return list(coder.code(documents))


def store_batch(writer: RunWriter, coded: list[CodedDocument], rejects: list[Reject], summary: RunSummary, coder_version: str) -> None:
    """Write a coded batch (documents, sentences, events, codings, rejects) into the run's files."""
    from schemas.records import Coding

    writer.write("documents", [c.document for c in coded])
    writer.write("sentences", [s for c in coded for s in c.sentences])
    writer.write("events", [e for c in coded for e in c.events])
    writer.write("codings", [Coding(doc_id=c.document.doc_id, coder_version=coder_version, events=len(c.events)) for c in coded])
    writer.write("rejects", rejects)
    summary.documents_new += len(coded)
    summary.sentences += sum(len(c.sentences) for c in coded)
    summary.events += sum(len(c.events) for c in coded)


def run(
    inputs: Sequence[str | Path],
    warehouse: str | Path,
    *,
    default_date: dt.date | None = None,
    stdin: BinaryIO | None = None,
    coder: Coder | None = None,
    wait: float = 0.0,
) -> RunSummary:
    """Ingest, code and store inputs into a warehouse in one committed run, without Prefect."""
    coder = coder or shared_coder()
    summary = RunSummary()
    with RunWriter(warehouse, wait=wait) as writer:
        summary.run_id = writer.run_id
        known = writer.known_doc_ids()
        for batch in ingest_batches(inputs, default_date=default_date, stdin=stdin):
            documents, rejects = select_new(batch, known, summary)
            store_batch(writer, code_batch(documents, coder), rejects, summary, coder.version)
            report_progress(summary)
        summary.record = writer.commit(**summary.counts(), coder_version=coder.version)
    return summary


def code_only(
    inputs: Iterable[str | Path], *, default_date: dt.date | None = None, stdin: BinaryIO | None = None, explain: bool = False
) -> Iterator[CodedDocument | Reject]:
    """Code inputs without storing anything: coded documents and rejects, in input order."""
    coder = shared_coder()
    for batch in ingest_batches(list(inputs), default_date=default_date, stdin=stdin):
        documents = [d for d in batch if isinstance(d, Document)]
        yield from (r for r in batch if isinstance(r, Reject))
        yield from coder.code(documents, explain=explain)
