"""Exporting the warehouse's events as GDELT 2.0 event rows, PLOVER-style JSONL, Parquet or CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Literal, get_args

import duckdb
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from schemas.errors import ExportError, WarehouseError
from warehouse.dyads import check_dedupe
from warehouse.gdelt_names import actor_name
from warehouse.geojson import write_geojson
from warehouse.tables import OutputError, atomic_path, check_output_path, json_line

ExportFormat = Literal["gdelt", "plover", "parquet", "csv", "geojson"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
SUFFIXES = {
    "gdelt": (".tsv", ".csv", ".txt"),
    "plover": (".jsonl", ".json"),
    "parquet": (".parquet",),
    "csv": (".csv",),
    "geojson": (".geojson",),
}
_BATCH_ROWS = 65_536
# The GDELT columns written as GDELT's actor names (warehouse.gdelt_names) from the words the actor was read from.
_NAME_COLUMNS = frozenset({"Actor1Name", "Actor2Name"})

# The relation each duplicate handling reads for the parquet and csv formats: fixed SQL names, never user text.
_RELATIONS = {"all": "events", "one-a-day": "events_one_a_day", "aggregate": "events_aggregated"}


def export_events(
    con: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    out: Path,
    *,
    dedupe: str | None = None,
    header: bool = False,
) -> int:
    """Write the warehouse's events to out in format fmt, atomically, and return the number of rows written.

    gdelt: the 61 columns of the GDELT 2.0 event table, tab-separated, one row per day, source, target
    and code (always aggregated), dated events only, actor names as GDELT writes them; no header line,
    as GDELT ships it, unless header=True.
    plover: one JSON object per line (id, date, actor, recipient, event, event_text, cameo_code, ...).
    parquet, csv: the events view as it is, or events_one_a_day / events_aggregated by dedupe.
    geojson: a FeatureCollection of one Point per event that has a place (warehouse/geojson.py).
    dedupe defaults to 'aggregate' for gdelt and 'all' for the others.
    """
    if fmt not in FORMATS:
        raise ExportError(f"export format {fmt!r} is not one of {', '.join(FORMATS)}")
    dedupe = check_dedupe(dedupe or ("aggregate" if fmt == "gdelt" else "all"))
    if fmt == "gdelt" and dedupe != "aggregate":
        raise ExportError("GDELT rows are aggregated by day, actors and code by definition: leave out --dedupe for gdelt")
    out = check_output_path(Path(out), SUFFIXES[fmt])
    try:
        if fmt == "gdelt":
            return _write_gdelt(con.sql("SELECT * FROM events_gdelt ORDER BY Day NULLS LAST, GlobalEventID"), out, header)
        if fmt == "geojson":
            if dedupe != "all":
                raise ExportError("the GeoJSON export writes every placed event: leave out --dedupe for geojson")
            return write_geojson(con, out)
        if fmt == "plover":
            return _write_jsonl(con.sql("SELECT * FROM plover_events(dedupe := ?)", params=[dedupe]), out)
        relation = con.sql(f"SELECT * FROM {_RELATIONS[dedupe]}")
        return _write_parquet(relation, out) if fmt == "parquet" else _write_csv(relation, out)
    except duckdb.Error as e:
        raise WarehouseError(f"cannot read the events to export: {e}") from e
    except OSError as e:
        raise OutputError(f"{out}: cannot write ({e.strerror or e})") from e


def _write_gdelt(relation: duckdb.DuckDBPyRelation, out: Path, header: bool) -> int:
    rows = 0
    with atomic_path(out) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        # GDELT files are never quoted: the SQL puts every text field on one line, so no value holds a tab.
        writer = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, lineterminator="\n")
        if header:
            writer.writerow(relation.columns)
        names = [i for i, name in enumerate(relation.columns) if name in _NAME_COLUMNS]
        for batch in relation.to_arrow_reader(_BATCH_ROWS):
            columns = [column.to_pylist() for column in batch.columns]
            for i in names:
                columns[i] = [actor_name(text) for text in columns[i]]
            try:
                writer.writerows(zip(*columns, strict=True))
            except csv.Error as e:
                raise ExportError(f"a value cannot be written tab-separated without quoting: {e}") from e
            rows += batch.num_rows
    return rows


def _write_jsonl(relation: duckdb.DuckDBPyRelation, out: Path) -> int:
    rows = 0
    with atomic_path(out) as tmp, tmp.open("w", encoding="utf-8") as f:
        for batch in relation.to_arrow_reader(_BATCH_ROWS):
            for record in batch.to_pylist():
                f.write(json_line(record) + "\n")
            rows += batch.num_rows
    return rows


def _write_parquet(relation: duckdb.DuckDBPyRelation, out: Path) -> int:
    rows = 0
    reader = relation.to_arrow_reader(_BATCH_ROWS)
    with atomic_path(out) as tmp, pq.ParquetWriter(tmp, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def _write_csv(relation: duckdb.DuckDBPyRelation, out: Path) -> int:
    rows = 0
    reader = relation.to_arrow_reader(_BATCH_ROWS)
    with atomic_path(out) as tmp, pacsv.CSVWriter(tmp, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows
