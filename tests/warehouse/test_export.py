"""Writing tables by extension, drawing series, and exporting events as GDELT, PLOVER, Parquet and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from dyadflow import cli_series
from tests.warehouse.fixtures_events import doc, ev, warehouse
from warehouse.dyads import COLUMN_LABELS, SeriesError, dyad_series
from warehouse.export import ExportError, export_events
from warehouse.gdelt_names import actor_name
from warehouse.plot import plot_series, series_title
from warehouse.tables import OutputError, write_table

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return warehouse()


@pytest.fixture(scope="module")
def series(con) -> pa.Table:
    return dyad_series(con, ["UZB"], ["KAZ"], freq="month")


def _read_back(path):
    readers = {
        ".csv": lambda p: pd.read_csv(p),
        ".tsv": lambda p: pd.read_csv(p, sep="\t"),
        ".parquet": pd.read_parquet,
        ".dta": pd.read_stata,
        ".json": lambda p: pd.DataFrame(json.loads(p.read_text(encoding="utf-8"))),
        ".jsonl": lambda p: pd.read_json(p, lines=True, dtype=False),
    }
    return readers[path.suffix](path)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".dta", ".json", ".jsonl"])
def test_write_table_round_trips_by_extension(series, tmp_path, suffix):
    path = write_table(series, tmp_path / f"uzb_kaz{suffix}", labels=COLUMN_LABELS)
    frame = _read_back(path)
    assert list(frame.columns) == series.column_names
    assert frame["events"].tolist() == series["events"].to_pylist()
    assert pd.to_datetime(frame["period"]).dt.date.tolist() == series["period"].to_pylist()
    assert frame["goldstein_mean"].isna().tolist() == [v is None for v in series["goldstein_mean"].to_pylist()]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_write_table_stata_has_a_label_for_every_column(series, tmp_path):
    path = write_table(series, tmp_path / "uzb_kaz.dta", labels=COLUMN_LABELS)
    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
        frame = reader.read()
    assert set(labels) == set(series.column_names) and all(labels.values())
    assert labels["coop_index"] == COLUMN_LABELS["coop_index"]
    assert frame["period"].dtype.kind == "M"


def test_write_table_takes_pandas_frames_and_labels_columns_without_a_label_by_name(tmp_path):
    frame = pd.DataFrame({"day": [dt.date(2024, 1, 2)], "flag": [True], "note": [None], "n": [3]})
    path = write_table(frame, tmp_path / "x.dta")
    with pd.io.stata.StataReader(path) as reader:
        assert reader.variable_labels() == {"day": "day", "flag": "flag", "note": "note", "n": "n"}
        assert reader.read()["flag"].tolist() == [1]


def test_write_table_json_writes_iso_dates_and_null(series, tmp_path):
    records = json.loads(write_table(series, tmp_path / "s.json").read_text(encoding="utf-8"))
    assert records[1]["period"] == "2024-02-01" and records[1]["goldstein_mean"] is None


def test_write_table_parquet_keeps_labels_as_field_descriptions(series, tmp_path):
    schema = pq.read_schema(write_table(series, tmp_path / "s.parquet", labels=COLUMN_LABELS))
    assert schema.field("share").metadata[b"description"] == COLUMN_LABELS["share"].encode()


@pytest.mark.parametrize(
    ("name", "message"), [("s.xlsx", "unknown output format"), ("s", "unknown output format"), ("missing/s.csv", "does not exist")]
)
def test_write_table_rejects_unknown_extensions_and_missing_folders(series, tmp_path, name, message):
    with pytest.raises(OutputError, match=message):
        write_table(series, tmp_path / name)


def test_write_table_replaces_an_existing_file_whole(series, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("old\n", encoding="utf-8")
    write_table(series, path)
    assert path.read_text(encoding="utf-8").startswith('"period"')


@pytest.mark.parametrize("directed", [False, True])
def test_plot_series_writes_a_png(con, tmp_path, directed):
    table = dyad_series(con, ["UZB"], ["KAZ"], freq="week", directed=directed)
    path = plot_series(table, tmp_path / "uzb_kaz.png", series_title(["UZB"], ["KAZ"], "week", directed))
    assert path.read_bytes()[:8] == PNG_MAGIC and path.stat().st_size > 10_000


def test_plot_series_rejects_an_empty_series(con, tmp_path):
    with pytest.raises(OutputError, match="nothing to plot"):
        plot_series(dyad_series(con, ["TJK"], ["TKM"]), tmp_path / "x.png")


def test_series_title_names_the_dyad_and_frequency():
    assert series_title(["UZBGOV", "UZBMIL"], ["KAZ"], "quarter", True) == "UZBGOV,UZBMIL – KAZ: quarterly events, by direction"


def test_export_gdelt_writes_61_tab_separated_fields_per_line(con, tmp_path):
    out = tmp_path / "events.tsv"
    rows = export_events(con, "gdelt", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert rows == len(lines) == 9  # 12 events, three of them one aggregated row, one without a date left out
    assert all(len(line.split("\t")) == 61 for line in lines)


def test_export_gdelt_fields_follow_gdelt(con, tmp_path):
    out = tmp_path / "events.tsv"
    export_events(con, "gdelt", out, header=True)
    frame = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert len(frame.columns) == 61 and frame.columns[[0, 1, 25, 59, 60]].tolist() == [
        "GlobalEventID",
        "Day",
        "IsRootEvent",
        "DATEADDED",
        "SOURCEURL",
    ]
    row = frame[(frame.Day == "20240105")].iloc[0]
    assert (row.Actor1Code, row.Actor1Name, row.Actor1CountryCode, row.Actor1Type1Code) == ("UZBGOV", "UZBGOV OFFICIALS", "UZB", "GOV")
    assert (row.Actor2Name, row.EventCode, row.EventBaseCode, row.EventRootCode, row.QuadClass) == (
        "KAZGOV OFFICIALS",
        "042",
        "042",
        "04",
        "1",
    )
    assert (row.NumMentions, row.NumSources, row.NumArticles, row.MonthYear, row.Year) == ("3", "2", "2", "202401", "2024")
    assert (row.DATEADDED, row.Actor1Geo_Type, row.AvgTone) == ("20240601123005", "", "")
    un = frame[frame.Actor1Code == "IGOUNO"].iloc[0]
    assert (un.Actor1CountryCode, un.Actor1Type1Code, un.Actor1Type2Code) == ("", "IGO", "UNO")


def test_export_gdelt_ids_are_stable(con, tmp_path):
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    export_events(con, "gdelt", first)
    export_events(warehouse(), "gdelt", second)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


@pytest.mark.parametrize(("dedupe", "lines"), [("all", 12), ("one-a-day", 10), ("aggregate", 10)])
def test_export_plover_lines_are_json_with_the_required_keys(con, tmp_path, dedupe, lines):
    out = tmp_path / "events.jsonl"
    assert export_events(con, "plover", out, dedupe=dedupe) == lines
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    required = {"id", "date", "actor", "recipient", "event", "event_text", "cameo_code", "goldstein", "quad_class", "source"}
    assert len(records) == lines and all(required <= set(r) for r in records)
    by_code = {r["cameo_code"]: r["event"] for r in records}
    assert (by_code["042"], by_code["190"], by_code["111"], by_code["057"]) == ("CONSULT", "ASSAULT", "DISAPPROVE", "SUPPORT")


def test_export_plover_maps_subcodes_by_longest_prefix(con):
    got = con.execute("SELECT plover_event_type('0874'), plover_event_type('081'), plover_event_type('010')").fetchall()
    assert got == [("RETREAT", "CONCEDE", None)]


@pytest.mark.parametrize(
    ("fmt", "dedupe", "rows"), [("parquet", None, 12), ("parquet", "one-a-day", 10), ("csv", None, 12), ("csv", "aggregate", 10)]
)
def test_export_parquet_and_csv_write_the_events_views(con, tmp_path, fmt, dedupe, rows):
    out = tmp_path / f"events.{fmt}"
    assert export_events(con, fmt, out, dedupe=dedupe) == rows
    frame = pd.read_parquet(out) if fmt == "parquet" else pd.read_csv(out)
    assert len(frame) == rows and "source_actor" in frame.columns


@pytest.mark.parametrize(
    ("fmt", "name", "options", "error"),
    [
        ("gdelt", "e.tsv", {"dedupe": "all"}, ExportError),
        ("xml", "e.xml", {}, ExportError),
        ("plover", "e.jsonl", {"dedupe": "twice"}, SeriesError),
        ("parquet", "e.csv", {}, OutputError),
        ("csv", "missing/e.csv", {}, OutputError),
    ],
)
def test_export_events_rejects_what_cannot_work(con, tmp_path, fmt, name, options, error):
    with pytest.raises(error):
        export_events(con, fmt, tmp_path / name, **options)


def test_export_command_writes_gdelt(monkeypatch, tmp_path):
    monkeypatch.setattr(cli_series, "_connect", lambda path: warehouse())
    app = typer.Typer()
    cli_series.register(app)
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(app, ["export", "-w", str(tmp_path), "--format", "gdelt", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 9
    assert "1 event has no date and is not in the export" in result.output


GDELT_COLUMNS = Path(__file__).resolve().parents[1] / "data" / "gdelt_events_2.0.csv"
_PANDAS_TYPES = {"integer": "Int64", "float": "float64", "string": "string"}


def _read_as_gdelt(path: Path) -> pd.DataFrame:
    """An export read as a GDELT 2.0 event file: no header, GDELT's column names and types, tab-separated."""
    columns = pd.read_csv(GDELT_COLUMNS, comment="#")
    dtypes = {row.name: _PANDAS_TYPES[row.type] for row in columns.itertuples()}
    return pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=list(dtypes),
        dtype=dtypes,
        quoting=csv.QUOTE_NONE,
        keep_default_na=False,
        na_values={n: [""] for n, t in dtypes.items() if t != "string"},
    )


