"""The serve and recode commands: the nightly deployment and re-coding the warehouse, over flows.serve and flows.recode."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from schemas.errors import InputError, WarehouseError

_stderr = Console(stderr=True)

WarehouseOpt = Annotated[Path, typer.Option("--warehouse", "-w", help="The warehouse folder.")]
WorkersOpt = Annotated[
    int, typer.Option("--workers", min=1, help="Code batches in N worker processes on this machine (the model is loaded once per worker).")
]
DaskOpt = Annotated[
    str | None, typer.Option("--dask", metavar="ADDRESS", help="Code batches on the Dask cluster at ADDRESS, e.g. tcp://scheduler:8786.")
]


def serve(
    inputs: Annotated[list[Path], typer.Option("--input", "-i", help="An inbox folder or file to code every run (repeatable).")],
    warehouse: WarehouseOpt = Path("wh"),
    cron: Annotated[str | None, typer.Option(help="When to run, as a cron line (default: 0 2 * * *, at two every night).")] = None,
    interval: Annotated[float | None, typer.Option(help="Run every SECONDS instead of on a cron line (for trying it out).")] = None,
    timezone: Annotated[str, typer.Option(help="Time zone of the cron line (IANA name).")] = "UTC",
    name: Annotated[str, typer.Option(help="The deployment's name on the Prefect server.")] = "nightly",
    date: Annotated[
        dt.datetime | None, typer.Option("--date", formats=["%Y-%m-%d"], help="Document date for inputs that have none.")
    ] = None,
    workers: WorkersOpt = 1,
    dask: DaskOpt = None,
    port: Annotated[
        int, typer.Option(help="Port of the Prefect server dyadflow starts when PREFECT_API_URL is not set (0: any free port).")
    ] = 4200,
    prefect_home: Annotated[Path | None, typer.Option(help="PREFECT_HOME of that server (default: WAREHOUSE/_prefect).")] = None,
) -> None:
    """Serve the pipeline as a scheduled Prefect deployment and execute its runs until stopped (Ctrl-C).

    Every run codes only documents of the inbox the warehouse has not stored yet. Without PREFECT_API_URL,
    dyadflow starts a Prefect server on 127.0.0.1:PORT (with its UI) and stops it when serving ends.

    Example: dyadflow serve --input /data/inbox --warehouse /data/wh --cron "0 2 * * *"
    """
    from flows.serve import PrefectServer, nightly_deployment, schedule, serve_nightly

    for item in inputs:
        if not item.exists():
            raise InputError("no such file or folder; create the inbox first", path=str(item), reason="missing")
    root = warehouse.resolve()
    deployment = nightly_deployment(
        [str(i.resolve()) for i in inputs],
        str(root),
        schedule(cron, interval, timezone),
        name=name,
        default_date=date.date() if date else None,
        workers=workers,
        dask=dask,
    )
    when = f"every {interval:g} s" if interval else f"at '{cron or '0 2 * * *'}' ({timezone})"

    def ready(server: PrefectServer) -> None:
        started = "started by dyadflow, stopped on exit" if server.process else "from PREFECT_API_URL"
        _stderr.print(f"Prefect UI: {server.ui_url} ({started})", highlight=False, soft_wrap=True)
        _stderr.print(f"serving dyadflow-nightly/{name}: {', '.join(map(str, inputs))} → {root}, {when}; Ctrl-C stops", highlight=False, soft_wrap=True)

    serve_nightly(deployment, (prefect_home or root / "_prefect").resolve(), port=port, on_ready=ready)
    _stderr.print("stopped serving")


def recode(
    warehouse: WarehouseOpt = Path("wh"),
    everything: Annotated[
        bool, typer.Option("--all", help="Re-code every document, also those already coded by this coder version.")
    ] = False,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run on this warehouse to finish.")] = 0.0,
    workers: WorkersOpt = 1,
    dask: DaskOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary.")] = False,
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
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    result = run_recode(str(warehouse.resolve()), everything=everything, wait=wait, workers=workers, dask=dask)
    table = Table(title=f"recode {result['run_id']} → {warehouse}", show_header=False)
    for key, label in (("inputs_seen", "documents read"), ("documents_skipped", "already current"),
                       ("rejected", "failed (old events kept)"), ("sentences", "sentences"), ("events", "events")):
        table.add_row(label, str(result[key]))
    _stderr.print(table)


def register(app: typer.Typer) -> None:
    """Add the serve and recode commands to the dyadflow app."""
    app.command()(serve)
    app.command()(recode)
