"""Writing a run into the warehouse: Parquet parts written atomically, a commit marker written last.

A run's files live under <table>/run_id=<id>/ and stay invisible to the views until its marker
_runs/<id>.json says 'committed'. One writer at a time holds wh/.lock; a run killed at any point
leaves only invisible files, which the next writer removes.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import secrets
import shutil
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout
from pydantic import BaseModel, Field

from schemas.arrow import arrow_schema, empty_table, to_table
from schemas.errors import WarehouseError
from schemas.records import RunRecord
from warehouse.layout import COMPACT_PREFIX, INIT_RUN, ORIGIN_RUN_ID, ROW_TABLES, TABLES, Layout, layout, table_models
from warehouse.views import BASE_VIEWS, RUN_ORDER_VIEWS, memory_connection, refresh_views, sql_files

# A folder being built beside the warehouse's _runs, renamed into place when complete.
STAGING_SUFFIX = ".tmp"

KILL_AT_RENAME = "DYADFLOW_KILL_AT_RENAME"
"""Test hook of the kill loop (tests/robustness/test_kill_loop.py): "N:before" or "N:after" kills this
process's group with SIGKILL just before or after the Nth rename into the warehouse this process makes."""
_renames = [0]


def _rename(src: Path, dst: Path, rename: Callable[[Path, Path], None] | None = None) -> None:
    """Rename src to dst with os.replace or rename (the step that makes a write visible), obeying the kill loop's hook."""
    rename = rename or os.replace
    spec = os.environ.get(KILL_AT_RENAME)
    if not spec:
        rename(src, dst)
        return
    number, _, moment = spec.partition(":")
    _renames[0] += 1
    if _renames[0] == int(number) and moment == "before":
        _kill_own_group()
    rename(src, dst)
    if _renames[0] == int(number) and moment == "after":
        _kill_own_group()


def _kill_own_group() -> None:
    """kill -9 this process and, when it leads its process group, the whole group (as the kill loop does)."""
    if os.getpgrp() == os.getpid():
        os.killpg(0, signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_error(path: Path, e: OSError) -> WarehouseError:
    if e.errno == errno.ENOSPC:
        return WarehouseError(f"{path}: the disk is full; nothing of this run was committed, free space and run again")
    return WarehouseError(f"{path}: cannot write ({e.strerror or e}); nothing of this run was committed")


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path through a temp file and a rename, so readers see all or nothing."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _rename(tmp, path)
        _fsync_dir(path.parent)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_error(path, e) from e


SUM_TABLES = ("event_days", "dyad_index", "dyad_cells")
"""The tables a run writes at commit from its events (sums over events, added up over runs)."""
CELLS_SQL = "30_cells.sql"

# Rows per Parquet row group of the dyad index and its country cells: small enough that a dyad's rows
# fill few groups, whose statistics (min and max of source_key, target_key) let DuckDB skip every other
# group. Measured on 10 M events in 21 runs, a country series read 2048-row groups three times slower and
# 122880-row groups no faster (more row groups cost more than the rows they skip).
ROW_GROUPS = {"dyad_index": 16_384, "dyad_cells": 16_384}


def write_file_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Have write() fill a temp file beside path, then fsync it and rename it to path, so readers see all or nothing."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        _rename(tmp, path)
        _fsync_dir(path.parent)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_error(path, e) from e


def write_parquet_atomic(path: Path, table: pa.Table, row_group_size: int | None = None) -> None:
    """Write an Arrow table as one Parquet file through a temp file and a rename."""
    write_file_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_size))


def _marker_bytes(record: RunRecord) -> bytes:
    return (record.model_dump_json() + "\n").encode()


def run_markers(lay: Layout) -> dict[str, str]:
    """Each run's marker line (JSON), by run_id: from its own _runs/<id>.json, or from the compaction's
    _runs/compacted-<id>.json, which holds the markers of every run it compacted, a line each."""
    lines: dict[str, str] = {}
    for marker in sorted(lay.runs_dir.glob("*.json")):
        try:
            text = marker.read_text()
        except OSError:
            continue
        for line in text.splitlines():
            try:
                run_id = json.loads(line).get("run_id") or marker.stem
            except ValueError:
                continue
            lines.setdefault(run_id, line)
    return lines


def committed_runs(lay: Layout) -> set[str]:
    """The ids of the runs whose commit marker exists (their own, or a line of a compaction's)."""
    return {run_id for run_id, line in run_markers(lay).items() if json.loads(line).get("status") == "committed"}


class CompactionRecord(BaseModel):
    """A compaction's commit marker (_compactions/<id>.json): the runs its files hold, replacing their parts."""

    compaction_id: str
    seq: int = Field(description="1 + the seq of the compaction it replaced (init: 0); the highest committed is live")
    status: str = "committed"
    runs: list[str] = Field(default_factory=list)
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


def live_compaction(lay: Layout) -> CompactionRecord:
    """The committed compaction of highest seq (the init marker when none was made).

    Raises WarehouseError when a marker cannot be read: which runs the compacted files hold is then
    unknown, and no file may be deleted on a guess.
    """
    best = CompactionRecord(compaction_id=INIT_RUN, seq=0)
    for marker in lay.compactions_dir.glob("*.json"):
        try:
            record = CompactionRecord.model_validate_json(marker.read_text())
        except (OSError, ValueError) as e:
            raise WarehouseError(f"{marker}: cannot read this compaction marker ({e}); restore it from a backup before writing") from e
        if record.status == "committed" and (record.seq, record.compaction_id) > (best.seq, best.compaction_id):
            best = record
    return best


