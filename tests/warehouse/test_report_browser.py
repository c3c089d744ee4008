"""The report page in a real browser: headless chromium opens it from disk, draws its charts, narrows its list, fetches nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import chromium, open_page
from tests.conftest import shared_path
from tests.warehouse.test_report import make_warehouse
from warehouse.report import ReportOptions, parse_sides, write_report

SECONDS = 17  # about how long this module's tests take: tests/conftest.py starts the longest first

pytestmark = pytest.mark.slow

DRAWN = 'document.querySelectorAll(".chart").length > 0 && [...document.querySelectorAll(".chart")].every(c => c.dataset.drawn)'


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


@pytest.fixture(scope="module")
def central_asia(tmp_path_factory) -> Path:
    return make_warehouse(tmp_path_factory.mktemp("wh"))


def _report(root: Path, out: Path, sides: list[str], **options) -> Path:
    from warehouse.db import open_warehouse

    con = open_warehouse(root)
    try:
        return write_report(con, parse_sides(sides), out, ReportOptions(**options))
    finally:
        con.close()


def _visible_periods(page) -> list[str]:
    return page.eval_on_selector_all("section.period:not([hidden])", "groups => groups.map(g => g.dataset.period)")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("policy", ["", "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'\">"])
def test_the_browser_check_sees_a_page_that_reaches_out(browser, tmp_path, policy):
    page_file = tmp_path / "leaky.html"
    page_file.write_text(f"<html><head>{policy}</head><body><img src='http://127.0.0.1:9/pixel.png'></body></html>")
    with open_page(browser, page_file) as opened:
        opened.page.wait_for_load_state("load")
        # recorded even where the page's policy refuses it, as the report's policy would
        assert opened.remote_requests() == ["http://127.0.0.1:9/pixel.png"]


def test_the_page_draws_its_charts_and_loads_nothing_from_the_network(browser, central_asia, tmp_path):
    page_file = _report(central_asia, tmp_path / "uzb_kaz.html", ["UZB", "KAZ"])
    with open_page(browser, page_file) as opened:
        opened.page.wait_for_function(DRAWN, timeout=30_000)
        marks = opened.page.locator("#chart-1-series svg g.role-mark path")
        assert marks.count() > 0
        assert opened.page.locator("#chart-1-series svg g.mark-rect.role-mark path").count() > 0  # bars
        assert opened.page.locator("#chart-1-actors svg g.mark-rect.role-mark path").count() > 0
        assert opened.errors == []
        assert opened.requests[0] == page_file.resolve().as_uri()
        assert opened.remote_requests() == []


def test_clicking_a_period_on_the_chart_lists_that_periods_events(browser, central_asia, tmp_path):
    page_file = _report(central_asia, tmp_path / "uzb_kaz.html", ["UZB", "KAZ"])
    with open_page(browser, page_file) as opened:
        page = opened.page
        page.wait_for_function(DRAWN, timeout=30_000)
        assert _visible_periods(page) == ["2024-01-01", "2024-04-01"]  # on load: every period, grouped
        page.locator('#chart-1-series g.mark-rect.role-mark path[aria-label*="period: April 2024;"]').first.click()
        page.wait_for_function('document.querySelector(".evidence-list").dataset.shown === "2024-04-01"', timeout=10_000)
        assert _visible_periods(page) == ["2024-04-01"]
        rows = page.locator("section.period:not([hidden]) tbody tr")
        assert rows.count() == 2 and {"111", "057"} <= set(rows.all_inner_texts()[0].split() + rows.all_inner_texts()[1].split())
        assert "April 2024: 2 of 6 events." in page.locator(".status").inner_text()
        page.locator("button.show-all").click()
        assert _visible_periods(page) == ["2024-01-01", "2024-04-01"]
        assert opened.remote_requests() == [] and opened.errors == []


def test_a_matrix_cell_opens_its_pairs_section(browser, central_asia, tmp_path):
    page_file = _report(central_asia, tmp_path / "central_asia.html", ["UZB", "KAZ", "KGZ"], freq="quarter")
    with open_page(browser, page_file) as opened:
        page = opened.page
        page.wait_for_function(DRAWN, timeout=30_000)
        cells = page.locator("#chart-matrix g.mark-rect.role-mark path")
        assert cells.count() == 6  # every ordered pair of three countries
        page.locator('#chart-matrix g.mark-text.role-mark text[aria-label="column: KAZ; row: UZB; cell_text: 6"]').click(timeout=10_000)
        page.wait_for_function('window.location.hash === "#pair-UZB-KAZ"', timeout=10_000)
        assert opened.remote_requests() == [] and opened.errors == []


@pytest.mark.seeds
def test_seed_report_shows_seed_sentences_as_the_evidence_of_events(browser, tmp_path, coder):
    from typer.testing import CliRunner

    from dyadflow.batches import run
    from dyadflow.cli import app
    from warehouse.db import open_warehouse

    root = tmp_path / "wh"
    run([shared_path("seeds")], root, coder=coder)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "UZB", "KAZ", "--warehouse", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    con = open_warehouse(root)
    try:
        sentences = {s for (s,) in con.execute("select sentence from dyad_events([['UZB'], ['KAZ']])").fetchall()}
    finally:
        con.close()
    assert len(sentences) >= 4
    with open_page(browser, out) as opened:
        page = opened.page
        page.wait_for_function(DRAWN, timeout=30_000)
        assert page.locator("#chart-1-series svg g.role-mark path").count() > 0
        shown = _words(page.locator(".evidence-list").inner_text())  # rendered text only, not script data
        for sentence in sentences:
            assert _words(sentence) in shown
        assert opened.remote_requests() == [] and opened.errors == []
