"""Dyad scores over time and panels of dyads, computed by the dyad_series and dyad_panel SQL macros."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import duckdb
import pyarrow as pa

from schemas.errors import SeriesError, WarehouseError
from warehouse.layout import Layout, layout
from warehouse.parts import part_files, visible_parts

FREQS = ("day", "week", "month", "quarter", "year")
ReportFreq = Literal["month", "quarter", "year"]
REPORT_FREQS: tuple[ReportFreq, ...] = ("month", "quarter", "year")
"""The frequencies a report page draws (a day or a week would be too many points)."""
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
    """The path a dyad query takes: 'index' (the dyad index written at commit) or 'scan' (the events), and why.

    cells and days: when set, the dyad_cells and event_days files the country-level fast path reads.
    """

    method: Literal["index", "scan"]
    reason: str
    cells: tuple[str, ...] = field(default=(), compare=False, repr=False)
    days: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def metadata(self) -> dict[bytes, bytes]:
        """The path as Arrow schema metadata (dyadflow.path, dyadflow.reason)."""
        return {b"dyadflow.path": self.method.encode(), b"dyadflow.reason": self.reason.encode()}


_INDEX_REASON = "dedupe 'all': the dyad index holds every current event's cell"
_CELLS_REASON = "dedupe 'all', one country a side: the dyad index's country cells (dyad_cells), summed per period"


def _root(con: duckdb.DuckDBPyConnection) -> Layout | None:
    """The layout of the warehouse a connection's views read (None for a connection made otherwise)."""
    try:
        rows = con.execute("SELECT value FROM dyadflow_meta WHERE key = 'root'").fetchall()
    except duckdb.Error:
        return None
    return layout(rows[0][0]) if rows else None


