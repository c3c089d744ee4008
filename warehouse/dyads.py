"""Dyad scores over time and panels of dyads, computed by the dyad_series and dyad_panel SQL macros."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import pyarrow as pa

from schemas.errors import SeriesError, WarehouseError

FREQS = ("day", "week", "month", "quarter", "year")
Method = Literal["auto", "index", "scan"]
METHODS = ("auto", "index", "scan")
DEDUPES = ("all", "one-a-day", "aggregate")
_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")

# Variable labels of the series and panel columns (Stata allows 80 characters).
COLUMN_LABELS = {
    "period": "First day of the period",
    "period_end": "Last day of the period",
    "direction": "A->B: source in A, target in B; B->A: the reverse; A<->B: both",
    "actor_a": "Side A: country codes or CAMEO actor prefixes",
    "actor_b": "Side B: country codes or CAMEO actor prefixes",
    "events": "Events, after duplicate handling",
    "verbal_coop": "Verbal cooperation events (QuadClass 1)",
    "material_coop": "Material cooperation events (QuadClass 2)",
    "verbal_conflict": "Verbal conflict events (QuadClass 3)",
    "material_conflict": "Material conflict events (QuadClass 4)",
    "goldstein_sum": "Sum of the events' Goldstein scores",
    "goldstein_mean": "Mean Goldstein score (missing when no events)",
    "net_coop": "Cooperative minus conflictual events",
    "coop_index": "(cooperative - conflictual) / events, 0 when no events",
    "share": "Share of all warehouse events in the period, 0 when none",
    "documents": "Distinct documents reporting the events",
    "sources": "Distinct outlets reporting the events",
}


def parse_actors(values: str | Iterable[str], *, side: str = "actor") -> list[str]:
    """Actor codes from values that may each hold several comma-separated codes: upper-cased, checked, deduplicated."""
    if isinstance(values, str):
        values = [values]
    codes: list[str] = []
    for value in values:
        for part in str(value).split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not _CODE.fullmatch(code):
                raise SeriesError(
                    f"{side} code {part.strip()!r} is not a country code (3 letters, e.g. UZB) "
                    "or a CAMEO actor prefix (6, 9... letters, e.g. UZBGOV)"
                )
            if code not in codes:
                codes.append(code)
    if not codes:
        raise SeriesError(f"no {side} code given: name a country (UZB) or an actor prefix (UZBGOV)")
    return codes


def check_freq(freq: str) -> str:
    """The frequency if it is one of day, week, month, quarter, year; else a SeriesError."""
    if freq not in FREQS:
        raise SeriesError(f"freq {freq!r} is not one of {', '.join(FREQS)}")
    return freq


def check_dedupe(dedupe: str) -> str:
    """The duplicate handling if it is one of all, one-a-day, aggregate; else a SeriesError."""
    if dedupe not in DEDUPES:
        raise SeriesError(f"dedupe {dedupe!r} is not one of {', '.join(DEDUPES)}")
    return dedupe


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise SeriesError(f"the start date {start} is after the end date {end}: swap --from and --to")


@dataclass(frozen=True)
class QueryPath:
    """The path a dyad query takes: 'index' (the dyad index written at commit) or 'scan' (the events), and why."""

    method: Literal["index", "scan"]
    reason: str

    def metadata(self) -> dict[bytes, bytes]:
        """The path as Arrow schema metadata (dyadflow.path, dyadflow.reason)."""
        return {b"dyadflow.path": self.method.encode(), b"dyadflow.reason": self.reason.encode()}


def query_path(con: duckdb.DuckDBPyConnection, dedupe: str = "all", method: Method = "auto") -> QueryPath:
    """Which path a series or panel with this dedupe takes: the dyad index when it can give the same numbers, else the scan."""
    if method not in METHODS:
        raise SeriesError(f"method {method!r} is not one of {', '.join(METHODS)}")
    if method == "scan":
        return QueryPath("scan", "asked for (method scan)")
    if check_dedupe(dedupe) != "all":
        if method == "index":
            raise SeriesError(f"the dyad index counts every event: it cannot dedupe {dedupe!r}; use method auto or scan")
        return QueryPath("scan", f"dedupe {dedupe!r} compares every event of a day, which the dyad index does not keep")
    try:
        missing = [row[0] for row in con.execute("SELECT run_id FROM dyadflow_index_missing ORDER BY run_id").fetchall()]
    except duckdb.CatalogException:
        missing = None
    except duckdb.Error as e:
        raise WarehouseError(f"cannot read the dyad index of the warehouse: {e}") from e
    if missing is None:
        reason = "the warehouse has no dyad index (made by an older dyadflow; open it for writing once)"
    elif missing:
        reason = f"{len(missing)} committed run(s) have no dyad index yet (e.g. {missing[0]}); the next run or compact adds them"
    else:
        return QueryPath("index", "dedupe 'all': the dyad index holds every current event's cell")
    if method == "index":
        raise SeriesError(f"the dyad index cannot be used: {reason}")
    return QueryPath("scan", reason)


# A file the query had listed was deleted before it was read: a compaction replaced it meanwhile.
_REPLACED_FILE = re.compile(r"no such file|no files found|cannot open file", re.IGNORECASE)


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list[object], macro: str, path: QueryPath | None = None) -> pa.Table:
    try:
        try:
            table = con.sql(sql, params=params).to_arrow_table()
        except duckdb.IOException as e:  # listed before a compaction's switch, read after its clean-up: list again
            if not _REPLACED_FILE.search(str(e)):
                raise
            table = con.sql(sql, params=params).to_arrow_table()
        return table if path is None else table.replace_schema_metadata({**(table.schema.metadata or {}), **path.metadata()})
    except duckdb.Error as e:
        if isinstance(e, duckdb.CatalogException) and f"name {macro} " in str(e):
            raise WarehouseError(
                f"the warehouse has no {macro} macro: it was made by an older dyadflow, "
                "open it once for writing with this version so that warehouse/sql is applied"
            ) from e
        raise WarehouseError(f"{macro} failed in the warehouse: {e}") from e


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: Sequence[str],
    b: Sequence[str],
    *,
    freq: str = "month",
    directed: bool = False,
    dedupe: str = "all",
    start: dt.date | None = None,
    end: dt.date | None = None,
    method: Method = "auto",
) -> pa.Table:
    """Events between sides a and b per period, contiguous from start (or the first event) to end (or the last).

    a and b hold country codes (UZB) or CAMEO actor prefixes (UZBGOV), each possibly comma-separated.
    Undirected series have one row per period (direction 'A<->B'); directed ones a row per period for
    'A->B' then for 'B->A'. Raises SeriesError on bad codes or options before anything reaches SQL.
    method: 'auto' takes the dyad index when it gives the same numbers, else the scan of the events;
    the table's schema metadata says which (dyadflow.path, dyadflow.reason).
    """
    side_a, side_b = parse_actors(a, side="side A"), parse_actors(b, side="side B")
    _check_dates(start, end)
    check_freq(freq)
    path = query_path(con, dedupe, method)
    params = [side_a, side_b, freq, bool(directed), dedupe, start, end, path.method]
    return _run(
        con,
        "SELECT * FROM dyad_series(?, ?, freq := ?, directed := ?, dedupe := ?, date_from := ?::DATE, date_to := ?::DATE, method := ?)",
        params,
        "dyad_series",
        path,
    )


def dyad_panel(
    con: duckdb.DuckDBPyConnection,
    countries: Sequence[str],
    *,
    freq: str = "month",
    directed: bool = True,
    dedupe: str = "all",
    start: dt.date | None = None,
    end: dt.date | None = None,
    method: Method = "auto",
) -> pa.Table:
    """A long panel: every ordered pair (unordered unless directed) of the countries times every period, zeros filled.

    method and the schema metadata as for dyad_series.
    """
    codes = parse_actors(countries, side="country")
    if len(codes) < 2:
        raise SeriesError(f"a panel needs at least two different countries, got {', '.join(codes)}")
    _check_dates(start, end)
    check_freq(freq)
    path = query_path(con, dedupe, method)
    params = [codes, freq, bool(directed), dedupe, start, end, path.method]
    return _run(
        con,
        "SELECT * FROM dyad_panel(?, freq := ?, directed := ?, dedupe := ?, date_from := ?::DATE, date_to := ?::DATE, method := ?)",
        params,
        "dyad_panel",
        path,
    )


def path_of(table: pa.Table) -> QueryPath | None:
    """The path a table of dyad_series or dyad_panel was computed by (None for another table)."""
    meta = table.schema.metadata or {}
    method = meta.get(b"dyadflow.path", b"").decode()
    if method not in ("index", "scan"):
        return None
    return QueryPath(method, meta.get(b"dyadflow.reason", b"").decode())  # type: ignore[arg-type]
