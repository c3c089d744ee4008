"""Compaction: the parts of many runs merged into one well-sorted file per table, switched in atomically.

A compaction holds the writer's lock. It writes each table's rows, as the views show them, into
<table>/run_id=compact-<id>/part-00000.parquet (invisible: no committed marker names it yet), then
commits by writing _compactions/<id>.json, which names every run those files hold. From that rename on,
the views read the compacted files instead of those runs' parts (and of the compaction before), all at
once; then the replaced files are deleted. A kill at any point leaves either the old state or the new
one visible, and the next writer deletes what is left of the other.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from schemas.errors import WarehouseError
from schemas.records import DyadCell
from warehouse.layout import INIT_RUN, ORIGIN_RUN_ID, ROW_TABLES, TABLES, Layout
from warehouse.store import (
    ROW_GROUPS,
    CompactionRecord,
    add_missing_sums,
    committed_runs,
    init_warehouse,
    live_compaction,
    new_run_id,
    remove_unreferenced,
    run_markers,
    write_atomic,
    write_file_atomic,
)
from warehouse.views import TABLE_VIEWS, memory_connection

# Each table's rows in a compacted file, read from the views, and their order: the events by date then
# dyad (row groups then cover a span of days), the dyad index by dyad then date (row groups cover a
# dyad), the sums of event_days, dyad_index and dyad_cells over runs (their rows name the compaction as run_id).
_ORDER = {
    "documents": "doc_id, run_id",
    "sentences": "doc_id, sentence_index, run_id",
    "events": "event_date NULLS FIRST, source_country NULLS FIRST, target_country NULLS FIRST, doc_id, event_id, run_id",
    "rejects": "path, line NULLS FIRST, run_id",
    "codings": "doc_id, run_id",
    "fetches": "url, fetched_at, run_id",
    "pages": "url, fetched_at, run_id",
    "doc_dates": "doc_id, run_id",
}
_VIEW = {"events": "all_events"}
_INDEX_CELL = "source_key, target_key, event_date, event_date_precision, source_actor, source_country, target_actor, target_country, quad_class, doc_id, outlet"
_CELL_KEY = "source_key, target_key, event_date, event_date_precision, outlet"
_CELL_COUNTS = [f for f in DyadCell.model_fields if f not in _CELL_KEY.split(", ") and f != "goldstein_sum"]
_SUMS_SQL = {
    "event_days": "SELECT event_date, sum(events)::BIGINT AS events FROM event_days GROUP BY ALL ORDER BY event_date NULLS FIRST",
    "dyad_index": f"""
        SELECT {_INDEX_CELL}, sum(events)::BIGINT AS events, sum(goldstein_sum::DECIMAL(38, 3))::DOUBLE AS goldstein_sum
        FROM dyad_index
        GROUP BY {_INDEX_CELL}
        HAVING sum(events) <> 0
        ORDER BY {_INDEX_CELL}
    """,
    "dyad_cells": f"""
        SELECT {_CELL_KEY}, {", ".join(f"sum({c})::BIGINT AS {c}" for c in _CELL_COUNTS)}, sum(goldstein_sum::DECIMAL(38, 3))::DOUBLE AS goldstein_sum
        FROM dyad_cells
        GROUP BY {_CELL_KEY}
        HAVING {" OR ".join(f"sum({c}) <> 0" for c in _CELL_COUNTS)}
        ORDER BY source_key, target_key, event_date, event_date_precision, outlet NULLS FIRST
    """,
}
COMPACT_MEMORY = "1GB"
"""DuckDB's memory limit while a compaction sorts the tables (beyond it, sorting spills to a temp folder)."""
EVERY = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7), "monthly": dt.timedelta(days=30)}


@dataclass(frozen=True)
class CompactionSummary:
    """What a compaction did: the runs its files now hold, the files written and removed, how long it took."""

    compaction_id: str | None
    runs: int
    new_runs: int
    files_written: int
    files_removed: int
    seconds: float

    def line(self) -> str:
        """One line for the terminal."""
        if self.compaction_id is None:
            return "nothing to compact: every committed run is already in the compacted files"
        return (
            f"compaction {self.compaction_id}: {self.runs} runs ({self.new_runs} new) in {self.files_written} files, "
            f"{self.files_removed} older files removed, {self.seconds:.1f} s"
        )


def _table_sql(table: str) -> str:
    if table in ROW_TABLES:
        return f"SELECT * EXCLUDE (run_id), run_id AS {ORIGIN_RUN_ID} FROM {_VIEW.get(table, table)} ORDER BY {_ORDER[table]}"
    return _SUMS_SQL[table]


def _parquet_files(lay: Layout) -> int:
    return sum(1 for table in TABLES for _ in lay.table_dir(table).glob("run_id=*/*.parquet"))


