"""The redate command: give a stored document its date and code it again (over dyadflow.redate)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dyadflow.cli_common import WaitOpt, WarehouseOpt, print_summary
from schemas.errors import WarehouseError

_ROWS = (("inputs_seen", "documents recoded"), ("sentences", "sentences"), ("events", "events"))


def redate(
    doc: Annotated[
        str, typer.Argument(metavar="DOC", help="The document: its doc_id (or its first 6+ characters) or the path it was read from.")
    ],
    date: Annotated[dt.datetime, typer.Option("--date", formats=["%Y-%m-%d"], help="The document's date (YYYY-MM-DD).")],
    warehouse: WarehouseOpt = Path("wh"),
    wait: WaitOpt = 0.0,
) -> None:
    """Give a stored document its date and code it again in one recode run, so that its events get dates.

    The document row stays as it was read; the date is stored in the doc_dates table and the
    documents view shows it as doc_date (date_source 'given'). The old events stay in all_events.

    Example: dyadflow redate ../shared/seeds/article.txt --date 2010-03-22 --warehouse ./wh
    """
    from dyadflow.redate import redate as run_redate
    from warehouse.layout import layout

    if not layout(warehouse).runs_dir.is_dir():
        raise WarehouseError(f"{warehouse}: no warehouse here; create one with `dyadflow run INPUT --warehouse {warehouse}`")
    summary = run_redate(warehouse.resolve(), doc, date.date(), wait=wait)
    result = {"run_id": summary.run_id, **summary.counts(), "rejects": [r.model_dump() for r in summary.rejects]}
    print_summary(result, warehouse, what="redate", rows=_ROWS)


def register(app: typer.Typer) -> None:
    """Add the redate command to the dyadflow app."""
    app.command()(redate)
