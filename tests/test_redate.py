"""Giving a stored document its date: one recode run, its events dated, nothing lost or doubled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyadflow.batches import run
from dyadflow.redate import find_document, redate
from schemas.errors import InputError
from tests.robustness.conftest import query

SECONDS = 16  # about how long this module's tests take: tests/conftest.py starts the longest first

UNDATED = (
    "Uzbek President Islam Karimov met Kazakh President Nursultan Nazarbayev in Tashkent.\n\n"
    "Kazakhstan praised Uzbekistan for opening two border crossings.\n"
)
DATED = "Kyrgyz border guards detained three Tajik citizens on May 3, 2011.\n"


@pytest.fixture()
def stored(tmp_path: Path, coder) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (inbox / "dated.txt").write_text(DATED, encoding="utf-8")
    root = tmp_path / "wh"
    run([inbox], root, coder=coder)
    return root, inbox / "undated.txt"


def test_redate_gives_the_document_its_date_and_its_events_that_date(stored, coder):
    root, path = stored
    assert query(root, "select count(*) from events where event_date is null")[0][0] > 0
    before = query(root, "select count(*) from all_events")[0][0]
    summary = redate(root, str(path), dt.date(2009, 7, 1), coder=coder)
    assert summary.record is not None and summary.record.kind == "recode" and summary.inputs_seen == 1
    assert query(root, "select doc_date, date_source from documents where path like '%undated.txt'") == [(dt.date(2009, 7, 1), "given")]
    assert query(root, "select count(*) from documents") == [(2,)]  # no second row for the document
    assert query(root, "select count(*) from events where event_date is null") == [(0,)]
    assert query(
        root,
        "select distinct event_date, event_date_precision from events e join documents d using (doc_id) where d.path like '%undated.txt'",
    ) == [(dt.date(2009, 7, 1), "day")]
    assert query(root, "select previous_date, previous_source from doc_dates") == [(None, "unknown")]
    assert query(root, "select count(*) from all_events")[0][0] == before + summary.events  # the old events kept


def test_redate_again_takes_the_newest_date(stored, coder):
    root, path = stored
    redate(root, str(path), dt.date(2009, 7, 1), coder=coder)
    doc_id = find_document(root, str(path))
    redate(root, doc_id[:8], dt.date(2009, 7, 2), coder=coder)
    assert query(root, f"select doc_date from documents where doc_id = '{doc_id}'") == [(dt.date(2009, 7, 2),)]
    assert query(root, "select previous_date from doc_dates order by run_id") == [(None,), (dt.date(2009, 7, 1),)]


@pytest.mark.parametrize(
    ("doc", "message"), [("nowhere.txt", "no stored document"), ("zzzzzzzz", "no stored document"), ("", "no stored document")]
)
def test_find_document_names_what_it_cannot_find(stored, doc, message):
    root, _ = stored
    with pytest.raises(InputError, match=message):
        find_document(root, doc)


def test_redate_of_an_unknown_document_commits_nothing(stored, coder):
    root, _ = stored
    runs = query(root, "select count(*) from runs")
    with pytest.raises(InputError):
        redate(root, "nowhere.txt", dt.date(2009, 7, 1), coder=coder)
    assert query(root, "select count(*) from runs") == runs


def test_run_summary_names_the_undated_events(stored, capsys):
    from dyadflow.cli_common import print_summary

    root, _ = stored
    ((run_id, events),) = query(root, "select run_id, events from runs where kind = 'run'")
    undated = query(root, "select count(*) from events where event_date is null")[0][0]
    print_summary(
        {
            "run_id": run_id,
            "inputs_seen": 2,
            "documents_new": 2,
            "documents_skipped": 0,
            "rejected": 0,
            "sentences": 3,
            "events": events,
            "rejects": [],
        },
        root,
    )
    assert f"{undated} events have no date and are not in any series" in capsys.readouterr().err
