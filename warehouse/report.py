"""A dyad report: one self-contained HTML page with the series of a pair (or a matrix of pairs) and the events behind every point.

The numbers come from the dyad_series macro, the events from dyad_events (warehouse/sql/50_report.sql);
the charts are Vega-Lite (warehouse/report_charts.py) drawn by the Vega bundle that vl-convert ships,
inlined with the data, the styles and the page's small script, so the page opens from disk with no network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.dyads import REPORT_FREQS, ReportFreq, SeriesError, _run, dyad_panel, dyad_series, parse_actors
from warehouse.report_events import pair_anchor
from warehouse.tables import atomic_path, check_output_path

REPORTS_DIR = "reports"
"""The folder of a warehouse where `dyadflow serve --report A:B` keeps each pair's page."""
TOP_ACTORS = 10
_QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class ReportOptions:
    """What a report covers: period length, inclusive event dates, and whether directions are kept apart."""

    freq: ReportFreq = "month"
    start: dt.date | None = None
    end: dt.date | None = None
    directed: bool = False


@dataclass(frozen=True)
class PairData:
    """What a pair's section shows: its directed-and-combined series, its events, its most active actors."""

    a: int
    b: int
    series: pd.DataFrame
    events: pd.DataFrame
    actors: pd.DataFrame


def side_label(codes: Sequence[str]) -> str:
    """A side's label as the user wrote it: its codes joined by commas."""
    return ",".join(codes)


def parse_sides(values: Sequence[str]) -> list[list[str]]:
    """The sides of a report: two sides of comma-separated codes (UZBGOV,UZBMIL KAZ), or three or more countries."""
    sides = [parse_actors(value, side=f"side {n}") for n, value in enumerate(values, start=1)]
    if len(sides) < 2:
        raise SeriesError("a report needs two sides (UZB KAZ) or more countries (UZB KAZ KGZ)")
    labels = [side_label(s) for s in sides]
    if len(set(labels)) < len(labels):
        raise SeriesError(f"a side is named twice in {' '.join(labels)}: name each country once")
    if len(sides) > 2 and any(len(s) > 1 for s in sides):
        raise SeriesError("with three or more sides, name one country or actor prefix per side (UZB KAZ KGZ), not lists")
    return sides


def check_freq(freq: str) -> ReportFreq:
    """The frequency if a report can draw it (month, quarter, year); else a SeriesError."""
    if freq not in REPORT_FREQS:
        raise SeriesError(f"a report's --freq is one of {', '.join(REPORT_FREQS)}, not {freq!r}")
    return freq  # type: ignore[return-value]


def _period_label(day: dt.date, freq: str) -> str:
    if freq == "year":
        return f"{day.year}"
    if freq == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return day.strftime("%B %Y")


def directed_series(con: duckdb.DuckDBPyConnection, sides: list[list[str]], opts: ReportOptions) -> pd.DataFrame:
    """Every ordered pair of sides per period (dyad_series for two sides, dyad_panel for more), numbered by side.

    side_source and side_target are 0-based side numbers; the other columns are those of dyad_series.
    """
    if len(sides) == 2:
        frame = dyad_series(con, sides[0], sides[1], freq=opts.freq, directed=True, start=opts.start, end=opts.end).to_pandas()
        frame["side_source"] = (frame["direction"] == "B->A").astype(int)
        frame["side_target"] = 1 - frame["side_source"]
        return frame
    codes = [side[0] for side in sides]
    frame = dyad_panel(con, codes, freq=opts.freq, directed=True, start=opts.start, end=opts.end).to_pandas()
    frame["side_source"] = frame["actor_a"].map(codes.index)
    frame["side_target"] = frame["actor_b"].map(codes.index)
    return frame


