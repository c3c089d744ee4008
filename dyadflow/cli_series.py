"""The dyad, panel and export commands: thin wrappers over warehouse.dyads, warehouse.export and warehouse.plot."""

from __future__ import annotations

import datetime as dt
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Annotated, cast

import duckdb
import pyarrow as pa
import typer
from rich.console import Console
from rich.table import Table

from dyadflow.actor_codes import check_codes
from dyadflow.cli_common import WarehouseOpt
from warehouse.dyads import COLUMN_LABELS, DEDUPES, FREQS, METHODS, Method, SeriesError, dyad_panel, dyad_series, parse_actors, path_of
from warehouse.export import FORMATS, SUFFIXES, ExportError, ExportFormat, export_events
from warehouse.left_out import code_is_stored, panel_left_out, series_left_out, undated_events
from warehouse.plot import PLOT_SUFFIXES, plot_series, series_title
from warehouse.tables import check_output_path, write_delimited, write_table

_stderr = Console(stderr=True, soft_wrap=True)  # a message is one line, also when piped

FreqOpt = Annotated[str, typer.Option("--freq", "-f", help=f"Period length: {', '.join(FREQS)}. Weeks start on Monday.")]
FromOpt = Annotated[
    dt.datetime | None,
    typer.Option("--from", formats=["%Y-%m-%d"], help="First event date (YYYY-MM-DD); default: the first event."),
]
ToOpt = Annotated[
    dt.datetime | None,
    typer.Option("--to", formats=["%Y-%m-%d"], help="Last event date (YYYY-MM-DD); default: the last event."),
]
DedupeOpt = Annotated[
    str,
    typer.Option(
        "--dedupe",
        help="Duplicates: 'all' events; 'one-a-day' keeps one per day, source, target and code; "
        "'aggregate' counts those groups as events but every reporting document and outlet.",
    ),
]
ExplainOpt = Annotated[
    bool, typer.Option("--explain", help="Say on stderr which path the query took (dyad index or scan), why, and how long.")
]
MethodOpt = Annotated[
    str,
    typer.Option(
        "--method", help=f"{', '.join(METHODS)}: auto reads the dyad index when it gives the same numbers, else scans the events."
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Output file; its extension picks the format: .csv .tsv .parquet .dta .json .jsonl. "
        "Without it, a table on the terminal or CSV when piped.",
    ),
]

# The columns of a series or panel, in order, with their type: the help lists them from COLUMN_LABELS.
_COLUMN_TYPES = (
    ("period", "date"),
    ("period_end", "date"),
    ("direction", "text"),
    ("actor_a", "text"),
    ("actor_b", "text"),
    ("events", "integer"),
    ("verbal_coop", "integer"),
    ("material_coop", "integer"),
    ("verbal_conflict", "integer"),
    ("material_conflict", "integer"),
    ("goldstein_sum", "float"),
    ("goldstein_mean", "float"),
    ("net_coop", "integer"),
    ("coop_index", "float"),
    ("share", "float"),
    ("documents", "integer"),
    ("sources", "integer"),
)
_COLUMNS_HELP = "Columns (the same for dyad and panel, in every format; a float is written as one in CSV too):\n\n" + "\n\n".join(
    f"{name} ({kind}): {COLUMN_LABELS[name]}" for name, kind in _COLUMN_TYPES
)
_DATES_HELP = (
    "Events without a date are left out, and so are events dated only to the month or year in a series "
    "whose periods are shorter; stderr says how many."
)
_DYAD_HELP = (
    "Events between two actors over time: one row per period, empty periods with zeros. "
    "Domestic events never count between two different countries. " + _DATES_HELP + "\n\n" + _COLUMNS_HELP
)
_PANEL_HELP = (
    "A long panel of every pair of the countries times every period, zeros filled: the rows of `dyadflow dyad` "
    "for each pair (actor_a the source when directed). " + _DATES_HELP + "\n\n" + _COLUMNS_HELP
)