def test_export_gdelt_reads_with_gdelts_published_columns_and_types(con, tmp_path):
    out = tmp_path / "events.tsv"
    export_events(con, "gdelt", out)
    frame = _read_as_gdelt(out)
    assert len(frame) == 9 and len(frame.columns) == 61
    assert frame["Day"].notna().all() and frame["Year"].notna().all()  # no row without a date
    assert (frame["NumSources"] >= 1).all() and (frame["NumArticles"] >= 1).all()
    assert (frame["NumSources"] <= frame["NumArticles"]).all()
    assert set(frame["SOURCEURL"]) <= {"", "https://news.example/1"}  # a URL or nothing, never an outlet's name
    assert frame["GoldsteinScale"].dtype == "float64" and frame["DATEADDED"].dtype == "Int64"


def test_export_gdelt_counts_a_document_without_outlet_as_a_source(tmp_path):
    events = [ev("2024-05-01", "UZBGOV", "KAZGOV", "042", doc="a"), ev("2024-05-01", "UZBGOV", "KAZGOV", "042", doc="b")]
    documents = [doc("a", None, None), doc("b", None, None)]
    out = tmp_path / "events.tsv"
    export_events(warehouse(events, documents), "gdelt", out)
    (row,) = _read_as_gdelt(out).itertuples()
    assert (row.NumMentions, row.NumSources, row.NumArticles, row.SOURCEURL) == (2, 2, 2, "")


