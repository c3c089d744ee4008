"""The command line over PETRARCH dictionaries: dyadflow validate, and the coder behind --verbs/--dictionaries."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from coders.petrarch.load import DictionaryCoder
from dyadflow import cli_petrarch
from schemas.errors import InputError
from tests.coders.test_petrarch_validate import write_suite

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A test app holding the PETRARCH commands."""

    cli_petrarch.register(app)
    return app


def test_petrarch_cli_validate_has_help_with_an_example():
    result = runner.invoke(_app(), ["validate", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_petrarch_cli_validate_prints_the_report_with_totals_last(tmp_path):
    result = runner.invoke(_app(), ["validate", str(write_suite(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "records=5 correct=3 expected=4 found=3 extra=1"
    assert any(line.strip().startswith("DEMO") for line in lines)


def test_petrarch_cli_validate_lists_failures_on_request(tmp_path):
    result = runner.invoke(_app(), ["validate", str(write_suite(tmp_path)), "--failures"])
    failed = [line.split()[0] for line in result.output.splitlines() if " expected " in line]
    assert failed == ["DEMO-02", "AGENT-02"]


def test_petrarch_cli_validate_reads_dictionaries_from_another_folder(tmp_path):
    suite = write_suite(tmp_path)
    moved = tmp_path / "suite-only"
    moved.mkdir()
    (moved / "suite.xml").write_text(suite.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(_app(), ["validate", str(moved / "suite.xml"), "--dictionaries", str(tmp_path)])
    assert result.exit_code == 0 and result.output.splitlines()[-1].startswith("records=5 ")


def test_petrarch_cli_validate_missing_file_is_an_input_error(tmp_path):
    result = runner.invoke(_app(), ["validate", str(tmp_path / "none.xml")])
    assert isinstance(result.exception, InputError)


def test_petrarch_cli_coder_from_options_without_dictionaries_is_the_packaged_coder(coder):
    assert cli_petrarch.coder_from_options() is coder


def test_petrarch_cli_coder_from_options_with_a_folder_is_built_once(tmp_path):
    write_suite(tmp_path)
    first = cli_petrarch.coder_from_options(dictionaries=tmp_path, alone=True)
    assert isinstance(first, DictionaryCoder)
    assert cli_petrarch.coder_from_options(dictionaries=tmp_path, alone=True) is first
