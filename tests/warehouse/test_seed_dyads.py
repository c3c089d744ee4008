"""The dyad series and exports over a warehouse of the five seed articles, as a user would run them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.conftest import shared_path

pytestmark = [pytest.mark.slow, pytest.mark.seeds]


@pytest.fixture(scope="module")
def seed_warehouse(tmp_path_factory, coder):
    from dyadflow.batches import run

    root = tmp_path_factory.mktemp("wh")
    run([shared_path("seeds")], root, coder=coder)
    return root


def _months(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def test_seed_dyad_monthly_series_is_contiguous_and_counts_match_sql(seed_warehouse):
    from warehouse.db import open_warehouse
    from warehouse.dyads import dyad_series

    con = open_warehouse(seed_warehouse)
    try:
        series = dyad_series(con, ["UZB"], ["KAZ"], freq="month").to_pandas()
        by_hand = con.execute(
            "select count(*) from events where event_date is not null and "
            "((source_country = 'UZB' and target_country = 'KAZ') or (source_country = 'KAZ' and target_country = 'UZB'))"
        ).fetchone()[0]
    finally:
        con.close()
    periods = pd.to_datetime(series["period"]).dt.date.tolist()
    assert len(periods) == _months(periods[0], periods[-1])  # no gaps
    assert series["events"].sum() == by_hand >= 4
    assert (series["verbal_coop"] + series["material_coop"] + series["verbal_conflict"] + series["material_conflict"]).tolist() == series[
        "events"
    ].tolist()


def test_seed_dyad_cli_writes_stata_png_and_gdelt(seed_warehouse, tmp_path):
    from typer.testing import CliRunner

    from dyadflow.cli import app

    runner = CliRunner()
    dta, png, tsv = tmp_path / "uzb_kaz.dta", tmp_path / "uzb_kaz.png", tmp_path / "events.tsv"
    result = runner.invoke(
        app, ["dyad", "UZB", "KAZ", "-w", str(seed_warehouse), "--freq", "quarter", "--directed", "--out", str(dta), "--plot", str(png)]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_stata(dta)
    assert {"period", "events", "goldstein_sum", "coop_index"} <= set(frame.columns) and len(frame) > 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    result = runner.invoke(app, ["export", "-w", str(seed_warehouse), "--format", "gdelt", "--out", str(tsv)])
    assert result.exit_code == 0, result.output
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
