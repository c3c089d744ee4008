"""Synthetic warehouses for the dyad and export tests: in-memory DuckDB tables named like the lead's views."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pyarrow as pa

from schemas.arrow import arrow_schema, empty_table, to_table
from schemas.records import Document, Event, RunRecord
from warehouse.store import _DYAD_INDEX_SQL, _OWN_COLUMNS

SQL_DIR = Path(__file__).resolve().parents[2] / "warehouse" / "sql"
RUN_ID = "run-1"

# quad_class and a Goldstein value per CAMEO root, enough to make synthetic events plausible.
_ROOTS = {
    "01": (1, 0.0),
    "03": (1, 4.0),
    "04": (1, 1.0),
    "05": (1, 3.5),
    "06": (2, 6.0),
    "07": (2, 7.0),
    "08": (2, 5.0),
    "11": (3, -2.0),
    "12": (3, -4.0),
    "13": (3, -4.4),
    "17": (4, -7.0),
    "19": (4, -10.0),
}


def ev(
    day: str | None,
    source: str,
    target: str,
    code: str,
    *,
    doc: str = "d1",
    sentence_index: int = 0,
    source_country: str | None = "",
    target_country: str | None = "",
) -> Event:
    """An event on ISO day `day` from `source` to `target`; countries default to the codes' first three letters."""
    quad, goldstein = _ROOTS[code[:2]]
    src_cc = source[:3] if source_country == "" else source_country
    tgt_cc = target[:3] if target_country == "" else target_country
    key = f"{doc}|{sentence_index}|{source}|{target}|{code}|{day}"
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
        doc_id=doc,
        sentence_index=sentence_index,
        sentence=f"{source}\tmet {target}\non {day}.",
        event_date=dt.date.fromisoformat(day) if day else None,
        event_date_source="text" if day else "unknown",
        source_actor=source,
        source_country=src_cc,
        source_text=f"{source.lower()} officials",
        target_actor=target,
        target_country=tgt_cc,
        target_text=f"{target.lower()}\tofficials",
        event_code=code,
        event_root=code[:2],
        quad_class=quad,
        goldstein=goldstein,
        trigger="met",
        rule="test",
        coder_version="test-1",
    )


def doc(doc_id: str, source: str | None = "Outlet A", url: str | None = None) -> Document:
    """A document with an outlet name and an optional URL."""
    return Document(doc_id=doc_id, path=f"{doc_id}.txt", source=source, url=url, text="body")


# Uzbek-Kazakh relations in early 2024 with a gap in February and March, duplicates on 5 January,
# a domestic event, other dyads (for shares and panels), an undated event and an actor without a country.
CENTRAL_ASIA = [
    ev("2024-01-05", "UZBGOV", "KAZGOV", "042", doc="d1"),
    ev("2024-01-05", "UZBGOV", "KAZGOV", "042", doc="d2"),
    ev("2024-01-05", "UZBGOV", "KAZGOV", "042", doc="d2", sentence_index=3),
    ev("2024-01-06", "IGOUNO", "UZBGOV", "042", doc="d1", source_country=None),
    ev("2024-01-20", "KAZMIL", "UZBMIL", "190", doc="d3", sentence_index=2),
    ev("2024-02-10", "RUSGOV", "CHNGOV", "042", doc="d5"),
    ev("2024-02-11", "UZBGOV", "UZBMIL", "042", doc="d5", sentence_index=1),
    ev("2024-03-15", "UZBGOV", "RUSGOV", "061", doc="d6"),
    ev("2024-03-15", "KGZGOV", "KAZGOV", "120", doc="d6", sentence_index=1),
    ev("2024-04-02", "UZBGOV", "KAZGOV", "111", doc="d4"),
    ev("2024-04-03", "KAZGOV", "UZBGOV", "057", doc="d4", sentence_index=1),
    ev(None, "UZBGOV", "KAZGOV", "042", doc="d7"),
]
CENTRAL_ASIA_DOCS = [
    doc("d1", "Outlet A", "https://news.example/1"),
    doc("d2", "Outlet B"),
    doc("d3", "Outlet A"),
    doc("d4", "Outlet C"),
    doc("d5", None),
    doc("d6", "Outlet B"),
    doc("d7", "Outlet A"),
]


def warehouse(events: list[Event] | None = None, documents: list[Document] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with tables all_events, documents, runs, event_days, dyad_index, no recoded documents, and warehouse/sql 30-49 applied."""
    if events is None:
        events, documents = CENTRAL_ASIA, CENTRAL_ASIA_DOCS
    if documents is None:
        documents = [doc(d) for d in sorted({e.doc_id for e in events})]
    run = RunRecord(
        run_id=RUN_ID, started_at=dt.datetime(2024, 6, 1, 12, 30, 5, tzinfo=dt.UTC), ended_at=dt.datetime(2024, 6, 1, 12, 31, tzinfo=dt.UTC)
    )
    con = duckdb.connect()
    for name, model, rows in (("all_events", Event, events), ("documents", Document, documents), ("runs", RunRecord, [run])):
        table = to_table(model, rows) if rows else empty_table(arrow_schema(model))
        if name != "runs":
            table = table.append_column("run_id", pa.array([RUN_ID] * table.num_rows, pa.string()))
        con.register("staged", table)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM staged")
        con.unregister("staged")
    con.execute("CREATE VIEW events AS SELECT * FROM all_events")
    con.execute("CREATE VIEW run_order AS SELECT run_id, 0 AS run_order FROM runs")
    con.execute("CREATE TABLE recoded_documents (doc_id VARCHAR, newest INTEGER)")  # no recode
    con.execute("CREATE TABLE event_days AS SELECT event_date, count(*) AS events FROM all_events GROUP BY ALL")
    # the dyad index as a commit writes it (warehouse.store), so that dyad_series takes its index path
    con.execute(
        f"CREATE TEMP TABLE signed AS SELECT {_OWN_COLUMNS}, 1 AS sign, d.source AS outlet "
        "FROM all_events LEFT JOIN documents d USING (doc_id)"
    )
    con.execute(f"CREATE TABLE dyad_index AS {_DYAD_INDEX_SQL}")
    con.execute("CREATE TABLE dyadflow_index_missing (run_id VARCHAR)")
    for path in sorted(SQL_DIR.glob("*.sql")):
        if 30 <= int(path.name[:2]) <= 49:
            con.execute(path.read_text(encoding="utf-8"))
    return con
