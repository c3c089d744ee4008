"""Misuse of the command line: values that reach SQL are checked and bound, `dyadflow sql` cannot write,
file arguments are checked, and nothing listens on the network but a local Prefect server."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import psutil
import pytest
from typer.testing import CliRunner

from dyadflow import cli_series
from dyadflow.batches import run
from dyadflow.cli import app
from schemas.errors import DyadflowError, WarehouseError
from tests.conftest import subprocess_env
from tests.robustness.conftest import GOOD_ARTICLE, query
from warehouse.db import check_query

SECONDS = 30  # about how long this module's tests take: tests/conftest.py starts the longest first

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

ARTICLE = (
    "Date: 2012-03-05\n\n"
    "Kazakhstan criticized Uzbekistan on Monday for closing the border crossing near Saryagash.\n\n"
    "Uzbekistan accused Kazakhstan of smuggling on March 7."
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Path:
    """A warehouse of two short articles about Kazakhstan, Kyrgyzstan and Uzbekistan."""
    folder = tmp_path_factory.mktemp("misuse")
    (folder / "in").mkdir()
    (folder / "in" / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "in" / "border.txt").write_text(ARTICLE, encoding="utf-8")
    run([folder / "in"], folder / "wh", coder=coder)
    return folder / "wh"


class SqlSpy:
    """A connection that records every statement and its parameters before running it."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.calls: list[tuple[str, Any]] = []

    def sql(self, text: str, params: Any = None) -> Any:
        self.calls.append((text, params))
        return self.con.sql(text, params=params)

    def execute(self, text: str, params: Any = None) -> Any:
        self.calls.append((text, params))
        return self.con.execute(text, params)

    def close(self) -> None:
        self.con.close()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[SqlSpy]:
    """Every connection the dyad, panel and export commands open, recording their SQL."""
    opened: list[SqlSpy] = []
    connect = cli_series._connect

    def spying(warehouse: Path) -> SqlSpy:
        opened.append(SqlSpy(connect(warehouse)))
        return opened[-1]

    monkeypatch.setattr(cli_series, "_connect", spying)
    return opened


def _events(warehouse: Path) -> int:
    return query(warehouse, "select count(*) from events")[0][0]


# ------------------------------------------------------------------ values that reach SQL


@pytest.mark.parametrize(
    "args",
    [
        ["dyad", "UZB'; DROP VIEW events; --", "KAZ"],
        ["dyad", "UZB", "KAZ') OR 1=1 --"],
        ["dyad", "UZB,KAZ' UNION SELECT * FROM documents --", "KGZ"],
        ["dyad", "UZB", "KAZ", "--freq", "month'; DROP VIEW events; --"],
        ["dyad", "UZB", "KAZ", "--freq", "MONTH"],
        ["dyad", "UZB", "KAZ", "--dedupe", "all; DROP VIEW events"],
        ["dyad", "UZB", "KAZ", "--from", "2012-03-01", "--to", "2012-01-01"],
        ["panel", "UZB", "KAZ", "KGZ); DROP VIEW events; --"],
        ["panel", "UZB", "UZB"],
        ["export", "--out", "events.csv", "--dedupe", "all; DROP VIEW events"],
    ],
)
def test_misuse_values_that_would_change_the_sql_are_refused_before_it(warehouse: Path, spy, tmp_path: Path, monkeypatch, args) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    before = _events(warehouse)
    result = runner.invoke(app, [*args, "--warehouse", str(warehouse)])
    assert result.exit_code == 1
    assert isinstance(result.exception, DyadflowError) and str(result.exception)
    assert [call for connection in spy for call in connection.calls] == []  # refused before any SQL ran
    assert _events(warehouse) == before and not (tmp_path / "events.csv").exists()


@pytest.mark.parametrize(
    "option",
    [["--from", "2012-01-01'; DROP VIEW events; --"], ["--to", "now()"], ["--from", "2012-13-01"], ["--to", "-1"]],
)
def test_misuse_dates_must_be_real_dates(warehouse: Path, spy, option: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["dyad", "UZB", "KAZ", *option, "--warehouse", str(warehouse)])
    assert result.exit_code == 2 and "Invalid value" in result.output
    assert spy == []