def _write_compacted(lay: Layout, compaction_id: str) -> int:
    """Write every table's compacted file (temp file, fsync, rename), still invisible to the views; the number written."""
    con = memory_connection(lay.root, only=TABLE_VIEWS)  # the tables' views, not the macros built on them
    spill = tempfile.mkdtemp(prefix="dyadflow-compact-")
    # sorting ten million events would otherwise take most of the memory: spill to disk past the limit
    con.execute(
        f"SET memory_limit = '{COMPACT_MEMORY}'; SET preserve_insertion_order = false; SET temp_directory = '{_quoted(Path(spill))}'"
    )
    written = 0
    live = live_compaction(lay)
    try:
        for table in TABLES:
            if table == "dyad_cells" and live.seq > 0 and not any(lay.compact_dir(table, live.compaction_id).glob("*.parquet")):
                continue  # the live compaction was made before dyad_cells existed: its runs' cells are unknown, none are written
            group = f", ROW_GROUP_SIZE {ROW_GROUPS[table]}" if table in ROW_GROUPS else ""
            sql = _table_sql(table)
            write_file_atomic(
                lay.compact_dir(table, compaction_id) / "part-00000.parquet",
                lambda tmp, sql=sql, group=group: con.execute(
                    f"COPY ({sql}) TO '{_quoted(tmp)}' (FORMAT parquet, COMPRESSION zstd{group})"
                ),
            )
            written += 1
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
    return written


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def compact_locked(lay: Layout) -> CompactionSummary:
    """Compact a warehouse whose writer's lock the caller holds (see compact)."""
    start = time.perf_counter()
    remove_unreferenced(lay)  # what a killed run or compaction left
    add_missing_sums(lay)
    live = live_compaction(lay)
    runs = sorted(committed_runs(lay) - {INIT_RUN})
    new_runs = sorted(set(runs) - set(live.runs))
    if not new_runs:
        return CompactionSummary(None, len(runs), 0, 0, 0, time.perf_counter() - start)
    before = _parquet_files(lay)
    compaction_id = new_run_id()
    started = dt.datetime.now(dt.UTC)
    written = _write_compacted(lay, compaction_id)
    markers = run_markers(lay)  # the runs' markers in one file, so that readers open one file, not one per run
    write_atomic(lay.compacted_markers(compaction_id), "".join(markers[run_id] + "\n" for run_id in runs).encode())
    record = CompactionRecord(
        compaction_id=compaction_id, seq=live.seq + 1, runs=runs, started_at=started, ended_at=dt.datetime.now(dt.UTC)
    )
    write_atomic(lay.compaction_marker(compaction_id), (record.model_dump_json() + "\n").encode())  # the commit
    remove_unreferenced(lay)
    removed = before + written - _parquet_files(lay)
    return CompactionSummary(compaction_id, len(runs), len(new_runs), written, removed, time.perf_counter() - start)


def compact(root: str | Path, *, wait: float = 0.0) -> CompactionSummary:
    """Merge the parts of every committed run into one sorted file per table, atomically, holding the writer's lock.

    Readers see the runs' parts or the compacted files, never both or neither; the runs, their ids (in
    all_events, codings, ... as run_id) and the run history stay. wait: seconds to wait for another writer.
    """
    lay = init_warehouse(root)
    lock = FileLock(str(lay.lock_file))
    try:
        lock.acquire(timeout=wait)
    except Timeout as e:
        raise WarehouseError(
            f"{lay.root}: another dyadflow run is writing this warehouse; compact when it has finished (or pass --wait SECONDS)"
        ) from e
    try:
        return compact_locked(lay)
    finally:
        lock.release()


def compaction_due(root: str | Path, every: str | dt.timedelta, now: dt.datetime | None = None) -> bool:
    """Whether a compaction is due: some committed run is not compacted, and the last compaction ended `every` ago or more.

    every: 'daily', 'weekly', 'monthly' or a timedelta. Without a compaction yet, the oldest run not
    compacted counts instead of the last compaction.
    """
    interval = _interval(every)
    lay = init_warehouse(root)
    now = now or dt.datetime.now(dt.UTC)
    live = live_compaction(lay)
    pending = committed_runs(lay) - set(live.runs) - {INIT_RUN}
    if not pending:
        return False
    if live.ended_at is not None:
        since = live.ended_at
    else:
        since = min(dt.datetime.fromtimestamp(lay.marker(run_id).stat().st_mtime, dt.UTC) for run_id in pending)
    return now - since >= interval


def compact_if_due(warehouse: str | Path, every: str | dt.timedelta, *, wait: float = 0.0) -> CompactionSummary | None:
    """Compact the warehouse when compaction_due says so (the hook `serve --compact weekly` calls after each run); else None."""
    if not compaction_due(warehouse, every):
        return None
    return compact(warehouse, wait=wait)


def compaction_interval(every: str | dt.timedelta) -> dt.timedelta:
    """The interval of 'daily', 'weekly', 'monthly' or a positive timedelta; WarehouseError for anything else."""
    return _interval(every)


def _interval(every: str | dt.timedelta) -> dt.timedelta:
    if isinstance(every, dt.timedelta):
        if every <= dt.timedelta(0):
            raise WarehouseError(f"the compaction interval must be positive, not {every}")
        return every
    if every not in EVERY:
        raise WarehouseError(f"--compact {every!r} is not one of {', '.join(EVERY)}")
    return EVERY[every]
