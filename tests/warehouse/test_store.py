"""The warehouse keeps runs atomic: files are invisible until the commit marker, one writer at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas import Coding, Document, WarehouseError
from warehouse.db import open_warehouse
from warehouse.store import RunWriter, init_warehouse


def _doc(doc_id: str) -> Document:
    return Document(doc_id=doc_id, path=f"{doc_id}.txt", text="Some text.", doc_date=dt.date(2008, 2, 6), date_source="given")


def _count(root, table: str) -> int:
    con = open_warehouse(root)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


def test_store_empty_warehouse_has_typed_empty_views(tmp_path):
    init_warehouse(tmp_path)
    for table in ("documents", "sentences", "events", "rejects", "runs"):
        assert _count(tmp_path, table) == 0
    con = open_warehouse(tmp_path)
    columns = {row[0]: row[1] for row in con.execute("describe events").fetchall()}
    con.close()
    assert columns["event_code"] == "VARCHAR" and columns["event_date"] == "DATE" and columns["goldstein"] == "DOUBLE"


def test_store_files_are_invisible_until_commit(tmp_path):
    writer = RunWriter(tmp_path)
    writer.write("documents", [_doc("a"), _doc("b")])
    assert _count(tmp_path, "documents") == 0
    record = writer.commit(documents_new=2)
    assert _count(tmp_path, "documents") == 2
    assert record.status == "committed" and record.documents_new == 2


def test_store_uncommitted_run_is_removed_by_the_next_writer(tmp_path):
    writer = RunWriter(tmp_path)
    writer.write("documents", [_doc("a")])
    writer._lock.release()  # as if the process had been killed: no commit, no cleanup
    leftover = writer.layout.run_dir("documents", writer.run_id)
    assert leftover.exists()
    with RunWriter(tmp_path) as second:
        assert not leftover.exists()
        second.write("documents", [_doc("b")])
        second.commit()
    assert _count(tmp_path, "documents") == 1


def test_store_second_writer_is_refused_while_one_writes(tmp_path):
    with RunWriter(tmp_path), pytest.raises(WarehouseError, match="another dyadflow run"):
        RunWriter(tmp_path)


def test_store_known_doc_ids_come_from_committed_runs(tmp_path):
    with RunWriter(tmp_path) as writer:
        writer.write("documents", [_doc("a")])
        writer.commit()
    with RunWriter(tmp_path) as writer:
        assert writer.known_doc_ids() == {"a"}


def test_store_recode_makes_newest_coding_current(tmp_path):
    with RunWriter(tmp_path) as writer:
        writer.write("documents", [_doc("a")])
        writer.write("events", [_event("a", "v1")])
        writer.write("codings", [Coding(doc_id="a", coder_version="v1", events=1)])
        writer.commit()
    with RunWriter(tmp_path, kind="recode") as writer:
        writer.write("codings", [Coding(doc_id="a", coder_version="v2", events=0)])
        writer.commit()
    assert _count(tmp_path, "events") == 0
    assert _count(tmp_path, "all_events") == 1


def _event(doc_id: str, version: str):
    from schemas import Event

    return Event(
        event_id=f"{doc_id}-{version}",
        doc_id=doc_id,
        sentence_index=0,
        sentence="X visited Y.",
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
        coder_version=version,
    )


def test_store_moved_warehouse_views_follow_the_folder(tmp_path):
    with RunWriter(tmp_path / "a") as writer:
        writer.write("documents", [_doc("a")])
        writer.commit()
    (tmp_path / "a").rename(tmp_path / "b")
    assert _count(tmp_path / "b", "documents") == 1


def test_store_the_table_views_files_give_every_stored_table_a_view(tmp_path):
    from warehouse.layout import TABLES
    from warehouse.views import BASE_VIEWS, TABLE_VIEWS, memory_connection

    init_warehouse(tmp_path)
    con = memory_connection(tmp_path, only=TABLE_VIEWS)  # what a compaction and a run's writer open
    try:
        views = {row[0] for row in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    finally:
        con.close()
    assert {"all_events" if table == "events" else table for table in TABLES} <= views
    assert "documents" in views and BASE_VIEWS in TABLE_VIEWS
    assert "events_one_a_day" not in views  # the dyad and export views built on them are left out
