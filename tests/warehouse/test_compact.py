"""dyadflow compact merges many runs' parts into one sorted file per table, and nothing is lost, doubled or renamed."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas import Reject, WarehouseError
from tests.warehouse.wh_builders import document, event, rows, run_ids, write_recode, write_run
from warehouse import store
from warehouse.compact import compact, compact_if_due, compaction_due
from warehouse.db import open_warehouse
from warehouse.dyads import dyad_series, path_of
from warehouse.layout import TABLES, layout
from warehouse.store import RunWriter

SECONDS = 15  # about how long this module's tests take: tests/conftest.py starts the longest first

PAIRS = [("UZBGOV", "KAZGOV"), ("KAZMIL", "UZB"), ("IGOUNO", "KGZ"), ("RUS", "CHN")]


def _runs(root, n: int, first: int = 0) -> None:
    for r in range(first, first + n):
        docs = []
        for d in range(3):
            doc_id = f"r{r}d{d}"
            src, tgt = PAIRS[(r + d) % len(PAIRS)]
            day = None if d == 2 and r % 5 == 0 else dt.date(2020, 1 + r % 12, 1 + d)
            docs.append((document(doc_id, f"Outlet {d % 2}" if r % 3 else None), [event(doc_id, k, day, src, tgt, "v1") for k in range(2)]))
        write_run(root, docs, rejects=[Reject(path=f"bad{r}.bin", reason="binary", message="binary file")] if r % 4 == 0 else ())


def _series(root, method: str = "auto"):
    con = open_warehouse(root)
    try:
        return dyad_series(con, ["UZB"], ["KAZ"], freq="month", method=method)  # type: ignore[arg-type]
    finally:
        con.close()


def _parquet_per_folder(root) -> dict[str, int]:
    lay = layout(root)
    return {table: len(list(lay.table_dir(table).rglob("*.parquet"))) for table in TABLES}


@pytest.mark.slow
def test_compact_24_runs_leaves_two_files_per_table_and_every_row(tmp_path):
    _runs(tmp_path, 23)
    write_recode(tmp_path, [("r1d0", [event("r1d0", 0, dt.date(2021, 5, 5), "UZBGOV", "KAZMIL", "v2", "190", 4, -10.0)])], "v2")
    before, runs_before, series_before = rows(tmp_path), run_ids(tmp_path), _series(tmp_path)
    assert len(runs_before) == 24 and all(len(before[v]) for v in before)

    summary = compact(tmp_path)

    assert summary.runs == 24 and summary.new_runs == 24 and summary.files_written == len(TABLES)
    assert all(n <= 2 for n in _parquet_per_folder(tmp_path).values()), _parquet_per_folder(tmp_path)
    assert not list(layout(tmp_path).root.rglob("*.tmp"))  # deleted, not moved aside
    assert rows(tmp_path) == before
    assert run_ids(tmp_path) == runs_before
    after = _series(tmp_path)
    assert after.to_pylist() == series_before.to_pylist() and path_of(after).method == "index"
    assert _series(tmp_path, "scan").to_pylist() == series_before.to_pylist()


def test_compact_again_takes_in_new_runs_and_replaces_the_old_compaction(tmp_path):
    _runs(tmp_path, 3)
    first = compact(tmp_path)
    _runs(tmp_path, 2, first=3)
    before = rows(tmp_path)
    second = compact(tmp_path)
    assert second.runs == 5 and second.new_runs == 2
    lay = layout(tmp_path)
    assert not lay.compact_dir("events", first.compaction_id).exists()
    assert sorted(p.stem for p in lay.compactions_dir.glob("*.json")) == sorted(["init", second.compaction_id])
    assert rows(tmp_path) == before
    assert compact(tmp_path).compaction_id is None  # nothing new: nothing written


def test_compact_then_a_run_then_a_recode_of_a_compacted_document(tmp_path):
    _runs(tmp_path, 4)
    compact(tmp_path)
    _runs(tmp_path, 1, first=4)
    write_recode(tmp_path, [("r0d0", [])], "v2")  # the compacted document's events are replaced by none
    scan, index = _series(tmp_path, "scan"), _series(tmp_path, "index")
    assert index.to_pylist() == scan.to_pylist()
    con = open_warehouse(tmp_path)
    try:
        assert con.execute("SELECT count(*) FROM events WHERE doc_id = 'r0d0'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM all_events WHERE doc_id = 'r0d0'").fetchone()[0] == 2
    finally:
        con.close()


def test_compact_killed_before_its_commit_changes_nothing_and_is_cleaned_up(tmp_path, monkeypatch):
    _runs(tmp_path, 3)
    before = rows(tmp_path)

    def killed(path, data):
        raise KeyboardInterrupt  # as a kill between the compacted files and the marker

    monkeypatch.setattr("warehouse.compact.write_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        compact(tmp_path)
    monkeypatch.undo()
    assert rows(tmp_path) == before  # the compacted files are there but no marker names them
    assert any(layout(tmp_path).table_dir("events").glob("run_id=compact-*"))
    with RunWriter(tmp_path) as writer:  # the next writer removes them
        writer.commit()
    assert not any(layout(tmp_path).table_dir("events").glob("run_id=compact-*"))
    assert rows(tmp_path) == before


def test_compact_killed_after_its_commit_shows_the_compacted_files_only(tmp_path, monkeypatch):
    _runs(tmp_path, 3)
    before = rows(tmp_path)
    monkeypatch.setattr("warehouse.compact.remove_unreferenced", lambda lay: [])  # killed before the clean-up
    compact(tmp_path)
    monkeypatch.undo()
    assert len(list(layout(tmp_path).table_dir("events").glob("run_id=*"))) == 5  # init, 3 runs, the compaction
    assert rows(tmp_path) == before
    compact(tmp_path)  # nothing new, but it removes the replaced parts
    assert all(n <= 2 for n in _parquet_per_folder(tmp_path).values())
    assert rows(tmp_path) == before


def test_compact_needs_the_writers_lock(tmp_path):
    _runs(tmp_path, 1)
    with RunWriter(tmp_path), pytest.raises(WarehouseError, match="another dyadflow run"):
        compact(tmp_path)


def test_compact_if_due_waits_for_the_interval(tmp_path):
    _runs(tmp_path, 2)
    assert not compaction_due(tmp_path, "weekly")
    assert compaction_due(tmp_path, "weekly", now=dt.datetime.now(dt.UTC) + dt.timedelta(days=8))
    assert compact_if_due(tmp_path, dt.timedelta(seconds=1e-6)) is not None
    assert compact_if_due(tmp_path, dt.timedelta(seconds=1e-6)) is None  # nothing left to compact
    with pytest.raises(WarehouseError, match="--compact"):
        compaction_due(tmp_path, "hourly")


def test_compact_unreadable_marker_stops_before_deleting(tmp_path):
    _runs(tmp_path, 2)
    compact(tmp_path)
    marker = next(p for p in layout(tmp_path).compactions_dir.glob("*.json") if p.stem != "init")
    marker.write_text("{not json")
    with pytest.raises(WarehouseError, match="compaction marker"):
        store.remove_unreferenced(layout(tmp_path))