def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the period of freq holding day (as DuckDB's date_trunc)."""
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "day":
        return day
    month = {"month": day.month, "quarter": 3 * ((day.month - 1) // 3) + 1, "year": 1}[freq]
    return day.replace(month=month, day=1)


def query_path(
    con: duckdb.DuckDBPyConnection,
    dedupe: str = "all",
    method: Method = "auto",
    *,
    one_country_a_side: bool = False,
    freq: str = "month",
    start: dt.date | None = None,
) -> QueryPath:
    """Which path a series or panel with this dedupe takes: the dyad index when it can give the same numbers, else the scan.

    one_country_a_side: every side of every pair is one 3-letter code; with dedupe 'all' and a start
    (if any) on the first day of a period of freq, the index's country cells then answer it.
    """
    if method not in METHODS:
        raise SeriesError(f"method {method!r} is not one of {', '.join(METHODS)}")
    if method == "scan":
        return QueryPath("scan", "asked for (method scan)")
    if check_dedupe(dedupe) != "all":
        if method == "index":
            raise SeriesError(f"the dyad index counts every event: it cannot dedupe {dedupe!r}; use method auto or scan")
        return QueryPath("scan", f"dedupe {dedupe!r} compares every event of a day, which the dyad index does not keep")
    lay = _root(con)
    parts: list[str] = []
    try:
        if lay is None:
            missing = [row[0] for row in con.execute("SELECT run_id FROM dyadflow_index_missing ORDER BY run_id").fetchall()]
        else:  # the markers read once here, not through the views
            parts = visible_parts(lay)
            missing = list(part_files(lay, "dyad_index", parts).lacking)
    except duckdb.CatalogException:
        missing = None
    except duckdb.Error as e:
        raise WarehouseError(f"cannot read the dyad index of the warehouse: {e}") from e
    if missing is None:
        reason = "the warehouse has no dyad index (made by an older dyadflow; open it for writing once)"
    elif missing:
        reason = f"{len(missing)} committed run(s) have no dyad index yet (e.g. {missing[0]}); the next run or compact adds them"
    elif lay is None or not one_country_a_side:
        return QueryPath("index", _INDEX_REASON)
    elif start is not None and period_start(start, check_freq(freq)) != start:
        return QueryPath("index", f"{_INDEX_REASON} (not its country cells: the start {start} is not the first day of a {freq})")
    else:
        cells, days = part_files(lay, "dyad_cells", parts), part_files(lay, "event_days", parts)
        if cells.lacking or days.lacking:
            lacking = (cells.lacking or days.lacking)[0]
            return QueryPath("index", f"{_INDEX_REASON} (not its country cells: {lacking} has none; the next compact adds them)")
        return QueryPath("index", _CELLS_REASON, cells.files, days.files)
    if method == "index":
        raise SeriesError(f"the dyad index cannot be used: {reason}")
    return QueryPath("scan", reason)


# A file the query had listed was deleted before it was read: a compaction replaced it meanwhile.
_REPLACED_FILE = re.compile(r"no such file|no files found|cannot open file", re.IGNORECASE)
_ATTEMPTS = 3


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list[object], macro: str, path: QueryPath | None = None) -> pa.Table:
    """Run a query of a macro (named in errors); the path, if given, goes into the table's schema metadata."""
    return _run_planned(lambda: (sql, params, path), con, macro)


def _run_planned(plan: Callable[[], tuple[str, list[object], QueryPath | None]], con: duckdb.DuckDBPyConnection, macro: str) -> pa.Table:
    """Run the query plan() makes; when a compaction deleted a file it had listed, plan and run it again."""
    for attempt in range(_ATTEMPTS):
        sql, params, path = plan()
        try:
            table = con.sql(sql, params=params).to_arrow_table()
        except duckdb.IOException as e:  # listed before a compaction's switch, read after its clean-up: list again
            if attempt == _ATTEMPTS - 1 or not _REPLACED_FILE.search(str(e)):
                raise WarehouseError(f"{macro} failed in the warehouse: {e}") from e
            continue
        except duckdb.Error as e:
            if isinstance(e, duckdb.CatalogException) and f"name {macro} " in str(e):
                raise WarehouseError(
                    f"the warehouse has no {macro} macro: it was made by an older dyadflow, "
                    "open it once for writing with this version so that warehouse/sql is applied"
                ) from e
            raise WarehouseError(f"{macro} failed in the warehouse: {e}") from e
        return table if path is None else table.replace_schema_metadata({**(table.schema.metadata or {}), **path.metadata()})
    raise AssertionError("unreachable")


_SERIES_SQL = (
    "SELECT * FROM dyad_series(?, ?, freq := ?, directed := ?, dedupe := ?, date_from := ?::DATE, date_to := ?::DATE, method := ?)"
)
# The fast path: the pairs as dyadflow_cell_series takes them (source, target: the A->B direction's codes).
_CELL_SERIES_SQL = "SELECT * FROM dyadflow_cell_series(?, ?, ?, ?, ?, ?::DATE, ?::DATE)"


def _cell_pair(pair_no: int, a: str, b: str, direction: str, source: str, target: str) -> dict[str, object]:
    return {"pair_no": pair_no, "actor_a": a, "actor_b": b, "direction": direction, "source": source, "target": target,
            "both_ways": direction == "A<->B"}  # fmt: skip


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
    single = len(side_a) == len(side_b) == 1 and len(side_a[0]) == len(side_b[0]) == 3

    def plan() -> tuple[str, list[object], QueryPath]:
        path = query_path(con, dedupe, method, one_country_a_side=single, freq=freq, start=start)
        if path.cells:
            x, y = side_a[0], side_b[0]
            pairs = [_cell_pair(1, x, y, "A<->B", x, y)]
            if directed:
                pairs = [_cell_pair(1, x, y, "A->B", x, y), _cell_pair(2, x, y, "B->A", y, x)]
            return _CELL_SERIES_SQL, [pairs, [x, y], list(path.cells), list(path.days), freq, start, end], path
        params = [side_a, side_b, freq, bool(directed), dedupe, start, end, path.method]
        return _SERIES_SQL, params, path

    return _run_planned(plan, con, "dyad_series")


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
    single = all(len(code) == 3 for code in codes)

    def plan() -> tuple[str, list[object], QueryPath]:
        path = query_path(con, dedupe, method, one_country_a_side=single, freq=freq, start=start)
        if path.cells:
            n = len(codes)  # pair numbers as dyadflow_panel_pairs gives them
            pairs = [
                _cell_pair(i * n + j + 1, x, y, "A->B" if directed else "A<->B", x, y)
                for i, x in enumerate(codes)
                for j, y in enumerate(codes)
                if i != j and (directed or i < j)
            ]
            return _CELL_SERIES_SQL, [pairs, codes, list(path.cells), list(path.days), freq, start, end], path
        params = [codes, freq, bool(directed), dedupe, start, end, path.method]
        sql = "SELECT * FROM dyad_panel(?, freq := ?, directed := ?, dedupe := ?, date_from := ?::DATE, date_to := ?::DATE, method := ?)"
        return sql, params, path

    return _run_planned(plan, con, "dyad_panel")


def path_of(table: pa.Table) -> QueryPath | None:
    """The path a table of dyad_series or dyad_panel was computed by (None for another table)."""
    meta = table.schema.metadata or {}
    method = meta.get(b"dyadflow.path", b"").decode()
    if method not in ("index", "scan"):
        return None
    return QueryPath(method, meta.get(b"dyadflow.reason", b"").decode())  # type: ignore[arg-type]
