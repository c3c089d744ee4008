"""The run flow end to end: the example corpus and the seeds through ingest, code, store, query."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from warehouse.db import open_warehouse

SECONDS = 12  # about how long this module's tests take: tests/conftest.py starts the longest first

pytestmark = pytest.mark.slow


def _query(root: Path, sql: str):
    con = open_warehouse(root)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _counts(root: Path) -> tuple[int, int, int]:
    return _query(root, "select (select count(*) from documents), (select count(*) from sentences), (select count(*) from events)")[0]


def test_flow_codes_the_example_corpus_once(prefect_harness, tmp_path):
    from flows.run_flow import run_flow

    examples = Path(str(resources.files("dyadflow") / "examples"))
    first = run_flow([str(examples)], str(tmp_path))
    assert first["documents_new"] == 6 and first["rejected"] == 0
    assert first["events"] > 10
    second = run_flow([str(examples)], str(tmp_path))
    assert second["documents_new"] == 0 and second["documents_skipped"] == 6 and second["events"] == 0
    documents, sentences, events = _counts(tmp_path)
    assert (documents, events) == (6, first["events"])
    assert _query(tmp_path, "select count(*) from runs")[0][0] == 2


def test_flow_codes_the_seeds_and_dates_an_event_from_the_text(prefect_harness, seeds_dir, tmp_path):
    from flows.run_flow import run_flow

    run_flow([str(seeds_dir)], str(tmp_path))
    documents, sentences, events = _counts(tmp_path)
    assert documents == 5 and sentences >= 150 and events >= 20
    uzb_kaz = _query(
        tmp_path,
        "select count(*) from events where (source_country, target_country) in (('UZB', 'KAZ'), ('KAZ', 'UZB'))",
    )[0][0]
    assert uzb_kaz >= 4
    headers = _query(tmp_path, "select count(*) from sentences where text like 'Publication:%'")[0][0]
    assert headers == 0
    years = {row[0] for row in _query(tmp_path, "select year(doc_date) from documents where doc_date is not null")}
    assert {2004, 2006, 2008} <= years
    rows = _query(
        tmp_path,
        "select event_date, event_code from events where source_country = 'UZB' and target_country = 'RUS' and event_root = '04'",
    )
    assert any(str(date) == "2008-02-06" for date, _ in rows)  # an event dated from the text, not the article


def test_flow_with_dictionaries_stores_their_coder_version_in_events_codings_and_runs(prefect_harness, tmp_path):
    from flows.run_flow import run_flow
    from tests.coders.test_petrarch_load import write_dictionaries

    folder = tmp_path / "dictionaries"
    folder.mkdir()
    write_dictionaries(folder)
    article = tmp_path / "article.txt"
    article.write_text(
        "Uzbek militia arrested Kazakh students on Monday.\n\nMirziyoyev met the Kazakh foreign minister.\n", encoding="utf-8"
    )
    warehouse = tmp_path / "wh"
    first = run_flow([str(article)], str(warehouse), dictionaries=str(folder))
    assert first["documents_new"] == 1 and first["events"] > 0
    again = run_flow([str(article)], str(warehouse), dictionaries=str(folder))  # codes nothing, records the version all the same
    assert again["documents_skipped"] == 1
    versions = {
        table: {v for (v,) in _query(warehouse, f"select distinct coder_version from {table}")}
        for table in ("events", "all_events", "codings", "runs")
    }
    (version,) = versions["events"]
    assert "+petrarch-" in version
    assert versions == {table: {version} for table in versions}
