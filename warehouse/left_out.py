"""What a series, panel or export leaves out for lack of a (precise enough) date, so that it can say so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

import duckdb

from schemas.errors import WarehouseError

# Which precisions each frequency leaves out, for the message.
_COARSER = {"day": "week, month or year", "week": "month or year", "month": "year", "quarter": "year", "year": ""}


class LeftOut(NamedTuple):
    """Events of a series or panel left out: without a date, or dated too coarsely for its frequency."""

    undated: int
    coarser: int

    def messages(self, events: str, what: str, freq: str) -> list[str]:
        """The lines that tell a user what was left out, e.g. '11 UZB–KAZ events have no date and are not in the series'.

        events names them with a {} for "event" or "events": "UZB–KAZ {}", "{} between UZB, KAZ and KGZ".
        """
        lines = []
        if self.undated:
            lines.append(f"{self.undated} {_named(events, self.undated)} no date and {_are(self.undated)} not in the {what}")
        if self.coarser:
            lines.append(
                f"{self.coarser} {_named(events, self.coarser)} a date known only to the {_COARSER[freq]} "
                f"and {_are(self.coarser)} not in this {freq} {what}"
            )
        return lines


def _named(events: str, n: int) -> str:
    return events.format("event") + " has" if n == 1 else events.format("events") + " have"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> LeftOut:
    try:
        rows = con.execute(sql, params).fetchall()
    except duckdb.Error as e:
        raise WarehouseError(f"cannot count the events left out: {e}") from e
    return LeftOut(int(rows[0][0]), int(rows[0][1])) if rows else LeftOut(0, 0)


def series_left_out(
    con: duckdb.DuckDBPyConnection,
    a: Sequence[str],
    b: Sequence[str],
    freq: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> LeftOut:
    """What dyad_series(a, b, freq) leaves out: the pair's undated events and, in [start, end], those too coarse for freq."""
    sql = "SELECT undated, coarser FROM dyad_left_out(?, ?, freq := ?, date_from := ?::DATE, date_to := ?::DATE)"
    return _fetch(con, sql, [list(a), list(b), freq, start, end])


def panel_left_out(
    con: duckdb.DuckDBPyConnection, codes: Sequence[str], freq: str, start: dt.date | None = None, end: dt.date | None = None
) -> LeftOut:
    """What dyad_panel(codes, freq) leaves out, counted as series_left_out does (an event once)."""
    sql = "SELECT undated, coarser FROM dyad_panel_left_out(?, freq := ?, date_from := ?::DATE, date_to := ?::DATE)"
    return _fetch(con, sql, [list(codes), freq, start, end])


def undated_events(con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> int:
    """How many current events have no date (of one run, if run_id is given)."""
    sql = "SELECT count(*) FROM events WHERE event_date IS NULL AND ($run_id IS NULL OR run_id = $run_id)"
    try:
        rows = con.execute(sql, {"run_id": run_id}).fetchall()
    except duckdb.Error as e:
        raise WarehouseError(f"cannot count the undated events: {e}") from e
    return int(rows[0][0]) if rows else 0


def code_is_stored(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    """Whether some current event's source or target matches code as a series matches it."""
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM events WHERE dyadflow_code_hit($code, source_actor, source_country) "
        "OR dyadflow_code_hit($code, target_actor, target_country) LIMIT 1)"
    )
    try:
        rows = con.execute(sql, {"code": code}).fetchall()
    except duckdb.Error as e:
        raise WarehouseError(f"cannot look for {code} in the events: {e}") from e
    return bool(rows and rows[0][0])
