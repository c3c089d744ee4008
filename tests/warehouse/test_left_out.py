"""What a series or panel leaves out: undated events, and events too coarsely dated for its frequency."""

from __future__ import annotations

import pytest

from tests.warehouse.fixtures_events import CENTRAL_ASIA, CENTRAL_ASIA_DOCS, ev, warehouse
from warehouse.dyads import dyad_panel, dyad_series
from warehouse.left_out import LeftOut, code_is_stored, panel_left_out, series_left_out


def _with_precision(event, precision):  # type: ignore[no-untyped-def]
    return event.model_copy(update={"event_date_precision": precision})


COARSE = [
    _with_precision(ev("2024-05-01", "UZBGOV", "KAZGOV", "042", doc="d8"), "month"),
    _with_precision(ev("2024-01-01", "KAZGOV", "UZBGOV", "057", doc="d8", sentence_index=1), "year"),
    _with_precision(ev("2024-05-14", "UZBGOV", "KAZGOV", "111", doc="d8", sentence_index=2), "day"),
]


@pytest.fixture(scope="module")
def con():  # type: ignore[no-untyped-def]
    return warehouse(
        [*CENTRAL_ASIA, *COARSE], [*CENTRAL_ASIA_DOCS, *[d.model_copy(update={"doc_id": "d8"}) for d in CENTRAL_ASIA_DOCS[:1]]]
    )


@pytest.mark.parametrize(("freq", "coarser"), [("day", 2), ("week", 2), ("month", 1), ("quarter", 1), ("year", 0)])
def test_series_leaves_out_events_coarser_than_its_periods(con, freq, coarser):
    series = dyad_series(con, ["UZB"], ["KAZ"], freq=freq)
    in_series = sum(series["events"].to_pylist())
    assert series_left_out(con, ["UZB"], ["KAZ"], freq) == LeftOut(undated=1, coarser=coarser)
    # the 6 dated UZB-KAZ events of the fixture and the 3 above
    assert in_series == 6 + 3 - coarser


def test_panel_counts_each_left_out_event_once(con):
    assert panel_left_out(con, ["UZB", "KAZ", "KGZ"], "day") == LeftOut(undated=1, coarser=2)
    panel = dyad_panel(con, ["UZB", "KAZ", "KGZ"], freq="day")
    assert set(panel.column_names) == set(dyad_series(con, ["UZB"], ["KAZ"], freq="day").column_names)


def test_left_out_matches_actor_prefixes_as_the_series_does(con):
    assert series_left_out(con, ["UZBGOV"], ["KAZGOV"], "month") == LeftOut(undated=1, coarser=1)
    assert series_left_out(con, ["TJK"], ["TKM"], "day") == LeftOut(0, 0)


@pytest.mark.parametrize(
    ("left_out", "freq", "lines"),
    [
        (LeftOut(11, 0), "month", ["11 UZB–KAZ events have no date and are not in the series"]),
        (
            LeftOut(1, 2),
            "day",
            [
                "1 UZB–KAZ event has no date and is not in the series",
                "2 UZB–KAZ events have a date known only to the week, month or year and are not in this day series",
            ],
        ),
        (LeftOut(0, 0), "day", []),
    ],
)
def test_left_out_messages_read_as_sentences(left_out, freq, lines):
    assert left_out.messages("UZB–KAZ {}", "series", freq) == lines


@pytest.mark.parametrize(("code", "stored"), [("UZB", True), ("IGOUNO", True), ("KAZMIL", True), ("TKM", False), ("EUR", False)])
def test_code_is_stored_matches_as_a_series_does(con, code, stored):
    assert code_is_stored(con, code) is stored
