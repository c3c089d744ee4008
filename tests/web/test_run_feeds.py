"""`dyadflow run --feeds` against a local news site, twice: articles stored once and coded, nothing new the next night."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dyadflow.cli import app
from tests.web import news_site
from warehouse.db import open_warehouse

pytestmark = pytest.mark.slow


def _query(warehouse, sql: str) -> list[tuple]:
    con = open_warehouse(warehouse)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _run(feeds, warehouse, *pages: str) -> None:
    result = CliRunner().invoke(app, ["run", *pages, "--feeds", str(feeds), "--warehouse", str(warehouse), "-q"])
    assert result.exit_code == 0, (result.output, result.exception)


def test_run_feeds_stores_and_codes_each_article_once_and_asks_conditionally_next_night(prefect_harness, httpserver, tmp_path, monkeypatch):
    monkeypatch.setenv("DYADFLOW_CRAWL_DELAY", "0.01")
    site = news_site.serve_news_site(httpserver)
    base = httpserver.url_for("").rstrip("/")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the local news site\n{site['rss']}\n{site['atom']}\n{site['broken']}\n")
    warehouse = tmp_path / "wh"

    _run(feeds, warehouse)

    documents = _query(warehouse, "select url, title, doc_date, source, text from documents order by url")
    assert [(url.removeprefix(base), title, str(date)) for url, title, date, _, _ in documents] == [
        ("/news/gas.html", "Russia to supply more gas to Kyrgyzstan", "2026-03-03"),
        ("/news/rail.html", "Chinese minister in Astana for rail talks", "2026-03-04"),
        ("/news/visit.html", "Kazakh minister visits Tashkent", "2026-03-02"),
    ]
    for *_, text in documents:
        assert not any(word in text for word in news_site.BOILERPLATE_WORDS), text
    events = set(_query(warehouse, "select source_actor, event_code, target_actor from events"))
    assert ("KAZGOV", "042", "UZBGOV") in events and ("CHNGOV", "042", "KAZGOV") in events
    assert not {e for e in events if "MNG" in e[0] or "TUR" in e[0]}  # nothing coded from the sidebar or footer
    rejects = dict(_query(warehouse, "select path, reason from rejects"))
    assert rejects[f"{base}{news_site.MISSING}"] == "not-found"
    assert rejects[site["broken"]] == "malformed-feed"
    paths = news_site.requested_paths(httpserver)
    assert news_site.FORBIDDEN not in paths and news_site.SALVAGED not in paths
    assert all(request.headers["User-Agent"].startswith("dyadflow/") for request, _ in httpserver.log)
    counts = _query(warehouse, "select (select count(*) from documents), (select count(*) from events)")[0]

    httpserver.clear_log()
    _run(feeds, warehouse, f"{base}/news/visit.html?utm_source=newsletter")  # a page URL as an input: fetched already

    statuses = {request.path: response.status_code for request, response in httpserver.log}
    assert statuses["/rss.xml"] == statuses["/atom.xml"] == 304
    assert not set(statuses) & {*news_site.ARTICLES, news_site.PRINT_COPY}  # no article fetched again
    assert all(request.headers["User-Agent"].startswith("dyadflow/") for request, _ in httpserver.log)
    assert _query(warehouse, "select (select count(*) from documents), (select count(*) from events)")[0] == counts
    last = _query(warehouse, "select documents_new, events from runs order by started_at desc limit 1")[0]
    assert last == (0, 0)