def _pair_series(directed: pd.DataFrame, labels: list[str], a: int, b: int, freq: str) -> pd.DataFrame:
    """The series of sides a and b in each direction plus their sum as direction 'both', with the page's period columns."""
    frame = directed[directed["side_source"].isin((a, b)) & directed["side_target"].isin((a, b))].copy()
    if frame.empty:
        return frame
    frame["direction"] = [f"{labels[s]} → {labels[t]}" for s, t in zip(frame["side_source"], frame["side_target"], strict=True)]
    sums = frame.groupby(["period"], as_index=False)[["events", *_QUAD_COLUMNS, "goldstein_sum"]].sum()
    sums["direction"] = "both"
    frame = pd.concat([frame, sums], ignore_index=True)
    coop = frame["verbal_coop"] + frame["material_coop"] - frame["verbal_conflict"] - frame["material_conflict"]
    frame["coop_index"] = (coop / frame["events"]).where(frame["events"] > 0)
    periods = pd.to_datetime(frame["period"]).dt.date
    frame["period_key"] = periods.map(dt.date.isoformat)
    frame["period_label"] = periods.map(lambda d: _period_label(d, freq))
    frame["period"] = frame["period_key"]
    columns = ["period", "period_key", "period_label", "direction", "events", *_QUAD_COLUMNS, "goldstein_sum", "coop_index"]
    return frame[columns].sort_values(["direction", "period"], kind="stable").reset_index(drop=True)


def report_events(con: duckdb.DuckDBPyConnection, sides: list[list[str]], opts: ReportOptions) -> pd.DataFrame:
    """Every dated event between two of the sides in the span (dyad_events), with its article and the CAMEO name."""
    from coders.cameo import cameo_table

    frame = _run(
        con,
        "SELECT * FROM dyad_events(?, freq := ?, date_from := ?::DATE, date_to := ?::DATE)",
        [sides, opts.freq, opts.start, opts.end],
        "dyad_events",
    ).to_pandas()
    names = {code: entry.name for code, entry in cameo_table().items()}
    frame["event_name"] = frame["event_code"].map(names).fillna("")
    frame["period"] = pd.to_datetime(frame["period"]).dt.date.map(dt.date.isoformat)
    frame["event_date"] = pd.to_datetime(frame["event_date"]).dt.date.map(dt.date.isoformat)
    return frame


def top_actors(events: pd.DataFrame, sides: tuple[int, int], limit: int = TOP_ACTORS) -> pd.DataFrame:
    """Per side, the actors in most events of the pair, counted as source and as target, with the words they were read from."""
    rows = []
    for side in sides:
        for role, actor_col, text_col, side_col in (
            ("as source", "source_actor", "source_text", "side_source"),
            ("as target", "target_actor", "target_text", "side_target"),
        ):
            part = events[events[side_col] == side + 1]
            for actor, group in part.groupby(actor_col):
                texts = group[text_col].value_counts().index[:3]
                rows.append({"side": sides.index(side) + 1, "actor": actor, "role": role, "events": len(group), "names": "; ".join(texts)})
    frame = pd.DataFrame(rows, columns=["side", "actor", "role", "events", "names"])
    if frame.empty:
        return frame.assign(total=0, actor_label="")
    frame["total"] = frame.groupby(["side", "actor"])["events"].transform("sum")
    keep = frame.groupby("side")["total"].rank(method="dense", ascending=False) <= limit
    frame = frame[keep].copy()
    first_name = frame.groupby(["side", "actor"])["names"].transform(lambda s: s.iloc[0].split("; ")[0])
    frame["actor_label"] = frame["actor"] + " (" + first_name.str.slice(0, 40) + ")"
    return frame


def pair_data(con: duckdb.DuckDBPyConnection, sides: list[list[str]], events: pd.DataFrame, opts: ReportOptions) -> list[PairData]:
    """The series, events and actors of every pair of sides that has events in the span, in the order given."""
    pairs = []
    directed = directed_series(con, sides, opts)
    labels = [side_label(s) for s in sides]
    for a, b in combinations(range(len(sides)), 2):
        series = _pair_series(directed, labels, a, b, opts.freq)
        if series.empty or series["events"].sum() == 0:
            continue
        mine = events[events["side_source"].isin((a + 1, b + 1)) & events["side_target"].isin((a + 1, b + 1))]
        pairs.append(PairData(a, b, series, mine, top_actors(mine, (a, b))))
    return pairs


