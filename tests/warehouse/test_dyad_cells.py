"""The country cells of the dyad index (dyad_cells): when dyad_series and dyad_panel read them, and that they count as the scan does."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.wh_builders import document, event, write_recode, write_run
from warehouse.compact import compact
from warehouse.db import open_warehouse
from warehouse.dyads import dyad_panel, dyad_series, path_of, period_start, query_path
from warehouse.layout import layout

JAN, FEB = dt.date(2024, 1, 10), dt.date(2024, 2, 3)


@pytest.fixture
def wh(tmp_path):
    """Two runs: d1 (Outlet A) UZB->KAZ in January and KAZ->UZB in February, d2 (Outlet B) UZB->KAZ twice, d3 UZB->RUS."""
    root = tmp_path / "wh"
    write_run(
        root,
        [
            (
                document("d1", "Outlet A"),
                [event("d1", 0, JAN, "UZBGOV", "KAZGOV", "v1"), event("d1", 1, FEB, "KAZ", "UZB", "v1", "190", 4, -10.0)],
            ),
            (document("d2", "Outlet B"), [event("d2", 0, JAN, "UZB", "KAZMIL", "v1"), event("d2", 1, JAN, "UZBGOV", "KAZ", "v1")]),
        ],
    )
    write_run(root, [(document("d3", "Outlet A"), [event("d3", 0, FEB, "UZB", "RUS", "v1")])])
    return root


def _both(root, **options):
    con = open_warehouse(root)
    try:
        cells = dyad_series(con, ["UZB"], ["KAZ"], **options)
        assert cells.to_pylist() == dyad_series(con, ["UZB"], ["KAZ"], method="scan", **options).to_pylist()
        return cells
    finally:
        con.close()


def test_a_country_series_reads_the_cells_and_counts_as_the_scan(wh):
    table = _both(wh)
    assert "dyad_cells" in path_of(table).reason
    jan, feb = table.to_pylist()
    assert (jan["events"], jan["documents"], jan["sources"]) == (3, 2, 2)
    assert (feb["events"], feb["documents"], feb["sources"], feb["material_conflict"]) == (1, 1, 1, 1)
    directed = _both(wh, directed=True, freq="quarter")
    assert [(r["direction"], r["events"], r["documents"]) for r in directed.to_pylist()] == [("A->B", 3, 2), ("B->A", 1, 1)]
    assert _both(wh, freq="year").to_pylist()[0]["documents"] == 2  # d1 reported both ways: one document


def test_a_recode_takes_its_documents_out_of_the_periods_it_left(wh):
    write_recode(wh, [("d2", [event("d2", 0, FEB, "UZB", "RUS", "v2")])], "v2")  # d2 no longer about Kazakhstan
    jan, feb = _both(wh).to_pylist()
    assert (jan["events"], jan["documents"], jan["sources"]) == (1, 1, 1)
    assert (feb["events"], feb["documents"]) == (1, 1)
    compact(wh)
    assert "dyad_cells" in path_of(_both(wh)).reason
    con = open_warehouse(wh)
    try:
        panel = dyad_panel(con, ["UZB", "KAZ", "RUS"], freq="month")
        assert "dyad_cells" in path_of(panel).reason
        assert panel.to_pylist() == dyad_panel(con, ["UZB", "KAZ", "RUS"], freq="month", method="scan").to_pylist()
    finally:
        con.close()


def test_other_queries_take_the_dyad_index_and_say_why(wh):
    con = open_warehouse(wh)
    try:
        assert "dyad_cells" not in path_of(dyad_series(con, ["UZBGOV"], ["KAZ"])).reason  # an actor prefix
        assert "dyad_cells" not in path_of(dyad_series(con, ["UZB,RUS"], ["KAZ"])).reason  # two codes on a side
        mid_month = path_of(dyad_series(con, ["UZB"], ["KAZ"], start=JAN))
        assert mid_month.method == "index" and "not the first day of a month" in mid_month.reason
        assert "dyad_cells" in path_of(dyad_series(con, ["UZB"], ["KAZ"], start=period_start(JAN, "month"))).reason
    finally:
        con.close()
    part = next(layout(wh).table_dir("dyad_cells").glob("run_id=2*/*.parquet"))
    part.unlink()  # a run written before the cells existed
    con = open_warehouse(wh)
    try:
        path = query_path(con, one_country_a_side=True)
        assert path.method == "index" and "has none" in path.reason and not path.cells
    finally:
        con.close()
    assert "dyad_cells" not in path_of(_both(wh)).reason  # the scan and the dyad index still agree meanwhile
    write_run(wh, [])  # the next writer adds the missing cells
    assert "dyad_cells" in path_of(_both(wh)).reason


@pytest.mark.parametrize(
    ("day", "freq", "start"),
    [("2024-02-29", "week", "2024-02-26"), ("2024-08-15", "quarter", "2024-07-01"), ("2024-08-15", "year", "2024-01-01")],
)
def test_period_start_is_duckdbs_date_trunc(day, freq, start):
    assert period_start(dt.date.fromisoformat(day), freq) == dt.date.fromisoformat(start)