@pytest.mark.parametrize("fmt", ["plover", "csv"])
def test_export_command_says_how_many_events_have_no_date(monkeypatch, tmp_path, fmt):
    monkeypatch.setattr(cli_series, "_connect", lambda path: warehouse())
    app = typer.Typer()
    cli_series.register(app)
    out = tmp_path / ("events.jsonl" if fmt == "plover" else "events.csv")
    result = CliRunner().invoke(app, ["export", "-w", str(tmp_path), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 event has no date and is written with an empty date" in result.output


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("Kazakh President Nursultan Nazarbayev", "NURSULTAN NAZARBAYEV"),
        ("the Tajik leader’s", "THE TAJIK LEADER"),
        ("Bishkek’s", "BISHKEK"),
        ("June 4 Medvedev", "MEDVEDEV"),
        ("Chinese Foreign Minister Wang Yi's", "WANG YI"),
        ("Aliya Seitova, a Kazakh deputy minister", "ALIYA SEITOVA"),
        ("Speaker of the Majilis Ivan Petrov", "IVAN PETROV"),
        ("Turkmen border guards", "TURKMEN BORDER GUARDS"),
        ("United Nations", "UNITED NATIONS"),
        (None, ""),
    ],
)
def test_gdelt_actor_name_drops_possessives_dates_and_titles(words, name):
    assert actor_name(words) == name


def test_export_gdelt_writes_actor_names_as_gdelt_does(tmp_path):
    events = [
        ev("2024-05-01", "KAZGOV", "UZBGOV", "042", doc="a").model_copy(
            update={"source_text": "Kazakh Prime Minister Serik Akhmetov’s", "target_text": "March 3 Uzbekistan"}
        )
    ]
    out = tmp_path / "events.tsv"
    export_events(warehouse(events, [doc("a")]), "gdelt", out)
    (row,) = _read_as_gdelt(out).itertuples()
    assert (row.Actor1Name, row.Actor2Name) == ("SERIK AKHMETOV", "UZBEKISTAN")


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".dta", ".json", ".jsonl"])
def test_write_table_float_columns_read_back_as_floats(tmp_path, suffix):
    table = pa.table({"coop_index": pa.array([1.0, 0.0]), "events": pa.array([2, 0])})
    frame = _read_back(write_table(table, tmp_path / f"t{suffix}"))
    assert frame["coop_index"].dtype == "float64" and frame["events"].dtype.kind == "i"


@pytest.mark.parametrize("directed", [False, True])
def test_dyad_series_and_panel_share_one_table_shape(con, directed):
    from warehouse.dyads import dyad_panel

    series = dyad_series(con, ["UZB"], ["KAZ"], freq="quarter", directed=directed)
    panel = dyad_panel(con, ["UZB", "KAZ", "KGZ"], freq="quarter", directed=directed)
    assert panel.schema == series.schema
    assert series.column_names[:5] == ["period", "period_end", "direction", "actor_a", "actor_b"]
    assert {f.name for f in series.schema if pa.types.is_floating(f.type)} == {"goldstein_sum", "goldstein_mean", "coop_index", "share"}
