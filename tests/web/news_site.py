"""A small local news site for the web input's tests: feeds, article pages with boilerplate, and a robots.txt.

Everything here is written for these tests. Feeds answer conditional requests (ETag, Last-Modified) with
304, as real feed servers do; every request is logged by pytest-httpserver (httpserver.log).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

LAST_MODIFIED = "Tue, 03 Mar 2026 08:00:00 GMT"

ROBOTS = "User-agent: *\nDisallow: /private/\n"

# Boilerplate that must never reach documents.text; its sentences would code events if it did.
NAVIGATION = (
    '<nav class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/region">Region</a> Subscribe to our newsletter</nav>'
)
COOKIES = (
    '<div class="cookie-notice"><p>We use cookies to improve your experience on our site. By continuing you accept all cookies.</p></div>'
)
SIDEBAR = (
    '<aside class="sidebar"><h3>Most read</h3><ul>'
    "<li><a href='/old/1.html'>Mongolia accused Japan of violating its airspace last year</a></li>"
    "<li><a href='/old/2.html'>Turkey condemned Greece over an island dispute</a></li></ul></aside>"
)
FOOTER = "<footer><p>Copyright 2026 Steppe Herald. All rights reserved.</p><p>Contact the newsroom: Mongolia threatened Japan with sanctions.</p></footer>"
BOILERPLATE_WORDS = ("Most read", "Mongolia", "Turkey condemned", "cookies", "Copyright", "newsletter")

ARTICLES = {
    "/news/visit.html": {
        "title": "Kazakh minister visits Tashkent",
        "date": "2026-03-02T09:30:00+05:00",
        "paragraphs": [
            "Kazakhstan's foreign minister arrived in Tashkent on Monday for a two-day visit to Uzbekistan.",
            "Uzbekistan's president met the Kazakh minister and praised the growing trade between the two neighbours.",
            "The two governments signed an agreement on sharing water from the Syr Darya river, officials said.",
        ],
    },
    "/news/gas.html": {
        "title": "Russia to supply more gas to Kyrgyzstan",
        "date": None,  # the page states none: the Atom entry's date is used
        "paragraphs": [
            "Russia agreed to supply more natural gas to Kyrgyzstan this winter, the Kyrgyz energy ministry said on Tuesday.",
            "Kyrgyzstan thanked Moscow for the help and promised to pay its debts for earlier deliveries.",
        ],
    },
    "/news/rail.html": {
        "title": "Chinese minister in Astana for rail talks",
        "date": "2026-03-04",
        "paragraphs": [
            "China's foreign minister visited Astana on Wednesday and held talks with Kazakh officials on new railway links across the border.",
            "Kazakhstan welcomed Chinese investment in its transport network, the ministry said.",
        ],
    },
}
# The visit article again under another address, without a canonical link: one document all the same.
PRINT_COPY = "/print/visit.html"
MISSING = "/news/missing.html"
FORBIDDEN = "/private/leak.html"
SALVAGED = "/news/salvaged.html"

ENTRY_DATES = {"/news/gas.html": "2026-03-03T06:00:00Z"}


def article_html(path: str, base: str, *, canonical: bool = True) -> str:
    """An article page: navigation, cookie notice, sidebar and footer around the article's paragraphs."""
    article = ARTICLES[path]
    metas = '<meta property="og:site_name" content="Steppe Herald"><meta name="author" content="Aigerim Nurlanovna">'
    if article["date"]:
        metas += f'<meta property="article:published_time" content="{article["date"]}">'
    link = f'<link rel="canonical" href="{base}{path}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in article["paragraphs"])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{article['title']} | Steppe Herald</title>{metas}{link}</head>"
        f"<body>{NAVIGATION}{COOKIES}<main><article><h1>{article['title']}</h1>{body}</article>{SIDEBAR}</main>{FOOTER}</body></html>"
    )


