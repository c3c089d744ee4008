"""The dyad report page: its events match the series, its HTML holds the evidence inline and loads nothing from elsewhere."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

from schemas.errors import DyadflowError
from tests.warehouse.fixtures_events import CENTRAL_ASIA, CENTRAL_ASIA_DOCS, ev
from warehouse.dyads import SeriesError, dyad_series
from warehouse.report import (
    ReportOptions,
    parse_pair,
    parse_sides,
    render_report,
    report_events,
    report_path,
    write_reports,
)
from warehouse.report_events import event_groups, mark_trigger, pair_anchor
from warehouse.store import RunWriter

SECONDS = 10  # about how long this module's tests take: tests/conftest.py starts the longest first


def make_warehouse(root: Path, events=CENTRAL_ASIA, documents=CENTRAL_ASIA_DOCS) -> Path:
    """A warehouse on disk holding the given events and documents in one committed run."""
    with RunWriter(root) as writer:
        writer.write("documents", documents)
        writer.write("events", events)
        writer.commit(documents_new=len(documents), events=len(events))
    return root


@pytest.fixture(scope="module")
def central_asia(tmp_path_factory) -> Path:
    return make_warehouse(tmp_path_factory.mktemp("wh"))


@pytest.fixture
def con(central_asia):
    from warehouse.db import open_warehouse

    connection = open_warehouse(central_asia)
    yield connection
    connection.close()


def _script_free(html: str) -> str:
    return re.sub(r"<script\b.*?</script>", "", html, flags=re.DOTALL | re.IGNORECASE)


def test_the_listed_events_are_the_counted_ones_period_by_period_and_direction_by_direction(con):
    opts = ReportOptions(freq="month")
    events = report_events(con, [["UZB"], ["KAZ"]], opts)
    series = dyad_series(con, ["UZB"], ["KAZ"], freq="month", directed=True).to_pandas()
    series = series[series["events"] > 0]
    listed = events.groupby(["period", "side_source"]).size()
    counted = {
        (str(p)[:10], 1 if d == "A->B" else 2): n for p, d, n in zip(series["period"], series["direction"], series["events"], strict=True)
    }
    assert listed.to_dict() == counted
    # the domestic event (UZBGOV -> UZBMIL), the undated one and other dyads are not listed
    assert set(events["event_code"]) == {"042", "190", "111", "057"}
    assert events["event_date"].tolist() == sorted(events["event_date"].tolist())


def test_events_carry_their_article_and_the_cameo_name(con):
    events = report_events(con, [["UZB"], ["KAZ"]], ReportOptions())
    first = events[events["doc_id"] == "d1"].iloc[0]
    assert first["url"] == "https://news.example/1" and first["outlet"] == "Outlet A"
    assert first["event_name"] == "Make a visit"


def test_actor_prefix_sides_narrow_the_events(con):
    events = report_events(con, [["UZBGOV"], ["KAZ"]], ReportOptions())
    assert set(events["source_actor"]) | set(events["target_actor"]) == {"UZBGOV", "KAZGOV"}


def test_a_date_span_bounds_the_events(con):
    events = report_events(con, [["UZB"], ["KAZ"]], ReportOptions(start=dt.date(2024, 3, 1)))
    assert set(events["period"]) == {"2024-04-01"}


def test_the_trigger_is_marked_in_its_sentence_and_the_sentence_is_escaped():
    assert mark_trigger("Karimov met <Nazarbayev> in Astana.", "met") == "Karimov <mark>met</mark> &lt;Nazarbayev&gt; in Astana."
    assert mark_trigger("They signed a treaty.", "signed treaty") == "They <mark>signed</mark> a <mark>treaty</mark>."
    assert mark_trigger("Nothing here.", "visit") == "Nothing here."
    assert mark_trigger("A meeting of the metal guild met.", "met") == "A meeting of the metal guild <mark>met</mark>."


def test_the_page_is_one_file_with_the_evidence_as_text_and_nothing_to_fetch(con):
    html = render_report(con, [["UZB"], ["KAZ"]], ReportOptions(freq="month"))
    page = _script_free(html)
    assert "<mark>met</mark>" in page and "https://news.example/1" in page and "Make a visit" in page
    assert page.count('class="period"') == 2  # January and April 2024; February and March are empty
    assert [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src" in tag] == []
    assert not re.search(r"<link\b|@import|url\(|\ssrc=", page, flags=re.IGNORECASE)
    assert "default-src 'none'" in html
    assert len(re.findall(r"<script\b", html)) == len(re.findall(r"</script", html, flags=re.IGNORECASE)) == 3


def test_a_busy_pair_opens_on_its_busiest_period(con, monkeypatch):
    monkeypatch.setattr("warehouse.report_events.SHOW_ALL_MAX", 2)
    html = render_report(con, [["UZB"], ["KAZ"]], ReportOptions())
    assert 'data-default="2024-01-01"' in html
    assert re.search(r'<section class="period" data-period="2024-01-01" data-count="4">', html)
    assert re.search(r'<section class="period" data-period="2024-04-01" data-count="2" hidden>', html)


def test_a_long_period_lists_some_events_and_the_query_for_all(con, monkeypatch):
    monkeypatch.setattr("warehouse.report_events.LISTED_MAX", 3)
    html = render_report(con, [["UZB"], ["KAZ"]], ReportOptions())
    january = html.split('data-period="2024-01-01"')[1].split("</section>")[0]
    assert january.count("<tr data-event=") == 3
    query = re.search(r'… and 1 more event in January 2024; all of them: <code>dyadflow sql "(.*?)"</code>', january).group(1)
    assert con.execute(unescape(query)).df()["event_id"].nunique() == 4


def test_events_with_a_place_get_a_place_column(con):
    events = report_events(con, [["UZB"], ["KAZ"]], ReportOptions())
    series = pd.DataFrame({"direction": ["both"], "period_key": ["2024-01-01"], "goldstein_sum": [1.0], "coop_index": [0.5]})
    placed = events.assign(action_geo_name=["Astana"] + [None] * (len(events) - 1), action_geo_country="KAZ")
    html, _ = event_groups(placed, series, {}, [["UZB"], ["KAZ"]], "month")
    assert "<th>place</th>" in html and "<td>Astana (KAZ)</td>" in html and "<td>KAZ</td>" in html
    html, _ = event_groups(events, series, {}, [["UZB"], ["KAZ"]], "month")
    assert "<th>place</th>" not in html


def test_three_countries_make_a_matrix_linking_to_each_pair(con):
    html = render_report(con, parse_sides(["UZB", "KAZ", "KGZ"]), ReportOptions(freq="quarter"))
    for anchor in (pair_anchor("UZB", "KAZ"), pair_anchor("KAZ", "KGZ")):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert pair_anchor("UZB", "KGZ") not in html  # no events between them: no section
    assert '"kind":"matrix"' in html


def test_matrix_cells_are_symmetric_unless_directed(con):
    from warehouse.report import matrix_cells, pair_data

    sides = parse_sides(["UZB", "KAZ", "KGZ"])
    for directed in (False, True):
        opts = ReportOptions(directed=directed)
        cells = matrix_cells(sides, pair_data(con, sides, report_events(con, sides, opts), opts), directed=directed).set_index(
            ["row", "column"]
        )
        assert cells.loc[("UZB", "KGZ"), "events"] == 0 and pd.isna(cells.loc[("UZB", "KGZ"), "coop_index"])
        uzb_kaz, kaz_uzb = cells.loc[("UZB", "KAZ"), "events"], cells.loc[("KAZ", "UZB"), "events"]
        assert (uzb_kaz, kaz_uzb) == ((6, 6) if not directed else (4, 2))


def test_bad_sides_and_options_say_what_to_write():
    with pytest.raises(SeriesError, match="two sides"):
        parse_sides(["UZB"])
    with pytest.raises(SeriesError, match="named twice"):
        parse_sides(["UZB", "uzb"])
    with pytest.raises(SeriesError, match="one country"):
        parse_sides(["UZB,TJK", "KAZ", "KGZ"])
    with pytest.raises(SeriesError, match="A:B"):
        parse_pair("UZB-KAZ")
    assert parse_pair("UZBGOV,UZBMIL:KAZ") == [["UZBGOV", "UZBMIL"], ["KAZ"]]


def test_no_events_between_the_sides_is_an_error_not_an_empty_page(con):
    with pytest.raises(SeriesError, match="no dated events between any two of UZB TKM"):
        render_report(con, [["UZB"], ["TKM"]], ReportOptions())


def test_write_reports_keeps_each_pairs_page_in_the_warehouse(tmp_path):
    root = make_warehouse(tmp_path / "wh", [*CENTRAL_ASIA, ev("2024-05-01", "KAZGOV", "UZBGOV", "042", doc="d4", sentence_index=2)])
    written = write_reports(root, ["UZB:KAZ", "UZB:TKM"])
    page = report_path(root, [["UZB"], ["KAZ"]])
    assert written == [page] and page == root / "reports" / "UZB_KAZ.html"
    assert "May 2024" in page.read_text(encoding="utf-8")
    assert not report_path(root, [["UZB"], ["TKM"]]).exists()  # no events: no page
    assert [p.name for p in (root / "reports").iterdir()] == ["UZB_KAZ.html"]  # nothing left half-written


def test_report_command_writes_the_page(central_asia, tmp_path):
    from typer.testing import CliRunner

    from dyadflow.cli import app

    out = tmp_path / "uzb_kaz.html"
    result = CliRunner().invoke(
        app, ["report", "UZB", "KAZ", "-w", str(central_asia), "--out", str(out), "--freq", "quarter", "--directed"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "2024 Q1" in html and "quarterly periods · directions apart" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--freq", "week"], "month, quarter, year"),
        (["--out", "page.png"], "unknown output format"),
        (["--from", "2024-05-01", "--to", "2024-01-01"], "after the end date"),
    ],
)
def test_report_command_refuses_bad_options(central_asia, tmp_path, args, message):
    from typer.testing import CliRunner

    from dyadflow.cli import app

    argv = ["report", "UZB", "KAZ", "-w", str(central_asia), *args]
    if "--out" not in args:
        argv += ["--out", str(tmp_path / "r.html")]
    with pytest.raises(DyadflowError, match=message):
        CliRunner().invoke(app, argv, catch_exceptions=False)


def test_serve_carries_the_report_pairs_to_every_scheduled_run(tmp_path):
    from flows.serve import nightly_deployment, schedule

    deployment = nightly_deployment([str(tmp_path)], str(tmp_path / "wh"), schedule(None, None), reports=["UZB:KAZ", "UZBGOV:KGZ"])
    assert deployment.parameters["reports"] == ["UZB:KAZ", "UZBGOV:KGZ"]


def test_serve_refuses_a_badly_written_pair_before_serving(tmp_path):
    from typer.testing import CliRunner

    from dyadflow.cli import app

    with pytest.raises(SeriesError, match="A:B"):
        CliRunner().invoke(
            app, ["serve", "--input", str(tmp_path), "-w", str(tmp_path / "wh"), "--report", "UZB-KAZ"], catch_exceptions=False
        )


@pytest.mark.slow
def test_a_nightly_run_leaves_todays_page_of_each_pair_in_the_warehouse(prefect_harness, coder, tmp_path):
    from flows.serve import nightly_flow

    examples = Path(__file__).resolve().parents[2] / "dyadflow" / "examples"
    root = tmp_path / "wh"
    state = nightly_flow([str(examples)], str(root), reports=["CHN:KAZ", "TKM:BRA"], return_state=True)
    assert state.is_completed(), state.message
    assert sorted(p.name for p in (root / "reports").iterdir()) == ["CHN_KAZ.html"]  # no events between TKM and BRA
    assert "<mark>" in (root / "reports" / "CHN_KAZ.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("keys", "freq", "span"),
    [
        (["2024-04-01", "2024-01-01"], "quarter", ("2024-01-01", "2024-07-01")),
        (["2024-12-01"], "month", ("2024-12-01", "2025-01-01")),
        (["2006-01-01", "2008-01-01"], "year", ("2006-01-01", "2009-01-01")),
    ],
)
def test_every_panel_spans_from_the_first_period_to_the_end_of_the_last(keys, freq, span):
    from warehouse.report_charts import time_span

    assert time_span(pd.Series(keys), freq) == tuple(dt.date.fromisoformat(d) for d in span)
