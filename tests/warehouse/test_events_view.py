"""The events view: each document's events come from its newest coding, whatever run wrote them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from schemas import Coding, Event
from schemas.arrow import to_table
from schemas.records import RunRecord
from warehouse.db import open_warehouse
from warehouse.store import RunWriter, init_warehouse, write_atomic, write_event_days, write_parquet_atomic

SECONDS = 12  # about how long this module's tests take: tests/conftest.py starts the longest first

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _event(doc_id: str, run: str) -> Event:
    return Event(
        event_id=f"{doc_id}-{run}",
        doc_id=doc_id,
        sentence_index=0,
        sentence="X visited Y.",
        event_date=dt.date(2024, 1, 5),
        source_actor="UZBGOV",
        source_country="UZB",
        source_text="X",
        target_actor="KAZ",
        target_country="KAZ",
        target_text="Y",
        event_code="042",
        event_root="04",
        quad_class=1,
        goldstein=1.9,
        trigger="visited",
        rule="visit",
        coder_version=run,
    )


def _run(root: Path, run_id: str, kind: str, hours: int, docs: list[str], *, with_days: bool = True) -> None:
    """A committed run that codes docs (one event each), ending `hours` after START (with its event_days unless told)."""
    lay = init_warehouse(root)
    write_parquet_atomic(lay.run_dir("events", run_id) / "part-00000.parquet", to_table(Event, [_event(d, run_id) for d in docs]))
    write_parquet_atomic(
        lay.run_dir("codings", run_id) / "part-00000.parquet",
        to_table(Coding, [Coding(doc_id=d, coder_version=run_id, events=1) for d in docs]),
    )
    if with_days:
        write_event_days(lay, run_id)  # as RunWriter.commit does, before the marker
    record = RunRecord(run_id=run_id, kind=kind, started_at=START, ended_at=START + dt.timedelta(hours=hours))  # type: ignore[arg-type]
    write_atomic(lay.marker(run_id), (record.model_dump_json() + "\n").encode())


@pytest.mark.parametrize(
    ("runs", "current"),
    [
        # (run_id, kind, hours, docs) ...            doc -> the run whose events are current
        ([("r1", "run", 1, ["a", "b"])], {"a": "r1", "b": "r1"}),
        ([("r1", "run", 1, ["a", "b"]), ("r2", "run", 2, ["c"])], {"a": "r1", "b": "r1", "c": "r2"}),
        ([("r1", "run", 1, ["a", "b"]), ("r2", "recode", 2, ["a"])], {"a": "r2", "b": "r1"}),
        ([("r1", "run", 1, ["a", "b"]), ("r2", "recode", 2, ["a", "b"]), ("r3", "recode", 3, ["b"])], {"a": "r2", "b": "r3"}),
        # two recodes ending at the same time: the larger run_id is the newer
        ([("r1", "run", 1, ["a"]), ("r3", "recode", 2, ["a"]), ("r2", "recode", 2, ["a"])], {"a": "r3"}),
    ],
)
def test_events_come_from_each_documents_newest_coding(tmp_path, runs, current):
    for run in runs:
        _run(tmp_path, *run)
    con = open_warehouse(tmp_path)
    shown = dict(con.execute("SELECT doc_id, run_id FROM events").fetchall())
    newest = dict(con.execute("SELECT doc_id, run_id FROM current_codings").fetchall())
    assert shown == current == newest
    assert con.execute("SELECT count(*) FROM all_events").fetchone()[0] == sum(len(docs) for *_, docs in runs)
    assert _days(con) == _counted(con)


def _days(con) -> dict:
    """Events per date by the runs' event_days."""
    return dict(con.execute("SELECT event_date, sum(events) FROM event_days GROUP BY 1 HAVING sum(events) <> 0").fetchall())


def _counted(con) -> dict:
    """Events per date by counting the events view."""
    return dict(con.execute("SELECT event_date, count(*) FROM events GROUP BY 1").fetchall())


@pytest.mark.parametrize("late", [["r1"], ["r2"], ["r1", "r2", "r3"]])
def test_a_writer_adds_the_event_days_of_runs_written_without_them(tmp_path, late):
    for run_id, kind, hours, docs in [("r1", "run", 1, ["a", "b"]), ("r2", "recode", 2, ["a"]), ("r3", "recode", 3, ["a", "b"])]:
        _run(tmp_path, run_id, kind, hours, docs, with_days=run_id not in late)
    with RunWriter(tmp_path) as writer:
        assert writer.add_missing_sums() == []  # added when the writer started
    con = open_warehouse(tmp_path)
    assert _days(con) == _counted(con) == {dt.date(2024, 1, 5): 2}


def test_dyad_series_counts_only_the_current_events_of_a_recoded_document(tmp_path):
    from warehouse.dyads import dyad_series

    _run(tmp_path, "r1", "run", 1, ["a", "b"])
    _run(tmp_path, "r2", "recode", 2, ["a"])
    con = open_warehouse(tmp_path)
    [row] = dyad_series(con, ["UZB"], ["KAZ"], freq="month").to_pylist()
    assert (row["events"], row["documents"], row["share"]) == (2, 2, 1.0)


def test_event_days_of_a_run_count_its_own_events_without_the_warehouse_views(tmp_path, monkeypatch):
    import warehouse.store as store

    _run(tmp_path, "r1", "run", 1, ["a", "b"])
    _run(tmp_path, "r2", "recode", 2, ["a"])
    _run(tmp_path, "r3", "run", 3, ["c", "d"], with_days=False)
    lay = init_warehouse(tmp_path)
    general = store.event_days(lay, "r3")  # kind not known: also looks for replaced codings

    def no_views(root):  # type: ignore[no-untyped-def]
        raise AssertionError("a run of kind 'run' needs no warehouse views")

    monkeypatch.setattr(store, "memory_connection", no_views)
    own = store.event_days(lay, "r3", "run")
    assert own.to_pylist() == general.to_pylist() == [{"event_date": dt.date(2024, 1, 5), "events": 2}]
    assert own.schema == general.schema
    assert store.event_days(lay, "none-such", "run").num_rows == 0
