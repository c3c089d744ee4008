"""The pipeline flow: discover and ingest, code in batches (model loaded once), write, commit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from coders.coder import CodedDocument
from dyadflow import pipeline
from dyadflow.pipeline import RunSummary
from schemas.records import Document, Reject
from warehouse.store import RunWriter


@task(name="code", cache_policy=NO_CACHE)
def code_task(documents: list[Document]) -> list[CodedDocument]:
    """Split and code a batch of documents with the process's coder."""
    return pipeline.code_batch(documents)


@task(name="write", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def write_task(writer: RunWriter, coded: list[CodedDocument], rejects: list[Reject], summary: RunSummary) -> None:
    """Write a coded batch into the run's Parquet parts (retried on I/O errors)."""
    pipeline.store_batch(writer, coded, rejects, summary, pipeline.shared_coder().version)


@task(name="commit", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def commit_task(writer: RunWriter, summary: RunSummary) -> RunSummary:
    """Write the run's commit marker: its files become visible in the views at once."""
    summary.record = writer.commit(**summary.counts(), coder_version=pipeline.shared_coder().version)
    return summary


@flow(name="dyadflow-pipeline", log_prints=False)
def pipeline_flow(inputs: list[str], warehouse: str, default_date: dt.date | None = None, wait: float = 0.0) -> dict:
    """Ingest, split, code and store the inputs into the warehouse as one committed run."""
    logger = get_run_logger()
    summary = RunSummary()
    with RunWriter(Path(warehouse), wait=wait) as writer:
        summary.run_id = writer.run_id
        known = writer.known_doc_ids()
        logger.info("run %s: %d documents already stored", writer.run_id, len(known))
        for batch in pipeline.ingest_batches(inputs, default_date=default_date):
            documents, rejects = pipeline.select_new(batch, known, summary)
            for reject in rejects:
                logger.warning("rejected %s: %s", reject.path if reject.line is None else f"{reject.path}:{reject.line}", reject.message)
            coded = code_task(documents) if documents else []
            write_task(writer, coded, rejects, summary)
            pipeline.report_progress(summary)
            logger.info(
                "%d inputs seen, %d new documents, %d sentences, %d events",
                summary.inputs_seen, summary.documents_new, summary.sentences, summary.events,
            )
        commit_task(writer, summary)
    logger.info("committed run %s: %s", summary.run_id, summary.counts())
    return {"run_id": summary.run_id, **summary.counts(), "rejects": [r.model_dump() for r in summary.rejects]}
