"""The dyadflow command line: thin commands over the pipeline, coder and warehouse functions."""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from dyadflow import cli_compact, cli_nightly, cli_petrarch, cli_redate, cli_report, cli_series
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
    err,
    flow_session,
    print_summary,
)
from dyadflow.web.urls import is_web_url
from schemas.errors import DyadflowError, InputError

app = typer.Typer(
    help="News text in, CAMEO-coded dyadic events out: Parquet files queried with DuckDB.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Inputs = Annotated[list[str], typer.Argument(help="Files, folders (recursive), - for stdin, or http(s) page URLs: .txt .md .html .jsonl")]
RunInputs = Annotated[
    list[str] | None, typer.Argument(help="Files, folders (recursive), - for stdin, or http(s) page URLs: .txt .md .html .jsonl")
]


def _check_inputs(inputs: list[str]) -> list[str]:
    for item in inputs:
        if item != "-" and not is_web_url(item) and not Path(item).exists():
            raise InputError("no such file or folder", path=item, reason="missing")
    return inputs


@app.command()
def run(
    inputs: RunInputs = None,
    warehouse: WarehouseOpt = Path("wh"),
    feeds: FeedsOpt = None,
    date: DateOpt = None,
    wait: WaitOpt = 0.0,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    workers: WorkersOpt = 1,
    dask: DaskOpt = None,
    dictionaries: cli_petrarch.DictionariesOpt = None,
) -> None:
    """Ingest, split, code and store INPUTS into the warehouse, as a Prefect flow.

    Documents already stored are skipped, so running the same input again adds nothing. With --feeds,
    the feeds are asked conditionally and only articles never fetched before are fetched. Without
    PREFECT_API_URL, the first run starts a local Prefect server that later runs reuse (it stops after
    10 idle minutes). Prefect's log lines go to that server and to WAREHOUSE/logs/dyadflow.log.

    Example: dyadflow run ../shared/seeds --warehouse ./wh --workers 2   or   dyadflow run --feeds feeds.txt --warehouse ./wh
    """
    from flows.run_flow import run_pipeline

    inputs = _check_inputs(inputs or [])
    feed_list = check_feeds(feeds)
    if not inputs and feed_list is None:
        raise InputError("nothing to run on: give files, folders or URLs, or --feeds FILE")
    with flow_session(warehouse, quiet=quiet, verbose=verbose) as update:
        result = run_pipeline(
            [str(Path(i).resolve()) if i != "-" and not is_web_url(i) else i for i in inputs],
            str(warehouse.resolve()),
            default_date=date.date() if date else None,
            wait=wait,
            workers=workers,
            dask=dask,
            dictionaries=str(dictionaries.resolve()) if dictionaries else None,
            feeds=feed_list,
            progress=update,
        )
    print_summary(result, warehouse)


@app.command()
def code(
    inputs: Inputs,
    date: DateOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one event per line) or table.")] = "jsonl",
    explain: Annotated[bool, typer.Option(help="Print, per sentence, the roles and why each event was or was not coded.")] = False,
    verbs: cli_petrarch.VerbsOpt = None,
    actors: cli_petrarch.ActorsOpt = None,
    agents: cli_petrarch.AgentsOpt = None,
    discards: cli_petrarch.DiscardsOpt = None,
    dictionaries: cli_petrarch.DictionariesOpt = None,
    dictionaries_only: cli_petrarch.AloneOpt = False,
    strict: cli_petrarch.StrictOpt = False,
) -> None:
    """Code INPUTS and print their events; store nothing, start no Prefect server.

    Each input that cannot be coded is listed once on stderr with its reason. Exits 0 when at least
    one document was coded, 2 when none was (every input rejected).

    Example: dyadflow code article.txt --date 2008-02-11 --format jsonl
    """
    from dyadflow.cli_output import print_rows
    from dyadflow.steps import code_only, coder_from_options
    from schemas.records import Reject

    if format not in ("jsonl", "table"):
        raise InputError(f"unknown --format {format!r}; use jsonl or table")
    _check_inputs(inputs)
    rows: list[tuple[str, ...]] = []
    coded = rejected = 0
    stdin = sys.stdin.buffer if "-" in inputs else None
    coder = coder_from_options(
        verbs=verbs, actors=actors, agents=agents, discards=discards, dictionaries=dictionaries, alone=dictionaries_only, strict=strict
    )
    for item in code_only(inputs, default_date=date.date() if date else None, stdin=stdin, explain=explain, coder=coder):
        if isinstance(item, Reject):
            where = item.path if item.line is None else f"{item.path}:{item.line}"
            err.print(f"[yellow]rejected[/] {where}: {item.message}", highlight=False, soft_wrap=True)
            rejected += 1
            continue
        coded += 1
        if explain:
            _print_explain(item)
        for event in item.events:
            if format == "jsonl":
                sys.stdout.write(event.model_dump_json() + "\n")
            else:
                rows.append(
                    (
                        event.doc_id[:8],
                        str(event.sentence_index),
                        str(event.event_date or ""),
                        event.source_actor,
                        event.event_code,
                        event.target_actor,
                        event.trigger,
                        event.rule,
                    )
                )
    if format == "table":
        print_rows(("doc", "sent", "date", "source", "code", "target", "trigger", "rule"), rows)
    if not coded:
        err.print(f"[red]nothing coded:[/] {'every input was rejected' if rejected else 'no input found'}", highlight=False)
        raise typer.Exit(2)


