"""Dyad scores over time and panels of dyads, computed by the dyad_series and dyad_panel SQL macros."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

import duckdb
import pyarrow as pa

from schemas.errors import SeriesError, WarehouseError

FREQS = ("day", "week", "month", "quarter", "year")
DEDUPES = ("all", "one-a-day", "aggregate")
_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")

# Variable labels of the series and panel columns (Stata allows 80 characters).
COLUMN_LABELS = {
    "period": "First day of the period",
    "period_end": "Last day of the period",
    "direction": "A->B: source in A, target in B; B->A: the reverse; A<->B: both",
    "actor_a": "Side A: country codes or CAMEO actor prefixes",
    "actor_b": "Side B: country codes or CAMEO actor prefixes",
    "country_a": "Country A (the source when directed)",
    "country_b": "Country B (the target when directed)",
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


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list[object], macro: str) -> pa.Table:
    try:
        return con.sql(sql, params=params).to_arrow_table()
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
) -> pa.Table:
    """Events between sides a and b per period, contiguous from start (or the first event) to end (or the last).

    a and b hold country codes (UZB) or CAMEO actor prefixes (UZBGOV), each possibly comma-separated.
    Undirected series have one row per period (direction 'A<->B'); directed ones a row per period for
    'A->B' then for 'B->A'. Raises SeriesError on bad codes or options before anything reaches SQL.
    """
    side_a, side_b = parse_actors(a, side="side A"), parse_actors(b, side="side B")
    _check_dates(start, end)
    params = [side_a, side_b, check_freq(freq), bool(directed), check_dedupe(dedupe), start, end]
    return _run(
        con,
        "SELECT * FROM dyad_series(?, ?, freq := ?, directed := ?, dedupe := ?, date_from := ?::DATE, date_to := ?::DATE)",
        params,
        "dyad_series",
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
) -> pa.Table:
    """A long panel: every ordered pair (unordered unless directed) of the countries times every period, zeros filled."""
    codes = parse_actors(countries, side="country")
    if len(codes) < 2:
        raise SeriesError(f"a panel needs at least two different countries, got {', '.join(codes)}")
    _check_dates(start, end)
    params = [codes, check_freq(freq), bool(directed), check_dedupe(dedupe), start, end]
    return _run(
        con,
        "SELECT * FROM dyad_panel(?, freq := ?, directed := ?, dedupe := ?, date_from := ?::DATE, date_to := ?::DATE)",
        params,
        "dyad_panel",
    )
