"""Numbers a user can trust, on the five seed articles: dates never after the article, undated events
named, redate, codes checked, the GDELT export complete, and `code` failing when nothing was coded."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import shared_path
from tests.robustness.conftest import query

pytestmark = [pytest.mark.slow, pytest.mark.seeds]

# The seed article that states no date of its own, and the date its publication gives it.
UNDATED_SEED_DATE = dt.date(2010, 3, 22)
runner = CliRunner()


@pytest.fixture(scope="module")
def seed_warehouse(tmp_path_factory, coder) -> Path:
    from dyadflow.batches import run

    root = tmp_path_factory.mktemp("wh")
    run([shared_path("seeds")], root, coder=coder)
    return root


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    from dyadflow.cli import app

    return runner.invoke(app, list(args))


def test_seed_no_event_is_dated_after_its_article_and_every_event_has_a_precision(seed_warehouse):
    rows = query(seed_warehouse, "select e.event_date, d.doc_date, e.event_date_precision from events e join documents d using (doc_id)")
    assert len(rows) >= 40
    assert [r for r in rows if r[0] is not None and r[1] is not None and r[0] > r[1]] == []
    assert {precision for date, _, precision in rows if date is not None} <= {"day", "week", "month", "year"}
    assert {precision for date, _, precision in rows if date is None} <= {"unknown"}


def test_seed_dyad_names_the_undated_events_of_the_pair(seed_warehouse):
    undated = query(
        seed_warehouse,
        "select count(*) from events where event_date is null and list_sort([source_country, target_country]) = ['KAZ', 'UZB']",
    )[0][0]
    assert undated > 0
    result = _invoke("dyad", "UZB", "KAZ", "-w", str(seed_warehouse))
    assert result.exit_code == 0, result.output
    assert f"{undated} UZB–KAZ events have no date and are not in the series" in result.stderr


def test_seed_panel_fails_naming_an_unknown_code(seed_warehouse):
    from dyadflow.actor_codes import UnknownCodeError

    result = _invoke("panel", "UZB", "KAZ", "KZK", "-w", str(seed_warehouse))
    assert isinstance(result.exception, UnknownCodeError)
    assert str(result.exception) == "KZK: unknown country code; did you mean KAZ?"


def test_seed_gdelt_export_has_a_date_and_a_source_on_every_row(seed_warehouse, tmp_path):
    from tests.warehouse.test_export import _read_as_gdelt

    out = tmp_path / "events.tsv"
    result = _invoke("export", "-w", str(seed_warehouse), "--format", "gdelt", "--out", str(out))
    assert result.exit_code == 0, result.output
    frame = _read_as_gdelt(out)
    assert len(frame) > 0 and frame["Day"].notna().all() and (frame["NumSources"] >= 1).all()
    assert "no date and is not in the export" in result.stderr or "no date and are not in the export" in result.stderr


def test_seed_redate_puts_the_undated_articles_events_in_their_month(seed_warehouse, tmp_path):
    root = tmp_path / "wh"
    shutil.copytree(seed_warehouse, root)
    (path,) = [p for (p,) in query(root, "select path from documents where doc_date is null")]
    before = query(root, "select count(*), count(event_date) from events")[0]
    result = _invoke("redate", path, "--date", UNDATED_SEED_DATE.isoformat(), "-w", str(root))
    assert result.exit_code == 0, result.output
    assert query(root, "select count(*), count(event_date) from events")[0] == (before[0], before[0])  # none lost or doubled
    assert query(root, "select count(*) from documents where doc_date is null") == [(0,)]
    assert query(root, "select count(*), count(distinct doc_id) from documents") == [(5, 5)]
    result = _invoke("dyad", "UZB", "KAZ", "-w", str(root), "--from", "2010-03-01", "--to", "2010-03-31")
    assert result.exit_code == 0, result.output
    (march,) = list(csv.DictReader(result.stdout.splitlines()))
    assert int(march["events"]) > 0 and "no date" not in result.stderr


def test_seed_code_on_a_folder_of_rejected_files_exits_2(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not news")
    (tmp_path / "figures.txt").write_text("year,value,unit\n2008,1,t\n2009,2,t\n2010,3,t\n", encoding="utf-8")
    result = _invoke("code", str(tmp_path))
    assert result.exit_code == 2
    assert "unsupported format: .pdf" in result.stderr and "not prose" in result.stderr
    assert result.stderr.count("scan.pdf") == 1


def test_seed_seeds_and_examples_are_all_coded(seed_warehouse):
    assert query(seed_warehouse, "select count(*) from rejects") == [(0,)]