def _print_explain(item) -> None:  # type: ignore[no-untyped-def]
    err.print(f"[bold]{item.document.path}[/] doc_id={item.document.doc_id} date={item.document.doc_date} ({item.document.date_source})")
    for sentence, result in item.explain:
        if not result.decisions:
            continue
        err.print(f"  [{sentence.sentence_index}] {sentence.text[:160]}")
        for d in result.decisions:
            err.print(f"      {d.trigger!r} rule={d.rule} sources={d.sources} targets={d.targets} → {d.outcome}")
        for e in (e for e in item.events if e.sentence_index == sentence.sentence_index):
            where = (
                "no place"
                if e.action_geo_name is None
                else (
                    f"{e.action_geo_name} ({e.action_geo_country}, type {e.action_geo_type}, "
                    f"{e.action_geo_lat}, {e.action_geo_lon}) by {e.action_geo_rule}"
                )
            )
            err.print(f"      {e.source_actor} {e.event_code} {e.target_actor} at {where}")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query over the views documents, sentences, events, rejects, runs.")],
    warehouse: WarehouseOpt = Path("wh"),
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or jsonl.")] = "table",
) -> None:
    """Run a read-only SQL query against the warehouse.

    Example: dyadflow sql "select source_actor, target_actor, event_code, event_date from events limit 5" --warehouse ./wh
    """
    import duckdb

    from warehouse.db import check_query, open_warehouse

    con = open_warehouse(warehouse, read_only=True)
    try:
        check_query(con, query)  # read-only still lets COPY ... TO, ATTACH, INSTALL and SET through
        cursor = con.execute(query)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as e:
        raise DyadflowError(f"SQL error: {e}") from e
    finally:
        con.close()
    _print_rows(columns, rows, format)


def _print_rows(columns: list[str], rows: list[tuple], format: str) -> None:
    if format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row, strict=True)), default=str) + "\n")
    else:
        from dyadflow.cli_output import print_rows

        print_rows(columns, rows)


@app.command()
def runs(warehouse: WarehouseOpt = Path("wh")) -> None:
    """List what each run did: start, end, inputs seen, new, skipped, rejected, sentences, events.

    Example: dyadflow runs --warehouse ./wh
    """
    from warehouse.db import open_warehouse

    con = open_warehouse(warehouse, read_only=True)
    try:
        cursor = con.execute(
            "select run_id, kind, status, started_at, ended_at, inputs_seen, documents_new, documents_skipped, "
            "rejected, sentences, events, coder_version from runs order by started_at"
        )
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    finally:
        con.close()
    _print_rows(columns, rows, "table")


@app.command()
def demo(
    warehouse: WarehouseOpt = Path("demo-warehouse"),
) -> None:
    """Run the whole pipeline on the built-in example corpus and show what came out.

    Example: dyadflow demo --warehouse ./demo-warehouse
    """
    examples = resources.files("dyadflow") / "examples"
    with resources.as_file(examples) as folder:
        run([str(folder)], warehouse=warehouse, feeds=None, date=None, wait=0.0, quiet=False)
    err.print("\n[bold]Some events[/] (dyadflow sql ...):")
    sql(
        "select event_date, source_actor, event_code, target_actor, trigger from events "
        "where source_country <> target_country order by event_date limit 12",
        warehouse=warehouse,
        format="table",
    )
    err.print(f'\nNext: dyadflow sql "select * from events" --warehouse {warehouse}   or   duckdb {warehouse}/warehouse.duckdb')


cli_series.register(app)
cli_nightly.register(app)
cli_petrarch.register(app)
cli_report.register(app)
cli_redate.register(app)
cli_compact.register(app)


def main() -> None:
    """Entry point: run the app; errors become one red line on stderr and exit code 1."""
    try:
        app()
    except DyadflowError as e:
        err.print(f"[red]error:[/] {e}", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("[red]interrupted[/]")
        raise SystemExit(130) from None
    except Exception as e:  # the last resort: still one line, with a way to see more
        if os.environ.get("DYADFLOW_DEBUG"):
            raise
        err.print(
            f"[red]internal error:[/] {type(e).__name__}: {e} (set DYADFLOW_DEBUG=1 for the traceback)", highlight=False, soft_wrap=True
        )
        raise SystemExit(2) from None
