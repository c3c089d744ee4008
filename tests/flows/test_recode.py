"""Re-coding a warehouse: new events swapped in by one commit, the old ones kept in all_events."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from coders.coder import CODER_VERSION, Coder
from dyadflow import batches
from schemas.errors import WarehouseError
from warehouse.db import open_warehouse
from warehouse.store import RunWriter

SECONDS = 18  # about how long this module's tests take: tests/conftest.py starts the longest first

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
    batches.run([str(EXAMPLES)], tmp_path, coder=_coder_of_version(coder, OLD_VERSION))
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
    summary = batches.recode(old_warehouse, coder=coder)
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
    batches.recode(old_warehouse, coder=coder)
    again = batches.recode(old_warehouse, coder=coder, everything=everything)
    assert (again.inputs_seen, again.documents_skipped) == (recoded, skipped)
    assert list(_versions(old_warehouse, "events")) == [CODER_VERSION]


def test_recode_that_fails_before_commit_changes_nothing(coder, old_warehouse, monkeypatch):
    before = _query(old_warehouse, "select * from events order by all")

    def fail(self, **counts):
        raise WarehouseError("disk full")

    monkeypatch.setattr(RunWriter, "commit", fail)
    with pytest.raises(WarehouseError):
        batches.recode(old_warehouse, coder=coder)
    monkeypatch.undo()
    assert _query(old_warehouse, "select * from events order by all") == before
    assert list(_versions(old_warehouse, "all_events")) == [OLD_VERSION]


def test_recode_reader_connection_sees_new_events_after_commit(coder, old_warehouse):
    reader = open_warehouse(old_warehouse)
    try:
        assert [v for (v,) in reader.execute("select distinct coder_version from events").fetchall()] == [OLD_VERSION]
        batches.recode(old_warehouse, coder=coder)
        assert [v for (v,) in reader.execute("select distinct coder_version from events").fetchall()] == [CODER_VERSION]
    finally:
        reader.close()


def test_recode_cli_recodes_outdated_documents_through_the_flow(prefect_harness, old_warehouse):
    from typer.testing import CliRunner

    from dyadflow.cli import app

    result = CliRunner().invoke(app, ["recode", "--warehouse", str(old_warehouse), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "documents read" in result.output and "6" in result.output
    assert list(_versions(old_warehouse, "events")) == [CODER_VERSION]
    assert _query(old_warehouse, "select kind, inputs_seen, documents_skipped, rejected from runs where kind = 'recode'") == [
        ("recode", 6, 0, 0)
    ]
    assert "Task run" not in result.output  # Prefect's log lines went to the warehouse's log, not the terminal
    assert "Finished in state Completed" in (old_warehouse / "logs" / "dyadflow.log").read_text()
    nothing = CliRunner().invoke(app, ["recode", "--warehouse", str(old_warehouse), "--quiet"])
    assert nothing.exit_code == 0, nothing.output
    assert _query(old_warehouse, "select inputs_seen, documents_skipped, events from runs where kind = 'recode' order by started_at")[
        -1
    ] == (0, 6, 0)


def test_recode_of_chosen_documents_recodes_them_whatever_coded_them(coder, old_warehouse):
    batches.recode(old_warehouse, coder=coder)
    (doc_id,) = _query(old_warehouse, "select min(doc_id) from documents")[0]
    again = batches.recode(old_warehouse, coder=coder, doc_ids=[doc_id])
    assert (again.inputs_seen, again.documents_skipped) == (1, 5)
    assert _query(old_warehouse, f"select count(*) from codings where doc_id = '{doc_id}'")[0][0] == 3  # last year's, and two recodes
