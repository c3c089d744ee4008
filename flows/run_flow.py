"""The run flow: the batch loop of dyadflow.batches as a Prefect flow, coding on the flow's task runner.

Coding is the only work a task runner spreads out: one thread by default, worker processes of a local
Dask cluster for --workers N, or a Dask cluster at an address for --dask. Each worker process loads the
model once (dyadflow.steps.shared_coder). Writing stays in the flow's process, which holds the
warehouse lock: one writer, parts written in input order, whatever the runner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, State
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from pydantic import BaseModel

from coders.coder import CODER_VERSION, CodedDocument, Coder
from dyadflow import batches, steps
from dyadflow.batches import Pending, Runner, RunSummary
from flows.defaults import PARALLEL_BATCH_DOCUMENTS
from schemas.errors import TaskRunnerError
from schemas.records import Document, Reject
from warehouse.store import RunWriter


def make_task_runner(workers: int = 1, dask: str | None = None) -> TaskRunner[Any]:
    """The task runner for coding: one thread, N local worker processes, or the Dask cluster at an address."""
    if workers < 1:
        raise TaskRunnerError(f"--workers must be 1 or more, not {workers}; leave it out to code in this process")
    if dask and workers > 1:
        raise TaskRunnerError("give --workers N (a local cluster) or --dask ADDRESS (an existing cluster), not both; drop one of them")
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
    return {"batch_size": steps.BATCH_DOCUMENTS, "window": 1}


@task(name="code", task_run_name="code {documents_label}", cache_policy=NO_CACHE)
def code_task(
    documents: list[Document], documents_label: str = "", dictionaries: str | None = None
) -> tuple[list[CodedDocument], list[Reject]]:
    """Split and code a batch of documents with the worker process's coder; documents it fails on become rejects."""
    return steps.code_documents(documents, _coder(dictionaries))


@task(name="coder version", cache_policy=NO_CACHE)
def coder_version_task(dictionaries: str) -> str:
    """The version of the coder a worker codes with for these dictionaries (it names their digest)."""
    return _coder(dictionaries).version


def _coder(dictionaries: str | None) -> Coder:
    return steps.coder_from_options(dictionaries=Path(dictionaries) if dictionaries else None)


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


def prefect_runner(
    *, batch_size: int = steps.BATCH_DOCUMENTS, window: int = 1, dictionaries: str | None = None, version: str | None = None
) -> Runner:
    """The batch loop's runner inside a flow: coding as tasks on the flow's task runner, writes and commit as retried tasks."""

    def submit(documents: list[Document], label: str) -> Pending:
        return code_task.submit(documents, label, dictionaries)

    return Runner(
        submit=submit,
        version=version or coder_version(dictionaries),
        window=window,
        batch_size=batch_size,
        write=write_task,
        commit=commit_task,
        progress=_progress[0] if _progress else None,
        log=get_run_logger(),
    )


_progress: list[Callable[[RunSummary], None]] = []


@contextmanager
def reporting(progress: Callable[[RunSummary], None] | None) -> Iterator[None]:
    """Have the flows run in this process meanwhile report every written batch to progress (the CLI's progress bar)."""
    _progress[:] = [progress] if progress is not None else []
    try:
        yield
    finally:
        _progress.clear()


def finish(summary: RunSummary, what: str) -> State[Any]:
    """The flow's final state: Completed, with a one-line message and a Markdown summary artifact."""
    message = summary.line(what)
    lines = [f"# dyadflow {what} `{summary.run_id}`", "", "| | |", "|---|---|"]
    lines += [f"| {key.replace('_', ' ')} | {value} |" for key, value in summary.counts().items()]
    if summary.rejects:
        lines += ["", "## Rejected", ""]
        lines += [f"- `{r.path}{'' if r.line is None else f':{r.line}'}` ({r.reason}): {r.message}" for r in summary.rejects[:50]]
    create_markdown_artifact("\n".join(lines), key=f"dyadflow-{what}", description=message)
    return Completed(message=message, data=summary.as_dict())


@flow(name="dyadflow-pipeline", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=False)
def run_flow(
    inputs: list[str],
    warehouse: str,
    default_date: dt.date | None = None,
    wait: float = 0.0,
    batch_size: int = steps.BATCH_DOCUMENTS,
    window: int = 1,
    dictionaries: str | None = None,
    feeds: str | None = None,
) -> State[Any]:
    """Ingest, split, code and store the inputs into the warehouse as one committed run; known documents are skipped.

    With `dictionaries` (a folder of PETRARCH dictionaries) the coder codes with them on top of its own data.
    The loop is dyadflow.batches.run, its batches coded as tasks on the flow's task runner. With `feeds`
    (a file of feed URLs, or OPML) their new articles are fetched and coded too (dyadflow.web).
    """
    # the coder's version before the lock: dictionaries that do not load stop the run here
    runner = prefect_runner(batch_size=batch_size, window=window, dictionaries=dictionaries)
    summary = batches.run(inputs, Path(warehouse), default_date=default_date, runner=runner, wait=wait, feeds=feeds or None)
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
    progress: Callable[[RunSummary], None] | None = None,
) -> dict[str, Any]:
    """Run the run flow in this process on the task runner for workers/dask and return its summary; progress hears of every written batch."""
    runner = make_task_runner(workers, dask)
    with reporting(progress):
        return run_flow.with_options(task_runner=runner)(
            inputs,
            warehouse,
            default_date=default_date,
            wait=wait,
            dictionaries=dictionaries,
            feeds=feeds,
            **parallel_options(workers, dask),
        )
