"""The synthetic warehouse of benchmarks/warehouse.py: pipeline-shaped files, runs, and a recode run."""

from __future__ import annotations

import pytest

from benchmarks.warehouse import EVENTS_PER_DOCUMENT, build
from warehouse.db import open_warehouse
from warehouse.dyads import dyad_panel, dyad_series


@pytest.fixture(scope="module")
def bench_warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench") / "wh"
    build(root, 5_000, runs=4, recoded=0.1)
    return root


def test_synthetic_warehouse_keeps_the_asked_for_number_of_current_events(bench_warehouse):
    con = open_warehouse(bench_warehouse)
    current, stored, runs, recodes = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM all_events), (SELECT count(*) FROM runs), "
        "(SELECT count(*) FROM runs WHERE kind = 'recode')"
    ).fetchone()
    assert (current, runs, recodes) == (5_000, 5, 1)
    assert stored == current + 100 * EVENTS_PER_DOCUMENT  # the first coding of every tenth document is replaced


def test_synthetic_warehouse_answers_the_dyad_queries(bench_warehouse):
    con = open_warehouse(bench_warehouse)
    series = dyad_series(con, ["UZB"], ["KAZ"], freq="year")
    panel = dyad_panel(con, ["UZB", "KAZ", "RUS"], freq="year")
    assert sum(series["events"].to_pylist()) > 0
    assert panel.num_rows == 6 * series.num_rows
