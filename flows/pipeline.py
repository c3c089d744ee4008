"""The pipeline flow: ingest, code in batches on the flow's task runner, write and commit in the flow's process.

Coding is the only work a task runner spreads out: one thread by default, worker processes of a local
Dask cluster for --workers N, or a Dask cluster at an address for --dask. Each worker process loads the
model once (dyadflow.pipeline.shared_coder). Writing stays in the flow's process, which holds the
warehouse lock: one writer, parts written in input order, whatever the runner.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.states import Completed, State
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from pydantic import BaseModel

from coders.coder import CODER_VERSION, CodedDocument, Coder
from dyadflow import pipeline
from dyadflow.pipeline import RunSummary
from dyadflow.web import WebInput
from flows.defaults import PARALLEL_BATCH_DOCUMENTS
from schemas.errors import DyadflowError
from schemas.records import Document, Reject
from warehouse.store import RunWriter

T = TypeVar("T")

class TaskRunnerError(DyadflowError):
    """The options for parallel coding do not fit together."""


def make_task_runner(workers: int = 1, dask: str | None = None) -> TaskRunner[Any]:
    """The task runner for coding: one thread, N local worker processes, or the Dask cluster at an address."""
    if workers < 1:
        raise TaskRunnerError(f"--workers must be 1 or more, not {workers}")
    if dask and workers > 1:
        raise TaskRunnerError("give --workers N (a local cluster) or --dask ADDRESS (an existing cluster), not both")
    if dask or workers > 1:
        from prefect_dask import DaskTaskRunner

        if dask:
            return DaskTaskRunner(address=dask)
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            # ":0": any free port for the dashboard, so that two clusters (or a user's own) never fight over 8787
            cluster_kwargs={"n_workers": workers, "processes": True, "threads_per_worker": 1, "dashboard_address": ":0"},
        )
    return ThreadPoolTaskRunner(max_workers=1)


def parallel_options(workers: int = 1, dask: str | None = None) -> dict[str, int]:
    """Documents per coding task and tasks in flight: big batches one after another alone, small ones spread over workers."""
    if dask or workers > 1:
        return {"batch_size": PARALLEL_BATCH_DOCUMENTS, "window": 4 * max(workers, 4)}
    return {"batch_size": pipeline.BATCH_DOCUMENTS, "window": 1}


@task(name="code", task_run_name="code {documents_label}", cache_policy=NO_CACHE)
def code_task(
    documents: list[Document], documents_label: str = "", dictionaries: str | None = None
) -> tuple[list[CodedDocument], list[Reject]]:
    """Split and code a batch of documents with the worker process's coder; documents it fails on become rejects."""
    return pipeline.code_documents(documents, _coder(dictionaries))


@task(name="coder version", cache_policy=NO_CACHE)
def coder_version_task(dictionaries: str) -> str:
    """The version of the coder a worker codes with for these dictionaries (it names their digest)."""
    return _coder(dictionaries).version


def _coder(dictionaries: str | None) -> Coder:
    return pipeline.coder_from_options(dictionaries=Path(dictionaries) if dictionaries else None)


def coder_version(dictionaries: str | None = None) -> str:
    """The version the coding tasks' coder stores with its events, for the run's codings and marker.

    The packaged coder's is CODER_VERSION; a coder over dictionaries adds their digest, so its version
    comes from a task on the flow's runner: the coder is loaded where the coding tasks run (a worker
    process under Dask), not in the flow's process for this alone.
    """
    if not dictionaries:
        return CODER_VERSION
    return coder_version_task.submit(dictionaries).result()