def matrix_cells(sides: list[list[str]], pairs: list[PairData], *, directed: bool) -> pd.DataFrame:
    """One row per cell of the pair matrix: row, column, events, Goldstein sum, cooperation index, the pair's anchor."""
    labels = [side_label(s) for s in sides]
    found = {(p.a, p.b): p for p in pairs}
    rows = []
    for i, j in ((i, j) for i in range(len(sides)) for j in range(len(sides)) if i != j):
        pair = found.get((min(i, j), max(i, j)))
        rows.append({"row": labels[i], "column": labels[j], **_cell(pair, labels, i, j, directed)})
    return pd.DataFrame(rows)


def _cell(pair: PairData | None, labels: list[str], i: int, j: int, directed: bool) -> dict[str, object]:
    if pair is None:
        return {"events": 0, "goldstein_sum": 0.0, "coop_index": None, "cell_text": "", "anchor": ""}
    direction = f"{labels[i]} → {labels[j]}" if directed else "both"
    rows = pair.series[pair.series["direction"] == direction]
    events = int(rows["events"].sum())
    coop = int(rows["verbal_coop"].sum() + rows["material_coop"].sum() - rows["verbal_conflict"].sum() - rows["material_conflict"].sum())
    return {
        "events": events,
        "goldstein_sum": float(rows["goldstein_sum"].sum()),
        "coop_index": coop / events if events else None,
        "cell_text": str(events) if events else "",
        "anchor": pair_anchor(labels[pair.a], labels[pair.b]),
    }


def render_report(con: duckdb.DuckDBPyConnection, sides: list[list[str]], opts: ReportOptions, *, warehouse: str = "") -> str:
    """The report page of the sides as one HTML string with everything inline."""
    from warehouse.report_page import page_html

    events = report_events(con, sides, opts)
    pairs = pair_data(con, sides, events, opts)
    if not pairs:
        labels = " ".join(side_label(s) for s in sides)
        raise SeriesError(f"no dated events between any two of {labels} in {warehouse or 'the warehouse'}: check the codes and dates")
    return page_html(
        sides, pairs, opts, warehouse=warehouse, matrix=matrix_cells(sides, pairs, directed=opts.directed) if len(sides) > 2 else None
    )


def write_report(con: duckdb.DuckDBPyConnection, sides: list[list[str]], out: Path, opts: ReportOptions, *, warehouse: str = "") -> Path:
    """Write the report page of the sides to out (.html), atomically; return its path."""
    out = check_output_path(Path(out), (".html", ".htm"))
    html = render_report(con, sides, opts, warehouse=warehouse)
    with atomic_path(out) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return out


def parse_pair(value: str) -> list[list[str]]:
    """The sides of a pair written A:B (UZB:KAZ, UZBGOV,UZBMIL:KAZ), as `serve --report` takes them."""
    parts = value.split(":")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise SeriesError(f"--report {value!r}: write a pair as A:B, e.g. UZB:KAZ")
    return parse_sides(parts)


def report_path(warehouse: str | Path, sides: list[list[str]]) -> Path:
    """Where a pair's page lives in a warehouse: WH/reports/<A>_<B>.html."""
    name = "_".join(side_label(s).replace(",", "+") for s in sides)
    return Path(warehouse) / REPORTS_DIR / f"{name}.html"


def write_reports(warehouse: str | Path, pairs: Iterable[str], opts: ReportOptions = ReportOptions()) -> list[Path]:
    """Write each pair's page (A:B) to WH/reports/<A>_<B>.html, atomically; a pair without events keeps its old page.

    Returns the pages written. Raises SeriesError for a badly written pair before anything is written.
    """
    from warehouse.db import open_warehouse

    wanted = [parse_pair(p) for p in pairs]
    if not wanted:
        return []
    (Path(warehouse) / REPORTS_DIR).mkdir(parents=True, exist_ok=True)
    written = []
    con = open_warehouse(warehouse, read_only=True)
    try:
        for sides in wanted:
            try:
                written.append(write_report(con, sides, report_path(warehouse, sides), opts, warehouse=str(warehouse)))
            except SeriesError:
                continue  # no events for this pair yet: nothing to show, the old page (if any) stays
    finally:
        con.close()
    return written
