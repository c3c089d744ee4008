"""The report command: one self-contained HTML page of a dyad's series and the events behind them (warehouse.report)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from dyadflow.cli_common import WarehouseOpt, err
from dyadflow.cli_series import FromOpt, ToOpt
from warehouse.dyads import REPORT_FREQS
from warehouse.tables import check_output_path

_EXAMPLE = "Example: dyadflow report UZB KAZ --warehouse ./wh --out uzb_kaz.html --freq quarter"


def report(
    sides: Annotated[
        list[str],
        typer.Argument(
            metavar="A B [C ...]", help="Two sides (UZB KAZ, or UZBGOV,UZBMIL KAZ), or three or more countries for a matrix of pairs."
        ),
    ],
    warehouse: WarehouseOpt = Path("./wh"),
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write (it opens from disk, with no network).")] = Path(
        "report.html"
    ),
    freq: Annotated[str, typer.Option("--freq", "-f", help=f"Period length: {', '.join(REPORT_FREQS)}.")] = "month",
    start: FromOpt = None,
    end: ToOpt = None,
    directed: Annotated[
        bool,
        typer.Option(
            "--directed/--undirected", help="Directed: QuadClass counts per direction, and a matrix of source rows and target columns."
        ),
    ] = False,
) -> None:
    """Write one self-contained HTML page: the pair's series over time, its most active actors, and the events behind every point.

    For three or more countries, the page opens with a heat map of every pair's cooperation index, each cell
    linking to its pair's section. Every event is listed with its date, actors, CAMEO code, Goldstein weight,
    its sentence with the trigger marked, the rule, and the article's title and URL.
    """
    from warehouse.db import open_warehouse
    from warehouse.report import ReportOptions, check_freq, parse_sides, write_report  # pandas: only a report pays for it

    parsed = parse_sides(sides)
    opts = ReportOptions(freq=check_freq(freq), start=start.date() if start else None, end=end.date() if end else None, directed=directed)
    check_output_path(out, (".html", ".htm"))
    with closing(open_warehouse(warehouse, read_only=True)) as con:
        path = write_report(con, parsed, out, opts, warehouse=str(warehouse))
    err.print(f"report written to {path} ({path.stat().st_size // 1024} KiB)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the report command to the dyadflow app."""
    app.command("report", epilog=_EXAMPLE)(report)