@task(name="write", task_run_name="write {table}", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def write_task(writer: RunWriter, table: str, rows: list[BaseModel]) -> None:
    """Write rows as one new Parquet part of a table; a failed write leaves nothing, so a retry is safe."""
    writer.write(table, rows)


@task(name="commit", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def commit_task(writer: RunWriter, summary: RunSummary, coder_version: str) -> RunSummary:
    """Write the run's commit marker: its files become visible in the views at once."""
    summary.record = writer.commit(**summary.counts(), coder_version=coder_version)
    return summary


def code_in_order(
    batches: Iterable[tuple[list[Document], T]], window: int, dictionaries: str | None = None
) -> Iterator[tuple[list[CodedDocument], list[Reject], T]]:
    """Submit coding tasks with at most window+1 in flight and hand back (coded, failed, extra) in input order."""
    pending: deque[tuple[PrefectFuture[Any] | None, T]] = deque()
    for number, (documents, extra) in enumerate(batches, start=1):
        label = f"batch {number} ({len(documents)} documents)"
        pending.append((code_task.submit(documents, label, dictionaries) if documents else None, extra))
        while len(pending) > window:
            yield _result(*pending.popleft())
    while pending:
        yield _result(*pending.popleft())


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


def _result(future: PrefectFuture[Any] | None, extra: T) -> tuple[list[CodedDocument], list[Reject], T]:
    coded, failed = future.result() if future is not None else ([], [])
    return coded, failed, extra


def write_rows(writer: RunWriter, tables: dict[str, list[BaseModel]]) -> None:
    """Write a batch's rows, table by table, each a retried task."""
    for table, rows in tables.items():
        if rows:
            write_task(writer, table, rows)


def finish(summary: RunSummary, what: str) -> State[Any]:
    """The flow's final state: Completed, with a one-line message and a Markdown summary artifact."""
    counts = summary.counts()
    message = (
        f"{what} {summary.run_id}: {summary.inputs_seen} inputs seen, {summary.documents_new} new, "
        f"{summary.documents_skipped} skipped, {summary.rejected} rejected, {summary.sentences} sentences, {summary.events} events"
    )
    get_run_logger().info(message)
    lines = [f"# dyadflow {what} `{summary.run_id}`", "", "| | |", "|---|---|"]
    lines += [f"| {key.replace('_', ' ')} | {value} |" for key, value in counts.items()]
    if summary.rejects:
        lines += ["", "## Rejected", ""]
        lines += [f"- `{r.path}{'' if r.line is None else f':{r.line}'}` ({r.reason}): {r.message}" for r in summary.rejects[:50]]
    create_markdown_artifact("\n".join(lines), key=f"dyadflow-{what}", description=message)
    data = {"run_id": summary.run_id, **counts, "rejects": [r.model_dump() for r in summary.rejects]}
    return Completed(message=message, data=data)


@flow(name="dyadflow-pipeline", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=False)
def pipeline_flow(
    inputs: list[str],
    warehouse: str,
    default_date: dt.date | None = None,
    wait: float = 0.0,
    batch_size: int = pipeline.BATCH_DOCUMENTS,
    window: int = 1,
    dictionaries: str | None = None,
    feeds: str | None = None,
) -> State[Any]:
    """Ingest, split, code and store the inputs into the warehouse as one committed run; known documents are skipped.

    With `dictionaries` (a folder of PETRARCH dictionaries) the coder codes with them on top of its own data.
    With `feeds` (a file of feed URLs, or OPML) their new articles are fetched and coded too (dyadflow.web).
    """
    logger = get_run_logger()
    summary = RunSummary()
    version = coder_version(dictionaries)  # before the lock: dictionaries that do not load stop the run here
    with RunWriter(Path(warehouse), wait=wait) as writer:
        summary.run_id = writer.run_id
        known = writer.known_doc_ids()
        logger.info("run %s: %d documents already stored, coder %s", writer.run_id, len(known), version)
        web = WebInput(feeds=feeds or None, warehouse=writer.layout.root, store=lambda table, rows: write_rows(writer, {table: rows}))
        batches = (
            pipeline.select_new(batch, known, summary)
            for batch in pipeline.ingest_batches(inputs, default_date=default_date, batch_size=batch_size, web=web)
        )
        for coded, failed, reject_lists in gathered(code_in_order(batches, window, dictionaries), pipeline.BATCH_DOCUMENTS):
            rejects = [reject for group in reject_lists for reject in group]
            for reject in [*rejects, *failed]:
                where = reject.path if reject.line is None else f"{reject.path}:{reject.line}"
                logger.warning("rejected %s: %s", where, reject.message)
            write_rows(writer, pipeline.batch_rows(coded, [*rejects, *failed], version))
            pipeline.count_coded(summary, coded, failed)
            pipeline.report_progress(summary)
            logger.info(
                "%d inputs seen, %d new documents, %d sentences, %d events",
                summary.inputs_seen, summary.documents_new, summary.sentences, summary.events,
            )
        commit_task(writer, summary, version)
    return finish(summary, "run")


def run_pipeline(
    inputs: list[str],
    warehouse: str,
    *,
    default_date: dt.date | None = None,
    wait: float = 0.0,
    workers: int = 1,
    dask: str | None = None,
    dictionaries: str | None = None,
    feeds: str | None = None,
) -> dict[str, Any]:
    """Run the pipeline flow on the task runner for workers/dask and return its summary."""
    runner = make_task_runner(workers, dask)
    return pipeline_flow.with_options(task_runner=runner)(
        inputs, warehouse, default_date=default_date, wait=wait, dictionaries=dictionaries, feeds=feeds,
        **parallel_options(workers, dask),
    )
