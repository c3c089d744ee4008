"""What the dyadflow commands share: option types and the summary a run or recode prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
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
    typer.Option(
        "--feeds", help="A file of RSS/Atom feed URLs (one a line, # comments) or an OPML file: their new articles are fetched and coded."
    ),
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


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no log lines, only the summary.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's log lines on the terminal too.")]

LOG_FILE = Path("logs") / "dyadflow.log"
"""The log of the runs of a warehouse, inside its folder: Prefect's and dyadflow's lines."""

RUN_ROWS = tuple(
    (key, key.replace("_", " ")) for key in ("inputs_seen", "documents_new", "documents_skipped", "rejected", "sentences", "events")
)
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
    from warehouse.views import RUN_ORDER_VIEWS

    con = memory_connection(warehouse, only=RUN_ORDER_VIEWS)  # the events view: a third of the SQL files
    try:
        return undated_events(con, run_id)
    finally:
        con.close()


@contextmanager
def flow_session(warehouse: Path, *, quiet: bool = False, verbose: bool = False) -> Iterator[Callable[[Any], None]]:
    """Around a flow run from the command line: the Prefect API found or started, log lines to the warehouse's log
    (and the terminal only if verbose), a progress bar on a terminal unless quiet; yields the progress callback."""
    from flows.local_server import run_api
    from flows.logs import to_log_file

    def starting(home: Path) -> None:
        if not quiet:
            err.print(f"starting a local Prefect server in {home} (later runs reuse it; it stops after 10 idle minutes)",
                      highlight=False, soft_wrap=True)  # fmt: skip

    with to_log_file(warehouse.resolve() / LOG_FILE, verbose=verbose), run_api(on_start=starting), progress_bar(not quiet) as update:
        yield update


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[Any], None]]:
    """A progress line on stderr (when it is a terminal) that counts inputs, documents and events."""
    if not enabled or not err.is_terminal:
        yield lambda summary: None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("coding", total=None)

        def update(summary: Any) -> None:
            bar.update(task, description=f"{summary.inputs_seen} inputs, {summary.documents_new} new documents, "
                       f"{summary.sentences} sentences, {summary.events} events")  # fmt: skip

        yield update