@pytest.mark.parametrize(
    ("args", "values"),
    [
        (["dyad", " uzb , UZBGOV ", "kaz", "--freq", "quarter", "--from", "2012-01-01", "--to", "2012-12-31"],
         ["UZB", "UZBGOV", "KAZ", "quarter"]),
        (["panel", "UZB", "KAZ", "KGZ", "--freq", "week", "--dedupe", "one-a-day"], ["UZB", "KAZ", "KGZ", "week", "one-a-day"]),
    ],
)  # fmt: skip
def test_misuse_values_reach_sql_only_as_bound_parameters(warehouse: Path, spy, tmp_path: Path, args, values) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "series.csv"
    result = runner.invoke(app, [*args, "--warehouse", str(warehouse), "--out", str(out)])
    assert result.exit_code == 0, result.output
    calls = [call for connection in spy for call in connection.calls]  # which path, the series, what it left out
    bound = []
    for text, params in calls:
        assert not any(value in text for value in values)  # the values never in the SQL text
        if params:
            assert "?" in text
            bound.append({str(p) for p in params} | {str(v) for p in params if isinstance(p, list) for v in p})
    assert any(set(values) <= flat for flat in bound), "the series query binds every value"
    assert out.stat().st_size > 0


# ------------------------------------------------------------------ dyadflow sql


@pytest.mark.parametrize(
    "statement",
    [
        "create table x (a int)",
        "drop view events",
        "insert into dyadflow_meta values ('sql', 'changed')",
        "create or replace view events as select 1 as x",
        "select 1; drop view events",
    ],
)
def test_misuse_sql_command_cannot_change_the_warehouse(warehouse: Path, statement: str) -> None:
    before = query(warehouse, "select count(*) from events")
    result = runner.invoke(app, ["sql", statement, "--warehouse", str(warehouse)])
    assert result.exit_code == 1 and isinstance(result.exception, DyadflowError)
    assert query(warehouse, "select count(*) from events") == before
    assert query(warehouse, "select value from dyadflow_meta where key = 'sql'") != [("changed",)]


def test_misuse_sql_command_answers_queries(warehouse: Path) -> None:
    result = runner.invoke(app, ["sql", "select count(*) as n from events", "--warehouse", str(warehouse), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["n", str(_events(warehouse))]


@pytest.mark.parametrize(
    ("statement", "allowed"),
    [
        ("select source_actor, count(*) from events group by all", True),
        ("with d as (select * from documents) select count(*) from d", True),
        ("describe events", True),
        ("show tables", True),
        ("explain select * from events", True),
        ("copy (select * from events) to 'stolen.csv'", False),
        ("copy (select 'committed') to 'wh/_runs/forged.json'", False),
        ("attach 'other.duckdb' as other", False),
        ("install httpfs", False),
        ("load httpfs", False),
        ("set enable_external_access = true", False),
        ("pragma enable_profiling", False),
        ("export database 'dump'", False),
        ("select 1; drop view events", False),
    ],
)
def test_misuse_check_query_lets_only_queries_through(statement: str, allowed: bool) -> None:
    con = duckdb.connect()
    if allowed:
        check_query(con, statement)
    else:
        with pytest.raises(WarehouseError, match="only queries are run here"):
            check_query(con, statement)


@pytest.mark.parametrize("statement", ["", "   ;  ", "selec * from events"])
def test_misuse_check_query_refuses_what_is_not_sql(statement: str) -> None:
    with pytest.raises(WarehouseError):
        check_query(duckdb.connect(), statement)


# ------------------------------------------------------------------ file arguments


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["code", "{tmp}/missing.txt"], "no such file or folder"),
        (["run", "{tmp}/missing.txt", "--warehouse", "{tmp}/wh"], "no such file or folder"),
        (["sql", "select 1", "--warehouse", "{tmp}/nowhere"], "no warehouse here"),
        (["sql", "select 1", "--warehouse", "{tmp}/file.txt"], "no warehouse here"),
        (["dyad", "UZB", "KAZ", "--warehouse", "{wh}", "--out", "{tmp}/no/such/folder/out.csv"], "does not exist"),
        (["dyad", "UZB", "KAZ", "--warehouse", "{wh}", "--out", "{tmp}/out.exe"], "unknown output format"),
        (["dyad", "UZB", "KAZ", "--warehouse", "{wh}", "--out", "{tmp}"], "unknown output format"),
        (["dyad", "UZB", "KAZ", "--warehouse", "{wh}", "--out", "{tmp}/out.csv", "--plot", "{tmp}/plot.csv"], "unknown output format"),
        (["export", "--warehouse", "{wh}", "--out", "{tmp}/no/such/folder/events.tsv"], "does not exist"),
        (["export", "--warehouse", "{wh}", "--out", "{tmp}/events.sh"], "cannot tell the export format"),
    ],
)
def test_misuse_file_arguments_are_checked(warehouse: Path, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "file.txt").write_text("not a warehouse", encoding="utf-8")
    result = runner.invoke(app, [a.format(tmp=tmp_path, wh=warehouse) for a in args])
    assert result.exit_code == 1
    assert isinstance(result.exception, DyadflowError) and message in str(result.exception)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]  # nothing created


