"""The SQL side of a warehouse: the views and macros of warehouse/sql, created on a connection or in warehouse.duckdb."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Collection
from importlib import resources
from pathlib import Path
from string import Template

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.arrow import arrow_schema, empty_table
from schemas.errors import WarehouseError
from schemas.records import RunRecord
from warehouse.layout import INIT_RUN, TABLES, Layout, layout, table_models

_DUCKDB_TYPES = {
    pa.string(): "VARCHAR",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}


# The fields of a compaction marker (_compactions/<id>.json) the views read (warehouse/compact.py writes them).
_COMPACTION_COLUMNS = "{'compaction_id': 'VARCHAR', 'seq': 'BIGINT', 'status': 'VARCHAR', 'runs': 'VARCHAR[]'}"


def sql_files() -> list[tuple[str, str]]:
    """The (name, text) of every SQL file shipped in warehouse/sql, in name order."""
    folder = resources.files("warehouse") / "sql"
    return sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".sql"))


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _columns_struct(schema: pa.Schema) -> str:
    return "{" + ", ".join(f"{_literal(f.name)}: {_literal(_DUCKDB_TYPES[f.type])}" for f in schema) + "}"


def _substitutions(lay: Layout) -> dict[str, str]:
    subs = {f"root_{table}": _literal(lay.glob(table)) for table in TABLES}
    subs["root_runs"] = _literal(str(lay.runs_dir / "*.json"))
    subs["runs_columns"] = _columns_struct(arrow_schema(RunRecord))
    subs["root_compactions"] = _literal(str(lay.compactions_dir / "*.json"))
    subs["compactions_columns"] = _COMPACTION_COLUMNS
    return subs


def sql_fingerprint() -> str:
    """A hash of the shipped SQL: when it changes, a warehouse's views are created anew."""
    digest = hashlib.sha256()
    for name, text in sql_files():
        digest.update(name.encode())
        digest.update(text.encode())
    return digest.hexdigest()[:16]


def add_missing_tables(lay: Layout) -> None:
    """Give a warehouse made before a table existed (doc_dates) that table's empty init part, so its view can be made."""
    if not lay.runs_dir.is_dir():
        return
    for table, model in table_models().items():
        if lay.table_dir(table).is_dir():
            continue
        part = lay.run_dir(table, INIT_RUN) / "part-00000.parquet"
        tmp = part.with_name(part.name + ".tmp")
        try:
            part.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(empty_table(arrow_schema(model)), tmp)
            tmp.replace(part)
        except OSError as e:
            raise WarehouseError(f"{lay.root}: cannot add the {table} table this version needs ({e.strerror or e})") from e


# The file of the tables' own views (documents, events, runs ...), which the other files build on.
BASE_VIEWS = "00_views.sql"
# The files that together give every stored table a view (codings; fetches and pages besides the base ones).
TABLE_VIEWS = (BASE_VIEWS, "10_events.sql", "50_fetches.sql")
# The base views and the coding order over them (codings, run_order, events): what a recode's sums read.
RUN_ORDER_VIEWS = (BASE_VIEWS, "10_events.sql")


def apply_sql(con: duckdb.DuckDBPyConnection, lay: Layout, only: Collection[str] | None = None) -> None:
    """Create the views and macros of every warehouse/sql file (or of the files named in `only`) on a connection.

    Tables an older warehouse lacks are added first.
    """
    add_missing_tables(lay)
    subs = _substitutions(lay)
    for name, text in sql_files():
        if only is not None and name not in only:
            continue
        try:
            con.execute(Template(text).safe_substitute(subs))
        except duckdb.Error as e:
            raise WarehouseError(f"warehouse/sql/{name} failed: {e}") from e
    con.execute("CREATE TABLE IF NOT EXISTS dyadflow_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(
        "INSERT OR REPLACE INTO dyadflow_meta VALUES ('root', ?), ('sql', ?)",
        [str(lay.root), sql_fingerprint()],
    )


def _connect(path: Path, read_only: bool, attempts: int = 20) -> duckdb.DuckDBPyConnection:
    """Connect, waiting a little while another process holds the file's lock."""
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or attempt == attempts - 1:
                raise WarehouseError(f"{path}: cannot open the warehouse database: {e}") from e
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")


def _is_current(path: Path, lay: Layout) -> bool:
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        meta = dict(con.execute("SELECT key, value FROM dyadflow_meta").fetchall())
    except duckdb.Error:
        return False
    finally:
        con.close()
    return meta.get("root") == str(lay.root) and meta.get("sql") == sql_fingerprint()


def refresh_views(root: str | Path) -> None:
    """Create warehouse.duckdb's views and macros, unless they already match this folder and this version."""
    lay = layout(root)
    if lay.database.exists() and _is_current(lay.database, lay):
        return
    con = _connect(lay.database, read_only=False)
    try:
        apply_sql(con, lay)
    finally:
        con.close()


def memory_connection(root: str | Path, only: Collection[str] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the warehouse's views: for the writer, which must not hold the file.

    `only`: the SQL files to apply (`(BASE_VIEWS,)` for the tables' own views, a third of a second
    sooner than all of them); all of them by default.
    """
    lay = layout(root)
    con = duckdb.connect(":memory:")
    apply_sql(con, lay, only)
    return con