def stored_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table's files: its record's, plus origin_run_id for tables a compaction keeps by row."""
    schema = arrow_schema(table_models()[table])
    return schema.append(pa.field(ORIGIN_RUN_ID, pa.string())) if table in ROW_TABLES else schema


def init_warehouse(root: str | Path) -> Layout:
    """Create the warehouse folder (empty typed tables, views); harmless on an existing one.

    The empty tables are written first and the _runs folder appears last, whole, with the init
    marker in it: a warehouse killed while being created is no warehouse yet, never one the views cannot read.
    """
    lay = layout(root)
    try:
        lay.root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WarehouseError(f"{lay.root}: cannot create the warehouse folder ({e.strerror or e})") from e
    for table in TABLES:
        part = lay.run_dir(table, INIT_RUN) / "part-00000.parquet"
        if not part.exists() or (table in ROW_TABLES and ORIGIN_RUN_ID not in pq.read_schema(part).names):
            # empty parts: the views' column lists (origin_run_id included) come from them
            write_parquet_atomic(part, empty_table(stored_schema(table)))
    if not lay.compaction_marker(INIT_RUN).exists():
        write_atomic(lay.compaction_marker(INIT_RUN), (CompactionRecord(compaction_id=INIT_RUN, seq=0).model_dump_json() + "\n").encode())
    if not lay.marker(INIT_RUN).exists():
        now = dt.datetime.now(dt.UTC)
        _create_marker(lay, _marker_bytes(RunRecord(run_id=INIT_RUN, kind="init", started_at=now, ended_at=now)))
    refresh_views(lay.root)
    return lay


def _create_marker(lay: Layout, data: bytes) -> None:
    """Write the init marker; a new warehouse gets its _runs folder by renaming a complete staging folder."""
    if lay.runs_dir.is_dir():
        write_atomic(lay.marker(INIT_RUN), data)
        return
    staging = lay.root / f"{lay.runs_dir.name}.{secrets.token_hex(4)}{STAGING_SUFFIX}"
    write_atomic(staging / lay.marker(INIT_RUN).name, data)
    try:
        _rename(staging, lay.runs_dir, os.rename)
    except OSError:  # another process created _runs meanwhile
        shutil.rmtree(staging, ignore_errors=True)
        if not lay.marker(INIT_RUN).exists():
            write_atomic(lay.marker(INIT_RUN), data)
    else:
        _fsync_dir(lay.root)


# What a run changed among the current events: its own events (sign +1) and, for a recode, the events
# of the codings it replaced (sign -1), which are those current just before it: of each document it
# coded, the newest other coding older than the run (all committed ones while it is being committed).
# A run of kind "run" codes only documents the warehouse does not hold yet (one writer at a time), so it
# replaces nothing and reads its own files only. Each document's outlet comes along for the dyad index.
_OWN_COLUMNS = "doc_id, event_date, event_date_precision, source_actor, source_country, target_actor, target_country, quad_class, goldstein"

_SIGNED_OWN_SQL = f"""
CREATE TEMP TABLE signed AS
WITH own AS (
    SELECT {_OWN_COLUMNS}, 1 AS sign FROM read_parquet($events, union_by_name = true)
)
SELECT own.*, o.outlet
FROM own LEFT JOIN (
    SELECT doc_id, any_value(source) AS outlet FROM read_parquet($documents, union_by_name = true) GROUP BY doc_id
) o USING (doc_id)
"""

_SIGNED_RECODE_SQL = f"""
CREATE TEMP TABLE signed AS
WITH this AS (
    SELECT (SELECT run_order FROM run_order WHERE run_id = $run_id) AS run_order
),
replaced AS (
    SELECT c.doc_id, arg_max(c.run_id, r.run_order) AS run_id
    FROM codings c JOIN run_order r USING (run_id)
    WHERE c.run_id <> $run_id
      AND c.doc_id IN (SELECT doc_id FROM read_parquet($codings, union_by_name = true))
      AND ((SELECT run_order FROM this) IS NULL OR r.run_order < (SELECT run_order FROM this))
    GROUP BY c.doc_id
),
own AS (
    SELECT {_OWN_COLUMNS}, 1 AS sign FROM read_parquet($events, union_by_name = true)
    UNION ALL
    SELECT {", ".join("e." + c for c in _OWN_COLUMNS.split(", "))}, -1 AS sign
    FROM all_events e JOIN replaced d ON e.doc_id = d.doc_id AND e.run_id = d.run_id
)
SELECT own.*, o.outlet
FROM own LEFT JOIN (
    SELECT doc_id, any_value(source) AS outlet FROM documents WHERE doc_id IN (SELECT doc_id FROM own) GROUP BY doc_id
) o USING (doc_id)
"""

# The day counts of a run (EventDay): what it made current per date, minus what it replaced.
_EVENT_DAYS_SQL = """
SELECT event_date, sum(sign)::BIGINT AS events FROM signed GROUP BY ALL ORDER BY event_date NULLS FIRST
"""

# The dyad index cells of a run (DyadDay), sorted so that a dyad's rows sit together.
_DYAD_INDEX_SQL = """
SELECT
    CASE WHEN coalesce(source_country, left(source_actor, 3)) = left(source_actor, 3) THEN left(source_actor, 3) ELSE '' END AS source_key,
    CASE WHEN coalesce(target_country, left(target_actor, 3)) = left(target_actor, 3) THEN left(target_actor, 3) ELSE '' END AS target_key,
    event_date, event_date_precision, source_actor, source_country, target_actor, target_country, quad_class, doc_id, outlet,
    sum(sign)::BIGINT AS events,
    sum(sign * goldstein::DECIMAL(18, 3))::DOUBLE AS goldstein_sum
FROM signed
WHERE event_date IS NOT NULL
GROUP BY ALL
HAVING sum(sign) <> 0
ORDER BY source_key, target_key, event_date, source_actor, target_actor, doc_id, quad_class
"""


def run_sums(lay: Layout, run_id: str, kind: str | None = None) -> dict[str, pa.Table]:
    """A run's event_days, dyad_index and dyad_cells rows, from its own files and, for a recode, the committed runs before it.

    kind is the run's kind: a "run" replaces no coding, so its own files are all that is read (no
    warehouse views); any other kind, or None (not known), also takes back the events it replaced.
    """

    def files(table: str) -> list[str]:
        found = sorted(str(p) for p in lay.run_dir(table, run_id).glob("*.parquet"))
        return found or _init_part(lay, table)  # the init run's empty part: a file of no rows

    params: dict[str, object] = {"events": files("events")}
    if kind == "run":
        con = duckdb.connect()  # the run's own files only: no views over the warehouse
        sql, params["documents"] = _SIGNED_OWN_SQL, files("documents")
    else:
        con = memory_connection(lay.root, only=RUN_ORDER_VIEWS)  # codings, run_order, all_events and documents
        sql, params["run_id"], params["codings"] = _SIGNED_RECODE_SQL, run_id, files("codings")
    try:
        con.execute(sql, params)
        con.execute(dict(sql_files())[CELLS_SQL])  # the dyadflow_run_cells macro (also on the bare connection of a run)
        sums = {
            "event_days": con.sql(_EVENT_DAYS_SQL).to_arrow_table(),
            "dyad_index": con.sql(_DYAD_INDEX_SQL).to_arrow_table(),
            "dyad_cells": con.sql("SELECT * FROM dyadflow_run_cells('signed')").to_arrow_table(),
        }
    finally:
        con.close()
    return {table: _typed(table, rows) for table, rows in sums.items()}


def _typed(table: str, rows: pa.Table) -> pa.Table:
    schema = stored_schema(table)
    return rows.select(schema.names).cast(schema) if rows.num_rows else empty_table(schema)


def event_days(lay: Layout, run_id: str, kind: str | None = None) -> pa.Table:
    """A run's EventDay rows (see run_sums)."""
    return run_sums(lay, run_id, kind)["event_days"]