def test_misuse_warehouse_that_is_a_file_is_refused(tmp_path: Path, coder) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (tmp_path / "wh").write_text("my notes", encoding="utf-8")
    with pytest.raises(WarehouseError, match="cannot create the warehouse folder"):
        run([tmp_path / "in"], tmp_path / "wh", coder=coder)
    assert (tmp_path / "wh").read_text(encoding="utf-8") == "my notes"


def test_misuse_error_is_one_line_on_stderr(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dyadflow", "dyad", "UZB'; DROP VIEW events; --", "KAZ", "--warehouse", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 1 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "is not a country code" in out.stderr


# ------------------------------------------------------------------ the network


def _listening(process: psutil.Process) -> set[tuple[str, int]]:
    """The addresses a process and its children listen on (TCP) or are bound to (UDP)."""
    found = set()
    for proc in [process, *process.children(recursive=True)]:
        try:
            for conn in proc.net_connections(kind="inet"):
                if conn.status == psutil.CONN_LISTEN or (conn.type == 2 and conn.laddr and not conn.raddr):
                    found.add((conn.laddr.ip, conn.laddr.port))
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def _watch(args: list[str], env: dict[str, str], *others: int) -> tuple[subprocess.CompletedProcess[str], set[tuple[str, int]]]:
    """Run the CLI and collect every address it (or another process of others, by pid) listens on while it runs."""
    child = subprocess.Popen([sys.executable, "-m", "dyadflow", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    process, listening = psutil.Process(child.pid), set()
    deadline = time.monotonic() + 600
    while child.poll() is None and time.monotonic() < deadline:
        try:
            listening |= _listening(process)
        except psutil.NoSuchProcess:
            break
        for pid in others:
            with contextlib.suppress(psutil.NoSuchProcess):
                listening |= _listening(psutil.Process(pid))
        time.sleep(0.05)
    out, err = child.communicate(timeout=60)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err), listening


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return {**env, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


@pytest.mark.slow
def test_misuse_code_command_listens_on_nothing_and_prints_one_json_event_per_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Uzbek President Shavkat Mirziyoyev visited Kazakhstan on May 4.\n", encoding="utf-8")
    done, listening = _watch(["code", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--date", "2021-05-10"], _env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert listening == set()
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(events) >= 4 and all(e["trigger"] and e["rule"] for e in events)
    visit = [(e["source_actor"], e["event_code"], e["target_country"], e["event_date"]) for e in events if e["event_date"] == "2021-05-04"]
    assert visit == [("UZBGOV", "042", "KAZ", "2021-05-04")]  # --date dates the text's "May 4"


@pytest.mark.slow
def test_misuse_run_command_listens_only_on_the_loopback(tmp_path: Path, prefect_home: Path) -> None:
    from flows.local_server import read_state

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    server = read_state(prefect_home)  # the local Prefect server the run finds and uses
    assert server is not None
    args = ["run", str(tmp_path / "in"), "--warehouse", str(tmp_path / "wh"), "--quiet"]
    done, listening = _watch(args, subprocess_env(prefect_home), server.pid)
    assert done.returncode == 0, done.stderr
    assert query(tmp_path / "wh", "select count(*) from documents") == [(1,)]
    assert {ip for ip, _ in listening} <= {"127.0.0.1", "::1"}
    print(f"\ndyadflow run listened on {sorted(listening) or 'nothing'}")
