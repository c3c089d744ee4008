"""The recode flow: stored documents coded again with the current coder by the batch loop, swapped in by one commit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner

from dyadflow import batches, steps
from dyadflow.batches import RunSummary
from flows.run_flow import finish, make_task_runner, parallel_options, prefect_runner, reporting


@flow(name="dyadflow-recode", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=False)
def recode_flow(
    warehouse: str,
    everything: bool = False,
    wait: float = 0.0,
    batch_size: int = steps.BATCH_DOCUMENTS,
    window: int = 1,
    doc_ids: list[str] | None = None,
) -> State[Any]:
    """Code the stored documents again with the current coder version, as one run of kind "recode".

    Only documents whose current coding is another version are read, unless everything is set, or
    those of doc_ids. Their new events and codings become current together when the run commits; the
    old events stay in all_events. Documents and sentences are not written again.
    """
    runner = prefect_runner(batch_size=batch_size, window=window)
    summary = batches.recode(Path(warehouse), everything=everything, doc_ids=doc_ids, runner=runner, wait=wait)
    return finish(summary, "recode")


def run_recode(
    warehouse: str,
    *,
    everything: bool = False,
    doc_ids: Sequence[str] | None = None,
    wait: float = 0.0,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[RunSummary], None] | None = None,
) -> dict[str, Any]:
    """Run the recode flow in this process on the task runner for workers/dask and return its summary."""
    runner = make_task_runner(workers, dask)
    chosen = None if doc_ids is None else list(doc_ids)
    with reporting(progress):
        return recode_flow.with_options(task_runner=runner)(
            warehouse, everything=everything, wait=wait, doc_ids=chosen, **parallel_options(workers, dask)
        )