def rss(base: str) -> str:
    """An RSS 2.0 feed: two articles (one link with tracking parameters), a print copy, a 404 and a forbidden page."""
    items = [
        ("Kazakh minister visits Tashkent", "/news/visit.html?utm_source=rss&utm_medium=feed", "Mon, 02 Mar 2026 04:30:00 GMT"),
        ("Chinese minister in Astana for rail talks", "/news/rail.html", "Wed, 04 Mar 2026 07:00:00 GMT"),
        ("Printable: Kazakh minister visits Tashkent", PRINT_COPY, "Mon, 02 Mar 2026 04:31:00 GMT"),
        ("A story that was taken down", MISSING, "Mon, 02 Mar 2026 05:00:00 GMT"),
        ("Members only", FORBIDDEN, "Mon, 02 Mar 2026 06:00:00 GMT"),
    ]
    body = "".join(f"<item><title>{t}</title><link>{escape(base + p)}</link><pubDate>{d}</pubDate></item>" for t, p, d in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Steppe Herald: Region</title>'
        f"<link>{base}/</link><description>News of the region</description>{body}</channel></rss>"
    )


def atom(base: str) -> str:
    """An Atom feed: the gas article (dated only by the feed) and the visit article again (fetched once)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Steppe Herald: Energy</title>'
        f"<id>{base}/atom.xml</id><updated>2026-03-03T06:00:00Z</updated>"
        f'<entry><title>Russia to supply more gas to Kyrgyzstan</title><link href="{base}/news/gas.html"/>'
        f"<id>{base}/news/gas.html</id><updated>{ENTRY_DATES['/news/gas.html']}</updated></entry>"
        f'<entry><title>Kazakh minister visits Tashkent</title><link href="{base}/news/visit.html#comments"/>'
        f"<id>{base}/news/visit.html</id><updated>2026-03-02T04:30:00Z</updated></entry></feed>"
    )


def broken(base: str) -> str:
    """A feed that is not well-formed XML (an unclosed element), from which feedparser would still salvage an entry."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Broken</title>'
        f"<item><title>Salvaged</title><link>{base}{SALVAGED}</link></item><item><title>Unclosed</channel></rss>"
    )


def _conditional(body: str, content_type: str, etag: str, last_modified: str | None):  # type: ignore[no-untyped-def]
    """A handler answering 304 to a request whose If-None-Match or If-Modified-Since matches."""

    def handler(request: Request) -> Response:
        fresh = request.headers.get("If-None-Match") == etag or (
            last_modified is not None and request.headers.get("If-Modified-Since") == last_modified
        )
        headers = {"ETag": etag, **({"Last-Modified": last_modified} if last_modified else {})}
        if fresh:
            return Response(status=304, headers=headers)
        return Response(body, content_type=content_type, headers=headers)

    return handler


def serve_news_site(server: HTTPServer) -> dict[str, str]:
    """Register the site on server; return the feed URLs by name (rss, atom, broken, html, gone)."""
    base = server.url_for("").rstrip("/")
    server.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    server.expect_request("/rss.xml").respond_with_handler(_conditional(rss(base), "application/rss+xml", '"rss-1"', LAST_MODIFIED))
    server.expect_request("/atom.xml").respond_with_handler(_conditional(atom(base), "application/atom+xml", '"atom-1"', None))
    server.expect_request("/broken.xml").respond_with_data(broken(base), content_type="application/rss+xml")
    server.expect_request("/front.html").respond_with_data(article_html("/news/rail.html", base), content_type="text/html")
    for path in ARTICLES:
        server.expect_request(path).respond_with_data(article_html(path, base), content_type="text/html; charset=utf-8")
    server.expect_request(PRINT_COPY).respond_with_data(article_html("/news/visit.html", base, canonical=False), content_type="text/html")
    server.expect_request(MISSING).respond_with_data("not here", status=404, content_type="text/plain")
    server.expect_request(FORBIDDEN).respond_with_data(article_html("/news/rail.html", base), content_type="text/html")
    server.expect_request(SALVAGED).respond_with_data(article_html("/news/rail.html", base), content_type="text/html")
    server.expect_request("/gone.xml").respond_with_data("gone", status=410, content_type="text/plain")
    return {
        "rss": f"{base}/rss.xml",
        "atom": f"{base}/atom.xml",
        "broken": f"{base}/broken.xml",
        "html": f"{base}/front.html",
        "gone": f"{base}/gone.xml",
    }


def requested_paths(server: HTTPServer) -> list[str]:
    """The paths the server was asked for, in order."""
    return [request.path for request, _ in server.log]
