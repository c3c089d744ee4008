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
from pydantic import BaseModel

from schemas.arrow import arrow_schema, to_table
from schemas.errors import WarehouseError
from schemas.records import RunRecord
from warehouse.db import memory_connection, refresh_views
from warehouse.layout import INIT_RUN, TABLES, Layout, layout, table_models


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


def write_parquet_atomic(path: Path, table: pa.Table) -> None:
    """Write an Arrow table as one Parquet file through a temp file and a rename."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        _rename(tmp, path)
        _fsync_dir(path.parent)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_error(path, e) from e


def _marker_bytes(record: RunRecord) -> bytes:
    return (record.model_dump_json() + "\n").encode()


def committed_runs(lay: Layout) -> set[str]:
    """The ids of the runs whose commit marker exists."""
    runs = set()
    for marker in lay.runs_dir.glob("*.json"):
        try:
            if json.loads(marker.read_text()).get("status") == "committed":
                runs.add(marker.stem)
        except (OSError, ValueError):
            continue
    return runs


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
    models = table_models()
    for table in TABLES:
        part = lay.run_dir(table, INIT_RUN) / "part-00000.parquet"
        if not part.exists():
            write_parquet_atomic(part, arrow_schema(models[table]).empty_table())
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


# The day counts of a recode run (EventDay): its own events per date, minus the events of the codings
# it replaced, which are those current just before it: of each document it coded, the newest other
# coding that is older than the run (all committed ones while the run is being committed).
_EVENT_DAYS_SQL = """
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
)
SELECT event_date, sum(n)::BIGINT AS events
FROM (
    SELECT event_date, count(*) AS n FROM read_parquet($events, union_by_name = true) GROUP BY ALL
    UNION ALL
    SELECT e.event_date, -count(*) AS n
    FROM all_events e JOIN replaced d ON e.doc_id = d.doc_id AND e.run_id = d.run_id
    GROUP BY ALL
)
GROUP BY ALL
ORDER BY event_date NULLS FIRST
"""

# The day counts of a run of kind "run": its own events per date. Such a run codes only documents the
# warehouse does not hold yet (one writer at a time), so it replaces nothing.
_OWN_EVENT_DAYS_SQL = """
SELECT event_date, count(*)::BIGINT AS events
FROM read_parquet($events, union_by_name = true)
GROUP BY ALL
ORDER BY event_date NULLS FIRST
"""


def event_days(lay: Layout, run_id: str, kind: str | None = None) -> pa.Table:
    """A run's EventDay rows, from its own events and codings files and, for a recode, the committed runs before it.

    kind is the run's kind: a "run" replaces no coding, so its own events files are all that is read
    (no warehouse views); any other kind, or None (not known), also takes back the events it replaced.
    """
    schema = arrow_schema(table_models()["event_days"])

    def files(table: str) -> list[str]:
        return sorted(str(p) for p in lay.run_dir(table, run_id).glob("*.parquet"))

    events, codings = files("events"), files("codings")
    if kind == "run":
        if not events:
            return schema.empty_table()
        con = duckdb.connect()  # the run's own files only: no views over the warehouse
        try:
            table = con.sql(_OWN_EVENT_DAYS_SQL, params={"events": events}).to_arrow_table()
        finally:
            con.close()
    else:
        if not events and not codings:
            return schema.empty_table()
        con = memory_connection(lay.root)
        try:
            params = {"run_id": run_id, "events": events or _init_part(lay, "events"), "codings": codings or _init_part(lay, "codings")}
            table = con.sql(_EVENT_DAYS_SQL, params=params).to_arrow_table()
        finally:
            con.close()
    return table.cast(schema) if table.num_rows else schema.empty_table()


def _init_part(lay: Layout, table: str) -> list[str]:
    """The init run's empty part of a table: a file of no rows, for a run that wrote none."""
    return [str(lay.run_dir(table, INIT_RUN) / "part-00000.parquet")]


def write_event_days(lay: Layout, run_id: str, kind: str | None = None) -> None:
    """Write a run's EventDay part (one file, possibly of no rows): before its commit marker, or for a run that lacks one.

    kind: the run's kind, as for event_days (None: not known, counted as a recode would be).
    """
    write_parquet_atomic(lay.run_dir("event_days", run_id) / "part-00000.parquet", event_days(lay, run_id, kind))


def _marker_kind(lay: Layout, run_id: str) -> str | None:
    """The kind a committed run's marker names (None if it cannot be read)."""
    try:
        kind = json.loads(lay.marker(run_id).read_text()).get("kind")
    except (OSError, ValueError):
        return None
    return kind if isinstance(kind, str) else None


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
                f"{self.layout.root}: another dyadflow run is writing this warehouse; wait for it to finish "
                "(or pass --wait SECONDS)"
            ) from e
        self.committed = False
        self.remove_uncommitted()
        self.add_missing_event_days()

    def remove_uncommitted(self) -> list[str]:
        """Delete the files of runs that never committed (killed or failed earlier)."""
        keep = committed_runs(self.layout) | {INIT_RUN}
        removed = set()
        for table in TABLES:
            for run_dir in self.layout.table_dir(table).glob("run_id=*"):
                run_id = run_dir.name.split("=", 1)[1]
                if run_id not in keep:
                    shutil.rmtree(run_dir, ignore_errors=True)
                    removed.add(run_id)
            for tmp in self.layout.table_dir(table).glob("run_id=*/*.tmp"):
                tmp.unlink(missing_ok=True)
        for tmp in self.layout.runs_dir.glob("*.tmp"):
            tmp.unlink(missing_ok=True)
        for staging in self.layout.root.glob(f"{self.layout.runs_dir.name}.*{STAGING_SUFFIX}"):
            shutil.rmtree(staging, ignore_errors=True)
        return sorted(removed)

    def add_missing_event_days(self) -> list[str]:
        """Write the event_days part of committed runs that have none (runs written before the table existed)."""
        have = {p.name.split("=", 1)[1] for p in self.layout.table_dir("event_days").glob("run_id=*")}
        missing = sorted(committed_runs(self.layout) - have - {INIT_RUN})
        for run_id in missing:
            write_event_days(self.layout, run_id, _marker_kind(self.layout, run_id))
        return missing

    def known_doc_ids(self) -> set[str]:
        """The doc_ids already stored by committed runs."""
        con = memory_connection(self.layout.root)
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
        """Write the run's event_days, then the commit marker: from now on the run's files are visible, all at once."""
        write_event_days(self.layout, self.run_id, self.kind)
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
