"""What the dyadflow commands share: option types and the summary a run or recode prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

err = Console(stderr=True, soft_wrap=True)  # a message stays one line when stderr is piped

WarehouseOpt = Annotated[Path, typer.Option("--warehouse", "-w", help="The warehouse folder.")]
DateOpt = Annotated[
    dt.datetime | None,
    typer.Option("--date", formats=["%Y-%m-%d"], help="Document date (YYYY-MM-DD) for inputs that have none of their own."),
]
WaitOpt = Annotated[float, typer.Option(help="Seconds to wait for another run on this warehouse to finish.")]
WorkersOpt = Annotated[
    int, typer.Option("--workers", min=1, help="Code batches in N worker processes on this machine (the model is loaded once per worker).")
]
DaskOpt = Annotated[
    str | None, typer.Option("--dask", metavar="ADDRESS", help="Code batches on the Dask cluster at ADDRESS, e.g. tcp://scheduler:8786.")
]

FeedsOpt = Annotated[
    Path | None,
    typer.Option("--feeds", help="A file of RSS/Atom feed URLs (one a line, # comments) or an OPML file: their new articles are fetched and coded."),
]



def check_feeds(feeds: Path | None) -> str | None:
    """The feed list's absolute path (None for none), checked to be a file.

    Raises:
        InputError: there is no such file.
    """
    from schemas.errors import InputError

    if feeds is None:
        return None
    if not feeds.is_file():
        raise InputError("no such feed list; give a text file of feed URLs or an OPML file", path=str(feeds), reason="missing")
    return str(feeds.resolve())


RUN_ROWS = tuple((key, key.replace("_", " ")) for key in ("inputs_seen", "documents_new", "documents_skipped", "rejected", "sentences", "events"))
"""The rows of a run's summary: (key of the flow's result, label)."""

# The most rejects listed under a summary; the rest are counted.
_SHOWN_REJECTS = 20


def print_summary(result: dict[str, Any], warehouse: Path, *, what: str = "run", rows: Sequence[tuple[str, str]] = RUN_ROWS) -> None:
    """A flow's result on stderr: a table of its counters, the inputs it rejected (the first 20), its undated events."""
    err.print(f"{what} {result['run_id']} → {warehouse}", highlight=False)
    table = Table(show_header=False)
    for key, label in rows:
        table.add_row(label, str(result[key]))
    err.print(table)
    undated = _undated(warehouse, result["run_id"]) if result.get("events") else 0
    if undated:
        err.print(
            f"[yellow]note:[/] {undated} {'event has' if undated == 1 else 'events have'} no date and "
            f"{'is' if undated == 1 else 'are'} not in any series: give {'its document' if undated == 1 else 'their documents'} "
            "a date with `dyadflow redate DOC --date YYYY-MM-DD`",
            highlight=False,
        )
    rejects = result["rejects"]
    for reject in rejects[:_SHOWN_REJECTS]:
        where = reject["path"] if reject["line"] is None else f"{reject['path']}:{reject['line']}"
        err.print(f"[yellow]rejected[/] {where}: {reject['message']}")
    if len(rejects) > _SHOWN_REJECTS:
        err.print(f"… and {len(rejects) - _SHOWN_REJECTS} more: select * from rejects")


def _undated(warehouse: Path, run_id: str) -> int:
    """How many events of a committed run have no date."""
    from warehouse.db import memory_connection
    from warehouse.left_out import undated_events

    con = memory_connection(warehouse)
    try:
        return undated_events(con, run_id)
    finally:
        con.close()
