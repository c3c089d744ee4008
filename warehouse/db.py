"""Opening a warehouse for queries: its views and macros (warehouse/views.py) brought up to date, and read-only SQL checked."""

from __future__ import annotations

from pathlib import Path

import duckdb

from schemas.errors import WarehouseError
from warehouse.layout import INIT_RUN, layout
from warehouse.views import _connect, _is_current, memory_connection, refresh_views

__all__ = ["check_query", "memory_connection", "open_warehouse", "refresh_views"]

_QUERY_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


def open_warehouse(root: str | Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse's views and macros (read-only unless asked)."""
    lay = layout(root)
    if not lay.runs_dir.is_dir():
        raise WarehouseError(f"{lay.root}: no warehouse here; create one with `dyadflow run INPUT --warehouse {root}`")
    if not lay.compaction_marker(INIT_RUN).exists():  # made by an older dyadflow: add what the views now read
        from warehouse.store import init_warehouse

        init_warehouse(lay.root)
    if not lay.database.exists() or not _is_current(lay.database, lay):
        refresh_views(lay.root)
    return _connect(lay.database, read_only=read_only)


def check_query(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Raise WarehouseError unless every statement of query is a query (SELECT, DESCRIBE, SHOW, EXPLAIN).

    A read-only connection refuses CREATE, INSERT or DROP by itself, but still runs COPY ... TO (writing
    files anywhere, the warehouse's commit markers included), ATTACH, INSTALL and SET: `dyadflow sql` runs none of them.
    """
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as e:
        raise WarehouseError(f"SQL error: {e}") from e
    if not statements:
        raise WarehouseError("no SQL statement given: write a query such as `select count(*) from events`")
    for statement in statements:
        if statement.type not in _QUERY_STATEMENTS:
            kind = statement.type.name
            raise WarehouseError(f"only queries are run here, not {kind} statements: use SELECT, DESCRIBE, SHOW or EXPLAIN")
