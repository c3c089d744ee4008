"""Feeds read with feedparser from bytes the fetcher got, and the user's feed list (text or OPML)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyadflow.web.feeds import FeedLine, FeedProblem, parse_feed, read_feed_list
from schemas.errors import InputError
from schemas.records import FetchOutcome

BASE = "https://news.example.org"

RSS_091 = f"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old Wire</title><link>{BASE}/</link>
<description>d</description><language>en</language>
<item><title>Talks in Dushanbe</title><link>{BASE}/a.html?utm_source=rss</link></item></channel></rss>"""

RSS_10 = f"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="{BASE}/"><title>RDF Wire</title><link>{BASE}/</link>
<description>d</description></channel><item rdf:about="{BASE}/b.html"><title>Border reopened</title><link>{BASE}/b.html</link>
<dc:date>2026-02-01T10:00:00Z</dc:date><dc:creator>Desk</dc:creator></item></rdf:RDF>"""

RSS_20 = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Modern Wire</title><link>{BASE}/</link><description>d</description>
<item><title>Summit ends</title><link>/c.html</link><pubDate>Sun, 01 Mar 2026 12:00:00 GMT</pubDate></item>
<item><title>No link at all</title></item></channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<id>{BASE}/atom</id><updated>2026-03-02T00:00:00Z</updated>
<entry><title>Ministers meet</title><link rel="alternate" href="{BASE}/d.html#top"/><id>urn:d</id>
<published>2026-03-02T09:00:00+05:00</published><updated>2026-03-03T00:00:00Z</updated><author><name>A. Writer</name></author></entry></feed>"""


@pytest.mark.parametrize(
    ("xml", "title", "url", "date"),
    [
        (RSS_091, "Old Wire", f"{BASE}/a.html", None),
        (RSS_10, "RDF Wire", f"{BASE}/b.html", dt.date(2026, 2, 1)),
        (RSS_20, "Modern Wire", f"{BASE}/c.html", dt.date(2026, 3, 1)),
        (ATOM, "Atom Wire", f"{BASE}/d.html", dt.date(2026, 3, 2)),
    ],
)
def test_parse_feed_reads_rss_and_atom_entries(xml, title, url, date):
    feed = parse_feed(xml.encode(), f"{BASE}/feed.xml", "application/xml")
    assert feed.title == title
    assert [e.url for e in feed.entries] == [url]  # tracking parameters and fragments dropped, relative links resolved
    assert feed.entries[0].date == date


def test_parse_feed_reads_a_feed_served_as_html():
    assert parse_feed(RSS_20.encode(), f"{BASE}/feed.xml", "text/html").title == "Modern Wire"


def test_parse_feed_rejects_malformed_xml_even_when_entries_could_be_salvaged():
    broken = RSS_20.replace("</channel></rss>", "<item><title>cut off")
    with pytest.raises(FeedProblem) as problem:
        parse_feed(broken.encode(), f"{BASE}/feed.xml")
    assert problem.value.outcome == FetchOutcome.MALFORMED_FEED
    assert "salvaged" in problem.value.message


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"<!doctype html><html><head><title>Home</title></head><body><p>News</p></body></html>", "text/html"),
        (b"<?xml version='1.0'?><catalog><book>Not a feed</book></catalog>", "application/xml"),
        (b"%PDF-1.7\n%binary", "application/rss+xml"),
    ],
)
def test_parse_feed_rejects_what_is_not_a_feed(content, content_type):
    with pytest.raises(FeedProblem) as problem:
        parse_feed(content, f"{BASE}/feed.xml", content_type)
    assert problem.value.outcome == FetchOutcome.NOT_A_FEED


def test_read_feed_list_reads_urls_and_comments_and_flags_bad_lines(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text(f"# Central Asia\n{BASE}/rss.xml  # the main feed\n\nnot-a-url\n{BASE}/atom.xml?utm_source=me\n")
    lines = list(read_feed_list(path))
    assert [x.url for x in lines if isinstance(x, FeedLine)] == [f"{BASE}/rss.xml", f"{BASE}/atom.xml"]
    bad = [x for x in lines if isinstance(x, InputError)]
    assert len(bad) == 1 and bad[0].line == 4 and bad[0].path == str(path)


def test_read_feed_list_reads_opml(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        f'<outline text="Region"><outline type="rss" text="Wire" xmlUrl="{BASE}/rss.xml"/></outline>'
        f'<outline type="rss" title="Atom Wire" xmlUrl="{BASE}/atom.xml"/></body></opml>'
    )
    lines = list(read_feed_list(path))
    assert [(x.url, x.title) for x in lines] == [(f"{BASE}/rss.xml", "Wire"), (f"{BASE}/atom.xml", "Atom Wire")]


def test_read_feed_list_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the feed list"):
        list(read_feed_list(tmp_path / "nope.txt"))
