"""Nights of the web input against a local news site, without the coder: what is asked, what is read, what is remembered."""

from __future__ import annotations

from dataclasses import replace

import pytest
from werkzeug import Response as WerkzeugResponse

from dyadflow.web import WebInput, web_documents
from dyadflow.web.settings import WebSettings
from schemas.records import Document, Reject
from tests.web import news_site
from warehouse.db import memory_connection
from warehouse.store import RunWriter

SECONDS = 14  # about how long this module's tests take: tests/conftest.py starts the longest first

FAST = WebSettings(delay=0.0, backoff=0.01)


@pytest.fixture
def site(httpserver):
    """The news site's feeds by name."""
    return news_site.serve_news_site(httpserver)


@pytest.fixture(autouse=True)
def fast_settings(monkeypatch):
    monkeypatch.setattr("dyadflow.web.crawl.WebSettings.from_env", classmethod(lambda cls: FAST))


def night(warehouse, feeds=None, urls=(), *, lose: str = "") -> list[Document | Reject]:
    """One night's web input, stored and committed as the run loop does (the document titled `lose` is not: the coder failed)."""
    with RunWriter(warehouse) as writer:
        web = WebInput(feeds=str(feeds) if feeds else None, warehouse=writer.layout.root, store=writer.write)
        items = list(web_documents(list(urls), web))
        known = writer.known_doc_ids()
        documents = {d.doc_id: d for d in items if isinstance(d, Document) and d.doc_id not in known and d.title != lose}
        writer.write("documents", list(documents.values()))
        writer.commit()
    return items


def feed_list(tmp_path, *urls: str):
    path = tmp_path / "feeds.txt"
    path.write_text("# the test site\n" + "\n".join(urls) + "\n")
    return path


def query(warehouse, sql: str):
    con = memory_connection(warehouse)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_crawl_reads_each_article_once_without_boilerplate(site, httpserver, tmp_path):
    feeds = feed_list(tmp_path, site["rss"], site["atom"], site["broken"], site["html"])
    items = night(tmp_path / "wh", feeds)
    documents = [i for i in items if isinstance(i, Document)]
    paths = news_site.requested_paths(httpserver)
    for path in news_site.ARTICLES:
        assert paths.count(path) == 1  # visit.html is in both feeds, once with utm_ parameters, once with a fragment
    assert news_site.FORBIDDEN not in paths and news_site.SALVAGED not in paths
    assert paths.count("/robots.txt") == 1
    # the print copy is a fourth page but the same text: one doc_id
    assert len(documents) == 4 and len({d.doc_id for d in documents}) == 3
    for document in documents:
        assert not any(word in document.text for word in news_site.BOILERPLATE_WORDS), document.text
        assert document.source == "Steppe Herald" and document.language == "en"
    by_title = {d.title: d for d in documents}
    assert str(by_title["Kazakh minister visits Tashkent"].doc_date) == "2026-03-02"  # the page's own metadata
    assert str(by_title["Russia to supply more gas to Kyrgyzstan"].doc_date) == "2026-03-03"  # the Atom entry's date
    rejects = {r.path.removeprefix(httpserver.url_for("").rstrip("/")): r.reason for r in items if isinstance(r, Reject)}
    assert rejects == {
        news_site.MISSING: "not-found",
        news_site.FORBIDDEN: "robots",
        "/broken.xml": "malformed-feed",
        "/front.html": "not-a-feed",
    }
    raw = query(tmp_path / "wh", "select count(*), sum(octet_length(content)) from pages")[0]
    assert raw[0] == 4 and raw[1] > 4000  # the raw pages are kept for a later extractor


def test_crawl_second_night_asks_feeds_conditionally_and_fetches_no_article_again(site, httpserver, tmp_path):
    feeds = feed_list(tmp_path, site["rss"], site["atom"])
    night(tmp_path / "wh", feeds)
    httpserver.clear_log()
    items = night(tmp_path / "wh", feeds)
    paths = news_site.requested_paths(httpserver)
    assert not [i for i in items if isinstance(i, Document)]
    conditional = {r.path: (r.headers.get("If-None-Match"), r.headers.get("If-Modified-Since")) for r, _ in httpserver.log}
    assert conditional["/rss.xml"] == ('"rss-1"', news_site.LAST_MODIFIED)
    assert conditional["/atom.xml"] == ('"atom-1"', None)
    assert [response.status_code for request, response in httpserver.log if request.path.endswith(".xml")] == [304, 304]
    assert not set(paths) & set(news_site.ARTICLES) and news_site.FORBIDDEN not in paths
    outcomes = dict(query(tmp_path / "wh", "select outcome, count(*) from fetches where kind = 'feed' group by all"))
    assert outcomes == {"ok": 2, "not-modified": 2}