def register(app: typer.Typer) -> None:
    """Add the dyad, panel and export commands to the dyadflow CLI."""
    app.command(
        "dyad",
        help=_DYAD_HELP,
        epilog="Example: dyadflow dyad UZBGOV,UZBMIL KAZ --warehouse ./wh --freq quarter --directed --out uzb_kaz.dta --plot uzb_kaz.png",
    )(dyad)
    app.command(
        "panel",
        help=_PANEL_HELP,
        epilog="Example: dyadflow panel UZB KAZ KGZ TJK TKM RUS CHN --warehouse ./wh --freq month --out central_asia.parquet",
    )(panel)
    app.command(
        "export",
        epilog="Example: dyadflow export --warehouse ./wh --format gdelt --out events.tsv",
    )(export)


def dyad(
    a: Annotated[str, typer.Argument(metavar="A", help="Side A: country codes (UZB) or CAMEO actor prefixes (UZBGOV), comma-separated.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Side B, the same way: KAZ or KAZGOV,KAZMIL.")],
    warehouse: WarehouseOpt = Path("./wh"),
    freq: FreqOpt = "month",
    start: FromOpt = None,
    end: ToOpt = None,
    directed: Annotated[
        bool,
        typer.Option(
            "--directed/--undirected",
            help="Directed: separate rows per direction, with a direction column 'A->B' (A the source) and 'B->A'. "
            "Undirected: one row per period counting both directions (direction 'A<->B').",
        ),
    ] = False,
    dedupe: DedupeOpt = "all",
    out: OutOpt = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the series to this PNG file.")] = None,
    explain: ExplainOpt = False,
    method: MethodOpt = "auto",
) -> None:
    """Events between two actors over time: one row per period, empty periods with zeros."""
    side_a, side_b = parse_actors(a, side="side A"), parse_actors(b, side="side B")
    _check_outputs(out, plot)
    started = time.perf_counter()
    with closing(_connect(warehouse)) as con:
        check_codes([*side_a, *side_b], lambda code: code_is_stored(con, code))
        table = dyad_series(
            con, side_a, side_b, freq=freq, directed=directed, dedupe=dedupe, start=_day(start), end=_day(end), method=_method(method)
        )
        left_out = series_left_out(con, side_a, side_b, freq, _day(start), _day(end))
    if explain:
        _explain(table, time.perf_counter() - started)
    _tell(left_out.messages(f"{','.join(side_a)}–{','.join(side_b)} {{}}", "series", freq))
    if table.num_rows == 0:
        raise SeriesError(
            f"no dated events between {','.join(side_a)} and {','.join(side_b)} in {warehouse}: check the codes, "
            "or give --from and --to for a series of zeros"
        )
    _emit(table, out)
    if plot is not None:
        plot_series(table, plot, series_title(side_a, side_b, freq, directed))
        _stderr.print(f"plot written to {plot}")


def panel(
    countries: Annotated[
        list[str], typer.Argument(metavar="COUNTRIES...", help="Two or more country codes (or actor prefixes), space- or comma-separated.")
    ],
    warehouse: WarehouseOpt = Path("./wh"),
    freq: FreqOpt = "month",
    start: FromOpt = None,
    end: ToOpt = None,
    directed: Annotated[
        bool,
        typer.Option(
            "--directed/--undirected",
            help="Directed: every ordered pair, actor_a the source (direction 'A->B'). Undirected: each pair once (direction 'A<->B').",
        ),
    ] = True,
    dedupe: DedupeOpt = "all",
    out: OutOpt = None,
    explain: ExplainOpt = False,
    method: MethodOpt = "auto",
) -> None:
    """A long panel of every pair of the countries times every period, zeros filled, with dyad's columns."""
    codes = parse_actors(countries, side="country")
    _check_outputs(out, None)
    started = time.perf_counter()
    with closing(_connect(warehouse)) as con:
        check_codes(codes, lambda code: code_is_stored(con, code))
        table = dyad_panel(
            con, codes, freq=freq, directed=directed, dedupe=dedupe, start=_day(start), end=_day(end), method=_method(method)
        )
        left_out = panel_left_out(con, codes, freq, _day(start), _day(end))
    if explain:
        _explain(table, time.perf_counter() - started)
    _tell(left_out.messages(f"{{}} between {', '.join(codes[:-1])} and {codes[-1]}", "panel", freq))
    if table.num_rows == 0:
        raise SeriesError(
            f"no dated events between any of {', '.join(codes)} in {warehouse}: check the codes, "
            "or give --from and --to for a panel of zeros"
        )
    _emit(table, out)


