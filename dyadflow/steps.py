"""The plain steps of a run, free of Prefect: the coder, reading inputs in batches, coding a batch, the rows it adds.

The batch loop that `run`, `recode` and `serve` share (dyadflow.batches) is built of these.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel

from coders.coder import CodedDocument, Coder
from coders.ingest import read_inputs
from dyadflow.web import WebInput, split_inputs, web_documents
from schemas.records import Coding, Document, Reject
from warehouse.db import memory_connection
from warehouse.views import BASE_VIEWS

BATCH_DOCUMENTS = 64


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


InputItem = Document | Reject
"""What an input source yields: a document read, or a reject naming the input and the problem."""


def read_files(
    inputs: Sequence[str | Path],
    *,
    default_date: dt.date | None = None,
    stdin: BinaryIO | None = None,
    web: WebInput | None = None,
) -> Iterator[InputItem]:
    """The input source of files, folders, stdin ("-") and page URLs: their documents and rejects, read lazily in order.

    http(s) URLs among the inputs, and the feeds of web, are fetched after the files (dyadflow.web); web's
    store takes the fetch log.
    """
    paths, urls = split_inputs(inputs)
    items: Iterator[InputItem] = read_inputs(paths, default_date=default_date, stdin=stdin) if paths else iter(())
    if urls or (web is not None and web.feeds):
        items = itertools.chain(items, web_documents(urls, web or WebInput()))
    return items


def in_batches(items: Iterable[InputItem], batch_size: int = BATCH_DOCUMENTS) -> Iterator[list[InputItem]]:
    """Hand items on in batches of batch_size documents (rejects travel with the documents around them)."""
    batch: list[InputItem] = []
    documents = 0
    for item in items:
        batch.append(item)
        documents += isinstance(item, Document)
        if documents >= batch_size:
            yield batch
            batch, documents = [], 0
    if batch:
        yield batch


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
    for batch in in_batches(read_files(list(inputs), default_date=default_date, stdin=stdin)):
        documents = [d for d in batch if isinstance(d, Document)]
        yield from (r for r in batch if isinstance(r, Reject))
        yield from coder.code(documents, explain=explain)


def stored_documents(
    warehouse: str | Path,
    coder_version: str,
    *,
    everything: bool = False,
    doc_ids: Sequence[str] | None = None,
    batch_size: int = BATCH_DOCUMENTS,
) -> Iterator[list[Document]]:
    """The warehouse's documents in batches, as Document records: those not coded by coder_version, all, or those of doc_ids.

    doc_ids names the documents to read whatever coded them (a recode of chosen documents).
    """
    columns = list(Document.model_fields)
    select = ", ".join(f"d.{name}" for name in columns)
    sql = (
        f"SELECT {select} FROM documents d LEFT JOIN current_codings c USING (doc_id) "
        "WHERE CASE WHEN ?::VARCHAR[] IS NULL THEN (? OR c.coder_version IS DISTINCT FROM ?) "
        "ELSE list_contains(?::VARCHAR[], d.doc_id) END "
        "QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.run_id) = 1 ORDER BY d.doc_id"
    )
    chosen = None if doc_ids is None else list(doc_ids)
    con = memory_connection(warehouse)
    try:
        cursor = con.execute(sql, [chosen, everything, coder_version, chosen])
        while rows := cursor.fetchmany(batch_size):
            yield [Document(**dict(zip(columns, row, strict=True))) for row in rows]
    finally:
        con.close()


def stored_document_count(warehouse: str | Path) -> int:
    """How many documents the warehouse holds."""
    con = memory_connection(warehouse, only=(BASE_VIEWS,))
    try:
        return int(con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()
