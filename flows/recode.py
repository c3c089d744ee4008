"""The recode flow: stored documents coded again with the current coder, swapped in by one commit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner

from dyadflow import pipeline
from dyadflow.pipeline import RunSummary
from flows.pipeline import code_in_order, coder_version, commit_task, finish, gathered, make_task_runner, parallel_options, write_rows
from warehouse.store import RunWriter


@flow(name="dyadflow-recode", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=False)
def recode_flow(
    warehouse: str,
    everything: bool = False,
    wait: float = 0.0,
    batch_size: int = pipeline.BATCH_DOCUMENTS,
    window: int = 1,
) -> State[Any]:
    """Code the stored documents again with the current coder version, as one run of kind "recode".

    Only documents whose current coding is another version are read, unless everything is set. Their
    new events and codings become current together when the run commits; the old events stay in
    all_events. Documents and sentences are not written again.
    """
    logger = get_run_logger()
    summary = RunSummary()
    with RunWriter(Path(warehouse), kind="recode", wait=wait) as writer:
        summary.run_id = writer.run_id
        root = writer.layout.root
        stored = pipeline.stored_document_count(root)
        version = coder_version()
        logger.info("recode %s: %d documents stored, coder %s", writer.run_id, stored, version)
        stored_batches = pipeline.stored_documents(root, version, everything=everything, batch_size=batch_size)
        batches = ((documents, None) for documents in stored_batches)
        for coded, failed, _ in gathered(code_in_order(batches, window), pipeline.BATCH_DOCUMENTS):
            for reject in failed:
                logger.warning("not re-coded %s: %s", reject.path, reject.message)
            write_rows(writer, pipeline.recode_rows(coded, version))
            pipeline.count_coded(summary, coded, failed, recode=True)
            pipeline.report_progress(summary)
        summary.documents_skipped = stored - summary.inputs_seen
        commit_task(writer, summary, version)
    return finish(summary, "recode")


def run_recode(warehouse: str, *, everything: bool = False, wait: float = 0.0, workers: int = 1, dask: str | None = None) -> dict[str, Any]:
    """Run the recode flow on the task runner for workers/dask and return its summary."""
    runner = make_task_runner(workers, dask)
    return recode_flow.with_options(task_runner=runner)(warehouse, everything=everything, wait=wait, **parallel_options(workers, dask))