def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="gdelt: the GDELT 2.0 event table, 61 tab-separated columns, no header (see --header); "
            "plover: JSON lines (with the event's place); parquet or csv: the events as stored; "
            "geojson: one point per placed event, for QGIS or kepler.gl. Default: from the --out extension.",
        ),
    ] = None,
    warehouse: WarehouseOpt = Path("./wh"),
    dedupe: Annotated[
        str | None,
        typer.Option("--dedupe", help=f"{', '.join(DEDUPES)}; default: aggregate for gdelt (the only choice), all otherwise."),
    ] = None,
    header: Annotated[bool, typer.Option("--header", help="gdelt only: write the column names as a first line.")] = False,
) -> None:
    """Write every event of the warehouse in another project's format."""
    chosen = fmt or _format_from_suffix(out)
    if chosen not in FORMATS:
        raise ExportError(f"--format {chosen!r} is not one of {', '.join(FORMATS)}")
    check_output_path(out, SUFFIXES[chosen])
    with closing(_connect(warehouse)) as con:
        rows = export_events(con, cast(ExportFormat, chosen), out, dedupe=dedupe, header=header)
        undated = undated_events(con)
    _stderr.print(f"{rows} rows written to {out}")
    if undated:
        one = undated == 1
        kept = "not in the export (GDELT rows need a date)" if chosen == "gdelt" else "written with an empty date"
        _tell([f"{undated} {'event has' if one else 'events have'} no date and {'is' if one else 'are'} {kept}"])


def _tell(lines: list[str]) -> None:
    """Messages about what a result leaves out, on stderr, one line each."""
    for line in lines:
        _stderr.print(f"[yellow]note:[/] {line}", highlight=False, soft_wrap=True)


def _connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    from warehouse.db import open_warehouse

    return open_warehouse(warehouse, read_only=True)


def _check_outputs(out: Path | None, plot: Path | None) -> None:
    if out is not None:
        check_output_path(out)
    if plot is not None:
        check_output_path(plot, PLOT_SUFFIXES)


def _method(value: str) -> Method:
    if value not in METHODS:
        raise SeriesError(f"--method {value!r} is not one of {', '.join(METHODS)}")
    return cast(Method, value)


def _explain(table: pa.Table, seconds: float) -> None:
    path = path_of(table)
    if path is not None:
        what = "the dyad index" if path.method == "index" else "a scan of the events"
        _stderr.print(f"path: {path.method} ({what}): {path.reason}; {table.num_rows} rows in {seconds:.3f} s", highlight=False)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _format_from_suffix(out: Path) -> str:
    suffix = out.suffix.lower()
    for fmt in ("parquet", "csv", "plover", "gdelt", "geojson"):
        if suffix in SUFFIXES[fmt]:
            return fmt
    raise ExportError(f"cannot tell the export format from {out.name!r}: give --format ({', '.join(FORMATS)})")


def _emit(table: pa.Table, out: Path | None) -> None:
    if out is not None:
        write_table(table, out, labels=COLUMN_LABELS)
        _stderr.print(f"{table.num_rows} rows written to {out}")
    elif sys.stdout.isatty():
        view = Table(*table.column_names, header_style="bold")
        for row in table.to_pylist():
            view.add_row(*("" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v) for v in row.values()))
        Console().print(view)
    else:
        write_delimited(table, sys.stdout)
        sys.stdout.flush()
