"""Re-coding a warehouse: new events swapped in by one commit, the old ones kept in all_events."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from coders.coder import CODER_VERSION, Coder
from dyadflow import pipeline
from schemas.errors import WarehouseError
from warehouse.db import open_warehouse
from warehouse.store import RunWriter

pytestmark = pytest.mark.slow

EXAMPLES = Path(str(resources.files("dyadflow") / "examples"))
OLD_VERSION = "dyadflow-coder-0.0/last-year"


def _coder_of_version(coder: Coder, version: str) -> Coder:
    """The session's coder (same model, same tables) under another version string."""
    other = Coder(nlp=coder.nlp, lexicon=coder.lexicon, matcher=coder.events.matcher)
    other.version = version
    return other


@pytest.fixture
def old_warehouse(coder, tmp_path) -> Path:
    """The example corpus coded by last year's coder."""
    pipeline.run([str(EXAMPLES)], tmp_path, coder=_coder_of_version(coder, OLD_VERSION))
    return tmp_path


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = open_warehouse(warehouse)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _versions(warehouse: Path, view: str) -> dict[str, int]:
    return dict(_query(warehouse, f"select coder_version, count(*) from {view} group by all"))


def test_recode_swaps_in_the_current_version_and_keeps_the_old(coder, old_warehouse):
    before = _versions(old_warehouse, "events")
    assert list(before) == [OLD_VERSION]
    summary = pipeline.recode(old_warehouse, coder=coder)
    assert (summary.inputs_seen, summary.documents_skipped, summary.rejected) == (6, 0, 0)
    assert _versions(old_warehouse, "events") == {CODER_VERSION: summary.events}
    assert _versions(old_warehouse, "all_events") == {OLD_VERSION: before[OLD_VERSION], CODER_VERSION: summary.events}
    assert _query(old_warehouse, "select count(*) from documents")[0][0] == 6  # documents are not stored twice
    assert _query(old_warehouse, "select kind, inputs_seen, events, coder_version from runs order by started_at") == [
        ("run", 6, before[OLD_VERSION], OLD_VERSION),
        ("recode", 6, summary.events, CODER_VERSION),
    ]


@pytest.mark.parametrize(("everything", "recoded", "skipped"), [(False, 0, 6), (True, 6, 0)])
def test_recode_skips_documents_already_current_unless_everything(coder, old_warehouse, everything, recoded, skipped):
    pipeline.recode(old_warehouse, coder=coder)
    again = pipeline.recode(old_warehouse, coder=coder, everything=everything)
    assert (again.inputs_seen, again.documents_skipped) == (recoded, skipped)
    assert list(_versions(old_warehouse, "events")) == [CODER_VERSION]


def test_recode_that_fails_before_commit_changes_nothing(coder, old_warehouse, monkeypatch):
    before = _query(old_warehouse, "select * from events order by all")

    def fail(self, **counts):
        raise WarehouseError("disk full")

    monkeypatch.setattr(RunWriter, "commit", fail)
    with pytest.raises(WarehouseError):
        pipeline.recode(old_warehouse, coder=coder)
    monkeypatch.undo()
    assert _query(old_warehouse, "select * from events order by all") == before
    assert list(_versions(old_warehouse, "all_events")) == [OLD_VERSION]


def test_recode_reader_connection_sees_new_events_after_commit(coder, old_warehouse):
    reader = open_warehouse(old_warehouse)
    try:
        assert [v for (v,) in reader.execute("select distinct coder_version from events").fetchall()] == [OLD_VERSION]
        pipeline.recode(old_warehouse, coder=coder)
        assert [v for (v,) in reader.execute("select distinct coder_version from events").fetchall()] == [CODER_VERSION]
    finally:
        reader.close()


def test_recode_flow_recodes_outdated_documents(prefect_harness, old_warehouse):
    from flows.recode import run_recode

    result = run_recode(str(old_warehouse))
    assert (result["inputs_seen"], result["documents_skipped"], result["rejected"]) == (6, 0, 0)
    assert _versions(old_warehouse, "events") == {CODER_VERSION: result["events"]}
    nothing = run_recode(str(old_warehouse))
    assert (nothing["inputs_seen"], nothing["documents_skipped"], nothing["events"]) == (0, 6, 0)


def test_recode_cli_prints_what_it_did(prefect_harness, old_warehouse):
    from typer.testing import CliRunner

    from dyadflow.cli import app

    result = CliRunner().invoke(app, ["recode", "--warehouse", str(old_warehouse), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "documents read" in result.output and "6" in result.output