def _init_part(lay: Layout, table: str) -> list[str]:
    """The init run's empty part of a table: a file of no rows, for a run that wrote none."""
    return [str(lay.run_dir(table, INIT_RUN) / "part-00000.parquet")]


def write_run_sums(lay: Layout, run_id: str, kind: str | None = None, tables: Sequence[str] = SUM_TABLES) -> None:
    """Write a run's sums tables (SUM_TABLES, a file each, maybe of no rows): before its marker, or for a run that lacks them.

    kind: the run's kind, as for run_sums (None: not known, counted as a recode would be).
    """
    sums = run_sums(lay, run_id, kind)
    for table in tables:
        size = ROW_GROUPS.get(table)
        write_parquet_atomic(lay.run_dir(table, run_id) / "part-00000.parquet", sums[table], row_group_size=size)


def write_event_days(lay: Layout, run_id: str, kind: str | None = None) -> None:
    """Write a run's EventDay and dyad index parts (as RunWriter.commit does)."""
    write_run_sums(lay, run_id, kind)


def _marker_kind(lay: Layout, run_id: str) -> str | None:
    """The kind a committed run's marker names (None if it cannot be read)."""
    try:
        kind = json.loads(lay.marker(run_id).read_text()).get("kind")
    except (OSError, ValueError):
        return None
    return kind if isinstance(kind, str) else None


def remove_unreferenced(lay: Layout) -> list[str]:
    """Delete the folders no committed run or live compaction refers to (see RunWriter.remove_uncommitted); the writer's lock must be held."""
    live = live_compaction(lay)
    keep = (committed_runs(lay) - set(live.runs)) | {INIT_RUN, COMPACT_PREFIX + live.compaction_id}
    removed = set()
    for table in TABLES:
        for run_dir in lay.table_dir(table).glob("run_id=*"):
            run_id = run_dir.name.split("=", 1)[1]
            if run_id not in keep:
                shutil.rmtree(run_dir, ignore_errors=True)
                removed.add(run_id)
        for tmp in lay.table_dir(table).glob("run_id=*/*.tmp"):
            tmp.unlink(missing_ok=True)
    for tmp in [*lay.runs_dir.glob("*.tmp"), *lay.compactions_dir.glob("*.tmp")]:
        tmp.unlink(missing_ok=True)
    for staging in lay.root.glob(f"{lay.runs_dir.name}.*{STAGING_SUFFIX}"):
        shutil.rmtree(staging, ignore_errors=True)
    for marker in lay.compactions_dir.glob("*.json"):  # replaced compactions, once their files are gone
        if marker.stem not in (INIT_RUN, live.compaction_id):
            marker.unlink(missing_ok=True)
    _remove_compacted_markers(lay, live)
    return sorted(removed)


