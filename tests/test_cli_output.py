"""Tables on stdout fit their data: tab-separated lines when piped, never wrapped at 80 columns."""

from __future__ import annotations

from typer.testing import CliRunner

from dyadflow.cli import app
from dyadflow.cli_output import print_rows
from warehouse.store import init_warehouse


def test_print_rows_writes_plain_lines_when_not_a_terminal(capsys):
    print_rows(["run_id", "note"], [("r1", None), ("r2", "two\nlines")], terminal=False)
    assert capsys.readouterr().out == "run_id\tnote\nr1\t\nr2\ttwo lines\n"


def test_sql_piped_keeps_a_long_row_on_one_line(tmp_path):
    init_warehouse(tmp_path / "wh")
    long = "x" * 150
    result = CliRunner().invoke(app, ["sql", f"select '{long}' as a, 42 as b", "-w", str(tmp_path / "wh")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["a\tb", f"{long}\t42"]
