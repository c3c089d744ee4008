"""Small warehouses written through RunWriter, as runs and recodes write them: for the compaction and index tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from schemas import Coding, Document, Event, Reject, Sentence
from warehouse.db import open_warehouse
from warehouse.store import RunWriter

# The views whose rows a compaction must keep, each with an order that makes their rows comparable.
KEPT_VIEWS = {
    "documents": "doc_id, run_id",
    "sentences": "doc_id, sentence_index, run_id",
    "events": "event_id, run_id",
    "all_events": "event_id, run_id",
    "rejects": "path, line, run_id",
    "codings": "doc_id, run_id",
}


def event(
    doc_id: str,
    n: int,
    day: dt.date | None,
    source: str,
    target: str,
    version: str,
    code: str = "042",
    quad: int = 1,
    goldstein: float = 1.9,
) -> Event:
    """The n-th event of a document, between two actor codes (countries: their first three letters, but IGO and REB)."""

    def country(actor: str) -> str | None:
        return None if actor[:3] in ("IGO", "REB", "NGO") else actor[:3]

    return Event(
        event_id=f"{doc_id}-{n}-{version}",
        doc_id=doc_id,
        sentence_index=n,
        sentence=f"Sentence {n}.",
        event_date=day,
        source_actor=source,
        source_country=country(source),
        source_text=source,
        target_actor=target,
        target_country=country(target),
        target_text=target,
        event_code=code,
        event_root=code[:2],
        quad_class=quad,
        goldstein=goldstein,
        trigger="met",
        rule="test",
        coder_version=version,
    )


def document(doc_id: str, outlet: str | None) -> Document:
    """A one-sentence document from an outlet."""
    return Document(doc_id=doc_id, path=f"{doc_id}.txt", text="Text.", source=outlet, doc_date=dt.date(2020, 1, 1), date_source="given")


def write_run(root: Path, docs: Sequence[tuple[Document, list[Event]]], *, rejects: Sequence[Reject] = (), version: str = "v1") -> str:
    """Commit one run of new documents with their events (a `run`); its run_id."""
    with RunWriter(root) as writer:
        if docs:
            writer.write("documents", [d for d, _ in docs])
            writer.write(
                "sentences",
                [Sentence(doc_id=d.doc_id, sentence_index=0, paragraph_index=0, start_char=0, end_char=5, text="Text.") for d, _ in docs],
            )
            writer.write("events", [e for _, events in docs for e in events])
            writer.write("codings", [Coding(doc_id=d.doc_id, coder_version=version, events=len(events)) for d, events in docs])
        writer.write("rejects", list(rejects))
        writer.commit(documents_new=len(docs))
        return writer.run_id


def write_recode(root: Path, docs: Sequence[tuple[str, list[Event]]], version: str) -> str:
    """Commit a recode of stored documents: their new events replace the old; its run_id."""
    with RunWriter(root, kind="recode") as writer:
        writer.write("events", [e for _, events in docs for e in events])
        writer.write("codings", [Coding(doc_id=doc_id, coder_version=version, events=len(events)) for doc_id, events in docs])
        writer.commit()
        return writer.run_id


def rows(root: Path) -> dict[str, list[tuple]]:
    """Every row of the kept views, sorted."""
    con = open_warehouse(root)
    try:
        return {view: con.execute(f"SELECT * FROM {view} ORDER BY {order}").fetchall() for view, order in KEPT_VIEWS.items()}
    finally:
        con.close()


def run_ids(root: Path) -> list[str]:
    """The run_ids the runs view lists."""
    con = open_warehouse(root)
    try:
        return [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY run_id").fetchall()]
    finally:
        con.close()