def test_crawl_gives_up_a_page_after_its_permanent_failures(site, httpserver, tmp_path, monkeypatch):
    monkeypatch.setattr("dyadflow.web.crawl.WebSettings.from_env", classmethod(lambda cls: replace(FAST, permanent_limit=2)))
    missing = httpserver.url_for(news_site.MISSING)
    asked = []
    for _ in range(3):
        httpserver.clear_log()
        items = night(tmp_path / "wh", urls=[missing])
        asked.append(news_site.requested_paths(httpserver).count(news_site.MISSING))
    assert asked == [1, 1, 0]  # 404 twice recorded: not asked on the third night
    assert not items


def test_crawl_tries_a_transient_failure_again_next_night_with_the_feed_s_metadata(httpserver, tmp_path, monkeypatch):
    monkeypatch.setattr("dyadflow.web.crawl.WebSettings.from_env", classmethod(lambda cls: replace(FAST, retries=0)))
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow:\n")
    httpserver.expect_request("/feed.xml").respond_with_data(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>{base}/</link><description>d</description>'
        f"<item><title>Rail talks</title><link>{base}/news/rail.html</link><pubDate>Wed, 04 Mar 2026 07:00:00 GMT</pubDate></item>"
        "</channel></rss>",
        content_type="application/rss+xml",
    )
    answers = iter(
        [WerkzeugResponse("busy", status=503), WerkzeugResponse(news_site.article_html("/news/rail.html", base), content_type="text/html")]
    )
    httpserver.expect_request("/news/rail.html").respond_with_handler(lambda request: next(answers))
    feeds = feed_list(tmp_path, f"{base}/feed.xml")
    first = night(tmp_path / "wh", feeds)
    assert [(r.reason, "tried again next run" in r.message) for r in first if isinstance(r, Reject)] == [("server-error", True)]
    second = night(tmp_path / "wh", feeds)
    documents = [d for d in second if isinstance(d, Document)]
    assert len(documents) == 1 and documents[0].url == f"{base}/news/rail.html"


def test_crawl_rejects_a_pdf_or_an_image_given_as_a_page(httpserver, tmp_path):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/report.pdf").respond_with_data(b"%PDF-1.7\n...", content_type="application/pdf")
    httpserver.expect_request("/photo.html").respond_with_data(b"\x89PNG\r\n\x1a\n....", content_type="text/html")
    items = night(tmp_path / "wh", urls=[httpserver.url_for("/report.pdf"), httpserver.url_for("/photo.html")])
    assert [(r.reason, r.message.split(",")[0]) for r in items] == [
        ("wrong-type", "is a PDF document"),
        ("wrong-type", "is a PNG image"),
    ]
    assert query(tmp_path / "wh", "select count(*) from pages")[0][0] == 0


def test_crawl_reads_a_page_the_coder_failed_on_again_from_its_kept_bytes(site, httpserver, tmp_path):
    feeds = feed_list(tmp_path, site["atom"])
    night(tmp_path / "wh", feeds, lose="Russia to supply more gas to Kyrgyzstan")
    httpserver.clear_log()
    items = night(tmp_path / "wh", feeds)
    assert [d.title for d in items if isinstance(d, Document)] == ["Russia to supply more gas to Kyrgyzstan"]
    assert "/news/gas.html" not in news_site.requested_paths(httpserver)
    assert [str(d.doc_date) for d in items if isinstance(d, Document)] == ["2026-03-03"]  # the feed's date, kept with the fetch
    assert not [d for d in night(tmp_path / "wh", feeds) if isinstance(d, Document)]


@pytest.mark.parametrize(
    ("href", "canonical"),
    [("/news/a.html?utm_source=x", "http://site.test/news/a.html"), ("https://other.test/a", "https://other.test/a"), ("/", None)],
)
def test_canonical_link_is_read_unless_it_names_the_home_page(href, canonical):
    from dyadflow.web.pages import canonical_link

    page = f'<html><head><link rel="canonical" href="{href}"></head><body></body></html>'.encode()
    assert canonical_link(page, "http://site.test/news/a.html?id=1") == canonical


def test_host_turns_interleaves_hosts_and_keeps_each_host_s_order():
    from dyadflow.web.crawl import PageJob, host_turns

    jobs = [
        PageJob(u) for u in ("https://a.kz/1", "https://a.kz/2", "https://a.kz/3", "https://b.uz/1", "https://c.tj/1", "https://b.uz/2")
    ]
    assert [j.url for j in host_turns(jobs)] == [
        "https://a.kz/1", "https://b.uz/1", "https://c.tj/1", "https://a.kz/2", "https://b.uz/2", "https://a.kz/3",
    ]  # fmt: skip
