"""The serve and recode commands: the nightly deployment and re-coding the warehouse, over flows.serve and flows.recode."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyadflow.cli_common import (
    DaskOpt,
    DateOpt,
    FeedsOpt,
    QuietOpt,
    VerboseOpt,
    WaitOpt,
    WarehouseOpt,
    WorkersOpt,
    check_feeds,
    flow_session,
    print_summary,
)
from dyadflow.cli_common import err as _stderr
from flows.defaults import DEFAULT_PORT, NIGHTLY_CRON
from schemas.errors import InputError, WarehouseError

# The rows of the recode summary: (key of the flow's result, label).
_RECODE_ROWS = (
    ("inputs_seen", "documents read"),
    ("documents_skipped", "already current"),
    ("rejected", "failed (old events kept)"),
    ("sentences", "sentences"),
    ("events", "events"),
)


def serve(
    inputs: Annotated[
        list[Path] | None, typer.Option("--input", "-i", help="An inbox folder or file to code every run (repeatable).")
    ] = None,
    warehouse: WarehouseOpt = Path("wh"),
    feeds: FeedsOpt = None,
    cron: Annotated[str | None, typer.Option(help=f"When to run, as a cron line (default: {NIGHTLY_CRON}, at two every night).")] = None,
    interval: Annotated[float | None, typer.Option(help="Run every SECONDS instead of on a cron line (for trying it out).")] = None,
    timezone: Annotated[str, typer.Option(help="Time zone of the cron line (IANA name).")] = "UTC",
    name: Annotated[str, typer.Option(help="The deployment's name on the Prefect server.")] = "nightly",
    date: DateOpt = None,
    workers: WorkersOpt = 1,
    dask: DaskOpt = None,
    port: Annotated[
        int, typer.Option(help="Port of the Prefect server dyadflow starts when PREFECT_API_URL is not set (0: any free port).")
    ] = DEFAULT_PORT,
    prefect_home: Annotated[Path | None, typer.Option(help="PREFECT_HOME of that server (default: WAREHOUSE/_prefect).")] = None,
    report: Annotated[
        list[str] | None,
        typer.Option(
            "--report", metavar="A:B", help="After every run, write the report page of pair A:B to WAREHOUSE/reports/A_B.html (repeatable)."
        ),
    ] = None,
    compact: Annotated[
        str | None,
        typer.Option(
            "--compact",
            metavar="daily|weekly|monthly",
            help="After a run, merge the warehouse's parts (dyadflow compact) when the last compaction is older than this.",
        ),
    ] = None,
) -> None:
    """Serve the pipeline as a scheduled Prefect deployment and execute its runs until stopped (Ctrl-C).

    Every run codes only documents of the inbox the warehouse has not stored yet, and with --feeds the new
    articles of the listed feeds (fetched politely, each once). Without PREFECT_API_URL,
    dyadflow starts a Prefect server on 127.0.0.1:PORT (with its UI) and stops it when serving ends.

    Example: dyadflow serve --input /data/inbox --feeds /data/feeds.txt --warehouse /data/wh --cron "0 2 * * *"
    """
    from flows.serve import PrefectServer, nightly_deployment, schedule, serve_nightly
    from warehouse.report import parse_pair

    inputs = inputs or []
    for item in inputs:
        if not item.exists():
            raise InputError("no such file or folder; create the inbox first", path=str(item), reason="missing")
    for pair in report or []:
        parse_pair(pair)  # a badly written pair fails now, not after the first run
    feed_list = check_feeds(feeds)
    if not inputs and feed_list is None:
        raise InputError("nothing to serve: give --input INBOX, --feeds FILE or both")
    root = warehouse.resolve()
    deployment = nightly_deployment(
        [str(i.resolve()) for i in inputs],
        str(root),
        schedule(cron, interval, timezone),
        name=name,
        default_date=date.date() if date else None,
        workers=workers,
        dask=dask,
        reports=report,
        feeds=feed_list,
        compact=compact,
    )
    when = f"every {interval:g} s" if interval else f"at '{cron or NIGHTLY_CRON}' ({timezone})"

    def ready(server: PrefectServer) -> None:
        started = "started by dyadflow, stopped on exit" if server.process else "from PREFECT_API_URL"
        _stderr.print(f"Prefect UI: {server.ui_url} ({started})", highlight=False, soft_wrap=True)
        _stderr.print(
            f"serving dyadflow-nightly/{name}: {', '.join(map(str, [*inputs, *([feeds] if feeds else [])]))} → {root}, {when}; Ctrl-C stops",
            highlight=False,
            soft_wrap=True,
        )

    serve_nightly(deployment, (prefect_home or root / "_prefect").resolve(), port=port, on_ready=ready)
    _stderr.print("stopped serving")


def recode(
    warehouse: WarehouseOpt = Path("wh"),
    everything: Annotated[
        bool, typer.Option("--all", help="Re-code every document, also those already coded by this coder version.")
    ] = False,
    wait: WaitOpt = 0.0,
    workers: WorkersOpt = 1,
    dask: DaskOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Re-code the stored documents with the current coder version and swap their events in at once.

    Documents already coded by this version are skipped unless --all is given. The old events stay
    queryable in the all_events view (column coder_version).

    Example: dyadflow recode --warehouse ./wh
    """
    from flows.recode import run_recode
    from warehouse.layout import layout

    if not layout(warehouse).runs_dir.is_dir():
        raise WarehouseError(f"{warehouse}: no warehouse here; create one with `dyadflow run INPUT --warehouse {warehouse}`")
    with flow_session(warehouse, quiet=quiet, verbose=verbose) as update:
        result = run_recode(str(warehouse.resolve()), everything=everything, wait=wait, workers=workers, dask=dask, progress=update)
    print_summary(result, warehouse, what="recode", rows=_RECODE_ROWS)


def register(app: typer.Typer) -> None:
    """Add the serve and recode commands to the dyadflow app."""
    app.command()(serve)
    app.command()(recode)