def _remove_compacted_markers(lay: Layout, live: CompactionRecord) -> None:
    """Delete the run markers the live compaction's markers file holds, and the markers files of other compactions.

    Every marker deleted is a line of the live file (checked here), so the runs view lists the same runs before and after.
    """
    held = lay.compacted_markers(live.compaction_id)
    try:
        in_file = {json.loads(line)["run_id"] for line in held.read_text().splitlines() if line.strip()}
    except FileNotFoundError:
        in_file = set()
    except (OSError, ValueError, KeyError) as e:
        raise WarehouseError(f"{held}: cannot read this file of run markers ({e}); restore it from a backup before writing") from e
    for marker in lay.runs_dir.glob("*.json"):
        if marker == held:
            continue
        if marker.name.startswith(COMPACT_PREFIX) or (marker.stem in in_file and marker.stem in live.runs):
            marker.unlink(missing_ok=True)


def add_missing_sums(lay: Layout) -> list[str]:
    """Write the sums tables (SUM_TABLES) of the visible committed runs that lack them; the writer's lock must be held."""
    visible = committed_runs(lay) - set(live_compaction(lay).runs) - {INIT_RUN}
    done = []
    for run_id in sorted(visible):
        missing = [t for t in SUM_TABLES if not any(lay.run_dir(t, run_id).glob("*.parquet"))]
        if missing:
            write_run_sums(lay, run_id, _marker_kind(lay, run_id), missing)
            done.append(run_id)
    return done


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus a random suffix."""
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


class RunWriter:
    """The one writer of a warehouse during a run: holds the lock, writes parts, commits last."""

    def __init__(self, root: str | Path, *, kind: str = "run", wait: float = 0.0) -> None:
        self.layout = init_warehouse(root)
        self.kind = kind
        self.run_id = new_run_id()
        self.started_at = dt.datetime.now(dt.UTC)
        self._parts: dict[str, int] = {}
        self._lock = FileLock(str(self.layout.lock_file))
        try:
            self._lock.acquire(timeout=wait)
        except Timeout as e:
            raise WarehouseError(
                f"{self.layout.root}: another dyadflow run is writing this warehouse; wait for it to finish (or pass --wait SECONDS)"
            ) from e
        self.committed = False
        self.remove_uncommitted()
        self.add_missing_sums()

    def remove_uncommitted(self) -> list[str]:
        """Delete what no commit made visible, or what a commit replaced.

        The files of runs that never committed (killed or failed earlier), of compactions that never
        committed or that a newer one replaced, and the parts of runs the live compaction holds (left
        when a compaction was killed between its commit and its clean-up).
        """
        return remove_unreferenced(self.layout)

    def add_missing_sums(self) -> list[str]:
        """Write the event_days and dyad_index parts of committed runs that lack them (runs written before those tables existed)."""
        return add_missing_sums(self.layout)

    def known_doc_ids(self) -> set[str]:
        """The doc_ids already stored by committed runs."""
        con = memory_connection(self.layout.root, only=(BASE_VIEWS,))
        try:
            return {row[0] for row in con.execute("SELECT DISTINCT doc_id FROM documents").fetchall()}
        finally:
            con.close()

    def write(self, table: str, rows: Sequence[BaseModel]) -> None:
        """Append records to this run's part of a table (one new Parquet file, written atomically)."""
        if not rows:
            return
        model = table_models()[table]
        index = self._parts.get(table, 0)
        self._parts[table] = index + 1
        path = self.layout.run_dir(table, self.run_id) / f"part-{index:05d}.parquet"
        write_parquet_atomic(path, to_table(model, list(rows)))

    def commit(self, **counts: int | str) -> RunRecord:
        """Write the run's event_days and dyad index, then the commit marker: from now on the run's files are visible, all at once."""
        write_run_sums(self.layout, self.run_id, self.kind)
        record = RunRecord(
            run_id=self.run_id,
            kind=self.kind,  # type: ignore[arg-type]
            status="committed",
            started_at=self.started_at,
            ended_at=dt.datetime.now(dt.UTC),
            **counts,  # type: ignore[arg-type]
        )
        write_atomic(self.layout.marker(self.run_id), _marker_bytes(record))
        self.committed = True
        self.close()
        return record

    def close(self) -> None:
        """Release the lock; an uncommitted run's files are removed."""
        if not self.committed:
            for table in TABLES:
                shutil.rmtree(self.layout.run_dir(table, self.run_id), ignore_errors=True)
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> RunWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
