"""Dyad series and panels: the SQL macros, the Python functions over them and the dyad and panel commands."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from dyadflow import cli_series
from schemas.errors import DyadflowError, WarehouseError
from tests.warehouse.fixtures_events import ev, warehouse
from warehouse.dyads import QueryPath, SeriesError, dyad_panel, dyad_series, parse_actors, path_of
from warehouse.tables import OutputError

SECONDS = 12  # about how long this module's tests take: tests/conftest.py starts the longest first

D = dt.date


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return warehouse()


def _rows(table) -> list[dict]:
    return table.to_pylist()


def _hand_count(con, a: str, b: str, freq: str) -> dict[dt.date, tuple]:
    """Per period: (events, verbal_coop, material_coop, verbal_conflict, material_conflict, goldstein_sum), by plain SQL."""
    rows = con.execute(
        """
        SELECT date_trunc(?, event_date)::DATE, count(*),
               count(*) FILTER (quad_class = 1), count(*) FILTER (quad_class = 2),
               count(*) FILTER (quad_class = 3), count(*) FILTER (quad_class = 4), sum(goldstein)
        FROM events
        WHERE event_date IS NOT NULL
          AND ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))
        GROUP BY 1
        """,
        [freq, a, b, b, a],
    ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_dyad_series_monthly_is_contiguous_with_zero_rows_for_gaps(con):
    rows = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq="month"))
    assert [r["period"] for r in rows] == [D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1), D(2024, 4, 1)]
    assert [r["events"] for r in rows] == [4, 0, 0, 2]
    empty = rows[1]
    assert (empty["goldstein_sum"], empty["goldstein_mean"], empty["coop_index"], empty["share"]) == (0, None, 0, 0)
    assert rows[0]["period_end"] == D(2024, 1, 31) and rows[0]["direction"] == "A<->B"


@pytest.mark.parametrize("freq", ["day", "week", "month", "quarter", "year"])
def test_dyad_series_counts_equal_a_hand_written_count(con, freq):
    expected = _hand_count(con, "UZB", "KAZ", freq)
    rows = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq=freq))
    for r in rows:
        counts = (r["events"], r["verbal_coop"], r["material_coop"], r["verbal_conflict"], r["material_conflict"])
        want = expected.get(r["period"], (0, 0, 0, 0, 0, 0.0))
        assert counts == want[:5]
        assert r["goldstein_sum"] == pytest.approx(want[5] or 0.0)
        assert r["net_coop"] == r["verbal_coop"] + r["material_coop"] - r["verbal_conflict"] - r["material_conflict"]
    assert {r["period"] for r in rows} >= set(expected)
    assert sum(r["events"] for r in rows) == 6


@pytest.mark.parametrize(
    ("freq", "first", "second"),
    [
        ("day", D(2024, 1, 5), D(2024, 1, 6)),
        ("week", D(2024, 1, 1), D(2024, 1, 8)),
        ("month", D(2024, 1, 1), D(2024, 2, 1)),
        ("quarter", D(2024, 1, 1), D(2024, 4, 1)),
        ("year", D(2024, 1, 1), None),
    ],
)
def test_dyad_series_periods_start_on_the_frequency_boundary(con, freq, first, second):
    periods = [r["period"] for r in _rows(dyad_series(con, ["UZB"], ["KAZ"], freq=freq))]
    assert periods[0] == first
    assert (periods[1] if len(periods) > 1 else None) == second


def test_dyad_series_undirected_is_the_sum_of_both_directions(con):
    both = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq="month"))
    directed = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq="month", directed=True))
    assert [r["direction"] for r in directed] == ["A->B"] * 4 + ["B->A"] * 4
    ab, ba = directed[:4], directed[4:]
    for column in ("events", "verbal_coop", "material_conflict", "goldstein_sum", "net_coop"):
        assert [r[column] for r in both] == [x[column] + y[column] for x, y in zip(ab, ba, strict=True)]
    assert [r["events"] for r in ab] == [3, 0, 0, 1] and [r["events"] for r in ba] == [1, 0, 0, 1]


@pytest.mark.parametrize(
    ("a", "b", "events"),
    [
        ("UZB", "KAZ", 6),
        ("UZBGOV", "KAZ", 5),  # the KAZMIL -> UZBMIL attack is not the government's
        ("UZBMIL", "KAZMIL", 1),
        ("UZBGOV,UZBMIL", "KAZ", 6),
        ("uzb", "kazgov", 5),
        ("IGO", "UZB", 1),  # an actor without a country is found by its code's first letters
        ("UZBGOV", "UZBMIL", 1),  # a domestic dyad asked for by name
        ("UZB", "CHN", 0),
    ],
)
def test_dyad_series_selects_actors_by_country_or_code_prefix(con, a, b, events):
    rows = _rows(dyad_series(con, [a], [b], freq="year", start=D(2024, 1, 1), end=D(2024, 12, 31)))
    assert sum(r["events"] for r in rows) == events


def test_dyad_series_never_counts_domestic_events_between_two_countries():
    # A coder may place a foreign actor's deed inside one country: both sides then carry that country.
    con = warehouse([ev("2024-05-01", "UZBGOV", "KAZGOVDIP", "042", target_country="UZB"), ev("2024-05-02", "UZBGOV", "KAZGOV", "042")])
    assert sum(r["events"] for r in _rows(dyad_series(con, ["UZBGOV"], ["KAZGOV"]))) == 1


def test_dyad_series_one_a_day_collapses_duplicates(con):
    rows = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq="month", dedupe="one-a-day"))
    assert [r["events"] for r in rows] == [2, 0, 0, 2]
    assert rows[0]["verbal_coop"] == 1 and rows[0]["documents"] == 2
    assert con.execute("SELECT count(*) FROM events_one_a_day").fetchall()[0][0] == 10


def test_dyad_series_aggregate_counts_groups_but_every_reporting_document(con):
    rows = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq="month", dedupe="aggregate"))
    assert [r["events"] for r in rows] == [2, 0, 0, 2]
    assert (rows[0]["documents"], rows[0]["sources"]) == (3, 2)


def test_events_aggregated_counts_mentions_sources_and_articles(con):
    row = con.sql(
        "SELECT num_mentions, num_sources, num_articles FROM events_aggregated "
        "WHERE event_date = DATE '2024-01-05' AND source_actor = 'UZBGOV' AND event_code = '042'"
    ).fetchall()
    assert row == [(3, 2, 2)]
    assert con.execute("SELECT count(*), sum(num_mentions) FROM events_aggregated").fetchall() == [(10, 12)]


@pytest.mark.parametrize("dedupe", ["all", "one-a-day", "aggregate"])
@pytest.mark.parametrize("directed", [False, True])
def test_dyad_series_share_and_coop_index_stay_in_range(con, dedupe, directed):
    rows = _rows(dyad_series(con, ["UZB"], ["KAZ,KGZ,RUS"], freq="week", directed=directed, dedupe=dedupe))
    assert rows and all(0 <= r["share"] <= 1 and -1 <= r["coop_index"] <= 1 for r in rows)
    assert max(r["share"] for r in rows) > 0


def test_dyad_series_share_is_the_dyads_part_of_all_events_in_the_period(con):
    january = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq="month"))[0]
    assert january["share"] == pytest.approx(4 / 5)  # the fifth January event is the UN's


def test_dyad_series_from_and_to_fill_zero_periods_beyond_the_events(con):
    rows = _rows(dyad_series(con, ["UZB"], ["KAZ"], freq="month", start=D(2023, 11, 15), end=D(2024, 1, 31)))
    assert [(r["period"], r["events"]) for r in rows] == [(D(2023, 11, 1), 0), (D(2023, 12, 1), 0), (D(2024, 1, 1), 4)]


def test_dyad_series_sql_macro_takes_strings_as_written_in_the_docs(con):
    from_sql = con.sql("SELECT period, events FROM dyad_series('UZB', 'KAZ', 'month')").fetchall()
    from_python = [(r["period"], r["events"]) for r in _rows(dyad_series(con, ["UZB"], ["KAZ"]))]
    assert from_sql == from_python
    assert con.execute("SELECT sum(events) FROM dyad_series('UZBGOV,UZBMIL', ['KAZ'], freq := 'year')").fetchall()[0][0] == 6


def test_dyad_series_without_events_or_dates_is_empty(con):
    assert dyad_series(con, ["TJK"], ["TKM"]).num_rows == 0


@pytest.mark.parametrize(
    ("countries", "directed", "pairs"),
    [(["UZB", "KAZ", "KGZ", "RUS"], True, 12), (["UZB", "KAZ", "KGZ", "RUS"], False, 6), (["UZB,KAZ", "KAZ"], True, 2)],
)
def test_dyad_panel_has_every_pair_times_every_period(con, countries, directed, pairs):
    table = dyad_panel(con, countries, freq="month", directed=directed)
    assert table.num_rows == pairs * 4
    keys = set(zip(table["actor_a"].to_pylist(), table["actor_b"].to_pylist(), strict=True))
    assert len(keys) == pairs and all(a != b for a, b in keys)


def test_dyad_panel_pairs_equal_the_directed_dyad_series(con):
    panel = dyad_panel(con, ["UZB", "KAZ", "RUS"], freq="quarter").to_pandas()
    series = dyad_series(con, ["UZB"], ["KAZ"], freq="quarter", directed=True).to_pandas()
    uzb_kaz = panel[(panel.actor_a == "UZB") & (panel.actor_b == "KAZ")]
    assert uzb_kaz["events"].tolist() == series[series.direction == "A->B"]["events"].tolist()
    assert panel["period"].nunique() == 2


class _NoSQL:
    """A connection that fails the test if anything reaches SQL."""

    def sql(self, *args, **kwargs):
        raise AssertionError("SQL was run")

    execute = sql


@pytest.mark.parametrize(
    ("a", "b", "options"),
    [
        ("UZB'; drop table events; --", "KAZ", {}),
        ("UZ", "KAZ", {}),
        ("UZBGO", "KAZ", {}),
        ("UZB GOV", "KAZ", {}),
        ("", "KAZ", {}),
        ("UZB", ",", {}),
        ("UZB", "KAZ", {"freq": "fortnight"}),
        ("UZB", "KAZ", {"freq": "MONTH; drop table events"}),
        ("UZB", "KAZ", {"dedupe": "some"}),
        ("UZB", "KAZ", {"start": D(2024, 2, 1), "end": D(2024, 1, 1)}),
    ],
)
def test_dyad_series_rejects_bad_input_before_sql(a, b, options):
    with pytest.raises(SeriesError):
        dyad_series(_NoSQL(), [a], [b], **options)


def test_dyad_panel_rejects_a_single_country():
    with pytest.raises(SeriesError, match="two different countries"):
        dyad_panel(_NoSQL(), ["UZB", "uzb"])


def test_dyad_series_sql_macro_rejects_bad_codes_itself(con):
    with pytest.raises(duckdb.InvalidInputException, match="actor codes"):
        con.sql("SELECT * FROM dyad_series(?, 'KAZ')", params=["UZB'; drop table events; --"]).fetchall()
    assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 12


@pytest.mark.parametrize(
    ("values", "codes"), [("UZB", ["UZB"]), (["uzbgov, uzbmil", "UZBGOV"], ["UZBGOV", "UZBMIL"]), (["UZB,", " KAZ"], ["UZB", "KAZ"])]
)
def test_parse_actors_splits_commas_upper_cases_and_drops_repeats(values, codes):
    assert parse_actors(values) == codes


# The commands, with the warehouse replaced by the synthetic one.


@pytest.fixture
def cli(monkeypatch) -> CliRunner:
    monkeypatch.setattr(cli_series, "_connect", lambda path: warehouse())
    return CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    cli_series.register(app)
    return app


def test_dyad_command_writes_the_same_numbers_as_sql(cli, tmp_path):
    out = tmp_path / "uzb_kaz.csv"
    result = cli.invoke(_app(), ["dyad", "UZB", "KAZ", "--warehouse", str(tmp_path), "--freq", "month", "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    expected = _hand_count(warehouse(), "UZB", "KAZ", "month")
    assert frame["events"].tolist() == [expected.get(D.fromisoformat(p), (0,))[0] for p in frame["period"]]


def test_dyad_command_directed_writes_stata_and_a_plot(cli, tmp_path):
    out, png = tmp_path / "uzb_kaz.dta", tmp_path / "uzb_kaz.png"
    result = cli.invoke(
        _app(),
        ["dyad", "UZBGOV,UZBMIL", "KAZ", "-w", str(tmp_path), "--freq", "quarter", "--directed", "--out", str(out), "--plot", str(png)],
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_stata(out)
    assert frame["direction"].tolist() == ["A->B", "A->B", "B->A", "B->A"] and frame["events"].sum() == 6
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dyad_command_prints_csv_when_piped(cli, tmp_path):
    result = cli.invoke(_app(), ["dyad", "UZB", "KAZ", "-w", str(tmp_path), "--freq", "quarter"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame["events"].tolist() == [4, 2]


def test_panel_command_writes_parquet(cli, tmp_path):
    out = tmp_path / "central_asia.parquet"
    result = cli.invoke(_app(), ["panel", "UZB", "KAZ", "KGZ,RUS", "-w", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out)) == 12 * 4


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["dyad", "UZB'; drop table events; --", "KAZ"], SeriesError),
        (["dyad", "UZB", "KAZ", "--freq", "fortnight"], SeriesError),
        (["dyad", "UZB", "KAZ", "--out", "missing-folder/x.csv"], OutputError),
        (["dyad", "UZB", "KAZ", "--out", "x.xlsx"], OutputError),
        (["dyad", "UZB", "KAZ", "--plot", "x.gif"], OutputError),
        (["panel", "UZB", "--freq", "year"], SeriesError),
        (["dyad", "TJK", "TKM"], SeriesError),
    ],
)
def test_series_commands_raise_dyadflow_errors(cli, tmp_path, monkeypatch, args, error):
    monkeypatch.chdir(tmp_path)
    result = cli.invoke(_app(), [*args, "-w", str(tmp_path)])
    assert result.exit_code != 0
    assert isinstance(result.exception, DyadflowError) and isinstance(result.exception, error)


@pytest.mark.parametrize("command", ["dyad", "panel", "export"])
def test_series_commands_help_ends_with_an_example(command):
    result = CliRunner().invoke(_app(), [command, "--help"])
    assert result.exit_code == 0
    after_options = " ".join(result.output.rsplit("╯", 1)[-1].split())
    assert after_options.startswith(f"Example: dyadflow {command} ")


def test_dyad_series_on_a_warehouse_without_the_macros_says_how_to_fix():
    with pytest.raises(WarehouseError, match="no dyad_series macro"):
        dyad_series(duckdb.connect(), ["UZB"], ["KAZ"])


# The two paths: the dyad index (written at commit) and the scan of the events give the same numbers.


@pytest.mark.parametrize(
    ("a", "b", "freq", "directed"),
    [
        ("UZB", "KAZ", "month", False),
        ("UZBGOV,UZBMIL", "KAZ", "quarter", True),
        ("IGO", "UZB", "day", False),
        ("UZBGOV", "UZBMIL", "year", True),
    ],
)
def test_dyad_series_index_and_scan_agree(a, b, freq, directed):
    con = warehouse()
    index = dyad_series(con, [a], [b], freq=freq, directed=directed, method="index")
    scan = dyad_series(con, [a], [b], freq=freq, directed=directed, method="scan")
    assert index.to_pylist() == scan.to_pylist()
    assert path_of(index) == QueryPath("index", path_of(index).reason) and path_of(scan).method == "scan"


def test_dyad_series_auto_scans_when_dedupe_needs_every_event():
    table = dyad_series(warehouse(), ["UZB"], ["KAZ"], dedupe="one-a-day")
    assert path_of(table).method == "scan" and "one-a-day" in path_of(table).reason
    with pytest.raises(SeriesError, match="cannot dedupe"):
        dyad_series(warehouse(), ["UZB"], ["KAZ"], dedupe="aggregate", method="index")


def test_dyad_series_auto_scans_while_a_run_has_no_index():
    con = warehouse()
    con.execute("INSERT INTO dyadflow_index_missing VALUES ('20080101T000000-old')")
    table = dyad_series(con, ["UZB"], ["KAZ"])
    assert path_of(table).method == "scan" and "no dyad index" in path_of(table).reason
    with pytest.raises(duckdb.Error, match="misses runs"):  # the SQL macro refuses rather than miscount
        con.execute("SELECT * FROM dyad_series('UZB', 'KAZ')").fetchall()


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (["dyad", "UZB", "KAZ"], "path: index"),
        (["dyad", "UZB", "KAZ", "--method", "scan"], "path: scan"),
        (["panel", "UZB", "KAZ", "KGZ", "--dedupe", "aggregate"], "path: scan"),
        (["panel", "UZB", "KAZ", "KGZ"], "path: index"),
    ],
)
def test_series_commands_explain_their_path(cli, tmp_path, args, path):
    result = cli.invoke(_app(), [*args, "-w", str(tmp_path), "--explain"])
    assert result.exit_code == 0, result.output
    assert path in result.stderr
