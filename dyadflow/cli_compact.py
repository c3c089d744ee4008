"""The compact command: merge the parts of many runs into a few sorted files, over warehouse.compact."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadflow.cli_common import WaitOpt, WarehouseOpt, err


def compact(warehouse: WarehouseOpt = Path("wh"), wait: WaitOpt = 0.0) -> None:
    """Merge the Parquet parts of every run into one sorted file per table, atomically; runs and their ids stay.

    Readers keep reading while it works and see the old files or the new ones, never a mix. It takes
    the writer's lock, so it never races a run (--wait to wait for one).

    Example: dyadflow compact --warehouse ./wh
    """
    from warehouse.compact import compact as compact_warehouse

    summary = compact_warehouse(warehouse.resolve(), wait=wait)
    err.print(summary.line(), highlight=False)


def register(app: typer.Typer) -> None:
    """Add the compact command to the dyadflow CLI."""
    app.command("compact")(compact)
